"""MT-Bench judge prompts (FastChat ``llm_judge/data/judge_prompts.jsonl``).

Each row is ``{name, type (pairwise/single), system_prompt, prompt_template, description,
category, output_format}``. The grading instructions are the rubric: each row is one rubric
(id ``name``, no prompt) with one criterion, id ``judge``: the ``system_prompt`` when it holds
the instructions, else (a generic "You are a helpful assistant.") the ``prompt_template``.
The question file (``question.jsonl``, ``{question_id, category, turns}``) is not a rubric.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from rift_lint.models import Rubric
from rift_lint.parsing.build import (
    RecordContext,
    container_location,
    make_criterion,
    make_rubric,
)
from rift_lint.parsing.errors import ParseError

NAME = "mtbench_judge"
_INSTRUCTION_WORDS = ("evaluat", "judge")


def matches(data: Any) -> bool:
    """A mapping with ``system_prompt`` and ``prompt_template`` strings and ``output_format``."""
    return (
        isinstance(data, dict)
        and isinstance(data.get("system_prompt"), str)
        and isinstance(data.get("prompt_template"), str)
        and "output_format" in data
    )


def extract(data: Any, context: RecordContext) -> Iterator[Rubric | ParseError]:
    """Yield the one-criterion rubric of a judge prompt."""
    system = data["system_prompt"].lower()
    key = (
        "system_prompt" if any(word in system for word in _INSTRUCTION_WORDS) else "prompt_template"
    )
    yield make_rubric(
        rubric_id=data.get("name") or context.default_id("judge"),
        context=context,
        criteria=[make_criterion(data, key, criterion_id="judge", context=context)],
        location=container_location(data, context),
        metadata={
            "dataset": "MT-Bench judge prompts",
            "criterion_field": key,
            **{name: value for name, value in data.items() if name != key},
        },
    )
