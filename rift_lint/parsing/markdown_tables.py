"""Markdown pipe tables: the delimiter row that makes lines a table, and the cells of a row.

A cell is read without the whitespace and the one span of emphasis or code that wraps it
(``**Thesis**``), an escaped pipe (``\\|``) as ``|``, each character keeping its position.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from rift_lint.parsing.columns import Cell
from rift_lint.source import SourceDocument, TextOrigin

# The delimiter row is read a cell at a time: letting a run of spaces be split between
# neighbouring patterns made a long run quadratic or worse to refuse.
TABLE_DELIMITER = re.compile(
    r"[ \t]*+\|?+(?:[ \t]*+:?+-++:?+[ \t]*+\|)++(?:[ \t]*+:?+-++:?+[ \t]*+)?+$"
)
_EMPHASIS = ("**", "__", "*", "_", "`")


def table_cell(document: SourceDocument, start: int, end: int) -> Cell:
    """A table cell without surrounding whitespace and emphasis, located exactly. An escaped
    pipe, ``\\|``, reads as ``|`` (as GitHub reads it, in code spans too): its backslash is
    taken out of the text, whose other characters keep their own positions."""
    text = document.text
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    for mark in _EMPHASIS:
        if _wraps(text, start, end, mark):
            start, end = start + len(mark), end - len(mark)
            break
    if start == end:
        return Cell("")
    escapes = [(pos, pos + 1) for pos in _pipe_escapes(text, start, end)]
    if escapes:
        origin = TextOrigin.without(document, start, end, *escapes)
        return Cell(origin.decoded, origin)
    return Cell(text[start:end], TextOrigin(document, start, end, text[start:end]))


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
