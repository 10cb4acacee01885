"""How ArticleView draws a display line: the gutter (cursor mark, annotation letters),
then the text styled by the spans that overlap it, with speaker labels after quotations.

Strips are cached by (line, width, the part of the cursor and selection on that line,
version), so moving the cursor re-renders only the lines whose state changed. Styles
come from the widget's COMPONENT_CLASSES (article.tcss) and are looked up once per style
update. Nothing here decides what is shown: ArticleView holds the data and the layout.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterable

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual.cache import LRUCache
from textual.strip import Strip

from reader.ui import layout as lay
from reader.ui.layout import BLANK, FOLD, Inserts, Layout, SpanIndex

if TYPE_CHECKING:
    from reader.core.models import Span

ENTITY_CLASSES = {
    "PERSON": "person",
    "ORG": "org",
    "GPE": "gpe",
    "LOC": "loc",
    "FAC": "loc",
    "NORP": "norp",
    "DATE": "date",
    "TIME": "date",
}
ENTITY_KINDS = ("person", "org", "gpe", "loc", "norp", "date", "misc")
GUTTER = 4  # cursor mark, two annotation marks, a space
COMPONENT_CLASSES = {
    *(f"article-view--entity-{k}" for k in ENTITY_KINDS),
    "article-view--quote",
    "article-view--speaker",
    "article-view--boilerplate",
    "article-view--claim",
    "article-view--rebuttal",
    "article-view--label-other",
    "article-view--cursor",
    "article-view--selection",
    "article-view--search-match",
    "article-view--gutter",
    "article-view--gutter-cursor",
    "article-view--fold",
}
_BASE = ""  # key of the widget's own style in the style cache
OPENING = "“\"‘'«„"  # a quotation's marks, just outside the span the analysis gives
CLOSING = "”\"’'»“"
CACHED_LINES = 192  # rendered lines kept (about five screens of 36 rows)


def entity_kind(label: str) -> str:
    return ENTITY_CLASSES.get(label, "misc")


def label_mark(label: str) -> str:
    return label[:1].upper() or "?"


def label_class(label: str) -> str:
    return f"article-view--{label}" if label in ("claim", "rebuttal") else "article-view--label-other"


def _clip(span: tuple[int, int] | None, start: int, end: int) -> tuple[int, int] | None:
    if span is None or not (span[0] < end and start < span[1]):
        return None
    return max(span[0], start), min(span[1], end)


class ArticleRendering:
    """Mixin for ArticleView: `render_line` and what it needs."""

    # provided by ArticleView
    text: str
    shown: str
    wrapped: Layout
    nav: list["Span"]
    selection: tuple[int, int] | None
    entities: SpanIndex
    quotes: SpanIndex
    boilerplate: SpanIndex
    annotations: SpanIndex
    matches: SpanIndex
    hidden_entities: set[str]
    show_speakers: bool
    _inserts: Inserts
    _suffix: dict[int, str]
    _version: int
    cursor_span: "Span"
    if TYPE_CHECKING:
        from textual.app import App
        from textual.geometry import Offset, Region

        app: App[Any]
        scroll_offset: Offset
        scrollable_content_region: Region
        rich_style: Style

        def get_component_rich_style(self, *names: str, partial: bool = False) -> Style: ...

    def _init_rendering(self) -> None:
        # A few screens of lines (a cursor move redraws a line or two, a scroll reuses all
        # but one): each cached strip is ~17 objects that every full garbage collection
        # walks, so 512 lines made ~9,000 of the ~32,000 it walked (10-20 ms) with an article open.
        self._cache: LRUCache[tuple, Strip] = LRUCache(CACHED_LINES)
        self._styles: dict[str, Style] = {}

    def notify_style_update(self) -> None:
        super().notify_style_update()  # type: ignore[misc]
        self._styles.clear()
        self._cache.clear()

    def _style(self, name: str) -> Style:
        style = self._styles.get(name)
        if style is None:
            if name == _BASE:
                style = self.rich_style  # walks the ancestors: once per style update, not per line
            else:
                style = self.get_component_rich_style(name, partial=True)
            self._styles[name] = style
        return style

    def render_line(self, y: int) -> Strip:
        row = self.scroll_offset.y + y
        width = self.scrollable_content_region.width
        if row >= len(self.wrapped):
            return Strip.blank(width, self._style(_BASE))
        line = self.wrapped[row]
        cur = self.cursor_span if self.nav else None
        cur_part = _clip((cur.start, cur.end), line.start, line.end) if cur is not None else None
        if line.kind == FOLD and cur is not None and line.start <= cur.start < line.end:
            cur_part = (line.start, line.start)
        sel_part = _clip(self.selection, line.start, line.end)
        key = (row, width, cur_part, sel_part, self._version)
        strip = self._cache.get(key)
        if strip is None:
            strip = self._render_row(line, cur_part, sel_part, width)
            self._cache[key] = strip
        return strip

    def _gutter(self, line: lay.Line, lead: str) -> list[Segment]:
        gutter = self._style("article-view--gutter")
        marks = ""
        if line.kind != BLANK:
            labels = dict.fromkeys(label_mark(a.label) for a in self.annotations.overlapping(line.start, line.end))
            marks = "".join(labels)
            if len(marks) > 2:
                marks = marks[0] + "+"
        lead_style = self._style("article-view--gutter-cursor") if lead != " " else gutter
        base = self._style(_BASE)
        return [
            Segment(lead, base + lead_style),
            Segment(f"{marks:<{GUTTER - 2}} ", base + gutter),
        ]

    def _render_row(self, line: lay.Line, cur: tuple[int, int] | None, sel: tuple[int, int] | None, width: int) -> Strip:
        base = self._style(_BASE)
        if cur is not None:
            lead = "▶" if cur[0] == self.cursor_span.start or line.kind == FOLD else "▏"
        else:
            lead = "┃" if sel is not None else " "
        gutter = self._gutter(line, lead)
        if line.kind == BLANK:
            if width <= GUTTER:
                return Strip(gutter, GUTTER)
            return Strip(Segment.simplify(gutter + [Segment(" " * (width - GUTTER), base)]), width)
        if line.kind == FOLD:
            label = f"⋯ boilerplate ({line.hidden} line{'s' if line.hidden != 1 else ''}) ⋯  b to unfold"
            body = [Segment(label, base + self._style("article-view--fold"))]
            used = GUTTER + cell_len(label)
        else:
            body, used = self._line_segments(line, cur, sel)
        segments = gutter + body
        if used > width:  # a narrow view: cut the line (wrapping keeps text lines within it)
            return Strip(segments, used).crop_extend(0, width, base)
        if used < width:
            segments.append(Segment(" " * (width - used), base))
        return Strip(Segment.simplify(segments), width)  # fewer segments: less to compose and send

    def _line_segments(self, line: lay.Line, cur: tuple[int, int] | None, sel: tuple[int, int] | None) -> tuple[list[Segment], int]:
        """The text of a line as styled segments, and the cells they take with the gutter.

        Styles are laid on in order, each over the ones before (as rich.Text does with
        stylize): base, boilerplate, entities, quotations, annotations, search matches,
        cursor, selection. Speaker labels go after their quotation."""
        a, b = line.start, line.end
        shown, base = self.shown, self._style(_BASE)
        paints: list[tuple[int, int, Style]] = []

        def paint(spans: Iterable[Any], style: Style) -> None:
            for sp in spans:
                start, end = max(sp.start, a) - a, min(sp.end, b) - a
                if end > start:
                    paints.append((start, end, style))

        paint(self.boilerplate.overlapping(a, b), self._style("article-view--boilerplate"))
        hidden = self.hidden_entities
        for e in self.entities.overlapping(a, b):
            if e.label not in hidden:
                paint((e,), self._style(f"article-view--entity-{entity_kind(e.label)}"))
        quote = self._style("article-view--quote")
        text, n = self.text, len(self.text)
        for q in self.quotes.overlapping(a - 1, b + 1):  # with its marks (the analysis leaves them out)
            start = q.start - 1 if q.start > 0 and text[q.start - 1] in OPENING else q.start
            end = q.end + 1 if q.end < n and text[q.end] in CLOSING else q.end
            start, end = max(start, a) - a, min(end, b) - a
            if end > start:
                paints.append((start, end, quote))
        for ann in self.annotations.overlapping(a, b):
            paint((ann,), self._style(label_class(ann.label)))
        paint(self.matches.overlapping(a, b), self._style("article-view--search-match"))
        if cur is not None and cur[1] > cur[0]:
            paints.append((cur[0] - a, cur[1] - a, self._style("article-view--cursor")))
        if sel is not None and sel[1] > sel[0]:
            paints.append((sel[0] - a, sel[1] - a, self._style("article-view--selection")))

        labels: dict[int, str] = {}
        if self.show_speakers:
            for off in self._inserts.within(a, b):
                suffix = self._suffix.get(off)
                if suffix:
                    limit = self._inserts.widths[off]
                    labels[off - a] = suffix if cell_len(suffix) <= limit else suffix[: max(1, limit - 1)] + "…"
        cuts = {0, b - a, *labels}
        for start, end, _ in paints:
            cuts.add(start)
            cuts.add(end)
        edges = sorted(cuts)
        out: list[Segment] = []
        used = GUTTER + cell_len(shown[a:b])
        label_style = base + self._style("article-view--speaker") if labels else base
        for x, y in zip(edges, edges[1:]):
            if x in labels:
                out.append(Segment(labels[x], label_style))
                used += cell_len(labels[x])
            style = base
            for start, end, paint_style in paints:
                if start <= x and y <= end:
                    style = style + paint_style
            out.append(Segment(shown[a + x : a + y], style))
        end_label = labels.get(b - a)
        if end_label is not None:
            out.append(Segment(end_label, label_style))
            used += cell_len(end_label)
        return out, used
