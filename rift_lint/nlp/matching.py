"""Finding lexicon terms in processed text: a PhraseMatcher on lower-cased lemmas.

Terms are lemmatised by the same pipeline as the text, so "engaging", "engages" and
"Engaging" all match the term "engage"; multi-word terms ("high-quality", "such as") match
as phrases. Cue words whose lemma would over-match are matched on their exact lower-case
form instead (``LowerMatcher``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from rift_lint.nlp.pipeline import load

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span


@dataclass(frozen=True)
class TermMatch:
    """One occurrence of a lexicon term: its token span and the term it matched."""

    term: str
    span: Span

    @property
    def start_char(self) -> int:
        """Character offset of the match in the doc text."""
        return self.span.start_char

    @property
    def end_char(self) -> int:
        """Character offset just past the match."""
        return self.span.end_char


def longest_first(found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """``(start, end, term)`` token matches in text order, overlaps resolved to the longest
    (on a tie, the earlier one)."""
    ordered = sorted(found, key=lambda item: (item[0], -(item[1] - item[0])))
    kept: list[tuple[int, int, str]] = []
    last_end = -1
    for start, end, term in ordered:
        if start >= last_end:
            kept.append((start, end, term))
            last_end = end
    return kept


class TermMatcher:
    """Matches a fixed set of terms (lemma phrases) in docs of one pipeline."""

    def __init__(self, terms: tuple[str, ...], model: str | None = None) -> None:
        from spacy.matcher import PhraseMatcher

        nlp = load(model)
        self.terms = terms
        self._matcher = PhraseMatcher(nlp.vocab, attr="LEMMA")
        for term, pattern in zip(terms, nlp.pipe(terms), strict=True):
            self._matcher.add(term, [pattern])
        self._strings = nlp.vocab.strings

    def find(self, doc: Doc) -> list[TermMatch]:
        """Matches in text order; overlapping matches keep the longest."""
        raw = self._matcher(doc)
        if not raw:
            return []
        found = longest_first([(start, end, self._strings[key]) for key, start, end in raw])
        return [TermMatch(term, doc[start:end]) for start, end, term in found]


@cache
def matcher_for(terms: tuple[str, ...], model: str | None = None) -> TermMatcher:
    """A cached matcher for a term tuple (rules build theirs once per option set)."""
    return TermMatcher(terms, model)


class LowerMatcher:
    """Exact lower-case phrase matching, for cue words whose lemma would over-match."""

    def __init__(self, terms: tuple[str, ...], model: str | None = None) -> None:
        from spacy.matcher import PhraseMatcher

        nlp = load(model)
        self._matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._matcher.add("marker", [nlp.make_doc(term) for term in terms])

    def starts(self, doc: Doc) -> set[int]:
        """Token indices where a term starts."""
        return {start for _key, start, _end in self._matcher(doc)}


@cache
def lower_matcher_for(terms: tuple[str, ...], model: str | None = None) -> LowerMatcher:
    """A cached exact lower-case matcher for a term tuple."""
    return LowerMatcher(terms, model)
