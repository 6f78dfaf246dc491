"""RL102: a bundle whose every part is a judgement of quality is one holistic judgement.

"well-organized, easy to follow, and clearly communicates the calculations" or "compelling
arguments, credible evidence, and convincing reasoning" lists facets of one impression of
the response; each part rests on an evaluative word of RL101's lexicons, and RL101 reports the
vagueness. Splitting such a list would give several equally vague criteria, so RL102 leaves
it alone. A list with one part that states something checkable ("accurate, concise and
well-cited": "accurate" and "well-cited" are no evaluative words) stays a bundle.
"""

from __future__ import annotations

from bisect import bisect_left
from functools import cache
from typing import TYPE_CHECKING

from rift_lint.nlp.matching import lower_matcher_for, matcher_for
from rift_lint.rules.rl101_subjective import SubjectiveOptions, evaluative_words
from rift_lint.rules.rl102_bundle import Bundle

if TYPE_CHECKING:
    from spacy.tokens import Doc

# Kinds whose parts are qualities or actions of the response; values, lengths, steps and "all
# the requirements" are bundles whatever words they use.
_JUDGED_KINDS = frozenset({"list", "manners", "predicates", "sentences"})


@cache
def _terms() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """RL101's evaluative words with its default options: lemma terms, and exact forms."""
    terms, exact, _ = evaluative_words(SubjectiveOptions())
    return terms, exact


def without_holistic(bundles: list[Bundle], doc: Doc, model: str | None) -> list[Bundle]:
    """``bundles`` without the holistic judgements; the evaluative words of ``doc`` are looked
    for only when some bundle is of a kind that can be one."""
    if not any(bundle.kind in _JUDGED_KINDS for bundle in bundles):
        return bundles
    starts = judgement_starts(doc, model)
    return [bundle for bundle in bundles if not holistic(bundle, starts)]


def judgement_starts(doc: Doc, model: str | None) -> list[int]:
    """Character offsets where an evaluative word starts in ``doc``, in order."""
    lemmas, exact = _terms()
    starts = [match.start_char for match in matcher_for(lemmas, model).find(doc)]
    starts.extend(doc[i].idx for i in lower_matcher_for(exact, model).starts(doc))
    return sorted(starts)


def holistic(bundle: Bundle, starts: list[int]) -> bool:
    """Whether every part of ``bundle`` holds an evaluative word (see the module docs), given
    where they start (``starts``, in order)."""
    return bundle.kind in _JUDGED_KINDS and all(
        (at := bisect_left(starts, start)) < len(starts) and starts[at] < end
        for start, end in bundle.parts
    )
