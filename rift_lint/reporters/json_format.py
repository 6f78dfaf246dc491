"""The ``json`` format: one versioned JSON document (schema described in docs/output.md)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from rift_lint import __version__
from rift_lint.location import Location
from rift_lint.models import Diagnostic, Severity
from rift_lint.reporters.fingerprint import file_fingerprints
from rift_lint.results import RunResult

if TYPE_CHECKING:
    from rift_lint.reporters import ReportOptions

SCHEMA_VERSION = 1
TOOL_NAME = "rift-lint"


def versioned(schema_version: int, tool_version: str = __version__) -> dict[str, Any]:
    """The opening of every JSON document rift-lint prints: its schema version and the tool
    (which also lets a run over a folder recognise the file as rift-lint's own output)."""
    return {"schema_version": schema_version, "tool": {"name": TOOL_NAME, "version": tool_version}}


def _position(row: int, column: int) -> dict[str, int]:
    return {"row": row, "column": column}


def _span(location: Location) -> dict[str, Any]:
    """``filename``, ``location`` and ``end_location`` of a span (``end_location`` exclusive)."""
    return {
        "filename": location.path,
        "location": _position(location.line, location.column),
        "end_location": _position(location.end_line, location.end_column),
    }


def diagnostic_record(diagnostic: Diagnostic, fingerprint: str) -> dict[str, Any]:
    """The JSON object of one finding."""
    span = _span(diagnostic.location)
    return {
        "code": diagnostic.code,
        "name": diagnostic.name,
        "failure_mode": diagnostic.failure_mode,
        "severity": diagnostic.severity.value,
        "message": diagnostic.message,
        "filename": span["filename"],
        "location": span["location"],
        "end_location": span["end_location"],
        "rubric_id": diagnostic.rubric_id,
        "criterion_id": diagnostic.criterion_id,
        "suggestion": diagnostic.suggestion,
        "confidence": diagnostic.confidence,
        "related": [
            {**_span(related.location), "message": related.message}
            for related in diagnostic.related
        ],
        "highlights": [_span(highlight) for highlight in diagnostic.highlights],
        "fingerprint": fingerprint,
    }


def document(result: RunResult, options: ReportOptions) -> dict[str, Any]:
    """The whole output as a JSON-ready dictionary."""
    by_severity = result.counts_by_severity()
    return {
        **versioned(SCHEMA_VERSION, options.tool_version),
        "summary": {
            "files": len(result.files) + len(result.unread),
            "rubrics": result.rubric_count,
            "criteria": result.criterion_count,
            "findings": len(result.diagnostics),
            "by_code": dict(sorted(result.counts_by_code().items())),
            "by_severity": {
                severity.value: by_severity[severity]
                for severity in sorted(Severity, key=lambda s: s.rank, reverse=True)
            },
            "unreadable": len(result.unread),
        },
        "diagnostics": [
            diagnostic_record(diagnostic, print_)
            for file_result in result.files
            for diagnostic, print_ in zip(
                file_result.diagnostics, file_fingerprints(file_result), strict=True
            )
        ],
        "unreadable": [
            {"filename": unreadable.path, "reason": unreadable.reason}
            for unreadable in result.unread
        ],
    }


def render(result: RunResult, options: ReportOptions) -> str:
    """The JSON document, indented by two spaces, ASCII-only, ending with a newline."""
    return json.dumps(document(result, options), indent=2) + "\n"
