"""LLMBar "Metrics" evaluator results (``evaluators/GPT-4/Metrics/result.json``).

A JSON list of ``{input, output_1, output_2, label, results}``; ``input`` is the instruction
(the prompt) and ``results[0][0]`` is the GPT-4-generated numbered list of evaluation
questions. Each record is one rubric (id ``rubric-<n>``) whose criteria are the list items
(ids ``q1``, ``q2``...), split with exact positions by :mod:`listsplit`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from rift_lint.models import PositionalId, Rubric
from rift_lint.parsing.adapters.listsplit import list_criteria
from rift_lint.parsing.build import (
    RecordContext,
    container_location,
    make_rubric,
    string_value,
)
from rift_lint.parsing.errors import ParseError

NAME = "llmbar_metrics"
_KEYS = ("input", "output_1", "output_2", "results")


def matches(data: Any) -> bool:
    """A list whose first item has ``input``, ``output_1``, ``output_2`` and ``results``."""
    return (
        isinstance(data, list)
        and bool(data)
        and isinstance(data[0], dict)
        and all(key in data[0] for key in _KEYS)
    )


def _questions(record: Any) -> list | None:
    """The list holding the questions string at index 0 (``results[0]``), if well formed."""
    results = record.get("results") if isinstance(record, dict) else None
    first = results[0] if isinstance(results, list) and results else None
    return first if isinstance(first, list) and first and isinstance(first[0], str) else None


def extract(data: Any, context: RecordContext) -> Iterator[Rubric | ParseError]:
    """Yield one rubric per record, and a parse error per record without questions."""
    for index, record in enumerate(data):
        holder = _questions(record)
        if holder is None or not isinstance(record.get("input"), str):
            yield ParseError(
                f"LLMBar record {index + 1} needs an 'input' string and a questions "
                "string at results[0][0]",
                container_location(record, context),
            )
            continue
        prompt, prompt_origin, prompt_location = string_value(record, "input")
        yield make_rubric(
            rubric_id=PositionalId(f"rubric-{index + 1}"),
            context=context,
            criteria=list_criteria(holder, 0, context),
            location=container_location(record, context),
            prompt=prompt,
            prompt_location=prompt_location,
            prompt_origin=prompt_origin,
            metadata={"dataset": "LLMBar Metrics", "label": record.get("label")},
        )
