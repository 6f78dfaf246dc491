"""The CSV/TSV reader: header detection, grouping, levels, bad rows and exact cell positions."""

from __future__ import annotations

import csv
import threading
from pathlib import Path

import pytest

from rift_lint.location import Location
from rift_lint.models import Rubric
from rift_lint.parsing import detect_format, parse_document, sniff_format
from rift_lint.parsing.errors import NotARubric, ParseError
from rift_lint.source import Encoding, SourceDocument

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "text"


def where(location: Location | None) -> tuple[int, int, int, int]:
    """(line, column, end_line, end_column) of a location."""
    assert location is not None
    return location.line, location.column, location.end_line, location.end_column


def read(text: str, name: str = "rubric.csv") -> list[Rubric | ParseError]:
    """Everything the CSV reader yields for ``text``."""
    return list(parse_document(SourceDocument(name, text), "csv"))


def read_fixture(name: str) -> list[Rubric | ParseError]:
    """Everything the reader yields for a fixture file (format from its extension)."""
    path = FIXTURES / name
    return list(parse_document(SourceDocument(str(path), path.read_text(encoding="utf-8"))))


def test_level_grid_with_named_levels() -> None:
    [rubric] = read_fixture("learn_co_rubric.csv")
    assert isinstance(rubric, Rubric)
    assert rubric.id == "rubric-1"
    assert where(rubric.location) == (1, 1, 1, 20)
    assert [c.text for c in rubric.criteria] == [
        "Command Usage Accuracy",
        "System Navigation & Environment Setup",
        "File and Directory Management",
        "User and Permissions Management",
        "Information Retrieval & File Viewing",
        "Clarity and Organization",
    ]
    first = rubric.criteria[0]
    assert (first.id, first.points, first.points_raw) == ("c1", None, None)
    assert where(first.location) == (3, 1, 3, 23)
    assert where(first.span(14, 22)) == (3, 15, 3, 23)  # "Accuracy"
    assert [(lv.label, lv.score) for lv in first.levels] == [
        ("Excelled", 5.0),
        ("Met Expectations", 4.0),
        ("Attempted", 2.0),
        ("No Attempt", 0.0),
    ]
    excelled = first.levels[0]
    assert excelled.text.startswith("Accurately uses each command with detailed explanations")
    assert excelled.origin is not None
    assert excelled.origin.encoding is Encoding.VERBATIM
    assert where(excelled.origin.locate(0, 10)) == (3, 25, 3, 35)  # quoted cell: "Accurately"
    unquoted = first.levels[2]
    assert unquoted.text.startswith("Basic or incomplete use of commands")
    assert unquoted.origin is not None
    assert where(unquoted.origin.locate(0, 5)) == (3, 330, 3, 335)  # "Basic"


def test_promptfoo_tests_csv_gives_one_rubric_per_row() -> None:
    items = read_fixture("promptfoo_tests.csv")
    assert [r.id for r in items if isinstance(r, Rubric)] == ["row-1", "row-2", "row-3"]
    first = items[0]
    assert isinstance(first, Rubric)
    assert first.metadata == {"layout": "promptfoo-csv", "vars": {"topic": "machine learning"}}
    assert first.prompt == "topic: machine learning"
    assert first.prompt_location is not None
    assert where(first.prompt_location) == (2, 1, 2, 145)
    [criterion] = first.criteria
    assert criterion.text == "Does this describe {{topic}} accurately?"
    assert where(criterion.location) == (2, 54, 2, 94)
    assert where(criterion.span(19, 28)) == (2, 73, 2, 82)  # "{{topic}}"
    last = items[2]
    assert isinstance(last, Rubric)
    assert last.criteria[0].text == "Does this describe {{topic}} inaccurately?"


GROUPED = """\
rubric_id,id,criterion,points,rift_lint
dose,d1,States the maximum daily dose,5,
dose,d2,"Mentions ""food"" and
water",3,"RL003, RL004"
dose,d3,Too,many,cells,here
tone,t1,Uses plain language,2,RL101 RL102
"""


def test_short_first_row_is_reported_not_read_as_level_names() -> None:
    text = "Criterion,5,0\nRating,Excelled\nUses each command,Uses all,Uses none\n"
    error, rubric = read(text)
    assert isinstance(error, ParseError)
    assert error.reason == "Line 2: the row has 2 cells, the header has 3"
    assert isinstance(rubric, Rubric)
    assert [c.text for c in rubric.criteria] == ["Uses each command"]


