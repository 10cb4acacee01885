"""The dependency parse behind speakers: which pieces are parsed, and what the parse
decides on the real model. Texts are invented for these tests."""

from __future__ import annotations

from typing import Any

import spacy

from reader.core.analysis import _attribution_pieces, _parser, analyse_text
from reader.core.parse import Parse
from reader.core.passages import chunks, paragraph_spans
from reader.core.quotes import find_quotations


def _speakers(analyzer: Any, text: str) -> dict[str, str | None]:
    result = analyse_text(text, analyzer.nlp)
    return {text[q.start : q.end]: q.attrs["speaker"] for q in result.quotes}


def test_only_paragraphs_with_quotations_are_parsed() -> None:
    text = (
        "The ferry left at noon.\n\n"
        "Nobody on the quay said anything.\n\n"
        "The harbour master, Ines Calloway, said:\n\n"
        "“We were lucky with the tide.”\n\n"
        "The weather held all week."
    )
    paragraphs = paragraph_spans(text)
    pieces = [p for para in paragraphs for p in chunks(text, para.start, para.end)]
    wanted = _attribution_pieces(pieces, paragraphs, find_quotations(text, paragraphs, []))
    parsed = sorted(text[pieces[k][0] : pieces[k][1]] for k in wanted)
    # The quotation's paragraph, and the one before it that introduces it with a colon.
    assert parsed == ["The harbour master, Ines Calloway, said:", "“We were lucky with the tide.”"]


def test_a_pipeline_without_a_parser_still_attributes() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    assert _parser(nlp) is None
    text = "“We were lucky with the tide,” Calloway said."
    result = analyse_text(text, nlp)
    assert [(text[q.start : q.end], q.attrs["speaker"]) for q in result.quotes] == [("We were lucky with the tide,", "Calloway")]


def test_the_parser_runs_on_the_real_pipeline(real_analyzer: Any) -> None:
    nlp = real_analyzer.nlp
    assert "parser" not in nlp.pipe_names  # loaded, but run only where quotations are
    assert _parser(nlp) is not None


def test_the_speaker_is_the_subject_of_the_verb_that_governs_the_quotation(real_analyzer: Any) -> None:
    # Rules over tokens took the last name in the opening clauses (Holm); the parse
    # knows "said" is the main verb and "the mayor, Ines Calloway" its subject.
    text = (
        "After the vote, which followed a heated debate in which Rasmus Holm accused the council of "
        "negligence, the mayor, Ines Calloway, said the decision was “final”."
    )
    assert _speakers(real_analyzer, text) == {"final": "Ines Calloway"}


def test_a_subject_before_nested_relative_clauses_speaks(real_analyzer: Any) -> None:
    # Rules over tokens found no speaker here; the parse finds "warned" and its subject.
    text = (
        "Tomas Okri, a pilot, was on the quay. The harbour board, which Solberg has chaired since 2019 "
        "and which owns the wall, warned in a letter to councillors that the repairs were “long overdue”."
    )
    found = _speakers(real_analyzer, text)["long overdue"]
    assert found is not None and found.lower().removeprefix("the ") == "harbour board"


def test_a_described_subject_with_a_named_apposition_is_the_named_person(real_analyzer: Any) -> None:
    text = (
        "Ines Calloway runs the harbour. The port’s longest-serving pilot, the Danish skipper Rasmus Holm, "
        "who has worked the estuary since 1998, wrote on Facebook that the crossing had been “a lottery”."
    )
    assert _speakers(real_analyzer, text) == {"a lottery": "Rasmus Holm"}


def test_parse_lookups() -> None:
    nlp = spacy.blank("en")
    doc = nlp("Ines said it")
    # A hand-built tree: "said" is the root, "Ines" its subject, "it" its object.
    for tok, (head, dep) in zip(doc, [(1, "nsubj"), (1, "ROOT"), (1, "dobj")]):
        tok.head = doc[head]
        tok.dep_ = dep
    parse = Parse()
    parse.add(10, doc)
    assert parse.token_at(15) == 1 and parse.token_at(16) is None
    assert parse.subject_of(1) == 0
    assert parse.core(0) == (10, 14)
    assert not parse.passive(1)
