"""``rift-lint eval``: lint a labelled JSONL file and compare findings with its labels.

Criterion-scope modes are compared per criterion, rubric-scope modes per rubric. A diagnostic
counts for the failure mode its rule maps to in the taxonomy (``rule`` or ``counted_from``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rift_lint.config import ConfigResolver
from rift_lint.embeddings.provider import EmbeddingProvider
from rift_lint.engine import ActiveRules, check_rubric, model_left_out
from rift_lint.evaluation.bootstrap import Interval, f1_intervals, rubric_counts
from rift_lint.evaluation.metrics import ModeScore, macro_f1, micro_f1, score_mode
from rift_lint.learning.choice import ModelChoice
from rift_lint.models import Rubric
from rift_lint.parsing import decode, parse_document
from rift_lint.parsing.errors import ParseError
from rift_lint.reuse import CriterionReuse
from rift_lint.taxonomy import FailureMode, load_modes, mode_for_code


class LabelsError(Exception):
    """The labels file cannot be used: unreadable, malformed, with unknown labels, or with
    no selected mode whose rules run."""


@dataclass
class Evaluation:
    """Scores per mode, plus the totals they were computed over."""

    scores: list[ModeScore]
    rubrics: int
    criteria: int
    labels_file: str
    intervals: dict[str, Interval] = field(default_factory=dict)
    macro_interval: Interval | None = None
    resamples: int = 0
    not_scored: list[str] = field(default_factory=list)
    unused_model: str | None = None

    @property
    def macro_f1(self) -> float:
        """Mean F1 over modes with support."""
        return macro_f1(self.scores)

    @property
    def micro_f1(self) -> float:
        """Pooled F1 over modes with support."""
        return micro_f1(self.scores)

    def as_dict(self) -> dict[str, object]:
        """The JSON form of the evaluation."""
        modes: dict[str, dict[str, object]] = {}
        for score in self.scores:
            modes[score.mode] = dict(score.as_dict())
            if score.mode in self.intervals:
                modes[score.mode]["f1_ci"] = self.intervals[score.mode].as_list()
        result: dict[str, object] = {
            "modes": modes,
            "macro_f1": round(self.macro_f1, 4),
            "micro_f1": round(self.micro_f1, 4),
            "rubrics": self.rubrics,
            "criteria": self.criteria,
            "labels_file": self.labels_file,
            "not_scored": self.not_scored,
        }
        if self.macro_interval is not None:
            result["macro_f1_ci"] = self.macro_interval.as_list()
            result["bootstrap_resamples"] = self.resamples
        return result


def resolve_modes(selectors: list[str]) -> list[FailureMode]:
    """Modes named by id, rule code or rule name; all modes when ``selectors`` is empty."""
    modes = list(load_modes())
    if not selectors:
        return modes
    chosen = []
    for selector in selectors:
        key = selector.strip()
        found = [
            mode for mode in modes if key in (mode.id, mode.name) or key.upper() in mode.rule_codes
        ]
        if not found:
            known = ", ".join(mode.id for mode in modes)
            raise LabelsError(f"Unknown failure mode {selector!r} (known: {known})")
        chosen.extend(mode for mode in found if mode not in chosen)
    return chosen


def load_labelled(path: Path) -> list[Rubric]:
    """The rubrics of a labels file; any parse error or unknown label raises LabelsError."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise LabelsError(f"{path}: cannot read labels file: {exc.strerror}") from None
    document = decode(str(path), data)
    if isinstance(document, ParseError):
        raise LabelsError(f"{path}: {document.reason}")
    rubrics = []
    known = {mode.id: mode.scope for mode in load_modes()}
    for item in parse_document(document, "jsonl"):
        if isinstance(item, ParseError):
            loc = item.location
            raise LabelsError(f"{loc.path}:{loc.line}:{loc.column}: {item.reason}")
        _check_labels(item, known)
        rubrics.append(item)
    if not rubrics:
        raise LabelsError(f"{path}: the labels file holds no rubric record")
    return rubrics


def _check_labels(rubric: Rubric, known: dict[str, str]) -> None:
    where = f"{rubric.location.path}:{rubric.location.line}"
    for label in rubric.labels:
        if known.get(label) != "rubric":
            raise LabelsError(f"{where}: rubric {rubric.id}: {label!r} is not a rubric-scope mode")
    for criterion in rubric.criteria:
        for label in criterion.labels:
            if known.get(label) != "criterion":
                raise LabelsError(
                    f"{where}: criterion {rubric.id}/{criterion.id}: {label!r} is not a "
                    "criterion-scope mode"
                )


