"""rift-lint's own schema written as a top-level list: of criteria, or of rubrics."""

from __future__ import annotations

import pytest

from rift_lint.models import Rubric
from rift_lint.parsing import parse_document
from rift_lint.parsing.errors import NotARubric, ParseError
from rift_lint.source import SourceDocument


def parse_text(path: str, text: str) -> list[Rubric | ParseError]:
    """Parse in-memory text as a file named ``path``."""
    return list(parse_document(SourceDocument(path, text)))


def test_yaml_list_of_criteria_is_one_rubric_without_prompt() -> None:
    text = "- Names the capital of France\n- text: Spells Paris correctly\n  points: 2\n"
    [rubric] = parse_text("rubric.yaml", text)
    assert isinstance(rubric, Rubric)
    assert rubric.id == "rubric-1"
    assert rubric.prompt is None
    assert rubric.metadata["layout"] == "rift"
    assert [(c.id, c.text, c.points) for c in rubric.criteria] == [
        ("c1", "Names the capital of France", None),
        ("c2", "Spells Paris correctly", 2.0),
    ]
    first, second = rubric.criteria
    assert (first.location.line, first.location.column) == (1, 3)
    assert (second.location.line, second.location.column) == (2, 9)


def test_json_list_of_rubrics_is_read_like_a_rubrics_key() -> None:
    text = (
        '[{"id": "greet", "prompt": "Say hi", "criteria": ["Says hi"]},\n'
        ' {"prompt": "Say bye", "criteria": [{"text": "Says bye", "points": 1}]}]'
    )
    rubrics = parse_text("rubrics.json", text)
    assert all(isinstance(rubric, Rubric) for rubric in rubrics)
    assert [(r.id, r.prompt) for r in rubrics if isinstance(r, Rubric)] == [
        ("greet", "Say hi"),
        ("rubric-2", "Say bye"),
    ]
    second = rubrics[1]
    assert isinstance(second, Rubric)
    assert (second.criteria[0].location.line, second.criteria[0].location.column) == (2, 47)


def test_criterion_without_text_in_a_list_is_an_error_and_the_rest_is_kept() -> None:
    text = "- Names the capital\n- points: 3\n- Spells it correctly\n"
    error, rubric = parse_text("rubric.yaml", text)
    assert isinstance(error, ParseError)
    assert "Criterion 2 has no 'text' key (keys: points)" in error.reason
    assert error.location.line == 2
    assert isinstance(rubric, Rubric)
    assert [c.text for c in rubric.criteria] == ["Names the capital", "Spells it correctly"]


def test_list_of_mappings_without_any_criterion_is_not_a_rubric() -> None:
    [error] = parse_text("hooks.yaml", "- id: lint\n  entry: rift-lint\n")
    assert isinstance(error, ParseError)
    assert error.reason == "Not a rubric: no known rubric layout matches a list of 1 item"


def test_jsonl_line_holding_a_list_of_criteria_is_that_line_s_rubric() -> None:
    text = '{"prompt": "Say hi", "criteria": ["Says hi"]}\n["Is polite", "Says bye"]\n'
    first, second = parse_text("data.jsonl", text)
    assert isinstance(first, Rubric) and isinstance(second, Rubric)
    assert second.id == "rubric-2"
    assert second.prompt is None
    assert [c.text for c in second.criteria] == ["Is polite", "Says bye"]
    assert (second.criteria[1].location.line, second.criteria[1].location.column) == (2, 16)


def test_repeated_criterion_id_is_an_error_at_the_second_id_and_keeps_both_criteria() -> None:
    text = (
        '{"criteria": [{"id": "c1", "text": "Is engaging"},\n'
        '              {"id": "c1", "text": "Rhymes"}]}'
    )
    error, rubric = parse_text("rubric.json", text)
    assert isinstance(error, ParseError) and isinstance(rubric, Rubric)
    assert error.reason == (
        "Criterion 2 repeats the id 'c1' of criterion 1; criterion ids must be unique within a "
        "rubric"
    )
    assert (error.location.line, error.location.column) == (2, 22)
    assert [c.text for c in rubric.criteria] == ["Is engaging", "Rhymes"]


def test_explicit_id_equal_to_a_default_id_is_a_repeated_id() -> None:
    error, rubric = parse_text("rubric.yaml", "criteria:\n  - A\n  - id: c1\n    text: B\n")
    assert isinstance(error, ParseError) and isinstance(rubric, Rubric)
    assert error.reason.startswith("Criterion 2 repeats the id 'c1' of criterion 1")
    assert (error.location.line, error.location.column) == (3, 9)


