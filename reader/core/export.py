"""Exports of annotations: CSV for spreadsheets and pandas, JSONL in Prodigy's shape.
(spaCy DocBin training data: `export_spacy.py`.)

Pure functions: they take annotations, the loaded articles they belong to, analyses and
a spaCy `nlp` (only its tokenizer is used), and write one file through a temporary file
renamed into place, so a failure leaves no half file. Each returns an `ExportReport`.
"""

from __future__ import annotations

import csv
import io
import os
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Mapping, Sequence

import orjson

from reader.core.models import Analysis, Article
from reader.core.store_types import Annotation

RELATION_LABEL = "REBUTS"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class ExportError(Exception):
    """An export that cannot be written; str() names the path and what to do."""


@dataclass(frozen=True)
class ExportFilter:
    labels: frozenset[str] | None = None
    articles: frozenset[str] | None = None
    annotators: frozenset[str] | None = None

    @classmethod
    def of(cls, labels: Iterable[str] | None = None, articles: Iterable[str] | None = None,
           annotators: Iterable[str] | None = None) -> "ExportFilter":  # fmt: skip
        def fs(x: Iterable[str] | None) -> frozenset[str] | None:
            return frozenset(x) if x else None

        return cls(fs(labels), fs(articles), fs(annotators))

    def keep(self, ann: Annotation) -> bool:
        return (
            (self.labels is None or ann.label in self.labels)
            and (self.articles is None or ann.article_id in self.articles)
            and (self.annotators is None or ann.annotator in self.annotators)
        )

    def apply(self, anns: Iterable[Annotation]) -> list[Annotation]:
        return [a for a in anns if self.keep(a)]


@dataclass
class ExportReport:
    format: str
    paths: list[Path] = field(default_factory=list)
    annotations: int = 0
    articles: int = 0
    snapped: int = 0
    orphaned: int = 0
    skipped: int = 0
    reasons: dict[str, int] = field(default_factory=dict)  # why annotations were skipped
    extra: dict[str, Any] = field(default_factory=dict)

    def skip(self, reason: str, n: int = 1) -> None:
        self.skipped += n
        self.reasons[reason] = self.reasons.get(reason, 0) + n

    def summary(self) -> str:
        where = ", ".join(str(p) for p in self.paths)
        parts = [f"{_count(self.annotations, 'annotation')} from {_count(self.articles, 'article')}"]
        if self.format != "csv":
            parts.append(f"{self.snapped} snapped to token boundaries")
        parts += [f"{self.orphaned} orphaned", f"{self.skipped} skipped"]
        text = f"Wrote {where}: " + ", ".join(parts)
        if self.reasons:
            text += " (" + "; ".join(f"{n} {why}" for why, n in sorted(self.reasons.items())) + ")"
        for key, value in self.extra.items():
            text += f"; {key}: {value}"
        return text + "."


# ---------------------------------------------------------------- writing files


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"



def check_target(path: Path, *, folder: bool = False) -> None:
    """Raise ExportError unless `path` (a file, or with folder=True a folder that may
    be created) can be written."""
    try:
        _check_target(path, folder)
    except OSError as exc:  # a name too long for the file system, a loop of links, ...
        raise ExportError(f"{path}: cannot use this path: {exc.strerror or exc}. Choose another output path.") from exc


def _check_target(path: Path, folder: bool) -> None:
    parent = path.parent
    if not parent.is_dir():
        raise ExportError(f"{path}: the folder {parent} does not exist. Create it first, or choose another output path.")
    if folder and path.exists() and not path.is_dir():
        raise ExportError(f"{path}: this is a file; the spaCy export needs a folder. Choose another output path.")
    if not folder and path.is_dir():
        raise ExportError(f"{path}: this is a folder; give a file name for the export.")
    target = path if folder and path.is_dir() else parent
    if not os.access(target, os.W_OK | os.X_OK):
        raise ExportError(f"{path}: cannot write in {target} (permission denied). Choose another output path.")


