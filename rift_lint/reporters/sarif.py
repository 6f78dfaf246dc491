"""The ``sarif`` format: SARIF 2.1.0 as accepted by GitHub code scanning.

The driver lists every registered rule, so code scanning can show a rule's documentation even
for rules without findings in this run. Columns are Unicode code points (``columnKind``) and
``endColumn`` is exclusive, as in SARIF itself. Paths are relative to ``%SRCROOT%`` (the working
directory; under GitHub Actions, the checkout) with forward slashes; ``partialFingerprints``
carry the content fingerprint shared with the ``json`` format. A path that could not be read
becomes a tool execution notification of the run's invocation, which then is not
``executionSuccessful``.
"""

from __future__ import annotations

import json
import os
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from rift_lint.config import resolved
from rift_lint.location import Location
from rift_lint.models import Diagnostic, Severity
from rift_lint.reporters.checkout import workspace_path
from rift_lint.reporters.fingerprint import file_fingerprints
from rift_lint.results import RunResult, Unreadable
from rift_lint.rule_docs import markdown_help, section_paragraph, text_help
from rift_lint.rules import RULES
from rift_lint.rules.base import Rule
from rift_lint.taxonomy import mode_for_code

if TYPE_CHECKING:
    from rift_lint.reporters import ReportOptions

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"
TOOL_NAME = "rift-lint"
INFORMATION_URI = "https://github.com/rift-lint/rift-lint"
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = "riftFinding/v2"
GITHUB_MAX_RESULTS = 25_000
"""GitHub code scanning rejects a SARIF run holding more results than this."""

LEVELS: dict[Severity, str] = {
    Severity.ERROR: "error",
    Severity.WARNING: "warning",
    Severity.INFO: "note",
}


def rule_descriptor(rule: type[Rule]) -> dict[str, Any]:
    """The ``reportingDescriptor`` of a registered rule."""
    documentation = rule.documentation()
    mode = mode_for_code(rule.code)
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary()},
        "fullDescription": {
            "text": section_paragraph(documentation, "What it flags") or rule.summary()
        },
        "help": {"text": text_help(rule), "markdown": markdown_help(rule)},
        "defaultConfiguration": {"level": LEVELS[rule.default_severity]},
        "properties": {"tags": [mode.category, mode.id] if mode is not None else []},
    }


def artifact_location(path: str) -> dict[str, str]:
    """An ``artifactLocation``: relative to ``%SRCROOT%`` if possible, which is the working
    directory, or the checkout under GitHub Actions (:func:`workspace_path`).

    Paths outside it (absolute, or relative ones that climb out of it with ``..``) become
    ``file://`` URIs without a base.
    """
    path = workspace_path(path)
    if not os.path.isabs(path):
        relative = PurePosixPath(os.path.normpath(path).replace("\\", "/"))
        if relative.parts[:1] != ("..",):
            return {"uri": quote(relative.as_posix(), safe="/"), "uriBaseId": SRCROOT}
    absolute = resolved(Path(path))
    try:
        relative = absolute.relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return {"uri": absolute.as_uri()}
    return {"uri": quote(relative, safe="/"), "uriBaseId": SRCROOT}


def physical_location(location: Location) -> dict[str, Any]:
    """A ``physicalLocation`` with a 1-based region, ``endColumn`` exclusive."""
    return {
        "artifactLocation": artifact_location(location.path),
        "region": {
            "startLine": location.line,
            "startColumn": location.column,
            "endLine": location.end_line,
            "endColumn": location.end_column,
        },
    }


def _properties(diagnostic: Diagnostic) -> dict[str, Any]:
    """Rubric context of a finding, leaving out what is unknown."""
    values = {
        "rubricId": diagnostic.rubric_id,
        "criterionId": diagnostic.criterion_id,
        "failureMode": diagnostic.failure_mode,
        "confidence": diagnostic.confidence,
        "suggestion": diagnostic.suggestion,
    }
    return {key: value for key, value in values.items() if value is not None}


def result_object(diagnostic: Diagnostic, rule_index: int, fingerprint: str) -> dict[str, Any]:
    """The SARIF ``result`` of one finding."""
    result: dict[str, Any] = {
        "ruleId": diagnostic.code,
        "ruleIndex": rule_index,
        "level": LEVELS[diagnostic.severity],
        "message": {"text": diagnostic.message},
        "locations": [{"physicalLocation": physical_location(diagnostic.location)}],
    }
    if diagnostic.related:
        result["relatedLocations"] = [
            {
                "id": index,
                "physicalLocation": physical_location(related.location),
                "message": {"text": related.message},
            }
            for index, related in enumerate(diagnostic.related, start=1)
        ]
    result["partialFingerprints"] = {FINGERPRINT_KEY: fingerprint}
    properties = _properties(diagnostic)
    if properties:
        result["properties"] = properties
    return result


def invocation(unread: list[Unreadable]) -> dict[str, Any]:
    """The run's ``invocation``: successful unless some path could not be read, each such
    path a ``toolExecutionNotification`` at error level."""
    return {
        "executionSuccessful": not unread,
        "toolExecutionNotifications": [
            {
                "level": "error",
                "message": {"text": unreadable.message},
                "locations": [
                    {"physicalLocation": {"artifactLocation": artifact_location(unreadable.path)}}
                ],
            }
            for unreadable in unread
        ],
    }


def log(result: RunResult, options: ReportOptions) -> dict[str, Any]:
    """The whole SARIF log as a JSON-ready dictionary."""
    rules = [rule_descriptor(rule) for rule in RULES]
    index = {rule["id"]: position for position, rule in enumerate(rules)}
    for diagnostic in result.diagnostics:
        if diagnostic.code not in index:
            index[diagnostic.code] = len(rules)
            rules.append({"id": diagnostic.code, "name": diagnostic.name})
    results = [
        result_object(diagnostic, index[diagnostic.code], print_)
        for file_result in result.files
        for diagnostic, print_ in zip(
            file_result.diagnostics, file_fingerprints(file_result), strict=True
        )
    ]
    driver = {
        "name": TOOL_NAME,
        "version": options.tool_version,
        "informationUri": INFORMATION_URI,
        "rules": rules,
    }
    return {
        "$schema": SCHEMA_URI,
        "version": SARIF_VERSION,
        "runs": [
            {
                "tool": {"driver": driver},
                "invocations": [invocation(result.unread)],
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }


def upload_warning(result: RunResult) -> str | None:
    """Why GitHub code scanning would refuse this run's log (more results than it accepts in
    one run), with what to do about it; ``None`` when it would take it."""
    count = len(result.diagnostics)
    if count <= GITHUB_MAX_RESULTS:
        return None
    return (
        f"the SARIF log holds {count:,} results, and GitHub code scanning rejects a run of "
        f"more than {GITHUB_MAX_RESULTS:,}: upload fewer files per run, narrow the rules with "
        "--select, or hide accepted findings with --baseline"
    )


def render(result: RunResult, options: ReportOptions) -> str:
    """The SARIF log, indented by two spaces, ending with a newline."""
    return json.dumps(log(result, options), indent=2) + "\n"
