"""RL101 next to general prose linters on the "subjective" labels of a labels file.

Runs proselint (Python) and write-good (Node) over the text of every criterion in the labels
file, maps their weasel-word / hedging / passive-voice findings to "subjective", and prints
precision, recall and F1 per criterion next to RL101's, for the whole file and for its tune
(even positions) and held-out (odd positions) halves, as ``benchmarks/eval_split.py`` splits it.

    python benchmarks/peers_subjective.py ../shared/data/labels/dev.jsonl [--write-good PATH]

Installing the peers (neither is a dependency of rift-lint):

    .venv/bin/pip install proselint                  # or: pip install -e '.[bench]'
    npm install --prefix benchmarks/.peers write-good

``--write-good`` takes the write-good executable (``.../node_modules/.bin/write-good``) or its
package folder. Without it the script looks in ``benchmarks/.peers/node_modules`` and then on
``PATH``. A peer that is not installed is reported as skipped, with the command to install it.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from rift_lint.config import ConfigResolver
from rift_lint.engine import ActiveRules, check_rubric
from rift_lint.evaluation.labels import load_labelled
from rift_lint.models import Rubric

HERE = Path(__file__).resolve().parent
PEERS = HERE / ".peers"
MODE = "subjective"

PROSELINT_MAPPED = ("weasel_words", "hedging")
WRITE_GOOD_MAPPED = ("weasel word", "passive voice")
WRITE_GOOD_WEAKENING = "can weaken meaning"  # write-good's adverb check ("really", "very")

# Runs write-good's API once over all texts: JSON list of strings in, list of reasons out.
WRITE_GOOD_JS = """
const writeGood = require(process.argv[2]);
let input = '';
process.stdin.on('data', (chunk) => { input += chunk; });
process.stdin.on('end', () => {
  const texts = JSON.parse(input);
  const out = texts.map((text) => writeGood(text).map((s) => s.reason));
  process.stdout.write(JSON.stringify(out));
});
"""


@dataclass(frozen=True)
class Item:
    """One labelled criterion: its text, gold label and the half it belongs to."""

    key: tuple[str, str]
    text: str
    gold: bool
    half: str


@dataclass(frozen=True)
class Score:
    """Precision, recall and F1 of one system on one set of criteria."""

    precision: float
    recall: float
    f1: float
    flagged: int

    @classmethod
    def of(cls, gold: list[bool], predicted: list[bool]) -> Score:
        """Binary scores with ``subjective`` as the positive class."""
        tp = sum(g and p for g, p in zip(gold, predicted, strict=True))
        flagged = sum(predicted)
        support = sum(gold)
        precision = tp / flagged if flagged else 0.0
        recall = tp / support if support else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return cls(precision, recall, f1, flagged)


def load_items(labels: Path) -> tuple[list[Item], list[Rubric]]:
    """The criteria of the labels file, tagged with the half (tune/held-out) they fall in."""
    lines = [line for line in labels.read_text(encoding="utf-8").splitlines() if line.strip()]
    rubrics = load_labelled(labels)
    if len(rubrics) != len(lines):
        raise SystemExit(f"{labels}: expected one rubric per line")
    items = [
        Item(
            (rubric.id, criterion.id),
            criterion.text,
            MODE in criterion.labels,
            "tune" if index % 2 == 0 else "held-out",
        )
        for index, rubric in enumerate(rubrics)
        for criterion in rubric.criteria
    ]
    return items, rubrics


def rl101_predictions(labels: Path, rubrics: list[Rubric]) -> set[tuple[str, str]]:
    """Criteria RL101 flags, linted as ``rift-lint eval`` lints them (isolated, RL101 only)."""
    config = ConfigResolver(isolated=True).for_path(labels)
    rules = ActiveRules.for_file(config, labels)
    rules.enabled = {code: rule for code, rule in rules.enabled.items() if code == "RL101"}
    flagged = set()
    for rubric in rubrics:
        for diagnostic in check_rubric(rubric, rules):
            if diagnostic.criterion_id is not None:
                flagged.add((rubric.id, diagnostic.criterion_id))
    return flagged


def proselint_findings(texts: list[str]) -> list[list[str]] | None:
    """The check paths proselint reports for each text, or ``None`` when not installed."""
    try:
        from proselint.checks import __register__
        from proselint.registry import CheckRegistry
        from proselint.tools import LintFile
    except ImportError:
        return None
    CheckRegistry().register_many(__register__)
    return [
        [result.check_result.check_path for result in LintFile("<criterion>", text).lint()]
        if text.strip()
        else []
        for text in texts
    ]


def find_write_good(given: str | None) -> Path | None:
    """The write-good package folder, from ``--write-good``, benchmarks/.peers or PATH."""
    candidates = []
    if given:
        candidates.append(Path(given))
    candidates.append(PEERS / "node_modules" / "write-good")
    found = shutil.which("write-good")
    if found:
        candidates.append(Path(found))
    for candidate in candidates:
        path = candidate.resolve()
        if path.is_file():  # the executable: <package>/bin/write-good.js
            path = path.parent.parent
        if (path / "package.json").is_file() and (path / "write-good.js").is_file():
            return path
        if given and candidate == Path(given):
            raise SystemExit(f"--write-good {given}: not a write-good executable or package")
    return None


def write_good_findings(texts: list[str], package: Path | None) -> list[list[str]] | None:
    """The reasons write-good gives for each text, or ``None`` without node or write-good."""
    node = shutil.which("node")
    if package is None or node is None:
        return None
    with tempfile.NamedTemporaryFile("w", suffix=".js", delete=False) as script:
        script.write(WRITE_GOOD_JS)
    try:
        done = subprocess.run(
            [node, script.name, str(package)],
            input=json.dumps(texts),
            capture_output=True,
            text=True,
            check=False,
        )
    finally:
        Path(script.name).unlink()
    if done.returncode:
        raise SystemExit(f"write-good failed:\n{done.stderr}")
    return json.loads(done.stdout)


def predicate(findings: list[list[str]], keep: Callable[[str], bool]) -> list[bool]:
    """Per text: does any finding pass ``keep``."""
    return [any(keep(finding) for finding in found) for found in findings]


def main() -> None:
    """Score RL101, proselint and write-good on the same criteria and print one table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("labels", type=Path)
    parser.add_argument("--write-good", help="write-good executable or package folder")
    args = parser.parse_args()

    items, rubrics = load_items(args.labels)
    texts = [item.text for item in items]
    systems: dict[str, list[bool]] = {}
    skipped: list[str] = []

    flagged = rl101_predictions(args.labels, rubrics)
    systems["rift-lint RL101"] = [item.key in flagged for item in items]

    prose = proselint_findings(texts)
    if prose is None:
        skipped.append("proselint: not installed (.venv/bin/pip install proselint)")
    else:
        systems["proselint weasel+hedging"] = predicate(
            prose, lambda path: path.startswith(PROSELINT_MAPPED)
        )
        systems["proselint any check"] = predicate(prose, lambda path: True)

    good = write_good_findings(texts, find_write_good(args.write_good))
    if good is None:
        skipped.append(
            "write-good: node or write-good not found "
            "(npm install --prefix benchmarks/.peers write-good, or pass --write-good PATH)"
        )
    else:
        systems["write-good weasel+passive"] = predicate(
            good, lambda reason: any(cue in reason for cue in WRITE_GOOD_MAPPED)
        )
        systems["write-good +weakening adverbs"] = predicate(
            good,
            lambda reason: any(cue in reason for cue in (*WRITE_GOOD_MAPPED, WRITE_GOOD_WEAKENING)),
        )
        systems["write-good any check"] = predicate(good, lambda reason: True)

    halves = {
        "whole file": [True] * len(items),
        "tune": [item.half == "tune" for item in items],
        "held-out": [item.half == "held-out" for item in items],
    }
    print(f"'{MODE}' per criterion: {len(items)} criteria, {sum(i.gold for i in items)} labelled")
    header = f"{'system':<31}" + "".join(f"{name + ' P/R/F1 (flagged)':>30}" for name in halves)
    print(header)
    print("-" * len(header))
    for name, predicted in systems.items():
        cells = []
        for chosen in halves.values():
            gold = [item.gold for item, keep in zip(items, chosen, strict=True) if keep]
            picked = [p for p, keep in zip(predicted, chosen, strict=True) if keep]
            s = Score.of(gold, picked)
            cells.append(f"{s.precision:.3f}/{s.recall:.3f}/{s.f1:.3f} ({s.flagged:>3})")
        print(f"{name:<31}" + "".join(f"{cell:>30}" for cell in cells))
    for line in skipped:
        print(f"skipped {line}")


if __name__ == "__main__":
    main()
