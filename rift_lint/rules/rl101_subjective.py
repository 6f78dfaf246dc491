"""RL101 subjective."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from operator import add
from typing import TYPE_CHECKING, Any, ClassVar

from pydantic import Field

from rift_lint.models import Criterion, Diagnostic, Scope, Severity
from rift_lint.nlp.doccache import memo
from rift_lint.nlp.lexicon import adjusted
from rift_lint.nlp.matching import matcher_for
from rift_lint.rules.base import Rule, RuleContext, RuleOptions

if TYPE_CHECKING:
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Doc

EXACT = "="
"""A lexicon term written ``=word`` matches that exact word form instead of its lemma."""

_QUOTED = re.compile(
    '"[^"\n]+"|\u201c[^\u201d\n]+\u201d|\u2018[^\u2019\n]+\u2019'
    "|(?<![\\w'\u2019])'[^'\n]+'(?![\\w'\u2019])"
)
_PLACEHOLDER = re.compile(r"\{\{?[^{}\n]*\}\}?")  # template variables: {ideal}, {{answer}}
_DIGIT = re.compile(r"\d")
_RANGE = re.compile("\\d\\s*[-\u2010\u2013]\\s*\\d")
_HEADER = re.compile(r"^\s*(?:\*\*[^*\n]{1,80}\*\*\s*:?|(?P<plain>[^\s:.?!*][^:.?!\n]{0,60}):)\s")
_SMALL_WORDS = {"a", "an", "and", "of", "the", "to", "for", "in", "on", "with", "&", "/", "-"}
_THRESHOLD_MARKS = ("<", ">", "≤", "≥", "+", "%", "±", "~")
_NOUN_SUFFIXES = ("ity", "ness", "ance", "ence", "ism", "ion")
_DASHES = ("-", "\u2010", "\u2013")  # hyphen-minus, hyphen, en dash
_ARTICLES = {"a", "an"}
# Words that can open a reason clause ("because ...", ", as these are ..."), and the words
# that open its subject after ", as".
_REASON_OPENERS = frozenset({"because", "as"})
_REASON_SUBJECTS = frozenset({"the", "this", "these", "that", "those", "it", "they", "there"})
# A yes/no question about the response opens with a copula: "Is the answer professional?".
_COPULA_OPENINGS = frozenset({"is", "are", "was", "were"})
_CLAUSE_JOINS = {"and", "or"}  # after the first comma of a list they join its last item
_PHRASE_STARTS = {"but", "while", "whereas", "yet", "with", "without", "by", "which", "so"}
_LINKS = {"remain", "remains", "stay", "stays", "seem", "seems", "sound", "sounds", "look"}
_NAME_BLOCKERS = {":", '"', "\u201c", "(", "-", "*", "\u2022"}
_STRONG = 0.55  # weight of one evaluative term in the body of the criterion
_WEAK = 0.3  # a mild term, a manner adverb, or a term in a heading ("**Clarity**: ...")
_BOOST = 0.15  # an intensifier or degree word before the term ("highly original")
_DAMPING = 0.75  # factor per sign of concrete content elsewhere in the criterion
_LONG = 60  # content words from which a criterion reads as instructions with definitions
_WORDS_PER_TERM = 13  # content words per unanchored term from which content is spelled out
_REACH = 10  # tokens before an anchor that it explains
_AFTER = 4  # tokens after a quote or limit that it explains ('"Dear Sir" is appropriate')
_CONTENT_WINDOW = 12  # tokens after a cue read as its content

# Names of the lower-case word lists, merged into one PhraseMatcher.
_EXACT, _INTENSIFIER, _DEGREE, _CUE, _THRESHOLD, _CONTRAST, _RULE = (
    "exact",
    "intensifier",
    "degree",
    "cue",
    "threshold",
    "contrast",
    "rule",
)
# Names of the verb lists, merged into one lemma PhraseMatcher.
_REPORTING, _NAMING = "reporting", "naming"


class SubjectiveOptions(RuleOptions):
    """Options of RL101: adjust the word lists without editing the shipped files."""

    extend_terms: tuple[str, ...] = ()
    trim_terms: tuple[str, ...] = ()
    extend_mild_terms: tuple[str, ...] = ()
    trim_mild_terms: tuple[str, ...] = ()
    extend_intensifiers: tuple[str, ...] = ()
    trim_intensifiers: tuple[str, ...] = ()
    extend_degree_words: tuple[str, ...] = ()
    trim_degree_words: tuple[str, ...] = ()
    extend_anchor_cues: tuple[str, ...] = ()
    trim_anchor_cues: tuple[str, ...] = ()
    extend_threshold_cues: tuple[str, ...] = ()
    trim_threshold_cues: tuple[str, ...] = ()
    min_confidence: float = Field(default=0.5, ge=0.0, le=1.0)


@dataclass(frozen=True)
class _Term:
    """One evaluative word (with a preceding intensifier, if any) in a criterion."""

    start: int
    end: int
    start_char: int
    end_char: int
    text: str
    header: bool
    boosted: bool
    mild: bool
    manner: bool  # a manner adverb ("clearly asks about X"): the action is usually the check


@dataclass(frozen=True)
class _Lists:
    """The word lists of one option set."""

    terms: tuple[str, ...]
    exact_terms: tuple[str, ...]
    mild_terms: frozenset[str]
    intensifiers: tuple[str, ...]
    degree_words: tuple[str, ...]
    anchor_cues: tuple[str, ...]
    threshold_cues: tuple[str, ...]
    reporting_verbs: tuple[str, ...]
    naming_verbs: tuple[str, ...]
    contrast_cues: tuple[str, ...]
    rule_cues: tuple[str, ...]
    noun_senses: frozenset[str]


class Subjective(Rule):
    """A criterion rests on evaluative words that nothing pins down.

    What it flags:
        Judgement words such as "clear", "concise", "appropriate", "engaging", "thorough",
        "comprehensive", "high-quality", "well-organized" or "effectively", and degree words
        such as "overly technical" or "too long", that the criterion never explains. A word is
        anchored, and not flagged, when the same sentence explains it with an example list of
        concrete content ("e.g.", "such as", "including", "for example"), a definition
        ("clear, i.e. ..."), quoted expected content or a threshold ("under 150 words"), or
        when at least half of the criterion's score levels are concrete. Words in quotes or
        parentheses, in content the response must state ("states that ..."), naming what to
        avoid ("rather than vague claims"), or used as a noun or a name are not judgements of
        the response. A soft word beside concrete checkable content (named items, stated
        facts, a condition, many specific words) is decoration and lowers the confidence; the
        rule reports when the confidence reaches ``min-confidence`` (default 0.5). One finding
        per criterion sits on the first unanchored word and underlines the others.

        Word lists live in ``rift_lint/data/lexicons/subjective_*.txt``; the options
        ``extend-terms`` / ``trim-terms``, ``extend-mild-terms`` / ``trim-mild-terms``,
        ``extend-intensifiers`` / ``trim-intensifiers``, ``extend-degree-words`` /
        ``trim-degree-words``, ``extend-anchor-cues`` / ``trim-anchor-cues`` and
        ``extend-threshold-cues`` / ``trim-threshold-cues`` add or remove words.

    Why it hurts:
        Two careful graders reading the same response can disagree on whether it is "clear"
        or "engaging", so the score measures the grader as much as the answer.

    Bad:
        criteria:
          - text: The explanation is clear and engaging
            points: 3

    Better:
        criteria:
          - text: >-
              Every technical term (e.g. "wavelength", "molecule") is explained in everyday
              words in the same sentence
            points: 3
    """

    code = "RL101"
    name = "subjective"
    failure_mode = "subjective"
    scope = Scope.CRITERION
    default_severity = Severity.WARNING
    uses_nlp = True
    Options = SubjectiveOptions
    candidate_options: ClassVar[dict[str, Any]] = {"min_confidence": 0.0}

    def __init__(self, options: RuleOptions | None = None) -> None:
        super().__init__(options)
        opts = self.options
        assert isinstance(opts, SubjectiveOptions)
        self._min_confidence = opts.min_confidence
        self._matchers: dict[str | None, _Matchers] = {}
        strong = adjusted("subjective_terms", opts.extend_terms, _both(opts.trim_terms))
        mild = adjusted(
            "subjective_mild_terms", opts.extend_mild_terms, _both(opts.trim_mild_terms)
        )
        terms = tuple(dict.fromkeys(strong + mild))
        self._lists = _Lists(
            terms=tuple(t for t in terms if not t.startswith(EXACT)),
            exact_terms=tuple(t[1:].strip() for t in terms if t.startswith(EXACT)),
            mild_terms=frozenset(t.removeprefix(EXACT).strip() for t in mild),
            intensifiers=adjusted(
                "subjective_intensifiers", opts.extend_intensifiers, opts.trim_intensifiers
            ),
            degree_words=adjusted(
                "subjective_degree_words", opts.extend_degree_words, opts.trim_degree_words
            ),
            anchor_cues=adjusted(
                "subjective_anchor_cues", opts.extend_anchor_cues, opts.trim_anchor_cues
            ),
            threshold_cues=adjusted(
                "subjective_threshold_cues", opts.extend_threshold_cues, opts.trim_threshold_cues
            ),
            reporting_verbs=adjusted("subjective_reporting_verbs"),
            naming_verbs=adjusted("subjective_naming_verbs"),
            contrast_cues=adjusted("subjective_contrast_cues"),
            rule_cues=adjusted("subjective_rule_cues"),
            noun_senses=frozenset(adjusted("subjective_noun_senses")),
        )

    def check_criterion(self, criterion: Criterion, context: RuleContext) -> Iterator[Diagnostic]:
        """Flag the criterion's unanchored evaluative terms in one finding."""
        doc = context.doc(criterion)
        matchers = self._matchers.get(context.nlp_model)
        if matchers is None:  # hashing the word lists for the shared cache is not free
            matchers = self._matchers[context.nlp_model] = _matchers(self._lists, context.nlp_model)
        reading = memo(doc, (self.code, matchers), lambda: matchers.read(doc, criterion.text))
        if reading is None:
            return
        loose = [t for t in reading.terms if not reading.anchored(t)]
        if not loose:
            return
        confidence = _confidence(loose, reading.signals_for(loose))
        if confidence < self._min_confidence or matchers.levels_concrete(criterion):
            return  # the levels are read last: they need language processing of their own
        named = list(dict.fromkeys(t.text.lower() for t in loose))
        words = ", ".join(f'"{word}"' for word in named)
        several = len(named) > 1
        first, *rest = loose
        yield self.diagnostic(
            criterion.span(first.start_char, first.end_char),
            f"Criterion {criterion.id} relies on unanchored evaluative "
            f"{'terms' if several else 'term'}: {words}; graders will disagree on what meets "
            + ("them" if several else "it"),
            rubric=context.rubric,
            criterion=criterion,
            suggestion=(
                f'Pin down "{named[0]}": list the concrete content expected (e.g. ...), give a '
                "threshold or a definition (i.e. ...), or describe concrete score levels."
            ),
            confidence=confidence,
            highlights=[criterion.span(t.start_char, t.end_char) for t in rest],
        )


