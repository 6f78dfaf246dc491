"""DeepResearch Bench II ``tasks_and_rubrics.jsonl`` rows.

Each row has ``id``, ``idx``, ``language`` (en/zh), ``theme``, ``description``, ``prompt`` and
``content = {task, rubric: {info_recall: [...], analysis: [...], presentation: [...]},
blocked}``. Every string of a rubric group is a binary criterion: its axis is the group name
and its id is ``<group>-<n>`` (1-based, for example ``info_recall-3``). The rubric id is ``id``.
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
    optional_string,
)
from rift_lint.parsing.errors import ParseError

NAME = "deepresearch_bench_ii"


def matches(data: Any) -> bool:
    """A mapping with ``prompt`` and ``content.rubric``, a mapping of criterion lists."""
    if not isinstance(data, dict) or "prompt" not in data:
        return False
    content = data.get("content")
    rubric = content.get("rubric") if isinstance(content, dict) else None
    return (
        isinstance(rubric, dict)
        and bool(rubric)
        and all(isinstance(group, list) for group in rubric.values())
    )


def extract(data: Any, context: RecordContext) -> Iterator[Rubric | ParseError]:
    """Yield the rubric of one task (and an error per criterion that is not a string)."""
    content = data["content"]
    criteria: list[Criterion] = []
    for group, items in content["rubric"].items():
        for index, item in enumerate(items):
            if not isinstance(item, str):
                location = location_of(items, index, context)
                yield ParseError(
                    f"DeepResearch Bench II {group} criterion {index + 1} is not a string",
                    location,
                )
                continue
            criteria.append(
                make_criterion(
                    items,
                    index,
                    criterion_id=PositionalId(f"{group}-{index + 1}"),
                    context=context,
                    axis=str(group),
                )
            )
    prompt, prompt_location, prompt_origin = optional_string(data, "prompt")
    yield make_rubric(
        rubric_id=data.get("id") or context.default_id("task"),
        context=context,
        criteria=criteria,
        location=container_location(data, context),
        prompt=prompt,
        prompt_location=prompt_location,
        prompt_origin=prompt_origin,
        metadata={
            "dataset": "DeepResearch Bench II",
            **{key: value for key, value in data.items() if key not in {"prompt", "content"}},
            **{key: value for key, value in content.items() if key != "rubric"},
        },
    )
