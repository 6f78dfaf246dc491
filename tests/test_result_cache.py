"""The result cache: an unchanged file under an unchanged setup is not linted again."""

from __future__ import annotations

import gc
import json
import sqlite3
from collections.abc import Callable
from importlib.metadata import PackageNotFoundError
from pathlib import Path

import pytest
from click.testing import CliRunner
from damage import damage_pages_after_the_first
from fakes import FakeEmbedder

from rift_lint import result_cache
from rift_lint.cli import main
from rift_lint.config import ConfigResolver, build_config
from rift_lint.embeddings.provider import EmbeddingProvider
from rift_lint.engine import ActiveRules, Linter
from rift_lint.result_cache import (
    DATABASE,
    EntryKey,
    ResultCache,
    ResultStore,
    installation_stamp,
)
from rift_lint.results import FileResult
from rift_lint.stamps import model_folder_stamp

VAGUE = "criteria:\n  - text: Gives a clear and thorough answer\n    points: 2\n"
FIXED = "criteria:\n  - text: States that the dose is 5 mg\n    points: 2\n"
CHECK = ["check", "--isolated", "--no-embeddings", "--format", "json", "--exit-zero"]


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty working directory with one vague rubric."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    (tmp_path / "r.yaml").write_text(VAGUE)
    return tmp_path


def _codes(output: str) -> list[str]:
    return [d["code"] for d in json.loads(output)["diagnostics"]]


def _forbid_linting(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_: object) -> FileResult:
        raise AssertionError("the file was linted again")

    monkeypatch.setattr(Linter, "lint_document", refuse)


def _rows(folder: Path) -> int:
    with sqlite3.connect(folder / ".rift_lint_cache" / DATABASE) as connection:
        return int(connection.execute("SELECT COUNT(*) FROM results").fetchone()[0])


