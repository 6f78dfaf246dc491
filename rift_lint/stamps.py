"""Stamps of folders on disk, for cache keys that must change when code or a model changes."""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path


def tree_stamp(folder: Path) -> str:
    """A hash of the files below ``folder`` (their relative names, sizes and modification
    times, ``__pycache__`` left out): it changes when a file is replaced, added or removed."""
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            stat = path.stat()
            digest.update(
                f"{path.relative_to(folder)}:{stat.st_size}:{stat.st_mtime_ns}\n".encode()
            )
    return digest.hexdigest()


@cache
def model_folder_stamp(location: str | None) -> str | None:
    """The :func:`tree_stamp` of a model read from a folder (once per process), ``None`` for a
    model given by name: a model saved again in the same folder is then a different model."""
    if not location or not Path(location).expanduser().is_dir():
        return None
    return tree_stamp(Path(location).expanduser())
