"""The Markdown reader: lists, tables, sections, levels, exact positions and sniffing."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import lint_snippet

from rift_lint.location import Location
from rift_lint.models import Level, Rubric
from rift_lint.parsing import detect_format, parse_document, sniff_format
from rift_lint.parsing.errors import NotARubric, ParseError
from rift_lint.parsing.markdown import code_spans
from rift_lint.source import SourceDocument

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "text"


def where(location: Location | None) -> tuple[int, int, int, int]:
    """(line, column, end_line, end_column) of a location."""
    assert location is not None
    return location.line, location.column, location.end_line, location.end_column


def read(text: str, name: str = "rubric.md") -> list[Rubric | ParseError]:
    """Everything the Markdown reader yields for ``text``."""
    return list(parse_document(SourceDocument(name, text), "markdown"))


def read_fixture(name: str) -> list[Rubric | ParseError]:
    """Everything the reader yields for a fixture file (format from its extension)."""
    path = FIXTURES / name
    return list(parse_document(SourceDocument(str(path), path.read_text(encoding="utf-8"))))


def rubrics(items: list[Rubric | ParseError]) -> list[Rubric]:
    """The rubrics, asserting there is no parse error."""
    assert not [item for item in items if isinstance(item, ParseError)]
    return [item for item in items if isinstance(item, Rubric)]


def read_items(text: str) -> list[tuple[str, float | None, str | None, tuple, list[str]]]:
    """Each criterion of the one rubric of ``text``: its text, points, axis, where its text
    is and its levels' texts."""
    [rubric] = rubrics(read(text))
    return [
        (c.text, c.points, c.axis, where(c.location), [level.text for level in c.levels])
        for c in rubric.criteria
    ]


def read_labelled(text: str) -> list[tuple[str, float | None, str | None, tuple, tuple | None]]:
    """Each criterion of the one rubric of ``text``: its text, points, axis, where its text
    is and where its points are."""
    [rubric] = rubrics(read(text))
    return [
        (
            c.text,
            c.points,
            c.axis,
            where(c.location),
            c.points_location and where(c.points_location),
        )
        for c in rubric.criteria
    ]


def placed_level(level: Level) -> tuple[str, str, tuple[int, int, int, int]]:
    """A level's label, text and where its text is."""
    assert level.origin is not None
    return level.label, level.text, where(level.origin.location())


HAND_WRITTEN = """\
---
id: dose-check
prompt: Explain the dosing of ibuprofen for adults.
---
# Dosing rubric

<!-- rift-lint: ignore[RL003] -->
- States the maximum daily dose (5 pts)
- [3 points] Mentions taking it with food
* Warns about stomach bleeding — 2 points
1) 4 pts: Advises seeing a doctor
   - **4**: Names two warning signs
   - mentions kidney disease
2. Uses plain language

```yaml
- not a criterion
```
"""


def test_hand_written_list_with_front_matter_and_inline_points() -> None:
    [rubric] = rubrics(read(HAND_WRITTEN))
    assert rubric.id == "dose-check"
    assert rubric.prompt == "Explain the dosing of ibuprofen for adults."
    assert where(rubric.prompt_location) == (3, 9, 3, 52)
    assert where(rubric.location) == (5, 3, 5, 16)
    assert rubric.metadata == {"layout": "markdown"}
    texts = [c.text for c in rubric.criteria]
    assert texts == [
        "States the maximum daily dose",
        "Mentions taking it with food",
        "Warns about stomach bleeding",
        "Advises seeing a doctor",
        "Uses plain language",
    ]
    assert [c.id for c in rubric.criteria] == ["c1", "c2", "c3", "c4", "c5"]
    assert [c.points for c in rubric.criteria] == [5.0, 3.0, 2.0, 4.0, None]
    assert [c.points_raw for c in rubric.criteria] == ["5", "3", "2", "4", None]
    first, second, third, fourth, fifth = rubric.criteria
    assert where(first.location) == (8, 3, 8, 32)
    assert where(first.item_location) == (8, 1, 8, 40)
    assert where(first.points_location) == (8, 34, 8, 35)
    assert where(first.span(11, 18)) == (8, 14, 8, 21)  # "maximum"
    assert where(second.location) == (9, 14, 9, 42)
    assert where(second.points_location) == (9, 4, 9, 5)
    assert where(third.location) == (10, 3, 10, 31)
    assert where(third.points_location) == (10, 34, 10, 35)
    assert where(fourth.location) == (11, 11, 11, 34)
    assert where(fifth.location) == (14, 4, 14, 23)


def test_nested_items_become_levels_of_their_parent() -> None:
    [rubric] = rubrics(read(HAND_WRITTEN))
    parent = rubric.criteria[3]
    assert [(lv.label, lv.score, lv.text) for lv in parent.levels] == [
        ("4", 4.0, "Names two warning signs"),
        ("2", None, "mentions kidney disease"),
    ]
    band = parent.levels[0]
    assert band.origin is not None
    assert where(band.origin.location()) == (12, 13, 12, 36)
    assert where(band.origin.locate(10, 17)) == (12, 23, 12, 30)  # "warning"


def test_band_lists_under_headings_with_points_are_levels() -> None:
    first, second = rubrics(read_fixture("enc1101_excerpt.md"))
    assert first.id == "Literacy Narrative Rubric (100 points)"
    assert second.id == "Rhetorical Analysis Rubric (100 points)"
    assert first.metadata == {"layout": "markdown", "title": "Rubric Templates"}
    assert where(first.location) == (3, 4, 3, 42)
    assert [(c.id, c.text, c.points) for c in first.criteria] == [
        ("c1", "Reflection & Insight", 30.0),
        ("c2", "Narrative Craft", 25.0),
    ]
    assert [(c.id, c.text, c.points) for c in second.criteria] == [
        ("c1", "Thesis & Argument", 25.0)
    ]
    reflection = first.criteria[0]
    assert where(reflection.location) == (5, 5, 5, 25)
    assert where(reflection.item_location) == (5, 5, 5, 37)
    assert where(reflection.points_location) == (5, 27, 5, 29)
    assert where(reflection.span(13, 20)) == (5, 18, 5, 25)  # "Insight"
    assert [(lv.label, lv.score) for lv in reflection.levels] == [
        ("27-30", 30.0),
        ("24-26", 26.0),
        ("21-23", 23.0),
        ("18-20", 20.0),
        ("0-17", 17.0),
    ]
    assert reflection.levels[4].text == "Missing or superficial reflection"
    origin = reflection.levels[4].origin
    assert origin is not None
    assert where(origin.location()) == (10, 13, 10, 46)


def test_tables_give_levels_weights_and_skip_totals_and_scales() -> None:
    analytic, project = rubrics(read_fixture("feedback_pedagogy_excerpt.md"))
    assert analytic.id == "Analytic Rubric Template (4-Point Scale)"
    assert [c.text for c in analytic.criteria] == [
        "Thesis/Argument",
        "Evidence",
        "Analysis",
        "Organization",
        "Clarity/Mechanics",
    ]
    thesis = analytic.criteria[0]
    assert where(thesis.location) == (13, 5, 13, 20)
    assert where(thesis.item_location) == (13, 1, 13, 249)
    assert where(thesis.span(7, 15)) == (13, 12, 13, 20)  # "Argument"
    assert [(lv.label, lv.score) for lv in thesis.levels] == [
        ("Excellent (4)", 4.0),
        ("Proficient (3)", 3.0),
        ("Developing (2)", 2.0),
        ("Beginning (1)", 1.0),
    ]
    assert thesis.levels[1].text == "Thesis present and clear, addresses prompt"
    level_origin = thesis.levels[1].origin
    assert level_origin is not None
    assert where(level_origin.location()) == (13, 91, 13, 133)
    # "Total" row skipped, "Scoring Guide" band list is a legend, weights read as points.
    assert project.id == "Project-Based Rubric Template"
    assert [(c.text, c.points_raw, c.points) for c in project.criteria] == [
        ("Research Quality", "20%", 20.0),
        ("Creative Problem-Solving", "25%", 25.0),
        ("Technical Execution", "20%", 20.0),
        ("Communication/Presentation", "15%", 15.0),
        ("Collaboration/Process", "10%", 10.0),
        ("Reflection", "10%", 10.0),
    ]
    assert where(project.criteria[0].points_location) == (29, 26, 29, 29)


