"""A rules-only run (`--no-embeddings`) never imports torch, sentence-transformers or sklearn:
not `check`, `eval` or `report`, and not `rule`, which reads no rubric at all."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from rift_lint.rules import RULES

PROBE = """
import sys
from click.testing import CliRunner
from rift_lint.cli import main
result = CliRunner().invoke(main, sys.argv[1:])
assert result.exit_code in (0, 1), result.output
heavy = ("torch", "sentence_transformers", "transformers", "sklearn")
print(" ".join(name for name in heavy if sys.modules.get(name)) or "none")
print("spacy" if "spacy" in sys.modules else "no-spacy")
"""
RUBRIC = "prompt: Explain tides.\ncriteria:\n  - The answer is clear and engaging\n"
LABELS = {
    "id": "r1",
    "prompt": "Explain tides.",
    "criteria": [
        {"id": "c1", "text": "The answer is clear and engaging", "labels": ["subjective"]}
    ],
}


def _imported(tmp_path: Path, *command: str) -> tuple[str, str]:
    """The heavy libraries and spaCy state after running ``command`` in a fresh process."""
    completed = subprocess.run(
        [sys.executable, "-c", PROBE, *command],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
    )
    heavy, spacy_state = completed.stdout.split("\n")[:2]
    return heavy, spacy_state


@pytest.mark.parametrize(
    "command",
    [
        ["check", "--isolated", "--no-cache", "--no-embeddings", "r.yaml"],
        ["eval", "--isolated", "--no-embeddings", "labels.jsonl"],
        ["report", "--isolated", "--no-cache", "--no-embeddings", "r.yaml", "-o", "r.html"],
    ],
)
def test_rules_only_run_does_not_import_heavy_libraries(tmp_path: Path, command: list[str]) -> None:
    (tmp_path / "r.yaml").write_text(RUBRIC)
    (tmp_path / "labels.jsonl").write_text(json.dumps(LABELS) + "\n")
    heavy, spacy_state = _imported(tmp_path, *command)
    assert heavy == "none"
    if any(rule.uses_nlp for rule in RULES):
        assert spacy_state == "spacy"


def test_rule_documentation_imports_no_model_library(tmp_path: Path) -> None:
    assert _imported(tmp_path, "rule", "RL101") == ("none", "no-spacy")
