"""Linting what a command line names (files, folders, standard input), for ``check`` and
``report``: discovery, the paths that cannot be read, the baseline, and the notes on stderr."""

from __future__ import annotations

import stat
import sys
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import click

from rift_lint.cli.common import config_resolver, fail, print_unused_model, setup_errors
from rift_lint.config import ConfigResolver, lexical, resolved
from rift_lint.models import Severity
from rift_lint.regular_file import NOT_REGULAR
from rift_lint.reporters.concise import plural
from rift_lint.results import FileResult, RunResult, Unreadable, unreachable_reason
from rift_lint.rules import RULES_BY_CODE

if TYPE_CHECKING:
    from rift_lint.baseline import Baseline, BaselineOutcome
    from rift_lint.engine import Linter
    from rift_lint.runner import RunNotes, RunSettings


def resolved_own_files(*paths: Path | None) -> frozenset[Path]:
    """The files a run reads or writes for itself (``--baseline``, ``--write-baseline``,
    ``--output-file``), resolved as discovery resolves the files it meets: never linted, even
    when named or found in a directory."""
    return frozenset(resolved(path) for path in paths if path is not None)


def lint_paths(
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

    resolver = config_resolver(settings.config, settings.isolated, settings.overrides)
    result = RunResult()
    progress = Progress(0, sys.stderr, enabled=not quiet)
    try:
        linter = settings.linter(resolver)
        searched = _searched(paths, result)
        try:
            reads_stdin = "-" in map(str, paths)
            if reads_stdin and not _stdin_excluded(resolver, stdin_filename, force_exclude):
                name = stdin_filename or "-"
                config_path = Path(stdin_filename) if stdin_filename else Path.cwd() / "-"
                _lint_stdin(linter, result, name, config_path)
            unread_folder = partial(_record_unread_folder, result)
            found = discover(searched, resolver, force_exclude, own_files, unread_folder)
            files = [(path, display(path)) for path in found]
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
    except setup_errors() as exc:
        progress.close()
        fail(str(exc))
    progress.close()
    for unreadable in notes.unreadable:
        _record_unread(result, unreadable)
    if not quiet:
        _print_notes(notes)
        if outcome is not None:
            _print_baseline_notes(outcome)
    return result, failing


def list_files(
    paths: tuple[Path, ...],
    settings: RunSettings,
    stdin_filename: str | None,
    force_exclude: bool,
    own_files: frozenset[Path],
) -> bool:
    """Print the files a run over ``paths`` would lint, one per line, as output names them
    (standard input by its ``--stdin-filename``, else ``-``); ``False`` when a path cannot be
    read (said on stderr)."""
    from rift_lint.discovery import discover

    resolver = config_resolver(settings.config, settings.isolated, settings.overrides)
    result = RunResult()
    searched = _searched(paths, result)
    if "-" in map(str, paths) and not _stdin_excluded(resolver, stdin_filename, force_exclude):
        click.echo(stdin_filename or "-")
    try:
        found = discover(
            searched, resolver, force_exclude, own_files, partial(_record_unread_folder, result)
        )
        for path in found:
            click.echo(display(path))
    except setup_errors() as exc:
        fail(str(exc))
    return not result.unread


def _stdin_excluded(
    resolver: ConfigResolver, stdin_filename: str | None, force_exclude: bool
) -> bool:
    """Whether ``--force-exclude`` skips standard input, by its ``--stdin-filename``."""
    return (
        force_exclude and stdin_filename is not None and resolver.is_excluded(Path(stdin_filename))
    )


def _searched(paths: tuple[Path, ...], result: RunResult) -> list[Path]:
    """The files and folders to search: those of ``paths`` that can be read (the others are
    recorded in ``result`` and named on stderr), or the working directory when no path is
    given."""
    readable = []
    for path in (path for path in paths if str(path) != "-"):
        problem = _unreachable(path)
        if problem is None:
            readable.append(path)
        else:
            _record_unread(result, Unreadable(path.as_posix(), problem))
    return readable or ([] if paths else [Path.cwd()])


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
    _record_unread(result, Unreadable.of(folder, display(folder), error))


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
    """The once-per-run notes: model not applied, rules skipped, rubrics without a prompt,
    cache directories that could not be used."""
    for name in sorted(notes.unused_models):
        print_unused_model(name)
    if notes.skipped:
        click.echo(f"rift-lint: --no-embeddings: {skipped_note(notes.skipped)}", err=True)
    for code, count in sorted(notes.promptless.items()):
        rubrics = plural(count, "rubric")
        click.echo(f"rift-lint: {code} skipped {rubrics} without a prompt", err=True)
    for directory, reason in sorted(notes.unusable_caches.items()):
        click.echo(
            f"rift-lint: the cache in {display(Path(directory))} cannot be used ({reason}): "
            "every file is linted afresh (set cache-dir, or --no-cache to say so)",
            err=True,
        )


def skipped_note(codes: set[str]) -> str:
    """Which embedding rules ``--no-embeddings`` dropped, and which ran without embeddings."""
    rules = [RULES_BY_CODE[code] for code in sorted(codes)]
    dropped = ", ".join(f"{r.code} ({r.name})" for r in rules if not r.embeddings_optional)
    reduced = ", ".join(f"{r.code} ({r.name})" for r in rules if r.embeddings_optional)
    notes = [f"skipped {dropped}"] if dropped else []
    if reduced:
        notes.append(f"ran {reduced} without embedding checks")
    return "; ".join(notes)


def display(path: Path) -> str:
    """The path as shown in output: relative to the working directory when inside it, and
    under its own name when it is a symbolic link (as the user gave it, not its target's); a
    file called ``-`` there as ``./-``, which standard input's ``-`` does not name."""
    try:
        shown = lexical(path).relative_to(lexical(Path.cwd())).as_posix()
    except ValueError:
        return path.as_posix()
    return "./-" if shown == "-" else shown
