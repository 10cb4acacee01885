"""Starting the reader: Settings from the command line, then the app, and the app's
start-up work (listing the corpus, opening the annotation store with its fall-backs,
the background analysis), so app.py stays a thin shell. Nothing here imports spaCy:
the first paint must not wait for it.
"""

from __future__ import annotations

import argparse
import sys
from contextlib import suppress
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, Sequence

from textual import work
from textual.app import App
from textual.worker import get_current_worker

from reader.config import ConfigError, Settings, load_settings
from reader.core.corpus import Listing, list_corpus
from reader.ui import heap
from reader.ui import messages as m

if TYPE_CHECKING:
    from reader.core.models import ArticleInfo
    from reader.core.store import AnnotationStore
    from reader.ui.screens.export_dialog import ExportRequest


def settings_from_args(args: argparse.Namespace) -> Settings:
    """Settings from parsed `reader [CORPUS]` arguments; raises ConfigError."""
    overrides: dict[str, Any] = {
        "corpus": getattr(args, "corpus", None),
        "db": getattr(args, "db", None),
        "theme": getattr(args, "theme", None),
        "model": getattr(args, "model", None),
        "annotator": getattr(args, "annotator", None),
        "read_only": True if getattr(args, "read_only", False) else None,
    }
    return load_settings(overrides, getattr(args, "config", None))


def run_app(args: argparse.Namespace) -> int:
    try:
        settings = settings_from_args(args)
    except ConfigError as exc:
        print(f"reader: {exc}", file=sys.stderr)
        return 2
    from reader.ui.app import ReaderApp

    app = ReaderApp(settings)
    app.run()
    return app.return_code or 0


class BackgroundWork(App):
    """ReaderApp's workers: listing, store, counts, analysis, export. They never touch
    widgets: they post messages (or notify), and the app routes them (see app.py)."""

    settings: Settings
    nlp_loader: Callable[[], Any] | None
    listing: Listing
    store: Any
    store_message: str | None
    _analyzer: Any
    _analyzer_lock: Any
    _analysed: Listing | None
    last_export: Any

    @property
    def analyzer(self) -> Any:
        """The Analyzer, created on first use (usually by the analysis worker)."""
        with self._analyzer_lock:
            if self._analyzer is None:
                self._analyzer = make_analyzer(self.settings, self.nlp_loader)
            return self._analyzer

    def start_analysis(self) -> None:
        """Analyse the corpus in the background; called once the library has painted the
        listing, so importing spaCy never delays the first paint."""
        heap.settle()  # what start-up made stays: full collections no longer walk it
        self.import_article_screen()
        if self.listing.articles and self._analysed is not self.listing:
            self._analysed = self.listing
            self.analyse_all(list(self.listing.articles))

    @work(thread=True, exclusive=True, group="preload", name="Preparing the article screen", exit_on_error=False)
    def import_article_screen(self) -> None:
        """The article screen's modules (~40 ms of imports), in a thread once the library
        has painted, so the first enter does not wait for them."""
        import reader.ui.screens.article  # noqa: F401

    @work(thread=True, exclusive=True, group="corpus", name="Listing the corpus", exit_on_error=False)
    def list_articles(self) -> None:
        self.post_message(m.CorpusListed(list_corpus(self.settings.corpus)))

    @work(thread=True, exclusive=True, group="store", name="Opening the annotations", exit_on_error=False)
    def open_annotations(self) -> None:
        outcome = open_store(self.settings)
        self.store, self.store_message = outcome.store, outcome.message
        if outcome.message:
            self.call_from_thread(
                self.notify, outcome.message, title="Annotations", severity=outcome.severity, timeout=20
            )
        self.post_message(m.StoreOpened(outcome.read_only))
        self.read_counts()

    @work(thread=True, exclusive=True, group="counts", name="Counting annotations", exit_on_error=False)
    def read_counts(self) -> None:
        if self.store is not None:
            self.post_message(m.CountsReady(self.store.counts()))

    @work(thread=True, exclusive=True, group="export", name="Export", exit_on_error=False)
    def run_export(self, request: "ExportRequest") -> None:
        """Export, then post ExportFinished: the export dialog, while it is open, shows
        an error itself; otherwise the app notifies."""
        from reader.core.export import ExportError

        try:
            self.post_message(m.ExportFinished(request, summary=export_annotations(self, request)))
        except ExportError as exc:
            self.post_message(m.ExportFinished(request, error=str(exc)))
        except OSError as exc:
            error = f"{request.path}: cannot write the export: {exc.strerror or exc}. Choose another output path."
            self.post_message(m.ExportFinished(request, error=error))
        except Exception as exc:  # the dialog must never wait forever
            self.post_message(m.ExportFinished(request, error=f"{type(exc).__name__}: {exc}"))

    def on_export_dialog_start(self, message: Any) -> None:
        self.last_export = message.request  # the next dialog starts from these choices
        self.run_export(message.request)

    def on_export_finished(self, message: m.ExportFinished) -> None:
        from reader.ui.screens.export_dialog import ExportDialog

        if message.error is None:
            self.notify(message.summary, title="Exported", timeout=15)
        dialog = self.screen
        if isinstance(dialog, ExportDialog) and dialog.exporting is message.request:
            dialog.finished(message.error)  # an error stays in the dialog, with every choice
        elif message.error is not None:
            self.notify(message.error, title="Export failed", severity="error", timeout=15)

    @work(thread=True, exclusive=True, group="analysis", name="Analysis", exit_on_error=False)
    def analyse_all(self, infos: list) -> None:
        worker = get_current_worker()
        analyse_corpus(self.analyzer, infos, self.post_message, lambda: worker.is_cancelled)
        if not worker.is_cancelled:
            with suppress(RuntimeError):  # the app closed meanwhile
                self.call_from_thread(heap.settle)  # every analysis is kept from now on (see heap)


