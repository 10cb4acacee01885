"""KeysFooter: Textual's Footer, remade only when the keys it shows change.

Textual's Footer removes and remakes all its key widgets whenever its screen's bindings
are refreshed (focus moves, a screen is pushed or popped), even when it would show the
same keys. The kept article screen's footer was remade each time it left the stack, so
its next open laid out, styled and drew seven new key widgets in its first frame
(~4 ms on the article bench). This one compares what it would show with what it shows.
"""

from __future__ import annotations

from typing import Any

from textual.screen import Screen
from textual.widgets import Footer


class KeysFooter(Footer):
    """A Footer that skips recomposing when its keys, labels and states are unchanged."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._composed_for: tuple[Any, ...] | None = None  # what compose last showed

    def _shown(self) -> tuple[Any, ...]:
        """Everything compose() reads from the bindings: equal means an equal footer."""
        app = self.app
        return (
            self.show_command_palette and app.ENABLE_COMMAND_PALETTE,
            tuple(
                (b.key, app.get_key_display(b), b.description, b.action, b.group, b.show, enabled, tooltip)
                for (_, b, enabled, tooltip) in self.screen.active_bindings.values()
                if b.show or b.key == app.COMMAND_PALETTE_BINDING
            ),
        )

    def compose(self):  # type: ignore[no-untyped-def]
        self._composed_for = self._shown() if self._bindings_ready else None
        return super().compose()

    def bindings_changed(self, screen: Screen) -> None:
        if (
            self._composed_for is not None
            and self.is_attached
            and screen is self.screen
            and self._shown() == self._composed_for
        ):
            return  # the same keys: nothing to remake
        super().bindings_changed(screen)
