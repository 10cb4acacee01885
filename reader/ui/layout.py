"""Wrapping an article into display lines, and finding spans by range.

Pure helpers for `ArticleView` (no Textual): plain data in, plain data out, character
offsets everywhere. A display line knows the character range [start, end) of the
article text it shows, so styling, the cursor and mouse hits map straight to offsets.

Wrapping never runs a regex over a whole paragraph: it jumps `width` characters ahead
and looks back for a space (`str.rfind`, linear overall), so a 1 MB paragraph without
a single newline wraps in a few milliseconds. Over-long words are cut hard. A layout
keeps its lines as lists of integers (no object per line: a long article has tens of
thousands of lines, and the garbage collector would walk every one of them).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from itertools import accumulate, islice
from operator import attrgetter, le, lt
from typing import Any, Iterable, Iterator, NamedTuple, Sequence

from rich.cells import get_character_cell_size

TEXT, BLANK, FOLD = 0, 1, 2
_NOT_SPACE = re.compile(r"[^ ]")


class Line(NamedTuple):
    start: int  # character offsets into the article text
    end: int
    kind: int = TEXT  # TEXT, BLANK (between paragraphs) or FOLD (folded boilerplate)
    hidden: int = 0  # FOLD: how many display lines are folded away


class Layout:
    """Display lines: `starts[i]`, `ends[i]`; lines that are not TEXT are in `special`
    (index -> (kind, hidden)). `layout[i]` or `layout.lines[i]` gives a `Line`."""

    def __init__(self, width: int, starts: list[int] | None = None, ends: list[int] | None = None,
                 special: dict[int, tuple[int, int]] | None = None) -> None:  # fmt: skip
        self.width = width
        self.starts: list[int] = starts if starts is not None else []
        self.ends: list[int] = ends if ends is not None else []
        self.special: dict[int, tuple[int, int]] = special if special is not None else {}

    def __len__(self) -> int:
        return len(self.starts)

    def __getitem__(self, i: int) -> Line:
        kind, hidden = self.special.get(i, (TEXT, 0))
        return Line(self.starts[i], self.ends[i], kind, hidden)

    def kind(self, i: int) -> int:
        return self.special[i][0] if i in self.special else TEXT

    @property
    def lines(self) -> "Lines":
        return Lines(self)

    def line_at(self, offset: int) -> int:
        """The display line showing `offset` (or the text line just before it)."""
        if not self.starts:
            return 0
        i = max(0, bisect_right(self.starts, offset) - 1)
        special = self.special
        while i > 0 and i in special and special[i][0] == BLANK:
            i -= 1
        return i

    def line_span(self, start: int, end: int) -> tuple[int, int]:
        """First and last display line overlapping [start, end) (inclusive)."""
        first = self.line_at(start)
        last = self.line_at(max(start, end - 1))
        return first, max(first, last)


class Lines(Sequence[Line]):
    """A read-only list view of a layout's lines (each `Line` made when asked for)."""

    def __init__(self, layout: Layout) -> None:
        self._layout = layout

    def __len__(self) -> int:
        return len(self._layout)

    def __getitem__(self, i: int | slice) -> Any:  # a Line, or a list of them for a slice
        if isinstance(i, slice):
            return [self._layout[j] for j in range(*i.indices(len(self._layout)))]
        if i < 0:
            i += len(self._layout)
        if not 0 <= i < len(self._layout):
            raise IndexError(i)
        return self._layout[i]

    def __iter__(self) -> Iterator[Line]:
        layout = self._layout
        return (layout[i] for i in range(len(layout)))


class Inserts:
    """Display-only text shown after an offset (a quote's "— Speaker"): the cells it
    takes are kept free on the line where it lands. Offsets are not shifted."""

    def __init__(self, widths: dict[int, int] | None = None) -> None:
        self.widths = dict(widths or {})
        self.offsets = sorted(self.widths)

    def cost(self, start: int, end: int) -> int:
        """Cells of the inserts a line [start, end) shows: offsets in (start, end]."""
        if not self.offsets:
            return 0
        i = bisect_right(self.offsets, start)
        total = 0
        while i < len(self.offsets) and self.offsets[i] <= end:
            total += self.widths[self.offsets[i]]
            i += 1
        return total

    def within(self, start: int, end: int) -> list[int]:
        """Insert offsets shown on a line [start, end): after its last char or inside it."""
        if not self.offsets:
            return []
        i = bisect_right(self.offsets, start)
        j = bisect_right(self.offsets, end)
        return self.offsets[i:j]


