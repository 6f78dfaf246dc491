"""Bytes to documents: UTF-8 with or without a BOM, UTF-16 with a BOM, and undecodable bytes."""

from __future__ import annotations

import codecs

from rift_lint.models import Rubric
from rift_lint.parsing import decode, parse_document
from rift_lint.parsing.errors import ParseError
from rift_lint.source import SourceDocument


def _criteria(document: SourceDocument | ParseError) -> list[tuple[str, int, int]]:
    assert isinstance(document, SourceDocument)
    rubrics = list(parse_document(document))
    return [(c.text, c.location.line, c.location.column) for r in rubrics for c in r.criteria]


def test_a_utf16_spreadsheet_export_is_read_with_its_positions() -> None:
    text = "criterion\tpoints\r\nIs clear\t5\r\nStates the dose is 5 mg\t3\r\n"
    document = decode("export.csv", text.encode("utf-16"))  # BOM + little-endian
    assert _criteria(document) == [("Is clear", 2, 1), ("States the dose is 5 mg", 3, 1)]


def test_big_endian_utf16_and_utf8_with_a_bom_are_read() -> None:
    yaml_text = "criteria:\n  - text: Names the café\n"
    big_endian = decode("r.yaml", codecs.BOM_UTF16_BE + yaml_text.encode("utf-16-be"))
    with_bom = decode("r.yaml", codecs.BOM_UTF8 + yaml_text.encode("utf-8"))
    assert _criteria(big_endian) == _criteria(with_bom) == [("Names the café", 2, 11)]


def test_an_undecodable_byte_is_reported_at_its_character_column() -> None:
    error = decode("r.yaml", "criteria:\n  - text: café is ".encode() + b"\xff fine\n")
    assert isinstance(error, ParseError)
    assert error.reason == "File is not valid UTF-8 (byte 29)"
    assert (error.location.line, error.location.column) == (2, 19)
    truncated = decode("r.yaml", codecs.BOM_UTF16_LE + "ok\nab".encode("utf-16-le") + b"\x00")
    assert isinstance(truncated, ParseError)
    assert truncated.reason.startswith("File is not valid UTF-16")
    assert (truncated.location.line, truncated.location.column) == (2, 3)


def test_a_second_utf8_bom_keeps_yaml_positions() -> None:
    """Decoding takes the first mark; the second stays in the text, and libyaml (which drops
    a mark that opens its input without counting it) must not shift every offset by one."""
    yaml_text = "criteria:\n  - text: Names the café\n"
    twice = decode("r.yaml", codecs.BOM_UTF8 * 2 + yaml_text.encode("utf-8"))
    assert _criteria(twice) == [("Names the café", 2, 11)]
    flow = decode("r.yaml", codecs.BOM_UTF8 * 2 + b"criteria: [Names the cafe]\n")
    assert _criteria(flow) == [("Names the cafe", 1, 13)]


def test_a_bom_opening_a_json_value_is_passed_over() -> None:
    """As RFC 8259 allows: joined JSON Lines files, and a JSON file with two marks."""
    record = '{"criteria": [{"text": "Names Paris"}]}\n'
    joined = decode("d.jsonl", (record + "\ufeff" + record).encode())
    assert _criteria(joined) == [("Names Paris", 1, 25), ("Names Paris", 2, 26)]
    twice = decode("r.json", codecs.BOM_UTF8 * 2 + record.encode())
    assert _criteria(twice) == [("Names Paris", 1, 26)]


def test_a_json_lines_line_holding_only_a_bom_is_no_record() -> None:
    """Joining an empty file that had a mark (``cat a.jsonl empty.jsonl b.jsonl``) leaves a
    line with the mark alone: it is passed over like a blank line, not a record in error."""
    record = '{"criteria": [{"text": "Names Paris"}]}\n'
    joined = decode("d.jsonl", (record + "\ufeff\n\ufeff  \n" + record).encode())
    assert isinstance(joined, SourceDocument)
    rubrics = list(parse_document(joined))
    assert all(isinstance(rubric, Rubric) for rubric in rubrics)
    assert _criteria(joined) == [("Names Paris", 1, 25), ("Names Paris", 4, 25)]


def test_a_second_bom_is_not_part_of_a_plain_text_criterion() -> None:
    """A marked item on line 1 is still read, and an unmarked line does not keep the mark."""
    items = decode("r.txt", codecs.BOM_UTF8 * 2 + b"- Names Paris\n- Names Rome\n")
    assert _criteria(items) == [("Names Paris", 1, 4), ("Names Rome", 2, 3)]
    lines = decode("r.txt", codecs.BOM_UTF8 * 2 + b"Names Paris\nNames Rome\n")
    assert _criteria(lines) == [("Names Paris", 1, 2), ("Names Rome", 2, 1)]


def test_a_second_bom_does_not_hide_the_first_markdown_line() -> None:
    """A list item or table header on line 1 after the mark is still read."""
    items = decode("r.md", codecs.BOM_UTF8 * 2 + b"- Names Paris\n- Names Rome\n")
    assert _criteria(items) == [("Names Paris", 1, 4), ("Names Rome", 2, 3)]
    table = decode("t.md", codecs.BOM_UTF8 * 2 + b"| criterion |\n|---|\n| Names Paris |\n")
    assert _criteria(table) == [("Names Paris", 3, 3)]
