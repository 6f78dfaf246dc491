"""Corpus-level figures for the HTML report, computed from one lint run.

Counts come from the same diagnostics that ``check --format json`` and ``--statistics``
print, so the three agree: ``by_code`` is ``RunResult.counts_by_code()``.
"""

from __future__ import annotations

import os
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from rift_lint.location import Location
from rift_lint.models import Diagnostic
from rift_lint.results import FileResult, RubricSummary, RunResult, Unreadable
from rift_lint.source import SourceDocument
from rift_lint.taxonomy import FailureMode, load_modes, mode_for_code

ON_CRITERIA = frozenset({"redundant_criteria"})
"""Rubric-level modes whose findings sit on a criterion (the later of two that score one
behaviour), so they have a weight bar too."""
WORST_RUBRICS = 10
FINDINGS_SHOWN = 25  # per rubric of the worst-rubrics section
MAX_GROUPS = 40  # heatmap rows; smaller groups are pooled into one "other" row
TOP_TERMS = 10
MAX_TERM_CHARS = 40
MAX_SNIPPET_CHARS = 240  # longer source lines (JSONL records) are cut around the marks
SNIPPET_CONTEXT = 80


@dataclass
class Snippet:
    """One source line of a finding, cut into plain and highlighted parts."""

    line: int
    parts: list[tuple[str, bool]]


@dataclass
class Finding:
    """A diagnostic as the report shows it: what, where, and the offending words marked."""

    path: str
    code: str
    mode: str | None
    severity: str
    message: str
    line: int
    column: int
    snippet: list[Snippet]


@dataclass
class RubricRow:
    """A rubric with its findings, for the worst-rubrics section."""

    path: str
    rubric_id: str
    dataset: str | None
    line: int
    criteria: int
    flagged_criteria: int
    findings: list[Finding]
    total_findings: int

    @property
    def flagged_share(self) -> float:
        """The share of the rubric's criteria that carry a finding (0 without criteria)."""
        return self.flagged_criteria / self.criteria if self.criteria else 0.0

    @property
    def badness(self) -> tuple[float, int, int]:
        """Sort key: a larger share of flagged criteria, then more flagged criteria, then more
        findings, come first. By count alone the largest rubrics always led (PaperBench's,
        with 4% of 437 criteria flagged, above five-criterion rubrics flagged throughout)."""
        return (self.flagged_share, self.flagged_criteria, self.total_findings)


@dataclass
class ReportData:
    """Everything the HTML page shows, computed once."""

    modes: list[FailureMode]
    groups: list[str]
    group_rubrics: dict[str, int]
    prevalence: dict[str, dict[str, float | None]]
    weight_share: dict[str, float | None]
    any_weight_share: float | None  # None: no criterion weight at all
    by_code: Counter[str]
    rule_names: dict[str, str]
    by_severity: dict[str, int]
    files: int
    rubrics: int
    criteria: int
    worst: list[RubricRow]
    terms: dict[str, list[tuple[str, int]]]
    unattached: list[Finding] = field(default_factory=list)
    unattached_total: int = 0
    unreadable: list[Unreadable] = field(default_factory=list)
    modes_run: set[str] = field(default_factory=set)
    folder: str = ""  # the folder every file of the heatmap's rows is in, when rows are files


def span_text(document: SourceDocument | None, location: Location) -> str:
    """The text a location covers (empty without a document)."""
    return "" if document is None else document.text_at(location)


