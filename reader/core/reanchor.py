"""Finding an annotated passage again after the article's text has changed.

An annotation keeps its quoted text and a little context on each side. In the new text
we look for every occurrence of the quote and score each by how much of the old context
surrounds it. The best place is taken only if it is unambiguous: a unique occurrence of
a quote long enough to be distinctive (or with some context around it), or the one
occurrence whose context matches better than every other. Otherwise: None, and the
caller flags the annotation as orphaned instead of guessing.
"""

from __future__ import annotations

MIN_DISTINCT_QUOTE = 12  # a quote at least this long, found once, is taken as is
MIN_CONTEXT = 8  # characters of matching context that make a short quote credible
MAX_CANDIDATES = 1000


def context_of(text: str, start: int, end: int, width: int) -> tuple[str, str]:
    return text[max(0, start - width) : start], text[end : end + width]


def _common_suffix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(reversed(a), reversed(b)):
        if x != y:
            break
        n += 1
    return n


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n


def locate(text: str, quote: str, before: str, after: str, old_start: int | None = None) -> int | None:
    """The start of `quote` in `text`, or None when it is absent or ambiguous."""
    if not quote:
        return None
    positions: list[int] = []
    pos = text.find(quote)
    while pos != -1 and len(positions) < MAX_CANDIDATES:
        positions.append(pos)
        pos = text.find(quote, pos + 1)
    if not positions:
        return None
    end_len = len(quote)
    scores = [
        _common_suffix(text[max(0, p - len(before)) : p], before)
        + _common_prefix(text[p + end_len : p + end_len + len(after)], after)
        for p in positions
    ]
    if len(positions) == 1:
        if len(quote) >= MIN_DISTINCT_QUOTE or scores[0] >= MIN_CONTEXT or scores[0] == len(before) + len(after):
            return positions[0]
        return None
    best = max(scores)
    winners = [p for p, s in zip(positions, scores) if s == best]
    if len(winners) == 1 and best >= MIN_CONTEXT:
        return winners[0]
    return None
