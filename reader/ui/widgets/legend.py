"""Legend: one line naming the entity labels in their colours (hidden ones struck out),
and the marks for quotations and annotations. EntityFilterDialog: choose which entity
labels are shown (opened with `E`)."""

from __future__ import annotations

from typing import Iterable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Label, SelectionList

from reader.ui.widgets.article_render import ENTITY_KINDS, entity_kind, label_mark


class Legend(Widget):
    COMPONENT_CLASSES = {
        *(f"legend--{k}" for k in ENTITY_KINDS),
        "legend--quote",
        "legend--claim",
        "legend--rebuttal",
        "legend--hidden",
    }

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._labels: list[str] = []
        self._hidden: set[str] = set()
        self._annotation_labels: tuple[str, ...] = ("claim", "rebuttal")

    def update_labels(self, labels: Iterable[str], hidden: Iterable[str], annotation_labels: Iterable[str] = ()) -> None:
        shown = (self._labels, self._hidden, self._annotation_labels)
        self._labels = list(labels)
        self._hidden = set(hidden)
        if annotation_labels:
            self._annotation_labels = tuple(annotation_labels)
        if (self._labels, self._hidden, self._annotation_labels) != shown:
            self.refresh()  # (the next article often has the same labels: nothing to redraw)

    def render(self) -> Text:
        text = Text(no_wrap=True, overflow="ellipsis")
        if not self._labels:
            text.append("entities: (waiting for the analysis) ")
        for label in self._labels:
            style = self.get_component_rich_style(f"legend--{entity_kind(label)}", partial=True)
            if label in self._hidden:
                style += self.get_component_rich_style("legend--hidden", partial=True)
            text.append(label, style)
            text.append(" ")
        text.append("│ ")
        text.append("“quote” — speaker", self.get_component_rich_style("legend--quote", partial=True))
        for name in self._annotation_labels:
            cls = f"legend--{name}" if name in ("claim", "rebuttal") else "legend--claim"
            text.append(" ")
            text.append(f"{label_mark(name)} {name}", self.get_component_rich_style(cls, partial=True))
        text.append("  E: filter")
        return text


class EntityFilterDialog(ModalScreen[set[str] | None]):
    """Tick the entity labels to show; dismisses with the set of labels to hide."""

    BINDINGS = [
        Binding("escape", "done", "Done", id="entities.done"),
        Binding("a", "all(True)", "All", id="entities.all"),
        Binding("n", "all(False)", "None", id="entities.none"),
    ]

    def __init__(self, labels: list[str], hidden: set[str]) -> None:
        super().__init__(classes="dialog")
        self._labels = labels
        self._hidden = hidden

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-body"):
            yield Label("Entity labels to show", classes="dialog-title")
            yield SelectionList[str](*((label, label, label not in self._hidden) for label in self._labels))
            yield Label("space or enter: toggle · a: all · n: none · esc: done", classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one(SelectionList).focus()

    def action_all(self, on: bool) -> None:
        selection = self.query_one(SelectionList)
        selection.select_all() if on else selection.deselect_all()

    def action_done(self) -> None:
        shown = set(self.query_one(SelectionList).selected)
        self.dismiss({label for label in self._labels if label not in shown})
