"""rift-lint's own rubric schema (YAML, JSON, and the canonical labels JSONL).

A file holds one rubric (``prompt``, ``criteria``) or many (``rubrics: [...]``, or a top-level
list of rubrics); a top-level list of criteria is one rubric without a prompt. A criterion is
a string or a mapping with ``id``, ``text``, ``points`` (or ``weight``), ``levels``, ``tags``,
``axis``, ``labels`` and the reserved ``rift_lint`` key. See docs/formats.md.
"""

from __future__ import annotations

from collections.abc import Generator, Iterator
from difflib import get_close_matches
from typing import Any

from rift_lint.location import Location
from rift_lint.models import Criterion, PositionalId, Rubric
from rift_lint.parsing.build import (
    RESERVED_KEY,
    RecordContext,
    chat_to_text,
    container_location,
    ignored_codes,
    levels_from,
    location_of,
    make_criterion,
    make_rubric,
    parse_points,
    points_as_written,
    reserved_key_error,
    spelled_value,
    string_value,
    value_kind,
    value_location,
)
from rift_lint.parsing.errors import ParseError, repeated_id
from rift_lint.parsing.tree import Node
from rift_lint.source import TextOrigin

NAME = "rift"
RUBRIC_KEYS = {"id", "prompt", "criteria", "labels", "metadata", "source", "rift_lint"}
# Keys that people put a rubric's criteria under instead of "criteria" (a near miss).
_OTHER_NAMES = (
    "rubric",
    "rubric_items",
    "items",
    "checklist",
    "criterion",
    "questions",
    "requirements",
)
# Keys that people put a criterion's text under instead of "text" (a near miss).
_OTHER_TEXT_NAMES = (
    "criterion",
    "requirement",
    "description",
    "statement",
    "check",
    "content",
    "question",
    "item",
    "title",
    "name",
)
_CRITERION_TEXT_NAMES = ("criterion", "requirement")
_ONE_MAPPING_PER_CRITERION = "one mapping with 'text' and 'points' per criterion"
# Keys that people put a criterion's points under instead of "points" (a near miss).
_OTHER_POINTS_NAMES = ("score", "marks", "pts", "max_points", "max_score", "point", "mark")
_POINTS_KEYS = frozenset({"points", "weight", *_OTHER_POINTS_NAMES})


def _is_rubric(data: Any) -> bool:
    return isinstance(data, dict) and isinstance(data.get("criteria"), list)


def _is_rubric_list(data: Any) -> bool:
    """A list with at least one rubric; its other entries are rubrics in error."""
    return isinstance(data, list) and any(map(_is_rubric, data))


def _is_criterion_list(data: Any) -> bool:
    """A list of strings and mappings, none of them a rubric, with at least one criterion (a
    string or a mapping with ``text``); the mappings without ``text`` are criteria in error."""
    return (
        isinstance(data, list)
        and all(isinstance(item, str | dict) for item in data)
        and not any(isinstance(item, dict) and "criteria" in item for item in data)
        and any(isinstance(item, str) or "text" in item for item in data)
    )


def matches(data: Any) -> bool:
    """A mapping with a ``criteria`` list, or with a ``rubrics`` list of such mappings; a list
    of such mappings; or a list of criteria."""
    if _is_rubric(data) or _is_rubric_list(data) or _is_criterion_list(data):
        return True
    rubrics = data.get("rubrics") if isinstance(data, dict) else None
    return _is_rubric_list(rubrics)


def near_miss(data: Any, context: RecordContext) -> tuple[str, Location] | None:
    """Why data that no layout matched is not a rubric of this schema, when it almost is, and
    where to change it: ``criteria`` that is not a list, a list of criteria under another
    usual name (``rubric``, ``items``...), or a list of criteria whose text is under another
    usual name (``criterion``, ``description``...)."""
    if isinstance(data, list):
        return _criterion_list_near_miss(data, context)
    if not isinstance(data, dict):
        return None
    if "criteria" in data:
        reason = f"'criteria' must be a list of criteria, not {_kind(data, 'criteria')}"
        if _points_by_text(data["criteria"]):
            reason += f": write {_ONE_MAPPING_PER_CRITERION}"
        return reason, location_of(data, "criteria", context)
    if (other := _other_name(data)) is not None:
        key, reason = other
        return reason, location_of(data, key, context)
    rubrics = data.get("rubrics")
    if isinstance(rubrics, list) and rubrics and _other_name(rubrics[0]) is not None:
        error = _not_a_rubric_entry(rubrics, 0, context)
        return error.reason, error.location
    if _points_by_text(data):
        reason = (
            "a mapping of criterion texts to points is no layout rift-lint reads: write a list "
            f"under 'criteria', {_ONE_MAPPING_PER_CRITERION}"
        )
        return reason, container_location(data, context)
    return None


