"""What RL102's detectors share: the :class:`Bundle` they report, the :class:`Settings` of one
option set, and the closed-class words and number test that more than one detector reads.

The detectors live in :mod:`rift_lint.rules.rl102_lists` (item lists),
:mod:`rift_lint.rules.rl102_lengths` (length limits) and
:mod:`rift_lint.rules.rl102_predicates` (values, manners, predicates, sentences and "all the
requirements"); :mod:`rift_lint.rules.rl102_non_atomic` picks the largest bundle they find.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from rift_lint.nlp.quotes import quoted_ranges
from rift_lint.nlp.tokens import DANGLING_WORDS
from rift_lint.rules.base import excerpt

if TYPE_CHECKING:
    from rift_lint.nlp.criterion_words import Tok

# Closed-class words (grammar, not vocabulary) read by more than one detector.
RELATIVE = frozenset({"that", "which", "who", "is", "are", "be", "was", "were"})
RELATIVE_PRONOUNS = frozenset({"that", "which", "who", "where"})
DETERMINERS = frozenset({"the", "these", "those", "both", "all", "its", "their", "each"})
_LAST_WORD = re.compile(r"(?:^|\s)(\S+)$")
_COLON = re.compile(r":\s+")  # a colon that introduces what follows it, not "10:30"
_TRAILING = " \t\n,;:"
# A short remark in brackets right after a part ("FOA (8-bit)"), which the words the detectors
# read leave out: no list (comma) or clause inside.
_REMARK = re.compile(r"[ \t]*+\([^()\n,;:]{1,30}\)")
_LONGEST_DANGLING = max(map(len, DANGLING_WORDS))
_CARDINAL_WORDS = frozenset(
    {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twelve"}
)


@dataclass(frozen=True)
class Bundle:
    """Coordinated parts of one criterion: their char spans and how they were joined."""

    parts: tuple[tuple[int, int], ...]
    kind: str
    lead: tuple[int, int] | None = None
    """A part before the first that the detector does not count: a list's first item inside
    a relative clause ("which consists of A, B and C"). The finding names it; whether there is
    a finding does not depend on it."""

    @property
    def start(self) -> int:
        """Where the first part starts."""
        return self.parts[0][0]


@dataclass(frozen=True)
class Settings:
    """The word lists and list sizes of one option set, read by the detectors (built once per
    rule)."""

    min_items: int  # items that make a list of requirements
    min_checklist_items: int  # items after "including" that make a checklist, not examples
    verbs: frozenset[str]  # requirement verbs ("explains", "recommends")
    markers: tuple[str, ...]  # what opens an example list ("e.g.", "such as")
    binomials: tuple[str, ...]  # fixed pairs that name one behaviour ("pros and cons")
    messages: frozenset[str]  # verbs that open a second message ("recommends", "noting")
    boundaries: frozenset[str]  # words that end a list's first item, requirement verbs too
    plain_boundaries: frozenset[str]  # the boundaries that are no requirement verb
    negations: frozenset[str]  # words of absence ("avoid", "without")
    facets: frozenset[str]  # facets of one judgement ("accuracy", "depth")
    everything: tuple[str, ...]  # phrases for every requirement at once ("all requirements")
    length_terms: tuple[str, ...]  # words of length ("word count", "length")
    length_units: frozenset[str]  # what a number counts in a length ("word", "page")


def cardinal(token: Tok) -> bool:
    """A number written with digits or as a small cardinal word (not "first", "second")."""
    return token.lower_ in _CARDINAL_WORDS or (
        token.like_num and any(char.isdigit() for char in token.text)
    )


def named_parts(bundle: Bundle, text: str) -> list[tuple[int, int]]:
    """The parts of ``bundle`` as a finding names them in ``text``: its lead first, if any,
    and each part with the short remark in brackets that follows it ("FOA (8-bit)", not
    "FOA"), up to where the next part starts."""
    parts = list(bundle.parts if bundle.lead is None else (bundle.lead, *bundle.parts))
    for n, (start, end) in enumerate(parts):
        limit = parts[n + 1][0] if n + 1 < len(parts) else len(text)
        remark = _REMARK.match(text, end, max(end, limit))
        parts[n] = (start, remark.end() if remark else end)
    return parts


def part_excerpt(part: str, limit: int) -> str:
    """``part`` on one line for a message, cut to ``limit`` characters as :func:`excerpt`
    cuts it, without the grammar words a cut leaves before its ellipsis ("minimum years of
    service required…", not "... required to…")."""
    short = excerpt(part, limit)
    if len(short) == len(" ".join(part.split())):
        return short
    body = short[:-1]
    end = _without_dangling(body, 0, len(body))
    return body[:end] + short[-1] if end else short


def tidy(bundles: list[Bundle], text: str) -> list[Bundle]:
    """The ``bundles`` of ``text`` with each part cut to whole words: from after a colon
    inside it ("designs (e.g., 7T-12T): increased area overhead" -> "increased area
    overhead") and without the grammar words it ends on ("the accrual rate as" -> "the
    accrual rate"); a bundle with a part left with no word of its own ("its", "a") is
    dropped, and a lead left with none is dropped alone. The text's colons are found once
    for all of them."""
    colons = _introducing_colons(text) if ":" in text and bundles else ([], [])
    tidied = []
    for bundle in bundles:
        parts = []
        for start, end in bundle.parts:
            part = _tidied(text, start, end, colons)
            if part is None:
                break
            parts.append(part)
        else:
            lead = bundle.lead and _tidied(text, *bundle.lead, colons)
            tidied.append(replace(bundle, parts=tuple(parts), lead=lead))
    return tidied


def _tidied(
    text: str, start: int, end: int, colons: tuple[list[int], list[int]]
) -> tuple[int, int] | None:
    """The part ``start:end`` cut to whole words (see :func:`tidy`); ``None`` when no word of
    its own is left."""
    start = _after_colon(start, end, colons)
    end = _without_dangling(text, start, end)
    return (start, end) if end > start else None


def _introducing_colons(text: str) -> tuple[list[int], list[int]]:
    """Where the introducing colons of ``text`` outside its quotes start, and where the spaces
    after each end (the colon of a title in a quote stays in: "'Minds: A Study' published
    in"), in order."""
    quotes = quoted_ranges(text)
    quote_starts = [start for start, _ in quotes]
    starts, ends = [], []
    for match in _COLON.finditer(text):
        before = bisect_right(quote_starts, match.start()) - 1  # the last quote opened before
        if before < 0 or quotes[before][1] <= match.start():
            starts.append(match.start())
            ends.append(match.end())
    return starts, ends


def _after_colon(start: int, end: int, colons: tuple[list[int], list[int]]) -> int:
    """Where the part ``start:end`` starts once cut after its last introducing colon (of
    ``colons``, see :func:`_introducing_colons`) whose spaces end inside it."""
    starts, ends = colons
    last = bisect_left(ends, end) - 1
    return ends[last] if last >= 0 and starts[last] >= start else start


def _without_dangling(text: str, start: int, end: int) -> int:
    """Where the part ``start:end`` ends without trailing punctuation and the lower-case
    grammar words of ``DANGLING_WORDS`` (a part cut at a length cap or before a quoted value; "w/o
    AN" keeps its name). Only the last few characters are read: a word longer than any of
    ``DANGLING_WORDS`` ends the part, however long the part is."""
    end = _rstripped(text, start, end)
    while True:
        tail = max(start, end - _LONGEST_DANGLING - 1)
        match = _LAST_WORD.search(text[tail:end])
        if match is None or match.group(1) not in DANGLING_WORDS:
            return end
        end = _rstripped(text, start, tail + match.start(1))


def _rstripped(text: str, start: int, end: int) -> int:
    """Where the part ``start:end`` ends without its trailing spaces and punctuation."""
    while end > start and text[end - 1] in _TRAILING:
        end -= 1
    return end
