"""RL201 misaligned-or-rigid: mandates and penalties the prompt does not back, and criteria
that relate weakly to the prompt.

Two halves give :class:`Evidence` items (kind, reason, character spans, confidence) that merge
into one finding per criterion: the rule half, :func:`misalignment_evidence`, reads words; the
relevance half (:mod:`rift_lint.rules.rl201_relevance`) compares sentence embeddings and is left
out when embeddings are off. :func:`prompt_view` gives the cheap, cached view of a prompt that
both this rule and RL103 compare criteria with.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from typing import TYPE_CHECKING

from pydantic import Field

from rift_lint.models import Criterion, Diagnostic, Rubric, Scope, Severity
from rift_lint.nlp.lexicon import adjusted, load_lexicon
from rift_lint.nlp.matching import matcher_for
from rift_lint.rules.base import Rule, RuleContext, RuleOptions
from rift_lint.rules.rl201_relevance import (
    genericness,
    prompt_parts,
    reads_english,
    relevance,
    shared_word_share,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

    from rift_lint.nlp.matching import TermMatch, TermMatcher

_WORD = re.compile(r"[^\W_]+(?:[-'\u2019][^\W_]+)*")
_NUMBER = re.compile(r"(?<![0-9.,])[0-9]+(?:[.,][0-9]+)*")
_LENGTH = re.compile(
    r"(?:≤|<=|<|≥|>=|>|\b(?:under|below|at most|no more than|not more than|fewer than|less than|"
    r"maximum of|max(?:imum)?|up to|within|exactly|at least|minimum of|min(?:imum)?|more than|"
    r"over|between|approximately|about|around|roughly)\s*)\(?\s*\d+(?:[.,]\d+)?"
    r"(?:\s*(?:-|\u2013|to|and)\s*\d+(?:[.,]\d+)?)?\s*\)?\s*-?\s*(?P<unit>[a-z]+)",
    re.IGNORECASE,
)
_DIGIT = re.compile(r"\d")
_LEADING_LABEL = re.compile(r"^\s*(?:\*\*[^*\n]{1,200}\*\*\s*:?|[^\n:.?!]{1,60}:)\s*")
_MODAL_START = re.compile(r"^(?:the response\s+|response\s+)?(?:should|must|needs? to|has to)\b")
_FAILURE_START = re.compile(
    r"(?:the response\s+|response\s+)?(?:fails to|failed to|omits|neglects to|"
    r"incorrectly|wrongly)\b",
    re.IGNORECASE,
)
_STRICT_BACKING = frozenset(
    [
        "only",
        "just",
        "exact",
        "exactly",
        "verbatim",
        "solely",
        "nothing",
        "strictly",
        "precisely",
        "merely",
    ]
)
_BACKING_WINDOW = 3
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
_SENTENCE_END = frozenset({".", "?", "!", ";", "\n"})


class PromptView:
    """What rules compare a criterion with: the prompt's words, lemmas and numbers.

    One view per distinct prompt text (cached by :func:`prompt_view`), each part computed on
    first use with a regular expression and the lemma lookup table: a 10,000-character prompt
    costs about a millisecond and is never run through the spaCy pipeline.
    """

    def __init__(self, text: str) -> None:
        self.text = text

    @cached_property
    def lower(self) -> str:
        """The prompt in lower case."""
        return self.text.lower()

    @cached_property
    def words(self) -> frozenset[str]:
        """Lower-case words of the prompt, their lemmas, and the parts of hyphenated words."""
        forms: set[str] = set()
        for word in set(_WORD.findall(self.lower)):
            forms.add(word)
            forms.add(lemma_of(word))
            if "-" in word:
                for part in word.split("-"):
                    forms.add(part)
                    forms.add(lemma_of(part))
        return frozenset(forms)

    @cached_property
    def numbers(self) -> frozenset[str]:
        """The numbers written in the prompt, normalised with :func:`normal_number`."""
        return frozenset(normal_number(match.group()) for match in _NUMBER.finditer(self.text))

    @cached_property
    def limits_answer(self) -> bool:
        """Whether the prompt asks for a bare answer: a strictness word ("only", "just",
        "nothing") within ``_BACKING_WINDOW`` words of a word for the answer ("answer with
        just the number"), not one that restricts something else ("just through manifesting")."""
        words = _WORD.findall(self.lower)
        answer_words = _words("misaligned_answer_words")
        return any(
            word in _STRICT_BACKING
            and not answer_words.isdisjoint(
                words[max(0, index - _BACKING_WINDOW) : index + _BACKING_WINDOW + 1]
            )
            for index, word in enumerate(words)
        )

    def mentions(self, *forms: str) -> bool:
        """Whether any of ``forms`` (lower-case words, lemmas or phrases) occurs in the prompt."""
        for form in forms:
            if form in self.words:
                return True
            if (" " in form or not form.isalnum()) and form in self.lower:
                return True
        return False


EMPTY_PROMPT = PromptView("")


def normal_number(text: str) -> str:
    """A number with thousands separators and trailing decimal zeros dropped."""
    text = re.sub(r"(?<=\d),(?=\d{3}\b)", "", text)
    return text.rstrip("0").rstrip(".") if "." in text else text


@lru_cache(maxsize=65536)
def lemma_of(word: str) -> str:
    """The lookup-table lemma of a lower-case word (the word itself when unlisted)."""
    from rift_lint.nlp.pipeline import _lemma_table

    return _lemma_table().get(word, word)


@lru_cache(maxsize=64)
def prompt_view(prompt: str | None) -> PromptView:
    """The :class:`PromptView` of a prompt (cached per prompt text)."""
    return PromptView(prompt) if prompt else EMPTY_PROMPT


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


class MisalignedOrRigidOptions(RuleOptions):
    """Options of RL201: the relevance thresholds, and the word lists' adjustments.

    The relevance defaults were chosen on the tune half of the development labels (rubrics
    at even positions of dev.jsonl), the cost measured on the shared corpus (22,699 criteria):

    - ``min-similarity`` 0.10: the relevance half adds two true findings and one false one
      to the rule half's eight true ones (tune F1 0.47 to 0.54). Any value from 0.09 to 0.13
      gives the same; 0.10 is the cautious end of that plateau. Below 0.09 a true finding is
      lost; from 0.14 on, false findings come in. -1 switches the relevance check off.
    - ``generic-similarity`` 0.55: the lowest value that keeps every tune-half true finding
      (the closest to the bank scores 0.55); criteria closer to the bank ("Is written in
      English", 0.60) are generic expectations, RL302's concern.
    - ``max-shared-words`` 0.15: no tune-half finding changes from 0.10 to 1.0 (0.0 loses
      one); 0.15 keeps a margin over 0.10 and encodes 40% fewer prompt characters than 0.25
      on the corpus (0.37 million, about a ninth of the criteria's 3.4 million).
    - ``max-prompt-chars`` 2000 (the head and tail halves of a longer prompt): no tune-half
      finding changes from 1000 to the whole prompt; similarities separate the labels a
      little better than with 1000 (tune AUC 0.67 against 0.66; 0.68 uncapped).
    - ``max-criterion-words`` 150 (tokens): about what the default model reads (256 word
      pieces); the longest dev criterion labelled misaligned has 51 words, and longer ones on
      the corpus are grading instructions (400-word templates) that it reads only in part.
    """

    min_similarity: float = Field(default=0.10, ge=-1.0, le=1.0)
    generic_similarity: float = Field(default=0.55, ge=-1.0, le=1.0)
    max_shared_words: float = Field(default=0.15, ge=0.0, le=1.0)
    max_prompt_chars: int = Field(default=2000, ge=200)
    max_criterion_words: int = Field(default=150, ge=1)

    extend_good_practice: tuple[str, ...] = ()
    trim_good_practice: tuple[str, ...] = ()
    extend_format_nouns: tuple[str, ...] = ()
    trim_format_nouns: tuple[str, ...] = ()
    extend_tools: tuple[str, ...] = ()
    trim_tools: tuple[str, ...] = ()
    extend_strictness: tuple[str, ...] = ()
    trim_strictness: tuple[str, ...] = ()


@cache
def _words(name: str) -> frozenset[str]:
    return frozenset(load_lexicon(name))


@cache
def _groups(terms: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """Each alternative of a "a|b|c" lexicon line mapped to the whole group."""
    groups: dict[str, tuple[str, ...]] = {}
    for line in terms:
        members = tuple(member.strip() for member in line.split("|") if member.strip())
        for member in members:
            groups.setdefault(member, members)
    return groups


class MisalignedOrRigid(Rule):
    """A criterion demands what the prompt never asked for, or penalises good practice.

    What it flags:
        A criterion that insists on a specific tool, library or language ("uses pandas"), a
        deliverable, layout or convention ("includes a glossary", "presents the totals in a
        table", "a subsection dedicated to ...", "uses APA style", "includes an emoji"), a
        length ("definitions of at most 20 words"), exact wording ("using the exact words
        ...") or a bare answer ("nothing else", "without any additional information", even
        "not asked for") when the prompt never mentions it (a prompt asks for a bare answer
        when "only", "just" or "nothing" sits within three words of a word for the answer,
        ``misaligned_answer_words.txt``: "answer with just the number"); and a criterion that
        penalises good practice the prompt did not forbid: a penalty (negative points, or
        "deduct if") for asking a clarifying question, stating an assumption, hedging, adding a
        caveat or disclaimer, or referring to a professional; a positive criterion that rewards
        leaving these out ("does not ask clarifying questions", "rather than uncertain
        statements"); a penalty phrased as a requirement ("Should evaluate ..." with negative
        points) or a reward phrased as a failure ("Fails to mention ..." with positive points).
        A bare-answer phrase in reported content ("recognizes that without additional
        information ...") demands nothing. A named thing given as one example ("e.g.
        matplotlib", "any library or none") is not a mandate, and a penalty on excess
        ("unnecessary follow-up questions") is fair. Without a prompt only the penalties are
        flagged. The prompt is compared by its words and lemmas. Word lists live in
        ``rift_lint/data/lexicons/misaligned_*.txt``; ``extend-`` / ``trim-`` options adjust
        ``good-practice``, ``format-nouns``, ``tools`` and ``strictness``.

        With embeddings, also a criterion that relates weakly to the prompt: it shares at
        most ``max-shared-words`` (0.15) of its content words with the prompt, and the cosine
        similarity of its sentence embedding to every sentence or line of the prompt stays
        below ``min-similarity`` (0.10). The message gives the similarity and quotes the
        prompt's closest part. A long prompt is read by its first and last
        ``max-prompt-chars`` / 2 characters (2000 in all). Not judged this way: penalties and
        criteria worded as what to avoid ("Does not insult the user"), which describe
        mistakes; criteria that grade against the prompt itself ("follows the instruction",
        ``misaligned_prompt_references.txt``); grading procedures ("If not, fail"); generic
        criteria, whose similarity to RL302's bank of generic criteria reaches
        ``generic-similarity`` (0.55); criteria longer than ``max-criterion-words`` (150)
        tokens; and prompts or criteria that are not in English. One criterion gets one
        finding, which names every reason. ``--no-embeddings`` leaves the relevance check out
        and keeps the rest. Defaults were chosen on the development labels.

    Why it hurts:
        The rubric stops measuring what the user asked for: a correct answer that picks
        another library or layout loses points, a careful answer that states its
        assumptions scores below a reckless one, and points go to things the user never
        wanted.

    Bad:
        prompt: Write a Python script that prints the total sales per region from sales.csv.
        criteria:
          - text: Uses pandas groupby to compute the totals
          - text: Deduct if the response states an assumption about the file encoding
            points: -2
          - text: Adds a motivational quote at the end

    Better:
        prompt: Write a Python script that prints the total sales per region from sales.csv.
        criteria:
          - text: On the example file, prints North 150, East 95, South 80 (any library)
          - text: Runs on sales.csv without error
    """

    code = "RL201"
    name = "misaligned-or-rigid"
    failure_mode = "misaligned_or_rigid"
    scope = Scope.CRITERION
    default_severity = Severity.WARNING
    uses_nlp = True
    uses_embeddings = True
    embeddings_optional = True
    Options = MisalignedOrRigidOptions

    def check_criterion(self, criterion: Criterion, context: RuleContext) -> Iterator[Diagnostic]:
        """Flag a criterion with at least one piece of misalignment evidence."""
        evidence = self.evidence(criterion, context)
        if not evidence:
            return
        strongest = max(evidence, key=lambda item: item.confidence)
        ordered = [strongest, *(item for item in evidence if item is not strongest)]
        spans = [span for item in ordered for span in item.spans] or [_whole(criterion.text)]
        locations = [criterion.span(start, end) for start, end in dict.fromkeys(spans)]
        others = [item.reason for item in evidence if item is not strongest]
        message = f"The criterion {strongest.reason}" + "".join(
            f"; it also {reason}" for reason in others
        )
        yield self.diagnostic(
            locations[0],
            message,
            rubric=context.rubric,
            criterion=criterion,
            suggestion=_SUGGESTIONS[strongest.kind],
            confidence=round(min(0.95, strongest.confidence + 0.05 * len(others)), 2),
            highlights=locations[1:],
        )

    def evidence(self, criterion: Criterion, context: RuleContext) -> list[Evidence]:
        """The misalignment evidence for one criterion of the context's rubric: the rule
        half's, then the relevance half's when embeddings are available."""
        doc = context.doc(criterion)
        prompt = prompt_view(context.rubric.prompt)
        found = misalignment_evidence(criterion, doc, prompt, self)
        if context.embedder is not None and prompt.text:
            found.extend(self._weak_relevance(criterion, doc, prompt, context))
        return found

    def _weak_relevance(
        self, criterion: Criterion, doc: Doc, prompt: PromptView, context: RuleContext
    ) -> Iterator[Evidence]:
        """A criterion that shares few words with the prompt and is far from every part of it
        in meaning. Not judged: penalties and criteria worded as what to avoid ("Does not
        insult ..."), which describe mistakes, often far from the prompt by nature; criteria
        that grade against the prompt itself ("follows the instruction"); grading procedures
        ("If not, fail"); and criteria too long for the model to read whole or not in
        English."""
        options = self.options
        assert isinstance(options, MisalignedOrRigidOptions)
        if not self._compared_with_prompt(criterion, doc, prompt):
            return
        vector = context.vector(criterion)
        found = relevance(vector, prompt.text, context, options.max_prompt_chars)
        if found is None or found.similarity >= options.min_similarity:
            return
        if genericness(vector, context) < options.generic_similarity:
            yield Evidence(
                "weak relevance",
                f"relates weakly to the prompt (similarity {found.similarity:.2f}; the "
                f'prompt\'s closest part: "{_clip(found.closest)}")',
                (),
                0.5,
            )

    def _compared_with_prompt(self, criterion: Criterion, doc: Doc, prompt: PromptView) -> bool:
        """Whether the relevance half compares the criterion with the prompt in meaning: it
        shares few words with the prompt and is none of the kinds left unjudged."""
        options = self.options
        assert isinstance(options, MisalignedOrRigidOptions)
        text = criterion.text
        if _is_penalty(criterion, doc, self) or _avoidance(doc, text):
            return False
        if self.matcher("prompt_references").find(doc) or _CONDITIONAL_VERDICT.search(text):
            return False
        if len(doc) > options.max_criterion_words or not reads_english(text):
            return False
        return shared_word_share(doc, prompt.words) <= options.max_shared_words

    def texts_to_encode(self, rubric: Rubric, context: RuleContext) -> list[str]:
        """The prompt's parts, when the relevance half compares a criterion with them."""
        options = self.options
        assert isinstance(options, MisalignedOrRigidOptions)
        prompt = prompt_view(rubric.prompt)
        if not prompt.text or not any(
            self._compared_with_prompt(criterion, context.doc(criterion), prompt)
            for criterion in rubric.criteria
        ):
            return []
        return list(prompt_parts(prompt.text, options.max_prompt_chars))

    def __init__(self, options: RuleOptions | None = None) -> None:
        super().__init__(options)
        self._matchers: dict[str, TermMatcher] = {}
        self._groups: dict[str, dict[str, tuple[str, ...]]] = {}

    def matcher(self, key: str) -> TermMatcher:
        """The matcher of lexicon ``misaligned_<key>``, with this rule's options (cached)."""
        matcher = self._matchers.get(key)
        if matcher is None:
            terms = self._terms(key)
            if key in {"format_nouns", "tools"}:
                terms = tuple(_groups(terms))
            matcher = self._matchers[key] = matcher_for(terms)
        return matcher

    def groups(self, key: str) -> dict[str, tuple[str, ...]]:
        """Alternatives of a grouped lexicon ("a|b|c" lines) mapped to their group (cached)."""
        groups = self._groups.get(key)
        if groups is None:
            groups = self._groups[key] = _groups(self._terms(key))
        return groups

    def _terms(self, key: str) -> tuple[str, ...]:
        extend = getattr(self.options, f"extend_{key}", ())
        trim = getattr(self.options, f"trim_{key}", ())
        return adjusted(f"misaligned_{key}", extend, trim)


_SUGGESTIONS = {
    "good practice penalised": (
        'Reward the good practice instead, or penalise only its excess (e.g. "asks more '
        'than one clarifying question when the request is already clear").'
    ),
    "penalty phrased as a requirement": (
        "Make the points positive, or rephrase the text as the behaviour to penalise."
    ),
    "reward phrased as a failure": (
        "Make the points negative, or rephrase the text as the behaviour to reward."
    ),
    "tool not asked for": (
        'Accept any tool that works ("any library or none"), or drop the criterion unless '
        "the prompt names the tool."
    ),
    "deliverable not asked for": (
        "Drop the criterion, or score only what the prompt asks for; if the layout matters, "
        "say so in the prompt."
    ),
    "length not asked for": (
        "Drop the limit, or put it in the prompt so that responses can meet it."
    ),
    "wording not asked for": (
        "Accept any wording with the required content, or state the wording in the prompt."
    ),
    "weak relevance": (
        "Check what the prompt asks for instead, or add the requirement to the prompt if the "
        "task needs it."
    ),
}
_CLIP = 80


def _clip(text: str) -> str:
    """A prompt part for a message: one line, at most about 80 characters."""
    text = " ".join(text.split())
    return text if len(text) <= _CLIP else text[: _CLIP - 3].rstrip() + "..."


def _whole(text: str) -> tuple[int, int]:
    """The span of a text without its surrounding white space."""
    start = len(text) - len(text.lstrip())
    return start, max(start, len(text.rstrip()))


def misalignment_evidence(
    criterion: Criterion, doc: Doc, prompt: PromptView, rule: MisalignedOrRigid
) -> list[Evidence]:
    """Every reason the criterion grades something the prompt did not ask for.

    The rule-based half of RL201: penalties on good practice (judged on the criterion's
    face) and mandates the prompt does not back (only when there is a prompt).
    """
    text = criterion.text
    found: list[Evidence] = []
    penalty = _is_penalty(criterion, doc, rule)
    found.extend(_good_practice(doc, text, prompt, penalty, rule))
    if penalty and criterion.points is not None and criterion.points < 0:
        found.extend(_inverted_penalty(doc, text))
    if criterion.points is not None and criterion.points > 0:
        found.extend(_inverted_reward(text))
    if prompt.text and not penalty:
        found.extend(_tools(doc, prompt, rule))
        found.extend(_deliverables(doc, prompt, rule))
        found.extend(_lengths(text, prompt))
        found.extend(_strictness(doc, text, prompt, rule))
    return found


def _is_penalty(criterion: Criterion, doc: Doc, rule: MisalignedOrRigid) -> bool:
    if criterion.points is not None and criterion.points < 0:
        return True
    return any(match.span.start < 6 for match in rule.matcher("penalty_cues").find(doc))


def _negated(doc: Doc, match: TermMatch) -> bool:
    """Whether a negation cue comes up to four words before the term (same clause)."""
    cues = _words("misaligned_negation_cues")
    start = match.span.start
    sentence = _sentence(doc, start)
    opening = [t for t in doc[sentence.start : sentence.start + 4] if not t.is_punct]
    if any(token.lower_ in cues for token in opening[:3]):
        return True  # "Does not mention ... referral", "Fails to ..."
    for token in reversed(doc[max(0, start - 4) : start]):
        if token.text in _SENTENCE_END or token.text == ",":
            return False
        if token.lower_ in cues:
            return True
    return False


def _good_practice(
    doc: Doc, text: str, prompt: PromptView, penalty: bool, rule: MisalignedOrRigid
) -> Iterator[Evidence]:
    """Penalties on good practice: a penalty for doing it, or a reward for leaving it out."""
    matches = rule.matcher("good_practice").find(doc)
    if (
        not matches
        or rule.matcher("excess_qualifiers").find(doc)
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
    start = _label_end(text)
    body = text[start:].lower()
    match = _MODAL_START.match(body)
    if not match:
        return
    rest = doc.char_span(start + match.end(), len(text), alignment_mode="expand")
    cues = _words("misaligned_negation_cues")
    if rest is None or any(token.lower_ in cues for token in rest[:8]):
        return
    careful = _words("misaligned_careful_verbs")
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
    start = _label_end(text)
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
    start = _label_end(text)
    cues = _words("misaligned_negation_cues")
    opening = [token for token in doc if token.idx >= start and not token.is_punct][:4]
    return any(token.lower_ in cues for token in opening)


def _label_end(text: str) -> int:
    match = _LEADING_LABEL.match(text)
    return match.end() if match and len(match.group()) < len(text) else 0


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


def _example_context(doc: Doc, span: Span) -> bool:
    """Whether the term is offered as one example among several.

    True when an example cue ("e.g.", "such as", "like") comes up to three words before it
    or eight words after it in its sentence, when the term sits in parentheses that open
    with such a cue, or when "or ..." follows it ("pandas or similar").
    """
    cues = matcher_for(load_lexicon("misaligned_example_cues")).find(doc)  # cached matcher
    sentence = _sentence(doc, span.start)
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


def _mandated(doc: Doc, span: Span, verbs_lexicon: str = "misaligned_mandate_verbs") -> bool:
    """Whether a mandate verb governs the term (within six words before it, same sentence,
    not negated), or the term follows "in"/"into" ("presents the totals in a table")."""
    verbs = _words(verbs_lexicon)
    negations = _words("misaligned_negation_cues")
    sentence = _sentence(doc, span.start)
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
    includes comprehensive test cases" asks for new tests.
    """
    verbs = _words("misaligned_mandate_verbs")
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


def _tools(doc: Doc, prompt: PromptView, rule: MisalignedOrRigid) -> Iterator[Evidence]:
    """Named tools the criterion requires as the means, which the prompt never mentions."""
    groups = rule.groups("tools")
    found = [
        match
        for match in rule.matcher("tools").find(doc)
        if not prompt.mentions(match.span.text.lower(), *groups.get(match.term, (match.term,)))
        and _mandated(doc, match.span, "misaligned_tool_verbs")
        and not _example_context(doc, match.span)
    ]
    if found:
        yield Evidence(
            "tool not asked for",
            f"insists on {_quoted(found)}, which the prompt never mentions",
            tuple((match.start_char, match.end_char) for match in found),
            0.75,
        )


def _deliverables(doc: Doc, prompt: PromptView, rule: MisalignedOrRigid) -> Iterator[Evidence]:
    """Artefacts or layouts the criterion requires and the prompt does not ask for."""
    groups = rule.groups("format_nouns")
    found = [
        match
        for match in rule.matcher("format_nouns").find(doc)
        if not prompt.mentions(*groups.get(match.term, (match.term,)))
        and _mandated(doc, match.span)
        and not _example_context(doc, match.span)
        and not _definite(doc, match.span)
    ]
    if found:
        yield Evidence(
            "deliverable not asked for",
            f"requires {_quoted(found)}, which the prompt does not ask for",
            tuple((match.start_char, match.end_char) for match in found),
            0.6,
        )


def _quoted(matches: list[TermMatch]) -> str:
    return ", ".join(dict.fromkeys(f'"{match.span.text}"' for match in matches))


def _lengths(text: str, prompt: PromptView) -> Iterator[Evidence]:
    """A length limit ("under 150 words") the prompt does not set, in any unit or number."""
    if not _DIGIT.search(text):
        return
    units = _words("misaligned_length_units")
    for match in _LENGTH.finditer(text):
        unit = match.group("unit").lower()
        lemma = lemma_of(unit)
        if lemma not in units and unit not in units:
            continue
        if prompt.mentions(unit, lemma) or any(
            normal_number(number.group()) in prompt.numbers
            for number in _NUMBER.finditer(match.group())
        ):
            continue
        yield Evidence(
            "length not asked for",
            f'sets a length ("{match.group().strip()}") that the prompt does not',
            ((match.start(), match.end()),),
            0.6,
        )


def _strictness(
    doc: Doc, text: str, prompt: PromptView, rule: MisalignedOrRigid
) -> Iterator[Evidence]:
    """A demand for a bare answer or exact wording the prompt does not make."""
    matches = [
        match
        for match in rule.matcher("strictness").find(doc)
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