def snippet(document: SourceDocument | None, diagnostic: Diagnostic) -> list[Snippet]:
    """The finding's first line with its location and highlights marked (first line of each)."""
    if document is None:
        return []
    line = diagnostic.location.line
    starts = document.line_starts
    if line > len(starts):
        return []
    begin = starts[line - 1]
    end = document.text.find("\n", begin)
    end = len(document.text) if end == -1 else end
    marks = []
    for location in (diagnostic.location, *diagnostic.highlights):
        if location.line != line:
            continue
        first = document.offset(location.line, location.column)
        last = document.offset(location.end_line, location.end_column)
        marks.append((max(first, begin), min(last if location.end_line == line else end, end)))
    marks.sort()
    if marks and end - begin > MAX_SNIPPET_CHARS:
        left = max(begin, marks[0][0] - SNIPPET_CONTEXT)
        right = min(end, max(left + MAX_SNIPPET_CHARS, marks[0][1] + SNIPPET_CONTEXT))
        marks = [(max(a, left), min(b, right)) for a, b in marks if a < right]
    else:
        left, right = begin, end
    parts: list[tuple[str, bool]] = [("…", False)] if left > begin else []
    cursor = left
    for first, last in marks:
        first = max(first, cursor)
        if last <= first:
            continue
        parts.append((document.text[cursor:first], False))
        parts.append((document.text[first:last], True))
        cursor = last
    parts.append((document.text[cursor:right], False))
    if right < end:
        parts.append(("…", False))
    return [Snippet(line, [part for part in parts if part[0]])]


def _finding(file: FileResult, diagnostic: Diagnostic) -> Finding:
    mode = mode_for_code(diagnostic.code)
    return Finding(
        path=file.path,
        code=diagnostic.code,
        mode=mode.id if mode else None,
        severity=diagnostic.severity.value,
        message=diagnostic.message,
        line=diagnostic.location.line,
        column=diagnostic.location.column,
        snippet=snippet(file.document, diagnostic),
    )


def _group(file: FileResult, summary: RubricSummary, by: str) -> str:
    return summary.dataset if by == "source" and summary.dataset else file.path


def aggregate(result: RunResult, group_by: str = "file") -> ReportData:
    """Compute the report's figures; ``group_by`` is ``file`` or ``source`` (dataset field)."""
    modes = list(load_modes())
    flagged_rubrics: dict[str, Counter[str]] = defaultdict(Counter)
    group_rubrics: Counter[str] = Counter()
    group_criteria: Counter[str] = Counter()
    weight_total = 0.0
    weight_flagged: Counter[str] = Counter()
    weight_any = 0.0
    rows: list[RubricRow] = []
    terms: dict[str, Counter[str]] = defaultdict(Counter)
    unattached: list[Finding] = []
    group_modes: dict[str, set[str]] = defaultdict(set)  # the modes a rule of ran for
    for file in result.files:
        file_modes = modes_run(file.rules_run)
        by_rubric: dict[str, list[Diagnostic]] = defaultdict(list)
        for diagnostic in file.diagnostics:
            if diagnostic.rubric_id is None:
                unattached.append(_finding(file, diagnostic))
                continue
            by_rubric[diagnostic.rubric_id].append(diagnostic)
            for location in (diagnostic.location, *diagnostic.highlights):
                if term := _term(span_text(file.document, location)):
                    terms[diagnostic.code][term] += 1
        for summary in file.summaries:
            group = _group(file, summary, group_by)
            group_rubrics[group] += 1
            group_criteria[group] += len(summary.weights)
            group_modes[group] |= file_modes
            found = by_rubric.pop(summary.id, [])
            rubric_modes = {m.id for d in found if (m := mode_for_code(d.code)) is not None}
            flagged_rubrics[group].update(rubric_modes)
            criterion_modes: dict[str, set[str]] = defaultdict(set)
            for diagnostic in found:
                mode = mode_for_code(diagnostic.code)
                if diagnostic.criterion_id is not None and mode is not None:
                    criterion_modes[diagnostic.criterion_id].add(mode.id)
            for criterion_id, weight in summary.weights:
                weight_total += weight
                flagged = criterion_modes.get(criterion_id, set())
                weight_flagged.update({mode: weight for mode in flagged})
                weight_any += weight if flagged else 0.0
            if found:
                rows.append(
                    RubricRow(
                        path=file.path,
                        rubric_id=summary.id,
                        dataset=summary.dataset,
                        line=summary.line,
                        criteria=len(summary.weights),
                        flagged_criteria=len({d.criterion_id for d in found} - {None}),
                        findings=[_finding(file, d) for d in found[:FINDINGS_SHOWN]],
                        total_findings=len(found),
                    )
                )
        for leftover in by_rubric.values():
            unattached.extend(_finding(file, d) for d in leftover)
    folder = common_folder(group_rubrics) if group_by == "file" else ""
    groups = _pool_small_groups(group_rubrics, group_criteria, flagged_rubrics, group_modes)
    prevalence: dict[str, dict[str, float | None]] = {
        group: {
            mode.id: flagged_rubrics[group][mode.id] / group_rubrics[group]
            if mode.id in group_modes[group]
            else None
            for mode in modes
        }
        for group in groups
    }
    ran = set().union(*group_modes.values()) if group_modes else set()
    rows.sort(key=lambda row: row.badness, reverse=True)
    return ReportData(
        modes=modes,
        groups=groups,
        group_rubrics=dict(group_rubrics),
        prevalence=prevalence,
        weight_share={
            mode.id: (weight_flagged[mode.id] / weight_total if weight_total else 0.0)
            if mode.id in ran
            else None
            for mode in modes
            if mode.scope == "criterion" or mode.id in ON_CRITERIA
        },
        any_weight_share=weight_any / weight_total if weight_total else None,
        by_code=result.counts_by_code(),
        rule_names=result.names_by_code(),
        by_severity={s.value: n for s, n in result.counts_by_severity().items()},
        files=len(result.files),
        rubrics=result.rubric_count,
        criteria=result.criterion_count,
        worst=rows[:WORST_RUBRICS],
        terms={code: counter.most_common(TOP_TERMS) for code, counter in sorted(terms.items())},
        unattached=unattached[:WORST_RUBRICS],
        unattached_total=len(unattached),
        unreadable=result.unread,
        modes_run=ran,
        folder=folder,
    )


