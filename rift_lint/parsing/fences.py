"""Fenced code blocks of Markdown-like text, followed line by line.

A fence opens with three or more backticks or tildes, indented by at most three spaces, and
closes at the next line that starts with the same run of characters (CommonMark's rule,
without the check that nothing follows the closing fence). A fence that is never closed runs
to the end of the text.
"""

from __future__ import annotations

import re

_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")


def opens_fence(line: str) -> bool:
    """Whether ``line``, read outside a fenced block, opens one."""
    return _FENCE.match(line) is not None


class Fences:
    """Where fenced code blocks are, for a reader that walks the lines in order."""

    def __init__(self) -> None:
        self.open: str | None = None  # the opening fence of the block the reader is in

    @property
    def inside(self) -> bool:
        """Whether a block is open, so that the next line read belongs to it."""
        return self.open is not None

    def fenced(self, line: str) -> bool:
        """Read ``line``: whether it belongs to a fenced block, fence lines included."""
        if self.open is not None:
            if line.strip().startswith(self.open):
                self.open = None
            return True
        match = _FENCE.match(line)
        if match is None:
            return False
        self.open = match.group(1)
        return True
