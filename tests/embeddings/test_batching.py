"""The engine encodes a batch's criteria and the other texts its rules embed in one call."""

from __future__ import annotations

import json
from collections.abc import Sequence

import numpy as np
from conftest import lint_snippet
from fakes import FakeEmbedder

from rift_lint.embeddings.cache import CachedEmbedder
from rift_lint.rules.rl201_misaligned_or_rigid import MisalignedOrRigidOptions
from rift_lint.rules.rl201_relevance import prompt_parts
from rift_lint.rules.rl302_low_signal import generic_bank

STORY = (
    "Write a short story about a lighthouse keeper. Describe the storm that strands a ship. "
    "End the story with the keeper's decision."
)
RECIPE = "Give a recipe for bread without yeast. Explain why the dough still rises."


class CallRecorder(FakeEmbedder):
    """A fake embedder that keeps each call's texts."""

    def __init__(self) -> None:
        super().__init__()
        self.calls: list[list[str]] = []

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Record the call, then encode as the fake does."""
        self.calls.append(list(texts))
        return super().encode(texts)


def _dataset() -> str:
    rubrics = [
        {"id": "r1", "prompt": STORY, "criteria": [{"text": "Uses vivid sensory language"}]},
        {"id": "r2", "prompt": RECIPE, "criteria": [{"text": "Cites peer-reviewed sources"}]},
    ]
    return "".join(json.dumps(rubric) + "\n" for rubric in rubrics)


def test_prompt_parts_go_to_the_model_with_the_criteria() -> None:
    recorder = CallRecorder()
    result = lint_snippet(
        _dataset(), "rubrics.jsonl", CachedEmbedder(recorder, None), select=["RL201", "RL202"]
    )
    assert result.rubrics == 2
    first, *later = recorder.calls
    assert {"Uses vivid sensory language", "Cites peer-reviewed sources"} <= set(first)
    limit = MisalignedOrRigidOptions().max_prompt_chars
    parts = {*prompt_parts(STORY, limit), *prompt_parts(RECIPE, limit)}
    assert parts and parts <= set(first)
    bank = set(generic_bank())
    assert all(set(call) <= bank for call in later)


def test_requirement_units_go_to_the_model_with_the_criteria() -> None:
    recorder = CallRecorder()
    result = lint_snippet(
        _dataset(), "rubrics.jsonl", CachedEmbedder(recorder, None), select=["RL202"]
    )
    [call] = recorder.calls
    assert {"Describe the storm that strands a ship.", "Cites peer-reviewed sources"} <= set(call)
    assert [d.rubric_id for d in result.diagnostics] == ["r1", "r2"]
