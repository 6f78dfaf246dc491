"""A JSON reader that keeps the position of every value.

The standard library decodes JSON fast but forgets where values were. This reader walks the
text with the same grammar, uses the C string scanner for string bodies, and records the raw
span of each value, so criteria read from JSON can point at their exact line and column.
"""

from __future__ import annotations

import json
import re
from json.decoder import scanstring
from typing import Any

from rift_lint.location import Location
from rift_lint.parsing.errors import ParseError
from rift_lint.parsing.tree import MAX_DEPTH, NodeDict, NodeList, TreeContext, new_dict, new_list
from rift_lint.source import BYTE_ORDER_MARK, json_offsets

_WHITESPACE = re.compile(r"[ \t\n\r]*")
_NUMBER = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?")
_CONSTANTS = {"true": True, "false": False, "null": None, "NaN": float("nan")}
_CONSTANTS.update({"Infinity": float("inf"), "-Infinity": float("-inf")})
_SURROGATE = re.compile("[\ud800-\udfff]")
_ESCAPE_WIDTH = len("\\u0000")


class UnclosedBracket(ParseError):
    """The text ends while a ``[`` or ``{`` is open; the error sits at that bracket."""

    def __init__(self, reason: str, location: Location, opener: str) -> None:
        super().__init__(reason, location)
        self.opener = opener


class _Reader:
    """Recursive-descent JSON reader over one string (the whole of a file, or a string in one,
    as ``whole`` names it)."""

    def __init__(self, text: str, context: TreeContext, base: int, whole: str) -> None:
        self.text = text
        self.context = context
        self.base = base
        self.whole = whole
        self.openers: list[int] = []  # where the containers open around the value being read

    def error(self, message: str, pos: int) -> ParseError:
        location = self.context.location(self.base + pos, self.base + pos + 1)
        return ParseError(message, location)

    def _lone_surrogate(self, at: int) -> ParseError:
        """The error of a ``\\uXXXX`` escape at ``at`` that is half of a UTF-16 surrogate pair
        without its other half: it decodes to no character, which no rule or output can use."""
        escape = self.text[at : at + _ESCAPE_WIDTH]
        location = self.context.location(self.base + at, self.base + at + _ESCAPE_WIDTH)
        return ParseError(
            f"Invalid JSON string: {escape} is half of a UTF-16 surrogate pair without its "
            "other half, so it is no character (write the character itself, or both halves)",
            location,
        )

    def unclosed(self) -> UnclosedBracket:
        """The error of the innermost bracket still open where the text ends, at the bracket."""
        at = self.openers[-1]
        opener = self.text[at]
        end = self.context.location(self.base + len(self.text), self.base + len(self.text))
        return UnclosedBracket(
            f"Invalid JSON: '{opener}' is never closed (the {self.whole} ends at line "
            f"{end.line}, column {end.column})",
            self.context.location(self.base + at, self.base + at + 1),
            opener,
        )

    def unexpected(self, message: str, pos: int) -> ParseError:
        """The error for what stands at ``pos`` where ``message`` says what was expected; a
        comment (``//``, ``/*``), which JSON has not, is named as one, and the end of the
        text inside a bracket is that bracket left open."""
        if self.openers and self.skip(pos) == len(self.text):
            return self.unclosed()
        if self.text.startswith(("//", "/*"), pos):
            message = (
                "Invalid JSON: comments are not allowed in JSON (remove it, or write the rubric "
                "in YAML, whose comments start with #)"
            )
        return self.error(message, pos)

    def after_comma(self, comma: int, closer: str) -> int:
        """Where the next item starts after the comma at ``comma``; a ``closer`` there (a
        trailing comma, which JSON does not allow) is an error at the comma."""
        pos = self.skip(comma + 1)
        if self.text.startswith(closer, pos):
            raise self.error(
                f"Invalid JSON: trailing comma before '{closer}' (JSON allows none)", comma
            )
        return pos

    def skip(self, pos: int) -> int:
        text = self.text
        if pos < len(text) and text[pos] > " ":
            return pos  # JSON whitespace characters all sort at or before the space
        return _WHITESPACE.match(text, pos).end()  # type: ignore[union-attr]

    def value(self, pos: int) -> tuple[Any, int, bool]:
        """Read a value at ``pos``; returns (value, end, is_string)."""
        text = self.text
        if pos >= len(text):
            raise self.unexpected("Unexpected end of JSON input: expected a value", pos)
        char = text[pos]
        if char == '"':
            try:
                string, end = scanstring(text, pos + 1, True)
            except json.JSONDecodeError as exc:
                reason, at = _string_problem(text, pos, exc)
                raise self.error(f"Invalid JSON string: {reason}", at) from None
            if text.find("\\u", pos, end) != -1 and (lone := _SURROGATE.search(string)):
                at = pos + 1 + json_offsets(text[pos + 1 : end - 1])[lone.start()]
                raise self._lone_surrogate(at)
            return string, end, True
        if char in "{[":
            self.openers.append(pos)
            if len(self.openers) > MAX_DEPTH:
                raise self.error(f"Invalid JSON: nested deeper than {MAX_DEPTH} levels", pos)
            node, end = self.mapping(pos) if char == "{" else self.sequence(pos)
            self.openers.pop()
            return node, end, False
        match = _NUMBER.match(text, pos)
        if match and match.end() > pos:
            literal = match.group()
            return _number(literal), match.end(), False
        for word, constant in _CONSTANTS.items():
            if text.startswith(word, pos):
                return constant, pos + len(word), False
        if char == "'":
            raise self.error("Invalid JSON: strings are written in double quotes, not single", pos)
        raise self.unexpected(f"Invalid JSON: unexpected character {char!r}", pos)

    def mapping(self, start: int) -> tuple[NodeDict, int]:
        node = new_dict(self.context, self.base + start)
        text = self.text
        pos = self.skip(start + 1)
        if text.startswith("}", pos):
            node.end = self.base + pos + 1
            return node, pos + 1
        while True:
            if text.startswith("'", pos):
                raise self.error(
                    "Invalid JSON: property names are written in double quotes, not single", pos
                )
            if not text.startswith('"', pos):
                raise self.unexpected(
                    "Invalid JSON: expected a property name in double quotes", pos
                )
            key_start = pos
            key, pos = self.value(pos)[:2]
            if key in node:
                first = node.value_location(key)
                self.context.note_duplicate_key(key, self.base + key_start, self.base + pos, first)
            pos = self.skip(pos)
            if not text.startswith(":", pos):
                raise self.unexpected("Invalid JSON: expected ':' after a property name", pos)
            pos = self.skip(pos + 1)
            value_start = pos
            value, pos, is_string = self.value(pos)
            node[key] = value
            node.spans[key] = (self.base + value_start, self.base + pos, _quote(is_string))
            pos = self.skip(pos)
            if text.startswith(",", pos):
                pos = self.after_comma(pos, "}")
                continue
            if text.startswith("}", pos):
                node.end = self.base + pos + 1
                return node, pos + 1
            raise self.unexpected("Invalid JSON: expected ',' or '}' after a property value", pos)

    def sequence(self, start: int) -> tuple[NodeList, int]:
        node = new_list(self.context, self.base + start)
        text = self.text
        pos = self.skip(start + 1)
        if text.startswith("]", pos):
            node.end = self.base + pos + 1
            return node, pos + 1
        while True:
            value_start = pos
            value, pos, is_string = self.value(pos)
            node.spans[len(node)] = (self.base + value_start, self.base + pos, _quote(is_string))
            node.append(value)
            pos = self.skip(pos)
            if text.startswith(",", pos):
                pos = self.after_comma(pos, "]")
                continue
            if text.startswith("]", pos):
                node.end = self.base + pos + 1
                return node, pos + 1
            raise self.unexpected("Invalid JSON: expected ',' or ']' after an array element", pos)