def test_grouping_ids_ignore_codes_multiline_cells_and_bad_rows() -> None:
    error, dose, tone = read(GROUPED)
    assert isinstance(error, ParseError)
    assert error.reason == "Line 5: the row has 6 cells, the header has 5"
    assert where(error.location) == (5, 1, 5, 28)
    assert isinstance(dose, Rubric)
    assert isinstance(tone, Rubric)
    assert (dose.id, tone.id) == ("dose", "tone")
    assert where(dose.location) == (2, 1, 2, 41)
    assert [(c.id, c.text, c.points, c.ignore) for c in dose.criteria] == [
        ("d1", "States the maximum daily dose", 5.0, []),
        ("d2", 'Mentions "food" and\nwater', 3.0, ["RL003", "RL004"]),
    ]
    first, multiline = dose.criteria
    assert where(first.location) == (2, 9, 2, 38)
    assert where(first.points_location) == (2, 39, 2, 40)
    assert where(first.item_location) == (2, 1, 2, 41)
    assert multiline.origin is not None
    assert multiline.origin.encoding is Encoding.APPROXIMATE
    assert where(multiline.location) == (3, 10, 4, 6)
    assert where(multiline.span(10, 14)) == (3, 21, 3, 25)  # "food"
    assert where(multiline.span(20, 25)) == (4, 1, 4, 6)  # "water"
    assert where(multiline.points_location) == (4, 8, 4, 9)
    [plain] = tone.criteria
    assert (plain.id, plain.ignore, where(plain.location)) == (
        "t1",
        ["RL101", "RL102"],
        (6, 9, 6, 28),
    )


def test_tsv_with_prompt_axis_and_numeric_levels() -> None:
    text = (
        "prompt\tcategory\trequirement\tweight\t5\t3\t1\n"
        "Summarise the text\taccuracy\tStates the main claim\t2\tExact\tVague\tWrong\n"
        "Summarise the text\tstyle\tUses short sentences\t1\t\t\t\n"
    )
    [rubric] = read(text, name="rubric.tsv")
    assert isinstance(rubric, Rubric)
    assert rubric.prompt == "Summarise the text"
    assert where(rubric.prompt_location) == (2, 1, 2, 19)
    claim, style = rubric.criteria
    assert (claim.text, claim.axis, claim.points) == ("States the main claim", "accuracy", 2.0)
    assert where(claim.location) == (2, 29, 2, 50)
    assert [(lv.label, lv.score, lv.text) for lv in claim.levels] == [
        ("5", 5.0, "Exact"),
        ("3", 3.0, "Vague"),
        ("1", 1.0, "Wrong"),
    ]
    assert (style.text, style.axis, style.points, style.levels) == (
        "Uses short sentences",
        "style",
        1.0,
        [],
    )


def test_no_criterion_column_is_an_error_naming_the_header() -> None:
    [error] = read("topic,answer\nfoo,bar\n")
    assert isinstance(error, NotARubric)
    assert error.reason == "Not a rubric: no criterion column in the header ('topic', 'answer')"
    assert where(error.location) == (1, 1, 1, 13)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "Not a rubric: the CSV file is empty"),
        ("\n\n", "Not a rubric: the CSV file is empty"),
        ("criterion,points\n", "Not a rubric: the CSV file has no rows"),
    ],
)
def test_empty_files(text: str, reason: str) -> None:
    [error] = read(text)
    assert isinstance(error, ParseError)
    assert error.reason == reason
    assert (error.location.line, error.location.column) == (1, 1)


@pytest.mark.parametrize(
    "text",
    [
        "criterion,points\nStates the dose,2\nUses plain language,1\n",
        "criterion\tpoints\nStates the dose\t2\n",
        'id,text\n1,"Multi\nline, with comma"\n2,Plain\n',
    ],
)
def test_sniffs_csv(text: str) -> None:
    assert sniff_format(text) == "csv"


