"""LinkDialog: choose the claim a rebuttal answers, from all claims of the corpus.

Type to filter (words of the claim or of its article's title); enter links the
highlighted claim (or unlinks it when already linked); escape cancels. Dismisses with
the chosen claim's annotation id, or None.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from reader.core.text import one_line

MAX_SHOWN = 200


@dataclass(frozen=True)
class ClaimChoice:
    id: str
    title: str  # the claim's article title
    text: str  # the claim's text
    linked: bool = False

    def matches(self, words: list[str]) -> bool:
        hay = f"{self.title} {self.text}".lower()
        return all(w in hay for w in words)


class LinkDialog(ModalScreen[str | None]):
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="link.cancel"),
        Binding("down", "move(1)", show=False),
        Binding("up", "move(-1)", show=False),
    ]

    def __init__(self, rebuttal_text: str, choices: list[ClaimChoice]) -> None:
        super().__init__(classes="dialog")
        self._rebuttal = rebuttal_text
        self._choices = choices

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-body"):
            yield Label("Link this rebuttal to a claim", classes="dialog-title")
            yield Label(one_line(self._rebuttal, 160), classes="dialog-passage")
            yield Input(placeholder="filter claims (words of the claim or its article title)", id="link-filter")
            yield OptionList(id="link-options")
            yield Label("enter: link (or unlink ✓) · ↑↓: choose · esc: cancel", classes="dialog-hint")

    def on_mount(self) -> None:
        self._fill("")
        self.query_one(Input).focus()

    def _fill(self, query: str) -> None:
        words = query.lower().split()
        options = self.query_one(OptionList)
        options.clear_options()
        shown = [c for c in self._choices if c.matches(words)][:MAX_SHOWN]
        for c in shown:
            label = Text.assemble(
                ("✓ " if c.linked else "  ", "bold"),
                (one_line(c.title, 40), "dim"),
                " — ",
                one_line(c.text, 120),
            )
            options.add_option(Option(label, id=c.id))
        if not shown:
            options.add_option(Option("no claims match" if self._choices else "no claims in the corpus yet", disabled=True))
        else:
            options.highlighted = 0

    @on(Input.Changed, "#link-filter")
    def _filter(self, event: Input.Changed) -> None:
        self._fill(event.value)

    def action_move(self, delta: int) -> None:
        options = self.query_one(OptionList)
        if options.option_count:
            current = options.highlighted if options.highlighted is not None else -1
            options.highlighted = max(0, min(options.option_count - 1, current + delta))

    @on(Input.Submitted, "#link-filter")
    def _submit(self) -> None:
        options = self.query_one(OptionList)
        if options.highlighted is not None:
            option = options.get_option_at_index(options.highlighted)
            if option.id:
                self.dismiss(option.id)

    @on(OptionList.OptionSelected, "#link-options")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
