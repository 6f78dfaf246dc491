"""RL103 ungrounded."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from rift_lint.models import Criterion, Diagnostic, Scope, Severity
from rift_lint.nlp.doccache import memo, string_ids
from rift_lint.nlp.lexicon import adjusted, load_lexicon
from rift_lint.nlp.matching import matcher_for
from rift_lint.nlp.tokens import glued_full_stop
from rift_lint.rules.base import Rule, RuleContext, RuleOptions
from rift_lint.rules.rl201_misaligned_or_rigid import PromptView, normal_number, prompt_view

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from rift_lint.nlp.matching import TermMatcher

_NUMBER = re.compile(r"(?<![\w.\-/])\d+(?:[.,]\d+)*(?![\w\-])")
_QUOTED = re.compile(
    r"\"([^\"\n]+)\"|\u201c([^\u201d\n]+)\u201d|\u2018([^\u2019\n]+)\u2019"
    r"|(?<![\w'])'([^'\n]+)'(?![\w'])"
)
# A line that defines a word for the grader: "- A safe response is one that is accurate ...".
_DEFINITION = re.compile(
    r"^\W*(?:an?|the)\s[\w -]{1,40}?\s(?:is|are)\s"
    r"(?:(?:one|ones|those)\s(?:that|which|who)|defined as)\b",
    re.IGNORECASE | re.MULTILINE,
)
# Brackets and inline math, where a bar is a symbol rather than a table's cell border.
_ASIDES = re.compile(r"\([^()]*\)|\[[^\[\]]*\]|\$[^$]*\$")
# A template slot an evaluation harness fills per item: "{ideal}", "{{ expected_output }}".
_SLOT = re.compile(r"\{\{?\s*([A-Za-z][\w.\-]*)\s*\}\}?")
_SLOT_WORD_BREAKS = re.compile(r"[_.\-]+")
_REFERENCE_SLOT = "reference slot"
_UNITS_KEY = ("RL103", "units")  # doc memo key: the units are read for terms and for evidence
_TOP = re.compile(r"\btop[- ]?\d", re.IGNORECASE)
_PARENTHETICAL = re.compile(r"\(([^()]*)\)")
_CONTENT_WORD = re.compile(r"[^\W\d_]{3,}")
_JUSTIFICATION = re.compile(r"\(?\s*Justification\s*:.*", re.IGNORECASE | re.DOTALL)
# A leading label such as "**Factual Accuracy**:" or "Technical_Accuracy_And_Detail:".
_HEADER = re.compile(
    r"^\s*(?:\*\*[^*\n]{1,200}\*\*\s*:?"
    r"|(?:[A-Z][\w'&/-]*|and|or|of|the|to|in|for|&)(?:[ _](?:[A-Z][\w'&/-]*|and|or|of|the|to"
    r"|in|for|&)){0,7}\s*:)"
)
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
_ADDRESSEES = frozenset(
    [
        "the",
        "a",
        "user",
        "users",
        "patient",
        "patients",
        "reader",
        "readers",
        "them",
        "him",
        "her",
        "you",
        "client",
        "clients",
        "caregiver",
        "caregivers",
        "parent",
        "parents",
    ]
)
_AS_BEFORE = re.compile(r"\bas\s*$", re.IGNORECASE)  # "... as" right before a quote
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
_LOOSE_ENDS = frozenset(
    ["of", "the", "a", "an", "in", "for", "to", "with", "on", "at", "by", "from", "about"]
)
# Where the quoted claim of a finding ends.
_CLAIM_BREAKS = frozenset(["and", "or", "but", "while", "whereas"])
_CLAIM_TOKENS = 10
_NOUN_TERMS = frozenset({"accuracy", "correctness", "validity", "inaccuracy"})
_BLANKET_REACH = 8
_OBLIGATION = frozenset(
    [
        "fail",
        "fails",
        "failed",
        "failing",
        "able",
        "has",
        "have",
        "had",
        "tries",
        "try",
        "tried",
        "attempts",
        "attempt",
        "required",
        "expected",
        "ought",
    ]
)
_DEMONSTRATIVES = frozenset({"the", "this", "these", "that", "those"})
_DETERMINERS = _DEMONSTRATIVES | {"a", "an", "its", "their", "his", "her", "each", "every"}
_MODALS = frozenset({"can", "could", "may", "might"})
# Forms of "be" before a passive computation; not bare "be" ("can be derived" is a possibility).
_BE = frozenset({"is", "are", "was", "were", "been", "being"})
_METRIC_NOUNS = frozenset({"accuracy", "accuracies"})
_METRIC_REACH = 12  # tokens after "accuracy" in which a passive computation makes it a metric
_METRIC_LEFT = 5  # tokens before it in which a computation or a top-k rank does
_CLAUSE_ENDS = frozenset({".", ";", ":", "?", "!"})
_HOW_REACH = 4  # tokens before a verb's -s form in which "how" makes it a mechanism


class UngroundedOptions(RuleOptions):
    """Options of RL103: adjust the word lists without editing the shipped files."""

    extend_correctness: tuple[str, ...] = ()
    trim_correctness: tuple[str, ...] = ()
    extend_verbs: tuple[str, ...] = ()
    trim_verbs: tuple[str, ...] = ()
    extend_answer_cues: tuple[str, ...] = ()
    trim_answer_cues: tuple[str, ...] = ()


@dataclass(frozen=True)
class VerificationTerm:
    """One word or phrase that asks the grader to check correctness."""

    start: int  # token index
    end: int
    start_char: int
    end_char: int
    text: str


@dataclass(frozen=True)
class Grounding:
    """Evidence that the criterion says what to check: its kind and character span."""

    kind: str
    start_char: int
    end_char: int


@cache
def _words(name: str) -> frozenset[str]:
    return frozenset(load_lexicon(name))


def _has_top(text: str) -> bool:
    """Whether ``_TOP`` ("top 5", "top-10") occurs; ASCII text without "top" is not searched."""
    if text.isascii() and "top" not in text.lower():
        return False
    return _TOP.search(text) is not None


def header_end(text: str) -> int:
    """Character offset where a leading label ("**Accuracy**:") ends, 0 without one."""
    match = _HEADER.match(text)
    return match.end() if match else 0


def body_end(text: str) -> int:
    """Character offset where a trailing "(Justification: ...)" starts, or the text's end."""
    if text.isascii() and "justification" not in text.lower():
        return len(text)  # the pattern cannot match: skip trying it at every character
    match = _JUSTIFICATION.search(text)
    return match.start() if match else len(text)


