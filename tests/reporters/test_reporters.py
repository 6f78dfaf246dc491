"""Output reporters: golden files for every format, plus the details each format must get right.

Golden files live in ``tests/reporters/golden/<format>.txt``. After an intended change, rewrite
them with ``RIFT_UPDATE_GOLDEN=1 pytest tests/reporters`` and review the diff by hand.
"""

from __future__ import annotations

import difflib
import hashlib
import itertools
import json
import os
import re
from pathlib import Path
from typing import Any

import pytest

from rift_lint.location import Location
from rift_lint.models import Diagnostic, RelatedLocation, Severity
from rift_lint.reporters import FORMATS, ReportOptions, github, render, sarif
from rift_lint.reporters.fingerprint import file_fingerprints, fingerprint
from rift_lint.reporters.full import MAX_WIDTH
from rift_lint.reporters.github import annotation
from rift_lint.results import FileResult, RunResult, Unreadable
from rift_lint.rules import RULES, RULES_BY_CODE
from rift_lint.rules.rl001_parse_error import ParseErrorRule
from rift_lint.rules.rl002_empty_criterion import EmptyCriterion
from rift_lint.rules.rl003_duplicate_criterion import DuplicateCriterion
from rift_lint.rules.rl004_invalid_points import InvalidPoints
from rift_lint.source import SourceDocument

GOLDEN = Path(__file__).parent / "golden"
UPDATE_GOLDEN = os.environ.get("RIFT_UPDATE_GOLDEN") == "1"
OPTIONS = ReportOptions(tool_version="0.1.0-test")
ANSI = re.compile(r"\x1b\[[0-9;]*m")

HB_PATH = "rubrics/hb.yaml"
HB_TEXT = """\
rubrics:
  - id: hb-01
    prompt: Explain paracetamol dosing for adults
    criteria:
      - id: c1
        text: Gives appropriate dosing advice
        points: 5
      - id: c2
        text: >
          Mentions the maximum daily dose
          and the interval between doses
        points: high
      - id: c3
        text: gives appropriate  dosing advice
        points: 5
"""
MULTI_LINE_TEXT = "Mentions the maximum daily dose\n          and the interval between doses"


def span_of(document: SourceDocument, needle: str, start: int = 0) -> Location:
    """The location of the first ``needle`` in the document at or after offset ``start``."""
    offset = document.text.index(needle, start)
    return document.span(offset, offset + len(needle))


def make_diagnostic(code: str, severity: Severity, message: str, location: Location, **extra: Any):
    """A diagnostic of ``code``, named after the registered rule when there is one."""
    rule = RULES_BY_CODE.get(code)
    given_name, given_mode = extra.pop("name", None), extra.pop("failure_mode", None)
    name = rule.name if rule is not None else given_name
    failure_mode = rule.failure_mode if rule is not None else given_mode
    return Diagnostic(
        code=code,
        name=name,
        failure_mode=failure_mode,
        severity=severity,
        message=message,
        location=location,
        **extra,
    )


def hb_diagnostics(document: SourceDocument) -> list[Diagnostic]:
    """The findings of the sample rubric: info on a multi-line span, error, warning + related."""
    c3_text = span_of(document, "gives appropriate  dosing advice")
    c1_text = span_of(document, "Gives appropriate dosing advice")
    return [
        make_diagnostic(
            "RL102",
            Severity.INFO,
            "Criterion c2 bundles 2 requirements (maximum dose, interval) in one scored item",
            span_of(document, MULTI_LINE_TEXT),
            name="non-atomic",
            failure_mode="non_atomic",
            rubric_id="hb-01",
            criterion_id="c2",
            confidence=0.7,
        ),
        make_diagnostic(
            "RL004",
            Severity.ERROR,
            "Points value 'high' is not a number",
            span_of(document, "high"),
            rubric_id="hb-01",
            criterion_id="c2",
            suggestion="Write the points as a number, e.g. `points: 3`.",
            confidence=1.0,
        ),
        make_diagnostic(
            "RL003",
            Severity.WARNING,
            "Criterion c3 repeats criterion c1 word for word, "
            "so the same behaviour is scored twice",
            c3_text,
            rubric_id="hb-01",
            criterion_id="c3",
            suggestion="Delete one copy, or merge the points into criterion c1.",
            confidence=1.0,
            related=[RelatedLocation(location=c1_text, message="first written as c1")],
        ),
    ]


