"""The suppression-comment patterns: what they read from a line, and lines they must refuse."""

from __future__ import annotations

import pytest

from rift_lint.comments import HASH_COMMENT, HTML_COMMENT, trailing_directive_start

SPACES = " " * 5_000


@pytest.mark.parametrize(
    ("line", "groups"),
    [
        ("# rift-lint: ignore", ("ignore", None, None, None)),
        ("#rift-lint:ignore-file[RL0, RL101]", ("ignore-file", "RL0, RL101", None, None)),
        ("x  # rift-lint: ignore [RL003] -- kept   ", ("ignore", "RL003", None, "kept")),
        ("# rift-lint: ignore-next-line --   ", ("ignore-next-line", None, None, "")),
        ("# noqa: RL101, RL102 RL2", (None, None, "RL101, RL102 RL2", None)),
        ("# noqa: RL101 -- a -- b  ", (None, None, "RL101", "a -- b")),
        ("# noqa: RL101--why", (None, None, "RL101", "why")),
        ("# noqa: invalid-points", (None, None, "invalid-points", None)),
        (f"# rift-lint: ignore --{SPACES}why{SPACES}", ("ignore", None, None, "why")),
        (f"# noqa: RL101{SPACES}", (None, None, "RL101", None)),
    ],
)
def test_hash_comment_groups(line: str, groups: tuple[str | None, ...]) -> None:
    match = HASH_COMMENT.search(line)
    assert match is not None
    assert match.group("kind", "codes", "noqa", "reason") == groups


@pytest.mark.parametrize(
    "line",
    [
        "# noqa:",
        "# noqa:   ",
        "# noqa: -- reason",
        "# rift-lint: ignore RL003",
        "# rift-lint: ignored",
        "# noqa: RL101\tRL102",
        f"# noqa: {SPACES}!",
        f"# noqa: RL101{SPACES}!",
        f"# rift-lint: ignore[RL101]{SPACES}!",
        f"# noqa: {'RL101 ' * 2_000}!",
    ],
)
def test_hash_comment_refusals(line: str) -> None:
    """Not directives: the two noqa forms without codes (a blank list was read as "every
    rule" after a space and as nothing without one), and lines with text after the comment,
    however long their runs of spaces."""
    assert HASH_COMMENT.search(line) is None
    assert trailing_directive_start(f"text {line}") is None


@pytest.mark.parametrize(
    ("line", "groups"),
    [
        ("<!-- rift-lint: ignore -->", ("ignore", None, None)),
        ("- a <!--rift-lint:ignore[RL101]-->", ("ignore", "RL101", None)),
        ("<!-- rift-lint: ignore -- -->", ("ignore", None, "")),
        ("<!-- rift-lint: ignore-file -- why   -->", ("ignore-file", None, "why")),
        ("<!-- rift-lint: ignore -- a --> b -->", ("ignore", None, "a")),
        (f"<!-- rift-lint: ignore --{SPACES}why{SPACES}-->", ("ignore", None, "why")),
    ],
)
def test_html_comment_groups(line: str, groups: tuple[str | None, ...]) -> None:
    match = HTML_COMMENT.search(line)
    assert match is not None
    assert match.group("kind", "codes", "reason") == groups


@pytest.mark.parametrize(
    "line",
    [
        "<!-- rift-lint: ignore",
        f"<!-- rift-lint: ignore -- {SPACES}",
        f"<!-- rift-lint: ignore -- {'a ' * 5_000}",
        f"<!-- rift-lint: ignore[{SPACES}",
        "<!-- rift-lint: ignore RL101 -->",
    ],
)
def test_html_comment_refusals(line: str) -> None:
    """Unclosed comments, however long, and codes outside brackets are not directives."""
    assert HTML_COMMENT.search(line) is None
