"""The command line: exit codes, stdin, formats, usage and config errors, rule docs, modes."""

from __future__ import annotations

import json
import os
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from rift_lint.cli import main
from rift_lint.config import ConfigResolver
from rift_lint.discovery import discover

BAD = (
    "criteria:\n  - text: Names the capital\n    points: 2\n"
    "  - text: names the capital\n    points: 2\n"
)
GOOD = "criteria:\n  - text: Names Paris as the capital\n    points: 2\n"


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> CliRunner:
    """A CLI runner in an empty directory whose config selects the structural rules only."""
    (tmp_path / "rift-lint.toml").write_text('select = ["RL0", "RL9"]\n')
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.delenv("RIFT_LINT_OUTPUT_FORMAT", raising=False)
    return CliRunner()


def _files(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text(BAD)
    (tmp_path / "good.yaml").write_text(GOOD)


def test_exit_codes_clean_findings_and_exit_zero(runner: CliRunner, tmp_path: Path) -> None:
    _files(tmp_path)
    assert runner.invoke(main, ["check", "good.yaml"]).exit_code == 0
    result = runner.invoke(main, ["check", "--format", "concise", "bad.yaml"])
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        "bad.yaml:4:11: RL003 Criterion c2 repeats criterion c1 word for word, "
        "so the same behaviour is scored twice"
    )
    assert runner.invoke(main, ["check", "--exit-zero", "bad.yaml"]).exit_code == 0


def test_fail_level_error_passes_warnings(runner: CliRunner, tmp_path: Path) -> None:
    _files(tmp_path)
    assert runner.invoke(main, ["check", "--fail-level", "error", "bad.yaml"]).exit_code == 0
    assert runner.invoke(main, ["check", "--fail-level", "warning", "bad.yaml"]).exit_code == 1


def test_directory_is_searched_and_missing_path_exits_2(runner: CliRunner, tmp_path: Path) -> None:
    _files(tmp_path)
    result = runner.invoke(main, ["check", "--format", "concise", ".", "missing.yaml"])
    assert result.exit_code == 2
    assert "rift-lint: error: missing.yaml: no such file or directory" in result.output
    assert "bad.yaml:4:11: RL003" in result.output
    assert result.output.splitlines()[-1].endswith(" in 2 files; 1 path could not be read.")


def test_a_run_that_read_nothing_is_not_all_checked(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["check", "--format", "concise", "missing.yaml", "gone.yaml"])
    assert result.exit_code == 2
    last = result.output.splitlines()[-1]
    assert last == "No findings in 0 files (0 rubrics, 0 criteria); 2 paths could not be read."


@pytest.mark.parametrize("args", [["empty"], ["empty", "drafts/"], []])
def test_folders_without_a_rubric_file_warn_and_pass(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    """As in ruff: a path or glob that names no rubric (a slip in a CI job) is said on
    stderr, even with -q; nothing was found, so nothing fails."""
    (tmp_path / "rift-lint.toml").write_text('select = ["RL0"]\nextend-exclude = ["drafts"]\n')
    (tmp_path / "empty").mkdir()
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "bad.yaml").write_text(BAD)
    monkeypatch.chdir(tmp_path / "empty")
    result = runner.invoke(main, ["check", "-q", *(f"../{path}" for path in args)])
    assert result.exit_code == 0
    named = ", ".join(f"../{path.rstrip('/')}" for path in args) or str(tmp_path / "empty")
    assert result.stderr == f"rift-lint: warning: no rubric file found under {named}\n"
    assert result.stdout == "All checked: no findings in 0 files (0 rubrics, 0 criteria).\n"


def test_named_files_all_excluded_or_missing_do_not_warn(runner: CliRunner, tmp_path: Path) -> None:
    """pre-commit passes files, and --force-exclude may skip them all: no slip, no warning. A
    missing path is an error of its own (exit 2)."""
    (tmp_path / "rift-lint.toml").write_text('select = ["RL0"]\nextend-exclude = ["drafts"]\n')
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "bad.yaml").write_text(BAD)
    (tmp_path / "empty").mkdir()
    skipped = runner.invoke(main, ["check", "--force-exclude", "drafts/bad.yaml"])
    assert (skipped.exit_code, skipped.stderr) == (0, "")
    missing = runner.invoke(main, ["check", "missing.yaml"])
    assert (missing.exit_code, missing.stderr) == (
        2,
        "rift-lint: error: missing.yaml: no such file or directory\n",
    )


def test_a_file_reached_twice_is_linted_once(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "bad.yaml").write_text(BAD)
    paths = ["sub/bad.yaml", "sub", ".", "./sub/bad.yaml", str(tmp_path / "sub" / "bad.yaml")]
    result = runner.invoke(main, ["check", "--format", "concise", *paths])
    assert result.exit_code == 1
    assert [line.split(" ")[0] for line in result.output.splitlines()] == [
        "sub/bad.yaml:4:11:",
        "Found",
    ]
    assert "in 1 file" in result.output


def test_fail_level_is_each_files_own(runner: CliRunner, tmp_path: Path) -> None:
    _files(tmp_path)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "rift-lint.toml").write_text('select = ["RL003"]\nfail-level = "error"\n')
    (tmp_path / "sub" / "bad.yaml").write_text(BAD)
    assert runner.invoke(main, ["check", "sub"]).exit_code == 0
    assert runner.invoke(main, ["check", "sub", "--fail-level", "warning"]).exit_code == 1
    assert runner.invoke(main, ["check", "sub", "bad.yaml"]).exit_code == 1


def test_stdin_with_filename(runner: CliRunner) -> None:
    result = runner.invoke(
        main, ["check", "--format", "concise", "--stdin-filename", "r.yaml", "-"], input=BAD
    )
    assert result.exit_code == 1
    assert result.output.startswith("r.yaml:4:11: RL003 ")


def test_stdin_named_too_long_a_name_is_linted_under_it(runner: CliRunner) -> None:
    """The name need not exist (its folder's configuration applies), so too long a one is
    no error either."""
    name = "y" * 300 + ".yaml"
    result = runner.invoke(
        main, ["check", "--format", "concise", "--stdin-filename", name], input=BAD
    )
    assert result.exit_code == 1
    assert result.output.startswith(f"{name}:4:11: RL003 ")


def test_force_exclude_skips_standard_input_named_as_an_excluded_file(
    runner: CliRunner, tmp_path: Path
) -> None:
    (tmp_path / "rift-lint.toml").write_text('select = ["RL0"]\nextend-exclude = ["drafts"]\n')
    args = ["check", "--format", "concise", "--stdin-filename", "drafts/x.yaml"]
    assert runner.invoke(main, args, input=BAD).exit_code == 1
    skipped = runner.invoke(main, [*args, "--force-exclude"], input=BAD)
    assert (skipped.exit_code, skipped.output) == (
        0,
        "All checked: no findings in 0 files (0 rubrics, 0 criteria).\n",
    )


def test_stdin_filename_alone_reads_stdin_and_with_other_paths_is_an_error(
    runner: CliRunner, tmp_path: Path
) -> None:
    """As in ruff, ``--stdin-filename`` without paths reads standard input; next to paths
    without '-' it would be silently ignored, so it is a usage error."""
    alone = runner.invoke(
        main, ["check", "--format", "concise", "--stdin-filename", "r.yaml"], input=BAD
    )
    assert alone.exit_code == 1
    assert alone.output.startswith("r.yaml:4:11: RL003 ")
    _files(tmp_path)
    mixed = runner.invoke(main, ["check", "--stdin-filename", "r.yaml", "bad.yaml"], input=BAD)
    assert mixed.exit_code == 2
    assert "--stdin-filename names the rubric read from standard input" in mixed.output


