"""A deterministic fake embedder for rule and cache tests: bag of hashed words, normalised."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

import numpy as np

DIMENSION = 64


class FakeEmbedder:
    """Texts sharing words get similar vectors; counts every call for cache assertions."""

    model_id = "fake-bag-of-words"

    def __init__(self) -> None:
        self.encoded: list[str] = []

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """One unit vector per text."""
        self.encoded.extend(texts)
        rows = np.zeros((len(texts), DIMENSION), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in re.findall(r"\w+", text.lower()):
                bucket = int(hashlib.md5(word.encode()).hexdigest(), 16) % DIMENSION
                rows[row, bucket] += 1.0
            norm = np.linalg.norm(rows[row])
            if norm:
                rows[row] /= norm
        return rows


TABLE_DIMENSION = 8
GENERIC_AXIS = 0


class TableEmbedder:
    """Hand-set vectors: each text in the table gets ``{axis: weight}``; any other text (such
    as the bank of generic criteria) lies on the generic axis, so a criterion's genericness is
    its weight on that axis. A text mapped to ``{}`` is one the model cannot read: a zero row."""

    def __init__(self, table: dict[str, dict[int, float]]) -> None:
        self.table = table
        self.model_id = f"table-{id(self)}"

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """One unit vector per text, from the table."""
        rows = np.zeros((len(texts), TABLE_DIMENSION), dtype=np.float32)
        for row, text in enumerate(texts):
            for axis, weight in self.table.get(text, {GENERIC_AXIS: 1.0}).items():
                rows[row, axis] = weight
            norm = np.linalg.norm(rows[row])
            if norm:
                rows[row] /= norm
        return rows
