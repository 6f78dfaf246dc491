"""BiGGen-Bench (prometheus-eval) ``sample_evals.json``.

A JSON object keyed by instance id. Each entry has ``id``, ``capability``, ``task``,
``instance_idx``, ``system_prompt``, ``input`` (the user's message), ``reference_answer``,
``score_rubric = {criteria, score1_description, ..., score5_description}`` and a sample
``response``/``feedback``/``score``. Each entry gives one rubric with one criterion (the
``criteria`` text, id ``criteria``) whose levels are the five descriptions, scored 1 to 5.
The prompt is the chat the model answers, ``System: <system_prompt>`` then ``User: <input>``
(just the input when there is no system prompt): many system prompts hold the task's rules
(a persona, a secret to keep, a cipher to use) that the criterion grades. A single entry (a
JSON file or JSONL row holding one) is read the same way.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from rift_lint.location import Location
from rift_lint.models import Level, Rubric
from rift_lint.parsing.build import (
    RecordContext,
    chat_to_text,
    container_location,
    location_of,
    make_criterion,
    make_rubric,
    optional_string,
    string_value,
)
from rift_lint.parsing.errors import ParseError

NAME = "biggen_bench"
_CONSUMED = {"input", "score_rubric"}
_SCORES = range(1, 6)


def _is_entry(entry: Any) -> bool:
    rubric = entry.get("score_rubric") if isinstance(entry, dict) else None
    return isinstance(rubric, dict) and "criteria" in rubric


def matches(data: Any) -> bool:
    """An entry whose ``score_rubric`` mapping has ``criteria``, or a mapping of ids to such."""
    if not isinstance(data, dict) or not data:
        return False
    return _is_entry(data) or _is_entry(next(iter(data.values())))


def _levels(rubric: dict) -> list[Level]:
    levels = []
    for score in _SCORES:
        key = f"score{score}_description"
        if isinstance(rubric.get(key), str):
            text, origin, _ = string_value(rubric, key)
            levels.append(Level(label=f"score{score}", text=text, score=score, origin=origin))
    return levels


def extract(data: Any, context: RecordContext) -> Iterator[Rubric | ParseError]:
    """Yield one rubric per entry, and a parse error per malformed entry."""
    if _is_entry(data):
        yield from _entry(data, data.get("id", context.default_id("biggen")), context)
        return
    for key, entry in data.items():
        if not _is_entry(entry):
            location = location_of(data, key, context)
            yield ParseError(
                f"BiGGen-Bench entry {key!r} has no 'score_rubric' with 'criteria'", location
            )
            continue
        yield from _entry(entry, key, context)


def _prompt(entry: dict) -> tuple[str | None, Location | None]:
    """The prompt of an entry and its location: the system prompt and the input as a chat
    (from the start of one to the end of the other), or the input alone."""
    user, user_location, _ = optional_string(entry, "input")
    system, system_location, _ = optional_string(entry, "system_prompt")
    if not system or user is None:
        return user, user_location
    prompt = chat_to_text(
        [{"role": "system", "content": system}, {"role": "user", "content": user}]
    )
    if system_location is None or user_location is None:
        return prompt, user_location
    first, last = sorted((system_location, user_location), key=lambda at: (at.line, at.column))
    return prompt, first.model_copy(
        update={"end_line": last.end_line, "end_column": last.end_column}
    )


def _entry(entry: dict, key: Any, context: RecordContext) -> Iterator[Rubric | ParseError]:
    rubric = entry["score_rubric"]
    if not isinstance(rubric["criteria"], str):
        location = location_of(rubric, "criteria", context)
        yield ParseError(f"BiGGen-Bench entry {key!r}: 'criteria' is not a string", location)
        return
    criterion = make_criterion(
        rubric, "criteria", criterion_id="criteria", context=context, levels=_levels(rubric)
    )
    prompt, prompt_location = _prompt(entry)
    yield make_rubric(
        rubric_id=entry.get("id", key),
        context=context,
        criteria=[criterion],
        location=container_location(entry, context),
        prompt=prompt,
        prompt_location=prompt_location,
        metadata={
            "dataset": "BiGGen-Bench",
            **{name: value for name, value in entry.items() if name not in _CONSUMED},
        },
    )
