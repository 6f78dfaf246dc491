"""Where a key or a syntax error sits in a TOML file: the line a configuration error points at.

``tomllib`` gives values without positions, so the key is found again in the text, line by
line: table headers (``[rules.RL101]``), dotted keys (``rules.RL101.min-confidence = 1``) and
inline tables (``RL101 = {min-confidence = 1}``). Keys compare without case, and ``_`` matches
``-`` (options are read either way).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_HEADER = re.compile(r"^\s*\[\[?([^\[\]]+)\]\]?\s*(?:#.*)?$")
_PART = re.compile(r"\"[^\"]*\"|'[^']*'|[A-Za-z0-9_-]+")  # one key: quoted or bare
_KEY = re.compile(rf"^\s*((?:{_PART.pattern})(?:\s*\.\s*(?:{_PART.pattern}))*)\s*=(.*)$")
_SYNTAX_AT = re.compile(r"\s*\(at (?:line (\d+), column (\d+)|end of document)\)$")


def key_line(text: str, path: Sequence[str]) -> int | None:
    """The 1-based line of the key or table at ``path`` (e.g. ``["rules", "RL101",
    "min-confidence"]``), or ``None`` when it cannot be found. A table that only its subtables
    or dotted keys define is found at the first of them (``["tool"]`` at ``[tool.rift-lint]``).
    """
    target = [_normal(part) for part in path]
    table: list[str] = []
    for number, line in enumerate(text.split("\n"), 1):  # TOML ends lines at LF only
        header = _HEADER.match(line)
        if header:
            table = _parts(header.group(1))
            if table[: len(target)] == target:
                return number
            continue
        key = _KEY.match(line)
        if key is None:
            continue
        full = table + _parts(key.group(1))
        if full[: len(target)] == target:
            return number
        rest = target[len(full) :]
        if rest and target[: len(full)] == full and key.group(2).lstrip().startswith("{"):
            inline = _parts(key.group(2))
            if all(part in inline for part in rest):
                return number
    return None


def _parts(dotted: str) -> list[str]:
    return [_normal(part) for part in _PART.findall(dotted)]


def _normal(part: str) -> str:
    return part.strip("\"'").lower().replace("_", "-")


def syntax_error_position(text: str, message: str) -> tuple[str, str]:
    """Where a ``tomllib`` syntax error ``message`` sits in ``text`` ("3:7"; at the end of the
    document, the last line with content), and the message without its position."""
    at = _SYNTAX_AT.search(message)
    if at is None:
        return "", message
    if at.group(1):
        return f"{at.group(1)}:{at.group(2)}", message[: at.start()]
    lines = [number for number, line in enumerate(text.split("\n"), 1) if line.strip()]
    return str(lines[-1] if lines else 1), message[: at.start()] + " at the end of the file"
