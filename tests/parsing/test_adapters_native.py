"""Native dataset layouts: real excerpts in tests/fixtures/native, read with exact positions.

Expected positions were found by searching the raw fixture text for the (escaped) literal;
they are written here as plain numbers: ``(line, column)`` or
``(line, column, end_line, end_column)``, 1-based, ``end_column`` exclusive.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from rift_lint.location import Location
from rift_lint.models import Criterion, Rubric
from rift_lint.parsing import decode, parse_document
from rift_lint.parsing.adapters import ADAPTERS, rift_schema
from rift_lint.parsing.adapters.listsplit import split_list
from rift_lint.parsing.errors import ParseError
from rift_lint.source import SourceDocument

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "native"
DATA = Path("/work/shared/data/rubrics")


def read(name: str) -> tuple[list[Rubric], list[ParseError]]:
    """Parse a fixture; rubrics and parse errors in file order."""
    path = FIXTURES / name
    document = decode(str(path), path.read_bytes())
    assert isinstance(document, SourceDocument)
    items = list(parse_document(document))
    rubrics = [item for item in items if isinstance(item, Rubric)]
    errors = [item for item in items if isinstance(item, ParseError)]
    return rubrics, errors


def parse_text(path: str, text: str) -> list[Rubric | ParseError]:
    """Parse in-memory text as a file named ``path``."""
    return list(parse_document(SourceDocument(path, text)))


def only(name: str) -> list[Rubric]:
    """The rubrics of a fixture that must parse without errors."""
    rubrics, errors = read(name)
    assert errors == []
    return rubrics


def by_id(rubric: Rubric, criterion_id: str) -> Criterion:
    """The criterion of ``rubric`` with ``criterion_id``."""
    return next(criterion for criterion in rubric.criteria if criterion.id == criterion_id)


def start(location: Location | None) -> tuple[int, int]:
    """``(line, column)`` where a location starts."""
    assert location is not None
    return location.line, location.column


def word_at(criterion: Criterion, word: str, occurrence: int = 0) -> tuple[int, int, int, int]:
    """``(line, column, end_line, end_column)`` of the n-th ``word`` in the criterion text."""
    index = -1
    for _ in range(occurrence + 1):
        index = criterion.text.index(word, index + 1)
    location = criterion.span(index, index + len(word))
    return location.line, location.column, location.end_line, location.end_column


def test_healthbench() -> None:
    (rubric,) = only("healthbench.jsonl")
    assert rubric.id == "7f5c7533-68d6-4d89-a20b-7f8e69537a60"
    assert rubric.metadata["layout"] == "healthbench"
    assert rubric.prompt is not None
    assert rubric.prompt.startswith("User: why that dermatologist gave me that cream?")
    assert "\n\nAssistant: Could you clarify a bit?" in rubric.prompt
    assert start(rubric.prompt_location) == (1, 106)
    assert [c.id for c in rubric.criteria] == ["c1", "c2", "c3", "c4"]
    assert [c.points for c in rubric.criteria] == [6.0, 8.0, -8.0, -7.0]
    assert [c.axis for c in rubric.criteria] == [
        "context_awareness",
        "context_awareness",
        "context_awareness",
        "accuracy",
    ]
    assert rubric.criteria[3].tags == ["level:example", "axis:accuracy"]
    criterion = rubric.criteria[1]
    assert criterion.text.startswith("Recommends contacting the dermatologist\u2019s office")
    assert start(criterion.location) == (1, 716)
    # "office" follows the six-character escape \u2019 and "s ".
    assert word_at(criterion, "office") == (1, 763, 1, 769)


def test_researchrubrics() -> None:
    (rubric,) = only("researchrubrics.json")
    assert rubric.id == "6847465956a0f6376a605427"
    assert rubric.prompt is not None
    assert rubric.prompt.startswith("I want to create a plan for July 4, 2025")
    assert start(rubric.prompt_location) == (27, 18)
    assert rubric.metadata["domain"] == "Current Events"
    assert [c.id for c in rubric.criteria] == [
        "Explicit Criteria-1",
        "Communication Quality-1",
        "Explicit Criteria-2",
    ]
    assert [c.points for c in rubric.criteria] == [5.0, 2.0, 5.0]
    assert [c.axis for c in rubric.criteria] == [
        "Explicit Criteria",
        "Communication Quality",
        "Explicit Criteria",
    ]
    criterion = rubric.criteria[1]
    assert start(criterion.location) == (19, 27)
    assert word_at(criterion, "headers") == (19, 63, 19, 70)


def test_researchrubrics_single_item_row() -> None:
    text = '{"prompt": "Plan a trip.", "rubric": [{"name": "Explicit Criteria-1", '
    text += '"weight": -2, "requirement": "Mentions the dates."}]}\n'
    (rubric,) = parse_text("row.jsonl", text)
    assert isinstance(rubric, Rubric)
    assert rubric.id == "item-1"
    assert rubric.prompt == "Plan a trip."
    (criterion,) = rubric.criteria
    assert (criterion.id, criterion.points, criterion.axis) == (
        "Explicit Criteria-1",
        -2.0,
        "Explicit Criteria",
    )
    assert start(criterion.location) == (1, 101)


def test_advancedif_positions_through_double_nesting() -> None:
    first, second = only("advancedif.jsonl")
    assert (first.id, second.id) == ("advancedif-1", "advancedif-2")
    assert first.metadata["benchmark_name"] == "if_carried_context_oss"
    assert first.prompt is not None
    assert first.prompt.startswith("User: I want to have a conversation with a genie")
    assert start(first.prompt_location) == (1, 145)
    assert [c.id for c in first.criteria] == ["q1", "q2"]
    criterion = first.criteria[0]
    assert criterion.text == (
        'Did the model not awaken due to the correct awakening word "genie" not being used?'
    )
    assert start(criterion.location) == (1, 1199)
    # In the file the quote before "genie" is \\\\\\\" (a quote escaped inside a JSON string
    # inside a JSON string inside the line); the word itself must still map exactly.
    assert word_at(criterion, "genie") == (1, 1266, 1, 1271)
    assert len(second.criteria) == 7
    assert start(second.criteria[2].location) == (2, 649)
    assert word_at(second.criteria[2], "opening") == (2, 669, 2, 676)


def test_advancedif_bad_nested_json_is_a_located_error() -> None:
    head = r'{"conversation_history":"[]","prompt_metadata":"{\"rubrics\": \"['
    good = head + r'\\\"Is it short?\\\"]\"}"}'
    bad = head + r'\\\"a\\\", oops]\"}"}'
    items = parse_text("advancedif.jsonl", f"{bad}\n{good}\n")
    error, rubric = items
    assert isinstance(error, ParseError)
    assert "AdvancedIF nested JSON" in error.reason
    assert start(error.location) == (1, 77)
    assert isinstance(rubric, Rubric)
    assert [c.text for c in rubric.criteria] == ["Is it short?"]
    assert start(rubric.criteria[0].location) == (2, 70)


def test_advancedif_nested_json_left_open_is_an_error_at_its_bracket() -> None:
    """The nested list ends with its string: the error names the string's end, in the file."""
    head = r'{"conversation_history":"[]","prompt_metadata":"{\"rubrics\": \"['
    line = head + r'\\\"a\\\"\"}"}'
    [error] = parse_text("advancedif.jsonl", line + "\n")
    assert isinstance(error, ParseError)
    assert error.reason == (
        "AdvancedIF nested JSON: Invalid JSON: '[' is never closed (the string ends at line 1, "
        "column 75)"
    )
    assert start(error.location) == (1, len(head))
    assert line[74:76] == r"\""  # the closing quote of the string, escaped in the line


