"""Readers for YAML, JSON and JSONL files: positioned data handed to the layout adapters."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache, partial
from types import ModuleType
from typing import Any

from rift_lint.models import Rubric
from rift_lint.parsing import adapters
from rift_lint.parsing.build import RecordContext
from rift_lint.parsing.errors import NotARubric, ParseError
from rift_lint.parsing.jsontree import UnclosedBracket, read_json
from rift_lint.parsing.plaintext import looks_like_checklist
from rift_lint.parsing.tree import TreeContext
from rift_lint.parsing.yamltree import read_yaml_documents
from rift_lint.source import BYTE_ORDER_MARK, Encoding, SourceDocument

_ONE_OBJECT_PER_LINE = "one JSON object per line"
_ENDS_WITH_LINE = f"the record ends with its line: a JSON Lines file holds {_ONE_OBJECT_PER_LINE}"
_CHECKLIST_IN_YAML = (
    "Not a rubric: the file is a plain-text checklist, which YAML reads as one text: name it "
    ".txt (one criterion per item) or .md"
)
_YAML_LINE = re.compile(r"(?:-(?:\s|$)|---|#|[^\s\"'{}\[\],:#-][^:]*:(?:\s|$))")


def read_yaml_rubrics(document: SourceDocument) -> Iterator[Rubric | ParseError]:
    """Rubrics from each document of a YAML stream; a broken document is one error (counted
    as a document, so the default ids of the others do not move) and the rest are read. An
    empty document (a ``---`` line that ends the file, comments between two) is passed over,
    not counted. A key that repeats in a mapping is an error at the repeated key; the last
    value is read. A file that is a plain-text checklist, which YAML reads as one text, is an
    error that says so."""
    index = -1
    tree = TreeContext(document, Encoding.APPROXIMATE)
    # Decided once for the file: a stream of many texts would otherwise read it once each.
    is_checklist = cache(partial(looks_like_checklist, document.text))
    for data, location in read_yaml_documents(document, tree):
        yield from tree.take_duplicate_keys()
        if data is None:
            continue
        index += 1
        if isinstance(data, ParseError):
            yield data
            continue
        if isinstance(data, str) and is_checklist():
            yield NotARubric(_CHECKLIST_IN_YAML, location)
            continue
        context = RecordContext(document, record_index=index, fallback_location=location)
        yield from adapters.extract(data, context, adapters.find_adapter(data))
    if index < 0:
        yield NotARubric("Not a rubric: the YAML file is empty", document.span(0, 0))


def read_json_rubrics(document: SourceDocument) -> Iterator[Rubric | ParseError]:
    """Rubrics from a JSON document; a key that repeats in an object is an error at the
    repeated key, and the last value is read."""
    context = TreeContext(document, Encoding.JSON)
    data = _json_or_error(document.text, context)
    yield from context.take_duplicate_keys()
    if isinstance(data, ParseError):
        yield data
        return
    yield from adapters.extract(data, RecordContext(document), adapters.find_adapter(data))


def read_jsonl_rubrics(document: SourceDocument) -> Iterator[Rubric | ParseError]:
    """Rubrics from a JSON Lines dataset, one record per line; a bad line (one that did not
    decode included) does not stop the rest.

    The layout found for one record is tried first on the next, so a dataset is matched once.
    Records in no known layout are held back until some record matches: a file in which none
    does is one "not a rubric" error (at its first record), not one per line. A record after
    one that matched is told how it differs from the first that did (a key holding another
    kind of value, or keys it lacks).
    """
    context = TreeContext(document, Encoding.JSON)
    adapter: ModuleType | None = None
    dataset: tuple[str, dict[str, str]] | None = None  # the layout, and its first record's keys
    unmatched: list[ParseError] = []
    text = document.text
    record = 0
    for start in document.line_starts:
        end = text.find("\n", start)
        end = len(text) if end == -1 else end
        line = text[start:end]
        if start in document.undecodable:
            bad = document.undecodable[start]
            yield ParseError("Record is not valid UTF-8", document.span(bad, bad))
            record += 1
            continue
        if not line.lstrip(BYTE_ORDER_MARK).strip():  # a mark alone: an empty file joined in
            continue
        data = _json_or_error(line, context, base=start)
        yield from context.take_duplicate_keys()
        if isinstance(data, ParseError):
            yield _record_error(data, line)
            record += 1
            continue
        record_context = RecordContext(
            document, record_index=record, fallback_location=document.span(start, start + 1)
        )
        record += 1
        found = adapters.find_adapter(data, preferred=adapter)
        adapter = found or adapter
        if found is not None and dataset is None:
            dataset = (found.NAME, adapters.record_kinds(data))
        for item in adapters.extract(data, record_context, found, dataset):
            if isinstance(item, NotARubric) and adapter is None:
                unmatched.append(item)
                continue
            yield from unmatched
            unmatched.clear()
            yield item
    if unmatched:
        first = unmatched[0]
        yield NotARubric(f"{first.reason}; no other record matches either", first.location)


def _json_or_error(text: str, context: TreeContext, base: int = 0) -> Any:
    """The positioned value of ``text`` (see :func:`read_json`), or the error reading it."""
    try:
        return read_json(text, context, base)
    except ParseError as error:
        return error


def _record_error(error: ParseError, line: str) -> ParseError:
    """The error of a JSON Lines record, with a hint when the cause is plain: reading stopped
    at the end of the line (a record spread over several lines, as in pretty-printed JSON; a
    bracket left open is named, at the bracket), or the line, refused from its first
    character, reads as YAML (a YAML file given as labels)."""
    if isinstance(error, UnclosedBracket):
        reason = f"Invalid JSON: '{error.opener}' is never closed ({_ENDS_WITH_LINE})"
        return ParseError(reason, error.location)
    if error.location.column > len(line.rstrip()):
        hint = _ENDS_WITH_LINE
    elif _reads_as_yaml(line, error.location.column):
        hint = (
            "the line looks like YAML: labels files and .jsonl files must be JSON Lines, "
            + _ONE_OBJECT_PER_LINE
        )
    else:
        return error
    return ParseError(f"{error.reason} ({hint})", error.location)


def _reads_as_yaml(line: str, column: int) -> bool:
    """Whether a line refused as JSON at ``column`` (1-based) is a YAML line: refused at its
    first character, which opens a list item, a ``key:`` pair, a comment or a document."""
    text = line.lstrip()
    return column == len(line) - len(text) + 1 and _YAML_LINE.match(text) is not None
