"""Criterion ids that repeat within a rubric, in the layouts whose ids come from cells or
names (CSV, Markdown tables, WritingBench, ResearchRubrics): a parse error at the repeat,
and every criterion still read. The YAML/JSON layout is tested with its other errors."""

from __future__ import annotations

import pytest
from conftest import errors_at

from rift_lint.models import Rubric
from rift_lint.parsing import parse_document
from rift_lint.source import SourceDocument

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
WRITINGBENCH = (
    '{"index": 3, "query": "Write a memo.", "checklist": [{"name": "Tone", '
    '"criteria_description": "Uses a formal tone."}, {"name": "Tone", '
    '"criteria_description": "Avoids slang."}]}\n'
)
RESEARCHRUBRICS = (
    '{"prompt": "Plan a trip.", "rubric": [{"name": "Explicit-1", "weight": 2, '
    '"requirement": "Mentions the dates."}, {"name": "Explicit-1", "weight": 1, '
    '"requirement": "Mentions the budget."}]}\n'
)
REPEATS_A = "Criterion 3 repeats the id 'a' of criterion 1"
REPEATS_C4 = "Criterion 4 repeats the id 'c4' of criterion 2"


@pytest.mark.parametrize(
    ("name", "text", "errors", "ids"),
    [
        (
            "r.csv",
            CSV,
            [(REPEATS_A, (5, 4, 5, 5)), (REPEATS_C4, (6, 1, 6, 26))],
            [["a", "c4", "a", "c4"], ["a"]],
        ),
        (
            "r.md",
            MARKDOWN,
            [(REPEATS_A, (7, 7, 7, 23)), (REPEATS_C4, (8, 6, 8, 16))],
            [["a", "c4", "a", "c4"]],
        ),
        (
            "wb.jsonl",
            WRITINGBENCH,
            [("Criterion 2 repeats the id 'Tone' of criterion 1", (1, 161, 1, 174))],
            [["Tone", "Tone"]],
        ),
        (
            "rr.jsonl",
            RESEARCHRUBRICS,
            [("Criterion 2 repeats the id 'Explicit-1' of criterion 1", (1, 166, 1, 186))],
            [["Explicit-1", "Explicit-1"]],
        ),
    ],
)
def test_repeated_ids_are_errors_at_the_repeat(
    name: str,
    text: str,
    errors: list[tuple[str, tuple[int, int, int, int]]],
    ids: list[list[str]],
) -> None:
    """A repeated id cell is reported at the cell (CSV); otherwise, and for a default id
    (``c4``) that repeats a written one, at the criterion's text."""
    items = list(parse_document(SourceDocument(name, text)))
    unique = "; criterion ids must be unique within a rubric"
    assert errors_at(items) == [(reason + unique, where) for reason, where in errors]
    rubrics = [item for item in items if isinstance(item, Rubric)]
    assert [[criterion.id for criterion in rubric.criteria] for rubric in rubrics] == ids
