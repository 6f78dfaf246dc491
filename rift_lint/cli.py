"""The ``rift-lint`` command line: ``check``, ``rule``, ``modes`` and ``eval``.

Exit codes: 0 clean, 1 findings at or above the fail level (or ``eval`` below ``--min-f1``),
2 usage, configuration or I/O errors. Heavy libraries are imported only by the commands and
rules that need them.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

import click

from rift_lint import __version__
from rift_lint.config import ConfigError, ConfigResolver
from rift_lint.models import Severity
from rift_lint.results import RunResult
from rift_lint.rules import RULES_BY_CODE

FORMAT_CHOICES = ("full", "concise", "json", "github", "sarif")
SEVERITIES = tuple(severity.value for severity in Severity)


def _split(values: tuple[str, ...]) -> list[str] | None:
    """Comma- or repeat-separated selector options; ``None`` when not given."""
    items = [part.strip() for value in values for part in value.split(",") if part.strip()]
    return items or None


def _default_format() -> str:
    if os.environ.get("GITHUB_ACTIONS") == "true":
        return "github"
    return os.environ.get("RIFT_LINT_OUTPUT_FORMAT", "full")


def _fail(message: str) -> None:
    click.echo(f"rift-lint: error: {message}", err=True)
    sys.exit(2)


def _resolver(
    config: Path | None, isolated: bool, overrides: dict[str, Any] | None = None
) -> ConfigResolver:
    try:
        return ConfigResolver(explicit=config, isolated=isolated, overrides=overrides)
    except ConfigError as exc:
        _fail(str(exc))
        raise


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="rift-lint")
def main() -> None:
    """Lint the rubrics that grade large language models for RIFT failure modes."""


selector_options = [
    click.option("--select", multiple=True, help="Rules to enable: codes, prefixes, names, ALL."),
    click.option("--extend-select", multiple=True, help="Rules to enable on top of the config."),
    click.option("--ignore", multiple=True, help="Rules to disable (adds to the config)."),
]
config_options = [
    click.option(
        "--config",
        type=click.Path(exists=True, dir_okay=False, path_type=Path),
        help="Use this configuration file instead of discovering one.",
    ),
    click.option("--isolated", is_flag=True, help="Ignore all configuration files."),
]


def _apply(options: list[Any]) -> Any:
    def decorator(function: Any) -> Any:
        for option in reversed(options):
            function = option(function)
        return function

    return decorator


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@_apply(selector_options)
@_apply(config_options)
@click.option(
    "--format",
    "--output-format",
    "output_format",
    type=click.Choice(FORMAT_CHOICES),
    default=None,
    help="Output format (default: full; github under GitHub Actions).",
)
@click.option("--fail-level", type=click.Choice(SEVERITIES), help="Lowest severity that fails.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@click.option("--statistics", is_flag=True, help="Print a count per rule instead of findings.")
@click.option("--output-file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--stdin-filename", help="Name (and format) of the rubric read from '-'.")
@click.option("--force-exclude", is_flag=True, help="Apply 'exclude' to files named explicitly.")
@click.option("--no-embeddings", is_flag=True, help="Skip the rules that need sentence embeddings.")
@click.option("--no-cache", is_flag=True, help="Encode every text afresh (ignore the cache).")
def check(
    paths: tuple[Path, ...],
    select: tuple[str, ...],
    extend_select: tuple[str, ...],
    ignore: tuple[str, ...],
    config: Path | None,
    isolated: bool,
    output_format: str | None,
    fail_level: str | None,
    exit_zero: bool,
    statistics: bool,
    output_file: Path | None,
    stdin_filename: str | None,
    force_exclude: bool,
    no_embeddings: bool,
    no_cache: bool,
) -> None:
    """Lint rubric files (directories are searched; '-' reads stdin)."""
    from rift_lint.discovery import discover
    from rift_lint.embeddings.provider import EmbeddingProvider
    from rift_lint.engine import Linter
    from rift_lint.reporters import ReportOptions, render

    overrides = {
        "select": _split(select),
        "extend_select": _split(extend_select),
        "ignore": _split(ignore),
        "fail_level": fail_level,
    }
    resolver = _resolver(config, isolated, overrides)
    linter = Linter(resolver, EmbeddingProvider(enabled=not no_embeddings, use_cache=not no_cache))
    result = RunResult()
    io_errors = False
    try:
        targets = [path for path in paths if str(path) != "-"]
        for path in targets:
            if not path.exists():
                click.echo(f"rift-lint: error: {path}: no such file or directory", err=True)
                io_errors = True
        existing = [path for path in targets if path.exists()]
        if "-" in map(str, paths):
            name = stdin_filename or "-"
            config_path = Path(stdin_filename) if stdin_filename else Path.cwd() / "-"
            result.files.append(linter.lint_bytes(sys.stdin.buffer.read(), name, config_path))
        for path in discover(existing or ([] if paths else [Path.cwd()]), resolver, force_exclude):
            try:
                result.files.append(linter.lint_path(path, _display(path)))
            except OSError as exc:
                click.echo(f"rift-lint: error: {path}: cannot read: {exc.strerror}", err=True)
                io_errors = True
        threshold = Severity(resolver.for_path(Path.cwd()).settings.fail_level)
    except ConfigError as exc:
        _fail(str(exc))
        return
    if linter.skipped:
        names = ", ".join(f"{code} ({RULES_BY_CODE[code].name})" for code in sorted(linter.skipped))
        click.echo(f"rift-lint: --no-embeddings: skipped {names}", err=True)
    for code, count in sorted(linter.promptless.items()):
        rubrics = "rubric" if count == 1 else "rubrics"
        click.echo(f"rift-lint: {code} skipped {count} {rubrics} without a prompt", err=True)
    fmt = output_format or _default_format()
    if fmt not in FORMAT_CHOICES:
        _fail(f"RIFT_LINT_OUTPUT_FORMAT={fmt!r} is not one of {', '.join(FORMAT_CHOICES)}")
    text = render(fmt, result, ReportOptions(statistics=statistics))
    if output_file is not None:
        output_file.write_text(text, encoding="utf-8")
    elif text:
        click.echo(text, nl=not text.endswith("\n"))
    if io_errors:
        sys.exit(2)
    failing = any(d.severity.rank >= threshold.rank for d in result.diagnostics)
    sys.exit(1 if failing and not exit_zero else 0)


def _display(path: Path) -> str:
    """The path as shown in output: relative to the working directory when inside it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


