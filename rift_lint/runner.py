"""Lint a list of files, in this process or spread across worker processes (``--jobs``).

Results come back in the order of the input list whatever the number of workers, so output
is deterministic. Each worker builds its own linter (configuration, spaCy, embedder and model
load once per worker) and encodes with its share of the cores. Progress is counted per rubric
in-process and per file with workers.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rift_lint.config import ConfigResolver
from rift_lint.embeddings.embedder import limit_threads
from rift_lint.embeddings.provider import EmbeddingProvider
from rift_lint.engine import Linter
from rift_lint.interruption import leave_signals_to_parent
from rift_lint.learning.choice import ModelChoice
from rift_lint.listing import first_and_rest
from rift_lint.progress import Progress, estimate_rubrics
from rift_lint.result_cache import ResultStore
from rift_lint.results import FileResult, Unreadable
from rift_lint.sqlite_store import take_unusable


@dataclass(frozen=True)
class RunSettings:
    """Everything a worker needs to build the same linter as the parent would."""

    config: Path | None = None
    isolated: bool = False
    overrides: dict[str, Any] = field(default_factory=dict)
    embeddings: bool = True
    cache: bool = True
    model: Path | None = None
    no_model: bool = False

    def linter(self, resolver: ConfigResolver | None = None) -> Linter:
        """A fresh linter for these settings; with ``resolver``, the configuration the caller
        has read for them already (else the linter reads it afresh)."""
        if resolver is None:
            resolver = ConfigResolver(self.config, self.isolated, self.overrides)
        return Linter(
            resolver,
            EmbeddingProvider(enabled=self.embeddings, use_cache=self.cache),
            ModelChoice(disabled=self.no_model, path=self.model),
            ResultStore() if self.cache else None,
        )


@dataclass
class RunNotes:
    """What the linters noticed along the way, for the notes printed on stderr."""

    skipped: set[str] = field(default_factory=set)
    promptless: dict[str, int] = field(default_factory=dict)
    unused_models: set[str] = field(default_factory=set)
    unreadable: list[Unreadable] = field(default_factory=list)
    unusable_caches: dict[str, str] = field(default_factory=dict)

    def add(self, linter: Linter) -> None:
        """Fold in a linter's notes (and forget them there), and the cache directories its
        process could not use."""
        self.merge(
            RunNotes(
                linter.skipped,
                linter.promptless,
                linter.unused_models,
                unusable_caches=take_unusable(),
            )
        )
        linter.skipped, linter.promptless, linter.unused_models = set(), {}, set()

    def merge(self, other: RunNotes) -> None:
        """Fold in another run's notes."""
        self.skipped.update(other.skipped)
        for code, count in other.promptless.items():
            self.promptless[code] = self.promptless.get(code, 0) + count
        self.unused_models.update(other.unused_models)
        self.unreadable.extend(other.unreadable)
        for directory, reason in other.unusable_caches.items():
            self.unusable_caches.setdefault(directory, reason)


_WORKER: Linter | None = None


def _start_worker(settings: RunSettings, threads: int) -> None:
    global _WORKER
    leave_signals_to_parent()
    limit_threads(threads)
    _WORKER = settings.linter()


def _lint_in_worker(path: Path, display: str) -> tuple[FileResult | Unreadable, RunNotes]:
    assert _WORKER is not None
    notes = RunNotes()
    try:
        result: FileResult | Unreadable = _WORKER.lint_path(path, display)
    except OSError as exc:
        result = Unreadable.of(path, display, exc)
    notes.add(_WORKER)
    return result, notes


