"""``rift-lint report``: lint rubric files and write one self-contained HTML report."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from rift_lint.cli.common import (
    command_line_overrides,
    config_resolver,
    fail,
    named_output,
    refuse_model_with_no_model,
    refuse_overwriting_input,
    require_working_directory,
    setup_errors,
    write_output,
)
from rift_lint.cli.evaluate import print_evaluation_notes
from rift_lint.cli.linting import lint_paths, resolved_own_files
from rift_lint.cli.options import (
    apply_options,
    config_options,
    embedding_options,
    model_options,
    paths_argument,
    run_options,
    selector_options,
)
from rift_lint.reporters.concise import plural


@click.command()
@paths_argument
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, allow_dash=True),
    required=True,
    help="Where to write the HTML report ('-': stdout).",
)
@click.option("--labels", type=click.Path(path_type=Path), help="Labels file: adds P/R/F1.")
@click.option(
    "--group-by",
    type=click.Choice(["file", "source"]),
    default="file",
    help="Heatmap rows: source files, or the datasets' `source` field.",
)
@click.option("--title", default="rift-lint report", help="The page title.")
@apply_options(selector_options)
@apply_options(config_options)
@click.option("--force-exclude", is_flag=True, help="Apply 'exclude' to files named explicitly.")
@apply_options(embedding_options)
@apply_options(model_options)
@apply_options(run_options)
def report(
    paths: tuple[Path, ...],
    output: str,
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

    require_working_directory()
    refuse_model_with_no_model(model, no_model)
    destination = named_output(output)
    refuse_overwriting_input("--output", destination, (*paths, labels))
    overrides = command_line_overrides(select, extend_select, ignore)
    settings = RunSettings(
        config, isolated, overrides, not no_embeddings, not no_cache, model, no_model
    )
    evaluation = None
    if labels is not None:
        embeddings = EmbeddingProvider(enabled=not no_embeddings, use_cache=not no_cache)
        try:
            evaluation = evaluate(
                labels,
                config_resolver(config, isolated, overrides),
                [],
                ModelChoice(disabled=no_model, path=model),
                embeddings,
            )
        except (LabelsError, *setup_errors()) as exc:
            fail(str(exc))
        finally:
            embeddings.close()
        print_evaluation_notes(evaluation, quiet)
    result, _ = lint_paths(
        paths,
        settings,
        jobs,
        quiet,
        force_exclude=force_exclude,
        own_files=resolved_own_files(destination),
    )
    page = render_page(aggregate(result, group_by), title, evaluation)
    write_output(destination, page, "report")
    if not quiet:
        where = destination or "the report to standard output"
        rubrics = plural(result.rubric_count, "rubric")
        click.echo(
            f"wrote {where}: {rubrics}, {plural(len(result.diagnostics), 'finding')}", err=True
        )
    sys.exit(2 if result.unread else 0)