def test_advancedif_repeated_key_in_nested_json_is_a_located_error() -> None:
    """The key repeats inside the JSON string of prompt_metadata; the last value is read."""
    line = (
        r'{"conversation_history":"[]","prompt_metadata":"{\"rubrics\": \"[]\", '
        r'\"rubrics\": \"[\\\"Is it short?\\\"]\"}"}'
    )
    error, rubric = parse_text("advancedif.jsonl", line + "\n")
    assert isinstance(error, ParseError)
    assert error.reason == (
        "AdvancedIF nested JSON: Key 'rubrics' repeats in this mapping: its value at line 1, "
        "column 63 is lost (only the last value of a key is read)"
    )
    assert start(error.location) == (1, 71)
    assert line[70:81] == r"\"rubrics\""
    assert line[62:66] == r"\"[]"
    assert isinstance(rubric, Rubric)
    assert [c.text for c in rubric.criteria] == ["Is it short?"]


def test_biggen_bench() -> None:
    first, second = only("biggen_bench.json")
    assert (first.id, second.id) == ("planning_travel_plan_0", "planning_travel_plan_1")
    assert second.prompt is not None
    assert second.prompt.startswith(
        "System: You are a travel agent that can design travel plans.\n\n"
        "User: Design a travel plan for a tourist"
    )
    assert second.metadata["system_prompt"] == (
        "You are a travel agent that can design travel plans."
    )
    (criterion,) = second.criteria
    assert criterion.id == "criteria"
    assert [level.label for level in criterion.levels] == [f"score{n}" for n in range(1, 6)]
    assert [level.score for level in criterion.levels] == [1, 2, 3, 4, 5]
    assert start(criterion.location) == (33, 26)
    assert word_at(criterion, "Taipei") == (33, 87, 33, 93)
    level = criterion.levels[0].origin
    assert level is not None
    assert start(level.location()) == (34, 36)


