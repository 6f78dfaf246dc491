"""RL103's groundings: evidence that a criterion states what to check its verification words
against.

An answer cue or a checklist of expected content, a quoted answer the prompt does not already
contain (or one of its names picked after "as", "under" or a colon), a number the prompt does not
give, a parenthesised or colon-introduced answer, a named standard ("according to WHO guidelines"),
a that-clause after a statement verb, a procedure or computation, a named recommendation, a label
after "as", material the grader has, and a template slot holding the item's reference answer. Each
is a :class:`Grounding`: its kind and character span.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from rift_lint.nlp.criterion_layout import body_end, header_end
from rift_lint.nlp.doccache import string_ids
from rift_lint.nlp.lemmas import table_lemma
from rift_lint.nlp.lexicon import adjusted, term_set
from rift_lint.nlp.matching import matcher_for
from rift_lint.nlp.quotes import quotes
from rift_lint.nlp.statements import ARTICLES, opens_statement
from rift_lint.prompts.view import normal_number
from rift_lint.rules.rl103_terms import DEMONSTRATIVES, DETERMINERS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from rift_lint.nlp.matching import TermMatcher
    from rift_lint.prompts.view import PromptView
    from rift_lint.rules.rl103_terms import VerificationTerm

# Kinds of grounding that ground more than their neighbourhood: a template slot holding the
# item's reference answer grounds every verification word, and material to check against also
# grounds a blanket check ("all information must be factually correct").
REFERENCE_SLOT = "reference slot"
MATERIAL = "material to check against"

_NUMBER = re.compile(r"(?<![\w.\-/])\d+(?:[.,]\d+)*(?![\w\-])")
# A template slot an evaluation harness fills per item: "{ideal}", "{{ expected_output }}".
_SLOT = re.compile(r"\{\{?\s*([A-Za-z][\w.\-]*)\s*\}\}?")
_SLOT_WORD_BREAKS = re.compile(r"[_.\-]+")
_PARENTHETICAL = re.compile(r"\(([^()]*)\)")
_CONTENT_WORD = re.compile(r"[^\W\d_]{3,}")
_COUNT_WORDS = frozenset({"least", "most", "minimum", "maximum", "max", "min", "than"})
_ORDINAL_WORDS = frozenset(
    [
        "step",
        "part",
        "question",
        "section",
        "criterion",
        "phase",
        "stage",
        "level",
        "item",
        "task",
        "point",
        "option",
        "chapter",
        "example",
        "case",
        "rule",
        "no.",
        "number",
        "#",
    ]
)
# Right before a quote, words that make it the expected pick: "... as 'Effective'", "... under
# 'Elite Capture'", "list the program: 'Zakat Program'".
_PICK_BEFORE = re.compile(r"(?:\bas|\bunder|:)\s*$", re.IGNORECASE)
# A named standard to check against: "according to WHO guidelines", "in accordance with the
# IUPAC rules", "as defined by the CDC" (the phrase up to the clause's end).
_STANDARD = re.compile(
    r"\b(?:according to|in accordance with|as defined (?:by|in))\s+(?P<phrase>[^,.;:()?!\n]{1,60})",
    re.IGNORECASE,
)
_PAIRING_LINKS = frozenset({"for", "with", "to", "under"})
_PAIRED_TOKENS = 6  # tokens of a named item that a pairing verb pairs ("phosphate-based X")
_NOT_DESCRIPTION = frozenset({"such", "well", "so", "just", "as", "same"})
_RESTATING = frozenset(
    [
        "requested",
        "required",
        "specified",
        "listed",
        "mentioned",
        "given",
        "following",
        "asked",
        "stated",
        "these",
        "provided",
    ]
)


@dataclass(frozen=True)
class Grounding:
    """Evidence that the criterion says what to check: its kind and character span."""

    kind: str
    start_char: int
    end_char: int


def groundings(
    doc: Doc,
    text: str,
    terms: list[VerificationTerm],
    prompt: PromptView,
    answer_cues: TermMatcher,
) -> Iterator[Grounding]:
    """Every piece of evidence that the criterion states what to check, in the order found.

    ``text`` is ``doc.text``; ``terms`` are the verification words (a score level may have none);
    ``answer_cues`` matches the cues that introduce an expected answer, with the rule's options.
    """
    start_at = header_end(text)
    stop_at = body_end(text)
    yield from _reference_slots(text)
    for cue in answer_cues.find(doc):
        if start_at <= cue.start_char < stop_at and not _aspects_only(doc, cue.span.end):
            yield Grounding("answer cue", cue.start_char, cue.end_char)
    inside = {index for term in terms for index in range(term.start, term.end)}
    for cue in _cue_matcher("checklist_cues").find(doc):
        if (
            start_at <= cue.start_char < stop_at
            and _checklist(doc, cue.span.end, inside)
            and not _aspects_only(doc, cue.span.end)
        ):
            yield Grounding("checklist", cue.start_char, cue.end_char)
    for quoted in quotes(text, start_at, stop_at):
        content = quoted.content.strip().lower()
        if content and content not in prompt.lower:
            yield Grounding("quoted answer", quoted.start, quoted.end)
        elif content and not content.endswith("?") and _PICK_BEFORE.search(text, 0, quoted.start):
            # "state the finding as 'Effective'": one of the prompt's options, picked
            yield Grounding("quoted label", quoted.start, quoted.end)
    yield from _new_numbers(text, terms, prompt, start_at, stop_at)
    first = terms[0].start_char if terms else start_at
    for match in _STANDARD.finditer(text, first, stop_at):
        if _names_standard(match.group("phrase")):
            yield Grounding("named standard", match.start(), match.end())
    for match in _PARENTHETICAL.finditer(text, first, stop_at):
        if _answer_like(match.group(1), text[: match.start()], prompt):
            yield Grounding("parenthesised answer", match.start(), match.end())
    derives = bool(_cue_matcher("derivation_verbs").find(doc))
    for index in _grounding_starts(doc, _token_at(doc, start_at), stop_at, derives):
        found = _token_grounding(doc, doc[index], prompt, derives)
        if found is not None:
            yield found


@cache
def _cue_matcher(key: str) -> TermMatcher:
    """The matcher of ``ungrounded_<key>``, a word list without options."""
    return matcher_for(adjusted(f"ungrounded_{key}"))


def _token_at(doc: Doc, char: int) -> int:
    """Index of the token that holds ``char`` (it may start before it), or of the first
    token after ``char`` when it falls between tokens."""
    if not char or not len(doc):
        return 0
    end = doc[-1].idx + len(doc[-1])
    span = doc.char_span(char, max(char, end), alignment_mode="expand")
    return span.start if span is not None else len(doc)


def _list_end(doc: Doc, start: int) -> int:
    """Index of the token that ends a list starting at ``start`` (sentence end, ")" or a
    line break)."""
    end = start
    while (
        end < len(doc)
        and doc[end].text not in {".", ";", "?", "!", ")"}
        and "\n" not in doc[end].text
    ):
        end += 1
    return end


def _aspects_only(doc: Doc, start: int) -> bool:
    """Whether the list starting at ``start`` names only kinds of content ("population data,
    geographic features, or historical information"): each item, split at commas, "and" and
    "or", ends in a word of ``ungrounded_aspect_nouns``."""
    aspects = term_set("ungrounded_aspect_nouns")
    heads: list[Token] = []
    last: Token | None = None
    for token in doc[start : _list_end(doc, start)]:
        if token.text == "," or token.lower_ in {"and", "or"}:
            if last is not None:
                heads.append(last)
            last = None
        elif token.is_alpha or "-" in token.text:
            last = token
    if last is not None:
        heads.append(last)
    return bool(heads) and all(t.lemma_ in aspects or t.lower_ in aspects for t in heads)


def _checklist(doc: Doc, start: int, terms: set[int]) -> bool:
    """Whether a list of two or more items without correctness words starts at ``start``."""
    end = _list_end(doc, start)
    items = doc[start:end]
    separators = sum(1 for token in items if token.text == "," or token.lower_ in {"and", "or"})
    return separators >= 1 and not any(index in terms for index in range(start, end))


def _new_numbers(
    text: str, terms: list[VerificationTerm], prompt: PromptView, start_at: int, stop_at: int
) -> Iterator[Grounding]:
    """Numbers that state a value: not in the prompt, not a count ("at least 3")."""
    inside = [(term.start_char, term.end_char) for term in terms]
    for match in _NUMBER.finditer(text, start_at, stop_at):
        if any(start <= match.start() < end for start, end in inside):
            continue
        if normal_number(match.group()) in prompt.numbers:
            continue
        before = text[max(0, match.start() - 12) : match.start()].lower().split()
        if before and (before[-1] in _COUNT_WORDS or before[-1] in _ORDINAL_WORDS):
            continue
        if (
            text[match.end() : match.end() + 1] == ")"
            and text[match.start() - 1 : match.start()] == "("
        ):
            continue
        yield Grounding("stated value", match.start(), match.end())


def _names_standard(phrase: str) -> bool:
    """Whether a phrase after "according to" names a standard to check against: a name
    ("WHO guidelines", "the CDC") or a word of ``ungrounded_standards`` ("mathematical
    rules"); not "according to the user's needs"."""
    standards = term_set("ungrounded_standards")
    return any(
        (word[:1].isupper() and word.lower() not in {"the", "a", "an"})
        or table_lemma(word.lower()) in standards
        for word in phrase.split()
    )


def _novel(content: str, prompt: PromptView) -> bool:
    """Whether text says something the prompt does not already say (any unseen word)."""
    words = _CONTENT_WORD.findall(content.lower())
    return not prompt.text or any(word not in prompt.words for word in words)


def _answer_like(content: str, before: str, prompt: PromptView) -> bool:
    """Whether parenthesised text reads like the expected content rather than an aside.

    A list that only repeats what the prompt asked for ("the requested topics (A, B, C)")
    restates the task rather than answering it.
    """
    if not content.split():
        return False
    restated = set(before.lower().split()[-4:]) & _RESTATING
    if restated and not _novel(content, prompt):
        return False
    if "," in content or ";" in content:
        return True
    if any(normal_number(m.group()) not in prompt.numbers for m in _NUMBER.finditer(content)):
        return True
    return any(word[:1].isupper() for word in content.split())


_STARTERS = frozenset({":", "that", "by", "as"})  # words :func:`_token_grounding` reads by form


@cache
def _starter_ids(derives: bool) -> tuple[frozenset[int], frozenset[int]]:
    """String ids of the forms and the lemmas from which :func:`_token_grounding` can find
    evidence (sources only when the criterion does not ask to derive)."""
    sources = frozenset() if derives else term_set("ungrounded_sources")
    lemmas = (
        term_set("ungrounded_procedure_verbs")
        | term_set("ungrounded_recommendation_verbs")
        | term_set("ungrounded_pairing_verbs")
    )
    return string_ids(_STARTERS | sources), string_ids(lemmas | sources)


def _grounding_starts(doc: Doc, first: int, stop_at: int, derives: bool) -> list[int]:
    """Indices, from ``first`` on, of the tokens before character ``stop_at`` that
    :func:`_token_grounding` can start evidence from, found on attribute arrays so that no
    Token object is built for the others."""
    lower_ids, lemma_ids = _starter_ids(derives)
    rows = doc.to_array(["LOWER", "LEMMA", "IDX"]).tolist()
    return [
        index
        for index in range(first, len(rows))
        if rows[index][2] < stop_at and (rows[index][0] in lower_ids or rows[index][1] in lemma_ids)
    ]


def _token_grounding(doc: Doc, token: Token, prompt: PromptView, derives: bool) -> Grounding | None:
    """Grounding evidence that starts at ``token``, if any."""
    lower = token.lower_
    nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
    end = token.idx + len(token)
    if lower == ":" and nxt is not None and not nxt.is_punct:
        rest = doc[token.i + 1 :]
        if _novel(rest.text, prompt):
            return Grounding("stated answer", token.idx, rest.end_char)
    elif lower == "that" and opens_statement(doc, token):
        return Grounding("stated content", token.idx, end)
    elif lower == "by" and nxt is not None and nxt.lemma_ in term_set("ungrounded_procedure_verbs"):
        return Grounding("procedure", token.idx, nxt.idx + len(nxt))
    elif token.lemma_ in term_set("ungrounded_procedure_verbs") and any(
        t.text[:1].isdigit() and normal_number(t.text) not in prompt.numbers
        for t in doc[token.i + 1 : token.i + 5]
    ):
        return Grounding("computation", token.idx, end)  # not the prompt's own sum restated
    elif token.lemma_ in term_set("ungrounded_recommendation_verbs") and _names_action(doc, token):
        return Grounding("stated recommendation", token.idx, end)
    elif lower == "as" and nxt is not None and _gives_label(doc, token):
        return Grounding("stated label", token.idx, nxt.idx + len(nxt))
    elif token.lemma_ in term_set("ungrounded_pairing_verbs") and (
        pairing := _pairing(doc, token, prompt)
    ):
        return Grounding("stated pairing", token.idx, pairing)
    elif not derives and (
        token.lemma_ in term_set("ungrounded_sources") or lower in term_set("ungrounded_sources")
    ):
        return _source(doc, token, prompt)
    return None


def _names_action(doc: Doc, verb: Token) -> bool:
    """Whether a correctness adverb + recommendation verb names the advice itself.

    "correctly advises performing nasal irrigation", "accurately recommends low tidal volume
    ventilation", but not "recommends the appropriate treatment".
    """
    if not verb.i or not doc[verb.i - 1].lower_.endswith("ly"):
        return False
    index = verb.i + 1
    while index < len(doc) and doc[index].lower_ in term_set("addressees"):
        index += 1
    if (
        index < len(doc) - 1
        and doc[index].lower_ in ARTICLES
        and doc[index + 1].lower_ in term_set("addressees")
    ):
        index += 2
    if index < len(doc) and doc[index].lower_ == "to":
        index += 1
    if index >= len(doc) or doc[index].is_punct:
        return False
    return doc[index].lower_ not in term_set("ungrounded_placeholder_words")


def _pairing(doc: Doc, verb: Token, prompt: PromptView) -> int:
    """End character of a pairing the verb states, or 0: a bare noun phrase of up to six
    tokens, then "for", "with", "to" or "under" and more words ("lists sodium sulfite for
    boiler water treatment"). The phrase must name something: its last word is new to the
    prompt, or the whole phrase is one of the prompt's names ("phosphate-based inhibitors");
    "identify potential causes for ..." repeats what the prompt asks for. Without a prompt,
    an answer cannot be told from the kind of thing asked for."""
    if not prompt.text:
        return 0
    end = verb.i + 1
    while end < len(doc) and end - verb.i <= _PAIRED_TOKENS and _paired_word(doc[end]):
        end += 1
    if end == verb.i + 1 or end + 1 >= len(doc) or doc[end].lower_ not in _PAIRING_LINKS:
        return 0
    phrase = doc[verb.i + 1 : end]
    if phrase[0].lower_ in term_set("ungrounded_placeholder_words") or doc[end + 1].is_punct:
        return 0
    head = phrase[-1].lower_.rsplit("/", 1)[-1]
    named = len(phrase) > 1 and phrase.text.lower() in prompt.lower
    return phrase.end_char if named or head not in prompt.words else 0


def _paired_word(token: Token) -> bool:
    """Whether a token can be part of a named item: a content word (hyphens and slashes
    allowed, "phosphate-based", "compounds/chromates"), not a number or a stop word."""
    if token.text in {"-", "/"}:
        return not token.whitespace_
    return (
        not token.is_stop
        and not token.like_num
        and any(char.isalpha() for char in token.text)
        and all(char.isalpha() or char in "-/" for char in token.text)
    )


def _gives_label(doc: Doc, as_token: Token) -> bool:
    """Whether "as" gives an expected label ("classifies X as spam", "knowledge of X as a ...")."""
    previous = doc[as_token.i - 1].lower_ if as_token.i else ""
    if previous in _NOT_DESCRIPTION or doc[as_token.i + 1].lower_ in {"well", "much", "many"}:
        return False
    if doc[as_token.i + 1].lower_ in {"a", "an"}:
        return True
    labelling = term_set("ungrounded_labelling_verbs")
    return any(
        t.lemma_ in labelling and not (t.i and doc[t.i - 1].lower_ in DETERMINERS)
        for t in doc[max(0, as_token.i - 8) : as_token.i]
    )  # a verb, not the noun of "take a list of numbers as input"


def _source(doc: Doc, token: Token, prompt: PromptView) -> Grounding | None:
    """A reference to material the grader has ("the provided text", "the prompt")."""
    window = doc[max(0, token.i - 3) : token.i]
    qualifiers = term_set("ungrounded_source_qualifiers")
    previous = doc[token.i - 1].lower_ if token.i else ""
    if (
        token.lower_ in {"prompt", "prompts"}
        or any(t.lower_ in qualifiers for t in window)
        or (previous in DEMONSTRATIVES and prompt.mentions(token.lower_, token.lemma_))
    ):
        start = window[0].idx if len(window) else token.idx
        return Grounding(MATERIAL, start, token.idx + len(token))
    return None


def _reference_slots(text: str) -> Iterator[Grounding]:
    """Template slots that hold the item's reference answer ("[Expert]: {ideal}", "Correct
    Answer: {{ answer }}"; words of ``ungrounded_reference_slots.txt``)."""
    if "{" not in text:
        return
    names = term_set("ungrounded_reference_slots")
    for slot in _SLOT.finditer(text):
        if not names.isdisjoint(_SLOT_WORD_BREAKS.split(slot.group(1).lower())):
            yield Grounding(REFERENCE_SLOT, slot.start(), slot.end())
