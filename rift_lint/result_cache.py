"""Findings of unchanged files, kept on disk so that a re-run does not lint them again.

One entry per file and run setup ("slot"): the display name, the resolved settings, the rules
that run with their options and severities, the embedding model, the decision model, the files
of a model folder (embedding or spaCy), and the installed rift-lint, spaCy and trained spaCy
pipelines. The entry holds the SHA-256 of the file's bytes; a file whose
bytes changed misses and its entry is replaced, so editing files does not grow the cache.
Entries live in one SQLite database beside the embedding cache (``.rift_lint_cache/``):
SQLite makes each write atomic and serialises concurrent runs, and an entry that cannot be
read back is treated as a miss. ``--no-cache`` bypasses it; ``rift-lint cache clear`` removes it.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import zlib
from dataclasses import dataclass
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import BaseModel, ValidationError

from rift_lint.embeddings.embedder import model_revision
from rift_lint.models import Diagnostic
from rift_lint.nlp.pipeline import TRAINED_DEFAULTS
from rift_lint.results import FileResult, RubricSummary
from rift_lint.sqlite_store import CacheDatabase
from rift_lint.stamps import model_folder_stamp, tree_stamp

if TYPE_CHECKING:
    from rift_lint.engine import ActiveRules
    from rift_lint.source import SourceDocument

SCHEMA_VERSION = 1
DATABASE = "results.sqlite3"
# Libraries whose versions decide findings; a trained spaCy pipeline, once installed, replaces
# the blank one by default.
LIBRARIES = (
    "spacy",
    "spacy-lookups-data",
    "sentence-transformers",
    "pydantic",
    *(name.replace("_", "-") for name in TRAINED_DEFAULTS),
)
MAX_ENTRY_BYTES = 256 * 1024 * 1024  # well under SQLite's 1 GB limit on one value
TABLE = (
    "CREATE TABLE IF NOT EXISTS results ("
    " slot TEXT PRIMARY KEY, digest TEXT NOT NULL, data BLOB NOT NULL)"
)


class CachedFile(BaseModel):
    """What a file's lint left, minus its text (which is read again on every run)."""

    rubrics: int
    criteria: int
    promptless: int
    unparsed: int
    summaries: list[RubricSummary]
    diagnostics: list[Diagnostic]

    @classmethod
    def of(cls, result: FileResult) -> CachedFile:
        """The cacheable part of a file's result."""
        return cls(
            rubrics=result.rubrics,
            criteria=result.criteria,
            promptless=result.promptless,
            unparsed=result.unparsed,
            summaries=result.summaries,
            diagnostics=result.diagnostics,
        )

    def restore(self, document: SourceDocument, rules_run: frozenset[str]) -> FileResult:
        """The file's result again, with its freshly read text and the rules of this run."""
        return FileResult(
            path=document.path,
            document=document,
            diagnostics=self.diagnostics,
            rubrics=self.rubrics,
            criteria=self.criteria,
            summaries=self.summaries,
            promptless=self.promptless,
            unparsed=self.unparsed,
            rules_run=rules_run,
        )


@dataclass(frozen=True)
class EntryKey:
    """Where a file's entry lives (``slot``) and which bytes it was made from (``digest``)."""

    slot: str
    digest: str

    @classmethod
    def of(cls, rules: ActiveRules, display: str, data: bytes) -> EntryKey:
        """The key of a file's bytes linted with ``rules`` under the name ``display``."""
        setup = json.dumps(
            [installation_stamp(), display, run_setup(rules)], sort_keys=True, default=str
        )
        return cls(
            hashlib.sha256(setup.encode("utf-8")).hexdigest(), hashlib.sha256(data).hexdigest()
        )


def run_setup(rules: ActiveRules) -> dict[str, object]:
    """Everything of a file's run setup that its findings depend on, as plain data."""
    config = rules.config
    return {
        "root": str(config.root),
        "settings": config.settings.model_dump(mode="json"),
        "rules": {
            code: [
                type(rule).__qualname__,
                rule.options.model_dump(mode="json"),
                config.severity(type(rule)).value,
            ]
            for code, rule in rules.enabled.items()
        },
        "hidden": sorted(rules.hidden),
        "embedder": (
            [rules.embedder.model_id, model_revision(config.embedding_model)]
            if rules.embedder is not None
            else None
        ),
        "nlp": model_folder_stamp(config.nlp_model),
        "model": rules.model.model.checksum if rules.model is not None else None,
    }


@cache
def installation_stamp() -> str:
    """A hash of the installed rift-lint (its files' names, sizes and modification times) and
    of the versions of the libraries its findings depend on (absent ones too): it changes
    with the code."""
    digest = hashlib.sha256(tree_stamp(Path(__file__).resolve().parent).encode())
    for library in LIBRARIES:
        try:
            digest.update(f"{library}=={version(library)}\n".encode())
        except PackageNotFoundError:
            digest.update(f"{library} absent\n".encode())
    return digest.hexdigest()


class ResultCache:
    """The results database of one cache directory (opened on first use).

    The cache is an optimisation, never a reason to fail: when the directory cannot be
    written (read-only checkout, disk full) or an entry is too large to store, the run goes
    on linting without it.
    """

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._database = CacheDatabase(directory, DATABASE, SCHEMA_VERSION, TABLE)

    def get(self, key: EntryKey) -> CachedFile | None:
        """The entry for ``key``, or ``None`` (absent, made from other bytes, or unreadable)."""
        connection = self._database.connection()
        if connection is None:
            return None
        try:
            row = connection.execute(
                "SELECT digest, data FROM results WHERE slot = ?", (key.slot,)
            ).fetchone()
        except sqlite3.Error as exc:
            self._database.failed(exc)
            return None
        if row is None or row[0] != key.digest:
            return None
        try:
            return CachedFile.model_validate_json(zlib.decompress(row[1]))
        except (zlib.error, ValidationError):
            return None

    def put(self, key: EntryKey, entry: CachedFile) -> None:
        """Store (or replace) the entry of a slot; an entry that cannot be stored is dropped."""
        connection = self._database.connection()
        if connection is None:
            return
        data = zlib.compress(entry.model_dump_json().encode("utf-8"), 1)
        if len(data) > MAX_ENTRY_BYTES:
            return
        try:
            connection.execute(
                "INSERT OR REPLACE INTO results VALUES (?, ?, ?)", (key.slot, key.digest, data)
            )
        except sqlite3.Error as exc:
            self._database.failed(exc)

    def close(self) -> None:
        """Close the database."""
        self._database.close()


class ResultStore:
    """The result caches of a run, one per cache directory (configurations may differ)."""

    def __init__(self) -> None:
        self._caches: dict[Path, ResultCache] = {}

    def for_directory(self, directory: Path) -> ResultCache:
        """The cache of one directory (created on first use)."""
        if directory not in self._caches:
            self._caches[directory] = ResultCache(directory)
        return self._caches[directory]

    def close(self) -> None:
        """Close every cache's database (each reopens on next use)."""
        for results in self._caches.values():
            results.close()
