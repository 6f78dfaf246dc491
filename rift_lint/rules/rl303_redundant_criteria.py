"""RL303 redundant-criteria."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any, ClassVar

from pydantic import Field

from rift_lint.models import Criterion, Diagnostic, RelatedLocation, Rubric, Scope, Severity
from rift_lint.nlp.lexicon import load_lexicon
from rift_lint.nlp.templates import is_grading_template
from rift_lint.rules.base import Rule, RuleContext, RuleOptions, written_criteria
from rift_lint.rules.rl003_duplicate_criterion import normalise
from rift_lint.rules.rl302_low_signal import genericness, lemma_phrases, read_words

if TYPE_CHECKING:
    import numpy as np
    from spacy.tokens import Doc

# Words that frame a criterion rather than say what it checks ("The response ...", "Does the
# output ..."): sharing one of them says nothing about two criteria rewarding the same thing.
_FRAME_WORDS = frozenset(
    {
        "response", "answer", "output", "reply", "model", "assistant", "user", "solution",
        "question", "prompt", "instruction", "criterion", "generate", "provide", "include",
        "mention", "state", "say", "give", "demonstrate", "show", "ensure", "explain",
    }
)  # fmt: skip
_MIN_CONTAINED_WORDS = 2
_TIE_DIGITS = 4
# Related locations listed per finding: in a long rubric of near-identical criteria one
# criterion can overlap hundreds of earlier ones; the closest few say enough.
MAX_RELATED = 5
# A penalty written as an omission ("Fails to mention X", points < 0) mirrors a reward for X.
_OMISSION = re.compile(
    r"^\W*(?:the\s+(?:response|answer|output)\s+)?(?:fails?\s+to|does\s+not|doesn[\u2019']t|"
    r"did\s+not|omits?|neglects?\s+to|misses|lacks|never)\b",
    re.IGNORECASE,
)


class RedundantCriteriaOptions(RuleOptions):
    """Options of RL303."""

    min_similarity: float = Field(default=0.80, ge=-1.0, le=1.0)
    generic_discount: float = Field(default=0.5, ge=0.0)
    min_cosine: float = Field(default=0.55, ge=-1.0, le=1.0)
    mirror_similarity: float = Field(default=0.55, ge=-1.0, le=1.0)
    min_containment: float = Field(default=0.8, ge=0.0, le=1.0)
    min_contrast: float = Field(default=0.1, le=2.0)
    allow_mirrors: bool = False
    extend_complementary: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Text:
    """What RL303 compares besides the embedding: content words, numbers and lemma string."""

    words: frozenset[str]
    numbers: frozenset[str]
    lemmas: str


@dataclass(frozen=True)
class _Overlap:
    earlier: Criterion
    similarity: float
    how: str


class RedundantCriteria(Rule):
    """Two criteria of one rubric reward or penalise the same property.

    What it flags:
        A criterion that says in other words what an earlier criterion of the same rubric
        already checks, or that is contained in it. A pair counts when the cosine similarity
        of their embeddings reaches ``min-similarity`` (0.80), or when the other criterion
        holds at least ``min-containment`` (0.8) of the shorter one's content words. When both
        criteria are generic (close to the bank of generic criteria shared with RL302) and
        share a content word, the similarity needed drops by ``generic-discount`` (0.5) times
        the smaller genericness: generic criteria that share a word ("clear explanation",
        "explains clearly") tend to reward one quality twice. A reward and a penalty for
        leaving the same thing out ("Recommends X", +5; "Fails to recommend X", -5) need only
        ``mirror-similarity`` (0.55). No pair counts below ``min-cosine`` (0.55), nor unless
        it is closer, by ``min-contrast`` (0.1), than its two criteria are on average to the
        rubric's other criteria: in a rubric whose criteria all circle one topic ("explains
        how the heart keeps homeostasis", "avoids information unrelated to the heart's role
        in homeostasis") every pair is close, and only a pair that stands out repeats itself.

        Not flagged: exact duplicates (RL003 reports them); two multi-line grading templates
        with their own bullet or numbered lines (HealthBench's consensus criteria: protocols
        for a whole judgement that share boilerplate); pairs where each criterion gives a
        number the other lacks (two test cases, two doses; one whose numbers all recur in the
        other is still compared); complementary pairs where one criterion checks something
        about what the other only requires to be there ("cites sources" and "the cited sources
        support the claims", "valid JSON" and "has the required keys", "compiles" and "passes
        the tests"; word list ``redundant_complementary.txt``, extended with
        ``extend-complementary`` lines written ``base, terms => refinement, terms``); criteria
        the embedding model cannot read (a tenth or more of their characters outside its
        vocabulary, as Chinese is for the default English model: read as rows of unknown
        tokens, any two looked alike); and, with ``allow-mirrors``, any pair of a reward and a
        penalty. The finding sits on the later criterion, names the earlier one(s) as related
        (the five closest, with the count when more overlap) and gives the similarity, which
        is also its confidence. Defaults were chosen on the development labels.

    Why it hurts:
        The same behaviour is scored twice, so it weighs more than the rubric's author meant
        and a response that gets it right (or wrong) gains (or loses) twice.

    Bad:
        prompt: How should a web application store user passwords?
        criteria:
          - text: Recommends hashing passwords with a slow algorithm such as bcrypt or Argon2
          - text: Says passwords should be hashed with bcrypt, Argon2 or a similar slow hash
          - text: Recommends a separate salt generated for each password

    Better:
        prompt: How should a web application store user passwords?
        criteria:
          - text: Recommends hashing passwords with a slow algorithm such as bcrypt or Argon2
          - text: Recommends a separate salt generated for each password
          - text: Warns against storing passwords in plain text or with reversible encryption
    """

    code = "RL303"
    name = "redundant-criteria"
    failure_mode = "redundant_criteria"
    scope = Scope.RUBRIC
    default_severity = Severity.WARNING
    uses_nlp = True
    uses_embeddings = True
    Options = RedundantCriteriaOptions
    candidate_options: ClassVar[dict[str, Any]] = {"min_similarity": 0.65, "min_cosine": 0.45}

    def __init__(self, options: RuleOptions | None = None) -> None:
        super().__init__(options)
        opts = self.options
        assert isinstance(opts, RedundantCriteriaOptions)
        self._opts = opts

    def check_rubric(self, rubric: Rubric, context: RuleContext) -> Iterator[Diagnostic]:
        """Flag each later criterion that overlaps an earlier one."""
        import numpy as np

        criteria = written_criteria(rubric)
        if len(criteria) < 2:
            return
        opts = self._opts
        vectors = np.vstack([context.vector(criterion) for criterion in criteria])
        similarity = vectors @ vectors.T
        rows, columns = np.nonzero(np.triu(similarity >= opts.min_cosine, k=1))
        if not len(rows):
            return
        totals = similarity.sum(axis=1)
        generic = genericness(context)
        texts = [_text(context.doc(criterion)) for criterion in criteria]
        pairs = _complementary_pairs(context.nlp_model, opts.extend_complementary)
        keys = [normalise(criterion.text) for criterion in criteria]
        templates = [is_grading_template(criterion.text) for criterion in criteria]
        found: dict[int, list[_Overlap]] = {}
        for first, second in zip(rows.tolist(), columns.tolist(), strict=True):
            earlier, later = criteria[first], criteria[second]
            if keys[first] == keys[second] or self._allowed_mirror(earlier, later):
                continue
            if templates[first] and templates[second]:
                continue  # two grading protocols share boilerplate, not one behaviour
            a, b = texts[first], texts[second]
            if _distinct_numbers(a, b) or _complementary(a, b, pairs):
                continue
            cosine = float(similarity[first, second])
            if cosine - _baseline(similarity, totals, first, second) < opts.min_contrast:
                continue  # the pair is no closer than either is to the rest of the rubric
            shared = (a.words & b.words) - _FRAME_WORDS
            bar = opts.min_similarity
            if shared:
                bar -= opts.generic_discount * float(min(generic[first], generic[second]))
            how = _how(earlier, later)
            if _omission_mirror(earlier, later):
                bar = min(bar, opts.mirror_similarity)
                how = "scores the same behaviour (with the opposite sign) as"
            if cosine < max(bar, opts.min_cosine):
                if _containment(a, b) < opts.min_containment:
                    continue
                how = "overlaps in content with"
            found.setdefault(second, []).append(_Overlap(earlier, cosine, how))
        for index in sorted(found):
            yield self._finding(rubric, criteria[index], found[index])

    def _finding(self, rubric: Rubric, later: Criterion, overlaps: list[_Overlap]) -> Diagnostic:
        # Most similar first; equal similarities (the same text twice, up to float noise in
        # the encoder's batching) keep rubric order, so the named criterion is stable.
        overlaps = sorted(overlaps, key=lambda overlap: -round(overlap.similarity, _TIE_DIGITS))
        best = overlaps[0]
        crowd = (
            f"; {len(overlaps)} earlier criteria overlap it, the {MAX_RELATED} closest are listed"
            if len(overlaps) > MAX_RELATED
            else ""
        )
        return self.diagnostic(
            later.location,
            f"Criterion {later.ref} {best.how} criterion {best.earlier.ref} "
            f"(similarity {best.similarity:.2f}), so one behaviour is scored twice{crowd}",
            rubric=rubric,
            criterion=later,
            suggestion=(
                f"Merge criterion {later.ref} into {best.earlier.ref}, or rewrite it so it "
                "checks something the other does not."
            ),
            confidence=round(max(0.0, min(1.0, best.similarity)), 2),
            related=[
                RelatedLocation(
                    location=overlap.earlier.location,
                    message=f"overlapping criterion {overlap.earlier.ref} "
                    f"(similarity {overlap.similarity:.2f})",
                )
                for overlap in overlaps[:MAX_RELATED]
            ],
        )

    def _allowed_mirror(self, first: Criterion, second: Criterion) -> bool:
        if not self._opts.allow_mirrors or first.points is None or second.points is None:
            return False
        return first.points * second.points < 0


def _baseline(similarity: np.ndarray, totals: np.ndarray, first: int, second: int) -> float:
    """How close the two criteria are, on average, to the rubric's other criteria (minus one,
    so a pair with no other criteria always stands out). ``totals`` are the row sums of
    ``similarity``, so each pair costs the same however long the rubric."""
    others = len(similarity) - 2
    if not others:
        return -1.0
    to_others = (
        totals[first]
        + totals[second]
        - similarity[first, first]
        - similarity[second, second]
        - 2 * similarity[first, second]
    )
    return float(to_others) / (2 * others)


def _how(first: Criterion, second: Criterion) -> str:
    """How the later criterion scores what the earlier one does, by the signs of their points
    (none counts as positive): both reward it, both penalise it, or one of each."""
    penalties = [c.points is not None and c.points < 0 for c in (first, second)]
    if all(penalties):
        return "penalises the same thing as"
    return "checks the same thing as" if any(penalties) else "rewards the same thing as"


def _omission_mirror(first: Criterion, second: Criterion) -> bool:
    """A reward and a penalty for leaving something out: one behaviour scored both ways."""
    if first.points is None or second.points is None or first.points * second.points >= 0:
        return False
    penalty = first if first.points < 0 else second
    return _OMISSION.match(penalty.text) is not None


def _text(doc: Doc) -> _Text:
    words = read_words(doc)
    return _Text(frozenset(words.content) | words.numbers, words.numbers, words.lemmas)


def _containment(a: _Text, b: _Text) -> float:
    """The share of the smaller criterion's content words found in the other one."""
    small, large = sorted((a.words - _FRAME_WORDS, b.words - _FRAME_WORDS), key=len)
    if len(small) < _MIN_CONTAINED_WORDS:
        return 0.0
    return len(small & large) / len(small)


def _distinct_numbers(a: _Text, b: _Text) -> bool:
    """Both criteria give numbers the other lacks: parallel checks of different values."""
    return bool(a.numbers - b.numbers) and bool(b.numbers - a.numbers)


Phrases = tuple[tuple[str, ...], tuple[str, ...]]


@cache
def _complementary_pairs(model: str | None, extra: tuple[str, ...]) -> tuple[Phrases, ...]:
    """The complementary aspect pairs, each side as padded lemma phrases."""
    parsed = []
    for line in (*load_lexicon("redundant_complementary"), *extra):
        if line.count("=>") != 1:
            continue
        base, refinement = (
            tuple(term.strip() for term in side.split(",") if term.strip())
            for side in line.split("=>")
        )
        parsed.append((lemma_phrases(base, model), lemma_phrases(refinement, model)))
    return tuple(parsed)


def _complementary(a: _Text, b: _Text, pairs: tuple[Phrases, ...]) -> bool:
    """One criterion names a base aspect, the other checks a refinement the first lacks."""
    for base, refinement in pairs:
        for x, y in ((a, b), (b, a)):
            if any(term in x.lemmas for term in base) and any(
                term in y.lemmas and term not in x.lemmas for term in refinement
            ):
                return True
    return False
