"""The TOML spelling of a setting's value, shared by ``check --show-settings`` and the rules'
documentation (``rift-lint rule``, SARIF help)."""

from __future__ import annotations

import json
from typing import Any


def toml_value(value: Any) -> str:
    """A setting's value as it would be written in a configuration file (``(not set)`` for
    none)."""
    if value is None:
        return "(not set)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple | list | set | frozenset):
        return "[" + ", ".join(toml_value(item) for item in value) + "]"
    if isinstance(value, dict):
        pairs = ", ".join(f"{json.dumps(str(k))} = {toml_value(v)}" for k, v in value.items())
        return "{" + (f" {pairs} " if pairs else "") + "}"
    if isinstance(value, str):
        return json.dumps(value)
    return repr(value)
