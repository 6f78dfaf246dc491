"""The engine: what every finding carries whichever rule produced it."""

from __future__ import annotations

from conftest import lint_snippet

RUBRICS = """\
rubrics:
  - id: essay-1
    criteria:
      - The explanation is clear and engaging
      - Cites at least 10 sources
      - Explains the diagnosis and recommends a follow-up visit
  - id: essay-2
    criteria:
      - Cites at least 10 sources
"""


def test_every_finding_names_its_rubric() -> None:
    findings = lint_snippet(RUBRICS, select=["RL1", "RL3"]).diagnostics
    by_rule = {(d.code, d.rubric_id, d.location.line) for d in findings}
    assert {("RL101", "essay-1", 4), ("RL102", "essay-1", 6), ("RL301", "essay-1", 5)} <= by_rule
    assert ("RL301", "essay-2", 9) in by_rule
    assert all(d.rubric_id is not None for d in findings)


def test_a_criterion_over_spacys_million_characters_is_linted() -> None:
    """spaCy's ``nlp.max_length`` (1,000,000 characters) does not stop a run."""
    long_text = "Lists the drug interactions of warfarin. " * 25_000
    text = f'criteria:\n  - text: "{long_text}"\n  - text: "Is concise"\n'
    found = lint_snippet(text, select=["RL101"]).diagnostics
    assert [(d.code, d.location.line, d.criterion_id) for d in found] == [("RL101", 3, "c2")]
