"""Output files are written all at once: a failed write keeps the previous file whole."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import pytest
from click.testing import CliRunner

from rift_lint.atomic import write_text_atomically
from rift_lint.cli import main
from rift_lint.learning.features import FEATURE_VERSION
from rift_lint.learning.modelfile import FORMAT_VERSION, ModelFile, save_model

BAD = (
    "criteria:\n  - text: Names the capital\n    points: 2\n"
    "  - text: names the capital\n    points: 2\n"
)
OLD = "the previous content\n"


class _FullDisk:
    """A file handle that writes half of what it is given, then fails as a full disk does."""

    def __init__(self, handle: IO[str]) -> None:
        self.handle = handle

    def __enter__(self) -> _FullDisk:
        return self

    def __exit__(self, *_: object) -> None:
        self.handle.close()

    def write(self, text: str) -> int:
        self.handle.write(text[: len(text) // 2])
        self.handle.flush()
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


@pytest.fixture
def full_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make every temporary file the atomic writer opens fail halfway."""
    opener = os.fdopen

    def fdopen(descriptor: int, *args: Any, **kwargs: Any) -> _FullDisk:
        return _FullDisk(opener(descriptor, *args, **kwargs))

    monkeypatch.setattr("rift_lint.atomic.os.fdopen", fdopen)


@pytest.fixture
def umask() -> Iterator[None]:
    """Run with the usual umask 022, then restore the one in force."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def test_a_new_file_gets_the_umask_mode_and_an_old_one_keeps_its_own(
    tmp_path: Path, umask: None
) -> None:
    new = tmp_path / "new.txt"
    write_text_atomically(new, "fresh\n")
    assert new.read_text() == "fresh\n"
    assert stat.S_IMODE(new.stat().st_mode) == 0o644
    old = tmp_path / "old.txt"
    old.write_text(OLD)
    old.chmod(0o640)
    write_text_atomically(old, "replaced\n")
    assert old.read_text() == "replaced\n"
    assert stat.S_IMODE(old.stat().st_mode) == 0o640
    assert sorted(path.name for path in tmp_path.iterdir()) == ["new.txt", "old.txt"]


def test_a_symbolic_link_is_written_through(tmp_path: Path) -> None:
    (tmp_path / "target.txt").write_text(OLD)
    (tmp_path / "link.txt").symlink_to("target.txt")
    write_text_atomically(tmp_path / "link.txt", "replaced\n")
    assert (tmp_path / "link.txt").is_symlink()
    assert (tmp_path / "target.txt").read_text() == "replaced\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["check", "bad.yaml", "--output-file", "out.txt"], "cannot write the findings"),
        (["check", "bad.yaml", "--write-baseline", "out.txt"], "cannot write the baseline"),
        (["report", "bad.yaml", "-o", "out.txt", "--quiet"], "cannot write report"),
    ],
)
def test_a_full_disk_keeps_the_previous_output_and_leaves_no_temporary_file(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    full_disk: None,
    args: list[str],
    message: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bad.yaml").write_text(BAD)
    (tmp_path / "out.txt").write_text(OLD)
    args = [*args, "--isolated", "--select", "RL0", "--no-embeddings", "--no-cache"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2
    assert f"rift-lint: error: out.txt: {message}: No space left on device" in result.stderr
    assert (tmp_path / "out.txt").read_text() == OLD
    assert sorted(path.name for path in tmp_path.iterdir()) == ["bad.yaml", "out.txt"]


def test_a_full_disk_keeps_the_previous_model_file(tmp_path: Path, full_disk: None) -> None:
    path = tmp_path / "model.json"
    path.write_text(OLD)
    model = ModelFile(
        format="rift-lint-model",
        format_version=FORMAT_VERSION,
        feature_version=FEATURE_VERSION,
        embedding_model=None,
        modes={},
    )
    with pytest.raises(OSError, match="No space left on device"):
        save_model(model, path)
    assert path.read_text() == OLD
    assert [path.name for path in tmp_path.iterdir()] == ["model.json"]


def test_a_descriptor_name_is_written_to_the_descriptor_as_the_shell_left_it(
    tmp_path: Path,
) -> None:
    """``/dev/fd/N`` (as ``/dev/stdout``) appends to a file opened for appending, where
    reopening the name would truncate it, and reaches a pipe, which has no path."""
    log = tmp_path / "log.txt"
    log.write_text("before\n")
    with log.open("a") as appending:
        write_text_atomically(Path(f"/dev/fd/{appending.fileno()}"), "findings\n")
    assert log.read_text() == "before\nfindings\n"
    read_end, write_end = os.pipe()
    try:
        write_text_atomically(Path(f"/proc/self/fd/{write_end}"), "through a pipe ✓\n")
        os.close(write_end)
        with os.fdopen(read_end, encoding="utf-8") as reading:
            assert reading.read() == "through a pipe ✓\n"
    finally:
        with contextlib.suppress(OSError):
            os.close(write_end)
