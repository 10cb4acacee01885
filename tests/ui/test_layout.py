"""reader.ui.layout: wrapping into display lines with character ranges, span lookup,
selection units. Pure functions: no app needed."""

from __future__ import annotations

import pytest

from reader.core.models import Span
from reader.core.passages import paragraph_spans
from reader.ui.layout import BLANK, FOLD, TEXT, Inserts, SpanIndex, extend, snap_to_words, word_units, wrap_article


def wrap(text: str, width: int, **kw):
    return wrap_article(text, paragraph_spans(text), width, **kw)


def test_lines_know_their_character_ranges():
    text = "one two three four five six\n\nseven eight"
    layout = wrap(text, 10)
    shown = [(ln.kind, text[ln.start : ln.end]) for ln in layout.lines]
    assert shown == [(TEXT, "one two"), (TEXT, "three four"), (TEXT, "five six"), (BLANK, ""), (TEXT, "seven eight"[:5]), (TEXT, "eight")]
    for ln in layout.lines:
        assert ln.end - ln.start <= 10
    assert layout.line_at(text.index("four")) == 1
    assert layout.line_at(text.index("eight")) == 5
    assert layout.line_span(text.index("two"), text.index("six") + 3) == (0, 2)


def test_long_words_are_cut_hard_and_nothing_is_lost():
    text = "a " + "x" * 25 + " b"
    layout = wrap(text, 10)
    pieces = [text[ln.start : ln.end] for ln in layout.lines]
    assert pieces == ["a", "x" * 10, "x" * 10, "x" * 5 + " b"]


def test_one_megabyte_paragraph_wraps_completely():
    """A 1 MB paragraph with no newline wraps into lines that cover it exactly.
    (How fast it wraps is measured in bench/article_bench.py, not asserted here.)"""
    text = ("word " * 9 + "y" * 40 + " ") * 12_000 + "z" * 200_000  # ~1 MB, no newline
    layout = wrap(text, 80)
    assert all(ln.end - ln.start <= 80 for ln in layout.lines)
    assert layout.lines[0].start == 0 and layout.lines[-1].end == len(text)
    assert all(a.end <= b.start for a, b in zip(layout.lines, layout.lines[1:]))
    assert text[layout.lines[-1].start : layout.lines[-1].end] == "z" * 80


def test_wide_characters_fit_in_cells():
    text = "日本語のテキスト " * 10
    layout = wrap(text, 20)
    from rich.cells import cell_len

    assert all(cell_len(text[ln.start : ln.end]) <= 20 for ln in layout.lines)


def test_folded_paragraphs_become_one_line():
    text = "Body one.\nShare this\nSubscribe\nBody two."
    paras = paragraph_spans(text)
    layout = wrap_article(text, paras, 40, hidden={1, 2})
    kinds = [ln.kind for ln in layout.lines]
    assert kinds == [TEXT, BLANK, FOLD, BLANK, TEXT]
    fold = layout.lines[2]
    assert (fold.start, fold.end, fold.hidden) == (paras[1].start, paras[2].end, 2)


def test_inserts_keep_room_on_their_line():
    text = "aaaa bbbb cccc dddd"
    plain = wrap(text, 14)
    assert [text[ln.start : ln.end] for ln in plain.lines] == ["aaaa bbbb cccc", "dddd"]
    # a 6-cell label after "bbbb" leaves no room for "cccc" on the first line
    with_label = wrap(text, 15, inserts=Inserts({9: 6}))
    assert [text[ln.start : ln.end] for ln in with_label.lines] == ["aaaa bbbb", "cccc dddd"]


def test_room_for_a_label_is_kept_only_on_the_line_it_lands_on():
    """A speaker label that does not fit moves to the next line with its last word; the
    line before it is not cut short by room kept for a label it no longer holds."""
    text = "He said “alpha beta gamma delta” and more words follow here."
    inserts = Inserts({text.index("”") + 1: 18})  # " — Jens Stoltenberg" after the quotation
    rows = {w: [text[ln.start : ln.end] for ln in wrap(text, w, inserts=inserts).lines] for w in (30, 36, 40)}
    assert rows[30] == ["He said “alpha beta gamma", "delta” and", "more words follow here."]
    assert rows[36] == ["He said “alpha beta gamma", "delta” and more", "words follow here."]
    assert rows[40] == ["He said “alpha beta gamma", "delta” and more words", "follow here."]


@pytest.mark.parametrize("vocabulary", [["a", "bb", "ccc", "dddd", "“quoted”"], ["a", "bb", "“quoted”", "日本"]])
def test_lines_with_labels_fit_and_are_as_full_as_they_can_be(vocabulary):
    """Every line, its labels included, fits the width; and the next word would not fit.
    (One-cell text and text with wide characters take different paths.)"""
    import random

    rng = random.Random(5)
    words = [rng.choice(vocabulary) for _ in range(400)]
    text = " ".join(words)
    ends = [i + 1 for i, ch in enumerate(text) if ch == "”"]
    inserts = Inserts({off: rng.randint(3, 15) for off in ends})
    from rich.cells import cell_len

    for width in (24, 31, 50):
        lines = wrap(text, width, inserts=inserts).lines
        for ln, nxt in zip(lines, list(lines[1:]) + [None]):
            cells = cell_len(text[ln.start : ln.end]) + sum(inserts.widths[o] for o in inserts.within(ln.start, ln.end))
            assert cells <= width
            if nxt is not None and text[ln.end : ln.end + 1] == " ":
                more = text.find(" ", nxt.start)
                more = len(text) if more == -1 else more
                grown = cell_len(text[ln.start : more]) + sum(inserts.widths[o] for o in inserts.within(ln.start, more))
                assert grown > width, (width, text[ln.start : more])


def test_span_index_finds_overlaps():
    spans = [Span(0, 100, "A"), Span(10, 20, "B"), Span(30, 40, "C"), Span(50, 55, "D")]
    index = SpanIndex(spans)
    assert [s.label for s in index.overlapping(15, 35)] == ["A", "B", "C"]
    assert [s.label for s in index.overlapping(100, 200)] == []
    assert [s.label for s in index.at(52)] == ["A", "D"]


def test_extend_grows_and_shrinks_by_units():
    starts, ends = [0, 10, 20, 30], [9, 19, 29, 39]
    assert extend((10, 19), True, starts, ends) == (10, 29)
    assert extend((10, 29), False, starts, ends) == (10, 19)
    assert extend((10, 19), False, starts, ends) == (0, 19)  # one unit left: grow upwards
    assert extend((30, 39), True, starts, ends) == (30, 39)  # at the end: unchanged


def test_words_and_snapping():
    text = "Hello brave new world"
    assert word_units(text, 0, len(text)) == ([0, 6, 12, 16], [5, 11, 15, 21])
    assert snap_to_words(text, 8, 13) == (6, 15)
    start, end = snap_to_words(text, 5, 6)  # only white space: empty
    assert start == end
