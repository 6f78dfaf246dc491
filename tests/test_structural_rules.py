"""RL002 empty-criterion, RL003 duplicate-criterion and RL004 invalid-points."""

from __future__ import annotations

from functools import partial

import pytest
from conftest import codes_at
from conftest import lint_snippet as lint_any

lint_snippet = partial(lint_any, select=["RL0"])

RUBRIC = """\
prompt: Explain photosynthesis to a 10-year-old.
criteria:
  - id: c1
    text: Mentions that plants use sunlight
    points: 5
  - id: c2
    text: "mentions that plants   use SUNLIGHT"
    points: 3
  - id: c3
    text: TODO
    points: 2
  - id: c4
    text: Names chlorophyll
    points: five
  - id: c5
    text: Says plants release oxygen
    points: 0
"""


def test_structural_findings_and_positions() -> None:
    result = lint_snippet(RUBRIC)
    assert codes_at(result.diagnostics) == [
        ("RL003", 7, 12),
        ("RL002", 10, 11),
        ("RL004", 14, 13),
        ("RL004", 17, 13),
    ]


def test_duplicate_names_first_occurrence_as_related() -> None:
    [duplicate] = [d for d in lint_snippet(RUBRIC).diagnostics if d.code == "RL003"]
    assert duplicate.criterion_id == "c2"
    assert duplicate.failure_mode == "redundant_criteria"
    assert duplicate.message == (
        "Criterion c2 repeats criterion c1 word for word, so the same behaviour is scored twice"
    )
    [related] = duplicate.related
    assert (related.location.line, related.location.column) == (4, 11)
    assert related.message == "first written as c1"


def test_ids_that_read_as_words_are_quoted_in_messages() -> None:
    text = (
        "criteria:\n"
        "  - {id: Tone and Style, text: Uses a warm tone, points: 2}\n"
        "  - {id: criteria, text: Uses a warm tone, points: 2}\n"
        "  - {id: step-3, text: Uses a warm tone, points: 2}\n"
    )
    first, second = [d for d in lint_snippet(text).diagnostics if d.code == "RL003"]
    assert first.message == (
        'Criterion "criteria" repeats criterion "Tone and Style" word for word, so the same '
        "behaviour is scored twice"
    )
    assert first.suggestion == (
        'Delete one copy, or merge the points into criterion "Tone and Style".'
    )
    assert first.related[0].message == 'first written as "Tone and Style"'
    assert first.criterion_id == "criteria"
    assert second.message.startswith('Criterion step-3 repeats criterion "Tone and Style" ')


def test_invalid_points_messages() -> None:
    messages = [d.message for d in lint_snippet(RUBRIC).diagnostics if d.code == "RL004"]
    assert messages == [
        'Points value "five" of criterion c4 is not a number',
        "Criterion c5 carries 0 points, so it cannot change a score",
    ]


def test_invalid_points_are_spelled_as_json_not_as_python() -> None:
    text = (
        '{"criteria": [{"text": "A", "points": true}, {"text": "B", "points": NaN},'
        ' {"text": "C", "points": 1e999}]}'
    )
    findings = lint_snippet(text, "r.json").diagnostics
    assert [d.message for d in findings if d.code == "RL004"] == [
        "Points value true of criterion c1 is not a number",
        "Points value NaN of criterion c2 is not finite",
        "Points value 1e999 of criterion c3 is not finite",
    ]


@pytest.mark.parametrize(
    ("name", "text", "shown"),
    [
        ("r.json", '{"criteria": [{"text": "A", "points": -1E400}]}', "-1E400"),
        ("r.json", '{"criteria": [{"text": "A", "points": Infinity}]}', "Infinity"),
        ("r.json", '{"criteria": [{"text": "A", "points": "1e999"}]}', '"1e999"'),
        ("r.jsonl", '{"criteria": [{"text": "A", "points": 1e999}]}\n', "1e999"),
        ("r.yaml", "criteria:\n  - {text: A, points: .inf}\n", ".inf"),
        ("r.yaml", "criteria:\n  - {text: A, points: 1.0e+999}\n", "1.0e+999"),
        ("r.yaml", "criteria:\n  - {text: A, points: .NaN}\n", ".NaN"),
        ("r.yaml", "criteria:\n  - {text: A, points: 1e999}\n", "1e999"),
        ("r.csv", "criterion,points\nA,1e999\n", "1e999"),
    ],
)
def test_points_that_are_not_finite_are_quoted_as_written(name: str, text: str, shown: str) -> None:
    """A number read as infinity or NaN is shown as the file writes it, never as the
    ``Infinity`` the file does not hold, and the finding sits on it."""
    [finding] = lint_snippet(text, name).diagnostics
    assert finding.message == f"Points value {shown} of criterion c1 is not finite"
    start, end = finding.location.column, finding.location.end_column
    assert text.splitlines()[finding.location.line - 1][start - 1 : end - 1] == shown


def test_points_and_weight_that_differ_are_quoted_as_written() -> None:
    text = '{"criteria": [{"text": "A", "points": 1e999, "weight": 2}]}'
    messages = [d.message for d in lint_snippet(text, "r.json").diagnostics]
    assert messages == [
        "Points value 1e999 of criterion c1 is not finite",
        "Criterion c1 gives both 'points' (1e999) and 'weight' (2), two names for one value: "
        "keep one ('points' is read)",
    ]


