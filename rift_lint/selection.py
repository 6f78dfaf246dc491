"""Which rules run: ``select``/``ignore`` by code, code prefix, kebab name or ``ALL``.

As in flake8 and ruff, the most specific selector wins: an exact code or name beats a prefix,
and a longer prefix beats a shorter one; on a tie, ignore wins.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from rift_lint.rules import RESERVED_CODES, RULES, RULES_BY_NAME
from rift_lint.suggestions import did_you_mean

EXACT = 100


class SelectorError(ValueError):
    """A selector names no known rule, prefix or reserved code."""


@cache
def _known_codes() -> frozenset[str]:
    return frozenset({rule.code for rule in RULES} | set(RESERVED_CODES))


@cache
def _known_names() -> dict[str, str]:
    names = {name: code for code, name in RESERVED_CODES.items()}
    names.update({name: rule.code for name, rule in RULES_BY_NAME.items()})
    return names


def normalise_selector(selector: str) -> str:
    """Upper-case codes and prefixes; map kebab names to their codes. Raises SelectorError."""
    text = selector.strip()
    names = _known_names()
    if text.lower() in names:
        return names[text.lower()]
    upper = text.upper()
    if upper == "ALL" or any(code.startswith(upper) for code in _known_codes()):
        return upper
    raise SelectorError(
        f"Unknown rule selector {selector!r}: not a rule code, prefix or name"
        + rule_suggestion(text)
    )


def rule_suggestion(reference: str) -> str:
    """The "did you mean" of an unknown rule reference (:func:`did_you_mean`): the code or
    name it is closest to, or ``""``."""
    return did_you_mean(reference, [*_known_codes(), *_known_names()])


def specificity(selector: str, code: str) -> int:
    """How specifically ``selector`` (normalised) matches ``code``; 0 when it does not."""
    if selector == "ALL":
        return 1
    if selector == code:
        return EXACT
    return len(selector) + 1 if code.startswith(selector) else 0


def best_match(selectors: Iterable[str], code: str) -> int:
    """The specificity of the best-matching selector."""
    return max((specificity(selector, code) for selector in selectors), default=0)


def is_enabled(code: str, select: Iterable[str], ignore: Iterable[str]) -> bool:
    """Whether ``code`` is selected and not ignored by a more (or equally) specific selector."""
    selected = best_match(select, code)
    return selected > 0 and selected > best_match(ignore, code)


def matches_any(code: str, selectors: Iterable[str]) -> bool:
    """Whether any normalised selector matches ``code`` (for suppressions and per-file ignores)."""
    return best_match(selectors, code) > 0