def test_rerun_is_served_from_the_cache(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = CliRunner().invoke(main, [*CHECK, "r.yaml"])
    assert _codes(first.stdout) == ["RL101"]
    _forbid_linting(monkeypatch)
    second = CliRunner().invoke(main, [*CHECK, "r.yaml"])
    assert second.exit_code == 0, second.output
    assert second.stdout == first.stdout


def test_full_format_shows_snippets_from_a_cached_run(folder: Path) -> None:
    command = ["check", "--isolated", "--no-embeddings", "--format", "full", "r.yaml"]
    first = CliRunner().invoke(main, command)
    second = CliRunner().invoke(main, command)
    assert "Gives a clear and thorough answer" in second.stdout
    assert second.stdout == first.stdout


def test_changed_file_is_linted_again_and_replaces_its_entry(folder: Path) -> None:
    CliRunner().invoke(main, [*CHECK, "r.yaml"])
    (folder / "r.yaml").write_text(FIXED)
    second = CliRunner().invoke(main, [*CHECK, "r.yaml"])
    assert _codes(second.stdout) == []
    assert _rows(folder) == 1


def test_changed_selection_misses(folder: Path) -> None:
    CliRunner().invoke(main, [*CHECK, "r.yaml"])
    second = CliRunner().invoke(main, [*CHECK, "--select", "RL102", "r.yaml"])
    assert _codes(second.stdout) == []
    assert _rows(folder) == 2


def test_no_cache_neither_reads_nor_writes(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    CliRunner().invoke(main, [*CHECK, "--no-cache", "r.yaml"])
    assert not (folder / ".rift_lint_cache").exists()
    CliRunner().invoke(main, [*CHECK, "r.yaml"])
    _forbid_linting(monkeypatch)
    result = CliRunner().invoke(main, [*CHECK, "--no-cache", "r.yaml"])
    assert result.exit_code == 2
    assert "AssertionError: the file was linted again" in result.stderr


def test_promptless_note_survives_a_cached_run(folder: Path) -> None:
    (folder / "r.yaml").write_text(FIXED)
    command = ["check", "--isolated", "--select", "RL202", "r.yaml"]
    first = CliRunner().invoke(main, command)
    second = CliRunner().invoke(main, command)
    note = "rift-lint: RL202 skipped 1 rubric without a prompt\n"
    assert first.stderr == second.stderr == note


def test_a_run_closes_its_database(folder: Path) -> None:
    gc.disable()  # the connection must not wait for the garbage collector
    try:
        result = CliRunner().invoke(main, [*CHECK, "r.yaml"])
    finally:
        gc.enable()
    assert _codes(result.stdout) == ["RL101"]
    assert not (folder / ".rift_lint_cache" / f"{DATABASE}-wal").exists()
    assert _rows(folder) == 1


def test_damaged_database_is_rebuilt(folder: Path) -> None:
    CliRunner().invoke(main, [*CHECK, "r.yaml"])
    directory = folder / ".rift_lint_cache"
    for journal in directory.glob(f"{DATABASE}-*"):
        journal.unlink()
    (directory / f"{DATABASE}.corrupt-17").write_bytes(b"an older damaged copy")
    damaged = b"not a database at all" * 100
    (directory / DATABASE).write_bytes(damaged)
    result = CliRunner().invoke(main, [*CHECK, "r.yaml"])
    assert _codes(result.stdout) == ["RL101"]
    assert _rows(folder) == 1
    [kept] = directory.glob(f"{DATABASE}.corrupt-*")
    assert kept.read_bytes() == damaged


def test_unreadable_entry_is_a_miss(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    CliRunner().invoke(main, [*CHECK, "r.yaml"])
    with sqlite3.connect(folder / ".rift_lint_cache" / DATABASE) as connection:
        connection.execute("UPDATE results SET data = ?", (b"truncated",))
    result = CliRunner().invoke(main, [*CHECK, "r.yaml"])
    assert _codes(result.stdout) == ["RL101"]


def test_cache_clear_removes_results(folder: Path) -> None:
    CliRunner().invoke(main, [*CHECK, "r.yaml"])
    result = CliRunner().invoke(main, ["cache", "clear", "--isolated"])
    assert result.exit_code == 0
    assert not (folder / ".rift_lint_cache").exists()


def test_key_depends_on_options_name_and_bytes(folder: Path) -> None:
    resolver = ConfigResolver(isolated=True)
    config = resolver.for_path(folder / "r.yaml")
    rules = ActiveRules.for_file(config, folder / "r.yaml")
    key = EntryKey.of(rules, "r.yaml", VAGUE.encode())
    assert EntryKey.of(rules, "r.yaml", VAGUE.encode()) == key
    assert EntryKey.of(rules, "s.yaml", VAGUE.encode()).slot != key.slot
    changed = EntryKey.of(rules, "r.yaml", FIXED.encode())
    assert (changed.slot, changed.digest != key.digest) == (key.slot, True)
    strict = build_config({"rules": {"RL101": {"min-confidence": 0.9}}}, folder)
    strict_rules = ActiveRules.for_file(strict, folder / "r.yaml")
    assert EntryKey.of(strict_rules, "r.yaml", b"").slot != EntryKey.of(rules, "r.yaml", b"").slot


def test_store_keeps_one_cache_per_directory(tmp_path: Path) -> None:
    store = ResultStore()
    first = store.for_directory(tmp_path / "a")
    assert store.for_directory(tmp_path / "a") is first
    assert isinstance(store.for_directory(tmp_path / "b"), ResultCache)
    assert store.for_directory(tmp_path / "b") is not first


def test_unwritable_cache_directory_does_not_stop_the_run(folder: Path) -> None:
    (folder / "blocker").write_text("a file where the cache directory should go\n")
    (folder / "rift-lint.toml").write_text('cache-dir = "blocker"\n')
    command = ["check", "--no-embeddings", "--format", "json", "--exit-zero", "r.yaml"]
    (folder / "s.yaml").write_text((folder / "r.yaml").read_text())
    first = CliRunner().invoke(main, command)
    second = CliRunner().invoke(main, [*command[:-1], "--jobs", "2", "r.yaml", "s.yaml"])
    assert first.exit_code == second.exit_code == 0
    assert _codes(first.stdout) == ["RL101"]
    assert _codes(second.stdout) == ["RL101", "RL101"]
    note = (
        "rift-lint: the cache in blocker cannot be used (a file is in its place): every file "
        "is linted afresh (set cache-dir, or --no-cache to say so)"
    )
    for run in (first, second):
        assert [line for line in run.stderr.splitlines() if "cache" in line] == [note]
    quiet = CliRunner().invoke(main, [*command[:-1], "-q", "r.yaml"])
    assert quiet.stderr == ""


def test_report_from_a_cached_run_is_the_same_page(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (folder / "s.jsonl").write_text(
        json.dumps({"id": "a", "source": "set-a", "criteria": [{"text": "Is clear", "points": 3}]})
        + "\n"
    )
    command = ["report", "--isolated", "--no-embeddings", "--group-by", "source", "."]
    CliRunner().invoke(main, [*command, "-o", "first.html"])
    _forbid_linting(monkeypatch)
    result = CliRunner().invoke(main, [*command, "-o", "second.html"])
    assert result.exit_code == 0, result.output
    first = (folder / "first.html").read_text()
    assert "set-a" in first
    assert (folder / "second.html").read_text() == first


@pytest.mark.parametrize("table", ["embeddings", "nlp"])
def test_key_depends_on_the_files_of_a_model_folder(folder: Path, table: str) -> None:
    """A model saved again in the folder the configuration names gives other findings: the
    entries the old model left are not served."""
    model = folder / "model"
    model.mkdir()
    (model / "weights.bin").write_text("first weights")
    config = build_config({table: {"model": "model"}}, folder)
    embeddings = EmbeddingProvider(fixed=FakeEmbedder())
    rules = ActiveRules.for_file(config, folder / "r.yaml", embeddings)
    key = EntryKey.of(rules, "r.yaml", VAGUE.encode())
    model_folder_stamp.cache_clear()
    assert EntryKey.of(rules, "r.yaml", VAGUE.encode()) == key
    (model / "weights.bin").write_text("second weights, retrained")
    model_folder_stamp.cache_clear()
    assert EntryKey.of(rules, "r.yaml", VAGUE.encode()).slot != key.slot


def test_stamp_changes_when_a_trained_spacy_pipeline_is_installed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Installing en_core_web_sm replaces the default blank pipeline, and so the findings."""

    def installed(*names: str) -> Callable[[str], str]:
        def version(name: str) -> str:
            if name not in names:
                raise PackageNotFoundError(name)
            return "3.8.0"

        return version

    stamps = []
    for names in [(), ("en-core-web-sm",)]:
        monkeypatch.setattr(result_cache, "version", installed("spacy", *names))
        installation_stamp.cache_clear()
        stamps.append(installation_stamp())
    installation_stamp.cache_clear()
    assert stamps[0] != stamps[1]


def test_database_damaged_past_its_header_is_rebuilt(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = CliRunner().invoke(main, [*CHECK, "r.yaml"])
    gc.collect()
    directory = folder / ".rift_lint_cache"
    damage_pages_after_the_first(directory / DATABASE)
    damaged = CliRunner().invoke(main, [*CHECK, "r.yaml"])
    assert damaged.stdout == first.stdout
    assert len(list(directory.glob(f"{DATABASE}.corrupt-*"))) == 1
    assert _rows(folder) == 1
    _forbid_linting(monkeypatch)
    assert CliRunner().invoke(main, [*CHECK, "r.yaml"]).stdout == first.stdout
