"""Fenced code blocks of Markdown-like text, followed line by line.

A fence opens with three or more backticks or tildes, indented by at most three spaces, and
closes at the next line that starts with the same run of characters (CommonMark's rule,
without the check that nothing follows the closing fence). A fence that is never closed runs
to the end of the text. Inside a Markdown list item, indentation counts from the item's
content (``- `` then the text): a fence indented up to three more spaces opens there, and
a line of text indented less than that content ends the item and the block with it.

Inline code spans are found as CommonMark finds them (:func:`inline_code`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
_TAB_WIDTH = 4
_BACKTICKS = re.compile(r"`+")


def width(line: str) -> int:
    """The width of the whitespace that opens ``line`` (tabs at every fourth column)."""
    return len(line[: len(line) - len(line.lstrip(" \t"))].expandtabs(_TAB_WIDTH))


def _fence(line: str, container: int) -> tuple[str, int] | None:
    """The fence that ``line`` opens and the content column of the list item holding it
    (``container``, or 0 for a fence at the margin); ``None`` when it opens none."""
    if container and container <= width(line) <= container + 3:
        match = _FENCE.match(line.lstrip(" \t"))
        if match is not None:
            return match.group(1), container
    match = _FENCE.match(line)
    return None if match is None else (match.group(1), 0)


def opens_fence(line: str, container: int = 0) -> bool:
    """Whether ``line``, read outside a fenced block, opens one (in a list item whose content
    starts at column ``container``, when not 0)."""
    return _fence(line, container) is not None


class Fences:
    """Where fenced code blocks are, for a reader that walks the lines in order."""

    def __init__(self) -> None:
        self.open: str | None = None  # the opening fence of the block the reader is in
        self.container = 0
        """The content column of the list item holding the open block (0 at the margin)."""

    @property
    def inside(self) -> bool:
        """Whether a block is open, so that the next line read belongs to it."""
        return self.open is not None

    def leave(self, line: str) -> None:
        """Close the open block when ``line`` ends the list item holding it: a line of text
        indented less than the item's content (that line then belongs to no block)."""
        if self.open is not None and line.strip() and width(line) < self.container:
            self.open = None

    def fenced(self, line: str, container: int = 0) -> bool:
        """Read ``line``: whether it belongs to a fenced block, fence lines included. Outside
        a block, ``container`` is the content column of the list item ``line`` is in (0 for
        none). A line that ends the list item holding the open block (see :meth:`leave`)
        belongs to none, but may open one itself."""
        self.leave(line)
        if self.open is not None:
            if line.strip().startswith(self.open):
                self.open = None
            return True
        fence = _fence(line, container)
        if fence is None:
            return False
        self.open, self.container = fence
        return True


def inline_code(line: str) -> Iterator[tuple[int, int]]:
    """The spans of a line's inline code, as CommonMark reads it: a run of backticks opens a
    span that the next run of the same length closes, and a run with no such partner is
    text. One pass over the runs, so a line of many unmatched runs costs no more than one."""
    runs = [match.span() for match in _BACKTICKS.finditer(line)]
    partners: list[int | None] = [None] * len(runs)
    next_of_length: dict[int, int] = {}
    for index in range(len(runs) - 1, -1, -1):
        start, end = runs[index]
        partners[index] = next_of_length.get(end - start)
        next_of_length[end - start] = index
    index = 0
    while index < len(runs):
        partner = partners[index]
        if partner is None:
            index += 1
        else:
            yield runs[index][0], runs[partner][1]
            index = partner + 1
