"""``rift-lint check`` over every real rubric file in ../shared/data/rubrics never crashes.

Embedding rules are skipped here to keep the suite fast (encoding 23k criteria cold takes
minutes on two cores); their crash-safety on real data is covered by their own tests and by
benchmarks/speed.py over the same corpus.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from rift_lint.cli import main


def test_check_whole_corpus_without_traceback(
    shared_rubrics: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "report.json"
    files = sorted(p for p in shared_rubrics.rglob("*") if p.is_file() and p.name != "SOURCES.md")
    result = CliRunner().invoke(
        main,
        [
            "check",
            "--isolated",
            "--no-embeddings",
            "--format",
            "json",
            "--output-file",
            str(out),
            *map(str, files),
        ],
    )
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert result.exit_code in (0, 1), result.output
    report = json.loads(out.read_text())
    assert report["summary"]["files"] == len(files)
    assert report["summary"]["criteria"] > 20_000
