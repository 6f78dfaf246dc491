"""Opening the files rift-lint reads for itself (configuration, baselines, model and labels
files), which must be regular files: reading a FIFO can block for ever, and a device such as
``/dev/zero`` never ends."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import BinaryIO

NOT_REGULAR = "not a regular file"


def open_regular_file(path: Path) -> BinaryIO:
    """``path`` opened for reading bytes, once it is known to be a regular file.

    Raises ``OSError``: the error opening it, or one whose reason is ``not a regular file``
    for a FIFO, socket, device or directory (a FIFO is opened without waiting for a writer,
    so that finding out does not block).
    """
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    if not stat.S_ISREG(os.fstat(descriptor).st_mode):
        os.close(descriptor)
        raise OSError(errno.EINVAL, NOT_REGULAR, str(path))
    return os.fdopen(descriptor, "rb")
