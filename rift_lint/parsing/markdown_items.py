"""How a Markdown list item or heading splits into its parts: points, axis, label and text.

An item is split like a plain-text one (:func:`rift_lint.parsing.plaintext.split_item`), then,
when that finds neither points nor an axis, by a label that opens it (``Clarity (5 pts):``,
``**Completeness (1-5):**``) or points in emphasis that end it (``**(5 pts)**``); a bold name
that opens a top-level item (``**Thesis**: ...``) gives its axis; an item that starts with a
score band (``**4**:``, ``27-30:``) is a level. A heading's points may also follow a colon
that ends it (``## Mechanics: 5 pts``).
"""

from __future__ import annotations

import re
from dataclasses import replace

from rift_lint.models import Level
from rift_lint.parsing.build import POINTS_NUMBER, POINTS_UNIT
from rift_lint.parsing.plaintext import Item, item_origin, split_item
from rift_lint.source import SourceDocument

_SCORE = r"\d+(?:\.\d+)?"
_SCALE = rf"{_SCORE}[ \t]*[-\u2013][ \t]*{_SCORE}"  # a range of scores: "1-5", "0 \u2013 4"
_SCORES = rf"(?:{_SCALE}|{_SCORE})"
# A score band: "27-30:", "4 -", "**4**:", or with the colon inside the bold, "**18-20:**".
_BAND = re.compile(
    rf"(?:(\*\*|__)(?P<bold>{_SCORES})(?:\1[ \t]*(?::|[-\u2013\u2014][ \t])|[ \t]*:\1)"
    rf"|(?P<band>{_SCORES})[ \t]*(?::|[-\u2013\u2014][ \t]))[ \t]*"
)
# A label that opens an item: a short name (optional), its points in brackets ("(5 pts)",
# "[5 pts]", "(5)" after a name) or with a unit ("5 pts", without a name), or the range of the
# scale it is scored on after a name ("(1-5)"), then a colon or a dash, or the end of bold
# marks around them ("**Clarity (5 pts):**", "**5 pts:**", "**Completeness (1-5):**").
_LABEL_NAME = r"[^\W\d_][^\n:*_()\[\]]{0,60}?"
_LABEL_POINTS = (
    rf"(?:\((?P<paren>{POINTS_NUMBER})[ \t]*+(?P<unit>{POINTS_UNIT})?\)"
    rf"|\((?P<scale>{_SCALE})\)"
    rf"|\[(?P<bracket>{POINTS_NUMBER})[ \t]*+(?:{POINTS_UNIT})?\]"
    rf"|(?P<bare>{POINTS_NUMBER})[ \t]*+{POINTS_UNIT})"
)
_LABEL_SEPARATOR = r"[ \t]*+(?::|[-\u2013\u2014](?=[ \t]))"
_LABEL_END = r"(?:\s++(?=\S)|[ \t]*+$)"
_LABEL = re.compile(
    rf"(?P<bold>\*\*|__)?+(?:(?P<name>{_LABEL_NAME})[ \t]*+)?{_LABEL_POINTS}"
    rf"(?(bold)(?:(?P=bold)(?:{_LABEL_SEPARATOR})?|[ \t]*+:(?P=bold))|{_LABEL_SEPARATOR})"
    rf"{_LABEL_END}",
    re.IGNORECASE,
)
# The same label with only its name in emphasis: "**Clarity** (5 pts): ...", "*Tone* [1 pt] -".
_MARKED_NAME_LABEL = re.compile(
    rf"(?P<mark>\*\*|__|\*|_)(?P<name>{_LABEL_NAME})(?P=mark)[ \t]*+{_LABEL_POINTS}"
    rf"{_LABEL_SEPARATOR}{_LABEL_END}",
    re.IGNORECASE,
)
# A bold name that opens an item, then a colon or a dash and text: "**Thesis**: ...",
# "**Thesis:** ...", or that ends the item's first line, with or without them, the text (if
# any) below: "**Thesis**:" or "**Thesis**" above "  States a claim."
_BOLD_NAME = re.compile(
    r"(?P<mark>\*\*|__)(?P<name>[^\W\d_][^\n*_:()\[\]]{0,60}?)"
    r"(?:(?:(?P=mark)[ \t]*+(?::|[-\u2013\u2014](?=[ \t]))|[ \t]*+:(?P=mark))[ \t]++(?=\S)"
    r"|(?:(?P=mark)[ \t]*+(?::|[-\u2013\u2014])?+|[ \t]*+:(?P=mark))[ \t]*+(?:\n\s*+(?=\S)|$))"
)
# Points in emphasis that end an item: "States the dose **(5 pts)**".
_EMPHASIZED_SUFFIX = re.compile(
    rf"(?<![ \t])[ \t]++(?P<mark>\*\*|__|\*|_)[(\[](?P<n>{POINTS_NUMBER})[ \t]*+{POINTS_UNIT}"
    r"[)\]](?P=mark)\.?$",
    re.IGNORECASE,
)
# Points after a colon that end a heading: "## Mechanics: 5 pts".
_HEADING_POINTS = re.compile(
    rf"(?<![ \t]):[ \t]*+(?P<n>{POINTS_NUMBER})[ \t]*+{POINTS_UNIT}$", re.IGNORECASE
)
_LABEL_WORDS = 5


