"""``rift-lint eval``: per-mode precision, recall, F1 and kappa against a labels file."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from fakes import TableEmbedder

from rift_lint import __version__
from rift_lint.cli import main
from rift_lint.config import ConfigResolver
from rift_lint.embeddings.provider import EmbeddingProvider
from rift_lint.evaluation.metrics import micro_f1, score_mode
from rift_lint.evaluation.runner import evaluate
from rift_lint.taxonomy import load_modes


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
        "tp": 1,
        "fp": 0,
        "fn": 1,
        "tn": 2,
        "level": "rubric",
    }
    assert scores["macro_f1"] == 0.6667
    assert scores["macro_modes"] == ["redundant_criteria"]
    assert (scores["rubrics"], scores["criteria"]) == (4, 8)


def test_table_and_min_f1(labels_file: Path) -> None:
    runner = CliRunner()
    table = runner.invoke(main, ["eval", str(labels_file), "--select", "RL303"])
    assert table.exit_code == 0
    assert _row(table.output, "redundant_criteria") == [
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


def _row(output: str, mode: str) -> list[str]:
    """The cells of ``mode``'s row in a table printed by ``eval`` or ``train``."""
    [line] = [line for line in output.splitlines() if line.startswith(f"{mode} ")]
    return line.split()


@pytest.mark.parametrize(
    ("rubric_labels", "criterion_labels", "problem"),
    [
        (
            ["redundant"],
            [],
            "rubric r1: 'redundant' is not a failure mode; did you mean "
            "'redundant_criteria'? (the rubric-scope modes: missing_criteria, low_signal, "
            "redundant_criteria)",
        ),
        (
            [],
            ["Subjectiv"],
            "criterion r1/c1: 'Subjectiv' is not a failure mode; did you mean 'subjective'? "
            "(the criterion-scope modes: subjective, non_atomic, ungrounded, "
            "misaligned_or_rigid, hackable)",
        ),
        (
            [],
            ["vagueness"],
            "criterion r1/c1: 'vagueness' is not a failure mode (the criterion-scope modes: "
            "subjective, non_atomic, ungrounded, misaligned_or_rigid, hackable)",
        ),
        (
            ["subjective"],
            [],
            "rubric r1: 'subjective' is a criterion-scope mode: it goes in the labels of a "
            "criterion",
        ),
        (
            [],
            ["low_signal"],
            "criterion r1/c1: 'low_signal' is a rubric-scope mode: it goes in the labels of the "
            "rubric",
        ),
        (
            [],
            ["non-atomic"],
            "criterion r1/c1: 'non-atomic' is the name of mode 'non_atomic': labels hold mode ids",
        ),
    ],
)
def test_a_label_that_is_no_mode_of_its_scope_is_a_usage_error(
    tmp_path: Path, rubric_labels: list[str], criterion_labels: list[str], problem: str
) -> None:
    record = json.loads(_rubric("r1", ["x"], rubric_labels))
    record["criteria"][0]["labels"] = criterion_labels
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps(record) + "\n")
    result = CliRunner().invoke(main, ["eval", "--isolated", "--no-embeddings", str(path)])
    assert result.exit_code == 2
    column = path.read_text().index(json.dumps([*rubric_labels, *criterion_labels][0])) + 1
    assert result.output == f"rift-lint: error: {path}:1:{column}: {problem}\n"


def test_a_label_that_is_no_mode_is_reported_at_the_label_itself(tmp_path: Path) -> None:
    """The column is the label's, in characters, in the labels of the criterion that holds
    it, not an earlier text that spells it."""
    record = json.loads(_rubric("r1", ["Évite « subjectiv »", "x"], ["low_signal"]))
    record["criteria"][0]["labels"] = ["subjective"]
    record["criteria"][1]["labels"] = ["subjective", "subjectiv"]
    path = tmp_path / "bad.jsonl"
    line = json.dumps(record, ensure_ascii=False)
    path.write_text(f"{_rubric('r0', ['y'], [])}\n{line}\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", "--isolated", "--no-embeddings", str(path)])
    assert result.exit_code == 2
    column = line.rindex('"subjectiv"') + 1
    assert result.output.startswith(f"rift-lint: error: {path}:2:{column}: criterion r1/c2: ")


