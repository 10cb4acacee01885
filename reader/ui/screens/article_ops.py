"""AnnotationOps: the article screen's annotation commands, against the store.

Every store call runs in one thread worker, one at a time and in order, so a burst of
keys is saved in the order it was typed. Each command changes the screen at once
(optimistic): its `overlay` is applied to what the store returns until the call is
done; if the store refuses, the overlay is dropped (the screen shows the store's truth
again) and the user is told what happened and what to do.
"""

from __future__ import annotations

import itertools
import threading
from collections import deque
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Callable

from textual.message import Message

from reader.core.text import one_line
from reader.ui import messages as m
from reader.ui.layout import SpanIndex
from reader.ui.screens.link_dialog import ClaimChoice, LinkDialog
from reader.ui.screens.note_dialog import NoteDialog

if TYPE_CHECKING:
    from reader.ui.screens.article import ArticleScreen

Overlay = Callable[[list[Any]], list[Any]]


@dataclass(frozen=True)
class Pending:
    """An annotation shown before the store has confirmed it."""

    id: str
    article_id: str
    start: int
    end: int
    label: str
    text: str
    note: str = ""
    links: tuple[str, ...] = ()
    orphaned: bool = False
    created: str = "~"  # sorts after every real timestamp: the latest


@dataclass
class OpDone(Message):
    """A store call finished (posted from the store thread to the screen)."""

    op: int
    what: str
    result: Any
    error: str | None
    fresh: list[Any] | None  # this article's annotations after the call
    ops: "AnnotationOps | None" = None  # the ops that made the call (the screen may have moved on)


@dataclass
class _Job:
    op: int
    what: str
    call: Callable[[], Any]
    overlay: Overlay | None = None
    after: Callable[[Any], None] | None = None
    article_id: str = ""
    changes: bool = True


