"""RL002 empty-criterion."""

from __future__ import annotations

import re
from collections.abc import Iterator

from rift_lint.models import Criterion, Diagnostic, Scope, Severity
from rift_lint.rules.base import Rule, RuleContext, RuleOptions

_NO_WORDS = re.compile(r"^[\W_]*$")


class EmptyCriterionOptions(RuleOptions):
    """Options of RL002."""

    placeholders: tuple[str, ...] = ("todo", "tbd", "fixme", "n/a", "na", "none", "xxx", "...")


class EmptyCriterion(Rule):
    """A criterion has no text, or only a placeholder.

    What it flags:
        Criteria whose text is empty, whitespace, punctuation only, or a placeholder such as
        ``TODO``, ``TBD`` or ``N/A`` (the list is the ``placeholders`` option).

    Why it hurts:
        A grader cannot award or withhold points for nothing; the criterion's points are either
        given away or withheld at random.

    Bad:
        criteria:
          - text: "TODO"
            points: 5

    Better:
        criteria:
          - text: "States that the maximum daily dose of paracetamol for adults is 4 g"
            points: 5
    """

    code = "RL002"
    name = "empty-criterion"
    scope = Scope.CRITERION
    default_severity = Severity.ERROR
    Options = EmptyCriterionOptions

    def check_criterion(self, criterion: Criterion, context: RuleContext) -> Iterator[Diagnostic]:
        """Flag empty, punctuation-only and placeholder criteria."""
        text = criterion.text.strip()
        if _NO_WORDS.match(text):
            what = "is empty" if not text else f"has no words ({text!r})"
        elif text.casefold() in self.options.placeholders:
            what = f"is a placeholder ({text!r})"
        else:
            return
        yield self.diagnostic(
            criterion.location,
            f"Criterion {criterion.ref} {what}",
            rubric=context.rubric,
            criterion=criterion,
            suggestion="Write the observable behaviour a grader should check, or delete the "
            "criterion.",
        )
