"""examples/: bad files are flagged on the expected lines, good files are clean.

Expectations for rules that exist are checked exactly. Expectations that name a failure-mode
rule not implemented yet are checked by a strict xfail test, which starts failing the day
the rule lands so its expectations get switched on.
"""

from __future__ import annotations

import pytest
import yaml
from conftest import REPO

from rift_lint.config import ConfigResolver
from rift_lint.engine import Linter
from rift_lint.rules import RULES_BY_CODE

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
def test_implemented_rules_find_what_is_expected(name: str) -> None:
    expected = [(code, line) for code, line in _expected(name) if code in RULES_BY_CODE]
    assert _found(name) == expected


FUTURE = sorted(n for n in EXPECTED if any(c not in RULES_BY_CODE for c, _ in _expected(n)))


@pytest.mark.parametrize("name", FUTURE)
@pytest.mark.xfail(reason="failure-mode rules not implemented yet", strict=True)
def test_future_rules_find_what_is_expected(name: str) -> None:
    assert _found(name) == _expected(name)
