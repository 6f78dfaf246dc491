"""RL102 non-atomic: one criterion bundles requirements that can pass or fail independently.

The rule builds its word lists from its options once
(:class:`~rift_lint.rules.rl102_bundle.Settings`) and runs the detectors on each criterion:
item lists (:mod:`rift_lint.rules.rl102_lists`), a length joined with anything else
(:mod:`rift_lint.rules.rl102_lengths`; the only detector for a criterion graded on a scale),
and values, manners, predicates, extra sentences and "all the requirements"
(:mod:`rift_lint.rules.rl102_predicates`); a gated step protocol is read here. It reports the
bundle with the most parts, unless the criterion gives credit per part.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, ClassVar

from pydantic import Field

from rift_lint.listing import first_and_rest
from rift_lint.models import Criterion, Diagnostic, Scope, Severity
from rift_lint.nlp.doccache import memo
from rift_lint.nlp.lexicon import adjusted, term_set
from rift_lint.nlp.templates import is_grading_template
from rift_lint.rules.base import Rule, RuleContext, RuleOptions, quoted
from rift_lint.rules.rl102_bundle import Bundle, Settings, named_parts, part_excerpt, tidy
from rift_lint.rules.rl102_judgements import without_holistic
from rift_lint.rules.rl102_lengths import length_bundles, scale_length
from rift_lint.rules.rl102_lists import list_bundles, read_words
from rift_lint.rules.rl102_predicates import (
    everything_bundles,
    manner_bundles,
    participle_bundles,
    predicate_bundles,
    sentence_bundles,
    value_bundles,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc

# Every detector needs one of these; a criterion without any is skipped before token work.
_CANDIDATE = re.compile(
    r"\band\b|\bas well as\b|,\s*\w+ing\b|\bwhile\s+\w+ing\b|[.?!]\s+\S"
    r"|\ball\b|\bevery\b",
    re.IGNORECASE,
)
# One step of a gated grading protocol: "Step 2: Brainstorm any missing details or caveats. If
# something is absent, fail." (the step's check, then the condition that fails it).
_STEP = re.compile(
    r"^[ \t]*step[ \t]+\d+[ \t]*[:.)][ \t]*+(?>(?P<check>[^\n]*?\S)[ \t]*(?=\bif\b))"
    r"(?=\bif\b[^\n]*\bfail)",
    re.IGNORECASE | re.MULTILINE,
)
# A criterion with this many score levels or more is graded on a scale (RL102 judges only a
# length joined with anything else in it).
_SCALE_LEVELS = 3
_PART_CHARS = 40  # characters of each part quoted in the message
_QUOTED_PARTS = 5  # parts quoted in the message; the rest are counted
_LENGTH_UNIT = "=n "  # a length cue that counts only right after a number ("=N word")


class NonAtomicOptions(RuleOptions):
    """Options of RL102."""

    word_lists: ClassVar[dict[str, str]] = {
        "verbs": "non_atomic_requirement_verbs",
        "example_markers": "non_atomic_example_markers",
        "binomials": "non_atomic_binomials",
    }
    min_list_items: int = Field(default=3, ge=2)
    min_checklist_items: int = Field(default=6, ge=2)
    min_steps: int = Field(default=3, ge=2)
    coordinated_verbs: bool = True
    extend_verbs: tuple[str, ...] = ()
    trim_verbs: tuple[str, ...] = ()
    extend_example_markers: tuple[str, ...] = ()
    trim_example_markers: tuple[str, ...] = ()
    extend_binomials: tuple[str, ...] = ()
    trim_binomials: tuple[str, ...] = ()


_PRIORITY = {
    "list": 3, "predicates": 2, "values": 2, "length": 2, "manners": 1,
    "sentences": 1,
    "everything": 0,
}  # fmt: skip
_CONFIDENCE = {
    "list": 0.7, "predicates": 0.6, "values": 0.7, "length": 0.7, "manners": 0.5,
    "sentences": 0.6, "everything": 0.5, "steps": 0.7,
}  # fmt: skip


class NonAtomic(Rule):
    """One criterion bundles requirements that can pass or fail independently.

    What it flags:
        A criterion that joins several separately checkable requirements with no rule for
        partial credit: a list of three or more items joined by commas and ``and`` (or ``as
        well as``); two predicates each opened by a requirement verb ("explains X and
        recommends Y", "recommends X, noting that Y"); parallel expected values ("returns 3
        for A and 2.5 for B"); a length limit joined with anything else ("follows the format
        and stays under 300 words"); two manners of one action ("clearly and correctly
        applies"); a second sentence that adds a requirement ("Also assesses..."); one item
        for "all the requirements"; or a grading protocol of ``min-steps`` (3) or more steps
        that each fail the item on their own ("Step 1: Is the core question answered early? If
        not, fail. Step 2: ..."). The first part is underlined and the other parts are
        highlighted; one finding per criterion (the bundle with the most parts). Parts are
        named as whole phrases: never across a colon, never ending on a preposition, article or
        conjunction ("the accrual rate", not "the accrual rate as" before a quoted value), and
        without the subject of a question ("Is the output clear, concise and ...": "clear"). A
        list's first item inside a relative clause is named too, though the list's size is
        counted from the comma after it ("which consists of A, B, C and D": A is named, and
        B, C and D make the list), and a short remark in brackets after a part stays in its
        name ("FOA (8-bit)"). The message quotes the first five parts and counts the rest
        ("and 9 more"); a part longer than 40 characters is cut there with an ellipsis, never
        right after such a grammar word ("required…", not "required to…").

        Not flagged: example lists (after ``e.g.``, ``such as``, ``including``, ``like``, or in
        brackets; but a list of ``min-checklist-items`` (6) or more after ``including``, or a list
        after ``including:``, is a checklist of required content, "including age, sex, weight,
        comorbidities, current medication and allergies", and is flagged), a restatement after
        ``i.e.`` or ``namely`` ("as in section 4.1, i.e. resetting to the critical states and
        continuing training"), alternatives joined by ``or`` or after ``one of`` ("one of the three
        categories: statement, question, and command"), lists of things to avoid, fixed pairs that
        name one behaviour ("pros and cons", "identify and explain"; vague pairs such as "clear and
        concise" are RL101's), one manner told twice ("word by word and paragraph by paragraph"),
        two objects of one verb ("explains the risks and the benefits", "advises on A and B":
        labelled readers call most such pairs one requirement), the facets of one judgement ("the
        accuracy, depth and specificity of the analysis"), a list or pair whose every part rests on
        one of RL101's evaluative words ("well-organized, easy to follow, and clearly communicates
        the calculations": one vague impression, RL101's to report; one part without such a word,
        "and cites two sources", keeps the bundle), one relation ("between A, B and C"), the means
        or basis of one requirement ("through A, B and C", "depending on A, B and C"), a list that
        is the subject of one statement ("A, B and C are signs of X"; a verb in a relative clause of
        the last item, "C that would help", is not such a statement; nor are items compared with
        "one another", or, after "that", a past form after an adverb: "that A (1962), B (1964) and C
        (1965) independently proposed X"), lists in a descriptive participle phrase (", using A, B
        and C"; not "detailing A, B and C", which names content), in a consequence (", thereby
        reducing A and B"), in a clause of reason ("because ...", "since ...", ", as they ...") or
        in a condition ("if A, B or C, ..."; not what a verb of asking asks, "asks if there is A, B
        or C"), a participle that names the numbered source the requirement follows (", following
        the specifications in Appendix H.2", like ", as specified in Appendix H.2"; not ", adhering
        to the 10-line limit") or "following" in the content of a that-clause ("that X opened an
        inquiry, following a complaint"), an item of grammar words alone, quoted text, a short title
        before the criterion, multi-line grading templates with bulleted or numbered lines,
        protocols of two steps (often two sides of one behaviour), and criteria whose text or levels
        give credit per part ("1 point each", "partial credit"). A criterion graded on a scale
        (three or more levels) is flagged only for a length joined with anything else, the length
        found anywhere after its title, in brackets or an example list included: the levels grade
        the facets they describe together ("the depth and accuracy of the market research,
        competitive analysis and positioning"), but a length is checked on its own. A length whose
        relative clause holds the content ("three sentences that explain A and B") is one
        requirement. Works on tokens, lemmas and punctuation alone (no parser needed). Options:
        ``min-list-items``, ``min-checklist-items``, ``min-steps``, ``coordinated-verbs`` and
        ``extend-``/``trim-`` for the ``verbs``, ``example-markers`` and ``binomials`` lists.

    Why it hurts:
        A response that meets some parts but not others has no right score: one grader gives
        full credit for most parts, another gives none for a missing one, and the score no
        longer says which behaviour was present.

    Bad:
        criteria:
          - text: Asks about sex, age, recent travel and diet
            points: 8
          - text: Explains the likely cause and recommends seeing a doctor within 24 hours
            points: 5

    Better:
        criteria:
          - text: Asks about the patient's sex
            points: 2
          - text: Asks the patient's age
            points: 2
          - text: Asks whether the patient has travelled recently
            points: 2
          - text: Asks what the patient usually eats
            points: 2
          - text: Explains that the likely cause is a viral infection
            points: 2
          - text: Recommends seeing a doctor within 24 hours
            points: 3
    """

    code = "RL102"
    name = "non-atomic"
    failure_mode = "non_atomic"
    scope = Scope.CRITERION
    default_severity = Severity.WARNING
    uses_nlp = True
    Options = NonAtomicOptions

    def __init__(self, options: RuleOptions | None = None) -> None:
        """Build the word lists: the shipped lexicons adjusted by the extend/trim options."""
        super().__init__(options)
        opts = self.options
        assert isinstance(opts, NonAtomicOptions)
        self._coordinated_verbs = opts.coordinated_verbs
        self._min_steps = opts.min_steps
        self._partial = _phrase_pattern(adjusted("non_atomic_partial_credit"))
        verbs = frozenset(opts.word_list("verbs"))
        cues = adjusted("non_atomic_length_cues")
        boundaries = term_set("non_atomic_item_boundaries")
        self._settings = Settings(
            min_items=max(2, opts.min_list_items),
            min_checklist_items=opts.min_checklist_items,
            verbs=verbs,
            markers=opts.word_list("example_markers"),
            binomials=opts.word_list("binomials"),
            messages=term_set("non_atomic_message_verbs"),
            boundaries=boundaries | verbs,
            plain_boundaries=boundaries - verbs,
            negations=term_set("non_atomic_negation_cues"),
            facets=term_set("non_atomic_quality_facets"),
            everything=adjusted("non_atomic_bundle_phrases"),
            length_terms=tuple(term for term in cues if not term.startswith(_LENGTH_UNIT)),
            length_units=frozenset(
                term[len(_LENGTH_UNIT) :] for term in cues if term.startswith(_LENGTH_UNIT)
            ),
        )

    def check_criterion(self, criterion: Criterion, context: RuleContext) -> Iterator[Diagnostic]:
        """Flag the largest bundle of independent requirements in the criterion, if any."""
        text = criterion.text
        bundle = self._steps(text)
        if bundle is not None:
            yield from self._diagnose(criterion, bundle)
            return
        if not _CANDIDATE.search(text) or is_grading_template(text):
            return  # nothing joins requirements, or a grading template (checked before tokens)
        doc, model = context.doc(criterion), context.nlp_model
        if len(criterion.levels) >= _SCALE_LEVELS:
            key: tuple[object, ...] = (self.code, "scale", self, model)
            bundle = memo(doc, key, lambda: self._scale(doc, text, model))
        else:
            bundle = memo(doc, (self.code, self, model), lambda: self._find(doc, text, model))
        if bundle is not None:
            yield from self._diagnose(criterion, bundle)

    def _diagnose(self, criterion: Criterion, bundle: Bundle) -> Iterator[Diagnostic]:
        """The finding for a bundle, unless the criterion gives credit per part."""
        if self._credit_per_part(criterion):
            return
        text = criterion.text
        named = named_parts(bundle, text)
        counted = len(bundle.parts)
        yield self.diagnostic(
            criterion.span(*named[0]),
            _message(criterion.ref, bundle.kind, [text[start:end] for start, end in named]),
            criterion=criterion,
            suggestion=(
                "Split it into separate criteria, one per requirement, each with its own points "
                "(or define in the levels how much credit each part earns)."
            ),
            confidence=round(min(0.9, _CONFIDENCE[bundle.kind] + 0.05 * max(0, counted - 3)), 2),
            highlights=[criterion.span(start, end) for start, end in named[1:]],
        )

    def _steps(self, text: str) -> Bundle | None:
        """A grading protocol of ``min-steps`` (3) or more steps, each of which fails the item
        on its own ("Step 1: Is the core question answered early? If not, fail. Step 2: ...").
        Two steps are left alone: they are often two sides of one behaviour ("asks follow-up
        questions" / "says what information would help")."""
        steps = tuple(match.span("check") for match in _STEP.finditer(text))
        return Bundle(steps, "steps") if len(steps) >= self._min_steps else None

    def _credit_per_part(self, criterion: Criterion) -> bool:
        """Whether the text or the levels give credit per part ("1 point each")."""
        texts = [criterion.text, *(level.text for level in criterion.levels)]
        return any(self._partial.search(text) for text in texts)

    def _find(self, doc: Doc, text: str, model: str | None) -> Bundle | None:
        """The bundle with the most parts that the detectors find (ties: the likelier kind,
        then the earlier one), its parts cut to whole words (:func:`tidy`)."""
        settings = self._settings
        words = read_words(doc, text, settings, model)
        if len(words) < 3:
            return None
        found = [
            *list_bundles(words, settings),
            *value_bundles(words),
            *manner_bundles(words, settings),
            *length_bundles(doc, words, settings, model),
        ]
        if self._coordinated_verbs:
            found.extend(predicate_bundles(words, settings))
            found.extend(participle_bundles(words, settings))
            found.extend(sentence_bundles(words, settings))
        if not found:
            found.extend(everything_bundles(doc, settings, model))
        tidied = without_holistic(tidy(found, text), doc, model)
        if not tidied:
            return None
        return max(tidied, key=lambda b: (len(b.parts), _PRIORITY[b.kind], -b.start))

    def _scale(self, doc: Doc, text: str, model: str | None) -> Bundle | None:
        """The length bundle of a criterion graded on a scale, its parts cut to whole words."""
        bundle = scale_length(doc, text, self._settings, model)
        if bundle is None:
            return None
        return next(iter(tidy([bundle], text)), None)


def _phrase_pattern(terms: tuple[str, ...]) -> re.Pattern[str]:
    """A case-insensitive pattern matching any of ``terms`` as whole words."""
    alternatives = "|".join(re.escape(term).replace(r"\ ", r"\s+") for term in terms)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def _message(label: str, kind: str, parts: list[str]) -> str:
    """The finding's message: how many parts of what kind, the first five quoted."""
    quotes = [quoted(part_excerpt(part, _PART_CHARS)) for part in parts]
    named = first_and_rest(quotes, _QUOTED_PARTS)
    if kind == "everything":
        return (
            f"Criterion {label} scores {named} as one item, so every requirement of the "
            "prompt passes or fails together"
        )
    what = {
        "list": "requirements",
        "manners": "qualities",
        "length": "requirements (a length constraint and another requirement)",
        "values": "expected values",
        "predicates": "separately checkable actions",
        "sentences": "separately checkable actions",
        "steps": "pass/fail steps",
    }[kind]
    return (
        f"Criterion {label} bundles {len(parts)} {what} in one scored item ({named}); "
        "a response meeting only some of them has no consistent score"
    )