def test_biggen_bench_prompt_keeps_the_system_prompt() -> None:
    """The system prompt holds what the criterion grades ("the Caesar cipher"): the prompt is
    the chat, system prompt then input, located from the one to the other."""
    (rubric,) = only("biggen_bench_system_prompt.json")
    assert rubric.prompt is not None
    assert rubric.prompt.startswith("System: You are an expert of Caesar cipher which is")
    assert "alphabet.\n\nUser: Key: right shift of 3\nPlain: THE\n" in rubric.prompt
    assert rubric.prompt.endswith("Key: right shift of 1\nPlain: ABC")
    location = rubric.prompt_location
    assert location is not None
    assert (location.line, location.column, location.end_line, location.end_column) == (
        7,
        27,
        8,
        229,
    )


def test_biggen_bench_prompt_without_system_prompt_is_the_input() -> None:
    text = (
        '{"a": {"system_prompt": "", "input": "Name the capital.", '
        '"score_rubric": {"criteria": "Is Paris named?"}}}'
    )
    (rubric,) = parse_text("evals.json", text)
    assert isinstance(rubric, Rubric)
    assert rubric.prompt == "Name the capital."
    assert rubric.prompt_location == Location(
        path="evals.json", line=1, column=39, end_line=1, end_column=56
    )


def test_writingbench() -> None:
    (rubric,) = only("writingbench.jsonl")
    assert rubric.id == "16"
    assert rubric.prompt is not None
    assert rubric.prompt.startswith("Please write an introduction chapter")
    assert [c.id for c in rubric.criteria] == [
        "Introduction_Comprehensiveness",
        "Technical_Accuracy",
    ]
    criterion = rubric.criteria[1]
    assert [level.label for level in criterion.levels] == ["1-2", "3-4", "5-6", "7-8", "9-10"]
    assert [level.score for level in criterion.levels] == [2, 4, 6, 8, 10]
    assert start(criterion.location) == (1, 2007)
    assert word_at(criterion, "precision") == (1, 2033, 1, 2042)


def test_deepresearch_bench_ii() -> None:
    english, chinese = only("deepresearch_bench_ii.jsonl")
    assert (english.id, chinese.id) == ("task1+", "task7")
    assert english.prompt is not None
    assert english.prompt.startswith("Hello, I am researching social policy")
    assert [c.id for c in english.criteria] == [
        "info_recall-1",
        "info_recall-2",
        "info_recall-3",
        "analysis-1",
        "analysis-2",
        "analysis-3",
        "presentation-1",
        "presentation-2",
        "presentation-3",
    ]
    assert {c.axis for c in english.criteria} == {"info_recall", "analysis", "presentation"}
    criterion = by_id(english, "analysis-2")
    assert start(criterion.location) == (1, 1451)
    assert word_at(criterion, "warehous") == (1, 1493, 1, 1501)
    # Columns count characters, not bytes, in the Chinese row.
    chinese_criterion = by_id(chinese, "info_recall-1")
    assert start(chinese_criterion.location) == (2, 592)
    assert word_at(chinese_criterion, "1994") == (2, 606, 2, 610)
    assert chinese.metadata["language"] == "zh"


def test_paperbench() -> None:
    (rubric,) = only("paperbench.json")
    assert rubric.id == "3c22ea3d-0574-44ff-bd8a-3052e4e06376"
    assert rubric.prompt is None
    assert rubric.metadata["task"].startswith('The paper "Unsupervised Zero-Shot')
    assert [c.id for c in rubric.criteria] == ["1.1.1", "1.1.2", "2.1.1", "2.2.1", "2.2.2", "2.2.3"]
    assert all(c.points == 1.0 and c.axis == "Code Development" for c in rubric.criteria)
    assert rubric.criteria[0].tags == ["Dataset and Model Acquisition"]
    assert rubric.metadata["node_ids"]["2.2.1"] == "4bbda5e1-08af-4448-be55-a74b27109b85"
    assert rubric.metadata["groups"]["2.2"]["weight"] == 1
    criterion = by_id(rubric, "2.2.1")
    assert start(criterion.location) == (69, 46)
    assert word_at(criterion, "GC-IQL") == (69, 50, 69, 56)


