"""Split a string holding a numbered or bulleted list into items with exact spans.

LLM-generated rubrics often arrive as one string such as ``"1. Is it correct?\\n2. Is it
brief?"`` (LLMBar metrics, dynamic rubrics). :func:`split_list` finds the items and returns, for
each, the ``[start, end)`` span of its text inside the decoded string, so a caller can build
``origin.child(start, end, text[start:end], Encoding.VERBATIM)`` and keep exact positions.
:func:`list_criteria` does that for a string held in a positioned container.

Rules: the first marker found (``1.``/``1)`` or ``-``/``*``/``+``/``•``) fixes the kind and the
indentation of the list; later lines with a marker of that kind and no deeper indentation start
new items; other lines continue the current item; after a blank line, an unindented line without
a marker ends the current item (a closing remark is not part of the last criterion). Text before
the first item (a preamble such as "Here is the rubric:") belongs to no item.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from rift_lint.models import Criterion, PositionalId
from rift_lint.parsing.build import RecordContext, container_location, make_criterion
from rift_lint.parsing.tree import Node
from rift_lint.source import Encoding

_MARKER = re.compile(r"([ \t]*)(?:(\d{1,3})[.)]|([-*+•]))[ \t]+(?=\S)")


@dataclass(frozen=True)
class ListItem:
    """One list item: ``text[start:end]`` is its text, ``marker_start`` where its marker is."""

    start: int
    end: int
    marker_start: int
    number: int | None


@dataclass(frozen=True)
class _Marker:
    indent: int
    numbered: bool
    number: int | None
    marker_start: int
    content_start: int


def _marker(text: str, line_start: int) -> _Marker | None:
    match = _MARKER.match(text, line_start)
    if match is None:
        return None
    indent = match.group(1)
    number = match.group(2)
    return _Marker(
        indent=len(indent.expandtabs(4)),
        numbered=number is not None,
        number=int(number) if number is not None else None,
        marker_start=line_start + len(indent),
        content_start=match.end(),
    )


def _lines(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each line, newline excluded."""
    spans = []
    start = 0
    while start <= len(text):
        end = text.find("\n", start)
        end = len(text) if end == -1 else end
        spans.append((start, end))
        start = end + 1
    return spans


def split_list(text: str) -> list[ListItem]:
    """The items of the list in ``text`` with their spans; empty when ``text`` holds no list."""
    items: list[ListItem] = []
    first: _Marker | None = None
    current: _Marker | None = None
    last_end = 0
    after_blank = False

    def close() -> None:
        if current is not None:
            end = max(last_end, current.content_start)
            items.append(ListItem(current.content_start, end, current.marker_start, current.number))

    for line_start, line_end in _lines(text):
        line = text[line_start:line_end]
        if not line.strip():
            after_blank = True
            continue
        marker = _marker(text, line_start)
        if first is None and marker is not None:
            first = marker
        starts_item = (
            marker is not None
            and first is not None
            and marker.numbered == first.numbered
            and marker.indent <= first.indent
        )
        if starts_item:
            close()
            current = marker
        elif current is not None and after_blank and line[0] not in " \t" and marker is None:
            close()
            current = None
        if current is not None:
            last_end = line_start + len(line.rstrip())
        after_blank = False
    close()
    return items


def list_criteria(
    container: Any, key: Any, context: RecordContext, *, id_prefix: str = "q"
) -> list[Criterion]:
    """One criterion per list item of the string at ``container[key]``, with exact origins.

    Ids are ``<id_prefix><n>`` with ``n`` the 1-based item position (a :class:`PositionalId`).
    A string that holds no list gives one criterion with the whole (stripped) string.
    """
    text = container[key]
    origin = container.origin(key) if isinstance(container, Node) else None
    items = split_list(text) if isinstance(text, str) else []
    if not items:
        return [
            make_criterion(
                container, key, criterion_id=PositionalId(f"{id_prefix}1"), context=context
            )
        ]
    criteria = []
    for index, item in enumerate(items):
        body = text[item.start : item.end]
        if origin is None:
            location = container_location(container, context)
            criteria.append(
                Criterion(id=PositionalId(f"{id_prefix}{index + 1}"), text=body, location=location)
            )
            continue
        child = origin.child(item.start, item.end, body, Encoding.VERBATIM)
        criteria.append(
            Criterion(
                id=PositionalId(f"{id_prefix}{index + 1}"),
                text=body,
                location=child.location(),
                item_location=origin.locate(item.marker_start, item.marker_start + 1),
                origin=child,
            )
        )
    return criteria