def sample_run() -> RunResult:
    """Three files: one with findings, one unreadable (no document), one clean."""
    hb = SourceDocument(HB_PATH, HB_TEXT)
    broken = make_diagnostic(
        "RL001",
        Severity.ERROR,
        "File is not valid UTF-8: invalid start byte at offset 12",
        Location.point("rubrics/broken.json"),
    )
    clean = SourceDocument("rubrics/clean.yaml", "criteria:\n  - text: States the dose\n")
    return RunResult(
        files=[
            FileResult(HB_PATH, hb, hb_diagnostics(hb), rubrics=1, criteria=3),
            FileResult("rubrics/broken.json", None, [broken]),
            FileResult("rubrics/clean.yaml", clean, [], rubrics=1, criteria=1),
        ]
    )


def single_finding_run(text: str, needle: str, path: str = "r.yaml") -> RunResult:
    """A one-file run with one RL003 warning on the first ``needle`` of ``text``."""
    document = SourceDocument(path, text)
    diagnostic = make_diagnostic("RL003", Severity.WARNING, "dup", span_of(document, needle))
    return RunResult(files=[FileResult(path, document, [diagnostic], rubrics=1, criteria=2)])


def assert_golden(name: str, actual: str) -> None:
    """Compare ``actual`` with ``golden/<name>.txt``, failing with a unified diff."""
    path = GOLDEN / f"{name}.txt"
    if UPDATE_GOLDEN:
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(actual.encode("utf-8"))
    expected = path.read_bytes().decode("utf-8")
    if actual != expected:
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(keepends=True),
                actual.splitlines(keepends=True),
                fromfile=f"golden/{name}.txt",
                tofile=f"rendered {name}",
            )
        )
        pytest.fail(
            f"{name} output differs from its golden file "
            f"(RIFT_UPDATE_GOLDEN=1 rewrites it):\n{diff}",
            pytrace=False,
        )


def underlined(output: str, line_number: int) -> str:
    """The source text the carets under row ``line_number`` of a full snippet point at."""
    lines = output.splitlines()
    pairs = itertools.pairwise(lines)
    row, carets = next(
        (row, carets)
        for row, carets in pairs
        if re.match(rf"\s*{line_number} \| ", row) and re.match(r"\s*\| *\^", carets)
    )
    match = re.search(r"\^+", carets)
    assert match is not None
    return row[match.start() : match.end()]


# --- golden files ---------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_format_matches_golden(fmt: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # Pin the rule registry so that adding a rule elsewhere does not churn the SARIF golden.
    monkeypatch.setattr(
        sarif, "RULES", (ParseErrorRule, EmptyCriterion, DuplicateCriterion, InvalidPoints)
    )
    assert_golden(fmt, render(fmt, sample_run(), OPTIONS))


def test_statistics_matches_golden() -> None:
    options = ReportOptions(statistics=True, tool_version="0.1.0-test")
    assert_golden("statistics", render("full", sample_run(), options))


# --- full format ----------------------------------------------------------------------------


def test_full_carets_sit_under_each_span() -> None:
    output = render("full", sample_run(), OPTIONS)
    assert underlined(output, 12) == "high"
    assert underlined(output, 14) == "gives appropriate  dosing advice"
    # A multi-line span is underlined to the end of its first line.
    assert underlined(output, 10) == "Mentions the maximum daily dose"


def test_full_multi_line_span_shows_every_line_with_carets_under_the_first() -> None:
    output = render("full", sample_run(), OPTIONS)
    block = output[output.index("hb.yaml:10:11") : output.index("hb.yaml:12:17")]
    rows = [line for line in block.splitlines() if "|" in line]
    assert [row.split("|")[0].strip() for row in rows] == ["", "9", "10", "", "11", "12", ""]
    assert rows[3].endswith("^" * len("Mentions the maximum daily dose") + " RL102 non-atomic")


def test_full_elides_the_middle_of_a_long_span() -> None:
    text = "".join(f"line {n}\n" for n in range(1, 21))
    document = SourceDocument("r.yaml", text)
    location = document.span(text.index("line 3"), text.index("line 12") + len("line 12"))
    diagnostic = make_diagnostic("RL003", Severity.WARNING, "dup", location)
    output = render("full", RunResult([FileResult("r.yaml", document, [diagnostic])]), OPTIONS)
    gutters = [line.split("|")[0].strip() for line in output.splitlines()[1:] if "|" in line]
    assert gutters == ["", "2", "3", "", "4", "5", "6", "12", "13", ""]
    assert "\n...\n" in output


def test_full_tabs_do_not_shift_the_carets() -> None:
    run = single_finding_run("criteria:\n\t- text:\tGives\tappropriate advice\n", "appropriate")
    output = render("full", run, OPTIONS)
    assert "\t" not in output
    assert underlined(output, 2) == "appropriate"


