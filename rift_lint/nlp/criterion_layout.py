"""Where the parts of a criterion's text lie: a leading label, a trailing justification, and
the units (sentences, cut at line breaks) that evidence is read in."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from rift_lint.nlp.doccache import memo

if TYPE_CHECKING:
    from spacy.tokens import Doc

# Starts at a "(" or at the first of a run of spaces, so a long run is scanned once.
_JUSTIFICATION = re.compile(r"(?:\(|(?<![\s(]))\s*Justification\s*:.*", re.IGNORECASE | re.DOTALL)
# A leading label: any bold text ("**Organization and coherence**:"), or up to eight words in
# title case or snake case before a colon ("Factual Accuracy:", "Technical_Accuracy_And_Detail:");
# not a sentence that opens with a colon ("Opens with a greeting: ...").
# Words are read possessively: "_" is both a word character and a separator, and letting a
# word give back its underscores made a long snake-case chain with no colon exponential.
_LABEL_WORD = r"(?:[A-Z][\w'&/-]*+|and|or|of|the|to|in|for|&)"
_HEADER = re.compile(
    rf"^\s*(?:\*\*[^*\n]{{1,200}}\*\*\s*:?|{_LABEL_WORD}(?:[ _]{_LABEL_WORD}){{0,7}}\s*:)"
)
_UNITS_KEY = ("criterion layout", "units")  # doc memo key


def header_end(text: str) -> int:
    """Character offset where a leading label ("**Accuracy**:") ends, 0 without one: the one
    definition every rule uses for the title that names a criterion and is not part of it."""
    match = _HEADER.match(text)
    return match.end() if match else 0


def body_end(text: str) -> int:
    """Character offset where a trailing "(Justification: ...)" starts, or the text's end."""
    if text.isascii() and "justification" not in text.lower():
        return len(text)  # the pattern cannot match: skip trying it at every character
    match = _JUSTIFICATION.search(text)
    return match.start() if match else len(text)


def text_units(doc: Doc) -> list[tuple[int, int]]:
    """Character spans of the criterion's sentences, cut at line breaks: a list item or a
    table row is a unit of its own even without a full stop (computed once per doc)."""
    return memo(doc, _UNITS_KEY, lambda: _units(doc))


def _units(doc: Doc) -> list[tuple[int, int]]:
    units = []
    for sentence in doc.sents:
        begin = sentence.start_char
        for line in sentence.text.split("\n"):
            if line.strip():
                units.append((begin, begin + len(line)))
            begin += len(line) + 1
    return units or [(0, len(doc.text))]


def unit_at(units: list[tuple[int, int]], char: int) -> int:
    """Index of the unit that holds ``char`` (the last unit for a trailing space)."""
    for index, (start, end) in enumerate(units):
        if char < end:
            return index if char >= start else max(0, index - 1)
    return len(units) - 1
