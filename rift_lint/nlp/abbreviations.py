"""Abbreviations the tokenizer keeps whole, so that their full stop does not end a sentence.

spaCy's English tokenizer knows "e.g.", "etc." and "vs." but splits "al." in "et al.", and
"Fig." or "Eq." in papers' criteria, into a word and a full stop; the sentencizer then cuts a
criterion in the middle ("... for Sharma et al." / "(2020)'s study as 'Effective'."), and
rules that read one sentence at a time see half of it. The list is
``rift_lint/data/lexicons/abbreviations.txt``. :func:`ends_with_abbreviation` serves the
splitters that cut text into sentences with a regular expression instead.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from rift_lint.nlp.lexicon import load_lexicon

if TYPE_CHECKING:
    from spacy.language import Language


def keep_abbreviations(nlp: Language) -> None:
    """Add each shipped abbreviation, in lower case and capitalised, as a tokenizer special
    case of one token."""
    from spacy.symbols import ORTH

    for abbreviation in load_lexicon("abbreviations"):
        for form in {abbreviation, abbreviation.capitalize()}:
            nlp.tokenizer.add_special_case(form, [{ORTH: form}])


@cache
def _final_abbreviation() -> tuple[re.Pattern[str], int]:
    """The pattern of an abbreviation ending a text, and how far from the end it can start
    (the longest abbreviation, a newline after it and the character before it)."""
    abbreviations = load_lexicon("abbreviations")
    words = "|".join(re.escape(word) for word in abbreviations)
    pattern = re.compile(rf"(?<![\w.])(?:{words})$", re.IGNORECASE)
    return pattern, max(map(len, abbreviations)) + 2


def ends_with_abbreviation(text: str) -> bool:
    """Whether ``text`` ends with a shipped abbreviation ("... Sharma et al."), so that a
    sentence split after it would cut a sentence in two. Only the end of the text is
    searched, so a long text costs no more than a short one."""
    pattern, reach = _final_abbreviation()
    return pattern.search(text, max(0, len(text) - reach)) is not None
