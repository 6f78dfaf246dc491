"""Feature extraction: one numeric row per criterion and per rubric, for ``train``, ``check``
and ``eval`` alike.

A row holds every failure-mode rule's raw signals for its target (whether the rule flagged
it, the rule's confidence, and how many words or items the finding marks), a few properties
of the text (length, penalty, score levels, rubric size), and, when an embedder is given,
similarities measured on sentence embeddings (to the prompt, to the closest sibling, to the
bank of generic criteria) plus the criterion's embedding itself, which a model may reduce.
``FEATURE_VERSION`` changes whenever the meaning or order of a feature changes; a model file
from another version is refused.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from rift_lint.models import Criterion, Diagnostic, Rubric

if TYPE_CHECKING:
    from rift_lint.embeddings.embedder import Embedder

FEATURE_VERSION = 1
CRITERION_RULES = ("RL101", "RL102", "RL103", "RL201", "RL301")
RUBRIC_RULES = ("RL202", "RL302", "RL303")
PROMPT_CHARS = 1000  # the end of the prompt, where the request usually is, is embedded

_RULE_SIGNALS = ("flagged", "confidence", "marks")
CRITERION_TEXT_FEATURES = (
    "log_words",
    "penalty",
    "has_levels",
    "has_points",
    "log_rubric_criteria",
    "has_prompt",
)
CRITERION_EMBEDDING_FEATURES = ("prompt_similarity", "sibling_similarity", "generic_similarity")
RUBRIC_TEXT_FEATURES = (
    "log_criteria",
    "has_prompt",
    "log_prompt_words",
    *(f"share_{code}" for code in CRITERION_RULES),
)
RUBRIC_EMBEDDING_FEATURES = (
    "max_sibling_similarity",
    "mean_generic_similarity",
    "mean_prompt_similarity",
    "min_prompt_similarity",
)

# Generic-bank vectors by embedder model id: the bank is encoded once per process.
_BANK: dict[str, np.ndarray] = {}


def criterion_feature_names(embeddings: bool) -> tuple[str, ...]:
    """Names of the criterion row's columns, in order."""
    names = [f"{code}.{signal}" for code in CRITERION_RULES for signal in _RULE_SIGNALS]
    names.extend(CRITERION_TEXT_FEATURES)
    if embeddings:
        names.extend(CRITERION_EMBEDDING_FEATURES)
    return tuple(names)


def rubric_feature_names(embeddings: bool) -> tuple[str, ...]:
    """Names of the rubric row's columns, in order."""
    names = [f"{code}.{signal}" for code in RUBRIC_RULES for signal in _RULE_SIGNALS]
    names.extend(RUBRIC_TEXT_FEATURES)
    if embeddings:
        names.extend(RUBRIC_EMBEDDING_FEATURES)
    return tuple(names)


@dataclass
class RubricFeatures:
    """The rows of one rubric: ``criteria`` (one per criterion, in order), ``rubric`` (one),
    and ``embeddings`` (the criteria's unit vectors, or ``None`` without an embedder)."""

    criteria: np.ndarray
    rubric: np.ndarray
    embeddings: np.ndarray | None


def extract(
    rubric: Rubric,
    diagnostics: Sequence[Diagnostic],
    embedder: Embedder | None = None,
    vectors: Mapping[int, np.ndarray] | None = None,
) -> RubricFeatures:
    """Feature rows of a rubric from its rules' diagnostics (and embeddings when given).

    ``vectors`` are criterion embeddings already computed by the engine (keyed by
    ``id(criterion)``); missing ones are encoded with ``embedder``.
    """
    signals = _signals(diagnostics)
    criteria = rubric.criteria
    count = len(criteria)
    rows = np.zeros((count, len(criterion_feature_names(embedder is not None))), dtype=np.float64)
    for index, criterion in enumerate(criteria):
        rows[index, : 3 * len(CRITERION_RULES)] = [
            value
            for code in CRITERION_RULES
            for value in signals.get((code, criterion.id), (0.0, 0.0, 0.0))
        ]
        start = 3 * len(CRITERION_RULES)
        rows[index, start : start + len(CRITERION_TEXT_FEATURES)] = _text_row(criterion, rubric)
    rubric_row = [
        value for code in RUBRIC_RULES for value in signals.get((code, None), (0.0, 0.0, 0.0))
    ]
    flagged_share = rows[:, 0 : 3 * len(CRITERION_RULES) : 3].mean(axis=0) if count else None
    rubric_row.extend(
        [
            float(np.log1p(count)),
            float(bool(rubric.prompt)),
            float(np.log1p(len((rubric.prompt or "").split()))),
            *(
                flagged_share.tolist()
                if flagged_share is not None
                else [0.0] * len(CRITERION_RULES)
            ),
        ]
    )
    matrix = None
    if embedder is not None:
        matrix, similarities = _similarities(rubric, embedder, vectors or {})
        rows[:, -len(CRITERION_EMBEDDING_FEATURES) :] = similarities
        rubric_row.extend(_rubric_similarities(similarities))
    return RubricFeatures(rows, np.asarray(rubric_row, dtype=np.float64), matrix)


