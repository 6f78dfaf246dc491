"""The ``rift-lint`` command line: ``check``, ``report``, ``rule``, ``modes``, ``eval``,
``train`` and ``cache``.

Exit codes: 0 clean, 1 findings at or above the fail level (or ``eval`` below ``--min-f1``),
2 usage, configuration or I/O errors. Heavy libraries are imported only by the commands and
rules that need them.
"""

from __future__ import annotations

import json
import math
import os
import stat
import sys
import traceback
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from rift_lint import __version__
from rift_lint.config import ConfigError, ConfigResolver, lexical, resolved
from rift_lint.models import Severity
from rift_lint.regular_file import NOT_REGULAR
from rift_lint.reporters.color import COLOR_CHOICES, wants_color
from rift_lint.reporters.concise import plural
from rift_lint.results import FileResult, RunResult, Unreadable, unreachable_reason
from rift_lint.rules import RULES_BY_CODE

if TYPE_CHECKING:
    from rift_lint.baseline import Baseline, BaselineOutcome
    from rift_lint.engine import Linter
    from rift_lint.evaluation.runner import Evaluation
    from rift_lint.learning.train import TrainResult
    from rift_lint.runner import RunNotes, RunSettings

FORMAT_CHOICES = ("full", "concise", "json", "github", "sarif")
SEVERITIES = tuple(severity.value for severity in Severity)
MAX_RESAMPLES = 100_000  # eval --bootstrap: beyond, memory grows without changing the intervals


def _split(values: tuple[str, ...]) -> list[str] | None:
    """Comma- or repeat-separated selector options; ``None`` when not given."""
    items = [part.strip() for value in values for part in value.split(",") if part.strip()]
    return items or None


def _selection(option: str, values: tuple[str, ...], what: str) -> list[str] | None:
    """A selector option's items (``None`` when not given); exit 2 naming the option when it
    is given with nothing in it (``--select ''``, ``--select ,``): ``what`` says what to give."""
    items = _split(values)
    if values and items is None:
        _fail(f"{option} (command line): empty selection: give {what}")
    return items


def _rule_selectors(option: str, values: tuple[str, ...]) -> list[str] | None:
    """A rule selector option's codes, prefixes or names, normalised; ``None`` when not given.

    An unknown selector, or an option given with nothing in it (``--select ,``), is a usage
    error (exit 2) naming the option.
    """
    from rift_lint.selection import SelectorError, normalise_selector

    items = _selection(option, values, "rule codes, prefixes or names")
    try:
        return [normalise_selector(item) for item in items] if items else None
    except SelectorError as exc:
        _fail(f"{option} (command line): {exc}")


def _overrides(
    select: tuple[str, ...],
    extend_select: tuple[str, ...],
    ignore: tuple[str, ...],
    fail_level: str | None = None,
) -> dict[str, Any]:
    """Command-line settings that override the configuration files."""
    return {
        "select": _rule_selectors("--select", select),
        "extend_select": _rule_selectors("--extend-select", extend_select),
        "ignore": _rule_selectors("--ignore", ignore),
        "fail_level": fail_level,
    }


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


def _toml_value(value: Any) -> str:
    """A rule option's default as it would be written in a configuration file."""
    if value is None:
        return "(not set)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple | list):
        return "[" + ", ".join(_toml_value(item) for item in value) + "]"
    if isinstance(value, str):
        return json.dumps(value)
    return repr(value)


_BOUNDS = (("ge", ">="), ("gt", ">"), ("le", "<="), ("lt", "<"))


def _bounds(constraints: list[Any]) -> str:
    """A rule option's bounds as a TOML comment ("  # >= 2, <= 1"), or nothing."""
    found = [
        f"{sign} {getattr(constraint, attribute)}"
        for constraint in constraints
        for attribute, sign in _BOUNDS
        if getattr(constraint, attribute, None) is not None
    ]
    return f"  # {', '.join(found)}" if found else ""


