"""The plain-text checklist reader, and sniffing of every format from content."""

from __future__ import annotations

from pathlib import Path

import pytest

from rift_lint.location import Location
from rift_lint.models import Rubric
from rift_lint.parsing import detect_format, parse_document, sniff_format
from rift_lint.parsing.errors import ParseError
from rift_lint.source import SourceDocument

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "text"


def where(location: Location | None) -> tuple[int, int, int, int]:
    """(line, column, end_line, end_column) of a location."""
    assert location is not None
    return location.line, location.column, location.end_line, location.end_column


def read(text: str, name: str = "rubric.txt") -> list[Rubric | ParseError]:
    """Everything the plain-text reader yields for ``text``."""
    return list(parse_document(SourceDocument(name, text), "text"))


CHECKLIST = """\
# rift-lint: ignore-file[RL004]
Prompt: Write a haiku about autumn.

5 pts: Uses a 5-7-5 syllable pattern
1) Mentions falling leaves
  and the colour red (2 pts)
- [Style, weight 1.5] Avoids cliches
(+3) Evokes a season
-2: Rhymes

Here is an unmarked epilogue.
[Explicit Criteria, weight 4.0] Names the season
"""


def test_checklist_items_points_axes_and_prompt() -> None:
    [rubric] = read(CHECKLIST)
    assert isinstance(rubric, Rubric)
    assert rubric.id == "rubric-1"
    assert rubric.prompt == "Write a haiku about autumn."
    assert where(rubric.prompt_location) == (2, 9, 2, 36)
    assert where(rubric.location) == (2, 1, 2, 36)
    assert [(c.id, c.text, c.points_raw, c.points, c.axis) for c in rubric.criteria] == [
        ("c1", "Uses a 5-7-5 syllable pattern", "5", 5.0, None),
        ("c2", "Mentions falling leaves\n  and the colour red", "2", 2.0, None),
        ("c3", "Avoids cliches", "1.5", 1.5, "Style"),
        ("c4", "Evokes a season", "+3", 3.0, None),
        ("c5", "Rhymes", "-2", -2.0, None),
        ("c6", "Names the season", "4.0", 4.0, "Explicit Criteria"),
    ]
    locations = [(where(c.location), where(c.points_location)) for c in rubric.criteria]
    assert locations == [
        ((4, 8, 4, 37), (4, 1, 4, 2)),
        ((5, 4, 6, 21), (6, 23, 6, 24)),
        ((7, 23, 7, 37), (7, 18, 7, 21)),
        ((8, 6, 8, 21), (8, 2, 8, 4)),
        ((9, 5, 9, 11), (9, 1, 9, 3)),
        ((12, 33, 12, 49), (12, 28, 12, 31)),
    ]
    wrapped = rubric.criteria[1]
    assert where(wrapped.item_location) == (5, 1, 6, 29)
    assert where(wrapped.span(9, 16)) == (5, 13, 5, 20)  # "falling"
    assert where(wrapped.span(26, 29)) == (6, 3, 6, 6)  # "and"


def test_llm_rubric_with_preamble() -> None:
    path = FIXTURES / "dynamic_rubric_llama.txt"
    [rubric] = list(parse_document(SourceDocument(str(path), path.read_text(encoding="utf-8"))))
    assert isinstance(rubric, Rubric)
    assert rubric.metadata == {"layout": "text"}
    assert len(rubric.criteria) == 5
    first = rubric.criteria[0]
    assert first.text == (
        "A well-written travel blog post should accurately and vividly describe the cultural "
        "experiences encountered during the trip to Hawaii."
    )
    assert first.points is None
    assert where(first.location) == (5, 4, 5, 138)
    assert where(first.span(2, 14)) == (5, 6, 5, 18)  # "well-written"
    assert [where(c.location)[:2] for c in rubric.criteria] == [
        (5, 4),
        (6, 4),
        (7, 4),
        (8, 4),
        (9, 4),
    ]


def test_unmarked_lines_are_one_criterion_each() -> None:
    [rubric] = read("Mentions the dose\n\n  Uses plain language  \n")
    assert isinstance(rubric, Rubric)
    assert [(c.text, where(c.location)) for c in rubric.criteria] == [
        ("Mentions the dose", (1, 1, 1, 18)),
        ("Uses plain language", (3, 3, 3, 22)),
    ]
    assert [c.points_raw for c in rubric.criteria] == [None, None]


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n", "Prompt: Write a haiku\n"])
def test_no_criteria_is_a_parse_error(text: str) -> None:
    [error] = read(text)
    assert isinstance(error, ParseError)
    assert error.reason == "Not a rubric: the text file has no criteria"
    assert where(error.location) == (1, 1, 1, 1)


@pytest.mark.parametrize(
    "text",
    [
        "Prompt: Write a poem\n1. Mentions autumn\n2. Uses imagery\n",
        "5 pts: Mentions autumn\n-2: Rhymes\n",
        "[Explicit Criteria, weight 4.0] States X\n[Implicit Criteria, weight 2] States Y\n",
        "\n\nHere is the rubric:\n\n1. **Accuracy**: states facts\n\n2. **Tone**: is warm\n",
        "- Mentions A, B\n- Mentions C, D\n",
    ],
)
def test_sniffs_text(text: str) -> None:
    assert sniff_format("#1 Names the dose\n#2 Warns about alcohol\n") == "text"


