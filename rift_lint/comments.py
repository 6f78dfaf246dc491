"""The suppression comments of each format with comments: what they look like, where they end.

Kept apart from :mod:`rift_lint.suppression` (which resolves the codes they name) so that the
readers can recognise a comment without importing the rule registry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_CODE_WORD = r"(?:[\w,]|-(?!-))++"  # a word of a noqa code list: no "--", which starts a reason
NOQA_CODES = rf"{_CODE_WORD}(?: ++{_CODE_WORD})*?"
"""The code list after ``noqa:``: codes separated by commas or spaces."""
HASH_COMMENT = re.compile(
    r"#\s*+(?:rift-lint:\s*+(?P<kind>ignore-file|ignore-next-line|ignore)\b"
    r"(?:\s*+\[(?P<codes>[^\]#]*+)\])?"
    rf"|(?i:noqa)\b(?::\s*+(?P<noqa>{NOQA_CODES}))?)"
    r"\s*+(?:--\s*+(?P<reason>(?:.*\S)?))?\s*$"
)
HTML_COMMENT = re.compile(
    r"<!--\s*+rift-lint:\s*+(?P<kind>ignore-file|ignore-next-line|ignore)\b"
    r"(?:\s*+\[(?P<codes>[^\]<]*+)\])?\s*+(?:--\s*+(?P<reason>(?:.*?\S)??))?\s*+-->"
)
r"""The well-formed directives. Possessive quantifiers and word-by-word code lists keep the
time to match a line linear in its length: with overlapping ``\s*`` and ``[\w, ]+?``, a
comment ending in a long run of spaces took seconds to minutes to fail. A bracketed code list
stops at the next comment opener (``#``, ``<``), which no code contains: read to the line's
end, a line of many ``ignore[`` openers without a ``]`` was read once per opener."""
_HASH_MENTION = re.compile(r"#\s*rift-lint\s*:\s*(?P<word>[\w-]*)")
_HTML_MENTION = re.compile(
    r"<!--(?P<dashes>-*)\s*(?:rift-lint\s*:\s*(?P<word>[\w-]*)|(?P<noqa>(?i:noqa))\b)"
)
"""A comment that starts like a directive: ``rift-lint:``, or in Markdown ``noqa``, the
``#``-comment alias, which is no directive in an HTML comment (reported, not ignored)."""
DIRECTIVE_KINDS = ("ignore", "ignore-next-line", "ignore-file")
HASH_NUMBER = re.compile(r"#\d{1,9}[.):]?[ \t]+(?=\S)")
"""A plain-text item number such as ``#2 `` or ``#2.``: the line is an item, not a comment."""


@dataclass(frozen=True)
class CommentStyle:
    """One comment syntax: its well-formed ``directive`` pattern, the ``mention`` pattern of
    any comment that starts like a directive (one that is not well formed is reported as
    malformed, RL902, rather than silently ignored), an ``example`` of the right form, and the
    ``closer`` that ends every comment of the syntax, if any."""

    directive: re.Pattern[str]
    mention: re.Pattern[str]
    example: str
    closer: str = ""

    def find_directive(self, line: str) -> re.Match[str] | None:
        """The first well-formed directive of ``line``. With a ``closer``, only the text up
        to the line's last closer is searched, for every directive ends with one: openers
        after it, and reasons read towards it, are not rescanned to the line's end (a line
        of many unclosed ``<!-- rift-lint: ignore -- a`` took seconds to refuse)."""
        if not self.closer:
            return self.directive.search(line)
        last = line.rfind(self.closer)
        return None if last < 0 else self.directive.search(line, 0, last + len(self.closer))


_HASH_STYLE = CommentStyle(HASH_COMMENT, _HASH_MENTION, "# rift-lint: ignore[RL101] -- reason")
_HTML_STYLE = CommentStyle(
    HTML_COMMENT, _HTML_MENTION, "<!-- rift-lint: ignore[RL101] -- reason -->", closer="-->"
)
COMMENT_STYLES = {"yaml": _HASH_STYLE, "text": _HASH_STYLE, "markdown": _HTML_STYLE}
RESERVED_KIND = "rift_lint key"
"""The kind of a directive read from the reserved ``rift_lint`` key of a JSON, JSONL or CSV
rubric or criterion, the comment of formats without comments."""


def is_comment_line(stripped: str, fmt: str) -> bool:
    """Whether a line (without surrounding whitespace) of a ``fmt`` file is a ``#`` comment
    line. In plain text a line that opens with an item number (``#2 Names the dose``) is an
    item."""
    return stripped.startswith("#") and not (fmt == "text" and HASH_NUMBER.match(stripped))


def trailing_directive_start(line: str) -> int | None:
    """Where a ``#`` suppression comment ending ``line`` after other content starts, if one
    does.

    The plain-text reader, whose comments are not part of any syntax, cuts the line there, so
    the comment never becomes part of a criterion's text.
    """
    match = HASH_COMMENT.search(line)
    if match is None or not line[: match.start()].strip() or line[match.end() :].strip():
        return None
    return len(line[: match.start()].rstrip())
