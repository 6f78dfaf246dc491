"""The ``full`` format (the default): each finding with a source snippet and carets.

::

    rubrics/hb.yaml:14:23: RL101 [warning] Criterion relies on the unanchored term "appropriate"
       |
    13 |   - id: c3
    14 |     criterion: "Gives appropriate dosing advice"
       |                       ^^^^^^^^^^^ RL101 subjective-term
    15 |     points: 5
       |
       = help: Name the observable standard

Snippet lines are laid out in terminal cells: tabs expand to the next multiple of
:data:`TAB_WIDTH`, East Asian wide characters take two cells, control characters are shown as
U+FFFD. Carets are placed in the same cells, so they stay under the span whatever the line holds.
Lines wider than :data:`MAX_WIDTH` cells are cut to a window around the span, marked with ``…``.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from rift_lint.models import Diagnostic
from rift_lint.reporters.concise import (
    BOLD,
    CODE_STYLE,
    GUTTER_STYLE,
    NOTE_STYLE,
    SEVERITY_STYLES,
    one_line,
    paint,
    position,
    summary_line,
)
from rift_lint.results import RunResult
from rift_lint.source import SourceDocument

if TYPE_CHECKING:
    from rift_lint.reporters import ReportOptions

TAB_WIDTH = 4
MAX_WIDTH = 160
LEFT_CONTEXT = 40
MAX_SPAN_LINES = 5
ELLIPSIS = "…"
ROW_CACHE = 16


@dataclass(frozen=True)
class _Row:
    """One source line as terminal cells; a wide character is followed by an empty cell."""

    number: int
    cells: list[str]
    starts: list[int]

    @classmethod
    def layout(cls, number: int, text: str) -> _Row:
        """Lay ``text`` out in cells, remembering the cell at which each character starts."""
        if text.isascii() and text.isprintable():  # one cell per character: no tab, no control
            return cls(number, list(text), list(range(len(text) + 1)))
        cells: list[str] = []
        starts: list[int] = []
        for char in text:
            starts.append(len(cells))
            if char == "\t":
                cells.extend(" " * (TAB_WIDTH - len(cells) % TAB_WIDTH))
            elif unicodedata.combining(char) and cells:
                cells[-1 if cells[-1] else -2] += char
            elif unicodedata.category(char) == "Cc":
                cells.append("\ufffd")
            elif unicodedata.east_asian_width(char) in ("W", "F"):
                cells.extend((char, ""))
            else:
                cells.append(char)
        starts.append(len(cells))
        return cls(number, cells, starts)

    def cell(self, column: int) -> int:
        """The 0-based cell of 1-based character ``column``; past the end, one cell each."""
        index = column - 1
        last = len(self.starts) - 1
        if index <= last:
            return self.starts[index]
        return self.starts[last] + index - last

    def window(self, start: int, end: int) -> str:
        """The text of cells ``start:end``, with ``…`` where the line was cut."""
        cells = self.cells[start:end]
        if not cells:
            return ELLIPSIS if start > 0 and self.cells else ""
        if cells[0] == "":
            cells[0] = " "
        if end < len(self.cells) and self.cells[end] == "":
            cells[-1] = " "
        prefix = ELLIPSIS if start > 0 else ""
        suffix = ELLIPSIS if end < len(self.cells) else ""
        return prefix + "".join(cells) + suffix


def _real_line_count(document: SourceDocument) -> int:
    """Lines of the document, not counting the empty line after a final newline."""
    count = document.line_count
    return count - 1 if count > 1 and document.text.endswith("\n") else count


@lru_cache(maxsize=ROW_CACHE)
def _laid_out(number: int, text: str) -> _Row:
    """A line's layout, made once for the findings that show it (findings come sorted by
    line, and a JSONL record's findings all show the same long line)."""
    return _Row.layout(number, text)


def _source_rows(diagnostic: Diagnostic, document: SourceDocument) -> list[_Row | None]:
    """The rows to show: context before, the span (long spans elided as ``None``), context after."""
    loc = diagnostic.location
    last_line = _real_line_count(document)
    span = list(range(loc.line, max(loc.end_line, loc.line) + 1))
    numbers: list[int | None] = list(span)
    if len(span) > MAX_SPAN_LINES:
        numbers = [*span[: MAX_SPAN_LINES - 1], None, span[-1]]
    if loc.line > 1:
        numbers.insert(0, loc.line - 1)
    if span[-1] < last_line:
        numbers.append(span[-1] + 1)
    return [
        None if n is None else _laid_out(n, document.line_text(n).rstrip("\r")) for n in numbers
    ]


def _caret_span(diagnostic: Diagnostic, first: _Row) -> tuple[int, int]:
    """Cells ``[start, end)`` to underline on the first line of the span (at least one)."""
    loc = diagnostic.location
    start = first.cell(loc.column)
    end = first.cell(loc.end_column) if loc.end_line == loc.line else len(first.cells)
    return start, max(end, start + 1)


