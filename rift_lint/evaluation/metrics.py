"""Per-mode agreement metrics: precision, recall, F1 and Cohen's kappa."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ModeScore:
    """Agreement between predictions and labels for one failure mode."""

    mode: str
    level: str
    support: int
    predicted: int
    precision: float
    recall: float
    f1: float
    kappa: float
    true_positives: int

    def as_dict(self) -> dict[str, float | int | str]:
        """The JSON form of the score."""
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "kappa": round(self.kappa, 4),
            "support": self.support,
            "predicted": self.predicted,
            "level": self.level,
        }


def score_mode(mode: str, level: str, gold: list[bool], predicted: list[bool]) -> ModeScore:
    """Score one mode over aligned per-unit gold labels and predictions."""
    from sklearn.metrics import cohen_kappa_score, precision_recall_fscore_support

    precision, recall, f1, _ = precision_recall_fscore_support(
        gold, predicted, average="binary", pos_label=True, zero_division=0.0
    )
    kappa = 0.0
    if len(set(gold) | set(predicted)) > 1:
        kappa = float(cohen_kappa_score(gold, predicted))
        kappa = 0.0 if kappa != kappa else kappa
    true_positives = sum(g and p for g, p in zip(gold, predicted, strict=True))
    return ModeScore(
        mode=mode,
        level=level,
        support=sum(gold),
        predicted=sum(predicted),
        precision=float(precision),
        recall=float(recall),
        f1=float(f1),
        kappa=kappa,
        true_positives=true_positives,
    )


def macro_f1(scores: list[ModeScore]) -> float:
    """Mean F1 over the modes that have support."""
    supported = [score.f1 for score in scores if score.support]
    return sum(supported) / len(supported) if supported else 0.0


def micro_f1(scores: list[ModeScore]) -> float:
    """F1 of the pooled true/false positives and negatives over modes with support."""
    supported = [score for score in scores if score.support]
    true_positives = sum(score.true_positives for score in supported)
    predicted = sum(score.predicted for score in supported)
    support = sum(score.support for score in supported)
    if not true_positives:
        return 0.0
    return 2 * true_positives / (predicted + support)
