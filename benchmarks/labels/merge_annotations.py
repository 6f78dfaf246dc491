"""Merge three annotators' labels by majority and measure their agreement.

    python benchmarks/labels/merge_annotations.py fresh_unlabelled.jsonl \
        benchmarks/labels/annotators/{a,b,c}.jsonl --dev ../shared/data/labels/dev.jsonl \
        --calibration benchmarks/labels/calibration.json -o benchmarks/labels/fresh.jsonl

A label stands when at least two of the three annotators gave it, as in dev.jsonl. Prints
Cohen's kappa for each pair of annotators and mode, then, for the dev rubrics mixed blind into
the batches (``calibration.json`` maps their batch ids to dev ids), the kappa between the
majority and dev.jsonl's reference labels.
"""

from __future__ import annotations

import argparse
import itertools
import json
from pathlib import Path

from rift_lint.evaluation.metrics import score_mode

CRITERION_MODES = ["subjective", "non_atomic", "ungrounded", "misaligned_or_rigid", "hackable"]
RUBRIC_MODES = ["missing_criteria", "low_signal", "redundant_criteria"]


def read_jsonl(path: Path) -> list[dict]:
    """The records of a JSON Lines file."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def decisions(annotation: dict, criteria: list[str]) -> dict[tuple[str, str], bool]:
    """One annotator's yes/no per (criterion or "rubric", mode)."""
    found = {
        (cid, mode): mode in annotation["criteria"].get(cid, [])
        for cid in criteria
        for mode in CRITERION_MODES
    }
    found.update({("rubric", mode): mode in annotation["rubric"] for mode in RUBRIC_MODES})
    return found


def labelled(record: dict, majority: dict[tuple[str, str], bool]) -> dict:
    """The record with the majority's labels in the labels format."""
    result = json.loads(json.dumps(record))
    for criterion in result["criteria"]:
        criterion["labels"] = [m for m in CRITERION_MODES if majority[(criterion["id"], m)]]
    result["labels"] = [m for m in RUBRIC_MODES if majority[("rubric", m)]]
    return result


def print_agreement(title: str, pairs: dict[str, list[tuple[bool, ...]]]) -> None:
    """Kappa per mode for each pair of columns of the decisions."""
    print(title)
    for mode, rows in pairs.items():
        columns = list(zip(*rows, strict=True))
        kappas = [
            score_mode(mode, "", list(a), list(b)).kappa
            for a, b in itertools.combinations(columns, 2)
        ]
        values = [0.0 if kappa is None else kappa for kappa in kappas]
        shown = " ".join(f"{value:5.2f}" for value in values)
        print(f"  {mode:<21}{shown}   mean {sum(values) / len(values):.2f}")


def main() -> None:
    """Merge, report agreement, write the labelled file."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("unlabelled", type=Path)
    parser.add_argument("annotators", type=Path, nargs=3)
    parser.add_argument("--dev", type=Path, required=True)
    parser.add_argument("--calibration", type=Path, required=True)
    parser.add_argument("-o", "--output", type=Path, required=True)
    args = parser.parse_args()
    records = read_jsonl(args.unlabelled)
    dev = {record["id"]: record for record in read_jsonl(args.dev)}
    calibration = json.loads(args.calibration.read_text(encoding="utf-8"))
    batch = {record["id"]: record for record in records}
    batch.update({bid: dev[did] for bid, did in calibration.items()})
    annotations = [{a["id"]: a for a in read_jsonl(path)} for path in args.annotators]
    between: dict[str, list[tuple[bool, ...]]] = {m: [] for m in CRITERION_MODES + RUBRIC_MODES}
    against_dev: dict[str, list[tuple[bool, ...]]] = {m: [] for m in between}
    output = []
    for batch_id, record in batch.items():
        ids = [criterion["id"] for criterion in record["criteria"]]
        votes = [decisions(annotation[batch_id], ids) for annotation in annotations]
        majority = {key: sum(vote[key] for vote in votes) >= 2 for key in votes[0]}
        for key in votes[0]:
            between[key[1]].append(tuple(vote[key] for vote in votes))
        if batch_id in calibration:
            reference = {c["id"]: c["labels"] for c in record["criteria"]}
            reference["rubric"] = record["labels"]
            for (cid, mode), value in majority.items():
                against_dev[mode].append((mode in reference[cid], value))
        else:
            output.append(labelled(record, majority))
    print_agreement("pairwise kappa between annotators (a-b, a-c, b-c):", between)
    print_agreement(
        f"kappa of the majority with dev.jsonl on {len(calibration)} rubrics:", against_dev
    )
    with args.output.open("w", encoding="utf-8") as out:
        for record in output:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    criteria = sum(len(record["criteria"]) for record in output)
    print(f"wrote {args.output}: {len(output)} rubrics, {criteria} criteria")


if __name__ == "__main__":
    main()
