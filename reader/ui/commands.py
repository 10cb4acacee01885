"""The command palette's provider: every action bound on the current screen (and the
app), under its description, plus a few that have no key. Screen-aware: it asks the
screen the palette was opened on for its active bindings."""

from __future__ import annotations

from functools import partial
from typing import Any, Callable, Iterator

from textual.command import DiscoveryHit, Hit, Hits, Provider

from reader.ui.screens.help import describe_bindings


class ReaderCommands(Provider):
    def commands(self) -> Iterator[tuple[str, str, Callable[[], Any]]]:
        """(name, help, callback) for the screen the palette was opened on."""
        screen = self.screen
        for entry in describe_bindings(screen):
            if entry.action in ("dismiss",):
                continue
            where = "" if entry.where == "Everywhere" else f" · {entry.where}"
            help_text = f"key {entry.keys}{where}" + (f" · id {entry.binding_id}" if entry.binding_id else "")
            yield entry.description, help_text, partial(self.app.run_action, entry.action, entry.node)
        yield "Choose a theme…", "list every theme, with a preview", self.app.search_themes

    async def discover(self) -> Hits:
        for name, help_text, callback in self.commands():
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback in self.commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)
