"""Reading annotations from JSON Lines: our own export (lossless), Prodigy span tasks and
doccano (`{"text": ..., "label": [[start, end, "claim"], ...]}`).

Each line's text is matched to an article of the corpus by hash: as it is, else after
the same normalisation articles get (BOM dropped, CRLF to LF; offsets are mapped). Bad
lines and spans are reported by line number and skipped; the valid ones still import.
Pure: parsing returns plain data; `AnnotationStore.import_annotations` adds it.
"""

from __future__ import annotations

import re
import uuid
from bisect import bisect_left
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Sequence

import orjson

from reader.core.models import Article
from reader.core.reanchor import context_of
from reader.core.store_types import CONTEXT_CHARS, SCHEMA, Annotation, now_iso
from reader.core.text import BOM, sha256_text

_HEX_ID = re.compile(r"^[0-9a-f]{32}$")


@dataclass
class ImportResult:
    annotations: list[Annotation] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)  # (line number, message)
    lines: int = 0
    matched_lines: int = 0

    def error(self, line: int, message: str) -> None:
        self.errors.append((line, message))


class _Normalised:
    """The text as articles store it, and a map from the original offsets."""

    def __init__(self, text: str) -> None:
        dropped: list[int] = []
        if text.startswith(BOM):
            dropped.append(0)
        dropped += [m.start() for m in re.finditer("\r(?=\n)", text)]
        self.dropped = dropped
        out = text[1:] if text.startswith(BOM) else text
        self.text = out.replace("\r\n", "\n").replace("\r", "\n")

    def offset(self, original: int) -> int:
        return original - bisect_left(self.dropped, original)


def _match(text: str, by_hash: dict[str, Article]) -> tuple[Article, _Normalised | None] | None:
    article = by_hash.get(sha256_text(text))
    if article is not None:
        return article, None
    norm = _Normalised(text)
    article = by_hash.get(sha256_text(norm.text))
    return (article, norm) if article is not None else None


def _spans_of(obj: dict[str, Any]) -> list[Any] | None:
    """Spans as dicts with start, end, label, whichever tool wrote the line."""
    if isinstance(obj.get("spans"), list):
        return obj["spans"]
    for key in ("label", "labels"):  # doccano
        if isinstance(obj.get(key), list):
            return [
                {"start": s[0], "end": s[1], "label": s[2]} if isinstance(s, list) and len(s) == 3 else s
                for s in obj[key]
            ]
    if isinstance(obj.get("entities"), list):  # doccano's other layout
        return [
            {"start": e.get("start_offset"), "end": e.get("end_offset"), "label": e.get("label")} if isinstance(e, dict) else e
            for e in obj["entities"]
        ]
    return None


def _label_for(raw: Any, labels: Sequence[str]) -> str | None:
    if not isinstance(raw, str):
        return None
    for label in labels:
        if label.lower() == raw.strip().lower():
            return label
    return None


def _is_int(x: Any) -> bool:
    return isinstance(x, int) and not isinstance(x, bool)


def _build(article: Article, span: dict[str, Any], start: int, end: int, label: str, annotator: str, stamp: str) -> Annotation:
    text = article.text
    before, after = context_of(text, start, end, CONTEXT_CHARS)
    span_id = span.get("id")
    return Annotation(
        id=span_id if isinstance(span_id, str) and _HEX_ID.match(span_id) else uuid.uuid4().hex,
        article_id=article.id, article_sha256=article.sha256, start=start, end=end, label=label,
        text=text[start:end], before=before, after=after,
        note=span.get("note") if isinstance(span.get("note"), str) else "",
        links=tuple(x for x in span.get("links", ()) if isinstance(x, str)) if isinstance(span.get("links"), list) else (),
        annotator=span.get("annotator") if isinstance(span.get("annotator"), str) else annotator,
        created=span.get("created") if isinstance(span.get("created"), str) else stamp,
        updated=span.get("updated") if isinstance(span.get("updated"), str) else stamp,
        orphaned=False, schema=SCHEMA,
    )  # fmt: skip