def test_rows_with_empty_criterion_cell_continue_the_row_above() -> None:
    [rubric] = rubrics(read_fixture("craap_excerpt.md"))
    assert rubric.id == "Source Evaluation Rubrics"
    assert [c.text for c in rubric.criteria] == [
        "Currency",
        "Relevance",
        "Authority",
        "Accuracy",
        "Purpose",
    ]
    currency = rubric.criteria[0]
    assert currency.points is None
    assert [(lv.label, lv.score, lv.text) for lv in currency.levels] == [
        ("5", 5.0, "Published within last year, regularly updated"),
        ("3", 3.0, "Published within 5 years"),
        ("1", 1.0, "Over 10 years old, no updates"),
    ]
    assert where(rubric.criteria[4].location) == (23, 5, 23, 12)


def test_single_section_with_criteria_is_one_rubric_named_by_the_title() -> None:
    [rubric] = rubrics(read_fixture("summary_writing_excerpt.md"))
    assert rubric.id == "Summary Writing Evaluation Rubric"
    assert where(rubric.location) == (1, 3, 1, 36)
    # The "Score | Completeness Descriptors" table has no criterion column: ignored.
    assert len(rubric.criteria) == 4
    # "**Completeness (1-5):**" (an en dash in the file) names the axis; the range is no points.
    completeness = rubric.criteria[0]
    assert completeness.text.startswith("Coverage of main ideas")
    assert (completeness.axis, completeness.points) == ("Completeness", None)
    assert where(completeness.location) == (13, 27, 13, 103)
    start = completeness.text.index("main")
    assert where(completeness.span(start, start + 4)) == (13, 39, 13, 43)


def test_prompt_section_gives_the_prompt_and_is_not_criteria() -> None:
    text = (
        "# Essay rubric\n\n## Prompt\n\nWrite an essay about\nthe causes of World War I.\n"
        "- not a criterion\n\n## Criteria\n\n- Names at least three causes\n- Cites a historian\n"
    )
    [rubric] = rubrics(read(text))
    assert rubric.id == "Essay rubric"
    assert rubric.prompt == "Write an essay about\nthe causes of World War I.\n- not a criterion"
    assert where(rubric.prompt_location) == (5, 1, 7, 18)
    assert [(c.text, where(c.location)) for c in rubric.criteria] == [
        ("Names at least three causes", (11, 3, 11, 30)),
        ("Cites a historian", (12, 3, 12, 20)),
    ]


def test_comment_between_items_is_not_a_criterion() -> None:
    text = "# Rubric\n\n- Cites a source\n<!-- rift-lint: ignore[RL003] -->\n- cites a source\n"
    [rubric] = rubrics(read(text))
    assert [(c.text, where(c.location)) for c in rubric.criteria] == [
        ("Cites a source", (3, 3, 3, 17)),
        ("cites a source", (5, 3, 5, 17)),
    ]


def test_comment_ending_a_line_is_left_out_of_prompt_and_criteria() -> None:
    text = (
        "# Rubric\n\n## Prompt\n\nWrite a poem about rivers. <!-- from the brief -->\n\n"
        "## Criteria\n\n- Names a river (2 pts) <!-- rift-lint: ignore[RL101] -->\n"
    )
    [rubric] = rubrics(read(text))
    assert rubric.prompt == "Write a poem about rivers."
    assert where(rubric.prompt_location) == (5, 1, 5, 27)
    [criterion] = rubric.criteria
    assert (criterion.text, criterion.points) == ("Names a river", 2.0)
    assert where(criterion.location) == (9, 3, 9, 16)


def test_not_a_rubric_without_items_or_usable_table() -> None:
    text = "# Notes\n\nJust prose.\n\n| Source Type | Authority |\n|---|---|\n| Blog | 3 |\n"
    [error] = read(text)
    assert isinstance(error, NotARubric)
    assert error.reason == (
        "Not a rubric: no list items in the Markdown file, and no criterion column in the "
        "table header ('Source Type', 'Authority')"
    )
    assert where(error.location) == (5, 1, 5, 28)
    [prose] = read("# Notes\n\nJust prose.\n")
    assert isinstance(prose, NotARubric)
    assert prose.reason == (
        "Not a rubric: no list items or table with a criterion column in the Markdown file"
    )
    assert where(prose.location) == (1, 1, 1, 1)


def test_lines_with_points_but_no_list_marker_say_to_add_one() -> None:
    """Criteria written one per line without ``- `` are one paragraph in Markdown: the error
    sits on the first line that carries points and says what to change, where it was the
    bare "no list items" at line 1. Prose without points keeps the bare message."""
    [error] = read("Rubric:\nNames the dose (2 points)\nMentions food (1 point)\n")
    assert isinstance(error, NotARubric)
    assert error.reason == (
        "Not a rubric: no list items or table with a criterion column in the Markdown file; "
        "this line carries points but is a paragraph, no criterion: start each criterion "
        "with '- ' or '1. ', or name the file .txt to read one criterion per line"
    )
    assert where(error.location) == (2, 1, 2, 26)


def test_table_rows_without_a_delimiter_row_say_what_they_lack() -> None:
    [error] = read("# Rubric\n\n| Criterion | Points |\n| Names the dose | 2 |\n")
    assert isinstance(error, NotARubric)
    assert error.reason == (
        "Not a rubric: no list items or table in the Markdown file (the rows here lack the "
        "delimiter row, | --- | --- |, that makes them a table)"
    )
    assert where(error.location) == (3, 1, 3, 23)


def test_rows_below_a_comment_that_breaks_a_table_are_an_error_not_lost() -> None:
    # A suppression comment on a line of its own ends a table on GitHub: the rows below are
    # no table, and their criteria are not read, so the reader says so where they start.
    text = (
        "| Criterion | Points |\n|---|---|\n| Is clear | 2 |\n"
        "<!-- rift-lint: ignore-next-line[RL101] -->\n| Is engaging | 2 |\n| Is vivid | 1 |\n"
    )
    error, rubric = read(text)
    assert isinstance(error, ParseError)
    assert error.reason == (
        "Table rows from here not read: the table above ends at line 4, where a comment "
        "breaks it, as on GitHub; keep a table's rows together (a suppression comment goes "
        "at the end of the row it is for: | ... | <!-- rift-lint: ignore[RL101] -->)"
    )
    assert where(error.location) == (5, 1, 5, 20)
    assert isinstance(rubric, Rubric)
    assert [c.text for c in rubric.criteria] == ["Is clear"]


