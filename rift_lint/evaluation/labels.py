"""Reading a labels file (JSON Lines rubrics with reference failure-mode labels) for ``eval``,
``train`` and ``report --labels``, and choosing the modes to score."""

from __future__ import annotations

import re
from collections.abc import Iterator
from difflib import get_close_matches
from pathlib import Path
from typing import Any

from rift_lint.models import Rubric
from rift_lint.parsing import decode, parse_document
from rift_lint.parsing.adapters import rift_schema
from rift_lint.parsing.errors import ParseError
from rift_lint.parsing.jsontree import read_json
from rift_lint.parsing.tree import NodeDict, TreeContext
from rift_lint.regular_file import open_regular_file
from rift_lint.rules import find_rule
from rift_lint.selection import SelectorError, matches_any, normalise_selector
from rift_lint.source import Encoding, SourceDocument
from rift_lint.suggestions import did_you_mean
from rift_lint.taxonomy import FailureMode, load_modes, mode_by_id

# A "labels" key of a JSON object; inside a JSON string its quotes are escaped, so text that
# mentions the key is not taken for it.
_LABELS_KEY = re.compile(r'"labels"\s*:')
# A JSON key whose value is a list, with the list's first text if any: a near miss for
# "labels" ("label", "lables") is read only when it holds failure modes (or nothing).
_KEY_OF_LIST = re.compile(
    r'(?<!\\)"(?P<key>[^"\\\n]{1,30})"\s*:\s*\[\s*(?:\]|"(?P<first>[^"\\\n]{1,40})")'
)
_MODE_SLIP = 0.6
"""How alike a label and a mode id must be to suggest it (difflib's ratio): looser than for
rule codes, so that ``redundant`` (0.67) is told of ``redundant_criteria``."""


class LabelsError(Exception):
    """The labels file cannot be used: unreadable, malformed, with unknown labels, or with
    no selected mode whose rules run."""


def resolve_modes(selectors: list[str]) -> list[FailureMode]:
    """Modes named by id, rule code or rule name, or whose rule a code prefix (``RL1``) or
    ``ALL`` selects, as ``check --select`` does, in taxonomy order whatever the order of the
    selectors; all modes when ``selectors`` is empty."""
    modes = list(load_modes())
    if not selectors:
        return modes
    chosen = []
    for selector in selectors:
        key = selector.strip()
        found = [
            mode
            for mode in modes
            if key in (mode.id, mode.name)
            or any(_selects_rule(key, code) for code in (mode.rule, *mode.rule_codes))
        ]
        if not found:
            known = ", ".join(mode.id for mode in modes)
            rule = find_rule(key)
            if rule is not None:
                raise LabelsError(
                    f"{selector!r} is rule {rule.code} ({rule.name}), which counts for no "
                    f"failure mode: eval scores failure modes ({known}, their rule codes, or "
                    "a code prefix such as RL1)"
                )
            raise LabelsError(
                f"Unknown failure mode {selector!r} (known: {known}, their rule codes, or a "
                "code prefix such as RL1)"
            )
        chosen.extend(found)
    return [mode for mode in modes if mode in chosen]


def _selects_rule(selector: str, code: str) -> bool:
    """Whether a rule selector (code, prefix, kebab name or ``ALL``) selects rule ``code``."""
    try:
        return matches_any(code, [normalise_selector(selector)])
    except SelectorError:
        return False


