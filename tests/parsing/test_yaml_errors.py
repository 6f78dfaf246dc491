"""A YAML syntax error is reported where the user must look, with the problem in the message."""

from __future__ import annotations

from rift_lint.parsing import parse_document
from rift_lint.parsing.errors import ParseError
from rift_lint.source import SourceDocument

UNCLOSED = 'criteria:\n  - text: "Mentions the dosage\n  - text: Warns about interactions\n'


def _errors(text: str) -> list[tuple[int, int, str]]:
    items = parse_document(SourceDocument("r.yaml", text))
    return [
        (item.location.line, item.location.column, item.reason)
        for item in items
        if isinstance(item, ParseError)
    ]


def test_unclosed_quote_is_reported_at_the_quote_not_at_the_end_of_the_file() -> None:
    items = "".join(f"  - text: item {n}\n    points: 1\n" for n in range(300))
    assert _errors(UNCLOSED + items) == [
        (
            2,
            11,
            "Invalid YAML: while scanning a quoted scalar that starts here: found unexpected "
            "end of stream (line 604, column 1)",
        )
    ]


def test_unclosed_quote_in_a_stream_is_reported_at_the_quote_and_the_next_document_read() -> None:
    text = UNCLOSED + "---\ncriteria:\n  - text: 'unclosed\n"
    assert [(line, column) for line, column, _ in _errors(text)] == [(2, 11), (6, 11)]


def test_error_without_a_scanning_context_stays_where_the_problem_is() -> None:
    assert _errors("criteria:\n  - text: A\n   points: 2\n") == [
        (
            3,
            4,
            "Invalid YAML: did not find expected '-' indicator (while parsing a block "
            "collection that starts at line 2, column 3)",
        )
    ]


def test_context_at_the_problem_is_named_once() -> None:
    """Where libyaml's context starts where the problem is, the message names no position."""
    assert _errors("criteria: [\n  - a\n") == [
        (2, 3, "Invalid YAML: did not find expected node content (while parsing a flow node)")
    ]


def test_a_tab_in_the_indentation_says_to_indent_with_spaces() -> None:
    assert _errors("criteria:\n\t- Names the dose\n") == [
        (2, 1, "Invalid YAML: a tab where YAML needs spaces: indent with spaces, never tabs")
    ]


def test_a_colon_in_unquoted_text_says_to_quote_the_text() -> None:
    assert _errors("criteria:\n  - text: Warns: about alcohol\n") == [
        (
            2,
            16,
            "Invalid YAML: mapping values are not allowed in this context (a ': ' inside "
            "unquoted text starts a mapping: put the text in quotes)",
        )
    ]


def test_unquoted_text_that_starts_with_a_bracket_is_reported_at_the_bracket() -> None:
    text = "criteria:\n  - text: [Names the route\n    points: 1\n  - text: Names the dose\n"
    assert _errors(text) == [
        (
            2,
            11,
            "Invalid YAML: '[' starts a list that is never closed (did not find expected ',' "
            "or ']' at line 3, column 11): close it, or put text that starts with '[' in quotes",
        )
    ]
    assert _errors("criteria:\n  - {Names the route  # a note\n  - Names the dose\n") == [
        (
            2,
            5,
            "Invalid YAML: '{' starts a mapping that is never closed (did not find expected ',' "
            "or '}' at line 3, column 3): close it, or put text that starts with '{' in quotes",
        )
    ]


def test_a_bracket_that_ends_its_line_opens_a_list_over_several_lines() -> None:
    """No hint: the words after the bracket are on the lines below it."""
    assert _errors("criteria: [\n  Names the dose,\n  Names the route\n") == [
        (
            1,
            11,
            "Invalid YAML: while parsing a flow sequence that starts here: did not find "
            "expected ',' or ']' (line 4, column 1)",
        )
    ]
    assert _errors("criteria: [Names the dose,\n  Names the route\nprompt: Say hi\n") == [
        (
            3,
            7,
            "Invalid YAML: did not find expected ',' or ']' (while parsing a flow sequence that "
            "starts at line 1, column 11)",
        )
    ]


