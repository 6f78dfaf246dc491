"""Every rule's documented Bad and Better examples, linted by the whole rule set with the real
embedding model: the Bad one shows the rule's finding, the Better one is clean.

``test_rule_identity_and_documentation`` only checks that the sections exist; nothing linted
the examples, so Better examples that raised other rules' findings (RL004's RL103, RL302's
RL303, RL303's RL101) or did not parse at all (RL103's) went unnoticed.
"""

from __future__ import annotations

import inspect
import re
from typing import Any

import pytest
from conftest import lint_snippet

from rift_lint.rules import RULES
from rift_lint.rules.base import Rule


def example(rule: type[Rule], section: str) -> str:
    """The indented block under ``section:`` in the rule's documentation, dedented."""
    found = re.search(rf"^{section}:\n((?:    .*\n?|\n)+)", rule.documentation(), re.MULTILINE)
    assert found, f"{rule.code} has no {section} section"
    return inspect.cleandoc(found.group(1)) + "\n"


def _codes(text: str, embedder: Any) -> list[str]:
    result = lint_snippet(text, embedder=embedder, select=["ALL"])
    return [diagnostic.code for diagnostic in result.diagnostics]


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.code)
def test_better_example_is_clean_under_every_rule(rule: type[Rule], real_embedder: Any) -> None:
    assert _codes(example(rule, "Better"), real_embedder) == []


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.code)
def test_bad_example_shows_the_rule(rule: type[Rule], real_embedder: Any) -> None:
    assert rule.code in _codes(example(rule, "Bad"), real_embedder)
