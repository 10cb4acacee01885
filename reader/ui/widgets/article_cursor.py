"""ArticleView's passage cursor, selection and mouse.

The cursor visits passages (`nav`: sentences not folded away); a selection is a
character range that snaps to whole words. Every change refreshes only the display
lines whose cursor or selection part changed, and posts CursorMoved (the screen keeps
the newest). A mouse drag selects; a click moves the cursor.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import TYPE_CHECKING, Any

from rich.cells import get_character_cell_size
from textual import events
from textual.geometry import Region

from reader.core.models import Span
from reader.ui import layout as lay
from reader.ui.layout import Inserts, Layout
from reader.ui.widgets.article_render import GUTTER


class CursorAndSelection:
    """Mixin for ArticleView: moving the cursor, selecting, the mouse."""

    # provided by ArticleView
    text: str
    shown: str
    paragraphs: list[Span]
    wrapped: Layout
    nav: list[Span]
    _nav_starts: list[int]
    cursor: int
    selection: tuple[int, int] | None
    _inserts: Inserts
    _drag: int | None
    if TYPE_CHECKING:
        from textual.geometry import Offset

        scroll_offset: Offset
        scrollable_content_region: Region

        def _nav_index(self, offset: int) -> int: ...
        def _cursor_moved(self, start: int, end: int) -> None: ...
        def _layout_pending(self) -> bool: ...
        def refresh_lines(self, y_start: int, line_count: int = 1) -> None: ...
        def scroll_to_region(self, region: Region, **kwargs: Any) -> Any: ...
        def capture_mouse(self, capture: bool = True) -> None: ...
        def release_mouse(self) -> None: ...

    @property
    def cursor_span(self) -> Span:
        if not self.nav:
            return Span(0, 0, "SENTENCE")
        return self.nav[self.cursor]

    def target(self) -> tuple[int, int] | None:
        """What a label key tags: the selection, else the passage under the cursor."""
        if self.selection and self.selection[1] > self.selection[0]:
            return self.selection
        span = self.cursor_span
        return (span.start, span.end) if span.end > span.start else None

    def _lines_of(self, span: tuple[int, int] | None) -> tuple[int, int] | None:
        if span is None or not len(self.wrapped):
            return None
        return self.wrapped.line_span(*span)

    def _refresh_spans(self, *spans: tuple[int, int] | None) -> None:
        """Refresh the visible display lines showing these ranges (and no others)."""
        top = self.scroll_offset.y
        bottom = top + self.scrollable_content_region.height
        for span in spans:
            rows = self._lines_of(span)
            if rows is None:
                continue
            first, last = max(rows[0], top), min(rows[1], bottom)
            if first <= last:
                self.refresh_lines(first, last - first + 1)

    def _set_state(self, cursor: int | None = None, selection: Any = ..., scroll: bool = True) -> None:
        old_cursor = self.cursor_span
        old_sel = self.selection
        if cursor is not None and self.nav:
            self.cursor = max(0, min(len(self.nav) - 1, cursor))
        if selection is not ...:
            self.selection = selection
        new_cursor = self.cursor_span
        if new_cursor != old_cursor:
            self._refresh_spans((old_cursor.start, old_cursor.end), (new_cursor.start, new_cursor.end))
            self._cursor_moved(new_cursor.start, new_cursor.end)
        if self.selection != old_sel:
            self._refresh_spans(old_sel, self.selection)
        if scroll:
            self.scroll_to_cursor()

    def scroll_to_cursor(self) -> None:
        if self._layout_pending():
            self._scroll_after_layout = True  # done once the view knows its width
            return
        if not len(self.wrapped) or not self.nav:
            return
        span = self.cursor_span
        first, last = self.wrapped.line_span(span.start, span.end)
        height = max(1, self.scrollable_content_region.height)
        last = min(last, first + height - 1)
        self.scroll_to_region(Region(0, first, 1, last - first + 1), animate=False, immediate=True, x_axis=False)

    def move(self, delta: int) -> None:
        self._set_state(cursor=self.cursor + delta, selection=None)

    def move_to_edge(self, end: bool) -> None:
        self._set_state(cursor=len(self.nav) - 1 if end else 0, selection=None)

    def move_paragraph(self, delta: int) -> None:
        """To the first passage of the next paragraph; backwards, to the start of this
        paragraph, or of the previous one when already there."""
        if not self.nav:
            return
        starts = [p.start for p in self.paragraphs]
        para_of = lambda i: bisect_right(starts, self.nav[i].start) - 1  # noqa: E731
        i, here = self.cursor, para_of(self.cursor)
        if delta > 0:
            while i + 1 < len(self.nav) and para_of(i) == here:
                i += 1
        else:
            if i > 0 and para_of(i - 1) == here:
                i -= 1
            elif i > 0:
                i -= 1
            while i > 0 and para_of(i - 1) == para_of(i):
                i -= 1
        self._set_state(cursor=i, selection=None)

    def jump_to(self, offset: int, scroll: bool = True) -> None:
        if self.nav:
            self._set_state(cursor=self._nav_index(offset), selection=None, scroll=scroll)

    def extend_sentence(self, forward: bool) -> None:
        if not self.nav:
            return
        sel = self.selection or (self.cursor_span.start, self.cursor_span.end)
        new = lay.extend(sel, forward, self._nav_starts, [s.end for s in self.nav])
        head = new[1] - 1 if (forward or new[1] < sel[1]) else new[0]
        self._set_state(cursor=self._nav_index(head), selection=new)

    def extend_word(self, forward: bool) -> None:
        if not self.nav:
            return
        cur = self.cursor_span
        if self.selection is None:
            first = lay.next_word_end(self.text, cur.start)
            sel = (lay.word_bounds(self.text, cur.start)[0] if cur.end > cur.start else cur.start, first)
            if forward:
                self._set_state(selection=sel)
                return
        else:
            sel = self.selection
        lo, hi = max(0, sel[0] - 2000), min(len(self.text), sel[1] + 2000)
        starts, ends = lay.word_units(self.text, lo, hi)
        new = lay.extend(sel, forward, starts, ends)
        self._set_state(cursor=self._nav_index(new[1] - 1 if forward else new[0]), selection=new)

    def select_range(self, start: int, end: int) -> None:
        start, end = lay.snap_to_words(self.text, min(start, end), max(start, end))
        self._set_state(selection=(start, end) if end > start else None, scroll=False)

    def clear_selection(self) -> bool:
        if self.selection is None:
            return False
        self._set_state(selection=None, scroll=False)
        return True

    # ------------------------------------------------------------ mouse

    def offset_at(self, x: int, y: int) -> int:
        """Character offset under widget coordinates (x, y)."""
        row = y + self.scroll_offset.y
        if not len(self.wrapped):
            return 0
        line = self.wrapped[max(0, min(row, len(self.wrapped) - 1))]
        col = x - GUTTER
        if line.kind != lay.TEXT or col <= 0:
            return line.start
        pos, used = line.start, 0
        inserts = set(self._inserts.within(line.start, line.end))
        while pos < line.end:
            if pos in inserts:
                used += self._inserts.widths[pos]
            used += get_character_cell_size(self.shown[pos])
            if used > col:
                return pos
            pos += 1
        return max(line.start, line.end - 1)

    def on_mouse_down(self, event: events.MouseDown) -> None:
        if event.button == 1 and len(self.wrapped):
            self._drag = self.offset_at(event.x, event.y)
            self.capture_mouse()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        if self._drag is not None and event.button == 1:
            here = self.offset_at(event.x, event.y)
            self.select_range(self._drag, here + 1)

    def on_mouse_up(self, event: events.MouseUp) -> None:
        if self._drag is None:
            return
        self.release_mouse()
        here = self.offset_at(event.x, event.y)
        start = self._drag
        self._drag = None
        if lay.word_bounds(self.text, here) == lay.word_bounds(self.text, start) and self.selection is None:
            self.jump_to(here, scroll=False)
        elif self.selection:
            self._set_state(cursor=self._nav_index(self.selection[0]), scroll=False)
