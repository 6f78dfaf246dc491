"""Facts derived from a doc, computed once and kept on the doc (in ``doc.user_data``).

Criteria with the same text share one doc (see :func:`rift_lint.nlp.pipeline.process`), so a
rule that caches what it reads from a doc reads each repeated text once. :func:`doc_ids` gives
the words a doc contains as spaCy string ids (LOWER and LEMMA are stored as the hash of the
string), so "does any token's lemma belong to this word list?" is a set intersection, with
no Token objects built.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from functools import cache
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from spacy.tokens import Doc

T = TypeVar("T")
_IDS = "rift_lint.ids"
_MEMO = "rift_lint.memo"


@cache
def string_ids(words: frozenset[str]) -> frozenset[int]:
    """The spaCy string ids (hashes) of ``words`` (cached per word set)."""
    from spacy.strings import hash_string

    return frozenset(hash_string(word) for word in words)


def doc_ids(doc: Doc, attr: str) -> frozenset[int]:
    """The distinct ``attr`` ("LOWER", "LEMMA") ids of a doc's tokens."""
    cache: dict[str, frozenset[int]] = doc.user_data.setdefault(_IDS, {})
    ids = cache.get(attr)
    if ids is None:
        ids = cache[attr] = frozenset(doc.to_array(attr).tolist())
    return ids


def memo(doc: Doc, key: Hashable, compute: Callable[[], T]) -> T:
    """``compute()``, a pure function of ``doc`` and ``key``, computed once per doc.

    The result is shared by every criterion with this doc, so callers must not change it.
    """
    cache: dict[Hashable, T] = doc.user_data.setdefault(_MEMO, {})
    if key not in cache:
        cache[key] = compute()
    return cache[key]
