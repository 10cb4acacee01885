"""ArticleScreen: read one article, move a passage cursor, tag passages.

The screen owns the workers (loading, analysis, the annotation store) and the key
bindings; the ArticleView shows, the AnnotationPanel lists, the SearchBar asks. Store
calls run one at a time, in order, in a thread (AnnotationOps); the screen updates the
view at once (optimistic) and reverts with a message if the store refuses.

Opening is one frame (article_load.py reads the article while the screen is made). What
that frame does not need comes after it: the side panel's Tree, the search bar (on the
first `/`), the wrap of the rest of a long article. The screen is made once (`open`): the
library's later enters read the article into it while it is off the stack, then push it,
and ] and [ read the next one into it in place; either way it starts afresh.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Static
from textual.worker import Worker

from reader.core.models import Analysis, Article, ArticleInfo
from reader.core.text import one_line
from reader.ui import heap
from reader.ui.frames import PromptFrames
from reader.ui.screens.article_load import ArticleLoading
from reader.ui.screens.article_ops import AnnotationOps, OpDone
from reader.ui.screens.article_reuse import ShownAgain
from reader.ui.screens.search import SearchBar
from reader.ui.widgets.annotation_panel import AnnotationPanel
from reader.ui.widgets.article_view import ArticleView
from reader.ui.widgets.footer import KeysFooter
from reader.ui.widgets.legend import EntityFilterDialog, Legend

NARROW = 100  # below this many columns the side panel folds away by itself


class ArticleScreen(PromptFrames, ShownAgain, ArticleLoading, Screen[None]):
    BINDINGS = [
        Binding("j,down", "move(1)", "Next sentence", show=False, id="article.next"),
        Binding("k,up", "move(-1)", "Previous sentence", show=False, id="article.prev"),
        Binding("J,pagedown", "paragraph(1)", "Next paragraph", show=False, id="article.next_paragraph"),
        Binding("K,pageup", "paragraph(-1)", "Previous paragraph", show=False, id="article.prev_paragraph"),
        Binding("g,home", "edge(False)", "First sentence", show=False, id="article.first"),
        Binding("G,end", "edge(True)", "Last sentence", show=False, id="article.last"),
        Binding("shift+down", "extend(True)", "Extend by sentence", show=False, id="article.extend_down"),
        Binding("shift+up", "extend(False)", "Shrink/extend up by sentence", show=False, id="article.extend_up"),
        Binding("shift+right", "extend_word(True)", "Extend by word", show=False, id="article.extend_right"),
        Binding("shift+left", "extend_word(False)", "Shrink/extend left by word", show=False, id="article.extend_left"),
        Binding("x", "remove", "Remove annotation", show=False, id="article.remove"),
        Binding("u", "undo", "Undo", show=False, id="article.undo"),
        Binding("ctrl+y", "redo", "Redo", show=False, id="article.redo"),
        Binding("n", "note", "Note", show=False, id="article.note"),
        Binding("l", "link", "Link to claim", show=False, id="article.link"),
        Binding("right_square_bracket", "next_article(1)", "Next article", id="article.next_article"),
        Binding("left_square_bracket", "next_article(-1)", "Prev article", id="article.prev_article"),
        Binding("slash", "search", "Search", show=False, id="article.search"),
        Binding("b", "fold", "Fold boilerplate", show=False, id="article.fold"),
        Binding("E", "entities", "Entity labels", show=False, id="article.entities"),
        Binding("p", "panel", "Side panel", show=False, id="article.panel"),
        Binding("escape", "back", "Back", show=False, id="article.back"),
    ]

    def __init__(self, info: ArticleInfo) -> None:
        super().__init__()
        self.info = info
        self.article: Article | None = None
        self.analysis: Analysis | None = None
        self.ops = AnnotationOps(self)
        self._panel_forced: bool | None = None  # None: follow the width
        self._label_keys: dict[str, str] = {}
        self._status = ""
        self._reopening = False  # the library opened another article: reading it
        self._settled = False  # heap.settle() after the kept screen's first frame
        self._whole_frame_due = False  # shown again: the next layout's frame paints it whole
        self._made: dict[str, Any] = {}  # the widgets compose made, by name (see _part)
        self._gc_hold: object | None = None  # no automatic collection until the first frame (heap.hold)
        taken = {k for b in self.BINDINGS for k in b.key.split(",")} | {"q", "e", "t", "question_mark"}
        for spec in self.app_settings_labels():
            if spec.key in taken:
                continue
            taken.add(spec.key)
            self._label_keys[spec.name] = spec.key
            self._bindings.key_to_bindings.setdefault(spec.key, []).append(
                Binding(spec.key, f"label('{spec.name}')", f"Tag {spec.name}", id=f"article.label.{spec.name}")
            )
        self._init_loading()

    def app_settings_labels(self) -> tuple[Any, ...]:
        from reader.config import DEFAULT_LABELS

        try:
            return tuple(self.app.settings.labels)
        except Exception:  # not attached to a ReaderApp (tests of the widget alone)
            return DEFAULT_LABELS

    # ------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        self._start_reading()
        made = self._made
        yield made.setdefault("title", Static(self._title(), id="article-title", markup=False))
        yield made.setdefault("legend", Legend(id="legend"))
        with Horizontal(id="article-body"):
            yield made.setdefault("view", ArticleView(id="article-view"))
            yield made.setdefault("panel", AnnotationPanel(id="article-panel"))
        yield made.setdefault("status", Static("loading…", id="article-status", markup=False))
        yield KeysFooter()

    def _part(self, name: str, selector: Any) -> Any:
        """A widget compose made (kept: an open asks for them often, a DOM query each time
        cost more than the rest of the status line's update)."""
        part = self._made.get(name)
        return part if part is not None else self.query_one(selector)

    @property
    def status_line(self) -> Static:
        return self._part("status", "#article-status")

    @property
    def title_line(self) -> Static:
        return self._part("title", "#article-title")

    @property
    def legend(self) -> Legend:
        return self._part("legend", Legend)

    def _title(self) -> str:
        source = f"  · {one_line(self.info.source, 40)}" if self.info.source else ""
        return f"{one_line(self.info.title, 160)}{source}"

    @property
    def view(self) -> ArticleView:
        return self._part("view", ArticleView)

    @property
    def panel(self) -> AnnotationPanel:
        return self._part("panel", AnnotationPanel)

    @property
    def search_bar(self) -> SearchBar | None:
        """The search bar, once `/` has made it."""
        return self._made.get("search")  # type: ignore[return-value]

    async def on_mount(self) -> None:
        self._css_update_count = self.app._css_update_count  # styled as it mounts (see on_screen_resume)
        self.view.focus()
        self.panel.set_class(not self._panel_wanted(self.app.size.width), "-hidden")  # before the first layout
        await self._wait_for_article()
        skipped = [s.name for s in self.app_settings_labels() if s.name not in self._label_keys]
        if skipped:
            self.notify(f"Labels {', '.join(skipped)}: their keys clash with other keys; change them in the config.",
                        severity="warning")  # fmt: skip
        self.call_after_refresh(self._after_first_frame)

    def _after_first_frame(self) -> None:
        if self._gc_hold is not None:
            heap.release(self._gc_hold)
            self._gc_hold = None
        if not self.panel.has_class("-hidden"):
            self.panel.build()
        if not self._settled and self is getattr(self.app, "_article_screen", None):
            self._settled = True
            heap.settle()  # once: the kept screen's widgets stay (see reader.ui.heap)

    def _panel_wanted(self, width: int) -> bool:
        return self._panel_forced if self._panel_forced is not None else width >= NARROW

    def on_resize(self) -> None:
        self.show_panel(self._panel_wanted(self.size.width))

    def show_panel(self, show: bool) -> None:
        panel = self.panel
        panel.set_class(not show, "-hidden")
        if show:
            panel.build()
            panel.flush()

    def on_op_done(self, message: OpDone) -> None:
        (message.ops or self.ops).done(message)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        report = getattr(self.app, "report_worker_error", None)
        if report is not None:
            report(event)

    # ------------------------------------------------------------ status line

    @on(ArticleView.CursorMoved)
    def update_status(self) -> None:
        view = self.view
        if not view.nav:
            return
        parts = [f"sentence {view.cursor + 1}/{len(view.nav)}"]
        if self.analysis is None:
            parts.append("analysing… (entities and quotations follow)")
        here = self.ops.under_cursor()
        for ann in here[:2]:
            note = f" — note: {one_line(ann.note, 60)}" if getattr(ann, "note", "") else ""
            links = f" ↔ {len(ann.links)} link(s)" if getattr(ann, "links", ()) else ""
            parts.append(f"{ann.label}{note}{links}")
        if view.selection:
            parts.append(f"selected {view.selection[1] - view.selection[0]} chars")
        status = " · ".join(parts)
        if status != self._status:  # CursorMoved repeats what the key's action already showed
            self._status = status
            self.status_line.update(status, layout=False)  # fixed height: no reflow

    # ------------------------------------------------------------ navigation actions

    # The status line is updated here, with the view, so both are in the key's frame
    # (CursorMoved would update it a message later: often a frame later).

    def action_move(self, delta: int) -> None:
        self.view.move(delta)
        self.update_status()

    def action_paragraph(self, delta: int) -> None:
        self.view.move_paragraph(delta)
        self.update_status()

    def action_edge(self, end: bool) -> None:
        self.view.move_to_edge(end)
        self.update_status()

    def action_extend(self, forward: bool) -> None:
        self.view.extend_sentence(forward)
        self.update_status()

    def action_extend_word(self, forward: bool) -> None:
        self.view.extend_word(forward)
        self.update_status()

    def action_fold(self) -> None:
        self.view.toggle_fold()
        if not self.view.boilerplate:
            self.notify("No boilerplate found in this article." if self.analysis else "Boilerplate is known once the analysis is done.", timeout=3)

    def action_panel(self) -> None:
        self._panel_forced = self.panel.has_class("-hidden")
        self.show_panel(self._panel_forced)

    def action_entities(self) -> None:
        labels = self.view.entity_labels()
        if not labels:
            self.notify("No entities yet (the analysis may still be running).", timeout=3)
            return

        def done(hidden: set[str] | None) -> None:
            if hidden is not None:
                self.view.set_hidden_entities(hidden)
                self.legend_update()

        self.app.push_screen(EntityFilterDialog(labels, self.view.hidden_entities), done)

    async def action_next_article(self, step: int) -> None:
        ids = list(self.app.article_ids_in_order()) if hasattr(self.app, "article_ids_in_order") else []
        if self.info.id not in ids:
            self.notify("This article is not in the library's list.", severity="warning")
            return
        i = ids.index(self.info.id) + step
        if not 0 <= i < len(ids):
            self.notify("This is the last article." if step > 0 else "This is the first article.", timeout=2)
            return
        info = self.app.listing.by_id(ids[i])
        if info is not None:
            await self.show_article(info)

    async def show_article(self, info: ArticleInfo) -> None:
        """Another article in this screen (] and [), as a new screen would show it but
        without building one: read it, wait briefly, then change everything in one frame."""
        self._hold_gc()
        self._begin_read(info)
        await self._wait_for_read()
        self._forget_article(info)
        self._show_read()

    def _forget_article(self, info: ArticleInfo) -> None:
        """Everything of the last article back to what a new screen has, for `info`."""
        self.info, self.article, self.analysis = info, None, None
        self.ops = AnnotationOps(self)  # the old one finishes its store calls on its own
        self._status, self._panel_forced = "", None
        self.title_line.update(self._title(), layout=False)  # fixed height
        bar = self.search_bar
        if bar is not None and bar.is_open:
            bar.close()
        self.view.clear()
        self.panel.clear()
        self.panel.set_class(not self._panel_wanted(self.app.size.width), "-hidden")
        self.status_line.update("loading…", layout=False)

    def _show_read(self) -> None:
        if self._read is not None:
            self._apply_read(self._read)
        self.view.focus()
        self.call_after_refresh(self._after_first_frame)

    def action_back(self) -> None:
        bar = self.search_bar
        if (bar is not None and bar.is_open) or self.view.matches:
            self._close_search()
        elif not self.view.clear_selection():
            self.app.pop_screen()

    def on_annotation_panel_jump(self, message: AnnotationPanel.Jump) -> None:
        offsets, here = message.offsets, self.view.cursor_span.start
        i = bisect_right(offsets, here)
        self.view.jump_to(offsets[i] if i < len(offsets) else offsets[0])
        self.view.focus()

    # ------------------------------------------------------------ search

    async def action_search(self) -> None:
        bar = self.search_bar
        if bar is None:  # made on first use: the first frame does without it
            bar = self._made["search"] = SearchBar(id="search-bar")
            await self.mount(bar, before="#article-status")
        bar.open()

    @on(SearchBar.Changed)
    def _search_changed(self, message: SearchBar.Changed) -> None:
        count = self.view.search(message.query)
        if self.search_bar is not None:
            self.search_bar.show_count(count if message.query else None)

    @on(SearchBar.Step)
    def _search_step(self, message: SearchBar.Step) -> None:
        i = self.view.next_match(message.forward)
        if i is not None and self.search_bar is not None:
            self.search_bar.show_count(len(self.view.matches), i)

    @on(SearchBar.Closed)
    def _close_search(self) -> None:
        if self.search_bar is not None:
            self.search_bar.close()
        self.view.search("")
        self.view.focus()

    # ------------------------------------------------------------ annotation actions

    def action_label(self, name: str) -> None:
        self.ops.tag(name)

    def action_remove(self) -> None:
        self.ops.remove()

    def action_undo(self) -> None:
        self.ops.undo(redo=False)

    def action_redo(self) -> None:
        self.ops.undo(redo=True)

    def action_note(self) -> None:
        self.ops.edit_note()

    def action_link(self) -> None:
        self.ops.link()
