"""Exact positions: JSON escapes, YAML folding, nested JSON strings."""

from __future__ import annotations

import json

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from rift_lint.models import Rubric
from rift_lint.parsing import parse_document
from rift_lint.parsing.errors import ParseError
from rift_lint.parsing.jsontree import read_json
from rift_lint.parsing.tree import TreeContext
from rift_lint.parsing.yamltree import read_yaml
from rift_lint.source import Encoding, SourceDocument, TextOrigin


def _read(text: str) -> object:
    return read_json(text, TreeContext(SourceDocument("t.json", text), Encoding.JSON))


_LONE = (
    "is half of a UTF-16 surrogate pair without its other half, so it is no character "
    "(write the character itself, or both halves)"
)


def _json_error(text: str) -> tuple[str, tuple[int, int]]:
    """The reason and (line, column) of the error reading ``text`` as JSON."""
    with pytest.raises(ParseError) as caught:
        _read(text)
    return caught.value.reason, (caught.value.location.line, caught.value.location.column)


def test_document_position_is_one_based_in_characters() -> None:
    document = SourceDocument("x", "ab\ncé d\n")
    assert document.position(0) == (1, 1)
    assert document.position(3) == (2, 1)
    assert document.position(6) == (2, 4)
    assert document.line_text(2) == "cé d"


@given(st.text(alphabet="ab\n\u00e9", max_size=30), st.data())
def test_offset_is_the_inverse_of_position(text: str, data: st.DataObject) -> None:
    document = SourceDocument("f.txt", text)
    offset = data.draw(st.integers(0, len(text)))
    assert document.offset(*document.position(offset)) == offset


def test_offset_clamps_to_the_document_and_to_the_line() -> None:
    document = SourceDocument("f.txt", "ab\ncd\n")
    assert document.offset(2, 9) == 5  # the end of "cd", not a character of the next line
    assert document.offset(9, 1) == 6  # the empty last line
    assert document.offset(0, 2) == 1


def test_json_word_after_escapes_points_at_raw_column() -> None:
    text = '{"criteria": ["Says \\"caf\\u00e9\\" then stops"]}'
    data = _read(text)
    origin = data["criteria"].origin(0)
    decoded = data["criteria"][0]
    assert decoded == 'Says "café" then stops'
    start = decoded.index("then")
    location = origin.locate(start, start + 4)
    assert (location.line, location.column, location.end_column) == (1, 35, 39)
    assert text[34:38] == "then"


def test_json_error_reports_line_and_column() -> None:
    text = '{\n  "criteria": [\n    "a",\n    "b"\n  ,]\n}'
    with pytest.raises(ParseError) as caught:
        _read(text)
    location = caught.value.location
    assert (location.line, location.column) == (5, 3)
    assert caught.value.reason == "Invalid JSON: trailing comma before ']' (JSON allows none)"


def test_nested_json_string_maps_back_to_file() -> None:
    inner = json.dumps({"rubrics": json.dumps(['Did the model say "genie"?'])})
    text = json.dumps({"prompt_metadata": inner})
    document = SourceDocument("n.jsonl", text)
    outer = read_json(text, TreeContext(document, Encoding.JSON))
    middle_origin = outer.origin("prompt_metadata")
    middle = read_json(
        outer["prompt_metadata"], TreeContext(document, Encoding.JSON, parent=middle_origin)
    )
    rubrics_origin = middle.origin("rubrics")
    innermost = read_json(
        middle["rubrics"], TreeContext(document, Encoding.JSON, parent=rubrics_origin)
    )
    question = innermost[0]
    origin = innermost.origin(0)
    start = question.index("genie")
    location = origin.locate(start, start + 5)
    assert text[location.column - 1 : location.end_column - 1] == "genie"


def _first_criterion(text: str) -> tuple[str, TextOrigin]:
    """The text of the first criterion of a YAML rubric, and its origin."""
    data = next(read_yaml(SourceDocument("r.yaml", text)))
    origin = data["criteria"][0].origin("text")
    assert origin is not None
    return data["criteria"][0]["text"], origin


