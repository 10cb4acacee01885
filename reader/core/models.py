"""Plain data shared by the whole program.

One span type, `Span`, with character offsets into `Article.text`, serves entities,
quotations, sentences, paragraphs, boilerplate and annotations alike.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

# Span labels used by the analysis (entity spans use spaCy's labels: PERSON, ORG, GPE, ...).
QUOTE = "QUOTE"
SENTENCE = "SENTENCE"
PARAGRAPH = "PARAGRAPH"
BOILERPLATE = "BOILERPLATE"


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character range [start, end) of an article's text, with a label.

    `attrs` carries label-specific data (a quote's "speaker" and "cue", a boilerplate
    span's "kind"); it takes no part in equality or hashing.
    """

    start: int
    end: int
    label: str
    attrs: Mapping[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"bad span offsets {self.start}..{self.end}")

    def __len__(self) -> int:
        return self.end - self.start

    def overlaps(self, start: int, end: int) -> bool:
        return self.start < end and start < self.end

    def contains(self, offset: int) -> bool:
        return self.start <= offset < self.end

    def text_of(self, text: str) -> str:
        return text[self.start : self.end]


@dataclass(frozen=True, slots=True)
class ArticleInfo:
    """What the library needs to list an article, cheap to compute (no analysis)."""

    id: str
    path: Path
    title: str
    source: str | None
    url: str | None
    date: str | None
    words: int
    sha256: str
    size: int
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Article:
    """A loaded article: `text` is the normalised body (LF line endings, no BOM,
    no front matter). All offsets anywhere in reader point into this string."""

    info: ArticleInfo
    text: str

    @property
    def id(self) -> str:
        return self.info.id

    @property
    def title(self) -> str:
        return self.info.title

    @property
    def sha256(self) -> str:
        return self.info.sha256


@dataclass(frozen=True, slots=True)
class Problem:
    """A file that could not be listed or loaded, with a message fit for a user."""

    path: Path
    message: str


@dataclass(slots=True)
class Analysis:
    """The result of analysing one article."""

    article_id: str
    sha256: str
    model: str
    entities: list[Span] = field(default_factory=list)
    quotes: list[Span] = field(default_factory=list)  # label QUOTE; attrs: speaker, cue
    sentences: list[Span] = field(default_factory=list)  # never cross a paragraph break
    paragraphs: list[Span] = field(default_factory=list)
    boilerplate: list[Span] = field(default_factory=list)  # attrs: kind

    def to_dict(self) -> dict[str, Any]:
        def enc(spans: list[Span]) -> list[list[Any]]:
            return [[s.start, s.end, s.label, dict(s.attrs)] if s.attrs else [s.start, s.end, s.label] for s in spans]

        return {
            "article_id": self.article_id,
            "sha256": self.sha256,
            "model": self.model,
            "entities": enc(self.entities),
            "quotes": enc(self.quotes),
            "sentences": enc(self.sentences),
            "paragraphs": enc(self.paragraphs),
            "boilerplate": enc(self.boilerplate),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Analysis":
        def dec(rows: list[list[Any]]) -> list[Span]:
            return [Span(r[0], r[1], r[2], r[3] if len(r) > 3 else {}) for r in rows]

        return cls(
            article_id=data["article_id"],
            sha256=data["sha256"],
            model=data["model"],
            entities=dec(data["entities"]),
            quotes=dec(data["quotes"]),
            sentences=dec(data["sentences"]),
            paragraphs=dec(data["paragraphs"]),
            boilerplate=dec(data["boilerplate"]),
        )

    def speaker_at(self, start: int, end: int) -> str | None:
        """The speaker of the quotation [start, end) lies in: one that contains it (its
        quotation marks included), or that covers at least half of it (a tagged sentence
        that is mostly a quotation)."""
        best, best_overlap = None, 0
        for q in self.quotes:
            if q.start - 1 <= start and end <= q.end + 1:
                return q.attrs.get("speaker")
            overlap = min(end, q.end) - max(start, q.start)
            if overlap > best_overlap:
                best, best_overlap = q, overlap
        if best is not None and best_overlap * 2 >= end - start:
            return best.attrs.get("speaker")
        return None