@main.command()
@click.argument("reference", required=False)
@click.option("--all", "show_all", is_flag=True, help="List every rule.")
def rule(reference: str | None, show_all: bool) -> None:
    """Show a rule's documentation (by code or name), or list every rule with --all."""
    from rift_lint.rules import RESERVED_CODES, RULES, find_rule

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
            _fail(f"{reference.upper()} is reserved for a rule that is not implemented yet")
        _fail(f"unknown rule {reference!r}; `rift-lint rule --all` lists the rules")
        return
    click.echo(f"{rule_class.code} {rule_class.name}")
    click.echo(f"failure mode: {rule_class.failure_mode or '-'}; scope: {rule_class.scope.value};")
    click.echo(f"default severity: {rule_class.default_severity.value}\n")
    click.echo(rule_class.documentation())
    fields = rule_class.Options.model_fields
    if fields:
        click.echo("\nOptions:")
        for name, info in fields.items():
            click.echo(f"    {name.replace('_', '-')} = {info.default!r}")


@main.command()
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text")
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


@main.group()
def cache() -> None:
    """Manage the embedding cache (.rift_lint_cache/ by default)."""


@cache.command(name="clear")
@_apply(config_options)
def cache_clear(config: Path | None, isolated: bool) -> None:
    """Delete the cache directory of the configuration that applies here."""
    from rift_lint.embeddings.cache import clear

    directory = _resolver(config, isolated).for_path(Path.cwd()).cache_dir
    removed = clear(directory)
    click.echo(f"{'removed' if removed else 'no cache at'} {directory}")


@main.command(name="eval")
@click.argument("labels", type=click.Path(path_type=Path))
@click.option("--select", multiple=True, help="Modes to score: ids, rule codes or names.")
@click.option("--format", "output_format", type=click.Choice(["table", "json"]), default="table")
@click.option("--min-f1", type=float, help="Exit 1 when macro F1 is below this value.")
@_apply(config_options)
def evaluate_command(
    labels: Path,
    select: tuple[str, ...],
    output_format: str,
    min_f1: float | None,
    config: Path | None,
    isolated: bool,
) -> None:
    """Score rift-lint against a labelled JSONL file (precision, recall, F1, kappa per mode)."""
    from rift_lint.evaluation.runner import LabelsError, evaluate, format_table

    resolver = _resolver(config, isolated)
    try:
        evaluation = evaluate(labels, resolver, _split(select) or [])
    except (LabelsError, ConfigError) as exc:
        _fail(str(exc))
        return
    if output_format == "json":
        click.echo(json.dumps(evaluation.as_dict(), indent=2))
    else:
        click.echo(format_table(evaluation))
    if min_f1 is not None and evaluation.macro_f1 < min_f1:
        click.echo(f"macro F1 {evaluation.macro_f1:.3f} is below --min-f1 {min_f1}", err=True)
        sys.exit(1)
