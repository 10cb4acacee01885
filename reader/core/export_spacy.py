"""spaCy training data: `DIR/train.spacy` and `DIR/dev.spacy` (DocBin).

- The split is by article (no article is in both), deterministic for a seed: articles
  are ordered by a hash of seed and id and the first `dev_ratio` share goes to dev.
- One doc per sentence (default) or per article. Only articles with at least one
  exported annotation are used: an article nobody annotated says nothing about NONE.
- `doc.spans["sc"]` holds the annotations (labels upper-cased: CLAIM, REBUTTAL),
  clipped to the doc. A selection that does not align with tokens is snapped outward to
  token boundaries (after trimming white space) and counted.
- `doc.cats`: per sentence, exclusive classes: the label whose spans cover most of the
  sentence, if they cover at least half of it or lie wholly inside it; else NONE. Per
  article, one class per label present (NONE if none): train those with
  textcat_multilabel.
- Boilerplate (from the analysis) is left out unless asked for: its sentences are
  dropped, and so are annotations that lie mostly inside it.
- Orphaned annotations (offsets that no longer fit the text) are left out and counted.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any, Mapping, Sequence

from reader.core.export import ExportError, ExportReport, check_target, fits, in_corpus, write_atomic
from reader.core.models import Analysis, Article, Span
from reader.core.store_types import Annotation

NONE_LABEL = "NONE"
SPANS_KEY = "sc"
PIECE_JOIN = "\n\n"


def split_articles(article_ids: Sequence[str], dev_ratio: float, seed: int) -> tuple[list[str], list[str]]:
    """(train, dev): deterministic for a seed; dev gets at least one article when there
    are two or more and the ratio is above 0, and train always keeps one."""
    order = sorted(article_ids, key=lambda a: hashlib.sha256(f"{seed}:{a}".encode()).hexdigest())
    n_dev = round(len(order) * dev_ratio)
    if dev_ratio > 0 and len(order) >= 2:
        n_dev = min(max(n_dev, 1), len(order) - 1)
    dev = sorted(order[:n_dev])
    return sorted(order[n_dev:]), dev


def _in_boilerplate(start: int, end: int, boilerplate: Sequence[Span]) -> bool:
    mid = (start + end) // 2
    return any(b.start <= mid < b.end for b in boilerplate)


def _sentences(article: Article, analysis: Analysis | None, nlp: Any) -> list[Span]:
    if analysis is not None and analysis.sentences:
        return list(analysis.sentences)
    doc = nlp(article.text)
    return [Span(s.start_char, s.end_char, "SENTENCE") for s in doc.sents]


def _units(article: Article, analysis: Analysis | None, nlp: Any, per: str, boilerplate: Sequence[Span]) -> list[list[tuple[int, int]]]:
    """Each unit becomes one doc: its pieces of the text, joined by a blank line."""
    text = article.text
    if per == "sentence":
        spans = [s for s in _sentences(article, analysis, nlp) if text[s.start : s.end].strip()]
        return [[(s.start, s.end)] for s in spans if not _in_boilerplate(s.start, s.end, boilerplate)]
    if not boilerplate:
        return [[(0, len(text))]]
    paragraphs = analysis.paragraphs if analysis is not None and analysis.paragraphs else [Span(0, len(text), "PARAGRAPH")]
    return [[(p.start, p.end) for p in paragraphs if not _in_boilerplate(p.start, p.end, boilerplate)]]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _doc_for(nlp: Any, article: Article, pieces: list[tuple[int, int]], anns: Sequence[Annotation],
             labels: Sequence[str], per: str, report: ExportReport, used: set[str]) -> Any:  # fmt: skip
    from spacy.tokens import Span as SpacySpan

    text = PIECE_JOIN.join(article.text[a:b] for a, b in pieces)
    doc = nlp.make_doc(text)
    spans: list[SpacySpan] = []
    coverage: dict[str, set[int]] = {}
    base = 0
    for a, b in pieces:
        for ann in anns:
            s, e = max(ann.start, a), min(ann.end, b)
            s, e = _trim(article.text, s, e)
            if s >= e:
                continue
            ls, le = base + s - a, base + e - a
            span = doc.char_span(ls, le, label=ann.label.upper(), alignment_mode="strict")
            if span is None:
                span = doc.char_span(ls, le, label=ann.label.upper(), alignment_mode="expand")
                if span is None:
                    continue
                report.snapped += 1
            spans.append(span)
            used.add(ann.id)
            coverage.setdefault(ann.label, set()).update(range(s, e))
        base += (b - a) + len(PIECE_JOIN)
    doc.spans[SPANS_KEY] = sorted(spans, key=lambda sp: (sp.start, sp.end, sp.label_))
    cats = {label.upper(): 0.0 for label in labels}
    cats[NONE_LABEL] = 0.0
    if per == "article":
        for label in coverage:
            cats[label.upper()] = 1.0
        if not coverage:
            cats[NONE_LABEL] = 1.0
    else:
        (a, b), = pieces
        a, b = _trim(article.text, a, b)
        size = max(1, b - a)
        best = max(labels, key=lambda lb: len(coverage.get(lb, ())), default=None)
        inside = {ann.label for ann in anns if a <= ann.start and ann.end <= b}
        if best is not None and (len(coverage.get(best, ())) * 2 >= size or best in inside) and coverage.get(best):
            cats[best.upper()] = 1.0
        else:
            cats[NONE_LABEL] = 1.0
    doc.cats = cats
    return doc


def export_spacy(folder: Path, annotations: Sequence[Annotation], articles: Mapping[str, Article],
                 analyses: Mapping[str, Analysis | None], nlp: Any, *, labels: Sequence[str],
                 dev_ratio: float = 0.2, seed: int = 0, per: str = "sentence",
                 include_boilerplate: bool = False) -> ExportReport:  # fmt: skip
    from spacy.tokens import DocBin

    if per not in ("sentence", "article"):
        raise ValueError(per)
    if not 0 <= dev_ratio < 1:
        raise ExportError(f"--dev-ratio must be at least 0 and below 1, not {dev_ratio}.")
    check_target(folder, folder=True)
    report = ExportReport("spacy", [folder / "train.spacy", folder / "dev.spacy"])
    labels = list(dict.fromkeys([*labels, *sorted({a.label for a in annotations})]))
    docs_by_article: dict[str, list[Any]] = {}
    for article, anns in in_corpus(annotations, articles, report):
        article_id = article.id
        placed = [a for a in anns if fits(a, article)]
        report.orphaned += len(anns) - len(placed)
        analysis = analyses.get(article_id)
        boilerplate = [] if include_boilerplate or analysis is None else list(analysis.boilerplate)
        kept = [a for a in placed if not _in_boilerplate(a.start, a.end, boilerplate)]
        if len(kept) < len(placed):
            report.skip("inside boilerplate (use --include-boilerplate to keep them)", len(placed) - len(kept))
        if not kept:
            continue
        used: set[str] = set()
        docs = [
            _doc_for(nlp, article, pieces, [a for a in kept if any(a.start < e and s < a.end for s, e in pieces)],
                     labels, per, report, used)  # fmt: skip
            for pieces in _units(article, analysis, nlp, per, boilerplate)
        ]
        if len(used) < len(kept):
            report.skip("with nothing left after trimming white space", len(kept) - len(used))
        if used:
            docs_by_article[article_id] = docs
            report.annotations += len(used)
            report.articles += 1
    train_ids, dev_ids = split_articles(list(docs_by_article), dev_ratio, seed)
    if not train_ids:
        raise ExportError(f"{folder}: nothing to export: no annotations on articles of the corpus match the filters.")
    blobs = {}
    for name, ids in (("train.spacy", train_ids), ("dev.spacy", dev_ids)):
        bin_ = DocBin(store_user_data=False)
        for article_id in ids:
            for doc in docs_by_article[article_id]:
                bin_.add(doc)
        blobs[name] = bin_.to_bytes()  # both serialised before either file is touched
        report.extra[f"{name} docs"] = len(bin_)
    try:
        folder.mkdir(exist_ok=True)
    except OSError as exc:
        raise ExportError(f"{folder}: cannot create the folder: {exc.strerror or exc}.") from exc
    for name, data in blobs.items():
        write_atomic(folder / name, lambda tmp, data=data: tmp.write_bytes(data))
    report.extra["articles in train/dev"] = f"{len(train_ids)}/{len(dev_ids)}"
    return report
