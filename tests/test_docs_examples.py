"""The rubric examples of the docs lint clean, every suppression in them used: an example
that a reader copies must not teach a finding."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import lint_snippet

DOCS = Path(__file__).resolve().parent.parent / "docs"
EXTENSIONS = {"yaml": "yaml", "csv": "csv", "text": "txt", "markdown": "md"}
# Rules that need no embedding model, and RL901/RL902, which judge the suppressions.
SELECTED = ["RL0", "RL1", "RL301", "RL9"]


def _examples() -> list[tuple[str, str]]:
    """(where, file name) and text of each fenced rubric example of the docs."""
    found = []
    for doc in ("formats.md", "configuration.md"):
        text = (DOCS / doc).read_text(encoding="utf-8")
        for block in re.finditer(r"^```(\w+)\n(.*?)^```", text, re.MULTILINE | re.DOTALL):
            if block.group(1) in EXTENSIONS:
                line = text.count("\n", 0, block.start()) + 1
                found.append((f"{doc}:{line}.{EXTENSIONS[block.group(1)]}", block.group(2)))
    return found


@pytest.mark.parametrize(("name", "text"), _examples(), ids=[name for name, _ in _examples()])
def test_a_rubric_example_of_the_docs_lints_clean(name: str, text: str) -> None:
    found = lint_snippet(text, name.replace(":", "_"), select=SELECTED).diagnostics
    assert [(d.code, d.location.line, d.message) for d in found] == []


def test_the_docs_hold_the_examples_this_test_reads() -> None:
    """A renamed fence or file must not leave the test above with nothing to check."""
    assert {name.rsplit(".", 1)[1] for name, _ in _examples()} == {"yaml", "csv", "txt", "md"}
    assert len(_examples()) >= 7
