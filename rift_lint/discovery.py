"""Which files a run lints: explicit files, and supported files found under directories."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

from rift_lint.config import DEFAULT_CACHE_DIR, ConfigResolver, resolved
from rift_lint.own_output import is_own_output
from rift_lint.parsing import is_supported

SKIPPED_DIRECTORIES = {".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__"}


def _skipped(folder: str) -> bool:
    """Whether a directory search skips a folder of this name: hidden, or an environment."""
    return folder in SKIPPED_DIRECTORIES or folder.startswith(".")


class OwnFileIsRubric(Exception):
    """A file the run writes (its output file or baseline) is a rubric that a directory it
    lints holds: writing would replace the rubric."""

    def __init__(self, path: Path, root: Path) -> None:
        super().__init__(
            f"{path} is a rubric file in {root}, which this run lints, and the run writes its "
            "output there: the rubric would be overwritten. Write the output outside the "
            "linted folders, or exclude the file"
        )


def discover(
    paths: list[Path],
    resolver: ConfigResolver,
    force_exclude: bool = False,
    own_files: frozenset[Path] = frozenset(),
    on_error: Callable[[OSError], None] | None = None,
) -> Iterator[Path]:
    """Files to lint, in a stable order.

    Directories are searched recursively for supported extensions, skipping hidden and
    environment folders, anything matching ``exclude``, and the files rift-lint wrote
    (baselines and reports, :func:`is_own_output`). Files named explicitly are always
    linted unless ``force_exclude`` applies the excludes, and skips rift-lint's own files, to
    them too (pre-commit names a committed baseline or report when it changes).
    ``own_files`` (resolved paths: the run's baseline and output file) are never linted,
    found or named. A file reached twice (named twice, or inside two overlapping
    directories) is linted once, under the name it was first reached by. A directory that
    cannot be listed is skipped and handed to ``on_error`` (the error's ``filename``).

    Raises :class:`OwnFileIsRubric` when a directory holds one of ``own_files`` that is not
    empty and not a file rift-lint wrote, so it would be linted were the run not to write it.
    """
    seen: set[Path] = set(own_files)
    for path, root in _candidates(paths, resolver, force_exclude, on_error):
        followed = resolved(path)
        if root is not None and followed in own_files and _has_content(path):
            raise OwnFileIsRubric(path, root)
        if followed not in seen:
            seen.add(followed)
            yield path


def _candidates(
    paths: list[Path],
    resolver: ConfigResolver,
    force_exclude: bool,
    on_error: Callable[[OSError], None] | None,
) -> Iterator[tuple[Path, Path | None]]:
    """Each file to consider, with the directory it was found in (``None`` when named)."""
    for path in paths:
        if path.is_dir():
            yield from ((found, path) for found in _walk(path, resolver, on_error))
        elif not (force_exclude and _force_excluded(path, resolver)):
            yield path, None


def _force_excluded(path: Path, resolver: ConfigResolver) -> bool:
    """Whether ``--force-exclude`` skips a named file: ``exclude`` matches it, rift-lint
    wrote it, or a directory search would not enter one of its folders (hidden, or an
    environment such as ``.venv``), as pre-commit names files a search never finds."""
    return resolver.is_excluded(path) or is_own_output(path) or _in_skipped_folder(path)


def _in_skipped_folder(path: Path) -> bool:
    """Whether a folder of ``path`` (below the working directory, for an absolute path
    under it) is one a directory search skips."""
    try:
        shown = path.relative_to(Path.cwd()) if path.is_absolute() else path
    except ValueError:
        shown = path
    folders = [part for part in shown.parts[:-1] if part not in (os.sep, ".", "..")]
    return any(_skipped(name) for name in folders)


def _walk(
    root: Path, resolver: ConfigResolver, on_error: Callable[[OSError], None] | None
) -> Iterator[Path]:
    for directory, subdirectories, files in os.walk(root, onerror=on_error):
        subdirectories[:] = sorted(
            name
            for name in subdirectories
            if not _skipped(name) and not resolver.is_excluded_folder(Path(directory, name))
        )
        for name in sorted(files):
            path = Path(directory, name)
            if _is_lintable(path, resolver):
                yield path


def _is_lintable(path: Path, resolver: ConfigResolver) -> bool:
    """Whether a file found in a directory is one to lint."""
    return (
        is_supported(path)
        and _is_file_or_unreadable(path)
        and not resolver.is_excluded(path)
        and not is_own_output(path)
    )


def _is_file_or_unreadable(path: Path) -> bool:
    """A regular file or a link to one, or a path whose status cannot be read: a broken link
    or one that loops, a file in a folder that cannot be searched (linting reports it as
    unreadable, saying why); not a FIFO, socket or device, whose reading could block for
    ever."""
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except OSError:
        return True


def _has_content(path: Path) -> bool:
    """Whether ``path`` is a file with at least one byte (an empty file holds no rubric)."""
    try:
        return path.stat().st_size > 0
    except OSError:
        return False


def cache_directories(root: Path) -> list[Path]:
    """The cache directories of the default name (``.rift_lint_cache``) under ``root``, in the
    folders a directory search enters: where nested configurations keep theirs."""
    found = []
    for directory, subdirectories, _ in os.walk(root):
        if DEFAULT_CACHE_DIR in subdirectories:
            found.append(Path(directory, DEFAULT_CACHE_DIR))
        subdirectories[:] = sorted(name for name in subdirectories if not _skipped(name))
    return found
