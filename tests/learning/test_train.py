"""Training recovers a known answer, and the model decides findings in check and eval."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from fakes import FakeEmbedder
from synthetic import write_labels

from rift_lint.cli import main
from rift_lint.config import ConfigResolver
from rift_lint.embeddings.provider import EmbeddingProvider
from rift_lint.engine import Linter
from rift_lint.evaluation.runner import evaluate
from rift_lint.learning.choice import ModelChoice
from rift_lint.learning.features import criterion_feature_names
from rift_lint.learning.modelfile import load_model, save_model
from rift_lint.learning.train import TrainResult, format_report, train


@pytest.fixture(scope="module")
def trained(tmp_path_factory: pytest.TempPathFactory) -> tuple[TrainResult, Path]:
    """A model trained on 20 synthetic rubrics without embeddings, saved to a file."""
    folder = tmp_path_factory.mktemp("train")
    labels = write_labels(folder / "labels.jsonl", 20)
    result = train(labels, ConfigResolver(isolated=True), EmbeddingProvider(enabled=False))
    path = folder / "model.json"
    save_model(result.model, path)
    return result, path


def _rubric(folder: Path, *criteria: str) -> Path:
    """A YAML rubric with a prompt and the given criterion texts."""
    path = folder / "rubric.yaml"
    lines = ["prompt: Write a note.", "criteria:", *(f"  - text: {text}" for text in criteria)]
    path.write_text("\n".join(lines) + "\n")
    return path


def test_learned_model_recovers_the_known_rule(trained: tuple[TrainResult, Path]) -> None:
    result, _ = trained
    report = {r.mode: r for r in result.reports}["subjective"]
    assert report.rules_only.precision == pytest.approx(0.5)
    assert report.model is not None
    assert report.model.f1 == pytest.approx(1.0)
    assert report.threshold is not None and report.threshold > 0
    subjective = result.model.modes["subjective"]
    weights = dict(zip(subjective.features, subjective.coef, strict=True))
    assert weights["log_words"] == min(weights.values()), "length must carry the decision"
    assert set(result.model.modes) == {"subjective"}, "modes without labels are not fitted"


def test_model_generalises_to_unseen_rubrics(
    trained: tuple[TrainResult, Path], tmp_path: Path
) -> None:
    _, path = trained
    unseen = write_labels(tmp_path / "unseen.jsonl", 6, offset=100)
    resolver = ConfigResolver(isolated=True)
    rules_only = {s.mode: s for s in evaluate(unseen, resolver, ["subjective"]).scores}
    with_model = evaluate(unseen, resolver, ["subjective"], ModelChoice(path=path)).scores[0]
    assert rules_only["subjective"].precision == pytest.approx(0.5)
    assert (with_model.precision, with_model.recall) == (1.0, 1.0)


def test_model_file_round_trips(trained: tuple[TrainResult, Path]) -> None:
    result, path = trained
    assert load_model(path) == result.model.model_copy(
        update={"checksum": load_model(path).checksum}
    )
    payload = json.loads(path.read_text())
    assert payload["format"] == "rift-lint-model"
    assert payload["modes"]["subjective"]["features"] == list(criterion_feature_names(False))


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda p: p["modes"]["subjective"]["coef"].__setitem__(0, 9.0), "checksum mismatch"),
        (lambda p: p.__setitem__("feature_version", 0), "feature version 0"),
        (lambda p: p.__setitem__("format", "pickle"), "not a rift-lint model file"),
        (lambda p: p.__setitem__("format_version", 99), "format 99 is not supported"),
    ],
)
def test_tampered_or_mismatched_files_are_refused(
    trained: tuple[TrainResult, Path], tmp_path: Path, edit, message: str
) -> None:
    _, path = trained
    payload = json.loads(path.read_text())
    edit(payload)
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(payload))
    result = CliRunner().invoke(
        main, ["check", "--isolated", "--no-embeddings", "--model", str(bad), str(bad)]
    )
    assert result.exit_code == 2
    assert message in result.output
    assert str(bad) in result.output


def test_non_json_model_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "model.json"
    bad.write_text('{"format": "rift-lint-model", "weights": NaN}')
    result = CliRunner().invoke(main, ["eval", "--isolated", "--model", str(bad), str(bad)])
    assert result.exit_code == 2
    assert "invalid JSON" in result.output


def test_check_applies_the_model_and_no_model_turns_it_off(
    trained: tuple[TrainResult, Path], tmp_path: Path
) -> None:
    _, path = trained
    rubric = _rubric(
        tmp_path,
        "The answer is clear.",
        "The answer is clear for a reader who has never used a spreadsheet before today",
    )
    args = ["check", "--isolated", "--no-embeddings", "--select", "RL101", "--format", "json"]
    decided = CliRunner().invoke(main, [*args, "--model", str(path), str(rubric)])
    plain = CliRunner().invoke(main, [*args, "--no-model", str(rubric)])
    found = json.loads(decided.output)["diagnostics"]
    assert [d["location"]["row"] for d in found] == [3]
    assert 0.5 < found[0]["confidence"] <= 1.0
    assert [d["location"]["row"] for d in json.loads(plain.output)["diagnostics"]] == [3, 4]


def test_model_needing_embeddings_is_not_applied_without_them(tmp_path: Path) -> None:
    labels = write_labels(tmp_path / "labels.jsonl", 12)
    fake = EmbeddingProvider(fixed=FakeEmbedder())
    result = train(labels, ConfigResolver(isolated=True), fake, folds=3)
    assert result.model.embedding_model == FakeEmbedder.model_id
    path = tmp_path / "model.json"
    save_model(result.model, path)
    linter = Linter(
        ConfigResolver(isolated=True), EmbeddingProvider(enabled=False), ModelChoice(path=path)
    )
    linted = linter.lint_path(labels, "labels.jsonl")
    assert linter.unused_models == {str(path)}
    assert sum(d.code == "RL101" for d in linted.diagnostics) == 48


def test_eval_says_when_a_model_needing_embeddings_is_not_applied(tmp_path: Path) -> None:
    labels = write_labels(tmp_path / "labels.jsonl", 12)
    result = train(labels, ConfigResolver(isolated=True), EmbeddingProvider(fixed=FakeEmbedder()))
    path = tmp_path / "model.json"
    save_model(result.model, path)
    command = ["eval", str(labels), "--isolated", "--no-embeddings", "--model", str(path)]
    evaluated = CliRunner().invoke(main, command)
    assert evaluated.exit_code == 0, evaluated.output
    assert evaluated.stderr == (
        f"rift-lint: model {path} not applied: it needs the embeddings it was trained with "
        "(drop --no-embeddings or check embeddings.model)\n"
    )


def test_training_is_reproducible(tmp_path: Path) -> None:
    labels = write_labels(tmp_path / "labels.jsonl", 10)
    runner = CliRunner()
    for name in ("a.json", "b.json"):
        result = runner.invoke(
            main,
            ["train", str(labels), "-o", str(tmp_path / name), "--isolated", "--no-embeddings"],
        )
        assert result.exit_code == 0, result.output
        assert "model (CV) P/R/F1" in result.output and "subjective" in result.output
    assert (tmp_path / "a.json").read_bytes() == (tmp_path / "b.json").read_bytes()


def test_rules_the_model_does_not_judge_report_with_their_own_options(
    trained: tuple[TrainResult, Path], tmp_path: Path
) -> None:
    _, path = trained
    rubric = _rubric(tmp_path, "Includes at least 2 examples", "Includes at least 5 examples")
    args = ["check", "--isolated", "--no-embeddings", "--select", "RL101,RL301"]
    args += ["--format", "json", "--model", str(path), str(rubric)]
    found = json.loads(CliRunner().invoke(main, args).output)["diagnostics"]
    assert [(d["code"], d["location"]["row"]) for d in found] == [("RL301", 4)]


def test_mode_whose_rule_beats_the_model_is_left_to_the_rule(tmp_path: Path) -> None:
    labels = write_labels(tmp_path / "labels.jsonl", 12)
    records = [json.loads(line) for line in labels.read_text().splitlines()]
    for record in records:
        for criterion in record["criteria"]:
            criterion["labels"] = ["subjective"]
    labels.write_text("".join(json.dumps(record) + "\n" for record in records))
    result = train(labels, ConfigResolver(isolated=True), EmbeddingProvider(enabled=False))
    report = {r.mode: r for r in result.reports}["subjective"]
    assert report.rules_only.f1 == pytest.approx(1.0)
    assert report.model is not None and report.model.f1 == pytest.approx(1.0)
    assert report.threshold is None
    assert "subjective" not in result.model.modes
    assert "rules" in format_report(result).splitlines()[2]