def test_select_ignore_and_unknown_selector(runner: CliRunner, tmp_path: Path) -> None:
    _files(tmp_path)
    assert runner.invoke(main, ["check", "--ignore", "RL003", "bad.yaml"]).exit_code == 0
    assert runner.invoke(main, ["check", "--select", "RL002", "bad.yaml"]).exit_code == 0
    assert (
        runner.invoke(main, ["check", "--select", "duplicate-criterion", "bad.yaml"]).exit_code == 1
    )
    result = runner.invoke(main, ["check", "--select", "RL77", "bad.yaml"])
    assert result.exit_code == 2
    assert "Unknown rule selector 'RL77'" in result.output


@pytest.mark.parametrize(
    ("option", "value", "error"),
    [
        ("--select", "RL999", "--select (command line): Unknown rule selector 'RL999'"),
        (
            "--ignore",
            "subjectve",
            "--ignore (command line): Unknown rule selector 'subjectve': not a rule code, "
            "prefix or name; did you mean 'subjective'?\n",
        ),
        ("--ignore", "RL0,nonsense", "--ignore (command line): Unknown rule selector 'nonsense'"),
        ("--select", ",", "--select (command line): empty selection"),
        ("--extend-select", " ", "--extend-select (command line): empty selection"),
    ],
)
def test_bad_selector_options_name_the_option(
    runner: CliRunner, tmp_path: Path, option: str, value: str, error: str
) -> None:
    _files(tmp_path)
    result = runner.invoke(main, ["check", option, value, "bad.yaml"])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"rift-lint: error: {error}")


@pytest.mark.parametrize("value", ["1.5", "-0.1"])
def test_eval_min_f1_must_be_between_0_and_1(runner: CliRunner, value: str) -> None:
    result = runner.invoke(main, ["eval", "labels.jsonl", "--min-f1", value])
    assert result.exit_code == 2
    assert "--min-f1" in result.stderr
    assert "0<=x<=1" in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["eval", "labels.jsonl", "--min-f1", "nan"],
        ["train", "labels.jsonl", "-o", "m", "--c", "NaN"],
    ],
)
def test_nan_is_refused_by_number_options(runner: CliRunner, args: list[str]) -> None:
    result = runner.invoke(main, args)
    assert result.exit_code == 2
    assert f"Invalid value for '{args[-2]}': {args[-1]!r} is not a number." in result.stderr


@pytest.mark.parametrize("value", ["100001", "100000000000000000000000"])
def test_eval_bootstrap_is_bounded(runner: CliRunner, value: str) -> None:
    result = runner.invoke(main, ["eval", "labels.jsonl", "--bootstrap", value])
    assert result.exit_code == 2
    assert f"Invalid value for '--bootstrap': {value} is not in the range 0<=x<=100000." in (
        result.stderr
    )


@pytest.mark.parametrize("value", ["", ","])
def test_eval_refuses_an_empty_selection(runner: CliRunner, value: str) -> None:
    result = runner.invoke(main, ["eval", "labels.jsonl", "--select", value])
    assert result.exit_code == 2
    assert result.stderr == (
        "rift-lint: error: --select (command line): empty selection: give mode ids or names, "
        "rule codes or prefixes\n"
    )


def test_config_error_exits_2_naming_the_key(runner: CliRunner, tmp_path: Path) -> None:
    _files(tmp_path)
    (tmp_path / "rift-lint.toml").write_text('colour = "red"\n')
    result = runner.invoke(main, ["check", "bad.yaml"])
    assert result.exit_code == 2
    assert "unknown key 'colour'" in result.output


@pytest.mark.parametrize(
    "command",
    [["check", "bad.yaml"], ["report", "bad.yaml", "-o", "r.html"], ["cache", "clear"]],
)
def test_isolated_and_config_together_are_a_usage_error(
    runner: CliRunner, tmp_path: Path, command: list[str]
) -> None:
    _files(tmp_path)
    result = runner.invoke(main, [*command, "--isolated", "--config", "rift-lint.toml"])
    assert (result.exit_code, result.output) == (
        2,
        "rift-lint: error: --isolated ignores every configuration file: it cannot be combined "
        "with --config\n",
    )
    assert not (tmp_path / "r.html").exists()


@pytest.mark.parametrize(
    "args",
    [["check", "good.yaml"], ["eval", "labels.jsonl"], ["report", "good.yaml", "-o", "r.html"]],
)
def test_model_and_no_model_together_are_a_usage_error(
    runner: CliRunner, tmp_path: Path, args: list[str]
) -> None:
    _files(tmp_path)
    result = runner.invoke(main, [*args, "--model", "m.json", "--no-model"])
    assert result.exit_code == 2
    assert result.stderr == (
        "rift-lint: error: --no-model applies no model file: it cannot be combined with --model\n"
    )


def test_parse_error_is_a_finding_and_other_files_still_linted(
    runner: CliRunner, tmp_path: Path
) -> None:
    _files(tmp_path)
    (tmp_path / "broken.json").write_text('{"criteria": [\n  "a",\n  ]\n}')
    result = runner.invoke(main, ["check", "--format", "concise", "."])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert "bad.yaml:4:11: RL003" in lines[0]
    assert lines[1] == (
        "broken.json:2:6: RL001 Invalid JSON: trailing comma before ']' (JSON allows none)"
    )


def test_a_file_that_cannot_be_read_fails_a_run_that_selects_other_rules(
    runner: CliRunner, tmp_path: Path
) -> None:
    """``--select RL101`` still reports RL001 and exits 1; ``--ignore RL001`` silences it."""
    (tmp_path / "broken.json").write_text('{"criteria": ["a",]}')
    selected = runner.invoke(main, ["check", "--format", "concise", "--select", "RL101", "."])
    assert selected.exit_code == 1
    assert selected.output.splitlines()[0] == (
        "broken.json:1:18: RL001 Invalid JSON: trailing comma before ']' (JSON allows none)"
    )
    ignored = runner.invoke(main, ["check", "--select", "RL101", "--ignore", "RL001", "."])
    assert (ignored.exit_code, ignored.stdout) == (
        0,
        "No findings in 1 file (0 rubrics, 0 criteria); 1 part of 1 file did not parse "
        "(RL001 not shown).\n",
    )


def test_output_file_statistics_and_json(runner: CliRunner, tmp_path: Path) -> None:
    _files(tmp_path)
    out = tmp_path / "report.json"
    result = runner.invoke(
        main, ["check", "--format", "json", "--output-file", str(out), "bad.yaml"]
    )
    assert result.exit_code == 1
    assert result.output == ""
    document = json.loads(out.read_text())
    assert document["schema_version"] == 1
    assert [d["code"] for d in document["diagnostics"]] == ["RL003"]
    stats = runner.invoke(main, ["check", "--statistics", "bad.yaml"])
    assert "RL003" in stats.output and "duplicate-criterion" in stats.output


def test_output_file_dash_is_standard_output(runner: CliRunner, tmp_path: Path) -> None:
    """'-' means standard output, as click's convention has it: no file named '-' appears."""
    _files(tmp_path)
    to_stdout = runner.invoke(main, ["check", "--output-file", "-", "bad.yaml"])
    assert to_stdout.exit_code == 1
    assert to_stdout.output == runner.invoke(main, ["check", "bad.yaml"]).output
    assert to_stdout.output.startswith("bad.yaml:4:11: RL003 [warning] Criterion c2 repeats")
    assert not (tmp_path / "-").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["check", "bad.yaml", "--write-baseline", "-"],
            "--write-baseline -: a baseline is read back by --baseline",
        ),
        (
            ["train", "labels.jsonl", "--no-embeddings", "-o", "-"],
            "--output -: the model file is read back by --model",
        ),
    ],
)
def test_dash_for_a_file_read_back_is_a_usage_error(
    runner: CliRunner, tmp_path: Path, args: list[str], message: str
) -> None:
    """A baseline or model file is not a report: '-' is refused before any work, where it
    wrote a file named '-' that no later '--baseline -' or '--model -' could read."""
    _files(tmp_path)
    result = runner.invoke(main, args)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"rift-lint: error: {message}, so it is written to a file, not standard output: "
        "name the file (./- for one named '-')\n"
    )
    assert not (tmp_path / "-").exists()


