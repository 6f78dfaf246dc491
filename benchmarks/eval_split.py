"""Honest quality figures: score rift-lint on the two halves of a labels file.

Rules are tuned by looking only at the *tune* half (rubrics at even positions of the file);
the *held-out* half (odd positions) is the figure to quote. Prints per-mode tables for both
halves and for the whole file.

    python benchmarks/eval_split.py ../shared/data/labels/dev.jsonl [--select MODE ...]
        [--bootstrap N]
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from rift_lint.config import ConfigResolver
from rift_lint.evaluation.runner import evaluate
from rift_lint.evaluation.table import format_table


def main() -> None:
    """Split the labels file by position parity and print the evaluation of each half."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("labels", type=Path)
    parser.add_argument("--select", action="append", default=[])
    parser.add_argument("--bootstrap", type=int, default=0, metavar="N", help="95%% intervals")
    args = parser.parse_args()
    lines = [line for line in args.labels.read_text(encoding="utf-8").splitlines() if line.strip()]
    halves = {"tune (even positions)": lines[0::2], "held-out (odd positions)": lines[1::2]}
    resolver = ConfigResolver(isolated=True)
    with tempfile.TemporaryDirectory() as folder:
        for name, subset in halves.items():
            path = Path(folder) / "labels.jsonl"
            path.write_text("\n".join(subset) + "\n", encoding="utf-8")
            print(f"== {name}: {len(subset)} rubrics")
            evaluation = evaluate(path, resolver, args.select, resamples=args.bootstrap)
            print(format_table(evaluation))
            print()
    print(f"== whole file: {len(lines)} rubrics")
    print(format_table(evaluate(args.labels, resolver, args.select, resamples=args.bootstrap)))


if __name__ == "__main__":
    main()
