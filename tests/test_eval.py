"""``rift-lint eval``: per-mode precision, recall, F1 and kappa against a labels file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from fakes import TableEmbedder

from rift_lint.cli import main
from rift_lint.config import ConfigResolver
from rift_lint.embeddings.provider import EmbeddingProvider
from rift_lint.evaluation.metrics import micro_f1, score_mode
from rift_lint.evaluation.runner import evaluate


def _rubric(rubric_id: str, texts: list[str], labels: list[str], prompt: str = "p") -> str:
    criteria = [{"id": f"c{i + 1}", "text": t, "labels": []} for i, t in enumerate(texts)]
    return json.dumps({"id": rubric_id, "prompt": prompt, "criteria": criteria, "labels": labels})


@pytest.fixture
def labels_file(tmp_path: Path) -> Path:
    rows = [
        _rubric("r1", ["Cites a source", "cites a source"], ["redundant_criteria"]),
        _rubric("r2", ["Cites a source", "Quotes the source"], ["redundant_criteria"]),
        _rubric("r3", ["Names Paris", "Names Lyon"], []),
        _rubric("r4", ["Names Rome", "Names Milan"], []),
    ]
    path = tmp_path / "labels.jsonl"
    path.write_text("\n".join(rows) + "\n")
    return path


def test_scores_rubric_mode_against_labels(labels_file: Path) -> None:
    result = CliRunner().invoke(
        main, ["eval", str(labels_file), "--format", "json", "--select", "redundant_criteria"]
    )
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output)
    assert scores["modes"]["redundant_criteria"] == {
        "precision": 1.0,
        "recall": 0.5,
        "f1": 0.6667,
        "kappa": 0.5,
        "support": 2,
        "predicted": 1,
        "level": "rubric",
    }
    assert scores["macro_f1"] == 0.6667
    assert (scores["rubrics"], scores["criteria"]) == (4, 8)


def test_table_and_min_f1(labels_file: Path) -> None:
    runner = CliRunner()
    table = runner.invoke(main, ["eval", str(labels_file), "--select", "RL303"])
    assert table.exit_code == 0
    assert table.output.splitlines()[2].split() == [
        "redundant_criteria",
        "rubric",
        "2",
        "1",
        "1.000",
        "0.500",
        "0.667",
        "0.500",
    ]
    below = runner.invoke(main, ["eval", str(labels_file), "--select", "RL303", "--min-f1", "0.7"])
    assert below.exit_code == 1


def test_unknown_label_is_a_usage_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(_rubric("r1", ["x"], ["redundant"]) + "\n")
    result = CliRunner().invoke(main, ["eval", str(path)])
    assert result.exit_code == 2
    assert "rubric r1: 'redundant' is not a rubric-scope mode" in result.output


def test_unknown_mode_selector_is_a_usage_error(labels_file: Path) -> None:
    result = CliRunner().invoke(main, ["eval", str(labels_file), "--select", "vagueness"])
    assert result.exit_code == 2
    assert "Unknown failure mode 'vagueness'" in result.output


def test_micro_f1_pools_counts_over_modes() -> None:
    first = score_mode("a", "criterion", [True, True, False], [True, False, False])
    second = score_mode("b", "criterion", [True, False, False], [True, True, True])
    assert micro_f1([first, second]) == pytest.approx(2 * 2 / (4 + 3))


def test_no_embeddings_scores_without_loading_a_model(
    labels_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*_: object) -> None:
        raise AssertionError("an embedding model was requested")

    monkeypatch.setattr("rift_lint.embeddings.provider.default_embedder", refuse)
    command = ["eval", str(labels_file), "--format", "json", "--select", "redundant_criteria"]
    result = CliRunner().invoke(main, [*command, "--no-embeddings"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["modes"]["redundant_criteria"]["predicted"] == 1
    assert isinstance(CliRunner().invoke(main, command).exception, AssertionError)


def test_criteria_shared_across_the_labels_file_count_as_in_check(tmp_path: Path) -> None:
    template = ["Does the screenplay build tension", "Is this screenplay flawless"]
    rows = [
        _rubric("r1", template, ["low_signal"], prompt="Write a screenplay about a funeral."),
        _rubric("r2", template, ["low_signal"], prompt="Write a screenplay about a diary."),
        _rubric("r3", ["Names the widow", "Ends at the grave"], [], prompt="Write a funeral."),
    ]
    path = tmp_path / "labels.jsonl"
    path.write_text("\n".join(rows) + "\n")
    specific = TableEmbedder(
        {text: {1: 1.0} for text in [*template, "Names the widow", "Ends at the grave"]}
    )
    evaluation = evaluate(
        path,
        ConfigResolver(isolated=True),
        ["low_signal"],
        embeddings=EmbeddingProvider(fixed=specific),
    )
    [score] = evaluation.scores
    assert (score.support, score.predicted, score.true_positives) == (2, 2, 2)


def test_modes_whose_rules_did_not_run_are_not_scored(labels_file: Path) -> None:
    """Without embeddings, RL202 and RL302 do not run: their modes are listed as not scored
    instead of counting 0 in the macro F1. RL003 still runs for redundant_criteria."""
    runner = CliRunner()
    command = ["eval", str(labels_file), "--no-embeddings"]
    scores = json.loads(runner.invoke(main, [*command, "--format", "json"]).output)
    assert scores["not_scored"] == ["missing_criteria", "low_signal"]
    assert "missing_criteria" not in scores["modes"]
    assert "redundant_criteria" in scores["modes"]
    assert scores["macro_f1"] == pytest.approx(2 / 3, abs=1e-4)  # redundant_criteria alone
    table = runner.invoke(main, command).output
    assert (
        table.splitlines()[-1] == "not scored, no rule of theirs ran: missing_criteria, low_signal"
    )
    nothing = runner.invoke(main, [*command, "--select", "RL202"])
    assert nothing.exit_code == 2
    assert "nothing to score: no rule of missing_criteria runs" in nothing.output


def test_repeated_criterion_id_rejects_the_labels_file(tmp_path: Path) -> None:
    criteria = [
        {"id": "c1", "text": "Is engaging", "labels": ["subjective"]},
        {"id": "c1", "text": "Rhymes", "labels": []},
    ]
    path = tmp_path / "labels.jsonl"
    path.write_text(json.dumps({"id": "a", "prompt": "Write a poem", "criteria": criteria}))
    result = CliRunner().invoke(
        main, ["eval", "--no-embeddings", str(path), "--select", "subjective"]
    )
    assert result.exit_code == 2
    column = path.read_text().index('"c1"', 60) + 1
    assert (
        f"labels.jsonl:1:{column}: Criterion 2 repeats the id 'c1' of criterion 1; criterion "
        "ids must be unique within a rubric"
    ) in result.output


def test_pretty_printed_json_labels_file_says_a_record_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "malformed.json"
    path.write_text(json.dumps({"id": "a", "criteria": ["Rhymes"]}, indent=2))
    result = CliRunner().invoke(main, ["eval", "--no-embeddings", str(path)])
    assert result.exit_code == 2
    assert (
        "malformed.json:1:2: Invalid JSON: expected a property name in double quotes (the "
        "record ends with its line: a JSON Lines file holds one JSON object per line)"
    ) in result.output


@pytest.mark.parametrize("command", [["eval"], ["train", "-o", "model.json"]])
@pytest.mark.parametrize("content", ["", "\n\n"])
def test_a_labels_file_without_records_is_a_usage_error(
    tmp_path: Path, command: list[str], content: str
) -> None:
    path = tmp_path / "empty.jsonl"
    path.write_text(content)
    result = CliRunner().invoke(main, [command[0], str(path), *command[1:], "--no-embeddings"])
    assert result.exit_code == 2
    assert f"{path}: the labels file holds no rubric record" in result.output


@pytest.mark.parametrize(
    ("record", "column", "kind"),
    [
        ('{"id": "r", "labels": "low_signal", "criteria": ["Is clear"]}', 23, "a string"),
        ('{"id": "r", "criteria": [{"text": "Is clear", "labels": "subjective"}]}', 57, "a string"),
        ('{"id": "r", "criteria": [{"text": "Is clear", "labels": [1]}]}', 57, "a list holding"),
    ],
)
def test_labels_that_are_not_a_list_of_modes_reject_the_labels_file(
    tmp_path: Path, record: str, column: int, kind: str
) -> None:
    path = tmp_path / "labels.jsonl"
    path.write_text(record + "\n")
    result = CliRunner().invoke(main, ["eval", str(path), "--no-embeddings"])
    assert result.exit_code == 2
    assert f"{path}:1:{column}: 'labels' must be a list of failure-mode ids" in result.output
    assert f"not {kind}" in result.output