class _Tokens:
    """Token attributes of one doc as plain lists, read with one ``Doc.to_array`` call.

    Rules iterate over these lists instead of the doc: spaCy builds a new Token object on
    every access, which dominates the cost of a criterion.
    """

    __slots__ = (
        "content",
        "idx",
        "like_num",
        "lower",
        "number",
        "segment",
        "sent_start",
        "space",
        "text",
    )

    def __init__(self, doc: Doc, source: str) -> None:
        """Read ``doc``, whose text is ``source`` (``doc.text`` would build every token)."""
        from spacy.attrs import IDX, IS_ALPHA, IS_STOP, LENGTH, LIKE_NUM, SENT_START

        array = doc.to_array([IDX, LENGTH, IS_ALPHA, IS_STOP, LIKE_NUM, SENT_START])
        idx, length, alpha, stop, like_num, sent_start = array.T.tolist()
        ends = list(map(add, idx, length))
        self.idx: list[int] = idx
        self.text: list[str] = list(map(source.__getitem__, map(slice, idx, ends)))
        self.lower: list[str] = [text.lower() for text in self.text]
        # alphabetic, not a stop word, longer than one letter
        self.content: list[bool] = [
            bool(a) and not s and n > 1 for a, s, n in zip(alpha, stop, length, strict=True)
        ]
        self.like_num: list[bool] = list(map(bool, like_num))
        # like a number, or containing a digit (no token has one when the text has none)
        self.number: list[bool] = self.like_num[:]
        if _DIGIT.search(source):
            for i, text in enumerate(self.text):
                self.number[i] = self.number[i] or _DIGIT.search(text) is not None
        self.sent_start: list[bool] = [start == 1 for start in sent_start]
        starts = [*idx[1:], len(source)]
        self.space: list[str] = list(map(source.__getitem__, map(slice, ends, starts)))
        self.segment: list[int] = []  # sentence number, split again at semicolons
        segment = 0
        for i, text in enumerate(self.text):
            if i and self.sent_start[i]:
                segment += 1
            self.segment.append(segment)
            if text == ";":
                segment += 1

    def __len__(self) -> int:
        return len(self.text)

    def end_char(self, i: int) -> int:
        """Character offset just past token ``i``."""
        return self.idx[i] + len(self.text[i])


