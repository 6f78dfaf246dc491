"""Training recovers a known answer, and the model decides findings in check and eval."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from fakes import FakeEmbedder
from synthetic import write_labels

import rift_lint
from rift_lint import __version__
from rift_lint.cli import main
from rift_lint.config import ConfigResolver
from rift_lint.embeddings.provider import EmbeddingProvider
from rift_lint.engine import Linter
from rift_lint.evaluation.runner import evaluate
from rift_lint.learning.choice import ModelChoice
from rift_lint.learning.features import criterion_feature_names
from rift_lint.learning.modelfile import load_model, save_model
from rift_lint.learning.train import TrainResult, train
from rift_lint.learning.train_report import format_report


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


def _relabelled(path: Path, rubrics: int, edit: Callable[[int, dict], None]) -> Path:
    """Synthetic labels (:func:`synthetic.write_labels`) with ``edit(index, record)`` applied
    to each record."""
    write_labels(path, rubrics)
    records = [json.loads(line) for line in path.read_text().splitlines()]
    for index, record in enumerate(records):
        edit(index, record)
    path.write_text("".join(json.dumps(record) + "\n" for record in records))
    return path


def _train(labels: Path, output: Path, *options: str) -> Result:
    """``rift-lint train`` on ``labels`` without configuration or embeddings."""
    command = ["train", str(labels), "-o", str(output), "--isolated", "--no-embeddings"]
    return CliRunner().invoke(main, [*command, *options])


def _all_subjective(_: int, record: dict) -> None:
    """Every criterion labelled subjective: RL101, which flags them all, is always right."""
    for criterion in record["criteria"]:
        criterion["labels"] = ["subjective"]


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


def test_train_to_a_stream_prints_the_sha256_of_the_model_it_wrote(tmp_path: Path) -> None:
    """-o /dev/stdout into a pipe: the digest was read back from the pipe, which hung."""
    labels = write_labels(tmp_path / "labels.jsonl", 8)
    command = [sys.executable, "-m", "rift_lint", "train", str(labels), "-o", "/dev/stdout"]
    source = Path(rift_lint.__file__).parents[1]  # the code under test, in the subprocess too
    completed = subprocess.run(
        [*command, "--isolated", "--no-embeddings"],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(source)},
    )
    assert completed.returncode == 0, completed.stderr
    lines = completed.stdout.splitlines(keepends=True)
    start, end = lines.index("{\n"), lines.index("}\n")
    model = "".join(lines[start : end + 1])
    digest = hashlib.sha256(model.encode()).hexdigest()
    assert lines[end + 1 :] == [f"wrote /dev/stdout (1 mode; sha256 {digest})\n"]
    assert json.loads(model)["format"] == "rift-lint-model"


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (
            lambda p: p["modes"]["subjective"]["coef"].__setitem__(0, 9.0),
            "checksum mismatch: the model file was edited after `rift-lint train` wrote it",
        ),
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


def test_a_truncated_model_file_is_refused_as_invalid_json(
    trained: tuple[TrainResult, Path], tmp_path: Path
) -> None:
    """Cut anywhere before its closing brace, a model file is no JSON: refused as such
    (docs/learning.md), before any checksum is read."""
    _, path = trained
    cut = tmp_path / "cut.json"
    cut.write_text(path.read_text()[: len(path.read_text()) // 2])
    result = CliRunner().invoke(
        main, ["check", "--isolated", "--no-embeddings", "--model", str(cut), str(cut)]
    )
    assert result.exit_code == 2
    assert result.stderr.startswith(
        f"rift-lint: error: {cut}: not a rift-lint model file (invalid JSON: "
    )


@pytest.mark.parametrize(
    ("config_name", "table"),
    [("rift-lint.toml", ""), ("pyproject.toml", "[tool.rift-lint]\n")],
)
def test_an_unusable_model_set_in_the_configuration_names_the_setting(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, config_name: str, table: str
) -> None:
    """The error names the configuration file and the line of its ``model`` as well as the
    model file and why it cannot be used; ``--model`` names the model file alone."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / config_name).write_text(f'{table}cache-dir = "c"\nmodel = "model.json"\n')
    (tmp_path / "model.json").write_text('{"format": "rift-lint-model", "mo')
    rubric = _rubric(tmp_path, "Names the dose")
    write_labels(tmp_path / "labels.jsonl", 2)
    line = 3 if table else 2
    model = tmp_path / "model.json"
    name = "[tool.rift-lint] " if table else ""
    for command in (["check", "--no-embeddings", str(rubric)], ["eval", "labels.jsonl"]):
        result = CliRunner().invoke(main, command)
        assert result.exit_code == 2
        assert result.stderr.startswith(
            f"rift-lint: error: {tmp_path / config_name}:{line}: {name}{model}: not a rift-lint "
            "model file (invalid JSON: "
        )
    given = CliRunner().invoke(main, ["check", "--no-embeddings", "--model", str(model), "."])
    assert given.stderr.startswith(f"rift-lint: error: {model}: not a rift-lint model file")