def test_full_control_characters_show_as_replacement_cells() -> None:
    run = single_finding_run("criteria:\n  - text: Gives\x1b appropriate advice\n", "appropriate")
    output = render("full", run, OPTIONS)
    assert "\x1b" not in output
    assert "Gives\ufffd appropriate" in output
    assert underlined(output, 2) == "appropriate"


def test_full_wide_characters_take_two_cells() -> None:
    run = single_finding_run("criteria:\n  - text: 给出适当的剂量 advice\n", "advice")
    output = render("full", run, OPTIONS)
    row = next(line for line in output.splitlines() if line.startswith("2 |"))
    carets = output.splitlines()[output.splitlines().index(row) + 1]
    # Seven wide characters are fourteen cells: the carets start that much further right.
    assert carets.index("^") == row.index("advice") + len("给出适当的剂量")


def test_full_zero_width_span_gets_one_caret_and_eof_has_no_phantom_line() -> None:
    document = SourceDocument("r.yaml", "a: 1\nb: 2\n")
    diagnostic = make_diagnostic("RL003", Severity.WARNING, "dup", Location.point("r.yaml", 2, 3))
    output = render("full", RunResult([FileResult("r.yaml", document, [diagnostic])]), OPTIONS)
    assert "  |   ^ RL003 duplicate-criterion" in output
    assert "3 |" not in output


def test_full_windows_long_lines_around_the_span() -> None:
    text = "text: " + "x" * 300 + " appropriate " + "y" * 300 + "\n"
    output = render("full", single_finding_run(text, "appropriate"), OPTIONS)
    row = next(line for line in output.splitlines() if line.startswith("1 |"))
    body = row.removeprefix("1 | ")
    assert body.startswith("…") and body.endswith("…")
    assert len(body) == MAX_WIDTH + 2
    assert underlined(output, 1) == "appropriate"


def test_full_without_document_prints_only_the_header() -> None:
    output = render("full", sample_run(), OPTIONS)
    block = output[output.index("rubrics/broken.json") :].split("\n\n")[0]
    assert block == (
        "rubrics/broken.json:1:1: RL001 [error] "
        "File is not valid UTF-8: invalid start byte at offset 12"
    )


def test_full_suggestions_can_be_hidden() -> None:
    shown = render("full", sample_run(), OPTIONS)
    hidden = render("full", sample_run(), ReportOptions(show_suggestions=False))
    assert "= help:" in shown
    assert "= help:" not in hidden
    assert "= related: rubrics/hb.yaml:6:15: first written as c1" in hidden


@pytest.mark.parametrize("fmt", ["full", "concise"])
def test_color_only_adds_ansi_styles(fmt: str) -> None:
    plain = render(fmt, sample_run(), OPTIONS)
    colored = render(fmt, sample_run(), ReportOptions(color=True, tool_version="0.1.0-test"))
    assert "\x1b[" in colored
    assert ANSI.sub("", colored) == plain


# --- summary line ---------------------------------------------------------------------------


def test_summary_line_counts_findings_by_severity() -> None:
    for fmt in ("full", "concise"):
        last = render(fmt, sample_run(), OPTIONS).splitlines()[-1]
        assert last == "Found 4 findings (2 errors, 1 warning, 1 info) in 3 files."


def test_summary_line_for_a_clean_run_uses_singulars() -> None:
    document = SourceDocument("r.yaml", "criteria:\n  - text: x\n")
    run = RunResult([FileResult("r.yaml", document, [], rubrics=1, criteria=1)])
    expected = "All checked: no findings in 1 file (1 rubric, 1 criterion).\n"
    assert render("full", run, OPTIONS) == expected
    assert render("concise", run, OPTIONS) == expected


def test_summary_line_counts_parts_that_did_not_parse_and_are_not_shown() -> None:
    """A part that did not parse counts only when its RL001 is not among the findings."""
    document = SourceDocument("r.jsonl", "{}\n{}\n{}\n")
    hidden = FileResult("r.jsonl", document, [], rubrics=1, criteria=1, unparsed=2)
    expected = (
        "No findings in 1 file (1 rubric, 1 criterion); 2 parts of 1 file did not parse "
        "(RL001 not shown).\n"
    )
    assert render("concise", RunResult([hidden]), OPTIONS) == expected
    shown = sample_run()
    shown.files[1].unparsed = 1  # rubrics/broken.json, whose RL001 is shown
    last = render("full", shown, OPTIONS).splitlines()[-1]
    assert last == "Found 4 findings (2 errors, 1 warning, 1 info) in 3 files."


