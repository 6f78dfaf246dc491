"""CSV and TSV rubrics: one criterion per row, columns recognised from the header.

Rules of the format (the column rules, in :mod:`rift_lint.parsing.columns`, are shared with
Markdown pipe tables):

- The first row is the header. The delimiter is the one of ``,``, tab and ``;`` found most often
  in it (tab in a ``.tsv`` file), or the one that a ``sep=;`` line above the header names, as
  Excel writes and reads it. Title rows (one filled cell, the first) above a header with a
  criterion column and two filled cells at least are skipped.
- Headers are matched case-insensitively by their words: ``rift_lint`` lists codes to
  ignore for the row (comma or space separated); ``rubric_id``/``rubric id``/``prompt_id`` and
  ``prompt`` group rows into rubrics (``prompt`` also gives the prompt); ``id``/``*_id`` gives the
  criterion id; ``points``/``pts``/``weight``/``score``/``max_points``/``marks`` give points
  (``20%`` reads as 20); ``axis``/``category`` the axis; headers such as ``5``, ``9-10``,
  ``Level 3``, ``Excellent (4)`` or ``Proficient`` are score levels. The criterion column is the
  best of ``criterion``, ``criteria``, ``requirement``, ``rubric``, ``question``, ``item``,
  ``check``, ``description``, ``text``, ``dimension``, ``name``; in a level grid (such as
  ``Point Value,5,4,2,0``) with none of these, the first column holds the criteria; a column
  of item numbers (``1``, ``2.``) holds none when another of these columns could. A
  ``description`` (``definition``, ``details``, ``explanation``) column beside a criterion
  column of names (``criterion``, ``criteria``, ``dimension``, ``name``) holds the text, and
  the name becomes the axis unless a column gives one.
- A row right below the header whose level cells are all short (``Rating,Excelled,Met
  Expectations,...``) names the levels; so does a second header row of level headers under
  merged header cells (``,Excellent (4),Good (3)`` below ``Criteria,Performance levels,``).
  A row with an empty criterion cell adds a level (its points cell is the label) to the
  criterion above. A row with the wrong number of cells is a
  parse error (empty cells past the header's last column are dropped first); the other rows
  are still read. So is a row the csv module refuses (a carriage return inside an unquoted
  cell, which only text not read from a file can hold), and a row whose quoted cell never
  closes (``"Names the dose,3``): reading goes on at the line after it, instead of taking the
  rest of the file as one cell (a header whose quote never closes ends the file). A quote on a later
  line closes a multi-line cell only when a delimiter or the line's end follows it, so two
  such rows are two errors, not one cell holding the rows between them.
- A ``Total`` row (``Total``, ``Grand total``, ``Total points: 100``, in the criterion cell
  or, when that is empty, the first filled one) is skipped, as in Markdown tables; a
  criterion that opens with the word is read.
- A cell may be as long as the file: the csv module's field size limit (131,072 characters by
  default) is raised while the file is read, and put back after.
- Cell positions come from the raw file, so quoted and multi-line cells are located exactly;
  a quoted cell whose text differs from its raw characters (``""`` escapes, or text after
  the closing quote: ``"Safe" answers`` reads as ``Safe answers``) is APPROXIMATE.
- Without a criterion column, promptfoo test files (``__expected*`` columns holding
  ``llm-rubric: ...``) give one rubric per row; anything else is a parse error at line 1.
"""

from __future__ import annotations

import csv
import io
import itertools
import re
import threading
from collections.abc import Generator, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from rift_lint.location import Location
from rift_lint.models import Criterion, PositionalId, Rubric
from rift_lint.parsing.adapters.promptfoo import build_prompt
from rift_lint.parsing.build import RecordContext, make_rubric
from rift_lint.parsing.columns import (
    Cell,
    Columns,
    continues_header,
    find_columns,
    is_total_row,
    names_levels,
    numbered_columns,
    row_criterion,
    row_levels,
)
from rift_lint.parsing.errors import NotARubric, ParseError, repeated_id
from rift_lint.source import Encoding, SourceDocument, TextOrigin

_LLM_RUBRIC = "llm-rubric:"
_SEP_LINE = re.compile(r"sep=(.)$", re.IGNORECASE)  # Excel's delimiter line


@dataclass
class _Record:
    """One CSV record: its raw span in the document and its cells."""

    start: int
    end: int
    cells: list[Cell]
    error: ParseError | None = None
    """Why the record could not be read (it then has no cells)."""

    def first_line(self, document: SourceDocument) -> Location:
        """The span of the record's first line."""
        end = document.text.find("\n", self.start, self.end)
        return document.span(self.start, self.end if end == -1 else end)


_FIELD_LIMIT_LOCK = threading.Lock()