def test_promptfoo_default_test() -> None:
    (rubric,) = only("promptfoo.yaml")
    assert rubric.id == "defaultTest"
    assert rubric.prompt == "Translate the following text to {{language}}: {{text}}"
    assert [c.id for c in rubric.criteria] == ["assert-1", "assert-2", "assert-3"]
    assert [c.axis for c in rubric.criteria] == ["accuracy", "fluency", "grammar"]
    assert all(c.tags == ["llm-rubric"] for c in rubric.criteria)
    criterion = rubric.criteria[1]
    assert start(criterion.location) == (16, 14)
    assert word_at(criterion, "fluency") == (16, 23, 16, 30)


def test_promptfoo_geval_folded_and_list_values() -> None:
    folded, listed = only("promptfoo_geval.yaml")
    assert (folded.id, listed.id) == ("test-1", "test-2")
    assert folded.prompt == "Hello! How are you?"
    (criterion,) = folded.criteria
    assert criterion.text.startswith(
        "Coherence - the collective quality of all sentences. We align"
    )
    assert start(criterion.location) == (14, 11)
    # A folded (>-) scalar: the word sits on the third source line of the value.
    assert word_at(criterion, "well-structured") == (16, 40, 16, 55)
    assert [c.id for c in listed.criteria] == ["assert-1#1", "assert-1#2"]
    assert start(listed.criteria[1].location) == (23, 13)
    assert word_at(listed.criteria[1], "factual") == (23, 31, 23, 38)


def test_promptfoo_vars_prompt_and_a_threshold_that_is_no_weight() -> None:
    (rubric,) = only("promptfoo_translations.yaml")
    assert rubric.id == "test-1"
    assert rubric.prompt is not None
    assert rubric.prompt.startswith("language: ['French', 'German'")
    (criterion,) = rubric.criteria
    # "threshold: 0.7" is the pass mark of the grader's 0-1 score, not the criterion's weight
    assert (criterion.points, criterion.points_location) == (None, None)
    assert start(criterion.location) == (29, 17)
    assert word_at(criterion, "translation") == (29, 35, 29, 46)


def test_promptfoo_without_model_graded_assertions_is_not_a_rubric() -> None:
    rubrics, errors = read("promptfoo_not_rubric.yaml")
    assert rubrics == []
    (error,) = errors
    assert error.reason.startswith("Not a rubric")


def test_promptfoo_test_rubric_with_rendered_prompt_and_weight() -> None:
    text = (
        "prompts:\n"
        "  - 'Summarise {{topic}} for {{repo}}'\n"
        "  - file://prompt.txt\n"
        "tests:\n"
        "  - description: MCP check\n"
        "    vars:\n"
        "      repo: rift\n"
        "      topic: transport\n"
        "    assert:\n"
        "      - type: contains\n"
        "        value: protocol\n"
        "      - type: llm-rubric\n"
        "        value: Mentions the transport protocols\n"
        "        weight: 0.2\n"
        "      - type: llm-rubric\n"
    )
    error, rubric = parse_text("promptfooconfig.yaml", text)
    assert isinstance(error, ParseError)
    assert "no rubric text" in error.reason
    assert start(error.location) == (15, 9)
    assert isinstance(rubric, Rubric)
    assert (rubric.id, rubric.prompt) == ("MCP check", "Summarise transport for rift")
    (criterion,) = rubric.criteria
    assert (criterion.id, criterion.points) == ("assert-2", 0.2)
    assert start(criterion.location) == (13, 16)


def test_promptfoo_assertion_type_that_is_a_list_or_mapping_is_no_type() -> None:
    text = (
        "tests:\n"
        "  - assert:\n"
        "      - type: [[]]\n"
        "      - type: {llm-rubric: 1}\n"
        "      - type: llm-rubric\n"
        "        value: Names the protocol\n"
    )
    (rubric,) = parse_text("promptfooconfig.yaml", text)
    assert isinstance(rubric, Rubric)
    (criterion,) = rubric.criteria
    assert (criterion.id, criterion.text) == ("assert-3", "Names the protocol")
    assert start(criterion.location) == (6, 16)
    (error,) = parse_text("promptfooconfig.yaml", "defaultTest:\n  assert:\n    - type: {b: []}\n")
    assert isinstance(error, ParseError)
    assert error.reason.startswith("Not a rubric")
    assert start(error.location) == (1, 1)