def test_unknown_mode_selector_is_a_usage_error(labels_file: Path) -> None:
    result = CliRunner().invoke(main, ["eval", str(labels_file), "--select", "vagueness"])
    assert result.exit_code == 2
    assert "Unknown failure mode 'vagueness'" in result.output


@pytest.mark.parametrize(
    ("selector", "rule"),
    [("RL001", "RL001 (parse-error)"), ("rl901", "RL901 (unused-suppression)")],
)
def test_a_rule_of_no_failure_mode_is_named_as_such(
    labels_file: Path, selector: str, rule: str
) -> None:
    result = CliRunner().invoke(main, ["eval", str(labels_file), "--select", selector])
    assert result.exit_code == 2
    assert result.output.startswith(
        f"rift-lint: error: {selector!r} is rule {rule}, which counts for no failure mode: "
        "eval scores failure modes (subjective, "
    )


@pytest.mark.parametrize(
    ("selector", "modes"),
    [
        ("RL1", {"subjective", "non_atomic", "ungrounded"}),
        ("rl30", {"hackable", "low_signal", "redundant_criteria"}),
        ("RL003", {"redundant_criteria"}),
        ("RL0", {"redundant_criteria"}),
        ("duplicate-criterion", {"redundant_criteria"}),
        ("low-signal,non_atomic", {"non_atomic", "low_signal"}),
        ("ALL", {mode.id for mode in load_modes()}),
    ],
)
def test_modes_are_selected_as_check_selects_their_rules(
    labels_file: Path, selector: str, modes: set[str]
) -> None:
    """Scored or, for the embedding modes under --no-embeddings, named as not scored."""
    args = ["eval", str(labels_file), "--no-embeddings", "--format", "json", "--select", selector]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert {*report["modes"], *report["not_scored"]} == modes


def test_selected_modes_are_listed_in_taxonomy_order(labels_file: Path) -> None:
    args = ["eval", str(labels_file), "--isolated", "--no-embeddings", "--select"]
    selection = "hackable,subjective,RL003"
    report = json.loads(CliRunner().invoke(main, [*args, selection, "--format", "json"]).output)
    order = ["subjective", "hackable", "redundant_criteria"]
    assert report["settings"]["modes"] == order
    assert list(report["modes"]) == order
    table = CliRunner().invoke(main, [*args, selection]).output
    assert "modes: subjective, hackable, redundant_criteria\n" in table
    assert [line.split()[0] for line in table.splitlines()[6:9]] == order


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
    with_embeddings = CliRunner().invoke(main, command)
    assert with_embeddings.exit_code == 2
    assert "AssertionError: an embedding model was requested" in with_embeddings.stderr


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


@pytest.mark.parametrize("command", [["eval"], ["train", "-o", "m.json"]])
def test_repeated_rubric_id_rejects_the_labels_file(tmp_path: Path, command: list[str]) -> None:
    rows = [
        _rubric("r1", ["Is engaging"], []),
        _rubric("r2", ["Rhymes"], []),
        _rubric("r1", ["Is engaging"], []),
    ]
    path, result = _run_on_rows(tmp_path, command, rows)
    assert result.exit_code == 2
    assert result.output == (
        f"rift-lint: error: {path}:3:1: rubric id 'r1' repeats the id of the rubric on line 1; "
        "rubric ids must be unique in a labels file\n"
    )


def test_a_rubric_id_repeating_a_numbered_one_says_how_rubrics_are_numbered(
    tmp_path: Path,
) -> None:
    first = json.loads(_rubric("r1", ["Is engaging"], []))
    del first["id"]
    rows = [json.dumps(first), _rubric("rubric-1", ["Rhymes"], [])]
    path = tmp_path / "labels.jsonl"
    path.write_text("\n".join(rows) + "\n")
    result = CliRunner().invoke(main, ["eval", "--no-embeddings", "--isolated", str(path)])
    assert result.exit_code == 2
    assert result.output == (
        f"rift-lint: error: {path}:2:1: rubric id 'rubric-1' repeats the id of the rubric on "
        "line 1; rubric ids must be unique in a labels file (a rubric without an id is "
        "numbered rubric-<n> by its record: give it an id)\n"
    )


