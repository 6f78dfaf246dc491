"""RL201 misaligned-or-rigid, relevance half: criteria that relate weakly to the prompt."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import lint_snippet
from fakes import GENERIC_AXIS, FakeEmbedder, TableEmbedder

from rift_lint import engine
from rift_lint.cli import main
from rift_lint.config import build_config
from rift_lint.embeddings.provider import EmbeddingProvider
from rift_lint.engine import ActiveRules
from rift_lint.models import Criterion, Diagnostic
from rift_lint.prompts.view import PromptView
from rift_lint.rules.rl201_misaligned_or_rigid import MisalignedOrRigid
from rift_lint.rules.rl201_relevance import prompt_parts, reads_english

PROMPT_AXIS = 1
PROMPT = "Write a Python script that prints the total sales per region from sales.csv."
QUOTE = "Adds a motivational quote at the end"


def prompt_table(table: dict[str, dict[int, float]]) -> TableEmbedder:
    """A table embedder whose prompt lies on its own axis, so a criterion's similarity to the
    prompt is its weight on that axis (any other text lies on the generic axis)."""
    return TableEmbedder({PROMPT: {PROMPT_AXIS: 1.0}, **table})


def toward_prompt(similarity: float, axis: int = 2) -> dict[int, float]:
    """A unit vector whose cosine with the prompt is ``similarity`` (and 0 with the bank)."""
    return {PROMPT_AXIS: similarity, axis: (1 - similarity**2) ** 0.5}


def rubric(*criteria: tuple[str, float | None], prompt: str | None = PROMPT) -> str:
    """A YAML rubric: criterion ``ci`` has its text on line ``3 + 2 * (i - 1)``, column 11."""
    lines = [f"prompt: {json.dumps(prompt)}"] if prompt else ["prompt: ''"]
    lines.append("criteria:")
    for number, (text, points) in enumerate(criteria, start=1):
        lines.append(f"  - text: {json.dumps(text)}")
        lines.append(f"    points: {points}" if points is not None else f"    id: c{number}")
    return "\n".join(lines) + "\n"


def findings(text: str, embedder: Any, **options: Any) -> list[Diagnostic]:
    settings: dict[str, Any] = {"select": ["RL201"]}
    if options:
        settings["rules"] = {"RL201": options}
    return lint_snippet(text, embedder=embedder, **settings).diagnostics


def test_criterion_far_from_the_prompt_is_flagged_on_its_whole_text() -> None:
    text = rubric((QUOTE, 2))
    [finding] = findings(text, prompt_table({QUOTE: toward_prompt(0.05)}))
    assert (finding.code, finding.failure_mode) == ("RL201", "misaligned_or_rigid")
    assert finding.message == (
        "The criterion relates weakly to the prompt (similarity 0.05; the prompt's closest "
        'part: "Write a Python script that prints the total sales per region from sales.csv.")'
    )
    location = finding.location
    assert (location.line, location.column, location.end_column) == (3, 12, 12 + len(QUOTE))
    assert finding.highlights == []
    assert finding.confidence == 0.5
    assert finding.suggestion is not None and "prompt" in finding.suggestion


def test_criterion_close_enough_to_the_prompt_is_not_flagged() -> None:
    text = rubric((QUOTE, 2))
    embedder = prompt_table({QUOTE: toward_prompt(0.3)})
    assert findings(text, embedder) == []
    [finding] = findings(text, embedder, **{"min-similarity": 0.35})
    assert "similarity 0.30" in finding.message


def test_min_similarity_of_minus_one_switches_the_check_off() -> None:
    embedder = prompt_table({QUOTE: toward_prompt(-0.2)})
    assert len(findings(rubric((QUOTE, 2)), embedder)) == 1
    assert findings(rubric((QUOTE, 2)), embedder, **{"min-similarity": -1}) == []


def test_criterion_sharing_the_prompts_words_is_not_compared() -> None:
    totals = "Prints the sales of each region"
    embedder = prompt_table({totals: toward_prompt(0.0)})
    assert findings(rubric((totals, 2)), embedder) == []
    assert len(findings(rubric((totals, 2)), embedder, **{"max-shared-words": 1.0})) == 1
    fake = FakeEmbedder()
    fake.model_id = f"fake-{id(fake)}"
    assert findings(rubric((totals, 2)), fake) == []
    assert fake.encoded == []  # neither the criterion nor the prompt was encoded


@pytest.mark.parametrize("gathered", [True, False])
def test_whether_a_criterion_is_compared_is_worked_out_once(
    monkeypatch: pytest.MonkeyPatch, gathered: bool
) -> None:
    """The engine's pass that gathers the texts to encode (``texts_to_encode``) and the check
    share one answer per criterion; without that pass the check works it out itself, and
    finds the same."""
    weighed: list[str] = []
    compared_with_prompt = MisalignedOrRigid._compared_with_prompt

    def counted(
        rule: MisalignedOrRigid, criterion: Criterion, doc: Any, prompt: PromptView
    ) -> bool:
        weighed.append(criterion.text)
        return compared_with_prompt(rule, criterion, doc, prompt)

    monkeypatch.setattr(MisalignedOrRigid, "_compared_with_prompt", counted)
    if not gathered:
        monkeypatch.setattr(engine, "_texts_to_encode", lambda rules, contexts: [])
    totals = "Prints the sales of each region"  # shares the prompt's words: not compared
    embedder = prompt_table({QUOTE: toward_prompt(0.05)})
    [finding] = findings(rubric((totals, 2), (QUOTE, 2)), embedder)
    assert finding.location.line == 5
    assert finding.message.startswith(
        "The criterion relates weakly to the prompt (similarity 0.05;"
    )
    assert weighed == [totals, QUOTE]


def test_rubric_without_a_prompt_gets_no_relevance_finding() -> None:
    embedder = prompt_table({QUOTE: toward_prompt(0.0)})
    assert findings(rubric((QUOTE, 2), prompt=None), embedder) == []


@pytest.mark.parametrize(
    ("criterion", "points"),
    [
        (QUOTE, -2),  # a penalty describes a mistake
        ("Does not insult the user with rude remarks", 1),  # worded as what to avoid
        ("The response avoids emojis and exclamation marks", 1),
        ("Follows every formatting instruction", 1),  # grades against the prompt itself
        ("Is the joke funny? If not, fail.", 1),  # a grading procedure
    ],
)
def test_criteria_that_are_not_judged_on_relevance(criterion: str, points: float) -> None:
    embedder = prompt_table({criterion: toward_prompt(0.0)})
    assert findings(rubric((criterion, points)), embedder) == []


def test_generic_criterion_is_left_to_rl302() -> None:
    english = "Uses plain English throughout"
    near_bank = {GENERIC_AXIS: 0.6, 2: 0.8}
    assert findings(rubric((english, 1)), prompt_table({english: near_bank})) == []
    embedder = prompt_table({english: near_bank})
    assert len(findings(rubric((english, 1)), embedder, **{"generic-similarity": 0.7})) == 1


def test_a_long_closest_part_is_cut_after_a_whole_word() -> None:
    """The quoted part of the prompt is cut as other messages cut quotes: after its last
    whole word, with an ellipsis, never inside a word ("order v...")."""
    long = (
        "Write a SQL query that returns the 5 customers with the highest total order value "
        "in 2023, one row each."
    )
    embedder = TableEmbedder({long: {PROMPT_AXIS: 1.0}, QUOTE: toward_prompt(0.05)})
    [finding] = findings(rubric((QUOTE, 2), prompt=long), embedder)
    assert finding.message == (
        "The criterion relates weakly to the prompt (similarity 0.05; the prompt's closest "
        'part: "Write a SQL query that returns the 5 customers with the highest total order…")'
    )


def test_long_criterion_is_not_judged() -> None:
    long = " ".join(["Rewards a thorough motivational quote"] * 40)
    embedder = prompt_table({long: toward_prompt(0.0)})
    assert findings(rubric((long, 2)), embedder) == []
    assert len(findings(rubric((long, 2)), embedder, **{"max-criterion-words": 500})) == 1


def test_prompt_in_another_language_is_not_judged() -> None:
    german = "Ich habe seit einigen Jahren Schmerzen und es ist so schlimm. Was kann ich tun?"
    embedder = prompt_table({QUOTE: toward_prompt(0.0)})
    assert findings(rubric((QUOTE, 2), prompt=german), embedder) == []


def test_texts_the_model_cannot_read_are_not_judged() -> None:
    """A zero vector (a text mostly outside the model's vocabulary) is similar to nothing,
    which says nothing about relevance: neither an unread criterion nor an unread prompt
    gives a finding."""
    text = rubric((QUOTE, 2))
    assert len(findings(text, prompt_table({QUOTE: toward_prompt(0.0)}))) == 1
    assert findings(text, prompt_table({QUOTE: {}})) == []
    assert findings(text, TableEmbedder({PROMPT: {}, QUOTE: toward_prompt(0.0)})) == []


def test_rule_and_relevance_evidence_merge_into_one_finding() -> None:
    pandas = "Uses pandas to add a motivational quote"
    [finding] = findings(rubric((pandas, 2)), prompt_table({pandas: toward_prompt(0.0)}))
    assert finding.message.startswith(
        'The criterion insists on "pandas", which the prompt never mentions; it also relates '
        "weakly to the prompt (similarity 0.00; the prompt's closest part: "
    )
    assert (finding.location.column, finding.location.end_column) == (17, 23)  # "pandas"
    assert finding.confidence == 0.8


def test_without_embeddings_the_rule_half_still_runs(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    config = build_config({"select": ["RL201", "RL302"]}, Path.cwd())
    rules = ActiveRules.for_file(config, Path("r.yaml"), EmbeddingProvider(enabled=False))
    assert list(rules.enabled) == ["RL001", "RL201"]  # RL001 runs whatever is selected
    assert rules.embedder is None and rules.skipped == ["RL201", "RL302"]
    monkeypatch.chdir(tmp_path)
    pandas = "Uses pandas to add a motivational quote"
    (tmp_path / "r.yaml").write_text(rubric((pandas, 2), (QUOTE, 2)))
    result = CliRunner().invoke(
        main, ["check", "--isolated", "--no-embeddings", "--format", "concise", "r.yaml"]
    )
    assert result.exit_code == 1
    rl201 = [line for line in result.stdout.splitlines() if " RL201 " in line]
    assert [line.split(" ", 1)[0] for line in rl201] == ["r.yaml:3:17:"]
    assert "relates weakly" not in result.stdout
    assert result.stderr == (
        "rift-lint: --no-embeddings: skipped RL202 (missing-criteria), RL302 (low-signal), "
        "RL303 (redundant-criteria); ran RL201 (misaligned-or-rigid) without embedding checks\n"
    )


def test_prompt_parts_are_sentences_and_lines_of_the_head_and_tail() -> None:
    prompt = "Summarise the article below.\nKeep it short! " + "Filler words here. " * 300
    prompt += "End with one question for the reader."
    parts = prompt_parts(prompt, 200)
    assert parts[:2] == ("Summarise the article below.", "Keep it short!")
    assert parts[-1] == "End with one question for the reader."
    assert sum(len(part) for part in parts) < 220
    mixed = "Explain the tides of the sea in simple words.\nOK\n参考资料潮汐。"
    assert prompt_parts(mixed, 2000) == ("Explain the tides of the sea in simple words.",)
    assert prompt_parts("Wie spät ist es? Ich habe es so eilig und bin in der Stadt.", 2000) == ()


def test_prompt_parts_do_not_end_at_an_abbreviation_but_do_at_a_lower_case_sentence() -> None:
    prompt = (
        "Compare the findings of Sharma et al. (2020) with later work. Use a table, e.g. "
        "Markdown, for the numbers. how many studies agree?"
    )
    assert prompt_parts(prompt, 2000) == (
        "Compare the findings of Sharma et al. (2020) with later work.",
        "Use a table, e.g. Markdown, for the numbers.",
        "how many studies agree?",
    )


def test_reads_english() -> None:
    assert reads_english("Recommends seeing a doctor if the rash spreads")
    assert reads_english("anaphylaxis epinephrine second line observation")  # telegraphic
    assert not reads_english("明确指出 GVZ 的计算基础")
    assert not reads_english("Ist das wirklich so sicher? Ich weiß es nicht.")


def test_real_model_flags_an_unrelated_criterion_not_the_task(real_embedder: Any) -> None:
    embedder = real_embedder
    text = rubric(
        (QUOTE, 1),
        ("On the example file, prints North 150, East 95, South 80 (any library)", 3),
        ("Handles a missing region value without crashing", 2),
        ("Recommends a reading list of books on leadership", 1),
    )
    found = findings(text, embedder)
    assert [(d.location.line, d.message.split("(")[0]) for d in found] == [
        (3, "The criterion relates weakly to the prompt "),
        (9, "The criterion relates weakly to the prompt "),
    ]
