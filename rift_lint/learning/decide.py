"""Apply a trained model to a rubric's findings: the rules find spans and write messages, the
model decides which findings of the modes it covers stand, and sets their confidence."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import numpy as np

from rift_lint.learning.features import CRITERION_RULES, RUBRIC_RULES, extract
from rift_lint.learning.modelfile import ModelFile, ModeModel, Projection
from rift_lint.models import Diagnostic, Rubric

if TYPE_CHECKING:
    from rift_lint.embeddings.embedder import Embedder

FEATURE_RULES = CRITERION_RULES + RUBRIC_RULES


def probabilities(
    mode: ModeModel, rows: np.ndarray, projected: np.ndarray | None = None
) -> np.ndarray:
    """The model's probability of the failure mode for each feature row."""
    if mode.uses_projection and projected is not None:
        rows = np.hstack([rows, projected])
    scores = (rows - np.asarray(mode.mean)) / np.asarray(mode.scale) @ np.asarray(mode.coef)
    # the logistic function as exp(-log(1 + e^-z)): no overflow however large the scores
    return np.exp(-np.logaddexp(0.0, -(scores + mode.intercept)))


def project(projection: Projection, embeddings: np.ndarray) -> np.ndarray:
    """Reduce embeddings with the model's projection."""
    return (embeddings - np.asarray(projection.mean)) @ np.asarray(projection.components).T


class DecisionModel:
    """A loaded model file, ready to judge findings."""

    def __init__(self, model: ModelFile, name: str) -> None:
        self.model = model
        self.name = name
        self.by_rule = {mode.rule: mode for mode in model.modes.values()}

    @property
    def uses_embeddings(self) -> bool:
        """Whether the features need sentence embeddings (of ``embedding_model``)."""
        return self.model.embedding_model is not None

    def matches(self, embedder: Embedder | None) -> bool:
        """Whether this run's embedder computes the vectors the model was trained on."""
        if not self.uses_embeddings:
            return True
        return embedder is not None and embedder.model_id == self.model.embedding_model

    def decides(self, codes: Sequence[str]) -> bool:
        """Whether any of these rule codes is one whose findings the model judges."""
        return any(self.judges(code) for code in codes)

    def judges(self, code: str) -> bool:
        """Whether the model decides which findings of this rule stand."""
        return code in self.by_rule

    def apply(
        self,
        rubric: Rubric,
        diagnostics: list[Diagnostic],
        embedder: Embedder | None,
        vectors: Mapping[int, np.ndarray] | None = None,
    ) -> list[Diagnostic]:
        """The diagnostics that stand, those of judged rules with the model's confidence."""
        if not any(diagnostic.code in self.by_rule for diagnostic in diagnostics):
            return diagnostics
        features = extract(rubric, diagnostics, embedder if self.uses_embeddings else None, vectors)
        projected = None
        if (
            self.model.projection is not None
            and features.embeddings is not None
            and len(rubric.criteria)
        ):
            projected = project(self.model.projection, features.embeddings)
        index = {criterion.id: row for row, criterion in enumerate(rubric.criteria)}
        cache: dict[str, np.ndarray] = {}
        kept = []
        for diagnostic in diagnostics:
            mode = self.by_rule.get(diagnostic.code)
            if mode is None:
                kept.append(diagnostic)
                continue
            if mode.rule not in cache:
                if mode.scope == "criterion":
                    cache[mode.rule] = probabilities(mode, features.criteria, projected)
                else:
                    cache[mode.rule] = probabilities(mode, features.rubric[None, :])
            scores = cache[mode.rule]
            row = index.get(diagnostic.criterion_id or "", 0) if mode.scope == "criterion" else 0
            probability = float(scores[row])
            if probability >= mode.threshold:
                diagnostic.confidence = round(probability, 3)
                kept.append(diagnostic)
        return kept