def _run_on_rows(tmp_path: Path, command: list[str], rows: list[str]) -> tuple[Path, Result]:
    """The labels file of ``rows`` and the result of ``command`` on it (no embeddings, no
    configuration)."""
    path = tmp_path / "labels.jsonl"
    path.write_text("\n".join(rows) + "\n")
    return path, CliRunner().invoke(main, [*command, "--no-embeddings", "--isolated", str(path)])


@pytest.mark.parametrize("command", [["eval"], ["train", "-o", "m.json"]])
@pytest.mark.parametrize("slip", ["label", "Labels", "lables"])
def test_a_slip_for_the_labels_key_holding_modes_rejects_the_labels_file(
    tmp_path: Path, command: list[str], slip: str
) -> None:
    criteria = [
        {"id": "c1", "text": "Is engaging", "labels": []},
        {"id": "c2", "text": "Is vivid", slip: ["subjective"]},
    ]
    rows = [
        _rubric("r1", ["Rhymes"], []),
        json.dumps({"id": "r2", "prompt": "p", "criteria": criteria, "labels": []}),
    ]
    path, result = _run_on_rows(tmp_path, command, rows)
    assert result.exit_code == 2
    column = rows[1].index(f'"{slip}"') + 1
    assert result.output == (
        f"rift-lint: error: {path}:2:{column}: {slip!r} holds failure modes, but only 'labels' "
        "is read: is it a slip for 'labels'?\n"
    )


@pytest.mark.parametrize("command", [["eval"], ["train", "-o", "m.json"]])
def test_labels_in_a_record_of_another_layout_reject_the_labels_file(
    tmp_path: Path, command: list[str]
) -> None:
    items = [{"criterion": "Is engaging", "points": 5, "labels": ["subjective"]}]
    rows = [
        _rubric("r1", ["Rhymes"], []),
        json.dumps({"prompt": [{"role": "user", "content": "Hi"}], "rubrics": items}),
    ]
    path, result = _run_on_rows(tmp_path, command, rows)
    assert result.exit_code == 2
    column = rows[1].index('"labels"') + 1
    assert result.output == (
        f"rift-lint: error: {path}:2:{column}: the record is read in the healthbench layout, "
        "which has no labels, so its 'labels' would count as none: a labels file writes "
        "rift-lint's own schema (id, prompt, and criteria with text and labels)\n"
    )


@pytest.mark.parametrize("command", [["eval"], ["train", "-o", "m.json"]])
@pytest.mark.parametrize(
    ("place", "where"),
    [
        (lambda r: r.setdefault("metadata", {}), "metadata"),
        (lambda r: r["criteria"][1].setdefault("metadata", {}), "criteria[1].metadata"),
        (
            lambda r: r["criteria"][1].setdefault("levels", [{"score": 1}])[0],
            "criteria[1].levels[0]",
        ),
    ],
)
def test_labels_below_a_rubric_or_criterion_reject_the_labels_file(
    tmp_path: Path, command: list[str], place, where: str
) -> None:
    """A ``labels`` list of modes (or an empty one) under ``metadata``, a level or any other
    key is read by nothing: it is refused at its key, as a slip of the key is."""
    record = json.loads(_rubric("r2", ["Is engaging", "Is vivid"], []))
    place(record)["labels"] = ["subjective"]
    rows = [_rubric("r1", ["Rhymes"], []), json.dumps(record)]
    path, result = _run_on_rows(tmp_path, command, rows)
    assert result.exit_code == 2
    column = rows[1].index('"labels": ["subjective"]') + 1
    assert result.output == (
        f"rift-lint: error: {path}:2:{column}: 'labels' under {where!r} holds failure modes, "
        "but only the labels of a rubric record and of its criteria are read, so these would "
        "count as none: move the key to the rubric or criterion it labels\n"
    )


