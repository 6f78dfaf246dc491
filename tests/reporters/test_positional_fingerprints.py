"""Fingerprints do not hash the ids a reader numbers by position (``c3``, ``rubric-2``).

Inserting a criterion or a record above others renumbers such ids; the findings of the later
ones must keep their fingerprints, or a baseline reports them all as new.
"""

from __future__ import annotations

import hashlib
import json

import pytest
from conftest import lint_snippet

from rift_lint.models import Criterion, PositionalId, Rubric
from rift_lint.reporters.fingerprint import file_fingerprints
from rift_lint.source import SourceDocument

SUBJECTIVE = {"select": ["RL101"]}


def _prints(text: str, name: str) -> list[str]:
    """The fingerprints of the RL101 findings of ``text`` linted as the file ``name``."""
    return file_fingerprints(lint_snippet(text, name, **SUBJECTIVE))


def _jsonl(*records: tuple[str, list[str]]) -> str:
    return "".join(json.dumps({"prompt": p, "criteria": c}) + "\n" for p, c in records)


POEM = ("Write a poem", ["Uses an appropriate tone", "Gives a clear answer"])
TIDES = ("Explain tides", ["Uses an appropriate tone"])
CASES = {
    "yaml without ids": (
        "r.yaml",
        "criteria:\n  - text: Uses an appropriate tone\n  - text: Gives a clear answer\n",
        "criteria:\n  - text: Is well written\n  - text: Uses an appropriate tone\n"
        "  - text: Gives a clear answer\n",
    ),
    "markdown list": (
        "r.md",
        "# Essay\n\n- Uses an appropriate tone\n- Gives a clear answer\n",
        "# Essay\n\n- Is well written\n- Uses an appropriate tone\n- Gives a clear answer\n",
    ),
    "plain text": (
        "r.txt",
        "- Uses an appropriate tone\n- Gives a clear answer\n",
        "- Is well written\n- Uses an appropriate tone\n- Gives a clear answer\n",
    ),
    "csv": (
        "r.csv",
        "criterion,points\nUses an appropriate tone,2\nGives a clear answer,1\n",
        "criterion,points\nIs well written,1\nUses an appropriate tone,2\nGives a clear answer,1\n",
    ),
    "jsonl record": (
        "r.jsonl",
        _jsonl(POEM, TIDES),
        _jsonl(
            ("Describe a storm", ["Uses a vivid image", "Uses an appropriate tone"]), POEM, TIDES
        ),
    ),
    "healthbench criterion": (
        "hb.jsonl",
        '{"prompt": [{"role": "user", "content": "Is 39 C a fever?"}], "prompt_id": "p1", '
        '"rubrics": [{"criterion": "Uses an appropriate tone", "points": 2}, '
        '{"criterion": "Gives a clear answer", "points": 3}]}\n',
        '{"prompt": [{"role": "user", "content": "Is 39 C a fever?"}], "prompt_id": "p1", '
        '"rubrics": [{"criterion": "Is well written", "points": 1}, '
        '{"criterion": "Uses an appropriate tone", "points": 2}, '
        '{"criterion": "Gives a clear answer", "points": 3}]}\n',
    ),
}


@pytest.mark.parametrize(("name", "before", "after"), CASES.values(), ids=CASES.keys())
def test_inserting_an_item_above_keeps_the_fingerprints_of_later_findings(
    name: str, before: str, after: str
) -> None:
    old, new = set(_prints(before, name)), set(_prints(after, name))
    assert len(old) >= 2
    assert old < new


def test_editing_the_text_of_a_criterion_numbered_by_position_makes_its_finding_new() -> None:
    before = "criteria:\n  - text: Uses an appropriate tone\n"
    after = "criteria:\n  - text: Uses an appropriate register\n"
    [old], [new] = _prints(before, "r.yaml"), _prints(after, "r.yaml")
    assert new != old
    # The same edit keeps the finding of a criterion whose id the file writes.
    written = [
        _prints(text.replace("  - text:", "  - id: tone\n    text:"), "r.yaml")
        for text in (before, after)
    ]
    assert len(written[0]) == 1
    assert written[0] == written[1]


