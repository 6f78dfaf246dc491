"""Data nested too deeply is a parse error at its bracket, never a crash, and loses nothing else."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from rift_lint import parsing
from rift_lint.models import Rubric
from rift_lint.parsing import parse_document
from rift_lint.parsing.errors import ParseError
from rift_lint.parsing.tree import MAX_DEPTH
from rift_lint.source import SourceDocument

TOO_DEEP = "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1)
DEEPEST_ALLOWED = "[" * (MAX_DEPTH - 2) + "]" * (MAX_DEPTH - 2)


def read(text: str, name: str) -> list[Rubric | ParseError]:
    return list(parse_document(SourceDocument(name, text)))


@pytest.mark.parametrize(
    ("name", "text", "line", "column", "reason"),
    [
        ("r.json", '{"criteria": ["Names Paris"], "x": ' + TOO_DEEP + "}", 1, 135, "JSON"),
        ("r.yaml", "criteria: [Names Paris]\nx: " + TOO_DEEP + "\n", 2, 103, "YAML"),
    ],
)
def test_nesting_deeper_than_the_limit_is_an_error_at_its_bracket(
    name: str, text: str, line: int, column: int, reason: str
) -> None:
    [error] = read(text, name)
    assert isinstance(error, ParseError)
    assert error.reason == f"Invalid {reason}: nested deeper than {MAX_DEPTH} levels"
    assert (error.location.line, error.location.column) == (line, column)
    assert text.splitlines()[line - 1][column - 1] == "["


def test_yaml_nested_deep_enough_to_crash_libyaml_is_refused_before_it_reads() -> None:
    """libyaml's composer recurses in C: 30,000 levels killed the process (SIGSEGV) before the
    depth check on its tree could refuse them, and the whole run with it."""
    deep = "[" * 30_000 + "1" + "]" * 30_000
    [error] = read("criteria: [Names Paris]\nx: " + deep + "\n", "r.yaml")
    assert isinstance(error, ParseError)
    assert error.reason == f"Invalid YAML: nested deeper than {MAX_DEPTH} levels"
    assert (error.location.line, error.location.column) == (2, 4 + MAX_DEPTH)
    [rubric] = read("criteria: ['" + "[" * 900 + "']\n", "r.yaml")
    assert isinstance(rubric, Rubric)  # brackets in quotes, short of the depth that is a danger


def test_nesting_within_the_limit_is_read() -> None:
    [rubric] = read('{"criteria": ["Names Paris"], "x": ' + DEEPEST_ALLOWED + "}", "r.json")
    assert isinstance(rubric, Rubric)
    assert [criterion.text for criterion in rubric.criteria] == ["Names Paris"]


def test_a_deep_jsonl_line_leaves_the_other_lines_read() -> None:
    lines = ['{"criteria": ["Names Paris"]}', TOO_DEEP, '{"criteria": ["Names Rome"]}']
    first, error, last = read("\n".join(lines) + "\n", "r.jsonl")
    assert isinstance(first, Rubric) and isinstance(last, Rubric)
    assert isinstance(error, ParseError) and error.location.line == 2
    assert last.criteria[0].text == "Names Rome"


def test_recursion_in_a_reader_ends_the_document_with_an_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    [rubric] = read('{"criteria": ["Names Paris"]}', "r.json")

    def overflowing(document: SourceDocument) -> Iterator[Rubric | ParseError]:
        yield rubric
        raise RecursionError

    monkeypatch.setitem(parsing.READERS, "json", overflowing)
    first, error = read("{}", "r.json")
    assert first is rubric
    assert isinstance(error, ParseError)
    assert error.reason == "Not read: the data is nested too deeply"
    assert (error.location.line, error.location.column) == (1, 1)


def test_any_other_failure_of_a_reader_ends_the_document_with_an_error_naming_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A reader's bug met by some input never stops the run: what was read is kept, and the
    error says what failed."""
    [rubric] = read('{"criteria": ["Names Paris"]}', "r.json")

    def failing(document: SourceDocument) -> Iterator[Rubric | ParseError]:
        yield rubric
        raise ValueError("day is out of range for month")

    monkeypatch.setitem(parsing.READERS, "json", failing)
    first, error = read("{}", "r.json")
    assert first is rubric
    assert isinstance(error, ParseError)
    assert error.reason == (
        "Not read: rift-lint's json reader failed (ValueError: day is out of range for month); "
        "this is a bug, please report it with the file"
    )
    assert (error.location.line, error.location.column) == (1, 1)
