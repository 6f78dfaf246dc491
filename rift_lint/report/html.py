"""The self-contained HTML page: inline CSS and SVG, no scripts, fonts or network requests."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from rift_lint import __version__
from rift_lint.evaluation.metrics import shown
from rift_lint.evaluation.table import score_notes
from rift_lint.report import plots
from rift_lint.report.aggregate import Finding, ReportData
from rift_lint.report.percent import percent
from rift_lint.reporters.concise import plural
from rift_lint.reporters.statistics import by_frequency

if TYPE_CHECKING:
    from rift_lint.evaluation.runner import Evaluation

STYLE = """
:root { color-scheme: light; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0 auto;
  max-width: 1100px; padding: 1.5rem; color: #1f2328; background: #fff; }
h1 { font-size: 1.6rem; margin: 0 0 .3rem; }
h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid #d0d7de; }
.summary { display: flex; flex-wrap: wrap; gap: .75rem; margin: 1rem 0; }
.card { border: 1px solid #d0d7de; border-radius: 6px; padding: .5rem .9rem; }
.card b { display: block; font-size: 1.3rem; }
figure { margin: 1rem 0; overflow-x: auto; }
figure svg { max-width: 100%; height: auto; }
table { border-collapse: collapse; margin: .5rem 0; }
th, td { border: 1px solid #d0d7de; padding: .25rem .55rem; text-align: left; vertical-align: top; }
th { background: #f6f8fa; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.rubric { border: 1px solid #d0d7de; border-radius: 6px; margin: 1rem 0; padding: .6rem .9rem;
  break-inside: avoid; }
.rubric h3 { font-size: 1rem; margin: 0 0 .4rem; }
.finding { margin: .5rem 0; }
.code { font-weight: 600; }
.sev-error { color: #b91c1c; } .sev-warning { color: #9a6700; } .sev-info { color: #0550ae; }
pre { background: #f6f8fa; padding: .4rem .6rem; margin: .25rem 0; white-space: pre-wrap;
  word-break: break-word; font: 12.5px/1.4 ui-monospace, SFMono-Regular, Menlo, monospace; }
mark.offending { background: #ffd7d5; color: #82071e; border-bottom: 2px solid #cf222e;
  padding: 0 1px; }
.terms { display: grid; grid-template-columns: repeat(auto-fill, minmax(250px, 1fr)); gap: 1rem; }
.muted { color: #57606a; }
nav a { color: #0550ae; }
@media print {
  body { max-width: none; padding: 0; font-size: 11px; }
  h2 { break-after: avoid; } figure, table { break-inside: avoid; }
  mark.offending { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""


def _finding(finding: Finding, with_path: bool = False) -> str:
    """A finding with its snippet; ``with_path`` names its file (outside a rubric's box)."""
    lines = []
    for snippet in finding.snippet:
        body = "".join(
            f'<mark class="offending">{escape(text)}</mark>' if marked else escape(text)
            for text, marked in snippet.parts
        )
        lines.append(f'<pre><span class="muted">{snippet.line:>5} | </span>{body}</pre>')
    where = f"{escape(finding.path)}:" if with_path else ""
    return (
        f'<div class="finding"><span class="code sev-{finding.severity}">{finding.code}</span> '
        f'<span class="muted">{where}{finding.line}:{finding.column} {finding.severity}</span> '
        f"{escape(finding.message)}{''.join(lines)}</div>"
    )


def _summary(data: ReportData) -> str:
    share = data.any_weight_share
    cards = [
        ("files", f"{data.files:,}"),
        ("rubrics", f"{data.rubrics:,}"),
        ("criteria", f"{data.criteria:,}"),
        ("findings", f"{sum(data.by_code.values()):,}"),
        ("weight on flagged criteria", "n/a" if share is None else escape(percent(share, 1))),
    ]
    if data.unreadable:
        cards.append(("paths not read", f"{len(data.unreadable):,}"))
    body = "".join(f'<div class="card"><b>{value}</b>{name}</div>' for name, value in cards)
    return f'<div class="summary">{body}</div>'


def _weights(data: ReportData) -> str:
    """The weight bars, or why there are none (no criteria, or only criteria of 0 points)."""
    if data.any_weight_share is None:
        return "<p>No criterion carries any weight (no criteria, or only 0-point ones).</p>"
    return plots.weight_bars(data.weight_share, data.any_weight_share)


def _counts(data: ReportData) -> str:
    """Findings per rule, named and ordered as ``check --statistics`` lists them, and the
    total."""
    rows = "".join(
        f'<tr><td class="code">{code}</td><td>{escape(data.rule_names[code])}</td>'
        f'<td class="num">{count:,}</td></tr>'
        for code, count in by_frequency(data.by_code)
    )
    total = (
        f'<tr><th colspan="2">total</th><td class="num">{sum(data.by_code.values()):,}</td></tr>'
    )
    return (
        '<table id="counts"><thead><tr><th>rule</th><th>name</th><th>findings</th></tr></thead>'
        f"<tbody>{rows}</tbody><tfoot>{total}</tfoot></table>"
    )


def _terms(data: ReportData) -> str:
    tables = []
    for code, terms in data.terms.items():
        rows = "".join(
            f'<tr><td><mark class="offending">{escape(term)}</mark></td>'
            f'<td class="num">{count:,}</td></tr>'
            for term, count in terms
        )
        tables.append(
            f"<table><thead><tr><th>{code}</th><th>count</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>"
        )
    return f'<div class="terms">{"".join(tables)}</div>'


def _worst(data: ReportData) -> str:
    if not data.worst:
        return '<p class="muted">No rubric has findings.</p>'
    blocks = []
    for row in data.worst:
        findings = "".join(_finding(finding) for finding in row.findings)
        dataset = f" · {escape(row.dataset)}" if row.dataset else ""
        hidden = row.total_findings - len(row.findings)
        if hidden:
            findings += f'<p class="muted">and {hidden:,} more findings in this rubric</p>'
        blocks.append(
            f'<section class="rubric"><h3>{escape(row.rubric_id)} '
            f'<span class="muted">{escape(row.path)}:{row.line}{dataset} · '
            f"{row.flagged_criteria} of {row.criteria} criteria flagged "
            f"({escape(percent(row.flagged_share))})</span></h3>"
            f"{findings}</section>"
        )
    return "".join(blocks)


def _evaluation(evaluation: Evaluation) -> str:
    scores = [score for score in evaluation.scores if score.support or score.predicted]
    rows = "".join(
        f"<tr><td>{s.mode}</td><td>{s.level}</td><td class='num'>{s.support}</td>"
        f"<td class='num'>{s.predicted}</td><td class='num'>{shown(s.precision)}</td>"
        f"<td class='num'>{shown(s.recall)}</td><td class='num'>{shown(s.f1)}</td>"
        f"<td class='num'>{shown(s.kappa)}</td></tr>"
        for s in scores
    )
    settings = "<br>".join(escape(line) for line in evaluation.settings.header())
    notes = "".join(
        f"<p>{escape(line)}</p>" for line in score_notes(evaluation.scores, evaluation.not_scored)
    )
    table = (
        f'<p class="muted" id="settings">{settings}</p>'
        '<table id="scores"><thead><tr><th>mode</th><th>level</th><th>support</th>'
        "<th>flagged</th><th>precision</th><th>recall</th><th>F1</th><th>kappa</th></tr>"
        f"</thead><tbody>{rows}</tbody></table>"
        f"<p>macro F1 {shown(evaluation.macro_f1)} · micro F1 {shown(evaluation.micro_f1)} · "
        f"labels: {escape(evaluation.labels_file)}</p>{notes}"
    )
    if not scores:
        return table
    return (
        f'{table}<figure id="score-chart">{plots.score_bars(scores)}</figure>'
        f'<figure id="confusion">{plots.confusion_grid(scores)}</figure>'
    )


def _unattached(data: ReportData) -> str:
    """The findings outside any rubric (a file or record that could not be read), each with
    its file, and how many more there are than shown."""
    shown = "".join(_finding(finding, with_path=True) for finding in data.unattached)
    hidden = data.unattached_total - len(data.unattached)
    more = f'<p class="muted">and {plural(hidden, "more file-level finding")}</p>' if hidden else ""
    return f'<div id="file-level">{shown}{more}</div>'


def _not_run(data: ReportData) -> str:
    """A note naming the modes none of whose rules ran, shown "not run" rather than 0%."""
    missing = [mode.name for mode in data.modes if mode.id not in data.modes_run]
    if not missing:
        return ""
    return (
        f'<p class="muted" id="not-run">Not run (no rule of theirs ran: not selected, or '
        f"needing embeddings under --no-embeddings): {escape(', '.join(missing))}.</p>"
    )


def _unreadable(data: ReportData) -> str:
    """The paths that could not be read, each with the reason."""
    items = "".join(
        f"<li><code>{escape(unreadable.path)}</code>: {escape(unreadable.reason)}</li>"
        for unreadable in data.unreadable
    )
    return f'<ul id="unreadable">{items}</ul>'


def _prevalence(data: ReportData) -> str:
    """The heatmap with the notes above it (what it shows, modes not run, the folder)."""
    modes = [mode.id for mode in data.modes]
    values = [[data.prevalence[group][mode] for mode in modes] for group in data.groups]
    labels = [group.removeprefix(data.folder) for group in data.groups]
    sizes = [data.group_rubrics[group] for group in data.groups]
    heat = plots.heatmap(labels, sizes, modes, values) if data.groups else "<p>No rubrics.</p>"
    folder = (
        f'<p class="muted" id="folder">Files under <code>{escape(data.folder)}</code>.</p>'
        if data.folder
        else ""
    )
    return (
        '<p class="muted">Share of rubrics with at least one finding of each mode.</p>'
        f'{_not_run(data)}{folder}<figure id="heatmap">{heat}</figure>'
    )


def _sections(data: ReportData, evaluation: Evaluation | None) -> list[tuple[str, str, str]]:
    """The page's sections, each as (anchor, heading, body), in the page's order."""
    sections = [
        ("prevalence", "Failure-mode prevalence", _prevalence(data)),
        (
            "weight",
            "Weight on flagged criteria",
            f'<figure id="weights">{_weights(data)}</figure>',
        ),
        ("rules", "Findings per rule", _counts(data)),
        ("worst-rubrics", "Worst rubrics", f'<div id="worst">{_worst(data)}</div>'),
        ("terms", "Most frequent offending terms", _terms(data)),
    ]
    if data.unattached:
        sections.append(("file-level-findings", "File-level findings", _unattached(data)))
    if data.unreadable:
        sections.append(("not-read", "Paths that could not be read", _unreadable(data)))
    if evaluation is not None:
        sections.append(("agreement", "Agreement with labels", _evaluation(evaluation)))
    return sections


def render_page(data: ReportData, title: str, evaluation: Evaluation | None = None) -> str:
    """The whole report as one HTML document: the title and summary, a list of contents
    linking to each section, then the sections."""
    sections = _sections(data, evaluation)
    contents = " · ".join(f'<a href="#{anchor}">{heading}</a>' for anchor, heading, _ in sections)
    body = "\n".join(
        [
            f"<h1>{escape(title)}</h1>",
            f'<p class="muted">rift-lint {__version__}</p>',
            _summary(data),
            f'<nav id="contents">{contents}</nav>',
            *(f'<h2 id="{anchor}">{heading}</h2>\n{part}' for anchor, heading, part in sections),
        ]
    )
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{STYLE}</style></head>"
        f"<body>\n{body}\n</body></html>\n"
    )
