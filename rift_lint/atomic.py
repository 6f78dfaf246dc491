"""Writing rift-lint's output files (reports, baselines, model files) all at once.

The text goes to a temporary file beside the target, which then replaces it: a full disk or an
interrupted run leaves the previous file whole, never a truncated one.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import sys
import tempfile
from pathlib import Path

# Names of a descriptor this process already holds: written to as it is, never reopened (a
# reopened /dev/stdout truncates the file the shell appends to, and a pipe has no path).
_DESCRIPTOR_NAME = re.compile(
    r"/dev/(?:std(?P<std>out|err)|fd/(?P<fd>\d+))|/proc/self/fd/(?P<proc>\d+)"
)
_STANDARD = {"out": 1, "err": 2}


def write_text_atomically(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` by replacing it with a finished temporary file.

    A symbolic link is written through (its target is replaced). A new file gets the mode the
    umask gives; an existing one keeps its mode, and a read-only one is refused as ``open``
    would refuse it. ``/dev/stdout``, ``/dev/stderr`` and ``/dev/fd/N`` are written to the
    descriptor this process holds, as a shell redirection left it (appending, or a pipe).
    Something else that is not a regular file (a FIFO, a device) cannot be replaced and is
    written directly. Any failure raises ``OSError`` and removes the temporary file.
    """
    descriptor_number = _held_descriptor(path)
    if descriptor_number is not None:
        _write_descriptor(descriptor_number, text)
        return
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


def _held_descriptor(path: Path) -> int | None:
    """The descriptor that ``path`` names (``/dev/stdout`` is 1), if it names one."""
    named = _DESCRIPTOR_NAME.fullmatch(os.path.abspath(path))
    if named is None:
        return None
    if named["std"]:
        return _STANDARD[named["std"]]
    return int(named["fd"] or named["proc"])


def _write_descriptor(number: int, text: str) -> None:
    """Write ``text`` (UTF-8) to an open descriptor, after what Python's own streams hold."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(AttributeError, OSError, ValueError):
            stream.flush()
    data = text.encode("utf-8")
    while data:
        data = data[os.write(number, data) :]
