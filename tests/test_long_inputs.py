"""Readers of rubric text, on inputs built to make a backtracking pattern explode: long runs
of spaces, long snake-case chains, many openers with no closer. Each must still give the
right answer. On the code before these tests, the inputs that must be refused took from 40
seconds to hours; the well-formed inputs beside them pin the answers that must not change."""

from __future__ import annotations

import json

import pytest
from conftest import lint_snippet

from rift_lint.models import Rubric
from rift_lint.nlp.criterion_layout import body_end, header_end
from rift_lint.nlp.templates import is_grading_template
from rift_lint.parsing import parse_document
from rift_lint.parsing.markdown import code_spans, read_markdown_rubrics
from rift_lint.parsing.plaintext import split_item
from rift_lint.prompts.requirements import requirement_units
from rift_lint.prompts.sentences import sentence_spans
from rift_lint.rules.rl202_missing_criteria import MissingCriteriaOptions
from rift_lint.source import SourceDocument

SPACES = " " * 1_000_000  # quadratic patterns: 10 s at 50,000 spaces, over an hour here
BLANKS = " " * 5_000  # cubic and worse patterns: 8.6 s at 1,000 spaces
SNAKE_CHAIN = "_".join(["Response", "Must", "Mention", "The", "Key", "Facts"] * 10)


def test_snake_case_chain_without_colon_is_not_a_label() -> None:
    text = f"{SNAKE_CHAIN} about wind power"
    assert header_end(text) == 0
    assert header_end(f"{SNAKE_CHAIN}: about wind power") == len(SNAKE_CHAIN) + 1


def test_justification_after_long_run_of_spaces() -> None:
    unlabelled = f"Names the dose{SPACES}justification pending"
    assert body_end(unlabelled) == len(unlabelled)
    text = f"Names the dose{SPACES}(Justification: guideline)"
    assert body_end(text) == 14 + len(SPACES)


def _rubric_line(criterion: str) -> str:
    """One JSONL rubric line: a prompt that sets no length, and ``criterion``."""
    prompt = "Summarise the article about wind power for a general reader."
    criteria = [{"id": "c1", "text": criterion, "points": 2}]
    return json.dumps({"id": "r", "prompt": prompt, "criteria": criteria}) + "\n"


def test_length_with_long_run_of_spaces_before_its_unit() -> None:
    line = _rubric_line(f"Keeps the summary at most 5{BLANKS}words")
    (finding,) = lint_snippet(line, name="r.jsonl", select=["RL201"]).diagnostics
    assert finding.location.column == line.index("at most") + 1
    assert finding.message.startswith('The criterion sets a length ("at most 5 ')
    unitless = _rubric_line(f"Keeps it at most 5{BLANKS}!")
    assert not lint_snippet(unitless, name="r.jsonl", select=["RL201"]).diagnostics


@pytest.mark.parametrize(
    ("item", "points", "text"),
    [
        (f"Mentions wind{BLANKS}(weight{BLANKS}3)", "3", "Mentions wind"),
        (f"Mentions wind{BLANKS}(weight{BLANKS}x)", None, None),
        (f"Mentions wind{BLANKS}-{BLANKS}3 points", "3", "Mentions wind"),
        (f"Mentions wind{SPACES}- 3 pointless", None, None),
        (f"Mentions wind{SPACES}(3 pointless)", None, None),
        (f"[weight{BLANKS}3] Mentions wind", "3", "Mentions wind"),
        (f"[weight{SPACES}x] Mentions wind", None, "Mentions wind"),
    ],
)
def test_checklist_points_among_long_runs_of_spaces(
    item: str, points: str | None, text: str | None
) -> None:
    """A points prefix or suffix is read, or the item is kept whole (``text`` None)."""
    parts = split_item(item, 0, len(item))
    assert parts.points_raw == points
    assert item[parts.start : parts.end] == (text or item)


def _requirements(prompt: str) -> list[str]:
    """The texts of the requirement units RL202 reads in ``prompt``, with default options."""
    settings = MissingCriteriaOptions().unit_settings()
    return [unit.text for unit in requirement_units(prompt, settings)]


RISKS = "List the three main risks in a table"
EXAMPLES = "give two examples of each risk in bullet points."
CONFIG = "set the {} option to 3 in the config file and use three bullet points."