def test_summary_line_counts_paths_that_could_not_be_read() -> None:
    document = SourceDocument("r.yaml", "criteria:\n  - text: x\n")
    missing = [Unreadable("gone.yaml", "no such file or directory")]
    clean = RunResult([FileResult("r.yaml", document, [], rubrics=1, criteria=1)], missing)
    expected = "No findings in 1 file (1 rubric, 1 criterion); 1 path could not be read.\n"
    assert render("concise", clean, OPTIONS) == expected
    flagged = sample_run()
    flagged.unread = [*missing, Unreadable("locked.yaml", "cannot read: Permission denied")]
    last = render("full", flagged, OPTIONS).splitlines()[-1]
    assert (
        last
        == "Found 4 findings (2 errors, 1 warning, 1 info) in 3 files; 2 paths could not be read."
    )


def unreadable_run() -> RunResult:
    """The sample run, plus a named path that does not exist and a found file it cannot read."""
    run = sample_run()
    run.unread = [
        Unreadable("rubrics/gone.yaml", "no such file or directory"),
        Unreadable("rubrics/locked, 100%.yaml", "cannot read: Permission denied"),
    ]
    return run


def test_json_lists_the_paths_that_could_not_be_read() -> None:
    data = json.loads(render("json", unreadable_run(), OPTIONS))
    assert data["summary"]["unreadable"] == 2
    assert data["summary"]["files"] == 5
    assert data["unreadable"] == [
        {"filename": "rubrics/gone.yaml", "reason": "no such file or directory"},
        {"filename": "rubrics/locked, 100%.yaml", "reason": "cannot read: Permission denied"},
    ]
    assert json.loads(render("json", sample_run(), OPTIONS))["unreadable"] == []


