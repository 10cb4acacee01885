"""`reader stats` counts."""

from __future__ import annotations

from reader.core.stats import compute_stats, format_stats
from reader.core.store import Annotation


def ann(i: int, article: str, label: str, annotator: str, orphaned: bool = False) -> Annotation:
    return Annotation(f"{i:032x}", article, "0" * 64, i, i + 5, label, "words", "", "", "", (), annotator,
                      "2025-01-01T00:00:00.000Z", "2025-01-01T00:00:00.000Z", orphaned)  # fmt: skip


def test_counts_per_label_article_annotator_and_orphans() -> None:
    anns = [ann(1, "a", "claim", "ana"), ann(2, "a", "rebuttal", "bob"), ann(3, "b", "claim", "ana", orphaned=True),
            ann(4, "gone", "claim", "ana")]  # fmt: skip
    stats = compute_stats(anns, ["a", "b", "c"], labels=("claim", "rebuttal", "evidence"))
    assert stats.total == 4
    assert stats.per_label == {"claim": 3, "rebuttal": 1, "evidence": 0}
    assert stats.per_article == {"a": {"claim": 1, "rebuttal": 1}, "b": {"claim": 1}, "gone": {"claim": 1}}
    assert stats.per_annotator == {"ana": 3, "bob": 1}
    assert stats.articles_without == ["c"] and stats.not_in_corpus == ["gone"]
    assert [o["id"] for o in stats.orphaned] == [f"{3:032x}"]
    text = format_stats(stats, ("claim", "rebuttal", "evidence"))
    assert "4 annotations" in text and "Articles with no annotations" in text and "Orphaned annotations" in text
    assert stats.to_dict()["articles_without_annotations"] == ["c"]


def test_empty() -> None:
    stats = compute_stats([], [], labels=("claim",))
    assert stats.total == 0 and stats.per_label == {"claim": 0}
    assert "Orphaned annotations (their text changed; kept, not placed): none" in format_stats(stats, ("claim",))
