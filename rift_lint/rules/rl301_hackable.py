"""RL301 hackable."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from pydantic import Field

from rift_lint.models import Criterion, Diagnostic, Scope, Severity
from rift_lint.nlp.criterion_layout import header_end
from rift_lint.nlp.doccache import doc_ids, memo, string_ids
from rift_lint.nlp.lexicon import adjusted, term_set
from rift_lint.nlp.matching import matcher_for
from rift_lint.nlp.quotes import quote_at, quoted_ranges
from rift_lint.nlp.tokens import HYPHENS
from rift_lint.rules.base import Rule, RuleContext, RuleOptions

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
    "thirty": 30, "fifty": 50, "hundred": 100, "once": 1, "twice": 2, "thrice": 3,
}  # fmt: skip
# Every proxy needs a number, a quantity, a length word or a quoted/keyword string; a criterion
# with none of these is skipped before any token work.
_CANDIDATE_WORDS = frozenset(
    {
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
        "twelve", "fifteen", "twenty", "thirty", "fifty", "hundred", "twice", "thrice", "times",
        "several", "multiple", "many", "numerous", "variety", "range", "number", "plenty", "lot",
        "lots", "long", "lengthy", "extensive", "exhaustive", "keyword", "keywords", "buzzword",
        "buzzwords", "phrase", "term", "terms", "word", "words", "say", "says", "saying",
        "examples", "citations", "references", "sources", "statistics", "quotes", "quotations",
        "anecdotes", "testimonials",
    }
)  # fmt: skip
_CANDIDATE = re.compile(rf"\d|\b(?:{'|'.join(sorted(_CANDIDATE_WORDS))})\b", re.IGNORECASE)
_DIGIT = re.compile(r"\d")
_WORD = re.compile(r"\w+")
_BE = frozenset({"is", "are", "be", "was", "were", "being", "been"})
_RELATIVE = frozenset({"that", "which", "who", "whose", "where"})


class HackableOptions(RuleOptions):
    """Options of RL301."""

    word_lists: ClassVar[dict[str, str]] = {
        "items": "hackable_count_items",
        "gates": "hackable_quality_gates",
    }
    min_count: int = Field(default=3, ge=1)
    extend_items: tuple[str, ...] = ()
    trim_items: tuple[str, ...] = ()
    extend_gates: tuple[str, ...] = ()
    trim_gates: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Proxy:
    """One proxy found in a criterion: where it is, what it rewards, and the number if any."""

    start: int
    end: int
    kind: str
    number: float | None = None
    keyword: str | None = None
    noun: str | None = None


class Hackable(Rule):
    """Full credit is reachable by inflating a proxy: a count, a length or a keyword.

    What it flags:
        A criterion that rewards a number of items ("cites at least 10 sources", "includes
        several examples"), a minimum length ("at least 2,000 words", "the answer is long",
        "Is the essay sufficiently long?"), a
        verbatim keyword ("uses the phrase 'X' three times", "mentions the keyword Y"), a
        canned sentence ("by saying 'Let me know if...'") or supporting material rewarded for
        being there ("provides specific examples", "includes paper citations";
        ``hackable_evidence_nouns.txt``, plural only) while nothing in the criterion ties the
        items to quality: no gate such as relevant, distinct, accurate, peer-reviewed,
        verifiable, "each ... supports" after any leading label ("**Evidence**:" names the
        criterion, it gates nothing), and no restriction right after the items ("that compare
        X with Y", "examples of his reforms", "examples from the novel"). Not flagged: a
        count, length, keyword or kind of material the prompt itself asks for; material the
        prompt provides ("the provided references") or listed under "including"; counts
        below ``min-count`` (default 3); counts of content ("3 days of rest");
        penalties (negative points, "if yes, fail"); proxies under a negation (not "not only
        ... but also") or inside a statement ("states that the test needs at least 3
        criteria"); compounds ("a long-form essay"); comparisons ("4 times higher").
        Options: ``min-count`` and ``extend-``/``trim-`` for the ``items`` and ``gates`` word
        lists.

    Why it hurts:
        A response earns the points by padding: more sources, more words, the keyword
        repeated. Optimising against the rubric then rewards length and repetition instead of
        a better answer.

    Bad:
        criteria:
          - text: Cites at least 10 sources
            points: 3
          - text: Uses the phrase 'insulin sensitivity' at least three times
            points: 2

    Better:
        criteria:
          - text: Cites at least 3 peer-reviewed studies, each supporting a specific claim
            points: 3
          - text: Explains how fasting changes insulin sensitivity
            points: 2
    """

    code = "RL301"
    name = "hackable"
    failure_mode = "hackable"
    scope = Scope.CRITERION
    default_severity = Severity.WARNING
    uses_nlp = True
    Options = HackableOptions
    candidate_options: ClassVar[dict[str, Any]] = {"min_count": 2}

    def __init__(self, options: RuleOptions | None = None) -> None:
        super().__init__(options)
        opts = self.options
        assert isinstance(opts, HackableOptions)
        self._min_count = opts.min_count
        self._items = frozenset(opts.word_list("items"))
        self._gates = opts.word_list("gates")
        self._units = term_set("hackable_length_units")
        self._length_words = term_set("hackable_length_words")
        self._vague = adjusted("hackable_vague_quantities")
        self._minimums = adjusted("hackable_minimum_markers")
        self._inclusion = term_set("hackable_inclusion_verbs")
        self._keyword_nouns = term_set("hackable_keyword_nouns")
        self._keyword_verbs = term_set("hackable_keyword_verbs")
        self._evidence = term_set("hackable_evidence_nouns")

    def check_criterion(self, criterion: Criterion, context: RuleContext) -> Iterator[Diagnostic]:
        """Flag the first ungated proxy of the criterion, if any."""
        text = criterion.text
        if not text.strip() or (criterion.points is not None and criterion.points < 0):
            return  # a penalty cannot be earned by padding
        if not _candidate(text):
            return
        doc = context.doc(criterion)
        model = context.nlp_model
        proxies = memo(doc, (self.code, self, model), lambda: list(self._proxies(doc, text, model)))
        if not proxies:
            return
        quoted = _quoted_chars(text)
        for proxy in proxies:
            if proxy.kind != "keyword" and proxy.start in quoted:
                continue
            if self._statement(doc, proxy) or self._gated(doc, proxy, model):
                continue
            if self._demanded(proxy, context):
                continue
            yield self.diagnostic(
                criterion.span(proxy.start, proxy.end),
                _MESSAGES[proxy.kind].format(id=criterion.ref, proxy=text[proxy.start : proxy.end]),
                criterion=criterion,
                suggestion=_SUGGESTIONS[proxy.kind],
                confidence=_CONFIDENCE[proxy.kind],
            )
            return

    # -- proxies ------------------------------------------------------------------------------

    def _proxies(self, doc: Doc, text: str, model: str | None) -> Iterator[_Proxy]:
        """Every proxy, in detector order; a token scan runs only when the doc holds the word
        it starts from."""
        lowers, lemmas = doc_ids(doc, "LOWER"), doc_ids(doc, "LEMMA")
        yield from self._floors(doc, model)
        if not string_ids(_REPEATERS).isdisjoint(lowers):
            yield from self._repetitions(doc)
        if not string_ids(self._keyword_nouns).isdisjoint(lemmas):
            yield from self._keywords(doc, text)
        if not string_ids(_SAY).isdisjoint(lemmas):
            yield from self._scripted(doc, text)
        yield from self._vague_amounts(doc, model)
        if not string_ids(self._evidence).isdisjoint(lemmas):
            yield from self._bare_evidence(doc)
        if not string_ids(self._length_words).isdisjoint(lemmas):
            yield from self._length_predicates(doc)

    def _floors(self, doc: Doc, model: str | None) -> Iterator[_Proxy]:
        """ "at least 10 sources", "a minimum of 2,000 words", "5 or more examples"."""
        for match in matcher_for(self._minimums, model).find(doc):
            span = match.span
            if span.text.lower() == "or more":
                number_at = span.start - 1
                noun_from = span.end
            else:
                number_at = span.end
                noun_from = span.end + 1
            if not 0 <= number_at < len(doc):
                continue
            number = _number(doc[number_at])
            if number is None:
                continue
            start = number_at if span.text.lower() == "or more" else span.start
            noun = self._counted_noun(doc, noun_from)
            if noun is None:
                continue
            kind = "length" if noun.lemma_ in self._units else "count"
            if kind == "count" and number < self._min_count:
                continue
            if kind == "length" and noun.lemma_ in _SMALL_UNITS and number < _MIN_WORDS:
                continue  # "at least 8 characters", "two or more words": not a response length
            end = noun.i + 1
            if end < len(doc) and doc[end].lower_ == "long":
                end += 1
            yield _Proxy(doc[start].idx, _end_char(doc[end - 1]), kind, number)

    def _counted_noun(self, doc: Doc, start: int, units: bool = True) -> Token | None:
        """The counted noun, after at most a few modifiers ("10 peer-reviewed sources")."""
        for token in doc[start : start + 4]:
            if token.lemma_ in self._items or (units and token.lemma_ in self._units):
                return token
            if (token.is_punct and token.text not in {"-", ","}) or token.is_stop:
                return None
        return None

    def _repetitions(self, doc: Doc) -> Iterator[_Proxy]:
        """ "three times", "at least twice": a keyword or phrase repeated to score."""
        for token in doc:
            nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
            if nxt is not None and (nxt.is_alpha and nxt.lower_ not in _AFTER_TIMES):
                continue  # "twice the size", "2 times higher": a comparison, not a repetition
            if nxt is not None and nxt.text in HYPHENS:
                continue  # "30 time-steps"
            if token.lower_ in {"twice", "thrice"}:
                start, number = token, float(_NUMBER_WORDS[token.lower_])
            elif token.lower_ == "times" and token.i > 0:
                value = _number(doc[token.i - 1])
                if value is None or value < 2:
                    continue
                start, number = doc[token.i - 1], value
            else:
                continue
            if not self._string_named(doc, token):
                continue
            if start.i >= 2 and doc[start.i - 2 : start.i].text.lower() == "at least":
                start = doc[start.i - 2]
            yield _Proxy(start.idx, _end_char(token), "repetition", number)

    def _string_named(self, doc: Doc, token: Token) -> bool:
        """Whether a quoted string or a keyword noun comes earlier in the token's sentence."""
        sentence = token.sent
        before = doc[sentence.start : token.i]
        return bool(quoted_ranges(before.text)) or any(
            t.lemma_ in self._keyword_nouns for t in before
        )

    def _keywords(self, doc: Doc, text: str) -> Iterator[_Proxy]:
        """ "uses the keyword X", "includes the phrase 'Y'": a verbatim string to drop in."""
        for token in doc:
            if token.lemma_ not in self._keyword_nouns:
                continue
            window = doc[max(0, token.i - 3) : token.i]
            if not any(t.lemma_ in self._keyword_verbs for t in window):
                continue  # "the term X referred to ...": a statement about a word
            after = text[_end_char(token) :]
            quoted = quote_at(after.lstrip())
            if quoted is not None and quoted.content.strip():
                keyword = quoted.content
                end = _end_char(token) + (len(after) - len(after.lstrip())) + quoted.end
                yield _Proxy(token.idx, end, "keyword", keyword=keyword)
            elif token.lemma_ in {"keyword", "buzzword"} and token.i + 1 < len(doc):
                nxt = doc[token.i + 1]
                if nxt.is_alpha and not nxt.is_stop and nxt.lower_ not in _KEYWORD_COMPOUNDS:
                    yield _Proxy(token.idx, _end_char(nxt), "keyword", keyword=nxt.text)

    def _scripted(self, doc: Doc, text: str) -> Iterator[_Proxy]:
        """ "by saying, 'If you have further questions...'": credit for a canned sentence."""
        for token in doc:
            if token.lemma_ != "say" or not (
                token.is_sent_start or (token.i > 0 and doc[token.i - 1].lower_ == "by")
            ):
                continue  # "she would say, '...'": a quotation asked for, not a line to recite
            after = text[_end_char(token) :]
            stripped = after.lstrip(" ,:")
            quoted = quote_at(stripped)
            if quoted is None:
                continue
            phrase = quoted.content
            if len(phrase.split()) < _MIN_SCRIPT_WORDS:
                continue
            end = _end_char(token) + (len(after) - len(stripped)) + quoted.end
            yield _Proxy(token.idx, end, "keyword", keyword=phrase)

    def _vague_amounts(self, doc: Doc, model: str | None) -> Iterator[_Proxy]:
        """ "includes several examples", "provides multiple sources"."""
        for match in matcher_for(self._vague, model).find(doc):
            span = match.span
            noun = self._counted_noun(doc, span.end, units=False)
            if noun is None:
                continue
            verb = next(
                (
                    t
                    for t in reversed(doc[max(0, span.start - 3) : span.start])
                    if t.lemma_ in self._inclusion
                ),
                None,
            )
            if verb is None:
                continue
            yield _Proxy(span.start_char, _end_char(noun), "amount")

    def _bare_evidence(self, doc: Doc) -> Iterator[_Proxy]:
        """ "provides specific examples", "includes paper citations", "cites sources": supporting
        material rewarded for being there, with no count (see ``_floors``)."""
        for token in doc:
            if token.lemma_ not in self._evidence or token.lower_ == token.lemma_:
                continue  # the plural only: "an example of X" names one required item
            verb = self._inclusion_verb(doc, token.i)
            if verb is not None and not _restricted(doc, token.i + 1):
                yield _Proxy(doc[verb.i + 1].idx, _end_char(token), "evidence", noun=token.lemma_)

    def _inclusion_verb(self, doc: Doc, noun: int) -> Token | None:
        """The inclusion verb right before a noun, over at most two modifiers ("provides
        specific examples", "includes paper citations"); none across a stop word or a mark,
        and none for "including" (sub-items of something else) or a participle ("the
        provided references": material the grader has)."""
        for token in reversed(doc[max(0, noun - 3) : noun]):
            if token.lemma_ in self._inclusion:
                return None if token.lower_ in _NOT_REWARDING else token
            if token.is_stop or token.is_punct:
                return None
        return None

    def _length_predicates(self, doc: Doc) -> Iterator[_Proxy]:
        """ "the answer is long", "is lengthy and detailed", "Is the essay long and detailed?"."""
        for token in doc:
            if token.lemma_ not in self._length_words or token.i == 0:
                continue
            before = doc[token.i - 1]
            if before.lower_ in _EXCESS:
                continue  # "excessively long", "too long": a fault, not a reward
            if (
                before.lower_ not in _BE
                and not (
                    before.lower_.endswith("ly") and token.i > 1 and doc[token.i - 2].lower_ in _BE
                )
                and not _copula_question(doc, token)
            ):
                continue
            nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
            if nxt is not None and nxt.is_alpha and nxt.lower_ not in {"and", "or", "enough"}:
                continue  # "is long overdue"
            if nxt is not None and nxt.text in HYPHENS and not token.whitespace_:
                continue  # "is long-standing", "a long-form essay": a compound
            end = token
            if nxt is not None and nxt.lower_ == "and" and token.i + 2 < len(doc):
                partner = doc[token.i + 2]
                if partner.lemma_ in self._length_words or partner.lower_ in _LENGTH_PARTNERS:
                    end = partner  # "long and detailed"
            yield _Proxy(token.idx, _end_char(end), "length")

    # -- what makes a proxy fine --------------------------------------------------------------

    def _statement(self, doc: Doc, proxy: _Proxy) -> bool:
        """Whether the proxy is content of a statement ("states that X requires at least 3
        items") or sits under a negation ("does not contain the word X"; "not only ... but
        also" negates nothing)."""
        if any(t.lemma_ in _PENALTY_WORDS for t in doc):
            return True  # "If yes, fail": a check that penalises, not a reward
        sentence = _sentence(doc, proxy.start)
        before = [t for t in sentence if t.idx < proxy.start]
        if any(t.lower_ == "that" for t in before):
            return True
        return any(
            t.lower_ in _NEGATIONS and not _not_only(doc, t) for t in before[-_NEGATION_WINDOW:]
        )

    def _gated(self, doc: Doc, proxy: _Proxy, model: str | None) -> bool:
        """A quality gate in the criterion after any leading label, or a restriction right after
        the items."""
        label_end = header_end(doc.text)
        if any(m.start_char >= label_end for m in matcher_for(self._gates, model).find(doc)):
            return True  # a gate in a leading label ("**Specificity and Evidence**:") is a name
        if proxy.kind not in {"count", "amount", "evidence"}:
            return False
        sentence = _sentence(doc, proxy.start)
        after = [t for t in sentence if t.idx >= proxy.end]
        return bool(after) and (after[0].lower_ in _RELATIVE or after[0].text == ":")

    def _demanded(self, proxy: _Proxy, context: RuleContext) -> bool:
        """Whether the prompt asks for this number or keyword itself."""
        prompt = context.rubric.prompt
        if not prompt:
            return False
        if proxy.keyword is not None:
            return proxy.keyword.lower() in prompt.lower()
        if proxy.kind == "evidence":
            return _asks_for(prompt, proxy.noun)
        if proxy.number is None:
            return proxy.kind == "length" and _LENGTH_ASK.search(prompt) is not None
        prompt_doc = context.prompt_doc()
        return prompt_doc is not None and any(_number(t) == proxy.number for t in prompt_doc)


_NOT_REWARDING = frozenset({"including", "provided", "included", "given", "cited", "listed"})
_RESTRICTIONS = frozenset(
    {
        "of",
        "from",
        "where",
        "that",
        "which",
        "who",
        "such",
        "like",
        "e.g.",
        "eg",
        "for",
        "including",
    }
)
_REPEATERS = frozenset({"twice", "thrice", "times"})  # the words _repetitions starts from
_SAY = frozenset({"say"})
_AFTER_TIMES = frozenset({"in", "throughout", "within", "across", "and", "or", "each"})
_SMALL_UNITS = frozenset({"word", "character", "token"})
_MIN_WORDS = 50
_EXCESS = frozenset({"too", "overly", "excessively", "unnecessarily", "needlessly", "very"})
_NEGATIONS = frozenset({"not", "never", "without", "avoid", "avoids", "no"})
_NEGATION_WINDOW = 5
# "keyword placement", "keyword density": talk about keywords, not a keyword to drop in
_KEYWORD_COMPOUNDS = frozenset(
    {"placement", "density", "usage", "use", "list", "research", "optimization", "stuffing",
     "count", "frequency", "strategy", "strategies", "extraction", "matching", "search"}
)  # fmt: skip
_LENGTH_PARTNERS = frozenset({"detailed", "thorough", "comprehensive", "elaborate"})
_MIN_SCRIPT_WORDS = 4
_PENALTY_WORDS = frozenset({"fail", "penalize", "penalise", "deduct", "penalty"})
_LENGTH_ASK = re.compile(r"\b(long|lengthy|detailed|in-depth|extensive|thorough)\b", re.IGNORECASE)

_MESSAGES = {
    "count": (
        "Criterion {id} gives credit for a count ('{proxy}') with nothing requiring the items to "
        "be relevant, distinct or correct; padding the list earns the points"
    ),
    "length": (
        "Criterion {id} rewards length ('{proxy}') with no check on what the extra text adds; "
        "padding earns the points"
    ),
    "repetition": (
        "Criterion {id} rewards repeating a phrase ('{proxy}'); repetition earns the points "
        "without a better answer"
    ),
    "keyword": (
        "Criterion {id} rewards a verbatim keyword ('{proxy}') the prompt does not ask for; "
        "dropping the word in earns the points"
    ),
    "evidence": (
        "Criterion {id} rewards supporting material for being there ('{proxy}') with nothing "
        "requiring it to be relevant, accurate or tied to a claim; any examples earn the points"
    ),
    "amount": (
        "Criterion {id} rewards a vague amount ('{proxy}') with nothing requiring the items to be "
        "relevant, distinct or correct; padding earns the points"
    ),
}
_SUGGESTIONS = {
    "count": (
        "Gate the count on quality (e.g. 'at least 3 peer-reviewed sources, each supporting a "
        "claim it is cited for'), or score what the items should achieve instead."
    ),
    "length": (
        "Score the content the length is meant to buy (which points must be covered), or state "
        "a length range only if the prompt asks for one."
    ),
    "repetition": "Score the idea the phrase stands for, not how often it appears.",
    "keyword": (
        "Score the idea behind the keyword (what must be explained about it), not its presence."
    ),
    "evidence": (
        "Say what the material must show (e.g. 'cites a peer-reviewed study for each dosage "
        "claim'), or gate it on quality (relevant, accurate, verifiable)."
    ),
    "amount": (
        "Say which items count and what makes one acceptable (relevant, distinct, correct), "
        "or give a gated minimum."
    ),
}
_CONFIDENCE = {
    "count": 0.6,
    "length": 0.6,
    "repetition": 0.7,
    "keyword": 0.55,
    "amount": 0.45,
    "evidence": 0.4,
}


def _restricted(doc: Doc, start: int) -> bool:
    """Whether the material is restricted to something ("examples of X", "examples from the
    novel", "examples such as ...", "sources including news articles", "sources that ..."): a
    word of ``_RESTRICTIONS`` within the six words after it, before any mark other than a
    comma."""
    for token in doc[start : start + 6]:
        if token.is_punct and token.text != ",":
            return False
        if token.lower_ in _RESTRICTIONS:
            return True
    return False


def _asks_for(prompt: str, noun: str | None) -> bool:
    """Whether the prompt names the kind of material ("with examples", "cite your sources")."""
    if noun is None:
        return False
    return re.search(rf"\b{re.escape(noun)}", prompt, re.IGNORECASE) is not None


def _number(token: Token) -> float | None:
    """The value of a number token ("10", "2,000", "three"), else ``None``."""
    lower = token.lower_
    if lower in _NUMBER_WORDS:
        return float(_NUMBER_WORDS[lower])
    if token.like_num:
        try:
            return float(lower.replace(",", ""))
        except ValueError:
            return None
    return None


def _candidate(text: str) -> bool:
    """Whether ``_CANDIDATE`` matches: for ASCII text, a digit or a whole word from the list
    (the same test, without trying the alternation at every character)."""
    if text.isascii():
        found = _DIGIT.search(text) is not None
        return found or not _CANDIDATE_WORDS.isdisjoint(_WORD.findall(text.lower()))
    return _CANDIDATE.search(text) is not None


def _quoted_chars(text: str) -> set[int]:
    """Character offsets inside quotation marks."""
    return {offset for start, end in quoted_ranges(text) for offset in range(start, end)}


def _end_char(token: Token) -> int:
    return token.idx + len(token.text)


def _not_only(doc: Doc, token: Token) -> bool:
    """Whether ``token`` is the "not" of "not only", which adds rather than negates."""
    return token.lower_ == "not" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "only"


def _copula_question(doc: Doc, token: Token) -> bool:
    """Whether ``token`` is the predicate of a yes/no question opened by a form of "be" ("Is
    the essay sufficiently long?"): the question opens with "be" and ends with a question mark."""
    sentence = token.sent
    words = [t for t in sentence if t.is_alpha]
    return (
        bool(words) and words[0].lower_ in _BE and words[0].i < token.i and sentence[-1].text == "?"
    )


def _sentence(doc: Doc, char: int) -> Span:
    for sentence in doc.sents:
        if sentence.start_char <= char < sentence.end_char:
            return sentence
    return doc[:]