def test_a_cell_longer_than_the_csv_modules_field_limit_is_read() -> None:
    """The csv module refuses fields over 131,072 characters unless told otherwise; the limit,
    which is the whole process's, is raised only while the file is read."""
    limit = csv.field_size_limit()
    long_cell = "word " * 30_000
    text = f'criterion,points\nStates the dose,2\n"{long_cell}",3\nMentions food,1\n'
    assert sniff_format(text) == "csv"
    [rubric] = read(text)
    assert isinstance(rubric, Rubric)
    assert [c.points for c in rubric.criteria] == [2, 3, 1]
    assert rubric.criteria[1].text == long_cell.strip()
    assert where(rubric.criteria[2].location) == (4, 1, 4, 14)
    assert csv.field_size_limit() == limit


def test_a_row_the_csv_module_refuses_is_an_error_at_its_line() -> None:
    """A carriage return inside an unquoted cell (text given to the API: reading a file turns
    it into a line end) is refused by the csv module; the other rows are read."""
    error, rubric = read("criterion,points\nStates the dose,2\nNames\rthe route,3\nLast,1\n")
    assert isinstance(error, ParseError)
    assert error.reason == (
        "Line 3: malformed CSV (a carriage return inside a cell that is not quoted); the row was "
        "skipped and reading went on at the next line"
    )
    assert where(error.location) == (3, 1, 3, 1)
    assert isinstance(rubric, Rubric)
    assert [(c.text, c.points) for c in rubric.criteria] == [("States the dose", 2), ("Last", 1)]
    assert where(rubric.criteria[1].location) == (4, 1, 4, 5)


def test_csv_extensions() -> None:
    assert detect_format("r.csv", "") == "csv"
    assert detect_format("r.tsv", "") == "csv"


def test_unclosed_quote_skips_its_line_and_the_rest_is_read() -> None:
    error, rubric = read('text,points\n"Names the dose,3\nAdvises food,2\nLast,1\n')
    assert isinstance(error, ParseError)
    assert error.reason == (
        "Line 2: a quoted cell opens here and never closes; the line was skipped and reading "
        "went on at the next line"
    )
    assert where(error.location) == (2, 1, 2, 2)
    assert isinstance(rubric, Rubric)
    assert [(c.text, c.points) for c in rubric.criteria] == [("Advises food", 2.0), ("Last", 1.0)]
    assert where(rubric.criteria[1].location)[:2] == (4, 1)


def test_unclosed_quote_in_a_last_cell_does_not_swallow_the_next_rows() -> None:
    error, rubric = read('text,points\nAdvises food,2\nSays hi,"1\nLast,1\n')
    assert isinstance(error, ParseError)
    assert where(error.location) == (3, 9, 3, 10)
    assert isinstance(rubric, Rubric)
    assert [(c.text, c.points) for c in rubric.criteria] == [("Advises food", 2.0), ("Last", 1.0)]


def test_two_unclosed_quotes_are_two_errors_not_one_multi_line_cell() -> None:
    *errors, rubric = read(
        'text,points\n"Names the dose,3\nAsks about allergies,2\n"Advises rest,2\nLast,1\n'
    )
    assert [where(error.location) for error in errors] == [(2, 1, 2, 2), (4, 1, 4, 2)]
    assert isinstance(rubric, Rubric)
    assert [(c.text, c.points) for c in rubric.criteria] == [
        ("Asks about allergies", 2.0),
        ("Last", 1.0),
    ]


def test_a_multi_line_cell_closes_before_a_delimiter_or_the_line_end() -> None:
    [rubric] = read('text,points\n"Names the dose\nand the route" ,3\n')
    assert isinstance(rubric, Rubric)
    assert [(c.text, c.points) for c in rubric.criteria] == [("Names the dose\nand the route", 3)]
    [rubric] = read('points,text\n2,"Says ""hi""\nto all" \r\n')
    assert isinstance(rubric, Rubric)
    assert [(c.text, c.points) for c in rubric.criteria] == [('Says "hi"\nto all', 2)]


