"""Whether the human formats paint their output with ANSI styles (``check --color``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TextIO

COLOR_CHOICES = ("auto", "always", "never")


def wants_color(choice: str, stream: TextIO | None, env: Mapping[str, str]) -> bool:
    """Whether to paint output written to ``stream`` (``None``: a file, ``--output-file``).

    ``always`` and ``never`` decide alone. ``auto`` never paints a file, and otherwise follows
    the common conventions: a non-empty ``NO_COLOR`` turns colour off, a non-empty
    ``FORCE_COLOR`` turns it on (for a pipe too), and otherwise only a terminal that is not
    ``TERM=dumb`` gets colour.
    """
    if choice not in COLOR_CHOICES:
        raise ValueError(f"unknown colour choice {choice!r} (expected one of: auto, always, never)")
    if choice != "auto":
        return choice == "always"
    if stream is None or env.get("NO_COLOR"):
        return False
    if env.get("FORCE_COLOR"):
        return True
    if env.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())