def read_json(text: str, context: TreeContext, base: int = 0, whole: str = "file") -> Any:
    """Read one JSON value filling all of ``text``; spans are offset by ``base``.

    A byte order mark before the value is passed over, as RFC 8259 lets a reader do: one is
    left on a line of a JSON Lines file joined from files that had one, and in a JSON file
    that had two (decoding takes the first). Raises :class:`ParseError` at the failing
    position; when the text ends inside a bracket, :class:`UnclosedBracket` at the innermost
    one, naming where the ``whole`` text ("file", or "string" for JSON in a string) ends.
    """
    reader = _Reader(text, context, base, whole)
    pos = reader.skip(1 if text.startswith(BYTE_ORDER_MARK) else 0)
    value, pos, _ = reader.value(pos)
    pos = reader.skip(pos)
    if pos != len(text):
        raise reader.unexpected("Invalid JSON: extra data after the top-level value", pos)
    return value


def _string_problem(text: str, start: int, exc: json.JSONDecodeError) -> tuple[str, int]:
    """A complete reason for a string the C scanner refused, and where to report it.

    The scanner's own messages end in "at" (the position is meant to follow); a line break
    inside the string means its closing quote is missing, reported at the opening quote.
    """
    char = text[exc.pos] if exc.pos < len(text) else ""
    if exc.msg.startswith("Invalid control character"):
        if char == "\n":
            return "the string is not closed on its line (write a line break as \\n)", start
        return (
            f"control character U+{ord(char):04X} must be escaped (as \\u{ord(char):04x})",
            exc.pos,
        )
    if exc.msg.startswith("Unterminated string"):
        return "the string is not closed", start
    if exc.msg.startswith("Invalid \\uXXXX escape"):
        return "a \\u escape needs four hexadecimal digits", text.rfind("\\", start, exc.pos + 1)
    if exc.msg.startswith("Invalid \\escape"):
        escape = text[exc.pos : exc.pos + 2]
        return f"invalid escape {escape} (a backslash is written \\\\)", exc.pos
    return exc.msg.removesuffix(" at"), exc.pos


def _quote(is_string: bool) -> str:
    """The quote character of a value's raw span ("" when it is not a string)."""
    return '"' if is_string else ""


def _number(literal: str) -> int | float:
    """A JSON number: an ``int`` when written without a fraction or exponent, unless it has
    more digits than Python converts to one (it is then the float it rounds to, infinity)."""
    if any(c in literal for c in ".eE"):
        return float(literal)
    try:
        return int(literal)
    except ValueError:
        return float(literal)