def test_yaml_folded_scalar_word_position() -> None:
    text = "criteria:\n  - text: >\n      Mentions the moon\n      and the stars\n"
    decoded, origin = _first_criterion(text)
    start = decoded.index("stars")
    location = origin.locate(start, start + 5)
    assert (location.line, location.column, location.end_column) == (4, 15, 20)


@settings(max_examples=200, deadline=None)
@given(st.text(min_size=1, max_size=40), st.booleans())
def test_every_decoded_character_maps_to_its_raw_encoding(value: str, ascii_only: bool) -> None:
    text = json.dumps({"key": value}, ensure_ascii=ascii_only)
    data = _read(text)
    origin = data.origin("key")
    for index, char in enumerate(value):
        begin = origin.document_offset(index)
        end = origin.document_offset(index + 1) if index + 1 < len(value) else len(text) - 2
        assert json.loads('"' + text[begin:end] + '"') == char


@settings(max_examples=200, deadline=None)
@given(st.text(min_size=1, max_size=40), st.booleans())
def test_a_located_span_covers_the_whole_escape_of_its_last_character(
    value: str, ascii_only: bool
) -> None:
    """A span that ends on an escaped character ("\\u00e9", a quote) ends past its escape, so
    the underline and the quoted text cover it, not its backslash alone."""
    text = json.dumps({"key": value}, ensure_ascii=ascii_only)
    origin = _read(text).origin("key")
    for index, char in enumerate(value):
        location = origin.locate(index, index + 1)
        raw = text[location.column - 1 : location.end_column - 1]
        assert json.loads('"' + raw + '"') == char
    whole = origin.locate(0, len(value))
    assert (
        text[whole.column - 1 : whole.end_column - 1]
        == json.dumps(value, ensure_ascii=ascii_only)[1:-1]
    )


def test_a_yaml_span_ending_on_an_escaped_quote_covers_it() -> None:
    text = 'criteria:\n  - text: "Ends by saying \\"See you soon\\" to them"\n'
    decoded, origin = _first_criterion(text)
    start = decoded.index('"See')
    location = origin.locate(start, decoded.index(" to"))
    assert text.splitlines()[1][location.column - 1 : location.end_column - 1] == (
        '\\"See you soon\\"'
    )


def test_yaml_double_quoted_escapes_keep_later_words_in_place() -> None:
    text = 'criteria:\n  - text: "Says \\"hi\\".\\nStep 2: Brainstorm caf\\u00e9 \\\\ ideas"\n'
    decoded, origin = _first_criterion(text)
    assert decoded == 'Says "hi".\nStep 2: Brainstorm café \\ ideas'
    for word in ("Brainstorm", "ideas"):
        start = decoded.index(word)
        location = origin.locate(start, start + len(word))
        assert text.splitlines()[1][location.column - 1 : location.end_column - 1] == word


@settings(max_examples=200, deadline=None)
@given(st.text(min_size=1, max_size=120))
def test_every_yaml_double_quoted_character_maps_to_its_raw_encoding(value: str) -> None:
    text = yaml.safe_dump({"key": value}, default_style='"', width=20, allow_unicode=False)
    data = next(read_yaml(SourceDocument("d.yaml", text)))
    assert data["key"] == value
    origin = data.origin("key")
    for index, char in enumerate(value):
        if char.isspace():
            continue
        begin = origin.document_offset(index)
        if text[begin] == char:
            continue
        widths = (2, 4, 6, 10)
        assert any(_yaml_unescape(text[begin : begin + width]) == char for width in widths)


def _yaml_unescape(raw: str) -> str | None:
    try:
        return yaml.safe_load(f'"{raw}"')
    except yaml.YAMLError:
        return None


def test_an_escape_after_a_folded_line_break_leaves_the_end_in_place() -> None:
    """A line break folded into a space, then an escape ("\\r"): the criterion's span ends on
    its last character, where it stopped one short (the escape took the indentation's place)."""
    text = '{n: {prompt: "Y\n \\re.",choice_strings}}'
    (rubric,) = parse_document(SourceDocument("e.yaml", text))
    (criterion,) = rubric.criteria
    assert criterion.text == "Y \re."
    location = criterion.location
    assert (location.line, location.column, location.end_line, location.end_column) == (
        1,
        15,
        2,
        6,
    )