@pytest.mark.parametrize(
    ("row", "text", "word", "position"),
    [
        ('"Safe" answers are appropriate for adults,3', "Safe answers are", "appropriate", 20),
        ('"Is ""safe"" for" adults and appropriate,3', 'Is "safe" for adults', "appropriate", 30),
        ('"a "b" c" is appropriate,3', 'a b" c" is', "appropriate", 14),
    ],
)
def test_text_after_a_closing_quote_is_located_in_the_cell(
    row: str, text: str, word: str, position: int
) -> None:
    """The csv module reads text that follows a cell's closing quote as more of the cell (and
    any quote in it as written); each of its characters maps to its own in the file."""
    document = SourceDocument("rubric.csv", f"criterion,points\n{row}\n")
    [rubric] = parse_document(document, "csv")
    assert isinstance(rubric, Rubric)
    [criterion] = rubric.criteria
    assert criterion.text.startswith(text)
    assert criterion.origin is not None
    offsets = [criterion.origin.document_offset(i) for i in range(len(criterion.text))]
    assert "".join(document.text[offset] for offset in offsets) == criterion.text
    start = criterion.text.index(word)
    found = criterion.origin.locate(start, start + len(word))
    assert where(found) == (2, position, 2, position + len(word))
    assert where(criterion.location) == (2, 2, 2, row.rindex(",") + 1)


def test_unclosed_quote_in_the_header_ends_the_file() -> None:
    [error] = read('"text,points\nAdvises food,2\n')
    assert isinstance(error, ParseError)
    assert error.reason.startswith("Line 1: a quoted cell opens here and never closes")


@pytest.mark.parametrize("sep", [";", ",", "\t", "|"])
def test_an_excel_sep_line_names_the_delimiter_and_is_not_the_header(sep: str) -> None:
    """Excel writes and reads ``sep=;`` above the header, whatever the other counts say."""
    text = f'sep={sep}\ncriterion{sep}points\n"Names Paris, Rome; Oslo"{sep}2\n'
    [rubric] = read(text)
    assert isinstance(rubric, Rubric)
    assert [(c.text, c.points) for c in rubric.criteria] == [("Names Paris, Rome; Oslo", 2)]
    assert where(rubric.criteria[0].location) == (3, 2, 3, 25)


def test_a_sep_line_alone_is_an_empty_file() -> None:
    [error] = read("SEP=;\n")
    assert isinstance(error, ParseError)
    assert error.reason == "Not a rubric: the CSV file is empty"


def test_a_description_column_beside_the_criterion_column_gives_the_text() -> None:
    """The criterion cell is then a name, kept as the axis; a row without a description keeps
    its criterion cell as its text, and a row with only a description continues the one
    above as a level."""
    text = (
        "Criterion,Description,Points\n"
        'Thesis,"States a clear, arguable thesis",20\n'
        "Evidence,,30\n"
        ",Quotes one source,10\n"
    )
    [rubric] = read(text)
    assert isinstance(rubric, Rubric)
    found = [(c.text, c.axis, c.points, where(c.location)) for c in rubric.criteria]
    assert found == [
        ("States a clear, arguable thesis", "Thesis", 20.0, (2, 9, 2, 40)),
        ("Evidence", None, 30.0, (3, 1, 3, 9)),
    ]
    assert [(level.label, level.text) for level in rubric.criteria[1].levels] == [
        ("10", "Quotes one source")
    ]
    [with_axis] = read("name,description,category\nThesis,States a thesis,Content\n")
    assert isinstance(with_axis, Rubric)
    assert [(c.text, c.axis) for c in with_axis.criteria] == [("States a thesis", "Content")]
    [alone] = read("description,points\nStates a thesis,2\n")
    assert isinstance(alone, Rubric)
    assert [(c.text, c.axis) for c in alone.criteria] == [("States a thesis", None)]
    [question] = read("Question,Explanation\nDoes it cite a source?,Sources back claims\n")
    assert isinstance(question, Rubric)
    assert [(c.text, c.axis) for c in question.criteria] == [("Does it cite a source?", None)]
    [glossary] = read("Term,Definition\nThesis,The claim an essay argues\n")
    assert isinstance(glossary, NotARubric)
    [defined] = read("Criterion,Definition\nThesis,The essay argues one claim\n")
    assert isinstance(defined, Rubric)
    assert [(c.text, c.axis) for c in defined.criteria] == [
        ("The essay argues one claim", "Thesis")
    ]


def test_empty_cells_past_the_header_are_spreadsheet_residue_not_an_error() -> None:
    """``Names the dose,2,,`` is read; a row with text past the header, or too few cells,
    is still an error at its line."""
    text = "criterion,points\nNames the dose,2,,\nWarns about food,3,note\nCites,\nAlone\n"
    errors = [item for item in read(text) if isinstance(item, ParseError)]
    [rubric] = [item for item in read(text) if isinstance(item, Rubric)]
    assert [(c.text, c.points) for c in rubric.criteria] == [
        ("Names the dose", 2.0),
        ("Cites", None),
    ]
    assert [(e.reason, e.location.line) for e in errors] == [
        ("Line 3: the row has 3 cells, the header has 2", 3),
        ("Line 5: the row has 1 cell, the header has 2", 5),
    ]


