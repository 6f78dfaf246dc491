"""Source documents and the mapping from decoded strings back to exact file positions.

A criterion's text is usually not a verbatim slice of its file: JSON strings carry escapes,
YAML folds lines, AdvancedIF nests JSON inside JSON strings. A :class:`TextOrigin` remembers
where a decoded string came from and maps any index of the decoded string to a character
offset in the document, so a diagnostic about one word can underline exactly that word.
"""

from __future__ import annotations

from bisect import bisect_right
from enum import Enum

from rift_lint.location import Location

# U+FEFF at the start of a document's text: decoding takes a file's first byte order mark, so
# one left in the text is a second mark (or one that opens a joined JSON Lines line). Readers
# pass over it.
BYTE_ORDER_MARK = "\ufeff"


class SourceDocument:
    """The decoded text of one file (or stdin) plus a line index.

    ``undecodable`` maps the offset at which each line that did not decode starts to the
    offset of its first bad byte (only in a JSON Lines file, whose other lines are still read;
    such a line is in the text with U+FFFD in place of its bad bytes). Plain numbers, so a
    document crosses to and from worker processes.
    """

    __slots__ = ("_line_starts", "path", "text", "undecodable")

    def __init__(self, path: str, text: str, undecodable: dict[int, int] | None = None) -> None:
        self.path = path
        self.text = text
        self.undecodable = undecodable or {}
        self._line_starts: list[int] | None = None

    @property
    def line_starts(self) -> list[int]:
        """Character offset at which each line starts (built once, on demand)."""
        if self._line_starts is None:
            starts = [0]
            find = self.text.find
            pos = find("\n")
            while pos != -1:
                starts.append(pos + 1)
                pos = find("\n", pos + 1)
            self._line_starts = starts
        return self._line_starts

    @property
    def content_start(self) -> int:
        """Where the text's content starts: after a byte order mark that opens it (a second
        one: decoding took the first), which line readers pass over. Positions still count
        it: it is column 1 of line 1."""
        return 1 if self.text.startswith(BYTE_ORDER_MARK) else 0

    def position(self, offset: int) -> tuple[int, int]:
        """The 1-based (line, column) of a character offset."""
        offset = max(0, min(offset, len(self.text)))
        starts = self.line_starts
        index = bisect_right(starts, offset) - 1
        return index + 1, offset - starts[index] + 1

    def offset(self, line: int, column: int) -> int:
        """The character offset of a 1-based (line, column), the inverse of :meth:`position`:
        the line clamped to the document's, the column to its line's end."""
        line = max(1, min(line, self.line_count))
        return self.line_starts[line - 1] + min(column - 1, len(self.line_text(line)))

    def span(self, start: int, end: int) -> Location:
        """The location of ``text[start:end]`` (``end`` exclusive)."""
        line, column = self.position(start)
        end_line, end_column = self.position(max(end, start))
        return Location(
            path=self.path, line=line, column=column, end_line=end_line, end_column=end_column
        )

    def text_at(self, location: Location) -> str:
        """The text ``location`` covers, as the file writes it (empty for a zero-width span)."""
        start = self.offset(location.line, location.column)
        end = self.offset(location.end_line, location.end_column)
        return self.text[start:end]

    def line_text(self, line: int) -> str:
        """The text of a 1-based line, without its newline."""
        starts = self.line_starts
        if not 1 <= line <= len(starts):
            return ""
        start = starts[line - 1]
        end = starts[line] - 1 if line < len(starts) else len(self.text)
        return self.text[start:end]

    @property
    def line_count(self) -> int:
        """Number of lines in the document."""
        return len(self.line_starts)


class Encoding(Enum):
    """How the raw characters of a value encode its decoded string."""

    VERBATIM = "verbatim"
    JSON = "json"
    APPROXIMATE = "approximate"
    ESCAPED = "escaped"  # a YAML double-quoted scalar: backslash escapes and folded lines


