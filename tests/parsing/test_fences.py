"""Fenced code blocks, as the Markdown reader, suppression and RL202 see them."""

from __future__ import annotations

from rift_lint.parsing.fences import Fences
from rift_lint.parsing.markdown import code_spans, looks_like_markdown


def _fenced(text: str) -> list[bool]:
    fences = Fences()
    return [fences.fenced(line) for line in text.splitlines()]


def test_a_block_closes_only_at_its_own_fence() -> None:
    text = "before\n```yaml\n~~~\nstill code\n```\nafter\n"
    assert _fenced(text) == [False, True, True, True, True, False]


def test_a_longer_fence_needs_a_closing_run_as_long() -> None:
    text = "````\n```\ncode\n````\nafter\n"
    assert _fenced(text) == [True, True, True, True, False]


def test_four_spaces_of_indent_is_no_fence_and_an_open_block_runs_to_the_end() -> None:
    assert _fenced("    ```\ntext\n") == [False, False]
    fences = Fences()
    assert [fences.fenced(line) for line in ["~~~", "code"]] == [True, True]
    assert fences.inside


def test_code_spans_cover_whole_blocks_and_inline_code() -> None:
    text = "a `x` b\n```\n~~~\n```\nc\n~~~\nopen"
    block = text.index("```")
    closing_end = text.index("c\n")
    tail = text.rindex("~~~")
    assert code_spans(text) == [(2, 5), (block, closing_end), (tail, len(text))]


def test_sniffing_skips_a_block_that_holds_the_other_fence() -> None:
    text = "# Rubric\n```\n~~~\nprompt: an example inside the code\n```\n- Names the dose\n"
    assert looks_like_markdown(text)
