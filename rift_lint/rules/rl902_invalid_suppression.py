"""RL902 invalid-suppression."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rift_lint.models import Diagnostic, Scope, Severity
from rift_lint.rules.base import Rule

if TYPE_CHECKING:
    from rift_lint.suppression import Directive


class InvalidSuppression(Rule):
    """A suppression comment names a rule that does not exist, or is malformed.

    What it flags:
        Codes or names in ``# rift-lint: ignore[...]``, or in the ``ignore`` list of a
        reserved ``rift_lint`` key, that are not a rule code, a code prefix or a rule name (a
        typo such as ``RL10l`` or ``subjectve``). Also a ``rift-lint:`` comment that is not a
        directive (``# rift-lint: ingore[RL101]``, codes outside brackets); in Markdown, one
        opened with three dashes (``<!--- rift-lint: ...``) or closed on a later line, and a
        flake8-style ``<!-- noqa: RL101 -->`` (``# noqa`` is an alias in ``#`` comments only);
        and a malformed reserved key (``"rift_lint": "RL101"``, an unknown key such as
        ``ignre``, an ``ignore`` that is neither a list nor a string).

    Why it hurts:
        The comment suppresses nothing, so the finding it was meant to silence still fails the
        run, and readers believe it is handled.

    Bad:
        prompt: Write a welcome message for new members of a hiking club.
        criteria:
          - text: The message is warm and engaging  # rift-lint: ignore[subjectve]

    Better:
        prompt: Write a welcome message for new members of a hiking club.
        criteria:
          - text: The message is warm and engaging  # rift-lint: ignore[subjective] -- in the brief
    """

    code = "RL902"
    name = "invalid-suppression"
    scope = Scope.FILE
    default_severity = Severity.WARNING

    def from_directive(self, directive: Directive) -> Diagnostic:
        """The diagnostic saying what is wrong with a directive: its form, or its unknown
        codes."""
        if directive.error is not None:
            return self.diagnostic(
                directive.location, directive.error, suggestion="Fix the directive or remove it."
            )
        unknown = ", ".join(repr(code) for code in directive.invalid)
        return self.diagnostic(
            directive.location,
            f"Suppression names unknown rule(s) {unknown}",
            suggestion="Use a rule code (RL101), a prefix (RL1) or a name (subjective); "
            "`rift-lint rule --all` lists them.",
        )
