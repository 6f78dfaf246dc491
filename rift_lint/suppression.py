"""Suppression comments in YAML, plain text (``#``) and Markdown (``<!-- -->``) rubric files.

Forms (codes may be codes, prefixes or kebab names; no brackets means every rule)::

    text: Be clear  # rift-lint: ignore[RL101] -- reason        (this line)
    # rift-lint: ignore[RL101] -- reason                        (the next content line)
    # rift-lint: ignore-next-line[RL101]                        (the next content line)
    # rift-lint: ignore-file[RL3] -- reason                     (the whole file)
    <!-- rift-lint: ignore[RL101] -- reason -->                 (Markdown, same rules)
    text: Be clear  # noqa: RL101                                (flake8's form; bare, every rule)

Whitespace between the directive and its brackets is allowed (``ignore [RL101]``). A comment
that starts ``rift-lint:`` but is not one of these forms (a misspelt directive, codes outside
brackets), and in Markdown a ``<!-- noqa -->`` (the ``# noqa`` alias is for ``#`` comments),
becomes a directive that suppresses nothing and carries an ``error`` for RL902.

A line directive suppresses a diagnostic when its target line is the diagnostic's line, any
line of the criterion's text, or the first line of the criterion's entry.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from rift_lint.comments import (
    COMMENT_STYLES,
    DIRECTIVE_KINDS,
    NOQA_CODES,
    RESERVED_KIND,
    is_comment_line,
)
from rift_lint.location import Location
from rift_lint.parsing.markdown import code_spans
from rift_lint.parsing.yamltree import scalar_spans
from rift_lint.selection import SelectorError, matches_any, normalise_selector
from rift_lint.source import SourceDocument


@dataclass
class Directive:
    """One suppression comment."""

    kind: str
    selectors: list[str]
    location: Location
    target_line: int | None
    reason: str | None = None
    invalid: list[str] = field(default_factory=list)
    used_selectors: set[str] = field(default_factory=set)
    used: bool = False
    error: str | None = None
    code_locations: dict[str, Location] = field(default_factory=dict)

    def covers(self, code: str) -> bool:
        """Whether the directive names ``code``; a directive naming no code at all covers all,
        a malformed one nothing."""
        if self.error is not None:
            return False
        if not self.selectors:
            return not self.invalid
        return matches_any(code, self.selectors)

    def mark_used(self, code: str) -> None:
        """Record that the directive suppressed a finding of ``code``, and by which selectors."""
        self.used = True
        self.used_selectors.update(s for s in self.selectors if matches_any(code, [s]))

    def unused_selectors(self) -> list[str]:
        """The selectors that suppressed nothing, in the order written."""
        return [s for s in self.selectors if s not in self.used_selectors]

    def selector_location(self, selector: str) -> Location:
        """Where ``selector`` is written in the comment; the whole directive when unknown."""
        return self.code_locations.get(selector, self.location)


def _is_comment_or_blank(line: str, fmt: str) -> bool:
    stripped = line.strip()
    return (
        not stripped
        or bool(COMMENT_STYLES[fmt].directive.match(stripped))
        or is_comment_line(stripped, fmt)
    )


def _next_content_line(document: SourceDocument, line: int, fmt: str) -> int:
    for number in range(line + 1, document.line_count + 1):
        if not _is_comment_or_blank(document.line_text(number), fmt):
            return number
    return line + 1


def _selectors(codes: Iterable[str]) -> tuple[list[str], list[str]]:
    """The normalised selectors among ``codes``, each once, and the codes that name no rule."""
    selectors: list[str] = []
    invalid: list[str] = []
    for code in filter(None, (part.strip() for part in codes)):
        try:
            selector = normalise_selector(code)
        except SelectorError:
            invalid.append(code)
            continue
        if selector not in selectors:
            selectors.append(selector)
    return selectors, invalid


def reserved_directive(
    codes: list[str], location: Location, error: str | None = None
) -> Directive | None:
    """The directive of a reserved ``rift_lint`` key listing ``codes`` at ``location``: it
    covers the findings of its own rubric or criterion, or, when the key is malformed
    (``error``), nothing. ``None`` when it lists no code and is well formed."""
    if error is not None:
        return Directive(RESERVED_KIND, [], location, None, error=error)
    if not codes:
        return None
    selectors, invalid = _selectors(codes)
    return Directive(RESERVED_KIND, selectors, location, None, None, invalid)


def _data_test(document: SourceDocument, fmt: str) -> Callable[[int], bool]:
    """Whether a character offset lies inside data rather than a comment: in YAML, inside a
    scalar (a ``# rift-lint:`` line of a block-scalar prompt suppresses nothing); in
    Markdown, inside fenced or inline code (a documented example of a directive)."""
    if fmt == "yaml":
        spans = scalar_spans(document)
    elif fmt == "markdown":
        spans = code_spans(document.text)
    else:
        return lambda offset: False
    starts = [start for start, _ in spans]

    def inside(offset: int) -> bool:
        index = bisect_right(starts, offset) - 1
        return index >= 0 and offset < spans[index][1]

    return inside


def _comment_location(document: SourceDocument, line_start: int, match: re.Match[str]) -> Location:
    """The location of a match in the text of the line that starts at ``line_start``."""
    return document.span(line_start + match.start(), line_start + match.end())


def _target_line(
    document: SourceDocument, number: int, kind: str, standalone: bool, fmt: str
) -> int | None:
    """The line a directive applies to; ``None`` for the whole file."""
    if kind == "ignore-file":
        return None
    if kind == "ignore-next-line" or standalone:
        return _next_content_line(document, number, fmt)
    return number


_NOQA_CODES = re.compile(rf"\s*+:\s*+(?P<codes>{NOQA_CODES})\s*+-->")
_LISTED_CODE = re.compile(r"[^,\s]+")  # one code of a comment's code list


def _for_noqa(mention: re.Match[str]) -> str:
    """The Markdown directive that does what the ``<!-- noqa ... -->`` comment ``mention``
    found means: ignore the codes it lists, or every rule when it lists none."""
    listed = _NOQA_CODES.match(mention.string, mention.end())
    if listed is None:
        return "<!-- rift-lint: ignore -->"
    codes = ", ".join(_LISTED_CODE.findall(listed["codes"]))
    return f"<!-- rift-lint: ignore[{codes}] -->"


def malformed_reason(mention: re.Match[str], fmt: str) -> str:
    """What is wrong with the ``rift-lint:`` comment that ``mention`` found in its line,
    which is not a well-formed directive, and the form it should take."""
    style = COMMENT_STYLES[fmt]
    word = mention.group("word")
    if mention.groupdict().get("noqa"):
        return (
            f"'{mention.group('noqa')}' is no suppression directive in a Markdown comment: "
            f"'# noqa' is an alias in '#' comments only; here write `{_for_noqa(mention)}`"
        )
    if word not in DIRECTIVE_KINDS:
        return (
            f"Unknown suppression directive {word!r}: use ignore, ignore-next-line or "
            f"ignore-file, as in `{style.example}`"
        )
    dashes = mention.groupdict().get("dashes")
    if dashes:
        return (
            f"Malformed suppression comment: it opens with '<!--{dashes}'; a directive opens "
            f"with '<!--', as in `{style.example}`"
        )
    if style.closer and style.closer not in mention.string[mention.end() :]:
        return (
            "Malformed suppression comment: it does not end on its line; a directive ends "
            f"with {style.closer!r} on the line it starts, as in `{style.example}`"
        )
    return (
        f"Malformed suppression comment: codes go in brackets after {word!r} and a reason "
        f"after ' -- ', as in `{style.example}`"
    )


def _malformed_directive(
    document: SourceDocument, number: int, line_start: int, mention: re.Match[str], fmt: str
) -> Directive:
    """The malformed directive of line ``number``, which mentions ``rift-lint:`` (at
    ``mention``) without being a well-formed directive."""
    location = _comment_location(document, line_start, mention)
    error = malformed_reason(mention, fmt)
    return Directive("malformed", [], location, number, error=error)


def _line_directive(
    document: SourceDocument, number: int, fmt: str, inside_data: Callable[[int], bool]
) -> Directive | None:
    """The directive on line ``number``, well formed or not; ``None`` when it has none."""
    style = COMMENT_STYLES[fmt]
    line = document.line_text(number)
    line_start = document.line_starts[number - 1]
    match = style.find_directive(line)
    if match is None:
        mention = style.mention.search(line)
        if mention is None or inside_data(line_start + mention.start()):
            return None
        return _malformed_directive(document, number, line_start, mention, fmt)
    if inside_data(line_start + match.start()):
        return None
    groups = match.groupdict()
    kind = groups.get("kind") or "ignore"
    standalone = not line[: match.start()].strip()
    target = _target_line(document, number, kind, standalone, fmt)
    location = _comment_location(document, line_start, match)
    if groups.get("codes") is not None and not groups["codes"].strip():
        error = (
            f"Malformed suppression comment: {kind}[] names no rule; name the codes in the "
            f"brackets, or drop them to ignore every rule, as in `{style.example}`"
        )
        return Directive("malformed", [], location, number, error=error)
    group = "codes" if groups.get("codes") else "noqa"
    raw = groups.get(group)
    codes, invalid = _code_list(document, line_start + match.start(group), raw) if raw else ({}, [])
    return Directive(
        kind, list(codes), location, target, groups.get("reason"), invalid, code_locations=codes
    )


def _code_list(
    document: SourceDocument, start: int, raw: str
) -> tuple[dict[str, Location], list[str]]:
    """A comment's code list (``raw``, from offset ``start`` of the document), read once: where
    each selector is written, by its normalised form and in order (the first place when one is
    written twice), and the codes that name no rule."""
    found: dict[str, Location] = {}
    invalid: list[str] = []
    for code in _LISTED_CODE.finditer(raw):
        selectors, unknown = _selectors([code.group()])
        invalid.extend(unknown)
        if selectors and selectors[0] not in found:
            found[selectors[0]] = document.span(start + code.start(), start + code.end())
    return found, invalid


_NOQA = re.compile("noqa", re.IGNORECASE)


def parse_directives(document: SourceDocument, fmt: str) -> list[Directive]:
    """All suppression directives of a document whose format has comments, including the
    malformed ones (which suppress nothing)."""
    if fmt not in COMMENT_STYLES or (
        "rift-lint" not in document.text and not _NOQA.search(document.text)
    ):
        return []
    inside_data = _data_test(document, fmt)
    found = (
        _line_directive(document, number, fmt, inside_data)
        for number in range(1, document.line_count + 1)
    )
    return [directive for directive in found if directive is not None]


class DirectiveIndex:
    """A document's directives found by the line they target: a finding is checked against the
    file-level ones and those of its own lines, not every comment of the file (which made a
    file of many commented criteria quadratic). The first in file order still wins."""

    def __init__(self, directives: list[Directive]) -> None:
        self.directives = directives
        self._whole_file: list[tuple[int, Directive]] = []
        self._by_line: dict[int, list[tuple[int, Directive]]] = {}
        for entry in enumerate(directives):
            line = entry[1].target_line
            bucket = self._whole_file if line is None else self._by_line.setdefault(line, [])
            bucket.append(entry)

    def find(self, code: str, lines: set[int]) -> Directive | None:
        """The first directive, in file order, that suppresses ``code`` on any of ``lines``
        (marking it used)."""
        entries = [*self._whole_file, *(e for line in lines for e in self._by_line.get(line, ()))]
        entries.sort(key=lambda entry: entry[0])
        return find_suppression([directive for _, directive in entries], code, lines)


def find_suppression(directives: list[Directive], code: str, lines: set[int]) -> Directive | None:
    """The first directive that suppresses ``code`` on any of ``lines`` (marking it used)."""
    for directive in directives:
        if directive.covers(code) and (
            directive.target_line is None or directive.target_line in lines
        ):
            directive.mark_used(code)
            return directive
    return None
