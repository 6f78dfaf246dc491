"""WritingBench (X-PLUG) JSONL rows, such as ``length_subset.jsonl``.

Each row has ``index``, ``domain1``, ``domain2``, ``query`` (the writing prompt) and
``checklist[] = {name, criteria_description, "1-2", "3-4", "5-6", "7-8", "9-10"}``. The rubric
id is ``index``; each checklist entry is a criterion whose text is ``criteria_description``,
whose id is ``name`` and whose levels are the score bands (labelled ``"1-2"``..., scored with
the band's upper bound).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from rift_lint.models import Criterion, Level, PositionalId, Rubric
from rift_lint.parsing.build import (
    RecordContext,
    container_location,
    location_of,
    make_criterion,
    make_rubric,
    optional_string,
    string_value,
)
from rift_lint.parsing.errors import ParseError, repeated_ids

NAME = "writingbench"
_BAND = re.compile(r"^\s*(\d+)\s*-\s*(\d+)\s*$")


def matches(data: Any) -> bool:
    """A mapping with a ``query`` and a ``checklist`` of ``criteria_description`` entries."""
    if not isinstance(data, dict) or "query" not in data:
        return False
    checklist = data.get("checklist")
    return (
        isinstance(checklist, list)
        and bool(checklist)
        and isinstance(checklist[0], dict)
        and "criteria_description" in checklist[0]
    )


def _levels(entry: dict) -> list[Level]:
    levels = []
    for label, text in entry.items():
        band = _BAND.match(str(label))
        if band and isinstance(text, str):
            value, origin, _ = string_value(entry, label)
            levels.append(
                Level(label=str(label), text=value, score=float(band.group(2)), origin=origin)
            )
    return levels


def extract(data: Any, context: RecordContext) -> Iterator[Rubric | ParseError]:
    """Yield the rubric of one WritingBench row (and an error per malformed entry)."""
    criteria: list[Criterion] = []
    entries = data["checklist"]
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict) or not isinstance(entry.get("criteria_description"), str):
            location = location_of(entries, index, context)
            yield ParseError(
                f"WritingBench checklist entry {index + 1} has no 'criteria_description' string",
                location,
            )
            continue
        name = entry.get("name")
        criteria.append(
            make_criterion(
                entry,
                "criteria_description",
                criterion_id=str(name) if name is not None else PositionalId(f"c{index + 1}"),
                context=context,
                levels=_levels(entry),
            )
        )
    yield from repeated_ids(criteria)
    prompt, prompt_location, prompt_origin = optional_string(data, "query")
    index = data.get("index")
    yield make_rubric(
        rubric_id=index if index is not None else context.default_id("writingbench"),
        context=context,
        criteria=criteria,
        location=container_location(data, context),
        prompt=prompt,
        prompt_location=prompt_location,
        prompt_origin=prompt_origin,
        metadata={
            "dataset": "WritingBench",
            **{key: value for key, value in data.items() if key not in {"query", "checklist"}},
        },
    )
