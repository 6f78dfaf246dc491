"""Writing rift-lint's output files (reports, baselines, model files) all at once.

The text goes to a temporary file beside the target, which then replaces it: a full disk or an
interrupted run leaves the previous file whole, never a truncated one.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from pathlib import Path


def write_text_atomically(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` by replacing it with a finished temporary file.

    A symbolic link is written through (its target is replaced). A new file gets the mode the
    umask gives; an existing one keeps its mode, and a read-only one is refused as ``open``
    would refuse it. Something that is not a regular file (``/dev/stdout``, a FIFO) cannot be
    replaced and is written directly. Any failure raises ``OSError`` and removes the
    temporary file.
    """
    target = Path(os.path.realpath(path))
    try:
        mode: int | None = target.stat().st_mode
    except FileNotFoundError:
        mode = None
    if mode is not None and not stat.S_ISREG(mode):
        target.write_text(text, encoding="utf-8")
        return
    if mode is not None and not os.access(target, os.W_OK):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
    descriptor, temporary = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
    )
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.chmod(temporary, stat.S_IMODE(mode) if mode is not None else _new_file_mode())
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _new_file_mode() -> int:
    """The mode ``open`` gives a new file: read and write for all, less the umask."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
