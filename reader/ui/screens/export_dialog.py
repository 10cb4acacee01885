"""Export dialog: choose a format and a path. The app then exports in a worker and ends
with a notification naming the file and the counts (or what went wrong)."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, RadioButton, RadioSet, Static

FORMATS = {
    "csv": ("CSV: one row per annotation (spreadsheets)", "reader-export.csv"),
    "jsonl": ("JSON Lines: one article per line, character-offset spans", "reader-export.jsonl"),
    "spacy": ("spaCy DocBin: train.spacy + dev.spacy in a folder", "reader-export-spacy"),
}


def default_path(fmt: str) -> str:
    """Relative to the folder reader was started in."""
    return FORMATS[fmt][1]


class ExportDialog(ModalScreen["tuple[str, Path] | None"]):
    """Choose a format and a path; dismissed with (format, absolute path) or None.
    The app runs the export in a worker, so closing this never loses an export."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel", id="export.cancel")]

    def __init__(self, fmt: str = "csv") -> None:
        super().__init__(classes="dialog")
        self.fmt = fmt

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-body"):
            yield Static("[b]Export annotations[/b]", classes="dialog-title")
            with RadioSet(id="export-format"):
                for key, (label, _) in FORMATS.items():
                    yield RadioButton(label, value=key == self.fmt, name=key)
            yield Static("Save to (a file; a folder for spaCy):")
            yield Input(default_path(self.fmt), id="export-path")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Cancel", id="cancel")
                yield Button("Export", id="export", variant="primary")
            yield Static("Enter exports · Esc cancels", classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#export-path", Input).focus()

    @on(RadioSet.Changed)
    def _format(self, event: RadioSet.Changed) -> None:
        self.fmt = event.pressed.name or "csv"
        path = self.query_one("#export-path", Input)
        if path.value.strip() in {default_path(f) for f in FORMATS}:  # not typed by the user
            path.value = default_path(self.fmt)

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#export")
    @on(Input.Submitted, "#export-path")
    def _start(self) -> None:
        raw = self.query_one("#export-path", Input).value.strip()
        if not raw:
            self.notify("Type a path to export to.", severity="warning")
            return
        self.dismiss((self.fmt, Path(raw).expanduser().absolute()))
