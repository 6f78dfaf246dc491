"""``rift-lint eval``: lint a labelled JSONL file and compare findings with its labels."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from rift_lint.config import Config, ConfigResolver
from rift_lint.embeddings.provider import EmbeddingProvider
from rift_lint.engine import ActiveRules, check_rubric, model_left_out
from rift_lint.evaluation.bootstrap import Interval, f1_intervals, interval_json
from rift_lint.evaluation.decisions import Decisions
from rift_lint.evaluation.labels import LabelsError, load_labelled, resolve_modes
from rift_lint.evaluation.metrics import ModeScore, macro_f1, macro_modes, micro_f1, rounded
from rift_lint.evaluation.settings import MeasurementSettings, ModelUsed
from rift_lint.learning.choice import ModelChoice
from rift_lint.learning.decide import DecisionModel
from rift_lint.reporters.json_format import versioned
from rift_lint.reuse import CriterionReuse
from rift_lint.taxonomy import FailureMode

SCHEMA_VERSION = 1


@dataclass
class Evaluation:
    """Scores per mode, plus the totals they were computed over and the settings of the run;
    with ``resamples`` (``--bootstrap``), the F1 intervals, absent where F1 has none."""

    scores: list[ModeScore]
    rubrics: int
    criteria: int
    settings: MeasurementSettings
    intervals: dict[str, Interval] = field(default_factory=dict)
    macro_interval: Interval | None = None
    resamples: int = 0
    not_scored: list[str] = field(default_factory=list)

    @property
    def unused_model(self) -> str | None:
        """The model left out because it needs embeddings this run does not compute."""
        model = self.settings.model
        return model.path if model is not None and model.left_out else None

    @property
    def labels_file(self) -> str:
        """The labels file scored, as named."""
        return self.settings.labels

    @property
    def macro_f1(self) -> float | None:
        """Mean F1 over modes with support; ``None`` when no mode has any."""
        return macro_f1(self.scores)

    @property
    def micro_f1(self) -> float | None:
        """Pooled F1 over modes with support; ``None`` when no mode has any."""
        return micro_f1(self.scores)

    def as_dict(self) -> dict[str, object]:
        """The JSON form of the evaluation (schema in docs/output.md)."""
        modes: dict[str, dict[str, object]] = {}
        for score in self.scores:
            modes[score.mode] = dict(score.as_dict())
            if self.resamples:
                modes[score.mode]["f1_ci"] = interval_json(self.intervals.get(score.mode))
        result: dict[str, object] = {
            **versioned(SCHEMA_VERSION),
            "settings": self.settings.as_dict(),
            "modes": modes,
            "macro_f1": rounded(self.macro_f1),
            "macro_modes": macro_modes(self.scores),
            "micro_f1": rounded(self.micro_f1),
            "rubrics": self.rubrics,
            "criteria": self.criteria,
            "labels_file": self.labels_file,
            "not_scored": self.not_scored,
        }
        if self.resamples:
            result["macro_f1_ci"] = interval_json(self.macro_interval)
            result["bootstrap_resamples"] = self.resamples
        return result


def scored_modes(
    selected: list[FailureMode], rules: ActiveRules
) -> tuple[list[FailureMode], list[str]]:
    """The selected modes some rule of which reports, and the ids of the others, not scored
    (a rule run only for a model's features reports nothing)."""
    scored = [mode for mode in selected if mode.counted_by(rules.reporting)]
    return scored, [mode.id for mode in selected if mode not in scored]


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
    embeddings this run does not compute is named in ``unused_model``. ``settings`` records
    what the evaluation ran with, the model's SHA-256 and whether it is in-sample included.
    """
    embeddings = embeddings or EmbeddingProvider()
    selected = resolve_modes(selectors)
    config = resolver.for_path(path)
    model = models.model_for(config) if models is not None else None
    rubrics = load_labelled(path)
    rules = ActiveRules.for_file(config, path, embeddings, model)
    modes, not_scored = scored_modes(selected, rules)
    if not modes:
        raise LabelsError(
            f"nothing to score: no rule of {', '.join(not_scored)} runs (embeddings are "
            "switched off, or the configuration turns the rules off)"
        )
    reuse = CriterionReuse(rubrics)
    decisions = Decisions(modes)
    for rubric in rubrics:
        decisions.add(rubric, check_rubric(rubric, rules, reuse))
    left_out = model is not None and model_left_out(model, rules)
    evaluation = Evaluation(
        scores=decisions.scores(),
        rubrics=len(rubrics),
        criteria=sum(len(rubric.criteria) for rubric in rubrics),
        settings=_settings(path, config, resolver, embeddings, selected, model, rules, left_out),
        not_scored=not_scored,
    )
    if resamples:
        counts = decisions.rubric_counts()
        evaluation.intervals, evaluation.macro_interval = f1_intervals(counts, resamples)
        evaluation.resamples = resamples
    return evaluation


def _settings(
    path: Path,
    config: Config,
    resolver: ConfigResolver,
    embeddings: EmbeddingProvider,
    selected: list[FailureMode],
    model: DecisionModel | None,
    rules: ActiveRules,
    left_out: bool,
) -> MeasurementSettings:
    """What the evaluation ran with, the model and whether it was applied included
    (``left_out``: it needs embeddings this run does not compute)."""
    ids = tuple(mode.id for mode in selected)
    settings = MeasurementSettings.of(path, config, resolver, embeddings, ids)
    if model is None:
        return settings
    used = ModelUsed.of(model, rules.model is not None, settings.labels_sha256, left_out)
    return replace(settings, model=used)
