"""The word half of RL201: what a criterion demands or penalises that the prompt does not back.

:func:`misalignment_evidence` reads a criterion's doc with RL201's word lists
(:class:`WordLists`: ``rift_lint/data/lexicons/misaligned_*.txt`` with the rule's options) and
compares it with the prompt's :class:`~rift_lint.prompts.view.PromptView`. It gives one
:class:`Evidence` item per reason: good practice penalised, a penalty phrased as a requirement
or a reward phrased as a failure, and a tool, deliverable, length or strictness the prompt does
not ask for. :func:`unjudged_by_relevance` tells the relevance half
(:mod:`rift_lint.rules.rl201_relevance`) which criteria it leaves alone by what their words say.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from rift_lint.nlp.criterion_layout import body_end, header_end
from rift_lint.nlp.doccache import memo
from rift_lint.nlp.lemmas import table_lemma
from rift_lint.nlp.lexicon import load_lexicon, term_set, variants
from rift_lint.nlp.matching import matcher_for
from rift_lint.nlp.quotes import quoted_ranges
from rift_lint.nlp.statements import stated
from rift_lint.nlp.tokens import s_inflected
from rift_lint.prompts.view import numbers_in

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

    from rift_lint.models import Criterion
    from rift_lint.nlp.matching import TermMatch, TermMatcher
    from rift_lint.prompts.view import PromptView
    from rift_lint.rules.base import RuleOptions

# Possessive: optional marks between runs of spaces ("5  )  -  words") let each run be
# split between its neighbours in every way, polynomial in a long run that ends in no unit.
_LENGTH = re.compile(
    r"(?:≤|<=|<|≥|>=|>|\b(?:under|below|at most|no more than|not more than|fewer than|less than|"
    r"maximum of|max(?:imum)?|up to|within|exactly|at least|minimum of|min(?:imum)?|more than|"
    r"over|between|approximately|about|around|roughly)\s*+)\(?+\s*+\d++(?:[.,]\d++)?"
    r"(?:\s*+(?:-|\u2013|to|and)\s*+\d++(?:[.,]\d++)?)?\s*+\)?+\s*+-?+\s*+(?P<unit>[a-z]+)",
    re.IGNORECASE,
)
_DIGIT = re.compile(r"\d")
_MODAL_START = re.compile(r"^(?:the response\s+|response\s+)?(?:should|must|needs? to|has to)\b")
_FAILURE_START = re.compile(
    r"(?:the response\s+|response\s+)?(?:fails to|failed to|omits|neglects to|"
    r"incorrectly|wrongly)\b",
    re.IGNORECASE,
)
# "without any additional or missing information", "than what is required": exactly what was
# asked, which restates the prompt rather than narrowing it. "Any additional information not
# asked for" still forbids every addition; "unnecessary details" (not in the lexicon) only the
# excess.
_SYMMETRIC = re.compile(
    r"\badditional or (?:less|fewer|missing|removed)\b|\bmore or less\b|\bmissing or additional\b"
    r"|\bthan (?:what is |what's )?(?:required|asked|requested|needed|specified)\b"
    r"|\bas per the instruction",
    re.IGNORECASE,
)
# "Step 1: Does the response ...? If yes, fail." spells out its own verdict.
_CONDITIONAL_VERDICT = re.compile(r"\bif (?:yes|so|not)\b|\bthen fail", re.IGNORECASE)
_DEFINITE = frozenset(
    ["the", "this", "that", "these", "those", "its", "their", "his", "her", "your", "our"]
)
# Words that may come before a sentence's opening negation: "The response does not ...".
_SUBJECTS = frozenset({"the", "response", "answer", "output", "model", "assistant", "it"})
_AUXILIARIES = frozenset({"does", "did", "do", "is", "was", "should", "must", "will", "can"})
_SENTENCE_END = frozenset({".", "?", "!", ";", "\n"})
# Per-doc results shared by every term of a criterion (nlp.doccache.memo keys).
_EXAMPLE_CUES_KEY = "rift_lint.rl201_example_cues"
_QUOTED_KEY = "rift_lint.rl201_quoted"


@dataclass(frozen=True)
class Evidence:
    """One reason a criterion is misaligned or rigid: what, why, where, how sure.

    ``reason`` completes the sentence "The criterion ..."; ``spans`` are (start, end)
    character offsets into the criterion text, the first being the main one.
    """

    kind: str
    reason: str
    spans: tuple[tuple[int, int], ...]
    confidence: float


@cache
def _groups(terms: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """Each alternative of a "a|b|c" lexicon line mapped to the whole group."""
    groups: dict[str, tuple[str, ...]] = {}
    for line in terms:
        members = variants(line)
        for member in members:
            groups.setdefault(member, members)
    return groups


class WordLists:
    """RL201's word lists (``misaligned_<key>.txt``) with a rule's ``extend-<key>`` and
    ``trim-<key>`` options applied, as matchers and groups built on first use."""

    def __init__(self, options: RuleOptions) -> None:
        self._options = options
        self._matchers: dict[str, TermMatcher] = {}
        self._groups: dict[str, dict[str, tuple[str, ...]]] = {}

    def matcher(self, key: str) -> TermMatcher:
        """The matcher of lexicon ``misaligned_<key>``, with the options (cached)."""
        matcher = self._matchers.get(key)
        if matcher is None:
            terms = self._options.word_list(key)
            if key in {"format_nouns", "tools"}:
                terms = tuple(_groups(terms))
            matcher = self._matchers[key] = matcher_for(terms)
        return matcher

    def groups(self, key: str) -> dict[str, tuple[str, ...]]:
        """Alternatives of a grouped lexicon ("a|b|c" lines) mapped to their group (cached)."""
        groups = self._groups.get(key)
        if groups is None:
            groups = self._groups[key] = _groups(self._options.word_list(key))
        return groups


def misalignment_evidence(
    criterion: Criterion, doc: Doc, prompt: PromptView, lists: WordLists
) -> list[Evidence]:
    """Every reason the criterion grades something the prompt did not ask for.

    The word half of RL201: penalties on good practice (judged on the criterion's
    face) and mandates the prompt does not back (only when there is a prompt).
    """
    text = criterion.text
    found: list[Evidence] = []
    penalty = _is_penalty(criterion, doc, lists)
    found.extend(_good_practice(doc, text, prompt, penalty, lists))
    if penalty and criterion.points is not None and criterion.points < 0:
        found.extend(_inverted_penalty(doc, text))
    if criterion.points is not None and criterion.points > 0:
        found.extend(_inverted_reward(text))
    if prompt.text and not penalty:
        found.extend(_tools(doc, prompt, lists))
        found.extend(_deliverables(doc, prompt, lists))
        found.extend(_lengths(doc, text, prompt))
        found.extend(_strictness(doc, text, prompt, lists))
    return found


def unjudged_by_relevance(criterion: Criterion, doc: Doc, lists: WordLists) -> bool:
    """Whether the relevance half leaves the criterion unjudged for what its words say: a
    penalty or a criterion worded as what to avoid ("Does not insult ..."), which describe
    mistakes; a criterion that grades against the prompt itself ("follows the instruction",
    ``misaligned_prompt_references.txt``); or a grading procedure ("If not, fail")."""
    text = criterion.text
    if _is_penalty(criterion, doc, lists) or _avoidance(doc, text):
        return True
    return bool(lists.matcher("prompt_references").find(doc) or _CONDITIONAL_VERDICT.search(text))


def _is_penalty(criterion: Criterion, doc: Doc, lists: WordLists) -> bool:
    if criterion.points is not None and criterion.points < 0:
        return True
    return any(match.span.start < 6 for match in lists.matcher("penalty_cues").find(doc))


def _negated(doc: Doc, match: TermMatch) -> bool:
    """Whether a negation cue comes up to four words before the term (same clause).

    A negation opening the sentence ("Does not mention ... referral", "Fails to ...") covers
    the whole sentence, except a predicate of its own that the term opens after "and" or
    "but" ("Avoids making assumptions and asks for clarification" rewards asking). Nor does
    a nearer cue reach past such a predicate ("acknowledge missing context and request
    clarification"). "Instead" and "rather" negate only as "instead of" and "rather than".
    """
    start = match.span.start
    sentence = _sentence(doc, start)
    if _opens_negated(doc, sentence):
        return not _own_predicate(doc, match.span, third_person=True)
    if _own_predicate(doc, match.span, third_person=False):
        return False
    for token in reversed(doc[max(0, start - 4) : start]):
        if token.text in _SENTENCE_END or token.text == ",":
            return False
        if _negation_cue(doc, token.i):
            return True
    return False


def _opens_negated(doc: Doc, sentence: Span) -> bool:
    """Whether the sentence opens with a negation cue, after at most a subject or an
    auxiliary ("Fails to", "The response does not", "Never"), not a cue further in
    ("acknowledge missing context")."""
    for token in [t for t in sentence[:4] if not t.is_punct][:3]:
        if _negation_cue(doc, token.i):
            return True
        if token.lower_ not in _SUBJECTS and token.lower_ not in _AUXILIARIES:
            return False
    return False


def _negation_cue(doc: Doc, index: int) -> bool:
    """Whether the word at ``index`` is one of ``misaligned_negation_cues``; "instead" and
    "rather" only when "of" or "than" follows ("instead, ask ..." asks)."""
    word = doc[index].lower_
    if word not in term_set("misaligned_negation_cues"):
        return False
    if word in {"instead", "rather"}:
        return index + 1 < len(doc) and doc[index + 1].lower_ in {"of", "than"}
    return True


def _own_predicate(doc: Doc, span: Span, *, third_person: bool) -> bool:
    """Whether the term opens a coordinated predicate: "and"/"but" before it (an adverb may
    come between) and its first word one of ``misaligned_careful_verbs``, in the -s form
    ("and asks for clarification") or, unless ``third_person``, also the base form ("and
    request clarification"). After "Fails to", a base form is still under the negation."""
    if len(span) < 2:
        return False
    verb = span[0]
    if verb.lemma_ not in term_set("misaligned_careful_verbs"):
        return False
    inflected = s_inflected(verb)
    if not inflected and (third_person or verb.lower_ != verb.lemma_):
        return False
    before = span.start - 1
    if before > 0 and doc[before].lower_.endswith("ly"):
        before -= 1
    return before >= 0 and doc[before].lower_ in {"and", "but"}


def _good_practice(
    doc: Doc, text: str, prompt: PromptView, penalty: bool, lists: WordLists
) -> Iterator[Evidence]:
    """Penalties on good practice: a penalty for doing it, or a reward for leaving it out.

    A trailing "(Justification: ...)" explains the criterion; good practice it mentions is
    not what the criterion scores.
    """
    end = body_end(text)
    matches = [m for m in lists.matcher("good_practice").find(doc) if m.start_char < end]
    if (
        not matches
        or lists.matcher("excess_qualifiers").find(doc)
        or _CONDITIONAL_VERDICT.search(text)
    ):
        return
    offending = [m for m in matches if _negated(doc, m) != penalty]
    if not offending:
        return
    if prompt.text and any(prompt.mentions(*_content_forms(m.span)) for m in offending):
        return  # the prompt speaks about it (perhaps forbids it): not judged here
    terms = ", ".join(dict.fromkeys(f'"{m.span.text}"' for m in offending))
    how = "penalises" if penalty else "rewards leaving out"
    yield Evidence(
        "good practice penalised",
        f"{how} good practice ({terms}) that the prompt does not forbid",
        tuple((m.start_char, m.end_char) for m in offending),
        0.7,
    )


def _inverted_penalty(doc: Doc, text: str) -> Iterator[Evidence]:
    """A negative-points criterion phrased as a requirement ("Should evaluate ...")."""
    start = header_end(text)
    body = text[start:].lower()
    match = _MODAL_START.match(body)
    if not match:
        return
    rest = doc.char_span(start + match.end(), len(text), alignment_mode="expand")
    cues = term_set("misaligned_negation_cues")
    if rest is None or any(token.lower_ in cues for token in rest[:8]):
        return
    careful = term_set("misaligned_careful_verbs")
    if not any(token.lemma_ in careful for token in rest[:4]):
        return
    yield Evidence(
        "penalty phrased as a requirement",
        "carries negative points but describes what the response should do, so it penalises "
        "the expected behaviour",
        ((start + match.start(), start + match.end()),),
        0.65,
    )


def _inverted_reward(text: str) -> Iterator[Evidence]:
    """A positive-points criterion that describes a failure ("Fails to mention ...")."""
    start = header_end(text)
    match = _FAILURE_START.match(text[start:])
    if match:
        yield Evidence(
            "reward phrased as a failure",
            "carries positive points but describes a failure, so it rewards the mistake",
            ((start + match.start(), start + match.end()),),
            0.75,
        )


def _avoidance(doc: Doc, text: str) -> bool:
    """Whether the criterion opens as something to avoid: a negation cue among its first four
    words after any leading label ("Does not insult", "Uses no jargon", "The response avoids")."""
    start = header_end(text)
    cues = term_set("misaligned_negation_cues")
    opening = [token for token in doc if token.idx >= start and not token.is_punct][:4]
    return any(token.lower_ in cues for token in opening)


def _content_forms(span: Span) -> list[str]:
    """Words of a term worth looking for in the prompt (its content words, as word and lemma)."""
    forms = []
    for token in span:
        if not token.is_stop and token.is_alpha:
            forms.extend((token.lower_, token.lemma_))
    return forms or [span.text.lower()]


def _sentence(doc: Doc, index: int) -> Span:
    start = index
    while start > 0 and doc[start - 1].text not in _SENTENCE_END:
        start -= 1
    end = index
    while end < len(doc) and doc[end].text not in _SENTENCE_END:
        end += 1
    return doc[start:end]


def _example_context(doc: Doc, span: Span, sentence: Span) -> bool:
    """Whether the term (in ``sentence``) is offered as one example among several.

    True when an example cue ("e.g.", "such as", "like") comes up to three words before it
    or eight words after it in its sentence, when the term sits in parentheses that open
    with such a cue, or when "or ..." follows it ("pandas or similar").
    """
    cues = memo(
        doc,
        _EXAMPLE_CUES_KEY,
        lambda: matcher_for(load_lexicon("misaligned_example_cues")).find(doc),
    )
    for cue in cues:
        if span.start - 3 <= cue.span.start < min(span.end + 8, sentence.end):
            return True
    opened = _open_parenthesis(doc, span.start)
    if opened is not None and any(opened < cue.span.start < span.start for cue in cues):
        return True
    return span.end < len(doc) and doc[span.end].lower_ == "or"


def _open_parenthesis(doc: Doc, index: int) -> int | None:
    """Token index of the parenthesis enclosing ``index``, if any."""
    depth = 0
    for token in reversed(doc[:index]):
        if token.text == ")":
            depth += 1
        elif token.text == "(":
            if depth == 0:
                return token.i
            depth -= 1
    return None


def _mandated(doc: Doc, span: Span, sentence: Span, verbs_lexicon: str) -> bool:
    """Whether a mandate verb governs the term (within ten words before it, same sentence,
    not negated), or the term follows "in"/"into" ("presents the totals in a table")."""
    verbs = term_set(verbs_lexicon)
    negations = term_set("misaligned_negation_cues")
    window = doc[max(sentence.start, span.start - 10) : span.start]
    if any(token.lower_ in negations for token in doc[sentence.start : span.start]):
        return False
    if any(token.lemma_ in verbs or token.lower_ in verbs for token in window):
        return True
    before = [token.lower_ for token in doc[max(sentence.start, span.start - 2) : span.start]]
    if before and before[-1] in {"a", "an"}:
        before = before[:-1]
    return bool(before) and before[-1] in {"in", "into"}


def _definite(doc: Doc, span: Span) -> bool:
    """Whether the noun is a definite thing ("the WHO growth chart"), not a new deliverable.

    Looks back from the noun to the nearest determiner, number, punctuation or mandate verb
    (six words at most): "the"/"this"/"its" make it definite, "a"/"one" a new deliverable. A
    mandate verb ends the noun phrase, so the subject's article does not count: "The code
    includes comprehensive test cases" asks for new tests. A numbered noun is an existing one
    ("as shown in Figure 6d").
    """
    if span.end < len(doc) and doc[span.end].text[:1].isdigit():
        return True
    verbs = term_set("misaligned_mandate_verbs")
    for token in reversed(doc[max(0, span.start - 6) : span.start]):
        if token.lower_ in _DEFINITE:
            return True
        if (
            token.is_punct
            or token.like_num
            or token.lower_ in {"a", "an", "any", "some"}
            or token.lemma_ in verbs
        ):
            return False
    return False


def _tools(doc: Doc, prompt: PromptView, lists: WordLists) -> Iterator[Evidence]:
    """Named tools the criterion requires as the means, which the prompt never mentions."""
    groups = lists.groups("tools")
    found = [
        match
        for match in lists.matcher("tools").find(doc)
        if not prompt.mentions(match.span.text.lower(), *groups.get(match.term, (match.term,)))
        and _demanded(doc, match.span, "misaligned_tool_verbs")
    ]
    if found:
        yield Evidence(
            "tool not asked for",
            f"insists on {_quoted(found)}, which the prompt never mentions",
            tuple((match.start_char, match.end_char) for match in found),
            0.75,
        )


def _deliverables(doc: Doc, prompt: PromptView, lists: WordLists) -> Iterator[Evidence]:
    """Artefacts or layouts the criterion requires and the prompt does not ask for."""
    groups = lists.groups("format_nouns")
    found = [
        match
        for match in lists.matcher("format_nouns").find(doc)
        if not prompt.mentions(*groups.get(match.term, (match.term,)))
        and _demanded(doc, match.span, "misaligned_mandate_verbs")
        and not _definite(doc, match.span)
        and not _counted_figures(doc, match.span)
    ]
    if found:
        yield Evidence(
            "deliverable not asked for",
            f"requires {_quoted(found)}, which the prompt does not ask for",
            tuple((match.start_char, match.end_char) for match in found),
            0.6,
        )


def _counted_figures(doc: Doc, span: Span) -> bool:
    """Whether "figures" means numbers ("tuition figures", "the latest figures"): the word
    before it is one of ``misaligned_figure_senses``."""
    return (
        span.text.lower() in {"figure", "figures"}
        and span.start > 0
        and doc[span.start - 1].lemma_.lower() in term_set("misaligned_figure_senses")
    )


def _demanded(doc: Doc, span: Span, verbs_lexicon: str) -> bool:
    """Whether the criterion demands the term of the response: a verb of ``verbs_lexicon``
    governs it (:func:`_mandated`), and it is not one example among several nor content the
    response reports: in a statement's that-clause ("states that PX4 is written in C") or
    inside a quoted passage (a title: "'Histograms of oriented optical flow'"; the term
    quoted alone is still demanded)."""
    sentence = _sentence(doc, span.start)
    return (
        _mandated(doc, span, sentence, verbs_lexicon)
        and not _example_context(doc, span, sentence)
        and not _reported(doc, span, sentence)
    )


def _reported(doc: Doc, span: Span, sentence: Span) -> bool:
    """Whether the words (in ``sentence``) are content the response reports: in a
    statement's that-clause or inside a longer quoted passage."""
    return stated(doc, sentence.start, span.start) or _in_quoted_passage(doc, span)


def _in_quoted_passage(doc: Doc, span: Span) -> bool:
    """Whether the words are part of a longer quoted passage (ranges include the marks)."""
    length = span.end_char - span.start_char
    return any(
        start < span.start_char and span.end_char < end and end - start - 2 > length
        for start, end in memo(doc, _QUOTED_KEY, lambda: quoted_ranges(doc.text))
    )


def _quoted(matches: list[TermMatch]) -> str:
    return ", ".join(dict.fromkeys(f'"{match.span.text}"' for match in matches))


def _lengths(doc: Doc, text: str, prompt: PromptView) -> Iterator[Evidence]:
    """A length limit ("under 150 words") the prompt does not set, in any unit or number,
    unless it is content the response reports ("states that at least 60 minutes of activity
    a day ...")."""
    if not _DIGIT.search(text):
        return
    units = term_set("misaligned_length_units")
    for match in _LENGTH.finditer(text):
        unit = match.group("unit").lower()
        lemma = table_lemma(unit)
        if lemma not in units and unit not in units:
            continue
        if prompt.mentions(unit, lemma) or not prompt.numbers.isdisjoint(numbers_in(match.group())):
            continue
        words = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if words is not None and _reported(doc, words, _sentence(doc, words.start)):
            continue
        yield Evidence(
            "length not asked for",
            f'sets a length ("{match.group().strip()}") that the prompt does not ask for',
            ((match.start(), match.end()),),
            0.6,
        )


def _strictness(doc: Doc, text: str, prompt: PromptView, lists: WordLists) -> Iterator[Evidence]:
    """A demand for a bare answer or exact wording the prompt does not make."""
    matches = [
        match
        for match in lists.matcher("strictness").find(doc)
        if match.span.start == 0 or doc[match.span.start - 1].lower_ != "that"
    ]  # "recognizes that without additional information ...": reported content
    if not matches or _SYMMETRIC.search(text):
        return
    if prompt.limits_answer:
        return
    first = matches[0]
    yield Evidence(
        "wording not asked for",
        f'accepts only a bare or exact answer ("{first.span.text}"), a strictness the prompt '
        "does not set",
        ((first.start_char, first.end_char),),
        0.55,
    )