def test_rows_below_text_between_two_comments_lack_a_delimiter_row() -> None:
    # A comment ends at its first "-->": text between two comments is no comment, so the
    # table did not merely end at a comment above the rows.
    text = (
        "| Criterion | Points |\n|---|---|\n| Is clear | 2 |\n"
        "<!-- a -->\nSome words here.\n<!-- b -->\n| Is vivid | 1 |\n"
    )
    error, rubric = read(text)
    assert isinstance(error, ParseError)
    assert error.reason == (
        "Table rows from here not read: rows of pipes make a table only below a header row "
        "and its delimiter row (| --- | --- |)"
    )
    assert where(error.location) == (7, 1, 7, 17)
    assert isinstance(rubric, Rubric)


def test_rows_below_a_blank_line_or_without_a_delimiter_row_are_an_error() -> None:
    text = (
        "- Names the dose (2 pts)\n\n| Criterion | Points |\n| Is engaging | 2 |\n\n"
        "| Criterion | Points |\n|---|---|\n| Is clear | 1 |\n\n| Is vivid | 1 |\n"
    )
    first, second, rubric = read(text)
    assert isinstance(first, ParseError) and isinstance(second, ParseError)
    assert first.reason == (
        "Table rows from here not read: rows of pipes make a table only below a header row "
        "and its delimiter row (| --- | --- |)"
    )
    assert where(first.location) == (3, 1, 3, 23)
    assert second.reason == (
        "Table rows from here not read: the table above ends at line 9, where a blank line "
        "breaks it, as on GitHub; keep a table's rows together"
    )
    assert where(second.location) == (10, 1, 10, 17)
    assert isinstance(rubric, Rubric)
    assert [c.text for c in rubric.criteria] == ["Names the dose", "Is clear"]


def test_invalid_front_matter_is_reported_and_the_list_still_read() -> None:
    error, rubric = read("---\nprompt: [unclosed\n---\n- Cites a source\n")
    assert isinstance(error, ParseError)
    assert error.reason == (
        "Invalid front matter: '[' starts a list that is never closed (did not find expected "
        "',' or ']' at line 3, column 1): close it, or put text that starts with '[' in quotes"
    )
    assert where(error.location) == (2, 9, 2, 10)
    assert isinstance(rubric, Rubric)
    assert [c.text for c in rubric.criteria] == ["Cites a source"]
    assert rubric.id == "rubric-1"


@pytest.mark.parametrize(
    "text",
    [
        "# Rubric\n\n- Cites a source\n- Uses plain language\n",
        "| Criterion | Points |\n|---|---|\n| Cites a source | 2 |\n",
        "---\nprompt: Explain dosing\n---\n# Dosing\n\n1. States the dose\n",
    ],
)
def test_sniffs_markdown(text: str) -> None:
    assert sniff_format(text) == "markdown"


def test_markdown_extensions() -> None:
    assert detect_format("r.md", "prompt: x\n") == "markdown"
    assert detect_format("r.markdown", "") == "markdown"


def test_code_spans_cover_fences_and_inline_code() -> None:
    text = "Use `a` or ``b ` c`` here.\n```yaml\nx: 1\n```\nafter `open\n~~~\nrest"
    spans = [text[start:end] for start, end in code_spans(text)]
    assert spans == ["`a`", "``b ` c``", "```yaml\nx: 1\n```\n", "~~~\nrest"]


def test_code_spans_are_the_code_the_reader_finds() -> None:
    """Indented code (at the margin or under an item, a comment line too) and a fence
    indented under a nested item are code; an indented line right below text is not."""
    text = (
        "Text `a`\n\n    <!-- code -->\n\n- Item\n  - level\n    ```\n    x\n    ```\n"
        "- b\n\n      code\nText\n    more `c`\n"
    )
    spans = [text[start:end] for start, end in code_spans(text)]
    assert spans == [
        "`a`",
        "    <!-- code -->\n\n",
        "    ```\n    x\n    ```\n",
        "      code\n",
        "`c`",
    ]


@pytest.mark.parametrize(
    ("line", "spans"),
    [
        ("a``` `` b", []),
        ("a ``` `` ``` b", ["``` `` ```"]),
        ("`a`` b` c", ["`a`` b`"]),
        ("``a` `b``", ["``a` `b``"]),
    ],
)
def test_inline_code_opens_and_closes_at_whole_runs_of_backticks(
    line: str, spans: list[str]
) -> None:
    """As in CommonMark: a run of backticks is closed by the next run of the same length, and
    a run with none is text; no span starts or ends inside a longer run."""
    assert [line[start:end] for start, end in code_spans(line)] == spans


WRAPPED = """\
# Rubric

- Names the maximum daily dose
  of 4 g for adults.
- States the interval between doses (2 pts)
  of at least 4 hours
lazily continued without indentation
1. Warns about liver damage
   - **2**: names alcohol
   as a risk
- Recommends a doctor

  A second paragraph is part of it.
- Ends before a heading
## Section
- Ends before a fence
```
code
```
- Ends before a comment
<!-- a note -->
- Ends before a table
| criterion |
|---|
| Names the brand |
"""


def test_lines_right_below_an_item_continue_its_text() -> None:
    """CommonMark's paragraph continuation, indented or lazy, up to a line that opens a block."""
    [rubric] = rubrics(read(WRAPPED))
    found = [(c.text, c.points, where(c.location)) for c in rubric.criteria]
    assert found == [
        ("Names the maximum daily dose\n  of 4 g for adults.", None, (3, 3, 4, 21)),
        (
            "States the interval between doses\n  of at least 4 hours\n"
            "lazily continued without indentation",
            2,
            (5, 3, 7, 37),
        ),
        ("Warns about liver damage", None, (8, 4, 8, 28)),
        ("Recommends a doctor\n\n  A second paragraph is part of it.", None, (11, 3, 13, 36)),
        ("Ends before a heading", None, (14, 3, 14, 24)),
        ("Ends before a fence", None, (16, 3, 16, 22)),
        ("Ends before a comment", None, (20, 3, 20, 24)),
        ("Ends before a table", None, (22, 3, 22, 22)),
        ("Names the brand", None, (25, 3, 25, 18)),
    ]
    [level] = rubric.criteria[2].levels
    assert (level.label, level.text, level.score) == ("2", "names alcohol\n   as a risk", 2)
    points = rubric.criteria[1].points_location
    assert where(points) == (5, 38, 5, 39)
    # The first line's points are taken out of the text; the words around them keep their place.
    interval = rubric.criteria[1]
    assert where(interval.span(26, 33)) == (5, 29, 5, 36)  # "doses"
    assert where(interval.span(36, 38)) == (6, 3, 6, 5)  # "of"


def test_a_table_description_column_gives_the_text_and_the_name_the_axis() -> None:
    text = (
        "# Essay\n\n| Dimension | Description | Weight |\n|---|---|---|\n"
        "| **Thesis** | States a clear thesis | 20% |\n"
    )
    [rubric] = rubrics(read(text))
    [criterion] = rubric.criteria
    assert (criterion.text, criterion.axis, criterion.points) == (
        "States a clear thesis",
        "Thesis",
        20.0,
    )
    assert where(criterion.location) == (5, 16, 5, 37)


PARAGRAPHS = """\
# Essay rubric

## Thesis (20 points)
States a clear, arguable thesis
in the first paragraph.

A second paragraph is a note.

## Style (10 points)
Uses plain words.
- **10**: no jargon
- **5**: some jargon

## Notes
Not a criterion: this heading carries no points.
"""


