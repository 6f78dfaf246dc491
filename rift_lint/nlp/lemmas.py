"""Lemmas looked up in spacy-lookups-data's English table, computed once per word form.

:func:`table_lemma` is the plain lookup of one lower-case word. :class:`LookupLemmas` is the
blank pipeline's lemmatizer: a token's lemma depends only on its word form (its lower-case
form, whether it is a stop word or looks like a number), so each form is looked up once and
the lemmas of a whole doc are written with one ``Doc.from_array`` call instead of a Python
loop over Token objects.
"""

from __future__ import annotations

from functools import cache, lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.lookups import Table
    from spacy.tokens import Doc
    from spacy.vocab import Vocab


@cache
def _lemma_table() -> Table:
    from spacy.lookups import load_lookups

    return load_lookups("en", ["lemma_lookup"]).get_table("lemma_lookup")


@lru_cache(maxsize=65536)
def table_lemma(lower: str) -> str:
    """The lookup table's lemma of a lower-case word (the word itself when unlisted)."""
    return str(_lemma_table().get(lower, lower))


class LookupLemmas:
    """Sets lemmas looked up from the lower-cased word; stop words and numbers keep it as is."""

    def __init__(self, vocab: Vocab) -> None:
        self._vocab = vocab
        self._lemmas: dict[int, int] = {}  # word form (ORTH) -> lemma string id

    def __call__(self, doc: Doc) -> Doc:
        """Assign the lemma of every token of ``doc``."""
        import numpy
        from spacy.attrs import LEMMA, ORTH

        if not len(doc):
            return doc
        lemmas = self._lemmas
        values = [
            lemmas[orth] if orth in lemmas else self._add(orth)
            for orth in doc.to_array(ORTH).tolist()
        ]
        doc.from_array([LEMMA], numpy.array(values, dtype=numpy.uint64).reshape(-1, 1))
        return doc

    def _add(self, orth: int) -> int:
        lexeme = self._vocab[orth]
        lower = lexeme.lower_
        lemma = lower if lexeme.is_stop or lexeme.like_num else table_lemma(lower)
        key: int = self._vocab.strings.add(lemma)
        self._lemmas[orth] = key
        return key
