"""Plain-text checklists: one criterion per line or per list item.

Rules of the format:

- Blank lines are skipped. A line starting with ``#`` is a comment (it may hold a suppression
  directive, read elsewhere) and is never a criterion, unless an item number follows the
  ``#`` (``#2 Names the dose``). A first line ``Prompt: ...`` gives the rubric's prompt.
- An item may start with a list marker (``-``, ``*``, ``+``, ``•``, ``1.``, ``1)``, ``(1)``,
  ``#1``), a checkbox (``[ ]``, ``[x]``) and a points prefix: ``5 pts:``, ``-2:``, ``(+3)``,
  ``(5 pts)``, or a bracket such as ``[Explicit Criteria, weight 4.0]`` whose non-numeric part
  names the axis. Points may instead end the item: ``(5 pts)``, ``[3 points]``, ``(+3)``,
  ``(weight 2)``, ``— 2 points``. The criterion text is what remains, an exact slice of the
  file (but for points that end the first line of a wrapped item, taken out of it).
- When some line starts with a marker, checkbox or points prefix, only such lines, and lines
  that start with a number that is no points prefix (``5 - ...``, ``3-5: ...``, ``+5 ...``,
  whose text is kept whole), start criteria: another unmarked line right below an item
  continues it (its text then spans both lines, and points may end either its first line or
  its last), other unmarked lines (preambles such as "Here is the rubric:") are skipped. When
  no line is marked, every line is one criterion.

:func:`split_item` is shared with the Markdown reader, whose list items follow the same rules.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from rift_lint.comments import HASH_NUMBER, is_comment_line, trailing_directive_start
from rift_lint.location import Location
from rift_lint.models import Criterion, PositionalId, Rubric
from rift_lint.parsing.build import (
    POINTS_NUMBER,
    POINTS_UNIT,
    RecordContext,
    make_rubric,
    parse_points,
)
from rift_lint.parsing.errors import NotARubric, ParseError
from rift_lint.source import SourceDocument, TextOrigin

_NUM = POINTS_NUMBER
_SIGNED = r"[+-]\d+(?:\.\d+)?"
_UNIT = POINTS_UNIT
_MARKER = re.compile(rf"(?:[-*+•]|\d{{1,9}}[.)]|\(\d{{1,9}}\))[ \t]+|{HASH_NUMBER.pattern}")
_CHECKBOX = re.compile(r"\[[ xX]\][ \t]+")
_BOX = re.compile(r"\[[ xX]\]")  # a checkbox's brackets, with no space after them: no bracket
_PREFIXES = (
    re.compile(rf"\((?P<n>{_SIGNED})[ \t]*(?:{_UNIT})?\)[ \t]*", re.IGNORECASE),
    re.compile(rf"\((?P<n>{_NUM})[ \t]*{_UNIT}\)[ \t]*", re.IGNORECASE),
    re.compile(rf"(?P<n>{_SIGNED})[ \t]*(?:{_UNIT})?[ \t]*:[ \t]*", re.IGNORECASE),
    re.compile(rf"(?P<n>{_NUM})[ \t]*{_UNIT}[ \t]*:[ \t]*", re.IGNORECASE),
)
_BRACKET = re.compile(r"\[(?P<inner>[^\[\]{}\"\n]+)\](?!\()[ \t]*(?=\S)")
_BRACKET_POINTS = re.compile(
    rf"(?:weight|points?|pts?|score)[ \t]*+[:=]?+[ \t]*+(?P<n>{_NUM})"
    rf"|(?P<m>{_NUM})[ \t]*(?:{_UNIT})?",
    re.IGNORECASE,
)
# Searched for at the item's end, so each starts where no run of spaces can be rescanned from
# every one of its spaces (the caller strips the spaces before a suffix); optional marks
# between runs of spaces are read possessively.
_SUFFIXES = (
    re.compile(rf"[(\[](?P<n>{_NUM})[ \t]*{_UNIT}[)\]]\.?$", re.IGNORECASE),
    re.compile(rf"\((?P<n>{_SIGNED})\)\.?$"),
    re.compile(rf"\((?:weight|points?)[ \t]*+[:=]?+[ \t]*+(?P<n>{_NUM})\)\.?$", re.IGNORECASE),
    re.compile(
        rf"(?<![ \t])[ \t]++[-\u2013\u2014]++[ \t]*+(?P<n>{_NUM})[ \t]*{_UNIT}$", re.IGNORECASE
    ),
)
# A line that starts with a number which is no points prefix ("5 - Names the dose",
# "3-5: Cites", "+5 Names the route"): an item of its own, its text whole.
_NUMBERED = re.compile(
    rf"{_NUM}(?:[ \t]*[-\u2013][ \t]*{_NUM})?[ \t]*(?::|[-\u2013\u2014][ \t])|{_SIGNED}[ \t]"
)
_PROMPT = re.compile(r"prompt[ \t]*:[ \t]*", re.IGNORECASE)
KEY_LINE = re.compile(r"(?:[ \t]+(?:-[ \t]+)?)?[A-Za-z_][\w-]*:(?:[ \t]|$)")


@dataclass(frozen=True)
class Item:
    """One checklist item: the span of its text and what its prefix or suffix said.

    ``marked`` tells whether the item starts with a list marker, checkbox or points prefix.
    """

    start: int
    end: int
    marked: bool
    points_raw: str | None = None
    points_span: tuple[int, int] | None = None
    axis: str | None = None
    cut: tuple[int, int] | None = None
    """The span of points that end the first line of a wrapped item, with the spaces before
    them: taken out of the text."""
    comments: tuple[tuple[int, int], ...] = ()
    """The spans of the comments that end lines of a wrapped item but its last (a
    suppression comment after its first line), with the spaces before them: taken out of
    the text."""


def split_item(text: str, start: int, end: int, markdown: bool = False) -> Item:
    """Split ``text[start:end]`` (an item without surrounding whitespace) into its parts.
    With ``markdown``, a checkbox needs a space after it, as on GitHub: ``[ ]Text`` and
    ``[x]Text`` are text (no checkbox, nor a bracket that names the axis ``x``)."""
    pos = start
    for pattern in (_MARKER, _CHECKBOX):
        match = pattern.match(text, pos, end)
        if match:
            pos = match.end()
    points: tuple[int, int] | None = None
    axis: str | None = None
    for pattern in _PREFIXES:
        match = pattern.match(text, pos, end)
        if match:
            points, pos = match.span("n"), match.end()
            break
    else:
        match = _BRACKET.match(text, pos, end)
        if match and not (markdown and _BOX.fullmatch(match.group().rstrip(" \t"))):
            points, axis = _bracket(text, match)
            pos = match.end()
    marked = pos > start
    cut: tuple[int, int] | None = None
    if points is None:
        suffix = _suffix(text, pos, end)
        if suffix:
            points, end = suffix.span("n"), suffix.start()
        elif first_line := _first_line_points(text, pos, end):
            points, cut = first_line
    while end > pos and text[end - 1].isspace():
        end -= 1
    return Item(
        start=pos,
        end=end,
        marked=marked,
        points_raw=text[points[0] : points[1]] if points else None,
        points_span=points,
        axis=axis,
        cut=cut,
    )


def _first_line_points(
    text: str, start: int, end: int
) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """The span of the points that end the first line of an item wrapped over several lines
    ("- Names the dose (5 pts)" above "  and the interval"), and the span to take out of the
    item's text: the points' suffix and the spaces before it."""
    newline = text.find("\n", start, end)
    if newline == -1:
        return None
    line_end = start + len(text[start:newline].rstrip())
    suffix = _suffix(text, start, line_end)
    if suffix is None:
        return None
    cut_start = start + len(text[start : suffix.start()].rstrip())
    return suffix.span("n"), (cut_start, line_end)


def _suffix(text: str, start: int, end: int) -> re.Match[str] | None:
    """The points suffix that ends ``text[start:end]`` (which ends in no space), if any."""
    return next(filter(None, (pattern.search(text, start, end) for pattern in _SUFFIXES)), None)


def _bracket(text: str, match: re.Match[str]) -> tuple[tuple[int, int] | None, str | None]:
    """Points span and axis of a ``[Axis, weight 4.0]`` prefix."""
    points: tuple[int, int] | None = None
    axis: str | None = None
    offset = match.start("inner")
    for part in match.group("inner").split(","):
        stripped = part.strip()
        found = _BRACKET_POINTS.fullmatch(stripped)
        if found and points is None:
            group = "n" if found.group("n") is not None else "m"
            base = offset + part.index(stripped)
            points = (base + found.start(group), base + found.end(group))
        elif stripped and axis is None:
            axis = stripped
        offset += len(part) + 1
    return points, axis


def item_origin(document: SourceDocument, item: Item) -> TextOrigin:
    """The origin of an item's text: the slice ``item.start:item.end`` of the document,
    without the points that end the first line of a wrapped item and the comments that end
    its lines (those of its cuts that lie inside the slice)."""
    cuts = sorted(
        cut
        for cut in (item.cut, *item.comments)
        if cut is not None and item.start <= cut[0] and cut[1] <= item.end
    )
    if not cuts:
        return TextOrigin(document, item.start, item.end, document.text[item.start : item.end])
    return TextOrigin.without(document, item.start, item.end, *cuts)


def item_criterion(
    document: SourceDocument, item: Item, criterion_id: str, item_location: Location
) -> Criterion:
    """A criterion whose text is the item's (see :func:`item_origin`)."""
    origin = item_origin(document, item)
    return Criterion(
        id=criterion_id,
        text=origin.decoded,
        points=parse_points(item.points_raw),
        points_raw=item.points_raw,
        points_location=document.span(*item.points_span) if item.points_span else None,
        axis=item.axis,
        location=origin.location(),
        item_location=item_location,
        origin=origin,
    )


