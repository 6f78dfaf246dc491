"""The RIFT failure-mode taxonomy, read from the YAML files shipped in the package.

In a wheel the files live in ``rift_lint/taxonomy`` (a build-time include of the repository's
top-level ``taxonomy/``); in a source checkout they are read from ``taxonomy/`` directly.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from importlib import resources
from importlib.abc import Traversable
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict

Category = Literal["reliability", "content_validity", "consequential_validity"]


class Examples(BaseModel):
    """A bad criterion (or rubric) for the mode and a better rewrite."""

    model_config = ConfigDict(extra="forbid")

    bad: str
    better: str


class FailureMode(BaseModel):
    """One RIFT failure mode."""

    model_config = ConfigDict(extra="forbid")

    id: str
    rule: str
    name: str
    category: Category
    scope: Literal["criterion", "rubric"]
    summary: str
    applies_when: list[str]
    does_not_apply_when: list[str]
    examples: Examples
    counted_from: list[str] = []

    @property
    def rule_codes(self) -> list[str]:
        """The rule that detects this mode first, then rules whose findings also count for it."""
        return [self.rule, *self.counted_from]

    def counted_by(self, codes: Iterable[str]) -> bool:
        """Whether a finding of one of the rules ``codes`` counts for this mode."""
        return not set(self.rule_codes).isdisjoint(codes)


def _directory() -> Traversable:
    packaged = resources.files("rift_lint").joinpath("taxonomy")
    if packaged.is_dir():
        return packaged
    return resources.files("rift_lint").joinpath("..", "taxonomy")


@cache
def load_modes() -> tuple[FailureMode, ...]:
    """All failure modes, ordered by rule code."""
    modes = [
        FailureMode.model_validate(yaml.safe_load(entry.read_text(encoding="utf-8")))
        for entry in _directory().iterdir()
        if entry.name.endswith(".yaml")
    ]
    return tuple(sorted(modes, key=lambda mode: mode.rule))


def mode_for_code(code: str) -> FailureMode | None:
    """The failure mode a rule code counts for, if any."""
    return next((mode for mode in load_modes() if code in mode.rule_codes), None)


def mode_by_id(mode_id: str) -> FailureMode | None:
    """A failure mode by its id (``subjective``, ``non_atomic``...)."""
    return next((mode for mode in load_modes() if mode.id == mode_id), None)
