"""examples/: bad files are flagged on the expected lines, good files are clean.

Every expected finding is checked exactly: code and line, nothing missing, nothing extra.
"""

from __future__ import annotations

import pytest
import yaml
from conftest import REPO

from rift_lint.config import ConfigResolver
from rift_lint.engine import Linter

EXAMPLES = REPO / "examples"
EXPECTED: dict[str, list[dict[str, object]]] = yaml.safe_load(
    (REPO / "tests" / "examples_expected.yaml").read_text(encoding="utf-8")
)


def _expected(name: str) -> list[tuple[str, int]]:
    return sorted((str(item["code"]), int(str(item["line"]))) for item in EXPECTED[name])


def _found(name: str) -> list[tuple[str, int]]:
    result = Linter(ConfigResolver(isolated=True)).lint_path(EXAMPLES / name, name)
    return sorted((d.code, d.location.line) for d in result.diagnostics)


def test_every_example_file_has_expectations() -> None:
    files = {
        path.relative_to(EXAMPLES).as_posix()
        for path in EXAMPLES.rglob("*")
        if path.is_file() and path.name != "README.md"
    }
    assert files == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_rules_find_what_is_expected(name: str) -> None:
    assert _found(name) == _expected(name)
