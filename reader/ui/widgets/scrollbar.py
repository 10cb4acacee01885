"""KeptScrollBar: a vertical scroll bar drawn again only when what it shows changes.

Textual redraws a scroll bar whenever its position changes, row by row through the
widget line pipeline: 1.3-3.5 ms for the article view's 36 rows, as much as the view's
own 36 lines, in every frame that scrolls (each cursor key at the edge of the screen,
and every open). The thumb moves in steps of an eighth of a cell, so on a long article
it looks the same for dozens of scrolled lines: the bar keeps the rows it drew last and
reuses them while the bar it would draw (its segments), its size, styles and filters
are the same.
"""

from __future__ import annotations

from typing import Any

from rich.color import Color
from textual.geometry import Region
from textual.scrollbar import ScrollBar, ScrollBarRender
from textual.strip import Strip


class KeptScrollBar(ScrollBar):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._drawn: tuple[Any, list[Strip]] | None = None  # (what was drawn, its rows)

    def render_lines(self, crop: Region) -> list[Strip]:
        bar = self.render()
        if not self.vertical or not isinstance(bar, ScrollBarRender):
            return super().render_lines(crop)
        width, height = self.size
        style = bar.style if not isinstance(bar.style, str) else self.app.console.get_style(bar.style)
        segments = bar.render_bar(  # as ScrollBarRender draws itself (cheap: one segment a row)
            size=height,
            window_size=bar.window_size,
            virtual_size=bar.virtual_size,
            position=bar.position,
            vertical=True,
            thickness=width,
            back_color=style.bgcolor or Color.parse("#555555"),
            bar_color=style.color or Color.parse("bright_magenta"),
        ).segments
        key = (crop, self.size, tuple(segments), self.rich_style, self.background_colors,
               tuple(map(id, self.get_line_filters())))  # fmt: skip
        if self._drawn is None or self._drawn[0] != key:
            self._drawn = (key, super().render_lines(crop))
        return list(self._drawn[1])
