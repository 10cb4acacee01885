"""ReaderApp: the shell. Themes, key map, start-up workers, and message routing."""

from __future__ import annotations

import threading
from dataclasses import replace
from pathlib import Path
from typing import Any, Callable

from textual import work
from textual.app import App
from textual.binding import Binding
from textual.message import Message
from textual.worker import Worker, WorkerState, get_current_worker

from reader.config import Settings
from reader.core.corpus import Listing, list_corpus
from reader.ui import messages as m
from reader.ui import theming
from reader.ui.commands import ReaderCommands
from reader.ui.launch import analyse_corpus, make_analyzer, open_store
from reader.ui.screens.library import LibraryScreen

STYLES = Path(__file__).parent / "styles"


class ReaderApp(App[None]):
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
        self._analyzer_lock = threading.Lock()
        self.analyses: dict[str, Any] = {}
        self.analysis_state: dict[str, str] = {}
        self.model_ready = False
        self.model_error: str | None = None
        self.themes = theming.discover(settings.all_themes_dirs)
        super().__init__()
        for theme in self.themes.themes:
            self.register_theme(theme)
        remembered = theming.read_state(settings.state_path).get("theme")
        self.theme, self._theme_warning = theming.choose_theme(settings.theme, remembered, self.available_themes)
        self.library = LibraryScreen()

    @property
    def analyzer(self) -> Any:
        """The Analyzer, created on first use (usually by the analysis worker)."""
        with self._analyzer_lock:
            if self._analyzer is None:
                self._analyzer = make_analyzer(self.settings, self.nlp_loader)
            return self._analyzer

    def get_theme_variable_defaults(self) -> dict[str, str]:
        theme = self.get_theme(getattr(self, "theme", "") or theming.FALLBACK_THEME)
        return theming.variable_defaults(theme.dark if theme else True)

    def on_mount(self) -> None:
        self.set_keymap(dict(self.settings.keymap))
        for problem in filter(None, (self.themes.problem_message(), self._theme_warning)):
            self.notify(problem, title="Themes", severity="warning", timeout=12)
        self.push_screen(self.library)
        self.list_articles()
        self.open_annotations()

    # ------------------------------------------------------------ workers (never touch widgets)

    @work(thread=True, exclusive=True, group="corpus", exit_on_error=False)
    def list_articles(self) -> None:
        self.post_message(m.CorpusListed(list_corpus(self.settings.corpus)))

    @work(thread=True, exclusive=True, group="store", exit_on_error=False)
    def open_annotations(self) -> None:
        outcome = open_store(self.settings)
        self.store, self.store_message = outcome.store, outcome.message
        if outcome.message:
            self.call_from_thread(self.notify, outcome.message, title="Annotations", severity=outcome.severity, timeout=20)
        self.post_message(m.StoreOpened(outcome.read_only))
        self.read_counts()

    @work(thread=True, exclusive=True, group="counts", exit_on_error=False)
    def read_counts(self) -> None:
        if self.store is not None:
            self.post_message(m.CountsReady(self.store.counts()))

    @work(thread=True, exclusive=True, group="analysis", exit_on_error=False)
    def analyse_all(self, infos: list) -> None:
        worker = get_current_worker()
        analyse_corpus(self.analyzer, infos, self.post_message, lambda: worker.is_cancelled)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        self.report_worker_error(event)

    def report_worker_error(self, event: Worker.StateChanged) -> None:
        """The one place worker failures become notifications (screens call it too)."""
        if event.state == WorkerState.ERROR:
            error = event.worker.error
            self.notify(f"{event.worker.name or event.worker.group}: {error}", title="Something went wrong", severity="error", timeout=15)

    # ------------------------------------------------------------ routing

    def forward(self, message: Message, *, screen: bool = True) -> None:
        targets = {self.library} | ({self.screen} if screen else set())
        for target in targets:
            if target.is_attached:
                target.post_message(replace(message))

    def on_corpus_listed(self, message: m.CorpusListed) -> None:
        self.listing, self.listed = message.listing, True
        self.analysis_state = {info.id: "pending" for info in message.listing.articles}
        self.forward(message, screen=False)  # the library paints it, then calls start_analysis

    def start_analysis(self) -> None:
        """Analyse the corpus in the background; called once the library has painted the
        listing, so importing spaCy never delays the first paint."""
        if self.listing.articles and self._analysed is not self.listing:
            self._analysed = self.listing
            self.analyse_all(list(self.listing.articles))

    def on_analysis_ready(self, message: m.AnalysisReady) -> None:
        self.analyses[message.article_id] = message.analysis
        self.analysis_state[message.article_id] = "done"
        self.forward(message)

    def on_analysis_started(self, message: m.AnalysisStarted) -> None:
        self.analysis_state[message.article_id] = "analysing"
        self.forward(message, screen=False)

    def on_analysis_failed(self, message: m.AnalysisFailed) -> None:
        self.analysis_state[message.article_id] = "error"
        self.forward(message)

    def on_model_ready(self, message: m.ModelReady) -> None:
        self.model_ready = True
        self.forward(message)

    def on_model_failed(self, message: m.ModelFailed) -> None:
        self.model_error = message.message
        self.notify(f"{message.message}\nArticles can still be read and tagged, without entities and quotations.", title="spaCy model", severity="error", timeout=20)
        self.forward(message)

    def on_analysis_progress(self, message: m.AnalysisProgress) -> None:
        self.forward(message, screen=False)

    def on_store_opened(self, message: m.StoreOpened) -> None:
        self.forward(message)

    def on_counts_ready(self, message: m.CountsReady) -> None:
        self.forward(message, screen=False)

    def on_annotations_changed(self, message: m.AnnotationsChanged) -> None:
        self.read_counts()

    # ------------------------------------------------------------ actions

    def open_article(self, article_id: str) -> None:
        info = self.listing.by_id(article_id)
        if info is None:
            self.notify(f"No article {article_id!r} in this corpus.", severity="warning")
            return
        from reader.ui.screens.article import ArticleScreen

        self.push_screen(ArticleScreen(info))

    def article_ids_in_order(self) -> list[str]:
        return self.library.ids_in_order()

    def action_next_theme(self) -> None:
        self.theme = theming.next_theme(self.theme, self.themes.names or [theming.FALLBACK_THEME])
        self.notify(f"Theme: {self.theme}", timeout=2)

    def watch_theme(self, old: str, new: str) -> None:
        if self.is_running and old != new:
            self.remember_theme(new)

    @work(thread=True, exclusive=True, group="state", exit_on_error=False)
    def remember_theme(self, name: str) -> None:
        theming.write_state(self.settings.state_path, theme=name)

    def action_help(self) -> None:
        from reader.ui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen.for_screen(self.screen))

    def action_export(self) -> None:
        from reader.ui.screens.export_dialog import ExportDialog

        if not isinstance(self.screen, ExportDialog):
            self.push_screen(ExportDialog())