def line_end(text: str, start: int) -> int:
    """The offset of the newline ending the line that holds ``start`` (or the end of text)."""
    end = text.find("\n", start)
    return len(text) if end == -1 else end


def blanked(text: str, spans: tuple[tuple[int, int], ...]) -> str:
    """``text`` with each of ``spans`` (in order) replaced by as many spaces, so that every
    position stays where it was."""
    if not spans:
        return text
    pieces = []
    kept = 0
    for start, end in spans:
        pieces += [text[kept:start], " " * (end - start)]
        kept = end
    return "".join([*pieces, text[kept:]])


Line = tuple[int, int, int, int]
"""(line number, start, end, comment end) of a content line (see :func:`_content_lines`)."""


def _content_lines(document: SourceDocument) -> Iterator[Line]:
    """(line number, start, end, comment end) of each non-blank, non-comment line, without
    its indentation and without a suppression comment that ends it (line 1 without a byte
    order mark that opens it); the comment end is where that comment ends (``end`` when
    there is none)."""
    text = document.text
    content = document.content_start
    for number, line_start in enumerate(document.line_starts, 1):
        start = max(line_start, content)
        whole = text[start : line_end(text, start)].rstrip()
        cut = trailing_directive_start(whole)
        line = whole if cut is None else whole[:cut]
        stripped = line.strip()
        if stripped and not is_comment_line(stripped, "text"):
            first = start + len(line) - len(line.lstrip())
            yield number, first, first + len(stripped), start + len(whole)


