"""``rift-lint train``: fit one model per failure mode on a labelled JSONL file."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import click

from rift_lint.cli.common import (
    config_resolver,
    fail,
    read_back_output,
    refuse_overwriting_input,
    require_working_directory,
    setup_errors,
)
from rift_lint.cli.options import FloatRange, apply_options, config_options
from rift_lint.reporters.concise import plural

if TYPE_CHECKING:
    from rift_lint.learning.train import TrainResult


@click.command()
@click.argument("labels", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    required=True,
    help="Where to write the model file (JSON).",
)
@click.option(
    "--folds",
    type=click.IntRange(2, 20),
    default=5,
    show_default=True,
    help="Cross-validation folds.",
)
@click.option(
    "--c",
    "c",
    type=FloatRange(min=0, min_open=True),
    default=1.0,
    show_default=True,
    help="Inverse regularisation strength of the logistic models.",
)
@click.option(
    "--components",
    type=click.IntRange(0, 256),
    default=0,
    show_default=True,
    help=(
        "Reduced embedding dimensions added to criterion features (0: none; not with "
        "--no-embeddings)."
    ),
)
@click.option("--no-embeddings", is_flag=True, help="Train on rule signals only.")
@apply_options(config_options)
def train(
    labels: Path,
    output: str,
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

    require_working_directory()
    if components and no_embeddings:
        fail(
            f"--components {components} reduces the criterion embeddings, which "
            "--no-embeddings does not compute: drop one of them"
        )
    model_file = read_back_output("--output", output, "the model file", "--model")
    refuse_overwriting_input("--output", model_file, (labels,))
    _check_writable(model_file, "the model file")
    resolver = config_resolver(config, isolated)
    embeddings = EmbeddingProvider(enabled=not no_embeddings)
    try:
        result = fit_models(labels, resolver, embeddings, folds, c, components)
    except (LabelsError, *setup_errors()) as exc:
        fail(str(exc))
    finally:
        embeddings.close()
    if result.folds < result.folds_requested:
        click.echo(_folds_note(result), err=True)
    click.echo(format_report(result))
    _save_model(result, model_file)


def _folds_note(result: TrainResult) -> str:
    """What became of ``--folds`` when the labels file holds fewer rubrics: lowered to their
    number, or, below what cross-validation needs, not used at all (no mode is fitted)."""
    from rift_lint.learning.train import CV_MIN_RUBRICS

    asked = f"rift-lint: --folds {result.folds_requested}"
    holds = f"the labels file holds {plural(result.folds, 'rubric')}"
    if result.folds < CV_MIN_RUBRICS:
        return (
            f"{asked} not used: {holds}, and cross-validation needs {CV_MIN_RUBRICS}, "
            "so no mode is fitted"
        )
    return f"{asked} lowered to {result.folds}: {holds}"


def _save_model(result: TrainResult, output: Path) -> None:
    """Write the model file and say so with its sha256; exit 2 without writing it when no
    mode entered the model (an empty model changes nothing: the rules decide alone)."""
    from rift_lint.learning.modelfile import save_model

    if not result.model.modes:
        why = (
            "for every fitted mode the rule's own decisions scored at least as well as the "
            "model (threshold column: rules)"
            if result.fitted
            else "no mode could be fitted (the table says why)"
        )
        fail(f"{output} not written: the model would hold no mode: {why}")
    try:
        digest = save_model(result.model, output)
    except OSError as exc:
        fail(f"{output}: cannot write model file: {exc.strerror}")
    modes = plural(len(result.model.modes), "mode")
    click.echo(f"wrote {output} ({modes}; sha256 {digest})")


def _check_writable(path: Path, what: str) -> None:
    """Exit 2 before any work when ``path`` cannot be written: a directory (``-o ''`` names
    the current one, which ``click.Path(dir_okay=False)`` lets through), a read-only file, or
    a missing or read-only parent directory."""
    parent = path.parent
    if path.is_dir():
        problem = "it is a directory"
    elif path.exists():
        if os.access(path, os.W_OK):
            return
        problem = "the file is read-only"
    elif not parent.is_dir():
        problem = f"the directory {parent} does not exist"
    elif not os.access(parent, os.W_OK | os.X_OK):
        problem = f"the directory {parent} is not writable"
    else:
        return
    fail(f"{path}: cannot write {what}: {problem}")
