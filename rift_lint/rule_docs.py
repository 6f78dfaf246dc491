"""A rule's documentation as ``rift-lint rule`` prints it and as a SARIF ``help`` carries it:
its docstring's sections, its options with their defaults, and the same in Markdown."""

from __future__ import annotations

import re
import textwrap
from typing import Any

from rift_lint.rules.base import Rule
from rift_lint.toml_spelling import toml_value

_BOUNDS = (("ge", ">="), ("gt", ">"), ("le", "<="), ("lt", "<"))
_LITERAL = re.compile(r"``(.+?)``", re.DOTALL)
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")
_EXAMPLES = ("Bad", "Better")  # sections that hold a rubric written in YAML


def sections(documentation: str) -> tuple[str, list[tuple[str, str]]]:
    """The text before the first section (the summary), and each ``Title:`` section's title
    and body, dedented; a section's body is the indented block under its title."""
    intro: list[str] = []
    found: list[tuple[str, list[str]]] = []
    for line in documentation.splitlines():
        if line.endswith(":") and line[:1].isupper():
            found.append((line[:-1], []))
        elif found:
            found[-1][1].append(line)
        else:
            intro.append(line)
    bodies = [(title, textwrap.dedent("\n".join(body)).strip("\n")) for title, body in found]
    return "\n".join(intro).strip(), bodies


def section_paragraph(documentation: str, title: str) -> str:
    """The body of the ``title`` section joined into one paragraph ("" when there is none)."""
    body = dict(sections(documentation)[1]).get(title, "")
    return " ".join(body.split())


def option_lines(rule: type[Rule]) -> list[str]:
    """The rule's options as a configuration file writes them, with their defaults and any
    bounds as a TOML comment (``min-confidence = 0.5  # >= 0.0, <= 1.0``)."""
    return [
        f"{name.replace('_', '-')} = {toml_value(info.default)}{_bounds(info.metadata)}"
        for name, info in rule.Options.model_fields.items()
    ]


def _bounds(constraints: list[Any]) -> str:
    """A rule option's bounds as a TOML comment ("  # >= 2, <= 1"), or nothing."""
    found = [
        f"{sign} {getattr(constraint, attribute)}"
        for constraint in constraints
        for attribute, sign in _BOUNDS
        if getattr(constraint, attribute, None) is not None
    ]
    return f"  # {', '.join(found)}" if found else ""


def text_help(rule: type[Rule]) -> str:
    """The rule's documentation followed by its options, as ``rift-lint rule CODE`` prints
    them under its header."""
    options = option_lines(rule)
    listed = "\n\nOptions:\n" + "\n".join(f"    {line}" for line in options) if options else ""
    return rule.documentation() + listed


def markdown_help(rule: type[Rule]) -> str:
    """:func:`text_help` in Markdown: a heading per section, the prose as paragraphs (RST
    literals as code spans, other Markdown characters escaped), the Bad and Better rubrics as
    YAML blocks, and the options as the TOML table that sets them."""
    intro, bodies = sections(rule.documentation())
    parts = [_markdown_prose(intro)]
    for title, body in bodies:
        text = f"```yaml\n{body}\n```" if title in _EXAMPLES else _markdown_prose(body)
        parts += [f"## {title}", text]
    options = option_lines(rule)
    if options:
        table = "\n".join([f"[rules.{rule.code}]", *options])
        parts += [
            "## Options",
            f"With their defaults, in `rift-lint.toml` (`[tool.rift-lint.rules.{rule.code}]` "
            "in `pyproject.toml`):",
            f"```toml\n{table}\n```",
        ]
    return "\n\n".join(parts)


def _markdown_prose(text: str) -> str:
    """Prose paragraphs in Markdown, each on one line so that no wrapped line starts a list
    or a heading."""
    paragraphs = (" ".join(paragraph.split()) for paragraph in re.split(r"\n\s*\n", text))
    return "\n\n".join(_markdown_inline(paragraph) for paragraph in paragraphs if paragraph)


def _markdown_inline(text: str) -> str:
    """One paragraph with ````literal```` as a code span and Markdown's own characters
    escaped elsewhere, so ``"**Accuracy**:"`` shows its asterisks."""
    parts: list[str] = []
    last = 0
    for match in _LITERAL.finditer(text):
        parts.append(_MARKDOWN_SPECIAL.sub(r"\\\1", text[last : match.start()]))
        parts.append(_code_span(match.group(1)))
        last = match.end()
    parts.append(_MARKDOWN_SPECIAL.sub(r"\\\1", text[last:]))
    return "".join(parts)


def _code_span(code: str) -> str:
    """``code`` as a Markdown code span, fenced by more backticks than it holds in a row."""
    longest = max((len(run) for run in re.findall(r"`+", code)), default=0)
    fence = "`" * (longest + 1)
    padded = f" {code} " if code.startswith("`") or code.endswith("`") else code
    return f"{fence}{padded}{fence}"
