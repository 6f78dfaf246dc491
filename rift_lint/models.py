"""The data model: rubrics, criteria, source locations and diagnostics.

Positions are 1-based and counted in characters (Unicode code points). ``end_column`` is
exclusive: a one-character span at column 5 has ``end_column == 6``.
"""

from __future__ import annotations

import hashlib
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from rift_lint.location import Location
from rift_lint.source import TextOrigin

__all__ = [
    "Criterion",
    "Diagnostic",
    "Level",
    "Location",
    "PositionalId",
    "RelatedLocation",
    "Rubric",
    "Scope",
    "Severity",
]


class Severity(StrEnum):
    """How serious a diagnostic is; ``--fail-level`` compares against it."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        """Order of severities: info < warning < error."""
        return {"info": 0, "warning": 1, "error": 2}[self.value]


class Scope(StrEnum):
    """What a rule looks at: one criterion, a whole rubric, or a whole file."""

    CRITERION = "criterion"
    RUBRIC = "rubric"
    FILE = "file"


class Level(BaseModel):
    """One score level of a criterion, such as ``score5: "All steps are correct"``."""

    label: str
    text: str
    score: float | None = None
    origin: TextOrigin | None = Field(default=None, exclude=True, repr=False)

    model_config = ConfigDict(arbitrary_types_allowed=True)


class PositionalId(str):
    """An id a reader made up from a position because the file gives none: ``c3`` for the
    third criterion, ``rubric-2`` for the second record. A :class:`Criterion` or
    :class:`Rubric` made with one records that in ``id_by_position``, so that fingerprints
    hash its content instead: inserting an item above renumbers such ids."""

    __slots__ = ()


class _Identified(BaseModel):
    """A rubric or criterion: its id, and whether a reader gave that id by position."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    id: str
    id_by_position: bool = Field(default=False, exclude=True, repr=False)

    @model_validator(mode="before")
    @classmethod
    def _positional(cls, data: Any) -> Any:
        """Set ``id_by_position`` when the id is a :class:`PositionalId`."""
        if isinstance(data, dict) and isinstance(data.get("id"), PositionalId):
            return {**data, "id_by_position": True}
        return data


def _normalised(text: str) -> str:
    """``text`` with its whitespace runs collapsed to one space, and none at its ends."""
    return " ".join(text.split())


class Criterion(_Identified):
    """One gradable item of a rubric.

    ``points`` carries points or weight as written (negative for penalties); ``points_raw`` keeps
    the value exactly as found in the file so that invalid values are reported, not lost.
    ``location`` is where the text starts; ``item_location`` where the whole entry starts (a
    YAML mapping, a table row), used to match suppression comments. ``written_id`` is an id
    the file writes for a criterion shown under a readable one given by position (a
    PaperBench leaf's node ``id`` beside its tree path ``2.1.3``).
    """

    text: str
    points: float | None = None
    points_raw: Any = None
    points_location: Location | None = None
    levels: list[Level] = Field(default_factory=list)
    axis: str | None = None
    tags: list[str] = Field(default_factory=list)
    labels: list[str] = Field(default_factory=list)
    ignore: list[str] = Field(default_factory=list)
    ignore_location: Location | None = None
    ignore_error: str | None = None
    location: Location
    item_location: Location | None = None
    origin: TextOrigin | None = Field(default=None, exclude=True, repr=False)
    written_id: str | None = Field(default=None, exclude=True, repr=False)

    @property
    def ref(self) -> str:
        """The id as messages cite it: as it is when it reads as an id (``c3``, ``2.1.3``,
        ``analysis-2``), in double quotes when it reads as words (``"criteria"``, ``"Word
        Count and Completeness"``), so that "Criterion Word Count and Completeness bundles"
        cannot run the name into the sentence."""
        words = not any(c.isdigit() for c in self.id) or any(c.isspace() for c in self.id)
        return f'"{self.id}"' if words else self.id

    def span(self, start: int, end: int) -> Location:
        """The source location of ``self.text[start:end]``, falling back to the criterion start."""
        if self.origin is None:
            return self.location
        return self.origin.locate(start, end)

    def fingerprint_key(self) -> str | None:
        """What fingerprints hash for this criterion in place of an id given by position: the
        ``written_id`` when there is one, else its text, whitespace-normalised; ``None`` for an
        id written in the file (hashed as it is)."""
        if not self.id_by_position:
            return None
        return self.written_id or _normalised(self.text)


class Rubric(_Identified):
    """A prompt and the criteria that grade responses to it."""

    prompt: str | None = None
    criteria: list[Criterion] = Field(default_factory=list)
    source: str
    location: Location
    prompt_location: Location | None = None
    prompt_origin: TextOrigin | None = Field(default=None, exclude=True, repr=False)
    metadata: dict[str, Any] = Field(default_factory=dict)
    labels: list[str] = Field(default_factory=list)
    ignore: list[str] = Field(default_factory=list)
    ignore_location: Location | None = None
    ignore_error: str | None = None

    def fingerprint_key(self) -> str | None:
        """What fingerprints hash for this rubric in place of an id given by position: the
        SHA-256 of its whitespace-normalised prompt, empty without a prompt; ``None`` for an id
        written in the file (hashed as it is)."""
        if not self.id_by_position:
            return None
        if self.prompt is None:
            return ""
        return hashlib.sha256(_normalised(self.prompt).encode("utf-8")).hexdigest()


class RelatedLocation(BaseModel):
    """Another place a diagnostic refers to, such as the first copy of a duplicate."""

    location: Location
    message: str


class Diagnostic(BaseModel):
    """One finding: which rule, where, why, and what to do about it.

    ``location`` is the main span; ``highlights`` are further offending words of the same
    finding (e.g. every unanchored term of a criterion), underlined with it. ``rubric_key`` and
    ``criterion_key`` are what its fingerprint hashes in place of an id a reader gave by
    position (:meth:`Rubric.fingerprint_key`, :meth:`Criterion.fingerprint_key`); ``None``
    hashes the id.
    """

    code: str
    name: str
    failure_mode: str | None = None
    severity: Severity
    message: str
    location: Location
    rubric_id: str | None = None
    criterion_id: str | None = None
    rubric_key: str | None = None
    criterion_key: str | None = None
    suggestion: str | None = None
    confidence: float | None = None
    related: list[RelatedLocation] = Field(default_factory=list)
    highlights: list[Location] = Field(default_factory=list)

    def sort_key(self) -> tuple[str, int, int, str]:
        """Output order: path, line, column, code."""
        loc = self.location
        return (loc.path, loc.line, loc.column, self.code)
