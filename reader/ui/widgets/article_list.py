"""ArticleList: the library's table of articles, a Line-API ScrollView.

Only the visible rows are rendered, so 10,000 articles list, filter and scroll as fast
as five. Line 0 is a fixed header; rows follow. Colours come from COMPONENT_CLASSES, so
themes and library.tcss control them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Mapping, Sequence

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.core.models import ArticleInfo
from reader.core.text import one_line

SORTS = ("corpus", "title", "progress")
SORT_NAMES = {"corpus": "corpus order", "title": "title", "progress": "progress (least tagged first)"}
STATES = ("pending", "analysing", "done", "error")


@dataclass(slots=True)
class Row:
    id: str
    title: str
    source: str
    words: int
    order: int
    title_key: str
    haystack: str

    @classmethod
    def from_info(cls, info: ArticleInfo, order: int) -> "Row":
        title = one_line(info.title or info.id)
        source = one_line(info.source or "", 60)
        return cls(info.id, title, source, info.words, order, title.casefold(), f"{title}\n{source}\n{info.id}".casefold())


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    header: str
    width: int
    right: bool = False


def label_header(name: str) -> str:
    name = name.replace("_", " ").replace("-", " ").capitalize()
    return name if name.endswith("s") else f"{name}s"


class ArticleList(ScrollView, can_focus=True, inherit_bindings=False):
    """The articles, one per line: title, source, words, tags per label, analysis state."""

    HELP_GROUP = "Article list"

    COMPONENT_CLASSES = {
        "article-list--header",
        "article-list--cursor",
        "article-list--muted",
        "article-list--empty",
        "article-list--claim",
        "article-list--rebuttal",
        "article-list--label-other",
        "article-list--state-pending",
        "article-list--state-analysing",
        "article-list--state-done",
        "article-list--state-error",
    }
    BINDINGS = [
        Binding("up,k", "cursor(-1)", "Up", show=False, id="list.up"),
        Binding("down,j", "cursor(1)", "Down", show=False, id="list.down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="list.page_up"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="list.page_down"),
        Binding("home,g", "first", "First article", show=False, id="list.first"),
        Binding("end,G", "last", "Last article", show=False, id="list.last"),
    ]

    @dataclass
    class Selected(Message):
        """An article was chosen (double click; Enter is the screen's binding)."""

        article_id: str

    cursor: reactive[int] = reactive(0, always_update=True, init=False)

    def __init__(self, labels: Sequence[str] = ("claim", "rebuttal"), **kwargs) -> None:
        super().__init__(**kwargs)
        self.labels = tuple(labels)
        self.rows: list[Row] = []
        self.view: list[Row] = []
        self.counts: dict[str, Mapping[str, int]] = {}
        self.states: dict[str, str] = {}
        self.filter_text = ""
        self.sort = "corpus"
        self.empty_message = "No articles."
        self._cache: LRUCache[tuple, Strip] = LRUCache(1024)

    # ------------------------------------------------------------ data in

    def set_articles(self, infos: Iterable[ArticleInfo]) -> None:
        self.rows = [Row.from_info(info, i) for i, info in enumerate(infos)]
        self._rebuild(keep=None)

    def set_counts(self, counts: Mapping[str, Mapping[str, int]]) -> None:
        self.counts = dict(counts)
        self._rebuild() if self.sort == "progress" else self._changed()

    def set_state(self, article_id: str, state: str) -> None:
        if self.states.get(article_id) != state:
            self.states[article_id] = state
            self._changed()

    def set_filter(self, text: str) -> None:
        self.filter_text = text
        self._rebuild()

    def set_sort(self, sort: str) -> None:
        self.sort = sort
        self._rebuild()

    @property
    def highlighted(self) -> str | None:
        return self.view[self.cursor].id if 0 <= self.cursor < len(self.view) else None

    def ids_in_order(self) -> list[str]:
        return [row.id for row in self.view]

    def tagged(self, article_id: str) -> int:
        return sum(self.counts.get(article_id, {}).values())

    def _rebuild(self, keep: str | None | bool = True) -> None:
        current = self.highlighted if keep is True else keep
        terms = self.filter_text.casefold().split()
        view = [r for r in self.rows if all(t in r.haystack for t in terms)] if terms else list(self.rows)
        if self.sort == "title":
            view.sort(key=lambda r: (r.title_key, r.order))
        elif self.sort == "progress":
            view.sort(key=lambda r: (self.tagged(r.id), r.order))
        self.view = view
        self.virtual_size = Size(self.size.width, len(view) + 1)
        index = next((i for i, r in enumerate(view) if r.id == current), 0) if current else 0
        self._changed()
        self.cursor = index

    def _changed(self) -> None:
        self._cache.clear()
        self.refresh()

    # ------------------------------------------------------------ cursor and scrolling

    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, len(self.view) - 1))

    def watch_cursor(self, old: int, new: int) -> None:
        self._cache.clear()
        self.refresh()
        if self.is_mounted and self.size.height > 1:
            # Row r is painted on line r + 1 (line 0 is the header).
            self.scroll_to_region(Region(0, new + 1, 1, 1), spacing=None, animate=False, top=False, immediate=True)
            if new + 1 - self.scroll_y < 1:
                self.scroll_to(y=new, animate=False, immediate=True)

    def action_cursor(self, delta: int) -> None:
        self.cursor += delta

    def action_page(self, direction: int) -> None:
        self.cursor += direction * max(1, self.size.height - 2)

    def action_first(self) -> None:
        self.cursor = 0

    def action_last(self) -> None:
        self.cursor = len(self.view) - 1

    def on_click(self, event: events.Click) -> None:
        if event.y < 1:
            return
        index = int(self.scroll_y) + event.y - 1
        if 0 <= index < len(self.view):
            self.cursor = index
            if event.chain >= 2:
                self.post_message(self.Selected(self.view[index].id))

    def on_resize(self) -> None:
        self.virtual_size = Size(self.size.width, len(self.view) + 1)
        self._cache.clear()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._cache.clear()

    def on_focus(self) -> None:
        self._changed()

    def on_blur(self) -> None:
        self._changed()

    # ------------------------------------------------------------ rendering

    def columns(self, width: int) -> list[Column]:
        if width >= 100:
            counts = [Column(f"label:{n}", label_header(n), max(4, len(label_header(n))), True) for n in self.labels]
        else:  # narrow: the label's gutter letter (C, R) as the header
            counts = [Column(f"label:{n}", n[:1].upper(), 3, True) for n in self.labels]
        fixed = [Column("words", "Words", 6, True), *counts, Column("state", "Analysis", 9)]
        source_width = 24 if width >= 140 else 16 if width >= 110 else 12
        rest = width - 1 - sum(c.width + 1 for c in fixed)
        if rest - source_width - 1 >= 24:
            fixed.insert(0, Column("source", "Source", source_width))
            rest -= source_width + 1
        return [Column("title", "Title", max(8, rest)), *fixed]

    def _cell(self, text: str, column: Column) -> str:
        if cell_len(text) > column.width:
            text = set_cell_size(text, column.width - 1) + "…"
        return set_cell_size(text, column.width) if not column.right else text.rjust(column.width)

    def _label_class(self, name: str) -> str:
        return f"article-list--{name}" if name in ("claim", "rebuttal") else "article-list--label-other"

    def _line(self, cells: list[tuple[str, Style]], width: int, base: Style) -> Strip:
        segments = [Segment(" ", base)]
        for text, style in cells:
            segments.append(Segment(text, style))
            segments.append(Segment(" ", base))
        return Strip(segments).adjust_cell_length(width, base)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        if y == 0:
            header = base + self.get_component_rich_style("article-list--header", partial=True)
            cells = [(self._cell(c.header + (" ↑" if c.key == self.sort else ""), c), header) for c in self.columns(width)]
            return self._line(cells, width, header)
        index = int(self.scroll_y) + y - 1
        if not self.view:
            if y == 1:
                style = base + self.get_component_rich_style("article-list--empty", partial=True)
                message = self.empty_message
                if self.rows and self.filter_text.strip():
                    message = f"No article matches “{one_line(self.filter_text, 60)}”. Esc clears the filter."
                return self._line([(set_cell_size(message, max(1, width - 2)), style)], width, base)
            return Strip.blank(width, base)
        if index >= len(self.view):
            return Strip.blank(width, base)
        is_cursor = index == self.cursor
        key = (self.view[index].id, width, is_cursor, self.has_focus)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        strip = self._render_row(self.view[index], width, base, is_cursor)
        self._cache[key] = strip
        return strip

    def _render_row(self, row: Row, width: int, base: Style, is_cursor: bool) -> Strip:
        def style(name: str) -> Style:
            return base + self.get_component_rich_style(name, partial=True)

        muted = style("article-list--muted")
        counts = self.counts.get(row.id, {})
        state = self.states.get(row.id, "pending")
        cells = []
        for c in self.columns(width):
            if c.key == "title":
                cells.append((self._cell(row.title, c), base))
            elif c.key == "source":
                cells.append((self._cell(row.source, c), muted))
            elif c.key == "words":
                cells.append((self._cell(f"{row.words:,}", c), muted))
            elif c.key == "state":
                cells.append((self._cell(state, c), style(f"article-list--state-{state}")))
            else:
                name = c.key.split(":", 1)[1]
                n = counts.get(name, 0)
                cells.append((self._cell(str(n) if n else "·", c), style(self._label_class(name)) if n else muted))
        if is_cursor:  # the cursor's colours win over every cell's, so it reads in any theme
            cursor = self.get_component_rich_style("article-list--cursor", partial=True)
            base = base + cursor
            cells = [(text, cell_style + cursor) for text, cell_style in cells]
        return self._line(cells, width, base)
