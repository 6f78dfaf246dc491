"""Markdown rubrics: list items and pipe tables become criteria.

Rules of the format:

- Criteria are top-level list items (``-``, ``*``, ``+``, ``1.``, ``1)``, checkboxes ``- [ ]``
  with a space after them) read like plain-text items (see
  :mod:`rift_lint.parsing.plaintext`): inline points such as ``(5 pts)``, ``[3 points]``,
  ``— 2 points`` or ``5 pts:`` are taken out and the criterion text is the exact rest of
  the item, over the lines that continue it and the paragraphs that follow it indented to
  its content after a blank line (a loose item's, as in CommonMark). A label that opens an item
  (``Clarity (5 pts):``, ``**Clarity (5 pts)**``, ``**5 pts:**``) gives its points and, by its
  name, its axis; a range after the name (``**Completeness (1-5):**``) is a scale, not
  points, and gives the axis alone (the text may start on the next line; a label that is the
  whole item reads as its name with points, ``Clarity (5 pts)``); a bold name then a colon or dash
  (``**Thesis**:``), or one that ends the first line (the text below), gives a top-level
  item's axis, and one that is the whole item is its text; points in emphasis may end an item
  (``**(5 pts)**``). Other paragraphs are not criteria, except the first below a heading
  that carries points (see below). An HTML comment that ends a line of the text (a
  suppression comment after a wrapped item's first line) is taken out of it.
- Nested items (lettered ones too, ``a)``, ``b.``, ``(c)``, when indented under an item)
  belong to the item above them, so one top-level item stays one gradable criterion: they
  become its levels, labelled by a score band (``**4**:``, ``**4:**``,
  ``27-30:``) or by their points, else numbered 1, 2, ...
- A top-level list whose items all start with a score band, none with nested items, is a
  scale, not criteria: below a heading that carries points (``### Organization (20 points)``)
  the heading becomes the criterion and the bands its levels; elsewhere (a legend) it is
  skipped. In a list with other items, an item that starts with a band is a criterion.
- Headings are ATX (``## Thesis``) or setext: a line that starts a paragraph, underlined with
  ``===`` (level 1) or ``---`` (level 2).
- The first paragraph below a heading that carries points is that heading's criterion (its
  text the paragraph, its axis the heading's name; a heading's points are written as an
  item's, or after a colon that ends it: ``## Mechanics: 5 pts``), unless the heading's
  section or its sub-sections hold other criteria, which the paragraph only introduced. A
  heading that carries points (but for a ``Total``) whose section holds no criterion is a
  parse error at the heading, in a file with criteria elsewhere.
- A section whose heading names instructions for using the rubric (``Using This Rubric``,
  ``Instructions``, ``Scoring directions``, ``Usage notes``; not ``Notes`` alone), its
  sub-sections included, holds no criteria when none of its items or rows carries points or
  levels and the file has criteria elsewhere.
- Pipe tables use the column rules of :mod:`rift_lint.parsing.columns`: a criterion-like column
  (not one of item numbers, when another could be) gives one criterion per row,
  points/weight/score columns the points, level-like columns (``Excellent (4)``, ``4``,
  ``Level 3``, ``Exemplary``) the levels. A cell wrapped in one span
  of emphasis or code (``**Thesis**``) is read without its marks, an escaped pipe
  (``\\|``) as ``|``, a ``<br>`` tag outside code as a line break; a bold name then a
  colon or dash that opens a criterion cell (``**Thesis**: ...``) is the row's axis, as a
  list item's. A row with an empty criterion
  cell adds levels to the row above (its level cells included); ``Total`` rows are skipped;
  tables without a criterion column are ignored. A blank line or a comment ends a table, as
  on GitHub: rows of pipes that no table holds (below such a line, or without a delimiter
  row) are an error at their first row in a file that has criteria.
- Block quotes (``> ...``, with the lines that continue them), fenced and indented code,
  ``<!-- comments -->`` (on lines of their own, or ending a line: suppression comments) and
  horizontal rules are skipped. Code is indented by four spaces past the margin, or past the
  content of the list item it is in (a fence by up to three), as in CommonMark; indented
  code cannot interrupt a paragraph or an item's text.
- Front matter ``prompt:``/``id:`` or a ``Prompt`` section (its text, items and sub-headings
  included, up to the next heading of its level or higher, or one that names the rubric:
  ``Rubric``, ``Criteria``, ``Checklist``, ``Grading``, ``Scoring``) give the prompt and id. Front
  matter is a YAML mapping between ``---`` lines that open the file; a block there that reads
  as anything else (list items, a paragraph) is Markdown between two rules. The first
  heading is the title when no other heading has its level. When two or more sections at the
  next heading level hold criteria, each such section is one rubric whose id is its heading and
  whose prompt is the first ``Prompt`` section inside it (criteria before the first section
  form a rubric named by the title, prompted by a ``Prompt`` section before that section);
  otherwise the whole file is one rubric whose id is the title and whose prompt is the first
  ``Prompt`` section.
- A file without criteria is a parse error at line 1.

This module reads the lines, one pass (block structure: headings, list items, tables, code,
quotes, comments, front matter, the prompt), and makes rubrics of what it found. How an item
or heading line splits into points, axis, label and text is
:mod:`rift_lint.parsing.markdown_items`; a table row's cells,
:mod:`rift_lint.parsing.markdown_tables`; the sections headings open (the criteria they
drop, the headings whose points grade nothing, the grouping into rubrics),
:mod:`rift_lint.parsing.markdown_sections`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from rift_lint.location import Location
from rift_lint.models import Criterion, Level, Rubric
from rift_lint.parsing.build import RecordContext, make_rubric, parse_points
from rift_lint.parsing.columns import (
    Cell,
    Columns,
    find_columns,
    is_total_row,
    numbered_columns,
    row_criterion,
    row_levels,
)
from rift_lint.parsing.errors import NotARubric, ParseError, repeated_ids
from rift_lint.parsing.fences import Fences, inline_code, opens_fence, width
from rift_lint.parsing.markdown_items import band_level, named_item, split_heading, split_list_item
from rift_lint.parsing.markdown_sections import (
    Heading,
    drop_instructions,
    drop_introductions,
    empty_sections,
    group_sections,
    section_bounds,
)
from rift_lint.parsing.markdown_tables import TABLE_DELIMITER, row_cells, table_cell
from rift_lint.parsing.plaintext import (
    KEY_LINE,
    Item,
    blanked,
    item_criterion,
    item_origin,
    line_end,
    split_item,
)
from rift_lint.parsing.tree import NodeDict, TreeContext
from rift_lint.parsing.yamltree import read_yaml
from rift_lint.source import Encoding, SourceDocument, TextOrigin

# The heading text is read a word at a time (spaces, then other characters, possessively):
# letting a run of spaces be split between neighbouring patterns made a long run quadratic
# or worse to refuse.
_HEADING = re.compile(r" {0,3}(#{1,6})[ \t]+((?:[ \t]*+[^ \t]++)*?)(?:[ \t]+#+)?[ \t]*$")
_ITEM = re.compile(r"([ \t]*)(?:[-*+•]|\d{1,9}[.)])[ \t]+(?=\S)")
# A lettered sub-item ("a)", "b.", "(c)"): an item only when indented under a list item.
_LETTER_ITEM = re.compile(r"([ \t]+)(?P<letter>(?:\([a-zA-Z]\)|[a-zA-Z][.)])[ \t]+)(?=\S)")
# The line that underlines a setext heading: "=" for level 1, "-" for level 2.
_SETEXT_UNDERLINE = re.compile(r" {0,3}(=+|-+)[ \t]*$")
_RULE = re.compile(r" {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_FRONT_MATTER = re.compile(r"---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|$)", re.DOTALL)
# A heading that names the rubric, which ends a Prompt section even as its sub-heading.
_RUBRIC_HEADING = re.compile(r"\b(?:rubrics?|criteria|checklist|grading|scoring)\b", re.IGNORECASE)
_NESTED_INDENT = 2
_PARAGRAPHS = (
    "this line carries points but is a paragraph, no criterion: start each criterion with "
    "'- ' or '1. ', or name the file .txt to read one criterion per line"
)
# What may sit between a table and rows that the table would hold but for it. Each comment
# ends at its first "-->" (an atomic group): a comment never runs on over the text after it
# to a later comment's end, and a run of comments is matched without backtracking.
_BLANKS_AND_COMMENTS = re.compile(r"(?>\s+|<!--.*?-->)*", re.DOTALL)
_CODE_INDENT = 4  # an indented code block's lines, past the content of the list item they are in


@dataclass
class _PromptSection:
    """A ``Prompt`` section: its heading's level, how many headings came before it, and the
    span of its text (``None`` until a line of text is read)."""

    level: int
    after: int
    span: tuple[int, int] | None = None

    def extend(self, start: int, end: int) -> None:
        """Add a line of text, ``start:end``, to the section."""
        self.span = (self.span[0] if self.span else start, end)


class _Scanner:
    """One pass over the lines of a Markdown document, collecting headings and criteria."""

    def __init__(self, document: SourceDocument) -> None:
        self.document = document
        self.text = document.text
        first = document.content_start  # line 1 is read from after a byte order mark
        self.lines = [
            (max(start, first), line_end(self.text, start)) for start in document.line_starts
        ]
        self.headings: list[Heading] = []
        self.found: list[tuple[int, Criterion]] = []
        self.errors: list[ParseError] = []
        self.prompt: TextOrigin | None = None
        self.rubric_id: str | None = None
        self._prompts: list[_PromptSection] = []
        self._blanked: str | None = None
        """The text without line comments (see :meth:`_without_comments`), once made."""
        self._prompt: _PromptSection | None = None
        """The ``Prompt`` section being read."""
        self._item: Criterion | None = None
        self._indent = 0
        self._open: list[tuple[int, int]] = []
        """The marker and content columns of the list items (nested ones included) that
        the lines being read may belong to, outermost first."""
        self._list: list[Level | None] = []
        """The score band, if any, that starts each top-level item of the list being read
        (its criteria are the last ones found)."""
        self.unread_table: tuple[str, Location] | None = None
        """Why the first table-like lines gave no criteria, and where they start."""
        self.stray_rows: list[ParseError] = []
        """An error for each run of table rows that no table holds (its first row)."""
        self._table_stop: int | None = None
        """The index of the line after the last table read."""
        self.paragraph: Location | None = None
        """Where the first line of a paragraph at the margin that carries points is (a
        criterion written without a list marker)."""
        self.code: list[tuple[int, int]] = []
        """The spans of the code blocks read, fenced (with their fence lines) and indented,
        in order."""

    def scan(self) -> None:
        """Read the whole document."""
        index = self._front_matter()
        fences = Fences()
        in_comment = False
        text_above = False  # whether the line above is a paragraph's (or an item's) text
        while index < len(self.lines):
            start, end = self.lines[index]
            line = self.text[start:end]
            stripped = line.strip()
            index += 1
            above, text_above = text_above, False
            if fences.inside:
                fences.leave(line)
                if not fences.inside:
                    self._end_code(start)
            if not fences.inside and not in_comment and not stripped.startswith("<!--"):
                end = start + _content_length(line)
                line = self.text[start:end]
                stripped = line.strip()
            container = self._container(width(line))
            if fences.inside:
                fences.fenced(line)
                if not fences.inside:
                    self._end_code(self._after(index - 1))
            elif in_comment:
                in_comment = "-->" not in line
            elif fences.fenced(line, container):
                self.code.append((start, len(self.text)))
                if not fences.container:
                    self._end_list()
            # Indented code (after no line of text, which it would continue): "<!--" there is code.
            elif (
                stripped
                and self._prompt is None
                and not above
                and width(line) >= container + _CODE_INDENT
            ):
                if not container:
                    self._end_list()
                index = self._indented_code(index, container + _CODE_INDENT)
                self.code.append((start, self._after(index - 1)))
            elif stripped.startswith("<!--"):
                in_comment = "-->" not in stripped
            elif (match := _HEADING.match(line)) and not self._in_prompt(
                len(match.group(1)), match.group(2)
            ):
                self._heading(start, len(match.group(1)), match.start(2), match.end(2))
            elif (level := self._setext_level(index - 1, line)) and not self._in_prompt(
                level, line
            ):
                self._heading(start, level, 0, len(line.rstrip()))
                index += 1
            elif not stripped:
                continue
            elif self._prompt is not None:
                self._prompt.extend(start + line.index(stripped), start + len(line.rstrip()))
            elif self._is_table(index - 1):
                text_above = True
                index = self._table(index - 1)
            elif _RULE.match(line):
                self._end_list()
            elif match := _ITEM.match(line) or self._letter_item(line, self._sub_indent()):
                text_above = True
                content = _content_column(line, match)
                sub_indent = self._sub_indent(_indent(match))
                index, first_end = self._continued(index, end, sub_indent, content)
                index, end = self._later_paragraphs(index, first_end, sub_indent, content)
                self._list_item(start, (first_end, end), match, content)
            elif line.startswith(">"):
                text_above = True
                self._end_list()
                index = self._quote(index)
            elif line != line.lstrip():
                text_above = True
                self._close_items(width(line))
            else:
                text_above = True
                self._end_list()
                if line.startswith("|") and self.unread_table is None:
                    why = (
                        "no list items or table in the Markdown file (the rows here lack the "
                        "delimiter row, | --- | --- |, that makes them a table)"
                    )
                    self.unread_table = (why, self.document.span(start, end))
                if (
                    self.paragraph is None
                    and split_item(self.text, start, end).points_raw is not None
                ):
                    self.paragraph = self.document.span(start, end)
                found = len(self.found)
                index = self._paragraph(index, start, end)
                if line.startswith("|") and len(self.found) == found:
                    self._stray_row(index - 1, start, end)
        self._end_list()
        self.found = drop_introductions(self.headings, self.found)
        self.found = drop_instructions(self.headings, self.found)
        if self.found:
            self.errors.extend(empty_sections(self.text, self.headings, self.found))
            self.errors.extend(self.stray_rows)

    def _after(self, index: int) -> int:
        """The offset right after line ``index``, its newline included."""
        return min(self.lines[index][1] + 1, len(self.text))

    def _end_code(self, end: int) -> None:
        """End the fenced block being read (opened with its end at the end of the text, as an
        unclosed fence runs) at offset ``end``."""
        self.code[-1] = (self.code[-1][0], end)

    def _in_prompt(self, level: int, text: str) -> bool:
        """Whether a heading of ``level`` reading ``text`` is part of the ``Prompt`` section
        being read (a sub-heading): a heading of the section's level or higher ends it, and
        so does one that names the rubric (``## Rubric`` under ``# Prompt``)."""
        return (
            self._prompt is not None
            and level > self._prompt.level
            and not _RUBRIC_HEADING.search(text)
        )

    def section_prompt(self, low: int, high: int) -> TextOrigin | None:
        """The prompt: front matter's, else the text of the first ``Prompt`` section that
        follows the heading at index ``low - 1`` and precedes the one at index ``high``."""
        if self.prompt is not None:
            return self.prompt
        for section in self._prompts:
            if section.span is not None and low <= section.after <= high:
                start, end = section.span
                return TextOrigin(self.document, start, end, self.text[start:end])
        return None

    def _continued(
        self, index: int, end: int, sub_indent: int | None = None, content: int = 0
    ) -> tuple[int, int]:
        """The lines from ``index`` on that continue a paragraph (a list item's, or the one
        below a heading with points) whose text ends at ``end``: each line, indented or not
        (a lazy continuation line), up to a blank line or one that opens another block (for a
        list item whose content starts at column ``content``, a fence indented from there or
        a lettered sub-item indented by ``sub_indent`` or more). The index of the next line
        to read, and where the paragraph's text ends."""
        while index < len(self.lines):
            start, stop = self.lines[index]
            line = self.text[start:stop]
            line = line[: _content_length(line)]
            if not line.strip() or self._opens_block(index, line, sub_indent, content):
                break
            end = start + len(line.rstrip())
            index += 1
        return index, end

    def _later_paragraphs(
        self, index: int, end: int, sub_indent: int | None, content: int
    ) -> tuple[int, int]:
        """The paragraphs from line ``index`` on that follow a list item's text, which ends at
        ``end``, as in CommonMark: each after a blank line, indented to the item's content
        column, ``content`` (by less than four more: that is code), and opening no other
        block. The index of the next line to read, and where the item's text ends."""
        while True:
            following = next(
                (
                    at
                    for at in range(index, len(self.lines))
                    if self.text[slice(*self.lines[at])].strip()
                ),
                len(self.lines),
            )
            if following == index or following == len(self.lines):
                return index, end
            start, stop = self.lines[following]
            line = self.text[start:stop]
            line = line[: _content_length(line)]
            if not content <= width(line) < content + _CODE_INDENT or self._opens_block(
                following, line, sub_indent, content
            ):
                return index, end
            index, end = self._continued(
                following + 1, start + len(line.rstrip()), sub_indent, content
            )

    def _opens_block(self, index: int, line: str, sub_indent: int | None, content: int = 0) -> bool:
        """Whether ``line`` (line ``index``) opens a block rather than continuing a
        paragraph: a heading, list item, horizontal rule, fence (in a list item whose content
        starts at column ``content``, when not 0), comment, block quote or table, or a
        lettered sub-item indented by ``sub_indent`` or more."""
        opening = line.lstrip()
        return (
            opening.startswith(("<!--", ">"))
            or opens_fence(line, content)
            or any(pattern.match(line) for pattern in (_HEADING, _ITEM, _RULE))
            or self._is_table(index)
            or self._letter_item(line, sub_indent) is not None
        )

    def _setext_level(self, index: int, line: str) -> int | None:
        """The level of the setext heading whose text is ``line`` (line ``index``): 1 when the
        next line underlines it with ``=``, 2 with ``-``. ``None`` when the next line is no
        underline, or ``line`` is indented, opens another block or follows a line of text (a
        paragraph's last line is no heading of its own)."""
        if (
            index + 1 >= len(self.lines)
            or not line.strip()
            or line != line.lstrip()
            or self._opens_block(index, line, None)
            or not self._after_block(index)
        ):
            return None
        underline = _SETEXT_UNDERLINE.match(self.text, *self.lines[index + 1])
        if underline is None:
            return None
        return 1 if underline.group(1).startswith("=") else 2

    def _after_block(self, index: int) -> bool:
        """Whether line ``index`` starts a paragraph: it opens the file, or the line above is
        blank or opens a block (a heading, rule, fence, comment...)."""
        if index == 0:
            return True
        start, stop = self.lines[index - 1]
        above = self.text[start:stop]
        return not above.strip() or self._opens_block(index - 1, above, None)

    def _quote(self, index: int) -> int:
        """Pass over a block quote whose first line is line ``index - 1``: its ``>`` lines and
        the lines that lazily continue them, up to a blank line or another block. The index of
        the next line to read."""
        while index < len(self.lines):
            start, stop = self.lines[index]
            line = self.text[start:stop]
            if not line.strip() or (
                not line.startswith(">") and self._opens_block(index, line, None)
            ):
                break
            index += 1
        return index

    def _container(self, column: int) -> int:
        """Where indentation counts from for a line indented to ``column``: the content
        column of the innermost open list item whose content it reaches, else the marker
        column of one whose marker it reaches (a line there is that item's sibling), else 0
        (the margin)."""
        return max(
            (
                content if column >= content else marker
                for marker, content in self._open
                if column >= marker
            ),
            default=0,
        )

    def _close_items(self, column: int) -> None:
        """Close the open list items whose content a line of text indented to ``column``
        does not reach (it follows a blank line or another block: it is no lazy line)."""
        while self._open and self._open[-1][1] > column:
            self._open.pop()

    def _indented_code(self, index: int, indent: int) -> int:
        """Pass over an indented code block whose first line is line ``index - 1``: the
        lines from ``index`` on that are blank or indented to column ``indent`` or more. The
        index of the next line to read."""
        while index < len(self.lines):
            line = self.text[slice(*self.lines[index])]
            if line.strip() and width(line) < indent:
                break
            index += 1
        return index

    def _sub_indent(self, indent: int | None = None) -> int | None:
        """The least indentation of a sub-item of the list item being read, or, given the
        ``indent`` of an item that starts, of that item's (``None`` outside a list)."""
        if self._item is not None and (indent is None or indent >= self._indent + _NESTED_INDENT):
            return self._indent + _NESTED_INDENT
        return None if indent is None else indent + _NESTED_INDENT

    @staticmethod
    def _letter_item(line: str, sub_indent: int | None) -> re.Match[str] | None:
        """The match of a lettered sub-item (``a) mentions heat``) indented by ``sub_indent``
        or more; ``None`` for other lines, or without ``sub_indent``."""
        match = _LETTER_ITEM.match(line)
        if match is None or sub_indent is None or _indent(match) < sub_indent:
            return None
        return match

    def _front_matter(self) -> int:
        """Read ``id`` and ``prompt`` from YAML front matter; the index of the next line.

        The front matter is read as the YAML document it opens (``---`` starts one), so the
        prompt keeps its exact origin and a key written twice is reported as in YAML files.
        A block between ``---`` lines that reads as YAML but not as a mapping (nor as an empty
        document) is no front matter: a rule, then Markdown (list items, a paragraph).
        """
        match = _FRONT_MATTER.match(self.text)
        if match is None:
            return 0
        tree = TreeContext(self.document, Encoding.APPROXIMATE)
        header = SourceDocument(
            self.document.path, self.text[: match.end(1) if match.group(1) else 3]
        )
        documents = list(read_yaml(header, tree))
        if any(not isinstance(data, NodeDict | ParseError | None) for data in documents):
            return 0
        for data in documents:
            self.errors.extend(tree.take_duplicate_keys())
            if isinstance(data, ParseError):
                reason = data.reason.removeprefix("Invalid YAML: ")
                self.errors.append(ParseError(f"Invalid front matter: {reason}", data.location))
            elif isinstance(data, NodeDict):
                if data.get("id") is not None:
                    self.rubric_id = str(data["id"])
                self.prompt = data.origin("prompt") if "prompt" in data else None
        return self.text.count("\n", 0, match.end()) + (not match.group(0).endswith("\n"))

    def _heading(self, line_start: int, level: int, start: int, end: int) -> None:
        """Record a heading; a ``Prompt`` heading starts a prompt section and is not a
        section of criteria."""
        start, end = line_start + start, line_start + end
        text = self.text[start:end]
        self._end_list()
        self._prompt = None
        if text.strip("*_: ").lower() == "prompt":
            self._prompt = _PromptSection(level, len(self.headings))
            self._prompts.append(self._prompt)
            return
        item = split_heading(self.text, start, end)
        self.headings.append(Heading(level, text, item, self.document.span(start, end)))

    def _paragraph(self, index: int, start: int, end: int) -> int:
        """A paragraph whose first line spans ``start:end`` (``index`` is the next line's): the
        criterion of the heading above when that heading carries points and its section has no
        criterion yet, its text the paragraph and its axis the heading's name. The index of
        the next line to read."""
        heading = self.headings[-1] if self.headings else None
        if (
            heading is None
            or heading.item.points_raw is None
            or heading.criterion is not None
            or (self.found and self.found[-1][0] == len(self.headings) - 1)
        ):
            return index
        index, end = self._continued(index, end)
        item = Item(
            start=start,
            end=end,
            marked=False,
            points_raw=heading.item.points_raw,
            points_span=heading.item.points_span,
            axis=self.text[heading.item.start : heading.item.end],
            comments=self._line_comments(start, end),
        )
        heading.criterion = item_criterion(self.document, item, "", heading.location)
        heading.paragraph = True
        self.found.append((len(self.headings) - 1, heading.criterion))
        return index

    def _is_table(self, index: int) -> bool:
        start, end = self.lines[index]
        if "|" not in self.text[start:end] or index + 1 >= len(self.lines):
            return False
        next_start, next_end = self.lines[index + 1]
        return bool(TABLE_DELIMITER.match(self.text, next_start, next_end))

    def _table(self, index: int) -> int:
        """Read the table whose header is line ``index``; the index of the line after it."""
        header = row_cells(self.document, *self.lines[index])
        stop = self._table_end(index + 2)
        rows = [row_cells(self.document, *self.lines[row]) for row in range(index + 2, stop)]
        numbered = numbered_columns([[cell.text for cell in cells] for cells in rows])
        columns = find_columns([cell.text for cell in header], numbered)
        if columns is None and self.unread_table is None:
            listed = ", ".join(repr(cell.text) for cell in header)
            why = (
                "no list items in the Markdown file, and no criterion column in the table "
                f"header ({listed})"
            )
            self.unread_table = (why, self.document.span(*self.lines[index]))
        previous: Criterion | None = None
        for row, cells in enumerate(rows, index + 2):
            if columns is not None:
                cells += [Cell("")] * (len(header) - len(cells))
                previous = self._table_row(columns, cells, *self.lines[row], previous)
        self._end_list()
        self._table_stop = stop
        return stop

    def _stray_row(self, index: int, start: int, end: int) -> None:
        """Note the table row at line ``index`` (spanning ``start:end``), which no table
        holds, unless the row above opened its run: right below a table, with only blank
        lines and comments between, the table ended at the first of them, as on GitHub
        (where a comment above a row, meant to suppress a finding on it, breaks the table);
        elsewhere the rows lack a header and delimiter row of their own."""
        if index and self.text[slice(*self.lines[index - 1])].startswith("|"):
            return
        stop = self._table_stop
        after = self.lines[stop][0] if stop is not None else start
        if stop is not None and _BLANKS_AND_COMMENTS.fullmatch(self.text, after, start):
            why = (
                f"Table rows from here not read: the table above ends at line {stop + 1}, "
                "where a blank line breaks it, as on GitHub; keep a table's rows together"
            )
            if self.text[after:start].strip():
                why = why.replace("a blank line", "a comment") + (
                    " (a suppression comment goes at the end of the row it is for: "
                    "| ... | <!-- rift-lint: ignore[RL101] -->)"
                )
        else:
            why = (
                "Table rows from here not read: rows of pipes make a table only below a "
                "header row and its delimiter row (| --- | --- |)"
            )
        self.stray_rows.append(ParseError(why, self.document.span(start, end)))

    def _table_end(self, index: int) -> int:
        """The index of the first line from ``index`` on that is no table row (has no ``|``)."""
        while index < len(self.lines) and "|" in self.text[slice(*self.lines[index])]:
            index += 1
        return index

    def _table_row(
        self, columns: Columns, cells: list[Cell], start: int, end: int, previous: Criterion | None
    ) -> Criterion | None:
        """Add the criterion of one table row (or the level it continues); the row's criterion."""
        text = cells[columns.criterion].text
        if is_total_row(columns, cells):
            return previous
        if not text and previous is not None:
            previous.levels.extend(row_levels(columns, cells, len(previous.levels) + 1))
            return previous
        if not text:
            return previous
        location = self.document.span(start, start + len(self.text[start:end].rstrip()))
        criterion = row_criterion(columns, cells, "", location)
        self._name_row(criterion)
        self.found.append((len(self.headings) - 1, criterion))
        return criterion

    def _name_row(self, criterion: Criterion) -> None:
        """Take a bold name that opens a table row's text (``**Thesis**: ...``) out of it as
        the row's axis, as a list item's is (:func:`named_item`), when no column gave one.
        A cell in a code span (whose opening backtick :func:`table_cell` took off) is code."""
        origin = criterion.origin
        if criterion.axis is not None or origin is None or self.text[origin.start - 1] == "`":
            return
        item = named_item(self.text, Item(origin.start, origin.end, marked=False))
        if (item.start, item.end) == (origin.start, origin.end):
            return
        cell = table_cell(self.document, item.start, item.end)
        criterion.text, criterion.origin, criterion.axis = cell.text, cell.origin, item.axis
        criterion.location = cell.origin.location() if cell.origin else criterion.location

    def _list_item(
        self, line_start: int, stops: tuple[int, int], match: re.Match[str], content: int
    ) -> None:
        """A top-level item becomes a criterion, a nested one a level of the item above; its
        text runs from ``line_start`` (after the marker) to the ends of its first and last
        paragraphs, ``stops``, over the lines that continue it, and its content from column
        ``content``."""
        indent = _indent(match)
        self._close_items(indent)
        self._open.append((indent, content))
        start = line_start + len(match.group(1)) + len(match.groupdict().get("letter") or "")
        first_end, end = (line_start + len(self.text[line_start:stop].rstrip()) for stop in stops)
        comments = self._line_comments(start, end)
        text = self._without_comments() if comments else self.text
        item = replace(split_list_item(text, start, first_end, end), comments=comments)
        band = band_level(self.document, item, text)
        if self._item is not None and indent >= self._indent + _NESTED_INDENT:
            number = len(self._item.levels) + 1
            self._item.levels.append(band or self._nested_level(item, number))
            return
        item = named_item(text, item)
        criterion = item_criterion(self.document, item, "", self.document.span(start, end))
        self.found.append((len(self.headings) - 1, criterion))
        self._item, self._indent = criterion, indent
        self._list.append(band)

    def _end_list(self) -> None:
        """End the list being read. When each of its top-level items starts with a score band
        and none has nested items, it is a scale: its items are not criteria but levels of the
        heading above (see :meth:`_scale_level`)."""
        items = self.found[len(self.found) - len(self._list) :]
        bands = self._list
        self._item, self._list, self._open = None, [], []
        if not bands or None in bands or any(criterion.levels for _, criterion in items):
            return
        del self.found[len(self.found) - len(bands) :]
        for band in bands:
            if band is not None:
                self._scale_level(band)

    def _without_comments(self) -> str:
        """The text with the HTML comment that ends each line blanked out (every position
        where it was), made once per document: items, which never span a fence or a comment
        block, are read in it."""
        if self._blanked is None:
            self._blanked = blanked(self.text, self._line_comments(0, len(self.text)))
        return self._blanked

    def _line_comments(self, start: int, end: int) -> tuple[tuple[int, int], ...]:
        """The spans of the HTML comments (suppression comments) that end the lines of the
        text ``start:end`` but its last, whose comment ``end`` leaves out already, each with
        the spaces before it: no part of the text, nor in the way of points that end a
        line."""
        spans = []
        line_start = start
        while (newline := self.text.find("\n", line_start, end)) != -1:
            line = self.text[line_start:newline].rstrip(" \t\r")
            content = _content_length(line)
            if content < len(line):
                spans.append((line_start + content, line_start + len(line)))
            line_start = newline + 1
        return tuple(spans)

    def _nested_level(self, item: Item, number: int) -> Level:
        origin = item_origin(self.document, item)
        label = item.points_raw or str(number)
        return Level(
            label=label, text=origin.decoded, score=parse_points(item.points_raw), origin=origin
        )

    def _scale_level(self, band: Level) -> None:
        """A score band of a scale: a level of the heading above when it carries points."""
        heading = self.headings[-1] if self.headings else None
        if heading is None or heading.item.points_raw is None:
            return
        if heading.criterion is None:
            heading.criterion = item_criterion(self.document, heading.item, "", heading.location)
            self.found.append((len(self.headings) - 1, heading.criterion))
        heading.criterion.levels.append(band)


def _content_column(line: str, match: re.Match[str]) -> int:
    """The column where the content of the list item that ``match`` found in ``line``
    starts: past its marker and the spaces after it, or one space past the marker when
    more than four follow (the rest indents code)."""
    prefix = line[: match.end()]
    marker_end = len(prefix.rstrip(" \t").expandtabs(4))
    content = len(prefix.expandtabs(4))
    return content if content - marker_end <= _CODE_INDENT else marker_end + 1


def _indent(match: re.Match[str]) -> int:
    """The indentation of a list item (its marker's column, tabs at every fourth)."""
    return len(match.group(1).expandtabs(4))


def _content_length(line: str) -> int:
    """The length of ``line`` without an HTML comment that ends it (a suppression comment)
    and the spaces before it: the comment opens at the first ``<!--`` whose first ``-->``
    is the one that ends the line."""
    body = line.rstrip(" \t")
    if not body.endswith("-->"):
        return len(line)
    close = len(body) - 3
    opening = line.find("<!--", max(line.rfind("-->", 0, close) - 3, 0), close)
    return len(line) if opening < 0 else len(line[:opening].rstrip(" \t"))


def read_markdown_rubrics(document: SourceDocument) -> Iterator[Rubric | ParseError]:
    """Rubrics from a Markdown file: one per section, or one for the whole file."""
    scanner = _Scanner(document)
    scanner.scan()
    yield from scanner.errors
    if not scanner.found:
        reason = "no list items or table with a criterion column in the Markdown file"
        location = document.span(0, 0)
        if scanner.unread_table is not None:
            reason, location = scanner.unread_table
        elif scanner.paragraph is not None:
            reason += f"; {_PARAGRAPHS}"
            location = scanner.paragraph
        yield NotARubric(f"Not a rubric: {reason}", location)
        return
    title, sections = group_sections(scanner.headings, scanner.found)
    for index, (section, criteria) in enumerate(sections):
        prompt = scanner.section_prompt(*section_bounds(scanner.headings, section, sections))
        for number, criterion in enumerate(criteria, 1):
            if not criterion.id:
                criterion.id = f"c{number}"
                criterion.id_by_position = True
        yield from repeated_ids(criteria)
        named = section or title
        context = RecordContext(document, record_index=index)
        metadata: dict[str, str] = {"layout": "markdown"}
        if section is not None and title is not None:
            metadata["title"] = title.text
        if section is not None:
            rubric_id = section.text
        else:
            rubric_id = scanner.rubric_id or (title.text if title else context.default_id())
        yield make_rubric(
            rubric_id=rubric_id,
            context=context,
            criteria=criteria,
            location=named.location if named else document.span(0, 0),
            prompt=prompt.decoded if prompt else None,
            prompt_location=prompt.location() if prompt else None,
            metadata=metadata,
        )


def code_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of code in a Markdown text, in order: the code blocks the reader
    finds (fenced ones with their fence lines, an unclosed fence running to the end, under a
    list item too, and indented ones) and the inline code spans of the other lines. A
    suppression comment shown there is an example, not a directive."""
    scanner = _Scanner(SourceDocument("<markdown>", text))
    scanner.scan()
    spans = list(scanner.code)
    blocks = iter(scanner.code)
    block = next(blocks, None)
    for start, end in scanner.lines:
        while block is not None and block[1] <= start:
            block = next(blocks, None)
        if block is None or start < block[0]:
            spans.extend((start + a, start + b) for a, b in inline_code(text[start:end]))
    return sorted(spans)


def looks_like_markdown(text: str) -> bool:
    """Whether content reads as Markdown (for sniffing stdin).

    It has a pipe table, or headings and no YAML-like ``key:`` line (front matter aside).
    """
    match = _FRONT_MATTER.match(text)
    lines = text[match.end() if match else 0 :].splitlines()[:80]
    headings = keys = 0
    fences = Fences()
    for index, line in enumerate(lines):
        if fences.fenced(line):
            continue
        if TABLE_DELIMITER.match(line) and index and "|" in lines[index - 1]:
            return True
        headings += bool(_HEADING.match(line))
        keys += bool(KEY_LINE.match(line))
    return headings > 0 and keys == 0
