"""Draw the rubrics of the fresh labelled set: the sources and proportions of dev.jsonl, none
of its rubrics.

    python benchmarks/labels/sample_fresh.py ../shared/data/rubrics \
        ../shared/data/labels/dev.jsonl -o fresh_unlabelled.jsonl

Rubrics are read with rift-lint's own parser. A rubric is left out when its prompt (first 300
normalised characters) or its whole set of criteria appears in dev.jsonl, or when it has more
than 25 criteria (ResearchRubrics excepted, as in dev). Each source gives as many rubrics as it
gives to dev.jsonl at random, plus an "enriched" share, as dev does, among rubrics with at least
two criteria that mention counts or lengths. The seed is fixed, so the draw is reproducible.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from pathlib import Path

from rift_lint.models import Criterion, Rubric
from rift_lint.parsing import decode, parse_document
from rift_lint.parsing.errors import ParseError

SEED = 20261121
MAX_CRITERIA = 25
LLMBAR = ["Natural", "Adversarial_GPTInst", "Adversarial_GPTOut", "Adversarial_Manual"]
LLMBAR += ["Adversarial_Neighbor"]
DYNAMIC = "dynamic_rubrics_wang/{}__base_model__rubrics_{}.json"
FILES = {
    "healthbench": ["healthbench/hard_sample50.jsonl"],
    "healthbench_consensus": ["healthbench/context_seeking_consensus_hard_104.jsonl"],
    "dynamic_claude": [DYNAMIC.format("pointwise__helpsteer2", "claude-sonnet-4")],
    "dynamic_claude_mtbench": [DYNAMIC.format("pairwise__mtbench", "claude-sonnet-4")],
    "dynamic_llama": [DYNAMIC.format("pairwise__mtbench", "llama-3.1-8b")],
    "llmbar": [f"llmbar_metrics/{name}__GPT-4_Metrics_result.json" for name in LLMBAR],
    "biggen_bench": ["biggen_bench/sample_evals.json"],
    "advancedif": ["advancedif/sample_data.jsonl"],
    "writingbench": ["writingbench/length_subset.jsonl"],
    "deepeval_geval": ["deepeval_geval/geval_criteria_from_docs.json"],
    "hellobench": ["hellobench"],
    "researchrubrics": ["researchrubrics"],
    "auto_rubric": ["auto_rubric/rubric_library_extracted.json"],
}
RANDOM_COUNTS = {
    "healthbench": 15,
    "dynamic_claude": 14,
    "llmbar": 13,
    "biggen_bench": 10,
    "advancedif": 8,
    "dynamic_llama": 7,
    "writingbench": 7,
    "deepeval_geval": 4,
    "hellobench": 4,
    "dynamic_claude_mtbench": 3,
    "healthbench_consensus": 2,
    "researchrubrics": 2,
    "auto_rubric": 1,
}
ENRICHED_COUNTS = {
    "dynamic_claude": 9,
    "dynamic_claude_mtbench": 2,
    "dynamic_llama": 2,
    "writingbench": 1,
    "llmbar": 1,
}
COUNT_WORDS = re.compile(
    r"\b(\d+|at least|at most|no more than|fewer than|several|many|number of|words?|length"
    r"|long|short|sentences|paragraphs|bullet|items|examples)\b",
    re.IGNORECASE,
)
HEAD, TAIL = 1500, 4500
OMITTED = "\n[... middle of the prompt omitted ...]\n"


def normalised(text: str | None) -> str:
    """Lower-case words separated by single spaces."""
    return re.sub(r"\W+", " ", (text or "").lower()).strip()


def shortened(prompt: str | None) -> str:
    """The prompt as dev.jsonl keeps it: long prompts lose their middle."""
    prompt = prompt or ""
    if len(prompt) > HEAD + TAIL:
        return prompt[:HEAD] + OMITTED + prompt[-TAIL:]
    return prompt


def source_rubrics(root: Path, source: str) -> list[tuple[str, Rubric]]:
    """Every rubric of a source's files, with the file it came from."""
    found = []
    for name in FILES[source]:
        place = root / name
        paths = sorted(p for p in place.rglob("*") if p.is_file()) if place.is_dir() else [place]
        for path in paths:
            document = decode(str(path), path.read_bytes())
            if isinstance(document, ParseError):
                continue
            for item in parse_document(document):
                if isinstance(item, Rubric) and item.criteria:
                    found.append((str(path.relative_to(root)), item))
    return found


def criterion_record(number: int, criterion: Criterion) -> dict[str, object]:
    """A criterion in the labels format (without labels)."""
    record: dict[str, object] = {"id": f"c{number}", "text": criterion.text}
    if criterion.points is not None:
        record["points"] = criterion.points
    if criterion.levels:
        record["levels"] = {level.label: level.text for level in criterion.levels}
    if criterion.axis:
        record["axis"] = criterion.axis
    return record


def main() -> None:
    """Draw the rubrics and write them as unlabelled records."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("rubrics", type=Path, help="the rubrics folder (../shared/data/rubrics)")
    parser.add_argument("dev", type=Path, help="dev.jsonl, whose rubrics are left out")
    parser.add_argument("-o", "--output", type=Path, required=True)
    args = parser.parse_args()
    dev = [json.loads(line) for line in args.dev.read_text(encoding="utf-8").splitlines()]
    dev_prompts = {normalised(r["prompt"])[:300] for r in dev if r["prompt"]}
    dev_sets = {frozenset(normalised(c["text"]) for c in r["criteria"]) for r in dev}

    def eligible(source: str, rubric: Rubric) -> bool:
        if rubric.prompt and normalised(rubric.prompt)[:300] in dev_prompts:
            return False
        if frozenset(normalised(c.text) for c in rubric.criteria) in dev_sets:
            return False
        return len(rubric.criteria) <= MAX_CRITERIA or source == "researchrubrics"

    rng = random.Random(SEED)
    picked: list[tuple[str, str, str, Rubric]] = []
    for source, count in RANDOM_COUNTS.items():
        pool = [(f, r) for f, r in source_rubrics(args.rubrics, source) if eligible(source, r)]
        rng.shuffle(pool)
        picked += [(source, "random", f, r) for f, r in pool[:count]]
        rest = pool[count:]
        rich = [
            (f, r)
            for f, r in rest
            if sum(bool(COUNT_WORDS.search(c.text)) for c in r.criteria) >= 2
        ]
        picked += [(source, "enriched", f, r) for f, r in rich[: ENRICHED_COUNTS.get(source, 0)]]
    records = [
        {
            "id": f"fresh-{number:03d}",
            "source": source,
            "selection": selection,
            "origin": f"{file}#{rubric.id}",
            "prompt": shortened(rubric.prompt),
            "criteria": [criterion_record(n, c) for n, c in enumerate(rubric.criteria, 1)],
        }
        for number, (source, selection, file, rubric) in enumerate(picked, 1)
    ]
    rng.shuffle(records)
    with args.output.open("w", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"{len(records)} rubrics, {sum(len(r['criteria']) for r in records)} criteria")


if __name__ == "__main__":
    main()
