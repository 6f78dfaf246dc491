"""Per-mode agreement metrics: precision, recall, F1 and Cohen's kappa, from confusion counts.

A figure whose denominator is zero is undefined (``None``, shown ``n/a``), never 0: precision
without a flagged unit, recall and F1 without a labelled positive (the support), kappa when
labels and decisions hold one and the same class throughout.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ModeScore:
    """Agreement between decisions and labels for one failure mode, over its units (criteria
    or rubrics): true and false positives, false and true negatives."""

    mode: str
    level: str
    true_positives: int
    false_positives: int
    false_negatives: int
    true_negatives: int

    @property
    def support(self) -> int:
        """Units labelled with the mode."""
        return self.true_positives + self.false_negatives

    @property
    def predicted(self) -> int:
        """Units the rules (or the model) flagged."""
        return self.true_positives + self.false_positives

    @property
    def units(self) -> int:
        """All units scored."""
        return self.support + self.false_positives + self.true_negatives

    @property
    def precision(self) -> float | None:
        """Share of flagged units that are labelled; ``None`` when nothing is flagged."""
        return self.true_positives / self.predicted if self.predicted else None

    @property
    def recall(self) -> float | None:
        """Share of labelled units that are flagged; ``None`` without support."""
        return self.true_positives / self.support if self.support else None

    @property
    def f1(self) -> float | None:
        """Harmonic mean of precision and recall (0 when nothing labelled is flagged);
        ``None`` without support, as recall is then undefined."""
        if not self.support:
            return None
        return 2 * self.true_positives / (self.predicted + self.support)

    @property
    def kappa(self) -> float | None:
        """Cohen's kappa of decisions against labels; ``None`` when chance agreement is
        certain (one class only, in both)."""
        units = self.units
        if not units:
            return None
        observed = (self.true_positives + self.true_negatives) / units
        negatives = units - self.support
        chance = (self.predicted * self.support + (units - self.predicted) * negatives) / units**2
        if chance >= 1.0:
            return None
        return (observed - chance) / (1.0 - chance)

    def as_dict(self) -> dict[str, float | int | str | None]:
        """The JSON form of the score: undefined figures are ``null``."""
        return {
            "precision": rounded(self.precision),
            "recall": rounded(self.recall),
            "f1": rounded(self.f1),
            "kappa": rounded(self.kappa),
            "support": self.support,
            "predicted": self.predicted,
            "tp": self.true_positives,
            "fp": self.false_positives,
            "fn": self.false_negatives,
            "tn": self.true_negatives,
            "level": self.level,
        }


def rounded(value: float | None) -> float | None:
    """A figure as written in JSON: four decimals, or ``None`` when undefined."""
    return None if value is None else round(value, 4)


def shown(value: float | None, digits: int = 3) -> str:
    """A figure as printed: ``digits`` decimals, or ``n/a`` when undefined."""
    return "n/a" if value is None else f"{value:.{digits}f}"


def score_mode(mode: str, level: str, gold: list[bool], predicted: list[bool]) -> ModeScore:
    """Score one mode over aligned per-unit gold labels and predictions."""
    pairs = list(zip(gold, predicted, strict=True))
    true_positives = sum(1 for is_gold, is_predicted in pairs if is_gold and is_predicted)
    false_positives = sum(1 for is_gold, is_predicted in pairs if is_predicted and not is_gold)
    false_negatives = sum(1 for is_gold, is_predicted in pairs if is_gold and not is_predicted)
    true_negatives = len(pairs) - true_positives - false_positives - false_negatives
    return ModeScore(mode, level, true_positives, false_positives, false_negatives, true_negatives)


def macro_modes(scores: list[ModeScore]) -> list[str]:
    """The modes the macro F1 averages: those with support (F1 is undefined without)."""
    return [score.mode for score in scores if score.f1 is not None]


def macro_f1(scores: list[ModeScore]) -> float | None:
    """Mean F1 over the modes with support; ``None`` when no mode has any."""
    values = [score.f1 for score in scores if score.f1 is not None]
    return sum(values) / len(values) if values else None


def micro_f1(scores: list[ModeScore]) -> float | None:
    """F1 of the true positives, false positives and misses pooled over the modes with
    support, criterion- and rubric-level units alike; ``None`` when no mode has support."""
    supported = [score for score in scores if score.support]
    if not supported:
        return None
    true_positives = sum(score.true_positives for score in supported)
    predicted = sum(score.predicted for score in supported)
    support = sum(score.support for score in supported)
    return 2 * true_positives / (predicted + support)