def _prompt(document: SourceDocument, line: Line) -> TextOrigin | None:
    """The prompt when ``line`` reads ``Prompt: ...``."""
    _, start, end, _ = line
    match = _PROMPT.match(document.text, start, end)
    if match is None:
        return None
    return TextOrigin(document, match.end(), end, document.text[match.end() : end])


def _item_lines(text: str, lines: list[Line]) -> list[list[Line]]:
    """The lines of each item: a marked line, or one that starts with a number, plus the
    unmarked lines right below it.

    Without any marked line, every line is an item.
    """
    list_mode = any(split_item(text, start, end).marked for _, start, end, _ in lines)
    items: list[list[Line]] = []
    previous = 0
    for line in lines:
        number, start, end, _ = line
        starts_item = split_item(text, start, end).marked or _NUMBERED.match(text, start, end)
        if not list_mode or starts_item:
            items.append([line])
        elif items and number == previous + 1:
            items[-1].append(line)
        else:
            continue
        previous = number
    return items


def _comments(lines: list[Line]) -> tuple[tuple[int, int], ...]:
    """The spans of the suppression comments that end ``lines``, with the spaces before
    them."""
    return tuple((end, comment_end) for _, _, end, comment_end in lines if comment_end > end)


def _item(text: str, without_comments: str, lines: list[Line]) -> Item:
    """The item over ``lines``, without the suppression comments that end its lines but
    the last (which its span leaves out already), and read in ``without_comments`` (the
    text with every line's comment blanked out, made once per file): points before such a
    comment end the first line."""
    comments = _comments(lines[:-1])
    read_in = without_comments if comments else text
    return replace(split_item(read_in, lines[0][1], lines[-1][2]), comments=comments)


def read_text_rubrics(document: SourceDocument) -> Iterator[Rubric | ParseError]:
    """The one rubric of a plain-text checklist."""
    text = document.text
    lines = list(_content_lines(document))
    prompt = _prompt(document, lines[0]) if lines else None
    items = _item_lines(text, lines[1:] if prompt else lines)
    if not items:
        yield NotARubric("Not a rubric: the text file has no criteria", document.span(0, 0))
        return
    without_comments = blanked(text, _comments(lines))
    criteria = [
        item_criterion(
            document,
            _item(text, without_comments, item),
            PositionalId(f"c{number}"),
            document.span(item[0][1], item[-1][2]),
        )
        for number, item in enumerate(items, 1)
    ]
    first = lines[0][1]
    context = RecordContext(document)
    yield make_rubric(
        rubric_id=context.default_id(),
        context=context,
        criteria=criteria,
        location=document.span(first, line_end(text, first)),
        prompt=prompt.decoded if prompt else None,
        prompt_location=prompt.location() if prompt else None,
        metadata={"layout": "text"},
    )


def looks_like_checklist(text: str) -> bool:
    """Whether content reads as a plain-text checklist (for sniffing stdin).

    At least half of the first lines carry a list marker or points, and no line looks like a
    YAML ``key:`` (other than a leading ``Prompt:``).
    """
    lines = [line for line in text.splitlines()[:40] if line.strip()]
    lines = [line for line in lines if not is_comment_line(line.strip(), "text")]
    if lines and _PROMPT.match(lines[0].lstrip()):
        lines = lines[1:]
    if not lines or any(KEY_LINE.match(line) for line in lines):
        return False
    items = [split_item(line.strip(), 0, len(line.strip())) for line in lines]
    marked = sum(item.marked or item.points_raw is not None for item in items)
    return marked > 0 and 2 * marked >= len(lines)
