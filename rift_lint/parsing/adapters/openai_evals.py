"""OpenAI evals model-graded YAML, in two layouts.

* ``evals/registry/modelgraded/*.yaml`` grader specs: a mapping of spec name to
  ``{prompt, choice_strings, choice_scores?, input_outputs, eval_type?, ...}``. Each spec is a
  rubric (id: the spec name, no prompt) with one criterion, id ``prompt``: the grading prompt.
* ``evals/registry/evals/*.yaml`` eval registries: a mapping of eval name to
  ``{id, description, metrics}`` or ``{class, args: {samples_jsonl, modelgraded_spec,
  modelgraded_spec_args: {criteria}}}``. Each eval whose ``criteria`` is given is a rubric
  (id: the eval name) with one criterion per criteria string (a string, id ``criteria``, or a
  mapping of names to strings, id the name); the axis is the ``name:`` prefix of the text
  (``"correctness: Is the answer correct?"``). Registries without criteria are not rubrics.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from rift_lint.models import Criterion, Rubric
from rift_lint.parsing.build import (
    RecordContext,
    container_location,
    location_of,
    make_criterion,
    make_rubric,
)
from rift_lint.parsing.errors import ParseError

NAME = "openai_evals"
_AXIS = re.compile(r"^\s*([A-Za-z][\w -]{0,40}):")


def _is_spec(value: Any) -> bool:
    return isinstance(value, dict) and "prompt" in value and "choice_strings" in value


def _criteria_holder(value: Any) -> dict | None:
    """The ``modelgraded_spec_args`` mapping of an eval entry when it has ``criteria``."""
    args = value.get("args") if isinstance(value, dict) else None
    spec_args = args.get("modelgraded_spec_args") if isinstance(args, dict) else None
    return spec_args if isinstance(spec_args, dict) and "criteria" in spec_args else None


def matches(data: Any) -> bool:
    """A mapping of grader specs, or an eval registry with at least one ``criteria``."""
    if not isinstance(data, dict) or not data:
        return False
    values = list(data.values())
    return all(map(_is_spec, values)) or any(_criteria_holder(value) for value in values)


def _axis(text: str) -> str | None:
    match = _AXIS.match(text)
    return match.group(1).strip() if match else None


def _registry_criteria(
    holder: dict, name: str, context: RecordContext
) -> Iterator[Criterion | ParseError]:
    raw = holder["criteria"]
    entries = [(holder, "criteria", "criteria")] if isinstance(raw, str) else []
    if isinstance(raw, dict):
        entries = [(raw, key, str(key)) for key in raw]
    if not entries:
        yield ParseError(
            f"Eval {name}: 'criteria' must be a string or a mapping of strings",
            location_of(holder, "criteria", context),
        )
    for container, key, criterion_id in entries:
        if not isinstance(container[key], str):
            yield ParseError(
                f"Eval {name}: criteria {criterion_id!r} is not a string",
                location_of(container, key, context),
            )
            continue
        yield make_criterion(
            container, key, criterion_id=criterion_id, context=context, axis=_axis(container[key])
        )


def extract(data: Any, context: RecordContext) -> Iterator[Rubric | ParseError]:
    """Yield one rubric per grader spec, or per eval that gives criteria."""
    specs = all(map(_is_spec, data.values()))
    for name, value in data.items():
        if specs:
            if not isinstance(value["prompt"], str):
                yield ParseError(
                    f"Grader spec {name}: 'prompt' is not a string",
                    location_of(value, "prompt", context),
                )
                continue
            criteria: list[Criterion] = [
                make_criterion(value, "prompt", criterion_id="prompt", context=context)
            ]
            kind = "grader spec"
        else:
            holder = _criteria_holder(value)
            if holder is None:
                continue
            criteria = []
            for item in _registry_criteria(holder, str(name), context):
                if isinstance(item, ParseError):
                    yield item
                else:
                    criteria.append(item)
            kind = "eval"
        yield make_rubric(
            rubric_id=name,
            context=context,
            criteria=criteria,
            location=container_location(value, context),
            metadata={
                "dataset": "OpenAI evals (model-graded)",
                "kind": kind,
                **{key: item for key, item in value.items() if key != "prompt"},
            },
        )
