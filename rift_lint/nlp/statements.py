"""Where a criterion states content: the that-clause of a verb of saying ("states that the
dose is 5 mg", "tells the user that ..."; verbs in ``statement_verbs.txt``).

RL103 reads such a clause as the expected answer; RL201 reads a tool, format or length named in
it as content to report, not a demand on the response. RL102 skips addressees with
:func:`addressed` too ("asks the user if ...").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rift_lint.nlp.lexicon import term_set

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

ARTICLES = frozenset({"the", "a"})  # before an addressee: "tells the user that ..."
_MAX_GAP = 4  # words from the verb to "that": "clearly tells the user that"


def opens_statement(doc: Doc, that: Token) -> bool:
    """Whether "that" opens the content of a statement verb ("tells the user that ...")."""
    verbs = term_set("statement_verbs")
    index = that.i - 1
    for _ in range(_MAX_GAP):
        if index < 0:
            return False
        token = doc[index]
        if token.lemma_ in verbs or token.lower_ in verbs:
            return True
        if not (token.lower_.endswith("ly") or addressed(token.lower_)):
            return False
        index -= 1
    return False


def stated(doc: Doc, start: int, end: int) -> bool:
    """Whether the token at ``end`` lies in a statement's that-clause opened at or after
    ``start`` ("States that PX4 is written in C")."""
    return any(token.lower_ == "that" and opens_statement(doc, token) for token in doc[start:end])


def addressed(word: str) -> bool:
    """Whether a lower-case word names whom the response speaks to, or opens that name."""
    return word in ARTICLES or word in term_set("addressees")
