"""Export dialog (`e`): format, path, and the filters of `reader export` (labels, this
article or the whole corpus, annotator), with a live count of what will be written.

Tab goes format → path → labels → articles → annotator → Export → Cancel; Enter in the
path (or ctrl+s anywhere) exports. The path is checked in a worker first: one that
cannot be written gets a specific message and the dialog stays open with every choice
kept. A good choice is dismissed as an `ExportRequest`; the app exports in a worker and
notifies the path and the counts.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, RadioButton, RadioSet, Select, Static
from textual.worker import Worker

from reader.core.export import ExportError, ExportFilter, check_target
from reader.core.text import one_line

# format: (name, what it is, default path relative to the folder reader was started in)
FORMATS = {
    "csv": ("CSV", "one row per annotation, for spreadsheets and pandas", "reader-export.csv"),
    "jsonl": ("JSON Lines", "one article per line in Prodigy's shape, character offsets", "reader-export.jsonl"),
    "spacy": ("spaCy", "a folder with train.spacy and dev.spacy, for spacy train", "reader-export-spacy"),
}
ANYONE = "\0anyone"  # the annotator Select's value for "every annotator"


def default_path(fmt: str) -> str:
    return FORMATS[fmt][2]


def plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def current_article(screen: Any) -> tuple[str, str] | None:
    """(id, title) of the article the user is on: the open one (an article screen's
    `info`), or the one highlighted in the library."""
    info = getattr(screen, "info", None)
    if info is None and hasattr(screen, "highlighted_article"):
        info = screen.highlighted_article()
    return (info.id, info.title) if info is not None else None


class _BlankWhenOff:
    """The mark inside a toggle is blank when it is off, so the choice reads without
    colour too (NO_COLOR, monochrome terminals)."""

    value: bool

    @property
    def _button(self) -> Any:
        self.BUTTON_INNER = type(self).BUTTON_INNER if self.value else " "
        return super()._button  # type: ignore[misc]


class Tick(_BlankWhenOff, Checkbox):
    pass


class Choice(_BlankWhenOff, RadioButton):
    pass


@dataclass(frozen=True)
class ExportRequest:
    """What the dialog was asked to export (also remembered for the next dialog)."""

    fmt: str
    path: Path
    labels: tuple[str, ...] | None = None  # None: every label, also ones not configured
    article_id: str | None = None  # None: the whole corpus
    article_title: str = ""
    annotator: str | None = None  # None: everyone

    @property
    def filter(self) -> ExportFilter:
        def only(values: Sequence[str] | None) -> frozenset[str] | None:
            return None if values is None else frozenset(values)  # () keeps nothing (`of` would keep all)

        article = [self.article_id] if self.article_id else None
        return ExportFilter(only(self.labels), only(article), only([self.annotator] if self.annotator else None))

    def describe(self) -> str:
        """The filters in words ("" when everything is exported)."""
        parts = []
        if self.labels is not None:
            parts.append(f"label{'s' if len(self.labels) > 1 else ''} " + ", ".join(self.labels) if self.labels else "no labels")
        if self.article_id:
            parts.append(f"article “{one_line(self.article_title or self.article_id, 50)}”")
        if self.annotator:
            parts.append(f"annotator {self.annotator}")
        return "; ".join(parts)


class ExportDialog(ModalScreen["ExportRequest | None"]):
    """Dismissed with an ExportRequest, or None when cancelled."""

    BINDINGS = [
        Binding("escape", "dismiss(None)", "Cancel", id="export.cancel"),
        Binding("ctrl+s", "export", "Export", id="export.start"),
    ]

    @dataclass
    class Loaded(Message):
        """The store's annotations (None: no store), read by the dialog's worker."""

        annotations: list[Any] | None

    @dataclass
    class PathChecked(Message):
        request: ExportRequest
        error: str | None

    @dataclass
    class Start(Message):
        """Export this (the app runs it in a worker and calls `finished`)."""

        request: ExportRequest

    def __init__(self, labels: Sequence[str], article: tuple[str, str] | None = None,
                 last: ExportRequest | None = None) -> None:  # fmt: skip
        """`labels`: the configured label names; `article`: (id, title) of the article
        the user is on, if any; `last`: the previous request, whose choices are kept."""
        super().__init__(classes="dialog")
        self.labels = list(labels)
        self.article = article
        self.fmt = last.fmt if last else "csv"
        self.path = str(last.path) if last else default_path(self.fmt)
        self.ticked = set(self.labels if last is None or last.labels is None else last.labels)
        self.this_article = bool(last and last.article_id and article)
        self.annotator = last.annotator if last else None
        self.annotations: list[Any] | None = None  # None: no store (once loaded)
        self.loaded = False
        self.count_text = ""
        self._checking = False
        self.exporting: ExportRequest | None = None  # sent to the app, not finished yet

    # ------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-body"):
            yield Static("Export annotations", classes="dialog-title")
            with Horizontal(classes="export-row"):
                yield Label("Format", classes="export-label")
                with RadioSet(id="export-format", compact=True):
                    for key, (name, _, _) in FORMATS.items():
                        yield Choice(name, value=key == self.fmt, name=key, compact=True)
            yield Static(FORMATS[self.fmt][1], id="export-format-help", classes="export-help")
            with Horizontal(classes="export-row"):
                yield Label("Save to", classes="export-label")
                yield Input(self.path, id="export-path", compact=True)
            with Horizontal(classes="export-row", id="export-labels"):
                yield Label("Labels", classes="export-label")
                for name in self.labels:
                    yield Tick(name, value=name in self.ticked, name=name, compact=True)
            with Horizontal(classes="export-row"):
                yield Label("Articles", classes="export-label")
                with RadioSet(id="export-scope", compact=True):
                    yield Choice("all articles", value=not self.this_article, name="corpus", compact=True)
                    if self.article:
                        title = one_line(self.article[1], 22)
                        yield Choice(f"this one: {title}", value=self.this_article, name="article", compact=True)
            with Horizontal(classes="export-row"):
                yield Label("Annotator", classes="export-label")
                yield Select([("anyone", ANYONE)], value=ANYONE, allow_blank=False, id="export-annotator", compact=True)
            yield Static("Counting annotations…", id="export-status")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Export", id="export", variant="primary", compact=True)
                yield Button("Cancel", id="cancel", compact=True)
            yield Static("tab: next · enter (in the path) or ctrl+s: export · esc: cancel", classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#export-path", Input).focus()
        self._load()

    # ------------------------------------------------------------ annotations and the count

    @work(thread=True, exclusive=True, group="export-dialog", name="Reading the annotations", exit_on_error=False)
    def _load(self) -> None:
        store = self.app.store
        self.post_message(self.Loaded(store.all() if store is not None else None))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        report = getattr(self.app, "report_worker_error", None)
        if report is not None:
            report(event)

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        self.annotations, self.loaded = message.annotations, True
        names = sorted({a.annotator for a in message.annotations or ()})
        select = self.query_one("#export-annotator", Select)
        select.set_options([("anyone", ANYONE), *((name, name) for name in names)])
        select.value = self.annotator if self.annotator in names else ANYONE
        self._count()

    def request(self) -> ExportRequest:
        """The dialog's current choices."""
        ticked = tuple(cb.name or "" for cb in self.query(Checkbox) if cb.value)
        labels = None if len(ticked) == len(self.labels) else ticked
        scope = self.query_one("#export-scope", RadioSet).pressed_button
        article = self.article if scope is not None and scope.name == "article" else None
        annotator = self.query_one("#export-annotator", Select).value
        raw = self.query_one("#export-path", Input).value.strip()
        return ExportRequest(
            self.fmt, Path(raw).expanduser().absolute() if raw else Path(), labels,
            article[0] if article else None, article[1] if article else "",
            annotator if isinstance(annotator, str) and annotator != ANYONE else None,
        )  # fmt: skip

    def _count(self) -> None:
        """The status line: a live count of what the filters keep (or why nothing)."""
        if not self.loaded:
            return
        kept = self.request().filter.apply(self.annotations or ())
        total = len(self.annotations or ())
        if self.annotations is None:
            text = "No annotation database is open, so there is nothing to export."
        elif not total:
            text = "No annotations yet: tag a passage in an article (c, r) first."
        elif not kept:
            text = f"None of the {plural(total, 'annotation')} match these filters."
        else:
            articles = len({a.article_id for a in kept})
            text = f"Exports {len(kept):,} of {plural(total, 'annotation')}, from {plural(articles, 'article')}."
        self.count_text = text
        self._status(text, "" if kept else "-nothing")

    def _status(self, text: str, kind: str) -> None:
        status = self.query_one("#export-status", Static)
        status.update(text)
        status.set_classes(kind)

    @on(Checkbox.Changed)
    @on(RadioSet.Changed, "#export-scope")
    @on(Select.Changed, "#export-annotator")
    def _filters_changed(self) -> None:
        self._count()  # also replaces an error shown for the earlier choices

    @on(Input.Changed, "#export-path")
    def _path_changed(self) -> None:
        if self.query_one("#export-status").has_class("-error"):
            self._count()

    @on(RadioSet.Changed, "#export-format")
    def _format(self, event: RadioSet.Changed) -> None:
        self.fmt = event.pressed.name or "csv"
        self.query_one("#export-format-help", Static).update(FORMATS[self.fmt][1])
        path = self.query_one("#export-path", Input)
        current = Path(path.value.strip())
        if current.name in {default_path(f) for f in FORMATS}:  # a default name, not the user's
            path.value = str(current.with_name(default_path(self.fmt)))
        self._count()

    # ------------------------------------------------------------ export

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#export")
    @on(Input.Submitted, "#export-path")
    def action_export(self) -> None:
        if self._checking or self.exporting is not None:
            return
        request = self.request()
        if not self.query_one("#export-path", Input).value.strip():
            self._fail("Type a path to export to.")
            return
        if self.loaded and not request.filter.apply(self.annotations or ()):
            self._fail(self.count_text, focus=False)
            return
        self._checking = True
        self._check(request)

    @work(thread=True, exclusive=True, group="export-check", name="Checking the export path", exit_on_error=False)
    def _check(self, request: ExportRequest) -> None:
        error = None
        try:
            check_target(request.path, folder=request.fmt == "spacy")
        except ExportError as exc:
            error = str(exc)
        except OSError as exc:  # e.g. a name too long to look up
            error = f"{request.path}: {exc.strerror or exc}. Choose another output path."
        except Exception as exc:  # never leave the dialog waiting
            error = f"{request.path}: {type(exc).__name__}: {exc}"
        self.post_message(self.PathChecked(request, error))

    @on(PathChecked)
    def _checked(self, message: PathChecked) -> None:
        self._checking = False
        if message.error:
            self._fail(message.error)
            return
        self.exporting = message.request
        self._status("Exporting…", "")
        self.query_one("#export", Button).disabled = True
        self.post_message(self.Start(message.request))

    def finished(self, error: str | None) -> None:
        """The app's export worker is done: close, or show what went wrong and stay."""
        request, self.exporting = self.exporting, None
        self.query_one("#export", Button).disabled = False
        if error is None:
            self.dismiss(request)
        else:
            self._fail(error)

    def _fail(self, text: str, focus: bool = True) -> None:
        """Say what is wrong in the status line; the dialog stays open, nothing changed."""
        self._status(text, "-error")
        if focus:
            self.query_one("#export-path", Input).focus()
