"""RL202 missing-criteria: prompt requirements that no criterion checks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import lint_snippet
from fakes import FakeEmbedder, TableEmbedder

from rift_lint import engine
from rift_lint.cli import main
from rift_lint.config import ConfigResolver, build_config
from rift_lint.embeddings.provider import EmbeddingProvider
from rift_lint.engine import ActiveRules, Linter
from rift_lint.models import Criterion, Diagnostic
from rift_lint.prompts.requirements import Unit, instruction_spans, requirement_units
from rift_lint.prompts.words import number_value
from rift_lint.rules.rl202_missing_criteria import MissingCriteria, MissingCriteriaOptions
from rift_lint.source import SourceDocument

METFORMIN = (
    'List three side effects of metformin in a table with columns "Side effect" and "How common".'
)


def _rubric(prompt: str | None, *criteria: str) -> str:
    lines = ["id: r1"]
    if prompt is not None:
        lines.append(f"prompt: {json.dumps(prompt)}")
    lines.append("criteria:")
    lines.extend(f"  - text: {json.dumps(text)}" for text in criteria)
    return "\n".join(lines) + "\n"


def _rl202(text: str, name: str = "rubric.yaml", **settings: object) -> list[Diagnostic]:
    result = lint_snippet(text, name, select=["RL202"], **settings)
    return [d for d in result.diagnostics if d.code == "RL202"]


def _units(prompt: str, **options: object) -> list[Unit]:
    return requirement_units(prompt, MissingCriteriaOptions(**options).unit_settings())


def _texts(prompt: str, **options: object) -> list[str]:
    return [unit.text for unit in _units(prompt, **options)]


# --- findings -------------------------------------------------------------------------------


def test_uncovered_count_and_format_are_quoted_on_the_rubric_line() -> None:
    text = _rubric(
        METFORMIN,
        "Names gastrointestinal upset as a side effect",
        "Names vitamin B12 deficiency as a side effect",
    )
    [finding] = _rl202(text)
    assert (finding.location.line, finding.location.column) == (1, 1)
    assert finding.failure_mode == "missing_criteria"
    assert finding.criterion_id is None and finding.rubric_id == "r1"
    assert f"'{METFORMIN}' (the number 3; table)" in finding.message
    assert finding.message.startswith("No criterion checks this requirement of the prompt")
    [related] = finding.related
    assert related.location.line == 2
    assert related.message.startswith("uncovered requirement: ")


def test_every_requirement_covered_gives_no_finding() -> None:
    text = _rubric(
        METFORMIN,
        "Names gastrointestinal upset as a side effect",
        "Names vitamin B12 deficiency as a side effect",
        "Lists exactly three side effects",
        'Presents them in a table with the columns "Side effect" and "How common"',
    )
    assert _rl202(text) == []


def test_vague_coverage_is_enough() -> None:
    # No criterion repeats "20" but one is about length; one names the haiku form.
    text = _rubric(
        "Write a haiku about autumn leaves. Keep it under 20 words.",
        "The poem is about autumn leaves",
        "Follows the haiku form",
        "The poem is short",
    )
    assert _rl202(text) == []


def test_number_words_and_digits_match() -> None:
    text = _rubric(
        "Give me 5 tips for sleeping better.",
        "Gives five tips",
        "Each tip is about sleeping better",
    )
    assert _rl202(text) == []


def test_a_number_joined_to_another_word_covers_only_that_word() -> None:
    prompt = "Plan a trip to Rome for 3 days. Include three restaurant suggestions."
    other = _rubric(prompt, "Covers a 3-day trip to Rome", "Suggests places to eat")
    [finding] = _rl202(other)
    assert '"Include three restaurant suggestions." (the number 3)' in finding.message
    same = _rubric(prompt, "Plans a 3-day trip", "Suggests 3 restaurants", "The trip is in Rome")
    assert _rl202(same) == []
    joined = _rubric("Write a 500-word essay on tides.", "Is a 500-word essay on tides")
    assert _rl202(joined) == []


def test_several_numbers_of_a_unit_are_named_in_the_plural() -> None:
    prompt = "Reference 2-3 recent news cases about plastic waste."
    [finding] = _rl202(_rubric(prompt, "Explains why recycling matters"))
    assert '"Reference 2-3 recent news cases about plastic waste." (the numbers 2 and 3)' in (
        finding.message
    )


def test_several_uncovered_units_in_one_finding_with_exact_spans(tmp_path: Path) -> None:
    prompt = (
        "Draft a text message of at most 160 characters reminding Sam Lee of his flu "
        "vaccination on Friday 8 November at 9:30. Do not include anything about his medical "
        "history."
    )
    text = (
        "# Reminder\n\n## Prompt\n\n"
        f"{prompt}\n\n"
        "## Criteria\n\n"
        "- States that the appointment is for a flu vaccination (2 pts)\n"
        "- Gives the date as Friday 8 November and the time as 9:30 (3 pts)\n"
    )
    [finding] = _rl202(text, "reminder.md")
    assert finding.location.line == 1
    assert "these 2 requirements" in finding.message
    assert '"Do not include anything about his medical history."' in finding.message
    assert "(the number 160)" in finding.message
    first, second = finding.related
    assert (first.location.line, first.location.column) == (5, 1)
    assert second.location.line == 5
    underlined = prompt[second.location.column - 1 : second.location.end_column - 1]
    assert underlined == "Do not include anything about his medical history."


def test_related_location_is_the_unit_through_escapes_of_the_prompt_string() -> None:
    prompt = 'Explain what "idempotent" means for an HTTP method.\nInclude two examples.'
    rubric = {"id": "r1", "prompt": prompt, "criteria": [{"text": "Defines idempotent"}]}
    text = json.dumps(rubric, indent=2)
    [finding] = _rl202(text, "rubric.json")
    [related] = finding.related
    line = text.splitlines()[related.location.line - 1]
    assert related.location.line == related.location.end_line == 3
    assert line[related.location.column - 1 : related.location.end_column - 1] == (
        "Include two examples."
    )


def test_unrelated_request_is_uncovered() -> None:
    text = _rubric(
        "I'm struggling with limits. Can you explain what lim sin(x)/x equals as x goes to zero?",
        "Adapts the explanation to the student's level",
        "Builds understanding from fundamentals rather than procedures",
    )
    [finding] = _rl202(text)
    assert "Can you explain what lim sin(x)/x equals" in finding.message
    assert "struggling" not in finding.message


@pytest.mark.parametrize("gathered", [True, False])
def test_requirements_are_judged_on_words_once(
    monkeypatch: pytest.MonkeyPatch, gathered: bool
) -> None:
    """The engine's pass that gathers the texts to encode (``texts_to_encode``) and the check
    share one verdict on words per rubric; without that pass the check reaches it itself, and
    finds the same."""
    judged: list[list[str]] = []
    lexical_verdicts = MissingCriteria._lexical_verdicts

    def counted(
        rule: MissingCriteria, units: list[Unit], criteria: list[Criterion]
    ) -> dict[int, bool | None] | None:
        judged.append([unit.text for unit in units])
        return lexical_verdicts(rule, units, criteria)

    monkeypatch.setattr(MissingCriteria, "_lexical_verdicts", counted)
    if not gathered:
        monkeypatch.setattr(engine, "_texts_to_encode", lambda rules, contexts: [])
    prompt = "I'm struggling with limits. Can you explain what lim sin(x)/x equals as x goes to 0?"
    text = _rubric(prompt, "Adapts the explanation to the student's level", "Is kind")
    [unit] = _texts(prompt)
    [finding] = _rl202(text)
    assert finding.message == f'No criterion checks this requirement of the prompt: "{unit}"'
    assert judged == [[unit]]


def test_a_requirement_or_criterion_the_model_cannot_read_is_not_reported() -> None:
    """A zero vector (a text mostly outside the model's vocabulary) is similar to nothing: an
    unread requirement, or a rubric with an unread criterion, cannot show a gap."""
    prompt = "I'm struggling with limits. Can you explain what lim sin(x)/x equals as x goes to 0?"
    criteria = ("Adapts the explanation to the student's level", "Builds on the fundamentals")
    [unit] = _texts(prompt)
    text = _rubric(prompt, *criteria)
    apart = {unit: {1: 1.0}, criteria[0]: {2: 1.0}, criteria[1]: {3: 1.0}}
    [finding] = _rl202(text, embedder=TableEmbedder(apart))
    assert unit in finding.message
    assert _rl202(text, embedder=TableEmbedder({**apart, unit: {}})) == []
    assert _rl202(text, embedder=TableEmbedder({**apart, criteria[1]: {}})) == []


def test_no_finding_without_a_prompt() -> None:
    assert _rl202(_rubric(None, "The answer is clear", "The answer is short")) == []


def test_rubrics_without_a_prompt_are_counted_once_per_run() -> None:
    config = build_config({"select": ["RL202"]}, Path.cwd())
    provider = EmbeddingProvider(fixed=FakeEmbedder())
    rules = ActiveRules.for_file(config, Path("r.jsonl"), provider)
    linter = Linter(ConfigResolver(isolated=True), provider)
    records = [
        {"id": "a", "criteria": [{"text": "Is clear"}]},
        {"id": "b", "prompt": "Explain tides.", "criteria": [{"text": "Explains tides"}]},
        {"id": "c", "criteria": [{"text": "Is short"}]},
    ]
    text = "\n".join(json.dumps(record) for record in records) + "\n"
    linter.lint_document(SourceDocument("r.jsonl", text), rules)
    assert linter.promptless == {"RL202": 2}


def test_cli_notes_rubrics_without_a_prompt(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "r.yaml").write_text(_rubric(None, "Names Paris as the capital"))
    result = CliRunner().invoke(main, ["check", "--isolated", "--select", "RL202", "r.yaml"])
    assert result.exit_code == 0
    assert result.stderr == "rift-lint: RL202 skipped 1 rubric without a prompt\n"


def test_options_change_the_thresholds() -> None:
    brief = _rubric(
        "Write a haiku about autumn leaves. Keep it under 20 words.",
        "The haiku is about autumn leaves",
        "The haiku is brief",
    )
    assert _rl202(brief) == []
    assert _rl202(brief, rules={"RL202": {"trim-quantity-cues": ["brief"]}}) != []
    unrelated = _rubric(
        "Can you explain what lim sin(x)/x equals as x goes to zero?",
        "Adapts the explanation to the student's level",
    )
    assert _rl202(unrelated) != []
    assert _rl202(unrelated, rules={"RL202": {"unrelated-similarity": -1.0}}) == []


def test_catch_all_criterion_covers_everything() -> None:
    text = _rubric(
        METFORMIN,
        "Names gastrointestinal upset as a side effect",
        "Meets all the requirements specified in the user instructions",
    )
    assert _rl202(text) == []


# --- the unit splitter ----------------------------------------------------------------------


def test_units_are_instructions() -> None:
    prompt = (
        "I run a small bakery in Leeds. Write a product description for our sourdough loaf. "
        "It must mention that the flour is organic; avoid the word 'artisanal'. "
        "The loaf is baked every morning."
    )
    assert _texts(prompt) == [
        "Write a product description for our sourdough loaf.",
        "avoid the word 'artisanal'.",
    ]
    # A modal sentence is a unit only for the count, length or form it fixes.
    assert _texts("The flour must be organic. The answer must be under 80 words.") == [
        "The answer must be under 80 words."
    ]


def test_a_form_to_start_or_end_with_needs_two_content_words() -> None:
    prompt = (
        "Rewrite your previous response. Start every sentence with the letter A. "
        "End with a question."
    )
    assert _texts(prompt) == ["Start every sentence with the letter A."]


def test_units_carry_counts_lengths_and_formats() -> None:
    prompt = (
        "Suggest 3 names for a cat. Answer in under 50 words. Return the answer as JSON. "
        "My cat is 4 years old and weighs 5 kg."
    )
    units = _units(prompt)
    assert [(u.numbers, u.length_numbers, u.formats) for u in units] == [
        (("3",), (), ()),
        (("50",), ("50",), ()),
        ((), (), (("json",),)),
    ]
    assert all(unit.kind == "constraint" for unit in units)


def test_dates_times_measures_and_versions_are_not_counts() -> None:
    prompt = (
        "Please remind me that the meeting is on 8 November 2024 at 9:30, bring 2.5 kg of flour "
        "and install Windows 10."
    )
    [unit] = _units(prompt)
    assert unit.numbers == ()


def test_source_material_is_ignored() -> None:
    prompt = (
        "Summarise the article below in two sentences.\n\n"
        "Article:\n"
        "Researchers must now publish their data. Include the raw files, the council said.\n\n"
        "Background:\nWrite to your MP if you disagree."
    )
    assert _texts(prompt) == ["Summarise the article below in two sentences."]


def test_material_after_an_instruction_ending_with_a_colon_is_ignored() -> None:
    prompt = "Give me honest feedback on this text:\nI sat on the stairs. Never go back home."
    assert _texts(prompt) == ["Give me honest feedback on this text"]
    assert _texts("Can you comment on this story?:\nPlease include a dragon.") == []


def test_listed_requirements_count_without_an_instruction_word() -> None:
    prompt = (
        "Write a review of three earbuds. Specific requirements are:\n"
        "1. Article length: 3000-4000 words\n"
        "2. Conclude with purchase recommendations for commuters"
    )
    assert _texts(prompt) == [
        "Write a review of three earbuds.",
        "Article length: 3000-4000 words",
        "Conclude with purchase recommendations for commuters",
    ]


def test_only_the_last_user_turn_of_a_chat_counts() -> None:
    prompt = (
        "System: Always answer in French.\n\n"
        "User: List five rivers.\n\n"
        "Assistant: Write them down: Nile, Amazon.\n\n"
        "User: Now sort the rivers by length and give the length of each in miles."
    )
    assert _texts(prompt) == ["Now sort the rivers by length and give the length of each in miles."]
    assert _texts(prompt, earlier_turns=True) == [
        "Always answer in French.",
        "List five rivers.",
        "Now sort the rivers by length and give the length of each in miles.",
    ]


def test_chat_markers_on_their_own_line() -> None:
    prompt = (
        "Write a poem.\n<extra_id_1>Assistant\nRoses are red.\n<extra_id_1>User\nMake it rhyme."
    )
    spans = instruction_spans(prompt)
    assert [prompt[s.start : s.end].strip() for s in spans] == ["Make it rhyme."]


def test_plain_questions_are_not_units_and_requests_need_english_content_words() -> None:
    assert _texts("do you know whether this has been tried?") == []
    assert _texts("Gibt es irgendeine Möglichkeit, dass ich geheilt werde?") == []
    assert _texts("What is the boiling point of ethanol at sea level?") == []
    assert _texts("Could you tell me the boiling point of ethanol at sea level?") == [
        "Could you tell me the boiling point of ethanol at sea level?"
    ]


def test_the_middle_of_a_long_turn_is_material() -> None:
    story = "My grandmother baked bread every Sunday in her village. " * 30
    middle = "Add the flour and stir for 5 minutes."
    prompt = (
        f"Write a recipe blog post of 300 words.\n\n{story}\n\n{middle}\n\n{story}\n\n"
        "Use a numbered list."
    )
    assert _texts(prompt) == ["Write a recipe blog post of 300 words.", "Use a numbered list."]
    assert len(_texts(prompt, edge_chars=5000)) > 2


def test_quoted_text_file_names_and_code_fix_nothing() -> None:
    [unit] = _units("Rewrite the sentence 'I ate 5 apples' in French.")
    assert (unit.numbers, unit.formats) == ((), (("french",),))
    assert _units("Write a script that reads sales.csv and prints the totals.")[0].formats == ()
    assert _texts("return self.obs_buf\nkeep = x_value == 3;") == []


def test_lines_wrapped_mid_sentence_are_joined() -> None:
    prompt = "Write a Python script that reads sales.csv and prints the total per region,\n"
    prompt += "highest total first."
    assert _texts(prompt) == [prompt]


def test_an_abbreviation_does_not_end_a_sentence() -> None:
    prompt = (
        "Summarise the findings of Sharma et al. (2020) and compare them with the 2019 trial. "
        "Use a table, e.g. Markdown, with one row per study."
    )
    assert _texts(prompt) == [
        "Summarise the findings of Sharma et al. (2020) and compare them with the 2019 trial.",
        "Use a table, e.g. Markdown, with one row per study.",
    ]


def test_listed_items_without_instruction_words_count_only_for_numbers_and_forms() -> None:
    prompt = "Requirements:\n- Article length: 3000 words\n- Friendly tone for young readers"
    [unit] = _units(prompt)
    assert (unit.text, unit.numbers) == ("Article length: 3000 words", ("3000",))


def test_units_are_capped() -> None:
    prompt = " ".join(f"Write a line about {fruit} pies." for fruit in ["apple", "pear", "plum"])
    assert len(_texts(prompt, max_units=2)) == 2


# --- with the real model --------------------------------------------------------------------


def test_real_model_flags_the_missing_limit_and_accepts_a_paraphrase() -> None:
    from rift_lint.embeddings.embedder import default_embedder

    embedder = default_embedder(None)
    bad = _rubric(
        "Write a short poem about the sea. Do not mention any boats or ships.",
        "The poem is about the sea",
        "The poem is short",
    )
    [finding] = _rl202(bad, embedder=embedder)
    assert '"Do not mention any boats or ships."' in finding.message
    paraphrased = _rubric(
        "Write a short poem about the sea. Do not mention any boats or ships.",
        "The poem is about the sea",
        "The poem is short",
        "Does not mention any watercraft",
    )
    assert _rl202(paraphrased, embedder=embedder) == []


@pytest.mark.parametrize(
    ("word", "value"),
    [
        ("1,000", "1000"),
        ("2.50", "2.5"),
        ("3.0", "3"),
        ("12th", "12"),
        ("3,5", None),
        ("1.2.3", None),
        ("2.0.0", None),
        ("1.2.00", None),
        ("v2", None),
    ],
)
def test_number_value_reads_one_unambiguous_number(word: str, value: str | None) -> None:
    """A version number ("2.0.0") is no number, even where dropping trailing zeros would leave
    one that looks like a decimal ("2.0")."""
    assert number_value(word) == value


def test_a_long_list_of_uncovered_requirements_quotes_five_and_counts_the_rest() -> None:
    prompt = " ".join(
        f"Write {word} paragraphs about {topic}."
        for word, topic in [
            ("two", "volcanoes"),
            ("three", "glaciers"),
            ("four", "deserts"),
            ("five", "rainforests"),
            ("six", "oceans"),
            ("seven", "tundra"),
            ("eight", "wetlands"),
        ]
    )
    [finding] = _rl202(_rubric(prompt, "Uses a friendly tone"))
    assert finding.message.startswith("No criterion checks these 7 requirements of the prompt")
    assert finding.message.endswith(
        '"Write six paragraphs about oceans." (the number 6); and 2 more'
    )
    assert finding.message.count('"Write ') == 5
    assert len(finding.related) == 7
