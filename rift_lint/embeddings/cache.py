"""An on-disk cache of embeddings, keyed by model id and text hash, behind an in-memory one.

One SQLite database under the cache directory (``.rift_lint_cache/`` by default). SQLite makes
writes atomic and serialises concurrent runs; a database that is unreadable (truncated, or
written by another version) is moved aside and rebuilt rather than trusted.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections import OrderedDict
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from rift_lint.embeddings.embedder import Embedder
from rift_lint.sqlite_store import CacheDatabase

if TYPE_CHECKING:
    import numpy as np

# Version 2: a text the model cannot read is stored as a zero row (version 1 held a vector).
SCHEMA_VERSION = 2
DATABASE = "embeddings.sqlite3"
TABLE = (
    "CREATE TABLE IF NOT EXISTS vectors ("
    " model TEXT NOT NULL, key TEXT NOT NULL, dim INTEGER NOT NULL, data BLOB NOT NULL,"
    " PRIMARY KEY (model, key))"
)
# Vectors a process keeps in memory: about 150 MiB of all-MiniLM-L6-v2's 384 float32s.
MEMO_SIZE = 100_000
DEFAULT_DIRECTORY = Path(".rift_lint_cache")


def text_key(text: str) -> str:
    """The cache key of a text: its SHA-256."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class EmbeddingCache:
    """Vectors already computed, by (model id, text hash).

    Like the result cache, it never stops a run: a cache directory that cannot be written or
    a database error means the vectors are encoded (and not stored) instead.
    """

    def __init__(self, directory: Path = DEFAULT_DIRECTORY) -> None:
        self.directory = directory
        self._database = CacheDatabase(directory, DATABASE, SCHEMA_VERSION, TABLE)

    def get_many(self, model_id: str, keys: Sequence[str]) -> dict[str, np.ndarray]:
        """Cached vectors for the keys that have one (damaged rows are ignored)."""
        import numpy as np

        found: dict[str, np.ndarray] = {}
        connection = self._database.connection()
        if connection is None:
            return found
        unique = list(dict.fromkeys(keys))
        try:
            for start in range(0, len(unique), 500):
                chunk = unique[start : start + 500]
                marks = ",".join("?" * len(chunk))
                rows = connection.execute(
                    f"SELECT key, dim, data FROM vectors WHERE model = ? AND key IN ({marks})",
                    (model_id, *chunk),
                )
                for key, dim, data in rows:
                    vector = np.frombuffer(data, dtype=np.float32)
                    if vector.size == dim:
                        found[key] = vector
        except sqlite3.Error as exc:
            self._database.failed(exc)
        return found

    def put_many(self, model_id: str, items: dict[str, np.ndarray]) -> None:
        """Store vectors (one transaction); vectors that cannot be stored are dropped."""
        connection = self._database.connection()
        if connection is None:
            return
        rows = [
            (model_id, key, int(v.size), v.astype("float32").tobytes()) for key, v in items.items()
        ]
        try:
            with connection:
                connection.execute("BEGIN")
                connection.executemany("INSERT OR REPLACE INTO vectors VALUES (?, ?, ?, ?)", rows)
        except sqlite3.Error as exc:
            self._database.failed(exc)

    def close(self) -> None:
        """Close the database."""
        self._database.close()


class CachedEmbedder:
    """An :class:`Embedder` that encodes each text once per process and, with an on-disk
    cache, serves texts encoded by earlier runs from it.

    Vectors seen in this process (encoded or read back) stay in memory, the most recently used
    ``memo_size`` of them, so a text repeated across rubrics and files is neither encoded nor
    read from the database again. Without a ``cache`` (``--no-cache``) nothing is read from or
    written to disk. On disk, vectors are filed under the model id and the model's
    ``revision`` (see :func:`~rift_lint.embeddings.embedder.model_revision`), when it has one.
    """

    def __init__(
        self,
        inner: Embedder,
        cache: EmbeddingCache | None,
        memo_size: int = MEMO_SIZE,
        revision: str | None = None,
    ) -> None:
        self.inner = inner
        self.cache = cache
        self.model_id = inner.model_id
        self.stored_id = f"{inner.model_id}@{revision}" if revision else inner.model_id
        self.memo_size = memo_size
        self._memo: OrderedDict[str, np.ndarray] = OrderedDict()

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Vectors for ``texts``: remembered or cached ones reused, the rest encoded and stored."""
        import numpy as np

        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        keys = [text_key(text) for text in texts]
        known = self._recall(keys)
        unknown = [key for key in dict.fromkeys(keys) if key not in known]
        if unknown and self.cache is not None:
            stored = self.cache.get_many(self.stored_id, unknown)
            known.update(stored)
            self._remember(stored)
        missing = [key for key in unknown if key not in known]
        if missing:
            known.update(self._encode_missing(missing, dict(zip(keys, texts, strict=True))))
        return np.vstack([known[key] for key in keys])

    def _recall(self, keys: Sequence[str]) -> dict[str, np.ndarray]:
        """Vectors already held in memory for these keys (each marked as recently used)."""
        found: dict[str, np.ndarray] = {}
        for key in keys:
            vector = self._memo.get(key)
            if vector is not None:
                self._memo.move_to_end(key)
                found[key] = vector
        return found

    def _remember(self, vectors: dict[str, np.ndarray]) -> None:
        """Hold vectors in memory, dropping the least recently used beyond ``memo_size``."""
        self._memo.update(vectors)
        while len(self._memo) > self.memo_size:
            self._memo.popitem(last=False)

    def _encode_missing(self, missing: list[str], by_key: dict[str, str]) -> dict[str, np.ndarray]:
        """Encode the texts of ``missing`` keys with the model, storing and remembering them."""
        fresh = dict(zip(missing, self.inner.encode([by_key[key] for key in missing]), strict=True))
        if self.cache is not None:
            self.cache.put_many(self.stored_id, fresh)
        self._remember(fresh)
        return fresh
