"""The error a reader raises when a file is malformed or is not a rubric."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from rift_lint.location import Location
from rift_lint.models import Criterion


class ParseError(Exception):
    """A file (or one record of it) could not be read as a rubric; reported as RL001."""

    def __init__(self, reason: str, location: Location) -> None:
        super().__init__(reason)
        self.reason = reason
        self.location = location


class NotARubric(ParseError):
    """Well-formed data in no layout rift-lint knows."""


def repeated_id(number: int, criterion_id: str, first: int, location: Location) -> ParseError:
    """The error of criterion ``number`` (counted from 1 in its rubric) whose id criterion
    ``first`` already has, at ``location`` (the repeated id, or the criterion when its id is
    a default one)."""
    return ParseError(
        f"Criterion {number} repeats the id {criterion_id!r} of criterion {first}; "
        "criterion ids must be unique within a rubric",
        location,
    )


def repeated_ids(criteria: Iterable[Criterion]) -> Iterator[ParseError]:
    """The error of each of one rubric's ``criteria`` whose id an earlier one has, at the
    criterion's text (both are kept, so no text is lost)."""
    first: dict[str, int] = {}
    for number, criterion in enumerate(criteria, 1):
        earlier = first.setdefault(criterion.id, number)
        if earlier != number:
            yield repeated_id(number, criterion.id, earlier, criterion.location)