def _wrap_fast(shown: str, a: int, b: int, width: int, inserts: Inserts, starts: list[int], ends: list[int]) -> None:
    """Wrap one newline-free segment in which every character is one cell wide.

    A line ends at the last space that lets it fit, labels included; the room for a
    label counts only on the line that shows it (a label pushed to the next line with
    its word takes no room from this one)."""
    pos = a
    search, rfind = _NOT_SPACE.search, shown.rfind
    add_start, add_end = starts.append, ends.append
    cost = inserts.cost if inserts.offsets else None
    while pos < b:
        if b - pos <= width and (cost is None or b - pos + cost(pos, b) <= width):
            add_start(pos)
            add_end(b)
            return
        hi = min(b, pos + width + 1)
        brk = rfind(" ", pos + 1, hi)
        while cost is not None and brk != -1 and brk - pos + cost(pos, brk) > width:
            brk = rfind(" ", pos + 1, brk)
        if brk == -1:  # one long word: cut it
            cut = width
            while cost is not None and cut > 1 and cut + cost(pos, pos + cut) > width:
                cut -= 1
            add_start(pos)
            add_end(pos + cut)
            pos += cut
            if pos < b and shown[pos] == " ":  # a label kept the word from fitting
                m = search(shown, pos, b)
                pos = m.start() if m else b
            continue
        add_start(pos)
        add_end(brk)
        pos = brk + 1
        if pos < b and shown[pos] == " ":
            m = search(shown, pos, b)
            pos = m.start() if m else b


def _wrap_cells(shown: str, a: int, b: int, width: int, inserts: Inserts, starts: list[int], ends: list[int]) -> None:
    """Wrap a segment holding wide (or zero-width) characters, cell by cell; a label
    counts on the line where it lands, as in _wrap_fast."""
    pos = a
    label = inserts.widths.get
    while pos < b:
        used, i, last_space = 0, pos, -1
        while i < b:
            if shown[i] == " ":
                last_space = i
            grown = used + get_character_cell_size(shown[i]) + label(i + 1, 0)
            if grown > width and i > pos:
                break
            used = grown
            i += 1
        if i >= b:
            starts.append(pos)
            ends.append(b)
            return
        if last_space > pos:
            starts.append(pos)
            ends.append(last_space)
            pos = last_space
            while pos < b and shown[pos] == " ":
                pos += 1
        else:
            starts.append(pos)
            ends.append(i)
            pos = i


# Characters that may not take exactly one cell: combining marks, zero-width and
# format characters, East Asian wide characters, emoji. Text without them wraps by
# counting characters; text with them is measured cell by cell.
_NOT_ONE_CELL = re.compile(
    "[\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0900-\u0dff\u0e31-\u0e4e"
    "\u1100-\u115f\u1ab0-\u1aff\u1dc0-\u1dff\u200b-\u200f\u2028-\u202e\u2060-\u206f\u20d0-\u20ff"
    "\u231a-\u231b\u23e9-\u23fa\u25fd-\u25fe\u2600-\u27bf\u2b00-\u2bff\u2e80-\ua4cf\ua960-\ua97f"
    "\uac00-\ud7ff\uf900-\ufaff\ufe00-\ufe0f\ufe20-\ufe6f\uff00-\uff60\uffe0-\uffe6"
    "\U0001f000-\U0001faff\U00020000-\U0003fffd\U000e0000-\U000e01ef]"
)


def wrap_segment(shown: str, a: int, b: int, width: int, inserts: Inserts, starts: list[int], ends: list[int]) -> None:
    if _NOT_ONE_CELL.search(shown, a, b) is None:
        _wrap_fast(shown, a, b, width, inserts, starts, ends)
    else:
        _wrap_cells(shown, a, b, width, inserts, starts, ends)


def _wrap_paragraph(shown: str, start: int, end: int, width: int, inserts: Inserts, starts: list[int], ends: list[int]) -> None:
    pos = start
    while pos <= end:
        nl = shown.find("\n", pos, end)
        seg_end = end if nl == -1 else nl
        if seg_end > pos:
            wrap_segment(shown, pos, seg_end, width, inserts, starts, ends)
        elif nl != -1:
            starts.append(pos)  # an empty line inside a paragraph
            ends.append(pos)
        if nl == -1:
            return
        pos = nl + 1


