"""The one owner of spaCy: loads a pipeline lazily, once per process and model.

Default: a trained English pipeline when one is installed (``en_core_web_sm`` and friends, or
``[tool.rift-lint.nlp] model``), otherwise ``spacy.blank("en")``. A pipeline without sentence
boundaries gets a rule-based sentencizer, and one without a lemmatizer gets lemmas looked up in
spacy-lookups-data's English table. Lemmas are always lower-case.
Rules use tokens, lemmas, ``like_num`` and Matcher/PhraseMatcher patterns alone, never POS tags
or dependency labels, so they read a blank and a trained pipeline's docs the same way; a trained
pipeline contributes its own lemmas and sentence boundaries.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterable
from functools import cache
from types import ModuleType
from typing import TYPE_CHECKING

from rift_lint.nlp.abbreviations import keep_abbreviations

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

TRAINED_DEFAULTS = ("en_core_web_sm", "en_core_web_md", "en_core_web_lg", "en_core_web_trf")
BATCH_SIZE = 256
GC_THRESHOLD = 10_000  # allocations between two young-generation collections (default 700)
TOKENIZER_CACHE_CHUNKS = 1_000_000  # spaCy's default, 10,000, fills early in a dataset run
MAX_TEXT_CHARS = 100_000_000  # spaCy's nlp.max_length is 1,000,000
_SENTENCE_SETTERS = frozenset({"parser", "senter", "sentencizer"})
_LEMMATIZERS = frozenset({"lemmatizer", "trainable_lemmatizer"})


class PipelineError(RuntimeError):
    """The configured spaCy model cannot be loaded."""


def import_spacy(allow_torch: bool = False) -> ModuleType:
    """Import spaCy without letting thinc import torch, unless ``allow_torch``, and without
    its command-line interface.

    thinc imports torch whenever it is installed, which triples spaCy's import time; the
    rule-based pipelines never use it. ``import spacy`` also imports ``spacy.cli`` (requests,
    typer, weasel, httpx, jinja2: about a third of its import time) only to expose
    ``spacy.info``. Both are hidden only while spaCy is first imported, so the embedding layer
    can still import torch, and ``spacy.cli`` imports for real, later in the same process.
    """
    if "spacy" in sys.modules:
        import spacy

        return spacy
    info = ModuleType("spacy.cli.info")
    info.info = _spacy_info  # type: ignore[attr-defined]
    placeholders: dict[str, ModuleType | None] = {
        "spacy.cli": ModuleType("spacy.cli"),
        "spacy.cli.info": info,
    }
    if not allow_torch and "torch" not in sys.modules:
        placeholders["torch"] = None
    sys.modules.update(placeholders)  # type: ignore[arg-type]
    try:
        import spacy
    finally:
        for name, placeholder in placeholders.items():
            if sys.modules.get(name, False) is placeholder:
                del sys.modules[name]
    return spacy


def _spacy_info(*args: object, **kwargs: object) -> object:
    """``spacy.info``, importing spaCy's command-line interface on first use."""
    from spacy.cli.info import info

    return info(*args, **kwargs)


def load(model: str | None = None) -> Language:
    """The pipeline for ``model`` (a package name or path), or the default pipeline.

    ``load()`` and ``load(None)`` share one pipeline (and so one vocabulary).
    """
    return _load(model)


@cache
def _load(model: str | None) -> Language:
    """Build the pipeline, then tune its tokenizer and the cyclic garbage collector for linting.

    The tokenizer keeps abbreviations such as "et al." and "Fig." whole
    (:mod:`rift_lint.nlp.abbreviations`).

    The tokenizer caches how it split each whitespace-separated chunk ("response," into
    "response" and ","), but spaCy stops adding to that cache after 10,000 chunks; a corpus
    has far more, and re-splitting every later chunk with the affix regexes took about a third
    of the pipeline's time. The cache holds a pointer per token of each chunk (a few MB for
    the whole shipped corpus).

    spaCy refuses texts over a million characters (a guard for the memory of trained parsers);
    rift-lint reads any criterion or prompt of a file it can load, up to ``MAX_TEXT_CHARS``.

    The pipeline (and everything imported so far) lives as long as the process: ``gc.freeze``
    keeps every full collection from walking its vocabulary and lookup tables again. Linting
    then allocates many small objects that live for one batch; with the default threshold
    (a collection every 700 allocations) the collector took about 15% of a corpus run.
    """
    nlp = _build(model)
    nlp.max_length = max(nlp.max_length, MAX_TEXT_CHARS)
    keep_abbreviations(nlp)
    nlp.tokenizer.max_cache_size = TOKENIZER_CACHE_CHUNKS
    gc.freeze()
    gc.set_threshold(GC_THRESHOLD, *gc.get_threshold()[1:])
    return nlp


def _build(model: str | None) -> Language:
    """The configured pipeline, else an installed trained one, else blank English; then
    :func:`_complete` adds what the rules need and it lacks."""
    spacy = import_spacy(allow_torch=bool(model) and "trf" in str(model))
    if model:
        try:
            return _complete(spacy.load(model))
        except (OSError, ValueError, KeyError, ImportError) as exc:
            reason = " ".join(str(exc).split())
            raise PipelineError(f"cannot load spaCy model {model!r}: {reason}") from None
    for name in TRAINED_DEFAULTS:
        if spacy.util.is_package(name):
            return _complete(spacy.load(name))
    return _complete(spacy.blank("en"))


def _complete(nlp: Language) -> Language:
    """Add sentence boundaries and lower-case lemmas to a pipeline that lacks them.

    A pipeline without a parser, senter or sentencizer gets a sentencizer. One without a
    lemmatizer gets the lookup lemmas of the blank pipeline (the rules match on lemmas); one
    with a lemmatizer gets its lemmas lower-cased.
    """
    _register_components()
    factories = {nlp.get_pipe_meta(name).factory for name in nlp.pipe_names}
    if not factories & _SENTENCE_SETTERS:
        nlp.add_pipe("sentencizer")
    if factories & _LEMMATIZERS:
        nlp.add_pipe("rift_lowercase_lemmas", last=True)
    else:
        nlp.add_pipe("rift_lookup_lemmas", last=True)
    return nlp


@cache
def _register_components() -> None:
    """Register the lemma components: lookup lemmas for the blank pipeline, lower-casing for all.

    Lemmas are looked up from the lower-cased word, and stop words and numbers keep their
    lower-cased form (the lookup table maps "as" to "a" and "well" to "good").
    """
    from spacy.language import Language

    from rift_lint.nlp.lemmas import LookupLemmas

    @Language.factory("rift_lookup_lemmas")
    def lookup_lemmas(nlp: Language, name: str) -> LookupLemmas:
        return LookupLemmas(nlp.vocab)

    @Language.component("rift_lowercase_lemmas")
    def lowercase_lemmas(doc: Doc) -> Doc:
        for token in doc:
            token.lemma_ = token.lemma_.lower()
        return doc


def process(texts: Iterable[str], model: str | None = None) -> list[Doc]:
    """Docs for many texts at once, batched through ``nlp.pipe``.

    A text that occurs several times is processed once and its doc shared (rules only read
    docs).
    """
    texts = list(texts)
    unique = list(dict.fromkeys(texts))
    docs = dict(zip(unique, load(model).pipe(unique, batch_size=BATCH_SIZE), strict=True))
    return [docs[text] for text in texts]
