"""Criteria reused word for word under different prompts among rubrics linted together.

A dataset file often builds its rubrics from templates: the same criterion text grades answers
to many different prompts. Such a criterion could be pasted onto an unrelated task unchanged,
which is what RL302 calls generic, so the rules see the rubrics of one file (or one labels
file) together, indexed the first time a rule asks.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from functools import cached_property

from rift_lint.models import Criterion, Rubric

_NON_WORD = re.compile(r"[\W_]+")


def _normalised(text: str) -> str:
    """Lower-case words separated by single spaces: case, punctuation and spacing differ freely."""
    return _NON_WORD.sub(" ", text.lower()).strip()


class CriterionReuse:
    """How many distinct prompts each criterion text grades among a set of rubrics.

    The index is built on first use, so a run whose rules never ask (rules-only runs: RL302
    needs embeddings) does not pay for it.
    """

    def __init__(self, rubrics: Iterable[Rubric] = ()) -> None:
        """Index the criteria of ``rubrics`` (a rubric without a prompt counts as the empty one)."""
        kept = list(rubrics)
        self._read: Callable[[], Iterable[Rubric]] = lambda: kept

    @classmethod
    def reading(cls, read: Callable[[], Iterable[Rubric]]) -> CriterionReuse:
        """An index of the rubrics ``read()`` yields, read only when a rule first asks and not
        kept: a file's rubrics need not all be held at once for the few rules that ask."""
        reuse = cls()
        reuse._read = read
        return reuse

    @cached_property
    def prompts(self) -> dict[str, int]:
        """Distinct prompts per normalised criterion text, for texts that grade more than one."""
        seen: defaultdict[str, set[str]] = defaultdict(set)
        for rubric in self._read():
            prompt = _normalised(rubric.prompt or "")
            for criterion in rubric.criteria:
                text = _normalised(criterion.text)
                if text:
                    seen[text].add(prompt)
        return {text: len(prompts) for text, prompts in seen.items() if len(prompts) > 1}

    def prompts_graded(self, criterion: Criterion) -> int:
        """How many distinct prompts the criterion's text grades (1 when it is not reused)."""
        return self.prompts.get(_normalised(criterion.text), 1)
