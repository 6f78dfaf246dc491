"""Shared test helpers: lint a snippet in memory with default (or given) settings."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.pop("NO_COLOR", None)  # output assertions expect the plain text
os.environ.pop("FORCE_COLOR", None)
os.environ.pop("GITHUB_WORKSPACE", None)  # annotation paths are relative to it when set

from fakes import FakeEmbedder

from rift_lint.config import ConfigResolver, build_config
from rift_lint.embeddings.provider import EmbeddingProvider
from rift_lint.engine import ActiveRules, Linter
from rift_lint.models import Diagnostic
from rift_lint.parsing.errors import ParseError
from rift_lint.results import FileResult
from rift_lint.source import SourceDocument

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


def lint_snippet(
    text: str, name: str = "rubric.yaml", embedder: Any = None, **settings: Any
) -> FileResult:
    """Lint ``text`` as if it were the file ``name``, with settings given as keyword arguments.

    Embedding rules get ``embedder`` (a fresh :class:`FakeEmbedder` by default), never the
    real model.
    """
    config = build_config(settings, Path.cwd())
    provider = EmbeddingProvider(fixed=embedder or FakeEmbedder())
    rules = ActiveRules.for_file(config, Path(name), provider)
    linter = Linter(ConfigResolver(isolated=True), provider)
    return linter.lint_document(SourceDocument(name, text), rules)


def errors_at(items: list[Any]) -> list[tuple[str, tuple[int, int, int, int]]]:
    """(reason, (line, column, end line, end column)) of each parse error among a reader's
    ``items``, for compact assertions."""
    return [
        (item.reason, (loc.line, loc.column, loc.end_line, loc.end_column))
        for item in items
        if isinstance(item, ParseError) and (loc := item.location)
    ]


def codes_at(diagnostics: list[Diagnostic]) -> list[tuple[str, int, int]]:
    """(code, line, column) of each diagnostic, for compact assertions."""
    return [(d.code, d.location.line, d.location.column) for d in diagnostics]


@pytest.fixture
def shared_rubrics() -> Path:
    """The shared real-rubric corpus; tests using it skip when it is absent."""
    path = SHARED / "data" / "rubrics"
    if not path.is_dir():
        pytest.skip("../shared/data/rubrics is not available")
    return path


@pytest.fixture(scope="session")
def real_embedder() -> Any:
    """The installed all-MiniLM-L6-v2 embedder (offline); the test skips if it cannot load."""
    from rift_lint.embeddings.embedder import EmbeddingError, default_embedder

    embedder = default_embedder(None)
    try:
        embedder.encode(["probe"])
    except EmbeddingError as exc:  # pragma: no cover - depends on the installed model
        pytest.skip(str(exc))
    return embedder
