"""RL201 misaligned-or-rigid: mandates and penalties the prompt does not back, and criteria
that relate weakly to the prompt.

Two halves give :class:`~rift_lint.rules.rl201_evidence.Evidence` items (kind, reason,
character spans, confidence) that merge into one finding per criterion: the word half
(:mod:`rift_lint.rules.rl201_evidence`) reads the criterion's words; the relevance half
(:mod:`rift_lint.rules.rl201_relevance`) compares sentence embeddings and is left out when
embeddings are off. Both compare the criterion with the prompt's
:class:`~rift_lint.prompts.view.PromptView`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, ClassVar

from pydantic import Field

from rift_lint.models import Criterion, Diagnostic, Rubric, Scope, Severity
from rift_lint.prompts.view import PromptView, prompt_view
from rift_lint.rules.base import Rule, RuleContext, RuleOptions, excerpt, lexicons, quoted
from rift_lint.rules.rl201_evidence import (
    Evidence,
    WordLists,
    misalignment_evidence,
    unjudged_by_relevance,
)
from rift_lint.rules.rl201_relevance import (
    genericness,
    prompt_parts,
    reads_english,
    relevance,
    shared_word_share,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc


class MisalignedOrRigidOptions(RuleOptions):
    """Options of RL201: the relevance thresholds, and the word lists' adjustments.

    The relevance defaults were chosen on the tune half of the development labels (rubrics
    at even positions of dev.jsonl), the cost measured on the shared corpus (22,699 criteria):

    - ``min-similarity`` 0.10: the relevance half adds two true findings and one false one
      to the word half's eight true ones (tune F1 0.47 to 0.54). Any value from 0.09 to 0.13
      gives the same; 0.10 is the cautious end of that plateau. Below 0.09 a true finding is
      lost; from 0.14 on, false findings come in. -1 switches the relevance check off.
    - ``generic-similarity`` 0.55: the lowest value that keeps every tune-half true finding
      (the closest to the bank scores 0.55); criteria closer to the bank ("Is written in
      English", 0.60) are generic expectations, RL302's concern.
    - ``max-shared-words`` 0.15: no tune-half finding changes from 0.10 to 1.0 (0.0 loses
      one); 0.15 keeps a margin over 0.10 and encodes 40% fewer prompt characters than 0.25
      on the corpus (0.37 million, about a ninth of the criteria's 3.4 million).
    - ``max-prompt-chars`` 2000 (the head and tail halves of a longer prompt): no tune-half
      finding changes from 1000 to the whole prompt; similarities separate the labels a
      little better than with 1000 (tune AUC 0.67 against 0.66; 0.68 uncapped).
    - ``max-criterion-words`` 150 (tokens): about what the default model reads (256 word
      pieces); the longest dev criterion labelled misaligned has 51 words, and longer ones on
      the corpus are grading instructions (400-word templates) that it reads only in part.
    """

    min_similarity: float = Field(default=0.10, ge=-1.0, le=1.0)
    generic_similarity: float = Field(default=0.55, ge=-1.0, le=1.0)
    max_shared_words: float = Field(default=0.15, ge=0.0, le=1.0)
    max_prompt_chars: int = Field(default=2000, ge=200)
    max_criterion_words: int = Field(default=150, ge=1)

    word_lists: ClassVar[dict[str, str]] = lexicons(
        "misaligned", "good_practice", "format_nouns", "tools", "strictness",
        "excess_qualifiers", "penalty_cues", "prompt_references",
    )  # fmt: skip
    extend_good_practice: tuple[str, ...] = ()
    trim_good_practice: tuple[str, ...] = ()
    extend_format_nouns: tuple[str, ...] = ()
    trim_format_nouns: tuple[str, ...] = ()
    extend_tools: tuple[str, ...] = ()
    trim_tools: tuple[str, ...] = ()
    extend_strictness: tuple[str, ...] = ()
    trim_strictness: tuple[str, ...] = ()


class MisalignedOrRigid(Rule):
    """A criterion demands what the prompt never asked for, or penalises good practice.

    What it flags:
        A criterion that insists on a specific tool, library or language ("uses pandas"), a
        deliverable, layout or convention ("includes a glossary", "presents the totals in a
        table", "a subsection dedicated to ...", "uses APA style", "includes an emoji"), a
        length ("definitions of at most 20 words"), exact wording ("using the exact words
        ...") or a bare answer ("nothing else", "without any additional information", even
        "not asked for") when the prompt never mentions it (a prompt asks for a bare answer
        when "only", "just" or "nothing" sits within three words of a word for the answer,
        ``misaligned_answer_words.txt``: "answer with just the number"); and a criterion that
        penalises good practice the prompt did not forbid: a penalty (negative points, or
        "deduct if") for asking a clarifying question, stating an assumption, hedging, adding a
        caveat or disclaimer, or referring to a professional; a positive criterion that rewards
        leaving these out ("does not ask clarifying questions", "rather than uncertain
        statements"); a penalty phrased as a requirement ("Should evaluate ..." with negative
        points) or a reward phrased as a failure ("Fails to mention ..." with positive points).
        A bare-answer phrase in reported content ("recognizes that without additional
        information ...") demands nothing. A named thing given as one example ("e.g.
        matplotlib", "any library or none") is not a mandate, and a penalty on excess
        ("unnecessary follow-up questions") is fair. Without a prompt only the penalties are
        flagged. The prompt is compared by its words and lemmas. Word lists live in
        ``rift_lint/data/lexicons/misaligned_*.txt``; ``extend-`` / ``trim-`` options adjust
        ``good-practice``, ``format-nouns``, ``tools`` and ``strictness``.

        With embeddings, also a criterion that relates weakly to the prompt: it shares at
        most ``max-shared-words`` (0.15) of its content words with the prompt, and the cosine
        similarity of its sentence embedding to every sentence or line of the prompt stays
        below ``min-similarity`` (0.10). The message gives the similarity and quotes the
        prompt's closest part. A long prompt is read by its first and last
        ``max-prompt-chars`` / 2 characters (2000 in all). Not judged this way: penalties and
        criteria worded as what to avoid ("Does not insult the user"), which describe
        mistakes; criteria that grade against the prompt itself ("follows the instruction",
        ``misaligned_prompt_references.txt``); grading procedures ("If not, fail"); generic
        criteria, whose similarity to RL302's bank of generic criteria reaches
        ``generic-similarity`` (0.55); criteria longer than ``max-criterion-words`` (150)
        tokens; and prompts or criteria that are not in English. One criterion gets one
        finding, which names every reason. ``--no-embeddings`` leaves the relevance check out
        and keeps the rest. Defaults were chosen on the development labels.

    Why it hurts:
        The rubric stops measuring what the user asked for: a correct answer that picks
        another library or layout loses points, a careful answer that states its
        assumptions scores below a reckless one, and points go to things the user never
        wanted.

    Bad:
        prompt: Write a Python script that prints the total sales per region from sales.csv.
        criteria:
          - text: Uses pandas groupby to compute the totals
          - text: Deduct if the response states an assumption about the file encoding
            points: -2
          - text: Adds a motivational quote at the end

    Better:
        prompt: Write a Python script that prints the total sales per region from sales.csv.
        criteria:
          - text: On the example file, prints North 150, East 95, South 80 (any library)
          - text: Runs on sales.csv without error
    """

    code = "RL201"
    name = "misaligned-or-rigid"
    failure_mode = "misaligned_or_rigid"
    scope = Scope.CRITERION
    default_severity = Severity.WARNING
    uses_nlp = True
    uses_embeddings = True
    embeddings_optional = True
    Options = MisalignedOrRigidOptions

    def __init__(self, options: RuleOptions | None = None) -> None:
        super().__init__(options)
        self._lists = WordLists(self.options)

    def check_criterion(self, criterion: Criterion, context: RuleContext) -> Iterator[Diagnostic]:
        """Flag a criterion with at least one piece of misalignment evidence."""
        evidence = self.evidence(criterion, context)
        if not evidence:
            return
        strongest = max(evidence, key=lambda item: item.confidence)
        ordered = [strongest, *(item for item in evidence if item is not strongest)]
        spans = [span for item in ordered for span in item.spans] or [_whole(criterion.text)]
        locations = [criterion.span(start, end) for start, end in dict.fromkeys(spans)]
        others = [item.reason for item in evidence if item is not strongest]
        message = f"The criterion {strongest.reason}" + "".join(
            f"; it also {reason}" for reason in others
        )
        yield self.diagnostic(
            locations[0],
            message,
            rubric=context.rubric,
            criterion=criterion,
            suggestion=_SUGGESTIONS[strongest.kind],
            confidence=round(min(0.95, strongest.confidence + 0.05 * len(others)), 2),
            highlights=locations[1:],
        )

    def evidence(self, criterion: Criterion, context: RuleContext) -> list[Evidence]:
        """The misalignment evidence for one criterion of the context's rubric: the word
        half's, then the relevance half's when embeddings are available."""
        doc = context.doc(criterion)
        prompt = prompt_view(context.rubric.prompt)
        found = misalignment_evidence(criterion, doc, prompt, self._lists)
        if context.embedder is not None and prompt.text:
            found.extend(self._weak_relevance(criterion, prompt, context))
        return found

    def _weak_relevance(
        self, criterion: Criterion, prompt: PromptView, context: RuleContext
    ) -> Iterator[Evidence]:
        """A criterion that shares few words with the prompt and is far from every part of it
        in meaning. Not judged: penalties and criteria worded as what to avoid ("Does not
        insult ..."), which describe mistakes, often far from the prompt by nature; criteria
        that grade against the prompt itself ("follows the instruction"); grading procedures
        ("If not, fail"); and criteria too long for the model to read whole or not in
        English."""
        options = self.options
        assert isinstance(options, MisalignedOrRigidOptions)
        if id(criterion) not in self._compared(context, prompt):
            return
        vector = context.vector(criterion)
        found = relevance(vector, prompt.text, context, options.max_prompt_chars)
        if found is None or found.similarity >= options.min_similarity:
            return
        if genericness(vector, context) < options.generic_similarity:
            yield Evidence(
                "weak relevance",
                f"relates weakly to the prompt (similarity {found.similarity:.2f}; the "
                f"prompt's closest part: {quoted(excerpt(found.closest, _CLIP))})",
                (),
                0.5,
            )

    def _compared_with_prompt(self, criterion: Criterion, doc: Doc, prompt: PromptView) -> bool:
        """Whether the relevance half compares the criterion with the prompt in meaning: it
        shares few words with the prompt and is none of the kinds left unjudged."""
        options = self.options
        assert isinstance(options, MisalignedOrRigidOptions)
        if unjudged_by_relevance(criterion, doc, self._lists):
            return False
        if len(doc) > options.max_criterion_words or not reads_english(criterion.text):
            return False
        return shared_word_share(doc, prompt.words) <= options.max_shared_words

    def _compared(self, context: RuleContext, prompt: PromptView) -> frozenset[int]:
        """The criteria of the context's rubric (by ``id``) that the relevance half compares
        with its ``prompt``, worked out once per rubric: ``texts_to_encode`` asks, then the
        check."""
        return context.memo(
            (self.code, self),
            lambda: frozenset(
                id(criterion)
                for criterion in context.rubric.criteria
                if self._compared_with_prompt(criterion, context.doc(criterion), prompt)
            ),
        )

    def texts_to_encode(self, rubric: Rubric, context: RuleContext) -> list[str]:
        """The prompt's parts, when the relevance half compares a criterion with them."""
        options = self.options
        assert isinstance(options, MisalignedOrRigidOptions)
        prompt = prompt_view(rubric.prompt)
        if not prompt.text or not self._compared(context, prompt):
            return []
        return list(prompt_parts(prompt.text, options.max_prompt_chars))


_SUGGESTIONS = {
    "good practice penalised": (
        "Reward the good practice instead, or penalise only its misuse: a clarifying "
        "question when the request is already clear, a caveat on what is certain, a "
        "referral that replaces the answer."
    ),
    "penalty phrased as a requirement": (
        "Make the points positive, or rephrase the text as the behaviour to penalise."
    ),
    "reward phrased as a failure": (
        "Make the points negative, or rephrase the text as the behaviour to reward."
    ),
    "tool not asked for": (
        'Accept any tool that works ("any library or none"), or drop the criterion unless '
        "the prompt names the tool."
    ),
    "deliverable not asked for": (
        "Drop the criterion, or score only what the prompt asks for; if the layout matters, "
        "say so in the prompt."
    ),
    "length not asked for": (
        "Drop the limit, or put it in the prompt so that responses can meet it."
    ),
    "wording not asked for": (
        "Accept any wording with the required content, or state the wording in the prompt."
    ),
    "weak relevance": (
        "Check what the prompt asks for instead, or add the requirement to the prompt if the "
        "task needs it."
    ),
}
_CLIP = 80  # the most characters of the prompt's closest part that a message quotes


def _whole(text: str) -> tuple[int, int]:
    """The span of a text without its surrounding white space."""
    start = len(text) - len(text.lstrip())
    return start, max(start, len(text.rstrip()))
