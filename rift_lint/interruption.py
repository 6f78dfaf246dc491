"""Ending a run on a signal: Ctrl-C (SIGINT) and SIGTERM stop it with exit code 128 plus the
signal's number, as a shell reports a process that the signal ended, once the worker processes
are stopped; never with 1, which says the run found something."""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType


class Interrupted(BaseException):
    """The run was stopped by a signal. A BaseException, as KeyboardInterrupt is, so that no
    ``except Exception`` around a file or a rule goes on after it."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


@contextmanager
def interruptible() -> Iterator[None]:
    """Raise :class:`Interrupted` in the block on SIGTERM, and in place of KeyboardInterrupt
    on Ctrl-C; SIGTERM gets its previous handler back after the block. Only the main thread
    can set a handler: elsewhere SIGTERM keeps its own."""
    in_main = threading.current_thread() is threading.main_thread()
    previous = signal.getsignal(signal.SIGTERM)
    if in_main:
        signal.signal(signal.SIGTERM, _raise_interrupted)
    try:
        yield
    except KeyboardInterrupt:
        raise Interrupted(signal.SIGINT) from None
    finally:
        if in_main:
            signal.signal(signal.SIGTERM, previous)


def _raise_interrupted(signum: int, frame: FrameType | None) -> None:
    raise Interrupted(signum)


def leave_signals_to_parent() -> None:
    """In a worker process: ignore Ctrl-C (the terminal sends it to every process of the run)
    and end at once on SIGTERM, so that the main process alone decides how the run ends and
    stops its workers itself."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
