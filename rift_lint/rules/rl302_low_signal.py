"""RL302 low-signal, and the bank of generic criteria it shares with RL303."""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any, ClassVar

from pydantic import Field

from rift_lint.models import Criterion, Diagnostic, Rubric, Scope, Severity
from rift_lint.nlp.lexicon import adjusted, data_lines
from rift_lint.rules.base import Rule, RuleContext, RuleOptions, written_criteria

if TYPE_CHECKING:
    import numpy as np
    from spacy.tokens import Doc

BANK_FILE = "generic_criteria.txt"

# Bank vectors by (model id, bank lines): the bank is encoded once per process and model.
_BANK_VECTORS: dict[tuple[str, tuple[str, ...]], np.ndarray] = {}


@cache
def generic_bank() -> tuple[str, ...]:
    """The shipped generic criteria, one per line of ``rift_lint/data/generic_criteria.txt``."""
    text = resources.files("rift_lint").joinpath("data", BANK_FILE).read_text(encoding="utf-8")
    return tuple(dict.fromkeys(data_lines(text)))


def bank_vectors(context: RuleContext, extra: Sequence[str] = ()) -> np.ndarray:
    """Unit embeddings of the bank (plus ``extra`` lines), encoded once per model."""
    lines = tuple(dict.fromkeys((*generic_bank(), *extra)))
    assert context.embedder is not None
    key = (context.embedder.model_id, lines)
    if key not in _BANK_VECTORS:
        _BANK_VECTORS[key] = context.embed(list(lines))
    return _BANK_VECTORS[key]


def genericness(context: RuleContext, extra: Sequence[str] = ()) -> np.ndarray:
    """Each of the rubric's :func:`written_criteria`'s highest cosine similarity to a generic
    criterion (one matrix product), computed once per rubric and bank: RL302 and RL303 both
    read it."""

    def scores() -> np.ndarray:
        import numpy as np

        criteria = written_criteria(context.rubric)
        vectors = np.vstack([context.vector(criterion) for criterion in criteria])
        return (vectors @ bank_vectors(context, extra).T).max(axis=1)

    return context.memo(("genericness", tuple(extra)), scores)


@cache
def _generic_vocabulary(model: str | None, extra: tuple[str, ...]) -> frozenset[str]:
    """Lemmas that say nothing about a task: the bank's words plus the rubric-word list."""
    from rift_lint.nlp.pipeline import process

    texts = [*generic_bank(), *extra, *adjusted("low_signal_rubric_words")]
    return frozenset(token.lemma_ for doc in process(texts, model) for token in doc)


def lemma_string(doc: Doc) -> str:
    """The doc's lemmas joined by spaces and padded with a space at each end."""
    return " " + " ".join(token.lemma_ for token in doc) + " "


@cache
def lemma_phrases(terms: tuple[str, ...], model: str | None) -> tuple[str, ...]:
    """Terms as padded lemma strings, to find with ``in`` in a :func:`lemma_string`."""
    from rift_lint.nlp.pipeline import process

    return tuple(lemma_string(doc) for doc in process(terms, model))


@dataclass(frozen=True)
class Words:
    """What the RL3xx rules read from a processed criterion, gathered in one pass over it."""

    lemmas: str
    """All lemmas, space-joined and padded (see :func:`lemma_string`)."""
    content: tuple[str, ...]
    """Lemmas of the words that carry content: numbers, and words of three letters or more
    that are not stop words."""
    numbers: frozenset[str]
    """Tokens that are or contain numbers ("3", "2.5", "three"), lower-cased."""
    specific: int
    """How many tokens hold a digit or are all-capital words ("150", "SQL", "AWS")."""


_WORDS_KEY = "rift_lint.rl3_words"


def read_words(doc: Doc) -> Words:
    """The :class:`Words` of a doc (computed once per doc and kept in its ``user_data``)."""
    cached = doc.user_data.get(_WORDS_KEY)
    if isinstance(cached, Words):
        return cached
    from spacy.attrs import IS_ALPHA, IS_STOP, IS_UPPER, LEMMA, LENGTH, LIKE_NUM, ORTH

    strings = doc.vocab.strings
    lemmas: list[str] = []
    content: list[str] = []
    numbers: set[str] = set()
    specific = 0
    columns = [ORTH, LEMMA, IS_ALPHA, IS_STOP, LIKE_NUM, LENGTH, IS_UPPER]
    for orth, lemma_id, alpha, stop, like_num, length, upper in doc.to_array(columns).tolist():
        lemma = strings[lemma_id]
        lemmas.append(lemma)
        digits = not alpha and any(ch.isdigit() for ch in strings[orth])
        if like_num or digits:
            numbers.add(strings[orth].lower())
        if digits or (alpha and upper and length >= 2):
            specific += 1
        if like_num or (alpha and not stop and length > 2):
            content.append(lemma)
    words = Words(" " + " ".join(lemmas) + " ", tuple(content), frozenset(numbers), specific)
    doc.user_data[_WORDS_KEY] = words
    return words


