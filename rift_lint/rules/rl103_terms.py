"""RL103's verification words: the words of a criterion that ask the grader to decide whether
something with a knowable answer is right.

Matches of ``ungrounded_correctness.txt`` and ``ungrounded_verbs.txt`` in the criterion's body
(after any leading label, before any trailing justification) count, and "top 5 ...", less those
that ask for no such check: correctness of form ("valid JSON"), a purpose or instruction
following ("to provide accurate advice", "follows the format correctly"), a field after a
modifier ("cloud computing"), the accuracy of an explanation of general knowledge, a participle
that names a thing ("the calculated revenue"), a verb that names no act of the response, a
computation the work performs, words in brackets, and words in reference material the
criterion quotes (a definition, a table row).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rift_lint.nlp.criterion_layout import body_end, header_end, text_units, unit_at
from rift_lint.nlp.lexicon import term_set

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from rift_lint.nlp.matching import TermMatch

# A line that defines a word for the grader: "- A safe response is one that is accurate ...".
_DEFINITION = re.compile(
    r"^[^\w\n]*+(?:an?|the)\s[\w -]{1,40}?\s(?:is|are)\s"
    r"(?:(?:one|ones|those)\s(?:that|which|who)|defined as)\b",
    re.IGNORECASE | re.MULTILINE,
)
# Brackets and inline math, where a bar is a symbol rather than a table's cell border.
_ASIDES = re.compile(r"\([^()]*\)|\[[^\[\]]*\]|\$[^$]*\$")
_TOP = re.compile(r"\btop[- ]?\d", re.IGNORECASE)
_OBLIGATION = frozenset(
    [
        "fail",
        "fails",
        "failed",
        "failing",
        "able",
        "has",
        "have",
        "had",
        "tries",
        "try",
        "tried",
        "attempts",
        "attempt",
        "required",
        "expected",
        "ought",
    ]
)
DEMONSTRATIVES = frozenset({"the", "this", "these", "that", "those"})
DETERMINERS = DEMONSTRATIVES | {"a", "an", "its", "their", "his", "her", "each", "every"}
"""Words that open a noun phrase: the word after one names a thing (RL103's modules share
them)."""
_PREPOSITIONS = frozenset({"of", "for", "from", "with", "on", "to", "into", "between"})
_BEFORE_ATTRIBUTIVE = DETERMINERS | _PREPOSITIONS  # "the calculated revenue", "of calculated X"
_MODALS = frozenset({"can", "could", "may", "might"})
# Forms of "be" before a passive computation; not bare "be" ("can be derived" is a possibility).
_BE = frozenset({"is", "are", "was", "were", "been", "being"})
_METRIC_NOUNS = frozenset({"accuracy", "accuracies"})
_METRIC_REACH = 20  # tokens after "accuracy" in which a passive computation makes it a metric
_METRIC_LEFT = 5  # tokens before it in which a computation or a top-k rank does
_ABSOLUTE_REACH = 5  # tokens between "with" and its participle ("with the VRAM usage computed")
_METRIC_NAME_WORDS = 2  # words of a metric's name between a top-k rank and "accuracy"
# Words that compare a metric, stating the result to expect ("lower accuracy than TENT").
_COMPARISONS = frozenset(
    {"than", "outperform", "outperforms", "outperformed", "comparable", "higher", "lower"}
)
_PERFECT = frozenset({"has", "have", "had"})
_CLAUSE_ENDS = frozenset({".", ";", ":", "?", "!"})
_HOW_REACH = 4  # tokens before a verb's -s form in which "how" makes it a mechanism
# Words after a participle that make it a reduced relative clause naming a thing ("the
# gradients computed for DDPM", "the hierarchy computed using ResNet-18").
_RELATIVE_LINKS = frozenset(
    {"from", "for", "using", "with", "by", "via", "over", "across", "in", "on", "at", "during"}
)
_PROCEDURE_REACH = 6  # words after a verification verb in which "as" gives its procedure
_AS_MANNERS = frozenset({"appropriate", "necessary", "possible", "usual", "applicable"})
_PLAIN_ADVERBS = frozenset({"first", "then", "also", "now", "already", "again", "still"})
_TIME_LINKS = frozenset({"when", "while", "before", "after"})  # "when computing the loss"
_NOUN_PHRASE_REACH = 3  # words before a noun in which a determiner opens its phrase
_FIXING_FORMS = frozenset({"corrects", "corrected", "correcting"})  # never the adjective
_QUANTIFIERS = frozenset({"any", "all", "some", "both", "every", "each"})
_FIXED_OBJECT_OPENERS = DETERMINERS | _QUANTIFIERS  # "correct the calculation", "correct any"


@dataclass(frozen=True)
class VerificationTerm:
    """One word or phrase that asks the grader to check correctness."""

    start: int  # token index
    end: int
    start_char: int
    end_char: int
    text: str


def verification_terms(doc: Doc, text: str, matches: list[TermMatch]) -> list[VerificationTerm]:
    """Verification words of the criterion body, in text order (labels excluded).

    ``matches`` are the criterion's matches of the correctness words and verification verbs;
    ``text`` is ``doc.text``, which the caller has (building it from the doc is slow).
    """
    top = _has_top(text)
    if not matches and not top:
        return []
    start_at = header_end(text)
    stop_at = body_end(text)
    found = [
        VerificationTerm(m.span.start, m.span.end, m.start_char, m.end_char, m.span.text)
        for m in matches
        if start_at <= m.start_char
        and m.end_char <= stop_at
        and not _about_form(m.span)
        and not _incidental(m.span)
        and not _modifier(m.span)
        and not _descriptive(m.span)
        and not _attributive(m.span)
        and not _not_an_act(m.span)
        and not _computation(m.span)
        and not _in_name(m.span)
        and not _fixing(m.span)
        and not _in_brackets(text, m.start_char)
    ]
    for token in doc if top else ():
        if not start_at <= token.idx < stop_at or not token.lower_.startswith("top"):
            continue
        if token.lower_ == "top" and token.i + 1 < len(doc) and doc[token.i + 1].like_num:
            span = doc[token.i : token.i + 2]
        elif token.lower_.startswith("top-") and token.lower_[4:].isdigit():
            span = doc[token.i : token.i + 1]
        else:
            continue
        if _names_metric(doc, span.end):
            continue  # "Top-1 accuracy": the name of a metric, not a ranking to check
        found.append(
            VerificationTerm(span.start, span.end, span.start_char, span.end_char, span.text)
        )
    found.sort(key=lambda term: term.start_char)
    unique: list[VerificationTerm] = []
    for term in found:
        if not unique or term.start_char >= unique[-1].end_char:
            unique.append(term)
    if " | " not in text and _DEFINITION.search(text) is None:
        return unique  # no reference material: most criteria stop here
    units = text_units(doc)
    return [term for term in unique if not _reference(text, units, term.start_char)]


def _names_metric(doc: Doc, index: int) -> bool:
    """Whether a top-k rank ending before ``index`` names a metric: "accuracy" follows, a word
    or two of its name between ("Top-1 accuracy", "Top-1 test accuracy"; not "top 3 by
    accuracy")."""
    for token in doc[index : index + _METRIC_NAME_WORDS + 1]:
        if token.lemma_ in _METRIC_NOUNS:
            return True
        if not token.is_alpha or token.lower_ in _PREPOSITIONS or token.lower_ == "by":
            return False
    return False


def _has_top(text: str) -> bool:
    """Whether ``_TOP`` ("top 5", "top-10") occurs; ASCII text without "top" is not searched."""
    if text.isascii() and "top" not in text.lower():
        return False
    return _TOP.search(text) is not None


def _about_form(span: Span) -> bool:
    """Whether a correctness word is about form or style, not content.

    "valid JSON", "grammatically correct", "correctly formatted" are checkable without an
    answer key; "accurately captures the tone" is a judgement of style (subjective).
    """
    doc = span.doc
    after = [token for token in doc[span.end : span.end + 8] if not token.is_punct][:4]
    nearby = [*doc[max(0, span.start - 1) : span.start], *after]
    formats = term_set("ungrounded_checkable_formats")
    return any(token.lemma_ in formats or token.lower_ in formats for token in nearby)


def _incidental(span: Span) -> bool:
    """Whether a correctness word is incidental rather than something to verify.

    Two cases: a purpose clause ("asks for details to provide accurate advice", "to obtain
    the correct diagnosis"), and instruction following ("correctly adheres to the user's
    instructions", "follows the format correctly").
    """
    doc = span.doc
    first = span[0]
    compliance = term_set("ungrounded_compliance_verbs")
    neighbours = [doc[i] for i in (span.start - 1, span.end) if 0 <= i < len(doc)]
    if first.lower_.endswith("ly") and any(t.lemma_ in compliance for t in neighbours):
        return True
    if first.lower_.endswith("ly"):
        return False
    if first.lemma_ in term_set("ungrounded_verbs") and span.start >= 1:
        # "uses pandas to compute the totals": the check is on the method, not a value
        to = doc[span.start - 1]
        before = doc[span.start - 2].lower_ if span.start >= 2 else ""
        return to.lower_ == "to" and before not in _OBLIGATION
    window = doc[max(0, span.start - 4) : span.start]
    for token in window:
        if token.lower_ == "to" and token.i + 1 < span.start:
            before = doc[token.i - 1].lower_ if token.i else ""
            return before not in _OBLIGATION
    return False


def _descriptive(span: Span) -> bool:
    """Whether a correctness word judges an explanation of general knowledge rather than an
    answer: it modifies a word of ``ungrounded_description_words`` ("accurately describes",
    "accurately and vividly depicts", "an accurate definition"), skipping a coordinated
    modifier ("and vividly", "clear and")."""
    doc = span.doc
    first = span[0]
    if first.lemma_ in term_set("ungrounded_verbs"):
        return False
    index = span.end
    while index < min(len(doc), span.end + 3) and (
        doc[index].lower_ in {"and", ","} or doc[index].lower_.endswith("ly")
    ):
        index += 1
    return index < len(doc) and doc[index].lemma_ in term_set("ungrounded_description_words")


def _attributive(span: Span) -> bool:
    """Whether a verification verb's past participle only describes a noun after a determiner
    or a preposition ("the calculated revenue", "its corrected version", "the meaning of
    calculated values"): it names a thing, not a check."""
    first = span[0]
    doc = span.doc
    return (
        len(span) == 1
        and first.lower_.endswith("ed")
        and first.lemma_ in term_set("ungrounded_verbs")
        and first.i > 0
        and doc[first.i - 1].lower_ in _BEFORE_ATTRIBUTIVE
        and first.i + 1 < len(doc)
        and doc[first.i + 1].is_alpha
    )


def _not_an_act(span: Span) -> bool:
    """Whether a verification verb (``ungrounded_verbs``) names no act of the response to
    check: a capability ("whether supervised learning can solve it", "an equation students
    can solve"), a mechanism ("how CMMS software solves brewery challenges"), a thing named
    by a participle after a noun, or after a noun and a comma ("an abstract derived from any
    discipline", "the gradients computed for DDPM", "the score network computed in the final
    round", "the features, computed over a set of samples"), the procedure itself
    ("is computed as the cosine similarity of ..."), an activity named after a noun phrase,
    an artefact (``ungrounded_artefact_nouns``) or a time word ("the cost of computing X",
    "the code for computing X", "is used for computing X", "when computing the total loss")
    or a noun in a slash pair ("Compute/infrastructure cost")."""
    first = span[0]
    if first.lemma_ not in term_set("ungrounded_verbs"):
        return False
    doc = span.doc
    after = doc[span.end] if span.end < len(doc) else None
    if after is not None and after.text == "/" and not first.whitespace_:
        return True
    if (
        after is not None
        and after.lower_ in _RELATIVE_LINKS
        and first.lower_.endswith("ed")
        and _noun_before(doc, first.i)
    ):
        return True
    if _procedure_follows(doc, span.end):
        return True
    if first.lower_.endswith("ing") and first.i:
        before = doc[first.i - 1].lower_
        if before in _TIME_LINKS or (before == "of" and _after_noun(doc, first.i - 1)):
            return True
        artefacts = term_set("ungrounded_artefact_nouns")
        if before == "for" and first.i >= 2 and _tool(doc[first.i - 2], artefacts):
            return True
    if _word_before(doc, first.i) in _MODALS:
        return True
    return first.lower_.endswith("s") and any(
        token.lower_ == "how" for token in doc[max(0, first.i - _HOW_REACH) : first.i]
    )


def _tool(token: Token, artefacts: frozenset[str]) -> bool:
    """Whether a word before "for" makes what follows a tool's use: an artefact noun ("the
    code for computing X") or "used" ("the validation set is used for computing statistics")."""
    return token.lemma_.lower() in artefacts or token.lower_ == "used"


def _noun_before(doc: Doc, index: int) -> bool:
    """Whether a content word comes right before ``index``, or before a comma there ("the CLS
    token features, computed over a set of samples")."""
    before = index - 1
    if before >= 1 and doc[before].text == ",":
        before -= 1
    return before >= 0 and _content_word(doc[before])


def _procedure_follows(doc: Doc, index: int) -> bool:
    """Whether "as" follows a verification verb in its clause, within a few words: the
    criterion gives the procedure or the value ("computed as the cosine similarity of ...",
    "calculates the body mass index as weight divided by height squared"); not "as well" or
    "as needed"."""
    for token in doc[index : index + _PROCEDURE_REACH]:
        if token.text in _CLAUSE_ENDS or token.text == ",":
            return False
        if token.lower_ == "as":
            following = doc[token.i + 1] if token.i + 1 < len(doc) else None
            return following is not None and not _manner_after_as(following)
    return False


def _manner_after_as(token: Token) -> bool:
    """Whether the word after "as" makes a manner, not a procedure or value: "as well", "as
    needed", "as appropriate", "as usual"."""
    word = token.lower_
    if word in DETERMINERS:
        return False
    return token.is_stop or word.endswith(("ed", "ly")) or word in _AS_MANNERS


def _content_word(token: Token) -> bool:
    """Whether a token is a content word: alphabetic, no stop word, no -ly adverb."""
    return token.is_alpha and not token.is_stop and not token.lower_.endswith("ly")


def _after_noun(doc: Doc, index: int) -> bool:
    """Whether the word at ``index`` ("of") follows a noun phrase: a content word (an
    aside in brackets skipped, "the cost ($) of") with a determiner in the few words before it.
    """
    before = index - 1
    if before >= 0 and doc[before].text == ")":
        while before >= 0 and doc[before].text != "(":
            before -= 1
        before -= 1
    if before < 0 or not _content_word(doc[before]):
        return False
    window = doc[max(0, before - _NOUN_PHRASE_REACH) : before]
    return any(token.lower_ in DETERMINERS for token in window)


def _in_name(span: Span) -> bool:
    """Whether a verification word opens a capitalised name inside a sentence in lower case
    ("integration with the existing Compute Engine deployment"): it is capitalised, the word
    before it is in lower case and the word after it is capitalised."""
    first = span[0]
    doc = span.doc
    if first.i == 0 or first.i + 1 >= len(doc) or not first.is_title:
        return False
    return doc[first.i - 1].is_lower and doc[first.i + 1].is_title


def _computation(span: Span) -> bool:
    """Whether a verification word names a computation the work performs, not a value to
    check: a derivation verb (``ungrounded_verbs``) in the passive ("FID is computed on the
    validation set", "the accuracy has been calculated") or in a participle after a comma
    ("evaluated on ObjectNet, computing the accuracy") or in the perfect ("the output head
    has computed a distribution"), and "accuracy" as the name of a metric: before a metric
    word ("accuracy scores"), after a computation or a top-k rank ("computing and saving the
    Top-1 accuracy"), as the subject of a computation ("the accuracy of the baseline has been
    computed", "with the accuracy computed and saved", an aside in brackets between) or of a
    passive reporting verb (``ungrounded_metric_verbs``: "the dev set accuracy is reported"),
    or compared, which states the result to expect ("FOA has lower accuracy than TENT", "is
    more accurate than the others")."""
    first = span[0]
    doc = span.doc
    if first.lemma_ in term_set("ungrounded_verbs"):
        return (
            _passive(doc, first.i)
            or (first.lower_.endswith("ed") and _word_before(doc, first.i) in _PERFECT)
            or (first.lower_.endswith("ing") and first.i > 0 and doc[first.i - 1].text == ",")
            or _absolute(doc, first.i)
        )
    if _compared(doc, span):
        return True
    if first.lemma_ not in _METRIC_NOUNS:
        return False
    if span.end < len(doc) and doc[span.end].lemma_ in term_set("ungrounded_metric_words"):
        return True
    verbs = term_set("ungrounded_verbs")
    for token in reversed(doc[max(0, span.start - _METRIC_LEFT) : span.start]):
        if token.text in _CLAUSE_ENDS:
            break
        if token.lemma_ in verbs or _TOP.match(token.text):
            return True  # "computing and saving the Top-1 accuracy"
    reported = term_set("ungrounded_metric_verbs")
    for token in _outside_brackets(doc[span.end :], _METRIC_REACH):
        if token.text in _CLAUSE_ENDS:
            return False
        if token.lemma_ in verbs and (_passive(doc, token.i) or token.i == span.end):
            return True  # "the accuracy ... has been computed", "with the accuracy computed"
        if token.lemma_ in reported and _passive(doc, token.i):
            return True  # "the dev set accuracy is reported"
    return False


def _absolute(doc: Doc, index: int) -> bool:
    """Whether the word at ``index`` is the past participle of a "with" phrase that reports a
    step of the work ("evaluated on the test set, with the accuracy computed and saved")."""
    if not doc[index].lower_.endswith("ed"):
        return False
    for token in reversed(doc[max(0, index - _ABSOLUTE_REACH) : index]):
        if token.text in _CLAUSE_ENDS or token.text == ",":
            return False
        if token.lower_ == "with":
            return token.i < index - 1
    return False


def _compared(doc: Doc, span: Span) -> bool:
    """Whether an accuracy ("accuracy", or "accurate" after "more" or "less") is compared in
    its clause (``_COMPARISONS``)."""
    first = span[0]
    if first.lemma_ not in _METRIC_NOUNS and not (
        first.lower_ == "accurate" and first.i > 0 and doc[first.i - 1].lower_ in {"more", "less"}
    ):
        return False
    start = span.start
    while start > 0 and doc[start - 1].text not in _CLAUSE_ENDS:
        start -= 1
    end = span.end
    while end < len(doc) and doc[end].text not in _CLAUSE_ENDS:
        end += 1
    return any(token.lower_ in _COMPARISONS for token in doc[start:end])


def _outside_brackets(tokens: Span, limit: int) -> Iterator[Token]:
    """The first ``limit`` tokens of ``tokens`` that lie outside brackets, in order."""
    depth = 0
    for token in tokens:
        if token.text == "(":
            depth += 1
        elif token.text == ")" and depth:
            depth -= 1
        elif not depth:
            if limit == 0:
                return
            limit -= 1
            yield token


def _passive(doc: Doc, index: int) -> bool:
    """Whether the word at ``index`` is a past participle after a form of "be", adverbs
    between ("has been computed", "is automatically calculated")."""
    return doc[index].lower_.endswith("ed") and _word_before(doc, index) in _BE


def _word_before(doc: Doc, index: int) -> str:
    """The lower-case word before ``index``, skipping a hyphenated prefix ("re-computed")
    and adverbs ("is automatically calculated", "is first computed"; "" at the start)."""
    before = index - 1
    if before >= 1 and doc[before].text == "-" and not doc[before].whitespace_:
        before -= 2
    while before >= 0 and (
        doc[before].lower_.endswith("ly") or doc[before].lower_ in _PLAIN_ADVERBS
    ):
        before -= 1
    return doc[before].lower_ if before >= 0 else ""


def _fixing(span: Span) -> bool:
    """Whether "correct" is the verb "to fix" ("did the response correct the calculation",
    "corrects any errors", "corrected"), which asks for a repair, not a correctness check: an
    inflected form, or "correct" before a determiner or a quantifier."""
    if len(span) != 1 or span[0].lemma_ != "correct":
        return False
    word = span[0].lower_
    if word in _FIXING_FORMS:
        return True
    after = span.doc[span.end] if span.end < len(span.doc) else None
    return word == "correct" and after is not None and after.lower_ in _FIXED_OBJECT_OPENERS


def _in_brackets(text: str, position: int) -> bool:
    """Whether ``position`` lies inside parentheses: an aside or a list of examples ("root
    causes (failed drive, incorrect boot order)") names content, it asks for no check."""
    before = text[:position]
    return before.count("(") > before.count(")")


def _modifier(span: Span) -> bool:
    """Whether a verification verb (``ungrounded_verbs``) in its -ing form names a field after
    a modifier ("cloud computing", "problem solving", "problem-solving"), not an act to check:
    the word before it is a content word (not a stop word, an adverb or punctuation)."""
    first = span[0]
    if not first.lower_.endswith("ing") or first.i == 0:
        return False
    if first.lemma_ not in term_set("ungrounded_verbs"):
        return False  # "avoids hallucinating facts": a verification word after a verb
    before = span.doc[first.i - 1]
    if before.text == "-" and not before.whitespace_ and first.i >= 2:
        before = span.doc[first.i - 2]
    return _content_word(before)


def _reference(text: str, units: list[tuple[int, int]], char: int) -> bool:
    """Whether the unit holding ``char`` is reference material the criterion quotes rather
    than a check it asks for: a definition ("- A safe response is one that is accurate ...",
    "A precise answer is defined as ...") or a table row ("Type of context | Examples ...";
    a bar in brackets or math, "p(x | y)", "$a | b$", separates no cells)."""
    start, end = units[unit_at(units, char)]
    line = text[start:end]
    if " | " in line and " | " in _ASIDES.sub("", line):
        return True
    return _DEFINITION.search(line) is not None
