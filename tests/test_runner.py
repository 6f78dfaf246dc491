"""Progress on stderr, ``--quiet``, and ``--jobs`` keeping output identical and ordered."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import Future
from pathlib import Path
from typing import Any, ClassVar

import pytest
from click.testing import CliRunner

from rift_lint import runner
from rift_lint.cli import main
from rift_lint.engine import Linter
from rift_lint.progress import Progress, estimate_rubrics


@pytest.fixture(autouse=True)
def _signal_handlers_restored() -> Iterator[None]:
    """Tests that run a worker's set-up in this process (the inline pool) must not leave
    pytest ignoring Ctrl-C."""
    handlers = {number: signal.getsignal(number) for number in (signal.SIGINT, signal.SIGTERM)}
    yield
    for number, handler in handlers.items():
        signal.signal(number, handler)


class Terminal(io.StringIO):
    """A stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def test_progress_draws_counts_rate_and_time_left_on_a_terminal() -> None:
    stream = Terminal()
    progress = Progress(10, stream, enabled=True)
    progress.advance(3)
    line = stream.getvalue()
    assert line.startswith("\r[")
    assert "3/10 rubrics" in line and "/s" in line and "left" in line
    progress.close()
    assert stream.getvalue().endswith("\r")


def test_progress_is_silent_in_a_pipe_and_when_disabled() -> None:
    pipe = io.StringIO()
    Progress(10, pipe, enabled=True).advance(5)
    quiet = Terminal()
    Progress(10, quiet, enabled=False).advance(5)
    assert pipe.getvalue() == "" and quiet.getvalue() == ""


def test_estimates_count_jsonl_records_and_totals_are_corrected(tmp_path: Path) -> None:
    data = tmp_path / "set.jsonl"
    data.write_text('{"a": 1}\n\n{"a": 2}\n{"a": 3}\n')
    other = tmp_path / "one.yaml"
    other.write_text("criteria: []\n")
    assert (estimate_rubrics(data), estimate_rubrics(other)) == (3, 1)
    progress = Progress(4, io.StringIO(), enabled=False)
    progress.advance(2)
    progress.correct(estimated=3, actual=2)
    assert (progress.done, progress.total) == (2, 3)


RUBRIC = "prompt: Explain tides.\ncriteria:\n  - text: The answer is clear.\n  - text: {text}\n"


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "rift-lint.toml").write_text('select = ["RL0", "RL101"]\n')
    for index in range(5):
        text = "Names the Moon." if index % 2 else "The answer is clear."
        (tmp_path / f"r{index}.yaml").write_text(RUBRIC.format(text=text))
    (tmp_path / "broken.json").write_text('{"criteria": [')
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_jobs_give_the_same_output_in_the_same_order(folder: Path) -> None:
    runner = CliRunner()
    serial = runner.invoke(main, ["check", "--format", "concise", "."])
    parallel = runner.invoke(main, ["check", "--format", "concise", "--jobs", "3", "."])
    assert serial.exit_code == parallel.exit_code == 1
    assert parallel.stdout == serial.stdout
    paths = [line.split(":")[0] for line in serial.stdout.splitlines() if line[:1] in "br"]
    assert paths == sorted(paths) and "broken.json" in paths and "r4.yaml" in paths