def test_sarif_reports_unreadable_paths_as_failed_execution() -> None:
    (run,) = json.loads(render("sarif", unreadable_run(), OPTIONS))["runs"]
    (invocation,) = run["invocations"]
    assert invocation["executionSuccessful"] is False
    first, second = invocation["toolExecutionNotifications"]
    assert first == {
        "level": "error",
        "message": {"text": "Could not read rubrics/gone.yaml: no such file or directory"},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": "rubrics/gone.yaml", "uriBaseId": "%SRCROOT%"}
                }
            }
        ],
    }
    location = second["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location["uri"] == "rubrics/locked%2C%20100%25.yaml"
    assert len(run["results"]) == 4
    (clean,) = json.loads(render("sarif", sample_run(), OPTIONS))["runs"][0]["invocations"]
    assert clean == {"executionSuccessful": True, "toolExecutionNotifications": []}


def test_github_annotates_unreadable_paths_after_the_groups() -> None:
    lines = render("github", unreadable_run(), OPTIONS).splitlines()
    assert lines[-3] == "::endgroup::"
    assert lines[-2:] == [
        "::error file=rubrics/gone.yaml,title=rift-lint::"
        "Could not read rubrics/gone.yaml: no such file or directory",
        "::error file=rubrics/locked%2C 100%25.yaml,title=rift-lint::"
        "Could not read rubrics/locked, 100%25.yaml: cannot read: Permission denied",
    ]


# --- github ---------------------------------------------------------------------------------


def test_github_escapes_messages_and_properties() -> None:
    location = Location(path="dir,a:b/100%.yaml", line=3, column=2, end_line=3, end_column=5)
    diagnostic = make_diagnostic("RL003", Severity.INFO, "100% sure:\r\nsee c1, c2", location)
    assert annotation(diagnostic) == (
        "::notice file=dir%2Ca%3Ab/100%25.yaml,line=3,col=2,endLine=3,endColumn=5,"
        "title=rift-lint RL003 (duplicate-criterion)::100%25 sure:%0D%0Asee c1, c2"
    )


def test_github_escapes_the_title_property() -> None:
    location = Location.point("r.yaml", 1, 1)
    diagnostic = Diagnostic(
        code="RL999", name="odd:name,x", severity=Severity.ERROR, message="m", location=location
    )
    assert annotation(diagnostic).endswith(",title=rift-lint RL999 (odd%3Aname%2Cx)::m")


def test_github_columns_only_for_single_line_spans() -> None:
    run = sample_run()
    multi, single, _ = run.files[0].diagnostics
    assert annotation(multi).startswith("::notice file=rubrics/hb.yaml,line=10,endLine=11,title=")
    assert ",col=17,endLine=12,endColumn=21," in annotation(single)
    point = annotation(run.files[1].diagnostics[0])
    assert point.startswith("::error file=rubrics/broken.json,line=1,col=1,endLine=1,title=")


def test_github_groups_per_file_and_has_no_summary() -> None:
    lines = render("github", sample_run(), OPTIONS).splitlines()
    assert lines[0] == "::group::rubrics/hb.yaml"
    assert lines[4:6] == ["::endgroup::", "::group::rubrics/broken.json"]
    assert lines[6].startswith("::error file=rubrics/broken.json,")
    assert lines[-1] == "::endgroup::"
    assert not any("clean.yaml" in line or line.startswith("Found") for line in lines)


def test_github_paths_are_relative_to_the_checkout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A step run in a sub-folder of the checkout still annotates the file by its path from the
    checkout's root; a path outside the checkout is left as it is."""
    (tmp_path / "rubrics").mkdir()
    monkeypatch.chdir(tmp_path / "rubrics")
    monkeypatch.setenv("GITHUB_WORKSPACE", str(tmp_path))
    inside = make_diagnostic("RL003", Severity.WARNING, "m", Location.point("hb.yaml", 2, 3))
    assert annotation(inside).startswith("::warning file=rubrics/hb.yaml,line=2,col=3,")
    outside = make_diagnostic("RL003", Severity.WARNING, "m", Location.point("../../x.yaml", 1, 1))
    assert annotation(outside).startswith("::warning file=../../x.yaml,line=1,")
    lines = render("github", unreadable_run(), OPTIONS).splitlines()  # paths in rubrics/rubrics
    assert lines[0] == "::group::rubrics/rubrics/hb.yaml"
    assert lines[-2].startswith("::error file=rubrics/rubrics/gone.yaml,title=rift-lint::")


# --- sarif ----------------------------------------------------------------------------------


def test_sarif_is_structurally_valid_for_code_scanning() -> None:
    run = sample_run()
    log = json.loads(render("sarif", run, OPTIONS))
    assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    assert log["version"] == "2.1.0"
    assert len(log["runs"]) == 1
    sarif_run = log["runs"][0]
    assert sarif_run["columnKind"] == "unicodeCodePoints"
    driver = sarif_run["tool"]["driver"]
    assert driver["name"] == "rift-lint"
    assert driver["version"] == "0.1.0-test"
    assert driver["informationUri"].startswith("https://")

    rules = driver["rules"]
    assert [rule["id"] for rule in rules[: len(RULES)]] == [rule.code for rule in RULES]
    for descriptor, rule in zip(rules, RULES, strict=False):
        assert descriptor["name"] == rule.name
        assert descriptor["shortDescription"]["text"] == rule.summary()
        assert descriptor["fullDescription"]["text"]
        assert descriptor["help"]["text"].startswith(rule.documentation())
        assert descriptor["help"]["markdown"].startswith(rule.summary() + "\n\n## What it flags")
        assert "helpUri" not in descriptor  # no stable page per rule to point at
        assert descriptor["defaultConfiguration"]["level"] in {"error", "warning", "note"}
        assert isinstance(descriptor["properties"]["tags"], list)
    duplicate = rules[[rule.code for rule in RULES].index("RL003")]
    assert duplicate["properties"]["tags"] == ["consequential_validity", "redundant_criteria"]

    levels = {"error": "error", "warning": "warning", "info": "note"}
    results = sarif_run["results"]
    assert len(results) == len(run.diagnostics)
    for result, diagnostic in zip(results, run.diagnostics, strict=True):
        assert result["message"]["text"] == diagnostic.message
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"] == diagnostic.code
        assert result["level"] == levels[diagnostic.severity.value]
        assert result["partialFingerprints"]["riftFinding/v2"]
        for located in result["locations"] + result.get("relatedLocations", []):
            physical = located["physicalLocation"]
            artifact = physical["artifactLocation"]
            assert artifact["uriBaseId"] == "%SRCROOT%"
            assert "\\" not in artifact["uri"] and not artifact["uri"].startswith("/")
            region = physical["region"]
            assert all(isinstance(value, int) and value >= 1 for value in region.values())
            assert region["startLine"] <= region["endLine"]
    loc = run.files[0].diagnostics[1].location
    assert results[1]["locations"][0]["physicalLocation"]["region"] == {
        "startLine": loc.line,
        "startColumn": loc.column,
        "endLine": loc.end_line,
        "endColumn": loc.end_column,
    }


def test_sarif_help_text_is_what_rift_lint_rule_prints() -> None:
    """help.text is the documentation and the options, as ``rift-lint rule CODE`` prints them
    under its three-line header."""
    from click.testing import CliRunner

    from rift_lint.cli import main

    for descriptor in _sarif_rules()[: len(RULES)]:
        printed = CliRunner().invoke(main, ["rule", descriptor["id"]]).output
        assert printed.split("\n", 4)[4] == descriptor["help"]["text"] + "\n"
    [subjective] = [rule for rule in _sarif_rules() if rule["id"] == "RL101"]
    text = subjective["help"]["text"]
    assert "\n\nOptions:\n    extend-terms = []\n" in text
    assert text.endswith("\n    min-confidence = 0.5  # >= 0.0, <= 1.0")


def _sarif_rules() -> list[dict[str, Any]]:
    log = json.loads(render("sarif", sample_run(), OPTIONS))
    return log["runs"][0]["tool"]["driver"]["rules"]


def _example(rule: Any, section: str) -> str:
    found = re.search(rf"^{section}:\n((?:    .*\n?|\n)+)", rule.documentation(), re.MULTILINE)
    assert found is not None
    return "".join(line[4:] + "\n" for line in found.group(1).strip("\n").splitlines())


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.code)
def test_sarif_help_markdown_renders_the_documentation(rule: Any) -> None:
    """Rendered, the Markdown help has a heading per section, the Bad and Better rubrics as
    YAML blocks indented as documented, the options as TOML, and the prose word for word:
    Markdown's own characters (RL103's "**Accuracy**:") show as written, RST literals as code."""
    markdown_it = pytest.importorskip("markdown_it")
    [descriptor] = [found for found in _sarif_rules() if found["id"] == rule.code]
    tokens = markdown_it.MarkdownIt().parse(descriptor["help"]["markdown"])
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    options = ["Options"] if rule.Options.model_fields else []
    assert headings == ["What it flags", "Why it hurts", "Bad", "Better", *options]
    fences = [(t.info, t.content) for t in tokens if t.type == "fence"]
    assert fences[:2] == [("yaml", _example(rule, "Bad")), ("yaml", _example(rule, "Better"))]
    if options:
        assert fences[2][0] == "toml" and fences[2][1].startswith(f"[rules.{rule.code}]\n")
    shown = " ".join(
        "".join(
            child.content for child in token.children or [] if child.type in {"text", "code_inline"}
        )
        for token in tokens
        if token.type == "inline"
    )
    flags = re.search(r"^What it flags:\n((?:    .*\n?|\n)+)", rule.documentation(), re.M)
    assert flags is not None
    prose = " ".join(flags.group(1).replace("``", "").split())
    assert prose in " ".join(shown.split())
    assert [t.type for t in tokens if t.type in {"strong_open", "em_open", "html_inline"}] == []


