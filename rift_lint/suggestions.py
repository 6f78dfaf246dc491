"""The "did you mean" of an unknown name: the known name it is most likely a slip for."""

from __future__ import annotations

from collections.abc import Iterable
from difflib import SequenceMatcher

_CUTOFF = 0.75
"""How alike a slip and a name must be (difflib's ratio): ``selcet`` and ``select`` are
0.83, ``RL04`` and ``RL004`` 0.89, while ``RL999`` and ``RL901`` (0.6) are no slip."""


def did_you_mean(word: str, choices: Iterable[str], cutoff: float = _CUTOFF) -> str:
    """``"; did you mean 'select'?"`` for the choice closest to ``word`` (compared without
    case), to end an error message with; ``""`` when none is as close as ``cutoff``, or when
    two are closest alike (``RL10`` is as close to RL101 as to RL102)."""
    by_case = {choice.lower(): choice for choice in choices}
    lowered = word.lower()
    scored = sorted(
        ((SequenceMatcher(None, lowered, choice).ratio(), choice) for choice in by_case),
        reverse=True,
    )
    best, closest = scored[0] if scored else (0.0, "")
    tied = len(scored) > 1 and scored[1][0] == best
    return "" if best < cutoff or tied else f"; did you mean {by_case[closest]!r}?"