def common_folder(paths: Iterable[str]) -> str:
    """The folder all ``paths`` are in, ending in a separator; empty when they share none."""
    folders = {os.path.dirname(path) for path in paths}
    try:
        folder = os.path.commonpath(folders) if folders else ""
    except ValueError:  # absolute and relative paths mixed
        return ""
    return os.path.join(folder, "") if folder else ""


def modes_run(codes: frozenset[str]) -> set[str]:
    """The failure modes that at least one of the rules ``codes`` counts for."""
    return {mode.id for mode in load_modes() if mode.counted_by(codes)}


def _term(text: str) -> str:
    """A finding's words as a term to count: lower case, one line, shortened."""
    term = " ".join(text.split()).lower()
    return term if len(term) <= MAX_TERM_CHARS else term[: MAX_TERM_CHARS - 1] + "…"


def _pool_small_groups(
    rubrics: Counter[str],
    criteria: Counter[str],
    flagged: dict[str, Counter[str]],
    modes: dict[str, set[str]],
) -> list[str]:
    """The heatmap rows: at most ``MAX_GROUPS``, the groups with the most criteria kept (a
    source of few, long rubrics is as visible as one of many short ones), the rest pooled
    (in place; ``criteria`` only ranks the groups)."""
    if len(rubrics) <= MAX_GROUPS:
        return sorted(rubrics)
    ranked = sorted(rubrics, key=lambda group: (-criteria[group], -rubrics[group], group))
    keep = sorted(ranked[: MAX_GROUPS - 1])
    rest = ranked[MAX_GROUPS - 1 :]
    pooled = f"other ({len(rest)} groups)"
    for group in rest:
        rubrics[pooled] += rubrics.pop(group)
        flagged[pooled].update(flagged.pop(group, Counter()))
        modes[pooled] |= modes.pop(group, set())
    return [*keep, pooled]
