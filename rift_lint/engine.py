"""The lint engine: parse a document, run the enabled rules, apply suppressions and severities."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from rift_lint.config import Config, ConfigResolver
from rift_lint.embeddings.embedder import EmbeddingError
from rift_lint.embeddings.provider import EmbeddingProvider
from rift_lint.learning.choice import ModelChoice
from rift_lint.learning.decide import FEATURE_RULES, DecisionModel
from rift_lint.models import Criterion, Diagnostic, Rubric, Scope
from rift_lint.nlp.pipeline import PipelineError
from rift_lint.parsing import decode, detect_format, parse_document
from rift_lint.parsing.errors import ParseError
from rift_lint.result_cache import CachedFile, EntryKey, ResultStore
from rift_lint.results import FileResult, RubricSummary
from rift_lint.reuse import CriterionReuse
from rift_lint.rules import RULES, RULES_BY_CODE
from rift_lint.rules.base import Rule, RuleContext
from rift_lint.rules.rl001_parse_error import ParseErrorRule
from rift_lint.rules.rl901_unused_suppression import UnusedSuppression
from rift_lint.rules.rl902_invalid_suppression import InvalidSuppression
from rift_lint.selection import matches_any
from rift_lint.source import SourceDocument
from rift_lint.suppression import (
    Directive,
    DirectiveIndex,
    find_suppression,
    parse_directives,
    reserved_directive,
)

if TYPE_CHECKING:
    import numpy as np
    from spacy.tokens import Doc

    from rift_lint.embeddings.embedder import Embedder

BATCH_CRITERIA = 512
_DIRECTIVE_RULES = frozenset({UnusedSuppression.code, InvalidSuppression.code})
"""The rules that report on directives, whose findings no directive suppresses: whether they
ran decides nothing a directive could have suppressed."""


@dataclass
class ActiveRules:
    """The rules enabled for one file, instantiated with their options.

    ``skipped`` lists embedding rules that were selected but dropped, or run without their
    embedding checks (``embeddings_optional``), because embeddings are switched off
    (``--no-embeddings``). With a model, the findings of ``hidden`` rules feed its features
    and are not reported, and ``unjudged`` holds the selected feature rules the model leaves
    to the rules themselves (hidden too): they report through a second instance with their
    own options.
    """

    config: Config
    enabled: dict[str, Rule]
    embedder: Embedder | None = None
    skipped: list[str] = field(default_factory=list)
    model: DecisionModel | None = None
    hidden: frozenset[str] = frozenset()
    unjudged: dict[str, Rule] = field(default_factory=dict)

    @classmethod
    def for_file(
        cls,
        config: Config,
        path: Path,
        embeddings: EmbeddingProvider | None = None,
        model: DecisionModel | None = None,
    ) -> ActiveRules:
        """Rules selected by the configuration minus the file's per-file ignores.

        With a ``model`` that judges an enabled rule's findings, every feature rule runs with
        its ``candidate_options``, proposing findings: the model decides which findings of
        the rules it judges stand. Feature rules that are not selected, or that the model does
        not judge, run ``hidden`` (their proposals only feed the model's features), and a
        selected rule the model does not judge also runs with its own options and reports
        as without a model. The model is left out when its features need embeddings that
        this run does not compute (or computes with another embedding model).
        """
        embeddings = embeddings or EmbeddingProvider()
        ignores = config.file_ignores(path)
        enabled = {
            rule.code: config.rule(rule) for rule in RULES if config.enabled(rule.code, ignores)
        }
        selected = list(enabled)
        if model is not None and model.uses_embeddings and not embeddings.enabled:
            model = None
        hidden = frozenset[str]()
        unjudged: dict[str, Rule] = {}
        if model is not None and model.decides(selected):
            unjudged = {
                code: enabled[code]
                for code in FEATURE_RULES
                if code in enabled and not model.judges(code)
            }
            hidden = frozenset(
                code for code in FEATURE_RULES if code not in enabled or code in unjudged
            )
            enabled.update(
                {code: config.rule(RULES_BY_CODE[code]) for code in sorted(hidden - set(enabled))}
            )
            enabled.update({code: enabled[code].candidates() for code in FEATURE_RULES})
        else:
            model = None
        needing = [code for code, rule in enabled.items() if rule.uses_embeddings]
        if needing and not embeddings.enabled:
            for code in needing:
                if not enabled[code].embeddings_optional:
                    del enabled[code]
            skipped = [code for code in needing if code in selected]
            unjudged = {code: rule for code, rule in unjudged.items() if code in enabled}
            return cls(config, enabled, None, skipped, model, hidden, unjudged)
        embedder = None
        if needing:
            embedder = embeddings.embedder(config.embedding_model, config.cache_dir)
        if model is not None and not model.matches(embedder):
            own = {code: config.rule(RULES_BY_CODE[code]) for code in selected}
            return cls(config, own, embedder)
        return cls(config, enabled, embedder, model=model, hidden=hidden, unjudged=unjudged)

    @property
    def reporting(self) -> frozenset[str]:
        """The codes of the rules that report findings: those the model judges, and those it
        leaves to themselves (``unjudged``), not those run for its features only."""
        return frozenset(
            code for code in self.enabled if code not in self.hidden or code in self.unjudged
        )


def model_left_out(model: DecisionModel, rules: ActiveRules) -> bool:
    """Whether ``model`` would judge findings of ``rules`` but was left out of them, because
    its features need embeddings this run does not compute (or computes with another model)."""
    return rules.model is None and model.decides(list(rules.enabled))


class BatchVectors(dict[int, "np.ndarray"]):
    """Criterion vectors of a batch, keyed by ``id(criterion)``: the first time a rule asks for
    a vector, every criterion of the batch is encoded in one call, together with the other
    texts the rules will embed for the batch (``others()``, from ``Rule.texts_to_encode``),
    which the embedder then serves from memory. Nothing is encoded when no rule asks (so a run
    whose embedding rules decide without vectors does not load the model)."""

    def __init__(
        self,
        embedder: Embedder,
        criteria: list[Criterion],
        others: Callable[[], list[str]] = list,
    ) -> None:
        super().__init__()
        self._embedder = embedder
        self._criteria: list[Criterion] | None = criteria
        self._others = others

    def __missing__(self, key: int) -> np.ndarray:
        if self._criteria is not None:
            criteria, self._criteria = self._criteria, None
            texts = [criterion.text for criterion in criteria]
            encoded = self._embedder.encode([*texts, *self._others()])[: len(texts)]
            self.update(
                {id(criterion): row for criterion, row in zip(criteria, encoded, strict=True)}
            )
            if key in self:
                return self[key]
        raise KeyError(key)


def check_rubrics(
    rubrics: list[Rubric], rules: ActiveRules, reuse: CriterionReuse | None = None
) -> list[list[Diagnostic]]:
    """Run the enabled rules on a batch of rubrics (no suppressions), one list per rubric.

    When a rule needs language processing, every criterion text of the batch goes through
    spaCy in one ``nlp.pipe`` call. ``reuse`` indexes the rubrics linted together (by default,
    the batch). A configured spaCy or embedding model that cannot be loaded raises
    ConfigError, naming the configuration line that sets it.
    """
    try:
        return _check_batch(rubrics, rules, reuse)
    except PipelineError as exc:
        if not rules.config.settings.nlp.model:
            raise
        raise rules.config.model_error("nlp", exc) from None
    except EmbeddingError as exc:
        if not rules.config.settings.embeddings.model:
            raise
        raise rules.config.model_error("embeddings", exc) from None


def _check_batch(
    rubrics: list[Rubric], rules: ActiveRules, reuse: CriterionReuse | None
) -> list[list[Diagnostic]]:
    reuse = reuse if reuse is not None else CriterionReuse(rubrics)
    model = rules.config.nlp_model
    criteria = [criterion for rubric in rubrics for criterion in rubric.criteria]
    docs: dict[int, Doc] = {}
    if any(rule.uses_nlp for rule in rules.enabled.values()):
        from rift_lint.nlp.pipeline import process

        processed = process((criterion.text for criterion in criteria), model)
        docs = {id(criterion): doc for criterion, doc in zip(criteria, processed, strict=True)}
    vectors: dict[int, np.ndarray] = {}
    contexts: list[RuleContext] = []
    if rules.embedder is not None and criteria:
        vectors = BatchVectors(rules.embedder, criteria, lambda: _texts_to_encode(rules, contexts))
    contexts.extend(
        RuleContext(rubric, docs, model, rules.embedder, vectors, reuse) for rubric in rubrics
    )
    return [_check(context.rubric, rules, context) for context in contexts]


def _texts_to_encode(rules: ActiveRules, contexts: list[RuleContext]) -> list[str]:
    """What the embedding rules will embed for the batch's rubrics besides criteria, once each."""
    embedding = {id(rule): rule for rule in [*rules.enabled.values(), *rules.unjudged.values()]}
    wanted = [rule for rule in embedding.values() if rule.uses_embeddings]
    return list(
        dict.fromkeys(
            text
            for context in contexts
            for rule in wanted
            for text in rule.texts_to_encode(context.rubric, context)
        )
    )


def check_rubric(
    rubric: Rubric, rules: ActiveRules, reuse: CriterionReuse | None = None
) -> list[Diagnostic]:
    """Run the enabled rules on one rubric (no suppressions) of those ``reuse`` indexes."""
    return check_rubrics([rubric], rules, reuse)[0]


def _check(rubric: Rubric, rules: ActiveRules, context: RuleContext) -> list[Diagnostic]:
    diagnostics = _findings(list(rules.enabled.values()), rubric, context)
    if rules.model is not None:
        decided = rules.model.apply(rubric, diagnostics, rules.embedder, context.vectors)
        diagnostics = [d for d in decided if d.code not in rules.hidden]
        diagnostics.extend(_findings(list(rules.unjudged.values()), rubric, context))
    return apply_severity(diagnostics, rules.config)


def _findings(rules: list[Rule], rubric: Rubric, context: RuleContext) -> list[Diagnostic]:
    """What ``rules`` find in a rubric: criterion-scope rules first, then rubric-scope ones.

    Every finding carries the rubric's id (and fingerprint key), whether or not its rule set
    it.
    """
    diagnostics: list[Diagnostic] = []
    for rule in rules:
        if rule.scope is Scope.CRITERION:
            for criterion in rubric.criteria:
                diagnostics.extend(rule.check_criterion(criterion, context))
    for rule in rules:
        if rule.scope is Scope.RUBRIC:
            diagnostics.extend(rule.check_rubric(rubric, context))
    key = rubric.fingerprint_key()
    for diagnostic in diagnostics:
        if diagnostic.rubric_id is None:
            diagnostic.rubric_id = rubric.id
            diagnostic.rubric_key = key
    return diagnostics


def apply_severity(diagnostics: list[Diagnostic], config: Config) -> list[Diagnostic]:
    """Set each diagnostic's severity to its rule's configured severity."""
    for diagnostic in diagnostics:
        diagnostic.severity = config.severity(RULES_BY_CODE[diagnostic.code])
    return diagnostics


def _anchor_lines(
    diagnostic: Diagnostic, rubric: Rubric, criteria: dict[str, Criterion]
) -> set[int]:
    """The lines a line directive may target to suppress ``diagnostic``: its own, and its
    criterion's (every line of its text, for a comment can follow a multi-line text only on
    its last line, and the first of its entry) or its rubric's; ``criteria`` are the
    rubric's by id."""
    lines = {diagnostic.location.line}
    if diagnostic.criterion_id is None:
        lines.add(rubric.location.line)
        return lines
    criterion = criteria.get(diagnostic.criterion_id)
    if criterion is not None:
        lines.update(range(criterion.location.line, criterion.location.end_line + 1))
        if criterion.item_location is not None:
            lines.add(criterion.item_location.line)
    return lines


def reserved_directives(rubric: Rubric) -> dict[str | None, Directive]:
    """The directives of a rubric's reserved ``rift_lint`` keys: the rubric's own under
    ``None``, each criterion's under its id."""
    found: dict[str | None, Directive] = {}
    owners: list[tuple[str | None, Rubric | Criterion]] = [(None, rubric)]
    owners += [(c.id, c) for c in rubric.criteria]
    for key, owner in owners:
        location = owner.ignore_location or owner.location
        directive = reserved_directive(owner.ignore, location, owner.ignore_error)
        if directive is not None:
            found[key] = directive
    return found


def _suppressed(
    diagnostic: Diagnostic,
    rubric: Rubric,
    directives: DirectiveIndex,
    reserved: dict[str | None, Directive],
    criteria: dict[str, Criterion],
) -> bool:
    code = diagnostic.code
    keys = dict.fromkeys((None, diagnostic.criterion_id))
    own = [reserved[key] for key in keys if key in reserved]
    if find_suppression(own, code, set()) is not None:
        return True
    if not directives.directives:
        return False
    lines = _anchor_lines(diagnostic, rubric, criteria)
    return directives.find(code, lines) is not None


def _all_ran(selectors: list[str], ran: frozenset[str]) -> bool:
    """Whether every rule that ``selectors`` name is among the codes in ``ran``."""
    return all(code in ran for code in RULES_BY_CODE if matches_any(code, selectors))


def _unused_findings(
    rule: UnusedSuppression, directive: Directive, ran: frozenset[str]
) -> list[Diagnostic]:
    """RL901 for a directive that suppressed nothing, or else for each of its codes that did
    not, among those every rule of which ran in full on the file (``ran``): a code, prefix or
    name of a rule left out of the run, or run without its embedding checks, may still be
    needed, and so may a bare directive or ``ALL`` in a run that leaves any rule out. A
    directive that names RL901 itself (``ignore[RL102, RL901]``) or a prefix of it, asks for
    none, as ruff's ``# noqa: RUF100`` does (``ALL`` does not: it reads as a bare
    ``ignore``)."""
    named = [selector for selector in directive.selectors if selector != "ALL"]
    if any(matches_any(rule.code, [selector]) for selector in named):
        return []
    if not directive.selectors:  # it covers every rule (RL901 included) or, malformed, none
        unused = directive.covers(rule.code) and not directive.used and _all_ran(["ALL"], ran)
        return [rule.from_directive(directive)] if unused else []
    unused = [s for s in directive.unused_selectors() if _all_ran([s], ran)]
    if not directive.used and unused == directive.selectors:
        return [rule.from_directive(directive)]
    return [rule.from_directive(directive, selector) for selector in unused]


class Linter:
    """Lints files and documents with the configuration that applies to each."""

    def __init__(
        self,
        resolver: ConfigResolver,
        embeddings: EmbeddingProvider | None = None,
        models: ModelChoice | None = None,
        results: ResultStore | None = None,
    ) -> None:
        self.resolver = resolver
        self.embeddings = embeddings or EmbeddingProvider()
        self.models = models or ModelChoice(disabled=True)
        self.results = results
        self.unused_models: set[str] = set()
        self.on_rubrics: Callable[[int], None] | None = None
        self.skipped: set[str] = set()
        self.promptless: dict[str, int] = {}

    def close(self) -> None:
        """Close the cache databases this linter opened, so their writes are checkpointed
        when the run ends rather than whenever the connections are garbage-collected."""
        if self.results is not None:
            self.results.close()
        self.embeddings.close()

    def lint_path(self, path: Path, display: str) -> FileResult:
        """Read and lint one file. Raises OSError when it cannot be read.

        With a result store, a file whose bytes and run setup are unchanged since a cached
        run is not linted again: its findings come from the cache. Only the decoded text is
        kept while linting (not the file's bytes as well).
        """
        data = path.read_bytes()
        rules = self._rules_for(path)
        document = decode(display, data)
        if self.results is None or isinstance(document, ParseError):
            del data
            return self._lint_decoded(document, rules)
        key = EntryKey.of(rules, display, data)
        del data
        cache = self.results.for_directory(rules.config.cache_dir)
        entry = cache.get(key)
        if entry is not None:
            return self._replay(entry, document, rules)
        result = self.lint_document(document, rules)
        cache.put(key, CachedFile.of(result))
        return result

    def lint_bytes(self, data: bytes, display: str, config_path: Path) -> FileResult:
        """Lint file contents; ``config_path`` decides which configuration applies."""
        return self.lint_decoded(decode(display, data), display, config_path)

    def lint_decoded(
        self, document: SourceDocument | ParseError, display: str, config_path: Path
    ) -> FileResult:
        """Lint a decoded file (or report why it could not be decoded)."""
        return self._lint_decoded(document, self._rules_for(config_path))

    def _rules_for(self, config_path: Path) -> ActiveRules:
        """The rules for a file, noting skipped rules and models this run cannot apply."""
        config = self.resolver.for_path(config_path)
        model = self.models.model_for(config)
        rules = ActiveRules.for_file(config, config_path, self.embeddings, model)
        if model is not None and model_left_out(model, rules):
            self.unused_models.add(model.name)
        self.skipped.update(rules.skipped)
        return rules

    def _replay(
        self, entry: CachedFile, document: SourceDocument, rules: ActiveRules
    ) -> FileResult:
        """A cached file's result, with the notes and progress a fresh lint would give."""
        self._count_promptless(rules, entry.promptless)
        if self.on_rubrics is not None and entry.rubrics:
            self.on_rubrics(entry.rubrics)
        return entry.restore(document, rules.reporting)

    def _lint_decoded(
        self, document: SourceDocument | ParseError, rules: ActiveRules
    ) -> FileResult:
        if isinstance(document, ParseError):
            result = FileResult(
                path=document.location.path,
                document=None,
                unparsed=1,
                rules_run=rules.reporting,
            )
            if ParseErrorRule.code in rules.enabled:
                result.diagnostics.append(self._parse_error(document, rules))
            return result
        return self.lint_document(document, rules)

    def lint_document(
        self, document: SourceDocument, rules: ActiveRules, fmt: str | None = None
    ) -> FileResult:
        """Lint a decoded document with the given rules.

        Its rubrics are read and checked in batches, so a large file is never held whole as
        parsed rubrics; the rules that ask which criterion texts its rubrics share
        (:class:`CriterionReuse`) get them from a second read of the file, once.
        """
        fmt = fmt or detect_format(document.path, document.text)
        directives = parse_directives(document, fmt)
        index = DirectiveIndex(directives)
        result = FileResult(path=document.path, document=document, rules_run=rules.reporting)
        items = parse_document(document, fmt)
        reuse = CriterionReuse.reading(
            lambda: (item for item in parse_document(document, fmt) if isinstance(item, Rubric))
        )
        batch: list[Rubric] = []
        pending = 0  # criteria in the batch
        keys: list[Directive] = []  # of the reserved rift_lint keys, for RL901 and RL902

        def flush() -> None:
            for rubric, found in zip(batch, check_rubrics(batch, rules, reuse), strict=True):
                reserved = reserved_directives(rubric)
                keys.extend(reserved.values())
                criteria = {c.id: c for c in reversed(rubric.criteria)}  # the first of an id
                result.diagnostics.extend(
                    d for d in found if not _suppressed(d, rubric, index, reserved, criteria)
                )
            if self.on_rubrics is not None and batch:
                self.on_rubrics(len(batch))
            batch.clear()

        for item in items:
            if isinstance(item, ParseError):
                result.unparsed += 1
                if ParseErrorRule.code in rules.enabled:
                    diagnostic = self._parse_error(item, rules)
                    if index.find(diagnostic.code, set()) is None:  # file-level comments
                        result.diagnostics.append(diagnostic)
                continue
            result.rubrics += 1
            if not item.prompt:
                result.promptless += 1
                self._count_promptless(rules)
            result.criteria += len(item.criteria)
            result.summaries.append(RubricSummary.of(item))
            batch.append(item)
            pending += len(item.criteria)
            if pending >= BATCH_CRITERIA:
                flush()
                pending = 0
        flush()
        ran = result.rules_run_in_full(self.embeddings.enabled) | _DIRECTIVE_RULES
        result.diagnostics.extend(self._directive_findings([*directives, *keys], rules, ran))
        result.diagnostics.sort(key=Diagnostic.sort_key)
        return result

    def _count_promptless(self, rules: ActiveRules, rubrics: int = 1) -> None:
        """Count rubrics without a prompt for each enabled rule that needs one to say anything."""
        if not rubrics:
            return
        for code, rule in rules.enabled.items():
            if rule.requires_prompt:
                self.promptless[code] = self.promptless.get(code, 0) + rubrics

    @staticmethod
    def _parse_error(error: ParseError, rules: ActiveRules) -> Diagnostic:
        rule = rules.enabled[ParseErrorRule.code]
        assert isinstance(rule, ParseErrorRule)
        return apply_severity([rule.from_error(error)], rules.config)[0]

    @staticmethod
    def _directive_findings(
        directives: list[Directive], rules: ActiveRules, ran: frozenset[str]
    ) -> list[Diagnostic]:
        """RL902 for the malformed directives and those naming unknown rules, and RL901 for
        those that suppressed nothing among the rules that ran in full (``ran``)."""
        findings = []
        unused = rules.enabled.get(UnusedSuppression.code)
        invalid = rules.enabled.get(InvalidSuppression.code)
        for directive in directives:
            if isinstance(invalid, InvalidSuppression) and (directive.invalid or directive.error):
                findings.append(invalid.from_directive(directive))
            if isinstance(unused, UnusedSuppression):
                findings += _unused_findings(unused, directive, ran)
        return apply_severity(findings, rules.config)
