"""Speed of a rules-only run (no embedding rules): criteria per second and cold-start time.

    python benchmarks/speed.py [CORPUS_DIR] [--runs 5] [--jobs 2]

1. Lints every file under CORPUS_DIR (default ../shared/data/rubrics) in-process, several
   times, and prints the median criteria per second (parsing, spaCy and all rules included;
   the first, warming run is reported separately).
2. Runs ``rift-lint check`` in a fresh process on a 20-criterion file, several times, and
   prints the median wall time (interpreter start, imports, pipeline load, lint, report;
   ``--no-cache``, so no run is served from the result cache).
3. Runs ``rift-lint check --jobs N`` over CORPUS_DIR in a fresh process, several times, and
   prints the median criteria per second of the whole command (interpreter start, workers,
   pipeline loads and the JSON report included). ``--jobs`` defaults to the cores this process
   may use; ``--jobs 1`` skips this measurement (step 1 already measures one process).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from rift_lint.config import ConfigResolver
from rift_lint.discovery import discover
from rift_lint.embeddings.provider import EmbeddingProvider
from rift_lint.engine import Linter
from rift_lint.runner import available_cores

TWENTY_CRITERIA = (
    "prompt: Explain how to store insulin while travelling by plane.\ncriteria:\n"
    + "".join(
        f"  - text: The response is clear and mentions storage detail number {i} in a helpful way\n"
        f"    points: {i % 5 + 1}\n"
        for i in range(20)
    )
)

RULES_ONLY_CHECK = [
    sys.executable,
    "-m",
    "rift_lint",
    "check",
    "--isolated",
    "--no-embeddings",
    "--no-cache",
]


def corpus_rate(corpus: Path) -> tuple[int, float]:
    """Lint the corpus once; return (criteria, seconds)."""
    resolver = ConfigResolver(isolated=True)
    linter = Linter(resolver, EmbeddingProvider(enabled=False))
    started = time.perf_counter()
    criteria = 0
    for path in discover([corpus], resolver):
        criteria += linter.lint_path(path, str(path)).criteria
    return criteria, time.perf_counter() - started


def cold_start(runs: int) -> list[float]:
    """Wall times of ``rift-lint check`` on a 20-criterion file in fresh processes."""
    times = []
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "rubric.yaml"
        path.write_text(TWENTY_CRITERIA, encoding="utf-8")
        command = [*RULES_ONLY_CHECK, str(path)]
        for _ in range(runs):
            started = time.perf_counter()
            subprocess.run(command, capture_output=True, check=False)
            times.append(time.perf_counter() - started)
    return times


def command_rate(corpus: Path, jobs: int, runs: int) -> list[float]:
    """Criteria per second of ``rift-lint check --jobs`` over the corpus, one fresh process per
    run (the criteria counted from the JSON report)."""
    rates = []
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report.json"
        command = [
            *RULES_ONLY_CHECK,
            "--quiet",
            "--exit-zero",
            "--format",
            "json",
            "--output-file",
            str(report),
            "--jobs",
            str(jobs),
            str(corpus),
        ]
        for _ in range(runs):
            started = time.perf_counter()
            subprocess.run(command, capture_output=True, check=True, cwd=folder)
            seconds = time.perf_counter() - started
            criteria = json.loads(report.read_text(encoding="utf-8"))["summary"]["criteria"]
            rates.append(criteria / seconds)
    return rates


def main() -> None:
    """Print the corpus rate and the cold-start time."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("corpus", nargs="?", type=Path, default=Path("../shared/data/rubrics"))
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--jobs", type=int, default=available_cores())
    args = parser.parse_args()
    criteria, first = corpus_rate(args.corpus)
    print(
        f"corpus: {criteria} criteria; first (warming) run {first:.2f} s "
        f"= {criteria / first:,.0f} criteria/s"
    )
    rates = [criteria / corpus_rate(args.corpus)[1] for _ in range(args.runs)]
    print(
        f"corpus: median {statistics.median(rates):,.0f} criteria/s over {args.runs} runs "
        f"(min {min(rates):,.0f}, max {max(rates):,.0f})"
    )
    times = cold_start(args.runs)
    print(
        f"cold start, 20 criteria: median {statistics.median(times):.2f} s over {args.runs} runs "
        f"(min {min(times):.2f}, max {max(times):.2f})"
    )
    if args.jobs > 1:
        rates = command_rate(args.corpus.resolve(), args.jobs, args.runs)
        print(
            f"rift-lint check --jobs {args.jobs} over the corpus: median "
            f"{statistics.median(rates):,.0f} criteria/s over {args.runs} runs "
            f"(min {min(rates):,.0f}, max {max(rates):,.0f}; startup and report included)"
        )


if __name__ == "__main__":
    main()
