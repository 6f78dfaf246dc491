"""A rules-only run (`--no-embeddings`) never imports torch, sentence-transformers or sklearn."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from rift_lint.rules import RULES

PROBE = """
import sys
from click.testing import CliRunner
from rift_lint.cli import main
result = CliRunner().invoke(main, ["check", "--isolated", "--no-embeddings", sys.argv[1]])
assert result.exit_code in (0, 1), result.output
heavy = ("torch", "sentence_transformers", "transformers", "sklearn")
print(" ".join(name for name in heavy if sys.modules.get(name)) or "none")
print("spacy" if "spacy" in sys.modules else "no-spacy")
"""


def test_rules_only_run_does_not_import_heavy_libraries(tmp_path: Path) -> None:
    rubric = tmp_path / "r.yaml"
    rubric.write_text("prompt: Explain tides.\ncriteria:\n  - The answer is clear and engaging\n")
    completed = subprocess.run(
        [sys.executable, "-c", PROBE, str(rubric)], capture_output=True, text=True, check=True
    )
    heavy, spacy_state = completed.stdout.split("\n")[:2]
    assert heavy == "none"
    if any(rule.uses_nlp for rule in RULES):
        assert spacy_state == "spacy"