@pytest.mark.parametrize(
    ("key", "edit", "message"),
    [
        ("vagueness", lambda e: None, "mode vagueness: not a failure mode of this version"),
        (
            "subjective",
            lambda e: e.update(rule="RL102"),
            "mode subjective: judges RL102 (subjective, criterion scope) where this version's "
            "subjective is RL101 (criterion scope); retrain it with `rift-lint train`",
        ),
        (
            "subjective",
            lambda e: e.update(mode="non_atomic"),
            "mode subjective: judges RL101 (non_atomic, criterion scope) where this version's "
            "subjective is RL101 (criterion scope); retrain it with `rift-lint train`",
        ),
    ],
)
def test_a_checksummed_entry_that_does_not_match_the_taxonomy_is_refused(
    trained: tuple[TrainResult, Path], tmp_path: Path, key: str, edit, message: str
) -> None:
    """Edited with its checksum recomputed, or written by a version whose mode had another
    rule: the checksum holds, but the entry would judge the wrong findings."""
    result, _ = trained
    entry = result.model.modes["subjective"]
    changed = entry.model_dump()
    edit(changed)
    model = result.model.model_copy(update={"modes": {key: type(entry)(**changed)}})
    bad = tmp_path / "model.json"
    save_model(model, bad)
    outcome = CliRunner().invoke(
        main, ["check", "--isolated", "--no-embeddings", "--model", str(bad), str(bad)]
    )
    assert outcome.exit_code == 2
    assert outcome.output == f"rift-lint: error: {bad}: {message}\n"


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


def test_components_are_dropped_where_a_training_part_holds_one_criterion(
    tmp_path: Path,
) -> None:
    """Three one-criterion rubrics: an inner training part holds a single criterion, from
    which no principal component can be fitted (it raised a ValueError)."""
    labels = _relabelled(
        tmp_path / "labels.jsonl",
        3,
        lambda index, record: record.update(criteria=record["criteria"][index % 2 :][:1]),
    )
    fake = EmbeddingProvider(fixed=FakeEmbedder())
    result = train(labels, ConfigResolver(isolated=True), fake, folds=3, components=4)
    report = result.reports[0]
    assert (report.mode, report.rules_only.support) == ("subjective", 2)
    assert report.model is not None  # cross-validated, as without --components
    assert report.model.support == 2


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


def test_rules_the_model_does_not_judge_count_as_run_on_the_file(
    trained: tuple[TrainResult, Path], tmp_path: Path
) -> None:
    """A rule left to itself reports on the file, so a report (baseline staleness, the HTML
    report's modes run) must count it as run there; the rules run only for the model's
    features must not be."""
    result, path = trained
    rubric = _rubric(tmp_path, "Includes at least 2 examples")
    config = ConfigResolver(isolated=True, overrides={"select": ["RL101", "RL301"]})
    linter = Linter(config, EmbeddingProvider(enabled=False), ModelChoice(path=path))
    linted = linter.lint_path(rubric, "rubric.yaml")
    assert "subjective" in result.model.modes and "hackable" not in result.model.modes
    assert linted.rules_run == {"RL001", "RL101", "RL301"}  # RL001 runs whatever is selected


def test_eval_with_a_model_scores_only_the_modes_of_rules_that_report(
    trained: tuple[TrainResult, Path], tmp_path: Path
) -> None:
    """The rules run only for the model's features report nothing, so their modes are not
    scored: with or without the model, eval scores the modes of the selected rules alone."""
    _, path = trained
    labels = write_labels(tmp_path / "labels.jsonl", 6, offset=100)
    config = ConfigResolver(isolated=True, overrides={"select": ["RL101"]})
    off = EmbeddingProvider(enabled=False)
    plain = evaluate(labels, config, [], None, off)
    judged = evaluate(labels, config, [], ModelChoice(path=path), off)
    assert judged.settings.model is not None and judged.settings.model.applied
    assert [score.mode for score in judged.scores] == ["subjective"]
    assert [score.mode for score in plain.scores] == ["subjective"]
    assert judged.not_scored == plain.not_scored


