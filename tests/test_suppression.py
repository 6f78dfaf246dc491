"""Suppression comments (YAML, Markdown), the reserved rift_lint key, RL901 and RL902."""

from __future__ import annotations

import re
from functools import partial
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import codes_at
from conftest import lint_snippet as lint_any

from rift_lint.cli import main

lint_snippet = partial(lint_any, select=["RL0", "RL9"])

DUPLICATES = """\
criteria:
  - text: Cites a peer-reviewed source
  - text: cites a peer-reviewed source{trailing}
"""

DOSE = "criteria:\n  - States that the adult dose of ibuprofen is 400 mg every 6 hours  {comment}\n"


def test_trailing_comment_suppresses_its_line() -> None:
    text = DUPLICATES.format(trailing="  # rift-lint: ignore[RL003] -- kept on purpose")
    assert lint_snippet(text).diagnostics == []


def test_standalone_comment_suppresses_next_content_line() -> None:
    text = (
        "criteria:\n  - text: A thing\n"
        "  # rift-lint: ignore[duplicate-criterion]\n\n  - text: a thing\n"
    )
    assert lint_snippet(text).diagnostics == []


@pytest.mark.parametrize("comment", ["# noqa", "# NOQA: RL003", "# NoQA: duplicate-criterion"])
def test_noqa_as_flake8_and_ruff_read_it(comment: str) -> None:
    """Bare, it ignores every rule of its line; its word is read in any case."""
    assert lint_snippet(DUPLICATES.format(trailing=f"  {comment}")).diagnostics == []
    unsuppressed = lint_snippet(DUPLICATES.format(trailing="  # noqause"))
    assert codes_at(unsuppressed.diagnostics) == [("RL003", 3, 11)]


def test_suppression_of_other_code_leaves_finding_and_reports_unused() -> None:
    text = DUPLICATES.format(trailing="  # rift-lint: ignore[RL002]")
    assert codes_at(lint_snippet(text).diagnostics) == [("RL003", 3, 11), ("RL901", 3, 41)]


def test_file_level_ignore() -> None:
    text = "# rift-lint: ignore-file[RL0] -- legacy file\n" + DUPLICATES.format(trailing="")
    assert lint_snippet(text).diagnostics == []


def test_directive_inside_a_yaml_scalar_is_text_not_a_comment() -> None:
    block = (
        "prompt: |\n  Write a linter config. Lines such as\n  # rift-lint: ignore-file[RL0]\n"
        "  switch rules off.\n" + DUPLICATES.format(trailing="")
    )
    assert codes_at(lint_snippet(block).diagnostics) == [("RL003", 7, 11)]
    quoted = (
        'prompt: "Explain the line\n  # rift-lint: ignore-file[RL0]\n  to a new user"\n'
        + DUPLICATES.format(trailing="")
    )
    assert codes_at(lint_snippet(quoted).diagnostics) == [("RL003", 6, 11)]
    comment_after_block = block.replace("\ncriteria:", "\n# rift-lint: ignore-file[RL0]\ncriteria:")
    assert lint_snippet(comment_after_block).diagnostics == []


def test_directive_on_a_block_scalar_header_is_a_comment() -> None:
    """After a block scalar's ``|`` or ``>`` the rest of the header line is a comment; the
    scalar's text starts on the next line."""
    folded = (
        "criteria:\n  - text: Cites a peer-reviewed source\n"
        "  - text: >-  # rift-lint: ignore[RL003]\n      cites a peer-reviewed source\n"
    )
    assert lint_snippet(folded).diagnostics == []
    literal = "prompt: |-  # rift-lint: ingore[RL004]\n  Explain tides.\ncriteria:\n  - text: A\n"
    assert codes_at(lint_snippet(literal).diagnostics) == [("RL902", 1, 13)]
    inside = "prompt: |\n  Explain # rift-lint: ingore[RL004]\ncriteria:\n  - text: A\n"
    assert lint_snippet(inside).diagnostics == []
    last_line = "criteria:\n  - text: A\nprompt: |-  # rift-lint: ingore[RL004]"
    assert ("RL902", 3, 13) in codes_at(lint_snippet(last_line).diagnostics)


