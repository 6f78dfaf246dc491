"""The cheap view of a prompt that rules compare criteria with: its words, lemmas and numbers.

:func:`prompt_view` gives one :class:`PromptView` per distinct prompt text; RL201 and RL103
ask it whether the prompt mentions a word or states a number.
"""

from __future__ import annotations

import re
from functools import cached_property, lru_cache

from rift_lint.nlp.lemmas import table_lemma
from rift_lint.nlp.lexicon import term_set

_WORD = re.compile(r"[^\W_]+(?:[-'\u2019][^\W_]+)*")
_NUMBER = re.compile(r"(?<![0-9.,])[0-9]+(?:[.,][0-9]+)*")
_STRICT_BACKING = frozenset(
    [
        "only",
        "just",
        "exact",
        "exactly",
        "verbatim",
        "solely",
        "nothing",
        "strictly",
        "precisely",
        "merely",
    ]
)
_BACKING_WINDOW = 3


class PromptView:
    """What rules compare a criterion with: the prompt's words, lemmas and numbers.

    One view per distinct prompt text (cached by :func:`prompt_view`), each part computed on
    first use with a regular expression and the lemma lookup table: a 10,000-character prompt
    costs about a millisecond and is never run through the spaCy pipeline.
    """

    def __init__(self, text: str) -> None:
        self.text = text

    @cached_property
    def lower(self) -> str:
        """The prompt in lower case."""
        return self.text.lower()

    @cached_property
    def words(self) -> frozenset[str]:
        """Lower-case words of the prompt, their lemmas, and the parts of hyphenated words."""
        forms: set[str] = set()
        for word in set(_WORD.findall(self.lower)):
            forms.add(word)
            forms.add(table_lemma(word))
            if "-" in word:
                for part in word.split("-"):
                    forms.add(part)
                    forms.add(table_lemma(part))
        return frozenset(forms)

    @cached_property
    def numbers(self) -> frozenset[str]:
        """The numbers written in the prompt, normalised with :func:`normal_number`."""
        return numbers_in(self.text)

    @cached_property
    def limits_answer(self) -> bool:
        """Whether the prompt asks for a bare answer: a strictness word ("only", "just",
        "nothing") within ``_BACKING_WINDOW`` words of a word for the answer
        (``misaligned_answer_words.txt``: "answer with just the number"), not one that
        restricts something else ("just through manifesting")."""
        words = _WORD.findall(self.lower)
        answer_words = term_set("misaligned_answer_words")
        return any(
            word in _STRICT_BACKING
            and not answer_words.isdisjoint(
                words[max(0, index - _BACKING_WINDOW) : index + _BACKING_WINDOW + 1]
            )
            for index, word in enumerate(words)
        )

    def mentions(self, *forms: str) -> bool:
        """Whether any of ``forms`` (lower-case words, lemmas or phrases) occurs in the prompt."""
        for form in forms:
            if form in self.words:
                return True
            if (" " in form or not form.isalnum()) and form in self.lower:
                return True
        return False


_EMPTY_PROMPT = PromptView("")


def normal_number(text: str) -> str:
    """A number with thousands separators and trailing decimal zeros dropped."""
    text = re.sub(r"(?<=\d),(?=\d{3}\b)", "", text)
    return text.rstrip("0").rstrip(".") if "." in text else text


def numbers_in(text: str) -> frozenset[str]:
    """The numbers written in a text, normalised with :func:`normal_number`."""
    return frozenset(normal_number(match.group()) for match in _NUMBER.finditer(text))


@lru_cache(maxsize=64)
def prompt_view(prompt: str | None) -> PromptView:
    """The :class:`PromptView` of a prompt (cached per prompt text)."""
    return PromptView(prompt) if prompt else _EMPTY_PROMPT