class AnnotationOps:
    def __init__(self, screen: "ArticleScreen") -> None:
        self.screen = screen
        self.items: list[Any] = []  # this article's annotations, as the store last said
        self.shown: list[Any] = []  # items with the waiting commands' overlays applied
        self._placed = SpanIndex()  # shown, less the orphaned, by offset
        self._queue: deque[_Job] = deque()
        self._lock = threading.Lock()
        self._waiting: dict[int, _Job] = {}
        self._real: dict[str, str] = {}  # pending id -> store id (written by the store thread)
        self._ids = itertools.count()
        self._running = False

    # ------------------------------------------------------------ plumbing

    @property
    def store(self) -> Any:
        return getattr(self.screen.app, "store", None)

    def _why_not_writable(self) -> str | None:
        store = self.store
        if store is None:
            why = getattr(self.screen.app, "store_message", None) or "the annotation database is not open"
            return f"read-only: {why}. Nothing can be tagged until it opens."
        if getattr(store, "read_only", False):
            return "read-only: the annotation database was opened read-only (--read-only, or another reader holds it). Tags are not saved."
        return None

    def _submit(self, what: str, call: Callable[[], Any], overlay: Overlay | None = None,
                after: Callable[[Any], None] | None = None, changes: bool = True) -> None:  # fmt: skip
        article = self.screen.article
        job = _Job(next(self._ids), what, call, overlay, after, article.id if article else "", changes)
        self._waiting[job.op] = job
        with self._lock:
            self._queue.append(job)
            start, self._running = not self._running, True
        if overlay is not None:
            self._show()
        if start:
            self.screen.run_worker(self._loop, thread=True, group="store-ops", exit_on_error=False)

    def _loop(self) -> None:
        """The store thread: runs queued calls in order until the queue is empty (even
        when the screen is closing, so no typed tag is lost), then ends."""
        app, screen = self.screen.app, self.screen
        while True:
            with self._lock:
                if not self._queue:
                    self._running = False
                    return
                job = self._queue.popleft()
            result, error, fresh = None, None, None
            try:
                result = job.call()
            except Exception as exc:  # StoreError and friends: str() is for the user
                error = str(exc) or type(exc).__name__
            store = self.store
            if store is not None and job.article_id:
                try:
                    fresh = store.for_article(job.article_id)
                except Exception:
                    fresh = None
            if screen.is_attached:
                screen.post_message(OpDone(job.op, job.what, result, error, fresh, self))
            elif error:
                app.call_from_thread(app.notify, f"{job.what}: {error}", title="Not saved", severity="error", timeout=20)
            if error is None and job.changes and job.article_id:
                app.post_message(m.AnnotationsChanged(job.article_id))

    def done(self, message: OpDone) -> None:
        job = self._waiting.pop(message.op, None)
        if message.error:
            db = getattr(getattr(self.screen.app, "settings", None), "db_path", "the database")
            self.screen.notify(
                f"{message.what} was not saved: {message.error}\nThe screen shows what is saved. "
                f"Check that {db} is writable and not full, then try again.",
                title="Not saved", severity="error", timeout=20,
            )  # fmt: skip
        if self is not self.screen.ops:  # the screen shows another article now (] or [)
            return
        if message.fresh is not None:
            self.items = list(message.fresh)
        self._show()
        if job is not None and job.after is not None and message.error is None:
            job.after(message.result)

    def _show(self) -> None:
        items = list(self.items)
        for job in self._waiting.values():
            if job.overlay is not None:
                items = job.overlay(items)
        self.shown = items
        self._placed = SpanIndex(a for a in items if not getattr(a, "orphaned", False))
        screen = self.screen
        screen.view.set_annotations(items)
        if screen.article is not None:
            screen.panel.show_annotations(items, screen.article.text)
        screen.update_status()

    def _real_id(self, ann_id: str) -> str:
        return self._real.get(ann_id, ann_id)

    # ------------------------------------------------------------ queries

    def under_cursor(self) -> list[Any]:
        """Annotations under the selection or the cursor: innermost (then latest) first."""
        target = self.screen.view.target()
        if target is None:
            return []
        hits = self._placed.overlapping(*target)  # by bisection: this runs on every cursor move
        hits.sort(key=lambda a: getattr(a, "created", ""), reverse=True)
        hits.sort(key=lambda a: a.end - a.start)
        return hits

    # ------------------------------------------------------------ commands

    def reload(self, reanchor: bool = False) -> None:
        store, article = self.store, self.screen.article
        if store is None or article is None:
            return
        if reanchor:
            self._submit("re-anchoring", lambda: store.reanchor(article), after=self._reanchored, changes=False)
        else:
            self._submit("reload", lambda: None, changes=False)

    def loaded(self, annotations: list[Any], report: Any) -> None:
        """The article's annotations, read with the article (no store trip of our own)."""
        self.items = list(annotations)
        self._show()
        if report is not None:
            self._reanchored(report)

    def _reanchored(self, report: Any) -> None:
        moved = len(getattr(report, "moved", ())) + len(getattr(report, "restored", ()))
        orphaned = len(getattr(report, "orphaned", ()))
        if moved:
            self.screen.notify(f"The article text changed: {moved} annotation(s) were moved to follow their text.", timeout=8)
        if orphaned:
            self.screen.notify(
                f"{orphaned} annotation(s) could not be placed on the changed text; they are kept and marked ⚠ in the side panel.",
                severity="warning", timeout=15,
            )  # fmt: skip

    def tag(self, label: str) -> None:
        screen, view = self.screen, self.screen.view
        why = self._why_not_writable()
        if why:
            screen.notify(why, severity="warning", timeout=8)
            return
        target, article = view.target(), screen.article
        if target is None or article is None:
            screen.notify("Nothing to tag here.", timeout=3)
            return
        start, end = target
        if any(a.start == start and a.end == end and a.label == label for a in self.shown):
            screen.notify(f"Already tagged as {label} (x removes it).", timeout=3)
            return
        pending = Pending(f"pending-{next(self._ids)}", article.id, start, end, label, article.text[start:end])
        store = self.store

        def call() -> Any:
            ann = store.add(article, start, end, label)
            self._real[pending.id] = ann.id
            return ann

        self._submit(f"Tag {label}", call, overlay=lambda items: items + [pending])
        view.clear_selection()

    def remove(self) -> None:
        why = self._why_not_writable()
        hits = self.under_cursor()
        if why or not hits:
            self.screen.notify(why or "No annotation under the cursor.", severity="warning" if why else "information", timeout=4)
            return
        ann_id = hits[0].id
        store = self.store
        gone = lambda items: [a for a in items if a.id not in (ann_id, self._real.get(ann_id))]  # noqa: E731
        self._submit(f"Remove {hits[0].label}", lambda: store.remove(self._real_id(ann_id)), overlay=gone)

    def undo(self, redo: bool) -> None:
        why = self._why_not_writable()
        if why:
            self.screen.notify(why, severity="warning", timeout=6)
            return
        store = self.store

        def told(desc: str | None) -> None:
            word = "Redone" if redo else "Undone"
            self.screen.notify(f"{word}: {desc}" if desc else f"Nothing to {'redo' if redo else 'undo'}.", timeout=3)

        self._submit("Redo" if redo else "Undo", store.redo if redo else store.undo, after=told)

    def _one_under_cursor(self, what: str) -> Any | None:
        hits = self.under_cursor()
        why = self._why_not_writable()
        if why or not hits:
            self.screen.notify(why or f"Put the cursor on an annotation to {what} (tag one first: c, r).",
                               severity="warning" if why else "information", timeout=5)  # fmt: skip
            return None
        return hits[0]

    def edit_note(self) -> None:
        ann = self._one_under_cursor("add a note")
        if ann is None:
            return
        store = self.store

        def save(note: str | None) -> None:
            if note is None or note == ann.note:
                return
            overlay = lambda items: [replace(a, note=note) if a.id == ann.id else a for a in items]  # noqa: E731
            self._submit("Note", lambda: store.set_note(self._real_id(ann.id), note), overlay=overlay)

        self.screen.app.push_screen(NoteDialog(ann.text, ann.note, ann.label), save)

    def link(self) -> None:
        ann = self._one_under_cursor("link it to a claim")
        if ann is None:
            return
        if ann.label == "claim":
            rebuttals = [a for a in self.under_cursor() if a.label != "claim"]
            if not rebuttals:
                self.screen.notify("This is a claim: link from the rebuttal that answers it.", timeout=5)
                return
            ann = rebuttals[0]
        store = self.store
        self._submit("Read claims", lambda: [a for a in store.all() if a.label == "claim"],
                     after=lambda claims: self._choose_claim(ann, claims), changes=False)  # fmt: skip

    def _choose_claim(self, ann: Any, claims: list[Any]) -> None:
        listing = getattr(self.screen.app, "listing", None)
        current = next((a for a in self.shown if a.id == ann.id), ann)

        def title(article_id: str) -> str:
            info = listing.by_id(article_id) if listing is not None else None
            return info.title if info is not None else article_id

        here = self.screen.info.id
        claims.sort(key=lambda c: (c.article_id != here, title(c.article_id), c.start))
        choices = [ClaimChoice(c.id, title(c.article_id), c.text, c.id in current.links) for c in claims]
        store = self.store

        def chosen(target: str | None) -> None:
            if target is None:
                return
            if target in current.links:
                self._submit("Unlink", lambda: store.unlink(self._real_id(ann.id), target))
            else:
                self._submit("Link", lambda: store.link(self._real_id(ann.id), target))
            claim = next((c for c in claims if c.id == target), None)
            verb = "Unlinked from" if target in current.links else "Linked to"
            self.screen.notify(f"{verb}: {one_line(claim.text if claim else target, 80)}", timeout=4)

        self.screen.app.push_screen(LinkDialog(ann.text, choices), chosen)
