"""Peak memory of a rules-only run over large JSONL datasets: is it bounded?

    python benchmarks/memory_stream.py [--sizes 10 50 100] [--source FILE.jsonl]

Builds JSONL files of the given sizes in MB by repeating the records of a real dataset
(HealthBench's sample by default, ids made unique), runs ``rift-lint check --no-embeddings
--statistics`` on each in a fresh process, and prints the wall time and the child's peak
resident memory. Rubrics are streamed through the rules in batches, so memory grows with the
file's text and the findings kept for the report, not with parsed rubric objects.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DEFAULT_SOURCE = Path("../shared/data/rubrics/healthbench/hard_sample50.jsonl")


def build(source: Path, target: Path, megabytes: int) -> int:
    """Write about ``megabytes`` MB of records from ``source``; return the record count."""
    records = [json.loads(line) for line in source.read_text().splitlines() if line.strip()]
    limit = megabytes * 1024 * 1024
    written = count = 0
    with target.open("w", encoding="utf-8") as out:
        while written < limit:
            record = dict(records[count % len(records)])
            record["prompt_id"] = f"copy-{count}"
            line = json.dumps(record) + "\n"
            out.write(line)
            written += len(line.encode())
            count += 1
    return count


def peak_run(path: Path) -> tuple[float, float]:
    """(seconds, peak RSS in MiB) of one rules-only check of ``path`` in a child process."""
    code = (
        "import resource, sys\n"
        "from rift_lint.cli import main\n"
        "try:\n"
        "    main(sys.argv[1:])\n"
        "finally:\n"
        "    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "    print(f'PEAK {peak}', file=sys.stderr)\n"
    )
    args = ["check", "--isolated", "--no-embeddings", "--statistics", "--quiet", str(path)]
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, check=False
    )
    seconds = time.perf_counter() - started
    peak = next(
        int(line.split()[1]) for line in done.stderr.splitlines() if line.startswith("PEAK ")
    )
    return seconds, peak / 1024


def main() -> None:
    """Build each size, lint it, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 50, 100])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        for size in args.sizes:
            path = Path(folder) / f"data-{size}mb.jsonl"
            records = build(args.source, path, size)
            seconds, peak = peak_run(path)
            print(
                f"{size:>4} MB  {records:>7,} rubrics  {seconds:7.1f} s  peak RSS {peak:7.0f} MiB"
            )
            path.unlink()


if __name__ == "__main__":
    main()
