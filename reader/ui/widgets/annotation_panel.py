"""AnnotationPanel: the side panel of the article screen (toggle with `p`).

A compact Tree: this article's annotations (orphaned ones marked ⚠), its entities with
counts, its quotations grouped by speaker. Selecting a node posts `Jump` with the
offsets it stands for; the screen moves the cursor to the next one after the cursor.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any, Iterable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Tree

from reader.core.models import Analysis
from reader.core.text import one_line
from reader.ui.widgets.article_view import label_mark

MAX_ENTITIES = 80


class AnnotationPanel(Widget):
    @dataclass
    class Jump(Message):
        offsets: list[int]  # sorted; the screen picks the next one after the cursor

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._tree: Tree[list[int] | None] = Tree("article", id="panel-tree")
        self._tree.show_root = False
        self._tree.guide_depth = 2
        self._annotations = self._tree.root.add("Annotations", expand=True)
        self._entities = self._tree.root.add("Entities", expand=False)
        self._quotes = self._tree.root.add("Quotations", expand=False)

    def compose(self) -> ComposeResult:
        yield self._tree

    def show_annotations(self, annotations: Iterable[Any], text: str) -> None:
        node = self._annotations
        node.remove_children()
        items = sorted(annotations, key=lambda a: (bool(getattr(a, "orphaned", False)), a.start))
        for a in items:
            orphan = bool(getattr(a, "orphaned", False))
            body = one_line(getattr(a, "text", "") or text[a.start : a.end], 60)
            label = Text.assemble(
                ("⚠ " if orphan else f"{label_mark(a.label)} ", "bold"),
                body,
                (" ✎" if getattr(a, "note", "") else "", "dim"),
                (" ↔" if getattr(a, "links", ()) else "", "dim"),
            )
            node.add_leaf(label, data=None if orphan else [a.start])
        node.set_label(f"Annotations ({len(items)})")
        if not items:
            node.add_leaf(Text("none yet: c claim, r rebuttal", "dim"), data=None)

    def show_analysis(self, analysis: Analysis, text: str) -> None:
        mentions: dict[tuple[str, str], list[int]] = defaultdict(list)
        for e in analysis.entities:
            mentions[(e.label, one_line(text[e.start : e.end], 40))].append(e.start)
        self._entities.remove_children()
        ranked = sorted(mentions.items(), key=lambda kv: (-len(kv[1]), kv[0][1]))
        for (label, name), offsets in ranked[:MAX_ENTITIES]:
            self._entities.add_leaf(Text.assemble(name, (f" {label} ×{len(offsets)}", "dim")), data=offsets)
        self._entities.set_label(f"Entities ({len(mentions)})")

        by_speaker: dict[str, list[Any]] = defaultdict(list)
        for q in analysis.quotes:
            by_speaker[str(q.attrs.get("speaker") or "unknown speaker")].append(q)
        self._quotes.remove_children()
        counts = Counter({k: len(v) for k, v in by_speaker.items()})
        for speaker, _n in counts.most_common():
            quotes = by_speaker[speaker]
            node = self._quotes.add(
                Text.assemble(one_line(speaker, 30), (f" ×{len(quotes)}", "dim")), data=[q.start for q in quotes]
            )
            for q in quotes:
                node.add_leaf(one_line(text[q.start : q.end], 60), data=[q.start])
        self._quotes.set_label(f"Quotations ({len(analysis.quotes)})")

    @on(Tree.NodeSelected)
    def _selected(self, event: Tree.NodeSelected) -> None:
        event.stop()
        if event.node.data:
            self.post_message(self.Jump(list(event.node.data)))
