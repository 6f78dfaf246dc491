"""What a rule is: identity, scope, options, documentation and a ``check`` that yields findings.

A rule module defines one :class:`Rule` subclass. Its docstring is its user documentation and
must hold the sections ``What it flags``, ``Why it hurts``, ``Bad`` and ``Better``; the first
line is the one-line summary shown in listings and SARIF.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Hashable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from pydantic import BaseModel, ConfigDict, ValidationInfo, field_validator, model_validator

from rift_lint.location import Location
from rift_lint.models import Criterion, Diagnostic, RelatedLocation, Rubric, Scope, Severity
from rift_lint.nlp.lexicon import adjusted, term_set, unlisted
from rift_lint.reuse import CriterionReuse

if TYPE_CHECKING:
    import numpy as np
    from spacy.tokens import Doc

    from rift_lint.embeddings.embedder import Embedder

DOC_SECTIONS = ("What it flags", "Why it hurts", "Bad", "Better")
CODE_PATTERN = re.compile(r"^RL\d{3}$")
NAME_PATTERN = re.compile(r"^[a-z]+(-[a-z]+)*$")
T = TypeVar("T")


def lexicons(prefix: str, *keys: str) -> dict[str, str]:
    """:attr:`RuleOptions.word_lists` whose lexicons are named ``<prefix>_<key>``."""
    return {key: f"{prefix}_{key}" for key in keys}


class RuleOptions(BaseModel):
    """Options of a rule, set under ``[tool.rift-lint.rules.<code or name>]``."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False, strict=True)

    word_lists: ClassVar[dict[str, str]] = {}
    """The shipped lexicons (``rift_lint/data/lexicons/<name>.txt``) the rule reads through
    :meth:`word_list`, by key; the options ``extend-<key>`` and ``trim-<key>``, where the rule
    has them, adjust the list of their key."""

    @model_validator(mode="before")
    @classmethod
    def _lists_as_tuples(cls, values: Any) -> Any:
        """Take the lists of a configuration file for the tuples the options hold; nothing
        else is converted (strict: "yes" is no boolean, "0.7" no number)."""
        if not isinstance(values, dict):
            return values
        return {key: tuple(v) if isinstance(v, list) else v for key, v in values.items()}

    @field_validator("*")
    @classmethod
    def _no_empty_entry(cls, value: Any) -> Any:
        """Refuse an empty or blank entry in a word list: it would match nothing, silently."""
        if isinstance(value, tuple) and any(isinstance(v, str) and not v.strip() for v in value):
            raise ValueError("a list entry is empty")
        return value

    @field_validator("*")
    @classmethod
    def _trims_listed_words(cls, value: Any, info: ValidationInfo) -> Any:
        """Refuse a ``trim-<key>`` entry that is no entry of the word list it trims: it would
        remove nothing, silently (a typo, or a word the list never held)."""
        name = info.field_name or ""
        key = name.removeprefix("trim_")
        if name.startswith("trim_") and key in cls.word_lists:
            for entry in value:
                if not cls.trims(key, entry):
                    raise ValueError(unlisted(cls.word_lists[key], entry))
        return value

    @classmethod
    def trims(cls, key: str, entry: str) -> bool:
        """Whether ``trim-<key>`` removes something when it lists ``entry``: a line of the
        word list, whatever its case."""
        return entry.lower() in term_set(cls.word_lists[key])

    def word_list(self, key: str) -> tuple[str, ...]:
        """The terms of the word list ``key`` (:attr:`word_lists`) with this rule's
        ``extend-<key>`` and ``trim-<key>`` options applied."""
        extend = getattr(self, f"extend_{key}", ())
        trim = getattr(self, f"trim_{key}", ())
        return adjusted(self.word_lists[key], extend, trim)


