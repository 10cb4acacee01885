"""ReaderApp: the shell. Themes, key map, start-up workers, and message routing."""

from __future__ import annotations

import threading
from contextlib import suppress
from dataclasses import replace
from pathlib import Path
from typing import Any, Callable

from textual import on
from textual.app import App
from textual.binding import Binding
from textual.message import Message
from textual.worker import Worker, WorkerState

from reader.config import Settings
from reader.core.corpus import Listing
from reader.ui import heap, theming
from reader.ui import messages as m
from reader.ui.commands import ReaderCommands
from reader.ui.launch import BackgroundWork
from reader.ui.screens.library import LibraryScreen

STYLES = Path(__file__).parent / "styles"
STATES = {m.AnalysisReady: "done", m.AnalysisStarted: "analysing", m.AnalysisFailed: "error"}


class ReaderApp(theming.ThemesMixin, BackgroundWork, App[None]):
    TITLE = "reader"
    CSS_PATH = sorted(STYLES.glob("*.tcss"))
    COMMANDS = App.COMMANDS | {ReaderCommands}
    BINDINGS = [
        Binding("q", "quit", "Quit", id="quit", show=False),
        Binding("question_mark", "help", "Help", id="help"),
        Binding("t", "next_theme", "Next theme", id="theme", show=False),
        Binding("e", "export", "Export", id="export"),
    ]

    def __init__(self, settings: Settings, *, nlp_loader: Callable[[], Any] | None = None) -> None:
        self.settings = settings
        self.nlp_loader = nlp_loader
        self.listing = Listing(root=settings.corpus)
        self.listed = False
        self._analysed: Listing | None = None
        self.store: Any = None  # AnnotationStore once opened
        self.store_message: str | None = None
        self._analyzer: Any = None
        self._analyzer_lock = threading.Lock()  # A's screens may ask for it too
        self.analyses: dict[str, Any] = {}
        self.analysis_state: dict[str, str] = {}
        self.model_ready = False
        self.model_error: str | None = None
        self.last_export: Any = None  # the export dialog's last ExportRequest
        self._article_screen: Any = None  # made on the first open, then shown again
        super().__init__()
        self.install_themes(settings)
        self.library = LibraryScreen()

    def on_mount(self) -> None:
        self.set_keymap(dict(self.settings.keymap))
        self.report_theme_problems()
        self.push_screen(self.library)
        self.list_articles()
        self.open_annotations()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        self.report_worker_error(event)

    def report_worker_error(self, event: Worker.StateChanged) -> None:
        """The one place worker failures become notifications (screens call it too)."""
        if event.state == WorkerState.ERROR:
            where = event.worker.name or event.worker.group
            self.notify(str(event.worker.error), title=f"{where} failed", severity="error", timeout=15)

    def on_unmount(self) -> None:
        if self.store is not None:
            with suppress(Exception):  # a failed compaction loses nothing: the journal stays
                self.store.close()  # releases the lock for the next reader

    # ------------------------------------------------------------ routing

    def forward(self, message: Message, *, screen: bool = True) -> None:
        """A copy to the library and (screen=True) to every screen on the stack: the
        article screen under a help or export dialog must not miss its analysis."""
        targets = {self.library} | (set(self.screen_stack) if screen else set())
        for target in targets:
            if target.is_attached:
                target.post_message(replace(message))

    def on_corpus_listed(self, message: m.CorpusListed) -> None:
        self.listing, self.listed = message.listing, True
        self.analysis_state = {info.id: "pending" for info in message.listing.articles}
        self.forward(message, screen=False)  # the library paints it, then calls start_analysis

    @on(m.AnalysisReady)
    @on(m.AnalysisStarted)
    @on(m.AnalysisFailed)
    def _analysis_step(self, message: m.AnalysisReady | m.AnalysisStarted | m.AnalysisFailed) -> None:
        self.analysis_state[message.article_id] = STATES[type(message)]
        if isinstance(message, m.AnalysisReady):
            self.analyses[message.article_id] = message.analysis
        self.forward(message, screen=not isinstance(message, m.AnalysisStarted))

    def on_model_ready(self, message: m.ModelReady) -> None:
        self.model_ready = True
        heap.settle()  # the model stays: full collections no longer walk it
        self.forward(message)

    def on_model_failed(self, message: m.ModelFailed) -> None:
        self.model_error = message.message
        hint = "Articles can still be read and tagged, without entities and quotations."
        self.notify(f"{message.message}\n{hint}", title="spaCy model", severity="error", timeout=20)
        self.forward(message)

    @on(m.AnalysisProgress)
    @on(m.CountsReady)
    @on(m.StoreOpened)
    def _to_library(self, message: Message) -> None:
        self.forward(message, screen=isinstance(message, m.StoreOpened))

    def on_annotations_changed(self, message: m.AnnotationsChanged) -> None:
        self.read_counts()

    # ------------------------------------------------------------ actions

    def open_article(self, article_id: str) -> None:
        info = self.listing.by_id(article_id)
        if info is None:
            self.notify(f"No article {article_id!r} in this corpus.", severity="warning")
            return
        from reader.ui.screens.article import ArticleScreen

        ArticleScreen.open(self, info)

    def article_ids_in_order(self) -> list[str]:
        return self.library.ids_in_order()

    def action_help(self) -> None:
        from reader.ui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen.for_screen(self.screen))

    def action_export(self) -> None:
        from reader.ui.screens.export_dialog import ExportDialog, current_article

        if not isinstance(self.screen, ExportDialog):
            labels = [label.name for label in self.settings.labels]
            self.push_screen(ExportDialog(labels, current_article(self.screen), self.last_export))