_WORD = re.compile(r"[^\W_]+")
_PROMPT_LEMMAS: dict[tuple[str | None, str], str | None] = {}


@lru_cache(maxsize=512)
def prompt_words(prompt: str, model: str | None) -> frozenset[str]:
    """Content lemmas of a prompt: its distinct words, each lemmatised once per process.

    Cheaper than processing a long prompt as a whole, and close enough for a set of words.
    """
    from rift_lint.nlp.pipeline import load

    nlp = load(model)
    distinct = set(_WORD.findall(prompt.lower()))
    unseen = sorted(word for word in distinct if (model, word) not in _PROMPT_LEMMAS)
    for word, doc in zip(unseen, nlp.pipe(unseen), strict=True):
        content = read_words(doc).content
        _PROMPT_LEMMAS[(model, word)] = content[0] if len(content) == 1 else None
    found = (_PROMPT_LEMMAS[(model, word)] for word in distinct)
    return frozenset(lemma for lemma in found if lemma is not None)


class LowSignalOptions(RuleOptions):
    """Options of RL302."""

    generic_threshold: float = Field(default=0.35, le=1.0)
    prompt_weight: float = 1.0
    min_share: float = Field(default=0.67, ge=0.0, le=1.0)
    min_reuse: int = Field(default=2, ge=0)
    extend_generic_criteria: tuple[str, ...] = ()