@dataclass
class RuleContext:
    """What a rule may look at besides its target: the rubric and its processed texts.

    ``docs`` holds the spaCy doc of each criterion (keyed by ``id(criterion)``) when an enabled
    rule sets ``uses_nlp``; ``vectors`` its embedding when one sets ``uses_embeddings``. The
    engine builds both in batches (``nlp.pipe``, one ``encode`` call per batch). ``reuse``
    indexes the criterion texts of all the rubrics linted together (the file's). A context
    serves one rubric of one batch, and what rules keep in it (:meth:`memo`) goes with it.
    """

    rubric: Rubric
    docs: dict[int, Doc] = field(default_factory=dict)
    nlp_model: str | None = None
    embedder: Embedder | None = None
    vectors: dict[int, np.ndarray] = field(default_factory=dict)
    reuse: CriterionReuse = field(default_factory=CriterionReuse)
    _prompt_doc: Doc | None = field(default=None, repr=False)
    _memo: dict[Hashable, Any] = field(default_factory=dict, repr=False)

    def vector(self, criterion: Criterion) -> np.ndarray:
        """The unit embedding of a criterion's text (rules that set ``uses_embeddings``)."""
        return self.vectors[id(criterion)]

    def embed(self, texts: list[str]) -> np.ndarray:
        """Unit embeddings of other texts (prompt parts, reference banks), one row each."""
        if self.embedder is None:
            raise RuntimeError("embeddings are not available to this rule")
        return self.embedder.encode(texts)

    def doc(self, criterion: Criterion) -> Doc:
        """The processed text of a criterion of this rubric."""
        return self.docs[id(criterion)]

    def prompt_doc(self) -> Doc | None:
        """The processed prompt (built on first use), or ``None`` without a prompt."""
        if self._prompt_doc is None and self.rubric.prompt:
            from rift_lint.nlp.pipeline import load

            self._prompt_doc = load(self.nlp_model)(self.rubric.prompt)
        return self._prompt_doc

    def memo(self, key: Hashable, compute: Callable[[], T]) -> T:
        """``compute()``, computed once for this rubric: work a rule's ``texts_to_encode`` and
        its check both need, or that two rules share. ``key`` holds what the result depends on
        besides the rubric (the rule, which carries its options, or the option values); callers
        must not change the result."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]


class Rule:
    """Base class of all rules."""

    code: ClassVar[str]
    name: ClassVar[str]
    failure_mode: ClassVar[str | None] = None
    scope: ClassVar[Scope]
    default_severity: ClassVar[Severity] = Severity.WARNING
    uses_nlp: ClassVar[bool] = False
    uses_embeddings: ClassVar[bool] = False
    # Set by an embedding rule that still runs without embeddings (``--no-embeddings``), with
    # ``RuleContext.embedder`` left ``None`` and its embedding checks left out.
    embeddings_optional: ClassVar[bool] = False
    requires_prompt: ClassVar[bool] = False
    Options: ClassVar[type[RuleOptions]] = RuleOptions
    # Looser option values the rule runs with when a trained model judges its findings: the
    # rule then proposes more candidates, and the model decides which of them stand.
    candidate_options: ClassVar[dict[str, Any]] = {}

    def __init__(self, options: RuleOptions | None = None) -> None:
        self.options = options if options is not None else self.Options()

    def candidates(self) -> Rule:
        """This rule with ``candidate_options`` over its own options (built once)."""
        if not self.candidate_options:
            return self
        loosened = self.__dict__.get("_candidates")
        if loosened is None:
            loosened = type(self)(self.options.model_copy(update=self.candidate_options))
            self.__dict__["_candidates"] = loosened
        return loosened

    @classmethod
    def summary(cls) -> str:
        """The first line of the rule's documentation."""
        return (cls.__doc__ or "").strip().splitlines()[0].strip()

    @classmethod
    def documentation(cls) -> str:
        """The rule's full documentation, dedented."""
        return inspect.cleandoc(cls.__doc__ or "")

    def check_criterion(self, criterion: Criterion, context: RuleContext) -> Iterator[Diagnostic]:
        """Findings for one criterion (criterion-scope rules override this)."""
        return iter(())

    def check_rubric(self, rubric: Rubric, context: RuleContext) -> Iterator[Diagnostic]:
        """Findings for a whole rubric (rubric-scope rules override this)."""
        return iter(())

    def texts_to_encode(self, rubric: Rubric, context: RuleContext) -> list[str]:
        """The texts other than criteria that the checks will pass to ``context.embed`` for
        this rubric (embedding rules override this). The engine encodes them together with
        the batch's criteria, in one call: many small calls pad and cost more per text. What
        the check would work out again is kept with :meth:`RuleContext.memo`."""
        return []

    def diagnostic(
        self,
        location: Location,
        message: str,
        *,
        rubric: Rubric | None = None,
        criterion: Criterion | None = None,
        suggestion: str | None = None,
        confidence: float | None = None,
        related: list[RelatedLocation] | None = None,
        highlights: list[Location] | None = None,
    ) -> Diagnostic:
        """A finding of this rule; the engine applies configured severities afterwards."""
        return Diagnostic(
            code=self.code,
            name=self.name,
            failure_mode=self.failure_mode,
            severity=self.default_severity,
            message=message,
            location=location,
            rubric_id=rubric.id if rubric else None,
            criterion_id=criterion.id if criterion else None,
            rubric_key=rubric.fingerprint_key() if rubric else None,
            criterion_key=criterion.fingerprint_key() if criterion else None,
            suggestion=suggestion,
            confidence=confidence,
            related=related or [],
            highlights=highlights or [],
        )


def written_criteria(rubric: Rubric) -> list[Criterion]:
    """The rubric's criteria that have text (the rubric rules weigh and compare only those)."""
    return [criterion for criterion in rubric.criteria if criterion.text.strip()]


def quoted(text: str) -> str:
    """``text`` quoted for a message: in double quotes, or in single quotes when it holds a
    double quote (in typographic ones when it holds both), so that no quote of its own reads
    as the closing one: "the answer", 'Never say "cannot"', “the user's "plan"”."""
    if '"' not in text:
        return f'"{text}"'
    return f"'{text}'" if "'" not in text else f"\u201c{text}\u201d"


def excerpt(text: str, limit: int) -> str:
    """``text`` on one line for a message, cut to ``limit`` characters with an ellipsis: after
    its last whole word that fits ("the Twilight saga…", not "the Twilight saga witho…"),
    unless that word ends in the first half (a long word is cut inside)."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if not text[limit - 1].isspace():
        space = cut.rfind(" ")
        cut = cut[:space] if space >= limit // 2 else cut
    return cut.rstrip(" ,;:") + "…"