class TextOrigin:
    """Maps indices of a decoded string to character offsets of a source document.

    ``start``/``end`` bound the raw characters of the value, either in the document itself or,
    for a string nested inside another string, in the parent's decoded text.
    """

    __slots__ = (
        "_map",
        "_mapped",
        "_plain",
        "decoded",
        "document",
        "encoding",
        "end",
        "parent",
        "shift",
        "start",
    )

    def __init__(
        self,
        document: SourceDocument,
        start: int,
        end: int,
        decoded: str,
        encoding: Encoding = Encoding.VERBATIM,
        parent: TextOrigin | None = None,
    ) -> None:
        self.document = document
        self.start = start
        self.end = end
        self.decoded = decoded
        self.encoding = encoding
        self.parent = parent
        self.shift = 0
        self._map: list[int] | None = None
        self._mapped: TextOrigin = self
        self._plain: bool | None = None

    @classmethod
    def without(
        cls,
        document: SourceDocument,
        start: int,
        end: int,
        *cuts: tuple[int, int] | tuple[int, int, str],
    ) -> TextOrigin:
        """The origin of ``document.text[start:end]`` without the characters of the spans
        ``cuts`` inside it, in order and apart (points taken out of a wrapped item's first
        line, the backslash of ``\\|`` in a table cell): each character maps to its own
        offset, those after a cut past it. A cut may give the text that takes its place
        (``<br>`` in a table cell reads as a line break), whose characters map to the
        cut's first offset."""
        text = document.text
        pieces: list[str] = []
        offsets: list[int] = []
        kept = start
        for cut_start, cut_end, *replacement in (*cuts, (end, end)):
            put = replacement[0] if replacement else ""
            pieces.append(text[kept:cut_start] + put)
            offsets.extend(range(kept - start, cut_start - start))
            offsets.extend([cut_start - start] * len(put))
            kept = cut_end
        origin = cls(document, start, end, "".join(pieces), Encoding.APPROXIMATE)
        origin._map = [*offsets, end - start]
        return origin

    def _raw(self) -> str:
        base = self.document.text if self.parent is None else self.parent.decoded
        return base[self.start : self.end]

    def _offsets(self) -> list[int]:
        if self._mapped is not self:
            return self._mapped._offsets()
        if self._map is None:
            raw = self._raw()
            if self.encoding is Encoding.JSON:
                self._map = json_offsets(raw)
            elif self.encoding is Encoding.ESCAPED:
                self._map = _escaped_offsets(raw, self.decoded)
            else:
                self._map = _aligned_offsets(raw, self.decoded)
        return self._map

    def _plain_json(self) -> bool:
        """Whether this JSON string has no escapes: decoded index i is then raw offset i, and
        no offset map is needed."""
        if self._plain is None:
            base = self.document.text if self.parent is None else self.parent.decoded
            self._plain = base.find("\\", self.start, self.end) == -1
        return self._plain

    def stripped(self) -> TextOrigin:
        """The same origin for ``decoded.strip()``: indices shift past leading whitespace."""
        text = self.decoded.strip()
        view = TextOrigin(self.document, self.start, self.end, text, self.encoding, self.parent)
        view.shift = self.shift + len(self.decoded) - len(self.decoded.lstrip())
        view._mapped = self._mapped
        return view

    def base_offset(self, index: int) -> int:
        """Offset of decoded character ``index`` in the parent text (or document)."""
        index += self.shift
        if self.encoding is Encoding.VERBATIM:
            return self.start + max(0, min(index, self.end - self.start - 1))
        if self.encoding is Encoding.JSON and self._mapped._plain_json():
            return self.start + max(0, min(index, self.end - self.start))
        offsets = self._offsets()
        return self.start + offsets[min(max(index, 0), len(offsets) - 1)]

    def document_offset(self, index: int) -> int:
        """Offset of decoded character ``index`` in the document."""
        offset = self.base_offset(index)
        return offset if self.parent is None else self.parent.document_offset(offset)

    def _end_in_base(self, index: int) -> int:
        """Offset in the parent text (or document) just past decoded character ``index``:
        past the whole escape it was written as (``\\"``, ``\\u00e9``), not inside it."""
        offset = self.base_offset(index)
        if self.encoding is Encoding.JSON and not self._mapped._plain_json():
            offsets = self._offsets()
            return self.start + offsets[min(max(index + self.shift, 0), len(offsets) - 2) + 1]
        if self.encoding is Encoding.ESCAPED:
            base = self.document.text if self.parent is None else self.parent.decoded
            if base.startswith("\\", offset):
                return offset + _escape_width(base, offset)
        return offset + 1

    def document_end(self, index: int) -> int:
        """Offset in the document just past decoded character ``index``."""
        end = self._end_in_base(index)
        return end if self.parent is None else self.parent.document_end(end - 1)

    def locate(self, start: int, end: int) -> Location:
        """The document location of ``decoded[start:end]``, whose last character ends past
        the escape it was written as."""
        first = self.document_offset(start)
        last = self.document_end(end - 1) if end > start else first
        return self.document.span(first, last)

    def location(self) -> Location:
        """The location of the whole value."""
        return self.locate(0, len(self.decoded))

    def child(self, start: int, end: int, decoded: str, encoding: Encoding) -> TextOrigin:
        """An origin for a string whose raw characters are ``self.decoded[start:end]``."""
        return TextOrigin(self.document, start, end, decoded, encoding, parent=self)


_SIMPLE_ESCAPE_WIDTH = 2
_UNICODE_ESCAPE_WIDTH = 6
# YAML's "\\xNN", "\\uNNNN" (as wide as JSON's) and "\\UNNNNNNNN"
_YAML_HEX_ESCAPE_WIDTHS = {"x": 4, "u": _UNICODE_ESCAPE_WIDTH, "U": 10}
_YAML_BLANKS = " \t"
_YAML_BREAKS = "\r\n\x85\u2028\u2029"  # what libyaml reads as a line break
_KEPT_BREAKS = "\u2028\u2029"  # folded to themselves, where the others fold to a space