@contextmanager
def _field_limit(size: int) -> Iterator[None]:
    """Let the csv module read fields of up to ``size`` characters inside the block.

    The limit is the same for the whole process, so the one in force before is put back after,
    and one thread at a time holds the block: another thread's block ending first would put
    back a lower limit under this one's reading.
    """
    with _FIELD_LIMIT_LOCK:
        previous = csv.field_size_limit()
        csv.field_size_limit(max(previous, size))
        try:
            yield
        finally:
            csv.field_size_limit(previous)


def _dialect(document: SourceDocument) -> tuple[str, int]:
    """The delimiter, and the index of the line the records start on.

    Excel's ``sep=;`` first line names the delimiter and is not a record. Otherwise a ``.tsv``
    file is tab-separated, and any other takes the one of ``,``, tab and ``;`` found most often
    in its first line (``,`` when none is). When the first line holds none of them (a title
    row above the header), the first line that does decides, if it is a header: it has a
    criterion column once split by that delimiter.
    """
    lines = (document.line_text(number) for number in range(1, document.line_count + 1))
    first = next(lines)
    named = _SEP_LINE.match(first)
    if named:
        return named.group(1), 1
    if document.path.lower().endswith(".tsv"):
        return "\t", 0
    delimited = (line for line in itertools.chain([first], lines) if _delimiters(line))
    line = next(delimited, None)
    if line is None:
        return ",", 0
    delimiter = max(",\t;", key=line.count)
    if line is first or find_columns(next(csv.reader([line], delimiter=delimiter))):
        return delimiter, 0
    return ",", 0


def _delimiters(line: str) -> bool:
    """Whether ``line`` holds one of the delimiters a CSV file may use."""
    return any(delimiter in line for delimiter in ",\t;")


def _cell_spans(
    text: str, start: int, end: int, delimiter: str
) -> tuple[list[tuple[int, int]], int | None]:
    """Raw spans of the cells of one record (inside the quotes for quoted cells), and where a
    quote opens that does not close before ``end``, if one does."""
    spans: list[tuple[int, int]] = []
    pos = start
    while True:
        if pos < end and text[pos] == '"':
            close = pos + 1
            while (close := text.find('"', close, end)) != -1 and text.startswith('""', close):
                close += 2
            if close == -1 or not _closes_cell(text, pos, close, end, delimiter):
                spans.append((pos + 1, end))
                return spans, pos
            stop = text.find(delimiter, close, end)
            spans.append((pos + 1, _quoted_cell_end(text, close, end if stop == -1 else stop)))
        else:
            stop = text.find(delimiter, pos, end)
            spans.append((pos, end if stop == -1 else stop))
        if stop == -1:
            return spans, None
        pos = stop + 1


def _quoted_cell_end(text: str, close: int, stop: int) -> int:
    """Where the raw characters of a quoted cell end, given its closing quote at ``close`` and
    the delimiter or record end at ``stop``: at the quote, unless text other than spaces
    follows it (``"Safe" answers``), which the csv module reads as more of the cell."""
    return stop if text[close + 1 : stop].strip() else close


def _closes_cell(text: str, opening: int, close: int, end: int, delimiter: str) -> bool:
    """Whether the quote at ``close`` closes the cell opened at ``opening``.

    On the same line, any quote does (``"a"b`` reads as ``ab``, as the csv module reads it). A
    quote on a later line closes a multi-line cell only when a delimiter or the record's end
    follows it (spaces aside); otherwise it opens another cell whose quote also never closes
    (``"Names the dose,3`` ... ``"Recommends follow-up,2``), and the rows between are rows.
    """
    if "\n" not in text[opening:close]:
        return True
    after = close + 1
    while after < end and text[after] == " ":
        after += 1
    return after >= end or text[after] in (delimiter, "\r", "\n")


def _records(document: SourceDocument, delimiter: str, first: int) -> Iterator[_Record]:
    """The non-empty records of the file from line index ``first`` on, with their cells
    located.

    A record whose quote never closes is yielded without cells, and reading starts again at
    the line after the one where that quote opens.
    """
    line: int | None = first
    while line is not None:
        line = yield from _records_from(document, delimiter, line)