def _fail(message: str) -> NoReturn:
    """Print ``message`` as an error on stderr and exit 2 (a usage or set-up error)."""
    click.echo(f"rift-lint: error: {message}", err=True)
    sys.exit(2)


def _require_working_directory() -> None:
    """Exit 2 when the working directory was deleted: the commands that read or write files
    find configuration and show paths from it."""
    try:
        Path.cwd()
    except FileNotFoundError:
        _fail("the current directory no longer exists")


def _setup_errors() -> tuple[type[Exception], ...]:
    """Errors in what a run is set up with (configuration, model file, spaCy pipeline,
    embedding model, an output file that is a rubric it lints) rather than in the rubrics:
    each stops the run with exit code 2."""
    from rift_lint.discovery import OwnFileIsRubric
    from rift_lint.embeddings.embedder import EmbeddingError
    from rift_lint.learning.modelfile import ModelError
    from rift_lint.nlp.pipeline import PipelineError

    return (ConfigError, ModelError, PipelineError, EmbeddingError, OwnFileIsRubric)


def _write_output(path: Path, text: str, what: str) -> None:
    """Write ``text`` to ``path`` all at once, creating missing parent directories; exit 2
    when it fails (the previous file, if any, is then left whole)."""
    from rift_lint.atomic import write_text_atomically

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_text_atomically(path, text)
    except OSError as exc:
        _fail(f"{path}: cannot write {what}: {exc.strerror or exc}")


def _load_baseline(path: Path) -> Baseline:
    """A ``--baseline`` file; exit 2 with the reason when it is unusable."""
    from rift_lint.baseline import BaselineError, load_baseline

    try:
        return load_baseline(path)
    except BaselineError as exc:
        _fail(str(exc))


def _write_baseline(path: Path, result: RunResult) -> None:
    """Write ``--write-baseline`` and say how many findings it holds; exit 2 when it fails."""
    from rift_lint.baseline import baseline_entries, baseline_text

    entries = baseline_entries(result, path.parent)
    _write_output(path, baseline_text(entries), "the baseline")
    click.echo(
        f"rift-lint: wrote {plural(len(entries), 'finding')} to the baseline {path}", err=True
    )


def _unreachable(path: Path) -> str | None:
    """Why a path named on the command line cannot be linted, or ``None`` when it can: a
    missing or unreadable path, a broken symbolic link, or something that is neither a file
    nor a directory (a FIFO, a socket, a device), whose reading could block for ever."""
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        return unreachable_reason(path, exc).lower()
    if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        return f"{NOT_REGULAR} or a directory"
    return None


def _resolver(
    config: Path | None, isolated: bool, overrides: dict[str, Any] | None = None
) -> ConfigResolver:
    """The configuration of a run; exit 2 on a bad file, or on ``--isolated`` with ``--config``
    (which contradict each other, as in ruff)."""
    if isolated and config is not None:
        _fail("--isolated ignores every configuration file: it cannot be combined with --config")
    try:
        return ConfigResolver(explicit=config, isolated=isolated, overrides=overrides)
    except ConfigError as exc:
        _fail(str(exc))