def test_a_worker_that_dies_is_a_run_error_naming_the_files_not_linted(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A worker killed inside a C library (libyaml's stack overflow did) was a BrokenProcessPool
    traceback and exit 1, which CI reads as findings; it is an error, exit 2."""
    lint_path = Linter.lint_path

    def dying(self: Linter, path: Path, display: str) -> Any:
        if display.endswith("r2.yaml"):
            os._exit(1)
        return lint_path(self, path, display)

    monkeypatch.setattr(Linter, "lint_path", dying)
    result = CliRunner().invoke(main, ["check", "--format", "concise", "--jobs", "2", "."])
    assert result.exit_code == 2
    assert result.stderr.startswith("rift-lint: error: a worker process died while linting")
    assert "r2.yaml" in result.stderr
    assert "Run with --jobs 1 to find the file" in result.stderr


def test_workers_take_the_largest_files_first(tmp_path: Path) -> None:
    sizes = {"small.yaml": 10, "large.jsonl": 300, "middle.json": 100, "twin.json": 100}
    for name, size in sizes.items():
        (tmp_path / name).write_text("x" * size)
    files = [(tmp_path / name, name) for name in [*sizes, "missing.yaml"]]
    order = [files[index][1] for index in runner.largest_first(files)]
    assert order == ["large.jsonl", "middle.json", "twin.json", "small.yaml", "missing.yaml"]


class InlinePool:
    """A stand-in for the process pool: runs each job at once and records the order."""

    taken: ClassVar[list[str]] = []

    def __init__(self, workers: int, context: object, start: Any, initargs: tuple) -> None:
        start(*initargs)

    def __enter__(self) -> InlinePool:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def submit(self, job: Any, path: Path, display: str) -> Future:
        self.taken.append(display)
        future: Future = Future()
        future.set_result(job(path, display))
        return future


def test_the_pool_gets_the_largest_file_first_and_output_keeps_its_order(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (folder / "r3.yaml").write_text(RUBRIC.format(text="A " + "much longer criterion " * 20))
    monkeypatch.setattr(runner, "ProcessPoolExecutor", InlinePool)
    monkeypatch.setattr(runner, "limit_threads", lambda threads: None)
    monkeypatch.setattr(runner, "_WORKER", None)
    InlinePool.taken = []
    result = CliRunner().invoke(main, ["check", "--format", "concise", "--jobs", "2", "."])
    assert InlinePool.taken[0] == "r3.yaml" and InlinePool.taken[-1] == "broken.json"
    paths = [line.split(":")[0] for line in result.stdout.splitlines() if line[:1] in "br"]
    assert paths == sorted(paths) and "r3.yaml" in paths


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_found_file_that_cannot_be_read_is_reported_in_every_format(
    folder: Path, monkeypatch: pytest.MonkeyPatch, jobs: str
) -> None:
    lint_path = Linter.lint_path

    def refuse_r2(linter: Linter, path: Path, display: str) -> Any:
        if display == "r2.yaml":
            raise PermissionError(13, "Permission denied")
        return lint_path(linter, path, display)

    monkeypatch.setattr(Linter, "lint_path", refuse_r2)
    monkeypatch.setattr(runner, "ProcessPoolExecutor", InlinePool)
    monkeypatch.setattr(runner, "limit_threads", lambda threads: None)
    monkeypatch.setattr(runner, "_WORKER", None)
    command = ["check", "--jobs", jobs, "--format", "json", "."]
    result = CliRunner().invoke(main, command)
    assert result.exit_code == 2
    assert "rift-lint: error: r2.yaml: cannot read: Permission denied" in result.stderr
    report = json.loads(result.stdout)
    assert report["unreadable"] == [
        {"filename": "r2.yaml", "reason": "cannot read: Permission denied"}
    ]
    assert report["summary"]["unreadable"] == 1 and report["summary"]["files"] == 6


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_notes_count_the_rubric_read_from_stdin_whatever_the_jobs(
    folder: Path, monkeypatch: pytest.MonkeyPatch, jobs: str
) -> None:
    monkeypatch.setattr(runner, "ProcessPoolExecutor", InlinePool)
    monkeypatch.setattr(runner, "limit_threads", lambda threads: None)
    monkeypatch.setattr(runner, "_WORKER", None)
    promptless = "criteria:\n  - text: Names the Moon.\n"
    (folder / "r0.yaml").write_text(promptless)
    files = ["-", "r0.yaml", "r2.yaml"]
    command = ["check", "--isolated", "--select", "RL202", "--jobs", jobs, *files]
    result = CliRunner().invoke(main, command, input=promptless)
    assert result.stderr == "rift-lint: RL202 skipped 2 rubrics without a prompt\n"


def test_quiet_silences_notes(folder: Path) -> None:
    (folder / "rift-lint.toml").write_text('select = ["RL0", "RL101", "RL303"]\n')
    runner = CliRunner()
    noisy = runner.invoke(main, ["check", "--no-embeddings", "."])
    quiet = runner.invoke(main, ["check", "--no-embeddings", "--quiet", "."])
    assert "skipped RL303" in noisy.stderr
    assert quiet.stderr == ""
    assert quiet.stdout == noisy.stdout


def test_each_worker_encodes_with_its_share_of_the_cores(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    limits: list[int] = []
    monkeypatch.setattr(runner, "limit_threads", limits.append)
    monkeypatch.setattr(runner, "available_cores", lambda: 8)
    assert [runner.worker_threads(n) for n in (1, 3, 8, 16)] == [8, 2, 1, 1]
    monkeypatch.setattr(runner, "_WORKER", None)
    runner._start_worker(runner.RunSettings(isolated=True), runner.worker_threads(4))
    assert limits == [2]
    assert isinstance(runner._WORKER, Linter)
    assert signal.getsignal(signal.SIGINT) == signal.SIG_IGN  # the main process stops it
    assert signal.getsignal(signal.SIGTERM) == signal.SIG_DFL


class Stopped(Exception):
    """What SIGTERM raises in this test process, should rift-lint not catch it itself."""


def slow_files(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Add files to ``folder`` (17 in all) and make each take half a second to lint, leaving
    ``<name>.started`` in ``folder`` when a worker starts it."""
    for index in range(5, 16):
        (folder / f"r{index}.yaml").write_text(RUBRIC.format(text="Names the Moon."))
    lint_path = Linter.lint_path

    def slow(linter: Linter, path: Path, display: str) -> Any:
        (folder / f"{display}.started").touch()
        time.sleep(0.5)
        return lint_path(linter, path, display)

    monkeypatch.setattr(Linter, "lint_path", slow)


def _press_ctrl_c() -> None:
    raise KeyboardInterrupt


def _send_sigterm() -> None:
    os.kill(os.getpid(), signal.SIGTERM)


@pytest.mark.parametrize(
    ("stop", "code", "name"),
    [
        (_press_ctrl_c, 130, "SIGINT"),
        (_send_sigterm, 143, "SIGTERM"),
    ],
)
def test_ctrl_c_or_sigterm_stops_the_workers_and_exits_128_plus_the_signal(
    folder: Path, monkeypatch: pytest.MonkeyPatch, stop: Any, code: int, name: str
) -> None:
    """Ctrl-C exited 1 ("Aborted!"), which CI reads as findings, only once the workers had
    linted every file still queued; SIGTERM left the workers waiting for work forever."""

    def raise_stopped(signum: int, frame: object) -> None:
        raise Stopped

    signal.signal(signal.SIGTERM, raise_stopped)
    slow_files(folder, monkeypatch)
    monkeypatch.setattr(Progress, "advance", lambda self, rubrics: stop())
    result = CliRunner().invoke(main, ["check", "--jobs", "2", "."])
    assert result.exit_code == code
    assert result.stderr == f"\nrift-lint: interrupted ({name})\n"
    assert result.stdout == ""
    time.sleep(1)  # a worker left running would start more files meanwhile
    assert len(list(folder.glob("*.started"))) <= 4  # of 17 files


def test_ctrl_c_while_files_are_queued_stops_the_workers(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A Ctrl-C that came while the files were being handed to the workers left the pool to
    lint every file already queued before the run ended."""
    slow_files(folder, monkeypatch)
    order = runner.largest_first

    def queued_then_ctrl_c(files: list[tuple[Path, str]]) -> Iterator[int]:
        yield from order(files)
        _press_ctrl_c()

    monkeypatch.setattr(runner, "largest_first", queued_then_ctrl_c)
    result = CliRunner().invoke(main, ["check", "--jobs", "2", "."])
    assert result.exit_code == 130
    assert result.stderr == "\nrift-lint: interrupted (SIGINT)\n"
    time.sleep(1)  # a worker left running would start more files meanwhile
    assert len(list(folder.glob("*.started"))) <= 4  # of 17 files


@pytest.mark.skipif(runner.available_cores() < 2, reason="torch uses one thread anyway")
@pytest.mark.parametrize("torch_first", [False, True])
def test_limit_threads_caps_torch_imported_before_or_after(torch_first: bool) -> None:
    code = "\n".join(
        [
            "import torch" if torch_first else "",
            "from rift_lint.embeddings.embedder import limit_threads",
            "limit_threads(1)",
            "import torch",
            "print(torch.get_num_threads())",
        ]
    )
    env = {k: v for k, v in os.environ.items() if not k.endswith("_NUM_THREADS")}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert done.stdout.strip() == "1"