def _records_from(
    document: SourceDocument, delimiter: str, line: int
) -> Generator[_Record, None, int | None]:
    """The records from line index ``line`` on; returns the line index to read from again after
    an unclosed quote or a line the csv module refuses, or ``None`` at the end of the file."""
    text = document.text
    starts = document.line_starts
    reader = csv.reader(io.StringIO(text[starts[line] :]), delimiter=delimiter)
    previous = line
    while True:
        try:
            values = next(reader)
        except StopIteration:
            return None
        except csv.Error as error:
            refused = line + reader.line_num - 1
            yield _Record(starts[previous], starts[refused], [], _refused(document, refused, error))
            return refused + 1 if refused + 1 < len(starts) else None
        start = starts[previous]
        last = line + reader.line_num
        end = starts[last] - 1 if last < len(starts) else len(text)
        if not any(value.strip() for value in values):
            previous = last
            continue
        spans, unclosed = _cell_spans(text, start, end, delimiter)
        if unclosed is not None:
            yield _Record(start, end, [], _unclosed(document, unclosed))
            after = document.position(unclosed)[0]  # 1-based line: the index of the next one
            return after if after < len(starts) else None
        previous = last
        cells = []
        for index, value in enumerate(values):
            first, stop = spans[index] if index < len(spans) else (end, end)
            encoding = Encoding.VERBATIM if text[first:stop] == value else Encoding.APPROXIMATE
            origin = TextOrigin(document, first, stop, value, encoding).stripped()
            cells.append(Cell(origin.decoded, origin))
        yield _Record(start, end, cells)


def _unclosed(document: SourceDocument, quote: int) -> ParseError:
    """The error of a quoted cell that opens at ``quote`` and never closes."""
    line, _ = document.position(quote)
    return ParseError(
        f"Line {line}: a quoted cell opens here and never closes; the line was skipped and "
        "reading went on at the next line",
        document.span(quote, quote + 1),
    )


def _refused(document: SourceDocument, line: int, error: csv.Error) -> ParseError:
    """The error of the line of index ``line``, which the csv module refuses; its one refusal
    left once fields may be as long as the file, a carriage return that does not end a line
    (which reading a file turns into a line end), is said plainly."""
    start = document.line_starts[line]
    problem = str(error)
    if problem.startswith("new-line character seen in unquoted field"):
        problem = "a carriage return inside a cell that is not quoted"
    return ParseError(
        f"Line {line + 1}: malformed CSV ({problem}); the row was skipped and reading went on "
        "at the next line",
        document.span(start, start),
    )


@dataclass
class _Group:
    """The rows of one rubric."""

    first: _Record
    criteria: list[Criterion] = field(default_factory=list)
    numbers: dict[str, int] = field(default_factory=dict)  # criterion id -> its first number


def read_csv_rubrics(document: SourceDocument) -> Iterator[Rubric | ParseError]:
    """Rubrics from a CSV or TSV file; a bad row is reported and the other rows are read."""
    delimiter, first = _dialect(document)
    with _field_limit(len(document.text)):
        records = list(_records(document, delimiter, first))
    yield from (record.error for record in records if record.error is not None)
    if records and records[0].error is not None:
        return  # without its header, no row can be read
    records = [record for record in records if record.error is None]
    if not records:
        yield NotARubric("Not a rubric: the CSV file is empty", document.span(0, 0))
        return
    titles = _titles(records)
    header, rows = records[titles], records[titles + 1 :]
    names = [cell.text for cell in header.cells]
    columns = find_columns(names, numbered_columns([[c.text for c in row.cells] for row in rows]))
    if columns is None:
        if any(name.startswith("__expected") for name in names):
            yield from _promptfoo_rubrics(document, names, rows)
            return
        listed = ", ".join(repr(name) for name in names)
        yield NotARubric(
            f"Not a rubric: no criterion column in the header ({listed})",
            header.first_line(document),
        )
        return
    if not rows:
        yield NotARubric("Not a rubric: the CSV file has no rows", header.first_line(document))
        return
    for row in rows:
        row.cells = _fitted(row.cells, len(names))
    if len(rows[0].cells) == len(names) and continues_header(columns, rows[0].cells):
        names = [below.text or name for name, below in zip(names, rows[0].cells, strict=True)]
        rows = rows[1:]
        columns = find_columns(names, numbered_columns([[c.text for c in r.cells] for r in rows]))
        assert columns is not None  # the criterion column's name is kept
    if rows and len(rows[0].cells) == len(names) and names_levels(columns, rows[0].cells):
        columns = columns.named_levels(rows[0].cells)
        rows = rows[1:]
    groups: dict[str, _Group] = {}
    key_column = columns.group if columns.group is not None else columns.prompt
    for row in rows:
        if len(row.cells) != len(names):
            location = row.first_line(document)
            yield ParseError(
                f"Line {location.line}: the row has {_cells(len(row.cells))}, "
                f"the header has {len(names)}",
                location,
            )
            continue
        if is_total_row(columns, row.cells):
            continue
        key = row.cells[key_column].text if key_column is not None else ""
        group = groups.setdefault(key, _Group(row))
        repeated = _add_row(document, columns, row, group)
        if repeated is not None:
            yield repeated
    for index, (key, group) in enumerate(groups.items(), 1):
        first = group.first if key_column is not None else header
        rubric_id = key if columns.group is not None else ""
        yield _rubric(document, columns, rubric_id, index, group, first.first_line(document))