@pytest.mark.parametrize(
    ("text", "hashed"),
    [
        (
            "id: r1\ncriteria:\n  - id: tone\n    text: Uses  an\n      appropriate tone\n",
            "r.yaml|RL101|r1|tone|appropriate",
        ),
        (
            "id: r1\ncriteria:\n  - text: Uses  an\n      appropriate tone\n",
            "r.yaml|RL101|r1|Uses an appropriate tone|appropriate",
        ),
        (
            "criteria:\n  - id: tone\n    text: Uses an appropriate tone\n",
            "r.yaml|RL101||tone|appropriate",
        ),
        (
            "prompt: Write  a\n  poem\n"
            "criteria:\n  - id: tone\n    text: Uses an appropriate tone\n",
            f"r.yaml|RL101|{hashlib.sha256(b'Write a poem').hexdigest()}|tone|appropriate",
        ),
    ],
    ids=["ids written", "criterion numbered", "rubric numbered", "rubric numbered, prompt"],
)
def test_fingerprint_hashes_written_ids_and_else_the_content(text: str, hashed: str) -> None:
    result = lint_snippet(text, "r.yaml", **SUBJECTIVE)
    assert file_fingerprints(result) == [hashlib.sha256(hashed.encode()).hexdigest()]


def test_a_positional_id_is_recorded_on_the_model_and_not_dumped() -> None:
    document = SourceDocument("r.yaml", "x")
    location = document.span(0, 1)
    numbered = Criterion(id=PositionalId("c1"), text="a  b", location=location)
    written = Criterion(id="c1", text="a  b", location=location)
    assert (numbered.id_by_position, written.id_by_position) == (True, False)
    assert type(numbered.id) is str
    assert (numbered.fingerprint_key(), written.fingerprint_key()) == ("a b", None)
    assert "id_by_position" not in numbered.model_dump()
    rubric = Rubric(id=PositionalId("rubric-1"), source="r.yaml", location=location)
    assert rubric.fingerprint_key() == ""


def _paperbench(*leaves: tuple[str, str]) -> str:
    """A PaperBench tree (``rubric.json``) of one group holding ``leaves`` (id, text)."""
    nodes = [
        {"id": node_id, "requirements": text, "weight": 1, "sub_tasks": []}
        for node_id, text in leaves
    ]
    group = {"id": "group", "requirements": "Code", "weight": 1, "sub_tasks": nodes}
    return json.dumps(
        {"id": "paper", "requirements": "Reproduce", "weight": 1, "sub_tasks": [group]}
    )


def test_a_paperbench_leaf_is_shown_by_its_path_and_fingerprinted_by_its_node_id() -> None:
    """The tree path (1.2) is readable but renumbered by a leaf inserted above; the node id
    the file writes is stable under insertion and under edits of the leaf's text."""
    tone, clear = ("uuid-tone", "Uses an appropriate tone"), ("uuid-clear", "Gives a clear answer")
    result = lint_snippet(_paperbench(tone, clear), "rubric.json", **SUBJECTIVE)
    assert [d.criterion_id for d in result.diagnostics] == ["1.1", "1.2"]
    hashed = "rubric.json|RL101|paper|uuid-clear|clear"
    assert file_fingerprints(result)[1] == hashlib.sha256(hashed.encode()).hexdigest()
    inserted = _paperbench(("uuid-new", "Is well written"), tone, clear)
    edited = _paperbench(tone, ("uuid-clear", "Gives a clear and short answer"))
    old = _prints(_paperbench(tone, clear), "rubric.json")
    assert set(old) < set(_prints(inserted, "rubric.json"))
    assert _prints(edited, "rubric.json") == old


def test_paperbench_leaves_that_share_a_node_id_are_fingerprinted_by_their_text() -> None:
    """A copied leaf may keep its original's id, which then identifies neither."""
    shared = _paperbench(("same", "Uses an appropriate tone"), ("same", "Gives a clear answer"))
    hashed = [
        "rubric.json|RL101|paper|Uses an appropriate tone|appropriate",
        "rubric.json|RL101|paper|Gives a clear answer|clear",
    ]
    assert _prints(shared, "rubric.json") == [
        hashlib.sha256(text.encode()).hexdigest() for text in hashed
    ]