def test_a_continuation_row_of_a_level_grid_adds_levels_not_an_empty_criterion() -> None:
    [rubric] = read("criterion,4,3\nThesis,Clear,Vague\n,and arguable,\nEvidence,Many,Few\n")
    assert isinstance(rubric, Rubric)
    assert [c.text for c in rubric.criteria] == ["Thesis", "Evidence"]
    assert [(lv.label, lv.score, lv.text) for lv in rubric.criteria[0].levels] == [
        ("4", 4.0, "Clear"),
        ("3", 3.0, "Vague"),
        ("4", 4.0, "and arguable"),
    ]
    origin = rubric.criteria[0].levels[2].origin
    assert origin is not None
    assert where(origin.location()) == (3, 2, 3, 14)


def test_a_column_of_item_numbers_gives_way_to_a_column_of_text() -> None:
    """The ``Item`` column holds numbers, so the ``Description`` column holds the criteria."""
    [rubric] = read("Item,Description,Points\n1,Response cites a source,2\n2,Is short,1\n")
    assert isinstance(rubric, Rubric)
    found = [(c.text, c.points, where(c.location)) for c in rubric.criteria]
    assert found == [
        ("Response cites a source", 2.0, (2, 3, 2, 26)),
        ("Is short", 1.0, (3, 3, 3, 11)),
    ]


@pytest.mark.parametrize("name", ["rubric.csv", "rubric.md"])
def test_a_points_cell_with_its_unit_is_read_as_its_number(name: str) -> None:
    """A cell "5 pts" or "3 points" is read as "20%" was, and as a list item's inline points are;
    a word stays no number, for RL004 to report."""
    rows = [("Names the dose", "5 pts"), ("Names the route", "3 Points"), ("Names the time", "20%")]
    rows.append(("Names the form", "five"))
    if name.endswith(".csv"):
        text = "criterion,points\n" + "".join(f"{a},{b}\n" for a, b in rows)
    else:
        text = "| Criterion | Points |\n|---|---|\n" + "".join(f"| {a} | {b} |\n" for a, b in rows)
    [rubric] = parse_document(SourceDocument(name, text))
    assert isinstance(rubric, Rubric)
    assert [c.points for c in rubric.criteria] == [5.0, 3.0, 20.0, None]
    assert rubric.criteria[3].points_raw == "five"


def test_a_threads_raised_field_limit_holds_until_its_reading_ends() -> None:
    """Two threads reading CSV at once: the one that ends first does not put back the lower
    field limit under the other's reading (the limit is one for the whole process)."""
    from rift_lint.parsing.csvfile import _field_limit

    default, large = csv.field_size_limit(), 10 * csv.field_size_limit()
    inside, first_done = threading.Event(), threading.Event()
    seen: list[int] = []

    def second_reader() -> None:
        with _field_limit(large):
            inside.set()
            first_done.wait(5)
            seen.append(csv.field_size_limit())

    with _field_limit(large):
        other = threading.Thread(target=second_reader)
        other.start()
        inside.wait(0.2)
    first_done.set()
    other.join(5)
    assert seen == [large]
    assert csv.field_size_limit() == default


def test_a_total_row_is_skipped_and_a_criterion_that_opens_with_the_word_is_read() -> None:
    """A spreadsheet's ``Total`` row sums the points above it and grades nothing, as in a
    Markdown table; ``Total daily dose ...`` is a criterion."""
    text = (
        "criterion,points\nNames the dose,2\nTotal daily dose stays under 4 g,3\n"
        "Total,5\n**Grand total**,5\nTotal points: 5,\n"
    )
    [rubric] = read(text)
    assert isinstance(rubric, Rubric)
    assert [(c.id, c.text, c.points, where(c.location)) for c in rubric.criteria] == [
        ("c1", "Names the dose", 2.0, (2, 1, 2, 15)),
        ("c2", "Total daily dose stays under 4 g", 3.0, (3, 1, 3, 33)),
    ]
    # Grouped by rubric: a total row of its own (no rubric id) makes no empty rubric.
    [rubric] = read("rubric_id,criterion,points\ndose,Names the dose,2\n,Total,2\n")
    assert isinstance(rubric, Rubric)
    assert (rubric.id, [c.text for c in rubric.criteria]) == ("dose", ["Names the dose"])