def _titles(records: list[_Record]) -> int:
    """How many title rows open the file above its header: rows whose one filled cell is the
    first (``Ibuprofen rubric,,``, as a spreadsheet exports a sheet's title), when the row
    below them has two filled cells or more and a criterion column. Otherwise none: the
    first row is the header."""
    index = 0
    while index < len(records) and _filled(records[index]) == [0]:
        index += 1
    if index == len(records) or len(_filled(records[index])) < 2:
        return 0
    return index if find_columns([cell.text for cell in records[index].cells]) else 0


def _filled(record: _Record) -> list[int]:
    """The indexes of a record's cells that hold text."""
    return [index for index, cell in enumerate(record.cells) if cell.text]


def _fitted(cells: list[Cell], width: int) -> list[Cell]:
    """A row's cells without empty cells past the header's ``width`` (the trailing delimiters
    that spreadsheets leave, ``Names the dose,2,,``), which hold nothing to lose."""
    if len(cells) > width and not any(cell.text for cell in cells[width:]):
        return cells[:width]
    return cells


def _cells(count: int) -> str:
    return f"{count} cell" if count == 1 else f"{count} cells"


def _add_row(
    document: SourceDocument, columns: Columns, row: _Record, group: _Group
) -> ParseError | None:
    """Add the criterion of a row, or the level it continues, to the ``group``'s criteria;
    the error of a criterion whose id an earlier one of the group has (both are kept, so no
    text is lost)."""
    criteria = group.criteria
    if not row.cells[columns.criterion].text and criteria:
        levels = row_levels(columns, row.cells, len(criteria[-1].levels) + 1)
        if levels:
            criteria[-1].levels.extend(levels)
            return None
    location = row.first_line(document)
    criterion = row_criterion(columns, row.cells, PositionalId(f"c{len(criteria) + 1}"), location)
    criteria.append(criterion)
    first = group.numbers.setdefault(criterion.id, len(criteria))
    if first == len(criteria):
        return None
    id_cell = row.cells[columns.id] if columns.id is not None else Cell("")
    if id_cell.text and id_cell.origin:
        location = id_cell.origin.location()
    return repeated_id(len(criteria), criterion.id, first, location)


def _rubric(
    document: SourceDocument,
    columns: Columns,
    rubric_id: str,
    index: int,
    group: _Group,
    location: Location,
) -> Rubric:
    """The rubric of one group of rows; ``location`` is its first row (or the header)."""
    prompt = group.first.cells[columns.prompt] if columns.prompt is not None else None
    context = RecordContext(document, record_index=index - 1)
    return make_rubric(
        rubric_id=rubric_id or context.default_id(),
        context=context,
        criteria=group.criteria,
        location=location,
        prompt=prompt.text if prompt else None,
        prompt_location=prompt.origin.location() if prompt and prompt.origin else None,
        metadata={"layout": "csv"},
    )


def _promptfoo_rubrics(
    document: SourceDocument, names: list[str], rows: list[_Record]
) -> Iterator[Rubric | ParseError]:
    """One rubric per promptfoo test row, from its ``llm-rubric:`` assertions; its prompt is
    the row's variables (the columns not named ``__...``) as ``name: value`` lines, as for a
    YAML test whose config has no inline prompt (the prompts are in the config, not here)."""
    for number, row in enumerate(rows, 1):
        criteria = []
        for name, cell in zip(names, row.cells, strict=False):
            if not (name.startswith("__expected") and cell.origin):
                continue
            if cell.text.lower().startswith(_LLM_RUBRIC):
                body = len(_LLM_RUBRIC)
                child = cell.origin.child(body, len(cell.text), cell.text[body:], Encoding.VERBATIM)
                origin = child.stripped()
                criteria.append(
                    Criterion(
                        id=PositionalId(f"c{len(criteria) + 1}"),
                        text=origin.decoded,
                        location=origin.location(),
                        item_location=row.first_line(document),
                        origin=origin,
                    )
                )
        if criteria:
            variables = {
                name: cell.text
                for name, cell in zip(names, row.cells, strict=False)
                if not name.startswith("__")
            }
            yield make_rubric(
                rubric_id=PositionalId(f"row-{number}"),
                context=RecordContext(document, record_index=number - 1),
                criteria=criteria,
                location=row.first_line(document),
                prompt=build_prompt({}, variables),
                prompt_location=row.first_line(document) if variables else None,
                metadata={"layout": "promptfoo-csv", "vars": variables},
            )


def looks_like_csv(text: str) -> bool:
    """Whether content reads as CSV/TSV: the first records have the same number (2+) of cells."""
    first = text.split("\n", 1)[0]
    delimiter = max(",\t;", key=first.count)
    if delimiter not in first:
        return False
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        with _field_limit(len(text)):
            widths = [len(row) for _, row in zip(range(5), reader, strict=False) if row]
    except csv.Error:
        return False
    return len(widths) >= 2 and len(set(widths)) == 1
