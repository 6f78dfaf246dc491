"""Grading templates: criteria that are multi-line instructions for the grader."""

from __future__ import annotations

import re

# A line break followed by a bullet or a numbered item ("First note the following
# definitions:\n- A safe response is ...").
_LISTED_LINE = re.compile(r"\n[^\S\n]*+(?:[-*\u2022]|\d++[.)])\s")


def is_grading_template(text: str) -> bool:
    """Whether a criterion is a multi-line grading template with its own bullet or numbered
    lines: a protocol for a whole judgement (HealthBench's consensus criteria), not one
    scored item."""
    return _LISTED_LINE.search(text) is not None
