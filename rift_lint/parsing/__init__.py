"""Rubric files in, rubrics out: format detection and the reader for each format.

``parse_document`` yields :class:`Rubric` objects and, for anything malformed or not a rubric,
:class:`ParseError` objects (reported as RL001) without stopping at the first problem.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable, Iterator
from pathlib import Path

from rift_lint.location import Location
from rift_lint.models import Rubric
from rift_lint.parsing.csvfile import looks_like_csv, read_csv_rubrics
from rift_lint.parsing.errors import ParseError
from rift_lint.parsing.markdown import looks_like_markdown, read_markdown_rubrics
from rift_lint.parsing.plaintext import looks_like_checklist, read_text_rubrics
from rift_lint.parsing.structured import (
    read_json_rubrics,
    read_jsonl_rubrics,
    read_yaml_rubrics,
)
from rift_lint.source import BYTE_ORDER_MARK, SourceDocument

Reader = Callable[[SourceDocument], Iterator[Rubric | ParseError]]

READERS: dict[str, Reader] = {
    "yaml": read_yaml_rubrics,
    "json": read_json_rubrics,
    "jsonl": read_jsonl_rubrics,
    "markdown": read_markdown_rubrics,
    "csv": read_csv_rubrics,
    "text": read_text_rubrics,
}

EXTENSIONS: dict[str, str] = {
    ".yaml": "yaml",
    ".yml": "yaml",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".md": "markdown",
    ".markdown": "markdown",
    ".csv": "csv",
    ".tsv": "csv",
    ".txt": "text",
    ".text": "text",
}

_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")  # a byte ``surrogateescape`` could not decode
_YAML_KEY = re.compile(r"^[A-Za-z_][\w-]*\s*:(\s|$)", re.MULTILINE)


def _looks_like_jsonl(text: str) -> bool:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return len(lines) > 1 and all(line.startswith("{") and line.endswith("}") for line in lines[:3])


def sniff_format(text: str) -> str:
    """Guess a format from content, for stdin and unknown extensions.

    JSON first (a ``[Axis, weight 2] ...`` checklist line aside), then Markdown (a pipe table, or
    headings without YAML keys), plain-text checklists (mostly marked items, no YAML keys), YAML
    (``---`` or a leading ``key:``), CSV (the first records have the same number of cells); YAML
    when nothing matches.
    """
    head = text.lstrip(BYTE_ORDER_MARK + " \t\r\n")
    if head.startswith("{") or (head.startswith("[") and not looks_like_checklist(head)):
        return "jsonl" if _looks_like_jsonl(head) else "json"
    if looks_like_markdown(head):
        return "markdown"
    if looks_like_checklist(head):
        return "text"
    if head.startswith("---") or _YAML_KEY.match(head):
        return "yaml"
    if looks_like_csv(head):
        return "csv"
    return "yaml"


def detect_format(path: str, text: str) -> str:
    """The format of a file: from its extension, refined or replaced by its content."""
    suffix = Path(path).suffix.lower()
    fmt = EXTENSIONS.get(suffix)
    if fmt == "json" and _looks_like_jsonl(text):
        return "jsonl"
    return fmt or sniff_format(text)


def is_supported(path: Path) -> bool:
    """Whether directory discovery should pick up this file."""
    return path.suffix.lower() in EXTENSIONS


def decode(path: str, data: bytes) -> SourceDocument | ParseError:
    """Decode file bytes into a document: UTF-8 (a BOM tolerated), or UTF-16 when the file
    opens with a UTF-16 byte order mark (spreadsheet "Unicode text" exports); CRLF and CR line
    ends become LF. Undecodable bytes give a parse error at their line and column, except in
    a JSON Lines file, where each line holding some is noted in ``undecodable`` (an error of
    its own when it is read) and the other lines are read."""
    name, codec = ("UTF-16", "utf-16") if data.startswith(_UTF16_BOMS) else ("UTF-8", "utf-8-sig")
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        if codec == "utf-8-sig":
            document = _by_line(path, data)
            if detect_format(path, document.text) == "jsonl":
                return document
        prefix = data[: exc.start].decode(codec, errors="replace")
        line = prefix.count("\n") + 1
        column = len(prefix) - (prefix.rfind("\n") + 1) + 1
        location = Location(path=path, line=line, column=column, end_line=line, end_column=column)
        return ParseError(f"File is not valid {name} (byte {exc.start})", location)
    return SourceDocument(path, _normalise_line_ends(text))


def _normalise_line_ends(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _by_line(path: str, data: bytes) -> SourceDocument:
    """UTF-8 ``data`` that does not decode, read line by line: each line holding bytes that do
    not decode is noted with the first of them (``undecodable``) and stays in the text with
    U+FFFD in their place (one per byte, so positions hold)."""
    text = _normalise_line_ends(data.decode("utf-8-sig", errors="surrogateescape"))
    undecodable: dict[int, int] = {}
    next_line = 0
    for match in _ESCAPED_BYTE.finditer(text):
        if match.start() < next_line:
            continue  # the line already has its error
        start = text.rfind("\n", 0, match.start()) + 1
        next_line = text.find("\n", match.start()) + 1 or len(text)
        undecodable[start] = match.start()
    return SourceDocument(path, _ESCAPED_BYTE.sub("\ufffd", text), undecodable)


def parse_document(
    document: SourceDocument, fmt: str | None = None
) -> Iterator[Rubric | ParseError]:
    """Rubrics and parse errors from one document, in file order.

    Data too deeply nested for a reader's recursion ends the document with a parse error;
    what was read before it is kept. So does any other failure of a reader, a bug that input
    has met: the error names it, and the run goes on with the other files.
    """
    fmt = fmt or detect_format(document.path, document.text)
    try:
        yield from READERS[fmt](document)
    except RecursionError:
        yield ParseError("Not read: the data is nested too deeply", document.span(0, 0))
    except Exception as exc:  # one file's reader bug must not stop the run
        yield ParseError(
            f"Not read: rift-lint's {fmt} reader failed ({type(exc).__name__}: {exc}); this "
            "is a bug, please report it with the file",
            document.span(0, 0),
        )
