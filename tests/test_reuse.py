"""CriterionReuse: which criterion texts grade several prompts among rubrics linted together."""

from __future__ import annotations

from rift_lint.location import Location
from rift_lint.models import Criterion, Rubric
from rift_lint.reuse import CriterionReuse


def rubric(prompt: str | None, *texts: str) -> Rubric:
    """A rubric of plain criteria, all located at the start of ``r.yaml``."""
    where = Location.point("r.yaml")
    criteria = [Criterion(id=f"c{n}", text=text, location=where) for n, text in enumerate(texts, 1)]
    return Rubric(id="r", prompt=prompt, criteria=criteria, source="r.yaml", location=where)


def test_counts_distinct_prompts_ignoring_case_punctuation_and_spacing() -> None:
    reuse = CriterionReuse(
        [
            rubric("Write a poem.", "Is the poem vivid?", "Names a river"),
            rubric("Write  a POEM", "is the poem   VIVID"),
            rubric("Write a story.", "Is the poem vivid?"),
            rubric(None, "Is the poem vivid?", "Names a river"),
        ]
    )
    vivid, river = rubric(None, "IS THE POEM VIVID", "Names a river").criteria
    assert reuse.prompts_graded(vivid) == 3
    assert reuse.prompts_graded(river) == 2


def test_a_text_under_one_prompt_grades_one() -> None:
    reuse = CriterionReuse([rubric("p", "Names a river", "Names a river")])
    assert reuse.prompts_graded(rubric("p", "Names a river").criteria[0]) == 1
    assert reuse.prompts == {}


def test_a_reading_index_reads_its_rubrics_once_and_only_when_asked() -> None:
    """A file's rubrics are read again for the index only if a rule asks, never kept."""
    reads: list[int] = []

    def read() -> list[Rubric]:
        reads.append(1)
        return [rubric("Write a poem.", "Names a river"), rubric("Write a story.", "Names a river")]

    reuse = CriterionReuse.reading(read)
    assert reads == []
    river = rubric(None, "names a RIVER").criteria[0]
    assert (reuse.prompts_graded(river), reuse.prompts_graded(river)) == (2, 2)
    assert reads == [1]
