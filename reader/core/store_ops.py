"""The mutating half of `AnnotationStore`: add, remove, relabel, note, link, undo, redo
and bulk import. Each call is one journal record (durable before it returns) and one
history entry holding what each touched annotation was before and after, so undo and
redo survive a restart."""

from __future__ import annotations

import uuid
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Iterable, Iterator

import orjson

from reader.core.models import Article
from reader.core.storage import StorageError
from reader.core.reanchor import context_of
from reader.core.store_types import ANNOTATIONS, CONTEXT_CHARS, HISTORY, SCHEMA, Annotation, StoreError, now_iso

if TYPE_CHECKING:  # the attributes AnnotationStore provides
    from reader.core.store import AnnotationStore as _Base
else:
    _Base = object

MAX_HISTORY = 200


def _copy(value: Any) -> Any:
    return orjson.loads(orjson.dumps(value))


def _short(text: str, limit: int = 40) -> str:
    flat = " ".join(text.split())
    return "“" + (flat if len(flat) <= limit else flat[: limit - 1] + "…") + "”"


class StoreOps(_Base):
    # ------------------------------------------------------------ plumbing

    def _writable(self) -> None:
        if self.read_only:
            raise StoreError(
                f"{self.path} is open read-only, so changes cannot be saved. Close the other "
                f"reader that uses it (or leave out --read-only) and open it again."
            )
        if self._storage_obj is None:
            raise StoreError(f"{self.path}: the database is closed.")

    def _require(self, ann_id: str) -> dict[str, Any]:
        doc = self._raw(ann_id)
        if doc is None:
            raise StoreError(f"{self.path}: no annotation with id {ann_id!r} (it may have been removed).")
        return doc

    def _check_label(self, label: str) -> None:
        if label not in self.labels:
            raise StoreError(
                f"unknown label {label!r}: the labels are {', '.join(self.labels)} "
                f"(they are set in the config file's [[labels]])."
            )

    @contextmanager
    def _change(self, desc: str | None) -> Iterator[list[list[Any]]]:
        """One durable change; `desc` None: not recorded in the history (undo, redo)."""
        with self._mutex:
            self._writable()
            try:
                with self.storage.transaction():
                    changes: list[list[Any]] = []
                    yield changes
                    if desc is not None and changes:
                        self._record(desc, changes)
            except StorageError as exc:
                self._build_index()  # the storage rolled back: rebuild what mirrors it
                raise StoreError(f"{exc}. The change was not saved: check the free space and the file's permissions.") from None
            except BaseException:
                self._build_index()
                raise

    def _record(self, desc: str, changes: list[list[Any]]) -> None:
        hist = self.storage.read().get(HISTORY, {})
        redoable = [i for i in self._history_ids if hist.get(str(i), {}).get("undone")]
        drop = set(redoable)
        ids = [i for i in self._history_ids if i not in drop]
        if len(ids) >= MAX_HISTORY:
            drop.update(ids[: len(ids) - MAX_HISTORY + 1])
            ids = ids[len(ids) - MAX_HISTORY + 1 :]
        if drop:
            self._hist.remove(doc_ids=sorted(drop))
        new_id = self._hist.insert({"desc": desc, "ch": changes, "undone": False, "at": now_iso()})
        self._history_ids = ids + [new_id]

    def _set_fields(self, ann_id: str, fields: dict[str, Any], changes: list[list[Any]]) -> None:
        doc = self._require(ann_id)
        fields = {**fields, "updated": now_iso()}
        before = {k: _copy(doc[k]) for k in fields}
        self._patch(ann_id, fields)
        changes.append([ann_id, before, _copy(fields)])

    def _apply(self, ann_id: str, target: dict[str, Any] | None, other: dict[str, Any] | None) -> None:
        if target is None:
            self._drop(ann_id)
        elif other is None:
            self._put(_copy(target))
        else:
            self._patch(ann_id, _copy(target))

    def _new_doc(self, article: Article, start: int, end: int, label: str, note: str) -> dict[str, Any]:
        text = article.text
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
            raise StoreError(
                f"cannot annotate {start}..{end} of {article.id}: a span must be non-empty and lie "
                f"inside the text (0..{len(text)})."
            )
        stamp = now_iso()
        before, after = context_of(text, start, end, CONTEXT_CHARS)
        return {
            "id": uuid.uuid4().hex, "article_id": article.id, "article_sha256": article.sha256,
            "start": start, "end": end, "label": label, "text": text[start:end],
            "before": before, "after": after,
            "note": note, "links": [], "annotator": self.annotator, "created": stamp, "updated": stamp,
            "orphaned": False, "schema": SCHEMA,
        }  # fmt: skip

    # ------------------------------------------------------------ changes

    def add(self, article: Article, start: int, end: int, label: str, note: str = "") -> Annotation:
        self._check_label(label)
        doc = self._new_doc(article, start, end, label, note)
        with self._change(f"add {label} {_short(doc['text'])}") as changes:
            self._put(doc)
            changes.append([doc["id"], None, _copy(doc)])
            self._articles[article.id] = article
        return Annotation.from_doc(doc)

    def remove(self, ann_id: str) -> Annotation:
        with self._mutex:
            doc = _copy(self._require(ann_id))
            linking = [d["id"] for d in self.storage.read().get(ANNOTATIONS, {}).values() if ann_id in d["links"]]
            with self._change(f"remove {doc['label']} {_short(doc['text'])}") as changes:
                for other in linking:  # no link may point at a removed annotation
                    links = [x for x in self._require(other)["links"] if x != ann_id]
                    self._set_fields(other, {"links": links}, changes)
                self._drop(ann_id)
                changes.append([ann_id, doc, None])
        return Annotation.from_doc(doc)

    def _modify(self, ann_id: str, desc: str, fields: dict[str, Any]) -> Annotation:
        with self._mutex:
            doc = self._require(ann_id)
            if all(doc[k] == v for k, v in fields.items()):
                return Annotation.from_doc(doc)
            with self._change(desc) as changes:
                self._set_fields(ann_id, fields, changes)
            return Annotation.from_doc(self._require(ann_id))

    def relabel(self, ann_id: str, label: str) -> Annotation:
        self._check_label(label)
        doc = self._require(ann_id)
        return self._modify(ann_id, f"relabel {_short(doc['text'])} {doc['label']} → {label}", {"label": label})

    def set_note(self, ann_id: str, note: str) -> Annotation:
        doc = self._require(ann_id)
        return self._modify(ann_id, f"note on {_short(doc['text'])}", {"note": note})

    def link(self, ann_id: str, target_id: str) -> Annotation:
        doc, target = self._require(ann_id), self._require(target_id)
        if ann_id == target_id:
            raise StoreError("an annotation cannot be linked to itself.")
        links = doc["links"] if target_id in doc["links"] else [*doc["links"], target_id]
        return self._modify(ann_id, f"link {_short(doc['text'])} → {_short(target['text'])}", {"links": links})

    def unlink(self, ann_id: str, target_id: str) -> Annotation:
        doc = self._require(ann_id)
        links = [x for x in doc["links"] if x != target_id]
        return self._modify(ann_id, f"unlink {_short(doc['text'])}", {"links": links})

    def import_annotations(self, annotations: Iterable[Annotation], desc: str = "import") -> tuple[list[Annotation], int]:
        """Add annotations as they are (ids, annotators, times kept), as one change.
        Skips an annotation whose id, or whose article, offsets and label, are already
        stored. Returns (added, skipped)."""
        added: list[Annotation] = []
        skipped = 0
        with self._mutex:
            items = list(annotations)
            for ann in items:
                self._check_label(ann.label)
            seen = {(d["article_id"], d["start"], d["end"], d["label"]) for d in self.storage.read().get(ANNOTATIONS, {}).values()}
            with self._change(f"{desc}: {len(items)} annotations") as changes:
                for ann in items:
                    key = (ann.article_id, ann.start, ann.end, ann.label)
                    if ann.id in self._doc_ids or key in seen:
                        skipped += 1
                        continue
                    seen.add(key)
                    doc = ann.to_doc()
                    self._put(doc)
                    changes.append([ann.id, None, _copy(doc)])
                    added.append(ann)
        return added, skipped

    # ------------------------------------------------------------ undo and redo

    def _history_entry(self, undone: bool) -> tuple[int, dict[str, Any]] | None:
        hist = self.storage.read().get(HISTORY, {})
        order = self._history_ids if undone else reversed(self._history_ids)
        for i in order:
            entry = hist.get(str(i))
            if entry is not None and entry["undone"] == undone:
                return i, entry
        return None

    def undo_description(self) -> str | None:
        with self._mutex:
            found = self._history_entry(undone=False)
            return None if found is None else found[1]["desc"]

    def redo_description(self) -> str | None:
        with self._mutex:
            found = self._history_entry(undone=True)
            return None if found is None else found[1]["desc"]

    def _step(self, undo: bool) -> str | None:
        with self._mutex:
            self._writable()
            found = self._history_entry(undone=not undo)
            if found is None:
                return None
            entry_id, entry = found
            touched: set[str] = set()
            with self._change(None):
                steps = reversed(entry["ch"]) if undo else entry["ch"]
                for ann_id, before, after in steps:
                    self._apply(ann_id, before if undo else after, after if undo else before)
                    touched.add(ann_id)
                self._hist.update({"undone": undo}, doc_ids=[entry_id])
            self._reanchor_known(touched)
            return entry["desc"]

    def undo(self) -> str | None:
        """Undo the last change; returns what was undone, or None if there is nothing."""
        desc = self._step(undo=True)
        return None if desc is None else f"Undid: {desc}"

    def redo(self) -> str | None:
        desc = self._step(undo=False)
        return None if desc is None else f"Redid: {desc}"

    def _reanchor_known(self, ann_ids: set[str]) -> None:
        """A restored annotation may predate an edit of its article: place it again."""
        articles = set()
        for ann_id in ann_ids:
            doc = self._raw(ann_id)
            article = self._articles.get(doc["article_id"]) if doc else None
            if article is not None and doc is not None and doc["article_sha256"] != article.sha256:
                articles.add(doc["article_id"])
        for article_id in sorted(articles):
            self.reanchor(self._articles[article_id])