def test_a_paragraph_under_a_heading_with_points_is_its_criterion() -> None:
    """Its text is the first paragraph, its points the heading's, its axis the heading's
    name; a band list below adds levels; a heading without points is no criterion."""
    [rubric] = rubrics(read(PARAGRAPHS))
    assert rubric.id == "Essay rubric"
    found = [
        (c.id, c.text, c.points, c.axis, where(c.location), where(c.points_location))
        for c in rubric.criteria
    ]
    assert found == [
        (
            "c1",
            "States a clear, arguable thesis\nin the first paragraph.",
            20.0,
            "Thesis",
            (4, 1, 5, 24),
            (3, 12, 3, 14),
        ),
        ("c2", "Uses plain words.", 10.0, "Style", (10, 1, 10, 18), (9, 11, 9, 13)),
    ]
    assert [(lv.label, lv.text) for lv in rubric.criteria[1].levels] == [
        ("10", "no jargon"),
        ("5", "some jargon"),
    ]
    assert where(rubric.criteria[0].item_location) == (3, 4, 3, 22)
    [error] = read("# Essay\n\n## Thesis\nStates a thesis.\n")
    assert isinstance(error, NotARubric)


def test_a_paragraph_that_introduces_criteria_is_not_one() -> None:
    """A list or table in the heading's section, or criteria in its sub-sections, take the
    place of the paragraph above them; the sub-sections still split the file into rubrics."""
    text = (
        "## Evidence (30 points)\nThe response should:\n\n- Quote one source\n- Cite the page\n"
        "## Narrative (100 points)\nThis rubric grades the story.\n### Reflection (30 points)\n"
        "- **27-30**: deep\n- **0-26**: shallow\n### Craft (25 points)\nTells a story.\n"
        "## Analysis (100 points)\nGrades the analysis.\n### Depth (50 points)\nGoes deep.\n"
    )
    found = [(r.id, [c.text for c in r.criteria]) for r in rubrics(read(text))]
    assert found == [
        ("Evidence (30 points)", ["Quote one source", "Cite the page"]),
        ("Narrative (100 points)", ["Reflection", "Tells a story."]),
        ("Analysis (100 points)", ["Goes deep."]),
    ]


def test_items_starting_with_a_band_in_a_list_of_criteria_are_criteria() -> None:
    """Only a list made only of score bands is a scale; in a list of ordinary criteria, an item
    that starts with a number band is a criterion, its text whole. A band with nested items is
    no scale band either."""
    text = (
        "# Summary\n\n- Identifies the main claim\n- 3 - 5 sentences long\n- 5: Uses no jargon\n"
        "\n## Style (10 points)\n- **10**: no jargon\n  - not even once\n- **5**: some jargon\n"
    )
    [rubric] = rubrics(read(text))
    found = [(c.text, c.points, where(c.location)) for c in rubric.criteria]
    assert found == [
        ("Identifies the main claim", None, (3, 3, 3, 28)),
        ("3 - 5 sentences long", None, (4, 3, 4, 23)),
        ("5: Uses no jargon", None, (5, 3, 5, 20)),
        ("**10**: no jargon", None, (8, 3, 8, 20)),
        ("**5**: some jargon", None, (10, 3, 10, 21)),
    ]
    [level] = rubric.criteria[3].levels
    assert (level.label, level.text) == ("1", "not even once")


def test_points_that_end_a_wrapped_nested_item_first_line_label_its_level() -> None:
    text = "- Advises food\n  - mentions milk (1 pt)\n    or a meal\n"
    [rubric] = rubrics(read(text))
    [level] = rubric.criteria[0].levels
    assert (level.label, level.score, level.text) == ("1", 1.0, "mentions milk\n    or a meal")
    assert level.origin is not None
    assert where(level.origin.locate(23, 27)) == (3, 10, 3, 14)  # "meal"


def test_bands_with_the_colon_inside_the_bold_are_bands() -> None:
    text = (
        "# Lab report\n\n### Organization (20 points)\n- **18-20:** Clear structure\n"
        "- __14-17:__ Mostly clear\n- 0-13: Disorganized\n"
    )
    [rubric] = rubrics(read(text))
    [criterion] = rubric.criteria
    assert (criterion.text, criterion.points, where(criterion.location)) == (
        "Organization",
        20.0,
        (3, 5, 3, 17),
    )
    levels = [(lv.label, lv.score, lv.text) for lv in criterion.levels]
    assert levels == [
        ("18-20", 20.0, "Clear structure"),
        ("14-17", 17.0, "Mostly clear"),
        ("0-13", 13.0, "Disorganized"),
    ]
    origin = criterion.levels[0].origin
    assert origin is not None
    assert where(origin.location()) == (4, 14, 4, 29)


def test_table_cells_lose_only_marks_that_wrap_them_as_one_span() -> None:
    text = (
        "# Rubric\n\n| Criterion | Points |\n|---|---|\n| **Accuracy** of the **dose** | 5 |\n"
        "| *Names* the drug and its *class* | 3 |\n| `max_dose` matches `label_dose` | 2 |\n"
        "| **Thesis** | 4 |\n"
    )
    [rubric] = rubrics(read(text))
    found = [(c.text, c.points, where(c.location)) for c in rubric.criteria]
    assert found == [
        ("**Accuracy** of the **dose**", 5.0, (5, 3, 5, 31)),
        ("*Names* the drug and its *class*", 3.0, (6, 3, 6, 35)),
        ("`max_dose` matches `label_dose`", 2.0, (7, 3, 7, 34)),
        ("Thesis", 4.0, (8, 5, 8, 11)),
    ]


def test_each_prompt_section_ends_at_a_heading_of_its_level_or_higher() -> None:
    """Its sub-headings are part of it; a second ``Prompt`` section does not stretch the
    first over the rubric between them, and the file's rubric takes the first."""
    text = (
        "## Prompt\nExplain dosing.\n### Context\nAdults only.\n## Rubric\n"
        "- States the max dose (5 pts)\n## Prompt\n(second copy for reviewers)\n"
    )
    [rubric] = rubrics(read(text))
    assert rubric.prompt == "Explain dosing.\n### Context\nAdults only."
    assert where(rubric.prompt_location) == (2, 1, 4, 13)
    assert [(c.text, c.points) for c in rubric.criteria] == [("States the max dose", 5.0)]


@pytest.mark.parametrize("heading", ["## Rubric", "## Grading criteria", "### Scoring"])
def test_a_sub_heading_that_names_the_rubric_ends_the_prompt_section(heading: str) -> None:
    """``# Prompt`` then ``## Rubric``: the rubric is no part of the prompt, where the whole
    file was prompt text and "Not a rubric"; other sub-headings stay in the prompt."""
    text = (
        "# Prompt\n\nExplain paracetamol dosing.\n\n## Context\n\nAdults only.\n\n"
        f"{heading}\n\n- Names the maximum daily dose of 4 g (5 pts)\n"
    )
    [rubric] = rubrics(read(text))
    assert rubric.prompt == "Explain paracetamol dosing.\n\n## Context\n\nAdults only."
    assert [(c.text, c.points) for c in rubric.criteria] == [
        ("Names the maximum daily dose of 4 g", 5.0)
    ]


def test_each_task_of_a_file_gets_the_prompt_of_its_section() -> None:
    text = (
        "# Task 1: Dosing\n\n## Prompt\n\nExplain ibuprofen dosing.\n\n## Rubric\n\n"
        "- States the max dose (5 pts)\n\n# Task 2: Haiku\n\n## Prompt\n\nWrite a haiku.\n\n"
        "## Rubric\n\n- Uses 5-7-5 (3 pts)\n"
    )
    found = [
        (r.id, r.prompt, where(r.prompt_location), [c.text for c in r.criteria])
        for r in rubrics(read(text))
    ]
    assert found == [
        ("Task 1: Dosing", "Explain ibuprofen dosing.", (5, 1, 5, 26), ["States the max dose"]),
        ("Task 2: Haiku", "Write a haiku.", (15, 1, 15, 15), ["Uses 5-7-5"]),
    ]


