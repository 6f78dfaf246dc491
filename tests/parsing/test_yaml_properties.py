"""A YAML anchor or tag before a value does not move the positions of its text."""

from __future__ import annotations

from rift_lint.models import Rubric
from rift_lint.parsing import parse_document
from rift_lint.parsing.errors import ParseError
from rift_lint.source import SourceDocument

TEXT = """\
prompt: Explain ibuprofen dosing.
criteria:
  - &adults The answer is appropriate for adults
  - text: !!str Dosing is appropriate for children
  - text: &quoted "Quoted and appropriate"
  - text: &folded !!str  # a comment between the tag and the text
      Folded onto the next line, appropriate
  - &entry
    text: Anchored entry, appropriate
"""


def _rubric(text: str) -> Rubric:
    [rubric] = parse_document(SourceDocument("r.yaml", text), "yaml")
    assert isinstance(rubric, Rubric)
    return rubric


def test_criterion_text_starts_after_the_anchor_and_the_tag() -> None:
    criteria = _rubric(TEXT).criteria
    assert [(c.location.line, c.location.column) for c in criteria] == [
        (3, 13),
        (4, 17),
        (5, 20),
        (7, 7),
        (9, 11),
    ]


def test_a_word_of_an_anchored_or_tagged_criterion_is_located_exactly() -> None:
    lines = TEXT.splitlines()
    for criterion in _rubric(TEXT).criteria:
        start = criterion.text.index("appropriate")
        location = criterion.span(start, start + len("appropriate"))
        line = lines[location.line - 1]
        assert line[location.column - 1 : location.end_column - 1] == "appropriate"


def test_a_repeated_anchored_key_is_reported_at_the_key() -> None:
    text = "criteria:\n  - A\n&k criteria:\n  - B\n"
    error, rubric = parse_document(SourceDocument("r.yaml", text), "yaml")
    assert isinstance(error, ParseError)
    assert isinstance(rubric, Rubric)
    assert error.reason.startswith("Key 'criteria' repeats in this mapping")
    assert (error.location.line, error.location.column) == (3, 4)
    assert (error.location.end_line, error.location.end_column) == (3, 12)
