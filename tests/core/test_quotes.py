"""Quotation finding by rules alone (no model): marks, apostrophes, junk, paragraphs."""

from __future__ import annotations

from reader.core.boilerplate import find_boilerplate
from reader.core.passages import paragraph_spans
from reader.core.quotes import find_quotations


def quotes(text: str) -> list[str]:
    paras = paragraph_spans(text)
    markup = [s for s in find_boilerplate(text, paras) if s.attrs.get("kind") == "markup"]
    return [text[q.start : q.end] for q in find_quotations(text, paras, markup)]


def test_curly_straight_and_mixed_marks() -> None:
    text = 'He said “one thing,” then "another" and a "mixed one,” she added.'
    assert quotes(text) == ["one thing,", "another", "mixed one,"]


def test_single_quotes_versus_apostrophes() -> None:
    text = "U.S. says pullback claims 'false'\n\nRussia’s troops won’t go; the Russians’ claims and 'Ukraine just a field of battle' in the '90s."
    assert quotes(text) == ["false", "Ukraine just a field of battle"]


def test_markup_junk_is_not_a_quote() -> None:
    text = "Some text.\n[time-brightcove not-tgx=”true”]\n\nMore text with no quotes."
    assert quotes(text) == []


def test_multi_paragraph_quotation() -> None:
    text = "She wrote:\n\n“First paragraph of the quote.\n\n“Second paragraph, closed.”\n\nAfter."
    assert quotes(text) == ["First paragraph of the quote.", "Second paragraph, closed."]


def test_unbalanced_marks_degrade_locally() -> None:
    junk = 'x " y “ z ” ” " ' * 300
    text = junk + "\n\nLater, he said: “This one is fine.”\n\nAnd “this one too,” she said."
    found = quotes(text)
    assert "This one is fine." in found and "this one too," in found


def test_split_quote_is_two_quotations() -> None:
    text = "“They are telling us it won’t happen tomorrow,” Putin said. “Well, when will it happen?”"
    assert quotes(text) == ["They are telling us it won’t happen tomorrow,", "Well, when will it happen?"]


def test_intervals_membership() -> None:
    from reader.core.quotes import Intervals

    iv = Intervals([(10, 20), (15, 30), (40, 41), (50, 50)])
    inside = {p for p in range(60) if p in iv}
    assert inside == set(range(10, 30)) | {40}
