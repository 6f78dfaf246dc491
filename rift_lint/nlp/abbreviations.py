"""Abbreviations the tokenizer keeps whole, so that their full stop does not end a sentence.

spaCy's English tokenizer knows "e.g.", "etc." and "vs." but splits "al." in "et al.", and
"Fig." or "Eq." in papers' criteria, into a word and a full stop; the sentencizer then cuts a
criterion in the middle ("... for Sharma et al." / "(2020)'s study as 'Effective'."), and
rules that read one sentence at a time see half of it. The list is
``rift_lint/data/lexicons/abbreviations.txt``.
"""

from __future__ import annotations

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
