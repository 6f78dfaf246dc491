"""``rift-lint train``: fit one logistic model per failure mode on labelled rubrics.

Each mode's model judges its rule's findings: a finding stands when the model's probability
reaches the mode's threshold. The threshold is chosen by cross-validation grouped by rubric
inside the training data, and the figures reported are those of an outer cross-validation,
also grouped by rubric, so no rubric is ever scored by a model that saw it (nested CV).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from rift_lint import __version__
from rift_lint.config import Config, ConfigResolver
from rift_lint.embeddings.provider import EmbeddingProvider
from rift_lint.engine import ActiveRules, check_rubrics
from rift_lint.evaluation.decisions import Decisions
from rift_lint.evaluation.labels import load_labelled
from rift_lint.evaluation.metrics import ModeScore, macro_f1, score_mode
from rift_lint.evaluation.runner import scored_modes
from rift_lint.evaluation.settings import MeasurementSettings
from rift_lint.learning.decide import FEATURE_RULES, probabilities, project
from rift_lint.learning.features import (
    FEATURE_VERSION,
    criterion_feature_names,
    extract,
    rubric_feature_names,
)
from rift_lint.learning.modelfile import (
    FORMAT_VERSION,
    MODEL_FORMAT,
    ModelFile,
    ModeModel,
    Projection,
)
from rift_lint.reporters.concise import plural
from rift_lint.reuse import CriterionReuse
from rift_lint.rules import RULES_BY_CODE
from rift_lint.taxonomy import load_modes

if TYPE_CHECKING:
    from rift_lint.embeddings.embedder import Embedder

THRESHOLDS = (0.0, *(round(0.05 * step, 2) for step in range(1, 20)))
BATCH_RUBRICS = 64
CV_MIN_RUBRICS = 2  # grouped cross-validation needs a rubric to train on and one to test


@dataclass
class ModeData:
    """One mode's training rows: features, gold labels, the candidates the loosened rule
    proposes (``flagged``), the decisions of all the mode's rules as ``eval`` makes them
    (``plain``), those of its rules the model does not judge (``others``: RL003 for
    redundant_criteria), and rubric groups. ``unavailable`` says why the mode's own rule
    does not run, when it does not (the mode is then scored from its other rules only)."""

    mode: str
    scope: str
    rule: str
    rows: np.ndarray
    gold: np.ndarray
    flagged: np.ndarray
    plain: np.ndarray
    others: np.ndarray
    groups: np.ndarray
    embeddings: np.ndarray | None = None
    unavailable: str = ""


@dataclass
class ModeReport:
    """A mode's rules-only and cross-validated scores, and its chosen threshold.

    ``model`` scores the whole procedure, cross-validated: in each outer fold the training
    rubrics decide between the fitted model and the rule's own decisions. ``threshold`` is
    ``None`` when, on all the data, the rule's own decisions win: the mode is left out of the
    model file and the rule reports as without a model. ``model`` is ``None`` when the mode
    could not be fitted at all, and ``reason`` says why.
    """

    mode: str
    rules_only: ModeScore
    model: ModeScore | None
    threshold: float | None
    reason: str = ""


@dataclass
class TrainResult:
    """The fitted model file, the per-mode report, the modes not scored (no rule of theirs
    runs, as in ``eval``) and the settings of the run."""

    model: ModelFile
    settings: MeasurementSettings
    reports: list[ModeReport] = field(default_factory=list)
    not_scored: list[str] = field(default_factory=list)

    @property
    def folds(self) -> int:
        """The cross-validation folds used (fewer than asked when there are fewer rubrics)."""
        return int(self.model.training["folds"])

    @property
    def folds_requested(self) -> int:
        """The cross-validation folds asked for."""
        return int(self.model.training["folds_requested"])

    @property
    def fitted(self) -> bool:
        """Whether at least one mode was fitted and cross-validated."""
        return any(report.model is not None for report in self.reports)

    def macro(self, which: str) -> float | None:
        """Macro F1 over modes with support: ``rules`` alone, or ``model`` where fitted;
        ``None`` when no mode has support."""
        return macro_f1(
            [
                report.model if which == "model" and report.model else report.rules_only
                for report in self.reports
            ]
        )


@dataclass
class _Fitted:
    """A standardised logistic model (plus embedding projection) fitted on some rows."""

    mode: ModeModel
    projection: Projection | None

    def predict(self, rows: np.ndarray, embeddings: np.ndarray | None) -> np.ndarray:
        projected = None
        if self.projection is not None and embeddings is not None:
            projected = project(self.projection, embeddings)
        return probabilities(self.mode, rows, projected)


@dataclass
class Collected:
    """What :func:`collect` gathers: each scored mode's data, the modes not scored, and the
    rubric and criterion counts."""

    data: list[ModeData]
    not_scored: list[str]
    rubrics: int
    criteria: int


def collect(labels: Path, config: Config, embeddings: EmbeddingProvider) -> Collected:
    """Run the rules over a labels file and gather the rows of each mode ``eval`` scores.

    The rules' own decisions are those of ``eval --no-model`` (the rules the configuration
    selects, every rule of a mode counting for it), so ``train`` and ``eval`` print the same
    rules-only figures for the same labels and configuration. The candidates come from every
    feature rule that can run, with its candidate options, as in ``check --model``.
    """
    rubrics = load_labelled(labels)
    plain = ActiveRules.for_file(config, labels, embeddings)
    modes, not_scored = scored_modes(list(load_modes()), plain)
    embedder: Embedder | None = None
    if embeddings.enabled:
        embedder = embeddings.embedder(config.embedding_model, config.cache_dir)
    enabled = {
        code: config.rule(RULES_BY_CODE[code])
        for code in FEATURE_RULES
        if embedder is not None
        or not RULES_BY_CODE[code].uses_embeddings
        or RULES_BY_CODE[code].embeddings_optional
    }
    candidates = ActiveRules(
        config, {code: rule.candidates() for code, rule in enabled.items()}, embedder
    )
    reuse = CriterionReuse(rubrics)
    decided, unjudged = Decisions(modes), Decisions(modes)
    criterion_rows, rubric_rows, vectors = [], [], []
    found: list[set[tuple[str, str | None]]] = []
    for start in range(0, len(rubrics), BATCH_RUBRICS):
        batch = rubrics[start : start + BATCH_RUBRICS]
        proposed = check_rubrics(batch, candidates, reuse)
        for rubric, diagnostics, own in zip(
            batch, proposed, check_rubrics(batch, plain, reuse), strict=True
        ):
            features = extract(rubric, diagnostics, embedder)
            criterion_rows.append(features.criteria)
            rubric_rows.append(features.rubric)
            if features.embeddings is not None and len(features.embeddings):
                vectors.append(features.embeddings)
            found.append({(d.code, d.criterion_id) for d in diagnostics})
            decided.add(rubric, own)
            unjudged.add(rubric, [d for d in own if d.code not in FEATURE_RULES])
    criteria = [(index, c) for index, rubric in enumerate(rubrics) for c in rubric.criteria]
    criterion_matrix, rubric_matrix = np.vstack(criterion_rows), np.vstack(rubric_rows)
    embedding_matrix = np.vstack(vectors) if vectors else None
    data = []
    for mode in modes:
        if mode.scope == "criterion":
            rows, embedded = criterion_matrix, embedding_matrix
            proposals = [(mode.rule, c.id) in found[i] for i, c in criteria]
        else:
            rows, embedded = rubric_matrix, None
            proposals = [any(code == mode.rule for code, _ in f) for f in found]
        data.append(
            ModeData(
                mode.id,
                mode.scope,
                mode.rule,
                rows,
                np.array(decided.gold[mode.id]),
                np.array(proposals),
                np.array(decided.predicted[mode.id]),
                np.array(unjudged.predicted[mode.id]),
                np.array(decided.groups[mode.id]),
                embedded,
                _unavailable(mode.rule, plain),
            )
        )
    return Collected(data, not_scored, len(rubrics), len(criteria))


def _unavailable(rule: str, plain: ActiveRules) -> str:
    """Why a mode's own rule does not run in ``eval``'s rule set, or ``""`` when it does."""
    if rule in plain.enabled:
        return ""
    if rule in plain.skipped:
        return f"{rule} does not run under --no-embeddings"
    return f"{rule} is not selected by the configuration"


def fit(
    data: ModeData, names: tuple[str, ...], c: float, components: int
) -> Callable[[np.ndarray], _Fitted]:
    """A function fitting ``data``'s mode on the rows selected by an index array."""
    from sklearn.decomposition import PCA
    from sklearn.linear_model import LogisticRegression

    def fitter(index: np.ndarray) -> _Fitted:
        rows, gold = data.rows[index], data.gold[index]
        projection = None
        features = list(names)
        size = 0
        if components > 0 and data.embeddings is not None:
            # centred, n rows span at most n - 1 directions: one criterion spans none
            size = min(components, len(index) - 1, data.embeddings.shape[1])
        use_projection = size > 0
        if use_projection:
            assert data.embeddings is not None
            pca = PCA(n_components=size, svd_solver="full").fit(data.embeddings[index])
            projection = Projection(mean=pca.mean_.tolist(), components=pca.components_.tolist())
            rows = np.hstack([rows, project(projection, data.embeddings[index])])
            features.extend(f"embedding_pc{k + 1}" for k in range(size))
        mean = rows.mean(axis=0)
        scale = rows.std(axis=0)
        scale[scale < 1e-9] = 1.0
        if gold.all() or not gold.any():
            coef, intercept = np.zeros(rows.shape[1]), 20.0 if gold.all() else -20.0
        else:
            classifier = LogisticRegression(C=c, class_weight="balanced", max_iter=5000)
            classifier.fit((rows - mean) / scale, gold)
            coef, intercept = classifier.coef_[0], float(classifier.intercept_[0])
        mode = ModeModel(
            mode=data.mode,
            scope=data.scope,  # type: ignore[arg-type]
            rule=data.rule,
            features=features,
            mean=mean.tolist(),
            scale=scale.tolist(),
            coef=np.asarray(coef, dtype=float).tolist(),
            intercept=intercept,
            threshold=0.0,
            uses_projection=use_projection,
        )
        return _Fitted(mode, projection)

    return fitter