def test_directive_inside_a_yaml_scalar_after_a_broken_document_is_still_text() -> None:
    stream = (
        "criteria:\n\t- text: broken\n---\n"
        "prompt: |\n  Lines such as\n  # rift-lint: ignore-file[RL0]\n  switch rules off.\n"
        + DUPLICATES.format(trailing="")
    )
    assert codes_at(lint_snippet(stream).diagnostics) == [("RL001", 2, 1), ("RL003", 10, 11)]


def test_directive_inside_a_yaml_scalar_beside_a_control_character_is_still_text() -> None:
    """A document libyaml refuses for a control character does not make the directive in
    another document's scalar a comment."""
    stream = (
        "criteria:\n  - text: A\x1b\n---\n"
        "prompt: |\n  Lines such as\n  # rift-lint: ignore-file[RL0]\n  switch rules off.\n"
        + DUPLICATES.format(trailing="")
    )
    assert codes_at(lint_snippet(stream).diagnostics) == [("RL001", 2, 12), ("RL003", 10, 11)]


def test_directive_inside_markdown_code_is_an_example_not_a_comment() -> None:
    rubric = "- Cites a source\n- cites a source\n"
    fenced = (
        "# Rubric\n\nSwitch a rule off for a file with:\n\n```markdown\n"
        "<!-- rift-lint: ignore-file[RL0] -->\n```\n\n" + rubric
    )
    assert codes_at(lint_snippet(fenced, name="r.md").diagnostics) == [("RL003", 10, 3)]
    inline = "# Rubric\n\nWrite `<!-- rift-lint: ignore-file[RL0] -->` to do so.\n\n" + rubric
    assert codes_at(lint_snippet(inline, name="r.md").diagnostics) == [("RL003", 6, 3)]
    unclosed = "# Rubric\n\n" + rubric + "\n~~~\n<!-- rift-lint: ignore-file[RL0] -->\n"
    assert codes_at(lint_snippet(unclosed, name="r.md").diagnostics) == [("RL003", 4, 3)]
    after_fence = fenced.replace("```\n\n", "```\n\n<!-- rift-lint: ignore-file[RL0] -->\n")
    assert lint_snippet(after_fence, name="r.md").diagnostics == []


@pytest.mark.parametrize(
    "example",
    [
        "- Cites a source\n  - a level\n    ```\n"
        "    <!-- rift-lint: ignore-file[RL0] -->\n    ```\n",
        "- Cites a source\n\n      <!-- rift-lint: ignore-file[RL0] -->\n",
        "- Cites a source\n\nFor a file:\n\n    <!-- rift-lint: ignore-file[RL0] -->\n",
    ],
)
def test_directive_in_markdown_code_under_an_item_or_indented_is_an_example(example: str) -> None:
    """A fence indented under a list item (past the margin's three spaces) and an indented
    code block, under an item or at the margin, are code as the reader reads them: a
    directive shown there suppresses nothing. The same comment outside code does."""
    text = "# Rubric\n\n" + example + "- cites a source\n"
    line = text.count("\n")
    assert codes_at(lint_snippet(text, name="r.md").diagnostics) == [("RL003", line, 3)]
    comment = "<!-- rift-lint: ignore-file[RL0] -->\n"
    assert lint_snippet(comment + text, name="r.md").diagnostics == []


def test_invalid_code_is_reported() -> None:
    text = DUPLICATES.format(trailing="  # rift-lint: ignore[RL0O3]")
    findings = lint_snippet(text).diagnostics
    assert [d.code for d in findings] == ["RL003", "RL902"]
    assert findings[1].message == "Suppression names unknown rule(s) 'RL0O3'"


def test_markdown_comment_next_line() -> None:
    text = (
        "# Rubric\n\n- Cites a source\n"
        "<!-- rift-lint: ignore[RL003] -- intentional -->\n- cites a source\n"
    )
    assert [d.code for d in lint_snippet(text, name="r.md").diagnostics] == []


@pytest.mark.parametrize(
    ("name", "comment"),
    [("r.md", "<!-- rift-lint: ignore[RL003] -->"), ("r.txt", "# rift-lint: ignore[RL003]")],
)
def test_trailing_comment_in_markdown_and_text_is_not_criterion_text(
    name: str, comment: str
) -> None:
    text = f"- Cites a source (2 pts)\n- cites a source (2 pts)  {comment}\n- Names Paris (1 pt)\n"
    result = lint_any(text, name=name, select=["RL0", "RL1", "RL9"])
    assert result.diagnostics == []
    unsuppressed = lint_any(text.replace("RL003", "RL002"), name=name, select=["RL0", "RL9"])
    assert codes_at(unsuppressed.diagnostics) == [("RL003", 2, 3), ("RL901", 2, 27)]


