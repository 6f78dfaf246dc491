"""RL102 non-atomic: what the case file cannot check (tests/rules/cases/RL102.yaml)."""

from __future__ import annotations

from conftest import lint_snippet


def test_confidence_is_rounded_to_two_places() -> None:
    """A list of five items adds 0.05 per item beyond three to the list's 0.7: 0.8, not the
    0.7999999999999999 of the sum in floating point."""
    text = "criteria:\n  - text: Asks about sex, age, diet, sleep and weight.\n"
    [finding] = lint_snippet(text, select=["RL102"]).diagnostics
    assert finding.confidence == 0.8
