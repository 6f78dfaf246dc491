"""ResearchRubrics (Scale AI), as converted by ``delip/autorubric``.

A file is ``{name, prompt, rubric, items: [...]}``; each item (or a single item file, or a
JSONL row) has ``prompt`` (the deep-research task), ``description`` (``"domain: ... |
sample_id: ..."``), ``rubric[] = {name, weight, requirement}``. ``name`` is ``"<axis>-<n>"``
(for example ``"Explicit Criteria-2"``); ``weight`` ranges from -5 to 5 (negative = penalty).
The rubric id is the ``sample_id`` of the description (else ``item-<n>``), the criterion id
is ``name``, points are ``weight`` and the axis is ``name`` without its ``-<n>`` suffix.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from rift_lint.models import Criterion, PositionalId, Rubric
from rift_lint.parsing.build import (
    RecordContext,
    container_location,
    location_of,
    make_criterion,
    make_rubric,
    optional_string,
    value_location,
)
from rift_lint.parsing.errors import ParseError, repeated_ids

NAME = "researchrubrics"
_CONSUMED = {"prompt", "rubric"}
_NUMBERED_NAME = re.compile(r"^(.*\S)\s*-\s*\d+$")


def _is_item(data: Any) -> bool:
    rubric = data.get("rubric") if isinstance(data, dict) else None
    return (
        isinstance(rubric, list)
        and bool(rubric)
        and isinstance(rubric[0], dict)
        and "requirement" in rubric[0]
    )


def matches(data: Any) -> bool:
    """An item with a ``rubric`` list of ``requirement`` mappings, or ``items`` of such."""
    if _is_item(data):
        return True
    items = data.get("items") if isinstance(data, dict) else None
    return isinstance(items, list) and bool(items) and _is_item(items[0])


def extract(data: Any, context: RecordContext) -> Iterator[Rubric | ParseError]:
    """Yield one rubric per item."""
    if _is_item(data):
        yield from _item(data, context, context.default_id("item"))
        return
    items = data["items"]
    for index, item in enumerate(items):
        if not _is_item(item):
            location = location_of(items, index, context)
            yield ParseError(
                f"ResearchRubrics item {index + 1} has no 'rubric' list of requirements", location
            )
            continue
        yield from _item(item, context, f"item-{index + 1}")


def axis_of(name: str) -> str | None:
    """The axis in a criterion name ``"<axis>-<n>"``; ``None`` without a numeric suffix."""
    match = _NUMBERED_NAME.match(name.strip())
    return match.group(1) if match else None


def _description(raw: Any) -> dict[str, str]:
    """``"domain: X | sample_id: Y"`` as ``{"domain": "X", "sample_id": "Y"}``."""
    if not isinstance(raw, str):
        return {}
    fields = {}
    for part in raw.split("|"):
        key, sep, value = part.partition(":")
        if sep:
            fields[key.strip()] = value.strip()
    return fields


def _item(data: dict, context: RecordContext, default_id: str) -> Iterator[Rubric | ParseError]:
    criteria: list[Criterion] = []
    entries = data["rubric"]
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict) or not isinstance(entry.get("requirement"), str):
            location = location_of(entries, index, context)
            yield ParseError(
                f"ResearchRubrics criterion {index + 1} has no 'requirement' string", location
            )
            continue
        name = entry.get("name")
        criteria.append(
            make_criterion(
                entry,
                "requirement",
                criterion_id=str(name) if name is not None else PositionalId(f"c{index + 1}"),
                context=context,
                points_raw=entry.get("weight"),
                points_location=value_location(entry, "weight"),
                axis=axis_of(name) if isinstance(name, str) else None,
            )
        )
    yield from repeated_ids(criteria)
    description = _description(data.get("description"))
    prompt, prompt_location, prompt_origin = optional_string(data, "prompt")
    yield make_rubric(
        rubric_id=description.get("sample_id") or data.get("id") or default_id,
        context=context,
        criteria=criteria,
        location=container_location(data, context),
        prompt=prompt,
        prompt_location=prompt_location,
        prompt_origin=prompt_origin,
        metadata={
            "dataset": "ResearchRubrics",
            **{key: value for key, value in data.items() if key not in _CONSUMED},
            **description,
        },
    )