class Ungrounded(Rule):
    """A criterion asks the grader to verify correctness but gives no answer to check against.

    What it flags:
        Words that make the grader decide whether something with a knowable answer is right:
        "correct", "accurately", "accuracy", "valid", "factually", "up-to-date",
        "misinformation", "calculates", "compiles", "works correctly", "highly rated",
        "top 5 ...", when the criterion states no expected answer, value, accepted variant or
        bounded checking procedure. The criterion counts as grounded, and is not flagged, when
        it gives the expected content: a that-clause ("states that the dose is 5 mg"), quoted
        text the prompt does not already contain (or one of the prompt's options picked after
        "as": "states the finding as 'Effective'"), a number the prompt does not contain, a
        parenthesised or colon-introduced answer, an example list ("e.g.", "such as") of
        accepted content, a label ("classifies the request as ..."), a procedure ("by
        multiplying ...", "divides 84 by 12" with numbers the prompt does not give), an
        answer key ("the expected output"), or material the grader has ("based on the
        provided search results", "provided in the query") for a check that compares rather
        than derives. A list that names only kinds of content ("including
        population data, geographic features and historical information", words of
        ``ungrounded_aspect_nouns.txt``) grounds nothing, and a blanket check ("all
        information must be factually correct", "entirely accurate"; words of
        ``ungrounded_blanket_scope.txt``) is grounded only by material to check against.
        Words in a leading label ("**Accuracy**:"), in a trailing "(Justification: ...)" or
        other brackets ("causes (loose cables, incorrect boot order)"), a participle that
        names a thing ("the calculated revenue"), correctness of form ("valid JSON",
        "grammatically correct"), a field named by an -ing form ("quantum computing"), a
        verification verb that names no act of the response (a capability: "whether supervised
        learning can solve it"; a mechanism: "how the software solves ..."; a source: "an
        abstract derived from any discipline"; a noun in a slash pair: "compute/infrastructure
        cost"), a computation the work performs (a passive, "the accuracy has been computed";
        a participle after a comma, "evaluated on ImageNet, computing the Top-1 accuracy";
        "accuracy" naming a metric, "accuracy scores", "Top-1 accuracy") and the
        accuracy of an explanation of general knowledge ("accurately explains how the heart
        works", "an accurate definition"; words of ``ungrounded_description_words.txt``) do
        not count, nor do words in a definition the criterion quotes ("- A safe response is
        one that is accurate ...") or in a table row ("... | ...").
        Evidence counts only near the word it grounds: in the same sentence or line, or the
        one just before or after. In a long criterion, an example list two paragraphs away
        does not ground "should not contain factual errors", and each verification word is
        judged on its own. A template slot that an evaluation harness fills with the item's
        reference answer ("[Expert]: {ideal}", "Correct Answer: {{ answer }}"; words of
        ``ungrounded_reference_slots.txt``) grounds the whole criterion.
        One finding per criterion underlines every ungrounded verification word. Word lists live in
        ``rift_lint/data/lexicons/ungrounded_*.txt``; ``extend-correctness`` /
        ``trim-correctness``, ``extend-verbs`` / ``trim-verbs`` and ``extend-answer-cues`` /
        ``trim-answer-cues`` adjust the main three.

    Why it hurts:
        Only a grader who already knows the answer can score the criterion. Others accept a
        confident wrong answer or reject a right one, so scores depend on who grades.

    Bad:
        - text: Gives the correct maximum daily dose of paracetamol for a healthy adult.
          points: 5

    Better:
        - text: States a maximum of 4 g (4,000 mg) of paracetamol in 24 hours; a stated lower
            limit of 3 g is also accepted.
          points: 5
    """

    code = "RL103"
    name = "ungrounded"
    failure_mode = "ungrounded"
    scope = Scope.CRITERION
    default_severity = Severity.WARNING
    uses_nlp = True
    Options = UngroundedOptions

    def __init__(self, options: RuleOptions | None = None) -> None:
        super().__init__(options)
        self._matchers: dict[str, TermMatcher] = {}

    def check_criterion(self, criterion: Criterion, context: RuleContext) -> Iterator[Diagnostic]:
        """Flag a criterion with verification words and no grounding."""
        doc = context.doc(criterion)
        text = criterion.text
        terms = memo(doc, (self.code, self), lambda: self.verification_terms(doc, text))
        if not terms:
            return
        groundings = self.groundings(doc, terms, prompt_view(context.rubric.prompt), text)
        terms = _ungrounded(doc, terms, groundings)
        if not terms:
            return
        locations = [criterion.span(term.start_char, term.end_char) for term in terms]
        claim = _claim_of(doc, terms[0])
        named = dict.fromkeys(t.text for t in terms[1:] if t.text.lower() not in claim.lower())
        others = ", ".join(f'"{word}"' for word in named)
        also = f" (also {others})" if others else ""
        yield self.diagnostic(
            locations[0],
            f'To judge "{claim}"{also} the grader needs an answer key, but '
            "the criterion gives no expected answer, accepted variants or checking procedure",
            rubric=context.rubric,
            criterion=criterion,
            suggestion=(
                "State the expected answer or value (with accepted variants or a tolerance), "
                "list representative correct content, or name the source and the steps to check "
                "it against."
            ),
            confidence=_confidence(terms),
            highlights=locations[1:],
        )

    def verification_terms(self, doc: Doc, text: str | None = None) -> list[VerificationTerm]:
        """Verification words of the criterion body, in text order (labels excluded).

        ``text`` is ``doc.text`` when the caller has it (building it from the doc is slow).
        """
        text = doc.text if text is None else text
        matches = self._matcher("correctness").find(doc) + self._matcher("verbs").find(doc)
        top = _has_top(text)
        if not matches and not top:
            return []
        start_at = header_end(text)
        stop_at = body_end(text)
        found = [
            VerificationTerm(m.span.start, m.span.end, m.start_char, m.end_char, m.span.text)
            for m in matches
            if start_at <= m.start_char
            and m.end_char <= stop_at
            and not _about_form(m.span)
            and not _incidental(m.span)
            and not _modifier(m.span)
            and not _descriptive(m.span)
            and not _attributive(m.span)
            and not _not_an_act(m.span)
            and not _computation(m.span)
            and not _in_brackets(text, m.start_char)
        ]
        for token in doc if top else ():
            if not start_at <= token.idx < stop_at or not token.lower_.startswith("top"):
                continue
            if token.lower_ == "top" and token.i + 1 < len(doc) and doc[token.i + 1].like_num:
                span = doc[token.i : token.i + 2]
            elif token.lower_.startswith("top-") and token.lower_[4:].isdigit():
                span = doc[token.i : token.i + 1]
            else:
                continue
            if span.end < len(doc) and doc[span.end].lemma_ in _METRIC_NOUNS:
                continue  # "Top-1 accuracy": the name of a metric, not a ranking to check
            found.append(
                VerificationTerm(span.start, span.end, span.start_char, span.end_char, span.text)
            )
        found.sort(key=lambda term: term.start_char)
        unique: list[VerificationTerm] = []
        for term in found:
            if not unique or term.start_char >= unique[-1].end_char:
                unique.append(term)
        if " | " not in text and _DEFINITION.search(text) is None:
            return unique  # no reference material: most criteria stop here
        units = memo(doc, _UNITS_KEY, lambda: _units(doc))
        return [term for term in unique if not _reference(text, units, term.start_char)]

    def groundings(
        self,
        doc: Doc,
        terms: list[VerificationTerm],
        prompt: PromptView,
        text: str | None = None,
    ) -> Iterator[Grounding]:
        """Every piece of evidence that the criterion states what to check."""
        text = doc.text if text is None else text
        start_at = header_end(text)
        stop_at = body_end(text)
        yield from _reference_slots(text)
        for cue in self._matcher("answer_cues").find(doc):
            if start_at <= cue.start_char < stop_at and not _aspects_only(doc, cue.span.end):
                yield Grounding("answer cue", cue.start_char, cue.end_char)
        inside = {index for term in terms for index in range(term.start, term.end)}
        for cue in self._matcher("checklist_cues").find(doc):
            if (
                start_at <= cue.start_char < stop_at
                and _checklist(doc, cue.span.end, inside)
                and not _aspects_only(doc, cue.span.end)
            ):
                yield Grounding("checklist", cue.start_char, cue.end_char)
        for quoted in _QUOTED.finditer(text, start_at, stop_at):
            content = next(group for group in quoted.groups() if group is not None)
            if content.strip().lower() not in prompt.lower:
                yield Grounding("quoted answer", quoted.start(), quoted.end())
            elif _AS_BEFORE.search(text, 0, quoted.start()):
                # "state the finding as 'Effective'": one of the prompt's options, picked
                yield Grounding("quoted label", quoted.start(), quoted.end())
        yield from _new_numbers(text, terms, prompt, start_at, stop_at)
        for match in _PARENTHETICAL.finditer(text, terms[0].start_char, stop_at):
            if _answer_like(match.group(1), text[: match.start()], prompt):
                yield Grounding("parenthesised answer", match.start(), match.end())
        derives = bool(self._matcher("derivation_verbs").find(doc))
        for index in _grounding_starts(doc, _token_at(doc, start_at), stop_at, derives):
            found = _token_grounding(doc, doc[index], prompt, derives)
            if found is not None:
                yield found

    def _matcher(self, key: str) -> TermMatcher:
        """The matcher of ``ungrounded_<key>``, with this rule's options applied (cached)."""
        matcher = self._matchers.get(key)
        if matcher is None:
            extend = getattr(self.options, f"extend_{key}", ())
            trim = getattr(self.options, f"trim_{key}", ())
            matcher = matcher_for(adjusted(f"ungrounded_{key}", extend, trim))
            self._matchers[key] = matcher
        return matcher


