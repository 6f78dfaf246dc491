"""Standard streams that fail: a full disk behind stdout, a closed pipe, a closed stdin."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

BAD = (
    "criteria:\n  - text: Names the capital\n    points: 2\n"
    "  - text: names the capital\n    points: 2\n"
)
CHECK = ["check", "--isolated", "--select", "RL0", "--no-embeddings", "--no-cache", "bad.yaml"]


def _run(args: list[str], cwd: Path, stdout: int) -> subprocess.CompletedProcess[str]:
    """Run ``python -m rift_lint`` with ``stdout`` as its standard output."""
    return subprocess.run(
        [sys.executable, "-m", "rift_lint", *args],
        cwd=cwd,
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        check=False,
    )


@pytest.mark.parametrize("args", [["modes"], CHECK, ["--help"]])
def test_a_full_standard_output_is_an_error(tmp_path: Path, args: list[str]) -> None:
    (tmp_path / "bad.yaml").write_text(BAD)
    with open("/dev/full", "w") as full:
        completed = _run(args, tmp_path, full.fileno())
    assert completed.returncode == 2
    assert completed.stderr == (
        "rift-lint: error: cannot write to standard output: No space left on device\n"
    )


def test_a_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text(BAD)
    reader, writer = os.pipe()
    os.close(reader)
    try:
        completed = _run(CHECK, tmp_path, writer)
    finally:
        os.close(writer)
    assert completed.returncode == 1
    assert completed.stderr == ""