def test_a_continuation_row_adds_the_levels_of_its_level_cells() -> None:
    """Each filled level cell of a row whose criterion cell is empty adds a level, labelled
    by its column, to the row above."""
    text = (
        "# Rubric\n\n| Criterion | 4 | 3 |\n|---|---|---|\n| Thesis | Clear | Vague |\n"
        "|  | and arguable | |\n| Evidence | Many | Few |\n"
    )
    [rubric] = rubrics(read(text))
    thesis, evidence = rubric.criteria
    assert [(lv.label, lv.score, lv.text) for lv in thesis.levels] == [
        ("4", 4.0, "Clear"),
        ("3", 3.0, "Vague"),
        ("4", 4.0, "and arguable"),
    ]
    origin = thesis.levels[2].origin
    assert origin is not None
    assert where(origin.location()) == (6, 6, 6, 18)
    assert [lv.text for lv in evidence.levels] == ["Many", "Few"]


def test_a_leading_block_that_is_no_yaml_mapping_is_not_front_matter() -> None:
    """``---`` rules around list items (a YAML list) or a paragraph (a YAML string) are rules;
    the lines between them are read as Markdown."""
    text = "---\n\n- Criterion after a rule (5 pts)\n- Second criterion\n\n---\n\n- Third\n"
    [rubric] = rubrics(read(text))
    found = [(c.text, c.points, where(c.location)) for c in rubric.criteria]
    assert found == [
        ("Criterion after a rule", 5.0, (3, 3, 3, 25)),
        ("Second criterion", None, (4, 3, 4, 19)),
        ("Third", None, (8, 3, 8, 8)),
    ]
    assert rubric.prompt is None


def test_a_label_with_points_that_opens_an_item_gives_its_points_and_axis() -> None:
    """``Name (5 pts):`` and its bold forms are taken out of the text: the points are the
    item's, the name its axis. Points in bold that open or end an item are points too; a
    number with another unit (``(5 mg):``) is text, and a long name is a sentence."""
    text = (
        "# Essay\n\n- Clarity (5 pts): The answer is clear.\n- Clarity (5): Plain words.\n"
        "- **Clarity (5 pts)** Short sentences.\n- **Clarity (5 pts):** No jargon.\n"
        "- Clarity [5 pts] \u2013 Defines terms.\n- **5 pts:** States the dose\n"
        "- States the route **(5 pts)**\n- States the dose (5 mg): take it with food\n"
        "- Explains why the sky is blue in detail (5 pts): Rayleigh\n"
    )
    assert read_labelled(text) == [
        ("The answer is clear.", 5.0, "Clarity", (3, 20, 3, 40), (3, 12, 3, 13)),
        ("Plain words.", 5.0, "Clarity", (4, 16, 4, 28), (4, 12, 4, 13)),
        ("Short sentences.", 5.0, "Clarity", (5, 23, 5, 39), (5, 14, 5, 15)),
        ("No jargon.", 5.0, "Clarity", (6, 24, 6, 34), (6, 14, 6, 15)),
        ("Defines terms.", 5.0, "Clarity", (7, 21, 7, 35), (7, 12, 7, 13)),
        ("States the dose", 5.0, None, (8, 14, 8, 29), (8, 5, 8, 6)),
        ("States the route", 5.0, None, (9, 3, 9, 19), (9, 23, 9, 24)),
        ("States the dose (5 mg): take it with food", None, None, (10, 3, 10, 44), None),
        (
            "Explains why the sky is blue in detail (5 pts): Rayleigh",
            None,
            None,
            (11, 3, 11, 59),
            None,
        ),
    ]


def test_a_label_whose_name_alone_is_in_emphasis_gives_its_points_and_axis() -> None:
    """``**Dose** (2 pts): ...`` is the label ``Dose (2 pts):`` with its name in bold (or
    italics, or underscores): the points are the item's and the name its axis, where the whole
    item was text and its points were lost. A separator is still needed after the points."""
    text = (
        "# Rubric\n\n- [ ] **Dose** (2 pts): names 1,200 mg\n- **Food** [1 pt] - mentions food\n"
        "- *Tone* (1 pt): calm\n- __Timing__ (2 pts) \u2014 every 6 hours\n"
        "- **Clarity** (5): plain words\n- **Route** (1 pt) says by mouth\n"
    )
    assert read_labelled(text) == [
        ("names 1,200 mg", 2.0, "Dose", (3, 25, 3, 39), (3, 17, 3, 18)),
        ("mentions food", 1.0, "Food", (4, 21, 4, 34), (4, 13, 4, 14)),
        ("calm", 1.0, "Tone", (5, 18, 5, 22), (5, 11, 5, 12)),
        ("every 6 hours", 2.0, "Timing", (6, 24, 6, 37), (6, 15, 6, 16)),
        ("plain words", 5.0, "Clarity", (7, 20, 7, 31), (7, 16, 7, 17)),
        ("**Route** (1 pt) says by mouth", None, None, (8, 3, 8, 33), None),
    ]


def test_a_heading_ending_in_a_colon_and_points_carries_them() -> None:
    """``## Mechanics: 5 pts`` carries points like ``## Mechanics (5 pts)``: the paragraph
    below is its criterion, the name before the colon its axis."""
    text = (
        "# Essay\n\n## Style (5 points)\n\nVaried sentences.\n\n"
        "## Mechanics: 5 pts\n\nFew errors.\n"
    )
    [rubric] = rubrics(read(text))
    found = [
        (c.text, c.points, c.axis, where(c.location), where(c.points_location))
        for c in rubric.criteria
    ]
    assert found == [
        ("Varied sentences.", 5.0, "Style", (5, 1, 5, 18), (3, 11, 3, 12)),
        ("Few errors.", 5.0, "Mechanics", (9, 1, 9, 12), (7, 15, 7, 16)),
    ]


def test_lettered_sub_items_are_levels_with_or_without_a_blank_line_above() -> None:
    """``a)``, ``b.`` or ``(c)`` indented under an item are nested items (its levels), as
    ``-`` would be, whether a blank line comes before them or not; at the margin they are
    not items."""
    text = (
        "# Rubric\n\n1. Explains the cause (4 pts)\n\n   a) mentions heat (2 pts)\n"
        "   b. mentions pressure (2 pts)\n2. Gives an example\n   (a) real\n3. Uses units\n"
        "a) margin\n"
    )
    [rubric] = rubrics(read(text))
    found = [(c.text, c.points, [placed_level(lv) for lv in c.levels]) for c in rubric.criteria]
    assert found == [
        (
            "Explains the cause",
            4.0,
            [("2", "mentions heat", (5, 7, 5, 20)), ("2", "mentions pressure", (6, 7, 6, 24))],
        ),
        ("Gives an example", None, [("1", "real", (8, 8, 8, 12))]),
        ("Uses units\na) margin", None, []),
    ]


def test_a_block_quote_below_a_heading_with_points_is_no_criterion() -> None:
    """A quote, its lazily continued lines included, is not the paragraph that a heading with
    points takes as its criterion; a paragraph after it still is. The heading whose section
    holds only the quote is a parse error at the heading, and the rest is read."""
    text = (
        "# Essay\n\n## Sources \u2014 5 points\n> Cites at least two\nsources.\n\n"
        "## Style (5 pts)\n> Note for graders.\n\nUses plain words.\n"
    )
    [error, rubric] = read(text)
    assert isinstance(error, ParseError) and isinstance(rubric, Rubric)
    assert (error.reason, where(error.location)) == (
        "Section 'Sources \u2014 5 points' carries points but holds no criterion (no list "
        "item, table row or paragraph; block quotes, code and comments are none)",
        (3, 4, 3, 22),
    )
    found = [(c.text, c.points, c.axis, where(c.location)) for c in rubric.criteria]
    assert found == [("Uses plain words.", 5.0, "Style", (10, 1, 10, 18))]