def _other_name(data: Any) -> tuple[str, str] | None:
    """The first usual name other than ``criteria`` (``rubric``, ``items``...) under which
    ``data``, a mapping, holds what belongs elsewhere, with what to change (see
    :func:`_under_other_name`); ``None`` when there is none."""
    if not isinstance(data, dict):
        return None
    found = ((key, _under_other_name(data, key)) for key in _OTHER_NAMES)
    return next(((key, reason) for key, reason in found if reason is not None), None)


def _under_other_name(data: dict, key: str) -> str | None:
    """What to change when ``data[key]``, ``key`` a usual name other than ``criteria``
    (``rubric``, ``items``...), holds what belongs elsewhere: a list of criteria, a mapping of
    criterion texts to points, or a whole rubric; ``None`` when it holds none of these."""
    value = data.get(key)
    if isinstance(value, list) and value and all(isinstance(i, str | dict) for i in value):
        return f"the criteria go in a list under 'criteria', not under {key!r}"
    if _points_by_text(value):
        return (
            f"{key!r} maps criterion texts to points: write a list under 'criteria', "
            f"{_ONE_MAPPING_PER_CRITERION}"
        )
    if _is_rubric(value):
        keys = ", ".join(sorted(map(str, value)))
        return f"the rubric under {key!r} goes at the top level: move its keys ({keys}) out of it"
    return None


def _points_by_text(value: Any) -> bool:
    """Whether ``value`` maps criterion texts to points (``{"Names the dose": 2}``): a
    mapping whose values are all numbers and one of whose keys at least is words."""
    return (
        isinstance(value, dict)
        and bool(value)
        and all(isinstance(v, int | float) and not isinstance(v, bool) for v in value.values())
        and any(isinstance(k, str) and " " in k.strip() for k in value)
    )


def _criterion_list_near_miss(data: list, context: RecordContext) -> tuple[str, Location] | None:
    """A list of mappings, none with ``text``, whose first holds its text under another usual
    key: the reason, and where that text is. The key must say criterion (``criterion``,
    ``requirement``), or the mapping must have points: a list of records with a ``name`` is
    not taken for a rubric. A list of sentences that YAML cut at a colon (every item is one
    such mapping) is a near miss too, at its first item."""
    if not data or not all(isinstance(item, dict) and "text" not in item for item in data):
        return None
    first = data[0]
    if all(_split_by_colon(item) for item in data):
        item, criteria = ("each item", "the criteria") if len(data) > 1 else ("the item", "it")
        reason = (
            f"{item} is a mapping of one key: a colon in an unquoted criterion made it a "
            f"mapping; put {criteria} in quotes"
        )
        return reason, container_location(first, context)
    key = _other_text_key(first)
    if key is None or not (key in _CRITERION_TEXT_NAMES or _POINTS_KEYS & first.keys()):
        return None
    return f"a criterion's text goes under 'text', not {key!r}", location_of(first, key, context)


def _split_by_colon(item: dict) -> bool:
    """Whether a criterion mapping is a sentence that YAML cut at a colon (``- Names the dose:
    4 g a day``, ``- Explains the following:``): one key, with a space in it, holding a
    string, a number or nothing."""
    if len(item) != 1:
        return False
    [(key, value)] = item.items()
    return (
        isinstance(key, str)
        and " " in key.strip()
        and (value is None or isinstance(value, str | int | float))
    )


def _other_text_key(item: dict) -> str | None:
    """The usual key other than ``text`` that holds a string in a criterion mapping without
    ``text`` (``criterion``, ``description``...), if any."""
    return next((key for key in _OTHER_TEXT_NAMES if isinstance(item.get(key), str)), None)


def extract(data: Any, context: RecordContext) -> Iterator[Rubric | ParseError]:
    """Yield the rubrics of a file or record in our schema."""
    if _is_rubric(data):
        yield from _rubric(data, context, context.default_id())
    elif _is_criterion_list(data):
        yield from _prompt_free_rubric(data, context)
    else:
        rubrics = data if isinstance(data, list) else data["rubrics"]
        for index, item in enumerate(rubrics):
            if _is_rubric(item):
                yield from _rubric(item, context, PositionalId(f"rubric-{index + 1}"))
            else:
                yield _not_a_rubric_entry(rubrics, index, context)