@dataclass
class _Reading:
    """What RL101 sees in one text: evaluative terms, anchors and signs of concrete content."""

    terms: list[_Term]
    anchors: list[tuple[int, int]]
    segments: list[int]
    signals: list[str]
    words: int

    def signals_for(self, loose: list[_Term]) -> list[str]:
        """Signs of concrete content, including many content words per unanchored term."""
        body = sum(1 for term in loose if not term.header)
        if body and self.words >= _WORDS_PER_TERM * body:
            return [*self.signals, "spells out content"]
        return self.signals

    def anchored(self, term: _Term) -> bool:
        """Whether an anchor in the term's segment follows it closely or covers it.

        An anchor ``(start, end)`` explains the words just before it and the words up to
        ``end`` (the last concrete word of its content, a few words past a quote or limit).
        """
        segment = self.segments[term.start]
        for start, end in self.anchors:
            if self.segments[start] != segment:
                continue
            if term.end <= start < term.end + _REACH or start <= term.start < end:
                return True
        return False


class _Matchers:
    """The compiled matchers of one option set and pipeline (built once, then cached)."""

    def __init__(self, lists: _Lists, model: str | None) -> None:
        self.model = model
        self.lists = lists
        self.term_matcher = matcher_for(lists.terms, model) if lists.terms else None
        self.words = _labelled_matcher(
            (
                (_EXACT, lists.exact_terms),
                (_INTENSIFIER, lists.intensifiers),
                (_DEGREE, lists.degree_words),
                (_CUE, lists.anchor_cues),
                (_THRESHOLD, lists.threshold_cues),
                (_CONTRAST, lists.contrast_cues),
                (_RULE, lists.rule_cues),
            ),
            "LOWER",
            model,
        )
        self.verbs = _labelled_matcher(
            ((_REPORTING, lists.reporting_verbs), (_NAMING, lists.naming_verbs)), "LEMMA", model
        )

    def read(self, doc: Doc, text: str) -> _Reading | None:
        """The reading of a criterion text, or ``None`` when it has no evaluative word."""
        words = _find(self.words, doc)
        spans = self._term_spans(doc, words)
        if not spans:
            return None
        tokens = _Tokens(doc, text)
        verbs = _find(self.verbs, doc)
        skipped, stated = self._skipped(doc, text, tokens, words, verbs)
        anchors = self._anchors(doc, text, tokens, spans, words)
        terms = self._terms(text, tokens, spans, skipped, words)
        signals = []
        if stated:
            signals.append("states content")
        if anchors:
            signals.append("gives examples or limits")
        if words[_RULE]:
            signals.append("states a condition")
        if _names(tokens, text, skipped) >= 2:
            signals.append("names things")
        content = sum(tokens.content)
        if content > _LONG:
            signals.append("long instructions")
        return _Reading(terms, anchors, tokens.segment, signals, content)

    # -- evaluative terms -----------------------------------------------------------------

    def _term_spans(
        self, doc: Doc, words: dict[str, list[tuple[int, int, str]]]
    ) -> list[tuple[int, int, str]]:
        """Every evaluative-term match, in text order, overlaps resolved to the longest.

        A degree word before a content word that is no term makes a term of the pair
        ("overly technical").
        """
        found = list(words[_EXACT])
        if self.term_matcher is not None:
            found += [(m.span.start, m.span.end, m.term) for m in self.term_matcher.find(doc)]
        if words[_DEGREE]:
            starts = {start for start, _, _ in found}
            for start, end, word in words[_DEGREE]:
                following = doc[end] if end < len(doc) else None
                if end not in starts and following is not None and _is_content(following):
                    found.append((start, end + 1, word))
        if not found:
            return []
        found.sort(key=lambda item: (item[0], -(item[1] - item[0])))
        spans = []
        last_end = -1
        for start, end, term in found:
            if start >= last_end:
                spans.append((start, end, term))
                last_end = end
        return spans

    def _terms(
        self,
        text: str,
        tokens: _Tokens,
        spans: list[tuple[int, int, str]],
        skipped: set[int],
        words: dict[str, list[tuple[int, int, str]]],
    ) -> list[_Term]:
        """Evaluative words that judge the response (not quoted, stated or contrasted)."""
        boosters = {end for _, end, _ in words[_INTENSIFIER]}
        boosters.update(end for _, end, _ in words[_DEGREE])
        header_end = _header_end(text)
        found: list[_Term] = []
        for start, end, term in spans:
            if (
                start in skipped
                or _compound_tail(tokens, start)
                or _purpose(tokens, start, end)
                or _named(tokens, start, header_end)
                or (term in self.lists.noun_senses and _noun_use(tokens, start, end))
            ):
                continue
            first = start - 1 if start in boosters else start
            if found and found[-1].start == first:
                found.pop()  # "sufficiently" + "detailed": one term, "sufficiently detailed"
            start_char, end_char = tokens.idx[first], tokens.end_char(end - 1)
            found.append(
                _Term(
                    start=first,
                    end=end,
                    start_char=start_char,
                    end_char=end_char,
                    text=text[start_char:end_char],
                    header=tokens.idx[start] < header_end,
                    boosted=first != start,
                    mild=term in self.lists.mild_terms,
                    manner=_manner(tokens, first, end),
                )
            )
        return found

    def _skipped(
        self,
        doc: Doc,
        text: str,
        tokens: _Tokens,
        words: dict[str, list[tuple[int, int, str]]],
        verbs: dict[str, list[tuple[int, int, str]]],
    ) -> tuple[set[int], bool]:
        """Tokens in quotes, placeholders or parentheses, in stated content, after a
        contrast ("rather than") or in a reason (", as the request is confusing"); and
        whether the text states or names content."""
        skipped: set[int] = set()
        for pattern in (_QUOTED, _PLACEHOLDER):
            for match in pattern.finditer(text):
                span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
                if span is not None:
                    skipped.update(range(span.start, span.end))
        depth = 0
        for i, token_text in enumerate(tokens.text):
            if token_text == "(":
                depth += 1
            elif token_text == ")":
                depth = max(0, depth - 1)
            elif depth:
                skipped.add(i)
        starts = [end for _, end, _ in words[_CONTRAST]]
        starts.extend(
            i + 1
            for i, word in enumerate(tokens.lower)
            if word in _REASON_OPENERS and _gives_reason(tokens, i)
        )
        stated = bool(verbs[_NAMING])
        for _, end, _ in verbs[_REPORTING]:
            for i in range(end, min(end + 5, len(tokens))):
                if tokens.lower[i] == "that":
                    starts.append(i + 1)
                    stated = True
                    break
        segment = tokens.segment
        for start in starts:
            for i in range(start, len(tokens)):
                if segment[i] != segment[start - 1]:
                    break
                skipped.add(i)
        return skipped, stated

    # -- anchors --------------------------------------------------------------------------

    def _anchors(
        self,
        doc: Doc,
        text: str,
        tokens: _Tokens,
        spans: list[tuple[int, int, str]],
        words: dict[str, list[tuple[int, int, str]]],
    ) -> list[tuple[int, int]]:
        """Token ranges that pin nearby terms down: concrete examples, quotes, limits."""
        found: list[tuple[int, int]] = []
        term_tokens = {i for start, end, _ in spans for i in range(start, end)}
        for start, end, _ in words[_CUE]:
            content_end = _concrete_after(tokens, end, term_tokens)
            if content_end:
                found.append((start, content_end))
        for i, token_text in enumerate(tokens.text):
            if token_text == "(":
                content_end = _concrete_after(tokens, i + 1, term_tokens, closing=")")
                if content_end:
                    found.append((i, content_end))
        for match in _QUOTED.finditer(text):
            span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
            if span is not None and any(ch.isalpha() for ch in match.group()):
                found.append((span.start, span.end + _AFTER))
        thresholds = {end for _, end, _ in words[_THRESHOLD]}
        for i, number in enumerate(tokens.number):
            if number and _threshold(tokens, i, thresholds):
                found.append((i, i + 1 + _AFTER))
        return sorted(found)

    # -- score levels ---------------------------------------------------------------------

    def levels_concrete(self, criterion: Criterion) -> bool:
        """Whether the score levels say what each score looks like in checkable terms."""
        texts = tuple(level.text for level in criterion.levels if level.text.strip())
        return bool(texts) and self._levels_concrete(texts)

    @lru_cache(maxsize=4096)  # noqa: B019 - one _Matchers per option set, kept for the process
    def _levels_concrete(self, texts: tuple[str, ...]) -> bool:
        """Levels are concrete when at least half of them give an example, a quote or a
        limit, or use no evaluative word at all. Reading stops as soon as the answer is
        known."""
        from rift_lint.nlp.pipeline import load

        nlp = load(self.model)
        needed = (len(texts) + 1) // 2
        concrete = 0
        for done, text in enumerate(texts):
            if concrete >= needed or concrete + len(texts) - done < needed:
                break
            level_doc = nlp(text)
            words = _find(self.words, level_doc)
            spans = self._term_spans(level_doc, words)
            if not spans:
                concrete += 1
                continue
            tokens = _Tokens(level_doc, text)
            concrete += bool(self._anchors(level_doc, text, tokens, spans, words))
        return concrete * 2 >= len(texts)


