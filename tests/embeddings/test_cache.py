"""The embedding cache: on disk (hits, concurrency, damaged files, clearing) and in memory."""

from __future__ import annotations

import multiprocessing
import sqlite3
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest
from damage import damage_pages_after_the_first
from fakes import FakeEmbedder

import rift_lint.embeddings.provider as provider_module
from rift_lint import sqlite_store
from rift_lint.embeddings.cache import (
    DATABASE,
    CachedEmbedder,
    EmbeddingCache,
    text_key,
)
from rift_lint.embeddings.provider import EmbeddingProvider
from rift_lint.sqlite_store import clear
from rift_lint.stamps import model_folder_stamp


def test_second_encode_is_served_from_cache(tmp_path: Path) -> None:
    fake = FakeEmbedder()
    embedder = CachedEmbedder(fake, EmbeddingCache(tmp_path / "cache"))
    first = embedder.encode(["cites a source", "names the dose", "cites a source"])
    assert fake.encoded == ["cites a source", "names the dose"]
    again = CachedEmbedder(fake, EmbeddingCache(tmp_path / "cache"))
    second = again.encode(["names the dose", "cites a source"])
    assert fake.encoded == ["cites a source", "names the dose"]
    np.testing.assert_array_equal(second[0], first[1])
    np.testing.assert_array_equal(second[1], first[0])


def test_vectors_are_keyed_by_model(tmp_path: Path) -> None:
    cache = EmbeddingCache(tmp_path)
    fake = FakeEmbedder()
    CachedEmbedder(fake, cache).encode(["a text"])
    other = FakeEmbedder()
    other.model_id = "another-model"
    CachedEmbedder(other, cache).encode(["a text"])
    assert other.encoded == ["a text"]


def _writer(directory: str, offset: int) -> None:
    embedder = CachedEmbedder(FakeEmbedder(), EmbeddingCache(Path(directory)))
    for batch in range(10):
        embedder.encode([f"text {offset}-{batch}-{i}" for i in range(20)] + ["shared text"])


def test_concurrent_writers_do_not_corrupt_the_cache(tmp_path: Path) -> None:
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_writer, args=(str(tmp_path), n)) for n in range(3)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
        assert worker.exitcode == 0
    fake = FakeEmbedder()
    texts = [f"text {n}-{b}-{i}" for n in range(3) for b in range(10) for i in range(20)]
    CachedEmbedder(fake, EmbeddingCache(tmp_path)).encode([*texts, "shared text"])
    assert fake.encoded == []


def test_truncated_database_is_rebuilt(tmp_path: Path) -> None:
    CachedEmbedder(FakeEmbedder(), EmbeddingCache(tmp_path)).encode(["a", "b"])
    database = tmp_path / DATABASE
    database.write_bytes(b"SQLite format 3\x00" + b"\x07" * 50)
    for extra in tmp_path.glob(f"{DATABASE}-*"):
        extra.unlink()
    fake = FakeEmbedder()
    vectors = CachedEmbedder(fake, EmbeddingCache(tmp_path)).encode(["a", "b"])
    assert fake.encoded == ["a", "b"]
    assert vectors.shape == (2, 64)
    assert list(tmp_path.glob(f"{DATABASE}.corrupt-*"))