def _not_a_rubric_entry(rubrics: list, index: int, context: RecordContext) -> ParseError:
    """The error of an entry of a list of rubrics that is no rubric, at that entry: what it
    lacks, and the key it has instead when that looks like a slip (``critera``)."""
    item = rubrics[index]
    where = f"Rubric {index + 1} of the list"
    if not isinstance(item, dict):
        reason = f"{where} must be a mapping with a 'criteria' list, not {_kind(rubrics, index)}"
        return ParseError(reason, location_of(rubrics, index, context))
    if "criteria" in item:
        reason = f"{where}: 'criteria' must be a list of criteria, not {_kind(item, 'criteria')}"
        return ParseError(reason, location_of(item, "criteria", context))
    keys = ", ".join(sorted(map(str, item))) or "none"
    if (other := _other_name(item)) is not None:
        key, reason = other
        reason = f"{where} has no 'criteria' (keys: {keys}): {reason}"
        return ParseError(reason, location_of(item, key, context))
    slip = get_close_matches("criteria", [k for k in item if isinstance(k, str)], n=1)
    if slip:
        reason = f"{where} has no 'criteria' (keys: {keys}): is {slip[0]!r} a slip for it?"
        return ParseError(reason, location_of(item, slip[0], context))
    return ParseError(
        f"{where} has no 'criteria' (keys: {keys})", container_location(item, context)
    )


def _criteria(items: list, context: RecordContext) -> Generator[ParseError, None, list[Criterion]]:
    """Yields an error per malformed criterion and per repeated criterion id; returns the
    well-formed criteria (a criterion with a repeated id is kept, so no text is lost)."""
    criteria: list[Criterion] = []
    first_with_id: dict[str, int] = {}
    reported: set[Location] = set()  # YAML aliases of one node all sit at that node
    for index, item in enumerate(items):
        try:
            criterion = _criterion(items, index, item, context)
        except ParseError as error:
            yield from _once(error, reported)
            continue
        first = first_with_id.setdefault(criterion.id, index)
        if first != index:
            yield _repeated_id(item, index, first, criterion)
        if isinstance(item, dict) and (problem := _labels_problem(item, context)) is not None:
            yield from _once(problem, reported)
        if isinstance(item, dict) and (
            problem := _points_problem(item, criterion, context)
            or _misplaced_points(item, criterion, context)
        ):
            yield from _once(problem, reported)
        criteria.append(criterion)
    return criteria


def _once(error: ParseError, reported: set[Location]) -> Iterator[ParseError]:
    """``error``, unless one at its location was ``reported`` already (the items a YAML alias
    repeats share the location of the anchored node, and are one mistake)."""
    if error.location not in reported:
        reported.add(error.location)
        yield error


def _labels_problem(data: dict, context: RecordContext) -> ParseError | None:
    """The error of a ``labels`` value that is not a list of mode ids (``"subjective"``): it
    would be read as no label at all, which changes what ``eval`` and ``train`` count."""
    labels = data.get("labels", [])
    if isinstance(labels, list) and all(isinstance(label, str) for label in labels):
        return None
    kind = "a list holding other values" if isinstance(labels, list) else _kind(data, "labels")
    return ParseError(
        f'\'labels\' must be a list of failure-mode ids ("labels": ["subjective"]), not {kind}',
        location_of(data, "labels", context),
    )


def _points_problem(item: dict, criterion: Criterion, context: RecordContext) -> ParseError | None:
    """The error of a criterion that gives both ``points`` and ``weight``, two names for one
    value, and gives them different values: which one counts is a guess (``points`` is read).
    It sits at ``weight``; the criterion is kept."""
    if "points" not in item or "weight" not in item or item["points"] == item["weight"]:
        return None
    points, weight = (
        spelled_value(points_as_written(item[key], value_location(item, key), context.document))
        for key in ("points", "weight")
    )
    return ParseError(
        f"Criterion {criterion.ref} gives both 'points' ({points}) and 'weight' ({weight}), two "
        "names for one value: keep one ('points' is read)",
        location_of(item, "weight", context),
    )


def _misplaced_points(
    item: dict, criterion: Criterion, context: RecordContext
) -> ParseError | None:
    """The error of a criterion without ``points`` or ``weight`` that gives a number under
    another usual key (``score: 5``, ``marks: 2``): that key is not read, so the criterion
    would have no points without a word. It sits at the number; the criterion is
    kept."""
    if "points" in item or "weight" in item:
        return None
    key = next(
        (key for key in _OTHER_POINTS_NAMES if parse_points(item.get(key)) is not None), None
    )
    if key is None:
        return None
    return ParseError(
        f"Criterion {criterion.ref} has no 'points': its points go under 'points' (or "
        f"'weight'), not {key!r}, which is not read",
        location_of(item, key, context),
    )


def _repeated_id(item: Any, index: int, first: int, criterion: Criterion) -> ParseError:
    """The error for criterion ``index`` whose id criterion ``first`` already has, at the
    repeated ``id`` value (at the criterion when its id is a default one)."""
    location = value_location(item, "id") or criterion.item_location or criterion.location
    return repeated_id(index + 1, criterion.id, first + 1, location)


