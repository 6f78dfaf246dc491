"""Messages name a value by what it is in the file, never by its Python type."""

from __future__ import annotations

import pytest

from rift_lint.models import Rubric
from rift_lint.parsing import parse_document
from rift_lint.parsing.errors import ParseError
from rift_lint.source import SourceDocument


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("5", "a number"),
        ("2.5", "a number"),
        ("null", "an empty value"),
        ("true", "a true/false value"),
        ('"Names the dose"', "a string"),
    ],
)
def test_a_json_file_of_one_value_names_what_it_holds(text: str, kind: str) -> None:
    [error] = parse_document(SourceDocument("r.json", text), "json")
    assert isinstance(error, ParseError)
    assert error.reason == f"Not a rubric: no known rubric layout matches {kind}"
    assert (error.location.line, error.location.column) == (1, 1)


@pytest.mark.parametrize(
    ("value", "kind"),
    [
        ("", "an empty value"),
        ("2024-05-01", "a date"),
        ("yes", "a true/false value"),
    ],
)
def test_a_rift_lint_key_of_the_wrong_kind_names_what_it_holds(value: str, kind: str) -> None:
    text = f"rift_lint: {value}\ncriteria:\n  - Names the dose\n"
    [rubric] = parse_document(SourceDocument("r.yaml", text), "yaml")
    assert isinstance(rubric, Rubric)
    assert rubric.ignore_error == (
        f'The rift_lint key must be a mapping, not {kind}: write {{"ignore": ["RL101"], '
        '"reason": "..."}'
    )
