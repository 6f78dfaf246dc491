"""RL102's detectors of requirements joined as clauses rather than as list items.

Parallel expected values ("returns 3 for A and 2.5 for B", :func:`value_bundles`), two manners
of one action ("clearly and correctly applies", :func:`manner_bundles`), two predicates each
opened by a requirement verb ("explains X and recommends Y", :func:`predicate_bundles`; "recommends
X, noting that Y", :func:`participle_bundles`; not ", following equation 13", the source the one
requirement follows), a later sentence that adds a requirement
("Also assesses ...", :func:`sentence_bundles`) and one item for every requirement of the
prompt (:func:`everything_bundles`). Verbs are told by their word lists and inflection alone:
no parser is needed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from rift_lint.nlp.criterion_words import (
    MAX_LAST_ITEM,
    SKIPPED_ADVERBS,
    Tok,
    Words,
    adverb,
)
from rift_lint.nlp.matching import matcher_for
from rift_lint.rules.rl102_bundle import RELATIVE, Bundle, cardinal

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from rift_lint.rules.rl102_bundle import Settings

# Closed-class words (grammar, not vocabulary): which words open a verb phrase.
_THIRD_PERSON = frozenset({"has", "does", "is"})
_QUANTIFIERS = frozenset({"nothing", "no", "none", "any", "all", "every", "each", "only", "both"})
_VERB_OPENERS = frozenset(
    {"should", "must", "to", "does", "did", "do", "will", "can", "shall", "may", "also"}
)
_RANGE = frozenset({"between", "from", "to"})
_CONFORMING = frozenset({"follow", "adhere"})  # participles that name what a requirement follows
_DIGIT = re.compile(r"\d")


def value_bundles(words: Words) -> Iterator[Bundle]:
    """Parallel expected values: "returns 3 for A and 2.5 for B"."""
    tokens = words.tokens
    for k in words.joins():
        if k + 2 >= len(tokens) or not cardinal(tokens[k + 1]) or words.in_example[k]:
            continue
        start = k - 1
        while start > 0 and not cardinal(tokens[start]) and k - start < 4:
            start -= 1
        if not cardinal(tokens[start]) or start + 1 >= k or not tokens[k + 2].is_alpha:
            continue
        if not tokens[start + 1].is_alpha or (start > 0 and tokens[start - 1].lower_ in _RANGE):
            continue
        if (
            tokens[start + 1].lemma_ != tokens[k + 2].lemma_
            and tokens[start].lower_ != tokens[k + 1].lower_
        ):
            continue  # "3 laptops at $1100 each and 2 monitors": one sum, not two values
        last = words.forward_item(k + 1, limit=6)
        if last is None:
            continue
        first = (tokens[start].idx, words.reach(tokens[k].idx))
        after = tokens[last[1]].idx if last[1] < len(tokens) else len(words.text)
        second = (tokens[k + 1].idx, words.reach(after))
        yield Bundle((first, second), "values")


def manner_bundles(words: Words, settings: Settings) -> Iterator[Bundle]:
    """Two manners of one action: "clearly and correctly applies"."""
    tokens = words.tokens
    for k in range(1, len(tokens) - 2):
        token = tokens[k]
        if token.lower_ != "and" or token.i in words.pairs or words.in_example[k]:
            continue
        first, second, verb = tokens[k - 1], tokens[k + 1], tokens[k + 2]
        if not (adverb(first) and adverb(second)) or first.lower_ in SKIPPED_ADVERBS:
            continue
        if k >= 2 and tokens[k - 2].lower_ == "how":
            continue  # "how precisely and comprehensively": one graded scale
        form = _form(verb)
        if form == "s" or (form == "base" and verb.lemma_ in settings.verbs):
            yield Bundle((words.chars(k - 1, k), words.chars(k + 1, k + 2)), "manners")


def predicate_bundles(words: Words, settings: Settings) -> Iterator[Bundle]:
    """Two predicates joined by "and": "explains X and recommends Y"."""
    tokens = words.tokens
    for k in words.joins():
        width = words.conjunction(k)
        second = k + width
        while second < len(tokens) and adverb(tokens[second]):
            second += 1
        if (
            second >= len(tokens)
            or not _verb_like(tokens, second, settings)
            or words.in_compound(tokens[second].i)
        ):
            continue  # "and follow-up care": a noun, not a second action
        first = _opening_verb(words, k, _form(tokens[second]), settings)
        if first is None:
            continue
        if (
            not any(t.lower_ in SKIPPED_ADVERBS for t in tokens[k + width : second])
            and words.last_position(RELATIVE, k - 1) > first
        ):
            continue  # a relative word ("that", "is") after the first verb
        end_first = k - 1 if tokens[k - 1].text == "," else k
        if end_first - first < 2:
            continue  # "identifies and explains": one action named twice
        last = words.forward_item(second, limit=MAX_LAST_ITEM + 4)
        if last is not None:
            yield Bundle((words.chars(first, end_first), words.chars(*last)), "predicates")


def participle_bundles(words: Words, settings: Settings) -> Iterator[Bundle]:
    """A requirement added as a participle: "recommends X, noting that Y"."""
    tokens = words.tokens
    for k in range(2, len(tokens)):
        token = tokens[k]
        previous = tokens[k - 1]
        joined = previous.text == "," or (
            previous.lower_ == "while" and k > 2 and tokens[k - 2].text != ","
        )
        if not joined or not token.lower_.endswith("ing") or token.lemma_ not in settings.messages:
            continue
        if words.in_example[k]:
            continue
        first = _opening_verb(words, k - 1, None, settings)
        if first is None:
            continue
        if _sequence_in_statement(tokens, first, k):
            continue
        end_first = k - 1
        last = words.forward_item(k, limit=MAX_LAST_ITEM + 4)
        if last is None or _conforms(tokens, *last):
            continue
        yield Bundle((words.chars(first, end_first), words.chars(*last)), "predicates")


def _conforms(tokens: list[Tok], start: int, end: int) -> bool:
    """Whether the participle phrase ``start:end`` names the numbered source the one
    requirement follows (", following the specifications in Appendix H.2", ", following
    equation 13"), as ", as specified in Appendix H.2" does; not a limit or format of its own
    (", adhering to the 10-line limit")."""
    if tokens[start].lemma_ not in _CONFORMING:
        return False
    return any(
        tokens[p].is_alpha and not tokens[p].is_stop and _DIGIT.search(tokens[p + 1].text)
        for p in range(start + 1, end - 1)
    )


def _sequence_in_statement(tokens: list[Tok], first: int, k: int) -> bool:
    """Whether "following" at ``k`` means "after" inside the content of a that-clause
    ("Explain that the Commission opened an inquiry in 2023, following a complaint"): part
    of what is stated, not a second action."""
    return tokens[k].lower_ == "following" and tokens[first + 1].lower_ == "that"


def sentence_bundles(words: Words, settings: Settings) -> Iterator[Bundle]:
    """A later sentence that adds a requirement: "Evaluates X. Also assesses Y."."""
    tokens = words.tokens
    first = None
    for k, token in enumerate(tokens):
        if k == 0 or tokens[k - 1].text in {".", "?", "!"}:
            head = k + 1 if token.lower_ in {"also", "additionally"} else k
            if head >= len(tokens) or _form(tokens[head]) != "s":
                continue
            if not (tokens[head].lemma_ in settings.verbs or head > k):
                continue
            if first is None:
                first = head
                continue
            first_part = words.chars(first, words.sentence_end(first))
            second_part = words.chars(head, words.sentence_end(head))
            yield Bundle((first_part, second_part), "sentences")
            return


def everything_bundles(doc: Doc, settings: Settings, model: str | None) -> Iterator[Bundle]:
    """One item for every requirement at once: "meets all the requirements" (the first)."""
    for match in matcher_for(settings.everything, model).find(doc):
        yield Bundle(((match.start_char, match.end_char),), "everything")
        return


def _verb_like(tokens: list[Tok], k: int, settings: Settings) -> bool:
    """Whether the word at ``k`` heads a predicate (no POS needed): a requirement verb, or
    an -s form followed by its object ("imports nothing")."""
    token = tokens[k]
    form = _form(token)
    if token.lemma_ in settings.messages and form is not None:
        return True
    return form == "s" and k + 1 < len(tokens) and tokens[k + 1].lower_ in _QUANTIFIERS


def _opening_verb(words: Words, k: int, form: str | None, settings: Settings) -> int | None:
    """The verb opening the clause that ends before ``k``, if it has the wanted form."""
    tokens = words.tokens
    start = words.clause_start(k - 1)
    for p in range(start, min(k, start + 8)):
        token = tokens[p]
        if token.lower_ in _VERB_OPENERS or token.text == ",":
            continue
        found = _form(token)
        verb = token.lemma_ in settings.verbs or (p - start <= 2 and found == "s")
        if verb and found is not None and (form is None or found == form):
            return p
    return None


def _form(token: Tok) -> str | None:
    """The inflection of a verb-like word, to pair only like with like."""
    lower = token.lower_
    if not token.is_alpha:
        return None
    if lower in _THIRD_PERSON:
        return "s"
    if lower.endswith("ing"):
        return "ing"
    if lower == token.lemma_:
        return "base"
    if lower.endswith("s") and not lower.endswith("ss"):
        return "s"
    return None
