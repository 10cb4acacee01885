"""Databases that are empty, truncated, not JSON, the wrong shape or from the future:
each gets a message naming the file and the kept copy, and is never overwritten."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from reader.core.models import Article, ArticleInfo
from reader.core.store import AnnotationStore, StoreCorrupt
from reader.core.text import sha256_text

TEXT = "One claim here. One rebuttal there. And some more words to annotate."


def article() -> Article:
    return Article(ArticleInfo("a", Path("a.txt"), "a", None, None, None, 0, sha256_text(TEXT), len(TEXT)), TEXT)


def good_db(path: Path) -> bytes:
    with AnnotationStore(path) as store:
        store.add(article(), 0, 15, "claim")
    return path.read_bytes()


def _wrong_shape(good: bytes) -> bytes:
    data = orjson.loads(good)
    next(iter(data["annotations"].values()))["start"] = "zero"
    return orjson.dumps(data)


def _future(good: bytes) -> bytes:
    data = orjson.loads(good)
    data["_meta"]["1"]["schema"] = 99
    return orjson.dumps(data)


CASES = {
    "empty": (lambda good: b"", "empty"),
    "truncated": (lambda good: good[: len(good) // 2], "not valid JSON"),
    "not json": (lambda good: b"hello, I am a text file\n", "not valid JSON"),
    "a list": (lambda good: b"[1, 2, 3]", "not a TinyDB database"),
    "plain tinydb": (lambda good: b'{"_default": {"1": {"a": 1}}}', "not a reader annotation database"),
    "bad field": (_wrong_shape, "field 'start'"),
    "future schema": (_future, "newer version of reader"),
}


@pytest.mark.parametrize("case", list(CASES))
@pytest.mark.parametrize("read_only", [False, True])
def test_bad_database_is_reported_and_never_overwritten(tmp_path: Path, case: str, read_only: bool) -> None:
    db = tmp_path / "annotations.json"
    good = good_db(db)
    make, needle = CASES[case]
    bad = make(good)
    db.write_bytes(bad)
    with pytest.raises(StoreCorrupt) as info:
        AnnotationStore(db, read_only=read_only)
    err = info.value
    message = str(err)
    assert str(db) in message and needle in message and str(err.kept_copy) in message
    assert "Nothing has been changed" in message
    assert err.path == db and err.kept_copy.read_bytes() == bad
    if case != "future schema":
        assert "bak1" in message  # where the last good version is
        backup = tmp_path / "annotations.json.bak1"  # the snapshot before the last compaction
        assert orjson.loads(backup.read_bytes())["_meta"]["1"]["format"] == "reader-annotations"
    assert db.read_bytes() == bad  # untouched
    # the lock was released: a corrected database opens again
    db.write_bytes(good)
    with AnnotationStore(db) as store:
        assert len(store.all()) == 1


def test_corrupt_without_backup_says_how_to_start_again(tmp_path: Path) -> None:
    db = tmp_path / "annotations.json"
    db.write_bytes(b"{not json")
    with pytest.raises(StoreCorrupt, match="move .* away"):
        AnnotationStore(db)
    assert db.read_bytes() == b"{not json"


def test_bad_journal_line_in_the_middle_is_corruption(tmp_path: Path) -> None:
    db = tmp_path / "annotations.json"
    good_db(db)
    journal = tmp_path / "annotations.json.journal"
    journal.write_bytes(b'{"seq": 2, "ch": []}\nGARBAGE\n{"seq": 3, "ch": []}\n')
    with pytest.raises(StoreCorrupt, match="journal: line 2"):
        AnnotationStore(db)
    assert journal.read_bytes().startswith(b'{"seq": 2')


def test_torn_last_journal_line_is_dropped(tmp_path: Path) -> None:
    db = tmp_path / "annotations.json"
    good_db(db)
    journal = tmp_path / "annotations.json.journal"
    journal.write_bytes(b'{"seq": 2, "ch": [["annotations", "9", null]]}\n{"seq": 3, "ch": [["annot')
    with AnnotationStore(db) as store:
        assert len(store.all()) == 1
    assert journal.read_bytes() == b""


def test_missing_snapshot_with_journal_is_corruption(tmp_path: Path) -> None:
    db = tmp_path / "annotations.json"
    (tmp_path / "annotations.json.journal").write_bytes(b'{"seq": 1, "ch": []}\n')
    with pytest.raises(StoreCorrupt, match="missing"):
        AnnotationStore(db)
    assert not db.exists()


def test_unwritable_folder_gives_a_clear_error(tmp_path: Path) -> None:
    import os

    from reader.core.store import StoreError

    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        if os.access(folder, os.W_OK):
            pytest.skip("running as a user who can write anywhere")
        with pytest.raises(StoreError, match=str(folder)):
            AnnotationStore(folder / "annotations.json")
    finally:
        folder.chmod(0o700)


def test_database_folder_that_is_a_file_gives_a_clear_error(tmp_path: Path) -> None:
    from reader.core.store import StoreError

    (tmp_path / "file").write_text("x")
    with pytest.raises(StoreError, match="cannot create the database folder"):
        AnnotationStore(tmp_path / "file" / "annotations.json")
