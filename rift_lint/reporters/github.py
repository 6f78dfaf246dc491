"""The ``github`` format: GitHub Actions workflow commands that annotate the changed files.

::

    ::group::rubrics/hb.yaml
    ::warning file=rubrics/hb.yaml,line=14,col=23,endLine=14,endColumn=34,title=...::Criterion...
    ::endgroup::

Findings are grouped per file. ``col``/``endColumn`` are sent only for a span on one line
(``endColumn`` exclusive, omitted for a zero-width span). Values are escaped as
``@actions/core`` does. A path that could not be read gets an ``::error`` of its own after the
groups. There is no summary line; GitHub shows only the first annotations of each kind
(:func:`display_warning` says when some will not be shown).

GitHub places an annotation by its path from the root of the checkout. Under Actions
(``GITHUB_WORKSPACE`` set), a path inside the checkout is written relative to it, so a step
that runs in a sub-folder (``working-directory: rubrics``) still annotates the right file.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from rift_lint.models import Diagnostic, Severity
from rift_lint.reporters.checkout import workspace_path
from rift_lint.reporters.concise import plural
from rift_lint.results import RunResult, Unreadable

if TYPE_CHECKING:
    from rift_lint.reporters import ReportOptions

COMMANDS: dict[Severity, str] = {
    Severity.ERROR: "error",
    Severity.WARNING: "warning",
    Severity.INFO: "notice",
}


# GitHub shows this many error annotations, and as many warning annotations, per step; it
# drops the others without a word (they stay in the step's log).
GITHUB_SHOWN_PER_KIND = 10


def escape_data(text: str) -> str:
    """Escape a command's message: ``%``, CR and LF."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value: as a message, plus ``:`` and ``,``."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(diagnostic: Diagnostic) -> str:
    """The workflow command of one finding."""
    loc = diagnostic.location
    single_line = loc.end_line == loc.line
    properties: list[tuple[str, str | int]] = [
        ("file", workspace_path(loc.path)),
        ("line", loc.line),
    ]
    if single_line:
        properties.append(("col", loc.column))
    properties.append(("endLine", loc.end_line))
    if single_line and loc.end_column > loc.column:
        properties.append(("endColumn", loc.end_column))
    properties.append(("title", f"rift-lint {diagnostic.code} ({diagnostic.name})"))
    rendered = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties)
    return f"::{COMMANDS[diagnostic.severity]} {rendered}::{escape_data(diagnostic.message)}"


def unreadable_annotation(unreadable: Unreadable) -> str:
    """The ``::error`` command for a path that could not be read (no line: there is none)."""
    properties = f"file={escape_property(workspace_path(unreadable.path))},title=rift-lint"
    return f"::error {properties}::{escape_data(unreadable.message)}"


def render(result: RunResult, options: ReportOptions) -> str:
    """One ``::group::`` per file with findings, holding one annotation per finding."""
    lines: list[str] = []
    for file_result in result.files:
        if not file_result.diagnostics:
            continue
        lines.append(f"::group::{escape_data(workspace_path(file_result.path))}")
        lines.extend(annotation(diagnostic) for diagnostic in file_result.diagnostics)
        lines.append("::endgroup::")
    lines.extend(unreadable_annotation(unreadable) for unreadable in result.unread)
    return "".join(f"{line}\n" for line in lines)


def display_warning(result: RunResult) -> str | None:
    """How many of this run's error and warning annotations GitHub will not show (it shows
    :data:`GITHUB_SHOWN_PER_KIND` of each per step and drops the rest silently), with what to
    do about it; ``None`` when it shows them all."""
    kinds = Counter(COMMANDS[diagnostic.severity] for diagnostic in result.diagnostics)
    kinds["error"] += len(result.unread)
    hidden = sum(max(0, kinds[kind] - GITHUB_SHOWN_PER_KIND) for kind in ("error", "warning"))
    if not hidden:
        return None
    errors = plural(kinds["error"], "error", grouped=True)
    warnings = plural(kinds["warning"], "warning", grouped=True)
    return (
        f"GitHub shows {GITHUB_SHOWN_PER_KIND} error and {GITHUB_SHOWN_PER_KIND} warning "
        f"annotations per step, so {hidden:,} of these {errors} and {warnings} are in the "
        "log only: upload SARIF as well to see every finding, narrow the rules with --select, "
        "or hide accepted findings with --baseline"
    )