_DOUBLE_QUOTED_PIECES = (
    *("a", "é", "'", " ", "  ", "\t", "\u00a0", "\n ", "\n\n ", "\r\n ", "\x85 ", "\u2028 "),
    *(" \n ", "\t\n\t", "\\t", "\\r", "\\n", "\\ ", '\\"', "\\\\", "\\x41", "\\u00e9"),
    *("\\U0001F600", "\\N", "\\_", "\\L", "\\P", "\\0", "\\\t", "\\\n ", "\\\n\n ", " \\\r\n "),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_DOUBLE_QUOTED_PIECES), min_size=1, max_size=12))
def test_every_character_of_a_folded_and_escaped_yaml_string_maps_to_its_raw_encoding(
    pieces: list[str],
) -> None:
    """Whitespace folded from line breaks, escapes (of whitespace too) and escaped line breaks
    in any order: each decoded character sits where it is written, in order."""
    text = 'key: "' + "".join(pieces) + '"\n'
    try:
        value = yaml.load(text, Loader=yaml.CSafeLoader)["key"]
    except yaml.YAMLError:
        return
    origin = next(read_yaml(SourceDocument("d.yaml", text))).origin("key")
    ends = [origin.document_end(index) for index in range(len(value))]
    assert ends == sorted(ends)
    for index, char in enumerate(value):
        raw = text[origin.document_offset(index) : ends[index]]
        folded = char.isspace() and raw in tuple(" \t\r\n\x85\u2028\u2029")  # a blank or break
        assert raw == char or _yaml_unescape(raw) == char or folded


def test_yaml_literal_block_with_blank_lines_and_extra_indent() -> None:
    text = "criteria:\n  - text: |\n      First line\n\n        indented word\n      last\n"
    decoded, origin = _first_criterion(text)
    assert decoded == "First line\n\n  indented word\nlast\n"
    for word, expected in (("word", (5, 18)), ("last", (6, 7))):
        start = decoded.index(word)
        location = origin.locate(start, start + len(word))
        assert (location.line, location.column) == expected


@pytest.mark.parametrize(
    ("text", "column", "reason"),
    [
        (
            '{"criteria": ["Mentions the dose]}\n',
            15,
            "the string is not closed on its line (write a line break as \\n)",
        ),
        ('{"criteria": ["Mentions the dose', 15, "the string is not closed"),
        (
            '{"criteria": ["Tab\there"]}',
            19,
            "control character U+0009 must be escaped (as \\u0009)",
        ),
        ('{"criteria": ["C:\\x"]}', 18, "invalid escape \\x (a backslash is written \\\\)"),
        ('{"criteria": ["\\u12"]}', 16, "a \\u escape needs four hexadecimal digits"),
        ('{"criteria": ["Names \\udc00"]}', 22, f"\\udc00 {_LONE}"),
        ('{"criteria": ["\\\\ \\ud83d\\u0041"]}', 19, f"\\ud83d {_LONE}"),
        ('{"criteria": ["\\ud83d\\ude00 \\uDE00"]}', 29, f"\\uDE00 {_LONE}"),
    ],
)
def test_json_string_error_is_complete_and_at_the_string(
    text: str, column: int, reason: str
) -> None:
    assert _json_error(text) == (f"Invalid JSON string: {reason}", (1, column))


def test_json_surrogate_pair_and_escaped_backslash_before_u_are_read() -> None:
    assert _read('["\\ud83d\\ude00 \\\\udc00"]') == ["\U0001f600 \\udc00"]


