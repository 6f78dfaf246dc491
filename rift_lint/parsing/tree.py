"""Positioned data trees shared by the JSON and YAML readers.

A :class:`Node` mapping or list behaves like a plain ``dict`` or ``list`` (adapters read it as
ordinary data) and also remembers, for each key or index, the raw span of the value in the
source, so an adapter can ask for the exact origin of any string it turns into a criterion.
"""

from __future__ import annotations

from typing import Any

from rift_lint.location import Location
from rift_lint.parsing.errors import ParseError
from rift_lint.source import Encoding, SourceDocument, TextOrigin

MAX_DEPTH = 100
"""How deeply containers may nest in a rubric file. Readers refuse deeper data with a parse
error at the offending bracket: no rubric nests this deep, and the recursive readers (and the
code walking their trees) would otherwise exhaust Python's stack."""


class TreeContext:
    """What the spans of one tree are relative to: a document, or a string inside one.

    ``duplicate_keys`` collects an error for each key that repeats in one mapping while the
    tree is read (the later value is kept); the reader that made the context reports them.
    """

    __slots__ = ("document", "duplicate_keys", "encoding", "parent")

    def __init__(
        self, document: SourceDocument, encoding: Encoding, parent: TextOrigin | None = None
    ) -> None:
        self.document = document
        self.encoding = encoding
        self.parent = parent
        self.duplicate_keys: list[ParseError] = []

    def note_duplicate_key(self, key: Any, start: int, end: int, first: Location) -> None:
        """Record that the key at raw span ``[start, end)`` repeats one at ``first``."""
        where = f"line {first.line}, column {first.column}"
        self.duplicate_keys.append(
            ParseError(
                f"Key {key!r} repeats in this mapping: its value at {where} is lost (only "
                "the last value of a key is read)",
                self.location(start, end),
            )
        )

    def take_duplicate_keys(self) -> list[ParseError]:
        """The duplicate-key errors noted since the last call."""
        found, self.duplicate_keys = self.duplicate_keys, []
        return found

    def origin(
        self, start: int, end: int, value: str, encoding: Encoding | None = None
    ) -> TextOrigin:
        """The origin of a string value whose raw characters are ``[start, end)``, encoded as
        the tree's strings are unless ``encoding`` says otherwise."""
        encoding = encoding or self.encoding
        if self.parent is not None:
            return self.parent.child(start, end, value, encoding)
        return TextOrigin(self.document, start, end, value, encoding)

    def location(self, start: int, end: int) -> Location:
        """The document location of the raw span ``[start, end)``."""
        if self.parent is None:
            return self.document.span(start, end)
        first = self.parent.document_offset(start)
        last = self.parent.document_offset(max(end - 1, start)) + 1
        return self.document.span(first, last)


class Node:
    """Mixin for positioned containers: spans of the values and of the container itself."""

    __slots__ = ()
    spans: dict[Any, tuple[int, int, str]]  # raw start, end, and quote character ("" if none)
    context: TreeContext
    start: int
    end: int

    def origin(self, key: Any) -> TextOrigin | None:
        """The origin of a string value (``None`` when the value is not a string)."""
        value = self[key]  # type: ignore[index]
        if not isinstance(value, str):
            return None
        start, end, quote = self.spans[key]
        if not quote:
            return self.context.origin(start, end, value)
        escaped = quote == '"' and self.context.encoding is Encoding.APPROXIMATE  # YAML "..."
        return self.context.origin(start + 1, end - 1, value, Encoding.ESCAPED if escaped else None)

    def value_location(self, key: Any) -> Location:
        """The location of any value, string or not."""
        start, end, _ = self.spans[key]
        return self.context.location(start, end)

    def location(self) -> Location:
        """The location of the container's first character."""
        return self.context.location(self.start, self.start + 1)


class NodeDict(Node, dict):
    """A mapping with positions."""

    __slots__ = ("context", "end", "spans", "start")


class NodeList(Node, list):
    """A sequence with positions (``spans`` keyed by index)."""

    __slots__ = ("context", "end", "spans", "start")


def new_dict(context: TreeContext, start: int) -> NodeDict:
    """An empty positioned mapping starting at ``start``."""
    node = NodeDict()
    node.context, node.start, node.end, node.spans = context, start, start, {}
    return node


def new_list(context: TreeContext, start: int) -> NodeList:
    """An empty positioned list starting at ``start``."""
    node = NodeList()
    node.context, node.start, node.end, node.spans = context, start, start, {}
    return node
