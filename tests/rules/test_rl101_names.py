"""RL101's names: which capitalised words mark a name, which the case file cannot show
(tests/rules/cases/RL101.yaml), as a name that stays one finds nothing before or after."""

from __future__ import annotations

import pytest

from rift_lint.nlp.pipeline import load
from rift_lint.rules.rl101_terms import name_tokens
from rift_lint.rules.rl101_tokens import Tokens


def _names(text: str, terms: set[str]) -> list[str]:
    """The words of ``text`` that :func:`name_tokens` reads as names, ``terms`` being the
    evaluative words the term lists would match."""
    doc = load(None)(text)
    tokens = Tokens(doc, text)
    spans = [(i, i + 1, word.lower()) for i, word in enumerate(tokens.text) if word in terms]
    return [tokens.text[i] for i in sorted(name_tokens(tokens, text, set(), spans))]


@pytest.mark.parametrize(
    ("text", "terms", "names"),
    [
        ("Recommends the Natural History Museum", {"Natural"}, ["Natural", "History", "Museum"]),
        ("Suggests watching Good Will Hunting", {"Good"}, ["Good", "Will", "Hunting"]),
        ("Praises the Clear Channel brand", {"Clear"}, ["Clear", "Channel"]),
        ("Uses Appropriate Tone", {"Appropriate"}, []),
        ("Evaluates the Quality of Evidence", {"Quality"}, []),
        ("The story is Engaging and Vivid", {"Engaging", "Vivid"}, []),
        ("The story is ENGAGING and uses the API", {"ENGAGING"}, ["API"]),
    ],
)
def test_capitals_mark_names_only_inside_a_sentence_in_lower_case(
    text: str, terms: set[str], names: list[str]
) -> None:
    """Names stay names in a sentence in lower case and after a lower-case word; Title Case
    and capitals on an evaluative word alone mark none."""
    assert _names(text, terms) == names