def test_alias_chain_of_lists_is_one_error_that_names_the_alias() -> None:
    text = "a: &a [x, y]\nb: &b [*a, *a, *a]\nc: &c [*b, *b, *b]\ncriteria: *c\n"
    errors = [item for item in parse_text("rubric.yaml", text) if isinstance(item, ParseError)]
    assert [(e.location.line, e.location.column, e.reason) for e in errors] == [
        (
            2,
            4,
            "Criterion 1 must be a string or a mapping with 'text', not a YAML alias to a list",
        )
    ]


def test_criterion_of_the_wrong_kind_is_named_in_plain_words() -> None:
    text = "criteria:\n  - [a, b]\n  - 5\n  - true\n  - A\n"
    errors = [item for item in parse_text("rubric.yaml", text) if isinstance(item, ParseError)]
    assert [e.reason.rsplit(", not ", 1)[1] for e in errors] == [
        "a list",
        "a number",
        "a true/false value",
    ]


def test_bad_labels_repeated_by_a_yaml_alias_are_one_error() -> None:
    text = "criteria:\n  - &c {text: Is clear, labels: subjective}\n  - *c\n"
    items = parse_text("labels.yaml", text)
    errors = [item for item in items if isinstance(item, ParseError)]
    assert [(e.location.line, e.location.column) for e in errors] == [(2, 33)]
    assert errors[0].reason.startswith("'labels' must be a list of failure-mode ids")
    [rubric] = [item for item in items if isinstance(item, Rubric)]
    assert [c.id for c in rubric.criteria] == ["c1", "c2"]


def test_a_near_miss_of_the_schema_says_what_to_change_where() -> None:
    """'criteria' that is no list, or criteria under another usual key, instead of the keys."""
    cases = [
        ("criteria:\n  c1: Names Paris\n", "'criteria' must be a list of criteria, not a mapping"),
        ('{"criteria": "Names Paris"}', "'criteria' must be a list of criteria, not a string"),
        (
            "prompt: Say hi\nrubric:\n  - criterion: Says hi\n",
            "the criteria go in a list under 'criteria', not under 'rubric'",
        ),
    ]
    found = []
    for text, _ in cases:
        [error] = parse_text("r.json" if text.startswith("{") else "r.yaml", text)
        assert isinstance(error, ParseError)
        found.append((error.reason, error.location.line, error.location.column))
    assert found == [
        (f"Not a rubric: {cases[0][1]}", 2, 3),
        (f"Not a rubric: {cases[1][1]}", 1, 14),
        (f"Not a rubric: {cases[2][1]}", 3, 3),
    ]


@pytest.mark.parametrize(
    ("name", "text", "reason", "where"),
    [
        (
            "r.json",
            '{\n  "Names the dose": 2,\n  "Mentions food": 1\n}\n',
            "a mapping of criterion texts to points is no layout rift-lint reads: write a list "
            "under 'criteria', one mapping with 'text' and 'points' per criterion",
            (1, 1),
        ),
        (
            "r.yaml",
            "rubric:\n  Names the dose: 2\n  Mentions food: 1\n",
            "'rubric' maps criterion texts to points: write a list under 'criteria', one "
            "mapping with 'text' and 'points' per criterion",
            (2, 3),
        ),
        (
            "r.json",
            '{"criteria": {"Names the dose": 2}}',
            "'criteria' must be a list of criteria, not a mapping: write one mapping with "
            "'text' and 'points' per criterion",
            (1, 14),
        ),
        (
            "r.yaml",
            "rubric:\n  title: Dosing\n  criteria:\n    - Names the dose\n",
            "the rubric under 'rubric' goes at the top level: move its keys (criteria, title) "
            "out of it",
            (2, 3),
        ),
        (
            "r.yaml",
            "prompt: Dose?\nquestions:\n  - Does it name the dose?\n",
            "the criteria go in a list under 'criteria', not under 'questions'",
            (3, 3),
        ),
        (
            "r.yaml",
            "rubrics:\n  - id: r1\n    items:\n      - Names the dose\n",
            "Rubric 1 of the list has no 'criteria' (keys: id, items): the criteria go in a "
            "list under 'criteria', not under 'items'",
            (4, 7),
        ),
        (
            "r.yaml",
            "- description: Names the dose\n  marks: 2\n",
            "a criterion's text goes under 'text', not 'description'",
            (1, 16),
        ),
    ],
)
def test_other_usual_layouts_say_what_to_change_where(
    name: str, text: str, reason: str, where: tuple[int, int]
) -> None:
    """Criteria written as a mapping of text to points, a whole rubric under ``rubric``,
    criteria under ``questions``, a ``rubrics`` list whose rubrics use ``items``, and a list
    of criteria with ``description`` and ``marks``: each was "no known rubric layout matches
    a mapping with keys: ..." (or a bare 'must be a list'), which named no change to make."""
    [error] = parse_text(name, text)
    assert isinstance(error, ParseError)
    assert (error.reason, (error.location.line, error.location.column)) == (
        f"Not a rubric: {reason}",
        where,
    )


