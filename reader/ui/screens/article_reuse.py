"""The article screen made once and shown again (a mixin of ArticleScreen).

The library's first enter makes the screen and installs it; later enters read the next
article into it while it is off the stack, then push it, so its first frame is the
article and no widget is built or styled again. Shown again, it is painted whole in one
frame, and no automatic garbage collection runs from the key to that frame.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

from textual import events

from reader.core.models import ArticleInfo
from reader.ui import heap


class ShownAgain:
    """Mixin for ArticleScreen: `open`, and what showing the kept screen again needs."""

    # provided by ArticleScreen
    _reopening: bool
    _whole_frame_due: bool
    _gc_hold: object | None
    _css_update_count: int
    if TYPE_CHECKING:
        from textual.app import App

        app: App[Any]
        _dirty_widgets: set[Any]
        _repaint_required: bool

        def _begin_read(self, info: ArticleInfo) -> None: ...
        async def _wait_for_read(self) -> None: ...
        def _forget_article(self, info: ArticleInfo) -> None: ...
        def _show_read(self) -> None: ...
        def call_later(self, callback: Any, *args: Any) -> bool: ...

    @classmethod
    def open(cls, app: Any, info: ArticleInfo) -> None:
        """Show `info` in the app's article screen: made on the first open, then kept
        (installed) and pushed again, so later opens skip building and styling widgets."""
        screen = getattr(app, "_article_screen", None)
        if screen is None:
            screen = app._article_screen = cls(info)
            screen._hold_gc()
            app.install_screen(screen, "article")
            app.push_screen(screen)
        elif screen in app.screen_stack:  # not from the library: a screen of its own
            other = cls(info)
            other._hold_gc()
            app.push_screen(other)
        elif not screen._reopening:  # (a second enter while the first is read is dropped)
            screen._hold_gc()
            screen._reopening = True
            screen._begin_read(info)
            screen.call_later(screen._push_when_read, info)

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        """Shown again: Textual restyles every widget of a resumed screen (~10 ms here),
        needed only when the app's CSS changed since (a theme change updates the screens
        on the stack, not this one while it waits off the stack). Runs before Screen's own handler."""
        if self._css_update_count == self.app._css_update_count:
            event.refresh_styles = False
        self._css_update_count = self.app._css_update_count  # restyled now if it was not
        self._whole_frame_due = True

    def _refresh_layout(self, size: Any = None, scroll: bool = False) -> None:
        """A screen shown again is painted whole once (Textual's resume asks for a full
        repaint). When it needs a layout too (its article changed while it was off the
        stack), Textual paints the layout's changes in one frame and then the whole screen
        in a second: here the layout's frame paints the whole screen, and is the only one."""
        if self._whole_frame_due:
            self._whole_frame_due = False
            self._dirty_widgets.add(self)  # the screen's full repaint region joins this frame
            self._repaint_required = False  # that frame is the repaint
        super()._refresh_layout(size, scroll)

    async def _push_when_read(self, info: ArticleInfo) -> None:
        """Wait briefly for the read, show it, then push: the first frame of the screen
        is the article (drawn while suspended, a frame would show "loading…" first)."""
        try:
            self._forget_article(info)  # while the read runs: nothing shows this screen now
            await self._wait_for_read()
            self._show_read()
        finally:
            self._reopening = False
            self.app.push_screen(self)

    def _hold_gc(self) -> None:
        """From the key to the article's first frame, no automatic garbage collection
        (see reader.ui.heap); `_after_first_frame` ends the hold."""
        if self._gc_hold is not None:
            heap.release(self._gc_hold)
        self._gc_hold = heap.hold(asyncio.get_running_loop())

    def on_unmount(self) -> None:
        """Gone before its first frame (the app closed): its hold ends with it."""
        if self._gc_hold is not None:
            heap.release(self._gc_hold)
            self._gc_hold = None
