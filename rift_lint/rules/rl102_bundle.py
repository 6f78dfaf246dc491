"""What RL102's detectors share: the :class:`Bundle` they report, the :class:`Settings` of one
option set, and the closed-class words and number test that more than one detector reads.

The detectors live in :mod:`rift_lint.rules.rl102_lists` (item lists),
:mod:`rift_lint.rules.rl102_lengths` (length limits) and
:mod:`rift_lint.rules.rl102_predicates` (values, manners, predicates, sentences and "all the
requirements"); :mod:`rift_lint.rules.rl102_non_atomic` picks the largest bundle they find.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rift_lint.nlp.criterion_words import Tok

# Closed-class words (grammar, not vocabulary) read by more than one detector.
RELATIVE = frozenset({"that", "which", "who", "is", "are", "be", "was", "were"})
RELATIVE_PRONOUNS = frozenset({"that", "which", "who", "where"})
DETERMINERS = frozenset({"the", "these", "those", "both", "all", "its", "their", "each"})
_CARDINAL_WORDS = frozenset(
    {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twelve"}
)


@dataclass(frozen=True)
class Bundle:
    """Coordinated parts of one criterion: their char spans and how they were joined."""

    parts: tuple[tuple[int, int], ...]
    kind: str

    @property
    def start(self) -> int:
        """Where the first part starts."""
        return self.parts[0][0]


@dataclass(frozen=True)
class Settings:
    """The word lists and list sizes of one option set, read by the detectors (built once per
    rule)."""

    min_items: int  # items that make a list of requirements
    min_checklist_items: int  # items after "including" that make a checklist, not examples
    verbs: frozenset[str]  # requirement verbs ("explains", "recommends")
    markers: tuple[str, ...]  # what opens an example list ("e.g.", "such as")
    binomials: tuple[str, ...]  # fixed pairs that name one behaviour ("pros and cons")
    messages: frozenset[str]  # verbs that open a second message ("recommends", "noting")
    boundaries: frozenset[str]  # words that end a list's first item, requirement verbs too
    plain_boundaries: frozenset[str]  # the boundaries that are no requirement verb
    negations: frozenset[str]  # words of absence ("avoid", "without")
    facets: frozenset[str]  # facets of one judgement ("accuracy", "depth")
    everything: tuple[str, ...]  # phrases for every requirement at once ("all requirements")
    length_terms: tuple[str, ...]  # words of length ("word count", "length")
    length_units: frozenset[str]  # what a number counts in a length ("word", "page")


def cardinal(token: Tok) -> bool:
    """A number written with digits or as a small cardinal word (not "first", "second")."""
    return token.lower_ in _CARDINAL_WORDS or (
        token.like_num and any(char.isdigit() for char in token.text)
    )
