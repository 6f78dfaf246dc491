"""FLASK (KAIST) skill rubrics, ``skillset_description.json``.

A JSON list of 12 skills ``{Skill, Criteria, Scoring: {"1": ..., "5": ...}}``. The file is
one rubric (id ``flask-skillset``, no prompt) with one criterion per skill: id ``Skill``,
text ``Criteria``, levels the five ``Scoring`` descriptions (scored 1 to 5). The evaluation
set (``flask_hard_evaluation.jsonl``, prompts labelled with skill names) and the judge
template (``prompt.jsonl``) hold no rubric text and are not rubrics.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from rift_lint.models import Rubric
from rift_lint.parsing.build import (
    RecordContext,
    container_location,
    levels_from,
    make_criterion,
    make_rubric,
)
from rift_lint.parsing.errors import ParseError

NAME = "flask_skillset"


def _is_skill(item: Any) -> bool:
    return isinstance(item, dict) and "Skill" in item and "Criteria" in item


def matches(data: Any) -> bool:
    """A list whose first item has ``Skill`` and ``Criteria``."""
    return isinstance(data, list) and bool(data) and _is_skill(data[0])


def extract(data: Any, context: RecordContext) -> Iterator[Rubric | ParseError]:
    """Yield the skillset rubric (and an error per malformed skill)."""
    criteria = []
    for index, item in enumerate(data):
        if not _is_skill(item) or not isinstance(item["Criteria"], str):
            yield ParseError(
                f"FLASK skill {index + 1} needs 'Skill' and a 'Criteria' string",
                container_location(item, context),
            )
            continue
        criteria.append(
            make_criterion(
                item,
                "Criteria",
                criterion_id=str(item["Skill"]),
                context=context,
                levels=levels_from(item, "Scoring"),
            )
        )
    yield make_rubric(
        rubric_id="flask-skillset",
        context=context,
        criteria=criteria,
        location=container_location(data, context),
        metadata={"dataset": "FLASK"},
    )