def _token_at(doc: Doc, char: int) -> int:
    """Index of the first token that starts at or after ``char``."""
    if not char or not len(doc):
        return 0
    end = doc[-1].idx + len(doc[-1])
    span = doc.char_span(char, max(char, end), alignment_mode="expand")
    return span.start if span is not None else len(doc)


def _about_form(span: Span) -> bool:
    """Whether a correctness word is about form or style, not content.

    "valid JSON", "grammatically correct", "correctly formatted" are checkable without an
    answer key; "accurately captures the tone" is a judgement of style (subjective).
    """
    doc = span.doc
    after = [token for token in doc[span.end : span.end + 8] if not token.is_punct][:4]
    nearby = [*doc[max(0, span.start - 1) : span.start], *after]
    formats = _words("ungrounded_checkable_formats")
    return any(token.lemma_ in formats or token.lower_ in formats for token in nearby)


def _incidental(span: Span) -> bool:
    """Whether a correctness word is incidental rather than something to verify.

    Two cases: a purpose clause ("asks for details to provide accurate advice", "to obtain
    the correct diagnosis"), and instruction following ("correctly adheres to the user's
    instructions", "follows the format correctly").
    """
    doc = span.doc
    first = span[0]
    compliance = _words("ungrounded_compliance_verbs")
    neighbours = [doc[i] for i in (span.start - 1, span.end) if 0 <= i < len(doc)]
    if first.lower_.endswith("ly") and any(t.lemma_ in compliance for t in neighbours):
        return True
    if first.lower_.endswith("ly"):
        return False
    if first.lemma_ in _words("ungrounded_verbs") and span.start >= 1:
        # "uses pandas to compute the totals": the check is on the method, not a value
        to = doc[span.start - 1]
        before = doc[span.start - 2].lower_ if span.start >= 2 else ""
        return to.lower_ == "to" and before not in _OBLIGATION
    window = doc[max(0, span.start - 4) : span.start]
    for token in window:
        if token.lower_ == "to" and token.i + 1 < span.start:
            before = doc[token.i - 1].lower_ if token.i else ""
            return before not in _OBLIGATION
    return False


