"""The pre-commit hook: ``pre-commit try-repo`` installs rift-lint and fails on a bad rubric.

pre-commit builds the hook's own virtualenv with pip; on this machine torch must be pinned to
the local CPU build through PIP_CONSTRAINT, or pip pulls several GB of CUDA packages.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import REPO

from rift_lint.parsing import EXTENSIONS

BAD_RUBRIC = """\
prompt: Explain how to store insulin.
criteria:
  - text: Says unopened insulin goes in the fridge
    points: 5
  - text: says unopened insulin goes in the fridge
    points: 5
"""

BAD_CSV = "criterion,points\nSays the fridge,2\nsays the fridge,2\n"
BAD_JSONL = (
    '{"prompt": "Store insulin?", "criteria": [{"text": "Says the fridge", "points": 2},'
    ' {"text": "says the fridge", "points": 2}]}\n'
)


def _hook() -> dict:
    return yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())[0]


@pytest.mark.parametrize("suffix", sorted(EXTENSIONS))
def test_hook_passes_every_supported_suffix_in_any_case(suffix: str) -> None:
    files = re.compile(_hook()["files"])
    for name in (f"rubric{suffix}", f"Rubric{suffix.upper()}", f"rubrics/r{suffix.title()}"):
        assert files.search(name), name


@pytest.mark.parametrize(
    "name", ["rubric.yaml.bak", "rubric.jsonc", "rubric.mdx", "rubric.txt~", "r.csv.gz", "yaml"]
)
def test_hook_passes_no_other_suffix(name: str) -> None:
    assert not re.compile(_hook()["files"]).search(name)


@pytest.mark.parametrize(
    "name",
    [
        "README.md",
        "Readme.md",
        "docs/readme.md",
        "docs/README.MD",
        "CHANGELOG.md",
        "Changelog.md",
        ".pre-commit-config.yaml",
        ".github/workflows/ci.yml",
    ],
)
def test_hook_excludes_documents_in_any_case(name: str) -> None:
    """``files`` matches in any case, so ``exclude`` must too, or Readme.md is a rubric."""
    assert re.compile(_hook()["exclude"]).search(name), name


@pytest.mark.parametrize("name", ["rubrics/readme_rubric.md", "notes/changelog.yaml"])
def test_hook_exclude_keeps_rubrics(name: str) -> None:
    assert not re.compile(_hook()["exclude"]).search(name)


def test_hook_selects_files_by_suffix_not_by_type() -> None:
    """identify calls a UTF-16 file binary, so ``types: [text]`` would skip UTF-16 rubrics."""
    hook = _hook()
    assert "types" not in hook and "types_or" not in hook


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


@pytest.mark.slow
def test_hook_fails_and_prints_the_finding(tmp_path: Path) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    project = tmp_path / "rubrics"
    project.mkdir()
    (project / "insulin.yaml").write_text(BAD_RUBRIC)
    (project / "Fridge.CSV").write_text(BAD_CSV)
    (project / "fridge.jsonl").write_text(BAD_JSONL, encoding="utf-16")
    _git(project, "init", "-q")
    _git(project, "add", "insulin.yaml", "Fridge.CSV", "fridge.jsonl")
    constraints = tmp_path / "constraints.txt"
    constraints.write_text("torch==2.13.0\n")
    env = {
        **os.environ,
        "PIP_CONSTRAINT": str(constraints),
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        "HF_HUB_OFFLINE": "1",
    }
    env.pop("GITHUB_ACTIONS", None)
    completed = subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(REPO), "rift-lint", "--all-files"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    output = completed.stdout + completed.stderr
    assert completed.returncode == 1, output
    assert "rift-lint" in output and "Failed" in output
    assert "insulin.yaml:5:11: RL003 Criterion c2 repeats criterion c1 word for word" in output
    assert "Fridge.CSV:3:1: RL003" in output  # an upper-case suffix
    assert "fridge.jsonl:1:95: RL003" in output  # UTF-16, which identify calls binary
