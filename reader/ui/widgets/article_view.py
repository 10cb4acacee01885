"""ArticleView: a Line-API view of one article with entities, quotations, boilerplate,
annotations, a passage cursor and a selection.

Only visible lines are rendered. The article is wrapped to the width into display lines
that know their character range (reader.ui.layout); a line is styled by the spans that
overlap it, found by bisection (article_render.py, with the strip cache). The cursor,
the selection and the mouse are in article_cursor.py.

Wrapping waits until the view knows its width: data given before the first layout is
wrapped once, just before the first lines are rendered, so an article opens in one
frame. A long article is wrapped as far as the screen needs; the rest is wrapped in a
thread started after that frame, and replaces the short layout when it is done.

The widget holds no store and no model: the screen gives it data and calls its methods.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from functools import partial
from itertools import islice
from operator import attrgetter, le
from typing import Any, Iterable, Sequence

from rich.cells import cell_len
from textual import events
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.scrollbar import ScrollBar
from textual.strip import Strip
from textual.worker import Worker, WorkerState

from reader.core.models import Analysis, Article, Span
from reader.core.text import display_safe, has_controls, one_line
from reader.ui import layout as lay
from reader.ui.layout import Inserts, Layout, SpanIndex
from reader.ui.widgets.article_cursor import CursorAndSelection
from reader.ui.widgets.scrollbar import KeptScrollBar
from reader.ui.widgets.article_render import (  # noqa: F401  (the names other modules import from here)
    CLOSING,
    COMPONENT_CLASSES,
    ENTITY_CLASSES,
    ENTITY_KINDS,
    GUTTER,
    ArticleRendering,
    entity_kind,
    label_class,
    label_mark,
)

SPEAKER_MAX = 28
PREFIX_CHARS = 20_000  # of a long article, wrapped at once (a few screens); the rest in a thread
SAFE_HEAD = 64_000  # of a long article, made safe to show at once; the rest with the background wrap


def _display_safe_head(text: str, upto: int) -> str:
    """`text` with control characters replaced in text[:upto] (the rest as it is)."""
    head = text[:upto] if upto < len(text) else text
    if "\t" not in head and not has_controls(head):
        return text
    return display_safe(head) + text[upto:] if upto < len(text) else display_safe(text)


def _finish(text: str, shown: str, safe_upto: int, paragraphs: list[Span], **wrap: Any) -> tuple[str, Layout]:
    """In a thread: the whole article made safe to show, and its display lines."""
    if safe_upto < len(text):
        shown = display_safe(text)
    return shown, lay.wrap_article(shown, paragraphs, **wrap)


class ArticleView(CursorAndSelection, ArticleRendering, ScrollView, can_focus=True, inherit_bindings=False):
    """The text of one article. Keys are bound on the screen, which calls the methods here."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = COMPONENT_CLASSES

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
        self.show_speakers = True
        self._version = 0
        self._generation = 0  # of the layout: a thread's wrap of an older one is dropped
        self._scroll_after_layout = False
        self._init_rendering()
        self._no_article()

    def _no_article(self) -> None:
        """The state of a view that shows no article yet."""
        self.text = ""
        self.shown = ""  # display_safe(text): same length, no control characters
        self.article_id = ""
        self.paragraphs: list[Span] = []
        self.sentences: list[Span] = []
        self.entities = SpanIndex()
        self._entity_labels: list[str] | None = None  # of `entities`, once asked for
        self.quotes = SpanIndex()
        self.boilerplate = SpanIndex()
        self.annotations = SpanIndex()
        self.matches = SpanIndex()
        self.hidden_entities: set[str] = set()
        self.folded = False
        self.wrapped = Layout(1)
        self.nav: list[Span] = []  # passages the cursor visits (sentences not folded away)
        self._nav_starts: list[int] = []
        self._sentence_starts: list[int] = []
        self.cursor = 0  # index into nav
        self.selection: tuple[int, int] | None = None
        self._inserts = Inserts()
        self._suffix: dict[int, str] = {}
        self._hidden_paras: set[int] = set()
        self._drag: int | None = None
        self._current_match: int | None = None
        self._stale = False  # the layout must be made again before lines are rendered
        self._keep_offset: int | None = None  # the text to keep at the top when it is
        self._safe_upto = 0  # shown[:_safe_upto] has its control characters replaced

    def clear(self) -> None:
        """Show no article (the screen moves on to another): every setting of the last
        one (fold, hidden entities, search, scroll) back to a new view's."""
        self._no_article()
        self._generation += 1  # a wrap still running for the last article is dropped
        self._cache.clear()
        self._version += 1
        self.virtual_size = Size(self.scrollable_content_region.width, 0)
        self.scroll_to(0, 0, animate=False, immediate=True)
        self.refresh()

    # ------------------------------------------------------------ data in

    def set_article(
        self, article: Article, paragraphs: Sequence[Span], sentences: Sequence[Span], analysis: Analysis | None = None
    ) -> None:
        self.article_id = article.id
        self.text = text = article.text
        # Control characters are replaced before anything is shown: in the head of a long
        # article now, in the rest with the background wrap (nothing past the head is
        # laid out before that), in a short one at once.
        self._safe_upto = len(text) if len(text) <= SAFE_HEAD * 2 else SAFE_HEAD
        self.shown = _display_safe_head(text, self._safe_upto)
        self.paragraphs = list(paragraphs)
        self.selection = None
        self.matches = SpanIndex()
        self.cursor = 0
        self.nav = []
        self.wrapped = Layout(1)
        self._keep_offset = None
        self._set_passages(sentences, analysis)

    def set_analysis(self, analysis: Analysis) -> None:
        """The model's analysis arrived: entities, quotes, boilerplate, real sentences."""
        keep = self.cursor_span.start if self.nav else 0
        self._set_passages(analysis.sentences or self.sentences, analysis)
        self.jump_to(keep, scroll=False)

    def _set_passages(self, sentences: Sequence[Span], analysis: Analysis | None) -> None:
        starts = [p.start for p in sentences]
        if all(map(le, starts, islice(starts, 1, None))):  # the analysis gives them in order
            self.sentences = list(sentences)
        else:
            self.sentences = sorted(sentences, key=attrgetter("start"))
            starts = [p.start for p in self.sentences]
        self._sentence_starts = starts
        if analysis is not None:
            if analysis.paragraphs:
                self.paragraphs = list(analysis.paragraphs)
            self.entities = SpanIndex(analysis.entities)
            self._entity_labels = None
            self.quotes = SpanIndex(analysis.quotes)  # drawn with their marks (ArticleRendering)
            self.boilerplate = SpanIndex(analysis.boilerplate)
        self._suffix = {}
        text, n, labels = self.text, len(self.text), {}
        for q in self.quotes:
            speaker = q.attrs.get("speaker") if q.attrs else None
            if not speaker:
                continue
            end = q.end + 1 if q.end < n and text[q.end] in CLOSING else q.end  # after the closing mark
            if speaker not in text[end : end + 60]:  # not named right after
                label = labels.get(speaker)
                if label is None:
                    label = labels[speaker] = " — " + one_line(str(speaker), SPEAKER_MAX)
                self._suffix[end] = label
        self._relayout()

    def set_annotations(self, annotations: Iterable[Any]) -> None:
        """Objects with .start, .end, .label (store Annotations, or pending ones)."""
        self.annotations = SpanIndex(a for a in annotations if not getattr(a, "orphaned", False))
        self._invalidate()

    def set_hidden_entities(self, labels: Iterable[str]) -> None:
        self.hidden_entities = set(labels)
        self._invalidate()

    def entity_labels(self) -> list[str]:
        if self._entity_labels is None:  # asked for a few times an open: counted once
            self._entity_labels = sorted({e.label for e in self.entities})
        return list(self._entity_labels)

    # ------------------------------------------------------------ layout

    @property
    def text_width(self) -> int:
        return max(10, self.scrollable_content_region.width - GUTTER)

    def _relayout(self) -> None:
        """New paragraphs, passages or fold state: the cursor's passages now, the display
        lines as soon as the width is known (now, if it is). Keeps the top line's text in view."""
        if self._keep_offset is None and len(self.wrapped) and self.scroll_offset.y < len(self.wrapped):
            self._keep_offset = self.wrapped.starts[self.scroll_offset.y]
        self._hidden_paras = self._boilerplate_paragraphs() if self.folded else set()
        self._build_nav()
        self._stale = True  # wrapped now if the width is known, else when the first frame asks for lines
        if self.size.width:
            self._wrap()
        self.refresh()

    def _layout_pending(self) -> bool:
        return self._stale and bool(self.text)

    def render_lines(self, crop: Region) -> list[Strip]:
        if self._stale and self.size.width:
            self._wrap()
        return super().render_lines(crop)

    def _wrap(self) -> None:
        """Wrap at the current width: what the screen needs at once, the rest in a thread
        (its first lines come out the same, so the full layout replaces this one seamlessly)."""
        self._stale = False
        top_offset, self._keep_offset = self._keep_offset, None
        width = self.text_width
        widths = {}
        if self.show_speakers and self._suffix:
            half = width // 2
            cells = {s: min(cell_len(s), half) for s in set(self._suffix.values())}  # a few speakers
            widths = {off: cells[s] for off, s in self._suffix.items()}
        self._inserts = Inserts(widths)
        need = max(top_offset or 0, self.cursor_span.end if self.nav else 0) + PREFIX_CHARS
        self._generation += 1
        long = len(self.shown) > 2 * need
        cut = bisect_right([p.start for p in self.paragraphs], need) if long else len(self.paragraphs)
        if not long or (cut and self.paragraphs[cut - 1].end > self._safe_upto):
            self._make_safe()  # all of it is laid out now
        wrap = partial(lay.wrap_article, self.shown, width=width, hidden=self._hidden_paras, inserts=self._inserts)
        if long:
            self.wrapped = wrap(self.paragraphs[:cut])
            estimate = int(len(self.wrapped) * len(self.shown) / max(1, self.paragraphs[cut - 1].end if cut else 1))
            rest = partial(_finish, self.text, self.shown, self._safe_upto, list(self.paragraphs), width=width,
                           hidden=self._hidden_paras, inserts=self._inserts)  # fmt: skip
            self.call_after_refresh(self._wrap_rest, rest, self._generation)
        else:
            self.wrapped = wrap(self.paragraphs)
            estimate = len(self.wrapped)
        self._cache.clear()
        self._version += 1
        self.virtual_size = Size(self.scrollable_content_region.width, max(estimate, len(self.wrapped)))
        if top_offset is not None:
            self.scroll_to(y=self.wrapped.line_at(top_offset), animate=False, immediate=True)
        if self._scroll_after_layout:
            self._scroll_after_layout = False
            self.scroll_to_cursor()

    def _make_safe(self) -> None:
        if self._safe_upto < len(self.text):
            self.shown = display_safe(self.text)
            self._safe_upto = len(self.text)
            self._cache.clear()

    def _wrap_rest(self, wrap: partial[tuple[str, Layout]], generation: int) -> None:
        """After the frame: the whole article, in a thread (it would only slow that frame)."""
        if generation == self._generation:
            self.run_worker(wrap, thread=True, group="wrap", exclusive=True, name=f"wrap-{generation}",
                            description="wrap the whole article", exit_on_error=False)  # fmt: skip

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        worker = event.worker
        if worker.group != "wrap" or event.state != WorkerState.SUCCESS:
            return
        event.stop()
        if worker.name == f"wrap-{self._generation}" and not self._stale and isinstance(worker.result, tuple):
            covered = self.wrapped.ends[-1] if len(self.wrapped) else 0
            self.shown, self.wrapped = worker.result
            self._safe_upto = len(self.text)
            self._cache.clear()
            self._version += 1
            self.virtual_size = Size(self.scrollable_content_region.width, len(self.wrapped))
            self.refresh()
            if self.nav and self.cursor_span.end > covered:  # the cursor went past the short layout
                self.scroll_to_cursor()

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
            self._nav_starts = [s.start for s in self.nav]
        else:
            self.nav = self.sentences
            self._nav_starts = self._sentence_starts
        self.cursor = 0 if keep is None else self._nav_index(keep)

    def _nav_index(self, offset: int) -> int:
        return max(0, min(len(self.nav) - 1, bisect_right(self._nav_starts, offset) - 1))

    @property
    def vertical_scrollbar(self) -> ScrollBar:
        """Textual's own, but one that redraws only when it looks different (KeptScrollBar)."""
        if self._vertical_scrollbar is None:
            self._vertical_scrollbar = bar = KeptScrollBar(vertical=True, name="vertical", thickness=self.scrollbar_size_vertical)
            bar.display = False
            self.app._start_widget(self, bar)
        return self._vertical_scrollbar

    def on_resize(self, event: events.Resize) -> None:
        if self.text and not self._stale and self.wrapped.width != self.text_width:
            self._relayout()
            self.scroll_to_cursor()

    def _invalidate(self) -> None:
        self._version += 1
        self._cache.clear()
        self.refresh()

    def _cursor_moved(self, start: int, end: int) -> None:
        self.post_message(self.CursorMoved(self, start, end))

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

