"""The text ``rift-lint train`` prints: the settings header, then per mode the rules-only
figures next to the cross-validated model's, and the macro F1 of each."""

from __future__ import annotations

from rift_lint.evaluation.metrics import ModeScore, shown
from rift_lint.evaluation.table import score_notes
from rift_lint.learning.train import TrainResult


def _figures(score: ModeScore) -> str:
    """``P/R/F1`` with two decimals, ``n/a`` where undefined."""
    return "/".join(shown(value, 2) for value in (score.precision, score.recall, score.f1))


def format_report(result: TrainResult) -> str:
    """The settings header and the per-mode comparison table; ``CV kappa`` is the kappa of
    the cross-validated decisions (model or rule, as chosen) against the labels."""
    header = (
        f"{'mode':<21}{'support':>8}  {'rules P/R/F1':<20}{'model (CV) P/R/F1':<20}"
        f"{'CV kappa':>9}{'threshold':>10}"
    )
    lines = [*result.settings.header(), "", header, "-" * len(header)]
    for report in result.reports:
        rules = report.rules_only
        row = f"{report.mode:<21}{rules.support:>8}  {_figures(rules):<20}"
        if report.model is None:
            lines.append(f"{row}(not fitted: {report.reason})")
            continue
        threshold = "rules" if report.threshold is None else f"{report.threshold:.2f}"
        lines.append(
            f"{row}{_figures(report.model):<20}{shown(report.model.kappa):>9}{threshold:>10}"
        )
    lines.append("-" * len(header))
    lines.append(_macro_line(result))
    lines.extend(score_notes([report.rules_only for report in result.reports], result.not_scored))
    return "\n".join(lines)


def _macro_line(result: TrainResult) -> str:
    """The macro F1 of the rules and, when some mode was fitted, of the cross-validated model."""
    rules = f"macro F1: rules {shown(result.macro('rules'))}"
    if not result.fitted:
        return f"{rules}; no mode was fitted (see why above), so there is no model figure"
    return f"{rules}, model (cross-validated, grouped by rubric) {shown(result.macro('model'))}"
