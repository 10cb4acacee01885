"""Paragraphs and sentence passages by rules alone (no model needed).

Paragraphs are non-blank lines: scraped news puts one paragraph on a line, with or
without blank lines between. Sentences never cross a paragraph break.
"""

from __future__ import annotations

import re
from typing import Iterator

from reader.core.models import PARAGRAPH, SENTENCE, Span

# Very long paragraphs are cut into chunks of at most this many characters (at white
# space when possible) before any model sees them.
CHUNK = 20_000


def paragraph_spans(text: str) -> list[Span]:
    spans = []
    pos = 0
    for line in text.split("\n"):
        end = pos + len(line)
        stripped_start = len(line) - len(line.lstrip())
        stripped_end = len(line.rstrip())
        if stripped_end > stripped_start:
            spans.append(Span(pos + stripped_start, pos + stripped_end, PARAGRAPH))
        pos = end + 1
    return spans


def chunks(text: str, start: int, end: int, size: int = CHUNK) -> Iterator[tuple[int, int]]:
    """[start, end) cut into pieces of at most `size` characters, at white space if any."""
    while end - start > size:
        cut = text.rfind(" ", start + size // 2, start + size)
        if cut <= start:
            cut = start + size
        yield start, cut
        start = cut
        while start < end and text[start] == " ":
            start += 1
    if end > start:
        yield start, end


# Words that end with a full stop without ending a sentence ("Dr.", "U.S.", "Feb.").
ABBREVIATIONS = frozenset(
    {
        "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "col", "lt", "sgt", "capt", "st", "jr",
        "sr", "inc", "corp", "co", "ltd", "vs", "no", "jan", "feb", "mar", "apr", "aug", "sept", "sep", "oct",
        "nov", "dec", "u.s", "u.k", "u.n", "e.u", "d.c", "e.g", "i.e", "etc", "a.m", "p.m", "mt", "ft", "rev",
        "atty", "supt", "det",
    }
)
_DOTTED = re.compile(r"(?:[a-z]\.)+[a-z]")  # "u.s", "d.c"
_DOTTED_WORD = re.compile(r"\b([A-Za-z][A-Za-z]*)\.")


def is_abbreviation(word: str) -> bool:
    """True for a word whose full stop does not end a sentence: a known abbreviation,
    a single initial, or dotted initials ("U.S")."""
    w = word.lower().rstrip(".")
    return w in ABBREVIATIONS or (len(w) == 1 and w.isalpha()) or _DOTTED.fullmatch(w) is not None


def hide_abbreviation_dots(text: str) -> str:
    """The text with the full stops of abbreviations and initials replaced by "_", so a
    search for sentence punctuation skips them. Same length: offsets stay valid."""
    return _DOTTED_WORD.sub(lambda m: m.group(1) + "_" if is_abbreviation(m.group(1)) else m.group(0), text)


_BOUNDARY = re.compile(r"[.!?…]+[\"”’')\]]*(?=\s+[\"“‘'(\[]?[A-Z0-9])")


def sentence_fallback(text: str, paragraphs: list[Span] | None = None) -> list[Span]:
    """Sentence passages by punctuation, for use before the model has loaded."""
    out: list[Span] = []
    for para in paragraphs if paragraphs is not None else paragraph_spans(text):
        start = para.start
        for m in _BOUNDARY.finditer(text, para.start, para.end):
            word = text[max(para.start, m.start() - 6) : m.start()].split()
            if word and is_abbreviation(word[-1]):
                continue
            out.append(Span(start, m.end(), SENTENCE))
            start = m.end()
            while start < para.end and text[start].isspace():
                start += 1
        if start < para.end:
            out.append(Span(start, para.end, SENTENCE))
    return out
