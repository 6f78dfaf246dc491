"""``rift-lint report``: figures, agreement with ``check``, self-contained HTML, a real browser."""

from __future__ import annotations

import importlib
import json
import os
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from rift_lint.cli import main
from rift_lint.config import ConfigResolver
from rift_lint.embeddings.provider import EmbeddingProvider
from rift_lint.engine import Linter
from rift_lint.report import aggregate as aggregate_module
from rift_lint.report.aggregate import aggregate
from rift_lint.report.html import render_page
from rift_lint.results import RunResult


def _record(rubric_id: str, source: str, texts: list[tuple[str, int]]) -> str:
    criteria = [
        {"id": f"c{i}", "text": text, "points": points} for i, (text, points) in enumerate(texts)
    ]
    return json.dumps(
        {"id": rubric_id, "source": source, "prompt": "Explain tides.", "criteria": criteria}
    )


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Two datasets: alpha (one of two rubrics subjective) and beta (clean)."""
    (tmp_path / "rift-lint.toml").write_text('select = ["RL0", "RL101"]\n')
    (tmp_path / "alpha.jsonl").write_text(
        _record(
            "a1",
            "alpha",
            [("The answer is clear and engaging.", 3), ("States that the Moon causes tides.", 1)],
        )
        + "\n"
        + _record("a2", "alpha", [("Names the Moon.", 2)])
        + "\n"
    )
    (tmp_path / "beta.jsonl").write_text(
        _record("b1", "beta", [("Mentions the Sun's pull.", 1), ("Mentions the Sun's pull.", 1)])
        + "\n"
    )
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    return tmp_path


def _lint(corpus: Path) -> RunResult:
    linter = Linter(ConfigResolver(), EmbeddingProvider(enabled=False))
    files = sorted(corpus.glob("*.jsonl"))
    return RunResult([linter.lint_path(path, path.name) for path in files])


def test_prevalence_weights_worst_rubric_and_terms(corpus: Path) -> None:
    data = aggregate(_lint(corpus), group_by="source")
    assert data.groups == ["alpha", "beta"]
    assert data.prevalence["alpha"]["subjective"] == 0.5
    assert data.prevalence["beta"]["subjective"] == 0.0
    assert data.prevalence["beta"]["redundant_criteria"] == 1.0  # RL003 counts for it
    assert data.weight_share["subjective"] == pytest.approx(3 / 8)  # points 3 of 3+1+2+1+1
    # RL003 sits on the later copy: it has a bar, so the bars account for 'any mode'
    assert data.weight_share["redundant_criteria"] == pytest.approx(1 / 8)
    assert data.any_weight_share == pytest.approx(4 / 8)
    worst = data.worst[0]
    assert (worst.rubric_id, worst.flagged_criteria, worst.criteria) == ("a1", 1, 2)
    marked = [text for snippet in worst.findings[0].snippet for text, hit in snippet.parts if hit]
    assert marked == ["clear", "engaging"]
    assert dict(data.terms["RL101"]) == {"clear": 1, "engaging": 1}
    text = "".join(part for snippet in worst.findings[0].snippet for part, _ in snippet.parts)
    assert text == (corpus / "alpha.jsonl").read_text().splitlines()[0]


def test_a_rubric_counts_every_criterion_with_a_finding(corpus: Path) -> None:
    """Structural findings too (RL004 has no failure mode), so the count agrees with the
    findings listed under it; the weight shares stay per failure mode."""
    (corpus / "alpha.jsonl").write_text(
        _record("a1", "alpha", [("The answer is clear.", 3), ("Names the Moon.", 0)]) + "\n"
    )
    data = aggregate(_lint(corpus), group_by="source")
    worst = data.worst[0]
    assert (worst.rubric_id, worst.flagged_criteria, worst.criteria) == ("a1", 2, 2)
    assert sorted({finding.code for finding in worst.findings}) == ["RL004", "RL101"]


def test_worst_rubrics_rank_by_share_of_flagged_criteria(tmp_path: Path) -> None:
    """A rubric flagged throughout ranks above a larger one with more flagged criteria but a
    smaller share; equal shares rank by the number flagged. The page shows both."""
    long = [("The answer is clear.", 1), ("The tone is engaging.", 1)]
    long += [(f"Names planet {n}.", 1) for n in range(8)]
    (tmp_path / "rift-lint.toml").write_text('select = ["RL101"]\n')
    (tmp_path / "d.jsonl").write_text(
        _record("large", "s", long)
        + "\n"
        + _record("small", "s", [("The answer is clear.", 1)])
        + "\n"
        + _record("pair", "s", [("The answer is clear.", 1), ("The tone is engaging.", 1)])
        + "\n"
    )
    data = aggregate(_lint(tmp_path))
    ranked = [(row.rubric_id, row.flagged_criteria, row.criteria) for row in data.worst]
    assert ranked == [("pair", 2, 2), ("small", 1, 1), ("large", 2, 10)]
    page = render_page(data, "t", None)
    assert "2 of 2 criteria flagged (100%)" in page and "2 of 10 criteria flagged (20%)" in page


def test_long_lines_are_cut_around_the_offending_words(tmp_path: Path) -> None:
    record = json.loads(_record("long", "alpha", [("The answer is clear.", 1)]))
    record["prompt"] = "Explain tides. " * 40
    record["metadata"] = {"note": "Written for the tides unit. " * 20}
    (tmp_path / "rift-lint.toml").write_text('select = ["RL101"]\n')
    (tmp_path / "long.jsonl").write_text(json.dumps(record) + "\n")
    finding = aggregate(_lint(tmp_path)).worst[0].findings[0]
    parts = finding.snippet[0].parts
    text = "".join(part for part, _ in parts)
    assert text.startswith("…") and text.endswith("…")
    assert len(text) <= 2 + 240
    assert [part for part, hit in parts if hit] == ["clear"]


def test_small_groups_are_pooled(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (corpus / "gamma.jsonl").write_text(_record("g1", "gamma", [("Names the Moon.", 1)]) + "\n")
    monkeypatch.setattr(aggregate_module, "MAX_GROUPS", 2)
    data = aggregate(_lint(corpus), group_by="file")
    assert data.groups == ["alpha.jsonl", "other (2 groups)"]
    assert data.group_rubrics["other (2 groups)"] == 2
    assert data.prevalence["other (2 groups)"]["redundant_criteria"] == 0.5


def test_report_counts_agree_with_check_json_and_statistics(corpus: Path) -> None:
    runner = CliRunner()
    as_json = json.loads(runner.invoke(main, ["check", "--format", "json", "."]).output)
    statistics = runner.invoke(main, ["check", "--statistics", "."]).output
    result = runner.invoke(main, ["report", ".", "-o", "report.html", "--quiet"])
    assert result.exit_code == 0, result.output
    page = (corpus / "report.html").read_text()
    table = re.search(r'<table id="counts">(.*?)</table>', page, re.S)
    assert table is not None
    rows = re.findall(
        r'<tr><td class="code">(RL\d+)</td><td>([a-z-]+)</td><td class="num">([\d,]+)</td></tr>',
        table.group(1),
    )
    in_report = {code: int(count.replace(",", "")) for code, _, count in rows}
    in_statistics = {m[1]: int(m[0]) for m in re.findall(r"^\s*(\d+)\s+(RL\d+)", statistics, re.M)}
    assert in_report == as_json["summary"]["by_code"] == in_statistics == {"RL003": 1, "RL101": 1}
    assert f"<b>{as_json['summary']['rubrics']}</b>rubrics" in page


def test_paths_that_could_not_be_read_are_listed(corpus: Path) -> None:
    result = CliRunner().invoke(main, ["report", ".", "gone.jsonl", "-o", "report.html"])
    assert result.exit_code == 2
    page = (corpus / "report.html").read_text()
    assert "<b>1</b>paths not read" in page
    assert '<ul id="unreadable"><li><code>gone.jsonl</code>: no such file or directory</li>' in page
    CliRunner().invoke(main, ["report", ".", "-o", "clean.html", "--quiet"])
    clean = (corpus / "clean.html").read_text()
    assert "paths not read" not in clean and 'id="unreadable"' not in clean


def test_output_dash_writes_the_page_to_standard_output(corpus: Path) -> None:
    """'-o -' means standard output, as '--output-file -' does for check: no file named '-'."""
    result = CliRunner().invoke(main, ["report", ".", "-o", "-"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("<!DOCTYPE html>") and result.stdout.endswith("</html>\n")
    assert "wrote the report to standard output: 3 rubrics, 2 findings" in result.stderr
    assert not (corpus / "-").exists()


def test_page_is_self_contained(corpus: Path) -> None:
    CliRunner().invoke(main, ["report", ".", "-o", "report.html", "--quiet"])
    page = (corpus / "report.html").read_text()
    assert "<script" not in page and "<link" not in page and "@import" not in page
    assert "src=" not in page
    assert {ref[0] for ref in re.findall(r'href="([^"]*)"', page)} <= {"#"}, "only in-page links"
    assert set(re.findall(r"url\((.)", page)) <= {"#"}, "only in-page references (clip paths)"
    namespaces = {"http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink"}
    assert set(re.findall(r'"(https?://[^"]+)"', page)) <= namespaces
    assert page.count("<svg") == 2  # heatmap and weight bars


def test_labels_add_scores_and_confusion(corpus: Path) -> None:
    labels = corpus / "labels.jsonl"
    labels.write_text(
        json.dumps(
            {
                "id": "x1",
                "prompt": "Explain tides.",
                "criteria": [
                    {"id": "c1", "text": "The answer is clear.", "labels": ["subjective"]},
                    {"id": "c2", "text": "Names the Moon.", "labels": []},
                ],
                "labels": [],
            }
        )
        + "\n"
    )
    result = CliRunner().invoke(
        main,
        ["report", "alpha.jsonl", "-o", "r.html", "--labels", str(labels), "--no-embeddings", "-q"],
    )
    assert result.exit_code == 0, result.output
    page = (corpus / "r.html").read_text()
    assert '<table id="scores">' in page and 'id="confusion"' in page
    assert re.search(
        r'<p class="muted" id="settings">rift-lint [^ ]+ on [^<]*labels.jsonl '
        r"\(sha256 [0-9a-f]{12}\)<br>model: none<br>"
        r"embeddings: off; config: [^;<]*rift-lint.toml; modes: all</p>",
        page,
    )
    assert re.search(r"<td>subjective</td><td>criterion</td><td class='num'>1</td>", page)
    assert (  # the fixture selects RL0 and RL101 only
        "<p>not scored, no rule of theirs ran: non_atomic, ungrounded, misaligned_or_rigid, "
        "missing_criteria, hackable, low_signal</p>" in page
    )
    confusion = _figure(page, "confusion")  # axes named once, short ticks that cannot collide
    assert ">not flagged<" not in confusion and ">not labelled<" not in confusion
    assert confusion.count(">flagged<") == confusion.count(">labelled<") == 1
    assert confusion.count(">yes<") == confusion.count(">no<") == 2


def test_bad_labels_file_is_a_usage_error(corpus: Path) -> None:
    result = CliRunner().invoke(main, ["report", ".", "-o", "r.html", "--labels", "missing.jsonl"])
    assert result.exit_code == 2
    assert "missing.jsonl" in result.output


def _browser() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def test_report_renders_in_a_headless_browser(corpus: Path) -> None:
    browser = _browser()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        sync_playwright = None
    if browser is None or sync_playwright is None:
        if os.environ.get("RIFT_REQUIRE_BROWSER"):
            pytest.fail("chromium and playwright are required (RIFT_REQUIRE_BROWSER is set)")
        pytest.skip("chromium or playwright is not installed")
    CliRunner().invoke(main, ["report", ".", "-o", "report.html", "--quiet"])
    problems: list[str] = []
    with sync_playwright() as driver:
        chromium = driver.chromium.launch(executable_path=browser, args=["--no-sandbox"])
        page = chromium.new_page(viewport={"width": 1366, "height": 768})
        page.on(
            "console", lambda message: message.type == "error" and problems.append(message.text)
        )
        page.on("pageerror", lambda error: problems.append(str(error)))
        page.on(
            "request",
            lambda request: request.url.startswith("file:") or problems.append(request.url),
        )
        page.goto((corpus / "report.html").as_uri())
        heatmap = page.locator("#heatmap svg")
        offending = page.locator("#worst mark.offending")
        assert heatmap.is_visible()
        assert heatmap.bounding_box()["width"] > 300
        assert offending.first.is_visible()
        assert offending.all_inner_texts()[:2] == ["clear", "engaging"]
        assert page.locator("#heatmap svg text", has_text="subjective").count() == 1
        chromium.close()
    assert problems == []


def _figure(page: str, figure_id: str) -> str:
    return page.split(f'<figure id="{figure_id}">', 1)[1].split("</figure>", 1)[0]


def test_modes_whose_rules_did_not_run_read_not_run_not_zero(corpus: Path) -> None:
    """The corpus runs RL0 and RL101 only: of eight modes, subjective and redundant_criteria
    (RL003) ran; the six others are "not run" in both groups' rows and in the weight bars."""
    CliRunner().invoke(main, ["report", ".", "-o", "report.html", "--quiet"])
    page = (corpus / "report.html").read_text()
    heat = _figure(page, "heatmap")
    assert heat.count(">not run<") == 6 * 2
    assert heat.count(">0%<") == 2  # beta's subjective, alpha's redundant_criteria
    weights = _figure(page, "weights")
    assert weights.count(">not run<") == 4  # of the five criterion-level modes, and redundancy
    assert ">redundant criteria<" in weights
    assert "low-signal" in page.split('id="not-run">', 1)[1].split("</p>", 1)[0]


