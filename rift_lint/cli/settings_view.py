"""The settings a file is linted with, written as a configuration file would hold them
(``check --show-settings``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rift_lint.cli.linting import skipped_note
from rift_lint.config import MODEL_TABLES, Config
from rift_lint.rules import RULES
from rift_lint.toml_spelling import toml_value


def settings_text(
    config: Config, path: Path, shown: str, isolated: bool = False, embeddings: bool = True
) -> str:
    """The settings that apply to ``path`` (shown as ``shown``): where they come from, the
    top-level keys, the rules that run on it (without ``embeddings``, as ``--no-embeddings``
    runs them: the rules that need embeddings left out, and a comment saying which), and
    every rule's options as they take effect there (defaults included). A key that is not
    set is a comment, so that the text pastes into a configuration file as it is."""
    settings = config.settings
    defaults = "none (--isolated: the defaults)" if isolated else "none (the defaults)"
    source = config.source.as_posix() if config.source else defaults
    lines = [f"# settings for {shown}", f"# configuration file: {source}"]
    # Every top-level key the settings hold, in their order; the tables follow. The paths are
    # shown as they are read: relative to the configuration file's folder.
    keys = settings.model_dump(mode="json", by_alias=True, exclude={"rules", *MODEL_TABLES})
    keys["cache-dir"] = config.cache_dir.as_posix()
    keys["model"] = (config.root / settings.model).as_posix() if settings.model else None
    lines += [_setting(key, value) for key, value in keys.items()]
    for table, model in zip(MODEL_TABLES, (config.nlp_model, config.embedding_model), strict=True):
        lines += ["", f"[{table}]", _setting("model", model)]
    ignores = config.file_ignores(path)
    enabled = [rule for rule in RULES if config.enabled(rule.code, ignores)]
    skipped = {rule.code for rule in enabled if rule.uses_embeddings and not embeddings}
    running = [
        rule.code for rule in enabled if rule.code not in skipped or rule.embeddings_optional
    ]
    lines += ["", f"# rules that run on {shown}: {', '.join(running) or 'none'}"]
    if skipped:
        lines.append(f"# --no-embeddings: {skipped_note(skipped)}")
    for rule_class in RULES:
        options = config.rule(rule_class).options.model_dump()
        if not options:
            continue
        lines += ["", f"[rules.{rule_class.code}]  # {rule_class.name}"]
        lines += [_setting(name.replace("_", "-"), v) for name, v in options.items()]
    return "\n".join(lines)


def _setting(key: str, value: Any) -> str:
    """One ``key = value`` line; commented out when the value is not set (TOML has no null)."""
    line = f"{key} = {toml_value(value)}"
    return line if value is not None else f"# {line}"