class _Main(click.Group):
    """The ``rift-lint`` group: a failed write to standard output (a full disk) is an error
    (exit 2) rather than a traceback; a closed pipe (``| head``) ends quietly, as in click."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        """Run the command line; exit 2 with the reason when standard output cannot be
        written."""
        try:
            return super().main(*args, **kwargs)
        except OSError as exc:
            if not _writing_stdout(exc):
                raise
            _fail(f"cannot write to standard output: {exc.strerror or exc}")


def _writing_stdout(error: OSError) -> bool:
    """Whether ``error`` was raised by ``click.echo`` writing to standard output."""
    return any(
        frame.f_code is click.utils.echo.__code__ and not frame.f_locals.get("err")
        for frame, _ in traceback.walk_tb(error.__traceback__)
    )


def _refuse_model_with_no_model(model: Path | None, no_model: bool) -> None:
    """Exit 2 on ``--model`` with ``--no-model``, which contradict each other."""
    if no_model and model is not None:
        _fail("--no-model applies no model file: it cannot be combined with --model")


@click.group(cls=_Main, context_settings={"help_option_names": ["-h", "--help"]})
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

model_options = [
    click.option(
        "--model",
        type=click.Path(dir_okay=False, path_type=Path),
        help="Model file (from `rift-lint train`) that decides which findings stand.",
    ),
    click.option("--no-model", is_flag=True, help="Use the rules' own decisions, no model."),
]

embedding_options = [
    click.option(
        "--no-embeddings", is_flag=True, help="Skip the rules that need sentence embeddings."
    ),
    click.option("--no-cache", is_flag=True, help="Lint and encode afresh: ignore the cache."),
]

run_options = [
    click.option(
        "-j",
        "--jobs",
        type=click.IntRange(min=1),
        default=1,
        help="Lint files in this many processes (output order stays the same).",
    ),
    click.option("-q", "--quiet", is_flag=True, help="No progress bar and no notes on stderr."),
]


class _FloatRange(click.FloatRange):
    """A ``click.FloatRange`` that also refuses NaN, which every comparison with a bound lets
    through."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        """The number given, or a usage error when it is out of range or not a number."""
        number = super().convert(value, param, ctx)
        if math.isnan(number):
            self.fail(f"{value!r} is not a number.", param, ctx)
        return number


def _apply(options: list[Any]) -> Any:
    def decorator(function: Any) -> Any:
        for option in reversed(options):
            function = option(function)
        return function

    return decorator


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(readable=False, path_type=Path))
@_apply(selector_options)
@_apply(config_options)
@click.option(
    "--format",
    "--output-format",
    "output_format",
    type=click.Choice(FORMAT_CHOICES),
    default=None,
    help="Output format (default: full; github under GitHub Actions without --statistics).",
)
@click.option("--fail-level", type=click.Choice(SEVERITIES), help="Lowest severity that fails.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@click.option("--statistics", is_flag=True, help="Print a count per rule instead of findings.")
@click.option(
    "--output-file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the output to this file instead of stdout.",
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
    type=click.Path(dir_okay=False, path_type=Path),
    help="Record every finding of this run in a baseline file instead of reporting them.",
)
@_apply(embedding_options)
@_apply(model_options)
@_apply(run_options)
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
    color: str,
    stdin_filename: str | None,
    force_exclude: bool,
    baseline: Path | None,
    write_baseline: Path | None,
    no_embeddings: bool,
    no_cache: bool,
    model: Path | None,
    no_model: bool,
    jobs: int,
    quiet: bool,
) -> None:
    """Lint rubric files (directories are searched; '-' reads stdin)."""
    from rift_lint.reporters import ReportOptions, render
    from rift_lint.runner import RunSettings

    _require_working_directory()
    if stdin_filename is not None and "-" not in map(str, paths):
        if paths:
            _fail("--stdin-filename names the rubric read from standard input: add '-' to paths")
        paths = (Path("-"),)
    _refuse_model_with_no_model(model, no_model)
    if baseline is not None and write_baseline is not None:
        _fail("--baseline and --write-baseline exclude each other: write the baseline afresh")
    _refuse_overwriting_input("--output-file", output_file, paths)
    _refuse_overwriting_input("--write-baseline", write_baseline, paths)
    accepted = _load_baseline(baseline) if baseline is not None else None
    overrides = _overrides(select, extend_select, ignore, fail_level)
    settings = RunSettings(
        config, isolated, overrides, not no_embeddings, not no_cache, model, no_model
    )
    own_files = _own_files(baseline, write_baseline, output_file)
    result, failing = _lint_paths(
        paths, settings, jobs, quiet, stdin_filename, force_exclude, accepted, own_files
    )
    if write_baseline is not None:
        _write_baseline(write_baseline, result)
        sys.exit(2 if result.unread else 0)
    fmt = output_format or _default_format(statistics)
    if fmt not in FORMAT_CHOICES:
        _fail(f"RIFT_LINT_OUTPUT_FORMAT={fmt!r} is not one of {', '.join(FORMAT_CHOICES)}")
    if statistics:
        _warn_statistics_ignored(fmt)
    stream = None if output_file is not None else sys.stdout
    painted = wants_color(color, stream, os.environ)
    text = render(fmt, result, ReportOptions(statistics=statistics, color=painted))
    if output_file is not None:
        _write_output(output_file, text, "the findings")
    elif text:
        click.echo(text, nl=not text.endswith("\n"), color=painted)
    if result.unread:
        sys.exit(2)
    sys.exit(1 if failing and not exit_zero else 0)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(readable=False, path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="Where to write the HTML report.",
)
@click.option("--labels", type=click.Path(path_type=Path), help="Labels file: adds P/R/F1.")
@click.option(
    "--group-by",
    type=click.Choice(["file", "source"]),
    default="file",
    help="Heatmap rows: source files, or the datasets' `source` field.",
)
@click.option("--title", default="rift-lint report", help="The page title.")
@_apply(selector_options)
@_apply(config_options)
@click.option("--force-exclude", is_flag=True, help="Apply 'exclude' to files named explicitly.")
@_apply(embedding_options)
@_apply(model_options)
@_apply(run_options)
def report(
    paths: tuple[Path, ...],
    output: Path,
    labels: Path | None,
    group_by: str,
    title: str,
    select: tuple[str, ...],
    extend_select: tuple[str, ...],
    ignore: tuple[str, ...],
    config: Path | None,
    isolated: bool,
    force_exclude: bool,
    no_embeddings: bool,
    no_cache: bool,
    model: Path | None,
    no_model: bool,
    jobs: int,
    quiet: bool,
) -> None:
    """Lint rubric files and write one self-contained HTML report with plots."""
    from rift_lint.embeddings.provider import EmbeddingProvider
    from rift_lint.evaluation.labels import LabelsError
    from rift_lint.evaluation.runner import evaluate
    from rift_lint.learning.choice import ModelChoice
    from rift_lint.report.aggregate import aggregate
    from rift_lint.report.html import render_page
    from rift_lint.runner import RunSettings

    _require_working_directory()
    _refuse_model_with_no_model(model, no_model)
    _refuse_overwriting_input("--output", output, (*paths, labels))
    overrides = _overrides(select, extend_select, ignore)
    settings = RunSettings(
        config, isolated, overrides, not no_embeddings, not no_cache, model, no_model
    )
    result, _ = _lint_paths(
        paths, settings, jobs, quiet, force_exclude=force_exclude, own_files=_own_files(output)
    )
    evaluation = None
    if labels is not None:
        embeddings = EmbeddingProvider(enabled=not no_embeddings, use_cache=not no_cache)
        try:
            evaluation = evaluate(
                labels,
                _resolver(config, isolated, overrides),
                [],
                ModelChoice(disabled=no_model, path=model),
                embeddings,
            )
        except (LabelsError, *_setup_errors()) as exc:
            _fail(str(exc))
        finally:
            embeddings.close()
        _print_evaluation_notes(evaluation, quiet)
    page = render_page(aggregate(result, group_by), title, evaluation)
    _write_output(output, page, "report")
    if not quiet:
        click.echo(
            f"wrote {output}: {result.rubric_count:,} rubrics, "
            f"{len(result.diagnostics):,} findings",
            err=True,
        )
    sys.exit(2 if result.unread else 0)


def _refuse_overwriting_input(
    option: str, output: Path | None, inputs: tuple[Path | None, ...]
) -> None:
    """Exit 2 when the file ``option`` would write is one the command reads: a file named on
    the command line or a labels file (writing it would replace the rubrics it holds); or when
    whether it exists cannot be told (:func:`_output_exists`)."""
    if output is None or not _output_exists(output):
        return
    for path in inputs:
        if path is not None and str(path) != "-" and os.path.isfile(path) and path.samefile(output):
            _fail(f"{option} {output} is also an input of this run: it would be overwritten")


def _output_exists(output: Path) -> bool:
    """Whether the file an option would write exists already; exit 2 with the reason, before
    any work, when that cannot be told (a link that loops, too long a name, a folder that
    cannot be searched): the file could not be written either."""
    try:
        output.stat()
    except (FileNotFoundError, NotADirectoryError):
        return False
    except OSError as exc:
        _fail(f"{output}: cannot write: {unreachable_reason(output, exc)}")
    return True


def _own_files(*paths: Path | None) -> frozenset[Path]:
    """The files a run reads or writes for itself (``--baseline``, ``--write-baseline``,
    ``--output-file``), resolved as discovery resolves the files it meets: never linted, even
    when named or found in a directory."""
    return frozenset(resolved(path) for path in paths if path is not None)


def _lint_paths(
    paths: tuple[Path, ...],
    settings: RunSettings,
    jobs: int,
    quiet: bool,
    stdin_filename: str | None = None,
    force_exclude: bool = False,
    accepted: Baseline | None = None,
    own_files: frozenset[Path] = frozenset(),
) -> tuple[RunResult, bool]:
    """Lint what the command line names, except ``own_files``; print errors and notes on
    stderr.

    Findings whose fingerprint the baseline ``accepted`` holds are dropped. Returns
    the result (its ``unread`` lists the paths missing or unreadable) and whether some
    finding left reaches the ``fail-level`` of its file's configuration.
    """
    from rift_lint.baseline import apply_baseline
    from rift_lint.discovery import discover
    from rift_lint.progress import Progress
    from rift_lint.runner import lint_files

    resolver = _resolver(settings.config, settings.isolated, settings.overrides)
    result = RunResult()
    progress = Progress(0, sys.stderr, enabled=not quiet)
    try:
        linter = settings.linter()
        existing = []
        for path in (path for path in paths if str(path) != "-"):
            problem = _unreachable(path)
            if problem is None:
                existing.append(path)
            else:
                _record_unread(result, Unreadable(path.as_posix(), problem))
        try:
            reads_stdin = "-" in map(str, paths)
            if reads_stdin and not (
                force_exclude
                and stdin_filename is not None
                and resolver.is_excluded(Path(stdin_filename))
            ):
                name = stdin_filename or "-"
                config_path = Path(stdin_filename) if stdin_filename else Path.cwd() / "-"
                _lint_stdin(linter, result, name, config_path)
            searched = existing or ([] if paths else [Path.cwd()])
            unread_folder = partial(_record_unread_folder, result)
            found = discover(searched, resolver, force_exclude, own_files, unread_folder)
            files = [(path, _display(path)) for path in found]
            if not files and not reads_stdin:
                _warn_if_only_folders(searched)
            linted, notes = lint_files(files, settings, jobs, progress, linter)
        finally:
            linter.close()
        result.files.extend(linted)
        outcome = (
            apply_baseline(result, accepted, settings.embeddings) if accepted is not None else None
        )
        failing = any(_fails(file, resolver) for file in result.files)
    except _setup_errors() as exc:
        progress.close()
        _fail(str(exc))
    progress.close()
    for unreadable in notes.unreadable:
        _record_unread(result, unreadable)
    if not quiet:
        _print_notes(notes)
        if outcome is not None:
            _print_baseline_notes(outcome)
    return result, failing


def _lint_stdin(linter: Linter, result: RunResult, name: str, config_path: Path) -> None:
    """Lint standard input as the file ``name``, or record it unreadable when it is closed
    or reading it fails."""
    if sys.stdin is None:
        _record_unread(result, Unreadable(name, "cannot read: standard input is closed"))
        return
    try:
        data = sys.stdin.buffer.read()
    except OSError as exc:
        _record_unread(result, Unreadable(name, f"cannot read: {exc.strerror or exc}"))
        return
    result.files.append(linter.lint_bytes(data, name, config_path))


def _warn_if_only_folders(searched: list[Path]) -> None:
    """Warn on stderr that the folders ``searched`` hold no rubric file to lint, unless a file
    was named (``--force-exclude`` may skip every file pre-commit passes: that is no slip)."""
    if searched and all(path.is_dir() for path in searched):
        folders = ", ".join(path.as_posix() for path in searched)
        click.echo(f"rift-lint: warning: no rubric file found under {folders}", err=True)


def _record_unread(result: RunResult, unreadable: Unreadable) -> None:
    """Add a path that could not be read to the run's result and name it on stderr."""
    result.unread.append(unreadable)
    click.echo(f"rift-lint: error: {unreadable}", err=True)