def test_mode_whose_rule_beats_the_model_is_left_to_the_rule(tmp_path: Path) -> None:
    labels = _relabelled(tmp_path / "labels.jsonl", 12, _all_subjective)
    result = train(labels, ConfigResolver(isolated=True), EmbeddingProvider(enabled=False))
    report = {r.mode: r for r in result.reports}["subjective"]
    assert report.rules_only.f1 == pytest.approx(1.0)
    assert report.model is not None and report.model.f1 == pytest.approx(1.0)
    assert report.threshold is None
    assert "subjective" not in result.model.modes
    [row] = [line for line in format_report(result).splitlines() if line.startswith("subj")]
    assert row.endswith("rules")


def _duplicate_every_third(index: int, record: dict) -> None:
    """Every third rubric repeats a criterion (RL003 finds it) and is labelled
    redundant_criteria."""
    if index % 3 == 0:
        record["criteria"].append(dict(record["criteria"][1], id="copy"))
        record["labels"] = ["redundant_criteria"]


def test_train_and_eval_score_the_same_modes_with_the_same_rules_figure(tmp_path: Path) -> None:
    """Under --no-embeddings RL303 does not run but RL003 does: eval scores redundant_criteria
    from RL003, and so does train's rules column, which lists the mode as not fitted."""
    labels = _relabelled(tmp_path / "labels.jsonl", 12, _duplicate_every_third)
    common = [str(labels), "--isolated", "--no-embeddings"]
    evaluated = json.loads(CliRunner().invoke(main, ["eval", *common, "--format", "json"]).output)
    trained = CliRunner().invoke(main, ["train", *common, "-o", str(tmp_path / "m.json")])
    assert trained.exit_code == 0, trained.output
    assert evaluated["modes"]["redundant_criteria"]["f1"] == 1.0
    assert evaluated["not_scored"] == ["missing_criteria", "low_signal"]
    rows = [line for line in trained.output.splitlines() if line.startswith("redundant")]
    assert rows == [
        "redundant_criteria          4  1.00/1.00/1.00      (not fitted: RL303 does not run "
        "under --no-embeddings)"
    ]
    macro = f"macro F1: rules {evaluated['macro_f1']:.3f}, model (cross-validated"
    assert macro in trained.output
    assert "not scored, no rule of theirs ran: missing_criteria, low_signal" in trained.output
    resolver, off = ConfigResolver(isolated=True), EmbeddingProvider(enabled=False)
    result = train(labels, resolver, off)
    assert result.macro("rules") == evaluate(labels, resolver, [], None, off).macro_f1


def test_train_says_what_it_measured(tmp_path: Path) -> None:
    labels = write_labels(tmp_path / "labels.jsonl", 10)
    output = tmp_path / "m.json"
    result = _train(labels, output, "--c", "0.5")
    assert result.exit_code == 0, result.output
    digest = hashlib.sha256(labels.read_bytes()).hexdigest()
    assert result.stdout.splitlines()[:4] == [
        f"rift-lint {__version__} on {labels} (sha256 {digest[:12]})",
        "embeddings: off; config: none (--isolated); modes: all",
        "folds: 5; c: 0.5; components: 0",
        "",
    ]
    assert result.stdout.splitlines()[4].split()[-2:] == ["kappa", "threshold"]
    written = hashlib.sha256(output.read_bytes()).hexdigest()
    assert result.stdout.splitlines()[-1] == f"wrote {output} (1 mode; sha256 {written})"


