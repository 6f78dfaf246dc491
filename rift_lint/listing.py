"""Lists of names in messages, cut after the first few with a count of the rest."""

from __future__ import annotations

from collections.abc import Sequence


def first_and_rest(
    items: Sequence[str], most: int, separator: str = ", ", before_rest: str = " and "
) -> str:
    """The first ``most`` of ``items`` joined by ``separator``, followed, when there are more,
    by ``before_rest`` and how many more: ``a, b, c and 2 more`` by default; ``a; b; and 2
    more`` with ``"; "`` for both."""
    shown = separator.join(items[:most])
    if len(items) <= most:
        return shown
    return f"{shown}{before_rest}{len(items) - most} more"


def joined(items: Sequence[str]) -> str:
    """``items`` as prose: ``a``, ``a and b``, ``a, b and c``."""
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"
