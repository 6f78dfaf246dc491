"""The words of a criterion that coordination can join, as plain tuples.

A criterion's title ("**Clarity**:"), bracketed asides (full-width ones too), quoted text
(and titles in CJK marks, 《...》) and markdown markup are not parts of what it requires,
so they are left out; the remaining tokens are copied out of spaCy once (attribute columns,
decoded strings) because rules that walk them position by position would otherwise build a
new Token object on every access. ``Words`` also knows where clauses break and which "and"
joins two items.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from itertools import repeat
from typing import TYPE_CHECKING, NamedTuple

from rift_lint.nlp.criterion_layout import header_end
from rift_lint.nlp.quotes import quoted_ranges
from rift_lint.nlp.tokens import HYPHENS, glued_full_stop

if TYPE_CHECKING:
    from spacy.strings import StringStore
    from spacy.tokens import Doc

_IDX, _SPACE, _SENT = 3, 8, 9  # columns of _ATTRS
_MARKUP_CHARS = frozenset("*_#-")
_ATTRS = [
    "ORTH", "LOWER", "LEMMA", "IDX", "IS_ALPHA", "LIKE_NUM", "IS_PUNCT", "IS_STOP", "IS_SPACE",
    "SENT_START",
]  # fmt: skip
_BRACKETS = {"(": ")", "[": "]", "{": "}", "\uff08": "\uff09"}  # and full-width ones
_BRACKET_CHARS = re.compile("[" + re.escape("".join(_BRACKETS) + "".join(_BRACKETS.values())) + "]")
_MARKUP = frozenset({"*", "**", "_", "#", "-"})

# Where a clause breaks: sentence punctuation (CJK full stops and colons too), or a word that
# opens a subordinate clause.
BREAKS = frozenset(
    {".", ";", ":", "?", "!", "\n", "\u3002", "\uff1b", "\uff1a", "\uff1f", "\uff01"}
)
_INTRODUCING_COLONS = frozenset({":", "\uff1a"})
CLAUSE_WORDS = frozenset(
    {
        "while", "whereas", "which", "who", "whom", "whose", "when", "where", "so", "thus",
        "because", "but", "although", "though", "unless", "if", "rather", "then", "whether",
        "since",
    }
)  # fmt: skip

# ", as they often overlap and ...": "as" after a comma and before a subject opens a clause of
# reason or time, whose lists explain the requirement rather than add to it.
_SUBJECTS = frozenset(
    {"they", "it", "he", "she", "we", "you", "i", "this", "these", "those", "there"}
)
_REASON_AS = re.compile(rf",\s*as\s+(?:{'|'.join(sorted(_SUBJECTS))})\b", re.IGNORECASE)
SKIPPED_ADVERBS = frozenset({"also", "then", "additionally", "further", "furthermore", "still"})
ALTERNATIVES = frozenset({"or", "nor"})
_JOIN_HEADS = frozenset({"and", "as"})  # first words of "and", "as well as"
MAX_LAST_ITEM = 10


class Tok(NamedTuple):
    """The attributes of one spaCy token that the rules read, copied into plain Python once
    (spaCy builds a new Token object on every access, which is what made RL102 slow)."""

    i: int
    idx: int
    text: str
    lower_: str
    lemma_: str
    is_alpha: int
    like_num: int
    is_punct: int
    is_stop: int


class Words:
    """The active tokens of a criterion (outside titles, brackets, quotes and markup)."""

    def __init__(
        self,
        doc: Doc,
        text: str,
        example_starts: set[int],
        pairs: set[int],
        checklists: frozenset[int] | set[int] = frozenset(),
    ) -> None:
        self.text = text
        self.strings = doc.vocab.strings
        self.array = array = doc.to_array(_ATTRS)
        columns = array.T.tolist()
        active = _active_rows(columns, text, self.strings)
        picked = [list(map(column.__getitem__, active)) for column in columns[:8]]
        self.tokens = self._build(active, picked if active else None)
        self._made: dict[int, Tok] | None = None
        # doc indices where a sentence starts
        self.starts = {0, *(i for i, start in enumerate(columns[_SENT]) if start == 1)}
        self._widths = [-1] * len(self.tokens)
        self._joins: list[int] | None = None
        self._segment_starts: list[int] | None = None
        self._clause_starts: list[int] | None = None
        self._last_positions: dict[frozenset[str], list[int]] = {}
        self.example_starts = example_starts
        self.checklists = checklists  # "including" that opens a list of required items
        self.pairs = pairs
        self.reason_as = self._reason_as() if _REASON_AS.search(text) else frozenset()
        self.in_example = self._example_scope()

    def _build(self, indices: list[int], columns: list[list[int]] | None) -> list[Tok]:
        """Tokens for doc ``indices`` from their attribute columns, built in C-level loops."""
        if not columns:
            return []
        lookup = _decoded(self.strings).__getitem__
        # every pipeline of rift_lint sets a lemma on every token, so LEMMA is never 0 here
        texts, lowers, lemmas = (list(map(lookup, column)) for column in columns[:3])
        rows = zip(indices, columns[3], texts, lowers, lemmas, *columns[4:8], strict=True)
        return list(map(tuple.__new__, repeat(Tok), rows))  # Tok._make without its frame

    def __len__(self) -> int:
        return len(self.tokens)

    def _reason_as(self) -> frozenset[int]:
        """Positions of an "as" that opens a clause of reason or time (", as they ...")."""
        tokens = self.tokens
        return frozenset(
            p
            for p in range(1, len(tokens) - 1)
            if tokens[p].lower_ == "as"
            and tokens[p - 1].text == ","
            and tokens[p + 1].lower_ in _SUBJECTS
        )

    def breaks(self, p: int) -> bool:
        """Whether the token at position ``p`` ends a clause: a sentence break, a clause word,
        or an "as" that opens a clause of reason."""
        return _breaks(self.tokens[p]) or p in self.reason_as

    def at(self, i: int) -> Tok:
        """The token at doc index ``i``, active or not (built on first use)."""
        if self._made is None:
            self._made = {token.i: token for token in self.tokens}
        token = self._made.get(i)
        if token is None:
            columns = [[value] for value in self.array[i].tolist()]
            token = self._made[i] = self._build([i], columns)[0]
        return token

    def size(self) -> int:
        """Tokens in the whole doc, active or not."""
        return len(self.array)

    def in_compound(self, i: int) -> bool:
        """Whether the word at doc index ``i`` is part of a hyphenated compound
        ("over-the-counter")."""
        return (i > 0 and self.at(i - 1).text in HYPHENS) or (
            i + 1 < self.size() and self.at(i + 1).text in HYPHENS
        )

    def _example_scope(self) -> list[bool]:
        """Whether each active token lies in an example list: from a marker to the next
        break or sentence start. A colon before the list's first comma introduces the list
        ("one of the categories: A, B and C") and does not end it, except after "including",
        whose list after a colon reads as a checklist ("List the risks, including: A, B and
        C")."""
        scope = [False] * len(self.tokens)
        if not self.example_starts:
            return scope
        inside = introducing = False
        for position, token in enumerate(self.tokens):
            if token.i in self.example_starts:
                inside = True
                introducing = token.lower_ != "including"
            elif token.text in _INTRODUCING_COLONS and inside and introducing:
                introducing = False
            elif token.text in BREAKS or token.i in self.starts:
                inside = False
            elif token.text == ",":
                introducing = False
            scope[position] = inside
        return scope

    def joins(self) -> list[int]:
        """Positions of joining conjunctions ("and", "as well as"), after the first word."""
        if self._joins is None:
            tokens = self.tokens
            self._joins = [
                k
                for k in range(1, len(tokens))
                if tokens[k].lower_ in _JOIN_HEADS and self.conjunction(k)
            ]
        return self._joins

    def conjunction(self, k: int) -> int:
        """Tokens taken by a joining conjunction at ``k`` ("and", "as well as"), else 0."""
        width = self._widths[k]
        if width < 0:
            width = self._widths[k] = self._conjunction(k)
        return width

    def _conjunction(self, k: int) -> int:
        tokens = self.tokens
        lower = tokens[k].lower_
        nxt = tokens[k + 1].lower_ if k + 1 < len(tokens) else ""
        if lower == "and":
            token = tokens[k]
            if nxt in {"/", "or"} or token.i in self.pairs:
                return 0
            if self.in_compound(token.i):
                return 0  # "black-and-white"
            if 0 < k < len(tokens) - 1 and adverb(tokens[k - 1]) and adverb(tokens[k + 1]):
                return 0  # "thoroughly and creatively respond": one manner
            if _reduplication(tokens, k - 3) and _reduplication(tokens, k + 1):
                return 0  # "word by word and paragraph by paragraph": one manner
            return 1
        if lower == "as" and nxt == "well" and k + 2 < len(tokens) and tokens[k + 2].lower_ == "as":
            return 3
        return 0

    def segment_start(self, k: int) -> int:
        """Where the comma-separated segment that ends at position ``k`` starts: after a comma
        or a clause break, or at a sentence start."""
        if self._segment_starts is None:
            tokens = self.tokens
            self._segment_starts = self._run_starts(
                lambda p: tokens[p - 1].text == "," or self.breaks(p - 1)
            )
        return self._segment_starts[k]

    def clause_start(self, k: int) -> int:
        """Where the clause that ends at position ``k`` starts: after sentence punctuation
        (``BREAKS``), or at a sentence start."""
        if self._clause_starts is None:
            tokens = self.tokens
            self._clause_starts = self._run_starts(lambda p: tokens[p - 1].text in BREAKS)
        return self._clause_starts[k]

    def _run_starts(self, opens: Callable[[int], bool]) -> list[int]:
        """For each position, where the run of words that ends there starts: at the first word,
        a sentence start or a position ``p`` where ``opens(p)``. Found for every position at
        once, so that reading a long text run by run takes linear time."""
        starts: list[int] = []
        for p, token in enumerate(self.tokens):
            starts.append(p if p == 0 or token.i in self.starts or opens(p) else starts[-1])
        return starts

    def last_position(self, vocabulary: frozenset[str], p: int) -> int:
        """The last position at or before ``p`` whose word (in lower case) is in
        ``vocabulary``, or -1. Found for every position at once, the first time a vocabulary
        is asked for, so that many look-ups take linear time in all."""
        positions = self._last_positions.get(vocabulary)
        if positions is None:
            last, positions = -1, []
            for q, token in enumerate(self.tokens):
                if token.lower_ in vocabulary:
                    last = q
                positions.append(last)
            self._last_positions[vocabulary] = positions
        return positions[p]

    def forward_item(self, start: int, limit: int = MAX_LAST_ITEM) -> tuple[int, int] | None:
        """The item that starts at ``start``: up to punctuation, a clause word or an example."""
        tokens = self.tokens
        end = start
        while end < len(tokens) and end - start < limit:
            token = tokens[end]
            if token.text == "," or token.lower_ in ALTERNATIVES or token.i in self.example_starts:
                break
            if end > start and (
                self.breaks(end) or token.i in self.starts or self.conjunction(end)
            ):
                break
            end += 1
        while end > start and tokens[end - 1].is_punct:
            end -= 1
        if end == start or not any(t.is_alpha or t.like_num for t in tokens[start:end]):
            return None
        return start, end

    def reach(self, limit: int) -> int:
        """The end of the text before ``limit``, without trailing spaces and punctuation
        (so a part keeps the code or brackets that follow its words: "3 for `[5, 1, 3]`")."""
        return len(self.text[:limit].rstrip(" \t\n,;.?!"))

    def sentence_end(self, start: int) -> int:
        """The position of the first sentence break after ``start`` (or the end)."""
        end = start + 1
        while end < len(self.tokens) and self.tokens[end].text not in BREAKS:
            end += 1
        return end

    def chars(self, start: int, end: int) -> tuple[int, int]:
        """Character span of tokens ``start`` to ``end``, without a sentence's full stop that
        the tokenizer left on the last word ("Hepatitis B." -> "Hepatitis B")."""
        last = self.tokens[end - 1]
        stop = last.idx + len(last.text)
        if glued_full_stop(last.text):
            stop -= 1
        return self.tokens[start].idx, stop


class _Decoded(dict[int, str]):
    """Strings of a StringStore by id, decoded once each (the store builds a new str object
    on every lookup)."""

    def __init__(self, store: StringStore) -> None:
        super().__init__()
        self._store = store

    def __missing__(self, key: int) -> str:
        value = self[key] = self._store[key]
        return value


@cache
def _decoded(store: StringStore) -> _Decoded:
    """The decoded-strings table of ``store``, shared by every criterion of the store."""
    return _Decoded(store)


def _active_rows(columns: list[list[int]], text: str, strings: StringStore) -> list[int]:
    """Doc indices of the words outside titles, brackets, quotes and markup, from the
    attribute columns of the doc (``_ATTRS``)."""
    masked = bytearray(len(text) + 1)
    title_end = header_end(text)
    masked[:title_end] = b"\x01" * title_end
    closers: list[str] = []
    opened = 0
    for match in _BRACKET_CHARS.finditer(text):
        char, index = match.group(), match.start()
        if char in _BRACKETS:
            if not closers:
                opened = index
            closers.append(_BRACKETS[char])
        elif closers and char == closers[-1]:
            closers.pop()
            if not closers:
                masked[opened : index + 1] = b"\x01" * (index + 1 - opened)
    if closers:  # an unclosed bracket runs to the end
        masked[opened:] = b"\x01" * (len(masked) - opened)
    for start, end in quoted_ranges(text, code_spans=True):
        masked[start:end] = b"\x01" * (end - start)
    offsets, spaces, orths = columns[_IDX], columns[_SPACE], columns[0]
    if 1 in masked:
        active = [i for i, space in enumerate(spaces) if not space and not masked[offsets[i]]]
    else:
        active = [i for i, space in enumerate(spaces) if not space]
    return [
        i
        for i in active
        if text[offsets[i]] not in _MARKUP_CHARS or strings[orths[i]] not in _MARKUP
    ]


def _breaks(token: Tok) -> bool:
    """Whether ``token`` is sentence punctuation or a word that opens a clause."""
    return token.text in BREAKS or token.lower_ in CLAUSE_WORDS


def _reduplication(tokens: list[Tok], start: int) -> bool:
    """Whether the three tokens from ``start`` repeat a word around "by" ("word by word",
    "step by step"): a manner, like an adverb."""
    if start < 0 or start + 2 >= len(tokens):
        return False
    first, by, last = tokens[start : start + 3]
    return by.lower_ == "by" and first.is_alpha and first.lower_ == last.lower_


def adverb(token: Tok) -> bool:
    """Whether ``token`` is an adverb that can sit between a conjunction and its verb
    ("also", "then", or a word in -ly)."""
    lower = token.lower_
    return lower in SKIPPED_ADVERBS or (lower.endswith("ly") and len(lower) > 4)
