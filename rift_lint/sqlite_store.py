"""Open the SQLite databases of the cache directory, robust to damage and to concurrent runs.

A database that cannot be opened because it is damaged (truncated, not a database, or written
with another schema version), or that a query finds damaged later, is moved aside, replacing
the copy moved aside before, and rebuilt rather than trusted. One that is only busy beyond the
timeout, locked, or read-only is left as it is, and the run does without the cache. WAL mode
lets one run read while another writes; the 30-second timeout makes concurrent writers wait
instead of failing.
"""

from __future__ import annotations

import glob
import re
import sqlite3
import time
from collections.abc import Sequence
from pathlib import Path

from rift_lint.listing import first_and_rest

IGNORE_FILE = ".gitignore"
IGNORE_TEXT = "*\n"
DAMAGED = frozenset({sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB})  # primary result codes
BUSY_TIMEOUT = 30.0  # seconds a connection waits for another run's lock before giving up


class OtherSchema(sqlite3.DatabaseError):
    """The database was written with another schema version of this cache."""


def damaged(error: sqlite3.Error) -> bool:
    """Whether ``error`` says the database file itself is unusable (not a database, malformed
    pages, another schema), not that it is busy, locked, read-only or out of disk."""
    return isinstance(error, OtherSchema) or (
        (getattr(error, "sqlite_errorcode", None) or 0) & 0xFF in DAMAGED
    )


def open_store(
    directory: Path, name: str, schema_version: int, create_sql: str
) -> sqlite3.Connection:
    """Open (creating if needed) database ``name`` in ``directory`` with its table.

    The directory gets a ``.gitignore`` of ``*`` so the cache is never committed.
    """
    directory.mkdir(parents=True, exist_ok=True)
    ignore = directory / IGNORE_FILE
    if not ignore.exists():
        ignore.write_text(IGNORE_TEXT, encoding="utf-8")
    path = directory / name
    try:
        return _open(path, schema_version, create_sql)
    except sqlite3.DatabaseError as error:
        if not damaged(error):
            raise
        _move_aside(path)
        return _open(path, schema_version, create_sql)


def _move_aside(path: Path) -> None:
    """Keep an unusable database as ``<name>.corrupt-<time>`` for inspection, in place of any
    older such copy: without that, every schema upgrade would leave a whole cache behind."""
    for older in path.parent.glob(f"{glob.escape(path.name)}.corrupt-*"):
        older.unlink(missing_ok=True)
    path.replace(path.with_name(f"{path.name}.corrupt-{int(time.time())}"))


def _open(path: Path, schema_version: int, create_sql: str) -> sqlite3.Connection:
    connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT, isolation_level=None)
    try:
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=NORMAL")
        found = connection.execute("PRAGMA user_version").fetchone()[0]
        if found not in (0, schema_version):
            raise OtherSchema(f"cache schema {found} is not {schema_version}")
        connection.execute(create_sql)
        connection.execute(f"PRAGMA user_version={schema_version}")
    except sqlite3.DatabaseError:
        connection.close()
        raise
    return connection


_UNUSABLE: dict[str, str] = {}
"""The cache directories this process could not use (path -> why), until taken."""


def take_unusable() -> dict[str, str]:
    """The cache directories found unusable since the last call, each with why (the first
    reason met), for a note: a run without its cache is slow, and should say why."""
    found = dict(_UNUSABLE)
    _UNUSABLE.clear()
    return found


def _reason(error: OSError | sqlite3.Error) -> str:
    """An error in a few words: an OS error's text without its errno, else the message."""
    if isinstance(error, OSError) and error.strerror:
        return error.strerror.lower()
    return str(error)


class CacheDatabase:
    """One database of the cache directory, opened on first use.

    The cache is an optimisation, never a reason to fail: when the directory cannot be
    written (read-only checkout, disk full, a file where the directory should be) the
    database is marked unusable, :meth:`connection` returns ``None`` from then on, and the
    directory is listed for :func:`take_unusable`.
    """

    def __init__(self, directory: Path, name: str, schema_version: int, create_sql: str) -> None:
        self.directory = directory
        self._name = name
        self._schema_version = schema_version
        self._create_sql = create_sql
        self._connection: sqlite3.Connection | None = None
        self._unusable = False

    def connection(self) -> sqlite3.Connection | None:
        """The open connection, or ``None`` when the database cannot be used."""
        if self._connection is None and not self._unusable:
            try:
                self._connection = open_store(
                    self.directory, self._name, self._schema_version, self._create_sql
                )
            except (OSError, sqlite3.Error) as error:
                self._give_up(error)
        return self._connection

    def _give_up(self, error: OSError | sqlite3.Error) -> None:
        """Stop using the database for the rest of the process, and say why."""
        self._unusable = True
        in_the_way = self.directory.exists() and not self.directory.is_dir()
        reason = "a file is in its place" if in_the_way else _reason(error)
        _UNUSABLE.setdefault(str(self.directory), reason)

    def failed(self, error: sqlite3.Error) -> None:
        """Note an error met while using the database: one that says the file is damaged
        (SQLite found a malformed page only when a query read it) moves it aside, so the next
        use rebuilds it, instead of every later run missing and failing to store."""
        if not damaged(error):
            return
        self.close()
        try:
            _move_aside(self.directory / self._name)
        except OSError as exc:
            self._give_up(exc)

    def close(self) -> None:
        """Close the database (it reopens on next use)."""
        if self._connection is not None:
            self._connection.close()
            self._connection = None


class CacheClearError(Exception):
    """The cache directory is not removed: it is not one, holds other files, or removal failed."""


def _written_by_store(path: Path, databases: Sequence[str]) -> bool:
    """Whether ``path`` is a file this module writes: a database, its SQLite side files
    (``-wal``, ``-shm``, ``-journal``), a copy moved aside as corrupt, or the ``.gitignore``."""
    if not path.is_file() or path.is_symlink():
        return False
    if path.name == IGNORE_FILE:
        return path.read_bytes() == IGNORE_TEXT.encode("utf-8")
    names = "|".join(re.escape(name) for name in databases)
    return re.fullmatch(rf"(?:{names})(?:-wal|-shm|-journal|\.corrupt-\d+)?", path.name) is not None


def clear(directory: Path, databases: Sequence[str]) -> bool:
    """Delete the cache directory; ``False`` when there was none.

    Only a directory that holds nothing but what :func:`open_store` writes for ``databases``
    is removed: clearing a cache must never delete anything else, so a ``cache-dir`` that
    names a file, the project, or any directory with other contents is refused whole.
    """
    if not directory.exists():
        return False
    if not directory.is_dir() or directory.is_symlink():
        raise CacheClearError(f"{directory} is not a directory; nothing was removed")
    entries = sorted(directory.iterdir())
    foreign = [entry.name for entry in entries if not _written_by_store(entry, databases)]
    if foreign:
        raise CacheClearError(
            f"{directory} holds files rift-lint did not write ({first_and_rest(foreign, 3)}); "
            "nothing was removed: is cache-dir right?"
        )
    try:
        for entry in entries:
            entry.unlink()
        directory.rmdir()
    except OSError as exc:
        raise CacheClearError(f"cannot remove {directory}: {exc.strerror or exc}") from None
    return True
