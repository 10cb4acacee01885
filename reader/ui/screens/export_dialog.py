"""Export dialog: choose a format and a path; the export runs in a worker and ends with
a notification naming the file and the counts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, RadioButton, RadioSet, Static
from textual.worker import Worker

FORMATS = {
    "csv": ("CSV: one row per annotation (spreadsheets)", "reader-export.csv"),
    "jsonl": ("JSON Lines: one article per line, character-offset spans", "reader-export.jsonl"),
    "spacy": ("spaCy DocBin: train.spacy + dev.spacy in a folder", "reader-export-spacy"),
}


def default_path(fmt: str) -> str:
    """Relative to the folder reader was started in."""
    return FORMATS[fmt][1]


class ExportDialog(ModalScreen[None]):
    BINDINGS = [Binding("escape", "dismiss", "Cancel", id="export.cancel")]

    def __init__(self, fmt: str = "csv") -> None:
        super().__init__(classes="dialog")
        self.fmt = fmt
        self._path_edited = False

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
        if not self._path_edited:
            with path.prevent(Input.Changed):
                path.value = default_path(self.fmt)

    @on(Input.Changed, "#export-path")
    def _edited(self) -> None:
        self._path_edited = True

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss()

    @on(Button.Pressed, "#export")
    @on(Input.Submitted, "#export-path")
    def _start(self) -> None:
        raw = self.query_one("#export-path", Input).value.strip()
        if not raw:
            self.notify("Type a path to export to.", severity="warning")
            return
        if self.app.store is None:
            self.notify("No annotation database is open: nothing to export.", severity="error")
            return
        self.query_one("#export", Button).disabled = True
        self.export(self.fmt, Path(raw).expanduser().absolute())

    @work(thread=True, exclusive=True, group="export", exit_on_error=False)
    def export(self, fmt: str, path: Path) -> str:
        from reader.ui.launch import export_annotations

        return export_annotations(self.app.store, self.app.settings, self.app.listing, fmt, path)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "export":
            return
        if event.worker.is_finished:
            self.query_one("#export", Button).disabled = False
        if event.state.name == "SUCCESS":
            self.app.notify(str(event.worker.result), title="Exported", timeout=12)
            self.dismiss()
        elif event.state.name == "ERROR":
            error: Any = event.worker.error
            self.app.notify(f"Export failed: {error}", title="Export", severity="error", timeout=15)
