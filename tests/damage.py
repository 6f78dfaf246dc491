"""Damage a cache database the way a crash or a bad disk leaves it."""

from __future__ import annotations

from pathlib import Path

PAGE = 4096


def damage_pages_after_the_first(database: Path) -> None:
    """Overwrite every page but the first (the header and schema) with garbage: the file still
    opens, and SQLite finds the damage only when a query reads a table."""
    size = database.stat().st_size
    with database.open("r+b") as handle:
        handle.seek(PAGE)
        handle.write(bytes(range(256)) * ((size - PAGE) // 256))
