"""RL101's anchors: what pins a criterion's evaluative terms down.

:func:`anchor_ranges` finds the token ranges that explain nearby terms: concrete content after an
anchor cue ("e.g.", "such as", "including", ``subjective_anchor_cues.txt``) or in parentheses,
quoted expected content, and numbers used as a limit ("under 150 words", "≤20", "3-5", "15
words or fewer"). A list in parentheses explains the terms before it, as a cue's content does;
a single item only glosses the phrase it follows ("the protagonist (a high school girl)" says
nothing about "the depth of").
:func:`is_anchored` tells whether one of them explains a given term.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, NamedTuple

from rift_lint.nlp.quotes import quotes
from rift_lint.nlp.tokens import HYPHENS

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from rift_lint.rules.rl101_terms import Term
    from rift_lint.rules.rl101_tokens import Tokens, WordMatch

_RANGE = re.compile(r"\d\s*[" + "".join(sorted(map(re.escape, HYPHENS))) + r"]\s*\d")
_THRESHOLD_MARKS = ("<", ">", "≤", "≥", "+", "%", "±", "~")
_CLAUSE_JOINS = {"and", "or"}  # after the first comma of a list they join its last item
_PHRASE_STARTS = {"but", "while", "whereas", "yet", "with", "without", "by", "which", "so"}
_REACH = 10  # tokens before an anchor that it explains
_AFTER = 4  # tokens after a quote or limit that it explains ('"Dear Sir" is appropriate')
_CONTENT_WINDOW = 12  # tokens after a cue read as its content
# Words that end the phrase a parenthesis explains, walking back from it: "the depth of the
# protagonist (a girl)" explains the protagonist, not the depth.
_PHRASE_BREAKS = frozenset({";", ":", "of", "for", "in", "on", "to", "with", "about", "by", "from"})
# Words that make a limit of the number before them: "15 words or fewer", "3 or more".
_LIMITS_AFTER = frozenset({"fewer", "less", "more", "lower", "higher", "below", "above"})


class Anchor(NamedTuple):
    """Tokens ``[start, end)`` that pin terms down: those inside, and those ending at most
    ``reach`` tokens before ``start``."""

    start: int
    end: int
    reach: int = _REACH


def anchor_ranges(
    doc: Doc,
    text: str,
    tokens: Tokens,
    spans: list[WordMatch],
    cues: list[WordMatch],
    thresholds: list[WordMatch],
) -> list[Anchor]:
    """Token ranges that pin nearby terms down: concrete examples, quotes, limits.

    ``spans`` are the evaluative-term matches (content made of them is not concrete),
    ``cues`` the matches of the anchor cues and ``thresholds`` those of the threshold cues
    ("under", "at most").
    """
    found: list[Anchor] = []
    term_tokens = {i for start, end, _ in spans for i in range(start, end)}
    for start, end, _ in cues:
        content_end = _concrete_after(tokens, end, term_tokens)
        if content_end:
            found.append(Anchor(start, content_end))
    for i, token_text in enumerate(tokens.text):
        if token_text == "(":
            content_end = _concrete_after(tokens, i + 1, term_tokens, closing=")")
            if not content_end:
                continue
            if "," in tokens.text[i + 1 : content_end]:  # a list names what the terms cover
                found.append(Anchor(i, content_end))
            else:  # one item glosses the phrase before it: "the protagonist (a girl)"
                found.append(Anchor(_phrase_start(tokens, i), content_end, reach=0))
    for quote in quotes(text):
        span = doc.char_span(quote.start, quote.end, alignment_mode="expand")
        if span is not None and any(ch.isalpha() for ch in text[quote.start : quote.end]):
            found.append(Anchor(span.start, span.end + _AFTER))
    threshold_ends = {end for _, end, _ in thresholds}
    for i, number in enumerate(tokens.number):
        if number and _threshold(tokens, i, threshold_ends):
            found.append(Anchor(i, i + 1 + _AFTER))
    return sorted(found)


def is_anchored(term: Term, ranges: list[Anchor], segments: list[int]) -> bool:
    """Whether an anchor in the term's segment follows it closely or covers it.

    An anchor of ``ranges`` explains the words just before it (within its ``reach``) and the
    words up to its ``end`` (the last concrete word of its content, a few words past a quote
    or limit); ``segments`` gives each token's segment (sentence, split again at semicolons).
    """
    segment = segments[term.start]
    for start, end, reach in ranges:
        if segments[start] != segment:
            continue
        if term.end <= start < term.end + reach or start <= term.start < end:
            return True
    return False


def _phrase_start(tokens: Tokens, parenthesis: int) -> int:
    """The first token of the phrase a parenthesis explains: "appropriate units (mg/dL)"."""
    start = parenthesis
    while (
        start > 0
        and parenthesis - start < _REACH
        and tokens.lower[start - 1] not in _PHRASE_BREAKS
        and not tokens.sent_start[start]
    ):
        start -= 1
    return start


def _concrete_after(
    tokens: Tokens, start: int, term_tokens: set[int], closing: str | None = None
) -> int:
    """Just past the last concrete word after ``start`` in its clause, or 0 if none.

    Content is concrete when at most a third of its content words are evaluative ("such as
    libraries, APIs or relevant code", not "including clarity, depth and appropriate tone").
    """
    end = 0
    words = evaluative = 0
    commas = 0
    for i in range(start, min(start + _CONTENT_WINDOW, len(tokens))):
        text = tokens.text[i]
        if closing and text == closing:
            break
        if i != start and (tokens.sent_start[i] or text in {";", "."}):
            break
        if text == ",":
            following = tokens.lower[i + 1] if i + 1 < len(tokens) else ""
            if following in _PHRASE_STARTS or (not commas and following in _CLAUSE_JOINS):
                break  # "including X, and is well organized", "like Y, with clear Z"
            commas += 1
        if tokens.content[i] or tokens.like_num[i]:
            words += 1
            if i in term_tokens:
                evaluative += 1
            else:
                end = i + 1
    if not end or evaluative * 3 > words:
        return 0
    return end


def _limit_after(tokens: Tokens, i: int) -> bool:
    """A number a limit follows, with or without its unit: "15 words or fewer", "3 or more"."""
    for k in (i + 1, i + 2):
        if k + 1 < len(tokens) and tokens.lower[k] == "or":
            return tokens.lower[k + 1] in _LIMITS_AFTER
    return False


def _threshold(tokens: Tokens, i: int, thresholds: set[int]) -> bool:
    """A number used as a limit: after a cue ("under 150"), with a mark ("≤20"), in a range,
    or before "or fewer"."""
    text = tokens.text[i]
    if i in thresholds or text.startswith(_THRESHOLD_MARKS) or text.endswith(_THRESHOLD_MARKS):
        return True
    if i + 1 < len(tokens) and tokens.text[i + 1] in "%+":
        return True
    if i >= 1 and tokens.text[i - 1] in _THRESHOLD_MARKS:
        return True
    if _RANGE.search(text):
        return True
    if _limit_after(tokens, i):
        return True
    if i + 2 >= len(tokens):
        return False
    joined = tokens.text[i + 1] in HYPHENS or tokens.lower[i + 1] == "to"
    return joined and tokens.like_num[i + 2]