def test_deepeval_geval() -> None:
    first, second, third = only("deepeval_geval.json")
    assert (first.id, second.id, third.id) == ("Correctness", "Correctness-2", "Correctness-3")
    assert first.prompt is None
    assert [c.id for c in first.criteria] == ["criteria"]
    assert first.metadata["threshold"] == 0.5
    assert [c.id for c in second.criteria] == ["step-1", "step-2", "step-3"]
    assert "rubric_src" in third.metadata
    criterion = second.criteria[1]
    assert start(criterion.location) == (15, 8)
    assert word_at(criterion, "eligibility") == (15, 25, 15, 36)


def test_hellobench_checklist_map() -> None:
    first, second = only("hellobench_checklist.json")
    assert (first.id, second.id) == ("argumentative_writing", "keyword_writing")
    assert first.prompt is None
    assert [c.id for c in second.criteria] == ["q1", "q2"]
    criterion = second.criteria[1]
    assert start(criterion.location) == (8, 10)
    assert word_at(criterion, "sufficiently") == (8, 44, 8, 56)


def test_hellobench_data_row() -> None:
    (rubric,) = only("hellobench.jsonl")
    assert rubric.id == "heuristic_text_generation_000"
    assert rubric.prompt is not None
    assert rubric.prompt.startswith("You should write a well-structured, argumentative essay")
    assert rubric.metadata["category"] == "argumentative_writing"
    assert [c.id for c in rubric.criteria] == ["q1", "q2", "q3", "q4", "q5"]
    criterion = rubric.criteria[4]
    assert start(criterion.location) == (1, 1133)
    assert word_at(criterion, "flawless") == (1, 1160, 1, 1168)


def test_llmbar_metrics_split_with_positions() -> None:
    first, second = only("llmbar_metrics.json")
    assert (first.id, second.id) == ("rubric-1", "rubric-2")
    assert first.prompt == (
        "Complete a brief story given the following first sentence. [MALE] was a weatherman."
    )
    assert [c.id for c in first.criteria] == ["q1", "q2", "q3"]
    criterion = first.criteria[1]
    assert criterion.text.startswith("Does the output strictly adhere to the instruction")
    assert not criterion.text.endswith("\n")
    assert start(criterion.location) == (9, 140)
    assert start(criterion.item_location) == (9, 137)
    assert word_at(criterion, "strictly") == (9, 156, 9, 164)


def test_dynamic_rubrics() -> None:
    first, second = only("dynamic_rubrics_wang.json")
    assert first.prompt == "explain master slave replication nsql"
    assert [c.id for c in first.criteria] == ["c1", "c2", "c3", "c4", "c5"]
    criterion = first.criteria[2]
    assert criterion.text.startswith("Identifies key benefits")
    assert start(criterion.location) == (2, 330)
    assert word_at(criterion, "benefits") == (2, 345, 2, 353)
    # The preamble "Here is the evaluation rubric:" is not a criterion.
    assert len(second.criteria) == 5
    assert second.criteria[0].text.startswith("The email clearly and concisely")
    assert start(second.criteria[0].location) == (3, 360)
    assert word_at(second.criteria[0], "purpose") == (3, 403, 3, 410)


def test_auto_rubric() -> None:
    first, second = only("auto_rubric.json")
    assert (first.id, second.id) == ("helpsteer_general_rubric", "calculus_tutoring_rubric")
    assert first.prompt is None
    assert second.prompt is not None
    assert second.prompt.startswith("I'm struggling to understand the concept of limits.")
    assert first.metadata["source"] == "helpsteer3"
    assert [c.id for c in first.criteria] == ["r1", "r2"]
    criterion = first.criteria[0]
    assert start(criterion.location) == (13, 8)
    # After two escaped newlines and escaped quotes inside the "Theme ... Tip" block.
    assert word_at(criterion, "Steamboat") == (13, 398, 13, 407)


def test_flask_skillset() -> None:
    (rubric,) = only("flask_skillset.json")
    assert rubric.id == "flask-skillset"
    assert [c.id for c in rubric.criteria] == ["Logical Robustness", "Logical Correctness"]
    criterion = rubric.criteria[1]
    assert [level.score for level in criterion.levels] == [1, 2, 3, 4, 5]
    assert start(criterion.location) == (15, 22)
    assert word_at(criterion, "deterministic") == (15, 128, 15, 141)


