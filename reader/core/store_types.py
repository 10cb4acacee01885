"""Plain types of the annotation store: `Annotation`, `ReanchorReport` and the errors,
whose str() is a message for the user (which file, what is wrong, what to do)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from reader.core.models import Span
from reader.core.storage import StorageCorrupt

SCHEMA = 1
CONTEXT_CHARS = 40  # context kept on each side of an annotation, to re-anchor it
ANNOTATIONS = "annotations"
HISTORY = "history"

FIELDS: dict[str, type | tuple[type, ...]] = {
    "id": str, "article_id": str, "article_sha256": str, "start": int, "end": int, "label": str,
    "text": str, "before": str, "after": str, "note": str, "links": list, "annotator": str,
    "created": str, "updated": str, "orphaned": bool, "schema": int,
}  # fmt: skip


class StoreError(Exception):
    """A problem with the annotation database; str() is a message for the user."""


class StoreLocked(StoreError):
    def __init__(self, path: Path, holder: str) -> None:
        super().__init__(
            f"{path} is in use by another reader ({holder or 'unknown process'}). Close that one first, "
            f"or open this one read-only (--read-only) to look without changing anything."
        )
        self.path = path
        self.holder = holder


class StoreCorrupt(StoreError):
    def __init__(self, path: Path, reason: str, kept_copy: Path, hint: str = "") -> None:
        super().__init__(
            f"{path}: the annotation database cannot be used: {reason}. Nothing has been changed or "
            f"overwritten; an untouched copy is at {kept_copy}.{hint}"
        )
        self.path = path
        self.reason = reason
        self.kept_copy = kept_copy


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


@dataclass(frozen=True, slots=True)
class Annotation:
    id: str
    article_id: str
    article_sha256: str
    start: int
    end: int
    label: str
    text: str
    before: str
    after: str
    note: str
    links: tuple[str, ...]
    annotator: str
    created: str
    updated: str
    orphaned: bool
    schema: int = SCHEMA

    @property
    def span(self) -> Span:
        return Span(self.start, self.end, self.label)

    @classmethod
    def from_doc(cls, doc: dict[str, Any]) -> "Annotation":
        return cls(**{k: doc[k] for k in FIELDS if k != "links"}, links=tuple(doc["links"]))

    def to_doc(self) -> dict[str, Any]:
        doc = {k: getattr(self, k) for k in FIELDS}
        doc["links"] = list(self.links)
        return doc


@dataclass
class ReanchorReport:
    article_id: str
    unchanged: int = 0
    moved: list[Annotation] = field(default_factory=list)  # re-anchored to new offsets
    restored: list[Annotation] = field(default_factory=list)  # were orphaned, found again
    orphaned: list[Annotation] = field(default_factory=list)  # could not be placed: kept, flagged

    @property
    def changed(self) -> bool:
        return bool(self.moved or self.restored or self.orphaned)


def validate_doc(doc: Any) -> str | None:
    """What is wrong with a stored annotation, or None."""
    if not isinstance(doc, dict):
        return "not an object"
    for name, kind in FIELDS.items():
        value = doc.get(name)
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            return f"field {name!r} is missing or not a {getattr(kind, '__name__', kind)}"
    if not 0 <= doc["start"] < doc["end"]:
        return f"bad offsets {doc['start']}..{doc['end']}"
    if not all(isinstance(x, str) for x in doc["links"]):
        return "field 'links' must list annotation ids"
    return None


def validate_db(data: dict[str, dict[str, Any]]) -> None:
    for key, doc in data.get(ANNOTATIONS, {}).items():
        problem = validate_doc(doc)
        if problem:
            raise StorageCorrupt(Path("?"), f"annotation #{key}: {problem}")
    for key, doc in data.get(HISTORY, {}).items():
        if not isinstance(doc.get("desc"), str) or not isinstance(doc.get("ch"), list) or not isinstance(doc.get("undone"), bool):
            raise StorageCorrupt(Path("?"), f"history entry #{key} is malformed")