def _descriptive(span: Span) -> bool:
    """Whether a correctness word judges an explanation of general knowledge rather than an
    answer: it modifies a word of ``ungrounded_description_words`` ("accurately describes",
    "accurately and vividly depicts", "an accurate definition"), skipping a coordinated
    modifier ("and vividly", "clear and")."""
    doc = span.doc
    first = span[0]
    if first.lemma_ in _words("ungrounded_verbs"):
        return False
    index = span.end
    while index < min(len(doc), span.end + 3) and (
        doc[index].lower_ in {"and", ","} or doc[index].lower_.endswith("ly")
    ):
        index += 1
    return index < len(doc) and doc[index].lemma_ in _words("ungrounded_description_words")


def _attributive(span: Span) -> bool:
    """Whether a verification verb's past participle only describes a noun after a determiner
    ("the calculated revenue", "its corrected version"): it names a thing, not a check."""
    first = span[0]
    doc = span.doc
    return (
        len(span) == 1
        and first.lower_.endswith("ed")
        and first.lemma_ in _words("ungrounded_verbs")
        and first.i > 0
        and doc[first.i - 1].lower_ in _DETERMINERS
        and first.i + 1 < len(doc)
        and doc[first.i + 1].is_alpha
    )


def _not_an_act(span: Span) -> bool:
    """Whether a verification verb (``ungrounded_verbs``) names no act of the response to
    check: a capability ("whether supervised learning can solve it", "an equation students
    can solve"), a mechanism ("how CMMS software solves brewery challenges"), a source ("an
    abstract derived from any discipline": a participle after a noun, before "from") or a
    noun in a slash pair ("Compute/infrastructure cost")."""
    first = span[0]
    if first.lemma_ not in _words("ungrounded_verbs"):
        return False
    doc = span.doc
    after = doc[span.end] if span.end < len(doc) else None
    if after is not None and after.text == "/" and not first.whitespace_:
        return True
    if after is not None and after.lower_ == "from" and first.lower_.endswith("ed") and first.i:
        noun = doc[first.i - 1]
        if noun.is_alpha and not noun.is_stop and not noun.lower_.endswith("ly"):
            return True
    if _word_before(doc, first.i) in _MODALS:
        return True
    return first.lower_.endswith("s") and any(
        token.lower_ == "how" for token in doc[max(0, first.i - _HOW_REACH) : first.i]
    )