@pytest.mark.parametrize(
    ("prompt", "units"),
    [
        (f"{RISKS}.\n{SPACES}{EXAMPLES.capitalize()}", [f"{RISKS}.", EXAMPLES.capitalize()]),
        (f"{RISKS}.\n{SPACES}then {EXAMPLES}", [f"{RISKS}.", EXAMPLES]),
        (f"{RISKS}.\n\u00a0\u3000then {EXAMPLES}", [f"{RISKS}.", EXAMPLES]),
        (f"{RISKS}, then {EXAMPLES}", [RISKS, EXAMPLES]),
        (f"{RISKS}{SPACES}and {EXAMPLES}", [f"{RISKS}{SPACES}and {EXAMPLES}"]),
        (f"Requirements{BLANKS * 4}){BLANKS * 4}x\n{RISKS}.", [f"{RISKS}."]),
        (
            "Please " + CONFIG.format("a_" * 500_000 + "x"),
            ["Please " + CONFIG.format("a_" * 500_000 + "x")],
        ),
        ("Please " + CONFIG.format("a_" * 500_000 + "x = 3;"), []),
    ],
)
def test_prompt_requirements_among_long_runs(prompt: str, units: list[str]) -> None:
    """Clauses are cut at "then" however long the indentation before it, a label line with
    long runs of spaces is read as a label, and a long snake-case name is code only when
    something is assigned to it."""
    assert _requirements(prompt) == units


def _markdown_rubric(text: str) -> Rubric:
    """The one rubric of the Markdown ``text``."""
    (rubric,) = read_markdown_rubrics(SourceDocument("r.md", text))
    assert isinstance(rubric, Rubric)
    return rubric


MARKDOWN_PROMPT = "# Wind rubric\n\n## Prompt\n\nSummarise the article about wind power.\n\n"
STORAGE_ROW = "| Names one storage technology | 1 |\n"
MARKDOWN_CRITERIA = "## Criteria\n\n- Mentions the 2023 wind capacity of Spain (2 points)\n"


def test_markdown_heading_with_long_run_of_spaces_ends_the_prompt() -> None:
    text = f"{MARKDOWN_PROMPT}## Notes{SPACES}x\n\nNot part of the prompt.\n\n{MARKDOWN_CRITERIA}"
    rubric = _markdown_rubric(text)
    assert rubric.prompt == "Summarise the article about wind power."
    assert [c.text for c in rubric.criteria] == ["Mentions the 2023 wind capacity of Spain"]


@pytest.mark.parametrize(
    ("table", "criteria"),
    [
        (f"| Criterion | Points |\n|---|---|\n{STORAGE_ROW}", 2),
        (
            f"| Criterion | Points |\n|{SPACES}---|---{SPACES}|\n{STORAGE_ROW}",
            2,
        ),
        (f"| Criterion | Points |\n|{SPACES}x\n", 1),
        (f"| Criterion | Points |\n|{'-' * 100_000}{SPACES}x\n", 1),
    ],
)
def test_markdown_table_delimiter_among_long_runs(table: str, criteria: int) -> None:
    """A delimiter row is read whatever its runs of spaces; a line that only starts like one
    leaves the rest of the list as it is, and the rows above it are an error: no table."""
    *errors, rubric = read_markdown_rubrics(
        SourceDocument("r.md", f"{MARKDOWN_PROMPT}{MARKDOWN_CRITERIA}\n{table}")
    )
    assert isinstance(rubric, Rubric)
    assert [error.location.line for error in errors] == ([] if criteria == 2 else [11])
    assert len(rubric.criteria) == criteria
    assert rubric.criteria[-1].text.endswith(("Spain", "technology"))


def test_markdown_trailing_comment_and_code_among_many_openers() -> None:
    """Many comment openers before the one that ends a line, and a long run of backticks
    that nothing closes."""
    item = f"- Mentions grid storage (1 point) {'<!-- ' * 200_000}<!-- rift-lint: ignore -->"
    rubric = _markdown_rubric(f"{MARKDOWN_PROMPT}## Criteria\n\n{item}\n")
    assert [(c.text, c.points) for c in rubric.criteria] == [("Mentions grid storage", 1.0)]
    assert code_spans(f"a{'`' * 1_000_000}b`") == []


def test_markdown_rows_below_many_comments_and_a_line_of_text() -> None:
    """Rows of pipes below a table, many comment lines and a line of text: the rows lack a
    delimiter row of their own (on the code before this test, each further comment doubled
    the time: 6 s at 24 of them)."""
    table = f"| Criterion | Points |\n|---|---|\n{STORAGE_ROW}"
    comments = "<!-- note -->\n" * 60
    *errors, rubric = read_markdown_rubrics(
        SourceDocument(
            "r.md", f"{MARKDOWN_PROMPT}## Criteria\n\n{table}{comments}Some words.\n{STORAGE_ROW}"
        )
    )
    assert isinstance(rubric, Rubric)
    assert [(error.location.line, error.reason) for error in errors] == [
        (
            73,
            "Table rows from here not read: rows of pipes make a table only below a header "
            "row and its delimiter row (| --- | --- |)",
        )
    ]


