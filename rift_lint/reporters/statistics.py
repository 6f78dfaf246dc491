"""The ``--statistics`` table: how many findings each rule produced.

::

    3  RL003  duplicate-criterion
    1  RL001  parse-error
    4         total

Rows are sorted by count (highest first), then by code.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rift_lint.results import RunResult

if TYPE_CHECKING:
    from collections import Counter

    from rift_lint.reporters import ReportOptions


def by_frequency(counts: Counter[str]) -> list[tuple[str, int]]:
    """The rule codes and their counts, the highest count first, then by code."""
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def render(result: RunResult, options: ReportOptions) -> str:
    """One ``count  CODE  name`` row per rule with findings, then the total."""
    names = result.names_by_code()
    counts = by_frequency(result.counts_by_code())
    total = sum(count for _, count in counts)
    count_width = len(str(total))
    code_width = max((len(code) for code, _ in counts), default=0)
    rows = [
        f"{count:>{count_width}}  {code:<{code_width}}  {names[code]}" for code, count in counts
    ]
    rows.append(f"{total:>{count_width}}  {'':<{code_width}}  total".rstrip())
    return "\n".join(rows) + "\n"
