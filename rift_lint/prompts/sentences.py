"""Sentences of a prompt, found with regular expressions: a full stop, question or
exclamation mark ends a sentence when the next one opens with a capital or a digit (or with
anything, for casually typed text), and a full stop that ends an abbreviation ("Sharma et al.
(2020)", "e.g. Python") ends none.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from rift_lint.nlp.abbreviations import ends_with_abbreviation

_SENTENCE_END = re.compile(
    r"(?<=[.!?])[\"')\]\u201d\u2019]*\s+(?=[\"'(\[\u201c\u2018]?[A-Z0-9])|(?<=[.!?])\n"
)
_ANY_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]\u201d\u2019]*\s+")


def split_spans(
    text: str, start: int, end: int, pattern: re.Pattern[str]
) -> Iterator[tuple[int, int]]:
    """The non-empty stretches of ``text[start:end]`` between matches of ``pattern``."""
    position = start
    for match in pattern.finditer(text, start, end):
        if match.start() > position:
            yield position, match.start()
        position = match.end()
    if end > position:
        yield position, end


def sentence_spans(
    text: str, start: int = 0, end: int | None = None, *, any_case: bool = False
) -> Iterator[tuple[int, int]]:
    """The sentences of ``text[start:end]`` as character ranges; with ``any_case`` a sentence
    may open in lower case ("... sensitive scalp. how many packets ...")."""
    stop = len(text) if end is None else end
    pending: int | None = None
    pattern = _ANY_SENTENCE_END if any_case else _SENTENCE_END
    for s_start, s_end in split_spans(text, start, stop, pattern):
        if pending is None:
            pending = s_start
        if not ends_with_abbreviation(text[pending:s_end]):
            yield pending, s_end
            pending = None
    if pending is not None:
        yield pending, stop
