"""Recognising the JSON files rift-lint writes itself (baselines, ``json`` and ``sarif``
reports), so that a run over a folder holding them does not lint them as rubrics.

Only the first bytes are read: each of these files names rift-lint near its top, and a
rubric never opens that way.
"""

from __future__ import annotations

import re
from pathlib import Path

SNIFFED_BYTES = 512

_OWN_OPENINGS = (
    re.compile(r'^\{"format":"rift-lint-baseline"'),
    re.compile(r'^\{"schema_version":\d+,"tool":\{"name":"rift-lint"'),
    re.compile(r'^\{"\$schema":"[^"]*sarif[^"]*",.*"driver":\{"name":"rift-lint"'),
)


def is_own_output(path: Path) -> bool:
    """Whether ``path`` is a JSON file rift-lint wrote: a baseline, or a ``json`` or
    ``sarif`` report. Unreadable files are not (reading them reports why)."""
    if path.suffix.lower() != ".json":
        return False
    try:
        with path.open("rb") as handle:
            head = handle.read(SNIFFED_BYTES)
    except OSError:
        return False
    compact = re.sub(rb"\s+", b"", head.removeprefix(b"\xef\xbb\xbf"))
    opening = compact.decode("utf-8", errors="replace")
    return any(pattern.match(opening) for pattern in _OWN_OPENINGS)