def _both(terms: tuple[str, ...]) -> tuple[str, ...]:
    """Terms to trim in both spellings, lemma ("engaging") and exact form ("=engaging")."""
    bare = [term.removeprefix(EXACT).strip() for term in terms]
    return (*bare, *(EXACT + term for term in bare))


def _is_content(token: object) -> bool:
    return bool(
        token.is_alpha  # type: ignore[attr-defined]
        and not token.is_stop  # type: ignore[attr-defined]
        and len(token.text) > 1  # type: ignore[attr-defined]
    )


def _concrete_after(
    tokens: _Tokens, start: int, term_tokens: set[int], closing: str | None = None
) -> int:
    """Just past the last concrete word after ``start`` in its clause, or 0 if none.

    Content is concrete when at most a third of its content words are evaluative ("such as
    libraries, APIs or relevant code", not "including clarity, depth and appropriate tone").
    """
    end = 0
    words = evaluative = 0
    commas = 0
    for i in range(start, min(start + _CONTENT_WINDOW, len(tokens))):
        text = tokens.text[i]
        if closing and text == closing:
            break
        if i != start and (tokens.sent_start[i] or text in {";", "."}):
            break
        if text == ",":
            following = tokens.lower[i + 1] if i + 1 < len(tokens) else ""
            if following in _PHRASE_STARTS or (not commas and following in _CLAUSE_JOINS):
                break  # "including X, and is well organized", "like Y, with clear Z"
            commas += 1
        if tokens.content[i] or tokens.like_num[i]:
            words += 1
            if i in term_tokens:
                evaluative += 1
            else:
                end = i + 1
    if not end or evaluative * 3 > words:
        return 0
    return end