def test_a_row_or_heading_that_opens_with_the_word_total_is_a_criterion_when_it_grades() -> None:
    """Only a row or heading that labels a total (``Total``, ``Grand total``, ``Total
    points: 20``) is skipped: a criterion that opens with the word is read, and a heading
    with points that names one and holds no criterion is an error like any other."""
    text = (
        "| Criterion | Points |\n|---|---|\n| Names the dose | 2 |\n"
        "| Total daily dose stays under 4 g | 3 |\n| **Total** | 5 |\n| Grand total | 5 |\n"
        "| Total points: 5 | |\n\n## Total cost of the course (2 pts)\n\n## Total (7 pts)\n"
    )
    items = read(text)
    [rubric] = [item for item in items if isinstance(item, Rubric)]
    assert [(c.text, c.points, where(c.location)) for c in rubric.criteria] == [
        ("Names the dose", 2.0, (3, 3, 3, 17)),
        ("Total daily dose stays under 4 g", 3.0, (4, 3, 4, 35)),
    ]
    errors = [item for item in items if isinstance(item, ParseError)]
    assert [(error.reason.split(" carries")[0], where(error.location)) for error in errors] == [
        ("Section 'Total cost of the course (2 pts)'", (9, 4, 9, 36)),
    ]


def test_a_total_row_with_the_word_outside_the_criterion_column_is_skipped() -> None:
    """``| **Total** | | **3** |`` under ``| # | Criterion | Points |`` labels the total: it
    was read as a level ``3: Total`` of the criterion above."""
    text = (
        "| # | Criterion | Points |\n|---|---|---|\n| 1 | Names the dose | 2 |\n"
        "| 2 | Mentions food | 1 |\n| **Total** | | **3** |\n"
    )
    [rubric] = rubrics(read(text))
    assert [(c.text, c.points, c.levels) for c in rubric.criteria] == [
        ("Names the dose", 2.0, []),
        ("Mentions food", 1.0, []),
    ]


def test_a_heading_with_points_and_no_criterion_in_its_section_is_a_parse_error() -> None:
    """A heading that carries points whose section, sub-sections included, holds no criterion
    (code, a comment, nothing) is a parse error at the heading; a ``Total`` heading, or one
    whose sub-section holds a criterion, is not. A file with no criterion at all is only
    ``Not a rubric``."""
    text = (
        "# Essay (20 pts)\n\n## Sources (5 pts)\n\n    code\n\n## Style (5 pts)\n"
        "<!-- later -->\n\n## Tone (10 pts)\n\n### Voice\n\n- Warm\n\n## Total (20 pts)\n"
    )
    errors = [item for item in read(text) if isinstance(item, ParseError)]
    assert [(error.reason.split(" carries")[0], where(error.location)) for error in errors] == [
        ("Section 'Sources (5 pts)'", (3, 4, 3, 19)),
        ("Section 'Style (5 pts)'", (7, 4, 7, 17)),
    ]
    [only] = read("## Sources (5 pts)\n\n> a quote\n")
    assert isinstance(only, NotARubric)


def test_a_column_of_item_numbers_gives_way_to_a_column_of_text() -> None:
    """``Item`` and ``Description`` columns: the item numbers are no criteria, the
    descriptions are; ``Item | Check`` likewise. A column of numbers that is the only
    candidate is still read."""
    text = (
        "| Item | Description | Points |\n|---|---|---|\n| 1 | Response cites a source | 2 |\n"
        "| 2. | Response is under 200 words | 1 |\n\n"
        "| Item | Check | Pass? |\n|---|---|---|\n| #1 | States the dose | |\n"
    )
    [rubric] = rubrics(read(text))
    found = [(c.text, c.points, where(c.location)) for c in rubric.criteria]
    assert found == [
        ("Response cites a source", 2.0, (3, 7, 3, 30)),
        ("Response is under 200 words", 1.0, (4, 8, 4, 35)),
        ("States the dose", None, (8, 8, 8, 23)),
    ]
    [numbers] = rubrics(read("| Item | Points |\n|---|---|\n| 1 | 2 |\n"))
    assert [(c.text, c.points) for c in numbers.criteria] == [("1", 2.0)]


def test_setext_headings_are_headings() -> None:
    """A line underlined with ``=`` is a level-1 heading, with ``-`` a level-2 one: it carries
    points for the paragraph below and splits the file into rubrics. The last line of a
    paragraph above a ``---`` is no heading (the ``---`` is a rule)."""
    text = (
        "Essay\n=====\n\nThesis (20 points)\n------------------\n\nStates a thesis.\n\n"
        "Style\n=====\n\nSome words\nabout style\n---\n\n- Uses plain words\n"
    )
    found = [
        (
            r.id,
            where(r.location),
            [(c.text, c.points, c.axis, where(c.location)) for c in r.criteria],
        )
        for r in rubrics(read(text))
    ]
    assert found == [
        ("Essay", (1, 1, 1, 6), [("States a thesis.", 20.0, "Thesis", (7, 1, 7, 17))]),
        ("Style", (9, 1, 9, 6), [("Uses plain words", None, None, (16, 3, 16, 19))]),
    ]


def test_a_bold_name_that_opens_an_item_is_its_axis() -> None:
    """``**Thesis**:``, ``**Thesis:**`` or ``**Clarity** —`` is taken out of the text and
    names the axis; bold words without a colon or dash, a long name and nested items keep
    theirs."""
    text = (
        "# Rubric\n\n- **Thesis**: States a clear thesis.\n- **Thesis:** States it early.\n"
        "- **Clarity** \u2014 The answer is clear. (5 pts)\n- **Do not** name brands\n"
        "- **Important note for graders reading this**: long\n"
        "- **Coherence (1-5):** Logical order\n  - **Excellent:** keeps its label\n"
    )
    [rubric] = rubrics(read(text))
    found = [(c.text, c.points, c.axis, where(c.location)) for c in rubric.criteria]
    assert found == [
        ("States a clear thesis.", None, "Thesis", (3, 15, 3, 37)),
        ("States it early.", None, "Thesis", (4, 15, 4, 31)),
        ("The answer is clear.", 5.0, "Clarity", (5, 17, 5, 37)),
        ("**Do not** name brands", None, None, (6, 3, 6, 25)),
        ("**Important note for graders reading this**: long", None, None, (7, 3, 7, 52)),
        ("Logical order", None, "Coherence", (8, 24, 8, 37)),
    ]
    assert [lv.text for lv in rubric.criteria[-1].levels] == ["**Excellent:** keeps its label"]


