"""The annotation store: claims, rebuttals and notes on spans of articles, in TinyDB.

One writer at a time (an flock on `<db>.lock` that records who holds it); every change
is durable before the call returns (see `storage.py`); every change can be undone and
redone, and the history survives a restart. A database that does not parse or validate
is never overwritten: a copy is kept and the message says where.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import socket
import threading
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Sequence

from reader.core.models import Article
from reader.core.reanchor import context_of, locate
from reader.core.storage import (
    JournalDB,
    JournalStorage,
    StorageCorrupt,
    StorageError,
    StorageTooNew,
    backup_paths,
)
from reader.core.store_ops import StoreOps
from reader.core.store_types import (
    ANNOTATIONS,
    CONTEXT_CHARS,
    FIELDS,
    HISTORY,
    SCHEMA,
    Annotation,
    ReanchorReport,
    StoreCorrupt,
    StoreError,
    StoreLocked,
    now_iso,
    validate_db,
)

__all__ = [
    "AnnotationStore", "Annotation", "ReanchorReport", "StoreError", "StoreLocked", "StoreCorrupt",
    "SCHEMA", "FIELDS",
]  # fmt: skip

FORMAT = "reader-annotations"


class _Lock:
    """An exclusive flock on `<db>.lock`, recording the holder's pid and host."""

    def __init__(self, db: Path) -> None:
        self.path = db.with_name(db.name + ".lock")
        self.fd: int | None = None

    def holder(self) -> str:
        try:
            return self.path.read_text(encoding="utf-8", errors="replace").strip()
        except OSError:
            return ""

    def acquire(self, db: Path) -> None:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise StoreLocked(db, self.holder()) from None
        except OSError as exc:
            os.close(fd)
            raise StoreError(f"{self.path}: cannot lock the database: {exc.strerror or exc}") from exc
        info = f"pid {os.getpid()} on {socket.gethostname()}, since {now_iso()}\n".encode()
        os.ftruncate(fd, 0)
        os.pwrite(fd, info, 0)
        self.fd = fd

    def release(self) -> None:
        if self.fd is not None:
            try:
                os.ftruncate(self.fd, 0)
            finally:
                fcntl.flock(self.fd, fcntl.LOCK_UN)
                os.close(self.fd)
                self.fd = None


def keep_corrupt_copy(path: Path, read_only: bool) -> Path:
    """Copy a database that cannot be used (and its journal) aside; return the copy."""
    if read_only or not path.exists():
        return path
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    kept = path.with_name(f"{path.name}.corrupt-{stamp}")
    try:
        shutil.copy2(path, kept)
        journal = path.with_name(path.name + ".journal")
        if journal.exists():
            shutil.copy2(journal, kept.with_name(kept.name + ".journal"))
    except OSError:
        return path
    return kept


def _corrupt_error(path: Path, exc: StorageCorrupt, read_only: bool) -> StoreCorrupt:
    kept = keep_corrupt_copy(path, read_only)
    reason = exc.reason if exc.file in (path, Path("?")) else f"{exc.file.name}: {exc.reason}"
    if isinstance(exc, StorageTooNew):
        hint = " Upgrade reader to open it."
    else:
        good = next((b for b in backup_paths(path) if b.exists()), None)
        hint = (
            f" The last good version is {good}: to go back to it, close reader and copy it over {path}."
            if good
            else f" To start a new database, move {path} away."
        )
    return StoreCorrupt(path, reason, kept, hint)