def _names(tokens: _Tokens, text: str, skipped: set[int]) -> int:
    """Capitalised words inside sentences (names, acronyms): a sign of specific content."""
    header_end = _header_end(text)
    count = 0
    for i in range(1, len(tokens)):
        word = tokens.text[i]
        if (
            word[:1].isupper()
            and word.isalpha()
            and word != "I"
            and not tokens.sent_start[i]
            and tokens.idx[i] >= header_end
            and i not in skipped
            and tokens.text[i - 1] not in _NAME_BLOCKERS
            and "\n" not in tokens.space[i - 1] + tokens.text[i - 1]
        ):
            count += 1
    return count


def _threshold(tokens: _Tokens, i: int, thresholds: set[int]) -> bool:
    """A number used as a limit: after a cue ("under 150"), with a mark ("≤20"), or a range."""
    text = tokens.text[i]
    if i in thresholds or text.startswith(_THRESHOLD_MARKS) or text.endswith(_THRESHOLD_MARKS):
        return True
    if i + 1 < len(tokens) and tokens.text[i + 1] in "%+":
        return True
    if i >= 1 and tokens.text[i - 1] in _THRESHOLD_MARKS:
        return True
    if _RANGE.search(text):
        return True
    if i + 2 >= len(tokens):
        return False
    joined = tokens.text[i + 1] in _DASHES or tokens.lower[i + 1] == "to"
    return joined and tokens.like_num[i + 2]


