"""A YAML reader that keeps the position of every value (libyaml when available)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Generator, Iterator
from itertools import islice
from typing import Any

import yaml

from rift_lint.location import Location
from rift_lint.parsing.errors import ParseError
from rift_lint.parsing.tree import MAX_DEPTH, NodeDict, NodeList, TreeContext, new_dict, new_list
from rift_lint.source import BYTE_ORDER_MARK, Encoding, SourceDocument

_LIBYAML = hasattr(yaml, "CSafeLoader")
_Loader = yaml.CSafeLoader if _LIBYAML else yaml.SafeLoader
_constructor = yaml.constructor.SafeConstructor()
_STRING_TAG = "tag:yaml.org,2002:str"
_BLOCK_BODY = re.compile(r"[^\n]*\n[ \t]*")
_DOCUMENT_START = re.compile(r"^---(?=[ \t\r\n]|$)", re.MULTILINE)
_BLANK = re.compile(r"[^\n]")  # what a resumed read blanks out, keeping every offset
_BRACKET = re.compile(r"[\[\]{}]")
_LIBYAML_SAFE_DEPTH = 1_000  # 10,000 levels were still read and refused; 30,000 crashed
# a node's anchor and tag (``&food``, ``!!str``), each followed by spaces, line breaks and
# comments: libyaml starts the node there, not where its content starts
_PROPERTIES = re.compile(r"(?:[&!][^\s,\[\]{}]*(?:\s+(?:#[^\n]*)?)*)*")
_CONTROL_NAMES = (
    "NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL", "BS", "HT", "LF", "VT", "FF", "CR",
    "SO", "SI", "DLE", "DC1", "DC2", "DC3", "DC4", "NAK", "SYN", "ETB", "CAN", "EM", "SUB", "ESC",
    "FS", "GS", "RS", "US",
)  # fmt: skip
# characters libyaml reads as line breaks, where an editor shows none
_INVISIBLE_BREAKS = {
    "\u2028": "line separator U+2028",
    "\u2029": "paragraph separator U+2029",
    "\x85": "next-line character U+0085",
}
_INVISIBLE_BREAK = re.compile("[\u2028\u2029\x85]")


def _scalar_value(node: yaml.ScalarNode) -> Any:
    """A scalar's value; its text when it cannot be built (``2024-02-30``, ``!!int five``, an
    integer of more digits than Python converts), as for an unknown tag."""
    if node.tag == _STRING_TAG:
        return node.value  # what the constructor returns for a string, without its overhead
    try:
        return _constructor.construct_object(node, deep=True)
    except (yaml.YAMLError, ValueError, TypeError, KeyError, AttributeError, OverflowError):
        return node.value
    finally:
        # the shared constructor remembers every node it built: forget it, or every scalar of
        # every file read stays alive (and in the garbage collector's way) for the whole run
        _constructor.constructed_objects.pop(node, None)


def _scalar_start(node: yaml.Node, text: str) -> int:
    """Where a scalar's text starts: after its anchor and tag, if it has any. A mapping or a
    list starts where it is written, anchor included (the line of ``- &entry``)."""
    start, end = node.start_mark.index, node.end_mark.index
    if not isinstance(node, yaml.ScalarNode):
        return start
    return min(_PROPERTIES.match(text, start).end(), end)


def _value_span(node: yaml.Node, text: str) -> tuple[int, int, str]:
    """The raw span of a node, and its quote character ("" unless a quoted scalar)."""
    start, end = _scalar_start(node, text), node.end_mark.index
    style = getattr(node, "style", None)
    if isinstance(node, yaml.ScalarNode) and style in ("|", ">"):
        body = _block_body(text, start)
        return start if body is None else body, end, ""
    quoted = isinstance(node, yaml.ScalarNode) and style in ("'", '"')
    return start, end, style if quoted else ""


def _convert(
    node: yaml.Node,
    context: TreeContext,
    seen: dict[int, Any],
    open_nodes: set[int],
    depth: int = 1,
) -> Any:
    """A node as positioned data; ``seen`` holds the lists and mappings built so far (which
    aliases name again), ``open_nodes`` those still being built."""
    if isinstance(node, yaml.ScalarNode):
        return _scalar_value(node)
    if id(node) in seen:
        return _finished(seen, open_nodes, node, context)
    if depth > MAX_DEPTH:
        start = node.start_mark.index
        location = context.document.span(start, start + 1)
        raise ParseError(f"Invalid YAML: nested deeper than {MAX_DEPTH} levels", location)
    text = context.document.text
    if isinstance(node, yaml.SequenceNode):
        sequence: NodeList = new_list(context, node.start_mark.index)
        seen[id(node)] = sequence
        open_nodes.add(id(node))
        for index, item in enumerate(node.value):
            sequence.spans[index] = _value_span(item, text)
            sequence.append(_convert(item, context, seen, open_nodes, depth + 1))
        sequence.end = node.end_mark.index
        open_nodes.discard(id(node))
        return sequence
    mapping: NodeDict = new_dict(context, node.start_mark.index)
    seen[id(node)] = mapping
    open_nodes.add(id(node))
    written: set[Any] = set()  # keys of the mapping itself, not merged in with "<<"
    for key_node, value_node in node.value:
        key = _convert(key_node, context, seen, open_nodes, depth + 1)
        if key == "<<" and isinstance(value_node, yaml.MappingNode):
            merged = _convert(value_node, context, seen, open_nodes, depth + 1)
            for merged_key, merged_value in merged.items():
                mapping.setdefault(merged_key, merged_value)
                mapping.spans.setdefault(merged_key, merged.spans[merged_key])
            continue
        if not isinstance(key, str | int | float | bool) and key is not None:
            key = str(key)
        if key in written:
            first = mapping.value_location(key)
            context.note_duplicate_key(
                key, _scalar_start(key_node, text), key_node.end_mark.index, first
            )
        written.add(key)
        mapping[key] = _convert(value_node, context, seen, open_nodes, depth + 1)
        mapping.spans[key] = _value_span(value_node, text)
    mapping.end = node.end_mark.index
    open_nodes.discard(id(node))
    return mapping


def _finished(
    seen: dict[int, Any], open_nodes: set[int], node: yaml.Node, context: TreeContext
) -> Any:
    """The value already built for a list or mapping that an alias names again; a
    :class:`ParseError` at its anchor when the alias is inside it, so the value would hold
    itself without end (which no reader of the data, nor JSON, can spell out)."""
    if id(node) in open_nodes:
        start = node.start_mark.index
        raise ParseError(
            "Invalid YAML: this anchored value holds an alias of itself, so it never ends",
            context.document.span(start, start + 1),
        )
    return seen[id(node)]


def read_yaml(document: SourceDocument, context: TreeContext | None = None) -> Iterator[Any]:
    """Yield each YAML document of the file as positioned data, and a :class:`ParseError` (at
    the line and column libyaml reports) for a document it cannot read.

    After an error, reading goes on at the next document start (``---``) at or after the
    error's line, so one broken document of a stream does not hide the others. A character
    YAML does not allow (a control character) breaks the document that holds it, at that
    character. Keys that repeat in a mapping are noted in ``context`` (see
    :class:`TreeContext`).
    """
    for data, _ in read_yaml_documents(document, context):
        yield data


def read_yaml_documents(
    document: SourceDocument, context: TreeContext | None = None
) -> Iterator[tuple[Any, Location]]:
    """What :func:`read_yaml` yields, each with the location where it starts: for a document
    that is one value (a text, a number), the only location it has. An empty document
    (``---`` and comments) is ``None``."""
    context = context or TreeContext(document, Encoding.APPROXIMATE)
    deep = _too_deep_for_libyaml(document.text)
    if deep is not None:
        error = ParseError(
            f"Invalid YAML: nested deeper than {MAX_DEPTH} levels", document.span(deep, deep + 1)
        )
        yield error, error.location
        return
    resume: int | None = 0
    while resume is not None:
        resume = yield from _read_from(document, context, resume)


def _too_deep_for_libyaml(text: str) -> int | None:
    """Where brackets nest deeper than :data:`MAX_DEPTH` (the offset of the first bracket too
    deep), when they nest so deep that libyaml's composer, which recurses in C, would overflow
    the stack and kill the process (30,000 levels did) before the depth check of
    :func:`_convert` could refuse the tree. Brackets in quotes and comments are counted too:
    no rubric nests anywhere near :data:`_LIBYAML_SAFE_DEPTH`."""
    if text.count("[") + text.count("{") < _LIBYAML_SAFE_DEPTH:
        return None
    depth = deepest = 0
    first_too_deep = None
    for bracket in _BRACKET.finditer(text):
        depth = depth + 1 if bracket.group() in "[{" else max(0, depth - 1)
        if depth > MAX_DEPTH and first_too_deep is None:
            first_too_deep = bracket.start()
        deepest = max(deepest, depth)
    return first_too_deep if deepest >= _LIBYAML_SAFE_DEPTH else None


def _read_from(
    document: SourceDocument, context: TreeContext, resume: int
) -> Generator[tuple[Any, Location], None, int | None]:
    """Yield the documents read from offset ``resume`` on, up to the first broken one (its
    error included); return where reading goes on after it, ``None`` when none is broken.

    libyaml refuses a character it does not allow before it yields the documents around it:
    the text is then read again up to the start of the document that holds the character.
    """
    text = document.text
    unreadable: int | None = None
    read = 0
    while True:
        stop = len(text) if unreadable is None else _document_start(text, unreadable, resume)
        fed = _from(text, resume, stop)
        try:
            for node in islice(yaml.compose_all(fed, Loader=_Loader), read, None):
                read += 1
                start = _scalar_start(node, text)
                yield _positioned(node, context), document.span(start, start + 1)
        except yaml.MarkedYAMLError as exc:
            error = _yaml_error(document, exc)
            yield error, error.location
            return _resume_after(document, exc, resume)
        except yaml.reader.ReaderError as exc:
            unreadable = _unreadable_offset(fed, stop, exc)
            continue
        if unreadable is None:
            return None
        error = _unreadable_error(document, unreadable)
        yield error, error.location
        return _after_character(document, unreadable)


def _yaml_error(document: SourceDocument, exc: yaml.MarkedYAMLError) -> ParseError:
    """The parse error of a YAML error, where the user must look.

    A scanner error with a context ("while scanning a quoted scalar"), and any error found at
    the end of the text (a bracket left open), sits at the start of that context (the unclosed
    quote or bracket), with the problem and where libyaml found it in the message; other
    errors sit where libyaml found the problem, with the context and where it starts in the
    message. Three slips get a hint: a tab in the indentation, a ``: `` in unquoted text, and
    unquoted text that starts with a bracket (sitting at the bracket). So does a character
    YAML reads as a line break where editors show none, before the problem. Lines and columns
    are counted from libyaml's offsets, as an editor counts them.
    """
    problem, context = exc.problem_mark, exc.context_mark
    at_end = problem is not None and not document.text[problem.index :].strip()
    scanning = isinstance(exc, yaml.scanner.ScannerError)
    opener = _bracketed_text(document, exc)
    if opener is not None and context is not None and problem is not None:
        mark = context
        kind = "list" if opener == "[" else "mapping"
        reason = (
            f"'{opener}' starts a {kind} that is never closed ({exc.problem} at "
            f"{_where(document, problem.index)}): close it, or put text that starts with "
            f"'{opener}' in quotes"
        )
    elif context is not None and problem is not None and context.index == problem.index:
        mark, reason = problem, f"{exc.problem} ({exc.context})"
    elif (scanning or at_end) and context is not None:
        mark = context
        found = f" ({_where(document, problem.index)})" if problem else ""
        reason = f"{exc.context} that starts here: {exc.problem}{found}"
    elif context is not None and problem is not None:
        mark = problem
        reason = f"{exc.problem} ({exc.context} that starts at {_where(document, context.index)})"
    else:
        mark = problem or context
        reason = " ".join(str(part) for part in (exc.context, exc.problem) if part)
    start = mark.index if mark else 0
    if document.text.startswith("\t", start) and str(exc.problem).startswith("found character"):
        reason = "a tab where YAML needs spaces: indent with spaces, never tabs"
    elif exc.problem == "mapping values are not allowed in this context":
        reason += " (a ': ' inside unquoted text starts a mapping: put the text in quotes)"
    reason += _line_break_hint(document, exc)
    return ParseError(f"Invalid YAML: {reason}", document.span(start, start + 1))


def _where(document: SourceDocument, offset: int) -> str:
    """``line N, column M`` of a character offset (a mark's ``index``: libyaml's own line
    count takes U+2028, U+2029 and U+0085 for line breaks, which no editor shows as such)."""
    line, column = document.position(offset)
    return f"line {line}, column {column}"


def _line_break_hint(document: SourceDocument, exc: yaml.MarkedYAMLError) -> str:
    """A hint naming the first character YAML reads as a line break that no editor shows
    (U+2028, U+2029, U+0085) between the start of the error's context line (or of its
    problem line) and the problem; ``""`` when there is none."""
    problem = exc.problem_mark
    if problem is None:
        return ""
    line = document.position((exc.context_mark or problem).index)[0]
    found = _INVISIBLE_BREAK.search(document.text, document.line_starts[line - 1], problem.index)
    if found is None:
        return ""
    name = _INVISIBLE_BREAKS[found.group()]
    return (
        f" (the invisible {name} at {_where(document, found.start())} is a line break to YAML: "
        "remove it, or put the text in quotes)"
    )


def _bracketed_text(document: SourceDocument, exc: yaml.MarkedYAMLError) -> str | None:
    """The bracket that opens a flow collection libyaml could not close, when words follow it
    on its line with no closing bracket and no trailing comma: unquoted text that starts with
    a bracket (``- text: [Names the route``), or a one-line list left open. ``None``
    otherwise (a bracket that ends its line opens a list written over several lines)."""
    problem, context = exc.problem_mark, exc.context_mark
    if (
        problem is None
        or context is None
        or document.position(problem.index)[0] <= document.position(context.index)[0]
        or exc.context not in ("while parsing a flow sequence", "while parsing a flow mapping")
    ):
        return None
    opener = document.text[context.index : context.index + 1]
    closer = {"[": "]", "{": "}"}.get(opener)
    if closer is None:
        return None
    rest = document.text[context.index + 1 :].split("\n", 1)[0].split(" #", 1)[0].rstrip()
    if not rest or closer in rest or rest.endswith((",", "[", "{")):
        return None
    return opener


def _positioned(node: yaml.Node, context: TreeContext) -> Any:
    """A document's positioned data, or the :class:`ParseError` of data nested too deeply or
    holding itself."""
    try:
        return _convert(node, context, {}, set())
    except ParseError as error:
        return error


def _resume_after(document: SourceDocument, exc: yaml.MarkedYAMLError, resume: int) -> int | None:
    """Where reading goes on after an error met reading from offset ``resume``: the next
    document start at or after the error's line; ``None`` when there is none."""
    mark = exc.problem_mark or exc.context_mark
    if mark is None:
        return None
    return _next_document(document, document.position(mark.index)[0], after=resume)


def _unreadable_offset(fed: str, stop: int, exc: yaml.reader.ReaderError) -> int:
    """The offset in the text of the character libyaml refused in ``fed``, the text up to
    ``stop`` as :func:`_from` gave it. libyaml counts the bytes of its UTF-8 input (the byte
    order mark it drops included); the pure-Python reader counts characters."""
    offset = exc.position
    if _LIBYAML:
        offset = len(fed.encode("utf-8")[:offset].decode("utf-8", errors="ignore"))
    return offset - (len(fed) - stop)


def _document_start(text: str, offset: int, resume: int) -> int:
    """The start of the document that holds ``offset``, reading from offset ``resume``: the
    last document start marker before it, or ``resume`` when there is none."""
    starts = [found.start() for found in _DOCUMENT_START.finditer(text, resume, offset + 1)]
    return starts[-1] if starts else resume


def _unreadable_error(document: SourceDocument, offset: int) -> ParseError:
    """The error of a character YAML does not allow, at that character, naming it."""
    character = document.text[offset]
    kind = "a control character" if unicodedata.category(character) == "Cc" else "a character"
    return ParseError(
        f"Invalid YAML: {kind} {_character_name(character)} that YAML does not allow (most "
        "editors do not show it): remove it",
        document.span(offset, offset + 1),
    )


def _character_name(character: str) -> str:
    """A character's code point, with the usual abbreviation of an ASCII control character
    (``U+001B (ESC)``)."""
    code = ord(character)
    name = _CONTROL_NAMES[code] if code < len(_CONTROL_NAMES) else "DEL" if code == 0x7F else ""
    return f"U+{code:04X} ({name})" if name else f"U+{code:04X}"


def _after_character(document: SourceDocument, offset: int) -> int | None:
    """Where reading goes on after the character at ``offset`` broke its document: the next
    document start; ``None`` when there is none."""
    return _next_document(document, document.position(offset)[0], after=offset)


def _next_document(document: SourceDocument, line: int, after: int) -> int | None:
    """Offset of the first document start marker from the start of ``line`` (1-based) on,
    beyond ``after``; ``None`` when there is none."""
    start = max(document.line_starts[min(line, len(document.line_starts)) - 1], after + 1)
    found = _DOCUMENT_START.search(document.text, start)
    return found.start() if found else None


def scalar_spans(document: SourceDocument) -> list[tuple[int, int]]:
    """The character spans of a YAML document's scalars, in order.

    A ``#`` inside one (a block scalar's line, a quoted string) is data, not a comment. A
    document that stops scanning keeps the spans read before the error, which the reader
    reports, and scanning goes on at the next document start, as :func:`read_yaml` reads on.
    """
    spans: list[tuple[int, int]] = []
    resume: int | None = 0
    while resume is not None:
        resume = _scan_from(document, resume, spans)
    return spans


def _scan_from(document: SourceDocument, resume: int, spans: list[tuple[int, int]]) -> int | None:
    """Add to ``spans`` those of the scalars from offset ``resume`` on, up to the first error;
    return where scanning goes on after it, ``None`` when there is none. A character libyaml
    refuses drops the spans of its document, as :func:`_read_from` drops the document."""
    text = document.text
    kept = len(spans)
    unreadable: int | None = None
    while True:
        stop = len(text) if unreadable is None else _document_start(text, unreadable, resume)
        fed = _from(text, resume, stop)
        del spans[kept:]
        try:
            for token in yaml.scan(fed, Loader=_Loader):
                if isinstance(token, yaml.ScalarToken):
                    spans.append((_content_start(text, token), token.end_mark.index))
        except yaml.MarkedYAMLError as exc:
            after = _resume_after(document, exc, resume)
            spans[:] = [span for span in spans if after is None or span[0] < after]
            return after
        except yaml.reader.ReaderError as exc:
            unreadable = _unreadable_offset(fed, stop, exc)
            continue
        return None if unreadable is None else _after_character(document, unreadable)


def _content_start(text: str, token: yaml.ScalarToken) -> int:
    """Where a scalar's content starts: for a block scalar (``|``, ``>``), on the line after
    its header, whose ``#`` after the indicator starts a comment."""
    start = token.start_mark.index
    if token.style not in ("|", ">"):
        return start
    body = _block_body(text, start)
    return len(text) if body is None else body


def _block_body(text: str, header: int) -> int | None:
    """Where the content of the block scalar whose header (``|``, ``>``, its indicators and a
    comment) starts at ``header`` starts: past the header's line and the indentation of the
    next; ``None`` when the header ends the text."""
    body = _BLOCK_BODY.match(text, header)
    return body.end() if body else None


def _from(text: str, resume: int, stop: int | None = None) -> str:
    """``text`` up to offset ``stop`` (the end by default), with everything before offset
    ``resume`` blanked out, keeping every offset.

    libyaml drops a byte order mark that opens its input without counting it in its offsets,
    and skips one at the start of a line counting it. A text that still opens with one (the
    file had two: decoding took the first) gets one more in front for libyaml to drop, so
    its offsets stay the text's.
    """
    text = text if stop is None else text[:stop]
    if resume:
        return _BLANK.sub(" ", text[:resume]) + text[resume:]
    return BYTE_ORDER_MARK + text if _LIBYAML and text.startswith(BYTE_ORDER_MARK) else text
