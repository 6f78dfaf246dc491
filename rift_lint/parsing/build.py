"""Helpers that turn positioned data into :class:`Rubric` and :class:`Criterion` objects.

Every adapter uses these, so criteria from all formats carry their exact text origin, their
points as written, and the reserved ``rift_lint`` suppression key.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from rift_lint.location import Location
from rift_lint.models import Criterion, Level, PositionalId, Rubric
from rift_lint.parsing.tree import Node
from rift_lint.source import SourceDocument, TextOrigin

RESERVED_KEY = "rift_lint"
RESERVED_FIELDS = ("ignore", "reason")
# Points as people write them next to a number (regular-expression parts): the number, and
# its unit ("5 pts", "3 points", "2 marks"). The plain-text reader takes them out of an item;
# RL004 names the number to write for a value such as "5 pts".
POINTS_NUMBER = r"[+-]?\d+(?:\.\d+)?"
POINTS_UNIT = r"(?:points?|pts?|marks?)\b\.?"
POINTS_WITH_UNIT = re.compile(rf"\s*(?P<n>{POINTS_NUMBER})\s*(?:%|{POINTS_UNIT})\s*", re.IGNORECASE)
"""A whole value that is points written with a unit ("20%", "5 pts"), its number in ``n``: a
table cell reads it as the number; RL004 names that number for a YAML or JSON value."""
_LONGEST_SHOWN = 40


@dataclass
class RecordContext:
    """Where a record comes from: the document, and for datasets the record's position."""

    document: SourceDocument
    record_index: int = 0
    fallback_location: Location | None = None
    extra_metadata: dict[str, Any] = field(default_factory=dict)

    @property
    def path(self) -> str:
        """The display path of the document."""
        return self.document.path

    def default_id(self, prefix: str = "rubric") -> PositionalId:
        """An id for records that carry none: ``<prefix>-<1-based record number>``."""
        return PositionalId(f"{prefix}-{self.record_index + 1}")


class AsWritten(str):
    """A points value as the file writes it (``1e999``, ``.inf``), kept where the value read
    is a number that is not finite: messages quote it so, never as an ``Infinity`` the file
    does not hold."""


def points_as_written(raw: Any, location: Location | None, document: SourceDocument) -> Any:
    """``raw``, or the text at its ``location`` when ``raw`` reads as a number that is not
    finite (an overflowing ``1e999``, YAML's ``.inf``, ``NaN``)."""
    points = parse_points(raw)
    if location is None or points is None or math.isfinite(points):
        return raw
    return AsWritten(document.text_at(location)) or raw


def spelled_value(raw: Any) -> str:
    """A points value as JSON spells it (``true``, ``NaN``, ``"five"``), not as Python does,
    or as the file writes it (:class:`AsWritten`); a longer one than a message can show, by
    its ends and length (``10000…000, 401 characters``)."""
    text = raw if isinstance(raw, AsWritten) else json.dumps(raw, ensure_ascii=False, default=str)
    if len(text) <= _LONGEST_SHOWN:
        return text
    return f"{text[:12]}…{text[-6:]} ({len(text)} characters)"


def parse_points(raw: Any) -> float | None:
    """Points or weight as a number; ``None`` when absent or not numeric (bools are not numbers)."""
    if isinstance(raw, bool) or raw is None:
        return None
    if isinstance(raw, int | float):
        try:
            return float(raw)
        except OverflowError:  # an integer beyond the largest float
            return math.inf if raw > 0 else -math.inf
    if isinstance(raw, str):
        try:
            return float(raw.strip())
        except ValueError:
            return None
    return None


def string_value(container: Any, key: Any) -> tuple[str, TextOrigin | None, Location | None]:
    """The stripped string at ``container[key]`` with its origin and location.

    Non-string scalars are converted with ``str`` and located as a whole.
    """
    value = container[key]
    if isinstance(container, Node):
        origin = container.origin(key)
        if origin is not None:
            view = origin.stripped()
            return view.decoded, view, view.location()
        return ("" if value is None else str(value)), None, container.value_location(key)
    return ("" if value is None else str(value)), None, None


def value_location(container: Any, key: Any) -> Location | None:
    """The location of ``container[key]`` when the container keeps positions."""
    if isinstance(container, Node) and key in container.spans:
        return container.value_location(key)
    return None


def location_of(container: Any, key: Any, context: RecordContext) -> Location:
    """The location of ``container[key]``, else of the container, else of the record."""
    return value_location(container, key) or container_location(container, context)


def optional_string(
    container: Any, key: Any
) -> tuple[str | None, Location | None, TextOrigin | None]:
    """The stripped string at ``container[key]``, its location and its origin; all ``None`` if
    absent."""
    if not isinstance(container, dict) or not isinstance(container.get(key), str):
        return None, None, None
    text, origin, location = string_value(container, key)
    return text, location, origin


def container_location(container: Any, context: RecordContext) -> Location:
    """The location of a container, or the record's fallback location."""
    if isinstance(container, Node):
        return container.location()
    return context.fallback_location or Location.point(context.path)


def ignored_codes(container: Any) -> list[str]:
    """Codes listed under the reserved ``rift_lint`` key: ``{"ignore": ["RL101"], ...}``."""
    if not isinstance(container, dict):
        return []
    reserved = container.get(RESERVED_KEY)
    if isinstance(reserved, dict):
        codes = reserved.get("ignore", [])
        if isinstance(codes, str):
            return [codes]
        if isinstance(codes, list):
            return [str(code) for code in codes]
    return []


_VALUE_KINDS = (
    (bool, "a true/false value"),  # before numbers: a bool is an int to Python
    (int | float, "a number"),
    (type(None), "an empty value"),
    (str, "a string"),
    (dict, "a mapping"),
    (list, "a list"),
    (date, "a date"),  # a YAML timestamp
    (bytes, "binary data"),  # a YAML !!binary value
)