def _signals(diagnostics: Sequence[Diagnostic]) -> dict[tuple[str, str | None], tuple[float, ...]]:
    """(flagged, confidence, marks) per (rule code, criterion id or None for the rubric)."""
    found: dict[tuple[str, str | None], tuple[float, ...]] = {}
    for diagnostic in diagnostics:
        if diagnostic.code not in CRITERION_RULES and diagnostic.code not in RUBRIC_RULES:
            continue
        key = (
            diagnostic.code,
            diagnostic.criterion_id if diagnostic.code in CRITERION_RULES else None,
        )
        marks = 1 + len(diagnostic.highlights) + len(diagnostic.related)
        confidence = diagnostic.confidence if diagnostic.confidence is not None else 1.0
        found[key] = (1.0, float(confidence), float(np.log1p(marks)))
    return found


def _text_row(criterion: Criterion, rubric: Rubric) -> list[float]:
    """Properties of the criterion's text and place, in ``CRITERION_TEXT_FEATURES`` order."""
    return [
        float(np.log1p(len(criterion.text.split()))),
        float(criterion.points is not None and criterion.points < 0),
        float(bool(criterion.levels)),
        float(criterion.points is not None),
        float(np.log1p(len(rubric.criteria))),
        float(bool(rubric.prompt)),
    ]


def _similarities(
    rubric: Rubric, embedder: Embedder, vectors: Mapping[int, np.ndarray]
) -> tuple[np.ndarray, np.ndarray]:
    """The criteria's embeddings and, per criterion, its similarity to the prompt's end, to
    its closest sibling, and to the closest generic criterion of the shipped bank."""
    criteria = rubric.criteria
    count = len(criteria)
    result = np.zeros((count, len(CRITERION_EMBEDDING_FEATURES)), dtype=np.float64)
    if not count:
        return np.zeros((0, 0)), result
    missing = [criterion for criterion in criteria if id(criterion) not in vectors]
    encoded = embedder.encode([criterion.text for criterion in missing]) if missing else []
    fresh = {id(c): row for c, row in zip(missing, encoded, strict=True)}
    matrix = np.vstack([vectors.get(id(c), fresh.get(id(c))) for c in criteria]).astype(np.float64)
    if rubric.prompt:
        prompt = embedder.encode([rubric.prompt[-PROMPT_CHARS:]])[0]
        result[:, 0] = matrix @ prompt
    if count > 1:
        pairwise = matrix @ matrix.T
        np.fill_diagonal(pairwise, -1.0)
        result[:, 1] = pairwise.max(axis=1)
    result[:, 2] = (matrix @ _bank(embedder).T).max(axis=1)
    return matrix, result


def _rubric_similarities(similarities: np.ndarray) -> list[float]:
    """Rubric-level summaries of the criteria's similarities, in RUBRIC_EMBEDDING_FEATURES order."""
    if not len(similarities):
        return [0.0] * len(RUBRIC_EMBEDDING_FEATURES)
    prompt, sibling, generic = similarities.T
    return [float(sibling.max()), float(generic.mean()), float(prompt.mean()), float(prompt.min())]


def _bank(embedder: Embedder) -> np.ndarray:
    """The generic-criteria bank's vectors for this embedder (encoded once per process)."""
    if embedder.model_id not in _BANK:
        from rift_lint.rules.rl302_low_signal import generic_bank

        _BANK[embedder.model_id] = embedder.encode(list(generic_bank())).astype(np.float64)
    return _BANK[embedder.model_id]
