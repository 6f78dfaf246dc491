"""The rules' decisions next to the labels, unit by unit, for ``eval`` and ``train`` alike.

Criterion-scope modes are compared per criterion, rubric-scope modes per rubric. A finding
counts for the failure mode its rule maps to in the taxonomy (``rule`` or ``counted_from``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np

from rift_lint.evaluation.bootstrap import rubric_counts
from rift_lint.evaluation.metrics import ModeScore, score_mode
from rift_lint.models import Diagnostic, Rubric
from rift_lint.taxonomy import FailureMode, mode_for_code


@dataclass
class Decisions:
    """Per mode, one entry per unit in the order of the labels file: whether it is labelled
    with the mode (``gold``), whether a finding of the mode's rules flags it (``predicted``),
    and the index of its rubric (``groups``)."""

    modes: list[FailureMode]
    gold: dict[str, list[bool]] = field(default_factory=dict)
    predicted: dict[str, list[bool]] = field(default_factory=dict)
    groups: dict[str, list[int]] = field(default_factory=dict)
    rubrics: int = 0

    def __post_init__(self) -> None:
        for table in (self.gold, self.predicted, self.groups):
            table.update({mode.id: [] for mode in self.modes})

    def add(self, rubric: Rubric, diagnostics: Iterable[Diagnostic]) -> None:
        """Record the next rubric's labels and the units its findings flag."""
        flagged_criteria: set[tuple[str, str]] = set()
        flagged_rubric: set[str] = set()
        for diagnostic in diagnostics:
            mode = mode_for_code(diagnostic.code)
            if mode is None:
                continue
            if mode.scope == "criterion" and diagnostic.criterion_id is not None:
                flagged_criteria.add((mode.id, diagnostic.criterion_id))
            flagged_rubric.add(mode.id)
        for mode in self.modes:
            if mode.scope == "rubric":
                self._unit(mode.id, mode.id in rubric.labels, mode.id in flagged_rubric)
                continue
            for criterion in rubric.criteria:
                flagged = (mode.id, criterion.id) in flagged_criteria
                self._unit(mode.id, mode.id in criterion.labels, flagged)
        self.rubrics += 1

    def _unit(self, mode: str, gold: bool, predicted: bool) -> None:
        self.gold[mode].append(gold)
        self.predicted[mode].append(predicted)
        self.groups[mode].append(self.rubrics)

    def scores(self) -> list[ModeScore]:
        """Each mode's agreement with the labels."""
        return [
            score_mode(m.id, m.scope, self.gold[m.id], self.predicted[m.id]) for m in self.modes
        ]

    def rubric_counts(self) -> dict[str, np.ndarray]:
        """Each mode's true positives, false positives and misses per rubric (for the
        bootstrap)."""
        return {
            m.id: rubric_counts(
                self.groups[m.id], self.gold[m.id], self.predicted[m.id], self.rubrics
            )
            for m in self.modes
        }
