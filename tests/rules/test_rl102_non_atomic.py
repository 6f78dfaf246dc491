"""RL102 non-atomic: what the case file cannot check (tests/rules/cases/RL102.yaml)."""

from __future__ import annotations

import json

import pytest
from conftest import lint_snippet

from rift_lint.models import Diagnostic


def test_confidence_is_rounded_to_two_places() -> None:
    """A list of five items adds 0.05 per item beyond three to the list's 0.7: 0.8, not the
    0.7999999999999999 of the sum in floating point."""
    text = "criteria:\n  - text: Asks about sex, age, diet, sleep and weight.\n"
    [finding] = lint_snippet(text, select=["RL102"]).diagnostics
    assert finding.confidence == 0.8


def _findings(text: str) -> list[Diagnostic]:
    """RL102's findings on a rubric of one criterion ``text`` (JSON: the text may hold ": ")."""
    rubric = json.dumps({"criteria": [{"id": "c1", "text": text, "points": 1}]})
    return lint_snippet(rubric, name="rubric.json", select=["RL102"]).diagnostics


def test_thousands_of_items_that_each_hold_an_and_are_read_back_40_at_a_time() -> None:
    """3,000 items like "“wind and solar": each conjunction reads back at most 40 items that an
    earlier one read (reading them all took 36 s), so the largest list is the first 40 items
    with the 41st, whose "and" ends it."""
    [finding] = _findings("Lists the sources: " + "\u201cwind and solar, " * 3000 + "and hydro")
    assert finding.message.startswith(
        'Criterion c1 bundles 42 requirements in one scored item ("\u201cwind and solar", '
    )
    assert finding.message.endswith(
        '"\u201cwind and solar" and 37 more); a response meeting only some of them has no '
        "consistent score"
    )
    assert len(finding.highlights) == 41


def test_the_message_quotes_five_parts_and_counts_the_rest() -> None:
    [finding] = _findings("Names red, orange, yellow, green, blue, indigo and violet")
    assert finding.message == (
        'Criterion c1 bundles 7 requirements in one scored item ("red", "orange", "yellow", '
        '"green", "blue" and 2 more); a response meeting only some of them has no consistent '
        "score"
    )
    assert len(finding.highlights) == 6


def test_colons_in_quotes_of_thousands_of_items_are_looked_up_once() -> None:
    """The colon of each quoted "a: b" stays in its part; the colons and quotes of the text are
    found once for all parts (each part looked through all the quotes: seconds)."""
    [finding] = _findings("Lists " + 'wind "a: b" and solar, ' * 1000 + "and hydro")
    assert finding.message.startswith(
        "Criterion c1 bundles 42 requirements in one scored item ('wind \"a: b\" and solar', "
    )


def test_a_plain_list_is_read_whole_however_long() -> None:
    [finding] = _findings("Lists " + "wind, " * 3000 + "and hydro")
    assert finding.message.startswith("Criterion c1 bundles 3001 requirements in one scored item")


@pytest.mark.parametrize(
    "text",
    [
        "Lists " + " and ".join(["wind"] * 6000),  # each "and" read back to the start
        "Lists " + "in a is x and b, " * 4000 + "and z",  # opening phrases, each read back
        "Lists x " + "including a, " * 3000 + "and z",  # each list after "including" counted
    ],
    ids=["and-chain", "opening-phrases", "including"],
)
def test_long_chains_are_read_in_linear_time(text: str) -> None:
    """Each of these took seconds (quadratic time); none bundles requirements."""
    assert _findings(text) == []


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("Explains " + "x and explains y that " * 8000, '"Explains x", "explains y that x"'),
        ("Explains " + "x, noting y " * 6000, '"Explains x", "noting y x"'),
    ],
    ids=["predicates", "participles"],
)
def test_long_chains_of_predicates_are_read_in_linear_time(text: str, parts: str) -> None:
    """Each "and" or participle looked back to the clause start for its first verb, and each
    part of the long first predicate was searched whole for a dangling last word: seconds."""
    [finding] = _findings(text)
    assert finding.message == (
        f"Criterion c1 bundles 2 separately checkable actions in one scored item ({parts}); "
        "a response meeting only some of them has no consistent score"
    )