def load_labelled(path: Path) -> list[Rubric]:
    """The rubrics of a labels file; any parse error or unknown label raises LabelsError."""
    try:
        with open_regular_file(path) as handle:
            data = handle.read()
    except OSError as exc:
        raise LabelsError(f"{path}: cannot read labels file: {exc.strerror}") from None
    document = decode(str(path), data)
    if isinstance(document, ParseError):
        raise _located(document)
    rubrics = []
    modes = load_modes()
    first_lines: dict[str, tuple[int, bool]] = {}
    for item in parse_document(document, "jsonl"):
        if isinstance(item, ParseError):
            raise _located(item)
        _check_own_schema(item, document)
        _check_labels(item, modes, document)
        _check_nested_labels(item, modes, document)
        _check_unique_id(item, first_lines)
        rubrics.append(item)
    if not rubrics:
        raise LabelsError(f"{path}: the labels file holds no rubric record")
    _check_label_key_slips(document, modes)
    if not _LABELS_KEY.search(document.text):
        raise LabelsError(
            f"{path}: no rubric or criterion has a 'labels' key, so there is nothing to score "
            "against (a rubric dataset rather than a labels file? An unlabelled rubric needs "
            '"labels": [])'
        )
    return rubrics


def _check_label_key_slips(document: SourceDocument, modes: tuple[FailureMode, ...]) -> None:
    """Refuse a key that is a near miss for ``labels`` (``label``, ``Labels``, ``lables``)
    holding failure modes, or an empty list: a reader takes unknown keys for metadata, so its
    labels would silently count as none."""
    names = _mode_words(modes)
    for match in _KEY_OF_LIST.finditer(document.text):
        key, first = match["key"], match["first"]
        if key == "labels" or (first is not None and first not in names):
            continue
        if get_close_matches("labels", [key.lower()], n=1, cutoff=0.8):
            line, column = document.position(match.start())
            raise LabelsError(
                f"{document.path}:{line}:{column}: {key!r} holds failure modes, but only "
                "'labels' is read: is it a slip for 'labels'?"
            )


def _mode_words(modes: tuple[FailureMode, ...]) -> set[str]:
    """The ids and names of the failure modes: what a list of labels holds."""
    return {mode.id for mode in modes} | {mode.name for mode in modes}


def _check_nested_labels(
    rubric: Rubric, modes: tuple[FailureMode, ...], document: SourceDocument
) -> None:
    """Refuse a ``labels`` key below the record or a criterion (under ``metadata``, in a
    level) that holds failure modes, or an empty list: only the labels of the record and of
    its criteria are read, so these would silently count as none."""
    record = _record_tree(document, rubric.location.line)
    criteria = record.get("criteria") if isinstance(record, dict) else record
    read = {id(record), *map(id, criteria if isinstance(criteria, list) else [])}
    names = _mode_words(modes)
    for where, container in _labelled_containers(record, ""):
        labels = container["labels"]
        if id(container) in read or not isinstance(labels, list):
            continue
        if labels and not (isinstance(labels[0], str) and labels[0] in names):
            continue
        start = document.text.rindex('"labels"', 0, container.spans["labels"][0])
        line, column = document.position(start)
        raise LabelsError(
            f"{document.path}:{line}:{column}: 'labels' under {where!r} holds failure modes, "
            "but only the labels of a rubric record and of its criteria are read, so these "
            "would count as none: move the key to the rubric or criterion it labels"
        )


