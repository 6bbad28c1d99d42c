"""Archived texts: verbatim matching, spans, sentences, a quote in its context, the closest passage (model/quotes.py),
and each sentence accounted for (model/sentences.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from evidencekb.model.quotes import ArchivedText, reference_entries, split_quotes
from evidencekb.model.sentences import Coverage, accounts, declarations

TEXT = ArchivedText(
    Path("page.txt"), "A Title\n\nNeedles \u201ccalm\u201d the   mind. They also  ease pain.\n\nBook now!\n"
)


def test_a_quote_matches_with_only_typographic_quotes_and_white_space_normalised() -> None:
    assert TEXT.contains('Needles "calm" the mind')
    assert TEXT.contains("They also ease pain")
    assert ArchivedText(Path("x"), "They also\nease pain.").contains("They also ease pain")  # across a line break
    assert not TEXT.contains("Needles calm the mind")


def test_spans_are_offsets_into_the_archived_text_as_it_is() -> None:
    (span,) = TEXT.spans("They also ease pain")
    assert TEXT.text[span[0] : span[1]] == "They also  ease pain"
    assert TEXT.spans("absent") == []
    assert len(ArchivedText(Path("x"), "a b. a b.").spans("a b")) == 2


def test_sentences_carry_their_first_line_and_a_line_of_its_own_is_one() -> None:
    assert [(s.line, s.text) for s in TEXT.sentences] == [
        (1, "A Title"),
        (3, "Needles \u201ccalm\u201d the   mind."),
        (3, "They also  ease pain."),
        (5, "Book now!"),
    ]
    assert [s.text for s in TEXT.sentences_in(*TEXT.spans("mind. They")[0])] == [
        "Needles \u201ccalm\u201d the   mind.",
        "They also  ease pain.",
    ]


def test_a_quote_is_shown_in_its_sentence() -> None:
    assert TEXT.context("ease pain") == ("They also ", "ease pain", ".")
    assert TEXT.context("absent") is None


def test_the_closest_passage_names_the_words_that_differ() -> None:
    near = TEXT.nearest("Needles calm the heart")
    assert near.describe() == (
        "closest passage: 'Title Needles \"calm\" the mind'; the quote has 'heart'; "
        "the archive has 'Title', '\"', '\"', 'mind'"
    )


def test_multi_valued_fields_split_on_double_bars() -> None:
    assert split_quotes(" a || b ||  ") == ["a", "b"]
    assert reference_entries("1. First || 12. Twelfth") == {1: "First", 12: "Twelfth"}
    with pytest.raises(ValueError, match=r"is not of the form 'N\. Title'"):
        reference_entries("First")


def test_each_sentence_is_accounted_for_by_its_claims_or_a_declaration() -> None:
    source = {"id": "SRC_X", "sources_back": ["CLM_A"], "not_claims": "heading: A Title || navigation: Book now"}
    needs = {"CLM_A": {"id": "CLM_A", "type": "claim", "quote": "ease pain"}}
    rows = accounts(source, TEXT, needs)
    assert [(a.sentence.line, a.claims, a.reason) for a in rows] == [
        (1, (), "heading"),
        (3, (), ""),
        (3, ("CLM_A",), ""),
        (5, (), ""),
    ]  # "Book now" is not the whole sentence
    assert (
        Coverage.of(rows).describe()
        == "2 of 4 sentences accounted for (50%): 1 quoted by claims, 1 declared not claims."
    )


def test_a_declaration_is_a_reason_and_a_passage() -> None:
    assert [(d.reason, d.passage) for d in declarations({"not_claims": "heading: A: B || list marker: 1 ."})] == [
        ("heading", "A: B"),
        ("list marker", "1 ."),
    ]
    with pytest.raises(ValueError, match="is not of the form 'reason: passage'"):
        declarations({"not_claims": "a heading"})