@pytest.mark.parametrize("comment", ["<!-- rift-lint: ignore -->", "<!-- rift-lint: ignore  -->"])
def test_markdown_comment_without_codes_suppresses_every_finding_of_its_line(comment: str) -> None:
    text = f"- Cites a source (2 pts)\n- cites a source (2 pts) {comment}\n"
    assert lint_snippet(text, name="r.md").diagnostics == []
    unsuppressed = lint_snippet(text.replace(comment, ""), name="r.md")
    assert codes_at(unsuppressed.diagnostics) == [("RL003", 2, 3)]


def test_trailing_html_comment_ends_a_markdown_criterion() -> None:
    text = "- Names Paris (2 pts) <!-- the capital -->\n- Names Lyon (1 pt)\n"
    assert lint_any(text, name="r.md", select=["RL004"]).diagnostics == []


def test_reserved_key_in_json() -> None:
    text = (
        '{"criteria": [{"text": "Cites a source"},'
        ' {"text": "cites a source", "rift_lint": {"ignore": ["RL003"], "reason": "x"}}]}'
    )
    assert lint_snippet(text, name="r.json").diagnostics == []
    unsuppressed = text.replace('"ignore": ["RL003"]', '"ignore": []')
    assert [d.code for d in lint_snippet(unsuppressed, name="r.json").diagnostics] == ["RL003"]


def test_reserved_key_takes_names_and_prefixes_and_reports_like_a_comment() -> None:
    text = (
        '{"rift_lint": {"ignore": ["RL2", "duplicat-criterion"]},\n'
        ' "criteria": [{"text": "Cites a source"},\n'
        '  {"text": "cites a source", "rift_lint": {"ignore": ["duplicate-criterion"]}},\n'
        '  {"text": "Names a date", "rift_lint": {"ignore": "rl0"}}]}'
    )
    found = lint_snippet(text, name="r.json").diagnostics
    assert [(d.code, d.location.line, d.location.column, d.message) for d in found] == [
        ("RL902", 1, 15, "Suppression names unknown rule(s) 'duplicat-criterion'"),
        ("RL901", 4, 41, "Suppression of RL0 matches no finding"),
    ]  # RL2 names no rule of this run (RL0 and RL9 only): not reported unused
    assert found[1].suggestion == "Remove the codes from the rift_lint key."


def test_reserved_column_in_csv_is_checked() -> None:
    text = "criterion,points,rift_lint\nCites a source,2,RL003\ncites a source,2,RL003 RL10l\n"
    found = lint_snippet(text, name="r.csv").diagnostics
    assert codes_at(found) == [("RL901", 2, 18), ("RL902", 3, 18)]


def test_unused_suppression_not_reported_when_its_rule_is_disabled() -> None:
    text = "criteria:\n  - text: Fine  # rift-lint: ignore[RL003]\n"
    assert [d.code for d in lint_snippet(text).diagnostics] == ["RL901"]
    assert lint_snippet(text, ignore=["RL003"]).diagnostics == []


@pytest.mark.parametrize(
    ("comment", "message"),
    [
        (
            "# rift-lint: ingore[RL003]",
            "Unknown suppression directive 'ingore': use ignore, ignore-next-line or "
            "ignore-file, as in `# rift-lint: ignore[RL101] -- reason`",
        ),
        (
            "# rift-lint: ignore RL003",
            "Malformed suppression comment: codes go in brackets after 'ignore' and a reason "
            "after ' -- ', as in `# rift-lint: ignore[RL101] -- reason`",
        ),
        (
            "# rift-lint: ignore[ ] -- why",
            "Malformed suppression comment: ignore[] names no rule; name the codes in the "
            "brackets, or drop them to ignore every rule, as in `# rift-lint: ignore[RL101] -- "
            "reason`",
        ),
    ],
)
def test_malformed_comment_is_reported_and_suppresses_nothing(comment: str, message: str) -> None:
    found = lint_snippet(DUPLICATES.format(trailing=f"  {comment}")).diagnostics
    assert codes_at(found) == [("RL003", 3, 11), ("RL902", 3, 41)]
    assert found[1].message == message