def test_criterion_text_under_another_usual_key_says_to_move_it_there() -> None:
    """Inside 'criteria', any usual name for the text; the error sits on that text."""
    text = (
        "criteria:\n  - criterion: Names Paris\n    points: 2\n"
        "  - name: Dose\n    description: States the dose\n  - points: 1\n"
    )
    *errors, rubric = parse_text("r.yaml", text)
    assert isinstance(rubric, Rubric)
    assert rubric.criteria == []
    found = [(e.reason, e.location.line, e.location.column) for e in errors]
    assert found == [
        (
            "Criterion 1 has no 'text' key (keys: criterion, points): its text goes under "
            "'text', not 'criterion'",
            2,
            16,
        ),
        (
            "Criterion 2 has no 'text' key (keys: description, name): its text goes under "
            "'text', not 'description'",
            5,
            18,
        ),
        ("Criterion 3 has no 'text' key (keys: points)", 6, 5),
    ]


def test_a_top_level_list_with_criterion_text_under_another_key_is_a_near_miss() -> None:
    """A key that says criterion, or points beside the text, make the list a near miss; a
    list of records with a name and no points is only not a rubric."""
    cases = {
        "- criterion: Names Paris\n- criterion: Spells it\n": (
            "Not a rubric: a criterion's text goes under 'text', not 'criterion'",
            1,
            14,
        ),
        '[{"description": "Names Paris", "points": 2}]': (
            "Not a rubric: a criterion's text goes under 'text', not 'description'",
            1,
            18,
        ),
        '[{"name": "Ann"}, {"name": "Bo"}]': (
            "Not a rubric: no known rubric layout matches a list of 2 items",
            1,
            1,
        ),
    }
    for text, expected in cases.items():
        [error] = parse_text("r.json" if text.startswith("[") else "r.yaml", text)
        assert isinstance(error, ParseError)
        assert (error.reason, error.location.line, error.location.column) == expected


def test_a_criterion_cut_at_a_colon_says_to_quote_it() -> None:
    """``- Names the dose: 4 g a day`` and ``- Lists the following:`` are mappings of one
    key; ``- {points: 2}`` is no cut sentence."""
    text = (
        "criteria:\n  - Names the dose: 4 g a day\n  - Warns about alcohol\n  - {points: 2}\n"
        "  - Lists the following:\n"
    )
    *errors, rubric = parse_text("r.yaml", text)
    assert isinstance(rubric, Rubric)
    assert [c.text for c in rubric.criteria] == ["Warns about alcohol"]
    hint = ": a colon in the unquoted criterion made it a mapping; put the criterion in quotes"
    assert [(e.reason, e.location.line, e.location.column) for e in errors] == [
        (f"Criterion 1 has no 'text' key (keys: Names the dose){hint}", 2, 5),
        ("Criterion 3 has no 'text' key (keys: points)", 4, 5),
        (f"Criterion 4 has no 'text' key (keys: Lists the following){hint}", 5, 5),
    ]


def test_a_top_level_list_of_criteria_all_cut_at_a_colon_says_to_quote_them() -> None:
    """No item is a criterion, so no layout matches; the error says why, at the first item.
    A list of records whose one key has no space is no cut sentence."""
    [error] = parse_text("r.yaml", "- Names the dose: 4 g a day\n- Lists the following:\n")
    assert isinstance(error, NotARubric)
    assert error.reason == (
        "Not a rubric: each item is a mapping of one key: a colon in an unquoted criterion "
        "made it a mapping; put the criteria in quotes"
    )
    assert (error.location.line, error.location.column) == (1, 3)
    [single] = parse_text("r.yaml", "- Names the dose: 4 g a day\n")
    assert single.reason.endswith("made it a mapping; put it in quotes")
    [records] = parse_text("r.yaml", "- name: a\n- name: b\n")
    assert records.reason == "Not a rubric: no known rubric layout matches a list of 2 items"