@pytest.mark.parametrize(
    ("args", "written"),
    [
        (["check", "bad.yaml", "--output-file", "./-"], "bad.yaml:4:11: RL003 "),
        (["check", "bad.yaml", "--write-baseline", "./-"], '{\n "format": "rift-lint-baseline"'),
        (["report", "bad.yaml", "--no-embeddings", "-q", "-o", "./-"], "<!DOCTYPE html>"),
    ],
)
def test_dot_slash_dash_names_a_file_called_dash(
    runner: CliRunner, tmp_path: Path, args: list[str], written: str
) -> None:
    """As the docs and the error for a bare '-' say: './-' is no standard output."""
    _files(tmp_path)
    result = runner.invoke(main, args)
    assert result.exit_code in (0, 1), result.stderr
    assert result.stdout == ""
    assert (tmp_path / "-").read_text().startswith(written)


@pytest.mark.parametrize("named", ["./-", "sub/../-"])
def test_an_input_path_dot_slash_dash_is_a_file_and_a_bare_dash_stdin(
    runner: CliRunner, tmp_path: Path, named: str
) -> None:
    """``./-`` names the file called ``-`` (shown as ``./-``, which standard input's ``-``
    is not), where pathlib spelt it ``-`` and it read standard input; ``-`` still does."""
    (tmp_path / "-").write_text(BAD, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    concise = ["check", "--format", "concise"]
    from_file = runner.invoke(main, [*concise, named], input=GOOD)
    assert from_file.exit_code == 1, from_file.stderr
    assert from_file.stdout.startswith("./-:4:11: RL003 ")
    from_stdin = runner.invoke(main, [*concise, "-"], input=GOOD)
    assert (from_stdin.exit_code, from_stdin.stdout.startswith("All checked")) == (0, True)
    both = runner.invoke(main, [*concise, "-", named], input=BAD)
    assert [line[:12] for line in both.stdout.splitlines()[:2]] == ["-:4:11: RL00", "./-:4:11: RL"]
    listed = runner.invoke(main, ["check", "--show-files", named, "-"], input=GOOD)
    assert (listed.exit_code, listed.stdout) == (0, "-\n./-\n")
    settings = runner.invoke(main, ["check", "--show-settings", named])
    assert settings.stdout.startswith("# settings for ./-\n")
    report = runner.invoke(main, ["report", named, "--no-embeddings", "-q", "-o", "r.html"])
    assert report.exit_code == 0, report.stderr
    assert "./-:1 · 1 of 2 criteria flagged" in (tmp_path / "r.html").read_text(encoding="utf-8")


def test_an_input_called_dash_is_no_output(runner: CliRunner, tmp_path: Path) -> None:
    """``./-`` read and written by one run is refused, as any input named as the output is."""
    (tmp_path / "-").write_text(BAD, encoding="utf-8")
    result = runner.invoke(main, ["check", "./-", "--output-file", "./-"])
    assert result.exit_code == 2
    assert "--output-file - is also an input of this run" in result.stderr
    assert (tmp_path / "-").read_text(encoding="utf-8") == BAD


def test_output_file_creates_its_directory_or_fails_with_exit_2(
    runner: CliRunner, tmp_path: Path
) -> None:
    _files(tmp_path)
    nested = tmp_path / "reports" / "ci" / "findings.txt"
    result = runner.invoke(main, ["check", "--output-file", str(nested), "bad.yaml"])
    assert result.exit_code == 1
    assert "bad.yaml:4:11: RL003" in nested.read_text()
    (tmp_path / "blocker").write_text("a file\n")
    blocked = runner.invoke(main, ["check", "--output-file", "blocker/out.txt", "bad.yaml"])
    assert blocked.exit_code == 2
    assert "rift-lint: error: blocker/out.txt: cannot write the findings:" in blocked.output
    assert (tmp_path / "blocker").read_text() == "a file\n"


@pytest.mark.parametrize(
    ("config_file", "setting", "message"),
    [
        (
            "rift-lint.toml",
            '[nlp]\nmodel = "no_such_pipeline"\n',
            "rift-lint.toml:2: [nlp] cannot load spaCy model 'no_such_pipeline': [E050]",
        ),
        (
            "pyproject.toml",
            '[tool.rift-lint]\nselect = ["ALL"]\n\n[tool.rift-lint.nlp]\nmodel = "no_such"\n',
            "pyproject.toml:5: [tool.rift-lint.nlp] cannot load spaCy model 'no_such'",
        ),
        (
            "rift-lint.toml",
            '# the model\n[embeddings]\nmodel = "/no/such/model"\n',
            "rift-lint.toml:3: [embeddings] cannot load embedding model '/no/such/model'",
        ),
        (
            "pyproject.toml",
            "[tool]\nrift-lint = 3\n",
            "pyproject.toml: [tool] rift-lint must be a table",
        ),
    ],
)
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_unusable_setting_exits_2_with_its_reason(
    runner: CliRunner, tmp_path: Path, config_file: str, setting: str, message: str, jobs: str
) -> None:
    _files(tmp_path)
    (tmp_path / "rift-lint.toml").unlink()
    (tmp_path / config_file).write_text(setting)
    result = runner.invoke(main, ["check", "--no-cache", "--jobs", jobs, "bad.yaml", "good.yaml"])
    assert result.exit_code == 2
    assert result.output.startswith("rift-lint: error: ")
    assert message in result.output


def test_a_model_path_in_the_configuration_is_relative_to_it(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import spacy

    project = tmp_path / "project"
    (project / "pipelines").mkdir(parents=True)
    spacy.blank("en").to_disk(project / "pipelines" / "mine")
    (project / "rift-lint.toml").write_text('[nlp]\nmodel = "pipelines/mine"\n')
    (project / "rubric.yaml").write_text("criteria:\n  - text: Is clear\n    points: 1\n")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    args = ["check", "--no-cache", "--no-embeddings", "--format", "concise"]
    result = runner.invoke(main, [*args, str(project / "rubric.yaml")])
    assert result.exit_code == 1, result.output
    assert "rubric.yaml:2:14: RL101" in result.output


def test_github_format_is_automatic_under_actions(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _files(tmp_path)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    result = runner.invoke(main, ["check", "bad.yaml"])
    assert "::warning file=bad.yaml,line=4,col=11" in result.output
    monkeypatch.setenv("RIFT_LINT_OUTPUT_FORMAT", "concise")
    chosen = runner.invoke(main, ["check", "bad.yaml"])
    assert chosen.output.startswith("bad.yaml:4:11: RL003 ")


def test_check_help_names_the_output_format_variable(runner: CliRunner) -> None:
    """The help names the environment variable that sets the default format, as the docs do."""
    result = runner.invoke(main, ["check", "--help"])
    text = " ".join(result.output.split())
    assert "Output format (default: $RIFT_LINT_OUTPUT_FORMAT, else full;" in text


def test_statistics_wins_over_the_actions_detection(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _files(tmp_path)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    result = runner.invoke(main, ["check", "--statistics", "bad.yaml"])
    assert (result.exit_code, result.stderr) == (1, "")
    assert result.stdout.splitlines() == ["1  RL003  duplicate-criterion", "1         total"]


@pytest.mark.parametrize(
    ("args", "env"),
    [(["--format", "github"], None), (["--format", "json"], None), ([], "sarif")],
)
def test_statistics_with_a_machine_format_chosen_says_it_is_ignored(
    runner: CliRunner,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
    env: str | None,
) -> None:
    _files(tmp_path)
    if env is not None:
        monkeypatch.setenv("RIFT_LINT_OUTPUT_FORMAT", env)
    fmt = env or args[1]
    plain = runner.invoke(main, ["check", *args, "bad.yaml"])
    result = runner.invoke(main, ["check", "-q", "--statistics", *args, "bad.yaml"])
    assert result.exit_code == 1
    assert result.stdout == plain.stdout
    assert result.stderr == (
        f"rift-lint: warning: --statistics ignored: the {fmt} format lists every finding "
        "(use --format full or concise for the per-rule table)\n"
    )


@pytest.mark.parametrize("fmt", ["sarif", "json"])
def test_a_sarif_log_github_would_refuse_is_named_on_stderr(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    from rift_lint.reporters import sarif

    _files(tmp_path)
    monkeypatch.setattr(sarif, "GITHUB_MAX_RESULTS", 0)
    result = runner.invoke(main, ["check", "-q", "--format", fmt, "bad.yaml"])
    assert result.exit_code == 1
    assert json.loads(result.stdout)
    warned = "rift-lint: warning: the SARIF log holds 1 results, and GitHub code scanning"
    assert result.stderr.startswith(warned) == (fmt == "sarif")


@pytest.mark.parametrize("fmt", ["github", "concise"])
def test_annotations_github_will_not_show_are_counted_on_stderr(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    """A dataset's thousands of annotations: GitHub shows 10 errors and 10 warnings of a step
    and drops the rest silently, so the run says how many the page will not show."""
    rubric = tmp_path / "many.yaml"
    rubric.write_text("criteria:\n" + "  - text: TODO\n" * 12)  # 12 RL002 errors, 11 RL003
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["check", "-q", "--isolated", "--format", fmt, "many.yaml"])
    assert result.exit_code == 1
    assert result.stdout.count("RL002") == 12
    warned = (
        "rift-lint: warning: GitHub shows 10 error and 10 warning annotations per step, so 3 "
        "of these 12 errors and 11 warnings are in the log only: upload SARIF as well to see "
        "every finding, narrow the rules with --select, or hide accepted findings with "
        "--baseline\n"
    )
    assert result.stderr == (warned if fmt == "github" else "")


def test_rule_options_are_shown_as_configuration_values(runner: CliRunner) -> None:
    options = runner.invoke(main, ["rule", "RL004"]).output.split("Options:\n")[1]
    assert options.splitlines() == [
        "    allow-zero = false",
        "    max-abs-points = (not set)  # > 0",
        "    require-consistent = true",
    ]
    assert "    extend-terms = []" in runner.invoke(main, ["rule", "RL101"]).output
    bounded = runner.invoke(main, ["rule", "RL303"]).output
    assert "    min-containment = 0.8  # >= 0.0" in bounded
    assert (
        "    min-similarity = 0.1  # >= -1.0, <= 1.0"
        in runner.invoke(main, ["rule", "RL201"]).output
    )


def test_rule_docs_by_code_and_name(runner: CliRunner) -> None:
    by_code = runner.invoke(main, ["rule", "RL003"])
    by_name = runner.invoke(main, ["rule", "duplicate-criterion"])
    assert by_code.exit_code == 0
    assert by_code.output == by_name.output
    assert "Why it hurts:" in by_code.output
    assert "allow-opposite-signs = false" in by_code.output
    unknown = runner.invoke(main, ["rule", "RL555"])
    assert (unknown.exit_code, unknown.stderr) == (
        2,
        "rift-lint: error: unknown rule 'RL555'; `rift-lint rule --all` lists the rules\n",
    )
    slip = runner.invoke(main, ["rule", "duplicate-critera"])
    assert (slip.exit_code, slip.stderr) == (
        2,
        "rift-lint: error: unknown rule 'duplicate-critera'; did you mean 'duplicate-criterion'?\n",
    )
    listing = runner.invoke(main, ["rule", "--all"]).output
    assert "RL101  subjective" in listing
    both = runner.invoke(main, ["rule", "duplicate-criterion", "--all"])
    assert both.exit_code == 2
    assert "give either 'duplicate-criterion' or --all, not both" in both.output


def test_rule_docs_as_json_for_scripts(runner: CliRunner) -> None:
    """One rule's fields, or every rule's with --all (or no rule), options with defaults."""
    one = json.loads(runner.invoke(main, ["rule", "invalid-points", "--format", "json"]).output)
    assert {k: v for k, v in one.items() if k != "documentation"} == {
        "code": "RL004",
        "name": "invalid-points",
        "failure_mode": None,
        "scope": "rubric",
        "default_severity": "error",
        "summary": "A criterion's points or weight cannot be used to score.",
        "options": {"allow-zero": False, "max-abs-points": None, "require-consistent": True},
    }
    assert one["documentation"].startswith(one["summary"] + "\n\nWhat it flags:")
    every = json.loads(runner.invoke(main, ["rule", "--all", "--format", "json"]).output)
    assert [rule["code"] for rule in every][:5] == ["RL001", "RL002", "RL003", "RL004", "RL101"]
    assert every[4]["failure_mode"] == "subjective"
    assert runner.invoke(main, ["rule", "RL555", "--format", "json"]).exit_code == 2


def test_modes_lists_the_taxonomy(runner: CliRunner) -> None:
    result = runner.invoke(main, ["modes", "--format", "json"])
    modes = json.loads(result.output)
    assert [mode["rule"] for mode in modes] == [
        "RL101",
        "RL102",
        "RL103",
        "RL201",
        "RL202",
        "RL301",
        "RL302",
        "RL303",
    ]


def test_default_excludes_skip_readme_in_directories_but_not_explicit_files(
    runner: CliRunner, tmp_path: Path
) -> None:
    (tmp_path / "README.md").write_text("# Notes\n\nNothing to grade here.\n")
    (tmp_path / "good.yaml").write_text(GOOD)
    assert runner.invoke(main, ["check", "."]).exit_code == 0
    explicit = runner.invoke(main, ["check", "--format", "concise", "README.md"])
    assert explicit.exit_code == 1
    assert explicit.output.startswith("README.md:1:1: RL001 Not a rubric")
    assert runner.invoke(main, ["check", "--force-exclude", "README.md"]).exit_code == 0


def test_default_excludes_skip_project_documents_in_any_case(
    runner: CliRunner, tmp_path: Path
) -> None:
    """Readme.md, License.txt and Contributing.md are no rubrics, in a directory search and
    under --force-exclude; lower-case rubrics that start alike, or whose glob is not one of
    the documents' (security.yaml), are still linted, and a glob written in the
    configuration matches in its own case."""
    names = ["Readme.md", "License.txt", "Contributing.md", "changelog", "code_of_conduct.md"]
    for name in names:
        (tmp_path / name).write_text("# Notes\n\n- Clear and appropriate wording\n")
    for name in ("readme_quality.md", "license.yaml", "security.yaml", "Drafts.yaml"):
        (tmp_path / name).write_text(GOOD)
    (tmp_path / "rift-lint.toml").write_text('extend-exclude = ["drafts*"]\n')
    listed = runner.invoke(main, ["check", "--show-files", "."])
    assert (listed.exit_code, listed.stdout.splitlines()) == (
        0,
        ["Drafts.yaml", "license.yaml", "readme_quality.md", "security.yaml"],
    )
    forced = runner.invoke(main, ["check", "--force-exclude", "--show-files", *names])
    assert (forced.exit_code, forced.stdout) == (0, "")
    (tmp_path / "rift-lint.toml").write_text('exclude = ["vendor"]\n')
    replaced = runner.invoke(main, ["check", "--force-exclude", "--show-files", *names])
    assert replaced.stdout.splitlines() == names


def test_force_exclude_skips_a_named_baseline_or_report(runner: CliRunner, tmp_path: Path) -> None:
    """pre-commit passes a committed baseline or JSON report when it changes."""
    _files(tmp_path)
    assert (
        runner.invoke(main, ["check", "bad.yaml", "--write-baseline", "base.json"]).exit_code == 0
    )
    args = ["check", "bad.yaml", "--format", "json", "--exit-zero", "--output-file", "report.json"]
    assert runner.invoke(main, args).exit_code == 0
    named = runner.invoke(main, ["check", "--format", "concise", "base.json", "report.json"])
    assert named.exit_code == 1
    assert [line.split(": ")[1] for line in named.output.splitlines()[:2]] == [
        "RL001 Not a rubric",
        "RL001 Not a rubric",
    ]
    skipped = runner.invoke(
        main, ["check", "--force-exclude", "base.json", "report.json", "good.yaml"]
    )
    assert (skipped.exit_code, skipped.stderr) == (0, "")


@pytest.mark.parametrize(
    "glob",
    ["drafts", "drafts/", "drafts/*", "old/", "./drafts", "./drafts/old/", "drafts/old/**/*.yaml"],
)
def test_exclude_names_folders_and_common_tool_files(
    runner: CliRunner, tmp_path: Path, glob: str
) -> None:
    (tmp_path / "rift-lint.toml").write_text(f'select = ["RL0"]\nextend-exclude = ["{glob}"]\n')
    (tmp_path / "drafts" / "old").mkdir(parents=True)
    (tmp_path / "drafts" / "old" / "bad.yaml").write_text(BAD)
    (tmp_path / "package.json").write_text('{"name": "site", "version": "1.0.0"}\n')
    (tmp_path / "mkdocs.yml").write_text("site_name: Rubrics\n")
    (tmp_path / "good.yaml").write_text(GOOD)
    assert runner.invoke(main, ["check", "."]).exit_code == 0
    staged = ["drafts/old/bad.yaml", "package.json", "mkdocs.yml", "good.yaml"]
    assert runner.invoke(main, ["check", "--force-exclude", *staged]).exit_code == 0
    assert runner.invoke(main, ["check", "drafts/old/bad.yaml"]).exit_code == 1


@pytest.mark.parametrize("glob", ["vendor", "vendor/", "vendor/lib", "./vendor/lib/"])
@pytest.mark.parametrize("own", ['select = ["RL0"]\n', 'selcet = ["RL0"]\n'])
def test_an_excluded_folder_stays_excluded_whatever_its_own_configuration_says(
    runner: CliRunner, tmp_path: Path, glob: str, own: str
) -> None:
    """As in ruff: a vendored project keeps its own configuration, which does not exclude
    itself; the folder above excludes it, so it is not searched and its configuration,
    valid or not, is never read, in a directory search or for pre-commit's named files."""
    (tmp_path / "rift-lint.toml").write_text(f'select = ["RL0"]\nextend-exclude = ["{glob}"]\n')
    (tmp_path / "vendor" / "lib" / "sub").mkdir(parents=True)
    (tmp_path / "vendor" / "lib" / "rift-lint.toml").write_text(own)
    (tmp_path / "vendor" / "lib" / "sub" / "bad.yaml").write_text(BAD)
    (tmp_path / "good.yaml").write_text(GOOD)
    listed = runner.invoke(main, ["check", "--show-files", "."])
    assert (listed.exit_code, listed.output, listed.stderr) == (0, "good.yaml\n", "")
    assert runner.invoke(main, ["check", "."]).exit_code == 0
    staged = ["vendor/lib/sub/bad.yaml", "good.yaml"]
    skipped = runner.invoke(main, ["check", "--force-exclude", *staged])
    assert (skipped.exit_code, skipped.stderr) == (0, "")


def test_force_exclude_skips_what_a_directory_search_skips(
    runner: CliRunner, tmp_path: Path
) -> None:
    """pre-commit names files in hidden and environment folders, and CI tools' files at the
    root, which `check .` never lints."""
    named = [".vscode/settings.json", ".venv/lib/x.json", ".readthedocs.yaml", "codecov.yml"]
    for name in named:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text('{"editor.tabSize": 2}\n')
    (tmp_path / "good.yaml").write_text(GOOD)
    assert runner.invoke(main, ["check", "."]).exit_code == 0
    skipped = runner.invoke(main, ["check", "--force-exclude", *named, "good.yaml"])
    assert (skipped.exit_code, skipped.stderr) == (0, "")
    absolute = [str(tmp_path / name) for name in named]
    assert runner.invoke(main, ["check", "--force-exclude", *absolute]).exit_code == 0
    linted = runner.invoke(main, ["check", "--format", "concise", ".vscode/settings.json"])
    assert linted.output.startswith(".vscode/settings.json:1:1: RL001 Not a rubric")


def test_exclude_glob_ending_in_a_slash_names_folders_only(
    runner: CliRunner, tmp_path: Path
) -> None:
    (tmp_path / "rift-lint.toml").write_text('select = ["RL0"]\nextend-exclude = ["bad.yaml/"]\n')
    (tmp_path / "bad.yaml").write_text(BAD)
    assert runner.invoke(main, ["check", "."]).exit_code == 1


def test_jsonl_without_any_rubric_is_one_finding_but_bad_records_each_count(
    runner: CliRunner, tmp_path: Path
) -> None:
    (tmp_path / "questions.jsonl").write_text('{"question_id": 1}\n{"question_id": 2}\n')
    (tmp_path / "mixed.jsonl").write_text(
        '{"question_id": 1}\n{"criteria": ["Names Paris"]}\n{"criteria": [\n'
    )
    result = runner.invoke(main, ["check", "--format", "concise", "."])
    assert result.output.splitlines()[:3] == [
        "mixed.jsonl:1:1: RL001 Not a rubric: no known rubric layout matches a mapping with keys: "
        "question_id",
        "mixed.jsonl:3:14: RL001 Invalid JSON: '[' is never closed (the record ends with its "
        "line: a JSON Lines file holds one JSON object per line)",
        "questions.jsonl:1:1: RL001 Not a rubric: no known rubric layout matches a mapping with "
        "keys: question_id; no other record matches either",
    ]


def test_cache_clear(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / ".rift_lint_cache").mkdir()
    (tmp_path / ".rift_lint_cache" / "embeddings.sqlite3").write_bytes(b"")
    result = runner.invoke(main, ["cache", "clear"])
    assert result.exit_code == 0
    assert result.output.startswith("removed ")
    assert not (tmp_path / ".rift_lint_cache").exists()
    assert runner.invoke(main, ["cache", "clear"]).output.startswith("no cache at ")


def test_cache_clear_removes_the_caches_of_nested_configurations(
    runner: CliRunner, tmp_path: Path
) -> None:
    """As `ruff clean`: every .rift_lint_cache below, outside hidden and environment folders;
    one that holds other files is refused (exit 2) and the others are still removed."""
    caches = [tmp_path / "sub" / ".rift_lint_cache", tmp_path / "a" / "b" / ".rift_lint_cache"]
    kept = [tmp_path / ".venv" / ".rift_lint_cache", tmp_path / "odd" / ".rift_lint_cache"]
    for cache in [*caches, *kept]:
        cache.mkdir(parents=True)
        (cache / "results.sqlite3").write_bytes(b"x")
    (kept[1] / "notes.txt").write_text("mine\n")
    result = runner.invoke(main, ["cache", "clear"])
    assert result.exit_code == 2
    assert sorted(result.stdout.splitlines()) == sorted(f"removed {cache}" for cache in caches)
    assert "holds files rift-lint did not write (notes.txt)" in result.stderr
    assert [cache.exists() for cache in [*caches, *kept]] == [False, False, True, True]


@pytest.mark.parametrize("where", [".", "sub"])
def test_cache_clear_under_a_broken_configuration_is_a_config_error(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    (tmp_path / "rift-lint.toml").unlink()
    (tmp_path / "pyproject.toml").write_text("[tool.rift-lint\n")
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path / where)
    result = runner.invoke(main, ["cache", "clear"])
    assert result.exit_code == 2
    assert result.output == (
        f"rift-lint: error: {tmp_path / 'pyproject.toml'}:1:16: invalid TOML: Expected ']' at "
        "the end of a table declaration\n"
    )


def test_cache_clear_removes_every_file_the_cache_writes(runner: CliRunner, tmp_path: Path) -> None:
    cache = tmp_path / ".rift_lint_cache"
    cache.mkdir()
    (cache / ".gitignore").write_text("*\n")
    for name in ["results.sqlite3", "results.sqlite3-wal", "embeddings.sqlite3.corrupt-17"]:
        (cache / name).write_bytes(b"x")
    result = runner.invoke(main, ["cache", "clear"])
    assert (result.exit_code, result.output) == (0, f"removed {cache}\n")
    assert not cache.exists()


@pytest.mark.parametrize("cache_dir", [".", "rubrics"])
def test_cache_clear_refuses_a_directory_holding_other_files(
    runner: CliRunner, tmp_path: Path, cache_dir: str
) -> None:
    (tmp_path / "rubrics").mkdir()
    (tmp_path / "rubrics" / "r.yaml").write_text("criteria: [Names Paris]\n")
    (tmp_path / "rubrics" / "results.sqlite3").write_bytes(b"")
    (tmp_path / "rift-lint.toml").write_text(f'cache-dir = "{cache_dir}"\n')
    result = runner.invoke(main, ["cache", "clear"])
    assert result.exit_code == 2
    assert "holds files rift-lint did not write (" in result.output
    assert "nothing was removed: is cache-dir right?" in result.output
    assert (tmp_path / "rubrics" / "r.yaml").read_text() == "criteria: [Names Paris]\n"
    assert (tmp_path / "rubrics" / "results.sqlite3").exists()


def test_cache_clear_never_deletes_a_file_named_as_cache_dir(
    runner: CliRunner, tmp_path: Path
) -> None:
    (tmp_path / "notes.md").write_text("my notes\n")
    (tmp_path / "rift-lint.toml").write_text('cache-dir = "notes.md"\n')
    result = runner.invoke(main, ["cache", "clear"])
    assert result.exit_code == 2
    assert "notes.md is not a directory; nothing was removed" in result.output
    assert (tmp_path / "notes.md").read_text() == "my notes\n"


def test_color_paints_human_formats_only_when_asked(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _files(tmp_path)
    plain = runner.invoke(main, ["check", "--format", "concise", "bad.yaml"])
    assert "\x1b[" not in plain.output
    painted = runner.invoke(main, ["check", "--format", "concise", "--color", "always", "bad.yaml"])
    assert painted.exit_code == 1
    assert painted.output.startswith("\x1b[1mbad.yaml\x1b[0m:4:11: \x1b[1;31mRL003\x1b[0m ")
    machine = runner.invoke(main, ["check", "--format", "json", "--color", "always", "bad.yaml"])
    assert json.loads(machine.output)["summary"]["findings"] == 1
    monkeypatch.setenv("FORCE_COLOR", "1")
    forced = runner.invoke(main, ["check", "--format", "concise", "bad.yaml"])
    assert "\x1b[1;31mRL003\x1b[0m" in forced.output
    never = runner.invoke(main, ["check", "--format", "concise", "--color", "never", "bad.yaml"])
    assert never.output.splitlines()[0] == plain.output.splitlines()[0]
    assert runner.invoke(main, ["check", "--color", "sometimes", "bad.yaml"]).exit_code == 2


def test_unreachable_paths_are_named_with_their_reason(runner: CliRunner, tmp_path: Path) -> None:
    _files(tmp_path)
    (tmp_path / "loop-a.yaml").symlink_to("loop-b.yaml")
    (tmp_path / "loop-b.yaml").symlink_to("loop-a.yaml")
    (tmp_path / "dangling.yaml").symlink_to("gone.yaml")
    names = ["loop-a.yaml", "dangling.yaml", "missing.yaml", "bad.yaml"]
    result = runner.invoke(main, ["check", "--format", "concise", *names])
    assert result.exit_code == 2
    errors = [line for line in result.output.splitlines() if line.startswith("rift-lint: error")]
    assert errors == [
        "rift-lint: error: loop-a.yaml: too many levels of symbolic links",
        "rift-lint: error: dangling.yaml: broken symbolic link (its target does not exist)",
        "rift-lint: error: missing.yaml: no such file or directory",
    ]
    assert "bad.yaml:4:11: RL003" in result.output


def test_a_symbolic_link_is_reported_and_matched_under_its_own_name(
    runner: CliRunner, tmp_path: Path
) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "r.yaml").write_text(BAD)
    (tmp_path / "links").mkdir()
    (tmp_path / "links" / "l.yaml").symlink_to("../data/r.yaml")
    result = runner.invoke(main, ["check", "--format", "concise", "links/l.yaml"])
    assert result.output.startswith("links/l.yaml:4:11: RL003 ")
    (tmp_path / "rift-lint.toml").write_text(
        'select = ["RL0", "RL9"]\n[per-file-ignores]\n"links/*" = ["RL003"]\n'
    )
    result = runner.invoke(main, ["check", "--format", "concise", "links/l.yaml"])
    assert (result.exit_code, result.output) == (
        0,
        "All checked: no findings in 1 file (1 rubric, 2 criteria).\n",
    )


def test_a_broken_link_found_in_a_directory_is_named_as_one(
    runner: CliRunner, tmp_path: Path
) -> None:
    (tmp_path / "links").mkdir()
    (tmp_path / "links" / "gone.yaml").symlink_to("target.yaml")
    result = runner.invoke(main, ["check", "--format", "concise", "links"])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "rift-lint: error: links/gone.yaml: cannot read: broken symbolic link "
        "(its target does not exist)"
    ]


def _assert_unreadable_and_linted(stdout: str, unread: str, reason: str, linted: str) -> None:
    """The JSON report lists ``unread`` alone as unreadable, for ``reason``, and has the
    findings of ``linted``, which was linted all the same."""
    report = json.loads(stdout)
    assert report["unreadable"] == [{"filename": unread, "reason": reason}]
    assert [d["filename"] for d in report["diagnostics"]] == [linted]


def test_a_link_that_loops_found_in_a_directory_is_unreadable(
    runner: CliRunner, tmp_path: Path
) -> None:
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "bad.yaml").write_text(BAD)
    (tmp_path / "d" / "x.yaml").symlink_to("x.yaml")
    result = runner.invoke(main, ["check", "--format", "json", "d"])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "rift-lint: error: d/x.yaml: cannot read: Too many levels of symbolic links"
    ]
    _assert_unreadable_and_linted(
        result.stdout, "d/x.yaml", "cannot read: Too many levels of symbolic links", "d/bad.yaml"
    )


def test_a_link_that_loops_named_by_its_absolute_path_is_a_sarif_notification(
    runner: CliRunner, tmp_path: Path
) -> None:
    _files(tmp_path)
    (tmp_path / "loop.yaml").symlink_to("loop.yaml")
    named = str(tmp_path / "loop.yaml")
    result = runner.invoke(main, ["check", "--format", "sarif", named, "bad.yaml"])
    assert result.exit_code == 2
    run = json.loads(result.stdout)["runs"][0]
    [notification] = run["invocations"][0]["toolExecutionNotifications"]
    location = notification["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": "loop.yaml", "uriBaseId": "%SRCROOT%"}
    assert [r["ruleId"] for r in run["results"]] == ["RL003"]


def _refuse_reading(monkeypatch: pytest.MonkeyPatch, denied: Callable[[Path], bool]) -> None:
    """Make reading the files ``denied`` picks fail as without read permission (the tests
    run as root, who may read anything)."""
    read_bytes = Path.read_bytes

    def read(path: Path) -> bytes:
        if denied(path):
            raise PermissionError(13, "Permission denied", str(path))
        return read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", read)


@pytest.mark.parametrize("command", [["check", "--format", "json"], ["report", "-o", "r.html"]])
def test_a_named_file_that_cannot_be_read_is_unreadable_and_the_others_linted(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    _files(tmp_path)
    (tmp_path / "unread.yaml").write_text(GOOD)
    access = os.access

    def readable(path: Any, mode: int, **kwargs: Any) -> bool:
        return Path(path).name != "unread.yaml" and access(path, mode, **kwargs)

    monkeypatch.setattr(os, "access", readable)
    _refuse_reading(monkeypatch, lambda path: path.name == "unread.yaml")
    result = runner.invoke(main, [*command, "--no-embeddings", "bad.yaml", "unread.yaml"])
    assert result.exit_code == 2
    assert "rift-lint: error: unread.yaml: cannot read: Permission denied\n" in result.stderr
    if command[0] == "report":
        assert "1 rubric, 1 finding\n" in result.stderr  # not "1 rubrics, 1 findings"
        return
    _assert_unreadable_and_linted(
        result.stdout, "unread.yaml", "cannot read: Permission denied", "bad.yaml"
    )


def test_a_file_in_a_folder_that_cannot_be_searched_is_unreadable(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A folder readable but not searchable (mode 644) lists its files, whose status and
    contents cannot be read (simulated: the tests run as root)."""
    (tmp_path / "d" / "locked").mkdir(parents=True)
    (tmp_path / "d" / "bad.yaml").write_text(BAD)
    (tmp_path / "d" / "locked" / "r.yaml").write_text(GOOD)
    os_stat = os.stat

    def locked(path: Any) -> bool:
        return Path(os.fspath(path)).parent.name == "locked"

    def stat(path: Any, *args: Any, **kwargs: Any) -> os.stat_result:
        if locked(path):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return os_stat(path, *args, **kwargs)

    monkeypatch.setattr(os, "stat", stat)
    _refuse_reading(monkeypatch, locked)
    result = runner.invoke(main, ["check", "--format", "concise", "d"])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "rift-lint: error: d/locked/r.yaml: cannot read: Permission denied"
    ]
    assert result.stdout.startswith("d/bad.yaml:4:11: RL003 ")


@pytest.mark.parametrize("args", [["d"], ["d/bad.yaml", "d/closed"]])
def test_a_folder_that_cannot_be_listed_is_unreadable(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    """A folder without read permission (mode 000, simulated: the tests run as root) found
    in a searched one or named is reported; the other files are linted."""
    (tmp_path / "d" / "closed").mkdir(parents=True)
    (tmp_path / "d" / "bad.yaml").write_text(BAD)
    (tmp_path / "d" / "closed" / "r.yaml").write_text(BAD)
    scandir = os.scandir

    def refuse_closed(path: Any) -> Any:
        if Path(path).name == "closed":
            raise PermissionError(13, "Permission denied", path)
        return scandir(path)

    monkeypatch.setattr(os, "scandir", refuse_closed)
    result = runner.invoke(main, ["check", "--format", "json", *args])
    assert result.exit_code == 2
    assert result.stderr == "rift-lint: error: d/closed: cannot read: Permission denied\n"
    _assert_unreadable_and_linted(
        result.stdout, "d/closed", "cannot read: Permission denied", "d/bad.yaml"
    )


def test_special_files_are_skipped_in_directories_and_refused_when_named(
    runner: CliRunner, tmp_path: Path
) -> None:
    _files(tmp_path)
    os.mkfifo(tmp_path / "fifo.yaml")
    resolver = ConfigResolver(isolated=True)
    assert [path.name for path in discover([tmp_path], resolver)] == ["bad.yaml", "good.yaml"]
    result = runner.invoke(main, ["check", "--format", "concise", "fifo.yaml", "good.yaml"])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "rift-lint: error: fifo.yaml: not a regular file or a directory"
    ]


@pytest.mark.parametrize(
    ("option", "args"),
    [
        ("--output-file", ["check", "bad.yaml", "--output-file", "bad.yaml", "--no-embeddings"]),
        ("--write-baseline", ["check", "bad.yaml", "--write-baseline", "./bad.yaml"]),
        ("--output", ["report", "good.yaml", "-o", "bad.yaml", "--labels", "bad.yaml"]),
        ("--output", ["train", "bad.yaml", "-o", "bad.yaml", "--no-embeddings"]),
    ],
)
def test_an_output_that_is_also_an_input_is_refused_and_the_input_kept(
    runner: CliRunner, tmp_path: Path, option: str, args: list[str]
) -> None:
    _files(tmp_path)
    result = runner.invoke(main, args)
    assert result.exit_code == 2
    assert f"{option} bad.yaml is also an input of this run: it would be overwritten" in (
        result.output
    )
    assert (tmp_path / "bad.yaml").read_text() == BAD


@pytest.mark.parametrize(
    "args",
    [
        ["check", ".", "--output-file", "rubrics/bad.yaml", "--no-embeddings"],
        ["check", "rubrics", "--write-baseline", "rubrics/bad.yaml", "--no-embeddings"],
        ["report", "rubrics", "-o", "rubrics/bad.yaml", "--no-embeddings"],
    ],
)
def test_an_output_that_is_a_rubric_in_a_linted_folder_is_refused_and_kept(
    runner: CliRunner, tmp_path: Path, args: list[str]
) -> None:
    (tmp_path / "rubrics").mkdir()
    (tmp_path / "rubrics" / "bad.yaml").write_text(BAD)
    result = runner.invoke(main, args)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        "rift-lint: error: rubrics/bad.yaml is a rubric file in "
        f"{args[1]}, which this run lints, and the run writes its output there: the rubric "
        "would be overwritten. Write the output outside the linted folders, or exclude the file"
    )
    assert (tmp_path / "rubrics" / "bad.yaml").read_text() == BAD


@pytest.mark.parametrize("fmt", ["concise", "json"])
def test_a_report_or_an_empty_file_in_a_linted_folder_is_overwritten(
    runner: CliRunner, tmp_path: Path, fmt: str
) -> None:
    _files(tmp_path)
    (tmp_path / "empty.json").write_text("")
    args = ["check", ".", "--format", fmt, "--no-embeddings", "--exit-zero", "--output-file"]
    for output in ("empty.json", "report.json", "report.json"):
        result = runner.invoke(main, [*args, output])
        assert result.exit_code == 0, result.stderr
    assert "RL003" in (tmp_path / "report.json").read_text()
    assert "empty.json" not in (tmp_path / "report.json").read_text()


LONG_NAME = "y" * 300 + ".txt"
OUTPUT_COMMANDS = [
    ["check", "good.yaml", "--output-file"],
    ["check", "good.yaml", "--write-baseline"],
    ["report", "good.yaml", "--no-embeddings", "-o"],
    ["train", "labels.jsonl", "--no-embeddings", "-o"],
]


@pytest.mark.parametrize("args", OUTPUT_COMMANDS)
@pytest.mark.parametrize(
    ("output", "reason"),
    [("loop.txt", "Too many levels of symbolic links"), (LONG_NAME, "File name too long")],
    ids=["loop", "long"],
)
def test_an_output_whose_status_cannot_be_read_is_refused_before_any_work(
    runner: CliRunner, tmp_path: Path, args: list[str], output: str, reason: str
) -> None:
    _files(tmp_path)
    (tmp_path / "loop.txt").symlink_to("loop.txt")
    result = runner.invoke(main, [*args, output])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"rift-lint: error: {output}: cannot write: {reason}\n"


def test_an_input_name_too_long_is_unreadable_beside_an_existing_output(
    runner: CliRunner, tmp_path: Path
) -> None:
    _files(tmp_path)
    (tmp_path / "out.txt").write_text("old")
    result = runner.invoke(main, ["check", "--output-file", "out.txt", LONG_NAME, "bad.yaml"])
    assert result.exit_code == 2
    assert result.stderr == f"rift-lint: error: {LONG_NAME}: file name too long\n"
    assert (tmp_path / "out.txt").read_text().startswith("bad.yaml:4:11: RL003 ")


@pytest.mark.parametrize(
    "args",
    [
        ["check", "r.yaml"],
        ["check", "-"],
        ["report", "-o", "r.html"],
        ["cache", "clear"],
        ["eval", "labels.jsonl"],
        ["train", "labels.jsonl", "-o", "m.json"],
    ],
)
def test_a_deleted_working_directory_is_an_error(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    (tmp_path / "gone").mkdir()
    monkeypatch.chdir(tmp_path / "gone")
    (tmp_path / "gone").rmdir()
    result = runner.invoke(main, args, input=GOOD)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "rift-lint: error: the current directory no longer exists\n"


@pytest.mark.parametrize("special", ["fifo", "/dev/null"])
@pytest.mark.parametrize(
    ("args", "what"),
    [
        (["check", "good.yaml", "--baseline", "{}"], "rift-lint baseline"),
        (["check", "good.yaml", "--no-embeddings", "--model", "{}"], "rift-lint model file"),
        (["check", "good.yaml", "--config", "{}"], "configuration"),
        (["eval", "{}", "--no-embeddings"], "labels file"),
        (["train", "{}", "-o", "model.json", "--no-embeddings"], "labels file"),
        (["report", "good.yaml", "-o", "r.html", "--labels", "{}", "-q"], "labels file"),
    ],
)
def test_a_fifo_or_device_given_as_an_input_file_is_refused(
    runner: CliRunner, tmp_path: Path, special: str, args: list[str], what: str
) -> None:
    _files(tmp_path)
    os.mkfifo(tmp_path / "fifo")
    result = runner.invoke(main, [arg.format(special) for arg in args])
    assert result.exit_code == 2
    assert result.stderr == f"rift-lint: error: {special}: cannot read {what}: not a regular file\n"
    assert not (tmp_path / "model.json").exists()
    assert not (tmp_path / "r.html").exists()


def test_show_files_lists_what_a_run_would_lint(runner: CliRunner, tmp_path: Path) -> None:
    """In discovery order, excluded files left out, nothing linted; a missing path is exit 2
    and the others are still listed."""
    (tmp_path / "rift-lint.toml").write_text('select = ["RL0"]\nextend-exclude = ["drafts"]\n')
    for name in ("rubrics/b.yaml", "rubrics/a.md", "drafts/c.yaml", "notes.csv"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(BAD)
    result = runner.invoke(main, ["check", "--show-files"])
    assert (result.exit_code, result.output) == (0, "notes.csv\nrubrics/a.md\nrubrics/b.yaml\n")
    missing = runner.invoke(main, ["check", "--show-files", "rubrics", "nope.yaml", "-"])
    assert missing.exit_code == 2
    assert missing.stdout == "-\nrubrics/a.md\nrubrics/b.yaml\n"
    assert missing.stderr == "rift-lint: error: nope.yaml: no such file or directory\n"
    named = runner.invoke(main, ["check", "--show-files", "--stdin-filename", "in.yaml"])
    assert (named.exit_code, named.output) == (0, "in.yaml\n")
    skipped = ["check", "--show-files", "--force-exclude", "--stdin-filename", "drafts/in.yaml"]
    assert runner.invoke(main, skipped).output == ""


def test_show_settings_prints_what_the_file_is_linted_with(
    runner: CliRunner, tmp_path: Path
) -> None:
    """The configuration file, the command line's overrides, the rules that run after the
    per-file ignores, and every rule's options as they take effect."""
    (tmp_path / "rift-lint.toml").write_text(
        'select = ["RL0"]\n[per-file-ignores]\n"legacy*" = ["RL002"]\n'
        "[rules.RL004]\nmax-abs-points = 10\n"
    )
    result = runner.invoke(main, ["check", "--show-settings", "legacy.yaml"])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[:4] == [
        "# settings for legacy.yaml",
        f"# configuration file: {(tmp_path / 'rift-lint.toml').as_posix()}",
        'select = ["RL0"]',
        "extend-select = []",
    ]
    assert 'per-file-ignores = { "legacy*" = ["RL002"] }' in lines
    assert "# rules that run on legacy.yaml: RL001, RL003, RL004" in lines
    assert lines[lines.index("[rules.RL004]  # invalid-points") + 2] == "max-abs-points = 10.0"
    selected = runner.invoke(main, ["check", "--show-settings", "--select", "RL101", "x.yaml"])
    assert 'select = ["RL101"]' in selected.output.splitlines()
    assert "# rules that run on x.yaml: RL001, RL101" in selected.output.splitlines()


def test_show_settings_leaves_out_the_rules_no_embeddings_skips(runner: CliRunner) -> None:
    """Under --no-embeddings the rules that need embeddings do not run on the file, and a
    comment says which were skipped and which run without their embedding checks."""
    chosen = ["check", "--isolated", "--show-settings", "--no-embeddings", "x.yaml"]
    result = runner.invoke(main, chosen)
    assert result.exit_code == 0
    lines = result.output.splitlines()
    ran = lines.index(
        "# rules that run on x.yaml: RL001, RL002, RL003, RL004, RL101, RL102, RL103, RL201, "
        "RL301, RL901, RL902"
    )
    assert lines[ran + 1] == (
        "# --no-embeddings: skipped RL202 (missing-criteria), RL302 (low-signal), RL303 "
        "(redundant-criteria); ran RL201 (misaligned-or-rigid) without embedding checks"
    )
    assert "# --no-embeddings" not in runner.invoke(main, [*chosen, "--select", "RL1"]).output


def test_show_settings_pastes_into_a_configuration_file(runner: CliRunner) -> None:
    """It is valid TOML: a key that is not set is a comment. Under --isolated it says so."""
    result = runner.invoke(main, ["check", "--isolated", "--show-settings", "x.yaml"])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[1] == "# configuration file: none (--isolated: the defaults)"
    assert "# model = (not set)" in lines
    table = tomllib.loads(result.output)
    assert "model" not in table and "model" not in table["nlp"]
    assert table["rules"]["RL004"]["allow-zero"] is False
    assert "max-abs-points" not in table["rules"]["RL004"]
