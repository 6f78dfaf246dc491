"""Table columns, the rules shared by CSV files and Markdown pipe tables: which column holds
the criteria (and their descriptions), the points, the ids, the axis, the grouping into
rubrics and the score levels, found from the header's words; and the criterion or level that
one row gives.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from rift_lint.location import Location
from rift_lint.models import Criterion, Level
from rift_lint.parsing.build import POINTS_WITH_UNIT, parse_points, points_as_written
from rift_lint.source import TextOrigin

CRITERION_WORDS = (
    "criterion",
    "criteria",
    "requirement",
    "requirements",
    "rubric",
    "question",
    "questions",
    "item",
    "check",
    "description",
    "text",
    "dimension",
    "name",
)
CRITERIA = frozenset(CRITERION_WORDS)
DESCRIPTION_WORDS = frozenset({"description", "definition", "details", "explanation"})
# Criterion columns that hold a name ("Thesis") rather than a statement: a description column
# beside one holds the criterion's text.
NAME_WORDS = frozenset({"criterion", "criteria", "dimension", "name"})
POINTS_WORDS = frozenset({"points", "point", "pts", "weight", "score", "marks"})
LEVEL_WORDS = frozenset(
    {
        "excellent",
        "exemplary",
        "proficient",
        "developing",
        "beginning",
        "exceeds",
        "meets",
        "approaching",
        "strong",
        "adequate",
        "good",
        "fair",
        "poor",
        "satisfactory",
        "unsatisfactory",
        "novice",
        "emerging",
        "accomplished",
        "advanced",
        "basic",
        "below",
        "distinguished",
        "competent",
        "excelled",
        "attempted",
        "incomplete",
        "limited",
        "partial",
        "minimal",
        "outstanding",
        "weak",
        "sufficient",
        "insufficient",
        "mastery",
    }
)
_WORDS = re.compile(r"[a-z]+|\d+(?:\.\d+)?")
_RANGE = r"(\d++(?:\.\d++)?)(?:\s*+[-\u2013]\s*+(\d++(?:\.\d++)?))?"
_NUMERIC_LEVEL = re.compile(rf"(?:(?:level|band)\s*)?{_RANGE}")
# Possessive, and spaces inside a name only before more of it: a run of spaces split between
# the name, the spaces before "(" and the range made a long run quadratic or worse.
_NAMED_LEVEL = re.compile(rf"([a-z](?:[a-z/'-]|[ ]++(?=[a-z/'-]))*+)\s*+\(\s*+{_RANGE}\s*+\)")
_EMPHASIS = "*_`"
_ITEM_NUMBER = re.compile(r"#?\d+(?:\.\d+)*[.)]?")
_SHORT_LEVEL_NAME = 30
_LEVEL_ROW_NAMES = frozenset({"rating", "ratings", "level", "levels", "scale", "label", "labels"})
# A row or heading that totals the points above it, which grades nothing: "Total", "Totals",
# "Total points", "Grand total", "Total: 100", "Total (out of 100)", "Total score: 20 pts";
# not a criterion that opens with the word ("Total daily dose stays under 4 g").
_TOTAL = re.compile(
    r"[\W_]*+(?:(?:grand|overall)\s++)?totals?\b"
    r"(?:\s*+(?:points?|pts|score|marks?|possible|available|weight)\b)*+"
    r"(?:\([^()]*+\)|[\W\d_])*+(?:(?:points?|pts|marks?)\b[\W\d_]*+)?",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Cell:
    """One table cell: its stripped text and, when it has characters, their origin."""

    text: str
    origin: TextOrigin | None = None


@dataclass(frozen=True)
class Columns:
    """What each column of a table holds, found from its header."""

    criterion: int
    description: int | None = None
    points: tuple[int, ...] = ()
    levels: tuple[tuple[int, str, float | None], ...] = ()
    id: int | None = None
    axis: int | None = None
    group: int | None = None
    prompt: int | None = None
    ignore: int | None = None
    roles: frozenset[int] = field(default_factory=frozenset)

    def named_levels(self, cells: Sequence[Cell]) -> Columns:
        """These columns with level labels taken from a row that names the levels."""
        levels = tuple((index, cells[index].text, score) for index, _, score in self.levels)
        return replace(self, levels=levels)


def _words(header: str) -> list[str]:
    return _WORDS.findall(header.strip(_EMPHASIS + " ").lower().replace("_", " "))


def _level(header: str) -> tuple[str, float | None] | None:
    """The label and score of a score-level header, or ``None``."""
    name = header.strip(_EMPHASIS + "[] ").lower()
    numeric = _NUMERIC_LEVEL.fullmatch(name)
    if numeric:
        return header.strip(), float(numeric.group(2) or numeric.group(1))
    named = _NAMED_LEVEL.fullmatch(name)
    if named and not set(_words(named.group(1))) & (POINTS_WORDS | CRITERIA):
        return header.strip(), float(named.group(3) or named.group(2))
    words = set(_words(name))
    if 0 < len(words) <= 3 and words & LEVEL_WORDS and not words & (POINTS_WORDS | CRITERIA):
        return header.strip(), None
    return None


def numbered_columns(rows: Sequence[Sequence[str]]) -> frozenset[int]:
    """The columns whose filled cells, one at least, are all item numbers (``1``, ``2.``,
    ``#3``, ``1.2``) in ``rows`` (the texts of a table's cells, below its header)."""
    numbered: set[int] = set()
    texts: set[int] = set()
    for row in rows:
        for index, text in enumerate(row):
            if text:
                (numbered if _ITEM_NUMBER.fullmatch(text) else texts).add(index)
    return frozenset(numbered - texts)


def find_columns(header: Sequence[str], numbered: frozenset[int] = frozenset()) -> Columns | None:
    """The columns of a table from its header; ``None`` when no column holds criteria. A
    column of item numbers (``numbered``, see :func:`numbered_columns`) holds no criteria
    when another column the header names could."""
    roles: dict[str, int] = {}
    points: list[int] = []
    levels: list[tuple[int, str, float | None]] = []
    ranked: list[tuple[int, int]] = []
    described: list[int] = []
    for index, name in enumerate(header):
        words = _words(name)
        joined = "_".join(words)
        level = _level(name)
        if joined == "rift_lint":
            roles.setdefault("ignore", index)
        elif joined in {"rubric_id", "prompt_id", "task_id"}:
            roles.setdefault("group", index)
        elif joined == "prompt":
            roles.setdefault("prompt", index)
        elif words and (words[-1] == "id" or joined == "key"):
            roles.setdefault("id", index)
        elif level is not None:
            levels.append((index, *level))
        elif set(words) & POINTS_WORDS:
            points.append(index)
        elif joined in {"axis", "category"}:
            roles.setdefault("axis", index)
        else:
            ranks = [CRITERION_WORDS.index(word) for word in words if word in CRITERIA]
            if set(words) & DESCRIPTION_WORDS:
                described.append(index)
            elif ranks:
                ranked.append((min(ranks), index))
    ranked, described = _text_columns(ranked, described, numbered)
    description = None
    if ranked:
        criterion = min(ranked)[1]
        if described and set(_words(header[criterion])) & NAME_WORDS:
            description = described[0]
    elif described and set(_words(header[described[0]])) & CRITERIA:
        criterion = described[0]
    elif len(levels) >= 2 and levels[0][0] > 0:
        criterion = 0
        points = [index for index in points if index != criterion]
    else:
        return None
    return Columns(
        criterion=criterion,
        description=description,
        points=tuple(points),
        levels=tuple(levels),
        id=roles.get("id"),
        axis=roles.get("axis"),
        group=roles.get("group"),
        prompt=roles.get("prompt"),
        ignore=roles.get("ignore"),
        roles=frozenset({criterion, *points, *roles.values(), *(lv[0] for lv in levels)}),
    )


def _text_columns(
    ranked: list[tuple[int, int]], described: list[int], numbered: frozenset[int]
) -> tuple[list[tuple[int, int]], list[int]]:
    """The columns that may hold criteria (``ranked`` as (rank, index), and ``described``)
    without the ``numbered`` ones, when that leaves one; else all of them."""
    kept_ranked = [entry for entry in ranked if entry[1] not in numbered]
    kept_described = [index for index in described if index not in numbered]
    if kept_ranked or kept_described:
        return kept_ranked, kept_described
    return ranked, described


def _points(raw: str) -> float | None:
    """A cell's points: a number, alone or with its unit ("20%", "5 pts", "3 points"), as a
    list item's inline points are read; ``None`` for anything else."""
    cell = raw.strip()
    number = POINTS_WITH_UNIT.fullmatch(cell)
    return parse_points(number.group("n") if number else cell)


def row_criterion(
    columns: Columns, cells: Sequence[Cell], criterion_id: str, item_location: Location
) -> Criterion:
    """The criterion of one table row (``cells`` holds one cell per header column).

    With a description column beside the criterion column, a row's description is its text,
    and its criterion cell (a name such as "Thesis") its axis when no column gives one."""
    name = cells[columns.criterion]
    described = cells[columns.description] if columns.description is not None else Cell("")
    cell = described if described.text else name
    points = next((cells[i] for i in columns.points if cells[i].text), None)
    axis = cells[columns.axis].text if columns.axis is not None else ""
    if described.text and columns.axis is None:
        axis = name.text
    ignore_cell = cells[columns.ignore] if columns.ignore is not None else Cell("")
    identifier = cells[columns.id].text if columns.id is not None else ""
    raw, origin = (points.text, points.origin) if points else (None, None)
    points_location = origin.location() if origin else None
    return Criterion(
        id=identifier or criterion_id,
        text=cell.text,
        points=_points(raw) if raw is not None else None,
        points_raw=points_as_written(raw, points_location, origin.document) if origin else raw,
        points_location=points_location,
        levels=_grid_levels(columns, cells),
        axis=axis or None,
        ignore=[code for code in re.split(r"[,\s]+", ignore_cell.text) if code],
        ignore_location=ignore_cell.origin.location() if ignore_cell.origin else None,
        location=cell.origin.location() if cell.origin else item_location,
        item_location=item_location,
        origin=cell.origin,
    )


def _grid_levels(columns: Columns, cells: Sequence[Cell]) -> list[Level]:
    """One level per filled level column (``Excellent (4)``, ``4``...), labelled by its header."""
    return [
        Level(label=label, text=cells[i].text, score=score, origin=cells[i].origin)
        for i, label, score in columns.levels
        if cells[i].text
    ]


def row_levels(columns: Columns, cells: Sequence[Cell], number: int) -> list[Level]:
    """The levels a row with an empty criterion cell adds to the criterion above: its first
    text cell outside the known columns, labelled by the points cell (``number`` when the row
    has none), then one per filled level column, labelled by its header."""
    levels = _grid_levels(columns, cells)
    label = next((cells[i] for i in columns.points if cells[i].text), None)
    text = next(
        (cell for i, cell in enumerate(cells) if i not in columns.roles and cell.text), None
    )
    if text is None:
        return levels
    name = label.text if label else str(number)
    return [Level(label=name, text=text.text, score=_points(name), origin=text.origin), *levels]


def is_total(text: str) -> bool:
    """Whether ``text``, a table row's criterion cell or a heading's name, only labels the
    total of the points above it."""
    return _TOTAL.fullmatch(text.strip()) is not None


def is_total_row(columns: Columns, cells: Sequence[Cell]) -> bool:
    """Whether a table row only labels the total of the points above it: its criterion cell
    is a total (:func:`is_total`), or that cell is empty and the row's first filled cell is
    (``Total,,3`` under ``#,Criterion,Points``)."""
    text = cells[columns.criterion].text or next((cell.text for cell in cells if cell.text), "")
    return is_total(text)


def continues_header(columns: Columns, cells: Sequence[Cell]) -> bool:
    """Whether a row right below a table's header is the header's second row, as a
    spreadsheet's merged header cells leave it (``Criteria,Performance levels,,`` above
    ``,Excellent (4),Good (3),Fair (2)``): its criterion cell is empty, and its filled cells,
    two at least, all name score levels under header cells that name none (a row of level
    names under ``4,3,2,1`` is left to the rows' rules)."""
    levels = {index for index, _, _ in columns.levels}
    filled = [(index, cell.text) for index, cell in enumerate(cells) if cell.text]
    return (
        not cells[columns.criterion].text
        and len(filled) >= 2
        and all(index not in levels and _level(text) is not None for index, text in filled)
    )


def names_levels(columns: Columns, cells: Sequence[Cell]) -> bool:
    """Whether a row names the levels: ``Rating`` (or ``Level``...) then short level names."""
    names = [cells[index].text for index, _, _ in columns.levels]
    return (
        cells[columns.criterion].text.lower() in _LEVEL_ROW_NAMES
        and len(names) >= 2
        and all(0 < len(name) <= _SHORT_LEVEL_NAME and "." not in name for name in names)
    )