def _record_unread_folder(result: RunResult, error: OSError) -> None:
    """Record a folder to search that could not be listed (the error names it)."""
    folder = Path(error.filename)
    _record_unread(result, Unreadable.of(folder, _display(folder), error))


def _print_baseline_notes(outcome: BaselineOutcome) -> None:
    """How many findings the baseline hid, and how many of its entries are fixed."""
    if outcome.hidden:
        click.echo(
            f"rift-lint: {plural(outcome.hidden, 'finding')} of the baseline not shown", err=True
        )
    if outcome.stale:
        entries = plural(outcome.stale, "baseline entry", "baseline entries")
        verb = "matches" if outcome.stale == 1 else "match"
        click.echo(
            f"rift-lint: {entries} {verb} no finding any more (fixed): write the baseline "
            "again with --write-baseline to drop them",
            err=True,
        )


def _fails(file: FileResult, resolver: ConfigResolver) -> bool:
    """Whether a finding of ``file`` reaches the fail level of the file's configuration."""
    if not file.diagnostics:
        return False
    threshold = Severity(resolver.for_path(Path(file.path)).settings.fail_level)
    return any(d.severity.rank >= threshold.rank for d in file.diagnostics)


def _print_notes(notes: RunNotes) -> None:
    """The once-per-run notes: model not applied, rules skipped, rubrics without a prompt."""
    for name in sorted(notes.unused_models):
        _print_unused_model(name)
    if notes.skipped:
        click.echo(f"rift-lint: --no-embeddings: {_skipped_note(notes.skipped)}", err=True)
    for code, count in sorted(notes.promptless.items()):
        rubrics = "rubric" if count == 1 else "rubrics"
        click.echo(f"rift-lint: {code} skipped {count} {rubrics} without a prompt", err=True)