def test_eval_on_the_models_own_labels_says_the_figures_are_in_sample(
    trained: tuple[TrainResult, Path], tmp_path: Path
) -> None:
    result, path = trained
    own = tmp_path / "labels.jsonl"
    write_labels(own, 20)
    assert hashlib.sha256(own.read_bytes()).hexdigest() == result.model.training["labels_sha256"]
    command = ["eval", "--isolated", "--no-embeddings", "--model", str(path), "--select", "RL101"]
    in_sample = CliRunner().invoke(main, [*command, str(own), "--format", "json"])
    assert in_sample.exit_code == 0, in_sample.output
    assert in_sample.stderr == (
        f"rift-lint: note: model {path} was trained on {own} (same sha256): these figures are "
        "in-sample, not a measure of how the model does on rubrics it has not seen\n"
    )
    model = json.loads(in_sample.stdout)["settings"]["model"]
    assert model == {
        "path": str(path),
        "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
        "applied": True,
        "reason": None,
        "in_sample": True,
    }
    table = CliRunner().invoke(main, [*command, str(own)]).stdout
    assert table.splitlines()[1].endswith(", trained on these labels: in-sample)")
    unseen = write_labels(tmp_path / "unseen.jsonl", 6, offset=100)
    held_out = CliRunner().invoke(main, [*command, str(unseen), "--format", "json"])
    assert held_out.stderr == ""
    assert json.loads(held_out.stdout)["settings"]["model"]["in_sample"] is False


def test_nothing_fitted_is_said_plainly_and_no_model_is_written(tmp_path: Path) -> None:
    labels = write_labels(tmp_path / "labels.jsonl", 1)
    output = tmp_path / "m.json"
    result = _train(labels, output)
    assert result.exit_code == 2
    assert not output.exists()
    assert "cross-validated" not in result.output
    rows = result.stdout.splitlines()
    assert rows[6] == (
        "subjective                  2  0.50/1.00/0.67      (not fitted: 1 rubric, "
        "cross-validation needs 2)"
    )
    assert (
        "macro F1: rules 0.667; no mode was fitted (see why above), so there is no model figure"
        in rows
    )
    assert result.stderr.splitlines() == [
        "rift-lint: --folds 5 not used: the labels file holds 1 rubric, and cross-validation "
        "needs 2, so no mode is fitted",
        f"rift-lint: error: {output} not written: the model would hold no mode: no mode could "
        "be fitted (the table says why)",
    ]


@pytest.mark.parametrize(
    ("labels", "reason"),
    [
        ([[], [], [], []], "0 labelled positives, 2 needed"),
        ([["subjective"], [], [], []], "1 labelled positive, 2 needed"),
    ],
)
def test_a_mode_with_too_few_positives_says_why_it_is_not_fitted(
    tmp_path: Path, labels: list[list[str]], reason: str
) -> None:

    def first_rubric_only(index: int, record: dict) -> None:
        for criterion, chosen in zip(record["criteria"], labels, strict=True):
            criterion["labels"] = chosen if index == 0 else []

    path = _relabelled(tmp_path / "labels.jsonl", 6, first_rubric_only)
    result = train(path, ConfigResolver(isolated=True), EmbeddingProvider(enabled=False))
    report = {r.mode: r for r in result.reports}["subjective"]
    assert (report.model, report.reason) == (None, reason)
    assert f"(not fitted: {reason})" in format_report(result)


def test_a_mode_whose_rule_proposes_nothing_says_so(tmp_path: Path) -> None:

    def hackable_first(_: int, record: dict) -> None:
        record["criteria"][0]["labels"] = ["hackable"]

    path = _relabelled(tmp_path / "labels.jsonl", 6, hackable_first)
    result = train(path, ConfigResolver(isolated=True), EmbeddingProvider(enabled=False))
    report = {r.mode: r for r in result.reports}["hackable"]
    assert (report.model, report.reason) == (None, "RL301 proposes no candidate")


def test_a_model_in_which_every_mode_chose_its_rule_is_not_written(tmp_path: Path) -> None:
    labels = _relabelled(tmp_path / "labels.jsonl", 12, _all_subjective)
    output = tmp_path / "m.json"
    result = _train(labels, output)
    assert result.exit_code == 2
    assert not output.exists()
    assert "model (cross-validated, grouped by rubric) 1.000" in result.stdout
    assert result.stderr == (
        f"rift-lint: error: {output} not written: the model would hold no mode: for every "
        "fitted mode the rule's own decisions scored at least as well as the model (threshold "
        "column: rules)\n"
    )


