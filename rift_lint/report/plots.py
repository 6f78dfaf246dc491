"""The report's plots, drawn with matplotlib (Agg) and returned as inline SVG markup.

Text stays text in the SVG (``svg.fonttype = none``) so the page is searchable and crisp when
printed; no font file is embedded and nothing is fetched.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from rift_lint.evaluation.metrics import ModeScore

MAX_LABEL = 38
_METADATA = re.compile(r"<metadata>.*?</metadata>\s*", re.S)  # RDF block: namespaces, no data


def _pyplot() -> Any:
    import matplotlib

    matplotlib.use("Agg")
    matplotlib.rcParams.update(
        {"svg.fonttype": "none", "svg.hashsalt": "rift-lint", "font.size": 9}
    )
    import matplotlib.pyplot as plt

    return plt


def _svg(figure: Figure) -> str:
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    _pyplot().close(figure)
    text = buffer.getvalue()
    return _METADATA.sub("", text[text.index("<svg") :])


def _short(label: str) -> str:
    return label if len(label) <= MAX_LABEL else "…" + label[-(MAX_LABEL - 1) :]


def heatmap(groups: Sequence[str], modes: Sequence[str], values: list[list[float]]) -> str:
    """Prevalence of each mode (columns) per group (rows), as in the RIFT paper's Table 2."""
    plt = _pyplot()
    height = 1.2 + 0.32 * max(len(groups), 1)
    figure, axes = plt.subplots(figsize=(1.0 + 0.75 * len(modes) + 2.4, height))
    axes.pcolormesh(values, cmap="Reds", vmin=0.0, vmax=1.0, edgecolors="white")
    axes.invert_yaxis()
    axes.set_xticks([i + 0.5 for i in range(len(modes))], [m.replace("_", " ") for m in modes])
    axes.set_yticks([i + 0.5 for i in range(len(groups))], [_short(group) for group in groups])
    axes.tick_params(axis="x", labelrotation=35)
    for row, line in enumerate(values):
        for column, value in enumerate(line):
            colour = "white" if value > 0.55 else "black"
            axes.text(
                column + 0.5, row + 0.5, f"{value:.0%}", ha="center", va="center", color=colour
            )
    axes.set_title("Failure-mode prevalence")
    return _svg(figure)


def weight_bars(shares: dict[str, float], overall: float) -> str:
    """Share of all criterion weight (points) sitting on criteria flagged for each mode."""
    plt = _pyplot()
    labels = [*(mode.replace("_", " ") for mode in shares), "any mode"]
    values = [*shares.values(), overall]
    figure, axes = plt.subplots(figsize=(6.5, 0.45 * len(labels) + 0.8))
    bars = axes.barh(labels, values, color=["#c0392b"] * len(shares) + ["#7f1d1d"])
    axes.invert_yaxis()
    axes.set_xlim(0, 1)
    axes.set_xlabel("share of weight on flagged criteria")
    for bar, value in zip(bars, values, strict=True):
        axes.text(value + 0.01, bar.get_y() + bar.get_height() / 2, f"{value:.1%}", va="center")
    return _svg(figure)


def score_bars(scores: Sequence[ModeScore]) -> str:
    """Precision, recall and F1 per mode against a labels file."""
    plt = _pyplot()
    figure, axes = plt.subplots(figsize=(7.5, 3.2))
    width = 0.27
    positions = range(len(scores))
    for shift, (name, colour) in enumerate(
        (("precision", "#2563eb"), ("recall", "#16a34a"), ("f1", "#b91c1c"))
    ):
        axes.bar(
            [p + (shift - 1) * width for p in positions],
            [getattr(score, name) for score in scores],
            width,
            label=name,
            color=colour,
        )
    axes.set_xticks(list(positions), [s.mode.replace("_", " ") for s in scores])
    axes.tick_params(axis="x", labelrotation=35)
    axes.set_ylim(0, 1)
    axes.legend(loc="upper right", ncols=3, frameon=False)
    axes.set_title("Agreement with the labels")
    return _svg(figure)


def confusion_grid(scores: Sequence[ModeScore], totals: Sequence[int]) -> str:
    """One 2x2 confusion matrix per mode (labelled vs flagged), counts in the cells."""
    plt = _pyplot()
    columns = 4
    rows = (len(scores) + columns - 1) // columns
    figure, grid = plt.subplots(rows, columns, figsize=(8, 2.1 * rows), squeeze=False)
    for axes in grid.flat:
        axes.axis("off")
    for axes, score, total in zip(grid.flat, scores, totals, strict=False):
        tp = score.true_positives
        fp = score.predicted - tp
        fn = score.support - tp
        tn = total - tp - fp - fn
        cells = [[tp, fn], [fp, tn]]
        axes.axis("on")
        axes.pcolormesh(cells, cmap="Blues", vmin=0, vmax=max(1, tp, fn, fp, tn))
        axes.invert_yaxis()
        for r in range(2):
            for c in range(2):
                axes.text(c + 0.5, r + 0.5, str(cells[r][c]), ha="center", va="center")
        axes.set_xticks([0.5, 1.5], ["flagged", "not flagged"])
        axes.set_yticks([0.5, 1.5], ["labelled", "not labelled"])
        axes.set_title(score.mode.replace("_", " "), fontsize=9)
    figure.tight_layout()
    return _svg(figure)
