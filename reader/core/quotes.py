"""Direct quotations: finding the quoted words by their marks.

Curly and straight double quotes (mixed freely, as scrapers leave them), single quotes
used as quotation marks told apart from apostrophes, quotes running over several
paragraphs, and stray or unbalanced marks that degrade locally. Speakers are found
by `reader.core.speakers`.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import Iterable

from reader.core.models import Span

DOUBLE_OPEN = "“„«"
DOUBLE_CLOSE = "”»"
SINGLE_OPEN = "‘‹"
SINGLE_CLOSE = "’›"
OPEN_CONTEXT = " \t\n([{—–-/:"  # what may stand before an opening mark
CLOSE_FOLLOW = " \t\n)]}—–-,.;:!?…"  # what may follow a closing mark
MAX_QUOTE = 6000  # characters; longer "quotations" are stray marks


class Intervals:
    """Membership in a union of [start, end) ranges, by bisection (ranges may overlap)."""

    def __init__(self, ranges: Iterable[tuple[int, int]]) -> None:
        merged: list[list[int]] = []
        for a, b in sorted(ranges):
            if merged and a <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], b)
            elif b > a:
                merged.append([a, b])
        self._starts = [a for a, _ in merged]
        self._ends = [b for _, b in merged]

    def __contains__(self, pos: int) -> bool:
        i = bisect_right(self._starts, pos) - 1
        return i >= 0 and pos < self._ends[i]


@dataclass(slots=True)
class RawQuote:
    start: int  # first character inside the marks
    end: int  # one past the last character inside the marks
    open_mark: int  # offset of the opening mark
    close_mark: int | None  # offset of the closing mark; None when the paragraph ran out
    para: int  # index of the paragraph
    single: bool = False


def _role_double(text: str, i: int, lo: int, hi: int) -> str:
    ch = text[i]
    prev = text[i - 1] if i > lo else " "
    nxt = text[i + 1] if i + 1 < hi else " "
    prev_space = prev.isspace() or prev in OPEN_CONTEXT
    next_space = nxt.isspace() or i + 1 >= hi
    if ch in DOUBLE_OPEN:
        if next_space and not prev_space:
            return "close"  # a mis-typed closing mark
        return "open" if not next_space else "junk"
    if ch in DOUBLE_CLOSE:
        if prev_space and not next_space:
            return "open"  # a mis-typed opening mark
        if not prev_space and (next_space or nxt in CLOSE_FOLLOW or nxt in "'’\"”"):
            return "close"
        return "junk"  # =”true”: inside markup or a word
    # straight "
    if prev_space and not next_space:
        return "open"
    if not prev_space and (next_space or nxt in CLOSE_FOLLOW):
        return "close"
    return "junk"


def _double_quotes(text: str, paragraphs: list[Span], skip: list[tuple[int, int]]) -> list[RawQuote]:
    out: list[RawQuote] = []
    skipped = Intervals(skip)
    pending: tuple[int, int] | None = None  # (paragraph index, mark offset) of an unclosed quote
    for pi, para in enumerate(paragraphs):
        marks = []
        for i in range(para.start, para.end):
            ch = text[i]
            if ch == '"' or ch in DOUBLE_OPEN or ch in DOUBLE_CLOSE:
                if i in skipped:
                    continue
                marks.append((i, _role_double(text, i, para.start, para.end)))
        # A quotation left open at the end of the previous paragraph is continued when
        # this paragraph opens with a quotation mark (multi-paragraph quotations).
        if pending is not None:
            ppi, pmark = pending
            prev_para = paragraphs[ppi]
            continued = bool(marks) and marks[0][0] == para.start and marks[0][1] == "open"
            if continued or _plausible_unclosed(text, pmark, prev_para):
                out.append(RawQuote(pmark + 1, _rstrip(text, pmark + 1, prev_para.end), pmark, None, ppi))
            pending = None
        open_at: int | None = None
        for pos, role in marks:
            if role == "open":
                if open_at is not None and not _plausible_unclosed(text, open_at, Span(para.start, pos, "")):
                    pass  # the earlier mark was stray: start again here
                elif open_at is not None:
                    out.append(RawQuote(open_at + 1, _rstrip(text, open_at + 1, pos), open_at, None, pi))
                open_at = pos
            elif role == "close" and open_at is not None:
                if pos - open_at <= MAX_QUOTE and pos > open_at + 1:
                    out.append(RawQuote(open_at + 1, pos, open_at, pos, pi))
                open_at = None
        if open_at is not None and para.end - open_at <= MAX_QUOTE:
            pending = (pi, open_at)
    if pending is not None:
        ppi, pmark = pending
        if _plausible_unclosed(text, pmark, paragraphs[ppi]):
            out.append(RawQuote(pmark + 1, _rstrip(text, pmark + 1, paragraphs[ppi].end), pmark, None, ppi))
    return [q for q in out if q.end > q.start and text[q.start : q.end].strip()]


def _plausible_unclosed(text: str, mark: int, para: Span) -> bool:
    """An opening mark with no closing one: keep it as a quotation (running to the end
    of its paragraph) only where quotations usually start: at the paragraph's start,
    or after a colon or a comma, and when what follows reads like a sentence."""
    before = text[para.start : mark].rstrip()
    body = text[mark + 1 : para.end].strip()
    if len(body) < 2 or len(body) > 1500:
        return False
    starts_ok = not before or before.endswith((":", ","))
    return starts_ok and body[:1].isupper()


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _single_quotes(text: str, paragraphs: list[Span], taken: Intervals) -> list[RawQuote]:
    """Single quotes used as quotation marks ('false', ‘Ukraine just a field of battle’),
    never apostrophes (won’t, Russia's, the Russians’ claims, '90s)."""
    out: list[RawQuote] = []
    for pi, para in enumerate(paragraphs):
        open_at: int | None = None
        for i in range(para.start, para.end):
            ch = text[i]
            if ch not in "'‘’‹›":
                continue
            if i in taken:
                open_at = None
                continue
            prev = text[i - 1] if i > para.start else " "
            nxt = text[i + 1] if i + 1 < para.end else " "
            if ch in "'‘‹" and (prev.isspace() or prev in "([{—–-/\"“") and nxt.isalpha():
                if open_at is None:
                    open_at = i
                continue
            if open_at is not None and ch in "'’›" and not prev.isspace() and (
                nxt.isspace() or nxt in CLOSE_FOLLOW or i + 1 >= para.end
            ):
                if prev.isalpha() and nxt.isalpha():
                    continue  # apostrophe inside a word
                inner = text[open_at + 1 : i]
                if 0 < len(inner) <= 300 and "\n" not in inner:
                    out.append(RawQuote(open_at + 1, i, open_at, i, pi, single=True))
                open_at = None
    return out


def find_quotations(text: str, paragraphs: list[Span], skip: list[Span] = ()) -> list[RawQuote]:
    """All quotations in the text, in order. `skip` spans (markup debris) are ignored."""
    skip_ranges = [(s.start, s.end) for s in skip]
    doubles = _double_quotes(text, paragraphs, skip_ranges)
    taken = skip_ranges + [(q.open_mark, (q.close_mark if q.close_mark is not None else q.end) + 1) for q in doubles]
    singles = _single_quotes(text, paragraphs, Intervals(taken))
    return sorted(doubles + singles, key=lambda q: q.start)