def test_jsonl_line_with_a_lone_surrogate_is_an_error_and_the_others_are_read() -> None:
    text = '{"criteria": ["Names \\udc00 the dose"]}\n{"criteria": ["Names the dose"]}\n'
    error, rubric = parse_document(SourceDocument("x.jsonl", text))
    assert isinstance(error, ParseError)
    assert error.reason == f"Invalid JSON string: \\udc00 {_LONE}"
    location = error.location
    assert (location.line, location.column, location.end_line, location.end_column) == (
        1,
        22,
        1,
        28,
    )
    assert isinstance(rubric, Rubric)
    assert [c.text for c in rubric.criteria] == ["Names the dose"]


@pytest.mark.parametrize(
    ("text", "position", "reason"),
    [
        (
            '{"prompt": "x",\n "criteria": ["Names the dose",\n  "Mentions food"\n',
            (2, 14),
            "'[' is never closed (the file ends at line 4, column 1)",
        ),
        ('{"criteria": ["a"]', (1, 1), "'{' is never closed (the file ends at line 1, column 19)"),
        ('{"criteria": ', (1, 1), "'{' is never closed (the file ends at line 1, column 14)"),
        ('{"criteria"\n', (1, 1), "'{' is never closed (the file ends at line 2, column 1)"),
        ('{"id": "r",  ', (1, 1), "'{' is never closed (the file ends at line 1, column 14)"),
        ('[{"a": 1}, [\n\n', (1, 12), "'[' is never closed (the file ends at line 3, column 1)"),
    ],
)
def test_json_ending_inside_a_bracket_is_reported_at_the_bracket(
    text: str, position: tuple[int, int], reason: str
) -> None:
    """Where the text ends with a bracket open, the innermost one is named, at its place."""
    assert _json_error(text) == (f"Invalid JSON: {reason}", position)


def test_json_lines_record_errors_stay_on_their_line() -> None:
    """A record cut anywhere, or with a stray character after the cut, is an error whose span
    starts and ends on the record's line: never at column 1 of the next line, where errors met
    at the end of a line ended before '[' or '{' left open was named at the bracket."""
    record = '{"id": "r", "criteria": [{"text": "Names \\"Paris\\"", "points": 1e3}], "m": [true]}'
    for cut in range(1, len(record)):
        for tail in ("", " ", "x", ",", "}"):
            text = f'"first"\n{record[:cut]}{tail}\n{{"criteria": ["b"]}}\n'
            for item in parse_document(SourceDocument("t.jsonl", text), "jsonl"):
                if isinstance(item, ParseError) and "not a rubric" not in item.reason.lower():
                    where = item.location
                    assert (where.line, where.end_line) == (2, 2), (text, item.reason, where)
                    assert where.end_column <= cut + len(tail) + 1, (text, item.reason, where)


@pytest.mark.parametrize(
    ("text", "position", "reason"),
    [
        ('{"criteria": ["a",\n]}', (1, 18), "trailing comma before ']' (JSON allows none)"),
        (
            '{"criteria": ["a"], "id": "r", }',
            (1, 30),
            "trailing comma before '}' (JSON allows none)",
        ),
        (
            '{\n  // dose\n  "criteria": []\n}',
            (2, 3),
            "comments are not allowed in JSON (remove "
            "it, or write the rubric in YAML, whose comments start with #)",
        ),
        (
            '{"criteria": ["a" /* b */]}',
            (1, 19),
            "comments are not allowed in JSON (remove it, "
            "or write the rubric in YAML, whose comments start with #)",
        ),
        (
            '["a"] // end',
            (1, 7),
            "comments are not allowed in JSON (remove it, or write the "
            "rubric in YAML, whose comments start with #)",
        ),
        ("{\"criteria\": ['a']}", (1, 15), "strings are written in double quotes, not single"),
        (
            "{'criteria': [\"a\"]}",
            (1, 2),
            "property names are written in double quotes, not single",
        ),
        ('{"criteria": [a]}', (1, 15), "unexpected character 'a'"),
    ],
)
def test_json_slips_from_other_syntaxes_are_named(
    text: str, position: tuple[int, int], reason: str
) -> None:
    """A trailing comma (at the comma), a comment, a single-quoted string."""
    assert _json_error(text) == (f"Invalid JSON: {reason}", position)
