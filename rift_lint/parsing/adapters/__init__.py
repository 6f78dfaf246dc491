"""Layouts of structured rubric data, tried in order on each JSON/YAML document or JSONL record.

Each adapter module declares ``NAME``, ``matches(data) -> bool`` and
``extract(data, context) -> Iterator[Rubric | ParseError]``.
"""

from __future__ import annotations

from collections.abc import Iterator
from types import ModuleType
from typing import Any

from rift_lint.location import Location
from rift_lint.models import Rubric
from rift_lint.parsing.adapters import (
    advancedif,
    auto_rubric,
    biggen_bench,
    deepeval_geval,
    deepresearch_bench_ii,
    dynamic_rubrics,
    flask_skillset,
    healthbench,
    hellobench,
    llmbar_metrics,
    mtbench_judge,
    openai_evals,
    paperbench,
    promptfoo,
    researchrubrics,
    rift_schema,
    writingbench,
)
from rift_lint.parsing.build import RecordContext, container_location, location_of, value_kind
from rift_lint.parsing.errors import NotARubric, ParseError

# Specific layouts first; the loose ones (maps of lists or of strings) last.
ADAPTERS: tuple[ModuleType, ...] = (
    rift_schema,
    healthbench,
    researchrubrics,
    advancedif,
    biggen_bench,
    writingbench,
    deepresearch_bench_ii,
    paperbench,
    promptfoo,
    deepeval_geval,
    llmbar_metrics,
    auto_rubric,
    flask_skillset,
    mtbench_judge,
    hellobench,
    openai_evals,
    dynamic_rubrics,
)


def find_adapter(data: Any, preferred: ModuleType | None = None) -> ModuleType | None:
    """The adapter that recognises ``data``: ``preferred`` if it does, else the first that does."""
    if preferred is not None and preferred.matches(data):
        return preferred
    return next((adapter for adapter in ADAPTERS if adapter.matches(data)), None)


def describe(data: Any) -> str:
    """A short description of unrecognised data for the parse-error message."""
    if isinstance(data, dict):
        keys = ", ".join(sorted(map(str, data))[:8])
        return f"a mapping with keys: {keys}" if keys else "an empty mapping"
    if isinstance(data, list):
        return f"a list of {len(data)} item{'' if len(data) == 1 else 's'}"
    return value_kind(data)


def record_kinds(data: Any) -> dict[str, str]:
    """What each top-level key of a dataset record holds (``value_kind``), for telling a later
    record of the dataset what it does differently."""
    return (
        {str(key): value_kind(value) for key, value in data.items()}
        if isinstance(data, dict)
        else {}
    )


def unlike_dataset(
    data: Any, dataset: tuple[str, dict[str, str]], context: RecordContext
) -> tuple[str, Location] | None:
    """How a record differs from the records of its dataset read before it (``dataset``:
    their layout's name and :func:`record_kinds` of the first), and where: a key that holds
    another kind of value, at that value, else the keys it lacks; ``None`` when it has the
    same keys with the same kinds."""
    if not isinstance(data, dict):
        return None
    name, kinds = dataset
    for key, value in data.items():
        expected = kinds.get(str(key))
        if expected is not None and value_kind(value) != expected:
            return (
                f"unlike the {name} records before it, its {key!r} is {value_kind(value)}, "
                f"not {expected}",
                location_of(data, key, context),
            )
    missing = [key for key in kinds if key not in data]
    if not missing:
        return None
    lacks = ", ".join(map(repr, missing))
    return f"unlike the {name} records before it, it has no {lacks}", container_location(
        data, context
    )


def extract(
    data: Any,
    context: RecordContext,
    adapter: ModuleType | None,
    dataset: tuple[str, dict[str, str]] | None = None,
) -> Iterator[Rubric | ParseError]:
    """Rubrics (or parse errors) from one document or record read with ``adapter``.

    ``adapter`` is the result of :func:`find_adapter`; ``None`` gives a not-a-rubric error,
    which says how the record differs from the earlier records of its ``dataset`` when known
    (see :func:`unlike_dataset`).
    """
    if adapter is None:
        missed = rift_schema.near_miss(data, context)
        if missed is not None:
            reason, location = missed
            yield NotARubric(f"Not a rubric: {reason}", location)
            return
        reason = f"Not a rubric: no known rubric layout matches {describe(data)}"
        location = container_location(data, context)
        unlike = unlike_dataset(data, dataset, context) if dataset is not None else None
        if unlike is not None:
            reason, location = f"{reason}; {unlike[0]}", unlike[1]
        yield NotARubric(reason, location)
        return
    for item in adapter.extract(data, context):
        if isinstance(item, Rubric):
            item.metadata.setdefault("layout", adapter.NAME)
        yield item