def write_atomic(path: Path, write: Callable[[Path], None]) -> None:
    """Call `write(tmp)` for a temporary file beside `path`, then rename it into place."""
    tmp = path.with_name(f".{path.name}.part-{os.getpid()}")
    try:
        write(tmp)
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        raise ExportError(f"{path}: cannot write the export: {exc.strerror or exc}. Nothing was written.") from exc
    finally:
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass  # the export's own error (raised above) is the one to report


def write_bytes_atomic(path: Path, data: bytes) -> None:
    write_atomic(path, lambda tmp: tmp.write_bytes(data))


# ---------------------------------------------------------------- CSV

CSV_COLUMNS = (
    "id", "article_id", "path", "title", "label", "start", "end", "text", "sentence", "speaker", "entities",
    "note", "links", "annotator", "created", "updated", "orphaned",
)  # fmt: skip


def neutralise(cell: Any) -> Any:
    """A cell a spreadsheet would run as a formula gets a leading apostrophe."""
    if isinstance(cell, str) and cell.startswith(FORMULA_START):
        return "'" + cell
    return cell


def _sentence_around(analysis: Analysis | None, text: str, start: int, end: int) -> str:
    if analysis is None:
        return ""
    spans = [s for s in analysis.sentences if s.start < end and start < s.end]
    if not spans:
        return ""
    return text[min(s.start for s in spans) : max(s.end for s in spans)]


def csv_rows(annotations: Sequence[Annotation], articles: Mapping[str, Article],
             analyses: Mapping[str, Analysis | None], paths: Mapping[str, str] | None = None) -> list[list[Any]]:  # fmt: skip
    rows = []
    for ann in annotations:
        article = articles.get(ann.article_id)
        current = article is not None and fits(ann, article)
        analysis = analyses.get(ann.article_id) if current else None
        text = article.text if article is not None else ""
        entities = [] if analysis is None else [e for e in analysis.entities if ann.start <= e.start and e.end <= ann.end]
        speaker = analysis.speaker_at(ann.start, ann.end) if analysis is not None else None
        path = (paths or {}).get(ann.article_id) or (str(article.info.path) if article is not None else "")
        row = [
            ann.id, ann.article_id, path, article.title if article is not None else "", ann.label, ann.start,
            ann.end, ann.text, _sentence_around(analysis, text, ann.start, ann.end), speaker or "",
            "; ".join(f"{text[e.start:e.end]} ({e.label})" for e in entities), ann.note, " ".join(ann.links),
            ann.annotator, ann.created, ann.updated, "true" if ann.orphaned else "false",
        ]  # fmt: skip
        rows.append([neutralise(c) for c in row])
    return rows


def export_csv(path: Path, annotations: Sequence[Annotation], articles: Mapping[str, Article],
               analyses: Mapping[str, Analysis | None]) -> ExportReport:  # fmt: skip
    check_target(path)
    report = ExportReport("csv", [path])
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\r\n")  # RFC 4180
    writer.writerow(CSV_COLUMNS)
    writer.writerows(csv_rows(annotations, articles, analyses))
    write_bytes_atomic(path, buf.getvalue().encode("utf-8-sig"))  # the BOM tells spreadsheets it is UTF-8
    report.annotations = len(annotations)
    report.articles = len({a.article_id for a in annotations})
    report.orphaned = sum(a.orphaned for a in annotations)
    missing = sum(1 for a in annotations if a.article_id not in articles)
    if missing:
        report.extra["not in the corpus (exported without sentence, speaker, entities)"] = missing
    return report


# ---------------------------------------------------------------- JSONL (Prodigy's shape)


class TokenIndex:
    """Maps character offsets to token indices of a tokenised text."""

    def __init__(self, doc: Any) -> None:
        self.starts = [t.idx for t in doc]
        self.ends = [t.idx + len(t.text) for t in doc]
        self.tokens = [{"text": t.text, "start": t.idx, "end": t.idx + len(t.text), "id": t.i, "ws": bool(t.whitespace_)} for t in doc]

    def span(self, start: int, end: int) -> tuple[int, int, bool]:
        """(token_start, inclusive token_end, aligned) of the tokens the range touches."""
        first = min(bisect_right(self.ends, start), len(self.ends) - 1)
        last = max(bisect_left(self.starts, end) - 1, first)
        aligned = self.starts[first] == start and self.ends[last] == end
        return first, last, aligned


