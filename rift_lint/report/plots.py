"""The report's plots, drawn with matplotlib (Agg) and returned as inline SVG markup.

Text stays text in the SVG (``svg.fonttype = none``) so the page is searchable and crisp when
printed; no font file is embedded and nothing is fetched. Text is never read as mathematics
(``text.parse_math = False``): group names come from the data, and a '$' in them is a dollar.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from rift_lint.report.percent import percent

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from rift_lint.evaluation.metrics import ModeScore

MAX_LABEL = 38
NOT_RUN = "not run"
NOT_RUN_COLOUR = "#e5e7eb"
_METADATA = re.compile(r"<metadata>.*?</metadata>\s*", re.S)  # RDF block: namespaces, no data


def _pyplot() -> Any:
    import matplotlib

    matplotlib.use("Agg")
    matplotlib.rcParams.update(
        {
            "svg.fonttype": "none",
            "svg.hashsalt": "rift-lint",
            "font.size": 9,
            "text.parse_math": False,
        }
    )
    import matplotlib.pyplot as plt

    return plt


def _svg(figure: Figure) -> str:
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    _pyplot().close(figure)
    text = buffer.getvalue()
    return _METADATA.sub("", text[text.index("<svg") :])


def _short(label: str, limit: int = MAX_LABEL) -> str:
    return label if len(label) <= limit else "…" + label[-(limit - 1) :]


def row_labels(groups: Sequence[str]) -> list[str]:
    """The groups' names cut from the left to ``MAX_LABEL`` characters, or where two names
    would then read the same (files that differ only early in a long name), to the start of
    the first word in which they differ."""
    labels = []
    for group in groups:
        others = [other for other in groups if other != group]
        limit = MAX_LABEL
        if _short(group, limit) in {_short(other, limit) for other in others}:
            while limit < len(group) and (
                group[-limit].isalnum()
                or _short(group, limit) in {_short(o, limit) for o in others}
            ):
                limit += 1
        labels.append(_short(group, limit))
    return labels


def heatmap(
    groups: Sequence[str],
    sizes: Sequence[int],
    modes: Sequence[str],
    values: list[list[float | None]],
) -> str:
    """Prevalence of each mode (columns) per group (rows), as in the RIFT paper's Table 2; a
    ``None`` value (no rule of the mode ran for the group) is a grey "not run" cell. Each
    row's number of rubrics (``sizes``) stands at its right, so a 100% of one rubric is not
    read as one of thousands."""
    import numpy as np

    plt = _pyplot()
    height = 1.2 + 0.32 * max(len(groups), 1)
    figure, axes = plt.subplots(figsize=(1.0 + 0.75 * len(modes) + 2.4, height))
    cells = np.ma.masked_invalid(np.array(values, dtype=float))
    colours = plt.get_cmap("Reds").with_extremes(bad=NOT_RUN_COLOUR)
    axes.pcolormesh(cells, cmap=colours, vmin=0.0, vmax=1.0, edgecolors="white")
    axes.invert_yaxis()
    axes.set_xticks([i + 0.5 for i in range(len(modes))], [m.replace("_", " ") for m in modes])
    axes.set_yticks([i + 0.5 for i in range(len(groups))], row_labels(groups))
    axes.tick_params(axis="x", labelrotation=35)
    counts = axes.twinx()
    counts.set_ylim(axes.get_ylim())
    counts.set_yticks([i + 0.5 for i in range(len(groups))], [f"{n:,}" for n in sizes])
    counts.set_ylabel("rubrics")
    for row, line in enumerate(values):
        for column, value in enumerate(line):
            text = NOT_RUN if value is None else percent(value)
            colour = "white" if value is not None and value > 0.55 else "black"
            size = 7 if value is None else None
            axes.text(
                column + 0.5, row + 0.5, text, ha="center", va="center", color=colour, size=size
            )
    axes.set_title("Failure-mode prevalence")
    return _svg(figure)


def weight_bars(shares: dict[str, float | None], overall: float) -> str:
    """Share of all criterion weight (points) sitting on criteria flagged for each mode; a
    mode none of whose rules ran (``None``) has no bar and reads "not run"."""
    plt = _pyplot()
    labels = [*(mode.replace("_", " ") for mode in shares), "any mode"]
    values = [*shares.values(), overall]
    figure, axes = plt.subplots(figsize=(6.5, 0.45 * len(labels) + 0.8))
    bars = axes.barh(
        labels,
        [value or 0.0 for value in values],
        color=["#c0392b"] * len(shares) + ["#7f1d1d"],
    )
    axes.invert_yaxis()
    axes.set_xlim(0, 1)
    axes.set_xlabel("share of weight on flagged criteria")
    for bar, value in zip(bars, values, strict=True):
        text = NOT_RUN if value is None else percent(value, 1)
        axes.text((value or 0.0) + 0.01, bar.get_y() + bar.get_height() / 2, text, va="center")
    return _svg(figure)


SCORE_BARS = (
    ("precision", "precision", "#0072B2", ""),
    ("recall", "recall", "#E69F00", "//"),
    ("f1", "F1", "#009E73", ".."),
)
"""Each metric's field, legend name, colour (Okabe and Ito's palette, told apart with red-green
colour blindness) and hatch (told apart in grey print)."""


def score_bars(scores: Sequence[ModeScore]) -> str:
    """Precision, recall and F1 per mode against a labels file; an undefined figure has no bar
    and reads "n/a" where its bar would stand, so it is not taken for a 0."""
    plt = _pyplot()
    figure, axes = plt.subplots(figsize=(7.5, 3.2))
    width = 0.27
    positions = range(len(scores))
    for shift, (field, name, colour, hatch) in enumerate(SCORE_BARS):
        places = [p + (shift - 1) * width for p in positions]
        values = [getattr(score, field) for score in scores]
        axes.bar(
            places,
            [value or 0.0 for value in values],
            width,
            label=name,
            color=colour,
            hatch=hatch,
            edgecolor="white",
        )
        for place, value in zip(places, values, strict=True):
            if value is None:
                axes.text(place, 0.02, "n/a", ha="center", va="bottom", rotation=90, size=7)
    axes.set_xticks(list(positions), [s.mode.replace("_", " ") for s in scores])
    axes.tick_params(axis="x", labelrotation=35)
    axes.set_ylim(0, 1)
    axes.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
    axes.set_title("Agreement with the labels")
    return _svg(figure)


def confusion_grid(scores: Sequence[ModeScore]) -> str:
    """One 2x2 confusion matrix per mode (labelled vs flagged), counts in the cells.

    The axes are named once ("flagged", "labelled") and ticked "yes"/"no": two-word tick
    labels ran into each other at this size ("flaggednot flagged")."""
    plt = _pyplot()
    columns = 4
    rows = (len(scores) + columns - 1) // columns
    figure, grid = plt.subplots(rows, columns, figsize=(8, 2.1 * rows), squeeze=False)
    for axes in grid.flat:
        axes.axis("off")
    for axes, score in zip(grid.flat, scores, strict=False):
        tp, fp = score.true_positives, score.false_positives
        fn, tn = score.false_negatives, score.true_negatives
        cells = [[tp, fn], [fp, tn]]
        axes.axis("on")
        darkest = max(1, tp, fn, fp, tn)
        axes.pcolormesh(cells, cmap="Blues", vmin=0, vmax=darkest)
        axes.invert_yaxis()
        for r in range(2):
            for c in range(2):
                colour = "white" if cells[r][c] > 0.55 * darkest else "black"
                axes.text(
                    c + 0.5, r + 0.5, str(cells[r][c]), ha="center", va="center", color=colour
                )
        axes.set_xticks([0.5, 1.5], ["yes", "no"])
        axes.set_yticks([0.5, 1.5], ["yes", "no"])
        axes.set_xlabel("flagged", fontsize=8)
        axes.set_ylabel("labelled", fontsize=8)
        axes.set_title(score.mode.replace("_", " "), fontsize=9)
    figure.tight_layout()
    return _svg(figure)
