"""The ``concise`` format: ``path:line:col: CODE message``, one line per finding.

This module also holds what the two human formats share: the summary line, ANSI styling and
the flattening of multi-line messages.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rift_lint.models import Diagnostic, Severity
from rift_lint.results import RunResult
from rift_lint.rules.rl001_parse_error import ParseErrorRule

if TYPE_CHECKING:
    from rift_lint.reporters import ReportOptions

BOLD = "1"
CODE_STYLE = "1;31"
GUTTER_STYLE = "1;34"
NOTE_STYLE = "1;36"
SEVERITY_STYLES: dict[Severity, str] = {
    Severity.ERROR: "1;31",
    Severity.WARNING: "1;33",
    Severity.INFO: "1;36",
}


def paint(text: str, style: str, enabled: bool) -> str:
    """``text`` wrapped in the ANSI SGR ``style`` when ``enabled``, else unchanged."""
    if not enabled or not text:
        return text
    return f"\x1b[{style}m{text}\x1b[0m"


def one_line(text: str) -> str:
    """``text`` with its line breaks replaced by spaces, so a finding stays on one line."""
    return " ".join(text.splitlines())


def plural(
    count: int, singular: str, plural_form: str | None = None, *, grouped: bool = False
) -> str:
    """``"1 file"``, ``"2 files"``; ``plural_form`` for irregular words; ``grouped`` writes
    the count with thousands separators (``"7,634 warnings"``), as the notes on stderr do."""
    word = singular if count == 1 else (plural_form or f"{singular}s")
    return f"{count:,} {word}" if grouped else f"{count} {word}"


def position(diagnostic: Diagnostic, color: bool) -> str:
    """``path:line:col`` of a diagnostic, the path styled bold."""
    loc = diagnostic.location
    return f"{paint(loc.path, BOLD, color)}:{loc.line}:{loc.column}"


def summary_line(result: RunResult) -> str:
    """The closing line of the human formats.

    ``Found 3 findings (1 error, 2 warnings, 0 info) in 2 files.`` or, for a clean run,
    ``All checked: no findings in 2 files (2 rubrics, 7 criteria).``; a run that could not
    read some path, or parts of whose files did not parse with their RL001 not shown
    (ignored, suppressed or in the baseline), never says "All checked" and ends with how
    many it could not read.
    """
    files = plural(len(result.files), "file")
    total = len(result.diagnostics)
    unread = f"; {plural(len(result.unread), 'path')} could not be read" if result.unread else ""
    unread += _unparsed_note(result)
    if total == 0:
        rubrics = plural(result.rubric_count, "rubric")
        criteria = plural(result.criterion_count, "criterion", "criteria")
        opening = "No findings" if unread else "All checked: no findings"
        return f"{opening} in {files} ({rubrics}, {criteria}){unread}."
    counts = result.counts_by_severity()
    errors = plural(counts[Severity.ERROR], "error")
    warnings = plural(counts[Severity.WARNING], "warning")
    infos = f"{counts[Severity.INFO]} info"
    findings = plural(total, "finding")
    return f"Found {findings} ({errors}, {warnings}, {infos}) in {files}{unread}."


def _unparsed_note(result: RunResult) -> str:
    """``; 2 parts of 1 file did not parse (RL001 not shown)`` for the parts (a file, a
    record, a document) that did not parse and whose RL001 the output does not show, else
    nothing."""
    hidden = [
        file.unparsed - sum(d.code == ParseErrorRule.code for d in file.diagnostics)
        for file in result.files
    ]
    parts = sum(count for count in hidden if count > 0)
    if not parts:
        return ""
    files = plural(sum(count > 0 for count in hidden), "file")
    return f"; {plural(parts, 'part')} of {files} did not parse ({ParseErrorRule.code} not shown)"


def render(result: RunResult, options: ReportOptions) -> str:
    """One ``path:line:col: CODE message`` line per finding, then the summary line."""
    lines = [
        f"{position(d, options.color)}: {paint(d.code, CODE_STYLE, options.color)} "
        f"{one_line(d.message)}"
        for d in result.diagnostics
    ]
    lines.append(paint(summary_line(result), BOLD, options.color))
    return "\n".join(lines) + "\n"
