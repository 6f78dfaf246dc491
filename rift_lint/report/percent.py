"""Shares written as percentages for the report, never rounded to a figure they are not."""

from __future__ import annotations


def percent(share: float, decimals: int = 0) -> str:
    """``share`` (0 to 1) as a percentage with ``decimals`` places; a share above 0 that
    rounds to 0% reads '<1%' ('<0.1%' with one place), and one below 1 that rounds to 100%
    reads '>99%', so a cell of one flagged rubric in 222 is not read as none."""
    text = f"{share:.{decimals}%}"
    step = 10.0**-decimals / 100  # the smallest share the places can show
    if share > 0 and text == f"{0:.{decimals}%}":
        return f"<{step:.{decimals}%}"
    if share < 1 and text == f"{1:.{decimals}%}":
        return f">{1 - step:.{decimals}%}"
    return text
