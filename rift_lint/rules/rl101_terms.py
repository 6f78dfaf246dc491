"""RL101's evaluative terms: the words of a criterion that judge the response.

:func:`term_spans` finds every match of the term lists (``subjective_terms.txt``,
``subjective_mild_terms.txt``), and of a degree word before a content word ("overly
technical"). :func:`skipped_tokens` marks where a term is no judgement of the response: in
quotes, placeholders or parentheses, in content the response must state ("states that ..."),
after a contrast ("rather than vague claims") or in a reason (", as the request is
confusing"). :func:`evaluative_terms` keeps the other matches, less those that are the tail of
a compound, a purpose, part of a name or a noun, as :class:`Term` items.
:func:`name_tokens` finds the names and acronyms that are a sign of specific content.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rift_lint.nlp.criterion_layout import header_end
from rift_lint.nlp.matching import longest_first
from rift_lint.nlp.quotes import quoted_ranges
from rift_lint.nlp.tokens import HYPHENS, QUESTION_COPULAS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from rift_lint.nlp.matching import TermMatcher
    from rift_lint.rules.rl101_tokens import Tokens, WordMatch

_PLACEHOLDER = re.compile(r"\{\{?[^{}\n]*\}\}?")  # template variables: {ideal}, {{answer}}
_NOUN_SUFFIXES = ("ity", "ness", "ance", "ence", "ism", "ion")
_ARTICLES = {"a", "an"}
# Words that can open a reason clause ("because ...", ", as these are ..."), and the words
# that open its subject after ", as".
_REASON_OPENERS = frozenset({"because", "as"})
_REASON_SUBJECTS = frozenset({"the", "this", "these", "that", "those", "it", "they", "there"})
# Words that open the content a reporting verb introduces: "states that ...", "explains why";
# only the first states content (an explanation asked for is not an expected answer).
_CONTENT_OPENERS = frozenset({"that", "why"})
_RANKINGS = frozenset({"better", "best", "worse", "worst"})  # of "good" and "bad"
_LINKS = {"remain", "remains", "stay", "stays", "seem", "seems", "sound", "sounds", "look"}
_NAME_BLOCKERS = {":", '"', "\u201c", "(", "-", "*", "\u2022"}


@dataclass(frozen=True)
class Term:
    """One evaluative word (with a preceding intensifier, if any) in a criterion."""

    start: int
    end: int
    start_char: int
    end_char: int
    text: str
    header: bool
    boosted: bool
    mild: bool
    manner: bool  # a manner adverb ("clearly asks about X"): the action is usually the check


def term_spans(
    doc: Doc,
    term_matcher: TermMatcher | None,
    exact: list[WordMatch],
    degree: list[WordMatch],
) -> list[WordMatch]:
    """Every evaluative-term match, in text order, overlaps resolved to the longest.

    ``exact`` are the matches of the terms written ``=word``, ``degree`` those of the degree
    words: a degree word before a content word that is no term makes a term of the pair
    ("overly technical").
    """
    found = list(exact)
    if term_matcher is not None:
        found += [(m.span.start, m.span.end, m.term) for m in term_matcher.find(doc)]
    if degree:
        starts = {start for start, _, _ in found}
        for start, end, word in degree:
            following = doc[end] if end < len(doc) else None
            if end not in starts and following is not None and _is_content(following):
                found.append((start, end + 1, word))
    return longest_first(found)


def skipped_tokens(
    doc: Doc,
    text: str,
    tokens: Tokens,
    contrasts: list[WordMatch],
    reporting: list[WordMatch],
    naming: list[WordMatch],
) -> tuple[set[int], bool]:
    """Tokens in quotes, placeholders or parentheses, in stated content, after a
    contrast ("rather than") or in a reason (", as the request is confusing"); and
    whether the text states or names content.

    ``contrasts`` are the matches of the contrast cues, ``reporting`` and ``naming`` those of
    the verbs that introduce stated ("reports that ...") and named content.
    """
    skipped: set[int] = set()
    placeholders = [match.span() for match in _PLACEHOLDER.finditer(text)]
    for start, end in [*quoted_ranges(text), *placeholders]:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            skipped.update(range(span.start, span.end))
    depth = 0
    for i, token_text in enumerate(tokens.text):
        if token_text == "(":
            depth += 1
        elif token_text == ")":
            depth = max(0, depth - 1)
        elif depth:
            skipped.add(i)
    starts = [end for _, end, _ in contrasts]
    starts.extend(
        i + 1
        for i, word in enumerate(tokens.lower)
        if word in _REASON_OPENERS and _gives_reason(tokens, i)
    )
    stated = bool(naming)
    for _, end, _ in reporting:
        for i in range(end, min(end + 5, len(tokens))):
            if tokens.lower[i] in _CONTENT_OPENERS:
                starts.append(i + 1)
                stated = stated or tokens.lower[i] == "that"
                break
    segment = tokens.segment
    for start in starts:
        for i in range(start, len(tokens)):
            if segment[i] != segment[start - 1]:
                break
            skipped.add(i)
    return skipped, stated


def evaluative_terms(
    text: str,
    tokens: Tokens,
    spans: list[WordMatch],
    skipped: set[int],
    boosters: set[int],
    noun_senses: frozenset[str],
    mild_terms: frozenset[str],
    measure_nouns: frozenset[str],
    names: set[int],
) -> list[Term]:
    """Evaluative words that judge the response (not quoted, stated or contrasted).

    ``boosters`` are the tokens just past an intensifier or degree word, which joins the term
    that starts there; terms that start in ``names`` are part of a name, terms in
    ``noun_senses`` are left out where they are used as a noun, ranking words before one of
    the ``measure_nouns`` ("the best performance") are left out, and terms in ``mild_terms``
    are mild.
    """
    label_end = header_end(text)
    found: list[Term] = []
    for start, end, term in spans:
        if (
            start in skipped
            or _compound_tail(tokens, start)
            or _purpose(tokens, start, end)
            or start in names
            or (term in noun_senses and _noun_use(tokens, start, end))
            or _ranks_a_measure(tokens, start, end, measure_nouns)
        ):
            continue
        first = start - 1 if start in boosters else start
        if found and found[-1].start == first:
            found.pop()  # "sufficiently" + "detailed": one term, "sufficiently detailed"
        start_char, end_char = tokens.idx[first], tokens.end_char(end - 1)
        found.append(
            Term(
                start=first,
                end=end,
                start_char=start_char,
                end_char=end_char,
                text=text[start_char:end_char],
                header=tokens.idx[start] < label_end,
                boosted=first != start,
                mild=term in mild_terms,
                manner=_manner(tokens, first, end),
            )
        )
    return found


def name_tokens(tokens: Tokens, text: str, skipped: set[int], spans: list[WordMatch]) -> set[int]:
    """Capitalised words inside sentences, a sign of specific content: names ("Natural History
    Museum") and acronyms ("API").

    Capitals mark no name in a criterion written in Title Case or ALL CAPS ("Response Is Clear
    And Concise"), nor on an evaluative word of ``spans`` that no other capitalised word joins
    into a name ("The story is ENGAGING", "is Engaging and Vivid"): that is emphasis.
    """
    label_end = header_end(text)
    inside = [
        i
        for i in range(1, len(tokens))
        if i not in skipped and _inside_sentence(tokens, i, label_end)
    ]
    if _title_case(tokens, inside):
        return set()
    capitalised = {i for i in inside if _capitalised(tokens.text[i])}
    return capitalised - _emphasised(tokens, capitalised, spans)


def _inside_sentence(tokens: Tokens, i: int, label_end: int) -> bool:
    """Whether token ``i`` stands where a capital would mark a name: in the body, not at the
    start of a sentence or line, nor after a colon, quote, bracket, hyphen or bullet."""
    return (
        tokens.idx[i] >= label_end
        and not tokens.sent_start[i]
        and tokens.text[i - 1] not in _NAME_BLOCKERS
        and "\n" not in tokens.space[i - 1] + tokens.text[i - 1]
    )


def _emphasised(tokens: Tokens, capitalised: set[int], spans: list[WordMatch]) -> set[int]:
    """The tokens of the evaluative words in capitals that no capitalised neighbour joins into
    a name: "is ENGAGING", "is Engaging and Vivid", but not "the Natural History Museum"."""
    in_terms = {i for start, end, _ in spans for i in range(start, end)}
    proper = {i for i in capitalised if tokens.content[i] and i not in in_terms}
    # a capitalised function word is part of a name that goes on past it ("Good Will Hunting")
    joining = proper | {i for i in capitalised - in_terms if i + 1 in proper}
    return {
        i
        for start, end, _ in spans
        if start - 1 not in joining and end not in joining
        for i in range(start, end)
    }


def _capitalised(word: str) -> bool:
    """A word with a capital first letter (a name, an acronym), other than "I"."""
    return word[:1].isupper() and word.isalpha() and word != "I"


def _title_case(tokens: Tokens, inside: list[int]) -> bool:
    """Whether every content word inside the sentences is capitalised: the criterion is
    written in Title Case or ALL CAPS ("Uses Appropriate Tone", "Clarity of Argument"), where
    capitals mark no name. Function words ("of", "the") may stay in lower case, but capitals
    that only make one run after one ("Recommends the Natural History Museum") are a name."""
    words = [i for i in inside if tokens.content[i]]
    if not words or not all(tokens.text[i][:1].isupper() for i in words):
        return False
    first, last = words[0], words[-1]
    one_run = all(_capitalised(tokens.text[i]) for i in range(first, last + 1))
    return not (one_run and tokens.text[first - 1].islower())


def _is_content(token: Token) -> bool:
    """Alphabetic, not a stop word, longer than one letter (the test of ``Tokens.content``)."""
    return bool(token.is_alpha and not token.is_stop and len(token.text) > 1)


def _compound_tail(tokens: Tokens, start: int) -> bool:
    """The term is the tail of a hyphenated compound ("age-appropriate") it does not head."""
    if start < 2 or tokens.text[start - 1] not in HYPHENS:
        return False
    return not tokens.space[start - 2] and not tokens.space[start - 1]


def _ranks_a_measure(tokens: Tokens, start: int, end: int, measure_nouns: frozenset[str]) -> bool:
    """A comparative or superlative of good or bad right before a measured quantity ("the
    best performance", "worse accuracy"): a ranking of results, read off a table."""
    return (
        end - start == 1
        and tokens.lower[start] in _RANKINGS
        and end < len(tokens)
        and tokens.lower[end] in measure_nouns
    )


def _noun_use(tokens: Tokens, start: int, end: int) -> bool:
    """A word used as a noun: "a professional", "a healthcare professional if unsure", but not
    the predicate that ends a yes/no question ("Is the answer professional?")."""
    if start == 0 or (end < len(tokens) and tokens.content[end]):
        return False
    before = tokens.lower[start - 1]
    if before in _ARTICLES:
        return True
    if tokens.lower[0] in QUESTION_COPULAS and end < len(tokens) and tokens.lower[end] == "?":
        return False
    return (
        tokens.content[start - 1]
        and before not in _LINKS
        and not before.endswith("ly")  # "highly creative and ..."
    )


def _manner(tokens: Tokens, start: int, end: int) -> bool:
    """A manner adverb on an action ("clearly explains"), not a degree question ("how
    effectively")."""
    return (
        end - start == 1
        and tokens.lower[start].endswith("ly")
        and not (start > 0 and tokens.lower[start - 1] == "how")
    )


def _gives_reason(tokens: Tokens, i: int) -> bool:
    """Whether token ``i`` opens a reason ("because ...", ", as the request is confusing"):
    what follows says why the criterion matters, not how to judge the response."""
    word = tokens.lower[i]
    if word == "because":
        return True
    return (
        word == "as"
        and i > 0
        and tokens.text[i - 1] == ","
        and i + 1 < len(tokens)
        and tokens.lower[i + 1] in _REASON_SUBJECTS
    )


def _purpose(tokens: Tokens, start: int, end: int) -> bool:
    """A quality named as a purpose ("asks questions for clarity"), not as a requirement."""
    return (
        start >= 1
        and tokens.lower[start - 1] == "for"
        and end - start == 1
        and tokens.lower[start].endswith(_NOUN_SUFFIXES)
    )
