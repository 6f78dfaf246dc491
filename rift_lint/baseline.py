"""Baselines: accept the findings a dataset already has, and fail only on new ones.

``check --write-baseline FILE`` records the content fingerprint (:mod:`rift_lint.reporters.
fingerprint`) of every finding of the run; ``check --baseline FILE`` drops the findings whose
fingerprint the file holds. Fingerprints hash the path, code, rubric, criterion and offending
text, never the line nor an id that rift-lint numbered by position, so a baseline survives
edits elsewhere in a file, inserted criteria and records included; a criterion whose
offending words change is a new finding. Paths are taken relative to the baseline file's
folder, so the same baseline works from any working directory. The file is JSON, sorted, one
entry per finding, so that it diffs well in review::

    {"format": "rift-lint-baseline", "version": 3, "findings": [
      {"code": "RL101", "criterion_id": "c1", "fingerprint": "5dd4...", "path": "a.yaml",
       "rubric_id": "r1"}]}

Older versions must be written again: version 1 hashed the paths as the command line gave
them, version 2 the ids numbered by position (``c3``, ``rubric-2``) of criteria and rubrics
that the file gives none.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from rift_lint.reporters.fingerprint import file_fingerprints
from rift_lint.results import FileResult, RunResult
from rift_lint.tagged_json import read_tagged_json

FORMAT = "rift-lint-baseline"
VERSION = 3
# Why a baseline of an older version cannot be used: its fingerprints differ from this one's.
_OLD_VERSIONS = {
    1: "it hashed paths as the command line gave them",
    2: "it hashed the ids numbered by position that rift-lint gives criteria and rubrics "
    "without one, which inserting an item above changes",
}


class BaselineError(Exception):
    """A baseline file that cannot be read or is not a rift-lint baseline."""


@dataclass(frozen=True)
class BaselineEntry:
    """One accepted finding: its fingerprint and, for readers of the file, what it is."""

    fingerprint: str
    path: str
    code: str
    rubric_id: str | None
    criterion_id: str | None


@dataclass(frozen=True)
class Baseline:
    """A loaded baseline: its entries, and the folder its paths are relative to."""

    entries: list[BaselineEntry]
    folder: Path


@dataclass(frozen=True)
class BaselineOutcome:
    """What applying a baseline did: findings it hid, and entries that matched nothing in
    the files this run linted (fixed findings: the baseline can be rewritten smaller)."""

    hidden: int
    stale: int


def relative_path(path: str, folder: Path) -> str:
    """A linted file's path as a baseline in ``folder`` records it: relative to that folder,
    with forward slashes. Standard input (``-``) stays as it is, and so does a path on
    another drive, made absolute."""
    if path == "-":
        return path
    absolute = Path(path).absolute()
    try:
        relative = os.path.relpath(absolute, folder.absolute())
    except ValueError:
        relative = str(absolute)
    return relative.replace(os.sep, "/")


def _fingerprints(file: FileResult, folder: Path) -> tuple[str, list[str]]:
    """A file's path as the baseline records it, and its findings' fingerprints."""
    path = relative_path(file.path, folder)
    return path, file_fingerprints(file, path)


def baseline_entries(result: RunResult, folder: Path) -> list[BaselineEntry]:
    """One entry per finding of the run, for a baseline in ``folder``, sorted by path, code
    and fingerprint."""
    entries = []
    for file in result.files:
        path, prints = _fingerprints(file, folder)
        entries.extend(
            BaselineEntry(print_, path, d.code, d.rubric_id, d.criterion_id)
            for d, print_ in zip(file.diagnostics, prints, strict=True)
        )
    return sorted(entries, key=lambda e: (e.path, e.code, e.fingerprint))


def baseline_text(entries: list[BaselineEntry]) -> str:
    """The baseline file holding ``entries``, as written by ``--write-baseline``."""
    document = {
        "format": FORMAT,
        "version": VERSION,
        "findings": [
            {
                "code": e.code,
                "criterion_id": e.criterion_id,
                "fingerprint": e.fingerprint,
                "path": e.path,
                "rubric_id": e.rubric_id,
            }
            for e in entries
        ],
    }
    return json.dumps(document, indent=1, ensure_ascii=False) + "\n"


def load_baseline(path: Path) -> Baseline:
    """A baseline file's entries. Raises :class:`BaselineError` with the reason."""
    document = read_tagged_json(path, FORMAT, "rift-lint baseline", BaselineError)
    version = document.get("version")
    if version != VERSION:
        why = _OLD_VERSIONS.get(version) if isinstance(version, int) else None
        raise BaselineError(
            f"{path}: baseline version {version!r} is not {VERSION}"
            + (f" ({why})" if why else "")
            + ": write it again with `rift-lint check --write-baseline`"
        )
    findings = document.get("findings")
    if not isinstance(findings, list):
        raise BaselineError(f'{path}: not a rift-lint baseline ("findings" is not a list)')
    entries = []
    for number, item in enumerate(findings, 1):
        if not (
            isinstance(item, dict)
            and isinstance(item.get("fingerprint"), str)
            and isinstance(item.get("path"), str)
            and isinstance(item.get("code"), str)
        ):
            raise BaselineError(
                f"{path}: finding {number} needs string fields fingerprint, path and code"
            )
        entries.append(
            BaselineEntry(
                item["fingerprint"],
                item["path"],
                item["code"],
                item.get("rubric_id"),
                item.get("criterion_id"),
            )
        )
    return Baseline(entries, path.parent)


def apply_baseline(
    result: RunResult, baseline: Baseline, embeddings: bool = True
) -> BaselineOutcome:
    """Drop from ``result`` the findings whose fingerprint the baseline holds.

    Entries of files this run did not lint (a pre-commit run sees only the changed files)
    are neither used nor stale, nor are entries of rules that did not run in full on their
    file: a rule left out cannot have fixed anything. A rule ran in full when it could report
    on the file (:attr:`FileResult.rules_run`: selected there) and, in a run without
    ``embeddings``, does not use them; where part of the file did not parse, only RL001 did.
    """
    accepted = {entry.fingerprint for entry in baseline.entries}
    used: set[str] = set()
    hidden = 0
    linted: dict[str, frozenset[str]] = {}  # the codes of the rules that ran in full
    for file in result.files:
        path, prints = _fingerprints(file, baseline.folder)
        linted[path] = file.rules_run_in_full(embeddings)
        kept = []
        for diagnostic, print_ in zip(file.diagnostics, prints, strict=True):
            if print_ in accepted:
                used.add(print_)
                hidden += 1
            else:
                kept.append(diagnostic)
        file.diagnostics = kept
    stale = sum(
        1
        for e in baseline.entries
        if e.code in linted.get(e.path, ()) and e.fingerprint not in used
    )
    return BaselineOutcome(hidden, stale)