def _compound_tail(tokens: _Tokens, start: int) -> bool:
    """The term is the tail of a hyphenated compound ("age-appropriate") it does not head."""
    if start < 2 or tokens.text[start - 1] not in _DASHES:
        return False
    return not tokens.space[start - 2] and not tokens.space[start - 1]


def _named(tokens: _Tokens, start: int, header_end: int) -> bool:
    """A capitalised word inside a sentence is part of a name ("Natural History Museum")."""
    return (
        tokens.text[start][:1].isupper()
        and tokens.idx[start] >= header_end
        and start > 0
        and not tokens.sent_start[start]
        and tokens.text[start - 1] not in _NAME_BLOCKERS
        and "\n" not in tokens.space[start - 1]
    )


def _noun_use(tokens: _Tokens, start: int, end: int) -> bool:
    """A word used as a noun: "a professional", "a healthcare professional if unsure", but not
    the predicate that ends a yes/no question ("Is the answer professional?")."""
    if start == 0 or (end < len(tokens) and tokens.content[end]):
        return False
    before = tokens.lower[start - 1]
    if before in _ARTICLES:
        return True
    if tokens.lower[0] in _COPULA_OPENINGS and end < len(tokens) and tokens.lower[end] == "?":
        return False
    return (
        tokens.content[start - 1]
        and before not in _LINKS
        and not before.endswith("ly")  # "highly creative and ..."
    )