def _relation_links(obj: dict[str, Any], anns_by_offsets: dict[tuple[int, int], Annotation]) -> dict[str, set[str]]:
    """Prodigy relations (head rebuts child) as links between the imported spans."""
    links: dict[str, set[str]] = {}
    for rel in obj.get("relations") or ():
        if not isinstance(rel, dict):
            continue
        hs, cs = rel.get("head_span"), rel.get("child_span")
        if not (isinstance(hs, dict) and isinstance(cs, dict)):
            continue
        head = anns_by_offsets.get((hs.get("start"), hs.get("end")))
        child = anns_by_offsets.get((cs.get("start"), cs.get("end")))
        if head is not None and child is not None and head.id != child.id:
            links.setdefault(head.id, set()).add(child.id)
    return links


def _orphans(number: int, obj: dict[str, Any], article: Article, labels: Sequence[str], result: ImportResult) -> None:
    from reader.core.store_types import validate_doc

    for k, rec in enumerate(obj.get("orphaned") or (), 1):
        doc = {**rec, "article_id": article.id, "schema": SCHEMA} if isinstance(rec, dict) else rec
        problem = validate_doc(doc)
        label = _label_for(doc.get("label") if isinstance(doc, dict) else None, labels)
        if problem or label is None:
            result.error(number, f"orphaned annotation {k}: {problem or 'unknown label'}; skipped")
            continue
        result.annotations.append(Annotation.from_doc({**doc, "label": label, "orphaned": True}))


def parse_line(number: int, raw: bytes, by_hash: dict[str, Article], labels: Sequence[str], annotator: str,
               result: ImportResult) -> None:  # fmt: skip
    try:
        obj = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        result.error(number, f"not valid JSON ({exc})")
        return
    if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
        result.error(number, "not an object with a \"text\" string")
        return
    if obj.get("answer") in ("reject", "ignore"):
        return  # Prodigy: not an accepted annotation
    spans = _spans_of(obj)
    if spans is None:
        result.error(number, "no \"spans\" (Prodigy, ours) or \"label\" (doccano) list")
        return
    found = _match(obj["text"], by_hash)
    if found is None:
        n = len(spans) + len(obj.get("orphaned") or ())
        result.error(number, f"its text matches no article in the corpus: {n} annotation(s) not imported")
        return
    article, norm = found
    result.matched_lines += 1
    stamp = now_iso()
    line_anns: dict[tuple[int, int], Annotation] = {}
    size = len(obj["text"])
    for k, span in enumerate(spans, 1):
        where = f"span {k}"
        if not isinstance(span, dict) or not _is_int(span.get("start")) or not _is_int(span.get("end")):
            result.error(number, f"{where}: needs integer \"start\" and \"end\"")
            continue
        start, end = span["start"], span["end"]
        if not 0 <= start < end <= size:
            result.error(number, f"{where}: offsets {start}..{end} are outside the text (0..{size}) or empty")
            continue
        label = _label_for(span.get("label"), labels)
        if label is None:
            result.error(number, f"{where}: unknown label {span.get('label')!r} (known: {', '.join(labels)})")
            continue
        if isinstance(span.get("text"), str) and span["text"] != obj["text"][start:end]:
            result.error(number, f"{where}: its \"text\" is not the text at {start}..{end}")
            continue
        if norm is not None:
            start, end = norm.offset(start), norm.offset(end)
        ann = _build(article, span, start, end, label, annotator, stamp)
        line_anns[(span["start"], span["end"])] = ann
        result.annotations.append(ann)
    for head_id, targets in _relation_links(obj, line_anns).items():
        i = next(i for i, a in enumerate(result.annotations) if a.id == head_id)
        old = result.annotations[i]
        result.annotations[i] = Annotation(**{**old.to_doc(), "links": tuple(dict.fromkeys([*old.links, *sorted(targets)]))})
    _orphans(number, obj, article, labels, result)


def parse_jsonl(lines: Iterable[bytes], articles: Sequence[Article], labels: Sequence[str], annotator: str) -> ImportResult:
    by_hash = {a.sha256: a for a in articles}
    result = ImportResult()
    for number, raw in enumerate(lines, 1):
        if not raw.strip():
            continue
        result.lines += 1
        parse_line(number, raw, by_hash, labels, annotator, result)
    return result


def read_import_file(path: Path) -> list[bytes]:
    """The file's lines; raises OSError (caller reports it)."""
    return path.read_bytes().split(b"\n")