def _computation(span: Span) -> bool:
    """Whether a verification word names a computation the work performs, not a value to
    check: a derivation verb (``ungrounded_verbs``) in the passive ("FID is computed on the
    validation set", "the accuracy has been calculated") or in a participle after a comma
    ("evaluated on ObjectNet, computing the accuracy"), and "accuracy" as the name of a
    metric: before a metric word ("accuracy scores"), after a computation or a top-k rank
    ("computing and saving the Top-1 accuracy") or as the subject of a computation ("the
    accuracy of the baseline has been computed", "with the accuracy computed and saved")."""
    first = span[0]
    doc = span.doc
    if first.lemma_ in _words("ungrounded_verbs"):
        return _passive(doc, first.i) or (
            first.lower_.endswith("ing") and first.i > 0 and doc[first.i - 1].text == ","
        )
    if first.lemma_ not in _METRIC_NOUNS:
        return False
    if span.end < len(doc) and doc[span.end].lemma_ in _words("ungrounded_metric_words"):
        return True
    verbs = _words("ungrounded_verbs")
    for token in reversed(doc[max(0, span.start - _METRIC_LEFT) : span.start]):
        if token.text in _CLAUSE_ENDS:
            break
        if token.lemma_ in verbs or _TOP.match(token.text):
            return True  # "computing and saving the Top-1 accuracy"
    for token in doc[span.end : span.end + _METRIC_REACH]:
        if token.text in _CLAUSE_ENDS:
            return False
        if token.lemma_ in verbs and (_passive(doc, token.i) or token.i == span.end):
            return True  # "the accuracy ... has been computed", "with the accuracy computed"
    return False