def test_groups_are_ranked_by_criteria_before_pooling(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """gamma (one rubric, six criteria) keeps its row over delta (two rubrics, two criteria);
    ranked by rubrics, gamma was the one pooled into "other"."""
    texts = [(f"Names moon number {n}.", 1) for n in range(6)]
    (corpus / "gamma.jsonl").write_text(_record("g1", "gamma", texts) + "\n")
    delta = [_record(f"d{n}", "delta", [("Names the Sun.", 1)]) for n in range(2)]
    (corpus / "delta.jsonl").write_text("\n".join(delta) + "\n")
    monkeypatch.setattr(aggregate_module, "MAX_GROUPS", 3)
    CliRunner().invoke(main, ["report", ".", "-o", "report.html", "--quiet"])
    heat = _figure((corpus / "report.html").read_text(), "heatmap")
    assert ">gamma.jsonl<" in heat and ">alpha.jsonl<" in heat
    assert ">delta.jsonl<" not in heat and ">other (2 groups)<" in heat


def test_file_level_findings_name_their_file_and_say_how_many_are_not_shown(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Parse errors sit outside any rubric box, so each names its file; past the cap, a line
    says how many more there are (the page showed ten and dropped the rest silently)."""
    for name in ("broken-1.json", "broken-2.json", "broken-3.json"):
        (corpus / name).write_text("{not json\n")
    monkeypatch.setattr(aggregate_module, "WORST_RUBRICS", 2)
    CliRunner().invoke(main, ["report", ".", "-o", "report.html", "--quiet"])
    page = (corpus / "report.html").read_text()
    section = page.split('<div id="file-level">', 1)[1]
    assert re.findall(r'<span class="muted">([^<]*)</span> Invalid JSON', section) == [
        "broken-1.json:1:2 error",
        "broken-2.json:1:2 error",
    ]
    assert '<p class="muted">and 1 more file-level finding</p></div>' in section


def test_heatmap_rows_of_files_differing_early_in_long_names_read_differently(
    corpus: Path,
) -> None:
    """Cut from the left to 38 characters, both names read
    '…e_model__rubrics_claude-sonnet-4.jsonl'; such rows keep the words from the first one
    they differ in, and the other rows keep the usual cut."""
    names = [
        "pairwise__mtbench__base_model__rubrics_claude-sonnet-4.jsonl",
        "pointwise__helpsteer2__base_model__rubrics_claude-sonnet-4.jsonl",
        "a_long_but_distinct_file_name_of_rubrics_about_tides.jsonl",
    ]
    for name in names:
        (corpus / name).write_text(_record("p1", "pair", [("Names the Moon.", 1)]) + "\n")
    CliRunner().invoke(main, ["report", ".", "-o", "report.html", "--quiet"])
    heat = _figure((corpus / "report.html").read_text(), "heatmap")
    assert ">…mtbench__base_model__rubrics_claude-sonnet-4.jsonl<" in heat
    assert ">…helpsteer2__base_model__rubrics_claude-sonnet-4.jsonl<" in heat
    assert ">…ile_name_of_rubrics_about_tides.jsonl<" in heat


def test_heatmap_rows_name_files_under_the_folder_they_share(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The folder every file is in is said once above the heatmap, not repeated (and cut
    off) on every row; the pooled row is left as it is."""
    data = corpus / "data" / "rubrics"
    (data / "healthbench").mkdir(parents=True)
    (data / "writingbench").mkdir()
    two = [("Names the Moon.", 1), ("Names the Sun.", 1)]
    for name, texts in [
        ("healthbench/context_seeking.jsonl", two),
        ("writingbench/length.jsonl", two),
        ("x.jsonl", two[:1]),
        ("y.jsonl", two[:1]),
    ]:
        (data / name).write_text(_record("r1", "src", texts) + "\n")
    monkeypatch.setattr(aggregate_module, "MAX_GROUPS", 3)
    CliRunner().invoke(main, ["report", str(data), "-o", "report.html", "--quiet"])
    page = (corpus / "report.html").read_text()
    heat = _figure(page, "heatmap")
    assert ">healthbench/context_seeking.jsonl<" in heat and ">writingbench/length.jsonl<" in heat
    assert ">other (2 groups)<" in heat and "rubrics/" not in heat
    assert '<p class="muted" id="folder">Files under <code>data/rubrics/</code>.</p>' in page
    CliRunner().invoke(main, ["report", ".", "-o", "report.html", "--quiet"])
    assert 'id="folder"' not in (corpus / "report.html").read_text()  # nothing shared


def test_offending_terms_leave_out_parse_errors_and_empty_spans(corpus: Path) -> None:
    """A parse error's position ('{' where JSON broke) and an empty criterion's empty span
    are not words to count; before, the table listed them as terms ('{', '')."""
    (corpus / "rift-lint.toml").write_text('select = ["RL0", "RL101"]\n')
    (corpus / "broken.jsonl").write_text("{not json\n")
    (corpus / "gamma.jsonl").write_text(
        _record("g1", "gamma", [("", 1), ("The answer is clear.", 1)]) + "\n"
    )
    data = aggregate(_lint(corpus))
    assert "RL001" not in data.terms
    assert dict(data.terms["RL101"]) == {"clear": 2, "engaging": 1}
    assert data.by_code["RL001"] == 1 and data.by_code["RL002"] == 1
    assert all(term for counted in data.terms.values() for term, _ in counted)


def test_weight_share_is_not_applicable_without_criteria(corpus: Path) -> None:
    """A folder with no criteria (here: only a broken file) has no weight to share out; the
    card read 0.0% and the chart drew an 'any mode' bar of 0.0%."""
    (corpus / "empty").mkdir()
    (corpus / "empty" / "broken.json").write_text("{not json\n")
    CliRunner().invoke(main, ["report", "empty", "-o", "report.html", "--quiet"])
    page = (corpus / "report.html").read_text()
    assert '<div class="card"><b>n/a</b>weight on flagged criteria</div>' in page
    assert (
        '<figure id="weights"><p>No criterion carries any weight (no criteria, or only 0-point '
        "ones).</p></figure>" in page
    )
    CliRunner().invoke(main, ["report", ".", "-o", "report.html", "--quiet"])
    assert "<b>50.0%</b>weight on flagged criteria" in (corpus / "report.html").read_text()


def test_a_bad_labels_file_stops_the_run_before_any_file_is_linted(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The labels file was read only after linting every path, so a typo in its name was
    reported at the end of what may be a long run with embeddings."""
    report_command = importlib.import_module("rift_lint.cli.report")  # not the click command
    linted: list[tuple[Path, ...]] = []

    def lint_paths(paths: tuple[Path, ...], *_: object, **__: object) -> tuple[RunResult, None]:
        linted.append(paths)
        return RunResult([]), None

    monkeypatch.setattr(report_command, "lint_paths", lint_paths)
    result = CliRunner().invoke(main, ["report", ".", "-o", "r.html", "--labels", "missing.jsonl"])
    assert result.exit_code == 2
    assert "missing.jsonl: cannot read labels file" in result.output
    assert linted == []
    assert not (corpus / "r.html").exists()


def test_dollar_signs_in_group_names_are_plain_text(corpus: Path) -> None:
    """Matplotlib read text between two '$' as mathematics: a `source` of "$x^$" stopped the
    report with an internal error, and "costs $5 to $10" lost its dollars to italics."""
    (corpus / "gamma.jsonl").write_text(
        _record("g1", "$x^$", [("Names the Moon.", 1)])
        + "\n"
        + _record("g2", "costs $5 to $10", [("Names the Sun.", 1)])
        + "\n"
    )
    result = CliRunner().invoke(
        main, ["report", ".", "-o", "report.html", "--group-by", "source", "--quiet"]
    )
    assert result.exit_code == 0, result.output
    heat = _figure((corpus / "report.html").read_text(), "heatmap")
    assert ">$x^$<" in heat and ">costs $5 to $10<" in heat


def test_a_share_above_nought_never_reads_0_percent(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One subjective criterion among 201 clean rubrics and criteria: its heatmap cell, the
    worst rubric's share and the weight share read '<1%' and '<0.1%', where they read '0%'
    and '0.0%', as for a group nothing was flagged in (the corpus's writingbench file showed
    0% misaligned or rigid with one of its 222 rubrics flagged)."""
    (tmp_path / "rift-lint.toml").write_text('select = ["RL101"]\n')
    big = [("The answer is clear.", 1)] + [(f"Names moon number {n}.", 10) for n in range(200)]
    clean = [_record(f"r{n}", "s", [(f"Names planet {n}.", 10)]) for n in range(200)]
    (tmp_path / "many.jsonl").write_text("\n".join([_record("big", "s", big), *clean]) + "\n")
    monkeypatch.chdir(tmp_path)
    CliRunner().invoke(main, ["report", ".", "-o", "report.html", "--quiet"])
    page = (tmp_path / "report.html").read_text()
    heat = _figure(page, "heatmap")
    assert heat.count(">&lt;1%<") == 1 and ">0%<" not in heat
    assert "1 of 201 criteria flagged (&lt;1%)" in page
    assert '<div class="card"><b>&lt;0.1%</b>weight on flagged criteria</div>' in page
    weights = _figure(page, "weights")
    assert weights.count(">&lt;0.1%<") == 2  # subjective and any mode


def test_score_chart_tells_metrics_apart_without_colour_and_marks_undefined_ones(
    corpus: Path,
) -> None:
    """Precision, recall and F1 were told apart by colour alone (blue, green and red, which
    red-green colour blindness and a grey print lose), and an undefined figure drew no bar,
    like a 0: redundant_criteria, labelled once and flagged never, has no precision."""
    labels = corpus / "labels.jsonl"
    rubric = {
        "id": "x1",
        "prompt": "Explain tides.",
        "criteria": [
            {"id": "c1", "text": "The answer is clear.", "labels": ["subjective"]},
            {"id": "c2", "text": "Names the Moon.", "labels": []},
        ],
        "labels": ["redundant_criteria"],
    }
    labels.write_text(json.dumps(rubric) + "\n")
    result = CliRunner().invoke(
        main, ["report", "alpha.jsonl", "-o", "r.html", "--labels", str(labels), "-q"]
    )
    assert result.exit_code == 0, result.output
    page = (corpus / "r.html").read_text()
    assert "<td>redundant_criteria</td><td>rubric</td><td class='num'>1</td>" in page
    chart = _figure(page, "score-chart")
    assert chart.count(">n/a<") == 1  # the precision of redundant_criteria
    assert chart.count("<pattern ") == 2  # recall and F1 hatched, precision plain
    assert all(name in chart for name in (">precision<", ">recall<", ">F1<"))


def test_heatmap_rows_say_how_many_rubrics_their_shares_are_of(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A row's 100% may be one rubric or thousands: each row's rubric count stands at its
    right, under an axis named "rubrics" (the pooled row counts the rubrics it pools)."""
    (corpus / "gamma.jsonl").write_text(
        "\n".join(_record(f"g{n}", "gamma", [("Names the Moon.", 1)]) for n in range(1234)) + "\n"
    )
    monkeypatch.setattr(aggregate_module, "MAX_GROUPS", 2)
    CliRunner().invoke(main, ["report", ".", "-o", "report.html", "--quiet"])
    heat = _figure((corpus / "report.html").read_text(), "heatmap")
    assert ">gamma.jsonl<" in heat and ">other (2 groups)<" in heat
    counts = re.findall(r"<text[^>]*>([\d,]+)</text>", heat)
    assert counts == ["1,234", "3"]  # gamma, then alpha (2) and beta (1) pooled
    assert heat.count(">rubrics<") == 1


def test_findings_per_rule_name_each_rule_and_end_with_the_total(corpus: Path) -> None:
    """The table listed bare codes in code order; as `check --statistics` does, each row
    now names its rule, the most frequent rule comes first, and a last row gives the total."""
    (corpus / "gamma.jsonl").write_text(
        _record("g1", "gamma", [("The tone is engaging.", 1), ("Is clear.", 1)]) + "\n"
    )
    CliRunner().invoke(main, ["report", ".", "-o", "report.html", "--quiet"])
    page = (corpus / "report.html").read_text()
    table = page.split('<table id="counts">', 1)[1].split("</table>", 1)[0]
    assert table == (
        "<thead><tr><th>rule</th><th>name</th><th>findings</th></tr></thead><tbody>"
        '<tr><td class="code">RL101</td><td>subjective</td><td class="num">3</td></tr>'
        '<tr><td class="code">RL003</td><td>duplicate-criterion</td><td class="num">1</td></tr>'
        '</tbody><tfoot><tr><th colspan="2">total</th><td class="num">4</td></tr></tfoot>'
    )


def test_a_list_of_contents_links_to_every_section(corpus: Path) -> None:
    """The corpus page is some 13,000 pixels tall and its sections had no anchors: a reviewer
    scrolled to find the worst rubrics or the file-level findings. A list under the summary
    now links to every section's heading, in the page's order."""
    (corpus / "broken.json").write_text("{not json\n")
    CliRunner().invoke(main, ["report", ".", "gone.jsonl", "-o", "report.html", "--quiet"])
    page = (corpus / "report.html").read_text()
    contents = page.split('<nav id="contents">', 1)[1].split("</nav>", 1)[0]
    links = re.findall(r'<a href="#([\w-]+)">([^<]+)</a>', contents)
    headings = re.findall(r'<h2 id="([\w-]+)">([^<]+)</h2>', page)
    assert links == headings
    assert [text for _, text in links] == [
        "Failure-mode prevalence",
        "Weight on flagged criteria",
        "Findings per rule",
        "Worst rubrics",
        "Most frequent offending terms",
        "File-level findings",
        "Paths that could not be read",
    ]
    assert page.index('<nav id="contents">') < page.index("<h2 ")
