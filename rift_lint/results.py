"""Results of a lint run, as handed to the reporters."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from rift_lint.models import Diagnostic, Rubric, Severity
from rift_lint.rules import RULES_BY_CODE
from rift_lint.rules.rl001_parse_error import ParseErrorRule
from rift_lint.source import SourceDocument


@dataclass(frozen=True)
class RubricSummary:
    """What reports need of a rubric once it has been linted: where it is, which dataset it
    comes from (its ``source`` field, when the file has one), and the weight of each
    criterion (absolute points when every criterion has them, else one each)."""

    id: str
    dataset: str | None
    line: int
    weights: tuple[tuple[str, float], ...]

    @classmethod
    def of(cls, rubric: Rubric) -> RubricSummary:
        """The summary of a parsed rubric."""
        pointed = all(c.points is not None for c in rubric.criteria)
        weights = tuple(
            (c.id, abs(c.points) if pointed and c.points is not None else 1.0)
            for c in rubric.criteria
        )
        dataset = rubric.metadata.get("source")
        dataset = str(dataset) if isinstance(dataset, str | int) and str(dataset) else None
        return cls(rubric.id, dataset, rubric.location.line, weights)


def unreachable_reason(path: Path, error: OSError) -> str:
    """Why ``path`` could not be opened, from the error opening it raised: a symbolic link
    whose target is missing is named as such, not as a missing file."""
    if isinstance(error, FileNotFoundError) and path.is_symlink():
        return "broken symbolic link (its target does not exist)"
    return error.strerror or str(error)


@dataclass(frozen=True)
class Unreadable:
    """A named path or found file that could not be read, and why (``no such file or
    directory``, ``cannot read: Permission denied``)."""

    path: str
    reason: str

    @classmethod
    def of(cls, path: Path, display: str, error: OSError) -> Unreadable:
        """A file or folder found or named that could not be read, under its displayed name."""
        return cls(display, f"cannot read: {unreachable_reason(path, error)}")

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"

    @property
    def message(self) -> str:
        """The sentence machine formats report it with: ``Could not read gone.yaml: ...``."""
        return f"Could not read {self}"


@dataclass
class FileResult:
    """The diagnostics of one file, with its text for snippets (``None`` if unreadable).

    ``promptless`` counts the file's rubrics that have no prompt; ``unparsed`` counts the parts
    of it (the whole file, a JSONL line, a YAML document) that did not parse, which only RL001
    saw; ``rules_run`` holds the codes of the rules that could report on it (so a report can
    tell "not run" from "no finding")."""

    path: str
    document: SourceDocument | None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    rubrics: int = 0
    criteria: int = 0
    summaries: list[RubricSummary] = field(default_factory=list)
    promptless: int = 0
    unparsed: int = 0
    rules_run: frozenset[str] = frozenset()

    def rules_run_in_full(self, embeddings: bool) -> frozenset[str]:
        """The codes of the rules that ran in full on the file: they could report on it
        (:attr:`rules_run`), did not need embeddings that a run without ``embeddings``
        leaves out (RL201's relevance checks included), and, where part of the file did not
        parse, are RL001 (the others never saw that part). Only their findings can tell a
        baseline entry or a suppression that matched nothing from one that was not checked."""
        return frozenset(
            code
            for code in self.rules_run
            if (embeddings or not RULES_BY_CODE[code].uses_embeddings)
            and (not self.unparsed or code == ParseErrorRule.code)
        )


@dataclass
class RunResult:
    """All files of one run, in output order, and the named paths or found files that could
    not be read (each also reported on stderr)."""

    files: list[FileResult] = field(default_factory=list)
    unread: list[Unreadable] = field(default_factory=list)

    @property
    def diagnostics(self) -> list[Diagnostic]:
        """Every diagnostic of the run, sorted by path, line, column and code."""
        return [d for result in self.files for d in result.diagnostics]

    def counts_by_code(self) -> Counter[str]:
        """How many diagnostics each rule code produced."""
        return Counter(d.code for d in self.diagnostics)

    def names_by_code(self) -> dict[str, str]:
        """The name of each rule code that produced a diagnostic (``RL003``:
        ``duplicate-criterion``)."""
        return {d.code: d.name for d in self.diagnostics}

    def counts_by_severity(self) -> Counter[Severity]:
        """How many diagnostics of each severity."""
        return Counter(d.severity for d in self.diagnostics)

    @property
    def rubric_count(self) -> int:
        """Rubrics read over all files."""
        return sum(result.rubrics for result in self.files)

    @property
    def criterion_count(self) -> int:
        """Criteria read over all files."""
        return sum(result.criteria for result in self.files)