@pytest.mark.parametrize(
    ("text", "fmt"),
    [
        ("prompt: Write\ncriteria:\n  - Mentions autumn\n", "yaml"),
        ("# comment\nprompt: Write\ncriteria:\n- text: a\n  points: 2\n", "yaml"),
        ("---\nprompt: Write\ncriteria:\n- a\n", "yaml"),
        ('{"criteria": ["a"]}', "json"),
        ('[\n  {"criteria": ["a"]}\n]\n', "json"),
        ('["a", "b"]', "json"),
        ('{"criteria": ["a"]}\n{"criteria": ["b"]}\n', "jsonl"),
    ],
)
def test_sniffing_keeps_structured_formats(text: str, fmt: str) -> None:
    assert sniff_format(text) == fmt


def test_text_extensions() -> None:
    assert detect_format("r.txt", "prompt: x\n") == "text"
    assert detect_format("r.text", "") == "text"


def test_points_may_end_the_first_line_of_a_wrapped_item() -> None:
    """They give the item its points and are taken out of its text, whose characters keep
    their places in the file."""
    [rubric] = read("- Names the dose (5 pts)\n  and the interval\n- Warns about\n  alcohol (-2)\n")
    assert isinstance(rubric, Rubric)
    found = [(c.text, c.points, where(c.points_location)) for c in rubric.criteria]
    assert found == [
        ("Names the dose\n  and the interval", 5, (1, 19, 1, 20)),
        ("Warns about\n  alcohol", -2, (4, 12, 4, 14)),
    ]
    dose = rubric.criteria[0]
    assert where(dose.location) == (1, 3, 2, 19)
    assert where(dose.span(10, 14)) == (1, 13, 1, 17)  # "dose"
    assert where(dose.span(10, 20)) == (1, 13, 2, 6)  # "dose\n  and", over the points
    assert where(dose.span(17, 20)) == (2, 3, 2, 6)  # "and"


def test_hash_item_numbers_are_items_not_comments() -> None:
    """``#2 Names ...`` numbers an item; ``# a note`` and ``#note`` stay comments."""
    text = (
        "#1 Names the dose (5 pts)\n# a note\n#note\n#2: Warns about alcohol\n#3) Cites a label\n"
    )
    [rubric] = read(text)
    assert isinstance(rubric, Rubric)
    found = [(c.text, c.points, where(c.location)) for c in rubric.criteria]
    assert found == [
        ("Names the dose", 5, (1, 4, 1, 18)),
        ("Warns about alcohol", None, (4, 5, 4, 24)),
        ("Cites a label", None, (5, 5, 5, 18)),
    ]
    assert sniff_format("#1 Names the dose\n#2 Warns about alcohol\n") == "text"


def test_a_line_that_starts_with_a_number_is_an_item_of_its_own() -> None:
    """``5 - ...``, ``+5 ...`` and ``5: ...`` are no points prefixes: such a line is not merged
    into the item above, and its text is kept whole; a wrapped line that starts with a
    number and no separator still continues its item."""
    text = (
        "[5] Mentions the main finding\n5 - Mentions the sample size\n(5 pts) Mentions the limits\n"
        "+5 Mentions the funding\n5: Mentions the authors\n- Names the dose of\n  500 mg a day\n"
    )
    [rubric] = read(text)
    assert isinstance(rubric, Rubric)
    found = [(c.text, c.points, where(c.location)) for c in rubric.criteria]
    assert found == [
        ("Mentions the main finding", 5, (1, 5, 1, 30)),
        ("5 - Mentions the sample size", None, (2, 1, 2, 29)),
        ("Mentions the limits", 5, (3, 9, 3, 28)),
        ("+5 Mentions the funding", None, (4, 1, 4, 24)),
        ("5: Mentions the authors", None, (5, 1, 5, 24)),
        ("Names the dose of\n  500 mg a day", None, (6, 3, 7, 15)),
    ]


def test_a_directive_that_ends_a_line_of_a_wrapped_item_is_no_part_of_its_text() -> None:
    """A suppression comment after a wrapped item's first line (where a directive goes) is
    taken out of its text, the points before it are read, and words after it keep their
    positions."""
    text = (
        "- Names the maximum daily dose (5 pts)  # rift-lint: ignore[RL103]\n"
        "  of paracetamol  # rift-lint: ignore[RL101]\n"
        "  for adults\n"
        "- Names the interval (3 pts)\n"
    )
    [rubric] = [item for item in read(text) if isinstance(item, Rubric)]
    first, second = rubric.criteria
    assert (first.text, first.points) == (
        "Names the maximum daily dose\n  of paracetamol\n  for adults",
        5.0,
    )
    assert where(first.span(first.text.index("adults"), len(first.text))) == (3, 7, 3, 13)
    assert where(first.location) == (1, 3, 3, 13)
    assert (second.text, second.points) == ("Names the interval", 3.0)
