"""The language layer's shortcuts: lemmas per word form, shared docs, per-doc caches, quoted
passages."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from rift_lint.nlp.abbreviations import ends_with_abbreviation
from rift_lint.nlp.doccache import doc_ids, memo, string_ids
from rift_lint.nlp.lemmas import table_lemma
from rift_lint.nlp.lexicon import data_lines, load_lexicon
from rift_lint.nlp.pipeline import PipelineError, load, process
from rift_lint.nlp.quotes import Quote, quote_at, quoted_ranges, quotes
from rift_lint.nlp.tokens import glued_full_stop


def test_lookup_lemmas_follow_the_table_except_for_stop_words_and_numbers() -> None:
    doc = load()("Engaging answers, as well as 3 Examples; he WAS engaging.")
    for token in doc:
        lower = token.lower_
        expected = lower if token.is_stop or token.like_num else table_lemma(lower)
        assert token.lemma_ == expected
    assert [t.lemma_ for t in doc if t.lower_ == "engaging"] == ["engage", "engage"]


def test_a_configured_pipeline_gets_the_sentences_and_lemmas_it_lacks(tmp_path: Path) -> None:
    import spacy

    bare, split = tmp_path / "bare", tmp_path / "split"
    spacy.blank("en").to_disk(bare)
    with_sentences = spacy.blank("en")
    with_sentences.add_pipe("sentencizer", name="splitter")
    with_sentences.to_disk(split)
    doc = load(str(bare))("Lists Examples. He WAS engaging.")
    assert [t.lemma_ for t in doc] == ["list", "example", ".", "he", "was", "engage", "."]
    assert [sentence.text for sentence in doc.sents] == ["Lists Examples.", "He WAS engaging."]
    assert load(str(bare)).pipe_names == ["sentencizer", "rift_lookup_lemmas"]
    assert load(str(split)).pipe_names == ["splitter", "rift_lookup_lemmas"]


def test_a_broken_pipeline_folder_is_one_line_of_reason(tmp_path: Path) -> None:
    (tmp_path / "meta.json").write_text('{"lang": "en", "name": "x", "version": "0.0.1"}')
    (tmp_path / "config.cfg").write_text("not a config [[\n")
    with pytest.raises(PipelineError, match=r"^cannot load spaCy model '.+': Config validation"):
        load(str(tmp_path))


def test_a_hash_opens_a_comment_only_at_a_line_start_or_after_a_space() -> None:
    text = "# a list\nc#|csharp  # C sharp\n\n   \n  f#\t# F sharp\n#end\nx # y # z\n"
    assert data_lines(text) == ["c#|csharp", "f#", "x"]
    assert "c#|csharp|.net" in load_lexicon("misaligned_tools")


def test_repeated_texts_share_one_doc() -> None:
    docs = process(["The answer is clear.", "Cites two sources.", "The answer is clear."])
    assert docs[0] is docs[2]
    assert docs[0] is not docs[1]
    assert [doc.text for doc in docs] == [
        "The answer is clear.",
        "Cites two sources.",
        "The answer is clear.",
    ]


def test_memo_computes_once_per_doc_and_key() -> None:
    doc = load()("States that the dose is 5 mg")
    calls: list[str] = []

    def compute() -> int:
        calls.append("x")
        return len(doc)

    assert memo(doc, "length", compute) == memo(doc, "length", compute) == 7
    assert calls == ["x"]


def test_doc_ids_hold_the_lemma_of_every_token() -> None:
    doc = load()("The responses say it twice")
    assert string_ids(frozenset({"response", "say"})) <= doc_ids(doc, "LEMMA")
    assert string_ids(frozenset({"twice"})) <= doc_ids(doc, "LOWER")
    assert string_ids(frozenset({"times"})).isdisjoint(doc_ids(doc, "LOWER"))


@pytest.mark.parametrize(
    ("word", "glued"),
    [("B.", True), ("GSM8K.", True), ("2.", True), ("U.S.", False), ("etc.", False), (".", False)],
)
def test_glued_full_stop(word: str, glued: bool) -> None:
    assert glued_full_stop(word) is glued


def test_the_tokenizer_keeps_caching_chunks_past_spacys_default_limit() -> None:
    """spaCy stops caching chunk splits after 10,000 chunks; a dataset run has far more."""
    assert load().tokenizer.max_cache_size >= 500_000


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("The table states the finding for Sharma et al. (2020) as 'Effective'.", 1),
        ("As shown in Fig. 3 and Eq. 2, the loss falls. It then rises.", 2),
        ("See Sec. 4.1, cf. Table 2, for approx. 5 runs.", 1),
        ("It is good. No. It is bad.", 3),
    ],
)
def test_abbreviations_do_not_end_a_sentence(text: str, sentences: int) -> None:
    doc = load()(text)
    assert len(list(doc.sents)) == sentences


def test_an_abbreviation_is_one_token_in_lower_case_and_capitalised() -> None:
    assert [t.text for t in load()("Jones et al., fig. 2 and Fig. 3")] == [
        "Jones", "et", "al.", ",", "fig.", "2", "and", "Fig.", "3",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "ends"),
    [
        ("Summarise the findings of Sharma et al.", True),
        ("Summarise the findings of Sharma et al.\n", True),
        ("Cite the approx.", True),
        ("Use a format, E.g.", True),
        ("Compare Python vs.", True),
        ("The trial ended in a deal.", False),
        ("It ended.", False),
        ("Sharma et al. (2020) report a fall.", False),
    ],
)
def test_ends_with_abbreviation(text: str, ends: bool) -> None:
    assert ends_with_abbreviation(text) is ends


@pytest.mark.parametrize(
    ("text", "contents"),
    [
        ('Uses "Dear Sir" and \u201cYours\u201d', ["Dear Sir", "Yours"]),
        ("Cites \u300aRecess quality\u300b and \u300cterm\u300d", ["Recess quality", "term"]),
        ("the model's answer doesn't 'count'", ["count"]),
        ("the study 'Chen, in 'Meeting guidelines'' in the table", ["Meeting guidelines"]),
        ('an empty "" then "word"', ["", "word"]),
        ("the `actual output` field", []),
    ],
)
def test_quoted_passages(text: str, contents: list[str]) -> None:
    assert [quote.content for quote in quotes(text)] == contents


def test_code_spans_are_quoted_ranges_only_on_request() -> None:
    text = 'set `max_len` to "100"'
    assert quoted_ranges(text) == [(17, 22)]
    assert sorted(quoted_ranges(text, code_spans=True)) == [(4, 13), (17, 22)]


def test_unclosed_quotes_open_nothing() -> None:
    """A line of 20,000 opening marks with no closing mark (hostile or pasted text): each
    opens nothing, and the passages before and after them are found. The line is read once
    per kind of mark (a regex scanned from each mark to the end of the line: seconds)."""
    text = "x \u201cend\u201d " + "\u201ca \u2018b " * 10_000 + "\nnext \u300aline\u300b"
    assert [tuple(quote) for quote in quotes(text)] == [
        (2, 7, "end"),
        (len(text) - 6, len(text), "line"),
    ]


def test_quote_at_reads_only_a_passage_the_text_opens_with() -> None:
    assert quote_at("'spam' is the keyword") == Quote(0, 6, "spam")
    assert quote_at("the 'spam' keyword") is None
    assert quote_at("'s the model's keyword") is None


def _regex_quotes(text: str, start: int, stop: int) -> list[tuple[int, int, str]]:
    """What the regex that :func:`quotes` replaced found (``finditer(text, start, stop)``)."""
    closers = "\u201d\u2019\u300b\u300d\u300f"
    pairs = [('"', '"'), *zip("\u201c\u2018\u300a\u300c\u300e", closers, strict=True)]
    between = [f"{re.escape(a)}([^{re.escape(b)}\n]*){re.escape(b)}" for a, b in pairs]
    pattern = re.compile("|".join([*between, r"(?<!\w)'([^'\n]*)'(?!\w)"]))
    return [
        (match.start(), match.end(), next(g for g in match.groups() if g is not None))
        for match in pattern.finditer(text, start, stop)
    ]


def test_quotes_are_what_the_regex_found() -> None:
    """On random strings of quotation marks, letters, apostrophes, commas and line breaks,
    read from random start and stop offsets."""
    marks = "\"\u201c\u201d\u2018\u2019\u300a\u300b\u300c\u300d\u300e\u300f'''`"
    pieces = [*marks, *"a7_\u00e9 ,\n", "and"]
    rng = random.Random(102)
    for _ in range(3_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 30)))
        start, stop = rng.randint(0, len(text)), rng.randint(0, len(text) + 1)
        found = [tuple(quote) for quote in quotes(text, start, stop)]
        assert found == _regex_quotes(text, start, stop), text
