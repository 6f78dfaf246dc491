"""Word lists shipped as data files in ``rift_lint/data/lexicons/``, one term per line.

Blank lines and ``#`` comments are ignored; a ``#`` opens a comment at the start of a line or
after a space, so "c#" is a term (:func:`data_lines`). A term may be several words; it is matched on
lemmas, so list the base form ("engage", not "engaging"); a line may list variants of one
term as alternatives ("a|b|c", :func:`variants`). Rule options add terms
(``extend-<list>``) or remove them (``trim-<list>``) without editing the files.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from importlib import resources

_COMMENT = re.compile(r"(?:^|\s)#.*")
EXACT = "="
"""Opens a term matched on its exact word form, not its lemma ("=detailed": "detail" would
match the noun too)."""


def data_lines(text: str) -> list[str]:
    """The entries of a shipped data file, one per line: stripped, without blank lines and
    comments (a ``#`` at the start of a line or after a space)."""
    lines = (_COMMENT.sub("", line).strip() for line in text.splitlines())
    return [line for line in lines if line]


@cache
def load_lexicon(name: str) -> tuple[str, ...]:
    """The terms of ``<name>.txt``, lower-cased, in file order."""
    text = (
        resources.files("rift_lint")
        .joinpath("data", "lexicons", f"{name}.txt")
        .read_text(encoding="utf-8")
    )
    return tuple(line.lower() for line in data_lines(text))


@cache
def term_set(name: str) -> frozenset[str]:
    """The terms of ``<name>.txt`` as a set, for membership tests (cached)."""
    return frozenset(load_lexicon(name))


def adjusted(name: str, extend: Iterable[str] = (), trim: Iterable[str] = ()) -> tuple[str, ...]:
    """A lexicon with ``extend`` added and ``trim`` removed (case-insensitive)."""
    removed = {term.lower() for term in trim}
    terms = [term for term in load_lexicon(name) if term not in removed]
    terms.extend(term.lower() for term in extend if term.lower() not in removed)
    return tuple(dict.fromkeys(terms))


def split_exact(terms: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """``terms`` split into those matched on lemmas and the exact forms (``EXACT`` dropped)."""
    lemmas = tuple(term for term in terms if not term.startswith(EXACT))
    exact = tuple(term[len(EXACT) :].strip() for term in terms if term.startswith(EXACT))
    return lemmas, exact


def lines_listing(name: str, entry: str) -> list[str]:
    """The lines of the lexicon ``name`` that list ``entry`` among their variants."""
    return [line for line in load_lexicon(name) if entry.lower() in variants(line)]


def unlisted(name: str, entry: str) -> str:
    """Why ``entry`` trims nothing from the lexicon ``name``, naming the line that holds it as
    one of its variants, if one does (such a line is trimmed whole)."""
    lines = lines_listing(name, entry)
    where = f" (it is part of the line {lines[0]!r}: trim the whole line)" if lines else ""
    return f"{entry!r} is no entry of the word list {name}, so trimming it removes nothing{where}"


def variants(line: str) -> tuple[str, ...]:
    """The variants of one lexicon line written as alternatives ("a|b|c"), in order."""
    return tuple(variant.strip() for variant in line.split("|") if variant.strip())
