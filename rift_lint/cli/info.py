"""``rift-lint rule``, ``modes`` and ``cache``: the rules' documentation, the failure modes,
and the caches."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from rift_lint.cli.common import config_resolver, fail, require_working_directory
from rift_lint.cli.options import apply_options, config_options, format_option
from rift_lint.config import ConfigError
from rift_lint.rule_docs import text_help
from rift_lint.rules import RULES_BY_CODE
from rift_lint.rules.base import Rule
from rift_lint.selection import rule_suggestion


@click.command()
@click.argument("reference", required=False)
@click.option("--all", "show_all", is_flag=True, help="List every rule.")
@format_option(
    ["text", "json"],
    "For people, or JSON for scripts (a rule's fields, or a list of them with --all).",
)
def rule(reference: str | None, show_all: bool, output_format: str) -> None:
    """Show a rule's documentation (by code or name), or list every rule with --all (or
    with no rule named)."""
    from rift_lint.rules import RESERVED_CODES, RULES, find_rule

    if show_all and reference is not None:
        fail(f"--all lists every rule: give either {reference!r} or --all, not both")
    if (show_all or reference is None) and output_format == "json":
        click.echo(json.dumps([_rule_fields(rule_class) for rule_class in RULES], indent=2))
        return
    if show_all or reference is None:
        for rule_class in RULES:
            mode = rule_class.failure_mode or "-"
            click.echo(
                f"{rule_class.code}  {rule_class.name:<22} {mode:<20} {rule_class.summary()}"
            )
        for code, name in RESERVED_CODES.items():
            if code not in RULES_BY_CODE:
                click.echo(f"{code}  {name:<22} {'(reserved)':<20} not yet implemented")
        return
    rule_class = find_rule(reference)
    if rule_class is None:
        if reference.upper() in RESERVED_CODES:
            fail(f"{reference.upper()} is reserved for a rule that is not implemented yet")
        hint = rule_suggestion(reference) or "; `rift-lint rule --all` lists the rules"
        fail(f"unknown rule {reference!r}{hint}")
    if output_format == "json":
        click.echo(json.dumps(_rule_fields(rule_class), indent=2))
        return
    click.echo(f"{rule_class.code} {rule_class.name}")
    click.echo(f"failure mode: {rule_class.failure_mode or '-'}; scope: {rule_class.scope.value};")
    click.echo(f"default severity: {rule_class.default_severity.value}\n")
    click.echo(text_help(rule_class))


def _rule_fields(rule_class: type[Rule]) -> dict[str, Any]:
    """A rule's identity, documentation and options (with their defaults), for JSON."""
    return {
        "code": rule_class.code,
        "name": rule_class.name,
        "failure_mode": rule_class.failure_mode,
        "scope": rule_class.scope.value,
        "default_severity": rule_class.default_severity.value,
        "summary": rule_class.summary(),
        "documentation": rule_class.documentation(),
        "options": {
            name.replace("_", "-"): info.default
            for name, info in rule_class.Options.model_fields.items()
        },
    }


@click.command()
@format_option(["text", "json"], "One entry per mode for people, or JSON for scripts.")
def modes(output_format: str) -> None:
    """List the RIFT failure modes and the rules that detect them."""
    from rift_lint.taxonomy import load_modes

    all_modes = load_modes()
    if output_format == "json":
        click.echo(json.dumps([mode.model_dump() for mode in all_modes], indent=2))
        return
    for mode in all_modes:
        codes = ", ".join(mode.rule_codes)
        click.echo(f"{mode.id:<20} {mode.category:<23} {mode.scope:<10} {codes}")
        click.echo(f"    {mode.summary}")


@click.group()
def cache() -> None:
    """Manage the embedding and result caches (.rift_lint_cache/ by default)."""


@cache.command(name="clear")
@apply_options(config_options)
def cache_clear(config: Path | None, isolated: bool) -> None:
    """Delete the cache directory of the configuration that applies here, and every
    .rift_lint_cache below the working directory (nested configurations keep their own), as
    `ruff clean` does."""
    from rift_lint.discovery import cache_directories
    from rift_lint.embeddings.cache import DATABASE as EMBEDDINGS
    from rift_lint.result_cache import DATABASE as RESULTS
    from rift_lint.sqlite_store import CacheClearError, clear

    require_working_directory()
    try:
        configured = config_resolver(config, isolated).for_path(Path.cwd()).cache_dir
    except ConfigError as exc:
        fail(str(exc))
    directories = {configured.resolve(): configured}
    for found in cache_directories(Path.cwd()):
        directories.setdefault(found.resolve(), found)
    refused = []
    removed = False
    for directory in directories.values():
        try:
            if clear(directory, (EMBEDDINGS, RESULTS)):
                click.echo(f"removed {directory}")
                removed = True
        except CacheClearError as exc:
            refused.append(str(exc))
    if not removed and not refused:
        click.echo(f"no cache at {configured}")
    for reason in refused:
        click.echo(f"rift-lint: error: {reason}", err=True)
    if refused:
        sys.exit(2)