def _labelled_containers(value: Any, where: str) -> Iterator[tuple[str, NodeDict]]:
    """The mappings within ``value`` (``where`` is its path) that have a ``labels`` key,
    with their paths (``criteria[0].metadata``)."""
    if isinstance(value, dict):
        if "labels" in value:
            yield where, value
        for key, item in value.items():
            yield from _labelled_containers(item, f"{where}.{key}" if where else str(key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _labelled_containers(item, f"{where}[{index}]")


def _check_own_schema(rubric: Rubric, document: SourceDocument) -> None:
    """Refuse a record read in another layout (HealthBench, ...) whose line writes a
    ``labels`` key: only rift-lint's own schema reads labels, so they would count as none and
    every finding as a false positive."""
    layout = rubric.metadata.get("layout")
    line = rubric.location.line
    match = _LABELS_KEY.search(document.line_text(line))
    if layout == rift_schema.NAME or match is None:
        return
    raise LabelsError(
        f"{document.path}:{line}:{match.start() + 1}: the record is read in the {layout} "
        "layout, which has no labels, so its 'labels' would count as none: a labels file "
        "writes rift-lint's own schema (id, prompt, and criteria with text and labels)"
    )


def _located(error: ParseError) -> LabelsError:
    """A parse error of the labels file as ``file:line:column: reason``, as ``check`` shows it."""
    loc = error.location
    return LabelsError(f"{loc.path}:{loc.line}:{loc.column}: {error.reason}")


def _check_unique_id(rubric: Rubric, first_lines: dict[str, tuple[int, bool]]) -> None:
    """Refuse a rubric whose id an earlier record holds (``first_lines``: id -> line and
    whether the id was given by position, which this fills): a rubric labelled twice would
    count twice in the scores, and ``train`` could put its copies on both sides of a
    cross-validation split. When either id was given by position, the error says so: the
    file does not write it."""
    loc = rubric.location
    if rubric.id in first_lines:
        line, numbered = first_lines[rubric.id]
        hint = (
            " (a rubric without an id is numbered rubric-<n> by its record: give it an id)"
            if numbered or rubric.id_by_position
            else ""
        )
        raise LabelsError(
            f"{loc.path}:{loc.line}:{loc.column}: rubric id {rubric.id!r} repeats the id of the "
            f"rubric on line {line}; rubric ids must be unique in a labels file{hint}"
        )
    first_lines[rubric.id] = (loc.line, rubric.id_by_position)


def _check_labels(rubric: Rubric, modes: tuple[FailureMode, ...], document: SourceDocument) -> None:
    """Refuse a label that is not the id of a failure mode of the scope it is given at, at
    the label."""
    for label in rubric.labels:
        if problem := _label_problem(label, "rubric", modes):
            where = _label_position(document, rubric, None, label)
            raise LabelsError(f"{where}: rubric {rubric.id}: {problem}")
    for index, criterion in enumerate(rubric.criteria):
        for label in criterion.labels:
            if problem := _label_problem(label, "criterion", modes):
                where = _label_position(document, rubric, index, label)
                raise LabelsError(f"{where}: criterion {rubric.id}/{criterion.id}: {problem}")


def _label_position(
    document: SourceDocument, rubric: Rubric, criterion: int | None, label: str
) -> str:
    """``file:line:column`` of ``label`` in the labels of the rubric's record, or of its
    criterion at ``criterion`` (the record is read again, with positions, for the error)."""
    record = _record_tree(document, rubric.location.line)
    owner = record if criterion is None else record["criteria"][criterion]
    labels = owner["labels"]
    location = labels.value_location(labels.index(label))
    return f"{document.path}:{location.line}:{location.column}"


def _record_tree(document: SourceDocument, line: int) -> Any:
    """The record on ``line`` of a labels file, read again with the positions of its values
    (only the errors that point inside a record need them)."""
    context = TreeContext(document, Encoding.JSON)
    return read_json(document.line_text(line), context, base=document.line_starts[line - 1])


def _label_problem(label: str, scope: str, modes: tuple[FailureMode, ...]) -> str:
    """Why ``label`` cannot label a unit of ``scope`` (a criterion or the rubric): a mode of
    the other scope, a mode's name rather than its id, or no mode (with the id of that scope
    it is a slip for, if one is close); ``""`` when it can."""
    mode = mode_by_id(label)
    if mode is not None and mode.scope == scope:
        return ""
    if mode is not None:
        unit = "a criterion" if mode.scope == "criterion" else "the rubric"
        return f"{label!r} is a {mode.scope}-scope mode: it goes in the labels of {unit}"
    named = next((mode for mode in modes if mode.name == label), None)
    if named is not None:
        return f"{label!r} is the name of mode {named.id!r}: labels hold mode ids"
    ids = [mode.id for mode in modes if mode.scope == scope]
    hint = did_you_mean(label, ids, cutoff=_MODE_SLIP)
    return f"{label!r} is not a failure mode{hint} (the {scope}-scope modes: {', '.join(ids)})"