def test_points_beyond_any_float_are_not_finite_and_shown_by_their_ends() -> None:
    """An integer too large for a float is read as infinity, never a crash; the message shows
    its ends and length, as the file writes it, even when it has more digits than Python
    converts to an integer (4,300)."""
    huge, larger = "1" + "0" * 400, "1" + "0" * 5000
    cases = {
        (huge, "r.json"): "100000000000…000000 (401 characters)",
        (huge, "r.yaml"): "100000000000…000000 (401 characters)",
        (larger, "r.json"): "100000000000…000000 (5001 characters)",
        (larger, "r.yaml"): "100000000000…000000 (5001 characters)",
    }
    for (points, name), shown in cases.items():
        text = f'{{"criteria": [{{"text": "A", "points": {points}}}, "B"]}}'
        findings = lint_snippet(text, name).diagnostics
        assert [(d.code, d.message) for d in findings] == [
            ("RL004", f"Points value {shown} of criterion c1 is not finite"),
            ("RL004", "Criterion c2 has no points while 1 other criterion of this rubric has them"),
        ]


def test_zero_points_allowed_by_option() -> None:
    result = lint_snippet(RUBRIC, rules={"RL004": {"allow-zero": True}})
    assert [d.criterion_id for d in result.diagnostics if d.code == "RL004"] == ["c4"]


def test_missing_points_among_pointed_siblings() -> None:
    text = "criteria:\n  - text: A\n    points: 2\n  - text: B\n"
    [finding] = lint_snippet(text).diagnostics
    assert (finding.code, finding.location.line, finding.location.column) == ("RL004", 4, 11)
    assert finding.message == (
        "Criterion c2 has no points while 1 other criterion of this rubric has them"
    )
    findings = lint_snippet(
        text.replace("  - text: B\n", "  - text: B\n  - text: C\n    points: 1\n")
    ).diagnostics
    assert [d.message for d in findings] == [
        "Criterion c2 has no points while 2 other criteria of this rubric do"
    ]


def test_mirror_with_opposite_signs_is_allowed_only_by_option() -> None:
    text = (
        "criteria:\n  - text: Cites a source\n    points: 3\n"
        "  - text: Cites a source\n    points: -3\n"
    )
    assert [d.code for d in lint_snippet(text).diagnostics] == ["RL003"]
    allowed = lint_snippet(text, rules={"duplicate-criterion": {"allow_opposite_signs": True}})
    assert allowed.diagnostics == []


def test_empty_and_punctuation_only_criteria() -> None:
    text = 'criteria:\n  - ""\n  - "..."\n  - "Real criterion"\n'
    findings = lint_snippet(text).diagnostics
    assert [(d.code, d.location.line, d.message) for d in findings] == [
        ("RL002", 2, "Criterion c1 is empty"),
        ("RL002", 3, "Criterion c2 has no words ('...')"),
    ]


def test_number_with_a_unit_is_not_a_number_and_the_message_says_which_to_write() -> None:
    """Scoring code reading ``"20%"`` from YAML or JSON fails on it as on ``"five"``; the
    message names the number. In a CSV points column, all text, ``20%`` reads as 20."""
    yaml = 'criteria:\n  - text: A\n    points: "20%"\n  - text: B\n    points: 5 pts\n'
    messages = [d.message for d in lint_snippet(yaml).diagnostics]
    assert messages == [
        'Points value "20%" of criterion c1 is not a number: write 20',
        'Points value "5 pts" of criterion c2 is not a number: write 5',
    ]
    json = '{"criteria": [{"text": "A", "points": "-2.5 points"}, {"text": "B", "points": "2x"}]}'
    assert [d.message for d in lint_snippet(json, "r.json").diagnostics] == [
        'Points value "-2.5 points" of criterion c1 is not a number: write -2.5',
        'Points value "2x" of criterion c2 is not a number',
    ]
    assert lint_snippet("criterion,points\nA,20%\nB,80%\n", "r.csv").diagnostics == []


def test_parse_errors_say_how_to_fix_or_leave_out_the_file() -> None:
    """Data in no known layout may be no rubric at all: the suggestion names extend-exclude;
    a broken file is to be fixed where it breaks."""
    [unknown] = lint_snippet("name: lint\nentry: rift-lint\n").diagnostics
    assert (unknown.code, unknown.location.line) == ("RL001", 1)
    assert unknown.suggestion == (
        "If the file is not a rubric, leave it out with `extend-exclude` in the "
        "configuration; otherwise docs/formats.md lists the layouts rift-lint reads."
    )
    [empty] = lint_snippet("# only a comment\n", "notes.txt").diagnostics
    assert empty.suggestion == unknown.suggestion
    [broken] = lint_snippet('criteria:\n  - "Names the dose\n').diagnostics
    assert (broken.code, broken.location.line) == ("RL001", 2)
    assert broken.suggestion == (
        "Fix the file at this position; docs/formats.md describes the formats and layouts "
        "rift-lint reads."
    )