def test_malformed_markdown_comment_is_reported_with_the_markdown_form() -> None:
    text = "- Cites a source\n- cites a source <!-- rift-lint: ignore-nextline[RL003] -->\n"
    found = lint_snippet(text, name="r.md").diagnostics
    assert codes_at(found) == [("RL003", 2, 3), ("RL902", 2, 18)]
    assert "`<!-- rift-lint: ignore[RL101] -- reason -->`" in found[1].message


@pytest.mark.parametrize(
    ("comment", "reason"),
    [
        (
            "<!--- rift-lint: ignore[RL003] -->",
            "it opens with '<!---'; a directive opens with '<!--'",
        ),
        (
            "<!-- rift-lint: ignore[RL003]\n  -->",
            "it does not end on its line; a directive ends with '-->' on the line it starts",
        ),
    ],
)
def test_markdown_comment_that_is_almost_a_directive_says_what_is_wrong(
    comment: str, reason: str
) -> None:
    """Three dashes (which suppressed nothing and were not reported) and a directive split
    over two lines."""
    text = f"- Cites a source\n- cites a source {comment}\n"
    found = lint_snippet(text, name="r.md").diagnostics
    assert [(d.code, d.location.line, d.location.column) for d in found][-1] == ("RL902", 2, 18)
    assert found[-1].message == (
        f"Malformed suppression comment: {reason}, as in "
        "`<!-- rift-lint: ignore[RL101] -- reason -->`"
    )


@pytest.mark.parametrize(
    ("comment", "word", "directive"),
    [
        ("<!-- noqa: RL003 -->", "noqa", "<!-- rift-lint: ignore[RL003] -->"),
        ("<!-- noqa -->", "noqa", "<!-- rift-lint: ignore -->"),
        ("<!--NOQA:RL003,RL101-->", "NOQA", "<!-- rift-lint: ignore[RL003, RL101] -->"),
        ("<!-- noqa: RL003 RL101 -->", "noqa", "<!-- rift-lint: ignore[RL003, RL101] -->"),
    ],
)
def test_a_noqa_comment_in_markdown_is_reported_with_the_markdown_form(
    comment: str, word: str, directive: str
) -> None:
    """`# noqa` is an alias in `#` comments (YAML, text); in Markdown the flake8 form
    suppresses nothing, and is reported as RL902 rather than silently ignored, like a
    misspelt `rift-lint:` comment."""
    text = f"- Cites a source\n- cites a source {comment}\n"
    found = lint_snippet(text, name="r.md").diagnostics
    assert codes_at(found) == [("RL003", 2, 3), ("RL902", 2, 18)]
    assert found[1].message == (
        f"'{word}' is no suppression directive in a Markdown comment: '# noqa' is an alias in "
        f"'#' comments only; here write `{directive}`"
    )
    example = f"Write `{comment}` to do so.\n\n- Cites a source\n"
    assert lint_snippet(example, name="r.md").diagnostics == []


def test_malformed_comment_inside_a_yaml_scalar_is_text() -> None:
    text = "prompt: |\n  # rift-lint: ingore[RL0]\ncriteria:\n  - text: A thing\n"
    assert lint_snippet(text).diagnostics == []


def test_space_before_the_brackets_is_accepted() -> None:
    text = DUPLICATES.format(trailing="  # rift-lint: ignore [RL003] -- kept on purpose")
    assert lint_snippet(text).diagnostics == []


def test_each_unused_code_of_a_comment_is_reported_where_it_is_written() -> None:
    text = DUPLICATES.format(trailing="  # rift-lint: ignore[RL003 RL002, invalid-points RL2]")
    found = lint_snippet(text).diagnostics
    assert [(d.code, d.location.line, d.location.column, d.message) for d in found] == [
        ("RL901", 3, 67, "Suppression of RL002 matches no finding"),
        ("RL901", 3, 74, "Suppression of RL004 matches no finding"),
    ]
    assert found[0].location.end_column == 72
    assert found[0].suggestion == "Remove RL002 from the comment."


@pytest.mark.parametrize("codes", ["RL002, RL901", "unused-suppression", "RL9"])
def test_a_comment_that_names_rl901_is_never_reported_as_unused(codes: str) -> None:
    """As ruff's `# noqa: RUF100`; ALL reads as a bare ignore, which is reported."""
    text = DUPLICATES.format(trailing=f"  # rift-lint: ignore[{codes}]")
    assert codes_at(lint_snippet(text).diagnostics) == [("RL003", 3, 11)]
    everything = lint_any(DOSE.format(comment="# rift-lint: ignore[ALL]"))
    assert [d.code for d in everything.diagnostics] == ["RL901"]


