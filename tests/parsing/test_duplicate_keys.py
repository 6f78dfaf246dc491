"""A key that repeats in one JSON object or YAML mapping is reported, not dropped silently."""

from __future__ import annotations

import pytest

from rift_lint.models import Rubric
from rift_lint.parsing import parse_document
from rift_lint.parsing.errors import ParseError
from rift_lint.source import SourceDocument

LOST_TODO = (
    "Key 'text' repeats in this mapping: its value at line {line}, column {column} is lost "
    "(only the last value of a key is read)"
)


def _errors_and_texts(path: str, text: str) -> tuple[list[tuple[int, int, str]], list[str]]:
    """The (line, column, reason) of each parse error, and the criterion texts read."""
    items = list(parse_document(SourceDocument(path, text)))
    errors = [
        (item.location.line, item.location.column, item.reason)
        for item in items
        if isinstance(item, ParseError)
    ]
    texts = [c.text for item in items if isinstance(item, Rubric) for c in item.criteria]
    return errors, texts


@pytest.mark.parametrize(
    ("path", "text", "where", "first"),
    [
        ("r.json", '{"criteria":[{"text":"TODO","text":"States the dose"}]}', (1, 29), (1, 22)),
        ("r.jsonl", '{"criteria":[{"text":"TODO","text":"States the dose"}]}\n', (1, 29), (1, 22)),
        ("r.yaml", "criteria:\n  - text: TODO\n    text: States the dose\n", (3, 5), (2, 11)),
    ],
)
def test_repeated_key_is_an_error_at_the_second_key(
    path: str, text: str, where: tuple[int, int], first: tuple[int, int]
) -> None:
    errors, texts = _errors_and_texts(path, text)
    assert errors == [(*where, LOST_TODO.format(line=first[0], column=first[1]))]
    assert texts == ["States the dose"]


def test_yaml_merge_key_overridden_by_the_mapping_is_not_a_repeated_key() -> None:
    text = "base: &b {text: X, points: 1}\ncriteria:\n  - <<: *b\n    text: Y\n"
    assert _errors_and_texts("r.yaml", text) == ([], ["Y"])


def test_repeated_key_in_a_jsonl_record_that_then_fails_is_reported_with_that_record() -> None:
    text = '{"criteria": ["A"]}\n{"id": "a", "id": "b", oops}\n{"criteria": ["B"]}\n'
    errors, texts = _errors_and_texts("r.jsonl", text)
    assert [(line, column) for line, column, _ in errors] == [(2, 13), (2, 24)]
    assert texts == ["A", "B"]


def test_repeated_keys_are_reported_in_every_document_of_a_yaml_stream() -> None:
    text = "criteria:\n  - text: A\n    text: B\n---\ncriteria:\n  - text: C\n    text: D\n"
    errors, texts = _errors_and_texts("r.yaml", text)
    assert errors == [
        (3, 5, LOST_TODO.format(line=2, column=11)),
        (7, 5, LOST_TODO.format(line=6, column=11)),
    ]
    assert texts == ["B", "D"]


def test_repeated_key_in_markdown_front_matter_is_reported_and_the_last_value_read() -> None:
    text = "---\nprompt: Name a city.\nprompt: Name a river.\n---\n- Names the Seine\n"
    items = list(parse_document(SourceDocument("r.md", text)))
    [error] = [item for item in items if isinstance(item, ParseError)]
    assert (error.location.line, error.location.column) == (3, 1)
    assert error.reason == (
        "Key 'prompt' repeats in this mapping: its value at line 2, column 9 is lost (only the "
        "last value of a key is read)"
    )
    [rubric] = [item for item in items if isinstance(item, Rubric)]
    assert rubric.prompt == "Name a river."
    assert rubric.prompt_location is not None
    assert (rubric.prompt_location.line, rubric.prompt_location.column) == (3, 9)
