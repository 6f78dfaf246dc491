"""AdvancedIF (Meta) JSONL rows, as in ``rogerjin72/AdvancedIF`` ``sample_data.jsonl``.

Each row has ``benchmark_name``, ``conversation_history`` (a JSON string holding the chat
messages: the prompt), ``response`` (a model answer) and ``prompt_metadata`` (a JSON string)
whose ``rubrics`` is itself a JSON string holding the list of yes/no questions. The nested
JSON is read with positions chained through each enclosing string, so every criterion points
at its exact line and column in the file. The rubric id is ``advancedif-<row number>``;
criterion ids are ``q1``, ``q2``...
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from rift_lint.models import PositionalId, Rubric
from rift_lint.parsing.build import (
    RecordContext,
    chat_to_text,
    container_location,
    location_of,
    make_criterion,
    make_rubric,
    value_location,
)
from rift_lint.parsing.errors import ParseError
from rift_lint.parsing.jsontree import read_json
from rift_lint.parsing.tree import Node, TreeContext
from rift_lint.source import Encoding

NAME = "advancedif"


def matches(data: Any) -> bool:
    """A mapping whose ``conversation_history`` and ``prompt_metadata`` are strings."""
    return (
        isinstance(data, dict)
        and isinstance(data.get("conversation_history"), str)
        and isinstance(data.get("prompt_metadata"), str)
    )


def read_nested_json(
    container: Any, key: Any, context: RecordContext, duplicates: list[ParseError]
) -> Any:
    """The JSON value encoded in the string ``container[key]``, positioned in the document.

    Positions chain through the enclosing string's origin (exact when ``container`` comes
    from the positioned readers). A key that repeats in a nested object adds an error at the
    repeated key to ``duplicates``. Raises :class:`ParseError`, located in the file, when the
    string is not valid JSON.
    """
    origin = container.origin(key) if isinstance(container, Node) else None
    tree = TreeContext(context.document, Encoding.JSON, parent=origin)
    value = read_json(container[key], tree, whole="string")
    duplicates.extend(tree.take_duplicate_keys())
    return value


def extract(data: Any, context: RecordContext) -> Iterator[Rubric | ParseError]:
    """Yield the rubric of one AdvancedIF row, or a parse error for malformed nested JSON;
    a key repeated in the nested JSON is an error too, and the row is still read."""
    duplicates: list[ParseError] = []
    try:
        messages = read_nested_json(data, "conversation_history", context, duplicates)
        metadata = read_nested_json(data, "prompt_metadata", context, duplicates)
        questions = (
            read_nested_json(metadata, "rubrics", context, duplicates)
            if isinstance(metadata, dict) and isinstance(metadata.get("rubrics"), str)
            else None
        )
    except ParseError as error:
        yield from _nested([*duplicates, error])
        return
    yield from _nested(duplicates)
    if not isinstance(questions, list):
        yield ParseError(
            "AdvancedIF prompt_metadata has no 'rubrics' JSON string holding a list of questions",
            location_of(data, "prompt_metadata", context),
        )
        return
    criteria = []
    for index, question in enumerate(questions):
        if not isinstance(question, str):
            yield ParseError(
                f"AdvancedIF rubric question {index + 1} is not a string",
                location_of(questions, index, context),
            )
            continue
        criteria.append(
            make_criterion(
                questions, index, criterion_id=PositionalId(f"q{index + 1}"), context=context
            )
        )
    yield make_rubric(
        rubric_id=context.default_id("advancedif"),
        context=context,
        criteria=criteria,
        location=container_location(data, context),
        prompt=chat_to_text(messages),
        prompt_location=value_location(data, "conversation_history"),
        metadata={
            "dataset": "AdvancedIF",
            "benchmark_name": data.get("benchmark_name"),
            **{key: value for key, value in metadata.items() if key != "rubrics"},
        },
    )


def _nested(errors: list[ParseError]) -> list[ParseError]:
    """The errors of nested JSON, their reasons saying where they were found."""
    return [ParseError(f"AdvancedIF nested JSON: {e.reason}", e.location) for e in errors]