def _span_record(ann: Annotation, index: TokenIndex) -> tuple[dict[str, Any], bool]:
    first, last, aligned = index.span(ann.start, ann.end)
    return {
        "start": ann.start, "end": ann.end, "label": ann.label, "token_start": first, "token_end": last,
        "text": ann.text, "id": ann.id, "note": ann.note, "links": list(ann.links), "annotator": ann.annotator,
        "created": ann.created, "updated": ann.updated,
    }, aligned  # fmt: skip


def _orphan_record(ann: Annotation) -> dict[str, Any]:
    doc = ann.to_doc()
    doc.pop("schema", None)
    doc.pop("article_id", None)
    return doc


def jsonl_record(article: Article, anns: Sequence[Annotation], nlp: Any, path: str | None = None) -> tuple[dict[str, Any], int]:
    """One article's line and how many spans do not align with its tokens."""
    index = TokenIndex(nlp.make_doc(article.text))
    placed = [a for a in anns if fits(a, article)]
    orphans = [a for a in anns if a not in placed]
    spans, unaligned = [], 0
    by_id: dict[str, dict[str, Any]] = {}
    for ann in sorted(placed, key=lambda a: (a.start, a.end, a.label, a.id)):
        rec, aligned = _span_record(ann, index)
        unaligned += not aligned
        spans.append(rec)
        by_id[ann.id] = rec
    relations = []
    for rec in spans:
        for target in rec["links"]:
            child = by_id.get(target)
            if child is None:
                continue  # in another article: kept in the span's "links"
            relations.append({
                "head": rec["token_end"], "child": child["token_end"], "label": RELATION_LABEL,
                "head_span": {k: rec[k] for k in ("start", "end", "token_start", "token_end", "label")},
                "child_span": {k: child[k] for k in ("start", "end", "token_start", "token_end", "label")},
            })  # fmt: skip
    meta = {"id": article.id, "title": article.title, "sha256": article.sha256}
    if path:
        meta["path"] = path
    record = {"text": article.text, "meta": meta, "tokens": index.tokens, "spans": spans, "relations": relations,
              "answer": "accept"}  # fmt: skip
    if orphans:
        record["orphaned"] = [_orphan_record(a) for a in sorted(orphans, key=lambda a: (a.start, a.id))]
    return record, unaligned


def group_by_article(annotations: Iterable[Annotation]) -> dict[str, list[Annotation]]:
    out: dict[str, list[Annotation]] = {}
    for ann in annotations:
        out.setdefault(ann.article_id, []).append(ann)
    return dict(sorted(out.items()))


def in_corpus(annotations: Iterable[Annotation], articles: Mapping[str, Article],
              report: ExportReport) -> Iterator[tuple[Article, list[Annotation]]]:  # fmt: skip
    """(article, its annotations) in article id order; the others are counted as skipped."""
    for article_id, anns in group_by_article(annotations).items():
        article = articles.get(article_id)
        if article is None:
            report.skip("whose article is not in the corpus", len(anns))
            continue
        yield article, anns


def fits(ann: Annotation, article: Article) -> bool:
    """Whether the annotation's offsets point into this text (not orphaned, not stale)."""
    return not ann.orphaned and ann.article_sha256 == article.sha256


def export_jsonl(path: Path, annotations: Sequence[Annotation], articles: Mapping[str, Article], nlp: Any) -> ExportReport:
    check_target(path)
    report = ExportReport("jsonl", [path])
    lines = []
    for article, anns in in_corpus(annotations, articles, report):
        record, unaligned = jsonl_record(article, anns, nlp)
        lines.append(orjson.dumps(record) + b"\n")
        report.articles += 1
        report.annotations += len(anns)
        report.snapped += unaligned
        report.orphaned += len(record.get("orphaned", ()))
    write_bytes_atomic(path, b"".join(lines))
    if report.snapped:
        report.extra["note"] = "character offsets are kept exact; token indices of unaligned spans cover the tokens they touch"
    return report
