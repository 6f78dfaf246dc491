"""RL302 low-signal: rubrics whose weight sits mostly on generic criteria."""

from __future__ import annotations

from typing import Any

from conftest import lint_snippet
from fakes import GENERIC_AXIS, TableEmbedder

from rift_lint.models import Diagnostic

PROMPT = "Explain how to rotate a compromised AWS access key without downtime."


def generic(weight: float, axis: int = 1) -> dict[int, float]:
    """A unit vector whose cosine with every bank line is ``weight``."""
    return {GENERIC_AXIS: weight, axis: (1 - weight**2) ** 0.5}


def rubric(*criteria: tuple[str, float | None], prompt: str | None = PROMPT) -> str:
    """A YAML rubric: criterion ``ci`` has its text on line ``4 + 3 * (i - 1)`` (one less
    without a prompt), column 11."""
    lines = [f"prompt: {prompt}"] if prompt else []
    lines.append("criteria:")
    for number, (text, points) in enumerate(criteria, start=1):
        lines.append(f"  - id: c{number}")
        lines.append(f"    text: {text}")
        lines.append(f"    points: {points}" if points is not None else "    tags: []")
    return "\n".join(lines) + "\n"


def findings(text: str, embedder: Any = None, **options: Any) -> list[Diagnostic]:
    settings: dict[str, Any] = {"select": ["RL302"]}
    if options:
        settings["rules"] = {"RL302": options}
    return lint_snippet(text, embedder=embedder, **settings).diagnostics


ANSWERS = "Answers the question"
ENGLISH = "Is written in English"
HEADINGS = "Uses headings"
SECOND_KEY = "Tells the user to create a second access key before deactivating the old one"
TABLE = TableEmbedder(
    {
        ANSWERS: generic(0.9),
        ENGLISH: generic(0.9),
        HEADINGS: generic(0.9),
        SECOND_KEY: generic(0.1),
    }
)


def test_rubric_weighted_towards_generic_criteria_is_flagged() -> None:
    [finding] = findings(rubric((ANSWERS, 3), (ENGLISH, 1), (SECOND_KEY, 1)), TABLE)
    assert (finding.code, finding.name, finding.failure_mode) == (
        "RL302",
        "low-signal",
        "low_signal",
    )
    assert (finding.location.line, finding.location.column) == (1, 1)
    assert finding.criterion_id is None
    assert finding.message == (
        "80% of the rubric's points sit on generic criteria (c1, c2) that any on-topic answer "
        "would meet, so weak and strong answers score alike"
    )
    assert [(h.line, h.column) for h in finding.highlights] == [(4, 11), (7, 11)]
    assert finding.confidence == 0.8
    assert finding.related == []


def test_two_thirds_of_the_points_or_less_is_not_flagged() -> None:
    text = rubric((ANSWERS, 2), (ENGLISH, 2), (SECOND_KEY, 2))
    assert findings(text, TABLE) == []
    [finding] = findings(text, TABLE, **{"min-share": 0.5})
    assert finding.message.startswith("67% of the rubric's points")


def test_penalties_count_by_their_size() -> None:
    aspirin = "Recommends giving the old key to a colleague"
    table = TableEmbedder({ANSWERS: generic(0.9), aspirin: generic(0.1)})
    assert findings(rubric((ANSWERS, 2), (aspirin, -5)), table) == []


def test_without_points_each_criterion_weighs_one() -> None:
    three_generic = rubric((ANSWERS, None), (ENGLISH, None), (HEADINGS, None), (SECOND_KEY, None))
    [finding] = findings(three_generic, TABLE)
    assert finding.message.startswith("75% of the rubric's criteria are generic (")


def test_prompt_words_anchor_a_criterion() -> None:
    rotate = "Explains how to rotate the access key"
    table = TableEmbedder({rotate: generic(0.6)})
    text = rubric((rotate, 2))
    assert findings(text, table) == []
    assert len(findings(text, table, **{"prompt-weight": 0.0})) == 1


def test_the_kind_of_text_asked_for_does_not_anchor() -> None:
    essay = "Write an essay on whether colleges should drop legacy admissions."
    persuasive = "Is the generated essay persuasive?"
    on_topic = "Does the essay weigh legacy admissions against need-blind admissions?"
    table = TableEmbedder({persuasive: generic(0.6), on_topic: generic(0.6)})
    [finding] = findings(rubric((persuasive, None), prompt=essay), table)
    assert "are generic (c1):" in finding.message
    assert findings(rubric((on_topic, None), prompt=essay), table) == []


def test_single_generic_criterion_without_prompt_is_flagged() -> None:
    [finding] = findings(rubric(("The response is helpful", None), prompt=None))
    assert (finding.location.line, finding.location.column) == (1, 1)
    assert finding.message == (
        "100% of the rubric's criteria are generic (c1): any on-topic answer would meet them, "
        "so weak and strong answers score alike"
    )
    assert [(h.line, h.column) for h in finding.highlights] == [(3, 11)]


def test_reference_to_an_answer_key_is_not_generic() -> None:
    key = "Determine whether the output matches the expected output"
    table = TableEmbedder({key: generic(0.9)})
    assert findings(rubric((key, None), prompt=None), table) == []


