"""Every rule is registered, documented, well named, and points at a mode in taxonomy/."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest

import rift_lint.rules as rules_package
from rift_lint.models import Scope
from rift_lint.nlp.lexicon import load_lexicon
from rift_lint.rules import RESERVED_CODES, RULES
from rift_lint.rules.base import CODE_PATTERN, DOC_SECTIONS, NAME_PATTERN, Rule, excerpt, quoted
from rift_lint.taxonomy import load_modes, mode_by_id, mode_for_code


def _defined_rules() -> list[type[Rule]]:
    found = []
    for info in pkgutil.iter_modules(rules_package.__path__):
        module = importlib.import_module(f"rift_lint.rules.{info.name}")
        for _, member in inspect.getmembers(module, inspect.isclass):
            if (
                issubclass(member, Rule)
                and member is not Rule
                and member.__module__ == module.__name__
            ):
                found.append(member)
    return found


def test_every_rule_class_is_registered() -> None:
    unregistered = {rule.__name__ for rule in _defined_rules()} - {rule.__name__ for rule in RULES}
    assert not unregistered, f"rules defined but not in RULES: {sorted(unregistered)}"


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.code)
def test_rule_identity_and_documentation(rule: type[Rule]) -> None:
    assert CODE_PATTERN.match(rule.code)
    assert NAME_PATTERN.match(rule.name)
    assert isinstance(rule.scope, Scope)
    documentation = rule.documentation()
    for section in DOC_SECTIONS:
        assert f"\n{section}:\n" in f"\n{documentation}", f"{rule.code} lacks '{section}:'"
    assert rule.summary().endswith(".")
    assert rule.check_criterion is not Rule.check_criterion or rule.scope is not Scope.CRITERION
    assert rule.check_rubric is not Rule.check_rubric or rule.scope is not Scope.RUBRIC


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.code)
def test_rule_failure_mode_exists_in_taxonomy(rule: type[Rule]) -> None:
    if rule.failure_mode is None:
        return
    mode = mode_by_id(rule.failure_mode)
    assert mode is not None, f"{rule.code} names unknown mode {rule.failure_mode!r}"
    assert rule.code in mode.rule_codes


def test_codes_and_names_are_unique() -> None:
    assert len({rule.code for rule in RULES}) == len(RULES)
    assert len({rule.name for rule in RULES}) == len(RULES)


def test_taxonomy_has_eight_modes_matching_the_reserved_codes() -> None:
    modes = load_modes()
    assert [mode.rule for mode in modes] == sorted(RESERVED_CODES)
    assert {mode.name for mode in modes} == set(RESERVED_CODES.values())
    assert {mode.category for mode in modes} == {
        "reliability",
        "content_validity",
        "consequential_validity",
    }
    assert mode_for_code("RL003").id == "redundant_criteria"
    assert mode_for_code("RL002") is None


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.code)
def test_every_trim_option_names_a_shipped_word_list(rule: type[Rule]) -> None:
    """``trim-<key>`` entries are checked against the word list ``word_lists[key]`` names."""
    options = rule.Options
    keys = [name.removeprefix("trim_") for name in options.model_fields if name.startswith("trim_")]
    assert set(keys) <= set(options.word_lists)
    assert all(load_lexicon(options.word_lists[key]) for key in keys)


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("a sequel to the Twilight saga without changes", "a sequel to the Twilight saga…"),
        ("the accrual rate,\n  salary base", "the accrual rate, salary base"),
        ("reasons for the faithfulness, with care", "reasons for the faithfulness…"),
        ("x" * 40, "x" * 29 + "…"),
    ],
)
def test_a_message_excerpt_ends_on_a_whole_word(text: str, shown: str) -> None:
    """Cut after the last word that fits, not inside one ("faithfulness sc…"); a single
    word longer than the limit is cut inside."""
    assert excerpt(text, 30) == shown


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("the answer's units", '"the answer\'s units"'),
        ('Never say "cannot"', "'Never say \"cannot\"'"),
        ('the user\'s "plan"', '\u201cthe user\'s "plan"\u201d'),
    ],
)
def test_a_quote_in_a_message_holds_no_mark_that_reads_as_its_end(text: str, shown: str) -> None:
    """Double quotes, unless the text holds one: then single quotes, or typographic ones
    when it holds both."""
    assert quoted(text) == shown
