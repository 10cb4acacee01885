"""AnnotationPanel: the side panel of the article screen (toggle with `p`).

A compact Tree: this article's annotations (orphaned ones marked ⚠), its entities with
counts, its quotations grouped by speaker. Selecting a node posts `Jump` with the
offsets it stands for; the screen moves the cursor to the next one after the cursor.

Tree nodes are not free, so the panel stays cheap: the Tree itself is built only after
the article's first frame (`build`, called by the screen) and only when the panel is
shown; until then the panel keeps what it was given. The annotation list is rebuilt at
most a few times a second (and not while hidden), entities and quotations only when
their branch is opened.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any, Iterable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.message import Message
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from reader.core.models import Analysis
from reader.core.text import one_line
from reader.ui.widgets.article_render import label_mark

MAX_ENTITIES = 80
MAX_ANNOTATIONS = 150  # listed; the rest are summed up in one line
MAX_SPEAKERS = 40
MAX_QUOTES = 30  # per speaker
REBUILD_DELAY = 0.15  # seconds: a burst of tags rebuilds the list once


class AnnotationPanel(Widget):
    @dataclass
    class Jump(Message):
        offsets: list[int]  # sorted; the screen picks the next one after the cursor

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._tree: Tree[list[int] | None] | None = None  # made by build()
        self._pending: tuple[list[Any], str] | None = None
        self._timer: Timer | None = None
        self._analysis: tuple[Analysis, str] | None = None
        self._built: set[int] = set()  # ids of branches filled for the current analysis
        self._stale = False  # the Tree still lists the last article (emptied by build)

    def compose(self) -> ComposeResult:
        return iter(())  # the Tree comes with build(), after the screen's first frame

    @property
    def is_built(self) -> bool:
        return self._tree is not None

    def build(self) -> None:
        """Make and mount the Tree (or show it again after `clear`), then show what the
        panel was given so far."""
        if not self.is_mounted:  # (the app closed as the screen was being made)
            return
        if self._tree is not None:
            if self._tree.display:
                return
            if self._stale:
                self._empty()
            self._tree.display = True
        else:
            tree: Tree[list[int] | None] = Tree("article", id="panel-tree")
            tree.show_root = False
            tree.guide_depth = 2
            self._tree = tree
            self._branches()
            self.mount(tree)
        if self._analysis is not None:
            self.show_analysis(*self._analysis)
        self._rebuild()

    def _branches(self) -> None:
        assert self._tree is not None
        self._annotations = self._tree.root.add("Annotations", expand=True)
        self._entities = self._tree.root.add("Entities", expand=False)
        self._quotes = self._tree.root.add("Quotations", expand=False)

    def clear(self) -> None:
        """Another article: the panel as a new one would be (branches folded, nothing listed,
        the Tree hidden until `build`: the article's first frame does without it, and the
        last article's nodes are removed then too, not before that frame)."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        self._pending, self._analysis = None, None
        self._built.clear()
        if self._tree is not None:
            self._tree.display = False
            self._stale = True

    def _empty(self) -> None:
        assert self._tree is not None
        self._stale = False
        self._tree.clear()
        self._branches()
        self._tree.cursor_line = -1
        self._tree.scroll_to(0, 0, animate=False)

    # ------------------------------------------------------------ annotations

    def show_annotations(self, annotations: Iterable[Any], text: str) -> None:
        self._pending = (list(annotations), text)
        if self._timer is None and self._tree is not None:
            self._timer = self.set_timer(REBUILD_DELAY, self._rebuild)

    def flush(self) -> None:
        """Rebuild now (tests, and when the panel is shown again)."""
        if self._timer is not None:
            self._timer.stop()
        self._rebuild()

    def _rebuild(self) -> None:
        self._timer = None
        tree = self._tree
        if self._pending is None or tree is None or not tree.display or not self.display or self.has_class("-hidden"):
            return  # (build() shows what is pending)
        annotations, text = self._pending
        self._pending = None
        node = self._annotations
        node.remove_children()
        items = sorted(annotations, key=lambda a: (bool(getattr(a, "orphaned", False)), a.start))
        for a in items[:MAX_ANNOTATIONS]:
            orphan = bool(getattr(a, "orphaned", False))
            body = one_line(getattr(a, "text", "") or text[a.start : a.end], 60)
            label = Text.assemble(
                ("⚠ " if orphan else f"{label_mark(a.label)} ", "bold"),
                body,
                (" ✎" if getattr(a, "note", "") else "", "dim"),
                (" ↔" if getattr(a, "links", ()) else "", "dim"),
            )
            node.add_leaf(label, data=None if orphan else [a.start])
        if len(items) > MAX_ANNOTATIONS:
            node.add_leaf(Text(f"… {len(items) - MAX_ANNOTATIONS} more (the gutter marks them all)", "dim"), data=None)
        node.set_label(f"Annotations ({len(items)})")
        if not items:
            node.add_leaf(Text("none yet: c claim, r rebuttal", "dim"), data=None)

    # ------------------------------------------------------------ entities and quotations

    def show_analysis(self, analysis: Analysis, text: str) -> None:
        self._analysis = (analysis, text)
        self._built.clear()
        if self._tree is None or not self._tree.display:
            return  # shown by build()
        mentions = {(e.label, text[e.start : e.end]) for e in analysis.entities}
        self._entities.remove_children()
        self._quotes.remove_children()
        self._entities.set_label(f"Entities ({len(mentions)})")
        self._quotes.set_label(f"Quotations ({len(analysis.quotes)})")
        for node in (self._entities, self._quotes):
            if node.is_expanded:
                self._fill(node)

    @on(Tree.NodeExpanded)
    def _expanded(self, event: Tree.NodeExpanded) -> None:
        if event.node in (self._entities, self._quotes):
            self._fill(event.node)

    def _fill(self, node: TreeNode) -> None:
        if self._analysis is None or node.id in self._built:
            return
        self._built.add(node.id)
        analysis, text = self._analysis
        if node is self._entities:
            mentions: dict[tuple[str, str], list[int]] = defaultdict(list)
            for e in analysis.entities:
                mentions[(e.label, one_line(text[e.start : e.end], 40))].append(e.start)
            ranked = sorted(mentions.items(), key=lambda kv: (-len(kv[1]), kv[0][1]))
            for (label, name), offsets in ranked[:MAX_ENTITIES]:
                node.add_leaf(Text.assemble(name, (f" {label} ×{len(offsets)}", "dim")), data=offsets)
            return
        by_speaker: dict[str, list[Any]] = defaultdict(list)
        for q in analysis.quotes:
            by_speaker[str(q.attrs.get("speaker") or "unknown speaker")].append(q)
        counts = Counter({k: len(v) for k, v in by_speaker.items()})
        for speaker, _n in counts.most_common(MAX_SPEAKERS):
            quotes = by_speaker[speaker]
            branch = node.add(Text.assemble(one_line(speaker, 30), (f" ×{len(quotes)}", "dim")), data=[q.start for q in quotes])
            for q in quotes[:MAX_QUOTES]:
                branch.add_leaf(one_line(text[q.start : q.end], 60), data=[q.start])

    @on(Tree.NodeSelected)
    def _selected(self, event: Tree.NodeSelected) -> None:
        event.stop()
        if event.node.data:
            self.post_message(self.Jump(list(event.node.data)))