def _print_unused_model(name: str) -> None:
    """Say on stderr that the model ``name`` was left out for want of its embeddings."""
    click.echo(
        f"rift-lint: model {name} not applied: it needs the embeddings it was "
        "trained with (drop --no-embeddings or check embeddings.model)",
        err=True,
    )


def _skipped_note(codes: set[str]) -> str:
    """Which embedding rules ``--no-embeddings`` dropped, and which ran without embeddings."""
    rules = [RULES_BY_CODE[code] for code in sorted(codes)]
    dropped = ", ".join(f"{r.code} ({r.name})" for r in rules if not r.embeddings_optional)
    reduced = ", ".join(f"{r.code} ({r.name})" for r in rules if r.embeddings_optional)
    notes = [f"skipped {dropped}"] if dropped else []
    if reduced:
        notes.append(f"ran {reduced} without embedding checks")
    return "; ".join(notes)


def _display(path: Path) -> str:
    """The path as shown in output: relative to the working directory when inside it, and
    under its own name when it is a symbolic link (as the user gave it, not its target's)."""
    try:
        return lexical(path).relative_to(lexical(Path.cwd())).as_posix()
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
    click.echo(f"{rule_class.code} {rule_class.name}")
    click.echo(f"failure mode: {rule_class.failure_mode or '-'}; scope: {rule_class.scope.value};")
    click.echo(f"default severity: {rule_class.default_severity.value}\n")
    click.echo(rule_class.documentation())
    fields = rule_class.Options.model_fields
    if fields:
        click.echo("\nOptions:")
        for name, info in fields.items():
            value = _toml_value(info.default)
            click.echo(f"    {name.replace('_', '-')} = {value}{_bounds(info.metadata)}")


