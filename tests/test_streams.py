"""Standard streams that fail: a full disk behind stdout, a closed pipe, a closed stdin."""

from __future__ import annotations

import errno
import io
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from rift_lint.cli import main

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


@pytest.mark.parametrize(
    ("args", "name"),
    [(["-"], "-"), (["--stdin-filename", "x.yaml"], "x.yaml"), (["-", "bad.yaml"], "-")],
)
def test_a_closed_standard_input_is_named_as_unread(
    tmp_path: Path, args: list[str], name: str
) -> None:
    (tmp_path / "bad.yaml").write_text(BAD)
    completed = subprocess.run(
        [sys.executable, "-m", "rift_lint", *CHECK[:-1], "--format", "concise", *args],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        preexec_fn=lambda: os.close(0),
    )
    assert completed.returncode == 2
    assert f"rift-lint: error: {name}: cannot read: standard input is closed\n" in (
        completed.stderr
    )
    assert ("bad.yaml:4:11: RL003" in completed.stdout) == ("bad.yaml" in args)


class _FailingInput(io.RawIOBase):
    """A standard input whose reading fails with an I/O error."""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if not len(buffer):
            return 0
        raise OSError(errno.EIO, os.strerror(errno.EIO))


def test_a_standard_input_that_cannot_be_read_is_named_with_the_reason() -> None:
    result = CliRunner().invoke(main, [*CHECK[:-1], "-"], input=_FailingInput())
    assert result.exit_code == 2
    assert result.stderr == "rift-lint: error: -: cannot read: Input/output error\n"


def test_a_bug_of_rift_lint_exits_2_with_its_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A crash is no finding: exit 2, as ruff's, where Python's default exit 1 read as
    "findings" to CI; the traceback stays on stderr for the report."""
    import rift_lint.reporters

    def broken(*args: Any, **kwargs: Any) -> str:
        raise RuntimeError("boom")

    (tmp_path / "bad.yaml").write_text(BAD)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(rift_lint.reporters, "render", broken)
    result = CliRunner().invoke(main, CHECK)
    assert result.exit_code == 2
    assert "Traceback (most recent call last):" in result.stderr
    assert result.stderr.endswith(
        "rift-lint: error: internal error (RuntimeError: boom); this is a bug of rift-lint, "
        "please report it with the traceback above\n"
    )
