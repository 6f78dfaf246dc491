"""RL001 parse-error."""

from __future__ import annotations

from rift_lint.models import Diagnostic, Scope, Severity
from rift_lint.parsing.errors import NotARubric, ParseError
from rift_lint.rules.base import Rule


class ParseErrorRule(Rule):
    """The file, or one record of it, could not be read as a rubric.

    What it flags:
        Malformed YAML, JSON, JSONL, CSV or Markdown, text that is not valid UTF-8 (or UTF-16
        after a UTF-16 byte order mark), and well-formed data in no layout rift-lint knows (no
        ``criteria`` list, no known dataset fields); also keys that repeat in one JSON object
        or YAML mapping (only the last value is read) and criterion ids that repeat within a
        rubric (the rubric is still linted). The diagnostic points at the line and column where
        reading failed, or at the repeated key or id.

    Why it hurts:
        A rubric that cannot be read cannot be graded with, and a broken record in a dataset
        silently drops its criteria from every downstream score.

    Bad:
        criteria:
          - text: "Mentions the dosage
          - text: Warns about interactions

    Better:
        criteria:
          - text: "Mentions the dosage"
          - text: Warns about interactions
    """

    code = "RL001"
    name = "parse-error"
    scope = Scope.FILE
    default_severity = Severity.ERROR

    def from_error(self, error: ParseError) -> Diagnostic:
        """The diagnostic for a parse failure, at the failing position. Well-formed data in no
        known layout may be a file that is no rubric at all: the suggestion says how to leave
        it out."""
        if isinstance(error, NotARubric):
            suggestion = (
                "If the file is not a rubric, leave it out with `extend-exclude` in the "
                "configuration; otherwise docs/formats.md lists the layouts rift-lint reads."
            )
        else:
            suggestion = (
                "Fix the file at this position; docs/formats.md describes the formats and "
                "layouts rift-lint reads."
            )
        return self.diagnostic(error.location, error.reason, suggestion=suggestion)
