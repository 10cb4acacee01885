"""ArticleView: a Line-API view of one article with entities, quotations, boilerplate,
annotations, a passage cursor and a selection.

Only visible lines are rendered. The article is wrapped to the width into display lines
that know their character range (reader.ui.layout); a line is styled by the spans that
overlap it, found by bisection. Rendered strips are cached by (line, width, the part of
the cursor and selection on that line, version), so moving the cursor re-renders only the
lines whose state changed. Styles come from COMPONENT_CLASSES (article.tcss).

The widget holds no store and no model: the screen gives it data and calls its methods.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from functools import partial
from typing import Any, Iterable, Sequence

from rich.cells import cell_len, get_character_cell_size
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.worker import Worker, WorkerState

from reader.core.models import Analysis, Article, Span
from reader.core.text import display_safe, has_controls, one_line
from reader.ui import layout as lay
from reader.ui.layout import BLANK, FOLD, Inserts, Layout, SpanIndex

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
SPEAKER_MAX = 28
PREFIX_CHARS = 60_000  # of a long article, wrapped at once; the rest in a thread
OPENING = "“\"‘'«„"
CLOSING = "”\"’'»“"


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


class ArticleView(ScrollView, can_focus=True, inherit_bindings=False):
    """The text of one article. Keys are bound on the screen, which calls the methods here."""

    ALLOW_SELECT = False
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

    @dataclass
    class CursorMoved(Message):
        """The passage under the cursor changed (only the newest is kept)."""

        view: "ArticleView"
        start: int
        end: int

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, ArticleView.CursorMoved)

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.text = ""
        self.shown = ""  # display_safe(text): same length, no control characters
        self.article_id = ""
        self.paragraphs: list[Span] = []
        self.sentences: list[Span] = []
        self.entities = SpanIndex()
        self.quotes = SpanIndex()
        self.boilerplate = SpanIndex()
        self.annotations = SpanIndex()
        self.matches = SpanIndex()
        self.hidden_entities: set[str] = set()
        self.folded = False
        self.show_speakers = True
        self.wrapped = Layout(1)
        self.nav: list[Span] = []  # passages the cursor visits (sentences not folded away)
        self._nav_starts: list[int] = []
        self.cursor = 0  # index into nav
        self.selection: tuple[int, int] | None = None
        self._inserts = Inserts()
        self._suffix: dict[int, str] = {}
        self._hidden_paras: set[int] = set()
        self._version = 0
        self._cache: LRUCache[tuple, Strip] = LRUCache(2048)
        self._styles: dict[str, Style] = {}
        self._drag: int | None = None
        self._current_match: int | None = None
        self._generation = 0  # of the layout: a thread's wrap of an older one is dropped

    # ------------------------------------------------------------ data in

    def set_article(
        self, article: Article, paragraphs: Sequence[Span], sentences: Sequence[Span], analysis: Analysis | None = None
    ) -> None:
        self.article_id = article.id
        self.text = article.text
        text = article.text
        self.shown = display_safe(text) if ("\t" in text or has_controls(text)) else text
        self.paragraphs = list(paragraphs)
        self.selection = None
        self.matches = SpanIndex()
        self.cursor = 0
        self._set_passages(sentences, analysis)

    def set_analysis(self, analysis: Analysis) -> None:
        """The model's analysis arrived: entities, quotes, boilerplate, real sentences."""
        keep = self.cursor_span.start if self.nav else 0
        self._set_passages(analysis.sentences or self.sentences, analysis)
        self.jump_to(keep, scroll=False)

    def _set_passages(self, sentences: Sequence[Span], analysis: Analysis | None) -> None:
        self.sentences = sorted(sentences, key=lambda s: s.start)
        if analysis is not None:
            if analysis.paragraphs:
                self.paragraphs = list(analysis.paragraphs)
            self.entities = SpanIndex(analysis.entities)
            self.quotes = SpanIndex(self._with_marks(q) for q in analysis.quotes)
            self.boilerplate = SpanIndex(analysis.boilerplate)
        self._suffix = {}
        for q in self.quotes:
            speaker = q.attrs.get("speaker") if q.attrs else None
            if speaker and speaker not in self.text[q.end : q.end + 60]:  # not named right after
                self._suffix[q.end] = " — " + one_line(str(speaker), SPEAKER_MAX)
        self._relayout()

    def _with_marks(self, q: Span) -> Span:
        """A quotation span widened to its quotation marks (the analysis leaves them out)."""
        text = self.text
        start = q.start - 1 if q.start > 0 and text[q.start - 1] in OPENING else q.start
        end = q.end + 1 if q.end < len(text) and text[q.end] in CLOSING else q.end
        return Span(start, end, q.label, q.attrs)

    def set_annotations(self, annotations: Iterable[Any]) -> None:
        """Objects with .start, .end, .label (store Annotations, or pending ones)."""
        self.annotations = SpanIndex(a for a in annotations if not getattr(a, "orphaned", False))
        self._invalidate()

    def set_hidden_entities(self, labels: Iterable[str]) -> None:
        self.hidden_entities = set(labels)
        self._invalidate()

    def entity_labels(self) -> list[str]:
        return sorted({e.label for e in self.entities})

    # ------------------------------------------------------------ layout

    @property
    def text_width(self) -> int:
        return max(10, self.scrollable_content_region.width - GUTTER)

    def _relayout(self) -> None:
        """Wrap again (new width, new paragraphs or fold state); keeps the top line's text in view."""
        top_offset = None
        if self.wrapped.lines and self.scroll_offset.y < len(self.wrapped):
            top_offset = self.wrapped.lines[self.scroll_offset.y].start
        self._hidden_paras = self._boilerplate_paragraphs() if self.folded else set()
        widths = {}
        if self.show_speakers:
            widths = {off: min(cell_len(s), self.text_width // 2) for off, s in self._suffix.items()}
        self._inserts = Inserts(widths)
        wrap = partial(lay.wrap_article, self.shown, width=self.text_width, hidden=self._hidden_paras, inserts=self._inserts)
        # A long article: wrap what the screen needs now, the rest in a thread (the
        # first lines come out the same, so the full layout replaces this one seamlessly).
        need = max(top_offset or 0, self.cursor_span.end if self.nav else 0) + PREFIX_CHARS
        self._generation += 1
        if len(self.shown) > 2 * need:
            cut = bisect_right([p.start for p in self.paragraphs], need)
            self.wrapped = wrap(self.paragraphs[:cut])
            estimate = int(len(self.wrapped) * len(self.shown) / max(1, self.paragraphs[cut - 1].end if cut else 1))
            self.run_worker(partial(wrap, list(self.paragraphs)), thread=True, group="wrap", exclusive=True,
                            name=f"wrap-{self._generation}", exit_on_error=False)  # fmt: skip
        else:
            self.wrapped = wrap(self.paragraphs)
            estimate = len(self.wrapped)
        self._build_nav()
        self._cache.clear()
        self._version += 1
        self.virtual_size = Size(self.scrollable_content_region.width, max(estimate, len(self.wrapped)))
        if top_offset is not None:
            self.scroll_to(y=self.wrapped.line_at(top_offset), animate=False, immediate=True)
        self.refresh()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        worker = event.worker
        if worker.group != "wrap" or event.state != WorkerState.SUCCESS:
            return
        event.stop()
        if worker.name == f"wrap-{self._generation}" and isinstance(worker.result, Layout):
            self.wrapped = worker.result
            self._cache.clear()
            self._version += 1
            self.virtual_size = Size(self.scrollable_content_region.width, len(self.wrapped))
            self.refresh()

    def _boilerplate_paragraphs(self) -> set[int]:
        hidden = set()
        for i, p in enumerate(self.paragraphs):
            covered = sum(min(b.end, p.end) - max(b.start, p.start) for b in self.boilerplate.overlapping(p.start, p.end))
            if covered >= (p.end - p.start) * 0.9:
                hidden.add(i)
        return hidden

    def _build_nav(self) -> None:
        keep = self.nav[self.cursor].start if self.nav else None
        if self._hidden_paras:
            para_starts = [p.start for p in self.paragraphs]
            hidden = self._hidden_paras
            self.nav = [s for s in self.sentences if bisect_right(para_starts, s.start) - 1 not in hidden]
        else:
            self.nav = self.sentences
        self._nav_starts = [s.start for s in self.nav]
        self.cursor = 0 if keep is None else self._nav_index(keep)

    def _nav_index(self, offset: int) -> int:
        return max(0, min(len(self.nav) - 1, bisect_right(self._nav_starts, offset) - 1))

    def on_resize(self, event: events.Resize) -> None:
        if self.text and self.wrapped.width != self.text_width:
            self._relayout()
            self.scroll_to_cursor()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()
        self._cache.clear()

    def _invalidate(self) -> None:
        self._version += 1
        self._cache.clear()
        self.refresh()

    # ------------------------------------------------------------ cursor and selection

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
        if span is None or not self.wrapped.lines:
            return None
        return self.wrapped.line_span(*span)

    def _refresh_spans(self, *spans: tuple[int, int] | None) -> None:
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
            self.post_message(self.CursorMoved(self, new_cursor.start, new_cursor.end))
        if self.selection != old_sel:
            self._refresh_spans(old_sel, self.selection)
        if scroll:
            self.scroll_to_cursor()

    def scroll_to_cursor(self) -> None:
        if not self.wrapped.lines or not self.nav:
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

    def toggle_fold(self) -> None:
        self.folded = not self.folded
        self._relayout()
        self.scroll_to_cursor()

    # ------------------------------------------------------------ search

    def search(self, query: str, limit: int = 10_000) -> int:
        """Highlight the matches of `query` (case-insensitive); returns how many."""
        spans = []
        if query:
            hay, needle = self.text.lower(), query.lower()
            if len(hay) != len(self.text):  # lower() changed lengths: match case exactly
                hay, needle = self.text, query
            pos = hay.find(needle)
            while pos != -1 and len(spans) < limit:
                spans.append(Span(pos, pos + len(needle), "MATCH"))
                pos = hay.find(needle, pos + len(needle))
        self.matches = SpanIndex(spans)
        self._current_match = None
        self._invalidate()
        return len(spans)

    def next_match(self, forward: bool = True) -> int | None:
        """Move the cursor to the next (or previous) match; the match's index, or None."""
        spans = self.matches.spans
        if not spans:
            return None
        cur, here = self._current_match, self.cursor_span.start
        if forward:
            i = cur + 1 if cur is not None else self.matches.index_after(here)
            i = i if i < len(spans) else 0
        else:
            i = cur - 1 if cur is not None else self.matches.index_after(here) - 1
            i = i if i >= 0 else len(spans) - 1
        self._current_match = i
        self.jump_to(spans[i].start)
        return i

    # ------------------------------------------------------------ mouse

    def offset_at(self, x: int, y: int) -> int:
        """Character offset under widget coordinates (x, y)."""
        row = y + self.scroll_offset.y
        if not self.wrapped.lines:
            return 0
        line = self.wrapped.lines[max(0, min(row, len(self.wrapped) - 1))]
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
        if event.button == 1 and self.wrapped.lines:
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

    # ------------------------------------------------------------ rendering

    def _style(self, name: str) -> Style:
        style = self._styles.get(name)
        if style is None:
            style = self._styles[name] = self.get_component_rich_style(name, partial=True)
        return style

    def render_line(self, y: int) -> Strip:
        row = self.scroll_offset.y + y
        width = self.scrollable_content_region.width
        if row >= len(self.wrapped):
            return Strip.blank(width, self.rich_style)
        line = self.wrapped.lines[row]
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
        return strip.apply_offsets(0, row)

    def _gutter(self, line: lay.Line, lead: str) -> list[Segment]:
        gutter = self._style("article-view--gutter")
        marks = ""
        if line.kind != BLANK:
            labels = dict.fromkeys(label_mark(a.label) for a in self.annotations.overlapping(line.start, line.end))
            marks = "".join(labels)
            if len(marks) > 2:
                marks = marks[0] + "+"
        lead_style = self._style("article-view--gutter-cursor") if lead != " " else gutter
        base = self.rich_style
        return [
            Segment(lead, base + lead_style),
            Segment(f"{marks:<{GUTTER - 2}} ", base + gutter),
        ]

    def _render_row(self, line: lay.Line, cur: tuple[int, int] | None, sel: tuple[int, int] | None, width: int) -> Strip:
        base = self.rich_style
        if cur is not None:
            lead = "▶" if cur[0] == self.cursor_span.start or line.kind == FOLD else "▏"
        else:
            lead = "┃" if sel is not None else " "
        gutter = self._gutter(line, lead)
        if line.kind == BLANK:
            return Strip(gutter, GUTTER).extend_cell_length(width, base)
        if line.kind == FOLD:
            label = f"⋯ boilerplate ({line.hidden} line{'s' if line.hidden != 1 else ''}) ⋯  b to unfold"
            text = Text(label)
            text.stylize(base + self._style("article-view--fold"))
        else:
            text = self._line_text(line, cur, sel)
        segments = gutter + list(text.render(self.app.console))
        return Strip(segments).crop_extend(0, width, base)

    def _line_text(self, line: lay.Line, cur: tuple[int, int] | None, sel: tuple[int, int] | None) -> Text:
        a, b = line.start, line.end
        text = Text(self.shown[a:b], no_wrap=True, end="")
        stylize = text.stylize
        stylize(self.rich_style)  # as a span: Text.render ignores the base style

        def paint(spans: Iterable[Any], style: Style) -> None:
            for s in spans:
                stylize(style, max(s.start, a) - a, min(s.end, b) - a)

        paint(self.boilerplate.overlapping(a, b), self._style("article-view--boilerplate"))
        hidden = self.hidden_entities
        for e in self.entities.overlapping(a, b):
            if e.label not in hidden:
                paint((e,), self._style(f"article-view--entity-{entity_kind(e.label)}"))
        paint(self.quotes.overlapping(a, b), self._style("article-view--quote"))
        for ann in self.annotations.overlapping(a, b):
            paint((ann,), self._style(label_class(ann.label)))
        paint(self.matches.overlapping(a, b), self._style("article-view--search-match"))
        if cur is not None and cur[1] > cur[0]:
            stylize(self._style("article-view--cursor"), cur[0] - a, cur[1] - a)
        if sel is not None:
            stylize(self._style("article-view--selection"), sel[0] - a, sel[1] - a)
        if self.show_speakers:
            for off in reversed(self._inserts.within(a, b)):
                suffix = self._suffix.get(off)
                if suffix:
                    limit = self._inserts.widths[off]
                    label = Text(suffix if cell_len(suffix) <= limit else suffix[: max(1, limit - 1)] + "…")
                    label.stylize(self.rich_style + self._style("article-view--speaker"))
                    left, right = text.divide([off - a])[0:2] if off < b else (text, Text(""))
                    text = Text.assemble(left, label, right, no_wrap=True, end="")
        return text
