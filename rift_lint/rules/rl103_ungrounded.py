"""RL103 ungrounded: a criterion asks the grader to verify correctness but gives nothing to
check against.

The rule finds the criterion's verification words (:mod:`rift_lint.rules.rl103_terms`) and the
evidence that it states what to check them against (:mod:`rift_lint.rules.rl103_groundings`),
and flags the words that no evidence in or next to their unit grounds.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from rift_lint.models import Criterion, Diagnostic, Scope, Severity
from rift_lint.nlp.criterion_layout import text_units, unit_at
from rift_lint.nlp.doccache import memo
from rift_lint.nlp.lexicon import term_set
from rift_lint.nlp.matching import matcher_for
from rift_lint.nlp.tokens import glued_full_stop
from rift_lint.prompts.view import prompt_view
from rift_lint.rules.base import Rule, RuleContext, RuleOptions
from rift_lint.rules.rl103_groundings import MATERIAL, REFERENCE_SLOT, Grounding, groundings
from rift_lint.rules.rl103_terms import VerificationTerm, verification_terms

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from rift_lint.nlp.matching import TermMatcher

_LOOSE_ENDS = frozenset(
    ["of", "the", "a", "an", "in", "for", "to", "with", "on", "at", "by", "from", "about"]
)
# Where the quoted claim of a finding ends.
_CLAIM_BREAKS = frozenset(["and", "or", "but", "while", "whereas"])
_CLAIM_TOKENS = 10
_NOUN_TERMS = frozenset({"accuracy", "correctness", "validity", "inaccuracy"})
_BLANKET_REACH = 8


class UngroundedOptions(RuleOptions):
    """Options of RL103: adjust the word lists without editing the shipped files."""

    extend_correctness: tuple[str, ...] = ()
    trim_correctness: tuple[str, ...] = ()
    extend_verbs: tuple[str, ...] = ()
    trim_verbs: tuple[str, ...] = ()
    extend_answer_cues: tuple[str, ...] = ()
    trim_answer_cues: tuple[str, ...] = ()


class Ungrounded(Rule):
    """A criterion asks the grader to verify correctness but gives no answer to check against.

    What it flags:
        Words that make the grader decide whether something with a knowable answer is right:
        "correct", "accurately", "accuracy", "valid", "factually", "up-to-date", "misinformation",
        "calculates", "compiles", "works correctly", "highly rated", "top 5 ...", when the criterion
        states no expected answer, value, accepted variant or bounded checking procedure. The
        criterion counts as grounded, and is not flagged, when it gives the expected content: a
        that-clause ("states that the dose is 5 mg"), quoted text the prompt does not already
        contain (or one of the prompt's names picked after "as", "under" or a colon: "states the
        finding as 'Effective'", "list the program: 'Zakat Program'"), a number the prompt does not
        contain, a parenthesised or colon-introduced answer, an example list ("e.g.", "such as") of
        accepted content, a label ("classifies the request as ...", "lists the Pelton turbine as
        Impulse type"), a procedure ("by multiplying ...", "divides 84 by 12" with numbers the
        prompt does not give), a named standard ("according to WHO guidelines", "according to
        mathematical rules"; a name or a word of ``ungrounded_standards.txt``), an answer key ("the
        expected output"), or material the grader has ("based on the provided search results",
        "provided in the query") for a check that compares rather than derives. A list that names
        only kinds of content ("including population data, geographic features and historical
        information", words of ``ungrounded_aspect_nouns.txt``) grounds nothing, and a blanket check
        ("all information must be factually correct", "entirely accurate"; words of
        ``ungrounded_blanket_scope.txt``) is grounded only by material to check against. Words in a
        leading label ("**Accuracy**:"), in a trailing "(Justification: ...)" or other brackets
        ("causes (loose cables, incorrect boot order)"), a participle that names a thing ("the
        calculated revenue", "the meaning of calculated values"), correctness of form ("valid JSON",
        "grammatically correct"), a field named by an -ing form ("quantum computing"), a
        verification verb that names no act of the response (a capability: "whether supervised
        learning can solve it"; a mechanism: "how the software solves ..."; a thing named by a
        participle after a noun: "an abstract derived from any discipline", "the gradients computed
        for DDPM", "the features, computed over a set of samples"; an activity named after a noun,
        an artefact or a time word: "the cost of computing X", "the code for computing X", "is used
        for computing X", "when computing the loss"; a noun in a slash pair: "compute/infrastructure
        cost"), a verb followed by its procedure or value after "as" ("computed as the cosine
        similarity of ..."), a computation the work performs (a passive, "the accuracy has been
        computed", "is first computed"; the perfect, "the head has computed a distribution"; a
        participle after a comma, "evaluated on ImageNet, computing the Top-1 accuracy"; "accuracy"
        naming a metric, "accuracy scores", "Top-1 test accuracy", "the dev set accuracy is
        reported"), a compared accuracy, which states the result to expect ("FOA has lower accuracy
        than TENT", "more accurate than") and the accuracy of an explanation of general knowledge
        ("accurately explains how the heart works", "an accurate definition"; words of
        ``ungrounded_description_words.txt``) do not count, nor do words in a definition the
        criterion quotes ("- A safe response is one that is accurate ...") or in a table row ("... |
        ..."). Evidence counts only near the word it grounds: in the same sentence or line, or the
        one just before or after. In a long criterion, an example list two paragraphs away does not
        ground "should not contain factual errors", and each verification word is judged on its own.
        A template slot that an evaluation harness fills with the item's reference answer
        ("[Expert]: {ideal}", "Correct Answer: {{ answer }}"; words of
        ``ungrounded_reference_slots.txt``) grounds the whole criterion. One finding per criterion
        underlines every ungrounded verification word. Word lists live in
        ``rift_lint/data/lexicons/ungrounded_*.txt``; ``extend-correctness`` / ``trim-correctness``,
        ``extend-verbs`` / ``trim-verbs`` and ``extend-answer-cues`` / ``trim-answer-cues`` adjust
        the main three.

    Why it hurts:
        Only a grader who already knows the answer can score the criterion. Others accept a
        confident wrong answer or reject a right one, so scores depend on who grades.

    Bad:
        criteria:
          - text: Gives the correct maximum daily dose of paracetamol for a healthy adult.
            points: 5

    Better:
        criteria:
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
        terms = memo(doc, (self.code, self), lambda: self._terms(doc, text))
        if not terms:
            return
        prompt = prompt_view(context.rubric.prompt)
        found = groundings(doc, text, terms, prompt, self._matcher("answer_cues"))
        terms = _ungrounded(doc, terms, found)
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

    def _terms(self, doc: Doc, text: str) -> list[VerificationTerm]:
        """Verification words of the criterion body (see :func:`verification_terms`)."""
        matches = self._matcher("correctness").find(doc) + self._matcher("verbs").find(doc)
        return verification_terms(doc, text, matches)

    def _matcher(self, key: str) -> TermMatcher:
        """The matcher of ``ungrounded_<key>``, with this rule's options applied (cached)."""
        matcher = self._matchers.get(key)
        if matcher is None:
            matcher = matcher_for(self.options.word_list(f"ungrounded_{key}", key))
            self._matchers[key] = matcher
        return matcher


def _blanket(doc: Doc, term: VerificationTerm) -> bool:
    """Whether a correctness word covers everything the response says ("all information in
    the response must be factually correct", "entirely accurate"): a word of
    ``ungrounded_blanket_scope.txt`` earlier in its sentence, at most eight tokens before."""
    if doc[term.start].lemma_ in term_set("ungrounded_verbs"):
        return False
    start = max(doc[term.start].sent.start, term.start - _BLANKET_REACH)
    scope = term_set("ungrounded_blanket_scope")
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


def _ungrounded(
    doc: Doc, terms: list[VerificationTerm], found: Iterator[Grounding]
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
    for grounding in found:
        if grounding.kind == REFERENCE_SLOT:
            return []
        if units is None:
            units = text_units(doc)
        material = grounding.kind == MATERIAL
        index = unit_at(units, grounding.start_char)
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
