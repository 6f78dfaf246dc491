"""YAML streams: every document is read, and a broken one does not hide the others."""

from __future__ import annotations

from rift_lint.models import Rubric
from rift_lint.parsing import parse_document
from rift_lint.parsing.errors import ParseError
from rift_lint.source import SourceDocument

STREAM = """\
---
prompt: Say hi
criteria:
  - Greets the user
---
prompt: Say bye
criteria:
  - [unclosed
---
criteria:
  - Says goodbye
"""


def read(text: str) -> list[Rubric | ParseError]:
    """Everything the YAML reader yields for ``text``."""
    return list(parse_document(SourceDocument("stream.yaml", text), "yaml"))


def test_broken_document_is_one_error_and_the_others_are_read() -> None:
    first, error, third = read(STREAM)
    assert isinstance(first, Rubric)
    assert first.prompt == "Say hi"
    assert isinstance(error, ParseError)
    assert error.reason == (
        "Invalid YAML: '[' starts a list that is never closed (did not find expected ',' or "
        "']' at line 9, column 1): close it, or put text that starts with '[' in quotes"
    )
    assert (error.location.line, error.location.column) == (8, 5)
    assert isinstance(third, Rubric)
    assert third.id == "rubric-3"  # the broken document keeps its place in the numbering
    assert [c.text for c in third.criteria] == ["Says goodbye"]
    criterion = third.criteria[0]
    assert (criterion.location.line, criterion.location.column) == (11, 5)


def test_error_in_the_last_document_keeps_the_ones_before() -> None:
    first, error = read("prompt: Say hi\ncriteria:\n  - Greets\n---\ncriteria: [a\n")
    assert isinstance(first, Rubric)
    assert [c.text for c in first.criteria] == ["Greets"]
    assert isinstance(error, ParseError)


def test_error_with_no_later_document_start_ends_the_file() -> None:
    [error] = read("criteria:\n\t- Greets\n---x\ncriteria:\n  - Says bye\n")
    assert isinstance(error, ParseError)
    assert error.location.line == 2


def test_empty_stream_is_not_a_rubric() -> None:
    [error] = read("# only a comment\n")
    assert isinstance(error, ParseError)
    assert error.reason == "Not a rubric: the YAML file is empty"


def test_a_control_character_breaks_only_its_own_document() -> None:
    text = STREAM.replace("[unclosed", "Copied \x1b[1mbold\x1b[0m")
    first, error, third = read(text)
    assert isinstance(first, Rubric)
    assert [c.text for c in first.criteria] == ["Greets the user"]
    assert isinstance(error, ParseError)
    assert error.reason == (
        "Invalid YAML: a control character U+001B (ESC) that YAML does not allow (most editors "
        "do not show it): remove it"
    )
    assert (error.location.line, error.location.column) == (8, 12)
    assert isinstance(third, Rubric)
    assert third.id == "rubric-3"
    assert (third.criteria[0].location.line, third.criteria[0].location.column) == (11, 5)


def test_a_control_character_far_into_a_long_stream_keeps_every_document_once() -> None:
    """libyaml reads ahead in blocks: it may refuse the character after yielding documents
    before it, which are not read twice."""
    long = "criteria:\n" + "  - Names the dose\n" * 1200
    items = read(f"criteria:\n  - A\n---\n{long}---\ncriteria:\n  - B\x07\n---\ncriteria:\n  - C\n")
    assert [type(item).__name__ for item in items] == ["Rubric", "Rubric", "ParseError", "Rubric"]
    error = items[2]
    assert (error.location.line, error.location.column) == (1207, 6)
    assert [c.text for c in items[3].criteria] == ["C"]


def test_reading_goes_on_at_the_next_document_after_invisible_line_breaks() -> None:
    """The next document is looked for from the error's line as an editor counts lines."""
    text = (
        'prompt: "One\u2028two\u2029three\u2028four"\ncriteria:\n  - Greets\n---\n'
        "criteria:\n  - [unclosed\n---\ncriteria:\n  - Says goodbye\n"
    )
    first, error, third = read(text)
    assert isinstance(first, Rubric)
    assert isinstance(error, ParseError)
    assert (error.location.line, error.location.column) == (6, 5)
    assert isinstance(third, Rubric)
    assert [c.text for c in third.criteria] == ["Says goodbye"]


def test_a_final_document_start_with_nothing_after_it_is_not_an_error() -> None:
    [rubric] = read("prompt: Say hi\ncriteria:\n  - Greets\n---\n# end of file\n\n")
    assert isinstance(rubric, Rubric)
    assert [c.text for c in rubric.criteria] == ["Greets"]


def test_an_empty_document_between_others_is_passed_over_and_not_counted() -> None:
    text = (
        "criteria:\n  - Greets\n---\n# criteria:\n#   - Says bye\n---\n---\ncriteria:\n  - Thanks\n"
    )
    first, second = read(text)
    assert isinstance(first, Rubric) and isinstance(second, Rubric)
    assert [(r.id, r.criteria[0].location.line) for r in (first, second)] == [
        ("rubric-1", 2),
        ("rubric-2", 9),
    ]


def test_a_document_of_text_only_is_reported_where_it_is() -> None:
    rubric, error = read("criteria:\n  - Greets\n---\n\n  just a note\n")
    assert isinstance(rubric, Rubric)
    assert isinstance(error, ParseError)
    assert error.reason == "Not a rubric: no known rubric layout matches a string"
    assert (error.location.line, error.location.column) == (5, 3)


def test_a_stream_of_empty_documents_is_an_empty_file() -> None:
    [error] = read("---\n# nothing yet\n---\n")
    assert isinstance(error, ParseError)
    assert error.reason == "Not a rubric: the YAML file is empty"
    assert (error.location.line, error.location.column) == (1, 1)