def available_cores() -> int:
    """The CPU cores this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def worker_threads(workers: int) -> int:
    """The encoding threads of each of ``workers`` processes: an even share of the cores."""
    return max(1, available_cores() // workers)


def lint_files(
    files: list[tuple[Path, str]],
    settings: RunSettings,
    jobs: int,
    progress: Progress,
    linter: Linter | None = None,
) -> tuple[list[FileResult], RunNotes]:
    """Lint ``(path, display name)`` pairs; unreadable files are listed in the notes.

    The notes include what ``linter`` noticed before (on standard input, say), whether the
    files are linted by it or by workers.
    """
    estimates = [estimate_rubrics(path) for path, _ in files]
    progress.total += sum(estimates)
    notes = RunNotes()
    if linter is not None:
        notes.add(linter)
    if jobs <= 1 or len(files) <= 1:
        own = linter or settings.linter()
        own.on_rubrics = progress.advance
        results = []
        for (path, display), estimate in zip(files, estimates, strict=True):
            try:
                result = own.lint_path(path, display)
            except OSError as exc:
                notes.unreadable.append(Unreadable.of(path, display, exc))
                progress.correct(estimate, 0)
                continue
            progress.correct(estimate, result.rubrics)
            results.append(result)
        notes.add(own)
        return results, notes
    return _in_workers(files, estimates, settings, jobs, progress, notes)


def largest_first(files: list[tuple[Path, str]]) -> list[int]:
    """The indices of ``files``, largest file first (ties in their given order).

    Workers take files in this order, so the longest jobs start at once and the small ones
    fill the gaps at the end; in the given order, a large file met last keeps one worker busy
    while the others wait.
    """
    return sorted(range(len(files)), key=lambda index: -_size(files[index][0]))


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # the worker reports the file as unreadable


class WorkerDied(RuntimeError):
    """A worker process died while linting (killed, or crashed inside a C library): the run
    cannot say which of the files it had not finished caused it."""

    def __init__(self, unfinished: list[str]) -> None:
        shown = first_and_rest(unfinished, 5)
        super().__init__(
            f"a worker process died while linting (killed, or crashed inside a library); "
            f"not linted: {shown}. Run with --jobs 1 to find the file, and please report it"
        )


def _stop_workers(pool: ProcessPoolExecutor) -> None:
    """End the workers now, for a run that stops early (Ctrl-C, SIGTERM, an error): leaving
    the pool would wait for every file still queued, and a worker left behind by a main
    process that a signal ended would wait for work forever. Python 3.14's
    ``terminate_workers`` does the same with the pool's own (private) list of processes."""
    for process in list((pool._processes or {}).values()):
        process.terminate()
    pool.shutdown(wait=False, cancel_futures=True)


def _in_workers(
    files: list[tuple[Path, str]],
    estimates: list[int],
    settings: RunSettings,
    jobs: int,
    progress: Progress,
    notes: RunNotes,
) -> tuple[list[FileResult], RunNotes]:
    method = "fork" if sys.platform.startswith("linux") else "spawn"
    context = multiprocessing.get_context(method)
    slots: list[FileResult | Unreadable | None] = [None] * len(files)
    workers = min(jobs, len(files))
    initargs = (settings, worker_threads(workers))
    with ProcessPoolExecutor(workers, context, _start_worker, initargs) as pool:
        try:
            futures: dict[Future[tuple[FileResult | Unreadable, RunNotes]], int] = {
                pool.submit(_lint_in_worker, *files[index]): index for index in largest_first(files)
            }
            for future in as_completed(futures):
                index = futures[future]
                try:
                    result, found = future.result()
                except BrokenProcessPool:
                    raise WorkerDied(
                        [files[i][1] for i, slot in enumerate(slots) if slot is None]
                    ) from None
                slots[index] = result
                notes.merge(found)
                rubrics = result.rubrics if isinstance(result, FileResult) else 0
                progress.correct(estimates[index], rubrics)
                progress.advance(rubrics)
        except BaseException:
            _stop_workers(pool)
            raise
    results = []
    for slot in slots:
        if isinstance(slot, FileResult):
            results.append(slot)
        elif slot is not None:
            notes.unreadable.append(slot)
    return results, notes
