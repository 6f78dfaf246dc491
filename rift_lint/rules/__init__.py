"""The rule registry: every rule is listed here explicitly (a test checks none is missing)."""

from __future__ import annotations

from rift_lint.rules.base import Rule
from rift_lint.rules.rl001_parse_error import ParseErrorRule
from rift_lint.rules.rl002_empty_criterion import EmptyCriterion
from rift_lint.rules.rl003_duplicate_criterion import DuplicateCriterion
from rift_lint.rules.rl004_invalid_points import InvalidPoints
from rift_lint.rules.rl101_subjective import Subjective
from rift_lint.rules.rl102_non_atomic import NonAtomic
from rift_lint.rules.rl103_ungrounded import Ungrounded
from rift_lint.rules.rl201_misaligned_or_rigid import MisalignedOrRigid
from rift_lint.rules.rl202_missing_criteria import MissingCriteria
from rift_lint.rules.rl301_hackable import Hackable
from rift_lint.rules.rl302_low_signal import LowSignal
from rift_lint.rules.rl303_redundant_criteria import RedundantCriteria
from rift_lint.rules.rl901_unused_suppression import UnusedSuppression
from rift_lint.rules.rl902_invalid_suppression import InvalidSuppression

RULES: tuple[type[Rule], ...] = (
    ParseErrorRule,
    EmptyCriterion,
    DuplicateCriterion,
    InvalidPoints,
    Subjective,
    NonAtomic,
    Ungrounded,
    MisalignedOrRigid,
    MissingCriteria,
    Hackable,
    LowSignal,
    RedundantCriteria,
    UnusedSuppression,
    InvalidSuppression,
)

RULES_BY_CODE: dict[str, type[Rule]] = {rule.code: rule for rule in RULES}
RULES_BY_NAME: dict[str, type[Rule]] = {rule.name: rule for rule in RULES}

RESERVED_CODES: dict[str, str] = {
    "RL101": "subjective",
    "RL102": "non-atomic",
    "RL103": "ungrounded",
    "RL201": "misaligned-or-rigid",
    "RL202": "missing-criteria",
    "RL301": "hackable",
    "RL302": "low-signal",
    "RL303": "redundant-criteria",
}


def find_rule(reference: str) -> type[Rule] | None:
    """A rule by code (case-insensitive) or kebab name."""
    return RULES_BY_CODE.get(reference.upper()) or RULES_BY_NAME.get(reference.lower())
