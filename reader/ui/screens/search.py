"""SearchBar: the one-line incremental search under the article (opened with `/`).

It only reports what the user typed and asked for; the screen runs the search on the
ArticleView. Enter/down/ctrl+n: next match; shift+enter/up: previous; Escape: close.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Input, Label


class SearchBar(Horizontal):
    BINDINGS = [
        Binding("down,ctrl+n", "step(True)", "Next match", show=False, id="article.search.next"),
        Binding("up,shift+enter", "step(False)", "Previous match", show=False, id="article.search.prev"),
        Binding("escape", "close", "Close search", show=False),
    ]

    @dataclass
    class Changed(Message):
        query: str

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, SearchBar.Changed)

    @dataclass
    class Step(Message):
        forward: bool

    class Closed(Message):
        pass

    def compose(self) -> ComposeResult:
        yield Input(placeholder="search this article (enter: next, up: previous, esc: close)", id="search-input")
        yield Label("", id="search-count")

    @property
    def is_open(self) -> bool:
        return self.has_class("-open")

    def open(self) -> None:
        self.add_class("-open")
        self.query_one(Input).focus()

    def close(self) -> None:
        self.remove_class("-open")
        self.query_one(Input).value = ""
        self.show_count(None)

    def show_count(self, count: int | None, current: int | None = None) -> None:
        if count is None:
            text = ""
        elif count == 0:
            text = "no matches"
        elif current is None:
            text = f"{count} match{'es' if count != 1 else ''}"
        else:
            text = f"{current + 1}/{count}"
        self.query_one("#search-count", Label).update(text)

    @on(Input.Changed, "#search-input")
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.Changed(event.value))

    @on(Input.Submitted, "#search-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Step(True))

    def action_step(self, forward: bool) -> None:
        self.post_message(self.Step(forward))

    def action_close(self) -> None:
        self.post_message(self.Closed())