def test_a_bold_name_that_ends_an_items_first_line_names_the_text_below() -> None:
    """A bold name alone on an item's first line (``**Thesis**:``, ``**Evidence:**``,
    ``**Clarity** —`` or ``**Voice**``) is the axis of the text below it, on the next line
    (indented or lazy) or after a blank line, as a label with points is; points after it
    (``**Depth**: (5 pts)``) are the item's. A name that is the whole item (with nested items
    or none) is its text, without the marks."""
    text = (
        "# Essay\n\n- **Thesis**:\n  States a clear thesis.\n- **Evidence:**\n"
        "  Cites two sources.\n- **Clarity** \u2014\n  Uses plain words.\n- **Voice**\n"
        "Keeps one tone.\n- **Depth**: (5 pts)\n\n  Explains why.\n- **Mechanics:**\n"
        "  - 4: no errors\n- **Style**\n"
    )
    assert read_items(text) == [
        ("States a clear thesis.", None, "Thesis", (4, 3, 4, 25), []),
        ("Cites two sources.", None, "Evidence", (6, 3, 6, 21), []),
        ("Uses plain words.", None, "Clarity", (8, 3, 8, 20), []),
        ("Keeps one tone.", None, "Voice", (10, 1, 10, 16), []),
        ("Explains why.", 5.0, "Depth", (13, 3, 13, 16), []),
        ("Mechanics", None, None, (14, 5, 14, 14), ["no errors"]),
        ("Style", None, None, (16, 5, 16, 10), []),
    ]


def test_a_bold_name_that_opens_a_table_cell_is_the_rows_axis() -> None:
    """A criterion cell that opens with a bold name then a colon or dash (a single-point
    rubric's ``**Thesis**: Takes a clear position``) reads as a list item does: the name is
    the row's axis and the rest its text, located exactly (an escaped pipe still reads as
    ``|``); a cell that is only the name is the name. An axis column keeps its own axis and
    the cell whole; bold words without a colon or dash, and code, are text."""
    text = (
        "# Essay\n\n| Areas for Growth | Proficient Criterion | Strength (3) |\n|---|---|---|\n"
        "| | **Thesis**: Takes a clear position | bold |\n"
        "| | **Evidence:** cites a \\| b | x |\n| | **Voice** \u2014 | x |\n"
        "| | **Do not** name brands | x |\n| | `**x**: y` | x |\n\n"
        "| Criterion | Axis |\n|---|---|\n| **Tone**: keeps it | Style |\n"
    )
    assert read_items(text) == [
        ("Takes a clear position", None, "Thesis", (5, 17, 5, 39), ["bold"]),
        ("cites a | b", None, "Evidence", (6, 19, 6, 31), ["x"]),
        ("Voice", None, None, (7, 7, 7, 12), ["x"]),
        ("**Do not** name brands", None, None, (8, 5, 8, 27), ["x"]),
        ("**x**: y", None, None, (9, 6, 9, 14), ["x"]),
        ("**Tone**: keeps it", None, "Style", (13, 3, 13, 21), []),
    ]


INSTRUCTIONS = """\
# Summary rubric

## Dimensions

- **Accuracy**: States the facts of the source

## Using This Rubric

### Calibration

1. Study this rubric thoroughly.

| Step | Description |
|---|---|
| 1 | Score ten practice summaries |

## Scoring Instructions

- Score each dimension independently.

## Instructions for raters

- Read the source first.

## Follows Instructions

- Answers in under 100 words

## Using Evidence

- Quotes the source once

## Notes

- Names the author

## Grader instructions

- Deducts for length (2 pts)
"""


def test_a_section_named_as_instructions_for_using_the_rubric_holds_no_criteria() -> None:
    """Items and rows under a heading that names instructions (``Using This Rubric`` and its
    sub-sections, ``Scoring Instructions``) are no criteria when none carries points and the
    file has criteria elsewhere. A criterion's name (``Follows Instructions``, ``Using
    Evidence``), ``Notes`` alone, and an instructions section with points are read."""
    found = [(r.id, [(c.text, c.points) for c in r.criteria]) for r in rubrics(read(INSTRUCTIONS))]
    assert found == [
        ("Dimensions", [("States the facts of the source", None)]),
        ("Follows Instructions", [("Answers in under 100 words", None)]),
        ("Using Evidence", [("Quotes the source once", None)]),
        ("Notes", [("Names the author", None)]),
        ("Grader instructions", [("Deducts for length", 2.0)]),
    ]
    [summary] = rubrics(read(INSTRUCTIONS.split("## Follows")[0]))
    assert (summary.id, [c.text for c in summary.criteria]) == (
        "Summary rubric",
        ["States the facts of the source"],
    )
    [alone] = rubrics(read("# Rubric\n\n## Instructions\n\n- Cites the source\n"))
    assert [c.text for c in alone.criteria] == ["Cites the source"]


@pytest.mark.parametrize("heading", ["Instructions", "Directions", "Usage"])
def test_a_section_named_by_one_word_of_instructions_keeps_its_criteria(heading: str) -> None:
    """ "Instructions" alone may name a group of criteria (instruction following), so its
    items are read beside the other sections' ones, never dropped silently."""
    text = (
        f"# Rubric\n\n## {heading}\n\n- Stays under 200 words\n\n## Content\n\n- Names the author\n"
    )
    found = [(r.id, [c.text for c in r.criteria]) for r in rubrics(read(text))]
    assert found == [(heading, ["Stays under 200 words"]), ("Content", ["Names the author"])]


def test_a_label_with_a_score_range_names_the_axis_and_gives_no_points() -> None:
    """``**Completeness (1-5):**`` is a label: its name is the axis and the range the scale
    the criterion is scored on, not its points, so the criterion has none. As with points, a
    label alone reads as its name, the text may start on the next line, and a range with no
    name before it is text."""
    text = (
        "# Summary\n\n- **Completeness (1\u20135):** Covers the main ideas\n"
        "- Accuracy (1 - 5): States facts correctly\n- **Coherence (0-4)**\n"
        "  Orders ideas logically.\n- **Conciseness (1-5)**\n- (1-5): Stays short\n"
    )
    assert read_items(text) == [
        ("Covers the main ideas", None, "Completeness", (3, 27, 3, 48), []),
        ("States facts correctly", None, "Accuracy", (4, 21, 4, 43), []),
        ("Orders ideas logically.", None, "Coherence", (6, 3, 6, 26), []),
        ("Conciseness", None, None, (7, 5, 7, 16), []),
        ("(1-5): Stays short", None, None, (8, 3, 8, 21), []),
    ]


def test_indented_code_is_never_criteria() -> None:
    """A block indented four spaces past the margin (after a blank line or a heading, not
    right below text) or past an item's content is code, and so is a fence indented under an
    item (MkDocs style): the item's text stops above it, its lines are neither criteria nor
    levels, and the list goes on below it. Four spaces under an item are a nested item."""
    text = (
        "# Rubric\n\n- Gives the command (2 pts)\n\n    - nested level\n\n"
        "A good answer looks like this:\n\n    - step 1: run the tests (5 pts)\n\n"
        "    1. not a criterion either\n\n## Notes\n    - code below a heading\n\n"
        "- Real criterion one\n    ```\n    - inside the fence\n    ```\n\n"
        "      - code in the item\n- Real criterion two\n"
    )
    [rubric] = rubrics(read(text))
    found = [
        (c.text, c.points, where(c.location), [lv.text for lv in c.levels]) for c in rubric.criteria
    ]
    assert found == [
        ("Gives the command", 2.0, (3, 3, 3, 20), ["nested level"]),
        ("Real criterion one", None, (16, 3, 16, 21), []),
        ("Real criterion two", None, (22, 3, 22, 21), []),
    ]


def test_an_escaped_pipe_in_a_table_cell_reads_as_a_pipe() -> None:
    """``\\|`` in a cell, in code too, is ``|`` in the text, as on GitHub: the backslash is
    taken out and every other character keeps its own position."""
    text = (
        "| Criterion | Points |\n|---|---|\n| Uses a \\| b or `x \\| y` | 2 |\n"
        "| **Says a\\|b** | 3 |\n"
    )
    [rubric] = rubrics(read(text))
    found = [(c.text, c.points, where(c.location)) for c in rubric.criteria]
    assert found == [
        ("Uses a | b or `x | y`", 2.0, (3, 3, 3, 26)),
        ("Says a|b", 3.0, (4, 5, 4, 14)),
    ]
    origin = rubric.criteria[0].origin
    assert origin is not None
    assert [where(origin.locate(i, i + 1)) for i in (7, 8, 17)] == [
        (3, 11, 3, 12),
        (3, 12, 3, 13),
        (3, 22, 3, 23),
    ]


