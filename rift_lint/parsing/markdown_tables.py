"""Markdown pipe tables: the delimiter row that makes lines a table, and the cells of a row.

A cell is read without the whitespace and the one span of emphasis or code that wraps it
(``**Thesis**``), an escaped pipe (``\\|``) as ``|``, a ``<br>`` tag outside code as a line
break, each character keeping its position.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from rift_lint.parsing.columns import Cell
from rift_lint.parsing.fences import inline_code
from rift_lint.source import SourceDocument, TextOrigin

# The delimiter row is read a cell at a time: letting a run of spaces be split between
# neighbouring patterns made a long run quadratic or worse to refuse.
TABLE_DELIMITER = re.compile(
    r"[ \t]*+\|?+(?:[ \t]*+:?+-++:?+[ \t]*+\|)++(?:[ \t]*+:?+-++:?+[ \t]*+)?+$"
)
_EMPHASIS = ("**", "__", "*", "_", "`")
# The line break a cell exported from Google Docs, Notion or GitHub holds: <br>, <br/>, <BR />
_LINE_BREAK = re.compile(r"<br[ \t]*+/?+>", re.IGNORECASE)


def table_cell(document: SourceDocument, start: int, end: int) -> Cell:
    """A table cell without surrounding whitespace, ``<br>`` tags and emphasis, located
    exactly. An escaped pipe, ``\\|``, reads as ``|`` (as GitHub reads it, in code spans
    too): its backslash is taken out of the text, whose other characters keep their own
    positions; a ``<br>`` tag (``<br/>``, ``<BR />``) outside code reads as a line break,
    ``\\n``, at the tag's first character."""
    text = document.text
    start, end = _trimmed(text, start, end)
    code = False
    for mark in _EMPHASIS:
        if _wraps(text, start, end, mark):
            start, end, code = start + len(mark), end - len(mark), mark == "`"
            break
    if start == end:
        return Cell("")
    escapes = [(pos, pos + 1) for pos in _pipe_escapes(text, start, end)]
    cuts = sorted([*escapes, *([] if code else _line_breaks(text, start, end))])
    if cuts:
        origin = TextOrigin.without(document, start, end, *cuts)
        return Cell(origin.decoded, origin)
    return Cell(text[start:end], TextOrigin(document, start, end, text[start:end]))


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """``start``/``end`` moved past the whitespace and ``<br>`` tags that open and end
    ``text[start:end]``."""
    while True:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        opening = _LINE_BREAK.match(text, start, end)
        if opening is not None:
            start = opening.end()
            continue
        tag = text.rfind("<", start, end) if text.endswith(">", start, end) else -1
        if tag == -1 or not _LINE_BREAK.fullmatch(text, tag, end):
            return start, end
        end = tag


def _line_breaks(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """The ``<br>`` tags of ``text[start:end]`` outside its code spans, each a cut that a
    line break takes the place of."""
    code = [(start + a, start + b) for a, b in inline_code(text[start:end])]
    return [
        (found.start(), found.end(), "\n")
        for found in _LINE_BREAK.finditer(text, start, end)
        if not any(a <= found.start() < b for a, b in code)
    ]


def _pipe_escapes(text: str, start: int, end: int) -> Iterator[int]:
    """The offsets of the backslashes that escape a pipe in ``text[start:end]``."""
    pos = text.find("\\|", start, end)
    while pos != -1:
        yield pos
        pos = text.find("\\|", pos + 2, end)


def _wraps(text: str, start: int, end: int, mark: str) -> bool:
    """Whether ``mark`` (``**``, ``` ` ```...) opens and closes ``text[start:end]`` as one span:
    not when the text inside holds the mark too (``**Accuracy** of the **dose**``)."""
    size = len(mark)
    return (
        end - start > 2 * size
        and text.startswith(mark, start)
        and text.endswith(mark, 0, end)
        and text.find(mark, start + size, end - size) == -1
    )


def row_cells(document: SourceDocument, start: int, end: int) -> list[Cell]:
    """The cells of one pipe-table row (``start``/``end`` bound the line)."""
    text = document.text
    line = text[start:end]
    start += len(line) - len(line.lstrip())
    end = start + len(line.strip())
    if text.startswith("|", start):
        start += 1
    if end > start and text[end - 1] == "|" and text[end - 2] != "\\":
        end -= 1
    cells: list[Cell] = []
    first = start
    for pos in range(start, end + 1):
        if pos == end or (text[pos] == "|" and text[pos - 1] != "\\"):
            cells.append(table_cell(document, first, pos))
            first = pos + 1
    return cells