def _highlight_spans(diagnostic: Diagnostic, first: _Row) -> list[tuple[int, int]]:
    """Cells of the highlights that sit on the first line of the span, one line each."""
    spans = []
    for highlight in diagnostic.highlights:
        if highlight.line == first.number and highlight.end_line == highlight.line:
            start = first.cell(highlight.column)
            spans.append((start, max(first.cell(highlight.end_column), start + 1)))
    return spans


def _caret_marks(spans: list[tuple[int, int]], start: int, end: int) -> str:
    """A caret string from the first to the last span, clipped to the visible window."""
    first = max(min(s for s, _ in spans), start)
    last = min(max(e for _, e in spans), end)
    covered = [any(s <= cell < e for s, e in spans) for cell in range(first, max(last, first + 1))]
    return "".join("^" if mark else " " for mark in covered).rstrip() or "^"


def _visible_window(rows: list[_Row], caret: tuple[int, int]) -> tuple[int, int]:
    """Cells ``[start, end)`` shown of every row: all of them, or a window around the carets."""
    widest = max([caret[1], *(len(row.cells) for row in rows)])
    if widest <= MAX_WIDTH:
        return 0, widest
    start = max(0, min(caret[0] - LEFT_CONTEXT, widest - MAX_WIDTH))
    return start, start + MAX_WIDTH


def _snippet(
    diagnostic: Diagnostic, document: SourceDocument, options: ReportOptions
) -> tuple[list[str], int]:
    """The gutter, source lines and caret line of one finding, and the gutter's width."""
    color = options.color
    rows = _source_rows(diagnostic, document)
    real_rows = [row for row in rows if row is not None]
    first = next(row for row in real_rows if row.number == diagnostic.location.line)
    caret = _caret_span(diagnostic, first)
    start, end = _visible_window(real_rows, caret)
    width = len(str(real_rows[-1].number))
    blank = paint(" " * width + " |", GUTTER_STYLE, color)

    spans = [caret, *_highlight_spans(diagnostic, first)]
    indent = max(min(s for s, _ in spans), start) - start + (1 if start > 0 else 0)
    label = paint(
        f"{_caret_marks(spans, start, end)} {diagnostic.code} {diagnostic.name}",
        SEVERITY_STYLES[diagnostic.severity],
        color,
    )
    caret_line = f"{blank} {' ' * indent}{label}"

    lines = [blank]
    for row in rows:
        if row is None:
            lines.append(paint("...", GUTTER_STYLE, color))
            continue
        gutter = paint(f"{row.number:>{width}} |", GUTTER_STYLE, color)
        lines.append(f"{gutter} {row.window(start, end)}".rstrip())
        if row is first:
            lines.append(caret_line)
    lines.append(blank)
    return lines, width


def _notes(diagnostic: Diagnostic, width: int, options: ReportOptions) -> list[str]:
    """The ``= help:`` and ``= related:`` lines under a snippet."""
    notes: list[tuple[str, str]] = []
    if diagnostic.suggestion and options.show_suggestions:
        notes.append(("help", one_line(diagnostic.suggestion)))
    for related in diagnostic.related:
        loc = related.location
        where = f"{loc.path}:{loc.line}:{loc.column}"
        notes.append(("related", f"{where}: {one_line(related.message)}"))
    equals = paint("=", GUTTER_STYLE, options.color)
    return [
        f"{' ' * width} {equals} {paint(label + ':', NOTE_STYLE, options.color)} {text}"
        for label, text in notes
    ]


def _block(
    diagnostic: Diagnostic, document: SourceDocument | None, options: ReportOptions
) -> list[str]:
    """Header, snippet and notes of one finding (only the header without a document)."""
    color = options.color
    severity = paint(f"[{diagnostic.severity.value}]", SEVERITY_STYLES[diagnostic.severity], color)
    header = (
        f"{position(diagnostic, color)}: {paint(diagnostic.code, CODE_STYLE, color)} "
        f"{severity} {paint(one_line(diagnostic.message), BOLD, color)}"
    )
    if document is None:
        return [header]
    snippet, width = _snippet(diagnostic, document, options)
    return [header, *snippet, *_notes(diagnostic, width, options)]


def render(result: RunResult, options: ReportOptions) -> str:
    """Every finding with its snippet, separated by blank lines, then the summary line."""
    lines: list[str] = []
    for file_result in result.files:
        for diagnostic in file_result.diagnostics:
            lines.extend(_block(diagnostic, file_result.document, options))
            lines.append("")
    lines.append(paint(summary_line(result), BOLD, options.color))
    return "\n".join(lines) + "\n"
