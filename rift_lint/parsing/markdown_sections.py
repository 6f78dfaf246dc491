"""Markdown headings and the sections they open: how criteria are grouped into rubrics.

A section runs from its heading to the next heading of its level or higher, sub-sections
included. Once the file is read, a paragraph that only introduced other criteria of its
section is dropped, so are the criteria of a section of instructions for using the rubric,
and a heading whose points grade no criterion is an error. When two or more sections at the
next heading level below the title hold criteria, each is a rubric; otherwise the whole file
is one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from rift_lint.location import Location
from rift_lint.models import Criterion
from rift_lint.parsing.columns import is_total
from rift_lint.parsing.errors import ParseError
from rift_lint.parsing.plaintext import Item

# A heading that names instructions for using the rubric, not what it grades: "Using This
# Rubric", "How to apply the checklist", "Scoring directions", "Instructions for raters",
# "Usage notes". Not "Notes", "Instructions" or "Usage" alone, which may name a group of
# criteria ("Instructions": follows the word limit...), nor "Follows instructions".
_INSTRUCTIONS = re.compile(
    r"(?:how[ \t]+to[ \t]+(?:use|apply|read)|using|about)[ \t]+(?:this|the)[ \t]+"
    r"(?:rubric|checklist|scale|guide)s?\b.*"
    r"|(?:grading|scoring|grader|rater|usage)[ \t]+(?:instructions|directions|notes)"
    r"(?:[ \t]+(?:for|on)\b.*)?"
    r"|(?:instructions|directions)[ \t]+(?:for|on)[ \t]+(?:using|use|grading|scoring|graders"
    r"|raters|markers)\b.*",
    re.IGNORECASE,
)


@dataclass
class Heading:
    """A heading: its level, its text split like an item, and the criterion it may become."""

    level: int
    text: str
    item: Item
    location: Location
    criterion: Criterion | None = None
    paragraph: bool = False
    """Whether ``criterion`` is the paragraph below the heading (other criteria in the
    heading's section or its sub-sections take its place)."""


# A section's heading (None for criteria outside any section) and its criteria.
Section = tuple[Heading | None, list[Criterion]]


def group_sections(
    headings: list[Heading], found: list[tuple[int, Criterion]]
) -> tuple[Heading | None, list[Section]]:
    """The title heading and the criteria ``found`` (each with the index of the heading
    above it, -1 for none) grouped by section (one group when not split)."""
    candidates = [h for h in headings if h.criterion is None]
    levels = [h.level for h in candidates]
    title = None
    if candidates and levels.count(levels[0]) == 1 and levels[0] == min(levels):
        title = candidates[0]
    split = min((h.level for h in candidates if h is not title), default=None)
    owners: list[Heading | None] = []
    for heading in headings:
        is_owner = heading.criterion is None and split is not None and heading.level <= split
        owners.append(heading if is_owner else owners[-1] if owners else None)
    groups: dict[int, Section] = {}
    for heading_index, criterion in found:
        owner = owners[heading_index] if heading_index >= 0 else None
        section = owner if owner is not None and owner.level == split else None
        groups.setdefault(id(section), (section, []))[1].append(criterion)
    sections = list(groups.values())
    if sum(section is not None for section, _ in sections) < 2:
        return title, [(None, [c for _, criteria in sections for c in criteria])]
    return title, sections


def section_bounds(
    headings: list[Heading], section: Heading | None, sections: list[Section]
) -> tuple[int, int]:
    """The headings a rubric's prompt section may follow, as ``section_prompt`` bounds: its
    section's (from its heading to the next heading of its level or higher); for criteria
    outside any section, those before the first section; for a file that is one rubric, all."""
    if section is None:
        first = next((s for s, _ in sections if s is not None), None)
        return 0, len(headings) if first is None else _index(headings, first)
    index = _index(headings, section)
    return index + 1, section_end(headings, index)


def section_end(headings: list[Heading], index: int) -> int:
    """The index of the first heading after the one at ``index`` whose level is that
    heading's or higher: the end of its section, sub-sections included."""
    end = index + 1
    while end < len(headings) and headings[end].level > headings[index].level:
        end += 1
    return end


def _index(headings: list[Heading], heading: Heading) -> int:
    """The index of ``heading`` (compared by identity) in ``headings``."""
    return next(index for index, other in enumerate(headings) if other is heading)


def drop_introductions(
    headings: list[Heading], found: list[tuple[int, Criterion]]
) -> list[tuple[int, Criterion]]:
    """The criteria ``found`` (each with the index of the heading above it) without each
    paragraph criterion whose heading's section, sub-sections included, holds another
    criterion (a list item, table row or heading): the paragraph introduced them. Its
    heading no longer has it."""
    counts = [0] * len(headings)
    for heading_index, _ in found:
        if heading_index >= 0:
            counts[heading_index] += 1
    dropped: set[int] = set()
    for index, heading in enumerate(headings):
        if heading.paragraph and sum(counts[index : section_end(headings, index)]) > 1:
            dropped.add(id(heading.criterion))
            heading.criterion, heading.paragraph = None, False
    return [entry for entry in found if id(entry[1]) not in dropped]


def drop_instructions(
    headings: list[Heading], found: list[tuple[int, Criterion]]
) -> list[tuple[int, Criterion]]:
    """The criteria ``found`` (each with the index of the heading above it) without those
    of each section (sub-sections included) whose heading names instructions for using the
    rubric (see ``_INSTRUCTIONS``) and carries no points, when none of them has points or
    levels and criteria are left outside such sections: they tell graders how to score,
    and are not graded themselves."""
    dropped: set[int] = set()
    for index, heading in enumerate(headings):
        if heading.item.points_raw is not None or not _INSTRUCTIONS.fullmatch(
            heading.text.strip("*_: \t")
        ):
            continue
        section = range(index, section_end(headings, index))
        inside = [criterion for owner, criterion in found if owner in section]
        if not any(c.points_raw is not None or c.levels for c in inside):
            dropped.update(id(criterion) for criterion in inside)
    kept = [entry for entry in found if id(entry[1]) not in dropped]
    return kept or found


def empty_sections(
    text: str, headings: list[Heading], found: list[tuple[int, Criterion]]
) -> Iterator[ParseError]:
    """An error for each heading that carries points (but for a ``Total``, its name read
    in ``text``) whose section, its sub-sections included, holds none of the criteria
    ``found``: its points grade nothing (what is below it is a block quote, code, a comment
    or nothing)."""
    owners = {heading_index for heading_index, _ in found}
    for index, heading in enumerate(headings):
        name = text[heading.item.start : heading.item.end]
        if (
            heading.item.points_raw is None
            or is_total(name)
            or owners.intersection(range(index, section_end(headings, index)))
        ):
            continue
        yield ParseError(
            f"Section {heading.text!r} carries points but holds no criterion (no list "
            "item, table row or paragraph; block quotes, code and comments are none)",
            heading.location,
        )
