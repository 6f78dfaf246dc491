"""Dynamic rubrics of "Generating and Refining Dynamic Evaluation Rubrics" (Wang et al.).

From ``wang-zijie/generating_dynamic_rubric`` ``outputs/rubrics/...json``: a JSON mapping of
prompt text to a rubric string, a numbered list of about five criteria (sometimes with bold
titles, sometimes after a chatty preamble). Each entry is one rubric (id ``rubric-<n>``,
prompt = the key) whose criteria are the list items (ids ``c1``, ``c2``...), split with exact
positions by :mod:`listsplit`; a string without a list is one criterion.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from rift_lint.models import PositionalId, Rubric
from rift_lint.parsing.adapters.listsplit import list_criteria
from rift_lint.parsing.build import (
    RecordContext,
    location_of,
    make_rubric,
)
from rift_lint.parsing.errors import ParseError

NAME = "dynamic_rubrics"
_NUMBERED_ITEM = re.compile(r"^[ \t]*1[.)][ \t]+\S", re.MULTILINE)


def matches(data: Any) -> bool:
    """A mapping of strings to strings whose first value holds a numbered list."""
    if not isinstance(data, dict) or not data:
        return False
    if not all(isinstance(value, str) for value in data.values()):
        return False
    return _NUMBERED_ITEM.search(next(iter(data.values()))) is not None


def extract(data: Any, context: RecordContext) -> Iterator[Rubric | ParseError]:
    """Yield one rubric per prompt."""
    for index, prompt in enumerate(data):
        yield make_rubric(
            rubric_id=PositionalId(f"rubric-{index + 1}"),
            context=context,
            criteria=list_criteria(data, prompt, context, id_prefix="c"),
            location=location_of(data, prompt, context),
            prompt=str(prompt),
            metadata={"dataset": "Dynamic rubrics (Wang et al.)"},
        )
