"""RL103 ungrounded: a criterion asks the grader to verify correctness but gives nothing to
check against.

The rule finds the criterion's verification words (:mod:`rift_lint.rules.rl103_terms`) and the
evidence that it states what to check them against (:mod:`rift_lint.rules.rl103_groundings`),
and flags the words that no evidence in or next to their unit grounds, unless the highest score
level states the expected content (read only for a criterion that would be flagged).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, ClassVar

from rift_lint.models import Criterion, Diagnostic, Level, Scope, Severity
from rift_lint.nlp.criterion_layout import text_units, unit_at
from rift_lint.nlp.doccache import memo
from rift_lint.nlp.lexicon import term_set
from rift_lint.nlp.matching import matcher_for
from rift_lint.nlp.pipeline import load
from rift_lint.nlp.tokens import DANGLING_WORDS, glued_full_stop
from rift_lint.prompts.view import prompt_view
from rift_lint.rules.base import Rule, RuleContext, RuleOptions, lexicons, quoted
from rift_lint.rules.rl103_groundings import MATERIAL, REFERENCE_SLOT, Grounding, groundings
from rift_lint.rules.rl103_terms import DETERMINERS, VerificationTerm, verification_terms

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

    from rift_lint.nlp.matching import TermMatcher
    from rift_lint.prompts.view import PromptView

# Where the quoted claim of a finding ends.
_CLAIM_BREAKS = frozenset(["and", "or", "but", "while", "whereas"])
_CLAIM_TOKENS = 10
_NOUN_TERMS = frozenset({"accuracy", "correctness", "validity", "inaccuracy"})
_BLANKET_REACH = 8
_ITEM_WORDS = 3  # words of a list item that a quoted claim runs through
_LIST_ENDS = frozenset({"and", "or"})
_LIST_CLAIM_TOKENS = 16  # tokens a quoted claim may reach to end a list it holds
_MODIFIERS = 2  # words before a listed noun that can modify it ("the historical accuracy")


class UngroundedOptions(RuleOptions):
    """Options of RL103: adjust the word lists without editing the shipped files."""

    word_lists: ClassVar[dict[str, str]] = lexicons(
        "ungrounded", "correctness", "verbs", "answer_cues"
    )
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
        Impulse type"), a pairing of a named item ("correctly list sodium sulfite for boiler water
        treatment": the item is new to the prompt or one of its names; "identify potential causes
        for ..." names only what the prompt asks for), a procedure ("by multiplying ...", "divides
        84 by 12" with numbers the prompt does not give), a named standard ("according to WHO
        guidelines", "according to mathematical rules"; a name or a word of
        ``ungrounded_standards.txt``), an answer key ("the expected output"), or material the grader
        has ("based on the provided search results", "provided in the query", "match the original
        dialogue", "with the retrieved contextual information") for a check that compares rather
        than derives. The highest score level counts too: when it states the expected content
        ("predicts that Mark will decline the request", "calculates the bloom years as 2007, 2014
        and 2021"), the criterion is grounded; a level that only says "provides the correct answer"
        grounds nothing. A list that names only kinds of content ("including population data,
        geographic features and historical information", words of ``ungrounded_aspect_nouns.txt``)
        grounds nothing, and a blanket check ("all information must be factually correct", "entirely
        accurate"; words of ``ungrounded_blanket_scope.txt``) is grounded only by material to check
        against. Words in a leading label ("**Accuracy**:"), in a trailing "(Justification: ...)" or
        other brackets ("causes (loose cables, incorrect boot order)"), a participle that names a
        thing ("the calculated revenue", "the meaning of calculated values"), correctness of form
        ("valid JSON", "grammatically correct", "correct use of brackets and commas", "correct
        notation"), a field named by an -ing form ("quantum
        computing"), "correct" as the verb to fix ("did the response correct the calculation",
        "corrects them"), a verification verb that names no act of the response (a capability:
        "whether supervised learning can solve it"; a mechanism: "how the software solves ..."; a
        thing named by a participle after a noun: "an abstract derived from any discipline", "the
        gradients computed for DDPM", "the features, computed over a set of samples"; an activity
        named after a noun, an artefact or a time word: "the cost of computing X", "the code for
        computing X", "is used for computing X", "when computing the loss"; a noun in a slash pair:
        "compute/infrastructure cost"), a verb followed by its procedure or value after "as"
        ("computed as the cosine similarity of ..."), a computation the work performs (a passive,
        "the accuracy has been computed", "is first computed"; the perfect, "the head has computed a
        distribution"; a participle after a comma, "evaluated on ImageNet, computing the Top-1
        accuracy"; a participle in a with-phrase, "with the accuracy computed and saved";
        "accuracy" naming a metric, "accuracy scores", "Top-1 test accuracy", "the dev
        set accuracy is reported"), a compared accuracy, which states the result to expect ("FOA has
        lower accuracy than TENT", "more accurate than") and the accuracy of an explanation of
        general knowledge ("accurately explains how the heart works", "an accurate definition";
        words of ``ungrounded_description_words.txt``) do not count, nor do words in a definition
        the criterion quotes ("- A safe response is one that is accurate ...") or in a table row
        ("... | ..."). Evidence counts only near the word it grounds: in the same sentence or line,
        or the one just before or after. In a long criterion, an example list two paragraphs away
        does not ground "should not contain factual errors", and each verification word is judged on
        its own. A template slot that an evaluation harness fills with the item's reference answer
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
        if not terms or self._top_level_grounds(criterion, prompt, context.nlp_model):
            return
        locations = [criterion.span(term.start_char, term.end_char) for term in terms]
        claim = _claim_of(doc, terms[0])
        named = dict.fromkeys(t.text for t in terms[1:] if t.text.lower() not in claim.lower())
        others = ", ".join(f'"{word}"' for word in named)
        also = f" (also {others})" if others else ""
        yield self.diagnostic(
            locations[0],
            f"To judge {quoted(claim)}{also} the grader needs an answer key, but "
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

    def _top_level_grounds(
        self, criterion: Criterion, prompt: PromptView, model: str | None
    ) -> bool:
        """Whether the criterion's highest score level states the expected content ("predicts
        that Mark will decline the request", "calculates the bloom years as 2007, 2014 and 2021"):
        the same evidence as in the criterion's own text; "gives the correct answer" is none."""
        top = _top_level(criterion.levels)
        if top is None:
            return False
        level_doc = load(model)(top.text)
        level_terms = self._terms(level_doc, top.text)
        found = groundings(level_doc, top.text, level_terms, prompt, self._matcher("answer_cues"))
        return next(found, None) is not None

    def _matcher(self, key: str) -> TermMatcher:
        """The matcher of ``ungrounded_<key>``, with this rule's options applied (cached)."""
        matcher = self._matchers.get(key)
        if matcher is None:
            matcher = matcher_for(self.options.word_list(key))
            self._matchers[key] = matcher
        return matcher


