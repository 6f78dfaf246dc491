"""RL102 non-atomic."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pydantic import Field

from rift_lint.models import Criterion, Diagnostic, Scope, Severity
from rift_lint.nlp.criterion_words import (
    ALTERNATIVES,
    BREAKS,
    CLAUSE_WORDS,
    HYPHENS,
    MAX_LAST_ITEM,
    SKIPPED_ADVERBS,
    Tok,
    Words,
    adverb,
    body_start,
)
from rift_lint.nlp.doccache import memo
from rift_lint.nlp.lexicon import adjusted
from rift_lint.nlp.matching import lower_matcher_for, matcher_for
from rift_lint.nlp.templates import is_grading_template
from rift_lint.rules.base import Rule, RuleContext, RuleOptions

if TYPE_CHECKING:
    from spacy.tokens import Doc

# Every detector needs one of these; a criterion without any is skipped before token work.
_CANDIDATE = re.compile(
    r"\band\b|\bas well as\b|,\s*\w+ing\b|\bwhile\s+\w+ing\b|[.?!]\s+\S"
    r"|\ball\b|\bevery\b",
    re.IGNORECASE,
)
# One step of a gated grading protocol: "Step 2: Brainstorm any missing details or caveats. If
# something is absent, fail." (the step's check, then the condition that fails it).
_STEP = re.compile(
    r"^[ \t]*step[ \t]+\d+[ \t]*[:.)][ \t]*(?P<check>[^\n]*?\S)[ \t]*(?=\bif\b[^\n]*\bfail)",
    re.IGNORECASE | re.MULTILINE,
)

# Closed-class words (grammar, not vocabulary): where a list ends, which words precede a verb's
# object, which words open a verb phrase.
_LIST_ENDS = BREAKS | {"(", ")"}  # where a list after "including" ends
_RELATIVE = frozenset({"that", "which", "who", "is", "are", "be", "was", "were"})
_OBJECT_OPENERS = frozenset(
    {
        "a", "an", "the", "this", "these", "those", "its", "their", "his", "her", "your",
        "nothing", "no", "any", "all", "each", "every", "both", "one", "two", "three", "how",
        "what", "why", "whether", "it", "them",
    }
)  # fmt: skip
_THIRD_PERSON = frozenset({"has", "does", "is"})
_QUANTIFIERS = frozenset({"nothing", "no", "none", "any", "all", "every", "each", "only", "both"})
_VERB_OPENERS = frozenset(
    {"should", "must", "to", "does", "did", "do", "will", "can", "shall", "may", "also"}
)
_LIKE_VERBS = frozenset({"would", "feel", "feels", "look", "looks", "sound", "sounds", "seem"})
_ABSTRACT_SUFFIXES = ("ity", "ness", "ance", "ence", "acy")
_INTRODUCERS = frozenset(
    {
        "in", "for", "when", "if", "given", "with", "within", "after", "before", "during",
        "under", "on", "at", "by", "from", "across", "among", "regarding", "as", "unless",
        "while", "once", "since", "although", "though", "because", "upon", "throughout",
    }
)  # fmt: skip
_RELATIONAL = frozenset({"between", "among", "amongst"})
# Words before a list that make it the means or basis of one requirement ("captures the style
# through word choice, sentence structure and tone"; "differs depending on age, health and
# region"): a two-word basis is matched on its last word and the word before it.
_MEANS = frozenset({"through", "via"})
_BASIS = frozenset({("depending", "on"), ("based", "on"), ("according", "to")})
_PREDICATE_WORDS = frozenset(
    {"is", "are", "was", "were", "can", "may", "might", "could", "will", "would", "should", "must"}
)
_DETERMINERS = frozenset({"the", "these", "those", "both", "all", "its", "their", "each"})
_NOUN_OPENERS = _DETERMINERS | {"a", "an"}
_VERB_GROUP = 4  # words that can come before a first item's noun phrase ("clearly state the")
_SMALL_UNITS = frozenset({"word", "character"})
# A criterion with this many score levels or more is graded on a scale (RL102 judges only a
# length joined with anything else in it).
_SCALE_LEVELS = 3
_NUMBER_GLUE = frozenset({"-", "\u2013", "+"})  # "500-word", "2000+ words"
_DIGIT = re.compile(r"\d")
_CLAUSE = re.compile(r"[^,;:.!?()\[\]]+?(?=\band\b|[,;:.!?()\[\]]|$)")
_CLAUSE_WORD = re.compile(r"[^\W\d_][\w'-]*")
_MIN_CLAUSE_WORDS = 3
_RELATIVE_PRONOUNS = frozenset({"that", "which", "who", "where"})
_MIN_WORDS = 10
_RANGE = frozenset({"between", "from", "to"})
_ADJUNCT_OPENERS = frozenset({",", "while", "whereas", "by", "when", "through"})
_MAX_ITEM = 8
_MAX_FIRST_ITEM = 6


class NonAtomicOptions(RuleOptions):
    """Options of RL102."""

    min_list_items: int = Field(default=3, ge=2)
    min_checklist_items: int = Field(default=6, ge=2)
    min_steps: int = Field(default=3, ge=2)
    coordinated_verbs: bool = True
    extend_verbs: tuple[str, ...] = ()
    trim_verbs: tuple[str, ...] = ()
    extend_example_markers: tuple[str, ...] = ()
    trim_example_markers: tuple[str, ...] = ()
    extend_binomials: tuple[str, ...] = ()
    trim_binomials: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Bundle:
    """Coordinated parts of one criterion: their char spans and how they were joined."""

    parts: tuple[tuple[int, int], ...]
    kind: str

    @property
    def start(self) -> int:
        return self.parts[0][0]


_PRIORITY = {
    "list": 3, "predicates": 2, "values": 2, "length": 2, "manners": 1,
    "sentences": 1,
    "everything": 0,
}  # fmt: skip
_CONFIDENCE = {
    "list": 0.7, "predicates": 0.6, "values": 0.7, "length": 0.7, "manners": 0.5,
    "sentences": 0.6, "everything": 0.5, "steps": 0.7,
}  # fmt: skip


class NonAtomic(Rule):
    """One criterion bundles requirements that can pass or fail independently.

    What it flags:
        A criterion that joins several separately checkable requirements with no rule for
        partial credit: a list of three or more items joined by commas and ``and`` (or ``as
        well as``); two predicates each opened by a requirement verb ("explains X and
        recommends Y", "recommends X, noting that Y"); parallel expected values ("returns 3
        for A and 2.5 for B"); a length limit joined with anything else ("follows the format
        and stays under 300 words"); two manners of one action ("clearly and correctly
        applies"); a second sentence that adds a requirement ("Also assesses..."); one item
        for "all the requirements"; or a grading protocol of ``min-steps`` (3) or more steps
        that each fail the item on their own ("Step 1: Is the core question answered early? If
        not, fail. Step 2: ..."). The first part is underlined and the other parts are
        highlighted; one finding per criterion (the bundle with the most parts).

        Not flagged: example lists (after ``e.g.``, ``such as``, ``including``, ``like``, or
        in brackets; but a list of ``min-checklist-items`` (6) or more after ``including`` is
        a checklist of required content, "including age, sex, weight, comorbidities, current
        medication and allergies", and is flagged), a restatement after ``i.e.`` or
        ``namely`` ("as in section 4.1, i.e. resetting to the critical states and continuing
        training"), alternatives joined by ``or``, lists of
        things to avoid, fixed pairs that name one behaviour ("pros and cons", "identify and
        explain"; vague pairs such as "clear and concise" are RL101's), one manner told twice
        ("word by word and paragraph by paragraph"), two objects of one
        verb ("explains the risks and the benefits", "advises on A and B": labelled readers
        call most such pairs one requirement), the facets of one judgement ("the accuracy,
        depth and specificity of the analysis"), one relation ("between A, B and C"), the
        means or basis of one requirement ("through A, B and C", "depending on A, B and C"), a
        list that is the subject of one statement ("A, B and C are signs of X"; a verb in a
        relative clause of the last item, "C that would help", is not such a statement), lists in a
        descriptive participle phrase (", using A, B and C") or in a clause of reason
        ("because ...", "since ...", ", as they ..."), quoted text, a short title before
        the criterion, multi-line grading templates with bulleted or numbered lines, protocols
        of two steps (often two sides of one behaviour), and criteria whose text or levels give
        credit per part ("1 point each", "partial credit"). A criterion graded on a scale
        (three or more levels) is flagged only for a length joined with anything else, the
        length found anywhere after its title, in brackets or an example list included: the
        levels grade the facets they describe together ("the depth and accuracy of the
        market research, competitive analysis and positioning"), but a length is checked on
        its own. A length whose relative clause holds the content ("three sentences that
        explain A and B") is one requirement. Works on tokens, lemmas and punctuation alone (no
        parser needed). Options: ``min-list-items``, ``min-checklist-items``, ``min-steps``,
        ``coordinated-verbs`` and ``extend-``/``trim-`` for the ``verbs``, ``example-markers``
        and ``binomials`` lists.

    Why it hurts:
        A response that meets some parts but not others has no right score: one grader gives
        full credit for most parts, another gives none for a missing one, and the score no
        longer says which behaviour was present.

    Bad:
        criteria:
          - text: Asks about sex, weight, height and diet
            points: 8
          - text: Explains the likely cause and recommends seeing a doctor within 24 hours
            points: 5

    Better:
        criteria:
          - text: Asks about the patient's sex
            points: 2
          - text: Asks about the patient's weight
            points: 2
          - text: Asks about the patient's height
            points: 2
          - text: Asks about the patient's diet
            points: 2
          - text: Explains that the likely cause is a viral infection
            points: 2
          - text: Recommends seeing a doctor within 24 hours
            points: 3
    """

    code = "RL102"
    name = "non-atomic"
    failure_mode = "non_atomic"
    scope = Scope.CRITERION
    default_severity = Severity.WARNING
    uses_nlp = True
    Options = NonAtomicOptions

    def __init__(self, options: RuleOptions | None = None) -> None:
        super().__init__(options)
        opts = self.options
        assert isinstance(opts, NonAtomicOptions)
        self._min_items = max(2, opts.min_list_items)
        self._coordinated_verbs = opts.coordinated_verbs
        self._verbs = frozenset(
            adjusted("non_atomic_requirement_verbs", opts.extend_verbs, opts.trim_verbs)
        )
        self._markers = adjusted(
            "non_atomic_example_markers", opts.extend_example_markers, opts.trim_example_markers
        )
        self._binomials = adjusted(
            "non_atomic_binomials", opts.extend_binomials, opts.trim_binomials
        )
        self._messages = frozenset(adjusted("non_atomic_message_verbs"))
        self._boundaries = frozenset(adjusted("non_atomic_item_boundaries")) | self._verbs
        self._negations = frozenset(adjusted("non_atomic_negation_cues"))
        self._facets = frozenset(adjusted("non_atomic_quality_facets"))
        self._partial = _phrase_pattern(adjusted("non_atomic_partial_credit"))
        self._everything = adjusted("non_atomic_bundle_phrases")
        cues = adjusted("non_atomic_length_cues")
        self._length_terms = tuple(term for term in cues if not term.startswith("=n "))
        self._length_units = frozenset(term[3:] for term in cues if term.startswith("=n "))

    def check_criterion(self, criterion: Criterion, context: RuleContext) -> Iterator[Diagnostic]:
        """Flag the largest bundle of independent requirements in the criterion, if any."""
        text = criterion.text
        bundle = self._steps(text)
        if bundle is not None:
            yield from self._diagnose(criterion, bundle)
            return
        if not _CANDIDATE.search(text) or is_grading_template(text):
            return  # nothing joins requirements, or a grading template (checked before tokens)
        doc, model = context.doc(criterion), context.nlp_model
        if len(criterion.levels) >= _SCALE_LEVELS:
            key: tuple[object, ...] = (self.code, "scale", self, model)
            bundle = memo(doc, key, lambda: self._scale_length(doc, text, model))
        else:
            bundle = memo(doc, (self.code, self, model), lambda: self._find(doc, text, model))
        if bundle is not None:
            yield from self._diagnose(criterion, bundle)

    def _diagnose(self, criterion: Criterion, bundle: _Bundle) -> Iterator[Diagnostic]:
        """The finding for a bundle, unless the criterion gives credit per part."""
        if self._credit_per_part(criterion):
            return
        text = criterion.text
        parts = [text[start:end] for start, end in bundle.parts]
        yield self.diagnostic(
            criterion.span(*bundle.parts[0]),
            _message(criterion.id, bundle.kind, parts),
            criterion=criterion,
            suggestion=(
                "Split it into separate criteria, one per requirement, each with its own points "
                "(or define in the levels how much credit each part earns)."
            ),
            confidence=min(0.9, _CONFIDENCE[bundle.kind] + 0.05 * max(0, len(parts) - 3)),
            highlights=[criterion.span(start, end) for start, end in bundle.parts[1:]],
        )

    def _steps(self, text: str) -> _Bundle | None:
        """A grading protocol of ``min-steps`` (3) or more steps, each of which fails the item
        on its own ("Step 1: Is the core question answered early? If not, fail. Step 2: ...").
        Two steps are left alone: they are often two sides of one behaviour ("asks follow-up
        questions" / "says what information would help")."""
        steps = tuple(match.span("check") for match in _STEP.finditer(text))
        return _Bundle(steps, "steps") if len(steps) >= self.options.min_steps else None

    def _credit_per_part(self, criterion: Criterion) -> bool:
        """Whether the text or the levels give credit per part ("1 point each")."""
        texts = [criterion.text, *(level.text for level in criterion.levels)]
        return any(self._partial.search(text) for text in texts)

    def _find(self, doc: Doc, text: str, model: str | None) -> _Bundle | None:
        markers = self._example_starts(doc, model)
        checklists = {i for i in markers if self._checklist(doc, i)}
        words = Words(
            doc, text, markers - checklists, self._pair_conjunctions(doc, model), checklists
        )
        if len(words) < 3:
            return None
        found = [
            *self._lists(words),
            *self._values(words),
            *self._manners(words),
            *self._length(doc, words, model),
        ]
        if self._coordinated_verbs:
            found.extend(self._predicates(words))
            found.extend(self._participles(words))
            found.extend(self._sentences(words))
        if not found:
            found.extend(self._all_requirements(doc, model))
        if not found:
            return None
        return max(found, key=lambda b: (len(b.parts), _PRIORITY[b.kind], -b.start))

    def _example_starts(self, doc: Doc, model: str | None) -> set[int]:
        return {
            i
            for i in lower_matcher_for(self._markers, model).starts(doc)
            if not (doc[i].lower_ == "like" and i > 0 and doc[i - 1].lower_ in _LIKE_VERBS)
        }

    def _checklist(self, doc: Doc, start: int) -> bool:
        """Whether "including" opens a checklist rather than examples: a list of at least
        ``min-checklist-items`` items ("including age, sex, weight, comorbidities, current
        medication and allergies"), each of which a grader would check."""
        if doc[start].lower_ != "including":
            return False
        items, previous = 1, ""
        for token in doc[start + 1 :]:
            if token.text in _LIST_ENDS or "\n" in token.text:
                break
            if token.text == "," or (token.lower_ in {"and", "or"} and previous != ","):
                items += 1
            previous = token.text
        return items >= self.options.min_checklist_items

    def _pair_conjunctions(self, doc: Doc, model: str | None) -> set[int]:
        """Token indices of the "and" inside fixed pairs ("pros and cons")."""
        return {
            token.i
            for match in matcher_for(self._binomials, model).find(doc)
            for token in match.span
            if token.lower_ == "and"
        }

    # -- lists: "A, B and C" ------------------------------------------------------------------

    def _lists(self, words: Words) -> Iterator[_Bundle]:
        tokens = words.tokens
        adjunct: list[bool] | None = None
        for k in words.joins():
            width = words.conjunction(k)
            if words.in_example[k]:
                continue
            if adjunct is None:
                adjunct = self._adjunct_scope(words)
            if adjunct[k]:
                continue
            last = words.forward_item(k + width)
            if last is None:
                continue
            items = self._backward_items(words, k, last[0])
            if items is None or len(items) + 1 < self._min_items:
                continue
            first_start = items[0][0]
            if any(words.in_example[p] or tokens[p].i in words.example_starts
                   for p in range(first_start, k)):  # fmt: skip
                continue
            before = tokens[first_start - 1] if first_start > 0 else None
            if before is not None and before.lemma_ in self._negations:
                continue  # "avoids A, B and C": one requirement of absence
            if before is not None and before.lower_ in _RELATIONAL:
                continue  # "the relationship between A, B and C": one relation
            if _means_or_basis(tokens, first_start):
                continue  # "through A, B and C": how one requirement is met
            if _has_predicate(tokens, *last):
                continue  # "A, B and C are signs of X": the list is the subject of one statement
            items.append(last)
            numeric = tokens[items[0][1] - 1].like_num and all(
                words.numeric(*item) for item in items[1:]
            )
            if numeric or self._facets_of(words, items):
                continue
            yield _Bundle(tuple(words.chars(*item) for item in items), "list")

    def _backward_items(
        self, words: Words, k: int, last_start: int
    ) -> list[tuple[int, int]] | None:
        """Comma-separated items before the conjunction at ``k``, the first one trimmed.

        A segment that cannot be a whole list item (it opens the clause, runs long, holds a
        relative clause, opens with a preposition or, unlike the last item, with a participle)
        ends the list: its last words are the first item.
        """
        tokens = words.tokens
        end = k - 1 if tokens[k - 1].text == "," else k
        items: list[tuple[int, int]] = []
        last_is_participle = self._participle(tokens, last_start)
        while end > 0:
            start = _segment_start(words, end)
            if start == end or tokens[start].lower_ in {"and", *ALTERNATIVES}:
                break
            head = _first_content(tokens, start, end)
            terminal = (
                start == 0
                or tokens[start - 1].text != ","
                or end - start > _MAX_ITEM
                or any(tokens[p].lower_ in _RELATIVE for p in range(start, end))
                or tokens[start].lemma_ in self._boundaries - self._verbs
                or (head is not None and not last_is_participle and self._participle(tokens, head))
            )
            if not terminal:
                items.insert(0, (start, end))
                end = start - 1
                continue
            if self._introductory(words, start):
                # "In the table for X, state A, B and C": the comma closes an opening phrase,
                # and the item after it opens the list, from its noun phrase on ("A")
                if items:
                    items[0] = _from_noun_phrase(tokens, *items[0])
                break
            first = self._trim_first(tokens, start, end)
            if first is not None:
                items.insert(0, first)
            break
        return items or None

    def _introductory(self, words: Words, start: int) -> bool:
        """Whether the segment at ``start`` opens its sentence with a preposition or clause word,
        directly or after other such segments ("In Table 1, for Thailand's scheme, state ...")."""
        tokens = words.tokens
        if start > 0 and (tokens[start - 1].lower_ in CLAUSE_WORDS or start - 1 in words.reason_as):
            return True
        if tokens[start].lower_ not in _INTRODUCERS:
            return False
        while start > 0 and tokens[start].i not in words.starts:
            if tokens[start - 1].text in BREAKS:
                return True
            if tokens[start - 1].text != ",":
                return False
            start = _segment_start(words, start - 1)
            if tokens[start].lower_ not in _INTRODUCERS:
                return False
        return True

    def _adjunct_scope(self, words: Words) -> list[bool]:
        """_Toks inside a descriptive participle phrase (", evaluating how...", "while using
        ..."): a list there says how the main requirement is met, not what else is required."""
        tokens = words.tokens
        scope = [False] * len(tokens)
        inside = False
        for p, token in enumerate(tokens):
            if token.text in BREAKS or token.i in words.starts:
                inside = False
            elif (
                p > 0
                and tokens[p - 1].lower_ in _ADJUNCT_OPENERS
                and token.lemma_ not in self._messages
                and token.i not in words.checklists
                and self._participle(tokens, p)
            ):
                inside = True
            scope[p] = inside
        return scope

    def _participle(self, tokens: list[Tok], p: int) -> bool:
        """Whether the word at ``p`` is a verb's -ing form opening a phrase ("ensuring that")."""
        token = tokens[p]
        if not token.lower_.endswith("ing") or len(token.lower_) < 6:
            return False
        if token.lemma_ in self._boundaries or token.lemma_ in self._negations:
            return True
        nxt = tokens[p + 1] if p + 1 < len(tokens) else None
        return nxt is not None and (nxt.lower_ in _OBJECT_OPENERS or nxt.lemma_ in self._boundaries)

    def _trim_first(self, tokens: list[Tok], start: int, end: int) -> tuple[int, int] | None:
        """The first item, read leftwards from its comma to a boundary word, a determiner
        (kept) or the length cap."""
        begin = end
        while begin > start and end - begin < _MAX_FIRST_ITEM:
            token = tokens[begin - 1]
            # a verb form between a determiner and a noun modifies the noun: "the writing prompt"
            modifier = (
                begin < end and begin - 2 >= start and tokens[begin - 2].lower_ in _NOUN_OPENERS
            )
            if not modifier and (
                token.lemma_ in self._boundaries
                or token.lower_ in self._boundaries
                or self._participle(tokens, begin - 1)
            ):
                break
            if token.lower_ in _RELATIVE or token.lemma_ in self._negations:
                break
            begin -= 1
            if token.lower_ in _NOUN_OPENERS:  # "tie together the introduction, ...": the
                while begin > start and tokens[begin - 1].lower_ in _NOUN_OPENERS:
                    begin -= 1  # item's noun phrase opens here ("all the reasoning steps")
                break
        if begin == end or not any(tokens[p].is_alpha for p in range(begin, end)):
            return None
        return begin, end

    def _facets_of(self, words: Words, items: list[tuple[int, int]]) -> bool:
        """Whether the list names facets of one judgement: "the accuracy, depth and rigour of"."""
        tokens = words.tokens
        last_start, last_end = items[-1]
        of = next((p for p in range(last_start, last_end) if tokens[p].lower_ == "of"), last_end)
        if of >= len(tokens) or tokens[of].lower_ != "of":
            return False
        for start, end in [*items[:-1], (last_start, of)]:
            content = [t for t in tokens[start:end] if t.is_alpha and not t.is_stop]
            if not content or len(content) > 2 or not self._facet(content[-1]):
                return False
        return True

    def _facet(self, token: Tok) -> bool:
        return token.lemma_ in self._facets or token.lower_.endswith(_ABSTRACT_SUFFIXES)

    # -- a length constraint joined with anything else ---------------------------------------

    def _length_terms_in(self, doc: Doc, model: str | None) -> list[tuple[int, int]]:
        """Char spans of the length terms of ``doc`` ("word count", "length"), except a term
        followed by "of" ("the length of a river")."""
        return [
            (m.start_char, m.end_char)
            for m in matcher_for(self._length_terms, model).find(doc)
            if m.span.end >= len(doc) or doc[m.span.end].lower_ != "of"
        ]

    def _length_mentions(self, doc: Doc, words: Words, model: str | None) -> list[tuple[int, int]]:
        spans = self._length_terms_in(doc, model)
        for token in words.tokens:
            at = words.at
            if token.lemma_ in self._length_units and token.i > 0 and _cardinal(at(token.i - 1)):
                number = at(token.i - 1)
                if number.i > 0 and at(number.i - 1).lower_ in _DETERMINERS:
                    continue  # "the two sentences": items referred to, not a length
                if token.lemma_ in _SMALL_UNITS and _value(number.text) < _MIN_WORDS:
                    continue  # "the 5 words" counts vocabulary, not length
                start = number.i
                while start >= 2 and at(start - 1).text in HYPHENS and at(start - 2).like_num:
                    start -= 2
                spans.append((at(start).idx, token.idx + len(token.text)))
        return sorted(spans)

    def _length(self, doc: Doc, words: Words, model: str | None) -> Iterator[_Bundle]:
        tokens = words.tokens
        active = {token.idx for token in tokens}
        mentions = [m for m in self._length_mentions(doc, words, model) if m[0] in active]
        if not mentions:
            return
        for k in words.joins():
            width = words.conjunction(k)
            if k + width >= len(tokens) or (tokens[k - 1].like_num and tokens[k + width].like_num):
                continue
            conj = tokens[k].idx
            before = [m for m in mentions if m[1] <= conj]
            after = [m for m in mentions if m[0] > conj]
            if before and not after:
                mention = before[-1]
                if _described(tokens, mention[1], conj):
                    continue  # "three sentences that explain A and B": what the length holds
                other = words.forward_item(k + width)
            elif after and not before:
                other = self._trim_first(tokens, _segment_start(words, k), k)
                mention = after[0]
            else:
                continue
            if other is None:
                continue
            span = words.chars(*other)
            parts = sorted([mention, span])
            if parts[0][1] > parts[1][0]:
                continue
            yield _Bundle(tuple(parts), "length")
            return

    # -- a criterion graded on a scale: only a length joined with anything else ----------------

    def _scale_length(self, doc: Doc, text: str, model: str | None) -> _Bundle | None:
        """A length constraint and another requirement in a criterion graded on a scale.

        The levels of a scale give partial credit across the facets they describe together
        ("the depth, accuracy and relevance of the market analysis"), so those are one
        judgement; a length is checked on its own whatever the levels say, so a scale that
        also grades a length bundles two requirements. The length may sit anywhere after the
        title, in brackets or in an example list included.
        """
        body = body_start(text)
        mentions = [span for span in self._length_terms_in(doc, model) if span[0] >= body]
        for token in doc:
            if token.lemma_ not in self._length_units or token.idx < body:
                continue
            number = _number_before(doc, token.i)
            if number is not None:
                if token.lemma_ in _SMALL_UNITS and _value(doc[token.i - 1].text) < _MIN_WORDS:
                    continue  # "uses 5 words": vocabulary, not a length
                mentions.append((doc[number].idx, token.idx + len(token.text)))
        if not mentions:
            return None
        mention = min(mentions)
        other = next(
            (
                span
                for span in _clauses(text, body)
                if not any(start < span[1] and span[0] < end for start, end in mentions)
            ),
            None,
        )
        if other is None:
            return None
        return _Bundle(tuple(sorted([mention, other])), "length")

    # -- parallel expected values: "returns 3 for A and 2.5 for B" ----------------------------

    def _values(self, words: Words) -> Iterator[_Bundle]:
        tokens = words.tokens
        for k in words.joins():
            if k + 2 >= len(tokens) or not _cardinal(tokens[k + 1]) or words.in_example[k]:
                continue
            start = k - 1
            while start > 0 and not _cardinal(tokens[start]) and k - start < 4:
                start -= 1
            if not _cardinal(tokens[start]) or start + 1 >= k or not tokens[k + 2].is_alpha:
                continue
            if not tokens[start + 1].is_alpha or (start > 0 and tokens[start - 1].lower_ in _RANGE):
                continue
            if (
                tokens[start + 1].lemma_ != tokens[k + 2].lemma_
                and tokens[start].lower_ != tokens[k + 1].lower_
            ):
                continue  # "3 laptops at $1100 each and 2 monitors": one sum, not two values
            last = words.forward_item(k + 1, limit=6)
            if last is None:
                continue
            first = (tokens[start].idx, words.reach(tokens[k].idx))
            after = tokens[last[1]].idx if last[1] < len(tokens) else len(words.text)
            second = (tokens[k + 1].idx, words.reach(after))
            yield _Bundle((first, second), "values")

    # -- two manners of one action: "clearly and correctly applies" -------------------------

    def _manners(self, words: Words) -> Iterator[_Bundle]:
        tokens = words.tokens
        for k in range(1, len(tokens) - 2):
            token = tokens[k]
            if token.lower_ != "and" or token.i in words.pairs or words.in_example[k]:
                continue
            first, second, verb = tokens[k - 1], tokens[k + 1], tokens[k + 2]
            if not (adverb(first) and adverb(second)) or first.lower_ in SKIPPED_ADVERBS:
                continue
            if k >= 2 and tokens[k - 2].lower_ == "how":
                continue  # "how precisely and comprehensively": one graded scale
            if _form(verb) in {"s", "base"} and (verb.lemma_ in self._verbs or _form(verb) == "s"):
                yield _Bundle((words.chars(k - 1, k), words.chars(k + 1, k + 2)), "manners")

    # -- predicates: "explains X and recommends Y" --------------------------------------------

    def _predicates(self, words: Words) -> Iterator[_Bundle]:
        tokens = words.tokens
        for k in words.joins():
            width = words.conjunction(k)
            second = k + width
            while second < len(tokens) and adverb(tokens[second]):
                second += 1
            if (
                second >= len(tokens)
                or not self._verb_like(tokens, second)
                or words.in_compound(tokens[second].i)
            ):
                continue  # "and follow-up care": a noun, not a second action
            first = self._opening_verb(words, k, _form(tokens[second]))
            also = any(t.lower_ in SKIPPED_ADVERBS for t in tokens[k + width : second])
            if first is None or (
                not also and any(t.lower_ in _RELATIVE for t in tokens[first + 1 : k])
            ):
                continue
            end_first = k - 1 if tokens[k - 1].text == "," else k
            if end_first - first < 2:
                continue  # "identifies and explains": one action named twice
            last = words.forward_item(second, limit=MAX_LAST_ITEM + 4)
            if last is not None:
                yield _Bundle((words.chars(first, end_first), words.chars(*last)), "predicates")

    def _participles(self, words: Words) -> Iterator[_Bundle]:
        """A requirement added as a participle: "recommends X, noting that Y"."""
        tokens = words.tokens
        for k in range(2, len(tokens)):
            token = tokens[k]
            previous = tokens[k - 1]
            joined = previous.text == "," or (
                previous.lower_ == "while" and k > 2 and tokens[k - 2].text != ","
            )
            if not joined or not token.lower_.endswith("ing") or token.lemma_ not in self._messages:
                continue
            first = self._opening_verb(words, k - 1, None)
            if first is None or words.in_example[k]:
                continue
            end_first = k - 1
            last = words.forward_item(k, limit=MAX_LAST_ITEM + 4)
            if last is not None:
                yield _Bundle((words.chars(first, end_first), words.chars(*last)), "predicates")

    def _sentences(self, words: Words) -> Iterator[_Bundle]:
        """A later sentence that adds a requirement: "Evaluates X. Also assesses Y."."""
        tokens = words.tokens
        first = None
        for k, token in enumerate(tokens):
            if k == 0 or tokens[k - 1].text in {".", "?", "!"}:
                head = k + 1 if token.lower_ in {"also", "additionally"} else k
                if head >= len(tokens) or _form(tokens[head]) != "s":
                    continue
                if not (tokens[head].lemma_ in self._verbs or head > k):
                    continue
                if first is None:
                    first = head
                    continue
                first_part = words.chars(first, words.sentence_end(first))
                second_part = words.chars(head, words.sentence_end(head))
                yield _Bundle((first_part, second_part), "sentences")
                return

    def _all_requirements(self, doc: Doc, model: str | None) -> Iterator[_Bundle]:
        for match in matcher_for(self._everything, model).find(doc):
            yield _Bundle(((match.start_char, match.end_char),), "everything")
            return

    def _verb_like(self, tokens: list[Tok], k: int) -> bool:
        """Whether the word at ``k`` heads a predicate (no POS needed): a requirement verb, or
        an -s form followed by its object ("imports nothing")."""
        token = tokens[k]
        if token.lemma_ in self._messages and _form(token) is not None:
            return True
        return _form(token) == "s" and k + 1 < len(tokens) and tokens[k + 1].lower_ in _QUANTIFIERS

    def _opening_verb(self, words: Words, k: int, form: str | None) -> int | None:
        """The verb opening the clause that ends before ``k``, if it has the wanted form."""
        tokens = words.tokens
        start = k - 1
        while (
            start > 0
            and tokens[start].i not in words.starts
            and tokens[start - 1].text not in BREAKS
        ):
            start -= 1
        for p in range(start, min(k, start + 8)):
            token = tokens[p]
            if token.lower_ in _VERB_OPENERS or token.text == ",":
                continue
            verb = token.lemma_ in self._verbs or (p - start <= 2 and _form(token) == "s")
            if verb and (form is None or _form(token) == form) and _form(token) is not None:
                return p
        return None


def _phrase_pattern(terms: tuple[str, ...]) -> re.Pattern[str]:
    """A case-insensitive pattern matching any of ``terms`` as whole words."""
    alternatives = "|".join(re.escape(term).replace(r"\ ", r"\s+") for term in terms)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def _has_predicate(tokens: list[Tok], start: int, end: int) -> bool:
    """Whether the last item of a list holds the verb of the list's own statement ("A, B and C
    are signs of X"); a verb inside a relative clause of the item ("C that would be critical")
    belongs to that clause."""
    for p in range(start, end):
        word = tokens[p].lower_
        if word in _RELATIVE_PRONOUNS:
            return False
        if word in _PREDICATE_WORDS:
            return True
    return False


def _means_or_basis(tokens: list[Tok], start: int) -> bool:
    """Whether the list starting at ``start`` follows a word of means or basis ("through",
    "depending on"): it says how one requirement is met or what it depends on."""
    if start < 1:
        return False
    if tokens[start - 1].lower_ in _MEANS:
        return True
    return start >= 2 and (tokens[start - 2].lower_, tokens[start - 1].lower_) in _BASIS


def _participle(token: Tok) -> bool:
    return token.lower_.endswith("ing") and len(token.lower_) > 5


_CARDINAL_WORDS = frozenset(
    {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twelve"}
)


def _described(tokens: list[Tok], end: int, conj: int) -> bool:
    """Whether a relative clause opens right after the length mention ending at char ``end``
    and runs on to the conjunction at char ``conj``."""
    following = next((token for token in tokens if end <= token.idx < conj), None)
    return following is not None and following.lower_ in _RELATIVE_PRONOUNS


def _number_before(doc: Doc, index: int) -> int | None:
    """The index of the number that counts token ``index`` ("300 words", "300-500 words",
    "2000+ words", "500-word"), unless a determiner makes it a reference ("the two lines")."""
    number = index - 1
    if number >= 1 and doc[number].text in _NUMBER_GLUE and doc[number - 1].like_num:
        number -= 1
    if number < 0 or not doc[number].like_num or not _DIGIT.search(doc[number].text):
        return None
    if number > 0 and doc[number - 1].lower_ in _DETERMINERS:
        return None
    while number >= 2 and doc[number - 1].text in HYPHENS and doc[number - 2].like_num:
        number -= 2
    return number


def _clauses(text: str, start: int) -> Iterator[tuple[int, int]]:
    """The clauses of ``text`` from ``start`` with at least ``_MIN_CLAUSE_WORDS`` words, as
    char spans, split at punctuation and "and"."""
    for match in _CLAUSE.finditer(text, start):
        words = list(_CLAUSE_WORD.finditer(match.group()))
        if words and words[0].group().lower() == "and":
            words = words[1:]
        if len(words) >= _MIN_CLAUSE_WORDS:
            yield match.start() + words[0].start(), match.start() + words[-1].end()


def _cardinal(token: Tok) -> bool:
    """A number written with digits or as a small cardinal word (not "first", "second")."""
    return token.lower_ in _CARDINAL_WORDS or (
        token.like_num and any(char.isdigit() for char in token.text)
    )


def _value(text: str) -> float:
    """The number written in ``text`` ("1,500" -> 1500), or infinity when it is not digits."""
    try:
        return float(text.replace(",", ""))
    except ValueError:
        return float("inf")


def _segment_start(words: Words, k: int) -> int:
    """Where the comma-separated segment that ends at token ``k`` starts."""
    tokens = words.tokens
    start = k
    while (
        start > 0
        and tokens[start].i not in words.starts
        and tokens[start - 1].text != ","
        and not words.breaks(start - 1)
    ):
        start -= 1
    return start


def _from_noun_phrase(tokens: list[Tok], start: int, end: int) -> tuple[int, int]:
    """The item from the determiner that opens its noun phrase, when one comes within the
    first few words ("state the accrual rate" -> "the accrual rate")."""
    for p in range(start + 1, min(end, start + _VERB_GROUP)):
        if tokens[p].lower_ in _NOUN_OPENERS:
            return p, end
    return start, end


def _first_content(tokens: list[Tok], start: int, end: int) -> int | None:
    for p in range(start, end):
        if not adverb(tokens[p]) and not tokens[p].is_punct:
            return p
    return None


def _form(token: Tok) -> str | None:
    """The inflection of a verb-like word, to pair only like with like."""
    lower = token.lower_
    if not token.is_alpha:
        return None
    if lower in _THIRD_PERSON:
        return "s"
    if lower.endswith("ing"):
        return "ing"
    if lower == token.lemma_:
        return "base"
    if lower.endswith("s") and not lower.endswith("ss"):
        return "s"
    return None


def _message(criterion_id: str, kind: str, parts: list[str]) -> str:
    quoted = ", ".join(f"'{_shorten(part)}'" for part in parts)
    if kind == "everything":
        return (
            f"Criterion {criterion_id} scores {quoted} as one item, so every requirement of the "
            "prompt passes or fails together"
        )
    what = {
        "list": "requirements",
        "manners": "qualities",
        "length": "requirements (a length constraint and another requirement)",
        "values": "expected values",
        "predicates": "separately checkable actions",
        "sentences": "separately checkable actions",
        "steps": "pass/fail steps",
    }[kind]
    return (
        f"Criterion {criterion_id} bundles {len(parts)} {what} in one scored item ({quoted}); "
        "a response meeting only some of them has no consistent score"
    )


def _shorten(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
