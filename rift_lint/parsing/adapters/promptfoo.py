"""promptfoo configs (``promptfooconfig.yaml``) with model-graded assertions.

A config has ``prompts`` (inline strings, ``{raw, label}`` mappings or ``file://`` paths),
``providers``, ``defaultTest`` and ``tests[] = {description?, vars, assert[], options?}``.
Every ``assert`` item of type ``llm-rubric``, ``g-eval`` or ``model-graded-closedqa`` (also
inside an ``assert-set``) gives criteria: its ``value`` (a string, or a list of strings giving
one criterion each); an ``llm-rubric`` without a value uses the ``rubricPrompt`` of its
options (the system message of a chat prompt). Criterion ids are ``assert-<n>`` (the position
in the ``assert`` list; ``assert-<n>.<m>`` inside a set; ``#<k>`` for the k-th string of a list
value), the axis is the assertion's ``metric``, the tag its type, and points its ``weight``
when given (its ``threshold`` is the score the grader must give for a pass, not a weight).

Each test with such assertions is a rubric (id: ``description`` or ``test-<n>``) whose prompt
is the inline prompts rendered with the test ``vars`` (or the vars listed as ``name: value``
when no prompt is inline); ``defaultTest`` assertions form one rubric (id ``defaultTest``) for
the whole file, whose prompt is the inline prompt templates. A config without model-graded
assertions is not a rubric.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from rift_lint.models import Criterion, PositionalId, Rubric
from rift_lint.parsing.build import (
    RecordContext,
    container_location,
    make_criterion,
    make_rubric,
    value_location,
)
from rift_lint.parsing.errors import ParseError

NAME = "promptfoo"
RUBRIC_TYPES = frozenset({"llm-rubric", "g-eval", "model-graded-closedqa"})
_VARIABLE = re.compile(r"\{\{\s*([\w.]+)\s*\}\}")
_SCALARS = (str, int, float, bool)


def _rubric_assertions(asserts: Any, path: str = "") -> Iterator[tuple[str, dict]]:
    """``(position path, assertion)`` for each model-graded assertion, sets included."""
    if not isinstance(asserts, list):
        return
    for index, item in enumerate(asserts):
        if not isinstance(item, dict):
            continue
        position = f"{path}{index + 1}"
        kind = item.get("type")
        if isinstance(kind, str) and kind in RUBRIC_TYPES:  # a list or mapping is no type
            yield position, item
        elif kind == "assert-set":
            yield from _rubric_assertions(item.get("assert"), f"{position}.")


def _has_rubric(test: Any) -> bool:
    return isinstance(test, dict) and next(_rubric_assertions(test.get("assert")), None) is not None


def matches(data: Any) -> bool:
    """A config whose ``tests`` or ``defaultTest`` hold a model-graded assertion."""
    if not isinstance(data, dict) or not ("tests" in data or "defaultTest" in data):
        return False
    tests = data.get("tests")
    return _has_rubric(data.get("defaultTest")) or (
        isinstance(tests, list) and any(map(_has_rubric, tests))
    )


def _inline_prompts(data: dict) -> list[str]:
    prompts = data.get("prompts")
    items = prompts if isinstance(prompts, list) else [prompts]
    texts = []
    for item in items:
        raw = item.get("raw") if isinstance(item, dict) else item
        if isinstance(raw, str) and not raw.startswith("file://"):
            texts.append(raw.strip())
    return texts


def _render(template: str, variables: dict) -> str:
    def substitute(match: re.Match[str]) -> str:
        value = variables.get(match.group(1))
        return str(value) if isinstance(value, _SCALARS) else match.group(0)

    return _VARIABLE.sub(substitute, template)


def build_prompt(data: dict, variables: Any) -> str | None:
    """The prompt of a test: inline prompts rendered with ``variables``, else the variables."""
    variables = variables if isinstance(variables, dict) else {}
    templates = _inline_prompts(data)
    if templates:
        return "\n\n".join(_render(template, variables) for template in templates)
    if variables:
        return "\n".join(f"{name}: {value}" for name, value in variables.items())
    return None


def _rubric_prompt(options: list[Any]) -> tuple[Any, Any] | None:
    """``(container, key)`` of the first ``rubricPrompt`` text found in ``options``."""
    for option in options:
        prompt = option.get("rubricPrompt") if isinstance(option, dict) else None
        if isinstance(prompt, str):
            return option, "rubricPrompt"
        for message in prompt if isinstance(prompt, list) else []:
            if isinstance(message, dict) and isinstance(message.get("content"), str):
                return message, "content"
    return None


def _criteria(test: dict, default: Any, context: RecordContext) -> Iterator[Criterion | ParseError]:
    options = [test.get("options")]
    if isinstance(default, dict) and default is not test:
        options.append(default.get("options"))
    for position, assertion in _rubric_assertions(test.get("assert")):
        common: dict[str, Any] = {
            "context": context,
            "points_raw": assertion.get("weight"),
            "points_location": value_location(assertion, "weight"),
            "axis": assertion["metric"] if isinstance(assertion.get("metric"), str) else None,
            "tags": [assertion["type"]],
        }
        value = assertion.get("value")
        criterion_id = PositionalId(f"assert-{position}")
        if isinstance(value, str):
            yield make_criterion(assertion, "value", criterion_id=criterion_id, **common)
        elif isinstance(value, list) and value and all(isinstance(v, str) for v in value):
            for index in range(len(value)):
                yield make_criterion(
                    value, index, criterion_id=PositionalId(f"{criterion_id}#{index + 1}"), **common
                )
        elif value is None and (found := _rubric_prompt([assertion, *options])) is not None:
            yield make_criterion(found[0], found[1], criterion_id=criterion_id, **common)
        else:
            yield ParseError(
                f"promptfoo {assertion['type']} assertion {position} has no rubric text "
                "(a string or a list of strings as 'value')",
                container_location(assertion, context),
            )


def _rubric(
    test: dict, rubric_id: str, prompt: str | None, data: dict, context: RecordContext
) -> Iterator[Rubric | ParseError]:
    criteria = []
    for item in _criteria(test, data.get("defaultTest"), context):
        if isinstance(item, ParseError):
            yield item
        else:
            criteria.append(item)
    metadata: dict[str, Any] = {
        "dataset": "promptfoo",
        "config_description": data.get("description"),
    }
    if isinstance(test.get("vars"), dict):
        metadata["vars"] = test["vars"]
    yield make_rubric(
        rubric_id=rubric_id,
        context=context,
        criteria=criteria,
        location=container_location(test, context),
        prompt=prompt,
        prompt_location=value_location(test, "vars"),
        metadata=metadata,
    )


def extract(data: Any, context: RecordContext) -> Iterator[Rubric | ParseError]:
    """Yield the ``defaultTest`` rubric, then one rubric per test with model-graded asserts."""
    default = data.get("defaultTest")
    if _has_rubric(default):
        templates = _inline_prompts(data)
        prompt = "\n\n".join(templates) if templates else None
        yield from _rubric(default, "defaultTest", prompt, data, context)
    tests = data.get("tests")
    for index, test in enumerate(tests if isinstance(tests, list) else []):
        if _has_rubric(test):
            description = test.get("description")
            rubric_id = (
                description if isinstance(description, str) else PositionalId(f"test-{index + 1}")
            )
            prompt = build_prompt(data, test.get("vars"))
            yield from _rubric(test, rubric_id, prompt, data, context)
