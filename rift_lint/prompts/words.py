"""Words, lemmas, lexicon terms and numbers of prompt and criterion text, without spaCy.

Text is cut into words with one regular expression and lemmatised with the blank pipeline's
lookup table, so that a long prompt is read in milliseconds; crude stems let "explain" meet
"explanation". Lexicon terms (``rift_lint/data/lexicons``) are matched as word or lemma
sequences, and number words and digits are read as plain values ("five", "1,000" and "2.50" as
"5", "1000" and "2.5").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from rift_lint.nlp.lemmas import table_lemma
from rift_lint.nlp.lexicon import adjusted, load_lexicon, variants
from rift_lint.prompts.view import normal_number

# A word, a number ("1,000", "2.5"), or a sign that makes a number a quantity ("%", "$", "°").
WORD = re.compile(r"\d+(?:[.,]\d+)+|[^\W_]+(?:['\u2019][^\W_]+)*|%|\$|€|£|°")
# Number words as the digits a count in them means ("a dozen": 12).
NUMBER_WORDS = {
    "one": "1",
    "two": "2",
    "three": "3",
    "four": "4",
    "five": "5",
    "six": "6",
    "seven": "7",
    "eight": "8",
    "nine": "9",
    "ten": "10",
    "eleven": "11",
    "twelve": "12",
    "thirteen": "13",
    "fourteen": "14",
    "fifteen": "15",
    "sixteen": "16",
    "seventeen": "17",
    "eighteen": "18",
    "nineteen": "19",
    "twenty": "20",
    "thirty": "30",
    "forty": "40",
    "fifty": "50",
    "hundred": "100",
    "thousand": "1000",
    "single": "1",
    "pair": "2",
    "couple": "2",
    "dozen": "12",
    "once": "1",
    "twice": "2",
    "thrice": "3",
}


@cache
def stop_words() -> frozenset[str]:
    """spaCy's English stop words."""
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


@cache
def lemma_of(lower: str) -> str:
    """The lemma the blank pipeline gives a lower-cased word (stop words and numbers kept)."""
    if lower in stop_words() or lower[:1].isdigit():
        return lower
    return table_lemma(lower)


def normalized(word: str) -> str:
    """A word lower-cased, with a typographic apostrophe made straight."""
    return word.lower().replace("\u2019", "'")


def words_of(text: str) -> list[str]:
    """The normalized words and numbers of a text, in order."""
    return [normalized(match.group()) for match in WORD.finditer(text)]


def lemmas_of(text: str) -> list[str]:
    """The lemmas of a text's words, in order."""
    return [lemma_of(word) for word in words_of(text)]


def stem(form: str) -> str:
    """A crude stem so that "explain" meets "explanation" and "organise" meets "organized"."""
    return form[:5] if len(form) > 5 and form.isalpha() else form


def forms_of(words: list[str]) -> frozenset[str]:
    """Every form a criterion's words can be matched by: word, lemma and their stems."""
    return frozenset(form for word in words for form in _word_forms(word))


@cache
def _word_forms(word: str) -> tuple[str, ...]:
    lemma = lemma_of(word)
    return (word, lemma, stem(word), stem(lemma))


@dataclass(frozen=True)
class Terms:
    """Lexicon terms as lemma (or word) tuples, indexed by first item for matching in sequences.

    A lexicon line may list variants separated by ``|``; ``groups`` maps each variant to all
    variants of its line.
    """

    by_first: dict[str, tuple[tuple[str, ...], ...]]
    groups: dict[tuple[str, ...], tuple[str, ...]]

    @classmethod
    def of(cls, terms: tuple[str, ...], lemmatize: bool = True) -> Terms:
        """Index lexicon lines, as lemmas or, without ``lemmatize``, as words."""
        index: dict[str, list[tuple[str, ...]]] = {}
        groups: dict[tuple[str, ...], tuple[str, ...]] = {}
        for term in terms:
            line_variants = variants(term)
            for variant in line_variants:
                key = tuple(lemmas_of(variant) if lemmatize else words_of(variant)) or (variant,)
                index.setdefault(key[0], []).append(key)
                groups[key] = line_variants
        by_first = {key: tuple(sorted(v, key=len, reverse=True)) for key, v in index.items()}
        return cls(by_first, groups)

    def match_at(self, lemmas: list[str], index: int) -> tuple[str, ...] | None:
        """The longest term starting at ``lemmas[index]``, or ``None``."""
        for term in self.by_first.get(lemmas[index], ()):
            if tuple(lemmas[index : index + len(term)]) == term:
                return term
        return None

    def find(self, lemmas: list[str]) -> list[tuple[int, tuple[str, ...]]]:
        """(index, term) of every match, left to right, without overlaps."""
        found: list[tuple[int, tuple[str, ...]]] = []
        after = 0
        by_first = self.by_first
        for index, lemma in enumerate(lemmas):
            if index < after or lemma not in by_first:
                continue
            term = self.match_at(lemmas, index)
            if term is not None:
                found.append((index, term))
                after = index + len(term)
        return found


@cache
def load_terms(
    name: str, extend: tuple[str, ...] = (), trim: tuple[str, ...] = (), lemmatize: bool = True
) -> Terms:
    """A lexicon's terms, with the lines of ``extend`` added, then every line with a variant in
    ``trim`` removed (cached: one index per lexicon and adjustment)."""
    removed = {term.lower() for term in trim}
    lines = [line for line in adjusted(name, extend) if not removed.intersection(variants(line))]
    return Terms.of(tuple(lines), lemmatize)


@cache
def word_set(name: str) -> frozenset[str]:
    """Every lemma of a lexicon's lines."""
    return frozenset(lemma for term in load_lexicon(name) for lemma in lemmas_of(term))


def number_value(word: str) -> str | None:
    """The value of the number a word opens with ("1,000" is 1000, "2.50" is 2.5), or ``None``
    when it opens with no number or an ambiguous one ("1.2.3", "3,5")."""
    digits = re.match(r"\d+(?:[.,]\d+)*", word)
    if digits is None or digits.group().count(".") > 1:
        return None  # not "1.2.3", nor "2.0.0", which dropping zeros would make "2.0"
    value = normal_number(digits.group())
    return value if re.fullmatch(r"\d+(?:\.\d+)?", value) else None  # not "3,5"