def value_kind(value: Any) -> str:
    """Any value read from a file named in the user's words ("a number", "an empty value",
    "a mapping"), never by its Python type."""
    return next((name for kind, name in _VALUE_KINDS if isinstance(value, kind)), "a value")


def reserved_key_error(container: Any) -> str | None:
    """What is wrong with the reserved ``rift_lint`` key of ``container``; ``None`` when it is
    absent or well formed (``{"ignore": [codes] or "codes", "reason": "..."}``)."""
    if not isinstance(container, dict) or RESERVED_KEY not in container:
        return None
    reserved = container[RESERVED_KEY]
    right_form = 'write {"ignore": ["RL101"], "reason": "..."}'
    if not isinstance(reserved, dict):
        return f"The rift_lint key must be a mapping, not {value_kind(reserved)}: {right_form}"
    unknown = [str(key) for key in reserved if key not in RESERVED_FIELDS]
    if unknown:
        names = ", ".join(repr(key) for key in unknown)
        return f"The rift_lint key has unknown key(s) {names}: {right_form}"
    codes = reserved.get("ignore")
    if codes is None:
        return f"The rift_lint key has no 'ignore' list of codes: {right_form}"
    if not isinstance(codes, list | str):
        found = value_kind(codes)
        return f"The rift_lint 'ignore' must be a list of codes, not {found}: {right_form}"
    return None


def levels_from(container: Any, key: Any) -> list[Level]:
    """Score levels written as ``{label: text}`` or ``[{label/score, text/description}]``."""
    raw = container.get(key) if isinstance(container, dict) else None
    levels: list[Level] = []
    if isinstance(raw, dict):
        for label in raw:
            if isinstance(raw[label], str):
                text, origin, _ = string_value(raw, label)
                levels.append(
                    Level(label=str(label), text=text, score=parse_points(label), origin=origin)
                )
    elif isinstance(raw, list):
        for index, item in enumerate(raw):
            if isinstance(item, dict):
                text_key = next((k for k in ("text", "description") if k in item), None)
                if text_key is None:
                    continue
                text, origin, _ = string_value(item, text_key)
                label = item.get("label", item.get("score", index + 1))
                score = parse_points(item.get("score", label))
                levels.append(Level(label=str(label), text=text, score=score, origin=origin))
            elif isinstance(item, str):
                text, origin, _ = string_value(raw, index)
                levels.append(Level(label=str(index + 1), text=text, origin=origin))
    return levels


def make_criterion(
    container: Any,
    key: Any,
    *,
    criterion_id: str,
    context: RecordContext,
    points_raw: Any = None,
    points_location: Location | None = None,
    levels: Iterable[Level] = (),
    axis: str | None = None,
    tags: Iterable[str] = (),
    labels: Iterable[str] = (),
    ignore: Iterable[str] = (),
    ignore_error: str | None = None,
    written_id: str | None = None,
) -> Criterion:
    """A criterion whose text is the string at ``container[key]``, with its exact origin."""
    text, origin, location = string_value(container, key)
    ignore = list(ignore)
    return Criterion(
        id=criterion_id,
        text=text,
        points=parse_points(points_raw),
        points_raw=points_as_written(points_raw, points_location, context.document),
        points_location=points_location,
        levels=list(levels),
        axis=axis,
        tags=[str(tag) for tag in tags],
        labels=[str(label) for label in labels],
        ignore=ignore,
        ignore_location=value_location(container, RESERVED_KEY) if ignore or ignore_error else None,
        ignore_error=ignore_error,
        location=location or container_location(container, context),
        item_location=container_location(container, context)
        if isinstance(container, dict)
        else None,
        origin=origin,
        written_id=written_id,
    )


def make_rubric(
    *,
    rubric_id: Any,
    context: RecordContext,
    criteria: list[Criterion],
    location: Location,
    prompt: str | None = None,
    prompt_location: Location | None = None,
    prompt_origin: TextOrigin | None = None,
    metadata: dict[str, Any] | None = None,
    labels: Iterable[str] = (),
    ignore: Iterable[str] = (),
    ignore_location: Location | None = None,
    ignore_error: str | None = None,
) -> Rubric:
    """A rubric with the record's metadata merged in; metadata keys are text, as YAML keys
    that are numbers, true/false or null (``2: x``) are written. An id that is text (a
    :class:`PositionalId` included) is kept as it is, any other value written as text."""
    return Rubric(
        id=rubric_id if isinstance(rubric_id, str) else str(rubric_id),
        prompt=prompt,
        criteria=criteria,
        source=context.path,
        location=location,
        prompt_location=prompt_location,
        prompt_origin=prompt_origin,
        metadata={
            str(key): value for key, value in {**context.extra_metadata, **(metadata or {})}.items()
        },
        labels=[str(label) for label in labels],
        ignore=list(ignore),
        ignore_location=ignore_location,
        ignore_error=ignore_error,
    )


def chat_to_text(messages: Any) -> str | None:
    """Flatten a chat transcript (``[{role, content}]``) into ``Role: content`` paragraphs."""
    if isinstance(messages, str):
        return messages
    if not isinstance(messages, list):
        return None
    parts = []
    for message in messages:
        if isinstance(message, dict):
            role = str(message.get("role", "user")).capitalize()
            content = message.get("content", "")
            if isinstance(content, list):
                content = " ".join(
                    str(part.get("text", "")) if isinstance(part, dict) else str(part)
                    for part in content
                )
            parts.append(f"{role}: {content}")
    return "\n\n".join(parts) if parts else None