def _manner(tokens: _Tokens, start: int, end: int) -> bool:
    """A manner adverb on an action ("clearly explains"), not a degree question ("how
    effectively")."""
    return (
        end - start == 1
        and tokens.lower[start].endswith("ly")
        and not (start > 0 and tokens.lower[start - 1] == "how")
    )


def _gives_reason(tokens: _Tokens, i: int) -> bool:
    """Whether token ``i`` opens a reason ("because ...", ", as the request is confusing"):
    what follows says why the criterion matters, not how to judge the response."""
    word = tokens.lower[i]
    if word == "because":
        return True
    return (
        word == "as"
        and i > 0
        and tokens.text[i - 1] == ","
        and i + 1 < len(tokens)
        and tokens.lower[i + 1] in _REASON_SUBJECTS
    )


def _purpose(tokens: _Tokens, start: int, end: int) -> bool:
    """A quality named as a purpose ("asks questions for clarity"), not as a requirement."""
    return (
        start >= 1
        and tokens.lower[start - 1] == "for"
        and end - start == 1
        and tokens.lower[start].endswith(_NOUN_SUFFIXES)
    )


def _confidence(terms: list[_Term], signals: list[str]) -> float:
    """How sure the finding is: more and stronger terms raise it, concrete content lowers it."""
    missing = 1.0
    for term in terms:
        weight = _WEAK if term.header or term.mild or term.manner else _STRONG
        if term.boosted:
            weight += _BOOST
        missing *= 1 - weight
    return round((1 - missing) * _DAMPING ** len(signals), 2)


