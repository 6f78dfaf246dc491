"""HealthBench (OpenAI simple-evals) JSONL rows.

Each row has ``prompt_id``, ``prompt`` (a chat: ``[{role, content}]``), ``example_tags``,
``ideal_completions_data``, ``canary`` and ``rubrics[] = {criterion, points, tags}``. Points
range from -10 to 10 (negative for penalties); tags look like ``level:example``,
``axis:accuracy`` and ``cluster:...``. The rubric id is ``prompt_id``, criterion ids are
``c1``, ``c2``... in file order, the axis comes from the ``axis:`` tag and all tags are kept.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from rift_lint.models import Criterion, PositionalId, Rubric
from rift_lint.parsing.build import (
    RecordContext,
    chat_to_text,
    container_location,
    location_of,
    make_criterion,
    make_rubric,
    value_location,
)
from rift_lint.parsing.errors import ParseError

NAME = "healthbench"
_CONSUMED = {"prompt", "prompt_id", "rubrics"}


def matches(data: Any) -> bool:
    """A mapping with a chat ``prompt`` list and ``rubrics`` items that have ``criterion``."""
    if not isinstance(data, dict) or not isinstance(data.get("prompt"), list):
        return False
    rubrics = data.get("rubrics")
    return (
        isinstance(rubrics, list)
        and bool(rubrics)
        and isinstance(rubrics[0], dict)
        and "criterion" in rubrics[0]
    )


def extract(data: Any, context: RecordContext) -> Iterator[Rubric | ParseError]:
    """Yield the rubric of one HealthBench row (and an error per malformed criterion)."""
    criteria: list[Criterion] = []
    items = data["rubrics"]
    for index, item in enumerate(items):
        if not isinstance(item, dict) or not isinstance(item.get("criterion"), str):
            location = location_of(items, index, context)
            yield ParseError(
                f"HealthBench rubric item {index + 1} has no 'criterion' string", location
            )
            continue
        tags = item.get("tags") if isinstance(item.get("tags"), list) else []
        axis = next(
            (
                tag.split(":", 1)[1]
                for tag in tags
                if isinstance(tag, str) and tag.startswith("axis:")
            ),
            None,
        )
        criteria.append(
            make_criterion(
                item,
                "criterion",
                criterion_id=PositionalId(f"c{index + 1}"),
                context=context,
                points_raw=item.get("points"),
                points_location=value_location(item, "points"),
                axis=axis,
                tags=tags,
            )
        )
    yield make_rubric(
        rubric_id=data.get("prompt_id") or context.default_id("healthbench"),
        context=context,
        criteria=criteria,
        location=container_location(data, context),
        prompt=chat_to_text(data["prompt"]),
        prompt_location=value_location(data, "prompt"),
        metadata={
            "dataset": "HealthBench",
            **{key: value for key, value in data.items() if key not in _CONSUMED},
        },
    )
