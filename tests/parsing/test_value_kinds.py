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


@pytest.mark.parametrize(
    ("text", "metadata"),
    [
        ("criteria: [Names the dose]\n2: x\n", {"2": "x"}),
        ("criteria: [Names the dose]\nmetadata: {null: x, true: y}\n", {"None": "x", "True": "y"}),
        (
            '{"system_prompt": "Rate it", "prompt_template": "Q", "output_format": "", 2: 1}\n',
            {"2": 1, "criterion_field": "prompt_template"},
        ),
    ],
)
def test_a_yaml_key_that_is_no_text_is_kept_as_metadata(
    text: str, metadata: dict[str, str]
) -> None:
    """A number, true/false or null key is metadata under its text, not a reader failure."""
    (rubric,) = parse_document(SourceDocument("r.yaml", text))
    assert isinstance(rubric, Rubric)
    assert metadata.items() <= rubric.metadata.items()
    assert all(isinstance(key, str) for key in rubric.metadata)
    assert rubric.criteria[0].location.line == 1


def test_a_dataset_record_in_no_layout_says_how_it_differs_from_the_records_before() -> None:
    """Among thousands of HealthBench records, one whose 'rubrics' is a string was 'no known
    rubric layout matches a mapping with keys: ... rubrics', keys that all look right."""
    record = '{"prompt_id": "p%d", "prompt": [{"role": "user", "content": "Hi"}], "rubrics": %s}'
    criteria = '[{"criterion": "Greets back", "points": 2}]'
    lines = [record % (1, criteria), record % (2, '"Greets back"'), '{"prompt_id": "p3"}']
    items = list(parse_document(SourceDocument("d.jsonl", "\n".join(lines) + "\n"), "jsonl"))
    assert [type(item).__name__ for item in items] == ["Rubric", "NotARubric", "NotARubric"]
    typed, lacking = items[1], items[2]
    assert isinstance(typed, ParseError) and isinstance(lacking, ParseError)
    assert typed.reason == (
        "Not a rubric: no known rubric layout matches a mapping with keys: prompt, prompt_id, "
        "rubrics; unlike the healthbench records before it, its 'rubrics' is a string, not a list"
    )
    assert (typed.location.line, typed.location.column) == (2, 79)
    assert lacking.reason == (
        "Not a rubric: no known rubric layout matches a mapping with keys: prompt_id; unlike "
        "the healthbench records before it, it has no 'prompt', 'rubrics'"
    )
    assert (lacking.location.line, lacking.location.column) == (3, 1)
