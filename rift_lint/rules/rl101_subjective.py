"""RL101 subjective: a criterion rests on evaluative words that nothing pins down.

The rule builds its word lists from its options and reads each criterion with them
(:mod:`rift_lint.rules.rl101_reading`: the evaluative terms of
:mod:`rift_lint.rules.rl101_terms` and the anchors of :mod:`rift_lint.rules.rl101_anchors`);
it flags the terms no anchor explains, with a confidence that concrete content lowers, unless
the score levels are concrete.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, ClassVar

from pydantic import Field

from rift_lint.listing import first_and_rest
from rift_lint.models import Criterion, Diagnostic, Scope, Severity
from rift_lint.nlp.doccache import memo
from rift_lint.nlp.lexicon import EXACT, adjusted, split_exact, term_set
from rift_lint.rules.base import Rule, RuleContext, RuleOptions, lexicons
from rift_lint.rules.rl101_reading import Matchers, WordLists, matchers_for

if TYPE_CHECKING:
    from rift_lint.rules.rl101_terms import Term

_STRONG = 0.55  # weight of one evaluative term in the body of the criterion
_WEAK = 0.3  # a mild term, a manner adverb, or a term in a heading ("**Clarity**: ...")
_BOOST = 0.15  # an intensifier or degree word before the term ("highly original")
_DAMPING = 0.75  # factor per sign of concrete content elsewhere in the criterion
_NAMED_IN_HELP = 3  # the most terms the help names; more are counted ("and 2 more")


class SubjectiveOptions(RuleOptions):
    """Options of RL101: adjust the word lists without editing the shipped files."""

    word_lists: ClassVar[dict[str, str]] = lexicons(
        "subjective", "terms", "mild_terms", "intensifiers", "degree_words", "anchor_cues",
        "threshold_cues",
    )  # fmt: skip
    extend_terms: tuple[str, ...] = ()
    trim_terms: tuple[str, ...] = ()
    extend_mild_terms: tuple[str, ...] = ()
    trim_mild_terms: tuple[str, ...] = ()
    extend_intensifiers: tuple[str, ...] = ()
    trim_intensifiers: tuple[str, ...] = ()
    extend_degree_words: tuple[str, ...] = ()
    trim_degree_words: tuple[str, ...] = ()
    extend_anchor_cues: tuple[str, ...] = ()
    trim_anchor_cues: tuple[str, ...] = ()
    extend_threshold_cues: tuple[str, ...] = ()
    trim_threshold_cues: tuple[str, ...] = ()
    min_confidence: float = Field(default=0.5, ge=0.0, le=1.0)

    @classmethod
    def trims(cls, key: str, entry: str) -> bool:
        """A term is trimmed in both spellings, lemma ("engaging") and exact form
        ("=engaging"): an entry trims something when the list holds either (:func:`_both`)."""
        if key not in ("terms", "mild_terms"):
            return super().trims(key, entry)
        listed = term_set(cls.word_lists[key])
        return any(term.lower() in listed for term in _both((entry,)))


class Subjective(Rule):
    """A criterion rests on evaluative words that nothing pins down.

    What it flags:
        Judgement words such as "clear", "concise", "appropriate", "engaging", "thorough",
        "comprehensive", "high-quality", "well-organized" or "effectively", and degree words such as
        "overly technical" or "too long", that the criterion never explains. A word is anchored, and
        not flagged, when the same sentence explains it with an example list of concrete content
        ("e.g.", "such as", "including", "for example"), a definition ("clear, i.e. ..."), a list in
        parentheses, quoted expected content or a threshold ("under 150 words", "15 words or
        fewer"), or when at least half of the criterion's score levels are concrete. A parenthesis
        holding one item glosses only the phrase it follows ("the depth of the protagonist (a
        teenage girl)" leaves "depth" open). Words in quotes or parentheses, in content the response
        must state or explain ("states that ...", "explains why ..."), naming what to avoid ("rather
        than vague claims"), used as a noun or a name ("the Natural History Museum"), or ranking
        measured results ("the best performance") are not judgements of the response; a criterion in
        Title Case or ALL CAPS ("Uses Appropriate Tone") and a word in capitals for emphasis ("is
        ENGAGING") are read as if in lower case. A soft word beside concrete checkable content
        (named items, stated facts, a condition, many specific words) is decoration and lowers the
        confidence; the rule reports when the confidence reaches ``min-confidence`` (default 0.5).
        One finding per criterion sits on the first unanchored word and underlines the others.

        Word lists live in ``rift_lint/data/lexicons/subjective_*.txt``; the options
        ``extend-terms`` / ``trim-terms``, ``extend-mild-terms`` / ``trim-mild-terms``,
        ``extend-intensifiers`` / ``trim-intensifiers``, ``extend-degree-words`` /
        ``trim-degree-words``, ``extend-anchor-cues`` / ``trim-anchor-cues`` and
        ``extend-threshold-cues`` / ``trim-threshold-cues`` add or remove words.

    Why it hurts:
        Two careful graders reading the same response can disagree on whether it is "clear"
        or "engaging", so the score measures the grader as much as the answer.

    Bad:
        criteria:
          - text: The explanation is clear and engaging
            points: 3

    Better:
        prompt: Explain to a ten-year-old why the sky is blue.
        criteria:
          - text: Says that air scatters blue sunlight more than red sunlight
            points: 3
          - text: >-
              Every technical term (e.g. "wavelength", "molecule") is explained in everyday
              words in the same sentence
            points: 3
    """

    code = "RL101"
    name = "subjective"
    failure_mode = "subjective"
    scope = Scope.CRITERION
    default_severity = Severity.WARNING
    uses_nlp = True
    Options = SubjectiveOptions
    candidate_options: ClassVar[dict[str, Any]] = {"min_confidence": 0.0}

    def __init__(self, options: RuleOptions | None = None) -> None:
        """Build the word lists: the shipped lexicons adjusted by the extend/trim options."""
        super().__init__(options)
        opts = self.options
        assert isinstance(opts, SubjectiveOptions)
        self._min_confidence = opts.min_confidence
        self._matchers: dict[str | None, Matchers] = {}
        terms, exact_terms, mild = evaluative_words(opts)
        self._lists = WordLists(
            terms=terms,
            exact_terms=exact_terms,
            mild_terms=frozenset(t.removeprefix(EXACT).strip() for t in mild),
            intensifiers=opts.word_list("intensifiers"),
            degree_words=opts.word_list("degree_words"),
            anchor_cues=opts.word_list("anchor_cues"),
            threshold_cues=opts.word_list("threshold_cues"),
            reporting_verbs=adjusted("subjective_reporting_verbs"),
            naming_verbs=adjusted("subjective_naming_verbs"),
            contrast_cues=adjusted("subjective_contrast_cues"),
            rule_cues=adjusted("subjective_rule_cues"),
            noun_senses=term_set("subjective_noun_senses"),
            measure_nouns=term_set("subjective_measure_nouns"),
        )

    def check_criterion(self, criterion: Criterion, context: RuleContext) -> Iterator[Diagnostic]:
        """Flag the criterion's unanchored evaluative terms in one finding."""
        doc = context.doc(criterion)
        matchers = self._matchers.get(context.nlp_model)
        if matchers is None:  # hashing the word lists for the shared cache is not free
            matchers = self._matchers[context.nlp_model] = matchers_for(
                self._lists, context.nlp_model
            )
        reading = memo(doc, (self.code, matchers), lambda: matchers.read(doc, criterion.text))
        if reading is None:
            return
        loose = [t for t in reading.terms if not reading.anchored(t)]
        if not loose:
            return
        confidence = _confidence(loose, reading.signals_for(loose))
        if confidence < self._min_confidence or matchers.levels_concrete(criterion):
            return  # the levels are read last: they need language processing of their own
        named = _as_written(loose)
        quoted = [f'"{word}"' for word in named]
        words = ", ".join(quoted)
        several = len(named) > 1
        first, *rest = loose
        yield self.diagnostic(
            criterion.span(first.start_char, first.end_char),
            f"Criterion {criterion.ref} relies on unanchored evaluative "
            f"{'terms' if several else 'term'}: {words}; graders will disagree on what meets "
            + ("them" if several else "it"),
            rubric=context.rubric,
            criterion=criterion,
            suggestion=(
                f"Pin down {first_and_rest(quoted, _NAMED_IN_HELP)}: list the concrete content "
                "expected (e.g. ...), give a threshold or a definition (i.e. ...), or describe "
                "concrete score levels."
            ),
            confidence=confidence,
            highlights=[criterion.span(t.start_char, t.end_char) for t in rest],
        )


def evaluative_words(
    opts: SubjectiveOptions,
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """RL101's evaluative words under ``opts``: the terms matched on lemmas, the exact forms
    (without their ``=``), and the mild terms as listed. RL102 reads the first two with the
    default options (:mod:`rift_lint.rules.rl102_judgements`)."""
    lists = opts.word_lists
    strong = adjusted(lists["terms"], opts.extend_terms, _both(opts.trim_terms))
    mild = adjusted(lists["mild_terms"], opts.extend_mild_terms, _both(opts.trim_mild_terms))
    terms, exact_terms = split_exact(tuple(dict.fromkeys(strong + mild)))
    return terms, exact_terms, mild


def _both(terms: tuple[str, ...]) -> tuple[str, ...]:
    """Terms to trim in both spellings, lemma ("engaging") and exact form ("=engaging")."""
    bare = [term.removeprefix(EXACT).strip() for term in terms]
    return (*bare, *(EXACT + term for term in bare))


def _as_written(terms: list[Term]) -> list[str]:
    """The terms' texts as written ("Spooky"), each word once whatever its case."""
    texts: dict[str, str] = {}
    for term in terms:
        texts.setdefault(term.text.lower(), term.text)
    return list(texts.values())


def _confidence(terms: list[Term], signals: list[str]) -> float:
    """How sure the finding is: more and stronger terms raise it, concrete content lowers it."""
    missing = 1.0
    for term in terms:
        weight = _WEAK if term.header or term.mild or term.manner else _STRONG
        if term.boosted:
            weight += _BOOST
        missing *= 1 - weight
    return round((1 - missing) * _DAMPING ** len(signals), 2)
