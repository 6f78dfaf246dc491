"""The settings a file is linted with, written as a configuration file would hold them
(``check --show-settings``), and the TOML spelling of one value, shared with ``rule``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from rift_lint.config import Config
from rift_lint.rules import RULES


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


def settings_text(config: Config, path: Path, shown: str) -> str:
    """The settings that apply to ``path`` (shown as ``shown``): where they come from, the
    top-level keys, the rules that run on it, and every rule's options as they take effect
    there (defaults included)."""
    settings = config.settings
    source = config.source.as_posix() if config.source else "none (the defaults)"
    model = (config.root / settings.model).as_posix() if settings.model else None
    lines = [
        f"# settings for {shown}",
        f"# configuration file: {source}",
        f"select = {toml_value(settings.select)}",
        f"extend-select = {toml_value(settings.extend_select)}",
        f"ignore = {toml_value(settings.ignore)}",
        f"per-file-ignores = {toml_value(settings.per_file_ignores)}",
        f"severity = {toml_value({k: v.value for k, v in settings.severity.items()})}",
        f"fail-level = {toml_value(settings.fail_level.value)}",
        f"exclude = {toml_value(settings.exclude)}",
        f"extend-exclude = {toml_value(settings.extend_exclude)}",
        f"cache-dir = {toml_value(config.cache_dir.as_posix())}",
        f"model = {toml_value(model)}",
        "",
        "[nlp]",
        f"model = {toml_value(config.nlp_model)}",
        "",
        "[embeddings]",
        f"model = {toml_value(config.embedding_model)}",
    ]
    ignores = config.file_ignores(path)
    running = [rule.code for rule in RULES if config.enabled(rule.code, ignores)]
    lines += ["", f"# rules that run on {shown}: {', '.join(running) or 'none'}"]
    for rule_class in RULES:
        options = config.rule(rule_class).options.model_dump()
        if not options:
            continue
        lines += ["", f"[rules.{rule_class.code}]  # {rule_class.name}"]
        lines += [f"{name.replace('_', '-')} = {toml_value(v)}" for name, v in options.items()]
    return "\n".join(lines)
