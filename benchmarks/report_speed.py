"""Wall time of ``rift-lint report`` against ``rift-lint check`` over the same files.

    python benchmarks/report_speed.py [CORPUS_DIR] [--runs 3] [--no-embeddings]

Runs ``check --format json`` and ``report -o report.html`` alternately in fresh processes
(after one warming run of each, so the embedding cache is warm for both), and prints the
median wall time of each and their ratio. The target is report <= 1.5 x check.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def timed(args: list[str]) -> float:
    """Seconds one ``rift-lint`` invocation takes (stdout discarded)."""
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "rift_lint", *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=False,
    )
    return time.perf_counter() - started


def main() -> None:
    """Time both commands and print medians and the ratio."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("corpus", nargs="?", type=Path, default=Path("../shared/data/rubrics"))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-embeddings", action="store_true")
    args = parser.parse_args()
    common = ["--isolated", "--quiet"] + (["--no-embeddings"] if args.no_embeddings else [])
    with tempfile.TemporaryDirectory() as folder:
        check = ["check", *common, "--format", "json", "--exit-zero", str(args.corpus)]
        report = ["report", *common, "-o", str(Path(folder) / "report.html"), str(args.corpus)]
        timed(check)
        timed(report)
        checks, reports = [], []
        for _ in range(args.runs):
            checks.append(timed(check))
            reports.append(timed(report))
    check_median, report_median = statistics.median(checks), statistics.median(reports)
    print(f"check  median {check_median:6.1f} s  ({', '.join(f'{t:.1f}' for t in checks)})")
    print(f"report median {report_median:6.1f} s  ({', '.join(f'{t:.1f}' for t in reports)})")
    print(f"report / check = {report_median / check_median:.2f} (target <= 1.5)")


if __name__ == "__main__":
    main()
