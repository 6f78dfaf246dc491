"""Baselines: write the findings of a run, then show and fail only on new findings."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from rift_lint.baseline import (
    Baseline,
    BaselineEntry,
    BaselineError,
    apply_baseline,
    load_baseline,
)
from rift_lint.cli import main
from rift_lint.own_output import is_own_output
from rift_lint.results import FileResult, RunResult

TWO_DUPLICATES = (
    "criteria:\n  - text: Names the capital\n    points: 2\n"
    "  - text: names the capital\n    points: 2\n"
    "  - text: Gives the population\n    points: 1\n"
    "  - text: gives the population\n    points: 1\n"
)


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> CliRunner:
    """A CLI runner in a directory whose config selects the structural rules only."""
    (tmp_path / "rift-lint.toml").write_text('select = ["RL0", "RL9"]\n')
    (tmp_path / "r.yaml").write_text(TWO_DUPLICATES)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.delenv("RIFT_LINT_OUTPUT_FORMAT", raising=False)
    return CliRunner()


def _check(runner: CliRunner, *args: str) -> tuple[int, list[str]]:
    """Exit code, then the lines of stdout followed by those of stderr."""
    result = runner.invoke(main, ["check", "--format", "concise", *args])
    return result.exit_code, result.stdout.splitlines() + result.stderr.splitlines()


def test_written_baseline_hides_its_findings_and_passes(runner: CliRunner, tmp_path: Path) -> None:
    code, lines = _check(runner, "r.yaml", "--write-baseline", "base/line.json")
    assert code == 0
    assert lines == ["rift-lint: wrote 2 findings to the baseline base/line.json"]
    document = json.loads((tmp_path / "base" / "line.json").read_text())
    assert document["format"] == "rift-lint-baseline"
    assert sorted((f["path"], f["code"], f["criterion_id"]) for f in document["findings"]) == [
        ("../r.yaml", "RL003", "c2"),
        ("../r.yaml", "RL003", "c4"),
    ]
    code, lines = _check(runner, "r.yaml", "--baseline", "base/line.json")
    assert code == 0
    assert lines == [
        "All checked: no findings in 1 file (1 rubric, 4 criteria).",
        "rift-lint: 2 findings of the baseline not shown",
    ]


def test_baseline_paths_are_relative_to_its_folder_not_the_working_directory(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "r.yaml").rename(tmp_path / "data" / "r.yaml")
    assert _check(runner, "./data/r.yaml", "--write-baseline", "base.json")[0] == 0
    monkeypatch.chdir(tmp_path / "data")
    code, lines = _check(runner, "r.yaml", "--baseline", "../base.json")
    assert code == 0
    assert lines[-1] == "rift-lint: 2 findings of the baseline not shown"
    monkeypatch.chdir(tmp_path.parent)
    code, lines = _check(
        runner, f"{tmp_path.name}/data/r.yaml", "--baseline", str(tmp_path / "base.json")
    )
    assert (code, lines[-1]) == (0, "rift-lint: 2 findings of the baseline not shown")


def test_new_finding_shows_and_a_fixed_one_is_reported_stale(
    runner: CliRunner, tmp_path: Path
) -> None:
    _check(runner, "r.yaml", "--write-baseline", "base.json")
    edited = (
        "# a comment moves every line down\n"
        + TWO_DUPLICATES.replace("gives the population", "Gives the area")
        + "  - text: NAMES THE CAPITAL\n    points: 2\n"
    )
    (tmp_path / "r.yaml").write_text(edited)
    code, lines = _check(runner, "r.yaml", "--baseline", "base.json")
    assert code == 1
    assert lines[0] == (
        "r.yaml:11:11: RL003 Criterion c5 repeats criterion c1 word for word, "
        "so the same behaviour is scored twice"
    )
    assert lines[-2:] == [
        "rift-lint: 1 finding of the baseline not shown",
        "rift-lint: 1 baseline entry matches no finding any more (fixed): write the baseline "
        "again with --write-baseline to drop them",
    ]


@pytest.mark.parametrize(
    ("name", "text", "inserted"),
    [
        (
            "r.yaml",
            TWO_DUPLICATES,
            TWO_DUPLICATES.replace(
                "criteria:\n", "criteria:\n  - text: Gives the area\n    points: 1\n"
            ),
        ),
        (
            "r.jsonl",
            '{"criteria": ["Names the capital", "names the capital"]}\n',
            '{"criteria": ["Gives the area", "gives the area"]}\n'
            '{"criteria": ["Names the capital", "names the capital"]}\n',
        ),
    ],
    ids=["criterion", "record"],
)
def test_baseline_keeps_hiding_findings_after_an_item_is_inserted_above(
    runner: CliRunner, tmp_path: Path, name: str, text: str, inserted: str
) -> None:
    (tmp_path / name).write_text(text)
    _check(runner, name, "--write-baseline", "base.json")
    (tmp_path / name).write_text(inserted)
    for _ in ("linted", "served from the cache"):
        code, lines = _check(runner, name, "--baseline", "base.json")
        if name == "r.yaml":
            assert (code, lines[-1]) == (0, "rift-lint: 2 findings of the baseline not shown")
        else:
            assert code == 1
            assert lines[0].startswith(f"{name}:1:34: RL003 Criterion c2 repeats criterion c1")
            assert lines[-1] == "rift-lint: 1 finding of the baseline not shown"
        assert not any("any more" in line for line in lines)


def test_entries_of_files_not_linted_are_not_stale(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "other.yaml").write_text(TWO_DUPLICATES)
    _check(runner, "r.yaml", "other.yaml", "--write-baseline", "base.json")
    code, lines = _check(runner, "r.yaml", "--baseline", "base.json")
    assert code == 0
    assert not any("stale" in line or "any more" in line for line in lines)


def test_entries_of_rules_left_out_of_the_run_are_not_stale(runner: CliRunner) -> None:
    _check(runner, "r.yaml", "--write-baseline", "base.json")
    code, lines = _check(runner, "r.yaml", "--select", "RL9", "--baseline", "base.json")
    assert (code, lines) == (0, ["All checked: no findings in 1 file (1 rubric, 4 criteria)."])


def test_a_run_whose_baseline_hides_parse_errors_does_not_say_all_checked(
    runner: CliRunner, tmp_path: Path
) -> None:
    """The RL001 of a record and of a file that do not parse, accepted in the baseline, are
    hidden, but the summary says they were not read rather than "All checked"."""
    (tmp_path / "broken.yaml").write_text("criteria:\n  - text: [oops\n")
    (tmp_path / "d.jsonl").write_text(
        '{"criteria": [{"text": "Names the dose", "points": 2}]}\n{"criteria": [\n'
    )
    paths = ("broken.yaml", "d.jsonl", "r.yaml")
    _check(runner, *paths, "--write-baseline", "base.json")
    code, lines = _check(runner, *paths, "--baseline", "base.json")
    assert (code, lines) == (
        0,
        [
            "No findings in 3 files (2 rubrics, 5 criteria); 2 parts of 2 files did not parse "
            "(RL001 not shown).",
            "rift-lint: 4 findings of the baseline not shown",
        ],
    )


def test_entries_of_a_file_that_no_longer_parses_are_not_stale(
    runner: CliRunner, tmp_path: Path
) -> None:
    _check(runner, "r.yaml", "--write-baseline", "base.json")
    (tmp_path / "r.yaml").write_text(TWO_DUPLICATES + "  - text: [unclosed\n")
    for _ in ("linted", "served from the cache"):
        code, lines = _check(runner, "r.yaml", "--baseline", "base.json")
        assert code == 1
        assert len(lines) == 2
        assert lines[0].startswith(
            "r.yaml:10:11: RL001 Invalid YAML: '[' starts a list that is never closed"
        )
        assert lines[1].startswith("Found 1 finding ")
    assert (tmp_path / ".rift_lint_cache").is_dir()


@pytest.mark.parametrize(("embeddings", "stale"), [(True, 1), (False, 0)])
def test_entries_of_embedding_rules_are_not_stale_without_embeddings(
    tmp_path: Path, embeddings: bool, stale: int
) -> None:
    entry = BaselineEntry("f" * 16, "r.yaml", "RL201", "r1", "c1")
    result = RunResult([FileResult(str(tmp_path / "r.yaml"), None, rules_run=frozenset({"RL201"}))])
    assert apply_baseline(result, Baseline([entry], tmp_path), embeddings).stale == stale


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("{", "not a rift-lint baseline (invalid JSON: "),
        ('{"findings": ' + "[" * 100_000, "not a rift-lint baseline (its JSON nests too deeply"),
        ('{"format": "sarif"}', 'not a rift-lint baseline (no "format": "rift-lint-baseline")'),
        ('{"format": "rift-lint-baseline", "version": 9, "findings": []}', "version 9 is not 3: "),
        (
            '{"format": "rift-lint-baseline", "version": 1, "findings": []}',
            "version 1 is not 3 (it hashed paths as the command line gave them): write it again "
            "with `rift-lint check --write-baseline`",
        ),
        (
            '{"format": "rift-lint-baseline", "version": 2, "findings": []}',
            "version 2 is not 3 (it hashed the ids numbered by position that rift-lint gives "
            "criteria and rubrics without one, which inserting an item above changes): write it "
            "again with `rift-lint check --write-baseline`",
        ),
        (
            '{"format": "rift-lint-baseline", "version": 3, "findings": [{"code": "RL003"}]}',
            "finding 1 needs string fields fingerprint, path and code",
        ),
    ],
)
def test_unusable_baseline_is_a_usage_error(
    runner: CliRunner, tmp_path: Path, content: str, reason: str
) -> None:
    (tmp_path / "base.json").write_text(content)
    with pytest.raises(BaselineError, match=re.escape(reason)):
        load_baseline(tmp_path / "base.json")
    code, lines = _check(runner, "r.yaml", "--baseline", "base.json")
    assert code == 2
    assert lines[0].startswith("rift-lint: error: base.json: ")
    assert reason in lines[0]


def test_baseline_options_exclude_each_other(runner: CliRunner) -> None:
    code, lines = _check(runner, "r.yaml", "--baseline", "a.json", "--write-baseline", "b.json")
    assert code == 2
    assert "exclude each other" in lines[0]


def test_unwritable_baseline_is_an_error(runner: CliRunner) -> None:
    code, lines = _check(runner, "r.yaml", "--write-baseline", "r.yaml/base.json")
    assert code == 2
    assert lines[0].startswith("rift-lint: error: r.yaml/base.json: cannot write the baseline: ")


def test_the_baseline_in_the_linted_folder_is_not_linted(runner: CliRunner) -> None:
    assert _check(runner, ".", "--write-baseline", "base.json")[0] == 0
    rewritten = _check(runner, ".", "--write-baseline", "base.json")
    assert rewritten == (0, ["rift-lint: wrote 2 findings to the baseline base.json"])
    code, lines = _check(runner, ".", "base.json", "--baseline", "base.json")
    assert code == 0
    assert lines[0] == "All checked: no findings in 1 file (1 rubric, 4 criteria)."


@pytest.mark.parametrize(
    ("args", "output"),
    [
        (["--format", "full"], "report.txt"),
        (["--format", "full", "--color", "always"], "report.md"),
        (["--format", "concise"], "lint.TXT"),
        (["--format", "github"], "annotations.txt"),
        (["--statistics"], "stats.markdown"),
        (["--format", "full", "--select", "RL002"], "clean.text"),
    ],
)
def test_text_reports_written_in_the_linted_folder_are_not_linted_next_time(
    runner: CliRunner, args: list[str], output: str
) -> None:
    """Before, the next run read a text report as a plain-text or Markdown rubric: RL001, or
    findings on the criteria it quotes."""
    written = runner.invoke(main, ["check", ".", *args, "--output-file", f"out/{output}"])
    assert written.exit_code in (0, 1)
    code, lines = _check(runner, ".")
    assert code == 1
    assert [line.split(":")[0] for line in lines[:-1]] == ["r.yaml", "r.yaml"]
    assert lines[-1].endswith("in 1 file.")


def test_the_output_file_is_not_read_by_the_run_that_writes_it(
    runner: CliRunner, tmp_path: Path
) -> None:
    """Whatever it holds: here an empty file, such as a clean run's github report, which no
    first bytes can tell from an empty rubric."""
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "lint.txt").write_text("")
    code, lines = _check(runner, ".", "--output-file", "./out/../out/lint.txt")
    assert (code, lines) == (1, [])
    report = (tmp_path / "out" / "lint.txt").read_text().splitlines()
    assert [line.split(":")[0] for line in report[:-1]] == ["r.yaml", "r.yaml"]
    assert report[-1] == "Found 2 findings (0 errors, 2 warnings, 0 info) in 1 file."


@pytest.mark.parametrize(
    ("name", "text", "own"),
    [
        ("s.txt", " 9  RL003  duplicate-criterion\n 3  RL004  invalid-points\n12  total\n", True),
        ("s.txt", "0    total\n", True),
        ("f.md", "-:4:11: RL003 Criterion c2 repeats criterion c1 word for word\n", True),
        ("f.md", "\ufeffNo findings in 0 files (0 rubrics, 0 criteria); 1 path could not", True),
        ("r.txt", "- Names Paris as the capital (2 pts)\n- Gives the population\n", False),
        ("r.md", "# Rubric\n\nrubric.yaml:3:5: RL101 is what rift-lint says about:\n", False),
        ("r.txt", "1. Step 1:2:3: RL101 is quoted here\n", False),
        ("r.md", "3  criteria in total\n- Names Paris\n", False),
        ("r.yaml", "All checked: no findings in 2 files (2 rubrics, 4 criteria).\n", True),
        ("r.json", "r.yaml:4:11: RL003 Criterion c2 repeats criterion c1 word for word\n", True),
        ("r.csv", "criterion,points\nr.yaml:4:11: RL003 is quoted here,2\n", False),
    ],
)
def test_text_reports_are_recognised_and_rubrics_are_not(
    tmp_path: Path, name: str, text: str, own: bool
) -> None:
    (tmp_path / name).write_text(text, encoding="utf-8")
    assert is_own_output(tmp_path / name) is own


@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_reports_written_in_the_linted_folder_are_not_linted(
    runner: CliRunner, tmp_path: Path, fmt: str
) -> None:
    (tmp_path / "rubric.json").write_text('{"criteria": [{"text": "Names the capital"}]}')
    assert _check(runner, ".", "--format", fmt, "--output-file", "out/report.json")[0] == 1
    code, lines = _check(runner, ".")
    assert code == 1
    assert [line.split(":")[0] for line in lines[:-1]] == ["r.yaml", "r.yaml"]
    assert lines[-1].endswith("in 2 files.")
