"""The article screen's reading: the load thread (the article, its analysis and its
annotations in one trip), the first frame's wait for it, and the analysis when it was
not cached. A mixin of ArticleScreen, which has the widgets these fill in.

Opening is one frame: the load thread starts as the screen is made, and the screen waits
for it (briefly: FIRST_FRAME_WAIT) before its first frame, so that frame shows the whole
article instead of "loading…" followed by a second layout.
"""

from __future__ import annotations

import asyncio
from contextlib import suppress
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from textual import work
from textual.message import Message
from textual.widgets import Static

from reader.core.corpus import ArticleError, load_article
from reader.core.models import Analysis, Article, ArticleInfo, Span
from reader.core.passages import paragraph_spans, sentence_fallback
from reader.ui import messages as m
from reader.ui.widgets.legend import Legend

if TYPE_CHECKING:
    from reader.ui.screens.article_ops import AnnotationOps
    from reader.ui.widgets.annotation_panel import AnnotationPanel
    from reader.ui.widgets.article_view import ArticleView

FIRST_FRAME_WAIT = 0.2  # seconds the first frame waits for the article (then: "loading…")


class ArticleLoading:
    """Mixin for ArticleScreen: reading the article and its analysis."""

    @dataclass
    class Loaded(Message):
        article: Article
        analysis: Analysis | None
        paragraphs: list[Span]
        sentences: list[Span]  # the analysis's, else rule-based ones until it arrives
        annotations: list[Any] | None = None  # None: the store is not open (yet)
        reanchored: Any = None  # the store's ReanchorReport

    @dataclass
    class LoadFailed(Message):
        message: str
        article_id: str = ""

    # provided by ArticleScreen
    info: ArticleInfo
    article: Article | None
    analysis: Analysis | None
    ops: "AnnotationOps"
    if TYPE_CHECKING:
        from textual.app import App

        app: App[Any]
        view: ArticleView
        panel: AnnotationPanel
        status_line: Static
        legend: Legend

        def app_settings_labels(self) -> tuple[Any, ...]: ...
        def update_status(self) -> None: ...
        def query_one(self, selector: Any, expect_type: Any = None) -> Any: ...
        def notify(self, message: str, **kwargs: Any) -> None: ...
        def post_message(self, message: Message) -> bool: ...

    def _init_loading(self) -> None:
        self._read: ArticleLoading.Loaded | ArticleLoading.LoadFailed | None = None  # the latest read
        self._read_event: asyncio.Event | None = None  # set when the latest read is done
        self._applied: Message | None = None
        with suppress(RuntimeError):  # no event loop (not made by the app): compose starts it
            self._start_reading()

    def _start_reading(self) -> None:
        """Start reading this screen's article (once): from __init__, as early as it can be."""
        if self._read_event is None:
            self._begin_read(self.info)

    def _begin_read(self, info: ArticleInfo) -> None:
        loop = asyncio.get_running_loop()
        ready = self._read_event = asyncio.Event()
        self._read = None

        def arrived(result: ArticleLoading.Loaded | ArticleLoading.LoadFailed) -> None:  # on the event loop
            if ready is self._read_event:  # else a later read has started: this one is stale
                self._read = result
                ready.set()  # a frame may be waiting for it
                self.post_message(result)  # applied by the message if no frame took it

        self.load(info, lambda result: loop.call_soon_threadsafe(arrived, result))

    async def _wait_for_read(self) -> None:
        """Wait (briefly: FIRST_FRAME_WAIT) for the latest read, so one frame can show it."""
        if self._read_event is not None:
            with suppress(asyncio.TimeoutError):
                await asyncio.wait_for(self._read_event.wait(), FIRST_FRAME_WAIT)

    async def _wait_for_article(self) -> None:
        """Before the first frame: wait for the load thread and show what it read."""
        await self._wait_for_read()
        if self._read is not None:
            self._apply_read(self._read)

    @work(thread=True, exclusive=True, group="article-load", exit_on_error=False)
    def load(self, info: ArticleInfo, deliver: Any) -> None:
        deliver(self._read_article(info))

    def _read_article(self, info: ArticleInfo) -> Loaded | LoadFailed:
        try:
            article = load_article(info, words=False)  # the screen shows no word count
        except ArticleError as exc:
            return self.LoadFailed(exc.message, info.id)
        analysis = getattr(self.app, "analyses", {}).get(article.id)
        analyzer = getattr(self.app, "analyzer", None)
        if analysis is None and analyzer is not None:
            analysis = analyzer.cached(article)
        if analysis is not None and analysis.paragraphs and analysis.sentences:
            paragraphs, sentences = analysis.paragraphs, analysis.sentences
        else:
            paragraphs = paragraph_spans(article.text)
            sentences = sentence_fallback(article.text, paragraphs)
        annotations, report = None, None
        store = getattr(self.app, "store", None)
        if store is not None:  # one trip: the article comes with its annotations
            try:
                report = store.reanchor(article)
                annotations = store.for_article(article.id)
            except Exception:  # the store's own messages come when the ops retry below
                annotations = None
        return self.Loaded(article, analysis, paragraphs, sentences, annotations, report)

    def _apply_read(self, message: Loaded | LoadFailed) -> None:
        """What the load thread read: applied once (by the first frame or by the message),
        and only if it is this screen's article (] and [ change it)."""
        failed = isinstance(message, self.LoadFailed)
        if message is self._applied or (message.article_id if failed else message.article.id) != self.info.id:
            return
        self._applied = message
        if failed:
            self._show_load_failure(message)
            return
        article = self.article = message.article
        self.view.set_article(article, message.paragraphs, message.sentences, message.analysis)
        if message.analysis is not None:
            self._apply_analysis(message.analysis, shown=True)
        else:
            self.panel.show_annotations([], article.text)
            self.legend_update()
            if getattr(self.app, "model_ready", False):
                self.analyse()
        if message.annotations is None:
            self.ops.reload(reanchor=True)
        else:
            self.ops.loaded(message.annotations, message.reanchored)
        self.update_status()

    def on_article_loading_loaded(self, message: Loaded) -> None:
        if message is self._read:  # the latest read (not one a later read replaced)
            self._apply_read(message)

    def on_article_loading_load_failed(self, message: LoadFailed) -> None:
        if message is self._read:
            self._apply_read(message)

    def _show_load_failure(self, message: LoadFailed) -> None:
        self.status_line.update(f"Cannot open this article: {message.message}")
        self.notify(f"{message.message}\nPress escape to go back.", title="Cannot open", severity="error", timeout=15)

    @work(thread=True, exclusive=True, group="article-analyse", exit_on_error=False)
    def analyse(self) -> None:
        analyzer, article = getattr(self.app, "analyzer", None), self.article
        if analyzer is not None and article is not None:
            self.post_message(m.AnalysisReady(article.id, analyzer.analyse(article)))

    def on_analysis_ready(self, message: m.AnalysisReady) -> None:
        if self.article is not None and message.article_id == self.article.id and self.analysis is None:
            self._apply_analysis(message.analysis)

    def on_model_ready(self, message: m.ModelReady) -> None:
        if self.article is not None and self.analysis is None:
            self.analyse()

    def on_store_opened(self, message: m.StoreOpened) -> None:
        if self.article is not None:
            self.ops.reload(reanchor=True)

    def _apply_analysis(self, analysis: Analysis, shown: bool = False) -> None:
        self.analysis = analysis
        if not shown:
            self.view.set_analysis(analysis)
        if self.article is not None:
            self.panel.show_analysis(analysis, self.article.text)
        self.legend_update()
        self.update_status()

    def legend_update(self) -> None:
        labels = [s.name for s in self.app_settings_labels()]
        self.legend.update_labels(self.view.entity_labels(), self.view.hidden_entities, labels)