def test_values_that_cannot_be_built_are_kept_as_written() -> None:
    """An impossible date, a tag that does not fit its value, or an integer of more digits than
    Python converts is the text as written, as an unknown tag is: never a crash."""
    text = (
        "created: 2024-02-30\nversion: !!int five\nflag: !!bool maybe\nsize: !!float abc\n"
        "when: !!timestamp tomorrow\ncriteria:\n  - 2024-13-01\n  - Names the dose\n"
    )
    [rubric] = parse_document(SourceDocument("r.yaml", text))
    assert not isinstance(rubric, ParseError)
    assert [c.text for c in rubric.criteria] == ["2024-13-01", "Names the dose"]
    assert [(c.location.line, c.location.column) for c in rubric.criteria] == [(7, 5), (8, 5)]
    assert rubric.metadata["created"] == "2024-02-30"
    assert rubric.metadata["version"] == "five"


def test_a_control_character_is_reported_where_it_is_and_named() -> None:
    """libyaml refuses it with an offset in bytes and no line: the error sits on the character
    (after wide characters too) and names it, without libyaml's wording."""
    assert _errors("criteria:\n  - Copied é \x1b[1mbold\n") == [
        (
            2,
            14,
            "Invalid YAML: a control character U+001B (ESC) that YAML does not allow (most "
            "editors do not show it): remove it",
        )
    ]
    assert _errors('criteria:\n  - "A\x00b"\n  - B\x9f\n') == [
        (
            2,
            7,
            "Invalid YAML: a control character U+0000 (NUL) that YAML does not allow (most "
            "editors do not show it): remove it",
        )
    ]


def test_positions_after_a_line_separator_count_lines_as_an_editor_does() -> None:
    """libyaml counts U+2028 as a line break: the error and the position in its message are
    where an editor shows them, not one line further down per separator."""
    text = 'criteria:\n  - "First\u2028second"\n  - text: "unclosed\n'
    assert _errors(text) == [
        (
            3,
            11,
            "Invalid YAML: while scanning a quoted scalar that starts here: found unexpected "
            "end of stream (line 4, column 1)",
        )
    ]


def test_an_error_beside_an_invisible_line_break_names_it() -> None:
    assert _errors("criteria:\n  - First\u2028second is fine\n  - Third: x\n") == [
        (
            2,
            11,
            "Invalid YAML: while scanning a simple key that starts here: could not find "
            "expected ':' (line 3, column 10) (the invisible line separator U+2028 at line 2, "
            "column 10 is a line break to YAML: remove it, or put the text in quotes)",
        )
    ]
    assert _errors("criteria:\n  - text: First\x85  second: is fine\n") == [
        (
            2,
            19,
            "Invalid YAML: did not find expected '-' indicator (while parsing a block "
            "collection that starts at line 2, column 3) (the invisible next-line character "
            "U+0085 at line 2, column 16 is a line break to YAML: remove it, or put the text "
            "in quotes)",
        )
    ]


_HOLDS_ITSELF = "Invalid YAML: this anchored value holds an alias of itself, so it never ends"


def test_a_value_that_holds_an_alias_of_itself_is_an_error_at_its_anchor() -> None:
    """A criterion whose points are an alias of the criterion (or a list holding itself) has
    no end: an RL001 at the anchor, where a rule spelling the points crashed the run with a
    traceback (json.dumps: Circular reference detected)."""
    assert _errors("criteria:\n- &a {text: Names the dose, points: *a}\n") == [
        (2, 3, _HOLDS_ITSELF)
    ]
    assert _errors("criteria:\n- {text: Names the dose, points: &a [*a]}\n") == [
        (2, 34, _HOLDS_ITSELF)
    ]


def test_an_alias_of_a_finished_value_and_a_merge_are_read() -> None:
    text = "base: &b {text: Names the dose, points: 2}\ncriteria:\n- *b\n- {<<: *b, id: c2}\n"
    (rubric,) = parse_document(SourceDocument("r.yaml", text))
    assert [(c.id, c.text, c.points) for c in rubric.criteria] == [
        ("c1", "Names the dose", 2),
        ("c2", "Names the dose", 2),
    ]


def test_a_plain_text_checklist_in_a_yaml_file_says_to_rename_it() -> None:
    """A numbered checklist saved as ``.yaml`` is one folded text to YAML: it was "no known
    rubric layout matches a string". The error says what the file is and what to name it; a
    YAML text that is no checklist keeps the old message."""
    text = "1. Names the dose (2 pts)\n2. Mentions food (1 pt)\n"
    assert _errors(text) == [
        (
            1,
            1,
            "Not a rubric: the file is a plain-text checklist, which YAML reads as one text: "
            "name it .txt (one criterion per item) or .md",
        )
    ]
    assert _errors("Just a sentence about dosing\n") == [
        (1, 1, "Not a rubric: no known rubric layout matches a string")
    ]
