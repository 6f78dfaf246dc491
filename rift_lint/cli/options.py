"""Options that several commands take, and how to apply a list of them."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import click

from rift_lint.cli.common import input_path


def _input_paths(
    _ctx: click.Context, _param: click.Parameter, typed: tuple[str, ...]
) -> tuple[Path, ...]:
    """The ``paths`` argument's paths (:func:`~rift_lint.cli.common.input_path`)."""
    return tuple(input_path(text) for text in typed)


paths_argument = click.argument(
    "paths", nargs=-1, type=click.Path(readable=False), callback=_input_paths
)
"""The files and folders a command lints, ``-`` for standard input."""

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


def format_option(choices: list[str], help_text: str) -> Any:
    """A ``--format`` option among ``choices``, the first being the default."""
    return click.option(
        "--format",
        "output_format",
        type=click.Choice(choices),
        default=choices[0],
        show_default=True,
        help=help_text,
    )


class FloatRange(click.FloatRange):
    """A ``click.FloatRange`` that also refuses NaN, which every comparison with a bound lets
    through."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        """The number given, or a usage error when it is out of range or not a number."""
        number = super().convert(value, param, ctx)
        if math.isnan(number):
            self.fail(f"{value!r} is not a number.", param, ctx)
        return number


def apply_options(options: list[Any]) -> Any:
    """A decorator that applies ``options`` to a command, in the order listed (the first is
    the first in ``--help``)."""

    def decorator(function: Any) -> Any:
        for option in reversed(options):
            function = option(function)
        return function

    return decorator
