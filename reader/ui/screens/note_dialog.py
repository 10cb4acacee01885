"""NoteDialog: add or edit the note of one annotation. Enter or ctrl+s saves, Escape cancels.

Dismisses with the new note (possibly "" to clear it) or None when cancelled.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from reader.core.text import one_line


class NoteDialog(ModalScreen[str | None]):
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="note.cancel"),
        Binding("ctrl+s", "save", "Save", id="note.save"),
    ]

    def __init__(self, passage: str, note: str = "", label: str = "") -> None:
        super().__init__(classes="dialog")
        self._passage = passage
        self._note = note
        self._label = label

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-body"):
            yield Label(f"Note on this {self._label or 'annotation'}", classes="dialog-title")
            yield Label(one_line(self._passage, 160), classes="dialog-passage")
            yield Input(value=self._note, placeholder="your note", id="note-input")
            yield Label("enter or ctrl+s: save · esc: cancel · an empty note removes it", classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted, "#note-input")
    def action_save(self) -> None:
        self.dismiss(self.query_one("#note-input", Input).value.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)
