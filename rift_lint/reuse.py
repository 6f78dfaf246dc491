"""Criteria reused word for word under different prompts among rubrics linted together.

A dataset file often builds its rubrics from templates: the same criterion text grades answers
to many different prompts. Such a criterion could be pasted onto an unrelated task unchanged,
which is what RL302 calls generic, so the rubrics of one file (or one labels file) are indexed
before they are checked.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from rift_lint.models import Criterion, Rubric

_NON_WORD = re.compile(r"[\W_]+")


def _normalised(text: str) -> str:
    """Lower-case words separated by single spaces: case, punctuation and spacing differ freely."""
    return _NON_WORD.sub(" ", text.lower()).strip()


@dataclass(frozen=True)
class CriterionReuse:
    """How many distinct prompts each criterion text grades among a set of rubrics."""

    prompts: dict[str, int] = field(default_factory=dict)

    @classmethod
    def of(cls, rubrics: Iterable[Rubric]) -> CriterionReuse:
        """Index the criteria of ``rubrics`` (a rubric without a prompt counts as the empty one)."""
        seen: defaultdict[str, set[str]] = defaultdict(set)
        for rubric in rubrics:
            prompt = _normalised(rubric.prompt or "")
            for criterion in rubric.criteria:
                text = _normalised(criterion.text)
                if text:
                    seen[text].add(prompt)
        return cls({text: len(prompts) for text, prompts in seen.items() if len(prompts) > 1})

    def prompts_graded(self, criterion: Criterion) -> int:
        """How many distinct prompts the criterion's text grades (1 when it is not reused)."""
        return self.prompts.get(_normalised(criterion.text), 1)
