"""What the commands share: usage errors (exit 2), the run's configuration, command-line
rule selections, output files and the checks made before any work."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any, NoReturn

import click

from rift_lint.config import ConfigError, ConfigResolver
from rift_lint.results import unreachable_reason


def fail(message: str) -> NoReturn:
    """Print ``message`` as an error on stderr and exit 2 (a usage or set-up error)."""
    click.echo(f"rift-lint: error: {message}", err=True)
    sys.exit(2)


def require_working_directory() -> None:
    """Exit 2 when the working directory was deleted: the commands that read or write files
    find configuration and show paths from it."""
    try:
        Path.cwd()
    except FileNotFoundError:
        fail("the current directory no longer exists")


def setup_errors() -> tuple[type[Exception], ...]:
    """Errors in what a run is set up with (configuration, model file, spaCy pipeline,
    embedding model, an output file that is a rubric it lints) rather than in the rubrics:
    each stops the run with exit code 2."""
    from rift_lint.discovery import OwnFileIsRubric
    from rift_lint.embeddings.embedder import EmbeddingError
    from rift_lint.learning.modelfile import ModelError
    from rift_lint.nlp.pipeline import PipelineError
    from rift_lint.runner import WorkerDied

    return (ConfigError, ModelError, PipelineError, EmbeddingError, OwnFileIsRubric, WorkerDied)


def named_output(written: str | None) -> Path | None:
    """The file an output option names, as typed; ``None`` when not given, and for ``-``,
    which means standard output (click's convention, as for the ``-`` that reads standard
    input). The text as typed tells them apart: ``./-`` names a file called ``-``, which a
    :class:`~pathlib.Path` would spell ``-`` too."""
    return None if written is None or written == "-" else Path(written)


def input_path(typed: str) -> Path:
    """A path named on the command line to read, as typed: ``-`` is standard input; another
    name of a file called ``-`` in the working directory (``./-``), which a
    :class:`~pathlib.Path` would spell ``-`` too, is made absolute so that it is not read as
    standard input (as :func:`named_output` has ``./-`` name a file)."""
    path = Path(typed)
    return path if typed == "-" or str(path) != "-" else Path.cwd() / path


def read_back_output(option: str, written: str, what: str, reader: str) -> Path:
    """The file ``option`` names, as typed, for ``what``, a file rift-lint reads back (with the
    ``reader`` option) rather than a report; exit 2 on ``-``: unlike ``--output-file -`` it
    is not standard output, and no file named ``-`` is written by mistake (``./-`` names
    one)."""
    if written == "-":
        fail(
            f"{option} -: {what} is read back by {reader}, so it is written to a file, not "
            "standard output: name the file (./- for one named '-')"
        )
    return Path(written)


def write_output(path: Path | None, text: str, what: str, color: bool = False) -> None:
    """Write ``text`` to ``path`` all at once, creating missing parent directories; exit 2
    when it fails (the previous file, if any, is then left whole). Without a path, print it on
    standard output (painted when ``color``), ending with one line break, unless it is empty."""
    from rift_lint.atomic import write_text_atomically

    if path is None:
        if text:
            click.echo(text, nl=not text.endswith("\n"), color=color)
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_text_atomically(path, text)
    except OSError as exc:
        fail(f"{path}: cannot write {what}: {exc.strerror or exc}")


def config_resolver(
    config: Path | None, isolated: bool, overrides: dict[str, Any] | None = None
) -> ConfigResolver:
    """The configuration of a run; exit 2 on a bad file, or on ``--isolated`` with ``--config``
    (which contradict each other, as in ruff)."""
    if isolated and config is not None:
        fail("--isolated ignores every configuration file: it cannot be combined with --config")
    try:
        return ConfigResolver(explicit=config, isolated=isolated, overrides=overrides)
    except ConfigError as exc:
        fail(str(exc))


def refuse_model_with_no_model(model: Path | None, no_model: bool) -> None:
    """Exit 2 on ``--model`` with ``--no-model``, which contradict each other."""
    if no_model and model is not None:
        fail("--no-model applies no model file: it cannot be combined with --model")


def refuse_overwriting_input(
    option: str, output: Path | None, inputs: tuple[Path | None, ...]
) -> None:
    """Exit 2 when the file ``option`` would write is one the command reads: a file named on
    the command line or a labels file (writing it would replace the rubrics it holds); or when
    whether it exists cannot be told (:func:`_output_exists`)."""
    if output is None or not _output_exists(output):
        return
    for path in inputs:
        if path is not None and str(path) != "-" and os.path.isfile(path) and path.samefile(output):
            fail(f"{option} {output} is also an input of this run: it would be overwritten")


def _output_exists(output: Path) -> bool:
    """Whether the file an option would write exists already; exit 2 with the reason, before
    any work, when that cannot be told (a link that loops, too long a name, a folder that
    cannot be searched): the file could not be written either."""
    try:
        output.stat()
    except (FileNotFoundError, NotADirectoryError):
        return False
    except OSError as exc:
        fail(f"{output}: cannot write: {unreachable_reason(output, exc)}")
    return True


def _split(values: tuple[str, ...]) -> list[str] | None:
    """Comma- or repeat-separated selector options; ``None`` when not given."""
    items = [part.strip() for value in values for part in value.split(",") if part.strip()]
    return items or None


def selection_items(option: str, values: tuple[str, ...], what: str) -> list[str] | None:
    """A selector option's items (``None`` when not given); exit 2 naming the option when it
    is given with nothing in it (``--select ''``, ``--select ,``): ``what`` says what to give."""
    items = _split(values)
    if values and items is None:
        fail(f"{option} (command line): empty selection: give {what}")
    return items


def _rule_selectors(option: str, values: tuple[str, ...]) -> list[str] | None:
    """A rule selector option's codes, prefixes or names, normalised; ``None`` when not given.

    An unknown selector, or an option given with nothing in it (``--select ,``), is a usage
    error (exit 2) naming the option.
    """
    from rift_lint.selection import SelectorError, normalise_selector

    items = selection_items(option, values, "rule codes, prefixes or names")
    try:
        return [normalise_selector(item) for item in items] if items else None
    except SelectorError as exc:
        fail(f"{option} (command line): {exc}")


def command_line_overrides(
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


def print_unused_model(name: str) -> None:
    """Say on stderr that the model ``name`` was left out for want of its embeddings."""
    click.echo(
        f"rift-lint: model {name} not applied: it needs the embeddings it was "
        "trained with (drop --no-embeddings or check embeddings.model)",
        err=True,
    )
