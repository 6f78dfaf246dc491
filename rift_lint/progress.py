"""A progress line on stderr for long runs: rubrics done / total, rate, and time left.

It draws only when its stream is a terminal (never into a pipe, a file or CI logs) and not
under ``--quiet``. The total is estimated before linting: a JSON Lines file counts one rubric
per non-blank line, any other file one rubric, and each file's estimate is replaced by its
real count once it has been read.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import TextIO

JSONL_SUFFIXES = (".jsonl", ".ndjson")
REDRAW_SECONDS = 0.1
BAR_WIDTH = 24


def estimate_rubrics(path: Path) -> int:
    """A quick estimate of how many rubrics a file holds (no parsing)."""
    if path.suffix.lower() not in JSONL_SUFFIXES:
        return 1
    count = 0
    try:
        with path.open("rb") as handle:
            for line in handle:
                count += bool(line.strip())
    except OSError:
        return 1
    return max(count, 1)


def _clock(seconds: float) -> str:
    minutes, second = divmod(int(seconds), 60)
    hours, minute = divmod(minutes, 60)
    return f"{hours}:{minute:02d}:{second:02d}" if hours else f"{minute}:{second:02d}"


class Progress:
    """Counts rubrics as they are linted and redraws one status line (at most 10 times/s)."""

    def __init__(self, total: int, stream: TextIO, enabled: bool) -> None:
        self.total = max(total, 0)
        self.done = 0
        self.stream = stream
        self.enabled = enabled and stream.isatty()
        self.started = time.monotonic()
        self._drawn = 0.0
        self._width = 0

    def advance(self, rubrics: int) -> None:
        """Record ``rubrics`` more rubrics linted."""
        self.done += rubrics
        self.total = max(self.total, self.done)
        self._draw()

    def correct(self, estimated: int, actual: int) -> None:
        """Replace a file's estimated rubric count by the count actually read."""
        self.total = max(self.total - estimated + actual, self.done)
        self._draw()

    def line(self) -> str:
        """The status line for the current counts."""
        elapsed = max(time.monotonic() - self.started, 1e-9)
        rate = self.done / elapsed
        share = self.done / self.total if self.total else 1.0
        filled = round(share * BAR_WIDTH)
        left = (self.total - self.done) / rate if rate > 0 else 0.0
        return (
            f"[{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {self.done:,}/{self.total:,} rubrics"
            f"  {rate:,.0f}/s  {_clock(elapsed)} elapsed, {_clock(left)} left"
        )

    def _draw(self, force: bool = False) -> None:
        now = time.monotonic()
        if not self.enabled or (not force and now - self._drawn < REDRAW_SECONDS):
            return
        self._drawn = now
        text = self.line()
        self.stream.write("\r" + text.ljust(self._width))
        self.stream.flush()
        self._width = len(text)

    def close(self) -> None:
        """Erase the status line so that the report starts on a clean line."""
        if self.enabled and self._width:
            self.stream.write("\r" + " " * self._width + "\r")
            self.stream.flush()