def _header_end(text: str) -> int:
    """Where a heading such as "**Clarity**:" or "Analytical Depth:" ends (0 without one).

    A plain "...:" prefix is a heading when it is short or written in title case, not when
    it is the start of a sentence ("Opens with a greeting: ...").
    """
    match = _HEADER.match(text)
    if not match:
        return 0
    plain = match.group("plain")
    if plain is not None:
        words = plain.replace("_", " ").split()
        title = all(w[:1].isupper() or w.lower() in _SMALL_WORDS or w[:1].isdigit() for w in words)
        if len(words) > 3 and not title:
            return 0
    return match.end()


def _find(
    matcher: tuple[PhraseMatcher, tuple[str, ...]] | None, doc: Doc
) -> dict[str, list[tuple[int, int, str]]]:
    """Matches of a labelled matcher, per list name, each as (start, end, term) in order."""
    if matcher is None:
        return {}
    phrase_matcher, names = matcher
    found: dict[str, list[tuple[int, int, str]]] = {name: [] for name in names}
    strings = phrase_matcher.vocab.strings
    for key, start, end in sorted(phrase_matcher(doc), key=lambda m: (m[1], m[2])):
        name, term = strings[key].split("\t", 1)
        found[name].append((start, end, term))
    return found


@cache
def _labelled_matcher(
    lists: tuple[tuple[str, tuple[str, ...]], ...], attr: str, model: str | None
) -> tuple[PhraseMatcher, tuple[str, ...]]:
    """One PhraseMatcher for several named word lists, matched on ``attr`` (LOWER or LEMMA).

    Match keys are "<list name>\\t<term>"; lemma patterns come from the same pipeline as the
    text, so "mentions" matches the term "mention".
    """
    from spacy.matcher import PhraseMatcher

    from rift_lint.nlp.pipeline import load

    nlp = load(model)
    matcher = PhraseMatcher(nlp.vocab, attr=attr)
    for name, terms in lists:
        if not terms:
            continue
        patterns = nlp.pipe(terms) if attr == "LEMMA" else (nlp.make_doc(t) for t in terms)
        for term, pattern in zip(terms, patterns, strict=True):
            matcher.add(f"{name}\t{term}", [pattern])
    return matcher, tuple(name for name, _ in lists)


@cache
def _matchers(lists: _Lists, model: str | None) -> _Matchers:
    return _Matchers(lists, model)