def test_a_total_row_with_the_word_in_another_column_is_skipped() -> None:
    """A ``Total`` row whose criterion cell is empty and whose first filled cell says
    ``Total`` (under a ``#`` column) is skipped: it was read as a level of the criterion
    above (``3: Total``). A row whose first filled cell is other text still adds a level."""
    text = "#,Criterion,Points\n1,Names the dose,2\nExactly 1 g,,1\n2,Mentions food,1\nTotal,,3\n"
    [rubric] = read(text)
    assert isinstance(rubric, Rubric)
    assert [
        (c.text, c.points, [(lv.label, lv.text) for lv in c.levels]) for c in rubric.criteria
    ] == [
        ("Names the dose", 2.0, [("1", "Exactly 1 g")]),
        ("Mentions food", 1.0, []),
    ]


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("Ibuprofen rubric,,\nCriterion,Points,Notes\nNames the dose,2,\nMentions food,1,x\n", 3),
        ("Ibuprofen rubric;;\n;;\nCriterion;Points;\nNames the dose;2;\nMentions food;1;\n", 4),
        ("Ibuprofen rubric\nVersion 2\nCriterion;Points\nNames the dose;2\nMentions food;1\n", 4),
    ],
)
def test_title_rows_above_the_header_are_skipped(text: str, line: int) -> None:
    """Rows whose one filled cell is the first, above a header with a criterion column, are a
    sheet's title, not the header: the criteria and points are read from the header below,
    whose delimiter decides when the title line holds none. The title was the header (its
    word 'rubric' a criterion column), so the real header was a criterion and the points
    were lost."""
    [rubric] = read(text)
    assert isinstance(rubric, Rubric)
    assert [(c.text, c.points, where(c.location)) for c in rubric.criteria] == [
        ("Names the dose", 2.0, (line, 1, line, 15)),
        ("Mentions food", 1.0, (line + 1, 1, line + 1, 14)),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Criterion\nAvoids jargon; uses plain words\nNames the dose\n",
        "Rubric\nCheck the dose\nNames the route\n",
    ],
)
def test_a_one_column_file_keeps_its_first_row_as_the_header(text: str) -> None:
    """A file of one column is no title above a header: its first row stays the header, and
    a semicolon in a criterion below it is text, not a delimiter."""
    [rubric] = read(text)
    assert isinstance(rubric, Rubric)
    assert [c.text for c in rubric.criteria] == text.strip().split("\n")[1:]


def test_a_second_header_row_of_level_names_under_a_merged_header_cell_names_the_levels() -> None:
    """Excel's merged header (``Criteria,Performance levels,,`` above ``,Excellent (4),Good
    (3),``) is one header: the second row names the level columns. It was read as an empty
    criterion, and every level of the rows below was lost. A row of level names under level
    headers (``4,3``) is not a second header row."""
    text = (
        "Essay rubric,,,\nCriteria,Performance levels,,\n,Excellent (4),Good (3),Poor (1)\n"
        "Thesis,Clear thesis,Some thesis,None\nEvidence,3+ sources,2,None\n"
    )
    [rubric] = read(text)
    assert isinstance(rubric, Rubric)
    assert [
        (c.text, where(c.location), [(lv.label, lv.text, lv.score) for lv in c.levels])
        for c in rubric.criteria
    ] == [
        (
            "Thesis",
            (4, 1, 4, 7),
            [
                ("Excellent (4)", "Clear thesis", 4.0),
                ("Good (3)", "Some thesis", 3.0),
                ("Poor (1)", "None", 1.0),
            ],
        ),
        (
            "Evidence",
            (5, 1, 5, 9),
            [
                ("Excellent (4)", "3+ sources", 4.0),
                ("Good (3)", "2", 3.0),
                ("Poor (1)", "None", 1.0),
            ],
        ),
    ]
    [rubric] = read("Criterion,4,3\n,Excellent,Good\nThesis,Clear,Vague\n")
    assert isinstance(rubric, Rubric)
    assert [(lv.label, lv.score) for lv in rubric.criteria[-1].levels] == [("4", 4.0), ("3", 3.0)]
