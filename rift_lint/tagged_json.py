"""Reading the JSON files rift-lint writes for itself (model files, baselines).

Each names its kind in a ``"format"`` key, so a stranger's JSON is refused with a clear reason
instead of being half-read. Nothing in such a file is executed, and the non-standard
constants ``NaN`` and ``Infinity`` are refused.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from rift_lint.regular_file import open_regular_file


def read_tagged_json(
    path: Path, tag: str, what: str, error: type[Exception], max_bytes: int | None = None
) -> dict[str, Any]:
    """The JSON object in ``path`` whose ``"format"`` is ``tag``.

    Any problem raises ``error`` with the file's name and the reason: unreadable or not a
    regular file (a FIFO, a device), larger than ``max_bytes``, not JSON (or nested too deeply
    for Python's JSON reader), or not a ``what`` (another or no ``"format"``).
    """
    try:
        with open_regular_file(path) as handle:
            size = os.fstat(handle.fileno()).st_size
            if max_bytes is not None and size > max_bytes:
                text = None
            else:
                text = handle.read(-1 if max_bytes is None else max_bytes).decode("utf-8")
    except OSError as exc:
        raise error(f"{path}: cannot read {what}: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise error(f"{path}: not a {what} (invalid JSON: {exc})") from None
    if text is None:
        raise error(f"{path}: {what} is {size} bytes, over the {max_bytes / 2**20:g} MiB limit")
    try:
        payload = json.loads(text, parse_constant=_no_constants)
    except ValueError as exc:
        raise error(f"{path}: not a {what} (invalid JSON: {exc})") from None
    except RecursionError:
        raise error(f"{path}: not a {what} (its JSON nests too deeply to read)") from None
    if not isinstance(payload, dict) or payload.get("format") != tag:
        raise error(f'{path}: not a {what} (no "format": "{tag}")')
    return payload


def _no_constants(name: str) -> float:
    raise ValueError(f"{name} is not allowed")
