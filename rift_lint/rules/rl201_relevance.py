"""The relevance half of RL201: a criterion that relates weakly to the prompt.

The prompt is cut into parts (sentences and lines; a long prompt keeps its head and tail),
which are encoded once per prompt text; a criterion's relevance is its highest cosine
similarity to a part. Only criteria that share few content words with the prompt are compared,
so most criteria are settled by a set lookup and a rubric whose criteria all speak the
prompt's words never has its prompt encoded. A generic criterion (close to RL302's bank of
criteria that fit any task) is a widely shared expectation, not a misaligned one. The model
reads English only, so a prompt or criterion in another language is not compared.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rift_lint.embeddings.embedder import read_rows
from rift_lint.prompts.sentences import sentence_spans, split_spans
from rift_lint.prompts.words import stop_words
from rift_lint.rules.rl302_low_signal import bank_vectors

if TYPE_CHECKING:
    import numpy as np
    from spacy.tokens import Doc

    from rift_lint.rules.base import RuleContext

_LINE_BREAK = re.compile(r"\n+")
_WORD = re.compile(r"[^\W_]+")
_PART_CHARS = 300  # longer lines (pasted material, code) are cut: their opening says enough
_MIN_PART_WORDS = 2
_MIN_CONTENT_WORDS = 2  # "TODO", "Accuracy": too little to judge (and RL002's concern)
# A text reads as English when nearly all its letters are ASCII and, once it has three short
# lower-case words ("ich", "das", "und"; acronyms aside), half of those are English stop words.
_ASCII_SHARE = 0.8
_SHORT_WORD = 3
_MIN_SHORT_WORDS = 3
_STOP_SHARE = 0.5
_MEMO_SIZE = 64
# Prompt parts and their vectors by (model id, prompt, character budget): the criteria of a
# rubric, and rubrics that share a prompt, encode it once.
_MEMO: dict[tuple[str, str, int], tuple[tuple[str, ...], np.ndarray | None]] = {}


@dataclass(frozen=True)
class Relevance:
    """How close a criterion comes to the prompt: the similarity and the closest part."""

    similarity: float
    closest: str


def prompt_parts(prompt: str, max_chars: int) -> tuple[str, ...]:
    """The sentences and lines of an English prompt, to compare criteria with (see
    :mod:`rift_lint.prompts.sentences`).

    A prompt longer than ``max_chars`` keeps its first and last ``max_chars / 2`` characters
    (the request usually opens or closes it). Parts of fewer than two words or in another
    script are dropped, and long parts are cut to their opening; a prompt that does not read
    as English has no parts.
    """
    text = prompt.strip()
    if len(text) > max_chars:
        text = text[: max_chars // 2] + "\n" + text[-(max_chars // 2) :]
    if not reads_english(text):
        return ()
    parts = (
        text[start:end].strip()[:_PART_CHARS]
        for line_start, line_end in split_spans(text, 0, len(text), _LINE_BREAK)
        for start, end in sentence_spans(text, line_start, line_end, any_case=True)
    )
    return tuple(
        dict.fromkeys(
            part for part in parts if len(_WORD.findall(part)) >= _MIN_PART_WORDS and _latin(part)
        )
    )


def reads_english(text: str) -> bool:
    """Whether a text reads as English: Latin letters, and English short words."""
    if not _latin(text):
        return False
    short = [
        word.lower()
        for word in _WORD.findall(text)
        if word.isalpha() and len(word) <= _SHORT_WORD and not word.isupper()
    ]
    if len(short) < _MIN_SHORT_WORDS:
        return True
    return sum(1 for word in short if word in stop_words()) >= _STOP_SHARE * len(short)


def _latin(text: str) -> bool:
    letters = [char for char in text if char.isalpha()]
    return bool(letters) and sum(char.isascii() for char in letters) >= _ASCII_SHARE * len(letters)


def shared_word_share(doc: Doc, prompt_words: frozenset[str]) -> float:
    """The share of the criterion's content words (as written or as lemma) in the prompt.

    Content words are alphabetic words of three letters or more that are not stop words; a
    criterion with fewer than two counts as fully shared (there is too little to compare).
    """
    content = [t for t in doc if t.is_alpha and not t.is_stop and len(t) > 2]
    if len(content) < _MIN_CONTENT_WORDS:
        return 1.0
    shared = sum(1 for t in content if t.lower_ in prompt_words or t.lemma_ in prompt_words)
    return shared / len(content)


def relevance(
    vector: np.ndarray, prompt: str, context: RuleContext, max_chars: int
) -> Relevance | None:
    """The criterion's (its unit ``vector``'s) highest similarity to a part of the prompt;
    ``None`` when no part of the prompt is English, or the model cannot read the criterion
    or any part (:func:`read_rows`)."""
    parts, matrix = _prompt_vectors(prompt, context, max_chars)
    if matrix is None or not read_rows(vector):
        return None
    similarities = matrix @ vector
    best = int(similarities.argmax())
    return Relevance(float(similarities[best]), parts[best])


def genericness(vector: np.ndarray, context: RuleContext) -> float:
    """The criterion's highest similarity to a line of the bank of generic criteria."""
    return float((bank_vectors(context) @ vector).max())


def _prompt_vectors(
    prompt: str, context: RuleContext, max_chars: int
) -> tuple[tuple[str, ...], np.ndarray | None]:
    assert context.embedder is not None
    key = (context.embedder.model_id, prompt, max_chars)
    found = _MEMO.get(key)
    if found is None:
        parts = prompt_parts(prompt, max_chars)
        if len(_MEMO) >= _MEMO_SIZE:
            _MEMO.pop(next(iter(_MEMO)))
        found = _MEMO[key] = _read_parts(parts, context)
    return found


def _read_parts(
    parts: tuple[str, ...], context: RuleContext
) -> tuple[tuple[str, ...], np.ndarray | None]:
    """The parts the model can read, and their vectors (``None`` when there is none)."""
    if not parts:
        return parts, None
    vectors = context.embed(list(parts))
    read = read_rows(vectors)
    if not read.any():
        return (), None
    return tuple(part for part, kept in zip(parts, read.tolist(), strict=True) if kept), vectors[
        read
    ]