def _kind(items: list | dict, index: Any) -> str:
    """What ``items[index]`` is, in the user's words: "a list", "a number", and "a YAML alias
    to a list" when its text lies outside the list (an alias points at its anchor's text)."""
    kind = value_kind(items[index])
    if isinstance(items, Node) and index in items.spans:
        start, end, _ = items.spans[index]
        if start < items.start or end > items.end:
            return f"a YAML alias to {kind}"
    return kind


def _prompt_free_rubric(items: list, context: RecordContext) -> Iterator[Rubric | ParseError]:
    """The rubric of a top-level list of criteria: no prompt, no metadata."""
    criteria = yield from _criteria(items, context)
    yield make_rubric(
        rubric_id=context.default_id(),
        context=context,
        criteria=criteria,
        location=container_location(items, context),
    )


def _rubric(data: dict, context: RecordContext, default_id: str) -> Iterator[Rubric | ParseError]:
    """The rubric of a mapping with a ``criteria`` list, after the errors of its criteria; an
    empty list is an error at that list (a rubric that grades nothing), and no rubric."""
    if not data["criteria"]:
        rubric_id = data.get("id", default_id)
        reason = f"Rubric {rubric_id} has an empty 'criteria' list: it grades nothing"
        yield ParseError(reason, location_of(data, "criteria", context))
        return
    criteria = yield from _criteria(data["criteria"], context)
    prompt, prompt_location, prompt_origin = _prompt(data)
    metadata = {key: value for key, value in data.items() if key not in RUBRIC_KEYS}
    if isinstance(data.get("metadata"), dict):
        metadata.update(data["metadata"])
    if "source" in data:
        metadata["source"] = data["source"]
    labels = data.get("labels", [])
    if (problem := _labels_problem(data, context)) is not None:
        yield problem
    yield make_rubric(
        rubric_id=data.get("id", default_id),
        context=context,
        criteria=criteria,
        location=container_location(data, context),
        prompt=prompt,
        prompt_location=prompt_location,
        prompt_origin=prompt_origin,
        metadata=metadata,
        labels=labels if isinstance(labels, list) else [],
        ignore=ignored_codes(data),
        ignore_location=value_location(data, RESERVED_KEY),
        ignore_error=reserved_key_error(data),
    )


def _prompt(data: dict) -> tuple[str | None, Any, TextOrigin | None]:
    if "prompt" not in data or data["prompt"] is None:
        return None, None, None
    if isinstance(data["prompt"], str):
        text, origin, location = string_value(data, "prompt")
        return text, location, origin
    return chat_to_text(data["prompt"]), value_location(data, "prompt"), None


def _criterion(items: list, index: int, item: Any, context: RecordContext) -> Criterion:
    default_id = PositionalId(f"c{index + 1}")
    if isinstance(item, str):
        return make_criterion(items, index, criterion_id=default_id, context=context)
    if not isinstance(item, dict):
        location = location_of(items, index, context)
        raise ParseError(
            f"Criterion {index + 1} must be a string or a mapping with 'text', "
            f"not {_kind(items, index)}",
            location,
        )
    if "text" not in item:
        keys = ", ".join(sorted(map(str, item))) or "none"
        reason = f"Criterion {index + 1} has no 'text' key (keys: {keys})"
        key = _other_text_key(item)
        if key is None and _split_by_colon(item):
            reason += (
                ": a colon in the unquoted criterion made it a mapping; put the criterion in quotes"
            )
        if key is None:
            raise ParseError(reason, container_location(item, context))
        raise ParseError(
            f"{reason}: its text goes under 'text', not {key!r}", location_of(item, key, context)
        )
    for key, wanted in (("text", "a text"), ("id", "a text or a number")):
        if isinstance(item.get(key), list | dict | bool):
            reason = f"Criterion {index + 1}: {key!r} must be {wanted}, not {_kind(item, key)}"
            raise ParseError(reason, location_of(item, key, context))
    points_key = "points" if "points" in item else "weight" if "weight" in item else None
    tags = item.get("tags", [])
    labels = item.get("labels", [])
    return make_criterion(
        item,
        "text",
        criterion_id=str(item["id"]) if "id" in item else default_id,
        context=context,
        points_raw=item.get(points_key) if points_key else None,
        points_location=value_location(item, points_key) if points_key else None,
        levels=levels_from(item, "levels"),
        axis=item.get("axis") if isinstance(item.get("axis"), str) else None,
        tags=tags if isinstance(tags, list) else [tags],
        labels=labels if isinstance(labels, list) else [],
        ignore=ignored_codes(item),
        ignore_error=reserved_key_error(item),
    )