class AnnotationStore(StoreOps):
    def __init__(
        self,
        path: Path,
        *,
        labels: Sequence[str] = ("claim", "rebuttal"),
        annotator: str = "anonymous",
        read_only: bool = False,
    ) -> None:
        self.path = Path(path).expanduser()
        self.labels = tuple(labels)
        self.annotator = annotator
        self.read_only = read_only
        self._mutex = threading.RLock()
        self._lock = _Lock(self.path)
        self._articles: dict[str, Article] = {}
        if not read_only:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"{self.path.parent}: cannot create the database folder: {exc.strerror or exc}") from exc
            self._lock.acquire(self.path)
        try:
            self._storage_obj: JournalStorage | None = None
            self._db = JournalDB(storage=self._make_storage)
        except StorageCorrupt as exc:
            self._lock.release()
            raise _corrupt_error(self.path, exc, read_only) from None
        except StorageError as exc:
            self._lock.release()
            raise StoreError(f"{exc}. Check the file's permissions and the free space on the disk.") from None
        except BaseException:
            self._lock.release()
            raise
        self._ann = self._db.table(ANNOTATIONS, cache_size=0)
        self._hist = self._db.table(HISTORY, cache_size=0)
        self._build_index()

    def _make_storage(self) -> JournalStorage:
        self._storage_obj = JournalStorage(
            self.path, format_name=FORMAT, schema=SCHEMA, read_only=self.read_only, validate=validate_db
        )
        return self._storage_obj

    @property
    def storage(self) -> JournalStorage:
        assert self._storage_obj is not None
        return self._storage_obj

    def _build_index(self) -> None:
        self._doc_ids: dict[str, int] = {}
        self._by_article: dict[str, set[str]] = {}
        for key, doc in self.storage.read().get(ANNOTATIONS, {}).items():
            self._index(doc["id"], doc["article_id"], int(key))
        self._history_ids = sorted(int(k) for k in self.storage.read().get(HISTORY, {}))

    def _index(self, ann_id: str, article_id: str, doc_id: int) -> None:
        self._doc_ids[ann_id] = doc_id
        self._by_article.setdefault(article_id, set()).add(ann_id)

    def _unindex(self, ann_id: str, article_id: str) -> None:
        self._doc_ids.pop(ann_id, None)
        ids = self._by_article.get(article_id)
        if ids is not None:
            ids.discard(ann_id)
            if not ids:
                del self._by_article[article_id]

    # ------------------------------------------------------------ lifecycle

    def close(self) -> None:
        with self._mutex:
            if self._storage_obj is None:
                return
            try:
                self._db.close()
            except StorageError as exc:
                raise StoreError(f"{exc}. Your changes are safe in the journal beside it.") from None
            finally:
                self._storage_obj = None
                self._lock.release()

    def __enter__(self) -> "AnnotationStore":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------ reading

    def _raw(self, ann_id: str) -> dict[str, Any] | None:
        doc_id = self._doc_ids.get(ann_id)
        return None if doc_id is None else self.storage.read()[ANNOTATIONS].get(str(doc_id))

    def get(self, ann_id: str) -> Annotation | None:
        with self._mutex:
            doc = self._raw(ann_id)
            return None if doc is None else Annotation.from_doc(doc)

    def for_article(self, article_id: str) -> list[Annotation]:
        with self._mutex:
            docs = [self._raw(a) for a in self._by_article.get(article_id, ())]
        anns = [Annotation.from_doc(d) for d in docs if d is not None]
        return sorted(anns, key=lambda a: (a.start, a.end, a.created, a.id))

    def all(self) -> list[Annotation]:
        with self._mutex:
            docs = list(self.storage.read().get(ANNOTATIONS, {}).values())
        anns = [Annotation.from_doc(d) for d in docs]
        return sorted(anns, key=lambda a: (a.article_id, a.start, a.end, a.created, a.id))

    def __len__(self) -> int:
        return len(self._doc_ids)

    def counts(self) -> dict[str, dict[str, int]]:
        out: dict[str, dict[str, int]] = {}
        with self._mutex:
            for doc in self.storage.read().get(ANNOTATIONS, {}).values():
                per = out.setdefault(doc["article_id"], {})
                per[doc["label"]] = per.get(doc["label"], 0) + 1
        return out

    def article_ids(self) -> list[str]:
        with self._mutex:
            return sorted(self._by_article)

    # ------------------------------------------------------------ re-anchoring

    def reanchor(self, article: Article) -> ReanchorReport:
        """Place this article's annotations on its current text. Call it when an article
        is loaded. Unmoved text keeps its offsets; moved text is found again by its quote
        and context when that is unambiguous; otherwise the annotation is flagged orphaned."""
        report = ReanchorReport(article.id)
        with self._mutex, self.storage.transaction():
            self._articles[article.id] = article
            for ann_id in sorted(self._by_article.get(article.id, ())):
                doc = self._raw(ann_id)
                if doc is None:
                    continue
                if doc["article_sha256"] == article.sha256 and not doc["orphaned"]:
                    report.unchanged += 1
                    continue
                start = locate(article.text, doc["text"], doc["before"], doc["after"], doc["start"])
                if start is None:
                    if not doc["orphaned"]:
                        self._patch(ann_id, {"orphaned": True})
                        report.orphaned.append(Annotation.from_doc(self._raw(ann_id) or doc))
                    continue
                end = start + len(doc["text"])
                before, after = context_of(article.text, start, end, CONTEXT_CHARS)
                was_orphaned, moved = doc["orphaned"], start != doc["start"]
                self._patch(ann_id, {"start": start, "end": end, "before": before, "after": after,
                                     "article_sha256": article.sha256, "orphaned": False})  # fmt: skip
                ann = Annotation.from_doc(self._raw(ann_id) or doc)
                if was_orphaned:
                    report.restored.append(ann)
                elif moved:
                    report.moved.append(ann)
                else:
                    report.unchanged += 1
        return report

    # ------------------------------------------------------------ low-level writes

    def _put(self, doc: dict[str, Any]) -> None:
        from tinydb.table import Document

        old = self._doc_ids.get(doc["id"])
        if old is not None:
            self._ann.remove(doc_ids=[old])
            self._unindex(doc["id"], doc["article_id"])
        doc_id = self._ann.insert(Document(doc, doc_id=old) if old is not None else doc)
        self._index(doc["id"], doc["article_id"], doc_id)

    def _drop(self, ann_id: str) -> None:
        doc = self._raw(ann_id)
        if doc is None:
            return
        self._ann.remove(doc_ids=[self._doc_ids[ann_id]])
        self._unindex(ann_id, doc["article_id"])

    def _patch(self, ann_id: str, fields: dict[str, Any]) -> None:
        doc_id = self._doc_ids.get(ann_id)
        if doc_id is not None:
            self._ann.update(fields, doc_ids=[doc_id])