@main.command()
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="One entry per mode for people, or JSON for scripts.",
)
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
    """Manage the embedding and result caches (.rift_lint_cache/ by default)."""


@cache.command(name="clear")
@_apply(config_options)
def cache_clear(config: Path | None, isolated: bool) -> None:
    """Delete the cache directory of the configuration that applies here."""
    from rift_lint.embeddings.cache import DATABASE as EMBEDDINGS
    from rift_lint.result_cache import DATABASE as RESULTS
    from rift_lint.sqlite_store import CacheClearError, clear

    _require_working_directory()
    try:
        directory = _resolver(config, isolated).for_path(Path.cwd()).cache_dir
        removed = clear(directory, (EMBEDDINGS, RESULTS))
    except (ConfigError, CacheClearError) as exc:
        _fail(str(exc))
    click.echo(f"{'removed' if removed else 'no cache at'} {directory}")


@main.command(name="eval")
@click.argument("labels", type=click.Path(path_type=Path))
@click.option(
    "--select", multiple=True, help="Modes to score: ids or names, rule codes, prefixes or ALL."
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
    help="A per-mode table for people, or JSON for scripts.",
)
@click.option(
    "--min-f1",
    type=_FloatRange(0, 1),
    help="Exit 1 when macro F1 is below this value (0 to 1).",
)
@click.option(
    "--bootstrap",
    "resamples",
    type=click.IntRange(0, MAX_RESAMPLES),
    default=0,
    show_default=True,
    metavar="N",
    help="Add 95% confidence intervals of each F1 from N resamples of the rubrics (at most "
    f"{MAX_RESAMPLES:,}).",
)
@_apply(config_options)
@_apply(embedding_options[:1])
@_apply(model_options)
def evaluate_command(
    labels: Path,
    select: tuple[str, ...],
    output_format: str,
    min_f1: float | None,
    resamples: int,
    config: Path | None,
    isolated: bool,
    no_embeddings: bool,
    model: Path | None,
    no_model: bool,
) -> None:
    """Score rift-lint against a labelled JSONL file (precision, recall, F1, kappa per mode)."""
    from rift_lint.embeddings.provider import EmbeddingProvider
    from rift_lint.evaluation.labels import LabelsError
    from rift_lint.evaluation.runner import evaluate
    from rift_lint.evaluation.table import format_table
    from rift_lint.learning.choice import ModelChoice

    _require_working_directory()
    _refuse_model_with_no_model(model, no_model)
    resolver = _resolver(config, isolated)
    embeddings = EmbeddingProvider(enabled=not no_embeddings)
    try:
        evaluation = evaluate(
            labels,
            resolver,
            _selection("--select", select, "mode ids or names, rule codes or prefixes") or [],
            ModelChoice(disabled=no_model, path=model),
            embeddings,
            resamples,
        )
    except (LabelsError, *_setup_errors()) as exc:
        _fail(str(exc))
    finally:
        embeddings.close()
    _print_evaluation_notes(evaluation)
    if output_format == "json":
        click.echo(json.dumps(evaluation.as_dict(), indent=2))
    else:
        click.echo(format_table(evaluation))
    macro = evaluation.macro_f1
    if min_f1 is not None and macro is None:
        click.echo(
            f"macro F1 is undefined (no scored mode has a labelled positive): --min-f1 {min_f1} "
            "is not met",
            err=True,
        )
        sys.exit(1)
    if min_f1 is not None and macro is not None and macro < min_f1:
        click.echo(f"macro F1 {macro:.3f} is below --min-f1 {min_f1}", err=True)
        sys.exit(1)


