"""The analysis of an article: entities, passages, quotations with speakers, boilerplate.

`Analyzer` loads a spaCy pipeline once (lazily), runs only what the analysis needs
(tokens, entities, sentence boundaries) paragraph by paragraph, adds rule-based
quotations, speakers and boilerplate, and caches results on disk.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from reader.core import nlp as nlp_mod
from reader.core.boilerplate import find_boilerplate
from reader.core.cache import AnalysisCache
from reader.core.entities import consistent_labels
from reader.core.models import SENTENCE, Analysis, Article, Span
from reader.core.parse import parse_docs
from reader.core.passages import chunks, paragraph_spans, sentence_fallback
from reader.core.quotes import find_quotations
from reader.core.speakers import attribute

# Bump when the analysis changes what it returns: cached results of older versions are
# not used.
ANALYSER_VERSION = "14"

__all__ = ["Analyzer", "analyse_text", "available_models", "paragraph_spans", "sentence_fallback"]

available_models = nlp_mod.available_models


def _title_index(text: str, paragraphs: list[Span], title: str | None) -> int | None:
    if not title:
        return None
    probe = title.rstrip("…").strip()[:40]
    for i, p in enumerate(paragraphs[:10]):
        if text[p.start : p.end].startswith(probe):
            return i
    return None


def analyse_text(
    text: str,
    nlp: Any,
    *,
    article_id: str = "",
    sha256: str = "",
    title: str | None = None,
    model: str = "",
) -> Analysis:
    """Analyse one text with a loaded pipeline (pure: no cache, no I/O)."""
    return next(iter(analyse_texts([(text, article_id, sha256, title)], nlp, model=model)))


def analyse_texts(
    items: Iterable[tuple[str, str, str, str | None]], nlp: Any, *, model: str = "", batch_size: int = 64
) -> Iterator[Analysis]:
    """Analyse (text, article_id, sha256, title) items, piping paragraphs in batches."""
    for text, article_id, sha256, title in items:
        paragraphs = paragraph_spans(text)
        boiler = find_boilerplate(text, paragraphs, _title_index(text, paragraphs, title))
        pieces = [piece for p in paragraphs for piece in chunks(text, p.start, p.end)]
        markup = [s for s in boiler if s.attrs.get("kind") == "markup"]
        raw_quotes = find_quotations(text, paragraphs, markup)
        parser = _parser(nlp)
        wanted = _attribution_pieces(pieces, paragraphs, raw_quotes) if parser is not None else set()
        to_parse: list[tuple[int, Any]] = []
        entities: list[Span] = []
        sentences: list[Span] = []
        docs = nlp.pipe((text[a:b] for a, b in pieces), batch_size=batch_size)
        for k, ((a, _b), doc) in enumerate(zip(pieces, docs)):
            if k in wanted:
                to_parse.append((a, doc))
            for ent in doc.ents:
                entities.append(Span(a + ent.start_char, a + ent.end_char, ent.label_))
            if doc.has_annotation("SENT_START"):
                for sent in doc.sents:
                    sentences.append(Span(a + sent.start_char, a + sent.end_char, SENTENCE))
            else:
                sentences.extend(sentence_fallback(text, [Span(a, _b, "")]))
        entities = consistent_labels(text, entities)
        parse = None
        if parser is not None:
            # The parser reads the tensors tok2vec left on each Doc: no second pass.
            parsed = parser.pipe([doc for _a, doc in to_parse], batch_size=batch_size)
            parse = parse_docs((a, doc) for (a, _doc), doc in zip(to_parse, parsed))
        quotes = attribute(text, entities, raw_quotes, paragraphs, boiler, parse)
        yield Analysis(
            article_id=article_id,
            sha256=sha256,
            model=model,
            entities=entities,
            quotes=quotes,
            sentences=_trim(text, sentences),
            paragraphs=paragraphs,
            boilerplate=boiler,
        )


def _parser(nlp: Any) -> Any | None:
    """The pipeline's dependency parser, loaded but disabled (see `nlp.load_pipeline`),
    when it has one that listens to a tok2vec the pipeline runs."""
    if "parser" not in getattr(nlp, "component_names", ()) or "parser" in nlp.pipe_names:
        return None
    if "tok2vec" not in nlp.pipe_names:
        return None
    return nlp.get_pipe("parser")


def _attribution_pieces(pieces: list[tuple[int, int]], paragraphs: list[Span], quotes: list[Any]) -> set[int]:
    """Indices of the pieces where a quotation's attribution can stand: the paragraphs
    that hold a quotation, and the one before a paragraph a quotation opens ("X said:")."""
    spans: list[tuple[int, int]] = []
    for q in quotes:
        p = paragraphs[q.para]
        spans.append((p.start, p.end))
        if q.para > 0 and q.open_mark == p.start:
            before = paragraphs[q.para - 1]
            spans.append((before.start, before.end))
    wanted: set[int] = set()
    if not spans:
        return wanted
    spans.sort()
    j = 0
    for k, (a, b) in enumerate(pieces):
        while j < len(spans) and spans[j][1] <= a:
            j += 1
        if j < len(spans) and spans[j][0] < b:
            wanted.add(k)
    return wanted


def _trim(text: str, spans: list[Span]) -> list[Span]:
    out = []
    for s in spans:
        a, b = s.start, s.end
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            out.append(Span(a, b, s.label))
    return out


class Analyzer:
    """Analyses articles with one spaCy pipeline, loaded once, and an on-disk cache."""

    def __init__(
        self,
        model: str | None = None,
        cache_dir: Path | None = None,
        use_cache: bool = True,
        nlp: Any | None = None,
    ) -> None:
        self._requested = model
        self._nlp = nlp
        self._lock = threading.RLock()
        self.use_cache = use_cache and cache_dir is not None
        self.cache = AnalysisCache(cache_dir) if cache_dir is not None else None
        self._pipeline_id: str | None = nlp_mod.pipeline_id(nlp) if nlp is not None else None

    # -------------------------------------------------------------- model

    @property
    def model_name(self) -> str:
        if self._nlp is not None:
            return self._requested or nlp_mod.pipeline_id(self._nlp)
        return nlp_mod.resolve_model(self._requested)

    @property
    def loaded(self) -> bool:
        return self._nlp is not None

    def load(self) -> Any:
        """Load the pipeline (slow the first time in a process; raises ModelError)."""
        with self._lock:
            if self._nlp is None:
                self._nlp = nlp_mod.load_pipeline(self._requested)
                self._pipeline_id = nlp_mod.pipeline_id(self._nlp)
            return self._nlp

    @property
    def nlp(self) -> Any:
        return self.load()

    @property
    def pipeline_id(self) -> str:
        if self._pipeline_id is None:
            self.load()
        assert self._pipeline_id is not None
        return self._pipeline_id

    # -------------------------------------------------------------- analysis

    def _key(self, article: Article) -> str:
        return AnalysisCache.key(article.sha256, self.pipeline_id, ANALYSER_VERSION)

    def cached(self, article: Article) -> Analysis | None:
        """The cached analysis, if any (needs no model when the pipeline id is known)."""
        if not self.use_cache or self.cache is None or self._pipeline_id is None:
            return None
        hit = self.cache.get(self._key(article), article.sha256)
        if hit is not None and hit.article_id != article.id:
            hit.article_id = article.id  # the same text under another name
        return hit

    def analyse(self, article: Article) -> Analysis:
        return next(self.analyse_many([article]))

    def analyse_many(
        self, articles: Iterable[Article], cancelled: Callable[[], bool] | None = None
    ) -> Iterator[Analysis]:
        nlp = self.load()
        for article in articles:
            if cancelled is not None and cancelled():
                return
            hit = self.cached(article)
            if hit is not None:
                yield hit
                continue
            with self._lock:  # one pipeline, shared by the app's workers: one call at a time
                result = analyse_text(
                    article.text, nlp, article_id=article.id, sha256=article.sha256, title=article.title, model=self.pipeline_id
                )
            if self.use_cache and self.cache is not None:
                self.cache.put(self._key(article), result)
            yield result
