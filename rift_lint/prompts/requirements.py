"""Requirement units of a prompt: the instructions a response must follow, one by one.

The prompt is split once per prompt text, with regular expressions and the lemma lookup table
rather than the spaCy pipeline (a few milliseconds for a 10,000-character prompt): the turns
that carry instructions are picked out, source material is dropped, and the rest is cut into
requirement units (sentences, list items and clauses that instruct), each with the counts,
lengths, output forms and content words a criterion must show to cover it. Word lists live in
``rift_lint/data/lexicons/missing_criteria_*.txt``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache, lru_cache

from rift_lint.nlp.quotes import quoted_ranges
from rift_lint.parsing.fences import Fences
from rift_lint.prompts.sentences import sentence_spans, split_spans
from rift_lint.prompts.words import (
    NUMBER_WORDS,
    WORD,
    Terms,
    lemma_of,
    lemmas_of,
    load_terms,
    normalized,
    number_value,
    stop_words,
    word_set,
    words_of,
)

_VERSION_DASH = re.compile(r"[^\W\d_]-")
_TIME = re.compile(r"\b\d{1,2}[:.]\d{2}\b")
_TURN = re.compile(
    r"^[ \t]*(?:<extra_id_\d+>[ \t]*|#{1,4}[ \t]*|\*\*)?"
    r"(user|human|system|assistant)"
    r"(?:\*\*)?[ \t]*(?::|(?<=[a-z])(?=[ \t]*\n))",
    re.IGNORECASE | re.MULTILINE,
)
_OMITTED = re.compile(r"^\[\.\.\. [^\]\n]* omitted \.\.\.\]$", re.MULTILINE)
_PARAGRAPH = re.compile(r"\n[ \t]*\n")
# A "then" clause starts at its comma, at the first space of a run, or at an indented line's
# start, never inside a run of spaces, which would be rescanned from each of its spaces.
_CLAUSE = re.compile(
    r";\s+|:\s+(?=[A-Z])|(?:,|(?<!\s))\s++(?:and\s++)?then\s+(?=[a-z])"
    r"|^[^\S\n]++(?:and\s++)?then\s+(?=[a-z])",
    re.IGNORECASE | re.MULTILINE,
)
_BULLET = re.compile(r"^\s*(?:[-*•·+]|\(?\d{1,2}[.)]|\(?[a-zA-Z][.)]|[IVX]{1,4}\.)\s+")
# A label line: "Background:", "**Requirements**", "[Writing Prompt]:", "## Task", "Input)".
_LABEL = re.compile(
    r"^\s*(?:#{1,6}\s*|\*\*|\[)?([A-Za-z][\w /&'-]{0,40}?)(?:\*\*|\])?\s*(?:[:)]|(?<=\])|(?<=\*\*))"
)
_LABEL_ONLY = re.compile(
    r"^\s*(?:#{1,6}\s*|\*\*|\[)?[A-Za-z][\w /&'-]{0,40}?(?:\*\*|\])?\s*+[:)]?+\s*+$"
)
_NEWLINE = re.compile(r"\n")
# A line of code, not an instruction: "return self.obs_buf", "x = 3;", "def f():".
_CODE = re.compile(
    r"\bself\.|[{};]\s*$|^\s*(?:def|class|import|return)\b|(?<!\w)\w[^\W_]*+_\w++\s*+="
    r"|==|\{\s*['\"]\w+['\"]\s*:"
)
# Modal cues that are requests by themselves: the user asks for something.
_SELF_REQUESTS = frozenset({"i want", "i need", "i'd like", "i would like"})
# Content words a request needs to be judged: three, or two for a must-not, an element to
# include ("Do not mention his medical history") or a form to start or end with ("Start every
# sentence with the letter A"), which are the requests most often left out.
_MIN_CONTENT_WORDS = 3
_MIN_CONTENT_WORDS_FOCUSED = 2
# Words after a count that may name what it counts ("3 short homework questions").
_COUNTED_WORDS = 3
_FOCUSED_OPENINGS = frozenset(
    {
        "do not", "don't", "never", "avoid", "include", "mention", "add", "exclude", "omit",
        "start", "begin", "end",
    }
)  # fmt: skip
# Words after which an instruction verb is the request, not content: "can you explain",
# "I want you to list", "please describe".
_REQUEST_ENDS = frozenset({"you", "to", "please", "kindly"})
_LEADING_FILLER = frozenset(
    {
        "please",
        "also",
        "then",
        "now",
        "and",
        "finally",
        "next",
        "additionally",
        "kindly",
        "just",
        "so",
        "ok",
        "okay",
        "lastly",
        "first",
        "second",
        "third",
        "but",
        "furthermore",
        "moreover",
        "however",
        "again",
        "simply",
        "always",
    }
)
_ASSISTANT_ROLES = frozenset({"assistant"})
_MONTHS = frozenset(
    {
        *("january", "february", "march", "april", "may", "june", "july", "august"),
        *("september", "october", "november", "december", "jan", "feb", "mar", "apr"),
        *("jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"),
    }
)
_DEMONSTRATIVES = frozenset({"this", "that", "these", "those", "its", "their", "his", "her"})
_THE_FORMS = frozenset({"alphabet", "alphabetical"})  # forms that take "the" in a request
_MATERIAL_POINTERS = frozenset({"below", "above", "of", "provided", "given", "attached", "from"})
# "one morning", "no one", "a couple of": number words too loose to be a required count.
_VAGUE_NUMBER_WORDS = frozenset({"one", "once", "single", "pair", "couple"})
_LARGEST_COUNT = 100_000
_OBJECT_WORDS = 8
_CLAUSE_WORDS = frozenset(
    {"that", "which", "who", "whom", "whose", "where", "when", "if", "because", "since", "while"}
)
_GIVEN_MARKERS = frozenset({"the", "these", "those", "both", "each", "every", "per", "all"})
_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)")
_RANGE_DASHES = frozenset({"", "-", "\u2013"})
# Words that cannot be what a number counts: "he is 81 and ...", "3 of them", "2 in 10".
_FUNCTION_WORDS = frozenset(
    {
        *("a", "an", "the", "and", "or", "but", "nor", "so", "yet", "if", "than", "then", "as"),
        *("of", "to", "in", "on", "at", "by", "for", "from", "with", "into", "per", "out", "up"),
        *("is", "are", "was", "were", "be", "been", "am", "has", "have", "had", "do", "does"),
        *("it", "its", "he", "she", "they", "we", "you", "i", "me", "him", "her", "them", "us"),
        *("my", "your", "his", "their", "our", "this", "that", "these", "those", "there"),
        *("which", "who", "whom", "what", "when", "where", "while", "because", "since"),
    }
)
_DURATIONS = frozenset({("day",), ("week",), ("month",), ("year",), ("hour",)})


@dataclass(frozen=True, kw_only=True)
class UnitSettings:
    """How a prompt is cut into requirement units: RL202's options of the same names.

    ``earlier_turns`` reads system and earlier user turns besides the last user turn, and at
    most ``max_units`` units are read. A paragraph longer than ``max_paragraph_chars`` that
    does not open with an instruction is skipped, and so is the middle of a turn longer than
    twice ``edge_chars``. The ``extend_`` and ``trim_`` word lists change the lexicons of
    instruction verbs, request cues, requirement cues and output forms.
    """

    earlier_turns: bool
    max_units: int
    max_paragraph_chars: int
    edge_chars: int
    extend_imperatives: tuple[str, ...]
    trim_imperatives: tuple[str, ...]
    extend_request_cues: tuple[str, ...]
    trim_request_cues: tuple[str, ...]
    extend_requirement_cues: tuple[str, ...]
    trim_requirement_cues: tuple[str, ...]
    extend_formats: tuple[str, ...]
    trim_formats: tuple[str, ...]


@dataclass(frozen=True)
class Span:
    """A stretch of the prompt text: ``prompt[start:end]``."""

    start: int
    end: int


def instruction_spans(prompt: str, earlier_turns: bool = False) -> list[Span]:
    """The parts of a prompt that can carry requirements.

    A chat transcript ("User: ...", "Assistant: ...", "<extra_id_1>User") keeps its last user
    turn, plus system and earlier user turns with ``earlier_turns``; assistant turns never
    count. Text before the first marker is a user turn. A prompt without markers is one turn.
    """
    markers = list(_TURN.finditer(prompt))
    if all(marker.group(1).lower() == "system" for marker in markers):
        return [Span(0, len(prompt))]  # no chat ("System: Android 14" is a label)
    turns: list[tuple[str, Span]] = []
    if prompt[: markers[0].start()].strip():
        turns.append(("user", Span(0, markers[0].start())))
    for marker, following in zip(markers, [*markers[1:], None], strict=True):
        end = following.start() if following is not None else len(prompt)
        turns.append((marker.group(1).lower(), Span(marker.end(), end)))
    users = [span for role, span in turns if role in {"user", "human"}]
    if not users:
        users = [span for role, span in turns if role not in _ASSISTANT_ROLES]
    if not users:
        return []
    if not earlier_turns:
        return [users[-1]]
    return [span for role, span in turns if role not in _ASSISTANT_ROLES]


@dataclass(frozen=True)
class Unit:
    """One requirement of the prompt: its text and what a criterion must show to cover it.

    ``kind`` is ``constraint`` (it fixes a count, a length or an output form) or ``request``
    (an instruction or direct request). ``numbers`` are counts and lengths the response must
    meet, ``length_numbers`` those of them that measure length, ``counted`` each of them with
    the content words that follow it (what it counts); ``formats`` output forms and languages
    (each with its variants); ``words`` the content lemmas.
    """

    start: int
    end: int
    text: str
    kind: str
    words: frozenset[str]
    numbers: tuple[str, ...] = ()
    length_numbers: tuple[str, ...] = ()
    formats: tuple[tuple[str, ...], ...] = ()
    counted: tuple[tuple[str, frozenset[str]], ...] = ()


@dataclass
class _Splitter:
    """Cuts prompts into requirement units with one set of settings and its lexicons."""

    settings: UnitSettings
    imperatives: Terms = field(init=False)
    requests: Terms = field(init=False)
    cues: Terms = field(init=False)
    formats: Terms = field(init=False)
    material: Terms = field(init=False)
    measures: Terms = field(init=False)

    def __post_init__(self) -> None:
        o = self.settings
        self.imperatives = load_terms(
            "missing_criteria_imperatives", o.extend_imperatives, o.trim_imperatives, False
        )
        self.requests = load_terms(
            "missing_criteria_request_cues", o.extend_request_cues, o.trim_request_cues
        )
        self.cues = load_terms(
            "missing_criteria_requirement_cues", o.extend_requirement_cues, o.trim_requirement_cues
        )
        self.formats = load_terms(
            "missing_criteria_formats", o.extend_formats, o.trim_formats, lemmatize=False
        )
        self.material = load_terms("missing_criteria_material_headers")
        self.measures = load_terms("missing_criteria_measures")

    def units(self, prompt: str) -> list[Unit]:
        """The requirement units of a prompt, in text order (at most ``max_units``)."""
        found: list[Unit] = []
        edge = self.settings.edge_chars
        for span in instruction_spans(prompt, self.settings.earlier_turns):
            long = span.end - span.start > 2 * edge
            for start, end, listed in self._pieces(prompt, span):
                if long and span.start + edge <= start and end <= span.end - edge:
                    continue  # the middle of a long turn: material, not instructions
                unit = self._unit(prompt, start, end, listed)
                if unit is not None:
                    found.append(unit)
                    if len(found) >= self.settings.max_units:
                        return found
        return found

    # -- cutting ---------------------------------------------------------------------------

    def _pieces(self, prompt: str, span: Span) -> Iterator[tuple[int, int, bool]]:
        """Candidate units as (start, end, listed): material and code left out.

        ``listed`` marks the items of a list introduced as requirements ("Requirements:").
        Source material starts after a material label ("Background:") or an instruction that
        ends with a colon and names material ("Give me feedback on this text:"), and ends at
        a requirement label or a paragraph that opens with an instruction.
        """
        in_material = False
        fences = Fences()
        listing = False
        for start, end in split_spans(prompt, span.start, span.end, _PARAGRAPH):
            paragraph = prompt[start:end]
            if _OMITTED.fullmatch(paragraph.strip()):
                continue
            opens = self._instructs(_first_sentence(paragraph))
            if in_material and opens:
                in_material = False
            if not in_material and end - start > self.settings.max_paragraph_chars and not opens:
                continue
            if not listing or not _BULLET.match(paragraph):
                listing = False
            for line_start, line_end in _lines(prompt, start, end):
                line = prompt[line_start:line_end]
                if fences.fenced(line) or not line.strip():
                    continue
                label = self._label(line)
                if label is not None:
                    in_material = label == "material"
                    listing = label == "requirements"
                    if _LABEL_ONLY.match(line):
                        continue
                if in_material:
                    continue
                bullet = _BULLET.match(line)
                if bullet:
                    line_start += bullet.end()
                elif listing and label is None:
                    listing = False
                for s_start, s_end in sentence_spans(prompt, line_start, line_end):
                    for c_start, c_end in split_spans(prompt, s_start, s_end, _CLAUSE):
                        yield c_start, c_end, listing and bool(bullet)
                if line.rstrip().endswith(":") and label is None:
                    introduces = self._introduces(line)
                    in_material = introduces == "material"
                    listing = introduces == "requirements"

    def _label(self, line: str) -> str | None:
        """``material`` or ``requirements`` for a label ("Background:", "Requirements:")."""
        match = _LABEL.match(line)
        if match is None:
            return None
        lemmas = lemmas_of(match.group(1))
        if not lemmas or len(lemmas) > 5:
            return None
        if word_set("missing_criteria_requirement_labels").intersection(lemmas):
            return "requirements"
        if self._names(lemmas, self.material):
            return "material"
        return None

    def _introduces(self, line: str) -> str | None:
        """What a line ending with a colon introduces: material, requirements or neither."""
        lemmas = lemmas_of(line)
        if word_set("missing_criteria_requirement_labels").intersection(lemmas):
            return "requirements"
        if self._names(lemmas, self.material) or {"following", "below"} & set(lemmas):
            return "material"
        return None

    @staticmethod
    def _names(lemmas: list[str], terms: Terms) -> bool:
        return bool(terms.find(lemmas))

    def _instructs(self, text: str) -> bool:
        words = words_of(text)
        lemmas = [lemma_of(word) for word in words]
        return bool(self._opening(words) or self.requests.find(lemmas) or self.cues.find(lemmas))

    def _verb(self, word: str) -> bool:
        """Whether a word is an instruction verb of one word ("explain" in "can you explain")."""
        return self.imperatives.match_at([word], 0) == (word,)

    def _opening(self, words: list[str]) -> range:
        """Word indices of the opening instruction verb ("please write"), empty without one."""
        index = 0
        while index < len(words) and words[index] in _LEADING_FILLER:
            index += 1
        term = self.imperatives.match_at(words, index) if index < len(words) else None
        return range(index, index + len(term)) if term else range(0)

    # -- one unit --------------------------------------------------------------------------

    def _unit(self, prompt: str, start: int, end: int, listed: bool) -> Unit | None:
        text = prompt[start:end].strip()
        introduces = text.endswith(":")
        text = text.rstrip(":").rstrip()
        if len(text) < 8 or _CODE.search(text):
            return None
        start = prompt.index(text, start)
        matches = list(WORD.finditer(text))
        words = [normalized(m.group()) for m in matches]
        lemmas = [lemma_of(w) for w in words]
        opening = self._opening(words)
        if opening and text[matches[opening[-1]].end() :].lstrip().startswith(":"):
            opening = range(0)  # "End: 12 - 4 = 8" is a label, not an instruction
        if introduces and not opening:
            return None  # "Specific requirements are:", "Can you comment on this text?:"
        anchor = self._anchor(opening, lemmas, listed, text.endswith("?"))
        if anchor is None or not _english(words):
            return None  # statements, questions that request nothing directly, other languages
        asks = anchor[1]
        # quoted text is material (words to use or avoid, a sentence to rewrite): its numbers
        # and format words are not requirements
        quoted = quoted_ranges(text, code_spans=True)
        outside = [
            index
            for index, match in enumerate(matches)
            if not any(start <= match.start() < end for start, end in quoted)
        ]
        numbers, length_numbers, counted = self._numbers(text, matches, lemmas, anchor[0], outside)
        named = [i for i in outside if text[matches[i].start() - 1 : matches[i].start()] != "."]
        formats = self._formats(words, named)  # not "sales.csv"
        content = frozenset(
            lemma
            for index, lemma in enumerate(lemmas)
            if index not in opening
            and not (index and words[index - 1] in _REQUEST_ENDS and self._verb(words[index]))
            and lemma.split("'")[0] not in stop_words()
            and lemma not in word_set("missing_criteria_generic_words")
            and len(lemma) > 2
            and not lemma[:1].isdigit()
        )
        if numbers or formats:
            kind = "constraint"
        elif asks and len(content) >= _min_content(words, opening):
            kind = "request"
        else:
            return None
        return Unit(
            start, start + len(text), text, kind, content, numbers, length_numbers, formats, counted
        )

    def _anchor(
        self, opening: range, lemmas: list[str], listed: bool, question: bool
    ) -> tuple[int, bool] | None:
        """Where the instruction's object starts, and whether the unit asks directly.

        ``None`` when the unit is no requirement: no instruction verb, request or list item,
        and either a question or no modal word about the response ("The company needs to
        cut costs" is not a requirement; "Your answer should be short" is). Only instruction
        verbs and requests ask directly; list items and modal sentences count only for the
        counts, lengths and forms they fix.
        """
        if opening:
            return opening.stop, True
        requests = self.requests.find(lemmas)
        if requests:
            index, term = requests[0]
            return index + len(term), True
        if listed:
            return 0, False
        if question:
            return None
        for index, term in self.cues.find(lemmas):
            if " ".join(term) in _SELF_REQUESTS or word_set(
                "missing_criteria_output_words"
            ).intersection(lemmas[:index]):
                return index + len(term), False
        return None

    def _formats(self, words: list[str], outside: list[int]) -> tuple[tuple[str, ...], ...]:
        """Output forms the unit asks for (each with its variants); "this table" is material."""
        return tuple(
            dict.fromkeys(
                self.formats.groups[term]
                for index, term in self.formats.find(words)
                if index in outside and not _refers_to_material(words, index, index + len(term))
            )
        )

    def _numbers(
        self,
        text: str,
        matches: list[re.Match[str]],
        lemmas: list[str],
        anchor: int,
        outside: list[int],
    ) -> tuple[tuple[str, ...], tuple[str, ...], tuple[tuple[str, frozenset[str]], ...]]:
        """Counts and lengths the unit asks for, those of them that measure length, and each
        with the words it counts ("3 homework questions": homework, question).

        A number counts when a word follows it ("3 new hypotheses", "2-3 paragraphs", "a
        5-day plan"): not a time, date, year, price, version, ordinal, list enumerator,
        quantity with a unit ("12.5 mg", "for 3 days") or a number in a list of numbers. A
        length ("under 50 words") counts anywhere; another count only in the object of the
        instruction: the few words after the instruction verb or request ("Give me 5 tips"),
        up to punctuation or a relative clause ("... for a household that replaces 5 bulbs"),
        and not after "the" or "these" ("compare the two responses": they are given).
        """
        window = _object_window(text, matches, lemmas, anchor)
        times = [(m.start(), m.end()) for m in _TIME.finditer(text)]
        counts: list[str] = []
        lengths: list[str] = []
        counted: list[tuple[str, frozenset[str]]] = []
        length_nouns = word_set("missing_criteria_length_nouns")
        for index in outside:
            match = matches[index]
            word = match.group().lower()
            value = _count_value(word)
            if value is None or any(s <= match.start() < e for s, e in times):
                continue
            head = _head(text, matches, index)
            if head is None or lemmas[head] in _MONTHS:
                continue
            if lemmas[head] in _FUNCTION_WORDS:
                continue  # "he is 81 and ...", "3 of them"
            measures_length = any(lemma in length_nouns for lemma in lemmas[head : head + 3])
            if _year(value) and not measures_length:
                continue
            before = text[max(0, match.start() - 2) : match.start()]
            if any(sign in before for sign in "$€£#(") or _VERSION_DASH.fullmatch(before):
                continue  # "$20", "#3", "(2)", "GPT-4", "COVID-19"
            if index > 1 and word[:1].isdigit() and matches[index - 1].group()[:1].isupper():
                continue  # "Windows 10", "Python 3"
            measure = self.measures.match_at(lemmas, head)
            hyphenated = text[match.end() : match.end() + 1] == "-" and head == index + 1
            if measure is not None and not (hyphenated and measure in _DURATIONS):
                continue  # "12.5 mg", "for 3 days", but a "5-day plan" is a count
            if measures_length:
                lengths.append(value)
            elif index not in window or (index and lemmas[index - 1] in _GIVEN_MARKERS):
                continue
            counted.append((value, _counted_words(lemmas[head : head + _COUNTED_WORDS])))
            counts.append(value)
        return (
            tuple(dict.fromkeys([*counts, *lengths])),
            tuple(dict.fromkeys(lengths)),
            tuple(counted),
        )


def _object_window(
    text: str, matches: list[re.Match[str]], lemmas: list[str], anchor: int
) -> range:
    """Word indices of an instruction's object: from ``anchor`` to punctuation or a clause."""
    stop = min(len(matches), anchor + _OBJECT_WORDS)
    for index in range(anchor, stop):
        if index > anchor and any(
            mark in text[matches[index - 1].end() : matches[index].start()] for mark in ",;:()"
        ):
            return range(anchor, index)
        if lemmas[index] in _CLAUSE_WORDS:
            return range(anchor, index)
    return range(anchor, stop)


def _count_value(word: str) -> str | None:
    """The value of a number or number word that could be a count ("3", "five"), else None."""
    if word[:1].isdigit():
        if _ORDINAL.fullmatch(word):
            return None
        value = number_value(word)
        if value is None or value == "0" or float(value) > _LARGEST_COUNT:
            return None
        return value
    if word in NUMBER_WORDS and word not in _VAGUE_NUMBER_WORDS:
        return NUMBER_WORDS[word]
    return None


def _head(text: str, matches: list[re.Match[str]], index: int) -> int | None:
    """Index of the word a number counts: the word after it and any range ("2-3", "3 to 4").

    ``None`` when punctuation or another number follows ("5, 2, 9", "(3)", "1+1", "2.").
    """
    position = index
    while position + 1 < len(matches):
        gap = text[matches[position].end() : matches[position + 1].start()]
        following = matches[position + 1].group().lower()
        if gap.strip(" ") not in _RANGE_DASHES or "\n" in gap:
            return None
        if (
            following in {"to", "or"}
            and position + 2 < len(matches)
            and _count_value(matches[position + 2].group().lower()) is not None
        ):
            position += 2
            continue
        if following[:1].isdigit() or following in NUMBER_WORDS:
            if gap.strip(" ") in _RANGE_DASHES - {""}:
                position += 1
                continue
            return None
        return position + 1
    return None


def _refers_to_material(words: list[str], start: int, end: int) -> bool:
    """Whether a format word names existing material ("this table", "the title of the paper")."""
    before = words[start - 1] if start else ""
    after = words[end] if end < len(words) else ""
    if before in _DEMONSTRATIVES or (before == "the" and after in _MATERIAL_POINTERS):
        return True
    return before == "the" and words[start] not in _THE_FORMS  # "on the table", "the JSON data"


def _min_content(words: list[str], opening: range) -> int:
    verb = " ".join(words[index] for index in opening)
    return _MIN_CONTENT_WORDS_FOCUSED if verb in _FOCUSED_OPENINGS else _MIN_CONTENT_WORDS


def _year(value: str) -> bool:
    return len(value) == 4 and value.isdigit() and 1800 <= int(value) <= 2100


def _english(words: list[str]) -> bool:
    """Whether a unit reads as English: Latin letters and enough English function words."""
    if not all(word.isascii() for word in words):
        letters = [char for word in words for char in word if char.isalpha()]
        if sum(1 for char in letters if char.isascii()) < 0.8 * len(letters):
            return False
    alphabetic = [word for word in words if word.isalpha()]
    if len(alphabetic) < 8:
        return True
    stops = sum(1 for word in alphabetic if word in stop_words())
    return stops / len(alphabetic) >= 0.15


def _first_sentence(paragraph: str) -> str:
    text = paragraph.strip()
    bullet = _BULLET.match(text)
    if bullet:
        text = text[bullet.end() :]
    _start, end = next(sentence_spans(text, 0, len(text)), (0, len(text)))
    return text[:end] if end < len(text) else text[:200]


def _lines(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Lines of ``text[start:end]``, a line wrapped in the middle of a sentence joined to the
    next ("... per region,\nhighest total first.")."""
    pending: tuple[int, int] | None = None
    for line_start, line_end in split_spans(text, start, end, _NEWLINE):
        line = text[line_start:line_end]
        if pending is not None:
            previous = text[pending[0] : pending[1]].rstrip()
            following = line.lstrip()
            if (
                previous
                and previous[-1] not in ".!?:;"
                and following[:1].islower()
                and not _BULLET.match(line)
            ):
                pending = (pending[0], line_end)
                continue
            yield pending
        pending = (line_start, line_end)
    if pending is not None:
        yield pending


def requirement_units(prompt: str | None, settings: UnitSettings) -> list[Unit]:
    """The requirement units of a prompt, in text order (at most ``max_units``)."""
    if not prompt:
        return []
    return list(_units(prompt, settings))


@lru_cache(maxsize=256)
def _units(prompt: str, settings: UnitSettings) -> tuple[Unit, ...]:
    """Units per prompt text, so rubrics that share a prompt split it once."""
    return tuple(_splitter(settings).units(prompt))


@cache
def _splitter(settings: UnitSettings) -> _Splitter:
    return _Splitter(settings)


def _counted_words(lemmas: list[str]) -> frozenset[str]:
    """The content words among the few after a count ("3 new hypotheses": new, hypothesis)."""
    return frozenset(lemma for lemma in lemmas if len(lemma) > 2 and lemma not in stop_words())
