"""Signals during a run: the process that set the handlers stops with Interrupted; a process
forked from it before it set its own handlers (a --jobs worker starting) ends at once."""

from __future__ import annotations

import os
import signal
import time

import pytest

from rift_lint.interruption import Interrupted, interruptible


def _exit_code_of_forked_child_sent(number: int) -> int:
    """Fork inside ``interruptible()``; the child sends itself ``number`` and reports how it
    ended: its own exit code, or 99 when the signal raised in the copy of this test's stack
    (which, left alone, would go on running the test session)."""
    with interruptible():
        pid = os.fork()
        if pid == 0:
            try:
                os.kill(os.getpid(), number)
                time.sleep(5)
                os._exit(0)
            except BaseException:
                os._exit(99)
        _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


@pytest.mark.parametrize(("number", "code"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_a_forked_child_ends_at_once_rather_than_raise_in_the_parents_stack(
    number: int, code: int
) -> None:
    assert _exit_code_of_forked_child_sent(number) == code


@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGINT])
def test_the_process_that_set_the_handlers_raises_interrupted(number: int) -> None:
    with pytest.raises(Interrupted) as raised, interruptible():
        os.kill(os.getpid(), number)
        time.sleep(5)
    assert raised.value.signum == number


def test_the_previous_handlers_come_back_after_the_block() -> None:
    before = {number: signal.getsignal(number) for number in (signal.SIGINT, signal.SIGTERM)}
    with interruptible():
        pass
    assert {number: signal.getsignal(number) for number in before} == before
