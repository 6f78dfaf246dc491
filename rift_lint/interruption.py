"""Ending a run on a signal: Ctrl-C (SIGINT) and SIGTERM stop it with exit code 128 plus the
signal's number, as a shell reports a process that the signal ended, once the worker processes
are stopped; never with 1, which says the run found something."""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from types import FrameType


class Interrupted(BaseException):
    """The run was stopped by a signal. A BaseException, as KeyboardInterrupt is, so that no
    ``except Exception`` around a file or a rule goes on after it."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


_STOPPING = (signal.SIGINT, signal.SIGTERM)  # the signals that stop a run


@contextmanager
def interruptible() -> Iterator[None]:
    """Raise :class:`Interrupted` in the block on Ctrl-C or SIGTERM; both signals get their
    previous handlers back after the block. Only the main thread can set a handler:
    elsewhere SIGTERM keeps its own, and Ctrl-C's KeyboardInterrupt becomes Interrupted.

    A process forked in the block (a ``--jobs`` worker) has these handlers until it sets its
    own (:func:`leave_signals_to_parent`); a signal in between ends it at once, with the exit
    code the signal gives a process without a handler, instead of raising in the copy of the
    parent's stack that it was forked with, where it would go on running the parent's
    command (or test session)."""
    in_main = threading.current_thread() is threading.main_thread()
    previous = {number: signal.getsignal(number) for number in _STOPPING}
    if in_main:
        handler = partial(_stop, os.getpid())
        for number in _STOPPING:
            signal.signal(number, handler)
    try:
        yield
    except KeyboardInterrupt:
        raise Interrupted(signal.SIGINT) from None
    finally:
        if in_main:
            for number, handler in previous.items():
                signal.signal(number, handler)


def _stop(owner: int, signum: int, frame: FrameType | None) -> None:
    """Raise :class:`Interrupted` in the process ``owner`` that set the handler; end a
    process forked from it at once (exit code 128 plus the signal's number)."""
    if os.getpid() != owner:
        os._exit(128 + signum)
    raise Interrupted(signum)


def leave_signals_to_parent() -> None:
    """In a worker process: ignore Ctrl-C (the terminal sends it to every process of the run)
    and end at once on SIGTERM, so that the main process alone decides how the run ends and
    stops its workers itself."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
