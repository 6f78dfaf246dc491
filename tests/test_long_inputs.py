"""Patterns that read rubric text, on inputs built to make a backtracking pattern explode:
long runs of spaces, long snake-case chains, many openers with no closer. Each must still
give the right answer; on the patterns these replaced, each input ran for an hour or more."""

from __future__ import annotations

from rift_lint.nlp.criterion_layout import body_end, header_end

SPACES = " " * 1_000_000  # quadratic patterns: 10 s at 50,000 spaces, over an hour here
SNAKE_CHAIN = "_".join(["Response", "Must", "Mention", "The", "Key", "Facts"] * 10)


def test_snake_case_chain_without_colon_is_not_a_label() -> None:
    text = f"{SNAKE_CHAIN} about wind power"
    assert header_end(text) == 0
    assert header_end(f"{SNAKE_CHAIN}: about wind power") == len(SNAKE_CHAIN) + 1


def test_justification_after_long_run_of_spaces() -> None:
    unlabelled = f"Names the dose{SPACES}justification pending"
    assert body_end(unlabelled) == len(unlabelled)
    text = f"Names the dose{SPACES}(Justification: guideline)"
    assert body_end(text) == 14 + len(SPACES)
