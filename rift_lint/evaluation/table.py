"""The text form of an evaluation: the settings header, one row per mode, and the totals."""

from __future__ import annotations

from rift_lint.evaluation.bootstrap import Interval
from rift_lint.evaluation.metrics import ModeScore, macro_modes, shown
from rift_lint.evaluation.runner import Evaluation
from rift_lint.reporters.concise import plural


def format_table(evaluation: Evaluation) -> str:
    """The evaluation as its settings header and a fixed-width table; an undefined figure
    reads ``n/a``."""
    with_intervals = evaluation.resamples > 0
    header = (
        f"{'mode':<21}{'level':<11}{'support':>8}{'flagged':>9}"
        f"{'precision':>11}{'recall':>8}{'f1':>7}{'kappa':>8}"
    ) + (f"{'f1 95% CI':>15}" if with_intervals else "")
    lines = [*evaluation.settings.header(), "", header, "-" * len(header)]
    for s in evaluation.scores:
        interval = evaluation.intervals.get(s.mode)
        lines.append(
            f"{s.mode:<21}{s.level:<11}{s.support:>8}{s.predicted:>9}"
            f"{shown(s.precision):>11}{shown(s.recall):>8}{shown(s.f1):>7}{shown(s.kappa):>8}"
            + (f"{_interval_text(interval):>15}" if with_intervals else "")
        )
    lines.append("-" * len(header))
    lines.append(_totals(evaluation))
    if with_intervals:
        lines.append(
            f"95% intervals from {evaluation.resamples} bootstrap resamples of the rubrics"
        )
    lines.extend(score_notes(evaluation.scores, evaluation.not_scored))
    return "\n".join(lines)


def _totals(evaluation: Evaluation) -> str:
    """The micro and macro F1 line, with what they were computed over."""
    supported = len(macro_modes(evaluation.scores))
    macro = f"macro F1 {shown(evaluation.macro_f1)}"
    if evaluation.macro_interval is not None:
        macro += f" {_interval_text(evaluation.macro_interval)}"
    return (
        f"micro F1 {shown(evaluation.micro_f1)}   {macro}   "
        f"({plural(supported, 'mode')} with support; {plural(evaluation.rubrics, 'rubric')}, "
        f"{plural(evaluation.criteria, 'criterion', 'criteria')})"
    )


def score_notes(scores: list[ModeScore], not_scored: list[str]) -> list[str]:
    """The notes under a table of scores: one line per mode flagged without a labelled
    positive (all its findings are false positives, which the macro F1 over modes with
    support does not see), then the modes ``not_scored`` because no rule of theirs ran."""
    notes = [
        f"{s.mode}: {s.predicted} flagged, no labelled positive (not in the macro F1)"
        for s in scores
        if s.predicted and not s.support
    ]
    if not_scored:
        notes.append(f"not scored, no rule of theirs ran: {', '.join(not_scored)}")
    return notes


def _interval_text(interval: Interval | None) -> str:
    """``[0.512, 0.701]``, or ``-`` for a mode without support."""
    return "-" if interval is None else f"[{interval.low:.3f}, {interval.high:.3f}]"
