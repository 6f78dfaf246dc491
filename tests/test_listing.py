"""Lists of names cut after the first few in messages: ``a, b and 2 more``."""

from __future__ import annotations

from pathlib import Path

import pytest

from rift_lint.listing import first_and_rest
from rift_lint.runner import WorkerDied
from rift_lint.sqlite_store import CacheClearError, clear


def test_a_short_list_is_joined_whole() -> None:
    assert first_and_rest(["a", "b", "c"], 3) == "a, b, c"
    assert first_and_rest([], 3) == ""


def test_a_long_list_names_the_first_few_and_counts_the_rest() -> None:
    assert first_and_rest(["a", "b", "c", "d", "e"], 3) == "a, b, c and 2 more"


def test_separators_are_the_callers() -> None:
    assert first_and_rest(["a", "b", "c"], 2, "; ", "; and ") == "a; b; and 1 more"


def test_a_dead_worker_names_five_unfinished_files() -> None:
    files = [f"f{index}.yaml" for index in range(7)]
    assert "not linted: f0.yaml, f1.yaml, f2.yaml, f3.yaml, f4.yaml and 2 more. Run" in str(
        WorkerDied(files)
    )


def test_cache_clear_names_three_foreign_files(tmp_path: Path) -> None:
    for name in ("a.txt", "b.txt", "c.txt", "d.txt"):
        (tmp_path / name).write_text("")
    with pytest.raises(CacheClearError, match=r"\(a\.txt, b\.txt, c\.txt and 1 more\); nothing"):
        clear(tmp_path, ["results.sqlite"])
    assert sorted(path.name for path in tmp_path.iterdir()) == ["a.txt", "b.txt", "c.txt", "d.txt"]