def _passive(doc: Doc, index: int) -> bool:
    """Whether the word at ``index`` is a past participle after a form of "be", adverbs
    between ("has been computed", "is automatically calculated")."""
    return doc[index].lower_.endswith("ed") and _word_before(doc, index) in _BE


def _word_before(doc: Doc, index: int) -> str:
    """The lower-case word before ``index``, skipping -ly adverbs ("" at the start)."""
    before = index - 1
    while before >= 0 and doc[before].lower_.endswith("ly"):
        before -= 1
    return doc[before].lower_ if before >= 0 else ""


def _in_brackets(text: str, position: int) -> bool:
    """Whether ``position`` lies inside parentheses: an aside or a list of examples ("root
    causes (failed drive, incorrect boot order)") names content, it asks for no check."""
    before = text[:position]
    return before.count("(") > before.count(")")


def _modifier(span: Span) -> bool:
    """Whether a verification verb (``ungrounded_verbs``) in its -ing form names a field after
    a modifier ("cloud computing", "problem solving", "problem-solving"), not an act to check:
    the word before it is a content word (not a stop word, an adverb or punctuation)."""
    first = span[0]
    if not first.lower_.endswith("ing") or first.i == 0:
        return False
    if first.lemma_ not in _words("ungrounded_verbs"):
        return False  # "avoids hallucinating facts": a verification word after a verb
    before = span.doc[first.i - 1]
    if before.text == "-" and not before.whitespace_ and first.i >= 2:
        before = span.doc[first.i - 2]
    return before.is_alpha and not before.is_stop and not before.lower_.endswith("ly")


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
    aspects = _words("ungrounded_aspect_nouns")
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
    sources = frozenset() if derives else _words("ungrounded_sources")
    lemmas = _words("ungrounded_procedure_verbs") | _words("ungrounded_recommendation_verbs")
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
    elif lower == "that" and _after_statement_verb(doc, token):
        return Grounding("stated content", token.idx, end)
    elif lower == "by" and nxt is not None and nxt.lemma_ in _words("ungrounded_procedure_verbs"):
        return Grounding("procedure", token.idx, nxt.idx + len(nxt))
    elif token.lemma_ in _words("ungrounded_procedure_verbs") and any(
        t.text[:1].isdigit() and normal_number(t.text) not in prompt.numbers
        for t in doc[token.i + 1 : token.i + 5]
    ):
        return Grounding("computation", token.idx, end)  # not the prompt's own sum restated
    elif token.lemma_ in _words("ungrounded_recommendation_verbs") and _names_action(doc, token):
        return Grounding("stated recommendation", token.idx, end)
    elif lower == "as" and nxt is not None and _gives_label(doc, token):
        return Grounding("stated label", token.idx, nxt.idx + len(nxt))
    elif not derives and (
        token.lemma_ in _words("ungrounded_sources") or lower in _words("ungrounded_sources")
    ):
        return _source(doc, token, prompt)
    return None


