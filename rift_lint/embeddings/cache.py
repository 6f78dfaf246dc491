"""An on-disk cache of embeddings, keyed by model id and text hash.

One SQLite database under the cache directory (``.rift_lint_cache/`` by default). SQLite makes
writes atomic and serialises concurrent runs; a database that is unreadable (truncated, or
written by another version) is moved aside and rebuilt rather than trusted.
"""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from rift_lint.embeddings.embedder import Embedder

if TYPE_CHECKING:
    import numpy as np

SCHEMA_VERSION = 1
DATABASE = "embeddings.sqlite3"
DEFAULT_DIRECTORY = Path(".rift_lint_cache")


def text_key(text: str) -> str:
    """The cache key of a text: its SHA-256."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class EmbeddingCache:
    """Vectors already computed, by (model id, text hash)."""

    def __init__(self, directory: Path = DEFAULT_DIRECTORY) -> None:
        self.directory = directory
        self._connection: sqlite3.Connection | None = None

    def _connect(self) -> sqlite3.Connection:
        if self._connection is None:
            self.directory.mkdir(parents=True, exist_ok=True)
            (self.directory / ".gitignore").write_text("*\n", encoding="utf-8")
            path = self.directory / DATABASE
            try:
                self._connection = self._open(path)
            except sqlite3.DatabaseError:
                path.replace(path.with_name(f"{DATABASE}.corrupt-{int(time.time())}"))
                self._connection = self._open(path)
        return self._connection

    @staticmethod
    def _open(path: Path) -> sqlite3.Connection:
        connection = sqlite3.connect(path, timeout=30, isolation_level=None)
        connection.execute("PRAGMA journal_mode=WAL")
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        if version not in (0, SCHEMA_VERSION):
            connection.close()
            raise sqlite3.DatabaseError(f"cache schema {version} is not {SCHEMA_VERSION}")
        connection.execute(
            "CREATE TABLE IF NOT EXISTS vectors ("
            " model TEXT NOT NULL, key TEXT NOT NULL, dim INTEGER NOT NULL, data BLOB NOT NULL,"
            " PRIMARY KEY (model, key))"
        )
        connection.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
        return connection

    def get_many(self, model_id: str, keys: Sequence[str]) -> dict[str, np.ndarray]:
        """Cached vectors for the keys that have one (damaged rows are ignored)."""
        import numpy as np

        found: dict[str, np.ndarray] = {}
        connection = self._connect()
        unique = list(dict.fromkeys(keys))
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
        return found

    def put_many(self, model_id: str, items: dict[str, np.ndarray]) -> None:
        """Store vectors (one transaction)."""
        connection = self._connect()
        rows = [
            (model_id, key, int(v.size), v.astype("float32").tobytes()) for key, v in items.items()
        ]
        with connection:
            connection.execute("BEGIN")
            connection.executemany("INSERT OR REPLACE INTO vectors VALUES (?, ?, ?, ?)", rows)

    def close(self) -> None:
        """Close the database."""
        if self._connection is not None:
            self._connection.close()
            self._connection = None


def clear(directory: Path = DEFAULT_DIRECTORY) -> bool:
    """Delete the cache directory; ``False`` when there was none."""
    if not directory.exists():
        return False
    shutil.rmtree(directory)
    return True


class CachedEmbedder:
    """An :class:`Embedder` that serves repeated texts from the cache."""

    def __init__(self, inner: Embedder, cache: EmbeddingCache) -> None:
        self.inner = inner
        self.cache = cache
        self.model_id = inner.model_id

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Vectors for ``texts``: cached ones read back, the rest encoded and stored."""
        import numpy as np

        keys = [text_key(text) for text in texts]
        known = self.cache.get_many(self.model_id, keys)
        missing = list(dict.fromkeys(k for k in keys if k not in known))
        if missing:
            by_key = dict(zip(keys, texts, strict=True))
            fresh = self.inner.encode([by_key[key] for key in missing])
            new = dict(zip(missing, fresh, strict=True))
            self.cache.put_many(self.model_id, new)
            known.update(new)
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        return np.vstack([known[key] for key in keys])
