"""``rift-lint check``: lint rubric files and print the findings."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click

from rift_lint.cli.common import (
    command_line_overrides,
    config_resolver,
    fail,
    named_output,
    read_back_output,
    refuse_model_with_no_model,
    refuse_overwriting_input,
    require_working_directory,
    setup_errors,
    write_output,
)
from rift_lint.cli.linting import display, lint_paths, list_files, resolved_own_files
from rift_lint.cli.options import (
    apply_options,
    config_options,
    embedding_options,
    model_options,
    paths_argument,
    run_options,
    selector_options,
)
from rift_lint.cli.settings_view import settings_text
from rift_lint.models import Severity
from rift_lint.reporters.color import COLOR_CHOICES, wants_color
from rift_lint.reporters.concise import plural
from rift_lint.results import RunResult

if TYPE_CHECKING:
    from rift_lint.baseline import Baseline
    from rift_lint.runner import RunSettings

FORMAT_CHOICES = ("full", "concise", "json", "github", "sarif")
SEVERITIES = tuple(severity.value for severity in Severity)


@click.command()
@paths_argument
@apply_options(selector_options)
@apply_options(config_options)
@click.option(
    "--format",
    "--output-format",
    "output_format",
    type=click.Choice(FORMAT_CHOICES),
    default=None,
    help=(
        "Output format (default: $RIFT_LINT_OUTPUT_FORMAT, else full; github under GitHub "
        "Actions without --statistics)."
    ),
)
@click.option("--fail-level", type=click.Choice(SEVERITIES), help="Lowest severity that fails.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@click.option("--statistics", is_flag=True, help="Print a count per rule instead of findings.")
@click.option(
    "--output-file",
    type=click.Path(dir_okay=False, allow_dash=True),
    help="Write the output to this file instead of stdout ('-': stdout).",
)
@click.option(
    "--color",
    type=click.Choice(COLOR_CHOICES),
    default="auto",
    show_default=True,
    help="Paint the full and concise formats (auto: on a terminal; honours NO_COLOR and "
    "FORCE_COLOR).",
)
@click.option(
    "--stdin-filename",
    help="Name (and format) of the rubric read from '-' (alone, it implies '-').",
)
@click.option("--force-exclude", is_flag=True, help="Apply 'exclude' to files named explicitly.")
@click.option(
    "--baseline",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Hide the findings recorded in this baseline file: only new ones show and fail.",
)
@click.option(
    "--write-baseline",
    type=click.Path(dir_okay=False),
    help="Record every finding of this run in a baseline file instead of reporting them.",
)
@click.option("--show-files", is_flag=True, help="List the files the run would lint, and exit.")
@click.option(
    "--show-settings",
    is_flag=True,
    help="Print the settings the first path (or the working directory) is linted with, and exit.",
)
@apply_options(embedding_options)
@apply_options(model_options)
@apply_options(run_options)
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
    output_file: str | None,
    color: str,
    stdin_filename: str | None,
    force_exclude: bool,
    baseline: Path | None,
    write_baseline: str | None,
    show_files: bool,
    show_settings: bool,
    no_embeddings: bool,
    no_cache: bool,
    model: Path | None,
    no_model: bool,
    jobs: int,
    quiet: bool,
) -> None:
    """Lint rubric files (directories are searched; '-' reads stdin, './-' a file)."""
    from rift_lint.reporters import ReportOptions, render
    from rift_lint.runner import RunSettings

    require_working_directory()
    if stdin_filename is not None and "-" not in map(str, paths):
        if paths:
            fail("--stdin-filename names the rubric read from standard input: add '-' to paths")
        paths = (Path("-"),)
    refuse_model_with_no_model(model, no_model)
    output = named_output(output_file)
    if baseline is not None and write_baseline is not None:
        fail("--baseline and --write-baseline exclude each other: write the baseline afresh")
    refuse_overwriting_input("--output-file", output, paths)
    baseline_output = (
        read_back_output("--write-baseline", write_baseline, "a baseline", "--baseline")
        if write_baseline is not None
        else None
    )
    refuse_overwriting_input("--write-baseline", baseline_output, paths)
    accepted = _load_baseline(baseline) if baseline is not None else None
    overrides = command_line_overrides(select, extend_select, ignore, fail_level)
    settings = RunSettings(
        config, isolated, overrides, not no_embeddings, not no_cache, model, no_model
    )
    run_files = resolved_own_files(baseline, baseline_output, output)
    if show_settings:
        _show_settings(paths, settings, stdin_filename)
    if show_files:
        listed = list_files(paths, settings, stdin_filename, force_exclude, run_files)
        sys.exit(0 if listed else 2)
    result, failing = lint_paths(
        paths, settings, jobs, quiet, stdin_filename, force_exclude, accepted, run_files
    )
    if baseline_output is not None:
        _write_baseline(baseline_output, result)
        sys.exit(2 if result.unread else 0)
    fmt = output_format or _default_format(statistics)
    if fmt not in FORMAT_CHOICES:
        fail(f"RIFT_LINT_OUTPUT_FORMAT={fmt!r} is not one of {', '.join(FORMAT_CHOICES)}")
    if statistics:
        _warn_statistics_ignored(fmt)
    stream = None if output is not None else sys.stdout
    painted = wants_color(color, stream, os.environ)
    text = render(fmt, result, ReportOptions(statistics=statistics, color=painted))
    _warn_github_limits(fmt, result)
    write_output(output, text, "the findings", painted)
    if result.unread:
        sys.exit(2)
    sys.exit(1 if failing and not exit_zero else 0)


def _show_settings(
    paths: tuple[Path, ...], settings: RunSettings, stdin_filename: str | None
) -> NoReturn:
    """Print the settings the first path is linted with (standard input's under its
    ``--stdin-filename``; the working directory's without a path), and exit 0."""
    first = paths[0] if paths else Path.cwd()
    if str(first) == "-":
        first = Path(stdin_filename) if stdin_filename else Path.cwd() / "-"
    resolver = config_resolver(settings.config, settings.isolated, settings.overrides)
    try:
        config = resolver.for_path(first)
        text = settings_text(config, first, display(first), resolver.isolated, settings.embeddings)
    except setup_errors() as exc:
        fail(str(exc))
    click.echo(text)
    sys.exit(0)


def _default_format(statistics: bool) -> str:
    """``RIFT_LINT_OUTPUT_FORMAT`` when set, else ``github`` under GitHub Actions (unless
    ``--statistics`` asks for the per-rule table, which ``github`` has not), else ``full``."""
    chosen = os.environ.get("RIFT_LINT_OUTPUT_FORMAT")
    if chosen:
        return chosen
    actions = os.environ.get("GITHUB_ACTIONS") == "true"
    return "github" if actions and not statistics else "full"


def _warn_statistics_ignored(fmt: str) -> None:
    """Say on stderr that ``--statistics`` does not apply to the machine format chosen."""
    from rift_lint.reporters import HUMAN_FORMATS

    if fmt not in HUMAN_FORMATS:
        click.echo(
            f"rift-lint: warning: --statistics ignored: the {fmt} format lists every finding "
            "(use --format full or concise for the per-rule table)",
            err=True,
        )


def _warn_github_limits(fmt: str, result: RunResult) -> None:
    """Say on stderr when GitHub would not take or show every finding in this format: code
    scanning refuses a SARIF log of too many results, and a step shows only the first
    annotations of each kind."""
    from rift_lint.reporters import github, sarif

    warnings = {"sarif": sarif.upload_warning, "github": github.display_warning}
    reason = warnings[fmt](result) if fmt in warnings else None
    if reason is not None:
        click.echo(f"rift-lint: warning: {reason}", err=True)


def _load_baseline(path: Path) -> Baseline:
    """A ``--baseline`` file; exit 2 with the reason when it is unusable."""
    from rift_lint.baseline import BaselineError, load_baseline

    try:
        return load_baseline(path)
    except BaselineError as exc:
        fail(str(exc))


def _write_baseline(path: Path, result: RunResult) -> None:
    """Write ``--write-baseline`` and say how many findings it holds; exit 2 when it fails."""
    from rift_lint.baseline import baseline_entries, baseline_text

    entries = baseline_entries(result, path.parent)
    write_output(path, baseline_text(entries), "the baseline")
    click.echo(
        f"rift-lint: wrote {plural(len(entries), 'finding')} to the baseline {path}", err=True
    )