def _after_statement_verb(doc: Doc, that: Token) -> bool:
    """Whether "that" opens the content of a statement verb ("tells the user that ...")."""
    verbs = _words("ungrounded_statement_verbs")
    index = that.i - 1
    for _ in range(4):
        if index < 0:
            return False
        token = doc[index]
        if token.lemma_ in verbs or token.lower_ in verbs:
            return True
        if not (token.lower_.endswith("ly") or token.lower_ in _ADDRESSEES):
            return False
        index -= 1
    return False


def _names_action(doc: Doc, verb: Token) -> bool:
    """Whether a correctness adverb + recommendation verb names the advice itself.

    "correctly advises performing nasal irrigation", "accurately recommends low tidal volume
    ventilation", but not "recommends the appropriate treatment".
    """
    if not verb.i or not doc[verb.i - 1].lower_.endswith("ly"):
        return False
    index = verb.i + 1
    while index < len(doc) and doc[index].lower_ in _ADDRESSEES - {"the", "a"}:
        index += 1
    if (
        index < len(doc) - 1
        and doc[index].lower_ in {"the", "a"}
        and (doc[index + 1].lower_ in _ADDRESSEES)
    ):
        index += 2
    if index < len(doc) and doc[index].lower_ == "to":
        index += 1
    if index >= len(doc) or doc[index].is_punct:
        return False
    return doc[index].lower_ not in _words("ungrounded_placeholder_words")


def _gives_label(doc: Doc, as_token: Token) -> bool:
    """Whether "as" gives an expected label ("classifies X as spam", "knowledge of X as a ...")."""
    previous = doc[as_token.i - 1].lower_ if as_token.i else ""
    if previous in _NOT_DESCRIPTION or doc[as_token.i + 1].lower_ in {"well", "much", "many"}:
        return False
    if doc[as_token.i + 1].lower_ in {"a", "an"}:
        return True
    labelling = _words("ungrounded_labelling_verbs")
    return any(t.lemma_ in labelling for t in doc[max(0, as_token.i - 8) : as_token.i])


def _source(doc: Doc, token: Token, prompt: PromptView) -> Grounding | None:
    """A reference to material the grader has ("the provided text", "the prompt")."""
    window = doc[max(0, token.i - 3) : token.i]
    qualifiers = _words("ungrounded_source_qualifiers")
    previous = doc[token.i - 1].lower_ if token.i else ""
    if (
        token.lower_ in {"prompt", "prompts"}
        or any(t.lower_ in qualifiers for t in window)
        or (previous in _DEMONSTRATIVES and prompt.mentions(token.lower_, token.lemma_))
    ):
        start = window[0].idx if len(window) else token.idx
        return Grounding("material to check against", start, token.idx + len(token))
    return None


def _blanket(doc: Doc, term: VerificationTerm) -> bool:
    """Whether a correctness word covers everything the response says ("all information in
    the response must be factually correct", "entirely accurate"): a word of
    ``ungrounded_blanket_scope.txt`` earlier in its sentence, at most eight tokens before."""
    if doc[term.start].lemma_ in _words("ungrounded_verbs"):
        return False
    start = max(doc[term.start].sent.start, term.start - _BLANKET_REACH)
    scope = _words("ungrounded_blanket_scope")
    return any(token.lower_ in scope for token in doc[start : term.start])


def _claim_of(doc: Doc, term: VerificationTerm) -> str:
    """The words the first verification term opens, up to the end of its clause.

    "correctly categorizes each question into Literature, History..." gives "correctly
    categorizes each question into Literature"; a clause longer than ten tokens ends with "…".
    A noun in a list ("the depth, accuracy, and insight of the analysis") takes the words
    after the list's "of": "accuracy … of the analysis".
    """
    first = doc[term.start]
    following = doc[term.end : term.end + 8]
    if first.lemma_ in _NOUN_TERMS and following and following[0].lower_ in {",", "and"}:
        of = next((token.i for token in following if token.lower_ == "of"), None)
        if of is not None:
            return f"{term.text} \u2026 {_clause(doc, of, of + 1)}"
    return _clause(doc, term.start, term.end)