def test_a_comment_none_of_whose_codes_matched_is_reported_once() -> None:
    text = DUPLICATES.format(trailing="  # rift-lint: ignore[RL002, RL004, empty-criterion]")
    found = lint_snippet(text).diagnostics
    assert [(d.code, d.location.line, d.location.column, d.message) for d in found] == [
        ("RL003", 3, 11, found[0].message),
        ("RL901", 3, 41, "Suppression of RL002, RL004 matches no finding"),
    ]
    assert found[1].suggestion == "Remove the comment."


def test_a_code_of_a_rule_left_out_of_the_run_keeps_its_comment() -> None:
    text = DUPLICATES.format(trailing="  # rift-lint: ignore[RL002, RL101]")
    found = lint_snippet(text).diagnostics
    assert [(d.code, d.location.column, d.suggestion) for d in found[1:]] == [
        ("RL901", 61, "Remove RL002 from the comment."),
    ]


@pytest.mark.parametrize(
    ("reserved", "column", "message"),
    [
        (
            '{"ignre": ["RL003"]}',
            43,
            "The rift_lint key has unknown key(s) 'ignre': "
            'write {"ignore": ["RL101"], "reason": "..."}',
        ),
        (
            '"RL003"',
            43,
            'The rift_lint key must be a mapping, not a string: write {"ignore": ["RL101"], '
            '"reason": "..."}',
        ),
        (
            '{"ignore": 5}',
            43,
            "The rift_lint 'ignore' must be a list of codes, not a number: "
            'write {"ignore": ["RL101"], "reason": "..."}',
        ),
    ],
)
def test_malformed_reserved_key_is_reported_and_suppresses_nothing(
    reserved: str, column: int, message: str
) -> None:
    text = (
        '{"criteria": [{"text": "Cites a source"},\n'
        f'  {{"text": "cites a source", "rift_lint": {reserved}}}]}}'
    )
    found = lint_snippet(text, name="r.json").diagnostics
    assert codes_at(found) == [("RL003", 2, 13), ("RL902", 2, column)]
    assert found[1].message == message


def test_malformed_reserved_key_of_a_yaml_rubric_is_reported() -> None:
    text = "rift_lint: RL003\ncriteria:\n  - text: A thing\n"
    assert codes_at(lint_snippet(text).diagnostics) == [("RL902", 1, 12)]


def test_next_line_directive_in_plain_text_targets_a_hash_numbered_item() -> None:
    """In plain text ``#2 ...`` is an item, so a directive above it covers that item; in YAML
    the same line is a comment and the directive covers the criterion below it."""
    item = "#2 Cites a peer-reviewed source"
    text = f"- Cites a peer-reviewed source\n# rift-lint: ignore[RL003]\n{item}\n"
    assert lint_snippet(text, name="r.txt").diagnostics == []
    yaml = DUPLICATES.format(trailing="").replace(
        "  - text: c", f"  # rift-lint: ignore[RL003]\n  {item}\n  - text: c"
    )
    assert lint_snippet(yaml).diagnostics == []


def test_the_first_directive_in_file_order_suppresses_whether_line_or_file_level() -> None:
    """The directives are found by line, and the first of the file still wins: here the
    line comment, written before the file-level one, is used and the file-level one is not."""
    text = (
        "criteria:\n  - text: Cites a source\n  # rift-lint: ignore[RL003]\n"
        "  - text: cites a source\n# rift-lint: ignore-file[RL003]\n"
    )
    found = lint_snippet(text).diagnostics
    assert codes_at(found) == [("RL901", 5, 1)]
    flipped = "# rift-lint: ignore-file[RL003]\n" + text.rsplit("# rift-lint: ignore-file", 1)[0]
    assert codes_at(lint_snippet(flipped).diagnostics) == [("RL901", 4, 3)]


def _check(path: Path, *options: str) -> list[str]:
    """The concise findings of ``rift-lint check`` on ``path`` without configuration."""
    args = ["check", "--isolated", "--no-cache", "--format", "concise", *options, str(path)]
    output = CliRunner().invoke(main, args).output
    return [line for line in output.splitlines() if ": RL" in line]


