"""RL004 invalid-points."""

from __future__ import annotations

import math
from collections.abc import Iterator

from pydantic import Field

from rift_lint.models import Criterion, Diagnostic, Rubric, Scope, Severity
from rift_lint.parsing.build import POINTS_WITH_UNIT, spelled_value
from rift_lint.rules.base import Rule, RuleContext, RuleOptions


class InvalidPointsOptions(RuleOptions):
    """Options of RL004."""

    allow_zero: bool = False
    max_abs_points: float | None = Field(default=None, gt=0)
    require_consistent: bool = True


class InvalidPoints(Rule):
    """A criterion's points or weight cannot be used to score.

    What it flags:
        Points or weights that are not numbers (``"five"``, ``true``; for a number with a
        unit, such as ``"20%"`` or ``"5 pts"``, the message says which number to write), not
        finite (``NaN``, ``.inf``, or ``1e999``, beyond the largest float: quoted as written),
        zero (unless ``allow-zero``), larger in magnitude than ``max-abs-points`` when set,
        and, with ``require-consistent``, a criterion without points in a rubric where the
        others have them.

    Why it hurts:
        Scoring code either crashes on such values or silently treats them as 0, so a
        criterion that looks graded contributes nothing (or everything) to the total.

    Bad:
        prompt: What is the usual adult dose of ibuprofen for a tension headache?
        criteria:
          - text: States a single dose of 200 to 400 mg
            points: five
          - text: Mentions stomach upset as a possible side effect

    Better:
        prompt: What is the usual adult dose of ibuprofen for a tension headache?
        criteria:
          - text: States a single dose of 200 to 400 mg
            points: 5
          - text: Mentions stomach upset as a possible side effect
            points: 2
    """

    code = "RL004"
    name = "invalid-points"
    scope = Scope.RUBRIC
    default_severity = Severity.ERROR
    Options = InvalidPointsOptions

    def check_rubric(self, rubric: Rubric, context: RuleContext) -> Iterator[Diagnostic]:
        """Check each criterion's points, then their consistency across the rubric."""
        with_points = [c for c in rubric.criteria if c.points_raw is not None]
        for criterion in with_points:
            problem = self._problem(criterion)
            if problem:
                yield self._diagnostic(rubric, criterion, problem)
        if not self.options.require_consistent or not with_points:
            return
        for criterion in rubric.criteria:
            if criterion.points_raw is None:
                others = (
                    "1 other criterion of this rubric has them"
                    if len(with_points) == 1
                    else f"{len(with_points)} other criteria of this rubric do"
                )
                problem = f"Criterion {criterion.ref} has no points while {others}"
                yield self._diagnostic(rubric, criterion, problem)

    def _problem(self, criterion: Criterion) -> str | None:
        raw, value = criterion.points_raw, criterion.points
        if value is None:
            problem = (
                f"Points value {spelled_value(raw)} of criterion {criterion.ref} is not a number"
            )
            number = POINTS_WITH_UNIT.fullmatch(raw) if isinstance(raw, str) else None
            return f"{problem}: write {number.group('n')}" if number else problem
        if not math.isfinite(value):
            return f"Points value {spelled_value(raw)} of criterion {criterion.ref} is not finite"
        if value == 0 and not self.options.allow_zero:
            return f"Criterion {criterion.ref} carries 0 points, so it cannot change a score"
        limit = self.options.max_abs_points
        if limit is not None and abs(value) > limit:
            return (
                f"Points value {spelled_value(raw)} of criterion {criterion.ref} exceeds the "
                f"limit {limit:g}"
            )
        return None

    def _diagnostic(self, rubric: Rubric, criterion: Criterion, message: str) -> Diagnostic:
        return self.diagnostic(
            criterion.points_location or criterion.location,
            message,
            rubric=rubric,
            criterion=criterion,
            suggestion="Give every criterion a finite, non-zero number (negative for penalties).",
        )