def _clause(doc: Doc, start: int, end: int) -> str:
    """Tokens from ``start`` on (at least to ``end``) until the clause ends, at most ten."""
    limit = min(len(doc), start + _CLAIM_TOKENS)
    while end < limit:
        token = doc[end]
        if "\n" in token.text or token.lower_ in _CLAIM_BREAKS:
            break
        if token.is_punct and token.text not in {"-", "'", "\u2019", "/"}:
            break
        end += 1
    cut = end == limit < len(doc) and not doc[end].is_punct
    while end > start + 1 and doc[end - 1].lower_ in _LOOSE_ENDS:
        end -= 1
    text = doc[start:end].text
    if glued_full_stop(doc[end - 1].text):
        text = text[:-1]
    return text + ("\u2026" if cut else "")


def _units(doc: Doc) -> list[tuple[int, int]]:
    """Character spans of the criterion's sentences, cut at line breaks: a list item or a
    table row is a unit of its own even without a full stop."""
    units = []
    for sentence in doc.sents:
        begin = sentence.start_char
        for line in sentence.text.split("\n"):
            if line.strip():
                units.append((begin, begin + len(line)))
            begin += len(line) + 1
    return units or [(0, len(doc.text))]


def _unit_at(units: list[tuple[int, int]], char: int) -> int:
    """Index of the unit that holds ``char`` (the last unit for a trailing space)."""
    for index, (start, end) in enumerate(units):
        if char < end:
            return index if char >= start else max(0, index - 1)
    return len(units) - 1


def _reference_slots(text: str) -> Iterator[Grounding]:
    """Template slots that hold the item's reference answer ("[Expert]: {ideal}", "Correct
    Answer: {{ answer }}"; words of ``ungrounded_reference_slots.txt``)."""
    if "{" not in text:
        return
    names = _words("ungrounded_reference_slots")
    for slot in _SLOT.finditer(text):
        if not names.isdisjoint(_SLOT_WORD_BREAKS.split(slot.group(1).lower())):
            yield Grounding(_REFERENCE_SLOT, slot.start(), slot.end())


def _reference(text: str, units: list[tuple[int, int]], char: int) -> bool:
    """Whether the unit holding ``char`` is reference material the criterion quotes rather
    than a check it asks for: a definition ("- A safe response is one that is accurate ...",
    "A precise answer is defined as ...") or a table row ("Type of context | Examples ...";
    a bar in brackets or math, "p(x | y)", "$a | b$", separates no cells)."""
    start, end = units[_unit_at(units, char)]
    line = text[start:end]
    if " | " in line and " | " in _ASIDES.sub("", line):
        return True
    return _DEFINITION.search(line) is not None


def _ungrounded(
    doc: Doc, terms: list[VerificationTerm], groundings: Iterator[Grounding]
) -> list[VerificationTerm]:
    """The verification words no evidence grounds.

    Evidence grounds the words of its own unit and of the units just before and after it: in
    a long criterion, an example list two paragraphs away says nothing about what "accurate"
    must check. A blanket check ("all information must be factually correct") is grounded
    only by material to check against. A template slot holding the reference answer grounds
    every word. Evidence is read only until every word is grounded.
    """
    pending = [(term, _blanket(doc, term)) for term in terms]
    units: list[tuple[int, int]] | None = None
    for grounding in groundings:
        if grounding.kind == _REFERENCE_SLOT:
            return []
        if units is None:
            units = memo(doc, _UNITS_KEY, lambda: _units(doc))
        material = grounding.kind == "material to check against"
        index = _unit_at(units, grounding.start_char)
        start = units[max(0, index - 1)][0]
        end = units[min(len(units) - 1, index + 1)][1]
        pending = [
            (term, blanket)
            for term, blanket in pending
            if not (start <= term.start_char < end and (material or not blanket))
        ]
        if not pending:
            break
    return [term for term, _ in pending]


def _confidence(terms: list[VerificationTerm]) -> float:
    return round(min(0.9, 0.6 + 0.1 * (len(terms) - 1)), 2)