def split_list_item(text: str, start: int, first_end: int, end: int) -> Item:
    """A list item, ``text[start:end]``, split like a plain-text one (:func:`split_item`):
    its points may end its first line, its last, or (when other paragraphs follow) its first
    paragraph, which ends at ``first_end``. When none of these gives points or an axis, it
    is split by a label that opens it (see :func:`_label_item`) or points in emphasis that
    end it (``**(5 pts)**``)."""
    item = split_item(text, start, end, markdown=True)
    if item.points_raw is None and item.axis is None and first_end < end:
        first = split_item(text, start, first_end, markdown=True)
        cut = first.cut or ((first.end, first_end) if first.end < first_end else None)
        item = replace(first, end=end, cut=cut)
    if item.points_raw is not None or item.axis is not None:
        return item
    return _label_item(text, item) or _emphasized_suffix_item(text, item) or item


def _label_item(text: str, item: Item) -> Item | None:
    """The item without a label that opens it, ``Clarity (5 pts):``, ``Clarity [5 pts] -``,
    ``**Clarity (5 pts)**``, ``**Clarity** (5 pts):``, ``**5 pts:**`` or
    ``**Completeness (1-5):**``: its points are the label's and its axis the label's name. A
    number in brackets without a unit needs a name (``Clarity (5):``), a unit without brackets
    none; a range in brackets (``(1-5)``) needs a name and is the scale the name is scored on,
    no points. A name of more than a few words is a sentence, no label. The text may start on
    the next line; a label that is the whole item (``**Clarity (5 pts)**``) reads as
    ``Clarity (5 pts)`` would: its name is the text, its points the item's."""
    match = _LABEL.match(text, item.start, item.end) or _MARKED_NAME_LABEL.match(
        text, item.start, item.end
    )
    if match is None:
        return None
    name = (match.group("name") or "").strip()
    group = next(
        key for key in ("paren", "scale", "bracket", "bare") if match.group(key) is not None
    )
    unitless = group != "bare" and match.group("unit") is None
    if (
        (unitless and not name and group in ("paren", "scale"))
        or (group == "bare" and name)
        or len(name.split()) > _LABEL_WORDS
    ):
        return None
    start, end, axis = match.end(), item.end, name or None
    if start == end and name:
        start = match.start("name")
        end, axis = start + len(name), None
    points = None if group == "scale" else group
    return replace(
        item,
        start=start,
        end=end,
        marked=True,
        points_raw=match.group(points) if points else None,
        points_span=match.span(points) if points else None,
        axis=axis,
    )


def named_item(text: str, item: Item) -> Item:
    """The item without a bold name that opens it (``**Thesis**: ...``, ``**Thesis:** ...``,
    ``**Thesis** - ...``), which becomes its axis, when it has no axis yet and the name is no
    longer than a label's. A name that ends the first line (``**Thesis**:``, ``**Thesis**``)
    is one with or without a colon or dash, the text below it; a name that is the whole item
    reads as the name alone would: it is the text, without its marks. Points that end the
    first line after the name (``**Thesis**: (5 pts)``) leave it the name's line too."""
    if item.axis is not None:
        return item
    match = _BOLD_NAME.match(text, item.start, item.end)
    if match is None or len(match.group("name").split()) > _LABEL_WORDS:
        return item
    name = match.group("name").strip()
    if match.end() == item.end:
        start = match.start("name")
        return replace(item, start=start, end=start + len(name))
    if item.cut is not None and match.end() >= item.cut[0]:
        below = text[item.cut[1] : item.end].lstrip()
        return replace(item, start=item.end - len(below), axis=name, cut=None)
    return replace(item, start=match.end(), axis=name)


def _emphasized_suffix_item(text: str, item: Item) -> Item | None:
    """The item without points in emphasis that end it (``States the dose **(5 pts)**``)."""
    return _without_suffix(item, _EMPHASIZED_SUFFIX.search(text, item.start, item.end))


def split_heading(text: str, start: int, end: int) -> Item:
    """A heading's text split like an item (:func:`split_item`), or, when that finds no points,
    without points after a colon that end it (``Mechanics: 5 pts``)."""
    item = split_item(text, start, end)
    if item.points_raw is not None:
        return item
    return _without_suffix(item, _HEADING_POINTS.search(text, item.start, item.end)) or item


def _without_suffix(item: Item, match: re.Match[str] | None) -> Item | None:
    """The item without the points suffix ``match`` found at its end (its group ``n`` the
    number); ``None`` without a match."""
    if match is None:
        return None
    return replace(
        item, end=match.start(), points_raw=match.group("n"), points_span=match.span("n")
    )


def band_level(document: SourceDocument, item: Item, text: str) -> Level | None:
    """A level when the item starts with a score band such as ``**4**:`` or ``27-30:``
    (read in ``text``, the document's with the item's line comments blanked out)."""
    match = _BAND.match(text, item.start, item.end)
    if match is None:
        return None
    band = match.group("band") or match.group("bold")
    origin = item_origin(document, replace(item, start=match.end(), cut=None))
    score = float(re.findall(r"\d+(?:\.\d+)?", band)[-1])
    return Level(label=band, text=origin.decoded, score=score, origin=origin)
