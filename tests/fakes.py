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
