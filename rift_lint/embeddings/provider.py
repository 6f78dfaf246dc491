"""Which embedder a run uses: the configured model (cached on disk), a fixed one, or none."""

from __future__ import annotations

from pathlib import Path

from rift_lint.embeddings.cache import CachedEmbedder, EmbeddingCache
from rift_lint.embeddings.embedder import (
    Embedder,
    default_embedder,
    model_revision,
    resolve_model,
)


class EmbeddingProvider:
    """Hands out embedders per configuration; ``enabled=False`` means embedding rules are skipped.

    ``fixed`` replaces the real model (tests pass a fake embedder); ``use_cache=False``
    (``--no-cache``) neither reads nor writes the on-disk cache, though a text repeated within
    the run is still encoded once.
    """

    def __init__(
        self, enabled: bool = True, use_cache: bool = True, fixed: Embedder | None = None
    ) -> None:
        self.enabled = enabled
        self.use_cache = use_cache
        self.fixed = fixed
        self._embedders: dict[tuple[str | None, str], CachedEmbedder] = {}

    def embedder(self, model: str | None, cache_dir: Path) -> Embedder:
        """The embedder for a configured model and cache directory (one per pair)."""
        if self.fixed is not None:
            return self.fixed
        key = (model, str(cache_dir))
        if key not in self._embedders:
            inner = default_embedder(model)
            cache = EmbeddingCache(cache_dir) if self.use_cache else None
            self._embedders[key] = CachedEmbedder(inner, cache, revision=model_revision(model))
        return self._embedders[key]

    def model_id(self, model: str | None) -> str | None:
        """The id of the embedding model used for a configured ``model`` (without loading
        it); ``None`` when embeddings are switched off."""
        if not self.enabled:
            return None
        if self.fixed is not None:
            return self.fixed.model_id
        return resolve_model(model)[0]

    def close(self) -> None:
        """Close the on-disk caches of the embedders handed out (each reopens on next use)."""
        for embedder in self._embedders.values():
            if embedder.cache is not None:
                embedder.cache.close()
