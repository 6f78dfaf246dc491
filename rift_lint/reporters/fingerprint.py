"""Content fingerprints of findings, shared by the ``json`` and ``sarif`` formats.

A fingerprint identifies a finding across runs, so code scanning and baselines can tell an old
finding from a new one. It hashes what the finding is about, never where it sits:

    sha256("path|code|rubric|criterion|offending text")

The rubric and criterion are their ids as the file writes them. An id the reader made up from
a position (``c3``, ``rubric-2``: :class:`~rift_lint.models.PositionalId`) would change when
an item is inserted above, so such a criterion is hashed as its whitespace-normalised text, and
such a rubric as the SHA-256 of its normalised prompt (empty without one): the diagnostic's
``criterion_key`` and ``rubric_key``. A criterion shown under such an id that has an id of its
own in the file (a PaperBench leaf's node ``id``, :attr:`~rift_lint.models.Criterion.written_id`)
is hashed as that id instead.

The offending text is the span's text with whitespace runs collapsed (so re-indenting or
re-wrapping does not change it), or, for a zero-width span, the text of its line. A finding
that underlines several places (every unanchored term of a criterion, every part of a bundle)
adds the text of each further one, so an edit that adds a new offending term makes a new
finding rather than one a baseline already accepts. Line numbers and the message are left
out: inserting lines or criteria above a finding, or rewording a rule's message, keeps its
fingerprint. Findings that would share a fingerprint within a file get an occurrence
number mixed in (the second copy hashes ``...|#2``), so every fingerprint of a run is unique.
"""

from __future__ import annotations

import hashlib
from collections import Counter

from rift_lint.location import Location
from rift_lint.models import Diagnostic
from rift_lint.results import FileResult
from rift_lint.source import SourceDocument


def offending_text(document: SourceDocument | None, location: Location) -> str:
    """The normalised text a location covers (its line's text for a zero-width span)."""
    if document is None:
        return ""
    text = document.text_at(location) or document.line_text(location.line)
    return " ".join(text.split())


def _identity(shown_id: str | None, key: str | None) -> str:
    """A rubric or criterion as a fingerprint hashes it: its key when a reader gave its id by
    position, else its id as shown (empty for none)."""
    return (shown_id or "") if key is None else key


def fingerprint(
    diagnostic: Diagnostic,
    document: SourceDocument | None,
    occurrence: int = 1,
    path: str | None = None,
) -> str:
    """The hex sha256 fingerprint of one finding; ``occurrence`` > 1 for repeated content.

    ``path`` replaces the finding's path as reported (a baseline hashes paths relative to its
    own folder)."""
    parts = [
        (path or diagnostic.location.path).replace("\\", "/"),
        diagnostic.code,
        _identity(diagnostic.rubric_id, diagnostic.rubric_key),
        _identity(diagnostic.criterion_id, diagnostic.criterion_key),
        offending_text(document, diagnostic.location),
        *(offending_text(document, highlight) for highlight in diagnostic.highlights),
    ]
    if occurrence > 1:
        parts.append(f"#{occurrence}")
    return hashlib.sha256("|".join(parts).encode("utf-8")).hexdigest()


def file_fingerprints(file_result: FileResult, path: str | None = None) -> list[str]:
    """Fingerprints of a file's diagnostics, in order, made unique by occurrence numbers;
    ``path`` as in :func:`fingerprint`."""
    seen: Counter[str] = Counter()
    prints: list[str] = []
    document = file_result.document
    for diagnostic in file_result.diagnostics:
        base = fingerprint(diagnostic, document, path=path)
        seen[base] += 1
        prints.append(
            base if seen[base] == 1 else fingerprint(diagnostic, document, seen[base], path)
        )
    return prints
