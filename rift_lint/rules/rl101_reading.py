"""RL101's reading of a criterion: its evaluative terms, the anchors that pin them down and the
signs of concrete content around them.

:class:`Matchers` compiles the word lists of one option set (:class:`WordLists`) for one
pipeline and reads a criterion text into a :class:`Reading` with the evaluative terms of
:mod:`rift_lint.rules.rl101_terms` and the anchors of :mod:`rift_lint.rules.rl101_anchors`;
it also tells whether a criterion's score levels are concrete.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from rift_lint.nlp.matching import matcher_for
from rift_lint.rules.rl101_anchors import Anchor, anchor_ranges, is_anchored
from rift_lint.rules.rl101_terms import evaluative_terms, name_tokens, skipped_tokens, term_spans
from rift_lint.rules.rl101_tokens import Tokens

if TYPE_CHECKING:
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Doc

    from rift_lint.models import Criterion
    from rift_lint.rules.rl101_terms import Term
    from rift_lint.rules.rl101_tokens import WordMatch

_LONG = 60  # content words from which a criterion reads as instructions with definitions
_WORDS_PER_TERM = 13  # content words per unanchored term from which content is spelled out

# Names of the lower-case word lists, merged into one PhraseMatcher.
_EXACT, _INTENSIFIER, _DEGREE, _CUE, _THRESHOLD, _CONTRAST, _RULE = (
    "exact",
    "intensifier",
    "degree",
    "cue",
    "threshold",
    "contrast",
    "rule",
)
# Names of the verb lists, merged into one lemma PhraseMatcher.
_REPORTING, _NAMING = "reporting", "naming"


@dataclass(frozen=True)
class WordLists:
    """The word lists of one option set."""

    terms: tuple[str, ...]
    exact_terms: tuple[str, ...]
    mild_terms: frozenset[str]
    intensifiers: tuple[str, ...]
    degree_words: tuple[str, ...]
    anchor_cues: tuple[str, ...]
    threshold_cues: tuple[str, ...]
    reporting_verbs: tuple[str, ...]
    naming_verbs: tuple[str, ...]
    contrast_cues: tuple[str, ...]
    rule_cues: tuple[str, ...]
    noun_senses: frozenset[str]
    measure_nouns: frozenset[str]


@dataclass
class Reading:
    """What RL101 sees in one text: evaluative terms, anchors and signs of concrete content."""

    terms: list[Term]
    anchors: list[Anchor]
    segments: list[int]
    signals: list[str]
    words: int

    def signals_for(self, loose: list[Term]) -> list[str]:
        """Signs of concrete content, including many content words per unanchored term."""
        body = sum(1 for term in loose if not term.header)
        if body and self.words >= _WORDS_PER_TERM * body:
            return [*self.signals, "spells out content"]
        return self.signals

    def anchored(self, term: Term) -> bool:
        """Whether an anchor in the term's segment follows it closely or covers it."""
        return is_anchored(term, self.anchors, self.segments)