def _print_evaluation_notes(evaluation: Evaluation | None, quiet: bool = False) -> None:
    """Say on stderr that the model was not applied, or that it was trained on the very
    labels scored (the figures are then in-sample)."""
    if evaluation is None or quiet:
        return
    if evaluation.unused_model is not None:
        _print_unused_model(evaluation.unused_model)
    model = evaluation.settings.model
    if model is not None and model.in_sample:
        click.echo(
            f"rift-lint: note: model {model.path} was trained on {evaluation.labels_file} "
            "(same sha256): these figures are in-sample, not a measure of how the model does "
            "on rubrics it has not seen",
            err=True,
        )


@main.command()
@click.argument("labels", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="Where to write the model file (JSON).",
)
@click.option("--folds", type=click.IntRange(2, 20), default=5, help="Cross-validation folds.")
@click.option(
    "--c",
    "c",
    type=_FloatRange(min=0, min_open=True),
    default=1.0,
    help="Inverse regularisation strength of the logistic models.",
)
@click.option(
    "--components",
    type=click.IntRange(0, 256),
    default=0,
    help="Reduced embedding dimensions added to criterion features (0: none).",
)
@click.option("--no-embeddings", is_flag=True, help="Train on rule signals only.")
@_apply(config_options)
def train(
    labels: Path,
    output: Path,
    folds: int,
    c: float,
    components: int,
    no_embeddings: bool,
    config: Path | None,
    isolated: bool,
) -> None:
    """Fit one model per failure mode on a labelled JSONL file and write a model file."""
    from rift_lint.embeddings.provider import EmbeddingProvider
    from rift_lint.evaluation.labels import LabelsError
    from rift_lint.learning.train import train as fit_models
    from rift_lint.learning.train_report import format_report

    _require_working_directory()
    _refuse_overwriting_input("--output", output, (labels,))
    _check_writable(output, "the model file")
    resolver = _resolver(config, isolated)
    embeddings = EmbeddingProvider(enabled=not no_embeddings)
    try:
        result = fit_models(labels, resolver, embeddings, folds, c, components)
    except (LabelsError, *_setup_errors()) as exc:
        _fail(str(exc))
    finally:
        embeddings.close()
    if result.folds < result.folds_requested:
        click.echo(
            f"rift-lint: --folds {result.folds_requested} lowered to {result.folds}: the labels "
            f"file holds {plural(result.folds, 'rubric')}",
            err=True,
        )
    click.echo(format_report(result))
    _save_model(result, output)