def test_folds_above_the_number_of_rubrics_are_lowered_with_a_note(tmp_path: Path) -> None:
    labels = write_labels(tmp_path / "labels.jsonl", 6)
    output = tmp_path / "m.json"
    result = _train(labels, output, "--folds", "10")
    assert result.exit_code == 0, result.output
    assert result.stderr == "rift-lint: --folds 10 lowered to 6: the labels file holds 6 rubrics\n"
    assert "folds: 6; c: 1.0; components: 0" in result.stdout
    training = load_model(output).training
    assert (training["folds"], training["folds_requested"]) == (6, 10)


@pytest.mark.parametrize(
    ("where", "problem"),
    [
        ("missing/m.json", "the directory {folder}/missing does not exist"),
        ("file.txt/m.json", "the directory {folder}/file.txt does not exist"),
    ],
)
def test_an_unwritable_output_fails_before_fitting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str, problem: str
) -> None:
    labels = write_labels(tmp_path / "labels.jsonl", 6)
    (tmp_path / "file.txt").write_text("")

    def refuse(*_: object) -> None:
        raise AssertionError("fitting started")

    monkeypatch.setattr("rift_lint.learning.train.train", refuse)
    output = tmp_path / where
    result = CliRunner().invoke(main, ["train", str(labels), "-o", str(output), "--isolated"])
    assert result.exit_code == 2
    assert result.output == (
        f"rift-lint: error: {output}: cannot write the model file: "
        f"{problem.format(folder=tmp_path)}\n"
    )


def test_components_without_embeddings_are_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without embeddings there is nothing to reduce: the run would otherwise record
    ``components: 4`` in its header and the model file while appending none."""
    labels = write_labels(tmp_path / "labels.jsonl", 6)

    def refuse(*_: object) -> None:
        raise AssertionError("fitting started")

    monkeypatch.setattr("rift_lint.learning.train.train", refuse)
    output = tmp_path / "m.json"
    result = _train(labels, output, "--components", "4")
    assert result.exit_code == 2
    assert result.output == (
        "rift-lint: error: --components 4 reduces the criterion embeddings, which "
        "--no-embeddings does not compute: drop one of them\n"
    )
    assert not output.exists()


def test_the_help_says_components_need_embeddings() -> None:
    """``train --help`` names the usage error above where a user looks for the option."""
    result = CliRunner().invoke(main, ["train", "--help"], terminal_width=200)
    assert result.exit_code == 0
    assert (
        "Reduced embedding dimensions added to criterion features (0: none; not with "
        "--no-embeddings)." in result.output
    )


def test_an_empty_output_name_is_refused_before_fitting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``-o ''`` names the current directory, which click's own directory check lets by."""
    labels = write_labels(tmp_path / "labels.jsonl", 6)

    def refuse(*_: object) -> None:
        raise AssertionError("fitting started")

    monkeypatch.setattr("rift_lint.learning.train.train", refuse)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["train", str(labels), "-o", "", "--isolated"])
    assert result.exit_code == 2
    assert result.output == "rift-lint: error: .: cannot write the model file: it is a directory\n"


def test_a_suppression_of_a_rule_run_only_for_the_models_features_is_not_unused(
    trained: tuple[TrainResult, Path], tmp_path: Path
) -> None:
    """RL301 is not selected: it runs only to feed the model, and its findings are never
    reported, so a comment suppressing one cannot be told unused."""
    _, path = trained
    rubric = _rubric(tmp_path, "Includes at least 2 examples  # rift-lint: ignore[RL301]")
    args = ["check", "--isolated", "--no-embeddings", "--select", "RL101,RL901"]
    args += ["--format", "concise", "--model", str(path), str(rubric)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "RL901" not in result.output


def test_probabilities_stay_in_range_without_overflow_for_huge_scores() -> None:
    """A hand-edited model with huge coefficients: each probability is 0 or 1 at the
    extremes, 0.5 at a zero score, and numpy warns of no overflow."""
    import warnings

    import numpy as np

    from rift_lint.learning.decide import probabilities
    from rift_lint.learning.modelfile import ModeModel

    mode = ModeModel(
        mode="subjective",
        scope="criterion",
        rule="RL101",
        features=["f"],
        mean=[0.0],
        scale=[1.0],
        coef=[1e6],
        intercept=0.0,
        threshold=0.5,
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        found = probabilities(mode, np.array([[-1.0], [0.0], [1.0], [2e-6]]))
    assert found.tolist() == [0.0, 0.5, 1.0, pytest.approx(1 / (1 + np.exp(-2.0)))]
