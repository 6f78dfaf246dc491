"""DeepEval G-Eval configs extracted from the DeepEval docs (``geval_criteria_from_docs.json``).

A JSON list of ``{source_file, class, name, criteria?, evaluation_steps?[], threshold?,
rubric_src?}`` records (``class`` is GEval, ConversationalGEval or ArenaGEval). Each record is
one rubric without a prompt (the criteria are generic); its id is ``name`` (``name-2``... for
repeated names). Its criteria are the ``criteria`` string (id ``criteria``) and each
evaluation step (ids ``step-1``, ``step-2``...).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from rift_lint.models import Criterion, PositionalId, Rubric
from rift_lint.parsing.build import (
    RecordContext,
    container_location,
    location_of,
    make_criterion,
    make_rubric,
)
from rift_lint.parsing.errors import ParseError

NAME = "deepeval_geval"
_CONSUMED = {"name", "criteria", "evaluation_steps"}


def _is_config(item: Any) -> bool:
    return (
        isinstance(item, dict)
        and "name" in item
        and ("criteria" in item or "evaluation_steps" in item)
    )


def matches(data: Any) -> bool:
    """A non-empty list of mappings with ``name`` and ``criteria`` or ``evaluation_steps``."""
    return isinstance(data, list) and bool(data) and all(map(_is_config, data))


def _criteria(item: dict, context: RecordContext) -> Iterator[Criterion | ParseError]:
    if "criteria" in item:
        if isinstance(item["criteria"], str):
            yield make_criterion(item, "criteria", criterion_id="criteria", context=context)
        else:
            yield ParseError(
                "G-Eval 'criteria' must be a string",
                location_of(item, "criteria", context),
            )
    steps = item.get("evaluation_steps", [])
    if not isinstance(steps, list):
        yield ParseError(
            "G-Eval 'evaluation_steps' must be a list of strings",
            location_of(item, "evaluation_steps", context),
        )
        return
    for index, step in enumerate(steps):
        if isinstance(step, str):
            yield make_criterion(
                steps, index, criterion_id=PositionalId(f"step-{index + 1}"), context=context
            )
        else:
            yield ParseError(
                f"G-Eval evaluation step {index + 1} is not a string",
                location_of(steps, index, context),
            )


def extract(data: Any, context: RecordContext) -> Iterator[Rubric | ParseError]:
    """Yield one rubric per G-Eval config."""
    seen: dict[str, int] = {}
    for item in data:
        criteria = []
        for found in _criteria(item, context):
            if isinstance(found, ParseError):
                yield found
            else:
                criteria.append(found)
        name = str(item["name"])
        seen[name] = seen.get(name, 0) + 1
        yield make_rubric(
            rubric_id=name if seen[name] == 1 else PositionalId(f"{name}-{seen[name]}"),
            context=context,
            criteria=criteria,
            location=container_location(item, context),
            metadata={
                "dataset": "DeepEval G-Eval",
                **{key: value for key, value in item.items() if key not in _CONSUMED},
            },
        )