def json_offsets(raw: str) -> list[int]:
    """For the body of a JSON string literal, the raw offset of each decoded character.

    Runs of plain characters map one to one and are copied as ranges; only escapes are
    stepped through.
    """
    size = len(raw)
    offsets: list[int] = []
    pos = 0
    while pos < size:
        escape = raw.find("\\", pos)
        if escape == -1:
            offsets.extend(range(pos, size))
            break
        offsets.extend(range(pos, escape + 1))
        pos = escape
        if raw.startswith("u", pos + 1):
            code = int(raw[pos + 2 : pos + 6] or "0", 16)
            pos += _UNICODE_ESCAPE_WIDTH
            is_high_surrogate = 0xD800 <= code <= 0xDBFF
            if is_high_surrogate and raw.startswith("\\u", pos):
                pos += _UNICODE_ESCAPE_WIDTH
        else:
            pos += _SIMPLE_ESCAPE_WIDTH
    offsets.append(size)
    return offsets


def _escape_width(raw: str, pos: int) -> int:
    """How many raw characters the YAML escape sequence at ``pos`` spans."""
    width = _YAML_HEX_ESCAPE_WIDTHS.get(raw[pos + 1 : pos + 2], _SIMPLE_ESCAPE_WIDTH)
    return min(width, len(raw) - pos)


def _past_break(raw: str, pos: int) -> int:
    """``pos`` (at a line break) moved past it: "\\r\\n" is one break."""
    return pos + (2 if raw.startswith("\r\n", pos) else 1)


def _blank_line_breaks(raw: str, pos: int, offsets: list[int]) -> int:
    """From ``pos``, just past a line break, past the blank lines that follow it: the offset
    of each of their breaks, which each decode to one line break, appended to ``offsets``;
    where the next line's content starts returned."""
    size = len(raw)
    while True:
        while pos < size and raw[pos] in _YAML_BLANKS:
            pos += 1
        if pos == size or raw[pos] not in _YAML_BREAKS:
            return pos
        offsets.append(pos)
        pos = _past_break(raw, pos)


def _folded_blanks(raw: str, pos: int, offsets: list[int]) -> int:
    """Past the run of blanks and line breaks of a YAML double-quoted scalar at ``pos``: the
    offset of each character it decodes to appended to ``offsets``, where the run ends
    returned. Blanks with no line break are kept; a line break and the blanks around it fold
    into one space (at ``pos``), or into the blank lines that follow it; U+2028 and U+2029
    are kept before those."""
    end = pos
    while end < len(raw) and raw[end] in _YAML_BLANKS:
        end += 1
    if end == len(raw) or raw[end] not in _YAML_BREAKS:
        offsets.extend(range(pos, end))
        return end
    folded = len(offsets)
    after = _blank_line_breaks(raw, _past_break(raw, end), offsets)
    if raw[end] in _KEPT_BREAKS:
        offsets.insert(folded, end)
    elif len(offsets) == folded:
        offsets.append(pos)
    return after


def _escaped_offsets(raw: str, decoded: str) -> list[int]:
    """For the body of a YAML double-quoted scalar, the raw offset of each decoded character,
    read the way YAML reads it: an escape ("\\n", "\\"", "\\u00e9") is one character; blanks
    and a line break fold into one space (or the line break U+2028 or U+2029 it was), and
    each blank line after it into a line break; an escaped line break decodes to nothing but
    the blank lines after it. Should that reading not give as many characters as ``decoded``
    holds, the characters are aligned as for other YAML scalars (:func:`_aligned_offsets`)."""
    offsets: list[int] = []
    pos = 0
    size = len(raw)
    while pos < size:
        if raw[pos] == "\\" and pos + 1 < size and raw[pos + 1] in _YAML_BREAKS:
            pos = _blank_line_breaks(raw, _past_break(raw, pos + 1), offsets)
        elif raw[pos] == "\\":
            offsets.append(pos)
            pos += _escape_width(raw, pos)
        elif raw[pos] in _YAML_BLANKS or raw[pos] in _YAML_BREAKS:
            pos = _folded_blanks(raw, pos, offsets)
        else:
            offsets.append(pos)
            pos += 1
    if len(offsets) != len(decoded):
        return _aligned_offsets(raw, decoded)
    offsets.append(size)
    return offsets


def _aligned_offsets(raw: str, decoded: str) -> list[int]:
    """Align a decoded string with the raw characters it came from.

    Used where decoding folds whitespace or removes quoting (YAML scalars, quoted CSV cells).
    Matching characters map one to one; decoded whitespace maps onto raw whitespace one for
    one, and the last of a run also swallows the raw indentation that follows it; decoded
    whitespace with no raw counterpart (folded lines) maps without consuming anything; quote
    and escape characters with no decoded counterpart are skipped.
    """
    offsets: list[int] = []
    pos = 0
    size = len(raw)
    last = len(decoded) - 1
    for index, char in enumerate(decoded):
        is_space = char.isspace()
        while pos < size and raw[pos] != char and raw[pos] in "\\\"'":
            pos += 1
        offsets.append(min(pos, size))
        if pos >= size:
            continue
        if not is_space:
            pos += 1
        elif raw[pos].isspace():
            pos += 1
            if index == last or not decoded[index + 1].isspace():
                while pos < size and raw[pos].isspace():
                    pos += 1
    offsets.append(min(pos, size))
    return offsets
