"""Confidence intervals for F1 by resampling rubrics (the bootstrap).

Labelled sets are small (about a hundred rubrics), so an F1 moves by several points when a few
rubrics change. Resampling whole rubrics with replacement, as the units the labels were drawn
in, shows how far: the interval holds the middle 95% of the F1 values of the resamples.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

SEED = 0
LEVEL = 0.95
DRAWS_PER_BLOCK = 1_000_000  # rubric draws held at once (8 MB), however large the run


@dataclass(frozen=True)
class Interval:
    """A percentile interval of the resampled values."""

    low: float
    high: float

    def as_list(self) -> list[float]:
        """The JSON form: ``[low, high]``."""
        return [round(self.low, 4), round(self.high, 4)]


def interval_json(interval: Interval | None) -> list[float] | None:
    """An interval as JSON writes it: ``[low, high]``, or ``None`` when it is undefined."""
    return None if interval is None else interval.as_list()


def rubric_counts(
    groups: list[int], gold: list[bool], predicted: list[bool], rubrics: int
) -> np.ndarray:
    """True positives, false positives and false negatives per rubric, shape (rubrics, 3)."""
    counts = np.zeros((rubrics, 3), dtype=np.int64)
    for group, is_gold, is_predicted in zip(groups, gold, predicted, strict=True):
        if is_gold and is_predicted:
            counts[group, 0] += 1
        elif is_predicted:
            counts[group, 1] += 1
        elif is_gold:
            counts[group, 2] += 1
    return counts


def _resampled_totals(counts: np.ndarray, resamples: int, seed: int) -> np.ndarray:
    """Each mode's summed counts in each resample, shape (modes, resamples, 3), from per-rubric
    ``counts`` of shape (modes, rubrics, 3).

    The resamples are drawn a block at a time, so memory stays near ``DRAWS_PER_BLOCK``
    numbers whatever the number of rubrics and resamples; the blocks continue one random
    stream, so the draws are those of a single call.
    """
    rubrics = counts.shape[1]
    generator = np.random.default_rng(seed)
    block = max(1, DRAWS_PER_BLOCK // rubrics)
    parts = []
    for start in range(0, resamples, block):
        size = min(block, resamples - start)
        draws = generator.integers(0, rubrics, size=(size, rubrics))
        # how many times each rubric is drawn, per resample: (size, rubrics)
        offsets = (np.arange(size)[:, None] * rubrics + draws).ravel()
        weights = np.bincount(offsets, minlength=size * rubrics).reshape(size, rubrics)
        parts.append(np.einsum("sr,mrk->msk", weights, counts))
    return np.concatenate(parts, axis=1)


def f1_intervals(
    counts: dict[str, np.ndarray], resamples: int, seed: int = SEED
) -> tuple[dict[str, Interval], Interval | None]:
    """95% intervals of each mode's F1 and of the macro F1 over ``resamples`` resamples.

    ``counts`` maps each mode to its per-rubric counts (:func:`rubric_counts`), all over the
    same rubrics. A resample draws rubrics with replacement; in it, a mode without support is
    left out of the macro F1, as in :func:`rift_lint.evaluation.metrics.macro_f1`. A mode
    without support in any resample has no interval, nor has the macro F1 when no resample
    has a mode with support (the figures themselves are then undefined). The seed is fixed,
    so the same labels and findings always give the same intervals.
    """
    modes = list(counts)
    totals = _resampled_totals(np.stack([counts[mode] for mode in modes]), resamples, seed)
    tp, fp, fn = totals[..., 0], totals[..., 1], totals[..., 2]
    denominator = 2 * tp + fp + fn
    f1 = np.divide(2 * tp, denominator, out=np.zeros(tp.shape), where=denominator > 0)
    supported = (tp + fn) > 0
    with np.errstate(invalid="ignore"):
        macro = np.where(supported, f1, 0.0).sum(axis=0) / supported.sum(axis=0)
    tail = 100 * (1 - LEVEL) / 2
    per_mode = {}
    for index, mode in enumerate(modes):
        values = f1[index][supported[index]]
        if values.size:
            low, high = np.percentile(values, [tail, 100 - tail])
            per_mode[mode] = Interval(float(low), float(high))
    macro = macro[np.isfinite(macro)]
    if not macro.size:
        return per_mode, None
    low, high = np.percentile(macro, [tail, 100 - tail])
    return per_mode, Interval(float(low), float(high))
