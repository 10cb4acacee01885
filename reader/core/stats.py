"""Counts for `reader stats`: annotations per label, per article and per annotator;
corpus articles with none; orphaned annotations. Plain data in, plain data out."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Iterable, Sequence

from reader.core.store_types import Annotation


@dataclass
class Stats:
    total: int = 0
    per_label: dict[str, int] = field(default_factory=dict)
    per_article: dict[str, dict[str, int]] = field(default_factory=dict)
    per_annotator: dict[str, int] = field(default_factory=dict)
    articles_without: list[str] = field(default_factory=list)
    not_in_corpus: list[str] = field(default_factory=list)
    orphaned: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "total": self.total, "per_label": self.per_label, "per_article": self.per_article,
            "per_annotator": self.per_annotator, "articles_without_annotations": self.articles_without,
            "articles_not_in_corpus": self.not_in_corpus, "orphaned": self.orphaned,
        }  # fmt: skip


def compute_stats(annotations: Iterable[Annotation], corpus_ids: Sequence[str] | None, labels: Sequence[str] = ()) -> Stats:
    anns = list(annotations)
    per_article: dict[str, Counter[str]] = {}
    for ann in anns:
        per_article.setdefault(ann.article_id, Counter())[ann.label] += 1
    label_counts = Counter(a.label for a in anns)
    per_label = {label: label_counts.get(label, 0) for label in labels}
    per_label.update(sorted(label_counts.items()))
    stats = Stats(
        total=len(anns),
        per_label=per_label,
        per_article={k: dict(sorted(v.items())) for k, v in sorted(per_article.items())},
        per_annotator=dict(sorted(Counter(a.annotator for a in anns).items())),
        orphaned=[
            {"id": a.id, "article_id": a.article_id, "label": a.label, "start": a.start, "end": a.end, "text": a.text}
            for a in sorted(anns, key=lambda a: (a.article_id, a.start))
            if a.orphaned
        ],
    )
    if corpus_ids is not None:
        known = set(corpus_ids)
        stats.articles_without = sorted(set(corpus_ids) - set(per_article))
        stats.not_in_corpus = sorted(set(per_article) - known)
    return stats


def _table(title: str, rows: list[tuple[str, ...]], header: tuple[str, ...]) -> list[str]:
    if not rows:
        return [f"{title}: none", ""]
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    out = [title]
    out.append("  " + "  ".join(str(h).ljust(w) for h, w in zip(header, widths)))
    out += ["  " + "  ".join(str(c).ljust(w) for c, w in zip(r, widths)) for r in rows]
    return out + [""]


def format_stats(stats: Stats, labels: Sequence[str]) -> str:
    from reader.core.text import one_line

    cols = list(dict.fromkeys([*labels, *stats.per_label]))
    lines = [f"{stats.total} annotations", ""]
    lines += _table("Per label", [(k, str(v)) for k, v in stats.per_label.items()], ("label", "count"))
    lines += _table(
        "Per article",
        [(one_line(k, 60), *(str(v.get(c, 0)) for c in cols), str(sum(v.values()))) for k, v in stats.per_article.items()],
        ("article", *cols, "total"),
    )
    lines += _table("Per annotator", [(one_line(k, 40), str(v)) for k, v in stats.per_annotator.items()], ("annotator", "count"))
    lines += _table("Articles with no annotations", [(one_line(k, 80),) for k in stats.articles_without], ("article",))
    if stats.not_in_corpus:
        lines += _table("Annotated articles missing from the corpus", [(one_line(k, 80),) for k in stats.not_in_corpus], ("article",))
    lines += _table(
        "Orphaned annotations (their text changed; kept, not placed)",
        [(one_line(o["article_id"], 40), o["label"], f"{o['start']}..{o['end']}", one_line(o["text"], 50)) for o in stats.orphaned],
        ("article", "label", "was at", "text"),
    )
    return "\n".join(lines).rstrip() + "\n"
