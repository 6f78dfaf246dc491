"""Output reporters: one module per ``--output-format``, each rendering a whole run to text.

Every format module exposes ``render(result, options) -> str``. Human formats (``full``,
``concise``) end with a summary line; machine formats (``json``, ``sarif``, ``github``) never
mix a header or footer into their output. ``--statistics`` replaces the per-finding listing of
the human formats with a count per rule; machine formats ignore it (``json`` already carries
the counts in its summary).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rift_lint import __version__
from rift_lint.reporters import concise, full, github, json_format, sarif, statistics
from rift_lint.results import RunResult

__all__ = ["FORMATS", "HUMAN_FORMATS", "ReportOptions", "render"]


@dataclass(frozen=True)
class ReportOptions:
    """How to render a run.

    ``show_suggestions`` adds the ``= help:`` lines of the full format; ``statistics`` swaps
    the listing of a human format for the per-rule table; ``color`` adds ANSI styles to the
    human formats; ``tool_version`` is written into machine formats.
    """

    show_suggestions: bool = True
    statistics: bool = False
    color: bool = False
    tool_version: str = __version__


Renderer = Callable[[RunResult, ReportOptions], str]

FORMATS: dict[str, Renderer] = {
    "full": full.render,
    "concise": concise.render,
    "json": json_format.render,
    "github": github.render,
    "sarif": sarif.render,
}

HUMAN_FORMATS = frozenset({"full", "concise"})


def render(fmt: str, result: RunResult, options: ReportOptions | None = None) -> str:
    """Render ``result`` in output format ``fmt`` (a key of :data:`FORMATS`).

    Raises :class:`ValueError` for an unknown format name.
    """
    if fmt not in FORMATS:
        known = ", ".join(FORMATS)
        raise ValueError(f"unknown output format {fmt!r} (expected one of: {known})")
    options = options if options is not None else ReportOptions()
    if options.statistics and fmt in HUMAN_FORMATS:
        return statistics.render(result, options)
    return FORMATS[fmt](result, options)
