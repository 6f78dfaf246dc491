"""``rift-lint eval``: score rift-lint against a labelled JSONL file."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from rift_lint.cli.common import (
    config_resolver,
    fail,
    print_unused_model,
    refuse_model_with_no_model,
    require_working_directory,
    selection_items,
    setup_errors,
)
from rift_lint.cli.options import (
    FloatRange,
    apply_options,
    config_options,
    embedding_options,
    format_option,
    model_options,
)

if TYPE_CHECKING:
    from rift_lint.evaluation.runner import Evaluation

MAX_RESAMPLES = 100_000  # --bootstrap: beyond, memory grows without changing the intervals


@click.command(name="eval")
@click.argument("labels", type=click.Path(path_type=Path))
@click.option(
    "--select", multiple=True, help="Modes to score: ids or names, rule codes, prefixes or ALL."
)
@format_option(["table", "json"], "A per-mode table for people, or JSON for scripts.")
@click.option(
    "--min-f1",
    type=FloatRange(0, 1),
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
@apply_options(config_options)
@apply_options(embedding_options[:1])
@apply_options(model_options)
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

    require_working_directory()
    refuse_model_with_no_model(model, no_model)
    resolver = config_resolver(config, isolated)
    embeddings = EmbeddingProvider(enabled=not no_embeddings)
    try:
        evaluation = evaluate(
            labels,
            resolver,
            selection_items("--select", select, "mode ids or names, rule codes or prefixes") or [],
            ModelChoice(disabled=no_model, path=model),
            embeddings,
            resamples,
        )
    except (LabelsError, *setup_errors()) as exc:
        fail(str(exc))
    finally:
        embeddings.close()
    print_evaluation_notes(evaluation)
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


def print_evaluation_notes(evaluation: Evaluation | None, quiet: bool = False) -> None:
    """Say on stderr that the model was not applied, or that it was trained on the very
    labels scored (the figures are then in-sample)."""
    if evaluation is None or quiet:
        return
    if evaluation.unused_model is not None:
        print_unused_model(evaluation.unused_model)
    model = evaluation.settings.model
    if model is not None and model.in_sample:
        click.echo(
            f"rift-lint: note: model {model.path} was trained on {evaluation.labels_file} "
            "(same sha256): these figures are in-sample, not a measure of how the model does "
            "on rubrics it has not seen",
            err=True,
        )