def test_sarif_upload_warning_only_past_githubs_result_limit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    run = sample_run()
    count = len(run.diagnostics)
    monkeypatch.setattr(sarif, "GITHUB_MAX_RESULTS", count)
    assert sarif.upload_warning(run) is None
    monkeypatch.setattr(sarif, "GITHUB_MAX_RESULTS", count - 1)
    assert sarif.upload_warning(run) == (
        f"the SARIF log holds {count} results, and GitHub code scanning rejects a run of more "
        f"than {count - 1}: upload fewer files per run, narrow the rules with --select, or hide "
        "accepted findings with --baseline"
    )


def test_github_display_warning_counts_the_annotations_a_step_will_not_show(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """GitHub shows the first errors and warnings of a step, as many of each, and drops the
    others without a word; an unreadable path is an error annotation too."""
    run = sample_run()
    errors = sum(d.severity is Severity.ERROR for d in run.diagnostics) + len(run.unread)
    warnings = sum(d.severity is Severity.WARNING for d in run.diagnostics)
    assert (errors, warnings) == (2, 1)
    monkeypatch.setattr(github, "GITHUB_SHOWN_PER_KIND", 2)
    assert github.display_warning(run) is None
    monkeypatch.setattr(github, "GITHUB_SHOWN_PER_KIND", 1)
    assert github.display_warning(run) == (
        "GitHub shows 1 error and 1 warning annotations per step, so 1 of these 2 errors and 1 "
        "warning are in the log only: upload SARIF as well to see every finding, narrow the "
        "rules with --select, or hide accepted findings with --baseline"
    )


def test_github_display_warning_counts_one_error_as_one_and_groups_thousands() -> None:
    """One error is '1 error', not '1 errors'; large counts read as the other notes do."""
    here = Location.point("r.yaml")
    findings = [make_diagnostic("RL001", Severity.ERROR, "broken", here)]
    findings += [make_diagnostic("RL003", Severity.WARNING, "dup", here)] * 1_010
    run = RunResult(files=[FileResult("r.yaml", None, findings)])
    assert github.display_warning(run) == (
        "GitHub shows 10 error and 10 warning annotations per step, so 1,000 of these 1 error "
        "and 1,010 warnings are in the log only: upload SARIF as well to see every finding, "
        "narrow the rules with --select, or hide accepted findings with --baseline"
    )


def test_github_annotation_limit_is_githubs() -> None:
    assert github.GITHUB_SHOWN_PER_KIND == 10


def test_sarif_upload_limit_is_githubs() -> None:
    assert sarif.GITHUB_MAX_RESULTS == 25_000


def test_sarif_describes_unregistered_codes_too(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        sarif, "RULES", (ParseErrorRule, EmptyCriterion, DuplicateCriterion, InvalidPoints)
    )
    driver = json.loads(render("sarif", sample_run(), OPTIONS))["runs"][0]["tool"]["driver"]
    assert driver["rules"][-1] == {"id": "RL102", "name": "non-atomic"}


def test_sarif_and_json_share_fingerprints() -> None:
    run = sample_run()
    results = json.loads(render("sarif", run, OPTIONS))["runs"][0]["results"]
    records = json.loads(render("json", run, OPTIONS))["diagnostics"]
    assert [r["partialFingerprints"]["riftFinding/v2"] for r in results] == [
        record["fingerprint"] for record in records
    ]


@pytest.mark.parametrize(
    ("path", "uri"),
    [("rubrics\\a b.yaml", "rubrics/a%20b.yaml"), ("./rubrics//x.yaml", "rubrics/x.yaml")],
)
def test_sarif_uris_are_relative_with_forward_slashes(path: str, uri: str) -> None:
    assert sarif.artifact_location(path) == {"uri": uri, "uriBaseId": "%SRCROOT%"}


def test_sarif_absolute_paths_are_made_relative_to_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    inside = str(tmp_path / "rubrics" / "a.yaml")
    assert sarif.artifact_location(inside) == {"uri": "rubrics/a.yaml", "uriBaseId": "%SRCROOT%"}
    outside = tmp_path.parent / "elsewhere.yaml"
    assert sarif.artifact_location(str(outside)) == {"uri": outside.resolve().as_uri()}


def test_sarif_relative_paths_that_climb_out_are_file_uris(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``%SRCROOT%/../x.yaml`` points outside the source root, which code scanning rejects."""
    monkeypatch.chdir(tmp_path / ".")
    outside = {"uri": (tmp_path.parent / "elsewhere.yaml").resolve().as_uri()}
    assert sarif.artifact_location("../elsewhere.yaml") == outside
    assert sarif.artifact_location("rubrics/../../elsewhere.yaml") == outside
    inside = {"uri": "a.yaml", "uriBaseId": "%SRCROOT%"}
    assert sarif.artifact_location("rubrics/../a.yaml") == inside


def test_sarif_paths_are_relative_to_the_checkout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Under GitHub Actions, %SRCROOT% is the checkout, from a step in a sub-folder too; a
    path outside the checkout is still a file URI."""
    (tmp_path / "repo" / "rubrics").mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "repo" / "rubrics")
    monkeypatch.setenv("GITHUB_WORKSPACE", str(tmp_path / "repo"))
    inside = {"uri": "rubrics/a%20b.yaml", "uriBaseId": "%SRCROOT%"}
    assert sarif.artifact_location("a b.yaml") == inside
    assert sarif.artifact_location(str(tmp_path / "repo" / "rubrics" / "a b.yaml")) == inside
    outside = {"uri": (tmp_path / "x.yaml").resolve().as_uri()}
    assert sarif.artifact_location("../../x.yaml") == outside


# --- json -----------------------------------------------------------------------------------


def test_json_document_is_versioned_and_summarised() -> None:
    output = json.loads(render("json", sample_run(), OPTIONS))
    assert output["schema_version"] == 1
    assert output["tool"] == {"name": "rift-lint", "version": "0.1.0-test"}
    assert output["summary"] == {
        "files": 3,
        "rubrics": 2,
        "criteria": 4,
        "findings": 4,
        "by_code": {"RL001": 1, "RL003": 1, "RL004": 1, "RL102": 1},
        "by_severity": {"error": 2, "warning": 1, "info": 1},
        "unreadable": 0,
    }
    related = output["diagnostics"][2]["related"]
    assert related == [
        {
            "filename": HB_PATH,
            "location": {"row": 6, "column": 15},
            "end_location": {"row": 6, "column": 46},
            "message": "first written as c1",
        }
    ]


def test_fingerprint_survives_moving_the_finding_and_rewording_it() -> None:
    before = SourceDocument(HB_PATH, HB_TEXT)
    moved_text = "# reviewed 2026-05-01\n# owner: clinical team\n" + HB_TEXT
    after = SourceDocument(HB_PATH, moved_text)
    original = hb_diagnostics(before)[2]
    moved = hb_diagnostics(after)[2].model_copy(update={"message": "reworded"})
    assert moved.location.line == original.location.line + 2
    assert fingerprint(moved, after) == fingerprint(original, before)

    rewrapped_text = HB_TEXT.replace("appropriate  dosing", "appropriate\n          dosing")
    rewrapped = SourceDocument(HB_PATH, rewrapped_text)
    rewrapped_span = span_of(rewrapped, "gives appropriate\n          dosing advice")
    changed = original.model_copy(update={"location": rewrapped_span})
    assert fingerprint(changed, rewrapped) == fingerprint(original, before)

    edited = SourceDocument(HB_PATH, HB_TEXT.replace("gives appropriate", "gives sensible"))
    relocated = original.model_copy(
        update={"location": span_of(edited, "gives sensible  dosing advice")}
    )
    assert fingerprint(relocated, edited) != fingerprint(original, before)


def test_fingerprint_covers_every_underlined_term() -> None:
    def finding(text: str, *terms: str) -> tuple[Diagnostic, SourceDocument]:
        document = SourceDocument("r.yaml", text)
        spans = [span_of(document, term) for term in terms]
        return make_diagnostic(
            "RL101", Severity.WARNING, "m", spans[0], highlights=spans[1:]
        ), document

    two = fingerprint(*finding("- text: clear and engaging\n", "clear", "engaging"))
    moved = fingerprint(*finding("# note\n- text:   clear  and engaging\n", "clear", "engaging"))
    third = fingerprint(*finding("- text: clear and fun\n", "clear", "fun"))
    assert moved == two
    assert third != two
    assert two == hashlib.sha256(b"r.yaml|RL101|||clear|engaging").hexdigest()
    alone = fingerprint(*finding("- text: clear\n", "clear"))
    assert alone == hashlib.sha256(b"r.yaml|RL101|||clear").hexdigest()


def test_fingerprints_of_repeated_content_are_made_unique() -> None:
    document = SourceDocument("r.yaml", "a: x\nb: x\n")
    first = make_diagnostic("RL003", Severity.WARNING, "dup", span_of(document, "x"))
    second = make_diagnostic("RL003", Severity.WARNING, "dup", span_of(document, "x", 4))
    prints = file_fingerprints(FileResult("r.yaml", document, [first, second]))
    assert prints[0] == fingerprint(first, document)
    assert len(set(prints)) == 2


# --- statistics and entry point -------------------------------------------------------------


def test_statistics_sorts_by_count_then_code() -> None:
    document = SourceDocument("r.yaml", "a: x\n")
    where = Location.point("r.yaml")
    diagnostics = [
        make_diagnostic("RL004", Severity.ERROR, "m", where),
        make_diagnostic("RL003", Severity.WARNING, "m", where),
        make_diagnostic("RL004", Severity.ERROR, "m", where),
        make_diagnostic("RL002", Severity.ERROR, "m", where),
    ]
    run = RunResult([FileResult("r.yaml", document, diagnostics)])
    assert render("concise", run, ReportOptions(statistics=True)) == (
        "2  RL004  invalid-points\n1  RL002  empty-criterion\n1  RL003  duplicate-criterion\n"
        "4         total\n"
    )


def test_statistics_do_not_change_machine_formats() -> None:
    with_statistics = ReportOptions(statistics=True, tool_version="0.1.0-test")
    for fmt in ("json", "sarif", "github"):
        assert render(fmt, sample_run(), with_statistics) == render(fmt, sample_run(), OPTIONS)


def test_unknown_format_is_rejected() -> None:
    with pytest.raises(ValueError, match="unknown output format 'xml'"):
        render("xml", sample_run())


def test_full_underlines_highlights_on_the_same_line() -> None:
    text = "criteria:\n  - text: The answer is clear and engaging.\n"
    document = SourceDocument("a.yaml", text)
    clear, engaging = text.index("clear"), text.index("engaging")
    finding = Diagnostic(
        code="RL101",
        name="subjective",
        severity=Severity.WARNING,
        message="Unanchored terms: clear, engaging",
        location=document.span(clear, clear + 5),
        highlights=[document.span(engaging, engaging + 8)],
    )
    output = render("full", RunResult([FileResult("a.yaml", document, [finding])]))
    caret_line = output.splitlines()[4]
    assert caret_line == "  |                         ^^^^^     ^^^^^^^^ RL101 subjective"
