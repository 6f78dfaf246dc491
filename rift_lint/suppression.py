"""Suppression comments in YAML, plain text (``#``) and Markdown (``<!-- -->``) rubric files.

Forms (codes may be codes, prefixes or kebab names; no brackets means every rule)::

    text: Be clear  # rift-lint: ignore[RL101] -- reason        (this line)
    # rift-lint: ignore[RL101] -- reason                        (the next content line)
    # rift-lint: ignore-next-line[RL101]                        (the next content line)
    # rift-lint: ignore-file[RL3] -- reason                     (the whole file)
    <!-- rift-lint: ignore[RL101] -- reason -->                 (Markdown, same rules)

A line directive suppresses a diagnostic when its target line is the diagnostic's line, the
first line of the criterion's text, or the first line of the criterion's entry.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from rift_lint.comments import COMMENT_STYLES, RESERVED_KIND
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
    used: bool = False

    def covers(self, code: str) -> bool:
        """Whether the directive names ``code``; a directive naming no code at all covers all."""
        if not self.selectors:
            return not self.invalid
        return matches_any(code, self.selectors)


def _is_comment_or_blank(line: str, pattern: re.Pattern[str]) -> bool:
    stripped = line.strip()
    return not stripped or bool(pattern.match(stripped)) or stripped.startswith("#")


def _next_content_line(document: SourceDocument, line: int, pattern: re.Pattern[str]) -> int:
    for number in range(line + 1, document.line_count + 1):
        if not _is_comment_or_blank(document.line_text(number), pattern):
            return number
    return line + 1


def _selectors(codes: Iterable[str]) -> tuple[list[str], list[str]]:
    """The normalised selectors among ``codes``, and the codes that name no rule."""
    selectors, invalid = [], []
    for code in filter(None, (part.strip() for part in codes)):
        try:
            selectors.append(normalise_selector(code))
        except SelectorError:
            invalid.append(code)
    return selectors, invalid


def reserved_directive(codes: list[str], location: Location) -> Directive | None:
    """The directive of a reserved ``rift_lint`` key listing ``codes`` at ``location``: it
    covers the findings of its own rubric or criterion. ``None`` when it lists no code."""
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


def parse_directives(document: SourceDocument, fmt: str) -> list[Directive]:
    """All suppression directives of a document whose format has comments."""
    pattern = COMMENT_STYLES.get(fmt)
    if pattern is None or ("rift-lint:" not in document.text and "noqa" not in document.text):
        return []
    directives = []
    inside_data = _data_test(document, fmt)
    for number in range(1, document.line_count + 1):
        line = document.line_text(number)
        match = pattern.search(line)
        if match is None or inside_data(document.line_starts[number - 1] + match.start()):
            continue
        groups = match.groupdict()
        kind = groups.get("kind") or "ignore"
        raw = groups.get("codes") or groups.get("noqa") or ""
        selectors, invalid = _selectors(re.split(r"[,\s]+", raw))
        standalone = not line[: match.start()].strip()
        if kind == "ignore-file":
            target = None
        elif kind == "ignore-next-line" or standalone:
            target = _next_content_line(document, number, pattern)
        else:
            target = number
        location = Location(
            path=document.path,
            line=number,
            column=match.start() + 1,
            end_line=number,
            end_column=match.end() + 1,
        )
        directives.append(
            Directive(kind, selectors, location, target, groups.get("reason"), invalid)
        )
    return directives


def find_suppression(directives: list[Directive], code: str, lines: set[int]) -> Directive | None:
    """The first directive that suppresses ``code`` on any of ``lines`` (marking it used)."""
    for directive in directives:
        if directive.covers(code) and (
            directive.target_line is None or directive.target_line in lines
        ):
            directive.used = True
            return directive
    return None