def test_labels_below_a_rubric_holding_other_values_are_metadata(tmp_path: Path) -> None:
    record = json.loads(_rubric("r1", ["Rhymes"], []))
    record["metadata"] = {"labels": ["medical", "triage"], "tags": {"labels": [{"a": 1}]}}
    path = tmp_path / "labels.jsonl"
    path.write_text(json.dumps(record) + "\n")
    result = CliRunner().invoke(main, ["eval", "--no-embeddings", "--isolated", str(path)])
    assert result.exit_code == 0, result.output


def test_a_key_like_labels_holding_other_values_is_metadata(tmp_path: Path) -> None:
    record = json.loads(_rubric("r1", ["Rhymes"], []))
    record["label"] = ["chosen", "rejected"]
    path = tmp_path / "labels.jsonl"
    path.write_text(json.dumps(record) + "\n")
    result = CliRunner().invoke(main, ["eval", "--no-embeddings", "--isolated", str(path)])
    assert result.exit_code == 0, result.output


def test_pretty_printed_json_labels_file_says_a_record_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "malformed.json"
    path.write_text(json.dumps({"id": "a", "criteria": ["Rhymes"]}, indent=2))
    result = CliRunner().invoke(main, ["eval", "--no-embeddings", str(path)])
    assert result.exit_code == 2
    assert (
        "malformed.json:1:1: Invalid JSON: '{' is never closed (the record ends with its line: "
        "a JSON Lines file holds one JSON object per line)"
    ) in result.output


@pytest.mark.parametrize("command", [["eval"], ["train", "-o", "m.json"]])
def test_undecodable_labels_file_is_refused_at_its_line_and_column(
    tmp_path: Path, command: list[str]
) -> None:
    path = tmp_path / "labels.jsonl"
    path.write_bytes(_rubric("r1", ["Cites a source"], []).encode() + b'\n{"id": "caf\xe9"}\n')
    result = CliRunner().invoke(main, [*command, "--no-embeddings", "--isolated", str(path)])
    assert result.exit_code == 2
    assert result.output == f"rift-lint: error: {path}:2:12: Record is not valid UTF-8\n"


@pytest.mark.parametrize(
    ("text", "position", "character"),
    [
        ("id: a\ncriteria:\n  - Rhymes\n", "1:1", "i"),
        ("- id: a\n  criteria: [Rhymes]\n", "1:1", "-"),
        ("  # labelled by hand\n", "1:3", "#"),
    ],
)
def test_yaml_labels_file_says_labels_must_be_json_lines(
    tmp_path: Path, text: str, position: str, character: str
) -> None:
    path = tmp_path / "labels.yaml"
    path.write_text(text)
    result = CliRunner().invoke(main, ["eval", "--no-embeddings", str(path)])
    assert result.exit_code == 2
    assert result.output == (
        f"rift-lint: error: {path}:{position}: Invalid JSON: unexpected character "
        f"'{character}' (the line looks like YAML: labels files and .jsonl files must be JSON "
        "Lines, one JSON object per line)\n"
    )


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
    "command",
    [
        ["eval", "{}"],
        ["train", "{}", "-o", "model.json"],
        ["report", "-o", "r.html", "--labels", "{}"],
    ],
)
def test_a_labels_file_name_too_long_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    name = "y" * 300 + ".jsonl"
    args = [arg.format(name) for arg in command]
    result = CliRunner().invoke(main, [*args, "--no-embeddings"])
    assert result.exit_code == 2
    assert result.stderr.endswith(
        f"rift-lint: error: {name}: cannot read labels file: File name too long\n"
    )


