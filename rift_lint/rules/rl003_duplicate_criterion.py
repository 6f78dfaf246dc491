"""RL003 duplicate-criterion."""

from __future__ import annotations

from collections.abc import Iterator

from rift_lint.models import Criterion, Diagnostic, RelatedLocation, Rubric, Scope, Severity
from rift_lint.rules.base import Rule, RuleContext, RuleOptions


def normalise(text: str) -> str:
    """Case-folded text with runs of whitespace collapsed to one space (and none at the ends)."""
    return " ".join(text.split()).casefold()


class DuplicateCriterionOptions(RuleOptions):
    """Options of RL003."""

    allow_opposite_signs: bool = False


class DuplicateCriterion(Rule):
    """Two criteria of one rubric have the same text.

    What it flags:
        A criterion whose text is identical to an earlier criterion of the same rubric once
        case and spacing are normalised. The finding sits on the later copy and names the first
        as related. With ``allow-opposite-signs``, a positive criterion and its negative-points
        mirror are allowed.

    Why it hurts:
        The same behaviour is scored twice, so it weighs double in the total: the plainest case
        of redundant criteria.

    Bad:
        criteria:
          - text: Recommends seeing a doctor within 24 hours
            points: 5
          - text: recommends seeing a doctor  within 24 hours
            points: 5

    Better:
        criteria:
          - text: Recommends seeing a doctor within 24 hours
            points: 10
    """

    code = "RL003"
    name = "duplicate-criterion"
    failure_mode = "redundant_criteria"
    scope = Scope.RUBRIC
    default_severity = Severity.WARNING
    Options = DuplicateCriterionOptions

    def check_rubric(self, rubric: Rubric, context: RuleContext) -> Iterator[Diagnostic]:
        """Flag every later copy of a criterion text seen earlier in the rubric."""
        first: dict[str, Criterion] = {}
        for criterion in rubric.criteria:
            key = normalise(criterion.text)
            if not key:
                continue
            original = first.setdefault(key, criterion)
            if original is criterion or self._mirrored(original, criterion):
                continue
            yield self.diagnostic(
                criterion.location,
                f"Criterion {criterion.ref} repeats criterion {original.ref} word for word, "
                "so the same behaviour is scored twice",
                rubric=rubric,
                criterion=criterion,
                suggestion=f"Delete one copy, or merge the points into criterion {original.ref}.",
                confidence=1.0,
                related=[
                    RelatedLocation(
                        location=original.location, message=f"first written as {original.ref}"
                    )
                ],
            )

    def _mirrored(self, first: Criterion, second: Criterion) -> bool:
        if not self.options.allow_opposite_signs or first.points is None or second.points is None:
            return False
        return first.points * second.points < 0
