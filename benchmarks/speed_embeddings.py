"""Speed and memory of a run with embeddings: cold (empty cache), warm (served from the cache).

    python benchmarks/speed_embeddings.py [CORPUS_DIR] [--select RL202,RL302,RL303] [--runs 1]
                                          [--jobs 1] [--sample 1000]

Each run is ``rift-lint check --isolated`` over CORPUS_DIR (default ../shared/data/rubrics) in a
fresh process whose working directory is a temporary folder, so the embedding cache
(``.rift_lint_cache/``) starts empty and belongs to this benchmark alone. Per repetition:

1. a cold run: the cache is empty, every text a rule needs is encoded with the model;
2. a warm re-run over the same files: every file's findings come from the result cache (and
   any vector a re-linted file needs, from the embedding cache).

Before the runs, the model alone is timed on this machine: plain sentence-transformers
(``SentenceTransformer.encode`` with its defaults, all the cores) encodes a fixed sample of the
corpus's English criterion texts (every k-th, ``--sample`` 1,000). The cold rate is bound by
that rate, which varies with the machine's load by the hour, so the cold rate is also printed as
a multiple of it (``--sample 0`` skips this).

Prints criteria per second (criteria read / wall time of the process, interpreter start and
model load included), the peak resident memory of each process (``ru_maxrss`` from
``os.wait4``, the resource usage of that child alone) and, for a cold run, how many texts were
encoded (the vectors it left in the embedding cache) and how many were left as zero rows
because the model cannot read them. ``--select`` limits the run to some
rules (for example the embedding rules alone); by default every rule runs. ``--jobs`` is
passed on to ``rift-lint check`` (files linted in that many processes, each encoding with its
share of the cores); the peak memory printed is then that of the largest process, and the
run as a whole holds about that much per worker.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def lint(corpus: Path, folder: Path, select: str | None, jobs: int) -> tuple[int, float, float]:
    """One ``rift-lint check`` in ``folder``: (criteria, seconds, peak RSS in MiB)."""
    report = folder / "report.json"
    command = [
        sys.executable, "-m", "rift_lint", "check", "--isolated", "--quiet", "--exit-zero",
        "--format", "json", "--output-file", str(report), "--jobs", str(jobs),
        str(corpus.resolve()),
    ]  # fmt: skip
    if select:
        command[4:4] = ["--select", select]
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=folder, env=env, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"rift-lint check failed with exit code {process.returncode}")
    criteria = json.loads(report.read_text(encoding="utf-8"))["summary"]["criteria"]
    return criteria, seconds, usage.ru_maxrss / 1024  # ru_maxrss is in KiB on Linux


def encoded_texts(folder: Path) -> tuple[int, int]:
    """How many texts the runs in ``folder`` left in the embedding cache, and how many of
    them the model could not read (zero rows: stored, but never sent to the model)."""
    database = folder / ".rift_lint_cache" / "embeddings.sqlite3"
    if not database.exists():
        return 0, 0
    with sqlite3.connect(database) as connection:
        rows = connection.execute("SELECT data FROM vectors").fetchall()
    unread = sum(1 for (data,) in rows if not any(data))
    return len(rows), unread


def corpus_texts(corpus: Path) -> list[str]:
    """Every criterion text of the corpus, in file order (files sorted by path)."""
    from rift_lint.config import ConfigResolver
    from rift_lint.discovery import discover
    from rift_lint.models import Rubric
    from rift_lint.parsing import decode, parse_document
    from rift_lint.source import SourceDocument

    texts = []
    for path in sorted(discover([corpus], ConfigResolver(isolated=True))):
        document = decode(str(path), path.read_bytes())
        if isinstance(document, SourceDocument):
            for rubric in parse_document(document):
                if isinstance(rubric, Rubric):
                    texts.extend(c.text for c in rubric.criteria if c.text.strip())
    return texts


def model_rate(corpus: Path, sample: int) -> tuple[float, int]:
    """Texts per second that plain sentence-transformers encodes here, and how many it timed:
    every k-th of the corpus's English criterion texts (nine tenths of their characters ASCII;
    the model does not read Chinese), at most ``sample`` of them, after one warm-up batch."""
    os.environ["TRANSFORMERS_VERBOSITY"] = "error"
    from sentence_transformers import SentenceTransformer
    from transformers.utils import logging as transformers_logging

    from rift_lint.embeddings.embedder import resolve_model

    transformers_logging.disable_progress_bar()
    english = [text for text in corpus_texts(corpus) if _ascii_share(text) >= 0.9]
    chosen = english[:: max(1, len(english) // sample)][:sample]
    model = SentenceTransformer(resolve_model(None)[1], device="cpu")
    model.encode(chosen[:32])
    started = time.perf_counter()
    model.encode(chosen)
    return len(chosen) / (time.perf_counter() - started), len(chosen)


def _ascii_share(text: str) -> float:
    return sum(char.isascii() for char in text) / max(1, len(text))


def main() -> None:
    """Print cold and warm criteria per second and the peak memory."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("corpus", nargs="?", type=Path, default=Path("../shared/data/rubrics"))
    parser.add_argument("--select", help="rules to run (default: all)")
    parser.add_argument("--runs", type=int, default=1, help="cold + warm repetitions")
    parser.add_argument("--jobs", type=int, default=1, help="worker processes (default 1)")
    parser.add_argument(
        "--sample", type=int, default=1000, help="texts to time the model alone on (0: skip)"
    )
    args = parser.parse_args()
    alone = None
    if args.sample > 0:
        os.environ["HF_HUB_OFFLINE"] = "1"
        alone, timed = model_rate(args.corpus, args.sample)
        print(f"model alone: {alone:,.0f} texts/s (sentence-transformers defaults, "
              f"{timed:,} corpus criteria)")  # fmt: skip
    cold, warm, peaks = [], [], []
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory() as name:
            folder = Path(name)
            criteria, seconds, peak = lint(args.corpus, folder, args.select, args.jobs)
            cold.append(criteria / seconds)
            peaks.append(peak)
            texts, unread = encoded_texts(folder)
            print(f"cold: {criteria} criteria in {seconds:.1f} s = {cold[-1]:,.0f} criteria/s, "
                  f"peak {peak:,.0f} MiB, {texts - unread:,} texts encoded "
                  f"({unread:,} more the model cannot read)")  # fmt: skip
            criteria, seconds, peak = lint(args.corpus, folder, args.select, args.jobs)
            warm.append(criteria / seconds)
            peaks.append(peak)
            print(f"warm: {criteria} criteria in {seconds:.1f} s = {warm[-1]:,.0f} criteria/s, "
                  f"peak {peak:,.0f} MiB")  # fmt: skip
    print(
        f"median over {args.runs} run(s): cold {statistics.median(cold):,.0f} criteria/s, "
        f"warm {statistics.median(warm):,.0f} criteria/s, peak memory {max(peaks):,.0f} MiB"
    )
    if alone:
        print(f"cold rate / model-alone rate: {statistics.median(cold) / alone:.2f}")


if __name__ == "__main__":
    main()
