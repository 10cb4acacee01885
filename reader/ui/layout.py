"""Wrapping an article into display lines, and finding spans by range.

Pure helpers for `ArticleView` (no Textual): plain data in, plain data out, character
offsets everywhere. A display line knows the character range [start, end) of the
article text it shows, so styling, the cursor and mouse hits map straight to offsets.

Wrapping never runs a regex over a whole paragraph: it jumps `width` characters ahead
and looks back for a space (`str.rfind`, linear overall), so a 1 MB paragraph without
a single newline wraps in a few milliseconds. Over-long words are cut hard.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import Any, Iterable, NamedTuple, Sequence

from rich.cells import get_character_cell_size

TEXT, BLANK, FOLD = 0, 1, 2
_NOT_SPACE = re.compile(r"[^ ]")


class Line(NamedTuple):
    start: int  # character offsets into the article text
    end: int
    kind: int = TEXT  # TEXT, BLANK (between paragraphs) or FOLD (folded boilerplate)
    hidden: int = 0  # FOLD: how many display lines are folded away


@dataclass
class Layout:
    width: int
    lines: list[Line] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.lines)

    def line_at(self, offset: int) -> int:
        """The display line showing `offset` (or the text line just before it)."""
        if not self.lines:
            return 0
        i = max(0, bisect_right(self.starts, offset) - 1)
        while i > 0 and self.lines[i].kind == BLANK:
            i -= 1
        return i

    def line_span(self, start: int, end: int) -> tuple[int, int]:
        """First and last display line overlapping [start, end) (inclusive)."""
        first = self.line_at(start)
        last = self.line_at(max(start, end - 1))
        return first, max(first, last)


def _fast_end(shown: str, pos: int, b: int, width: int) -> int:
    """Where a line starting at `pos` would end without labels."""
    if b - pos <= width:
        return b
    brk = shown.rfind(" ", pos + 1, pos + width + 1)
    return pos + width if brk == -1 else brk


def _wrap_fast(shown: str, a: int, b: int, width: int, inserts: "Inserts", out: list[Line]) -> None:
    """Wrap one newline-free segment in which every character is one cell wide."""
    pos = a
    search = _NOT_SPACE.search
    while pos < b:
        limit = width
        if inserts.offsets:  # room for labels that land on this line (found in two passes)
            cost = inserts.cost(pos, _fast_end(shown, pos, b, width))
            limit = max(1, width - cost) if cost else width
        if b - pos <= limit:
            out.append(Line(pos, b))
            return
        brk = shown.rfind(" ", pos + 1, pos + limit + 1)
        if brk == -1:  # one long word: cut it
            out.append(Line(pos, pos + limit))
            pos += limit
            continue
        out.append(Line(pos, brk))
        m = search(shown, brk, b)
        pos = m.start() if m else b


def _wrap_cells(shown: str, a: int, b: int, width: int, inserts: "Inserts", out: list[Line]) -> None:
    """Wrap a segment holding wide (or zero-width) characters, cell by cell."""
    pos = a
    while pos < b:
        limit = max(1, width - inserts.cost(pos, pos + width))
        used, i, last_space = 0, pos, -1
        while i < b:
            w = get_character_cell_size(shown[i])
            if used + w > limit and i > pos:
                break
            if shown[i] == " ":
                last_space = i
            used += w
            i += 1
        if i >= b:
            out.append(Line(pos, b))
            return
        if last_space > pos:
            out.append(Line(pos, last_space))
            pos = last_space
            while pos < b and shown[pos] == " ":
                pos += 1
        else:
            out.append(Line(pos, i))
            pos = i


class Inserts:
    """Display-only text shown after an offset (a quote's "— Speaker"): the cells it
    takes are kept free on the line where it lands. Offsets are not shifted."""

    def __init__(self, widths: dict[int, int] | None = None) -> None:
        self.widths = dict(widths or {})
        self.offsets = sorted(self.widths)

    def cost(self, start: int, end: int) -> int:
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


def wrap_segment(shown: str, a: int, b: int, width: int, inserts: Inserts, out: list[Line]) -> None:
    if _NOT_ONE_CELL.search(shown, a, b) is None:
        _wrap_fast(shown, a, b, width, inserts, out)
    else:
        _wrap_cells(shown, a, b, width, inserts, out)


def _wrap_paragraph(shown: str, start: int, end: int, width: int, inserts: Inserts, out: list[Line]) -> None:
    pos = start
    while pos <= end:
        nl = shown.find("\n", pos, end)
        seg_end = end if nl == -1 else nl
        if seg_end > pos:
            wrap_segment(shown, pos, seg_end, width, inserts, out)
        elif nl != -1:
            out.append(Line(pos, pos))  # an empty line inside a paragraph
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
    lines: list[Line] = []
    fold_start = fold_end = -1
    folded: list[Line] = []

    def flush_fold() -> None:
        nonlocal fold_start
        if fold_start >= 0:
            if lines:
                lines.append(Line(lines[-1].end, lines[-1].end, BLANK))
            lines.append(Line(fold_start, fold_end, FOLD, len(folded)))
            folded.clear()
            fold_start = -1

    for index, para in enumerate(paragraphs):
        if index in hidden:
            if fold_start < 0:
                fold_start = para.start
            fold_end = para.end
            _wrap_paragraph(shown, para.start, para.end, width, inserts, folded)
            continue
        flush_fold()
        if lines:
            lines.append(Line(lines[-1].end, lines[-1].end, BLANK))
        _wrap_paragraph(shown, para.start, para.end, width, inserts, lines)
    flush_fold()
    return Layout(width, lines, [ln.start for ln in lines])


class SpanIndex:
    """Spans (anything with .start and .end) found by overlap with a range, by bisection."""

    def __init__(self, spans: Iterable[Any] = ()) -> None:
        self.spans = sorted(spans, key=lambda s: (s.start, s.end))
        self.starts = [s.start for s in self.spans]
        self.max_end: list[int] = []
        running = -1
        for s in self.spans:
            running = max(running, s.end)
            self.max_end.append(running)

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
