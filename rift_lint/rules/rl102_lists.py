"""RL102's item lists: "asks about sex, weight, height and diet".

:func:`read_words` builds the :class:`~rift_lint.nlp.criterion_words.Words` view every detector
reads, with what decides which lists are not requirements: where an example list starts
(``e.g.``, ``such as``; "including" before ``min-checklist-items`` items opens a checklist
instead) and the "and" of fixed pairs ("pros and cons"). :func:`list_bundles` finds lists of
``min-list-items`` or more items joined by commas and "and", less lists of examples, of things
to avoid, of facets of one judgement, of one relation, of the means or basis of a requirement,
a list that is the subject of one statement and a list in a descriptive participle phrase
or a consequence (", thereby reducing A and B").
:func:`first_item` also serves the length detector.

Each conjunction reads its list backwards. The reads of one criterion share what they work out
(:class:`_Lookback`), and a read stops after ``_MAX_REREAD`` items that earlier reads went
through, so a criterion of thousands of comma-separated items that each hold an "and" ("A and
B, C and D, ...") takes linear time, not quadratic; a plain list is read whole, however long.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from rift_lint.nlp.criterion_words import (
    ALTERNATIVES,
    BREAKS,
    CLAUSE_WORDS,
    Tok,
    Words,
    adverb,
)
from rift_lint.nlp.matching import lower_matcher_for, matcher_for
from rift_lint.nlp.statements import addressed
from rift_lint.nlp.tokens import QUESTION_COPULAS, s_inflected
from rift_lint.rules.rl102_bundle import DETERMINERS, RELATIVE, RELATIVE_PRONOUNS, Bundle

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from rift_lint.rules.rl102_bundle import Settings

# Closed-class words (grammar, not vocabulary): where a list ends, which words precede a verb's
# object.
_LIST_ENDS = BREAKS | {"(", ")"}  # where a list after "including" ends
_LIST_JOINERS = ALTERNATIVES | {"and"}  # a list's last joiner: no item starts with one
_OBJECT_OPENERS = frozenset(
    {
        "a", "an", "the", "this", "these", "those", "its", "their", "his", "her", "your",
        "nothing", "no", "any", "all", "each", "every", "both", "one", "two", "three", "how",
        "what", "why", "whether", "it", "them",
    }
)  # fmt: skip
_LIKE_VERBS = frozenset({"would", "feel", "feels", "look", "looks", "sound", "sounds", "seem"})
_ABSTRACT_SUFFIXES = ("ity", "ness", "ance", "ence", "acy")
_INTRODUCERS = frozenset(
    {
        "in", "for", "when", "if", "given", "with", "within", "after", "before", "during",
        "under", "on", "at", "by", "from", "across", "among", "regarding", "as", "unless",
        "while", "once", "since", "although", "though", "because", "upon", "throughout",
    }
)  # fmt: skip
_APOSTROPHES = frozenset({"'", "\u2019"})
_RELATIONAL = frozenset({"between", "among", "amongst"})
# Words before a list that make it the means or basis of one requirement ("captures the style
# through word choice, sentence structure and tone"; "differs depending on age, health and
# region"): a two-word basis is matched on its last word and the word before it.
_MEANS = frozenset({"through", "via"})
_BASIS = frozenset({("depending", "on"), ("based", "on"), ("according", "to")})
# Words before a marker that make it no example list: "would like", "each one of".
_NOT_A_MARKER_AFTER = {"like": _LIKE_VERBS, "one": frozenset({"each", "every"})}
_RECIPROCALS = frozenset({("one", "another"), ("each", "other")})
_NOUN_OPENERS = DETERMINERS | {"a", "an"}
# A modal in the first words of a list after an opening phrase: its subject is no part of the
# first item ("By reusing code, they can generate more concise, reusable and accurate tools").
_MODALS = frozenset({"can", "could", "may", "might", "will", "would", "shall", "should", "must"})
# Words that open the predicate of a list that is a subject ("A, B and C are signs of X").
_PREDICATE_WORDS = QUESTION_COPULAS | _MODALS
_VERB_GROUP = 4  # words that can come before a first item's noun phrase ("clearly state the")
_ADJUNCT_OPENERS = frozenset({",", "while", "whereas", "by", "when", "through"})
# Participles whose list is content the response must give (", detailing the timing, dosage
# and route"), not how the main requirement is met.
_CONTENT_PARTICIPLES = frozenset({"detail", "describe", "outline", "cover"})
_ASKING_VERBS = frozenset({"ask", "check", "inquire", "enquire", "clarify", "confirm", "verify"})
_CONSEQUENCES = frozenset({"thereby", "thus", "hence"})  # before an -ing form: what follows
# Relative pronouns whose clause may hold a list's first item ("which consists of A, B and C").
_RELATIVE_LEADS = frozenset({"which", "who", "whose"})
_MAX_ITEM = 8
_MAX_FIRST_ITEM = 6
# How many segments that an earlier conjunction's read went through a read goes through again
# before the list ends. Real lists have at most 16 items (15 rereads in the shared corpus); only
# pasted data or hostile text with thousands of "A and B," items comes near it.
_MAX_REREAD = 40


def read_words(doc: Doc, text: str, settings: Settings, model: str | None) -> Words:
    """The active words of a criterion, with where its example lists start (a checklist after
    "including" is no example list) and the "and" of its fixed pairs."""
    markers = _example_starts(doc, settings, model)
    checklists = _checklists(doc, markers, settings)
    return Words(
        doc, text, markers - checklists, _pair_conjunctions(doc, settings, model), checklists
    )


def _example_starts(doc: Doc, settings: Settings, model: str | None) -> set[int]:
    """Token indices of the markers that open an example list ("e.g.", "such as"), less a
    "like" after a verb of seeming ("would like", "looks like") and a "one of" after "each"
    or "every" (all of them, not any)."""
    return {
        i
        for i in lower_matcher_for(settings.markers, model).starts(doc)
        if not (i > 0 and doc[i - 1].lower_ in _NOT_A_MARKER_AFTER.get(doc[i].lower_, ()))
    }


def _checklists(doc: Doc, markers: set[int], settings: Settings) -> set[int]:
    """The markers that are an "including" opening a checklist rather than examples: a list
    of at least ``min-checklist-items`` items ("including age, sex, weight, comorbidities,
    current medication and allergies"), each of which a grader would check. The items are
    counted in one pass for all of them, however many there are."""
    including = sorted((i for i in markers if doc[i].lower_ == "including"), reverse=True)
    found: set[int] = set()
    lists: list[tuple[int, int]] = []  # the markers of the lists read now, joins before each
    joins, previous = 0, ""
    for token in doc[including[-1] :] if including else ():
        if including and token.i == including[-1]:
            lists.append((including.pop(), joins))
        elif token.text in _LIST_ENDS or "\n" in token.text:
            found.update(_long_lists(lists, joins, settings))
            lists.clear()
            if not including:
                break
        elif token.text == "," or (token.lower_ in {"and", "or"} and previous != ","):
            joins += 1
        previous = token.text
    return found | set(_long_lists(lists, joins, settings))


def _long_lists(lists: list[tuple[int, int]], joins: int, settings: Settings) -> Iterator[int]:
    """The markers of ``lists`` (each with the joins counted before it) whose list, ending
    after ``joins`` joins, has ``min-checklist-items`` items or more."""
    for marker, before in lists:
        if 1 + joins - before >= settings.min_checklist_items:
            yield marker


def _pair_conjunctions(doc: Doc, settings: Settings, model: str | None) -> set[int]:
    """Token indices of the "and" inside fixed pairs ("pros and cons")."""
    return {
        token.i
        for match in matcher_for(settings.binomials, model).find(doc)
        for token in match.span
        if token.lower_ == "and"
    }


def list_bundles(words: Words, settings: Settings) -> Iterator[Bundle]:
    """Lists of requirements: "A, B and C" with ``min-list-items`` or more items."""
    tokens = words.tokens
    adjunct: list[bool] | None = None
    lookback = _Lookback(words)
    for k in words.joins():
        width = words.conjunction(k)
        if words.in_example[k]:
            continue
        if adjunct is None:
            adjunct = _adjunct_scope(words, settings)
        if adjunct[k]:
            continue
        last = words.forward_item(k + width)
        if last is None:
            continue
        read = _backward_items(words, k, last[0], settings, lookback)
        if read is None or len(read[0]) + 1 < settings.min_items:
            continue
        items, lead = read
        first_start = items[0][0]
        if any(words.in_example[first_start:k]):  # an example marker is in its own scope
            continue
        before = tokens[first_start - 1] if first_start > 0 else None
        if before is not None and before.lemma_ in settings.negations:
            continue  # "avoids A, B and C": one requirement of absence
        if before is not None and before.lower_ in _RELATIONAL:
            continue  # "the relationship between A, B and C": one relation
        if _means_or_basis(tokens, first_start):
            continue  # "through A, B and C": how one requirement is met
        if _has_predicate(tokens, *last, opens_clause=_opens_clause(tokens, first_start)):
            continue  # "A, B and C are signs of X": the list is the subject of one statement
        items.append(last)
        if _values(tokens, items) or _facets_of(words, items, settings):
            continue
        parts = tuple(words.chars(*item) for item in items)
        yield Bundle(parts, "list", lead and words.chars(*lead))


class _Lookback:
    """What the backward reads of one criterion's lists share, worked out once: which
    segments open their sentence with opening phrases, and which segments were read (each
    read would otherwise go back over the same words again)."""

    def __init__(self, words: Words) -> None:
        self.words = words
        self._openings: dict[int, bool] = {}
        self._read = bytearray(len(words.tokens))  # segment starts read so far

    def reread(self, start: int) -> bool:
        """Whether an earlier read went through the segment at ``start`` (now read)."""
        read = self._read[start]
        self._read[start] = 1
        return bool(read)

    def opening(self, start: int) -> bool:
        """Whether the segment at ``start``, which opens with a preposition or clause word,
        opens its sentence after other such segments or none ("In Table 1, for Thailand's
        scheme, state ...")."""
        words, tokens = self.words, self.words.tokens
        chain: list[int] = []  # this segment and those before it that share its answer
        while (found := self._openings.get(start)) is None:
            chain.append(start)
            if start == 0 or tokens[start].i in words.starts or tokens[start - 1].text in BREAKS:
                found = True
            elif tokens[start - 1].text != ",":
                found = False
            else:
                start = words.segment_start(start - 1)
                if tokens[start].lower_ in _INTRODUCERS:
                    continue
                found = False
            break
        self._openings.update(dict.fromkeys(chain, found))
        return found


def _backward_items(
    words: Words, k: int, last_start: int, settings: Settings, lookback: _Lookback
) -> tuple[list[tuple[int, int]], tuple[int, int] | None] | None:
    """Comma-separated items before the conjunction at ``k``, the first one trimmed, and the
    list's lead: the last words of a relative clause that the items continue ("which
    consists of A, B and C": "A"), not counted as an item (the clause opens the list), but
    named.

    A segment that cannot be a whole list item (:func:`_terminal`) ends the list: its last
    words are the first item. So does the segment after ``_MAX_REREAD`` segments that earlier
    reads went through.
    """
    lead: tuple[int, int] | None = None
    tokens = words.tokens
    end = k - 1 if tokens[k - 1].text == "," else k
    items: list[tuple[int, int]] = []  # from the conjunction backwards
    last_is_participle = _participle(tokens, last_start, settings)
    rereads = 0
    while end > 0:
        start = words.segment_start(end)
        if start == end or tokens[start].lower_ in _LIST_JOINERS:
            break
        rereads += lookback.reread(start)
        if rereads > _MAX_REREAD:
            break
        if not _terminal(tokens, start, end, settings, last_is_participle=last_is_participle):
            items.append((start, end))
            end = start - 1
            continue
        if _introductory(words, start, lookback) or _opens_clause_with_phrase(words, start, end):
            # "In the table for X, state A, B and C": the comma closes an opening phrase,
            # and the item after it opens the list, from its noun phrase on ("A")
            if items:
                items[-1] = _from_noun_phrase(tokens, *items[-1])
            if start > 0 and tokens[start - 1].lower_ in _RELATIVE_LEADS:
                lead = first_item(tokens, start, end, settings)
            break
        first = first_item(tokens, start, end, settings)
        if first is not None:
            items.append(first)
        break
    items.reverse()
    return (items, lead) if items else None


def _terminal(
    tokens: list[Tok], start: int, end: int, settings: Settings, *, last_is_participle: bool
) -> bool:
    """Whether the segment ``start:end`` cannot be a whole list item: it opens the clause, runs
    long, holds a relative clause, opens with a preposition or, unlike the last item (whether
    ``last_is_participle``), with a participle."""
    if (
        start == 0
        or tokens[start - 1].text != ","
        or end - start > _MAX_ITEM
        or any(tokens[p].lower_ in RELATIVE for p in range(start, end))
        or tokens[start].lemma_ in settings.plain_boundaries
    ):
        return True
    head = None if last_is_participle else _first_content(tokens, start, end)
    return head is not None and _participle(tokens, head, settings)


def _introductory(words: Words, start: int, lookback: _Lookback) -> bool:
    """Whether the segment at ``start`` opens its sentence with a preposition or clause word,
    directly or after other such segments ("In Table 1, for Thailand's scheme, state ...")."""
    tokens = words.tokens
    if start > 0 and start - 1 in words.reason_as:
        return True
    if start > 0 and tokens[start - 1].lower_ in CLAUSE_WORDS:
        return not _asked(tokens, start - 1)
    if tokens[start].lower_ not in _INTRODUCERS:
        return False
    return lookback.opening(start)


def _asked(tokens: list[Tok], p: int) -> bool:
    """Whether "if" or "whether" at ``p`` opens what a verb of asking asks ("asks the user if
    there is A, B or C"): the question's content, not a condition."""
    if tokens[p].lower_ not in {"if", "whether"}:
        return False
    before = p - 1
    while before >= 0 and p - before <= 3 and addressed(tokens[before].lower_):
        before -= 1
    return before >= 0 and tokens[before].lemma_ in _ASKING_VERBS


def _opens_clause_with_phrase(words: Words, start: int, end: int) -> bool:
    """Whether the segment ends in a that-clause's opening phrase ("state that at the time,
    85.8% of children ...", "mention that in the film's climax, ..."): its comma closes that
    phrase, not a list item."""
    p = words.last_position(RELATIVE_PRONOUNS, end - 2) if end - 2 >= start else -1
    return p >= start and words.tokens[p + 1].lower_ in _INTRODUCERS


def _adjunct_scope(words: Words, settings: Settings) -> list[bool]:
    """Tokens inside a descriptive participle phrase (", evaluating how...", "while using
    ...", "thereby reducing ..."): a list there says how the main requirement is met or what
    follows from it, not what else is required."""
    tokens = words.tokens
    scope = [False] * len(tokens)
    inside = False
    for p, token in enumerate(tokens):
        if token.text in BREAKS or token.i in words.starts:
            inside = False
        elif (
            p > 0
            and token.lemma_ not in settings.messages
            and token.lemma_ not in _CONTENT_PARTICIPLES
            and token.i not in words.checklists
            and (
                (tokens[p - 1].lower_ in _ADJUNCT_OPENERS and _participle(tokens, p, settings))
                or (tokens[p - 1].lower_ in _CONSEQUENCES and token.lower_.endswith("ing"))
            )
        ):
            inside = True
        scope[p] = inside
    return scope


def _participle(tokens: list[Tok], p: int, settings: Settings) -> bool:
    """Whether the word at ``p`` is a verb's -ing form opening a phrase ("ensuring that")."""
    token = tokens[p]
    if not token.lower_.endswith("ing") or len(token.lower_) < 6:
        return False
    if token.lemma_ in settings.boundaries or token.lemma_ in settings.negations:
        return True
    nxt = tokens[p + 1] if p + 1 < len(tokens) else None
    return nxt is not None and (nxt.lower_ in _OBJECT_OPENERS or nxt.lemma_ in settings.boundaries)


def first_item(
    tokens: list[Tok], start: int, end: int, settings: Settings
) -> tuple[int, int] | None:
    """The first item, read leftwards from its comma to a boundary word, a determiner
    (kept) or the length cap."""
    begin = end
    while begin > start and end - begin < _MAX_FIRST_ITEM:
        token = tokens[begin - 1]
        # a verb form between a determiner and a noun modifies the noun: "the writing prompt"
        modifier = begin < end and begin - 2 >= start and tokens[begin - 2].lower_ in _NOUN_OPENERS
        if not modifier and (
            token.lemma_ in settings.boundaries
            or token.lower_ in settings.boundaries
            or _participle(tokens, begin - 1, settings)
        ):
            break
        if token.lower_ in RELATIVE or token.lemma_ in settings.negations:
            break
        begin -= 1
        if token.lower_ in _NOUN_OPENERS:  # "tie together the introduction, ...": the
            while begin > start and tokens[begin - 1].lower_ in _NOUN_OPENERS:
                begin -= 1  # item's noun phrase opens here ("all the reasoning steps")
            break
    if begin > start and tokens[begin].text[:1] in _APOSTROPHES:
        begin -= 1  # the length cap fell inside a possessive: "Kligman's ..."
    # a plural subject ("Are all the steps, formulas and calculations correct?") is the list
    if _inverted_question(tokens, start) and not s_inflected(tokens[end - 1]):
        begin = max(begin, _predicate_start(tokens, start, end))
    if begin == end or not any(tokens[p].is_alpha for p in range(begin, end)):
        return None
    return begin, end


def _inverted_question(tokens: list[Tok], start: int) -> bool:
    """Whether the segment at ``start`` opens a sentence with a copula, a question whose
    subject comes before its predicate ("Is the output clear, ...")."""
    return tokens[start].lower_ in QUESTION_COPULAS and (
        start == 0 or tokens[start - 1].text in BREAKS
    )


def _predicate_start(tokens: list[Tok], start: int, end: int) -> int:
    """Where the predicate of an inverted question ends its segment ``start:end``: its last
    word with the adverbs and coordinated words before it ("the screenplay consistently
    engaging" -> "consistently engaging", "the story novel and original")."""
    begin = end - 1
    while begin > start:
        if adverb(tokens[begin - 1]):
            begin -= 1
        elif tokens[begin - 1].lower_ in _LIST_JOINERS and begin - 2 > start:
            begin -= 2
        else:
            break
    return begin


def _values(tokens: list[Tok], items: list[tuple[int, int]]) -> bool:
    """Whether the list enumerates values of one thing, not requirements: numbers or single
    capital letters ("T = 0, 1, 2, 3, and 4 iterations", "between A, B, X and Z"). The first
    item ends with a value, the middle ones are one value each, and the last starts with one
    and may go on with a unit or the rest of the sentence ("4 iterations")."""
    last = len(items) - 1
    for n, (start, end) in enumerate(items):
        content = [token for token in tokens[start:end] if not token.is_punct]
        if not content or not _value(content[-1] if n == 0 else content[0]):
            return False
        if 0 < n < last and len(content) > 1:
            return False
    return True


def _value(token: Tok) -> bool:
    """A number or a single capital letter (a variable, an option)."""
    return token.like_num or (len(token.text) == 1 and token.text.isupper())


def _facets_of(words: Words, items: list[tuple[int, int]], settings: Settings) -> bool:
    """Whether the list names facets of one judgement: "the accuracy, depth and rigour of"."""
    tokens = words.tokens
    last_start, last_end = items[-1]
    of = next((p for p in range(last_start, last_end) if tokens[p].lower_ == "of"), last_end)
    if of >= len(tokens) or tokens[of].lower_ != "of":
        return False
    for start, end in [*items[:-1], (last_start, of)]:
        content = [t for t in tokens[start:end] if t.is_alpha and not t.is_stop]
        if not content or len(content) > 2 or not _facet(content[-1], settings):
            return False
    return True


def _facet(token: Tok, settings: Settings) -> bool:
    """Whether a word names a facet of a judgement: a listed one or an abstract noun."""
    return token.lemma_ in settings.facets or token.lower_.endswith(_ABSTRACT_SUFFIXES)


def _has_predicate(tokens: list[Tok], start: int, end: int, *, opens_clause: bool) -> bool:
    """Whether the last item of a list holds the verb of the list's own statement ("A, B and C
    are signs of X", "A, B and C achieve results similar to one another"; after "that" or at
    a sentence start, also a past form after an adverb: "that A, B and C independently
    proposed X"); a verb inside a relative clause of the item ("C that would be critical")
    belongs to that clause."""
    for p in range(start, end):
        word = tokens[p].lower_
        if word in RELATIVE_PRONOUNS:
            return False
        if word in _PREDICATE_WORDS or _reciprocal(tokens, p, end):
            return True
        if opens_clause and p > start and adverb(tokens[p]) and _past_form(tokens, p + 1, end):
            return True
    return False


def _reciprocal(tokens: list[Tok], p: int, end: int) -> bool:
    """Whether a reciprocal pronoun starts at ``p`` ("one another", "each other"): the items
    are compared or related to each other, one statement about all of them."""
    return p + 1 < end and (tokens[p].lower_, tokens[p + 1].lower_) in _RECIPROCALS


def _past_form(tokens: list[Tok], p: int, end: int) -> bool:
    """Whether the word at ``p`` (before ``end``) is a verb's past form ("proposed")."""
    return p < end and tokens[p].is_alpha and tokens[p].lower_.endswith("ed")


def _opens_clause(tokens: list[Tok], start: int) -> bool:
    """Whether the list starting at ``start`` opens a clause: at a sentence start or after
    "that" ("states that A, B and C ...")."""
    return start == 0 or tokens[start - 1].text in BREAKS or tokens[start - 1].lower_ == "that"


def _means_or_basis(tokens: list[Tok], start: int) -> bool:
    """Whether the list starting at ``start`` follows a word of means or basis ("through",
    "depending on"): it says how one requirement is met or what it depends on."""
    if start < 1:
        return False
    if tokens[start - 1].lower_ in _MEANS:
        return True
    return start >= 2 and (tokens[start - 2].lower_, tokens[start - 1].lower_) in _BASIS


def _from_noun_phrase(tokens: list[Tok], start: int, end: int) -> tuple[int, int]:
    """The item from the determiner that opens its noun phrase, or from the verb after a modal,
    when one comes within the first few words ("state the accrual rate" -> "the accrual rate",
    "they can generate more concise" -> "generate more concise")."""
    for p in range(start + 1, min(end, start + _VERB_GROUP)):
        if tokens[p].lower_ in _NOUN_OPENERS:
            return p, end
        if tokens[p].lower_ in _MODALS:
            return p + 1, end
    return start, end


def _first_content(tokens: list[Tok], start: int, end: int) -> int | None:
    """The first word from ``start`` that is neither an adverb nor punctuation."""
    for p in range(start, end):
        if not adverb(tokens[p]) and not tokens[p].is_punct:
            return p
    return None
