"""Auto-Rubric "Theme-Tips" library of RM-Gallery (``rubric_library_extracted.json``).

A JSON list of rubric sets ``{id, name, queryRelated, domain, subdomain, language, source,
description, scenario, rubrics[], complexity, query?}``. Each ``rubrics`` string (a
"Theme: ... - Tip 1: ..." block or a one-line "Name: text" criterion) is one criterion (ids
``r1``, ``r2``...); the prompt is ``query`` when the set is query-specific.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from rift_lint.models import PositionalId, Rubric
from rift_lint.parsing.build import (
    RecordContext,
    container_location,
    location_of,
    make_criterion,
    make_rubric,
    optional_string,
)
from rift_lint.parsing.errors import ParseError

NAME = "auto_rubric"


def _is_set(item: Any) -> bool:
    return (
        isinstance(item, dict) and "queryRelated" in item and isinstance(item.get("rubrics"), list)
    )


def matches(data: Any) -> bool:
    """A list whose first item has ``queryRelated`` and a ``rubrics`` list."""
    return isinstance(data, list) and bool(data) and _is_set(data[0])


def extract(data: Any, context: RecordContext) -> Iterator[Rubric | ParseError]:
    """Yield one rubric per rubric set."""
    for index, item in enumerate(data):
        if not _is_set(item):
            yield ParseError(
                f"Auto-Rubric set {index + 1} has no 'rubrics' list",
                container_location(item, context),
            )
            continue
        criteria = []
        entries = item["rubrics"]
        for position, entry in enumerate(entries):
            if not isinstance(entry, str):
                yield ParseError(
                    f"Auto-Rubric set {index + 1}: rubric {position + 1} is not a string",
                    location_of(entries, position, context),
                )
                continue
            criteria.append(
                make_criterion(
                    entries,
                    position,
                    criterion_id=PositionalId(f"r{position + 1}"),
                    context=context,
                )
            )
        prompt, prompt_location, prompt_origin = optional_string(item, "query")
        yield make_rubric(
            rubric_id=item.get("id") or PositionalId(f"set-{index + 1}"),
            context=context,
            criteria=criteria,
            location=container_location(item, context),
            prompt=prompt,
            prompt_location=prompt_location,
            prompt_origin=prompt_origin,
            metadata={
                "dataset": "Auto-Rubric",
                **{key: value for key, value in item.items() if key not in {"rubrics", "query"}},
            },
        )
