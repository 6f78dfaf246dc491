"""One runner for every rule's case file: tests/rules/cases/<CODE>.yaml.

A case file::

    rule: RL101
    cases:
      - name: unanchored terms
        prompt: Explain photosynthesis.      # optional
        criterion: The answer is clear and engaging.
        levels: {"5": "...", "1": "..."}      # optional
        points: 5                            # optional
        options: {extend-terms: [snappy]}    # optional rule options
        expect:                              # the underlined words of each finding, in order;
          - spans: [clear, engaging]         # an empty list (or no key) means "no finding"
            message: "clear"                 # optional: a substring of the message
            suggestion: '"clear"'            # optional: a substring of the help

Each span is checked against the exact characters under the finding's location (the first
span) and its highlights (the rest), so a case fails when the underline is off by one.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import lint_snippet

CASES = Path(__file__).parent / "cases"


def _load() -> list[tuple[str, dict[str, Any]]]:
    collected = []
    for path in sorted(CASES.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for case in data["cases"]:
            collected.append((data["rule"], case))
    return collected


def _rubric_yaml(case: dict[str, Any]) -> str:
    lines = []
    if case.get("prompt"):
        lines.append(f"prompt: {json.dumps(case['prompt'])}")
    lines.append("criteria:")
    lines.append(f"  - text: {json.dumps(case['criterion'], ensure_ascii=False)}")
    if "points" in case:
        lines.append(f"    points: {case['points']}")
    if case.get("levels"):
        lines.append(f"    levels: {json.dumps(case['levels'], ensure_ascii=False)}")
    return "\n".join(lines) + "\n"


def _underlined(text: str, location: Any) -> str:
    line = text.splitlines()[location.line - 1]
    assert location.end_line == location.line, "case spans must sit on one line"
    return line[location.column - 1 : location.end_column - 1]


CASE_LIST = _load()


@pytest.mark.parametrize(
    ("rule", "case"), CASE_LIST, ids=[f"{rule}-{case['name']}" for rule, case in CASE_LIST]
)
def test_rule_case(rule: str, case: dict[str, Any]) -> None:
    text = _rubric_yaml(case)
    settings: dict[str, Any] = {"select": [rule]}
    if case.get("options"):
        settings["rules"] = {rule: case["options"]}
    findings = [d for d in lint_snippet(text, **settings).diagnostics if d.code == rule]
    expected = case.get("expect") or []
    assert len(findings) == len(expected), [d.message for d in findings]
    for finding, wanted in zip(findings, expected, strict=True):
        spans = [_underlined(text, finding.location)]
        spans += [_underlined(text, highlight) for highlight in finding.highlights]
        assert spans == wanted["spans"]
        if "message" in wanted:
            assert wanted["message"] in finding.message
        if "suggestion" in wanted:
            assert wanted["suggestion"] in (finding.suggestion or "")
