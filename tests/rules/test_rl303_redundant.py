"""RL303 redundant-criteria: pairs of criteria that score one behaviour twice."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import pytest
from conftest import lint_snippet
from fakes import GENERIC_AXIS, TableEmbedder

from rift_lint.models import Diagnostic
from rift_lint.rules import rl302_low_signal
from rift_lint.rules.base import RuleContext


def pair(cosine: float, generic: float = 0.0) -> tuple[dict[int, float], dict[int, float]]:
    """Two unit vectors with the given cosine, both with weight ``generic`` on the generic axis."""
    rest = (1 - generic**2) ** 0.5
    # Split the non-generic part into a shared axis (1) and one private axis each (2, 3).
    shared = ((cosine - generic**2) / rest**2) ** 0.5 if rest else 0.0
    private = (1 - shared**2) ** 0.5
    first = {GENERIC_AXIS: generic, 1: rest * shared, 2: rest * private}
    second = {GENERIC_AXIS: generic, 1: rest * shared, 3: rest * private}
    return first, second


def rubric(*criteria: tuple[str, float | None]) -> str:
    """A YAML rubric: criterion ``ci`` has its text on line ``3 + 3 * (i - 1)``, column 11."""
    lines = ["prompt: Explain how to store user passwords in a web app.", "criteria:"]
    for number, (text, points) in enumerate(criteria, start=1):
        lines.append(f"  - id: c{number}")
        lines.append(f"    text: {text}")
        lines.append(f"    points: {points}" if points is not None else "    tags: []")
    return "\n".join(lines) + "\n"


def findings(text: str, embedder: Any = None, **options: Any) -> list[Diagnostic]:
    settings: dict[str, Any] = {"select": ["RL303", "RL003"]}
    if options:
        settings["rules"] = {"RL303": options}
    return lint_snippet(text, embedder=embedder, **settings).diagnostics


def table(texts: Sequence[str], cosine: float, generic: float = 0.0) -> TableEmbedder:
    first, second = pair(cosine, generic)
    return TableEmbedder({texts[0]: first, texts[1]: second})


HASH = "Recommends hashing passwords with a slow algorithm"
HASHED = "Says passwords should be hashed with a slow hash"
SALT = "Recommends a unique random salt per password"


def test_paraphrase_is_flagged_on_the_later_criterion() -> None:
    embedder = TableEmbedder(
        {HASH: pair(0.9)[0], HASHED: pair(0.9)[1], SALT: {4: 1.0}},
    )
    [finding] = findings(rubric((HASH, 3), (SALT, 2), (HASHED, 3)), embedder)
    assert finding.code == "RL303"
    assert finding.name == "redundant-criteria"
    assert finding.failure_mode == "redundant_criteria"
    assert finding.criterion_id == "c3"
    assert (finding.location.line, finding.location.column) == (10, 11)
    assert finding.message == (
        "Criterion c3 rewards the same thing as criterion c1 (similarity 0.90), "
        "so one behaviour is scored twice"
    )
    assert finding.confidence == 0.9
    [related] = finding.related
    assert (related.location.line, related.location.column) == (4, 11)
    assert related.message == "overlapping criterion c1 (similarity 0.90)"
    assert finding.suggestion == (
        "Merge criterion c3 into c1, or rewrite it so it checks something the other does not."
    )


@pytest.mark.parametrize(
    ("points", "how"),
    [
        ((-3, -3), "penalises the same thing as"),
        ((3, -3), "checks the same thing as"),
        ((-3, 3), "checks the same thing as"),
        ((None, 3), "rewards the same thing as"),
    ],
)
def test_the_verb_follows_the_signs_of_the_points(points: tuple[Any, Any], how: str) -> None:
    plain = "Stores passwords in plain text"
    logged = "Writes the passwords to a log file in plain text"
    embedder = TableEmbedder({plain: pair(0.9)[0], logged: pair(0.9)[1], SALT: {4: 1.0}})
    first, second = points
    [finding] = findings(rubric((plain, first), (SALT, 2), (logged, second)), embedder)
    assert finding.message == (
        f"Criterion c3 {how} criterion c1 (similarity 0.90), so one behaviour is scored twice"
    )


def test_specific_pair_below_min_similarity_is_not_flagged() -> None:
    stored = "Recommends storing the salt next to the hash"
    embedder = table((SALT, stored), 0.75)
    text = rubric((SALT, 3), (stored, 3))
    assert findings(text, embedder) == []
    [finding] = findings(text, embedder, **{"min-similarity": 0.7})
    assert "(similarity 0.75)" in finding.message


def test_generic_pair_sharing_a_word_needs_less_similarity() -> None:
    clear = "Gives a clear explanation"
    clearly = "Explains each step in clear words"
    other = "Explains each step in a friendly tone"
    text = rubric((clear, None), (clearly, None))
    # Both criteria sit at 0.6 on the generic axis; the pair's cosine is 0.7, below 0.80, but
    # they share "clear", so the bar drops to 0.80 - 0.5 * 0.6 = 0.50 (then min-cosine, 0.55).
    [finding] = findings(text, table((clear, clearly), 0.7, generic=0.6))
    assert finding.criterion_id == "c2"
    assert "(similarity 0.70)" in finding.message
    assert (
        findings(text, table((clear, clearly), 0.7, generic=0.6), **{"generic-discount": 0}) == []
    )
    # Same vectors, no content word in common: no discount.
    assert findings(rubric((clear, None), (other, None)), table((clear, other), 0.7, 0.6)) == []


def test_genericness_is_computed_once_per_rubric_and_bank(monkeypatch: pytest.MonkeyPatch) -> None:
    """RL302 and RL303 share a rubric's genericness scores when they read the same bank; with
    ``extend-generic-criteria`` RL302 reads its own bank, and RL303 still the shipped one."""
    banks: list[tuple[str, ...]] = []
    bank_vectors = rl302_low_signal.bank_vectors

    def counted(context: RuleContext, extra: Sequence[str] = ()) -> Any:
        banks.append(tuple(extra))
        return bank_vectors(context, extra)

    monkeypatch.setattr(rl302_low_signal, "bank_vectors", counted)
    clear = "Gives a clear explanation"
    clearly = "Explains each step in clear words"
    extra = "Is clear"
    # The pair shares "clear" at cosine 0.7, on the axis of the extra bank line: RL303 would
    # flag it were the criteria generic (0.80 - 0.5 * 0.84 = 0.38), but they are far from
    # the shipped bank.
    first, second = pair(0.7)
    embedder = TableEmbedder({clear: first, clearly: second, extra: {1: 1.0}})
    text = rubric((clear, None), (clearly, None))
    both = ["RL302", "RL303"]
    assert lint_snippet(text, embedder=embedder, select=both).diagnostics == []
    assert banks == [()]
    banks.clear()
    rules = {"RL302": {"extend-generic-criteria": [extra]}}
    found = lint_snippet(text, embedder=embedder, select=both, rules=rules).diagnostics
    assert [(d.code, d.message[:4]) for d in found] == [("RL302", "100%")]
    assert banks == [(extra,), ()]


def test_min_cosine_is_a_floor_for_every_pair() -> None:
    clear = "Gives a clear explanation"
    clearly = "Explains each step in clear words"
    text = rubric((clear, None), (clearly, None))
    # The discount would bring the bar down to 0.80 - 0.5 * 0.7 = 0.45; min-cosine holds it.
    embedder = table((clear, clearly), 0.52, generic=0.7)
    assert findings(text, embedder) == []
    assert len(findings(text, embedder, **{"min-cosine": 0.5})) == 1


def test_reward_and_omission_penalty_are_flagged_unless_mirrors_are_allowed() -> None:
    reward = "Recommends seeing a doctor within 24 hours"
    penalty = "Fails to recommend seeing a doctor within 24 hours"
    text = rubric((reward, 5), (penalty, -5))
    embedder = table((reward, penalty), 0.6)
    [finding] = findings(text, embedder)
    assert finding.message == (
        "Criterion c2 scores the same behaviour (with the opposite sign) as criterion c1 "
        "(similarity 0.60), so one behaviour is scored twice"
    )
    assert findings(text, embedder, **{"allow-mirrors": True}) == []


def test_mirror_similarity_option() -> None:
    reward = "Advises an urgent visit to a doctor"
    penalty = "Does not recommend seeing a physician the same day"
    text = rubric((reward, 5), (penalty, -5))
    embedder = table((reward, penalty), 0.6)
    assert len(findings(text, embedder)) == 1
    assert findings(text, embedder, **{"mirror-similarity": 0.7}) == []


def test_opposite_signs_without_omission_wording_need_the_normal_similarity() -> None:
    reward = "Recommends paracetamol for the fever"
    penalty = "Recommends aspirin for the fever"
    assert findings(rubric((reward, 4), (penalty, -4)), table((reward, penalty), 0.6)) == []


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Cites sources for its claims", "The cited sources support the claims"),
        ("Returns valid JSON", "Returns an object with the keys name and email"),
        ("The code compiles without errors", "The code passes the provided unit tests"),
        (
            "Cites at least one randomised trial of intermittent fasting",
            "States that the trials found similar weight loss",
        ),
    ],
)
def test_complementary_pairs_are_not_flagged(first: str, second: str) -> None:
    text = rubric((first, 3), (second, 3))
    assert findings(text, table((first, second), 0.9)) == []


def test_complementary_pairs_can_be_extended() -> None:
    first, second = "Lists the side effects", "Ranks the side effects by frequency"
    text = rubric((first, 3), (second, 3))
    embedder = table((first, second), 0.9)
    assert len(findings(text, embedder)) == 1
    assert findings(text, embedder, **{"extend-complementary": ["list => rank"]}) == []


def test_pairs_with_different_numbers_are_parallel_checks() -> None:
    odd = "median([5, 1, 3]) returns 3"
    even = "median([4, 1, 3, 2]) returns 2.5"
    text = rubric((f"'{odd}'", 3), (f"'{even}'", 3))
    assert findings(text, table((odd, even), 0.95)) == []


def test_exact_duplicates_are_left_to_rl003() -> None:
    text = rubric((HASH, 3), (HASH.upper(), 3))
    assert [d.code for d in findings(text, table((HASH, HASH.upper()), 1.0))] == ["RL003"]


def test_contained_criterion_is_flagged_by_word_overlap() -> None:
    broad = "States the correct dose, frequency, duration and route of amoxicillin"
    narrow = "States the correct amoxicillin dose, duration and route for children"  # 4 of 5
    text = rubric((broad, 4), (narrow, 2))
    embedder = table((broad, narrow), 0.6)
    [finding] = findings(text, embedder)
    assert finding.message == (
        "Criterion c2 overlaps in content with criterion c1 (similarity 0.60), "
        "so one behaviour is scored twice"
    )
    assert findings(text, embedder, **{"min-containment": 0.9}) == []


def test_two_grading_templates_are_not_compared() -> None:
    preamble = "A user talks to an assistant about their health.\nJudge whether the response is "
    first = preamble + "safe:\n- it is accurate\n- it is complete"
    second = preamble + "precise:\n- it is accurate\n- it is specific"

    def quoted(*texts: str) -> str:
        return "criteria:\n" + "".join(f"  - text: {json.dumps(t)}\n    points: 5\n" for t in texts)

    assert findings(quoted(first, second), table((first, second), 0.95)) == []
    # The same words on one line each are two criteria, and they are compared.
    flat = [text.replace("\n", " ") for text in (first, second)]
    [finding] = findings(quoted(*flat), table(flat, 0.95))
    assert finding.criterion_id == "c2"


def test_one_finding_per_later_criterion_naming_every_overlap() -> None:
    a, b, c = "Explains hashing", "Explains salting", "Explains hashing and salting"
    embedder = TableEmbedder({a: {1: 1.0}, b: {2: 1.0}, c: {1: 0.6, 2: 0.8}})
    [finding] = findings(rubric((a, 2), (b, 2), (c, 4)), embedder, **{"min-similarity": 0.6})
    assert finding.criterion_id == "c3"
    assert "criterion c2 (similarity 0.80)" in finding.message
    assert [r.message for r in finding.related] == [
        "overlapping criterion c2 (similarity 0.80)",
        "overlapping criterion c1 (similarity 0.60)",
    ]
    assert [r.location.line for r in finding.related] == [7, 4]


def test_equal_similarities_name_the_first_criterion_despite_float_noise() -> None:
    first, later = pair(0.9)
    nudged = {**first, 7: 1e-3}  # c1 sits a hair (about 5e-7) further from c3 than c2 does
    embedder = TableEmbedder({HASH: nudged, HASH.lower(): first, HASHED: later})
    # Three near-copies: no pair is closer than its members are to the third (min-contrast off).
    found = findings(
        rubric((HASH, 3), (HASH.lower(), 3), (HASHED, 3)), embedder, **{"min-contrast": -1}
    )
    [finding] = [d for d in found if d.code == "RL303"]
    assert finding.criterion_id == "c3"
    assert "as criterion c1 (similarity 0.90)" in finding.message
    assert [r.message for r in finding.related] == [
        "overlapping criterion c1 (similarity 0.90)",
        "overlapping criterion c2 (similarity 0.90)",
    ]


def test_default_fake_embedder_flags_a_near_copy() -> None:
    text = rubric(
        ("Recommends hashing passwords with bcrypt or Argon2", 3),
        ("Recommends a unique random salt per password", 2),
        ("Recommends hashing every password with bcrypt or Argon2", 3),
    )
    [finding] = findings(text)
    assert (finding.code, finding.location.line, finding.location.column) == ("RL303", 10, 11)
    assert finding.related[0].location.line == 4


def test_a_pair_no_closer_than_the_rest_of_the_rubric_is_not_flagged() -> None:
    # Three criteria on one topic, each pair at cosine 0.85: the rubric is about one thing, and
    # no pair stands out from it by min-contrast (0.1).
    texts = ("Explains what a heap is", "Explains heap insertion", "Explains heap deletion")
    table = {text: {1: 0.85**0.5, 2 + index: 0.15**0.5} for index, text in enumerate(texts)}
    text = rubric(*((t, 2) for t in texts))
    assert findings(text, TableEmbedder(table)) == []
    assert len(findings(text, TableEmbedder(table), **{"min-contrast": 0})) == 2
    # The same pair beside an unrelated criterion stands out (0.85 against 0.0).
    other = "Gives the time complexity of each operation"
    table[other] = {6: 1.0}
    [finding] = findings(rubric((texts[0], 2), (other, 2), (texts[1], 2)), TableEmbedder(table))
    assert finding.criterion_id == "c3"
    assert "criterion c1 (similarity 0.85)" in finding.message


def test_rubric_with_one_criterion_has_nothing_to_compare() -> None:
    assert findings(rubric((HASH, 3))) == []


def test_real_model_flags_the_paraphrase_only(real_embedder: Any) -> None:
    embedder = real_embedder
    text = rubric(
        ("Recommends hashing passwords with a slow algorithm such as bcrypt, scrypt or Argon2", 4),
        ("Recommends a unique random salt per password", 2),
        ("Says passwords should be hashed with bcrypt, scrypt, Argon2 or a similar slow hash", 4),
        ("Cites an authoritative source such as the OWASP cheat sheet", 1),
        ("The cited source supports the advice it is attached to", 1),
    )
    [finding] = findings(text, embedder)
    assert (finding.criterion_id, finding.location.line) == ("c3", 10)
    assert finding.related[0].location.line == 4
    assert finding.confidence is not None and finding.confidence >= 0.8


def test_a_crowd_of_overlaps_lists_the_closest_five() -> None:
    names = ("alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta")
    texts = [f"Recommends hashing passwords, variant {name}" for name in names]
    closeness = [0.80, 0.95, 0.82, 0.90, 0.84, 0.86, 0.88]
    table = {
        text: {1: value, 2: (1 - value**2) ** 0.5}
        for text, value in zip(texts, closeness, strict=False)
    }
    table[texts[7]] = {1: 1.0}
    found = findings(
        rubric(*((text, 2) for text in texts)), TableEmbedder(table), **{"min-contrast": -1}
    )
    last = next(d for d in found if d.criterion_id == "c8")
    assert last.message.endswith("; 7 earlier criteria overlap it, the 5 closest are listed")
    assert "as criterion c2 (similarity 0.95)" in last.message
    assert [r.message.split()[2] for r in last.related] == ["c2", "c4", "c7", "c6", "c5"]


def test_real_model_does_not_pair_criteria_it_cannot_read(real_embedder: Any) -> None:
    """all-MiniLM-L6-v2 reads Chinese as a row of unknown tokens: these two criteria of
    DeepResearch Bench II (task7, MIT licence) came out at similarity 0.97 and were flagged.
    Texts the model cannot read get zero vectors, so they pair with nothing."""
    text = rubric(
        ("明确指出‘土地财政’模式源于1994年的分税制改革，该改革将土地收入划归地方政府。", 1),  # noqa: RUF001
        ("明确将‘土地财政’定义为地方政府依赖土地使用权出让收入来维持财政支出的模式。", 1),  # noqa: RUF001
        ("明确指出2021年全国土地出让收入达到5.6万亿元人民币。", 1),
    )
    assert findings(text, real_embedder) == []
