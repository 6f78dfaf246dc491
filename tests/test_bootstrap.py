"""Bootstrap intervals of F1 over rubrics (``rift-lint eval --bootstrap``)."""

from __future__ import annotations

import json
import tracemalloc
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from rift_lint.cli import main
from rift_lint.evaluation import bootstrap
from rift_lint.evaluation.bootstrap import f1_intervals, rubric_counts


def test_rubric_counts_sorts_units_into_true_false_positives_and_misses() -> None:
    groups = [0, 0, 0, 1, 1]
    gold = [True, False, True, False, True]
    predicted = [True, True, False, False, True]
    counts = rubric_counts(groups, gold, predicted, rubrics=3)
    assert counts.tolist() == [[1, 1, 1], [1, 0, 0], [0, 0, 0]]


def test_identical_rubrics_give_a_point_interval() -> None:
    # every rubric: one true positive and one false positive, so F1 is 2/3 in any resample
    counts = {"subjective": np.array([[1, 1, 0]] * 30)}
    per_mode, macro = f1_intervals(counts, resamples=200)
    assert per_mode["subjective"].low == pytest.approx(2 / 3)
    assert per_mode["subjective"].high == pytest.approx(2 / 3)
    assert (macro.low, macro.high) == pytest.approx((2 / 3, 2 / 3))


def test_interval_brackets_the_full_sample_and_is_reproducible() -> None:
    rng = np.random.default_rng(7)
    counts = {"non_atomic": rng.integers(0, 3, size=(60, 3))}
    tp, fp, fn = counts["non_atomic"].sum(axis=0)
    f1 = 2 * tp / (2 * tp + fp + fn)
    per_mode, _ = f1_intervals(counts, resamples=500)
    interval = per_mode["non_atomic"]
    assert interval.low < f1 < interval.high
    assert interval.high - interval.low > 0.02
    assert f1_intervals(counts, resamples=500)[0]["non_atomic"] == interval
    assert f1_intervals(counts, resamples=500, seed=1)[0]["non_atomic"] != interval


def test_mode_without_support_is_left_out_of_the_macro() -> None:
    rng = np.random.default_rng(3)
    scored = rng.integers(0, 3, size=(40, 3))
    unsupported = np.zeros((40, 3), dtype=np.int64)
    unsupported[:, 1] = 1  # false positives only: no gold label anywhere
    per_mode, macro = f1_intervals({"a": scored, "b": unsupported}, resamples=300)
    assert "b" not in per_mode
    assert (macro.low, macro.high) == (per_mode["a"].low, per_mode["a"].high)


def test_memory_does_not_grow_with_rubrics_times_resamples(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """4,000 resamples of 5,000 rubrics: drawn all at once, 320 MB of draws and weights."""
    counts = {"subjective": np.random.default_rng(5).integers(0, 3, size=(5000, 3))}
    tracemalloc.start()
    try:
        blocks = f1_intervals(counts, resamples=4000)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 64 * 2**20
    monkeypatch.setattr(bootstrap, "DRAWS_PER_BLOCK", 4000 * 5000)
    assert f1_intervals(counts, resamples=4000) == blocks  # the same draws, in one block


def _labels(tmp_path: Path) -> Path:
    rows = []
    for number in range(12):
        redundant = number % 3 == 0
        texts = ["Cites a source", "cites a source"] if redundant else ["Names Paris", "Names X"]
        criteria = [{"id": f"c{i + 1}", "text": t, "labels": []} for i, t in enumerate(texts)]
        labels = ["redundant_criteria"] if number % 2 == 0 else []
        rows.append(
            json.dumps({"id": f"r{number}", "prompt": "p", "criteria": criteria, "labels": labels})
        )
    path = tmp_path / "labels.jsonl"
    path.write_text("\n".join(rows) + "\n")
    return path


def test_eval_bootstrap_adds_intervals_to_json_and_table(tmp_path: Path) -> None:
    path = _labels(tmp_path)
    command = ["eval", str(path), "--select", "RL303", "--isolated", "--no-embeddings"]
    result = CliRunner().invoke(main, [*command, "--format", "json", "--bootstrap", "200"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output)
    mode = scores["modes"]["redundant_criteria"]
    low, high = mode["f1_ci"]
    assert low <= mode["f1"] <= high and low < high
    assert scores["macro_f1_ci"] == mode["f1_ci"]
    assert scores["bootstrap_resamples"] == 200
    table = CliRunner().invoke(main, [*command, "--bootstrap", "200"])
    lines = table.output.splitlines()
    lines = lines[lines.index("") + 1 :]  # the table, after the settings header
    assert lines[0].endswith("f1 95% CI")
    assert lines[2].endswith(f"[{low:.3f}, {high:.3f}]")
    assert lines[-1] == "95% intervals from 200 bootstrap resamples of the rubrics"
    assert CliRunner().invoke(main, [*command, "--bootstrap", "200"]).output == table.output


def test_eval_without_bootstrap_has_no_intervals(tmp_path: Path) -> None:
    command = ["eval", str(_labels(tmp_path)), "--select", "RL303", "--isolated"]
    result = CliRunner().invoke(main, [*command, "--no-embeddings", "--format", "json"])
    scores = json.loads(result.output)
    assert "macro_f1_ci" not in scores
    assert "f1_ci" not in scores["modes"]["redundant_criteria"]


def test_no_interval_when_no_scored_mode_has_support(tmp_path: Path) -> None:
    """The macro F1 is undefined, so it has no interval: not [0, 0] beside an n/a."""
    path = tmp_path / "labels.jsonl"
    criteria = [{"id": "c1", "text": "Cites a source", "labels": []}]
    rows = [{"id": f"r{n}", "prompt": "p", "criteria": criteria, "labels": []} for n in range(3)]
    path.write_text("".join(json.dumps(row) + "\n" for row in rows))
    command = ["eval", str(path), "--select", "RL3", "--isolated", "--no-embeddings"]
    result = CliRunner().invoke(main, [*command, "--format", "json", "--bootstrap", "50"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output)
    assert (scores["macro_f1"], scores["macro_f1_ci"]) == (None, None)
    assert [mode["f1_ci"] for mode in scores["modes"].values()] == [None, None]
    table = CliRunner().invoke(main, [*command, "--bootstrap", "50"]).output.splitlines()
    assert table[6].startswith("hackable ") and table[6].endswith(" -")
    assert table[9].startswith("micro F1 n/a   macro F1 n/a   (0 modes with support")
    assert f1_intervals({"hackable": np.zeros((3, 3), dtype=np.int64)}, 50) == ({}, None)