def _top_level(levels: list[Level]) -> Level | None:
    """The level with the highest score, if any level has a score and text."""
    scored = [level for level in levels if level.score is not None and level.text.strip()]
    return max(scored, key=lambda level: level.score or 0.0, default=None)


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
    categorizes each question into Literature, History"; a clause longer than ten tokens ends
    with "…". A noun in a list that a determiner opens ("the depth, accuracy, and insight of the
    analysis") takes the words after the list's "of": "accuracy … of the analysis"; in a list
    of whole noun phrases ("medical accuracy, completeness, and avoidance of risky advice") the
    "of" belongs to the last item, and the noun stands alone.
    """
    first = doc[term.start]
    following = doc[term.end : term.end + 8]
    if first.lemma_ in _NOUN_TERMS and following and following[0].lower_ in {",", "and"}:
        of = next((token.i for token in following if token.lower_ == "of"), None)
        if (
            of is not None
            and _word_list(doc[term.end : of])
            and _list_opener(doc, term.start) in DETERMINERS
        ):
            return f"{term.text} \u2026 {_clause(doc, of, of + 1)}"
    return _clause(doc, term.start, term.end)


def _list_opener(doc: Doc, index: int) -> str:
    """The lower-case word before the list of nouns holding the word at ``index``: back over
    one-word items and their commas and "and", then over up to two modifiers of the first
    item ("the depth, accuracy" and "the historical accuracy" give "the"; "considering medical
    accuracy" gives ",")."""
    before = index - 1
    while before >= 1 and doc[before].lower_ in {",", "and"} and doc[before - 1].is_alpha:
        before -= 2
    first = before
    while (
        before >= 0
        and first - before < _MODIFIERS
        and doc[before].is_alpha
        and doc[before].lower_ not in DETERMINERS
    ):
        before -= 1
    return doc[before].lower_ if before >= 0 else ""


def _word_list(tokens: Span) -> bool:
    """Whether tokens are only the rest of a list of words: words, commas and "and"
    ("the depth, accuracy, and insight of"; not "accuracy and detail - Response ... of")."""
    return all(token.is_alpha or token.text == "," for token in tokens)


def _clause(doc: Doc, start: int, end: int) -> str:
    """Tokens from ``start`` on (at least to ``end``) until the clause ends, at most ten.

    A list of short items inside the clause runs on to its last item ("the given test scores
    of 90, 86, 75, and 63", "Telesign's professional, clear, and customer-focused style"): a
    claim does not stop inside one. A list the claim opens ("accuracy, completeness, and ...")
    is not its clause.
    """
    limit = min(len(doc), start + _CLAIM_TOKENS)
    opening = end
    while end < limit:
        token = doc[end]
        last = _last_item(doc, end) if token.text == "," and end > opening + 1 else 0
        if last and last < start + _LIST_CLAIM_TOKENS:
            end = last
            limit = min(len(doc), max(start + _LIST_CLAIM_TOKENS, last + _ITEM_WORDS))
            continue
        if "\n" in token.text or token.lower_ in _CLAIM_BREAKS:
            break
        if token.is_punct and token.text not in {"-", "'", "\u2019", "/"}:
            break
        end += 1
    cut = end == limit < len(doc) and not doc[end].is_punct
    while end > start + 1 and doc[end - 1].lower_ in DANGLING_WORDS:
        end -= 1
    text = doc[start:end].text
    if glued_full_stop(doc[end - 1].text):
        text = text[:-1]
    return text + ("\u2026" if cut else "")


def _last_item(doc: Doc, comma: int) -> int:
    """Index of the last item of a list of short items that goes on at ``comma`` ("90, 86,
    75, and 63" gives the index of "63"), or 0: one or more items of one to three words
    (no adverb: "appropriately balancing detail" is a clause) between commas, then "and" or
    "or", all on one line. ", and provide ..." with no item between is a new clause."""
    index = comma
    items = 0
    while index < len(doc) and doc[index].text == ",":
        index += 1
        if items and index < len(doc) and doc[index].lower_ in _LIST_ENDS:
            return index + 1
        item = _item_end(doc, index)
        if not item:
            return 0
        items += 1
        if doc[item].lower_ in _LIST_ENDS:
            return item + 1
        index = item
    return 0


def _item_end(doc: Doc, start: int) -> int:
    """Index after a list item of one to three words starting at ``start`` and ended by a
    comma, "and" or "or", or 0 when there is none."""
    end = start
    while end < len(doc) and end - start < _ITEM_WORDS:
        token = doc[end]
        if "\n" in token.text or token.lower_ in _LIST_ENDS or token.lower_.endswith("ly"):
            break
        if token.is_punct and token.text not in {"-", "/"}:
            break
        end += 1
    if end == start or end == len(doc):
        return 0
    return end if doc[end].text == "," or doc[end].lower_ in _LIST_ENDS else 0


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