def test_mtbench_judge() -> None:
    pair, single = only("mtbench_judge.jsonl")
    assert (pair.id, single.id) == ("pair-v2", "single-v1")
    assert pair.metadata["criterion_field"] == "system_prompt"
    assert single.metadata["criterion_field"] == "prompt_template"
    assert start(pair.criteria[0].location) == (1, 59)
    (criterion,) = single.criteria
    assert criterion.text.startswith("[Instruction]\nPlease act as an impartial judge")
    assert start(criterion.location) == (2, 110)
    assert word_at(criterion, "impartial") == (2, 142, 2, 151)


def test_openai_evals_grader_spec() -> None:
    (rubric,) = only("openai_evals_spec.yaml")
    assert rubric.id == "closedqa"
    assert rubric.metadata["choice_strings"] == "YN"
    (criterion,) = rubric.criteria
    assert criterion.id == "prompt"
    assert start(criterion.location) == (3, 5)
    assert word_at(criterion, "Criterion") == (10, 6, 10, 15)


def test_openai_evals_grader_spec_after_blank_line() -> None:
    (rubric,) = only("openai_evals_spec.yaml")
    assert word_at(rubric.criteria[0], "Reasoning") == (15, 5, 15, 14)


def test_openai_evals_registry() -> None:
    rubrics, errors = read("openai_evals_registry.yaml")
    assert errors == []
    (rubric,) = rubrics
    assert rubric.id == "coqa-closedqa-correct.dev.v0"
    assert rubric.metadata["args"]["modelgraded_spec"] == "closedqa"
    (criterion,) = rubric.criteria
    assert (criterion.id, criterion.axis) == ("criteria", "correctness")
    assert start(criterion.location) == (17, 18)
    assert word_at(criterion, "answer") == (17, 38, 17, 44)


def test_openai_evals_registry_criteria_mapping() -> None:
    (rubric,) = only("openai_evals_registry_mapping.yaml")
    (criterion,) = rubric.criteria
    assert (criterion.id, criterion.axis) == ("correct", "correctness")
    assert start(criterion.location) == (12, 19)
    # After escaped quotes (\"handbag\", ...) inside a double-quoted YAML scalar.
    assert word_at(criterion, "Wealthsimple") == (12, 119, 12, 131)


def test_healthbench_bad_item_is_reported_and_parsing_continues() -> None:
    row = '{"prompt_id": "p1", "prompt": [{"role": "user", "content": "Hi"}], '
    row += '"rubrics": [{"criterion": "Greets back.", "points": 3}, {"points": 2}]}'
    second = row.replace("p1", "p2")
    items = parse_text("hb.jsonl", f"{row}\n{second}\n")
    assert [type(item).__name__ for item in items] == [
        "ParseError",
        "Rubric",
        "ParseError",
        "Rubric",
    ]
    error = items[0]
    assert isinstance(error, ParseError)
    assert start(error.location) == (1, 124)
    assert [item.id for item in items if isinstance(item, Rubric)] == ["p1", "p2"]


def test_split_list_spans() -> None:
    text = (
        "Here is the rubric:\n\n"
        "1. First item\n   continues here.\n"
        "   - a nested bullet\n\n"
        "2) Second item\n"
        "Closing remark after the list.\n\n"
        "These criteria are final."
    )
    items = split_list(text)
    bodies = [text[item.start : item.end] for item in items]
    assert bodies == [
        "First item\n   continues here.\n   - a nested bullet",
        "Second item\nClosing remark after the list.",
    ]
    assert [item.number for item in items] == [1, 2]
    assert text[items[1].marker_start : items[1].marker_start + 2] == "2)"
    assert [(i.start, i.end, i.number) for i in split_list("- one\n- two")] == [
        (2, 5, None),
        (8, 11, None),
    ]
    assert split_list("No list here.") == []


@pytest.mark.skipif(not DATA.is_dir(), reason="real rubric data folder is absent")
def test_every_real_file_parses_and_every_layout_is_seen() -> None:
    layouts: set[str] = set()
    for path in sorted(DATA.rglob("*")):
        if not path.is_file():
            continue
        document = decode(str(path), path.read_bytes())
        if isinstance(document, ParseError):
            continue
        for item in parse_document(document):
            assert isinstance(item, Rubric | ParseError)
            if isinstance(item, Rubric):
                layouts.add(item.metadata["layout"])
    expected = {adapter.NAME for adapter in ADAPTERS if adapter is not rift_schema}
    assert expected <= layouts