def evaluate(
    path: Path,
    resolver: ConfigResolver,
    selectors: list[str],
    models: ModelChoice | None = None,
    embeddings: EmbeddingProvider | None = None,
    resamples: int = 0,
) -> Evaluation:
    """Lint every rubric of the labels file and score each selected mode.

    With ``models``, the model that applies (``--model``, config or the shipped default)
    judges the findings as in ``check``. With ``resamples``, each F1 and the macro F1 also get
    a 95% bootstrap interval over that many resamples of the rubrics. A mode none of whose
    rules runs (``--no-embeddings``, or rules the configuration turns off) is not scored,
    rather than scored 0 in the macro F1; it is listed in ``not_scored``, and when no
    selected mode is left, :class:`LabelsError` says so. A model left out because it needs
    embeddings this run does not compute is named in ``unused_model``.
    """
    selected = resolve_modes(selectors)
    config = resolver.for_path(path)
    model = models.model_for(config) if models is not None else None
    rubrics = load_labelled(path)
    rules = ActiveRules.for_file(config, path, embeddings, model)
    modes = [mode for mode in selected if set(mode.rule_codes) & set(rules.enabled)]
    not_scored = [mode.id for mode in selected if mode not in modes]
    if not modes:
        raise LabelsError(
            f"nothing to score: no rule of {', '.join(not_scored)} runs (embeddings are "
            "switched off, or the configuration turns the rules off)"
        )
    reuse = CriterionReuse(rubrics)
    gold: dict[str, list[bool]] = {mode.id: [] for mode in modes}
    predicted: dict[str, list[bool]] = {mode.id: [] for mode in modes}
    groups: dict[str, list[int]] = {mode.id: [] for mode in modes}
    for index, rubric in enumerate(rubrics):
        flagged_criteria: set[tuple[str, str]] = set()
        flagged_rubric: set[str] = set()
        for diagnostic in check_rubric(rubric, rules, reuse):
            mode = mode_for_code(diagnostic.code)
            if mode is None:
                continue
            if mode.scope == "criterion" and diagnostic.criterion_id is not None:
                flagged_criteria.add((mode.id, diagnostic.criterion_id))
            flagged_rubric.add(mode.id)
        for mode in modes:
            if mode.scope == "rubric":
                gold[mode.id].append(mode.id in rubric.labels)
                predicted[mode.id].append(mode.id in flagged_rubric)
                groups[mode.id].append(index)
                continue
            for criterion in rubric.criteria:
                gold[mode.id].append(mode.id in criterion.labels)
                predicted[mode.id].append((mode.id, criterion.id) in flagged_criteria)
                groups[mode.id].append(index)
    scores = [score_mode(m.id, m.scope, gold[m.id], predicted[m.id]) for m in modes]
    evaluation = Evaluation(
        scores=scores,
        rubrics=len(rubrics),
        criteria=sum(len(rubric.criteria) for rubric in rubrics),
        labels_file=str(path),
        not_scored=not_scored,
        unused_model=model.name if model is not None and model_left_out(model, rules) else None,
    )
    if resamples and rubrics:
        counts = {
            m.id: rubric_counts(groups[m.id], gold[m.id], predicted[m.id], len(rubrics))
            for m in modes
        }
        evaluation.intervals, evaluation.macro_interval = f1_intervals(counts, resamples)
        evaluation.resamples = resamples
    return evaluation


def format_table(evaluation: Evaluation) -> str:
    """The evaluation as a fixed-width table."""
    with_intervals = evaluation.macro_interval is not None
    header = (
        f"{'mode':<21}{'level':<11}{'support':>8}{'flagged':>9}"
        f"{'precision':>11}{'recall':>8}{'f1':>7}{'kappa':>8}"
    ) + (f"{'f1 95% CI':>15}" if with_intervals else "")
    lines = [header, "-" * len(header)]
    for s in evaluation.scores:
        interval = evaluation.intervals.get(s.mode)
        lines.append(
            f"{s.mode:<21}{s.level:<11}{s.support:>8}{s.predicted:>9}"
            f"{s.precision:>11.3f}{s.recall:>8.3f}{s.f1:>7.3f}{s.kappa:>8.3f}"
            + (f"{_interval_text(interval):>15}" if with_intervals else "")
        )
    supported = sum(1 for s in evaluation.scores if s.support)
    lines.append("-" * len(header))
    macro = f"macro F1 {evaluation.macro_f1:.3f}"
    if evaluation.macro_interval is not None:
        macro += f" {_interval_text(evaluation.macro_interval)}"
    lines.append(
        f"micro F1 {evaluation.micro_f1:.3f}   {macro}   "
        f"({supported} modes with support; {evaluation.rubrics} rubrics, "
        f"{evaluation.criteria} criteria)"
    )
    if with_intervals:
        lines.append(
            f"95% intervals from {evaluation.resamples} bootstrap resamples of the rubrics"
        )
    if evaluation.not_scored:
        lines.append(f"not scored, no rule of theirs ran: {', '.join(evaluation.not_scored)}")
    return "\n".join(lines)


def _interval_text(interval: Interval | None) -> str:
    """``[0.512, 0.701]``, or ``-`` for a mode without support."""
    return "-" if interval is None else f"[{interval.low:.3f}, {interval.high:.3f}]"