def test_locked_database_is_left_alone_and_the_run_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another run holding the database past the timeout is no damage: the file is not moved
    aside (its live -wal and -shm files would be left beside a new one), the run encodes
    without storing, and the cache works again once the lock is gone."""
    CachedEmbedder(FakeEmbedder(), EmbeddingCache(tmp_path)).encode(["a"])
    monkeypatch.setattr(sqlite_store, "BUSY_TIMEOUT", 0.05)
    holder = sqlite3.connect(tmp_path / DATABASE, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    fake = FakeEmbedder()
    CachedEmbedder(fake, EmbeddingCache(tmp_path)).encode(["a", "b"])
    holder.execute("ROLLBACK")
    holder.close()
    assert fake.encoded == ["a", "b"]
    assert not list(tmp_path.glob(f"{DATABASE}.corrupt-*"))
    later = FakeEmbedder()
    CachedEmbedder(later, EmbeddingCache(tmp_path)).encode(["a"])
    assert later.encoded == []


def test_unusable_cache_directory_encodes_without_storing(tmp_path: Path) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the cache directory should go\n")
    fake = FakeEmbedder()
    first = CachedEmbedder(fake, EmbeddingCache(blocker)).encode(["a", "b"])
    second = CachedEmbedder(fake, EmbeddingCache(blocker)).encode(["a"])
    assert fake.encoded == ["a", "b", "a"]
    np.testing.assert_array_equal(second[0], first[0])
    assert blocker.read_text() == "a file where the cache directory should go\n"


def test_clear_removes_the_directory(tmp_path: Path) -> None:
    directory = tmp_path / ".rift_lint_cache"
    CachedEmbedder(FakeEmbedder(), EmbeddingCache(directory)).encode(["a"])
    assert clear(directory, [DATABASE]) is True
    assert not directory.exists()
    assert clear(directory, [DATABASE]) is False


class _CountingCache(EmbeddingCache):
    """An on-disk cache that records the keys each lookup asks for."""

    def __init__(self, directory: Path) -> None:
        super().__init__(directory)
        self.asked: list[str] = []

    def get_many(self, model_id: str, keys: Sequence[str]) -> dict[str, np.ndarray]:
        """Record the keys, then look them up."""
        self.asked.extend(keys)
        return super().get_many(model_id, keys)


def test_text_encoded_earlier_in_the_process_is_not_encoded_again() -> None:
    fake = FakeEmbedder()
    embedder = CachedEmbedder(fake, None)
    first = embedder.encode(["cites a source", "names the dose"])
    second = embedder.encode(["names the dose", "warns of side effects", "cites a source"])
    assert fake.encoded == ["cites a source", "names the dose", "warns of side effects"]
    np.testing.assert_array_equal(second[0], first[1])
    np.testing.assert_array_equal(second[2], first[0])


def test_remembered_text_is_not_read_from_the_database_again(tmp_path: Path) -> None:
    cache = _CountingCache(tmp_path)
    embedder = CachedEmbedder(FakeEmbedder(), cache)
    embedder.encode(["cites a source"])
    cache.asked.clear()
    embedder.encode(["cites a source", "names the dose"])
    assert cache.asked == [text_key("names the dose")]


def test_vectors_read_from_the_database_are_remembered(tmp_path: Path) -> None:
    CachedEmbedder(FakeEmbedder(), EmbeddingCache(tmp_path)).encode(["cites a source"])
    cache = _CountingCache(tmp_path)
    fake = FakeEmbedder()
    embedder = CachedEmbedder(fake, cache)
    embedder.encode(["cites a source"])
    embedder.encode(["cites a source"])
    assert cache.asked == [text_key("cites a source")]
    assert fake.encoded == []


def test_memory_keeps_only_the_most_recently_used_vectors() -> None:
    fake = FakeEmbedder()
    embedder = CachedEmbedder(fake, None, memo_size=2)
    embedder.encode(["a", "b"])
    embedder.encode(["a", "c"])  # "a" is recalled and so outlives "b"
    embedder.encode(["a", "b"])
    assert fake.encoded == ["a", "b", "c", "b"]


def test_no_cache_run_remembers_vectors_but_has_no_database(tmp_path: Path) -> None:
    embedder = EmbeddingProvider(use_cache=False).embedder(None, tmp_path / "cache")
    assert isinstance(embedder, CachedEmbedder)
    assert embedder.cache is None
    assert not (tmp_path / "cache").exists()


def test_encoding_no_texts_gives_an_empty_array() -> None:
    fake = FakeEmbedder()
    assert CachedEmbedder(fake, None).encode([]).shape == (0, 0)
    assert fake.encoded == []


def test_model_saved_again_in_its_folder_is_not_served_the_old_vectors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`embeddings.model` names a folder whose model is replaced (retrained, re-exported):
    the vectors the old model left in the cache are not reused."""
    folder = tmp_path / "model"
    folder.mkdir()
    (folder / "model.safetensors").write_text("first weights")
    fake = FakeEmbedder()
    monkeypatch.setattr(provider_module, "default_embedder", lambda configured: fake)

    def encode() -> None:
        provider = EmbeddingProvider()
        provider.embedder(str(folder), tmp_path / "cache").encode(["a text"])
        provider.close()

    encode()
    encode()
    assert fake.encoded == ["a text"]
    (folder / "model.safetensors").write_text("second weights, retrained")
    model_folder_stamp.cache_clear()
    encode()
    assert fake.encoded == ["a text", "a text"]


def test_database_damaged_past_its_header_is_rebuilt(tmp_path: Path) -> None:
    """SQLite finds a malformed page only when a query reads it: the database is then moved
    aside and rebuilt, rather than missing (and failing to store) in every later run."""
    fake = FakeEmbedder()
    texts = [f"criterion number {i} " + "words " * 40 for i in range(200)]
    cache = EmbeddingCache(tmp_path)
    CachedEmbedder(fake, cache).encode(texts)
    cache.close()
    damage_pages_after_the_first(tmp_path / DATABASE)
    cache = EmbeddingCache(tmp_path)
    again = CachedEmbedder(fake, cache).encode(texts)
    cache.close()
    np.testing.assert_array_equal(again, FakeEmbedder().encode(texts))
    assert len(list(tmp_path.glob(f"{DATABASE}.corrupt-*"))) == 1
    fresh = FakeEmbedder()
    CachedEmbedder(fresh, EmbeddingCache(tmp_path)).encode(texts)
    assert fresh.encoded == []