def wrap_article(
    shown: str,
    paragraphs: Sequence[Any],
    width: int,
    *,
    hidden: Iterable[int] = (),
    inserts: Inserts | None = None,
) -> Layout:
    """Display lines for `paragraphs` (spans with .start/.end) of `shown` at `width` cells.

    Paragraphs are separated by one blank line. Paragraphs whose index is in `hidden`
    (folded boilerplate) are replaced, run by run, by one FOLD line covering them.
    """
    width = max(1, width)
    inserts = inserts or Inserts()
    hidden = set(hidden)
    starts: list[int] = []
    ends: list[int] = []
    special: dict[int, tuple[int, int]] = {}
    fold_start = fold_end = -1
    folded_starts: list[int] = []
    folded_ends: list[int] = []

    def separate() -> None:
        if starts:
            special[len(starts)] = (BLANK, 0)
            starts.append(ends[-1])
            ends.append(ends[-1])

    def flush_fold() -> None:
        nonlocal fold_start
        if fold_start >= 0:
            separate()
            special[len(starts)] = (FOLD, len(folded_starts))
            starts.append(fold_start)
            ends.append(fold_end)
            folded_starts.clear()
            folded_ends.clear()
            fold_start = -1

    for index, para in enumerate(paragraphs):
        if index in hidden:
            if fold_start < 0:
                fold_start = para.start
            fold_end = para.end
            _wrap_paragraph(shown, para.start, para.end, width, inserts, folded_starts, folded_ends)
            continue
        flush_fold()
        separate()
        _wrap_paragraph(shown, para.start, para.end, width, inserts, starts, ends)
    flush_fold()
    return Layout(width, starts, ends, special)


_START, _END = attrgetter("start"), attrgetter("end")


class SpanIndex:
    """Spans (anything with .start and .end) found by overlap with a range, by bisection."""

    def __init__(self, spans: Iterable[Any] = ()) -> None:
        self.spans = list(spans)
        self.starts: list[int] = [s.start for s in self.spans]
        if not all(map(lt, self.starts, islice(self.starts, 1, None))):  # the analysis's are in order
            self.spans.sort(key=_END)
            self.spans.sort(key=_START)  # stable: by start, then end (no key tuples to make)
            self.starts = [s.start for s in self.spans]
        ends = [s.end for s in self.spans]
        nested = not all(map(le, ends, islice(ends, 1, None)))
        self.max_end: list[int] = list(accumulate(ends, max)) if nested else ends

    def __len__(self) -> int:
        return len(self.spans)

    def __iter__(self):
        return iter(self.spans)

    def overlapping(self, start: int, end: int) -> list[Any]:
        """Spans with s.start < end and s.end > start, in order of start."""
        out = []
        j = bisect_left(self.starts, end) - 1
        spans, max_end = self.spans, self.max_end
        while j >= 0 and max_end[j] > start:
            s = spans[j]
            if s.end > start:
                out.append(s)
            j -= 1
        out.reverse()
        return out

    def at(self, offset: int) -> list[Any]:
        return self.overlapping(offset, offset + 1)

    def index_after(self, offset: int) -> int:
        """Index of the first span starting at or after `offset`."""
        return bisect_left(self.starts, offset)


# ---------------------------------------------------------------- words and passages

_WORD_END = re.compile(r"\s|\Z")
_WORD_START = re.compile(r"\S")


def next_word_end(text: str, pos: int) -> int:
    """End of the word at or after `pos` (past any white space first)."""
    m = _WORD_START.search(text, pos)
    if not m:
        return len(text)
    return _WORD_END.search(text, m.start()).start()


def prev_word_start(text: str, pos: int) -> int:
    """Start of the word before `pos` (skipping white space just before it)."""
    i = pos
    while i > 0 and text[i - 1].isspace():
        i -= 1
    while i > 0 and not text[i - 1].isspace():
        i -= 1
    return i


def word_bounds(text: str, pos: int) -> tuple[int, int]:
    """The word around `pos`, or (pos, pos) on white space."""
    if pos >= len(text) or text[pos].isspace():
        return pos, pos
    start = prev_word_start(text, pos + 1)
    return start, next_word_end(text, pos)


def snap_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen [start, end) to whole words; trim white space at both ends."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start >= end:
        return start, start
    return word_bounds(text, start)[0], word_bounds(text, end - 1)[1]


def extend(
    sel: tuple[int, int], forward: bool, starts: Sequence[int], ends: Sequence[int]
) -> tuple[int, int]:
    """Grow or shrink a selection by one unit (sentence or word).

    `starts`/`ends` are the sorted unit boundaries. Forward grows the end to the next
    unit end; backward removes the last unit, or, when one is left, grows the start to
    the previous unit start.
    """
    start, end = sel
    if forward:
        i = bisect_right(ends, end)
        return (start, ends[i]) if i < len(ends) else sel
    i = bisect_left(ends, end) - 1
    if i >= 0 and ends[i] > start:
        return start, ends[i]
    i = bisect_left(starts, start) - 1
    return (starts[i], end) if i >= 0 else sel


def word_units(text: str, start: int, end: int) -> tuple[list[int], list[int]]:
    """Word starts and ends in text[start:end] (a bounded window)."""
    starts, ends = [], []
    for m in re.finditer(r"\S+", text[start:end]):
        starts.append(start + m.start())
        ends.append(start + m.end())
    return starts, ends