class Matchers:
    """The compiled matchers of one option set and pipeline (built once, then cached)."""

    def __init__(self, lists: WordLists, model: str | None) -> None:
        """Compile ``lists`` for the pipeline ``model``."""
        self.model = model
        self.lists = lists
        self.term_matcher = matcher_for(lists.terms, model) if lists.terms else None
        self.words = _labelled_matcher(
            (
                (_EXACT, lists.exact_terms),
                (_INTENSIFIER, lists.intensifiers),
                (_DEGREE, lists.degree_words),
                (_CUE, lists.anchor_cues),
                (_THRESHOLD, lists.threshold_cues),
                (_CONTRAST, lists.contrast_cues),
                (_RULE, lists.rule_cues),
            ),
            "LOWER",
            model,
        )
        self.verbs = _labelled_matcher(
            ((_REPORTING, lists.reporting_verbs), (_NAMING, lists.naming_verbs)), "LEMMA", model
        )

    def read(self, doc: Doc, text: str) -> Reading | None:
        """The reading of a criterion text, or ``None`` when it has no evaluative word."""
        words = _find(self.words, doc)
        spans = self._term_spans(doc, words)
        if not spans:
            return None
        tokens = Tokens(doc, text)
        verbs = _find(self.verbs, doc)
        skipped, stated = skipped_tokens(
            doc, text, tokens, words[_CONTRAST], verbs[_REPORTING], verbs[_NAMING]
        )
        found = self._anchors(doc, text, tokens, spans, words)
        boosters = {end for _, end, _ in words[_INTENSIFIER]}
        boosters.update(end for _, end, _ in words[_DEGREE])
        names = name_tokens(tokens, text, skipped, spans)
        terms = evaluative_terms(
            text,
            tokens,
            spans,
            skipped,
            boosters,
            self.lists.noun_senses,
            self.lists.mild_terms,
            self.lists.measure_nouns,
            names,
        )
        signals = []
        if stated:
            signals.append("states content")
        if found:
            signals.append("gives examples or limits")
        if words[_RULE]:
            signals.append("states a condition")
        if len(names) >= 2:
            signals.append("names things")
        content = sum(tokens.content)
        if content > _LONG:
            signals.append("long instructions")
        return Reading(terms, found, tokens.segment, signals, content)

    def levels_concrete(self, criterion: Criterion) -> bool:
        """Whether the score levels say what each score looks like in checkable terms."""
        texts = tuple(level.text for level in criterion.levels if level.text.strip())
        return bool(texts) and self._levels_concrete(texts)

    @lru_cache(maxsize=4096)  # noqa: B019 - one Matchers per option set, kept for the process
    def _levels_concrete(self, texts: tuple[str, ...]) -> bool:
        """Levels are concrete when at least half of them give an example, a quote or a
        limit, or use no evaluative word at all. Reading stops as soon as the answer is
        known."""
        from rift_lint.nlp.pipeline import load

        nlp = load(self.model)
        needed = (len(texts) + 1) // 2
        concrete = 0
        for done, text in enumerate(texts):
            if concrete >= needed or concrete + len(texts) - done < needed:
                break
            level_doc = nlp(text)
            words = _find(self.words, level_doc)
            spans = self._term_spans(level_doc, words)
            if not spans:
                concrete += 1
                continue
            tokens = Tokens(level_doc, text)
            concrete += bool(self._anchors(level_doc, text, tokens, spans, words))
        return concrete * 2 >= len(texts)

    def _term_spans(self, doc: Doc, words: dict[str, list[WordMatch]]) -> list[WordMatch]:
        """Every evaluative-term match in ``doc``, overlaps resolved to the longest."""
        return term_spans(doc, self.term_matcher, words[_EXACT], words[_DEGREE])

    @staticmethod
    def _anchors(
        doc: Doc,
        text: str,
        tokens: Tokens,
        spans: list[WordMatch],
        words: dict[str, list[WordMatch]],
    ) -> list[Anchor]:
        """Token ranges that pin the terms of ``spans`` down."""
        return anchor_ranges(doc, text, tokens, spans, words[_CUE], words[_THRESHOLD])


@cache
def matchers_for(lists: WordLists, model: str | None) -> Matchers:
    """The matchers of ``lists`` for the pipeline ``model``, built once per process."""
    return Matchers(lists, model)


def _find(matcher: tuple[PhraseMatcher, tuple[str, ...]], doc: Doc) -> dict[str, list[WordMatch]]:
    """Matches of a labelled matcher, per list name, each as (start, end, term) in order."""
    phrase_matcher, names = matcher
    found: dict[str, list[WordMatch]] = {name: [] for name in names}
    strings = phrase_matcher.vocab.strings
    for key, start, end in sorted(phrase_matcher(doc), key=lambda m: (m[1], m[2])):
        name, term = strings[key].split("\t", 1)
        found[name].append((start, end, term))
    return found


@cache
def _labelled_matcher(
    lists: tuple[tuple[str, tuple[str, ...]], ...], attr: str, model: str | None
) -> tuple[PhraseMatcher, tuple[str, ...]]:
    """One PhraseMatcher for several named word lists, matched on ``attr`` (LOWER or LEMMA).

    Match keys are "<list name>\\t<term>"; lemma patterns come from the same pipeline as the
    text, so "mentions" matches the term "mention".
    """
    from spacy.matcher import PhraseMatcher

    from rift_lint.nlp.pipeline import load

    nlp = load(model)
    matcher = PhraseMatcher(nlp.vocab, attr=attr)
    for name, terms in lists:
        if not terms:
            continue
        patterns = nlp.pipe(terms) if attr == "LEMMA" else (nlp.make_doc(t) for t in terms)
        for term, pattern in zip(terms, patterns, strict=True):
            matcher.add(f"{name}\t{term}", [pattern])
    return matcher, tuple(name for name, _ in lists)
