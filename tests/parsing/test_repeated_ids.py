"""Criterion ids that repeat within a rubric in the table layouts (CSV and Markdown tables):
a parse error at the repeat, and every row still read."""

from __future__ import annotations

import pytest
from conftest import errors_at

from rift_lint.models import Rubric
from rift_lint.parsing import parse_document
from rift_lint.source import SourceDocument

UNIQUE = "criterion ids must be unique within a rubric"
CSV = (
    "rubric_id,id,criterion,points\n"
    "r1,a,Names the dose,2\n"
    "r1,c4,Names the route,1\n"
    "r2,a,Names the dose,2\n"
    "r1,a,Names the timing,1\n"
    "r1,,Names the food rule,1\n"
)
MARKDOWN = (
    "# Rubric\n\n| id | Criterion | Points |\n|---|---|---|\n| a | Names the dose | 2 |\n"
    "| c4 | Names the route | 1 |\n| a | Names the timing | 1 |\n|  | Names food | 1 |\n"
)


@pytest.mark.parametrize(
    ("name", "text", "first_repeat", "default_repeat", "ids"),
    [
        ("r.csv", CSV, (5, 4, 5, 5), (6, 1, 6, 26), [["a", "c4", "a", "c4"], ["a"]]),
        ("r.md", MARKDOWN, (7, 1, 7, 29), (8, 1, 8, 22), [["a", "c4", "a", "c4"]]),
    ],
)
def test_repeated_ids_are_errors_at_the_repeat(
    name: str,
    text: str,
    first_repeat: tuple[int, int, int, int],
    default_repeat: tuple[int, int, int, int],
    ids: list[list[str]],
) -> None:
    """An id cell that repeats an earlier one is reported at the cell (CSV) or row (Markdown);
    a default id (``c4``) that repeats an id cell, at the row."""
    items = list(parse_document(SourceDocument(name, text)))
    rubrics = [item for item in items if isinstance(item, Rubric)]
    assert errors_at(items) == [
        (f"Criterion 3 repeats the id 'a' of criterion 1; {UNIQUE}", first_repeat),
        (f"Criterion 4 repeats the id 'c4' of criterion 2; {UNIQUE}", default_repeat),
    ]
    assert [[criterion.id for criterion in rubric.criteria] for rubric in rubrics] == ids