def test_an_entry_of_a_list_of_rubrics_that_is_no_rubric_is_an_error_the_others_are_read() -> None:
    """One slip in a list of rubrics used to make the whole file "Not a rubric"."""
    text = (
        "rubrics:\n  - id: a\n    criteria: [Names the dose]\n  - id: b\n    critera:\n"
        "      - Mentions room temperature\n  - just a string\n  - id: d\n    criteria: {a: b}\n"
        "  - id: e\n    prompt: Say hi\n"
    )
    first, *errors = parse_text("r.yaml", text)
    assert isinstance(first, Rubric)
    assert (first.id, [c.text for c in first.criteria]) == ("a", ["Names the dose"])
    assert [(e.reason, e.location.line, e.location.column) for e in errors] == [
        (
            "Rubric 2 of the list has no 'criteria' (keys: critera, id): is 'critera' a slip "
            "for it?",
            6,
            7,
        ),
        ("Rubric 3 of the list must be a mapping with a 'criteria' list, not a string", 7, 5),
        ("Rubric 4 of the list: 'criteria' must be a list of criteria, not a mapping", 9, 15),
        ("Rubric 5 of the list has no 'criteria' (keys: id, prompt)", 10, 5),
    ]
    rubric, error = parse_text("r.json", '[{"criteria": ["Names the dose"]}, 3]')
    assert isinstance(rubric, Rubric) and rubric.id == "rubric-1"
    assert (error.reason, error.location.column) == (
        "Rubric 2 of the list must be a mapping with a 'criteria' list, not a number",
        36,
    )


def test_a_text_or_id_that_is_a_list_a_mapping_or_true_false_is_an_error_at_it() -> None:
    """Such a value used to be linted as Python spells it ("['Names the dose']", "True")."""
    text = (
        "criteria:\n  - text: [Names the dose, Mentions food]\n  - text: true\n"
        "  - id: [1]\n    text: Names the route\n  - text: 42\n    id: 7\n"
    )
    *errors, rubric = parse_text("r.yaml", text)
    assert [(e.reason, e.location.line, e.location.column) for e in errors] == [
        ("Criterion 1: 'text' must be a text, not a list", 2, 11),
        ("Criterion 2: 'text' must be a text, not a true/false value", 3, 11),
        ("Criterion 3: 'id' must be a text or a number, not a list", 4, 9),
    ]
    assert isinstance(rubric, Rubric)
    assert [(c.id, c.text) for c in rubric.criteria] == [("7", "42")]


def test_an_empty_criteria_list_is_an_error_at_the_list() -> None:
    """A rubric that grades nothing used to pass as clean; the rubrics around it are read."""
    text = "rubrics:\n  - id: a\n    criteria: []\n  - id: b\n    criteria: [Names the dose]\n"
    error, rubric = parse_text("r.yaml", text)
    assert isinstance(error, ParseError) and not isinstance(error, NotARubric)
    assert (error.reason, error.location.line, error.location.column) == (
        "Rubric a has an empty 'criteria' list: it grades nothing",
        3,
        15,
    )
    assert isinstance(rubric, Rubric) and rubric.id == "b"


def test_points_and_weight_that_differ_are_an_error_at_weight_and_points_is_read() -> None:
    """Two names for one value: which counts was a silent guess. Equal values agree."""
    text = (
        "criteria:\n  - text: Names the dose\n    points: 2\n    weight: 5\n"
        "  - text: Names the route\n    points: 1\n    weight: 1.0\n"
    )
    error, rubric = parse_text("r.yaml", text)
    assert (error.reason, error.location.line, error.location.column) == (
        "Criterion c1 gives both 'points' (2) and 'weight' (5), two names for one value: keep "
        "one ('points' is read)",
        4,
        13,
    )
    assert isinstance(rubric, Rubric)
    assert [c.points for c in rubric.criteria] == [2.0, 1.0]


def test_points_under_another_usual_key_are_an_error_at_that_number() -> None:
    """A criterion whose number is under ``marks``, ``score`` or ``pts`` had no points and no
    finding: the key was not read. Each is now an RL001 at the number, in YAML and JSON, and
    the criteria are kept; a criterion with ``points`` may carry a ``score`` of its own, and
    a ``score`` that holds no number (a note) is not one."""
    text = (
        "criteria:\n  - text: States the thesis\n    marks: 4\n"
        "  - text: Supports it\n    score: '6'\n  - text: Cites sources\n    points: 2\n"
        "    score: 1\n  - text: Uses formal register\n    score: high\n"
    )
    *errors, rubric = parse_text("r.yaml", text)
    assert [(e.reason, e.location.line, e.location.column) for e in errors] == [
        (
            "Criterion c1 has no 'points': its points go under 'points' (or 'weight'), not "
            "'marks', which is not read",
            3,
            12,
        ),
        (
            "Criterion c2 has no 'points': its points go under 'points' (or 'weight'), not "
            "'score', which is not read",
            5,
            12,
        ),
    ]
    assert isinstance(rubric, Rubric)
    assert [(c.text, c.points) for c in rubric.criteria] == [
        ("States the thesis", None),
        ("Supports it", None),
        ("Cites sources", 2.0),
        ("Uses formal register", None),
    ]
    [error, rubric] = parse_text("r.json", '[{"text": "States the thesis", "pts": 4}]')
    assert (error.reason.split(", not ")[1], error.location.line, error.location.column) == (
        "'pts', which is not read",
        1,
        39,
    )
    assert isinstance(rubric, Rubric)
