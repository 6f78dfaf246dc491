"""HelloBench (``Quehry/HelloBench``) checklists, in two layouts.

* ``checklists/*_checklist.json``: a mapping of sub-category (``report_write``...) to a list
  of checklist questions; each sub-category is one rubric without a prompt.
* ``data/main_data/*.jsonl`` rows: ``id``, ``category``, ``instruction`` (the prompt),
  ``checklists`` (questions), ``formatted_checklists``, ``num_checklist``, ``requirements``;
  each row is one rubric with id ``id``.

Criterion ids are ``q1``, ``q2``... in list order.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from rift_lint.location import Location
from rift_lint.models import PositionalId, Rubric
from rift_lint.parsing.build import (
    RecordContext,
    container_location,
    location_of,
    make_criterion,
    make_rubric,
    string_value,
)
from rift_lint.parsing.errors import ParseError
from rift_lint.source import TextOrigin

NAME = "hellobench"


def _is_row(data: Any) -> bool:
    return isinstance(data.get("instruction"), str) and isinstance(data.get("checklists"), list)


def _is_checklist_map(data: dict) -> bool:
    lists = list(data.values())
    if not all(isinstance(value, list) and value for value in lists):
        return False
    first = lists[0][0]
    return isinstance(first, str) and "?" in first


def matches(data: Any) -> bool:
    """A row with ``instruction`` and ``checklists``, or a map of names to question lists."""
    if not isinstance(data, dict) or not data:
        return False
    return _is_row(data) or _is_checklist_map(data)


def _rubric(
    questions: list,
    rubric_id: Any,
    context: RecordContext,
    location: Location,
    metadata: dict[str, Any],
    prompt: tuple[str | None, Location | None, TextOrigin | None] = (None, None, None),
) -> Iterator[Rubric | ParseError]:
    criteria = []
    for index, question in enumerate(questions):
        if not isinstance(question, str):
            yield ParseError(
                f"HelloBench checklist item {index + 1} of {rubric_id} is not a string",
                location_of(questions, index, context),
            )
            continue
        criteria.append(
            make_criterion(
                questions, index, criterion_id=PositionalId(f"q{index + 1}"), context=context
            )
        )
    yield make_rubric(
        rubric_id=rubric_id,
        context=context,
        criteria=criteria,
        location=location,
        prompt=prompt[0],
        prompt_location=prompt[1],
        prompt_origin=prompt[2],
        metadata={"dataset": "HelloBench", **metadata},
    )


def extract(data: Any, context: RecordContext) -> Iterator[Rubric | ParseError]:
    """Yield one rubric per data row or per checklist sub-category."""
    if _is_row(data):
        text, origin, location = string_value(data, "instruction")
        yield from _rubric(
            data["checklists"],
            data.get("id") or context.default_id("hellobench"),
            context,
            container_location(data, context),
            {key: value for key, value in data.items() if key not in {"instruction", "checklists"}},
            (text, location, origin),
        )
        return
    for category, questions in data.items():
        location = location_of(data, category, context)
        yield from _rubric(questions, category, context, location, {"category": category})
