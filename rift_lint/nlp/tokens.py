"""Small facts about token texts that more than one rule needs."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

    from rift_lint.nlp.criterion_words import Tok

HYPHENS = frozenset({"-", "\u2010", "\u2013"})
"""Hyphen-minus, hyphen and en dash as tokens: they join compounds ("well-known") and ranges
("300-500")."""

QUESTION_COPULAS = frozenset({"is", "are", "was", "were"})
"""Copulas that open a yes/no question about the response ("Is the answer clear, concise and
...?"): its subject comes before what is judged."""

DANGLING_WORDS = frozenset(
    {
        "a", "an", "the", "this", "that", "these", "those", "its", "their", "his", "her", "our",
        "your", "my", "each", "every", "some", "any", "no", "of", "to", "for", "in", "on", "at",
        "by", "with", "from", "as", "into", "onto", "about", "than", "between", "among", "via",
        "per", "like", "over", "under", "within", "without", "through", "toward", "towards",
        "upon", "across", "after", "before", "during", "against", "and", "or", "nor", "but",
        "which", "who", "whom", "whose", "where", "when", "is", "are", "was", "were", "be",
        "been",
    }
)  # fmt: skip
"""Grammar words a phrase quoted in a message never ends on: prepositions, articles,
determiners, conjunctions, relative words and forms of "be" ("the accrual rate as", "the
accuracy of", "6-bit models are")."""


def glued_full_stop(word: str) -> bool:
    """Whether ``word`` ends with a sentence's full stop that the tokenizer left on it.

    That happens after a capital or a digit ("Hepatitis B.", "GSM8K."); an abbreviation's own
    dots ("U.S.") are not a full stop to drop.
    """
    return (
        len(word) > 1
        and word.endswith(".")
        and (word[-2].isupper() or word[-2].isdigit())
        and "." not in word[:-1]
    )


def s_inflected(token: Token | Tok) -> bool:
    """Whether ``token`` is an -s form of its lemma: a plural noun ("steps") or a verb's third
    person ("asks"), which only the context tells apart."""
    return token.lower_.endswith("s") and token.lemma_ != token.lower_