def _save_model(result: TrainResult, output: Path) -> None:
    """Write the model file and say so with its sha256; exit 2 without writing it when no
    mode entered the model (an empty model changes nothing: the rules decide alone)."""
    from rift_lint.evaluation.settings import file_sha256
    from rift_lint.learning.modelfile import save_model

    if not result.model.modes:
        why = (
            "for every fitted mode the rule's own decisions scored at least as well as the "
            "model (threshold column: rules)"
            if result.fitted
            else "no mode could be fitted (the table says why)"
        )
        _fail(f"{output} not written: the model would hold no mode: {why}")
    try:
        save_model(result.model, output)
    except OSError as exc:
        _fail(f"{output}: cannot write model file: {exc.strerror}")
    modes = plural(len(result.model.modes), "mode")
    click.echo(f"wrote {output} ({modes}; sha256 {file_sha256(output)})")


def _check_writable(path: Path, what: str) -> None:
    """Exit 2 before any work when ``path`` cannot be written: a read-only file, or a missing
    or read-only parent directory (``click.Path(dir_okay=False)`` already refuses a
    directory)."""
    parent = path.parent
    if path.exists():
        if os.access(path, os.W_OK):
            return
        problem = "the file is read-only"
    elif not parent.is_dir():
        problem = f"the directory {parent} does not exist"
    elif not os.access(parent, os.W_OK | os.X_OK):
        problem = f"the directory {parent} is not writable"
    else:
        return
    _fail(f"{path}: cannot write {what}: {problem}")
