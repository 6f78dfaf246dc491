"""The on-disk embedding cache: hits, concurrency, damaged files, clearing."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import numpy as np
from fakes import FakeEmbedder

from rift_lint.embeddings.cache import DATABASE, CachedEmbedder, EmbeddingCache, clear


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


def test_clear_removes_the_directory(tmp_path: Path) -> None:
    directory = tmp_path / ".rift_lint_cache"
    CachedEmbedder(FakeEmbedder(), EmbeddingCache(directory)).encode(["a"])
    assert clear(directory) is True
    assert not directory.exists()
    assert clear(directory) is False
