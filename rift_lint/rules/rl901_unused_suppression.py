"""RL901 unused-suppression."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rift_lint.comments import RESERVED_KIND
from rift_lint.models import Diagnostic, Scope, Severity
from rift_lint.rules.base import Rule

if TYPE_CHECKING:
    from rift_lint.suppression import Directive


class UnusedSuppression(Rule):
    """A suppression comment suppresses nothing.

    What it flags:
        A ``# rift-lint: ignore[...]`` (or Markdown ``<!-- rift-lint: ignore[...] -->``)
        comment, or a reserved ``rift_lint`` key of a JSON, JSONL or CSV rubric or criterion,
        that matched no diagnostic of a rule that ran in full on the file (selected, with its
        embedding checks, on a file that parsed). Each code of a comment is checked on its
        own: in ``ignore[RL101, RL003]`` where only RL101 matched, RL003 is reported where it
        is written; when none matched, the whole comment is reported once. A prefix, ``ALL``
        or a comment without codes is checked only when every rule it names ran.

    Why it hurts:
        Stale suppressions hide the next real finding on that line and tell readers that a
        problem exists where none does.

    Bad:
        - text: States that the dose is 5 mg  # rift-lint: ignore[RL101]

    Better:
        - text: States that the dose is 5 mg
    """

    code = "RL901"
    name = "unused-suppression"
    scope = Scope.FILE
    default_severity = Severity.WARNING

    def from_directive(self, directive: Directive, selector: str | None = None) -> Diagnostic:
        """The diagnostic for an unused directive, on the comment or key, or for one of its
        codes (``selector``) that matched nothing while others matched or were not checked, on
        that code where the comment writes it."""
        names = selector or ", ".join(directive.selectors) or "all rules"
        reserved = directive.kind == RESERVED_KIND
        if selector is not None:
            remedy = f"Remove {selector} from the {'rift_lint key' if reserved else 'comment'}."
            location = directive.selector_location(selector)
        else:
            remedy = (
                "Remove the codes from the rift_lint key." if reserved else "Remove the comment."
            )
            location = directive.location
        return self.diagnostic(
            location, f"Suppression of {names} matches no finding", suggestion=remedy
        )
