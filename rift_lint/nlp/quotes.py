"""Quoted passages of a criterion or a prompt: words in quotation marks are material (expected
content, a keyword, a title, a sentence to rewrite), not what the text itself asks or judges.

One definition for every rule: straight and curly double and single quotes and the CJK title
and quotation marks 《》「」『』. Backtick code spans name things (a variable, a field) rather
than quote expected content, so only :func:`quoted_ranges` can include them, for the rules
that set all literal text aside. A straight single quote opens or
closes a passage only away from letters and digits, so "the model's answer" and
"don't" quote nothing.
"""

from __future__ import annotations

import re

_PAIRS = (
    ('"', '"'),
    ("\u201c", "\u201d"),
    ("\u2018", "\u2019"),
    ("\u300a", "\u300b"),
    ("\u300c", "\u300d"),
    ("\u300e", "\u300f"),
)
_STRAIGHT_SINGLE = r"(?<!\w)'([^'\n]*)'(?!\w)"


def _between(opener: str, closer: str) -> str:
    """A pattern for one line of text between ``opener`` and ``closer``, the text captured."""
    return f"{re.escape(opener)}([^{re.escape(closer)}\n]*){re.escape(closer)}"


QUOTED = re.compile("|".join([*(_between(*pair) for pair in _PAIRS), _STRAIGHT_SINGLE]))
"""A quoted passage on one line, its marks included; :func:`quoted_content` gives the words
between them."""

_CODE_SPAN = re.compile(_between("`", "`"))


def quoted_content(match: re.Match[str]) -> str:
    """The words between the quotation marks of a :data:`QUOTED` match ("" for empty quotes)."""
    return next((group for group in match.groups() if group is not None), "")


def quoted_ranges(text: str, *, code_spans: bool = False) -> list[tuple[int, int]]:
    """The character ranges ``(start, end)`` of the quoted passages of ``text``, marks
    included, and with ``code_spans`` those of its backtick code spans too."""
    ranges = [match.span() for match in QUOTED.finditer(text)]
    if code_spans:
        ranges += [match.span() for match in _CODE_SPAN.finditer(text)]
    return ranges