def test_a_br_tag_in_a_table_cell_reads_as_a_line_break() -> None:
    """``<br>``, ``<br/>``, ``<BR />`` in a cell (as Google Docs, Notion and GitHub export a
    line break) read as a line break in criterion and level texts, and every other character
    keeps its own position; tags that open or end a cell are left out like its whitespace,
    and a tag in code stays code."""
    text = (
        "| Criterion | Excellent (4) | Points |\n|---|---|---|\n"
        "| <br>Names the dose<br>and is clear<BR /> | Dose<br/>is clear | 2 |\n"
        "| <br> | Only<br>dose | |\n"
        "| Uses `a<br>b` | `x<br>y` | 1 |\n"
    )
    document = SourceDocument("rubric.md", text)
    [rubric] = rubrics(list(parse_document(document, "markdown")))
    found = [(c.text, where(c.location), [lv.text for lv in c.levels]) for c in rubric.criteria]
    assert found == [
        ("Names the dose\nand is clear", (3, 7, 3, 37), ["Dose\nis clear", "Only\ndose"]),
        ("Uses `a<br>b`", (5, 3, 5, 16), ["x<br>y"]),
    ]
    criterion = rubric.criteria[0]
    level = criterion.levels[0]
    spans = [
        (origin, origin.decoded.index(word), word)
        for origin, word in ((criterion.origin, "clear"), (level.origin, "clear"))
        if origin is not None
    ]
    located = [origin.locate(i, i + len(word)) for origin, i, word in spans]
    assert [where(loc) for loc in located] == [(3, 32, 3, 37), (3, 58, 3, 63)]
    assert [document.text_at(loc) for loc in located] == ["clear", "clear"]


def test_a_finding_after_a_br_tag_in_a_table_cell_sits_on_its_word() -> None:
    """RL101 reads the cell's text without the tag and reports the word where the file has it."""
    text = "| Criterion | Points |\n|---|---|\n| Response is<br/>clear | 2 |\n"
    [finding] = lint_snippet(text, name="rubric.md", select=["RL101"]).diagnostics
    assert '"clear"' in finding.message
    assert where(finding.location) == (3, 19, 3, 24)
    assert "<br" not in finding.message


def test_a_checkbox_needs_a_space_after_it() -> None:
    """``- [ ]Text`` and ``- [x]Text`` are no task items on GitHub: the brackets stay in the
    text (``x`` names no axis); with a space they are checkboxes, taken out of the text."""
    text = "- [ ]Missing space (2 pts)\n- [x]Also missing\n- [ ] Real box\n- [x] Done box\n"
    [rubric] = rubrics(read(text))
    found = [(c.text, c.points, c.axis, where(c.location)) for c in rubric.criteria]
    assert found == [
        ("[ ]Missing space", 2.0, None, (1, 3, 1, 19)),
        ("[x]Also missing", None, None, (2, 3, 2, 18)),
        ("Real box", None, None, (3, 7, 3, 15)),
        ("Done box", None, None, (4, 7, 4, 15)),
    ]


def test_a_label_alone_on_its_line_gives_its_points_and_the_text_below_or_its_name() -> None:
    """A label that ends an item's first line (``**Clarity (5 pts)**``) is still a label: the
    line below is the text and the name the axis. A label that is all of an item reads as
    its name with points (``Clarity (5 pts)``), its nested items as levels; with no name the
    text is empty (RL002's to report), its points kept."""
    text = (
        "# Rubric\n\n- **Clarity (5 pts)**\n  Uses plain words.\n- Style (2 pts):\n"
        "  Varied sentences.\n- **Accuracy (10 pts)**\n  - Names the dose\n"
        "- **Depth (3 pts):**\n- **5 pts:**\n"
    )
    assert read_items(text) == [
        ("Uses plain words.", 5.0, "Clarity", (4, 3, 4, 20), []),
        ("Varied sentences.", 2.0, "Style", (6, 3, 6, 20), []),
        ("Accuracy", 10.0, None, (7, 5, 7, 13), ["Names the dose"]),
        ("Depth", 3.0, None, (9, 5, 9, 10), []),
        ("", 5.0, None, (10, 13, 10, 13), []),
    ]


def test_a_paragraph_indented_under_an_item_after_a_blank_line_is_part_of_its_text() -> None:
    """A loose item's later paragraphs, indented to its content, belong to it (CommonMark):
    the text spans them, points that end its first paragraph are taken out, a label's text
    may be the paragraph below it, and a nested item's paragraph is its level's. Lines
    indented four more are code; a paragraph at the margin ends the list."""
    text = (
        "# Rubric\n\n- States the dose\n  in mg (5 pts)\n\n  Not in tablets.\n\n  Per day.\n"
        "- **Clarity (2 pts)**\n\n  Uses plain words.\n- Nested\n  - level one\n\n"
        "    more about it\n- Code after\n\n      code here\n\nAt the margin.\n"
    )
    assert read_items(text) == [
        (
            "States the dose\n  in mg\n\n  Not in tablets.\n\n  Per day.",
            5.0,
            None,
            (3, 3, 8, 11),
            [],
        ),
        ("Uses plain words.", 2.0, "Clarity", (11, 3, 11, 20), []),
        ("Nested", None, None, (12, 3, 12, 9), ["level one\n\n    more about it"]),
        ("Code after", None, None, (16, 3, 16, 13), []),
    ]


def test_a_comment_that_ends_a_line_of_a_wrapped_item_is_no_part_of_its_text() -> None:
    """A suppression comment after a wrapped item's first line (where a directive goes) is
    taken out of its text and leaves the points before it readable; words after it keep
    their positions. So for a nested level and a heading's paragraph."""
    text = (
        "# Rubric\n\n"
        "- Names the maximum daily dose (5 pts) <!-- rift-lint: ignore[RL103] -->\n"
        "  of paracetamol\n"
        "  - Gives 4 g <!-- checked -->\n"
        "    for adults\n\n"
        "## Safety (2 pts)\n\n"
        "Warns about <!-- rift-lint: ignore[RL102] -->\n"
        "liver damage\n"
    )
    [rubric] = rubrics(read(text))
    first, second = rubric.criteria
    assert (first.text, first.points) == ("Names the maximum daily dose\n  of paracetamol", 5.0)
    assert where(first.span(first.text.index("paracetamol"), len(first.text))) == (4, 6, 4, 17)
    [level] = first.levels
    assert placed_level(level) == ("1", "Gives 4 g\n    for adults", (5, 5, 6, 15))
    assert (second.text, second.axis, second.points) == ("Warns about\nliver damage", "Safety", 2.0)
    assert where(second.span(12, 17)) == (11, 1, 11, 6)


def test_a_comment_that_ends_a_line_of_a_score_band_is_no_part_of_the_level() -> None:
    text = "## Clarity (4 pts)\n\n- **4:** Names <!-- rift-lint: ignore[RL101] -->\n  the dose\n"
    [rubric] = rubrics(read(text + "- **2:** Vague\n"))
    [criterion] = rubric.criteria
    band = criterion.levels[0]
    assert placed_level(band) == ("4", "Names\n  the dose", (3, 10, 4, 11))