def test_numbers_and_acronyms_make_a_criterion_specific() -> None:
    short = "Is under 150 words"
    sql = "Uses SQL"
    table = TableEmbedder({short: generic(0.6), sql: generic(0.6, axis=2)})
    assert findings(rubric((short, None), (sql, None), prompt=None), table) == []


def test_generic_threshold_option() -> None:
    vague = "Covers the main points"
    table = TableEmbedder({vague: generic(0.3)})
    text = rubric((vague, 1), prompt=None)
    assert findings(text, table) == []
    assert len(findings(text, table, **{"generic-threshold": 0.25})) == 1


def test_extend_generic_criteria_adds_to_the_bank() -> None:
    weather = "Mentions the weather"
    table = TableEmbedder({weather: {5: 1.0}, "Talks about the weather": {5: 1.0}})
    text = rubric((weather, 1), prompt=None)
    assert findings(text, table) == []
    extended = findings(text, table, **{"extend-generic-criteria": ["Talks about the weather"]})
    assert len(extended) == 1


def test_rubric_left_without_criteria_has_no_finding() -> None:
    """Its only criterion is malformed (an RL001): no criterion is left to weigh."""
    found = findings("prompt: Say hello.\ncriteria:\n  - {points: 2}\n")
    assert [d.code for d in found] == ["RL001"]


def test_real_model_flags_generic_rubric_not_specific_one(real_embedder: Any) -> None:
    embedder = real_embedder
    bad = rubric(
        ("Answers the question", 2),
        ("Is written in English", 1),
        ("Uses headings or bullet points", 1),
        ("Mentions AWS access keys", 1),
    )
    [finding] = findings(bad, embedder)
    assert finding.message.startswith(
        "80% of the rubric's points sit on generic criteria (c1, c2, c3)"
    )
    better = rubric(
        (SECOND_KEY, 3),
        ("Tells the user to update every application to the new key first", 3),
        ("Tells the user to deactivate the old key before deleting it", 2),
        ("Recommends checking CloudTrail for activity by the compromised key", 2),
        ("Is written in English", 1),
    )
    assert findings(better, embedder) == []


def templated_file(*prompts: str, criteria: tuple[str, ...]) -> str:
    """A YAML file of one rubric per prompt, every rubric with the same ``criteria`` (no points).

    Rubric ``i`` (from 0) starts on line ``2 + i * (3 + len(criteria))``, its criteria three
    lines later, at column 9.
    """
    lines = ["rubrics:"]
    for number, prompt in enumerate(prompts, start=1):
        lines += [f"  - id: r{number}", f"    prompt: {prompt}", "    criteria:"]
        lines += [f"      - {text}" for text in criteria]
    return "\n".join(lines) + "\n"


SCREENPLAY = (
    "Does the screenplay build tension through its scenes",
    "Do you think this screenplay is flawless",
)
SPECIFIC = TableEmbedder({text: generic(0.1) for text in SCREENPLAY})


def test_criteria_reused_under_other_prompts_of_the_file_are_generic() -> None:
    text = templated_file(
        "Write a screenplay about a funeral interrupted by the police.",
        "Write a screenplay about a diary found in a school locker.",
        criteria=SCREENPLAY,
    )
    first, second = findings(text, SPECIFIC)
    assert (first.rubric_id, second.rubric_id) == ("r1", "r2")
    assert second.message == (
        "100% of the rubric's criteria are generic (c1, c2): any on-topic answer would meet "
        "them, so weak and strong answers score alike; 2 of them grade other prompts of this "
        "file word for word"
    )
    assert [(h.line, h.column) for h in second.highlights] == [(10, 9), (11, 9)]


def test_one_reused_criterion_is_counted_in_the_singular() -> None:
    text = templated_file(
        "Write a screenplay about a funeral interrupted by the police.",
        "Write a screenplay about a diary found in a school locker.",
        criteria=SCREENPLAY[:1],
    )
    _, second = findings(text, SPECIFIC)
    assert second.message == (
        "100% of the rubric's criteria are generic (c1): any on-topic answer would meet "
        "them, so weak and strong answers score alike; 1 of them grades other prompts of this "
        "file word for word"
    )


def test_reuse_under_one_prompt_or_in_one_rubric_is_not_generic() -> None:
    funeral = "Write a screenplay about a funeral interrupted by the police."
    assert findings(templated_file(funeral, funeral, criteria=SCREENPLAY), SPECIFIC) == []
    assert findings(templated_file(funeral, criteria=SCREENPLAY), SPECIFIC) == []


def test_min_reuse_option() -> None:
    text = templated_file(
        "Write a screenplay about a funeral.",
        "Write a screenplay about a diary.",
        criteria=SCREENPLAY,
    )
    assert findings(text, SPECIFIC, **{"min-reuse": 3}) == []
    assert findings(text, SPECIFIC, **{"min-reuse": 0}) == []
    three = templated_file(
        "Write a screenplay about a funeral.",
        "Write a screenplay about a diary.",
        "Write a screenplay about a wedding.",
        criteria=SCREENPLAY,
    )
    assert len(findings(three, SPECIFIC, **{"min-reuse": 3})) == 3