class LowSignal(Rule):
    """Most of the rubric's weight sits on generic criteria that any on-topic answer meets.

    What it flags:
        A rubric whose points (or, without points, whose criteria) mostly go to generic
        criteria: checks that could be pasted onto an unrelated task unchanged ("Is written in
        English", "Contains no spelling mistakes", "Answers the user's question"). A criterion
        counts as generic when its genericness, its embedding's cosine similarity to the
        closest line of a shipped bank of generic criteria
        (``rift_lint/data/generic_criteria.txt``), minus ``prompt-weight`` (1.0) times its
        anchoring reaches ``generic-threshold`` (0.35). Anchoring is the share of its content
        words that come from the prompt or are numbers or acronyms. Words any rubric uses,
        listed in ``low_signal_rubric_words.txt``, do not count, nor does the kind of text
        asked for ("essay", "story", "article": "Is the generated essay persuasive?" fits any
        essay). A criterion that refers to an answer key ("matches the expected output",
        ``low_signal_reference_cues.txt``) is fully anchored. The rubric is flagged when
        generic criteria hold more than ``min-share`` (0.67, two thirds) of the weight:
        points by size when every criterion has them, else one per criterion. Without a
        prompt, genericness is judged from the bank and the criterion's own numbers and
        acronyms, so a rubric of one generic criterion is flagged. A criterion whose exact text
        (ignoring case and punctuation) also grades other prompts among the rubrics linted
        together (those of one file, or of one labels file in ``eval``) is generic too, when
        it grades at least ``min-reuse`` (2) distinct prompts: a template pasted onto
        unrelated tasks; 0 turns this off. ``extend-generic-criteria`` adds lines to the
        bank. A criterion the embedding model cannot read (a tenth or more of its characters
        outside the model's vocabulary, as Chinese is for the default English model) is
        similar to nothing, so only reuse can make it generic. The finding sits on the rubric
        and highlights the generic criteria. Defaults were chosen on the development labels
        (``min-share`` on them and the even half of ``benchmarks/labels/fresh.jsonl``).

    Why it hurts:
        A careless answer and an excellent one both meet generic criteria, so the total barely
        separates them: the score measures tone and surface rather than what this prompt
        needs, and optimising it teaches nothing about the task.

    Bad:
        prompt: Explain how to rotate a compromised AWS access key without downtime.
        criteria:
          - text: Answers the question
          - text: Is written in English
          - text: Uses headings or bullet points

    Better:
        prompt: Explain how to rotate a compromised AWS access key without downtime.
        criteria:
          - text: Tells the user to create a second access key before deactivating the old one
          - text: Tells the user to switch every application to the new key
          - text: Says to delete the old key only after a waiting period with no failed requests
          - text: Recommends checking CloudTrail for activity by the compromised key
    """

    code = "RL302"
    name = "low-signal"
    failure_mode = "low_signal"
    scope = Scope.RUBRIC
    default_severity = Severity.WARNING
    uses_nlp = True
    uses_embeddings = True
    Options = LowSignalOptions
    candidate_options: ClassVar[dict[str, Any]] = {"generic_threshold": 0.25, "min_share": 0.3}

    def check_rubric(self, rubric: Rubric, context: RuleContext) -> Iterator[Diagnostic]:
        """Flag the rubric when generic criteria hold most of its weight."""
        options = self.options
        assert isinstance(options, LowSignalOptions)
        criteria = written_criteria(rubric)
        if not criteria:
            return
        weights = _weights(criteria)
        total = sum(weights)
        if total <= 0:
            return
        reused = {
            index
            for index, criterion in enumerate(criteria)
            if options.min_reuse and context.reuse.prompts_graded(criterion) >= options.min_reuse
        }
        scores = genericness(context, options.extend_generic_criteria)
        # Anchoring can only lower a score, so language processing is spent only on criteria
        # that the bank alone calls generic, and only when they could hold most of the weight.
        candidates = [
            index
            for index, score in enumerate(scores)
            if index not in reused
            and (score >= options.generic_threshold or options.prompt_weight < 0)
        ]
        if sum(weights[index] for index in [*reused, *candidates]) / total <= options.min_share:
            return
        anchoring = self._anchoring(
            [criteria[index] for index in candidates], context, options.extend_generic_criteria
        )
        kept = {
            index
            for index, anchored in zip(candidates, anchoring, strict=True)
            if float(scores[index]) - options.prompt_weight * anchored >= options.generic_threshold
        }
        generic = [
            (criterion, weights[index])
            for index, criterion in enumerate(criteria)
            if index in reused or index in kept
        ]
        share = sum(weight for _, weight in generic) / total
        if share <= options.min_share:
            return
        names = ", ".join(criterion.ref for criterion, _ in generic)
        where = (
            f"points sit on generic criteria ({names}) that any on-topic answer would meet"
            if _has_points(criteria)
            else f"criteria are generic ({names}): any on-topic answer would meet them"
        )
        verb = "grades" if len(reused) == 1 else "grade"
        templated = (
            f"; {len(reused)} of them {verb} other prompts of this file word for word"
            if reused
            else ""
        )
        yield self.diagnostic(
            rubric.location,
            f"{share:.0%} of the rubric's {where}, so weak and strong answers score alike"
            f"{templated}",
            rubric=rubric,
            suggestion=(
                "Replace generic criteria with checks of what this prompt needs: the facts, "
                "steps or decisions a strong answer contains and a weak one misses."
            ),
            confidence=round(min(1.0, share), 2),
            highlights=[criterion.location for criterion, _ in generic],
        )

    @staticmethod
    def _anchoring(
        criteria: list[Criterion], context: RuleContext, extra: tuple[str, ...]
    ) -> list[float]:
        """Per criterion: the share of its content words that come from the prompt."""
        prompt: frozenset[str] = frozenset()
        if context.rubric.prompt:
            prompt = prompt_words(context.rubric.prompt, context.nlp_model)
            prompt -= _generic_vocabulary(context.nlp_model, extra)
        cues = lemma_phrases(adjusted("low_signal_reference_cues"), context.nlp_model)
        shares = []
        for criterion in criteria:
            words = read_words(context.doc(criterion))
            if any(cue in words.lemmas for cue in cues):
                shares.append(1.0)
                continue
            anchored = sum(word in prompt for word in words.content)
            anchored += words.specific
            shares.append(min(1.0, anchored / max(1, len(words.content))))
        return shares


def _has_points(criteria: list[Criterion]) -> bool:
    points = [criterion.points for criterion in criteria]
    return all(p is not None and math.isfinite(p) for p in points) and any(points)


def _weights(criteria: list[Criterion]) -> list[float]:
    """Points by size when every criterion has them, else one per criterion."""
    if _has_points(criteria):
        return [abs(float(criterion.points or 0.0)) for criterion in criteria]
    return [1.0] * len(criteria)