def test_a_code_of_a_rule_run_without_its_embedding_checks_keeps_its_comment(
    tmp_path: Path,
) -> None:
    """RL201's relevance check needs embeddings: a `--no-embeddings` run (the fast pre-commit
    hook) cannot tell that a comment written for one of its findings is unused."""
    rubric = tmp_path / "r.yaml"
    rubric.write_text(
        "prompt: Write a short essay on the causes of the French Revolution.\n"
        "criteria:\n"
        "  - text: Gives a recipe for cookies  # rift-lint: ignore[RL201] -- off topic\n"
    )
    assert _check(rubric, "--no-embeddings", "--select", "RL201,RL9") == []
    assert _check(rubric, "--no-embeddings", "--select", "RL0,RL9") == []


def test_a_comment_in_a_file_that_does_not_parse_is_not_reported_as_unused(
    tmp_path: Path,
) -> None:
    """Only RL001 saw the file: its other rules never ran, so no comment is unused for them."""
    rubric = tmp_path / "r.yaml"
    rubric.write_text(
        "criteria:\n  - text: Cites a source  # rift-lint: ignore[RL003]\n  - text: [oops\n"
    )
    assert _check(rubric, "--select", "RL0,RL9") == [
        f"{rubric}:3:11: RL001 Invalid YAML: '[' starts a list that is never closed (did not "
        "find expected ',' or ']' at line 4, column 1): close it, or put text that starts with "
        "'[' in quotes"
    ]
    parsed = tmp_path / "parsed.yaml"
    parsed.write_text("# rift-lint: ignore-file[RL001]\ncriteria:\n  - text: Cites a source\n")
    assert _check(parsed, "--select", "RL0,RL9") == [
        f"{parsed}:1:1: RL901 Suppression of RL001 matches no finding"
    ]


@pytest.mark.parametrize("comment", ["# rift-lint: ignore[ALL]", "# rift-lint: ignore", "# noqa"])
def test_a_comment_for_every_rule_is_unused_only_when_every_rule_ran(comment: str) -> None:
    """A run that leaves a rule out (`--select`, `ignore`, `--no-embeddings`) cannot tell
    that a comment covering every rule matches nothing: the finding it was written for may
    be one of that rule's."""
    text = DOSE.format(comment=comment)
    assert codes_at(lint_any(text).diagnostics) == [("RL901", 2, 70)]
    assert lint_any(text, ignore=["RL303"]).diagnostics == []
    assert lint_snippet(text).diagnostics == []


def test_a_prefix_is_unused_only_when_every_rule_it_names_ran() -> None:
    """`RL0` may have been written for RL004: a run that ignores RL004 cannot tell it unused,
    though RL002 and RL003 ran; a code of the prefix that ran is still checked."""
    text = DOSE.format(comment="# rift-lint: ignore[RL0, RL003]")
    assert [(d.code, d.message) for d in lint_snippet(text).diagnostics] == [
        ("RL901", "Suppression of RL0, RL003 matches no finding")
    ]
    found = lint_snippet(text, ignore=["RL004"]).diagnostics
    assert [(d.code, d.location.column, d.message) for d in found] == [
        ("RL901", 95, "Suppression of RL003 matches no finding")
    ]


@pytest.mark.parametrize(
    ("name", "text", "column"),
    [
        (
            "r.yaml",
            'criteria:\n  - text: "Gives a clear\n      answer"  # rift-lint: ignore[RL101]\n',
            20,
        ),
        (
            "r.yaml",
            "criteria:\n  - text: Gives a clear\n      answer  # rift-lint: ignore[RL101]\n",
            19,
        ),
        ("r.md", "- Gives a clear\n  answer (2 pts) <!-- rift-lint: ignore[RL101] -->\n", 11),
    ],
)
def test_a_comment_after_a_multi_line_criterion_covers_its_first_line(
    name: str, text: str, column: int
) -> None:
    """YAML allows a comment after a multi-line text only on its last line, and a Markdown
    item ends there: the comment covers the finding on the text's first line."""
    select = ["RL101", "RL901"]
    assert lint_any(text, name=name, select=select).diagnostics == []
    bare = re.sub(r" *(#|<!--) rift-lint.*", "", text)
    line = 1 if name == "r.md" else 2
    assert codes_at(lint_any(bare, name=name, select=select).diagnostics) == [
        ("RL101", line, column)
    ]
