"""The library: every article in the corpus, filter as you type, sort, open.

Data arrives from the app as messages (CorpusListed, CountsReady, Analysis*); this
screen never reads files or the database itself.
"""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Input, ProgressBar, Static

from reader.core.corpus import ARTICLE_SUFFIXES, Listing
from reader.core.models import ArticleInfo
from reader.core.text import one_line
from reader.ui import messages as m
from reader.ui.widgets.article_list import SORT_NAMES, SORTS, ArticleList
from reader.ui.widgets.footer import KeysFooter

MAX_NAMED_PROBLEMS = 4


def display_path(path: Path) -> str:
    """A path as short as it is clear: relative to the current folder when inside it,
    else with ~ for the home folder."""
    path = path.expanduser().absolute()
    if path.is_relative_to(Path.cwd()):
        return path.relative_to(Path.cwd()).as_posix()
    if path.is_relative_to(Path.home()):
        return "~/" + path.relative_to(Path.home()).as_posix()
    return str(path)


class LibraryScreen(Screen[None]):
    BINDINGS = [
        Binding("enter", "open", "Open", id="library.open"),
        Binding("slash", "focus_filter", "Filter", id="library.filter"),
        Binding("s", "sort", "Sort", id="library.sort"),
        Binding("escape", "leave_filter", "Clear filter", id="library.clear"),
        Binding("down", "to_list", "Go to the list", id="library.to_list", show=False),
        Binding("i", "problems", "Skipped files", id="library.problems", show=False),
    ]

    def compose(self) -> ComposeResult:
        yield Static("reader", id="library-title")
        yield Input(placeholder="Filter: words from a title, source or file name   (/ to filter, Esc to clear)", id="filter")
        yield ArticleList(labels=[label.name for label in self.app.settings.labels], id="articles")
        yield Static("", id="library-empty")
        with Horizontal(id="library-status"):
            yield Static("Listing articles…", id="status")
            yield ProgressBar(total=None, show_eta=False, show_percentage=True, id="analysis-progress")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one(ArticleList).focus()
        self._progress = (0, 0)
        self._set_title()
        if self.app.listed:  # the listing arrived before this screen was mounted
            self.show_listing(self.app.listing)

    # ------------------------------------------------------------ messages from the app

    def on_corpus_listed(self, message: m.CorpusListed) -> None:
        self.show_listing(message.listing)

    def show_listing(self, listing: Listing) -> None:
        articles = self.query_one(ArticleList)
        articles.set_articles(listing.articles)
        articles.states = dict(self.app.analysis_state)
        empty = self.query_one("#library-empty", Static)
        empty.update(self.empty_message(listing))
        self.set_class(not listing.articles, "-empty")
        self._set_title()
        if listing.problems and listing.articles:
            self.notify(self.problems_summary(listing), title="Some files were skipped", severity="warning", timeout=12)
        self._update_status()
        self.call_after_refresh(self.app.start_analysis)

    def on_counts_ready(self, message: m.CountsReady) -> None:
        self.query_one(ArticleList).set_counts(message.counts)

    @on(m.AnalysisReady)
    @on(m.AnalysisStarted)
    @on(m.AnalysisFailed)
    def _analysis_state(self, message: m.AnalysisReady | m.AnalysisStarted | m.AnalysisFailed) -> None:
        self.query_one(ArticleList).set_state(message.article_id, self.app.analysis_state.get(message.article_id, "pending"))

    def on_analysis_progress(self, message: m.AnalysisProgress) -> None:
        self._progress = (message.done, message.total)
        bar = self.query_one(ProgressBar)
        bar.update(total=message.total, progress=message.done)
        self._update_status()

    @on(m.ModelReady)
    @on(m.ModelFailed)
    @on(m.StoreOpened)
    def _refresh_status(self) -> None:
        self._update_status()

    # ------------------------------------------------------------ text

    def _set_title(self) -> None:
        listing: Listing = self.app.listing
        where = one_line(display_path(self.app.settings.corpus), 120)
        count = f"{len(listing.articles):,} articles" if self.app.listed else "listing…"
        self.query_one("#library-title", Static).update(f"[b]reader[/b]  {where}  ·  {count}")

    @staticmethod
    def empty_message(listing: Listing) -> str:
        if listing.articles:
            return ""
        root = listing.root or (listing.problems[0].path if listing.problems else "the corpus folder")
        if listing.problems and "no such file" in listing.problems[0].message:
            head = f"The folder {one_line(str(listing.problems[0].path))} does not exist."
        else:
            head = f"No articles in {one_line(str(root))}."
        kinds = ", ".join(ARTICLE_SUFFIXES)
        return (
            f"{head}\n\nreader lists {kinds} files in a folder and its sub-folders.\n"
            "Open another folder with:  reader PATH/TO/ARTICLES\n"
            "or set `corpus = \"...\"` in reader.toml.  Press q to quit."
        )

    @staticmethod
    def problems_summary(listing: Listing) -> str:
        named = [f"• {one_line(p.path.name, 60)}: {one_line(p.message, 80)}" for p in listing.problems[:MAX_NAMED_PROBLEMS]]
        more = len(listing.problems) - MAX_NAMED_PROBLEMS
        tail = f"\n… and {more} more" if more > 0 else ""
        return "\n".join(named) + tail + "\nPress i for the full list."

    def _update_status(self) -> None:
        app = self.app
        articles = self.query_one(ArticleList)
        parts = []
        if app.listed:
            shown = len(articles.view)
            total = len(articles.rows)
            parts.append(f"{shown:,} of {total:,} shown" if shown != total else f"{total:,} articles")
            if app.listing.problems and app.listing.articles:
                parts.append(f"{len(app.listing.problems)} skipped (i)")
        parts.append(f"sort: {SORT_NAMES[articles.sort]}")
        if app.model_error:
            parts.append("model: unavailable")
        elif app.model_ready:
            done, total = self._progress
            parts.append("analysis: done" if done >= total else f"analysing {done:,}/{total:,}")
        elif app.listed and app.listing.articles:
            parts.append("loading model…")
        if app.store is not None and app.store.read_only:
            parts.append("database: READ-ONLY")
        elif app.store is None and app.store_message:
            parts.append("database: unavailable")
        self.query_one("#status", Static).update("  ·  ".join(parts))
        done, total = self._progress
        self.query_one(ProgressBar).display = bool(total) and done < total and not app.model_error

    # ------------------------------------------------------------ actions

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Footer: offer Esc only while there is a filter to clear or leave, and / only
        when the filter is not already focused."""
        if not self.is_mounted:
            return True
        field = self.query_one("#filter", Input)
        if action == "leave_filter":
            return field.has_focus or bool(field.value)
        if action == "focus_filter":
            return not field.has_focus
        return True

    def action_open(self) -> None:
        article_id = self.query_one(ArticleList).highlighted
        if article_id is not None:
            self.app.open_article(article_id)

    def on_article_list_selected(self, message: ArticleList.Selected) -> None:
        self.app.open_article(message.article_id)

    def action_focus_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def action_leave_filter(self) -> None:
        field = self.query_one("#filter", Input)
        if field.has_focus and field.value:
            field.value = ""
        elif field.has_focus:
            self.query_one(ArticleList).focus()
        elif field.value:
            field.value = ""

    def action_to_list(self) -> None:
        self.query_one(ArticleList).focus()

    @on(Input.Changed, "#filter")
    def _filter(self, event: Input.Changed) -> None:
        articles = self.query_one(ArticleList)
        had_filter = bool(articles.filter_text)
        articles.set_filter(event.value)
        self._update_status()
        if had_filter != bool(event.value):  # Esc appears or goes (a footer redraw is costly)
            self.refresh_bindings()

    @on(Input.Submitted, "#filter")
    def _filter_done(self) -> None:
        self.query_one(ArticleList).focus()

    def action_sort(self) -> None:
        articles = self.query_one(ArticleList)
        articles.set_sort(SORTS[(SORTS.index(articles.sort) + 1) % len(SORTS)])
        self._update_status()

    def action_problems(self) -> None:
        if self.app.listing.problems:
            self.app.push_screen(ProblemsScreen(self.app.listing))
        else:
            self.notify("No files were skipped.", timeout=3)

    def highlighted_article(self) -> ArticleInfo | None:
        """The article under the list's cursor (the export dialog offers it)."""
        article_id = self.query_one(ArticleList).highlighted if self.is_mounted else None
        return self.app.listing.by_id(article_id) if article_id is not None else None

    def ids_in_order(self) -> list[str]:
        return self.query_one(ArticleList).ids_in_order() if self.is_mounted else [a.id for a in self.app.listing.articles]


class ProblemsScreen(ModalScreen[None]):
    """The files the listing skipped, and why."""

    BINDINGS = [Binding("escape,q,i", "dismiss", "Close", id="problems.close")]

    def __init__(self, listing: Listing) -> None:
        super().__init__(classes="dialog")
        self.listing = listing

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog-body"):
            yield Static(f"[b]{len(self.listing.problems)} file(s) skipped[/b]", classes="dialog-title")
            lines = [f"{one_line(str(p.path), 160)}\n    {one_line(p.message, 160)}" for p in self.listing.problems]
            yield Static("\n".join(lines), markup=False)
            yield Static("Esc to close", classes="dialog-hint")
