"""AnnotationStore on real files: changes, undo/redo across restarts, links, re-anchoring,
locking and read-only access."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import orjson
import pytest
from tinydb import TinyDB

from reader.core.models import Article, ArticleInfo
from reader.core.reanchor import locate
from reader.core.store import AnnotationStore, StoreError, StoreLocked
from reader.core.text import sha256_text

TEXT = (
    "The minister said the economy grew by 3% last year. 😀 Critics disagree.\n\n"
    "“The figures are wrong,” said Ana Ruiz, an economist. The economy did not grow.\n"
)


def article(text: str = TEXT, article_id: str = "a1") -> Article:
    info = ArticleInfo(article_id, Path(f"{article_id}.txt"), article_id, None, None, None, 0, sha256_text(text), len(text))
    return Article(info, text)


def span_of(text: str, quote: str) -> tuple[int, int]:
    start = text.index(quote)
    return start, start + len(quote)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "nested" / "annotations.json"


def test_add_records_everything_and_is_on_disk(db: Path) -> None:
    a = article()
    start, end = span_of(TEXT, "the economy grew by 3% last year")
    with AnnotationStore(db, annotator="ana") as store:
        ann = store.add(a, start, end, "claim", note="check")
        assert ann.text == TEXT[start:end] and ann.article_sha256 == a.sha256
        assert ann.before == TEXT[max(0, start - 40) : start] and ann.after == TEXT[end : end + 40]
        assert (ann.annotator, ann.note, ann.orphaned, ann.links, ann.schema) == ("ana", "check", False, (), 1)
        assert ann.created.endswith("Z") and ann.span.label == "claim"
        # durable before close: another reader (read-only) sees it now
        with AnnotationStore(db, read_only=True) as other:
            assert other.get(ann.id) == ann
    # after close the snapshot is a plain TinyDB file
    tdb = TinyDB(db)
    assert tdb.table("annotations").all()[0]["id"] == ann.id
    tdb.close()


def test_offsets_count_characters_with_emoji(db: Path) -> None:
    a = article()
    start, end = span_of(TEXT, "Critics disagree.")
    with AnnotationStore(db) as store:
        ann = store.add(a, start, end, "rebuttal")
    assert ann.text == "Critics disagree."


def test_overlapping_spans_allowed_and_sorted(db: Path) -> None:
    a = article()
    with AnnotationStore(db) as store:
        second = store.add(a, 10, 40, "claim")
        first = store.add(a, 4, 20, "rebuttal")
        assert [x.id for x in store.for_article("a1")] == [first.id, second.id]
        assert store.counts() == {"a1": {"claim": 1, "rebuttal": 1}}


@pytest.mark.parametrize("start,end", [(-1, 5), (5, 5), (10, 4), (0, len(TEXT) + 1)])
def test_bad_offsets_rejected(db: Path, start: int, end: int) -> None:
    with AnnotationStore(db) as store:
        with pytest.raises(StoreError, match="inside the text"):
            store.add(article(), start, end, "claim")
        assert store.all() == []


def test_unknown_label_rejected_with_the_known_ones(db: Path) -> None:
    with AnnotationStore(db, labels=("claim", "rebuttal", "evidence")) as store:
        store.add(article(), 0, 5, "evidence")
        with pytest.raises(StoreError, match="unknown label 'opinion'.*claim, rebuttal, evidence"):
            store.add(article(), 0, 5, "opinion")


def test_undo_redo_every_kind_of_change_and_across_restart(db: Path) -> None:
    a = article()
    with AnnotationStore(db) as store:
        claim = store.add(a, 4, 30, "claim")
        rebut = store.add(a, 60, 80, "rebuttal")
        store.link(rebut.id, claim.id)
        store.set_note(claim.id, "a note")
        store.relabel(claim.id, "rebuttal")
        store.remove(claim.id)
        assert store.get(rebut.id).links == ()  # removing a claim drops links to it
    with AnnotationStore(db) as store:  # restart
        assert store.undo().startswith("Undid: remove")
        assert store.get(claim.id).label == "rebuttal" and store.get(rebut.id).links == (claim.id,)
        assert store.undo().startswith("Undid: relabel")
        assert store.get(claim.id).label == "claim"
        assert store.undo().startswith("Undid: note")
        assert store.get(claim.id).note == ""
        assert store.undo().startswith("Undid: link")
        assert store.get(rebut.id).links == ()
        store.undo()
        store.undo()
        assert store.all() == [] and store.undo() is None
        assert store.redo().startswith("Redid: add")
    with AnnotationStore(db) as store:  # the redo stack survives a restart too
        assert [x.id for x in store.all()] == [claim.id]
        assert store.redo().startswith("Redid: add")
        store.add(a, 0, 3, "claim")  # a new change forgets what could be redone
        assert store.redo() is None
        assert len(store.all()) == 3


def test_unlink_and_self_link(db: Path) -> None:
    a = article()
    with AnnotationStore(db) as store:
        x = store.add(a, 4, 30, "claim")
        y = store.add(a, 60, 80, "rebuttal")
        with pytest.raises(StoreError, match="itself"):
            store.link(x.id, x.id)
        with pytest.raises(StoreError, match="no annotation"):
            store.link(y.id, "nope")
        assert store.link(y.id, x.id).links == (x.id,)
        assert store.unlink(y.id, x.id).links == ()


def test_links_across_articles(db: Path) -> None:
    other = article("Another text where the economy shrank badly.", "a2")
    with AnnotationStore(db) as store:
        claim = store.add(article(), 4, 30, "claim")
        rebut = store.add(other, 8, 30, "rebuttal")
        store.link(rebut.id, claim.id)
        assert store.get(rebut.id).links == (claim.id,)


def test_reanchor_moves_keeps_and_orphans(db: Path) -> None:
    a = article()
    with AnnotationStore(db) as store:
        moved = store.add(a, *span_of(TEXT, "“The figures are wrong,” said Ana Ruiz"), "rebuttal")
        kept = store.add(a, *span_of(TEXT, "The minister said"), "claim")
        gone = store.add(a, *span_of(TEXT, "Critics disagree."), "rebuttal")
        twice = store.add(a, *span_of(TEXT, "The economy did not grow."), "claim")
    new_text = TEXT.replace("Critics disagree.", "Some object.").replace(
        "“The figures", "A new sentence here. “The figures"
    ).replace("The economy did not grow.", "The economy did not grow. X The economy did not grow. X")
    changed = article(new_text)
    with AnnotationStore(db) as store:
        report = store.reanchor(changed)
        assert {x.id for x in report.moved} == {moved.id, twice.id}  # twice: the copy with its old context
        assert {x.id for x in report.orphaned} == {gone.id}
        assert report.unchanged == 1
        m = store.get(moved.id)
        assert new_text[m.start : m.end] == moved.text and m.article_sha256 == changed.sha256
        assert store.get(kept.id).start == kept.start
        g = store.get(gone.id)
        assert g.orphaned and (g.start, g.end, g.text) == (gone.start, gone.end, gone.text)  # kept, not shifted
        # the text comes back: the orphan is restored
        report = store.reanchor(a)
        assert {x.id for x in report.restored} == {gone.id}
        assert not store.get(gone.id).orphaned


def test_reanchor_orphans_when_ambiguous(db: Path) -> None:
    with AnnotationStore(db) as store:
        ann = store.add(article(), *span_of(TEXT, "said Ana Ruiz"), "claim")
        report = store.reanchor(article(TEXT + TEXT))  # the passage and its context, twice
        assert [x.id for x in report.orphaned] == [ann.id]
        assert store.get(ann.id).orphaned and store.get(ann.id).start == ann.start


def test_locate_needs_context_for_short_quotes() -> None:
    assert locate("a cat sat", "cat", "zz", "yy") is None  # unique but too short, no context
    assert locate("a cat sat", "cat", "a ", " sat") == 2
    assert locate("the cat and the cat", "cat", "the ", "") is None  # tie


def test_second_writer_is_refused_and_can_read(db: Path) -> None:
    a = article()
    with AnnotationStore(db) as store:
        ann = store.add(a, 0, 10, "claim")
        code = textwrap.dedent(
            f"""
            from pathlib import Path
            from reader.core.store import AnnotationStore, StoreLocked
            try:
                AnnotationStore(Path({str(db)!r}))
            except StoreLocked as exc:
                print("LOCKED", exc.holder)
                print(exc)
            with AnnotationStore(Path({str(db)!r}), read_only=True) as ro:
                print("READ", len(ro.all()))
            """
        )
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
        assert out.returncode == 0, out.stderr
        assert "LOCKED pid" in out.stdout and "READ 1" in out.stdout
        assert "in use by another reader" in out.stdout and "--read-only" in out.stdout
        store.add(a, 20, 30, "claim")  # the first writer is unaffected
    with AnnotationStore(db) as store:
        assert len(store.all()) == 2 and store.get(ann.id) is not None


def test_second_writer_in_same_process_is_refused(db: Path) -> None:
    with AnnotationStore(db):
        with pytest.raises(StoreLocked):
            AnnotationStore(db)


def test_read_only_refuses_changes_and_never_writes(db: Path) -> None:
    with AnnotationStore(db) as store:
        ann = store.add(article(), 0, 10, "claim")
    before = {p.name: p.read_bytes() for p in db.parent.iterdir()}
    with AnnotationStore(db, read_only=True) as ro:
        for call in (lambda: ro.add(article(), 0, 3, "claim"), lambda: ro.remove(ann.id), ro.undo):
            with pytest.raises(StoreError, match="read-only"):
                call()
        ro.reanchor(article(TEXT.replace("The minister", "A minister")))
    assert {p.name: p.read_bytes() for p in db.parent.iterdir()} == before


def test_read_only_of_missing_database_is_empty_and_creates_nothing(tmp_path: Path) -> None:
    with AnnotationStore(tmp_path / "none.json", read_only=True) as ro:
        assert ro.all() == []
    assert list(tmp_path.iterdir()) == []


def test_rolling_backups_keep_three(db: Path) -> None:
    for i in range(5):
        with AnnotationStore(db) as store:
            store.add(article(), i, i + 5, "claim")
    backups = sorted(db.parent.glob("annotations.json.bak*"))
    assert [b.name[-4:] for b in backups] == ["bak1", "bak2", "bak3"]
    counts = [len(orjson.loads(b.read_bytes())["annotations"]) for b in backups]
    assert counts == [4, 3, 2]


def test_import_annotations_skips_duplicates(db: Path) -> None:
    a = article()
    with AnnotationStore(db) as store:
        ann = store.add(a, 0, 10, "claim")
        dup_place = ann.__class__(**{**ann.to_doc(), "id": "x" * 32, "links": ()})
        added, skipped = store.import_annotations([ann, dup_place])
        assert (added, skipped) == ([], 2)
        assert store.undo().startswith("Undid: add")  # an import with nothing added is no change