def _folds(groups: np.ndarray, folds: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """Group k-fold splits (no group on both sides); fewer folds when there are few groups."""
    from sklearn.model_selection import GroupKFold

    count = min(folds, len(np.unique(groups)))
    if count < 2:
        return []
    placeholder = np.zeros(len(groups))
    return list(GroupKFold(n_splits=count).split(placeholder, groups=groups))


def _decisions(
    data: ModeData, index: np.ndarray, scores: np.ndarray, threshold: float
) -> np.ndarray:
    """What ``check --model`` decides: the candidates the model keeps, and the findings of
    the mode's rules the model does not judge."""
    return (data.flagged[index] & (scores >= threshold)) | data.others[index]


def choose_threshold(
    data: ModeData, index: np.ndarray, fitter: Callable[..., _Fitted], folds: int
) -> tuple[float, float]:
    """The threshold with the best out-of-fold F1 on ``index`` (lowest on ties), and that F1
    (0 where it is undefined: no labelled positive among the rows)."""
    scores = np.zeros(len(index))
    splits = _folds(data.groups[index], folds)
    if not splits:
        return 0.0, 0.0
    for train, test in splits:
        fitted = fitter(index[train])
        embeddings = data.embeddings[index[test]] if data.embeddings is not None else None
        scores[test] = fitted.predict(data.rows[index[test]], embeddings)
    gold = data.gold[index]
    best, chosen = -1.0, 0.0
    for threshold in THRESHOLDS:
        decided = list(_decisions(data, index, scores, threshold))
        f1 = score_mode(data.mode, data.scope, list(gold), decided).f1 or 0.0
        if f1 > best + 1e-12:
            best, chosen = f1, threshold
    return chosen, best


def _model_threshold(
    data: ModeData, index: np.ndarray, fitter: Callable[..., _Fitted], folds: int
) -> float | None:
    """The model's threshold chosen on the rows of ``index``, or ``None`` when the rule's own
    decisions there score an F1 at least as high as the model's out-of-fold F1."""
    threshold, model_f1 = choose_threshold(data, index, fitter, folds)
    rules = score_mode(data.mode, data.scope, list(data.gold[index]), list(data.plain[index]))
    return None if (rules.f1 or 0.0) >= model_f1 else threshold


def not_fitted_reason(data: ModeData, rubrics: int) -> str:
    """Why a mode cannot be fitted, or ``""`` when it can: its own rule does not run, there
    are too few rubrics to cross-validate or too few labelled positives to learn from, or the
    loosened rule proposes no candidate for the model to judge."""
    positives = int(data.gold.sum())
    if data.unavailable:
        return data.unavailable
    if rubrics < CV_MIN_RUBRICS:
        return f"{plural(rubrics, 'rubric')}, cross-validation needs {CV_MIN_RUBRICS}"
    if positives < 2:
        return f"{plural(positives, 'labelled positive')}, 2 needed"
    if not data.flagged.any():
        return f"{data.rule} proposes no candidate"
    return ""


def train_mode(
    data: ModeData, names: tuple[str, ...], folds: int, c: float, components: int
) -> tuple[ModeModel | None, Projection | None, ModeReport]:
    """Fit one mode with nested grouped cross-validation; ``None`` (and the report's
    ``reason``) when it cannot be fitted."""
    rules_only = score_mode(data.mode, data.scope, list(data.gold), list(data.plain))
    everything = np.arange(len(data.gold))
    reason = not_fitted_reason(data, len(np.unique(data.groups)))
    if reason:
        return None, None, ModeReport(data.mode, rules_only, None, None, reason)
    fitter = fit(data, names, c, components)
    predicted = np.zeros(len(data.gold), dtype=bool)
    for train, test in _folds(data.groups, folds):
        threshold = _model_threshold(data, train, fitter, folds)
        if threshold is None:
            predicted[test] = data.plain[test]
            continue
        fitted = fitter(train)
        embeddings = data.embeddings[test] if data.embeddings is not None else None
        predicted[test] = _decisions(
            data, test, fitted.predict(data.rows[test], embeddings), threshold
        )
    cross_validated = score_mode(data.mode, data.scope, list(data.gold), list(predicted))
    threshold = _model_threshold(data, everything, fitter, folds)
    if threshold is None:
        return None, None, ModeReport(data.mode, rules_only, cross_validated, None)
    final = fitter(everything)
    mode = final.mode.model_copy(
        update={
            "threshold": threshold,
            "cross_validated": _summary(cross_validated),
            "rules_only": _summary(rules_only),
        }
    )
    return mode, final.projection, ModeReport(data.mode, rules_only, cross_validated, threshold)


def _summary(score: ModeScore) -> dict[str, float]:
    """A score as the model file records it: its defined figures and counts."""
    return {
        key: float(value)
        for key, value in score.as_dict().items()
        if key != "level" and value is not None
    }


def train(
    labels: Path,
    resolver: ConfigResolver,
    embeddings: EmbeddingProvider,
    folds: int = 5,
    c: float = 1.0,
    components: int = 0,
) -> TrainResult:
    """Fit every mode that has labels and findings to learn from; report nested-CV scores.

    The folds are lowered to the number of rubrics when the labels file holds fewer (the
    result and the model's training record say how many were used).
    """
    config = resolver.for_path(labels)
    collected = collect(labels, config, embeddings)
    settings = MeasurementSettings.of(
        labels, config, resolver, embeddings, tuple(m.id for m in load_modes())
    )
    used = min(folds, collected.rubrics)
    with_embeddings = settings.embedding_model is not None
    names = {
        "criterion": criterion_feature_names(with_embeddings),
        "rubric": rubric_feature_names(with_embeddings),
    }
    modes: dict[str, ModeModel] = {}
    projection = None
    reports = []
    for mode_data in collected.data:
        use = components if mode_data.scope == "criterion" else 0
        mode, fitted_projection, report = train_mode(
            mode_data, names[mode_data.scope], used, c, use
        )
        reports.append(report)
        if mode is not None:
            modes[mode.mode] = mode
            projection = fitted_projection or projection
    options = {"folds": used, "c": c, "components": components}
    model = ModelFile(
        format=MODEL_FORMAT,
        format_version=FORMAT_VERSION,
        feature_version=FEATURE_VERSION,
        embedding_model=settings.embedding_model,
        projection=projection,
        modes=modes,
        training={
            "labels": labels.name,
            "labels_sha256": settings.labels_sha256,
            "rubrics": collected.rubrics,
            "criteria": collected.criteria,
            **options,
            "folds_requested": folds,
            "rift_lint": __version__,
        },
    )
    return TrainResult(model, replace(settings, training=options), reports, collected.not_scored)
