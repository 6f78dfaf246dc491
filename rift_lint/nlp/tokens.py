"""Small facts about token texts that more than one rule needs."""

from __future__ import annotations

HYPHENS = frozenset({"-", "\u2010", "\u2013"})
"""Hyphen-minus, hyphen and en dash as tokens: they join compounds ("well-known") and ranges
("300-500")."""

QUESTION_COPULAS = frozenset({"is", "are", "was", "were"})
"""Copulas that open a yes/no question about the response ("Is the answer clear, concise and
...?"): its subject comes before what is judged."""


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
