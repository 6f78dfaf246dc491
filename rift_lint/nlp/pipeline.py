"""The one owner of spaCy: loads a pipeline lazily, once per process and model.

Default: a trained English pipeline when one is installed (``en_core_web_sm`` and friends, or
``[tool.rift-lint.nlp] model``), otherwise ``spacy.blank("en")`` with a rule-based sentencizer
and lemmas looked up in spacy-lookups-data's English table. Lemmas are always lower-case.
Rules use tokens, lemmas, ``like_num`` and Matcher/PhraseMatcher patterns, and POS/dependency
labels only as a refinement when :func:`has_parser` says the pipeline provides them.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from functools import cache
from types import ModuleType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.lookups import Table
    from spacy.tokens import Doc

TRAINED_DEFAULTS = ("en_core_web_sm", "en_core_web_md", "en_core_web_lg", "en_core_web_trf")
BATCH_SIZE = 256


class PipelineError(RuntimeError):
    """The configured spaCy model cannot be loaded."""


def import_spacy(allow_torch: bool = False) -> ModuleType:
    """Import spaCy without letting thinc import torch, unless ``allow_torch``.

    thinc imports torch whenever it is installed, which triples spaCy's import time; the
    rule-based pipelines never use it. torch is hidden only while spaCy is first imported, so
    the embedding layer can still import it later in the same process.
    """
    if allow_torch or "spacy" in sys.modules or "torch" in sys.modules:
        import spacy

        return spacy
    sys.modules["torch"] = None  # type: ignore[assignment]
    try:
        import spacy
    finally:
        if sys.modules.get("torch", False) is None:
            del sys.modules["torch"]
    return spacy


def load(model: str | None = None) -> Language:
    """The pipeline for ``model`` (a package name or path), or the default pipeline.

    ``load()`` and ``load(None)`` share one pipeline (and so one vocabulary).
    """
    return _load(model)


@cache
def _load(model: str | None) -> Language:
    spacy = import_spacy(allow_torch=bool(model) and "trf" in str(model))

    if model:
        try:
            nlp = spacy.load(model)
        except OSError as exc:
            raise PipelineError(f"cannot load spaCy model {model!r}: {exc}") from None
        _register_components()
        nlp.add_pipe("rift_lowercase_lemmas", last=True)
        return nlp
    for name in TRAINED_DEFAULTS:
        if spacy.util.is_package(name):
            nlp = spacy.load(name)
            _register_components()
            nlp.add_pipe("rift_lowercase_lemmas", last=True)
            return nlp
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    _register_components()
    nlp.add_pipe("rift_lookup_lemmas")
    return nlp


@cache
def _lemma_table() -> Table:
    from spacy.lookups import load_lookups

    return load_lookups("en", ["lemma_lookup"]).get_table("lemma_lookup")


@cache
def _register_components() -> None:
    """Register the lemma components: lookup lemmas for the blank pipeline, lower-casing for all.

    Lemmas are looked up from the lower-cased word, and stop words and numbers keep their
    lower-cased form (the lookup table maps "as" to "a" and "well" to "good").
    """
    from spacy.language import Language

    @Language.component("rift_lookup_lemmas")
    def lookup_lemmas(doc: Doc) -> Doc:
        table = _lemma_table()
        for token in doc:
            lower = token.lower_
            token.lemma_ = lower if token.is_stop or token.like_num else table.get(lower, lower)
        return doc

    @Language.component("rift_lowercase_lemmas")
    def lowercase_lemmas(doc: Doc) -> Doc:
        for token in doc:
            token.lemma_ = token.lemma_.lower()
        return doc


def has_parser(nlp: Language) -> bool:
    """Whether the pipeline assigns POS tags and dependency labels (a trained pipeline)."""
    return "parser" in nlp.pipe_names and (
        "tagger" in nlp.pipe_names or "morphologizer" in nlp.pipe_names
    )


def process(texts: Iterable[str], model: str | None = None) -> list[Doc]:
    """Docs for many texts at once, batched through ``nlp.pipe``."""
    return list(load(model).pipe(texts, batch_size=BATCH_SIZE))
