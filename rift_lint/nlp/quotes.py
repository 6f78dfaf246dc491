"""Quoted passages of a criterion or a prompt: words in quotation marks are material (expected
content, a keyword, a title, a sentence to rewrite), not what the text itself asks or judges.

One definition for every rule: straight and curly double and single quotes and the CJK title
and quotation marks 《》「」『』. Backtick code spans name things (a variable, a field) rather
than quote expected content, so only :func:`quoted_ranges` can include them, for the rules
that set all literal text aside. A straight single quote opens or
closes a passage only away from letters and digits, so "the model's answer" and
"don't" quote nothing.

A passage runs from an opening mark to the first closing mark of its kind on the same line.
:func:`quotes` finds them in one pass over the text, left to right (a passage found is skipped
as a whole), without a regular expression: a regex scans from every unclosed mark to the end of
its line, which takes quadratic time on a line of many unclosed marks.
"""

from __future__ import annotations

import re
from typing import NamedTuple

_STRAIGHT_SINGLE = "'"
_QUOTE_MARKS = {
    '"': '"',
    "\u201c": "\u201d",
    "\u2018": "\u2019",
    "\u300a": "\u300b",
    "\u300c": "\u300d",
    "\u300e": "\u300f",
    _STRAIGHT_SINGLE: _STRAIGHT_SINGLE,
}
_CODE_MARKS = {"`": "`"}
_WORD = re.compile(r"\w")


def _openers(marks: dict[str, str]) -> re.Pattern[str]:
    """A pattern for one opening mark of ``marks``."""
    return re.compile("[" + re.escape("".join(marks)) + "]")


_QUOTE_OPENERS = _openers(_QUOTE_MARKS)
_CODE_OPENERS = _openers(_CODE_MARKS)


class Quote(NamedTuple):
    """A quoted passage: where it starts and ends in the text, marks included, and the words
    between its marks ("" for empty quotes)."""

    start: int
    end: int
    content: str


def quotes(text: str, start: int = 0, stop: int | None = None) -> list[Quote]:
    """The quoted passages of ``text`` from ``start``, left to right, each on one line. With
    ``stop`` the text is read as if it ended there (a passage must close before it, and a
    straight single quote there is followed by no letter), as a regex's ``finditer(text,
    start, stop)`` reads it."""
    return _scan(text, start, len(text) if stop is None else stop, _QUOTE_MARKS, _QUOTE_OPENERS)


def quote_at(text: str) -> Quote | None:
    """The quoted passage that ``text`` opens with, if any ("'spam' is ..." -> "spam")."""
    if not text or text[0] not in _QUOTE_MARKS:
        return None
    line_end = text.find("\n")
    return _passage(text, 0, len(text), line_end if line_end >= 0 else len(text), _QUOTE_MARKS)


def quoted_ranges(text: str, *, code_spans: bool = False) -> list[tuple[int, int]]:
    """The character ranges ``(start, end)`` of the quoted passages of ``text``, marks
    included, and with ``code_spans`` those of its backtick code spans too."""
    ranges = [(quote.start, quote.end) for quote in quotes(text)]
    if code_spans:
        code = _scan(text, 0, len(text), _CODE_MARKS, _CODE_OPENERS)
        ranges += [(span.start, span.end) for span in code]
    return ranges


def _scan(
    text: str, start: int, stop: int, marks: dict[str, str], openers: re.Pattern[str]
) -> list[Quote]:
    """The passages of ``text[start:stop]`` between ``marks``: at each opening mark left to
    right, the passage it opens, if any, and the search goes on after it.

    A curly or CJK mark that opens nothing lacks its closing mark in the rest of its line, so
    no later mark of its kind on that line opens anything either: it is not searched again.
    A mark that closes its own kind (a straight quote, a backtick) searches only up to the
    next such mark, the next one to try. Each line is thus read once per kind (linear time).
    """
    found: list[Quote] = []
    unclosed: dict[str, int] = {}  # opening mark -> the end of the line that lacks its closer
    line_end = -1
    while (match := openers.search(text, start, stop)) is not None:
        at = match.start()
        start = at + 1
        if at > line_end:
            line_end = text.find("\n", at, stop)
            if line_end < 0:
                line_end = stop
        mark = text[at]
        if unclosed.get(mark) == line_end:
            continue
        passage = _passage(text, at, stop, line_end, marks)
        if passage is not None:
            found.append(passage)
            start = passage.end
        elif marks[mark] != mark:
            unclosed[mark] = line_end
    return found


def _passage(text: str, at: int, stop: int, line_end: int, marks: dict[str, str]) -> Quote | None:
    """The passage that the mark at ``at`` opens: up to the first closing mark of its kind
    before ``line_end``. A straight single quote opens and closes only away from word
    characters, the text read as if it ended at ``stop``."""
    mark = text[at]
    end = text.find(marks[mark], at + 1, line_end)
    if end < 0:
        return None
    if mark == _STRAIGHT_SINGLE and (
        (at > 0 and _WORD.match(text, at - 1)) or _WORD.match(text, end + 1, stop)
    ):
        return None
    return Quote(at, end + 1, text[at + 1 : end])