def test_sentences_after_many_abbreviations() -> None:
    """A full stop after an abbreviation does not end a sentence, however many come first."""
    text = "See Fig. 1 and cf. 2 " * 20_000 + "Then stop. Next one."
    assert list(sentence_spans(text)) == [(0, len(text) - 10), (len(text) - 9, len(text))]


def test_grading_template_after_many_blank_lines() -> None:
    newlines = "\n" * 1_000_000
    assert not is_grading_template(f"Names the dose{newlines}x")
    assert is_grading_template(f"Note the following:{newlines}- A safe response is")


def test_gated_steps_beside_a_long_line_of_ifs() -> None:
    """A step line with many "if"s and no "fail" is not a pass/fail step; the others are."""
    steps = "".join(
        f"Step {n}: {check}? If not, fail.\n"
        for n, check in enumerate(["Is the question answered early", "Are the figures right"], 1)
    )
    text = f"{steps}Step 3: Is it under 200 words? If not, fail.\nStep 4: Tone{' if' * 100_000}"
    (finding,) = lint_snippet(_rubric_line(text), name="r.jsonl", select=["RL102"]).diagnostics
    assert finding.message.startswith("Criterion c1 bundles 3 pass/fail steps in one scored item")


def test_correctness_check_beside_many_rule_lines() -> None:
    """Lines of dashes are not a definition that would make the check reference material."""
    text = "Checks that the stated dose is correct.\n" + "\n".join(["-" * 50] * 20_000)
    (finding,) = lint_snippet(_rubric_line(text), name="r.jsonl", select=["RL103"]).diagnostics
    assert finding.message.startswith('To judge "correct" the grader needs an answer key')


def test_csv_level_names_with_long_runs_of_spaces() -> None:
    run = " " * 100_000  # the CSV reader's field limit is 131,072 characters
    header = f"criterion,Strong{run}(3),Weak{run}x"
    (rubric,) = parse_document(
        SourceDocument("r.csv", f"{header}\nNames Paris,Paris,Lyon\n"), "csv"
    )
    assert isinstance(rubric, Rubric)
    (criterion,) = rubric.criteria
    assert [(level.label, level.score) for level in criterion.levels] == [
        (f"Strong{run}(3)", 3.0),
        (f"Weak{run}x", None),
    ]


@pytest.mark.parametrize(
    ("closer", "code", "message"),
    [
        ("", "RL902", "Malformed suppression comment: it does not end on its line"),
        ("-->", "RL901", "Suppression of all rules matches no finding"),
    ],
)
def test_markdown_line_of_many_directive_openers(closer: str, code: str, message: str) -> None:
    """Unclosed, the first opener is a malformed directive; closed at the line's end, it is
    one directive whose reason runs to the end."""
    openers = "<!-- rift-lint: ignore -- a " * 50_000
    item = f"- Mentions the wind capacity of Spain (2 points) {openers}{closer}"
    text = f"{MARKDOWN_PROMPT}## Criteria\n\n{item}\n"
    findings = lint_snippet(text, name="r.md").diagnostics
    (finding,) = [d for d in findings if d.code.startswith("RL90")]
    assert (finding.code, finding.location.line, finding.location.column) == (code, 9, 50)
    assert finding.message.startswith(message)


@pytest.mark.parametrize(
    ("name", "opener", "closer", "line_prefix"),
    [
        ("r.md", "<!-- rift-lint: ignore[ ", "-->", f"{MARKDOWN_PROMPT}## Criteria\n\n- "),
        ("r.txt", "# rift-lint: ignore[ ", "", "Prompt: Summarise the article.\n- "),
    ],
)
def test_line_of_many_code_list_openers(
    name: str, opener: str, closer: str, line_prefix: str
) -> None:
    """A code list that never closes is no directive: the first opener is a malformed one,
    which says where the codes go."""
    item = "Mentions the wind capacity of Spain (2 points)"
    text = f"{line_prefix}{item} {opener * 50_000}{closer}\n"
    findings = lint_snippet(text, name=name).diagnostics
    (finding,) = [d for d in findings if d.code.startswith("RL90")]
    line = text.count("\n", 0, text.index(item)) + 1
    assert (finding.code, finding.location.line, finding.location.column) == ("RL902", line, 50)
    assert finding.message.startswith("Malformed suppression comment: codes go in brackets")
