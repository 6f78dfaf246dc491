"""RL102's length limits: a length joined with anything else ("follows the format and stays
under 300 words") bundles two requirements, since a length is checked on its own.

A length is a length term of ``non_atomic_length_cues.txt`` ("word count"; not the length
of a thing: "the length of", "the side's length", "the array lengths", "per unit length",
"full-length") or a number before a unit of that list ("300 words", "500-word"); a number
that counts vocabulary ("the 5 words") or refers to items ("the two sentences") is none.
:func:`length_bundles` pairs a length with the item across an "and"; :func:`scale_length`,
for a criterion graded on a scale, pairs it with any other clause after the title.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from rift_lint.nlp.criterion_layout import header_end
from rift_lint.nlp.criterion_words import Tok, Words
from rift_lint.nlp.matching import matcher_for
from rift_lint.nlp.tokens import HYPHENS
from rift_lint.rules.rl102_bundle import DETERMINERS, RELATIVE_PRONOUNS, Bundle, cardinal
from rift_lint.rules.rl102_lists import first_item

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from rift_lint.rules.rl102_bundle import Settings

_SMALL_UNITS = frozenset({"word", "character"})
_NUMBER_GLUE = frozenset({"-", "\u2013", "+"})  # "500-word", "2000+ words"
_DIGIT = re.compile(r"\d")
_CLAUSE = re.compile(r"[^,;:.!?()\[\]]+?(?=\band\b|[,;:.!?()\[\]]|$)")
_CLAUSE_WORD = re.compile(r"[^\W\d_][\w'-]*")
_MIN_CLAUSE_WORDS = 3
_MIN_WORDS = 10
_OF_A_THING = frozenset({"of", "between"})  # "the length of a river", "lengths between"
# Before a length term, words that make it the length of a thing: a possessive ("the side's
# length") or a unit of measure ("resistance per unit length").
_NOT_A_LIMIT_BEFORE = frozenset({"'s", "\u2019s", "its", "their", "unit", "per"})


def _length_terms_in(doc: Doc, settings: Settings, model: str | None) -> list[tuple[int, int]]:
    """Char spans of the length terms of ``doc`` ("word count", "length"), except the length
    of a thing: a term followed by "of" or "between" ("the length of a river"), after a
    possessive ("the shortest side's length") or a unit ("per unit length"), ending in the
    plural "lengths" ("the array lengths", "varied sentence lengths": a response has one
    length) or as the
    tail of a word compound ("full-length sentences")."""
    return [
        (m.start_char, m.end_char)
        for m in matcher_for(settings.length_terms, model).find(doc)
        if (m.span.end >= len(doc) or doc[m.span.end].lower_ not in _OF_A_THING)
        and (m.span.start == 0 or doc[m.span.start - 1].lower_ not in _NOT_A_LIMIT_BEFORE)
        and m.span[-1].lower_ != "lengths"
        and not _compound_tail(doc, m.span.start)
    ]


def _compound_tail(doc: Doc, start: int) -> bool:
    """Whether the token at ``start`` ends a hyphenated word compound ("full-length
    sentences"); not a number's ("a 200-word limit")."""
    return (
        start >= 2
        and doc[start - 1].text in HYPHENS
        and not doc[start - 2].whitespace_
        and not doc[start - 1].whitespace_
        and doc[start - 2].is_alpha
    )


def _length_mentions(
    doc: Doc, words: Words, settings: Settings, model: str | None
) -> list[tuple[int, int]]:
    """Char spans of the lengths of a criterion, in order: its length terms and its counted
    units ("300 words", "300-500 words")."""
    spans = _length_terms_in(doc, settings, model)
    at = words.at
    for token in words.tokens:
        if token.lemma_ in settings.length_units and token.i > 0 and cardinal(at(token.i - 1)):
            number = at(token.i - 1)
            if number.i > 0 and at(number.i - 1).lower_ in DETERMINERS:
                continue  # "the two sentences": items referred to, not a length
            if token.lemma_ in _SMALL_UNITS and _value(number.text) < _MIN_WORDS:
                continue  # "the 5 words" counts vocabulary, not length
            start = number.i
            while start >= 2 and at(start - 1).text in HYPHENS and at(start - 2).like_num:
                start -= 2
            spans.append((at(start).idx, token.idx + len(token.text)))
    return sorted(spans)


def length_bundles(
    doc: Doc, words: Words, settings: Settings, model: str | None
) -> Iterator[Bundle]:
    """A length joined by "and" with another requirement, on either side (the first found)."""
    tokens = words.tokens
    active = {token.idx for token in tokens}
    mentions = [m for m in _length_mentions(doc, words, settings, model) if m[0] in active]
    if not mentions:
        return
    for k in words.joins():
        width = words.conjunction(k)
        if k + width >= len(tokens) or (tokens[k - 1].like_num and tokens[k + width].like_num):
            continue
        conj = tokens[k].idx
        before = [m for m in mentions if m[1] <= conj]
        after = [m for m in mentions if m[0] > conj]
        if before and not after:
            mention = before[-1]
            if _described(tokens, mention[1], conj):
                continue  # "three sentences that explain A and B": what the length holds
            other = words.forward_item(k + width)
        elif after and not before:
            other = first_item(tokens, words.segment_start(k), k, settings)
            mention = after[0]
        else:
            continue
        if other is None:
            continue
        span = words.chars(*other)
        parts = sorted([mention, span])
        if parts[0][1] > parts[1][0]:
            continue
        yield Bundle(tuple(parts), "length")
        return


def scale_length(doc: Doc, text: str, settings: Settings, model: str | None) -> Bundle | None:
    """A length constraint and another requirement in a criterion graded on a scale.

    The levels of a scale give partial credit across the facets they describe together
    ("the depth, accuracy and relevance of the market analysis"), so those are one
    judgement; a length is checked on its own whatever the levels say, so a scale that
    also grades a length bundles two requirements. The length may sit anywhere after the
    title, in brackets or in an example list included.
    """
    body = header_end(text)
    mentions = [span for span in _length_terms_in(doc, settings, model) if span[0] >= body]
    for token in doc:
        if token.lemma_ not in settings.length_units or token.idx < body:
            continue
        number = _number_before(doc, token.i)
        if number is not None:
            if token.lemma_ in _SMALL_UNITS and _value(doc[token.i - 1].text) < _MIN_WORDS:
                continue  # "uses 5 words": vocabulary, not a length
            mentions.append((doc[number].idx, token.idx + len(token.text)))
    if not mentions:
        return None
    mention = min(mentions)
    other = next(
        (
            span
            for span in _clauses(text, body)
            if not any(start < span[1] and span[0] < end for start, end in mentions)
        ),
        None,
    )
    if other is None:
        return None
    return Bundle(tuple(sorted([mention, other])), "length")


def _described(tokens: list[Tok], end: int, conj: int) -> bool:
    """Whether a relative clause opens right after the length mention ending at char ``end``
    and runs on to the conjunction at char ``conj``."""
    following = next((token for token in tokens if end <= token.idx < conj), None)
    return following is not None and following.lower_ in RELATIVE_PRONOUNS


def _number_before(doc: Doc, index: int) -> int | None:
    """The index of the number that counts token ``index`` ("300 words", "300-500 words",
    "2000+ words", "500-word"), unless a determiner makes it a reference ("the two lines")."""
    number = index - 1
    if number >= 1 and doc[number].text in _NUMBER_GLUE and doc[number - 1].like_num:
        number -= 1
    if number < 0 or not doc[number].like_num or not _DIGIT.search(doc[number].text):
        return None
    if number > 0 and doc[number - 1].lower_ in DETERMINERS:
        return None
    while number >= 2 and doc[number - 1].text in HYPHENS and doc[number - 2].like_num:
        number -= 2
    return number


def _clauses(text: str, start: int) -> Iterator[tuple[int, int]]:
    """The clauses of ``text`` from ``start`` with at least ``_MIN_CLAUSE_WORDS`` words, as
    char spans, split at punctuation and "and"."""
    for match in _CLAUSE.finditer(text, start):
        words = list(_CLAUSE_WORD.finditer(match.group()))
        if words and words[0].group().lower() == "and":
            words = words[1:]
        if len(words) >= _MIN_CLAUSE_WORDS:
            yield match.start() + words[0].start(), match.start() + words[-1].end()


def _value(text: str) -> float:
    """The number written in ``text`` ("1,500" -> 1500), or infinity when it is not digits."""
    try:
        return float(text.replace(",", ""))
    except ValueError:
        return float("inf")