@dataclass
class StoreOutcome:
    """The store (None if it could not be opened) and what to tell the user."""

    store: "AnnotationStore | None"
    message: str | None = None
    severity: str = "information"

    @property
    def read_only(self) -> bool:
        return self.store is None or self.store.read_only


def open_store(settings: Settings) -> StoreOutcome:
    """Open the annotation database. Another reader holding it: open it read-only and
    say so. A damaged file: no store (reading still works) and say where the copy is."""
    from reader.core.store import AnnotationStore, StoreCorrupt, StoreError, StoreLocked

    labels = tuple(label.name for label in settings.labels)

    def make(read_only: bool) -> AnnotationStore:
        return AnnotationStore(settings.db_path, labels=labels, annotator=settings.annotator, read_only=read_only)

    try:
        store = make(settings.read_only)
    except StoreLocked as exc:
        holder = exc.holder or "another process"
        try:
            store = make(True)
        except StoreError as inner:
            return StoreOutcome(None, f"{exc}\n\nOpening it read-only failed too: {inner}", "error")
        return StoreOutcome(
            store,
            f"Another reader ({holder}) is using {settings.db_path}.\n"
            "Opened it READ-ONLY: you can read and browse annotations but not tag. "
            "To annotate, close the other reader (q) and start this one again.",
            "warning",
        )
    except StoreCorrupt as exc:
        return StoreOutcome(None, f"{exc}\n\nYou can still read articles; tagging is off.", "error")
    except StoreError as exc:
        return StoreOutcome(None, f"{exc}\n\nYou can still read articles; tagging is off.", "error")
    if settings.read_only:
        return StoreOutcome(store, f"Read-only: {settings.db_path} will not be changed.", "information")
    return StoreOutcome(store)


# ---------------------------------------------------------------- background analysis


def make_analyzer(settings: Settings, nlp_loader: Callable[[], Any] | None = None) -> Any:
    """The Analyzer (imported on first use, never before the first paint). `nlp_loader`
    supplies a ready pipeline (tests share one); else the model loads in `load()`."""
    from reader.core.analysis import Analyzer

    nlp = nlp_loader() if nlp_loader is not None else None
    return Analyzer(model=settings.model, cache_dir=settings.cache_dir, use_cache=settings.use_cache, nlp=nlp)


def analyse_corpus(
    analyzer: Any, infos: Sequence["ArticleInfo"], post: Callable[[Any], Any], cancelled: Callable[[], bool]
) -> None:
    """Load the model, then analyse every article (cached results come back at once),
    posting a message for each step. Runs in a worker; `cancelled` is checked often."""
    from reader.core.corpus import ArticleError, load_article

    try:
        analyzer.load()
    except Exception as exc:  # no model: articles stay readable, without entities
        post(m.ModelFailed(str(exc)))
        return
    post(m.ModelReady(analyzer.model_name))
    post(m.AnalysisProgress(0, len(infos)))
    for done, info in enumerate(infos, 1):
        if cancelled():
            return
        try:
            article = load_article(info)
            result = analyzer.cached(article)
            if result is None:
                post(m.AnalysisStarted(info.id))
                result = analyzer.analyse(article)
            post(m.AnalysisReady(info.id, result))
        except ArticleError as exc:
            post(m.AnalysisFailed(info.id, exc.message))
        except Exception as exc:  # one bad article must not stop the rest
            post(m.AnalysisFailed(info.id, f"{type(exc).__name__}: {exc}"))
        post(m.AnalysisProgress(done, len(infos)))


# ---------------------------------------------------------------- export


def export_annotations(app: Any, request: "ExportRequest") -> str:
    """Write the annotations the request's filters keep, as its format, to its path (a
    folder for spaCy); returns the summary for the user (path, counts and filters).
    Raises ExportError with a message."""
    from reader.core.corpus import ArticleError, load_article
    from reader.core.export import ExportError, check_target, export_csv, export_jsonl
    from reader.core.export_spacy import export_spacy

    store, fmt, path, flt = app.store, request.fmt, request.path, request.filter
    if store is None:
        raise ExportError("no annotation database is open, so there is nothing to export.")
    check_target(path, folder=fmt == "spacy")  # before any slow work
    everything = store.all()
    if not everything:
        raise ExportError("no annotations yet: select a passage in an article and tag it (c, r) first.")
    wanted = {a.article_id for a in flt.apply(everything)}
    if not wanted:
        raise ExportError(f"no annotations match the filters ({request.describe()}); nothing was written.")
    articles = {}
    for info in app.listing.articles:
        if info.id in wanted:
            try:
                articles[info.id] = load_article(info)
            except ArticleError:
                continue  # exported without its text; the report counts it
    for article in articles.values():
        store.reanchor(article)  # offsets must fit today's text
    annotations = flt.apply(store.all())
    if fmt == "jsonl":
        report = export_jsonl(path, annotations, articles, app.analyzer.nlp)
    else:
        analyses = {i: app.analyses.get(i) or app.analyzer.analyse(a) for i, a in articles.items()}
        if fmt == "csv":
            report = export_csv(path, annotations, articles, analyses)
        else:
            labels = tuple(label.name for label in app.settings.labels)
            report = export_spacy(path, annotations, articles, analyses, app.analyzer.nlp, labels=labels)
    filters = request.describe()
    return report.summary() + (f"\nFilters: {filters}." if filters else "")