@pytest.mark.parametrize("command", [["eval"], ["train", "-o", "model.json"]])
def test_a_file_without_any_labels_key_is_a_usage_error(tmp_path: Path, command: list[str]) -> None:
    """A rubric dataset given as labels would score every finding as a false positive against
    labels nobody wrote; a key named in a text (escaped quotes) does not count as one."""
    path = tmp_path / "rubrics.jsonl"
    record = {"id": "r", "prompt": 'Return "labels": a list', "criteria": ["Is clear"]}
    path.write_text(json.dumps(record) + "\n")
    result = CliRunner().invoke(main, [command[0], str(path), *command[1:], "--no-embeddings"])
    assert result.exit_code == 2
    assert f"{path}: no rubric or criterion has a 'labels' key" in result.output


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_a_labels_file_whose_rubrics_are_all_clean_is_scored(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "labels.jsonl"
    record = {"id": "r", "labels": [], "criteria": [{"text": "Is clear", "labels": []}]}
    path.write_text(json.dumps(record) + "\n", encoding=encoding)
    result = CliRunner().invoke(main, ["eval", str(path), "--no-embeddings"])
    assert result.exit_code == 0, result.output
    assert "subjective" in result.output


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


def test_undefined_figures_read_na_and_modes_without_support_are_called_out(
    tmp_path: Path,
) -> None:
    """subjective is flagged once but never labelled: its recall and F1 are undefined (n/a,
    null), it is not in the macro F1, and a note says its finding is a false positive."""
    path = tmp_path / "labels.jsonl"
    path.write_text(_rubric("r1", ["The answer is clear.", "Names Paris"], ["missing_criteria"]))
    command = ["eval", str(path), "--isolated", "--no-embeddings", "--select", "subjective"]
    table = CliRunner().invoke(main, command)
    assert table.exit_code == 0, table.output
    assert _row(table.output, "subjective") == [
        "subjective",
        "criterion",
        "0",
        "1",
        "0.000",
        "n/a",
        "n/a",
        "0.000",
    ]
    lines = table.output.splitlines()
    assert lines[-2:] == [
        "micro F1 n/a   macro F1 n/a   (0 modes with support; 1 rubric, 2 criteria)",
        "subjective: 1 flagged, no labelled positive (not in the macro F1)",
    ]
    scores = json.loads(CliRunner().invoke(main, [*command, "--format", "json"]).output)
    subjective = scores["modes"]["subjective"]
    assert (subjective["precision"], subjective["recall"], subjective["f1"]) == (0.0, None, None)
    assert (subjective["fp"], subjective["tn"]) == (1, 1)
    assert (scores["macro_f1"], scores["micro_f1"], scores["macro_modes"]) == (None, None, [])
    gated = CliRunner().invoke(main, [*command, "--min-f1", "0.1"])
    assert gated.exit_code == 1
    assert "macro F1 is undefined (no scored mode has a labelled positive)" in gated.stderr


def test_kappa_is_undefined_when_labels_and_decisions_hold_one_class() -> None:
    score = score_mode("hackable", "criterion", [False, False], [False, False])
    assert (score.precision, score.recall, score.f1, score.kappa) == (None, None, None, None)
    assert score.as_dict()["kappa"] is None


def test_eval_says_what_it_measured(labels_file: Path) -> None:
    """A text header and a JSON ``settings`` block name the version, labels, model,
    embeddings, configuration and modes; the JSON opens like ``check --format json``."""
    config = labels_file.parent / "rift-lint.toml"
    config.write_text("[rules.RL101]\nextend-terms = ['spooky']\n")
    command = ["eval", str(labels_file), "--no-embeddings", "--select", "redundant_criteria"]
    table = CliRunner().invoke(main, [*command, "--config", str(config)]).output
    digest = hashlib.sha256(labels_file.read_bytes()).hexdigest()
    assert table.splitlines()[:4] == [
        f"rift-lint {__version__} on {labels_file} (sha256 {digest[:12]})",
        "model: none",
        f"embeddings: off; config: {config}; modes: redundant_criteria",
        "",
    ]
    isolated = CliRunner().invoke(main, [*command, "--isolated", "--format", "json"]).output
    document = json.loads(isolated)
    checked = json.loads(CliRunner().invoke(main, ["check", "--format", "json", "-"]).output)
    assert list(document)[:3] == ["schema_version", "tool", "settings"]
    assert (document["schema_version"], document["tool"]) == (1, checked["tool"])
    assert document["settings"] == {
        "rift_lint": __version__,
        "labels": {"path": str(labels_file), "sha256": digest},
        "config": None,
        "isolated": True,
        "embeddings": {"enabled": False, "model": None},
        "modes": ["redundant_criteria"],
        "model": None,
    }
    found = CliRunner().invoke(main, [*command, "--format", "json"], catch_exceptions=False)
    assert json.loads(found.output)["settings"]["config"] == str(config)
