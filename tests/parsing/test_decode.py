"""Bytes to documents: UTF-8 with or without a BOM, UTF-16 with a BOM, and undecodable bytes."""

from __future__ import annotations

import codecs
import pickle

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


def test_an_undecodable_json_lines_record_does_not_stop_the_others() -> None:
    """A dataset with one line of bad bytes (a Latin-1 record among UTF-8 ones, CRLF line
    ends) gives an error for that line alone, at the first bad byte; the records around it
    are read, with their positions."""
    records = [
        b'{"criteria": [{"text": "Names Paris"}]}',
        b'{"criteria": [{"text": "Names the caf\xe9 \xff"}]}',
        '{"criteria": [{"text": "Names the café"}]}'.encode(),
    ]
    document = decode("d.jsonl", b"\r\n".join(records) + b"\r\n")
    assert isinstance(document, SourceDocument)
    items = list(parse_document(document))
    assert [type(item).__name__ for item in items] == ["Rubric", "ParseError", "Rubric"]
    error = items[1]
    assert isinstance(error, ParseError)
    assert error.reason == "Record is not valid UTF-8"
    assert (error.location.line, error.location.column) == (2, 38)
    assert document.line_text(2) == '{"criteria": [{"text": "Names the caf\ufffd \ufffd"}]}'
    read = [(c.text, c.location.line) for r in items if isinstance(r, Rubric) for c in r.criteria]
    assert read == [("Names Paris", 1), ("Names the café", 3)]


def test_a_document_with_an_undecodable_line_crosses_to_another_process() -> None:
    """``--jobs`` workers send each file's document back by pickle: one that held the line's
    error failed to unpickle, and the run stopped as if a worker had died."""
    document = decode("d.jsonl", b'{"criteria": [{"text": "caf\xe9"}]}\n')
    assert isinstance(document, SourceDocument)
    copy = pickle.loads(pickle.dumps(document))
    assert [item.location.column for item in parse_document(copy)] == [28]


def test_undecodable_bytes_in_a_json_file_stop_the_file() -> None:
    """Only a JSON Lines file is read line by line: in a JSON document one bad byte leaves no
    record to read around it."""
    error = decode("r.json", b'{"criteria": [\n  {"text": "caf\xe9"}\n]}\n')
    assert isinstance(error, ParseError)
    assert error.reason == "File is not valid UTF-8 (byte 30)"
    assert (error.location.line, error.location.column) == (2, 16)


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
