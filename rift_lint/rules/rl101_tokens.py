"""RL101's view of a criterion text: token attributes as plain lists, which both its evaluative
terms (:mod:`rift_lint.rules.rl101_terms`) and its anchors (:mod:`rift_lint.rules.rl101_anchors`)
read.
"""

from __future__ import annotations

import re
from operator import add
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc

WordMatch = tuple[int, int, str]
"""A match of one of RL101's word lists: start token, end token and the term it matched."""

_DIGIT = re.compile(r"\d")


class Tokens:
    """Token attributes of one doc as plain lists, read with one ``Doc.to_array`` call.

    Rules iterate over these lists instead of the doc: spaCy builds a new Token object on
    every access, which dominates the cost of a criterion.
    """

    __slots__ = (
        "content",
        "idx",
        "like_num",
        "lower",
        "number",
        "segment",
        "sent_start",
        "space",
        "text",
    )

    def __init__(self, doc: Doc, source: str) -> None:
        """Read ``doc``, whose text is ``source`` (``doc.text`` would build every token)."""
        from spacy.attrs import IDX, IS_ALPHA, IS_STOP, LENGTH, LIKE_NUM, SENT_START

        array = doc.to_array([IDX, LENGTH, IS_ALPHA, IS_STOP, LIKE_NUM, SENT_START])
        idx, length, alpha, stop, like_num, sent_start = array.T.tolist()
        ends = list(map(add, idx, length))
        self.idx: list[int] = idx
        self.text: list[str] = list(map(source.__getitem__, map(slice, idx, ends)))
        self.lower: list[str] = [text.lower() for text in self.text]
        # alphabetic, not a stop word, longer than one letter
        self.content: list[bool] = [
            bool(a) and not s and n > 1 for a, s, n in zip(alpha, stop, length, strict=True)
        ]
        self.like_num: list[bool] = list(map(bool, like_num))
        # like a number, or containing a digit (no token has one when the text has none)
        self.number: list[bool] = self.like_num[:]
        if _DIGIT.search(source):
            for i, text in enumerate(self.text):
                self.number[i] = self.number[i] or _DIGIT.search(text) is not None
        self.sent_start: list[bool] = [start == 1 for start in sent_start]
        starts = [*idx[1:], len(source)]
        self.space: list[str] = list(map(source.__getitem__, map(slice, ends, starts)))
        self.segment: list[int] = []  # sentence number, split again at semicolons
        segment = 0
        for i, text in enumerate(self.text):
            if i and self.sent_start[i]:
                segment += 1
            self.segment.append(segment)
            if text == ";":
                segment += 1

    def __len__(self) -> int:
        """The number of tokens."""
        return len(self.text)

    def end_char(self, i: int) -> int:
        """Character offset just past token ``i``."""
        return self.idx[i] + len(self.text[i])
