"""Import: our JSONL round trip, Prodigy and doccano lines, CRLF texts, and every kind
of bad line (reported by number, the valid lines still imported)."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest
import spacy

from reader.core.export import export_jsonl
from reader.core.importer import parse_jsonl
from reader.core.models import Article, ArticleInfo
from reader.core.store import AnnotationStore
from reader.core.text import sha256_text

T1 = "The minister said growth was 3%. 😀 “That is false,” said Ana Ruiz.\nPrices rose."
T2 = "A second article. It claims the moon is cheese.\n\nNobody agrees."
LABELS = ("claim", "rebuttal")


def article(article_id: str, text: str) -> Article:
    return Article(ArticleInfo(article_id, Path(f"{article_id}.txt"), article_id, None, None, None, 0, sha256_text(text), len(text)), text)


ARTICLES = [article("a1", T1), article("a2", T2)]


def span(text: str, quote: str, label: str) -> dict:
    start = text.index(quote)
    return {"start": start, "end": start + len(quote), "label": label}


def lines(*objs: object) -> list[bytes]:
    return [o if isinstance(o, bytes) else orjson.dumps(o) for o in objs]


@pytest.fixture(scope="module")
def nlp():
    return spacy.blank("en")


def test_round_trip_is_lossless(tmp_path: Path, nlp) -> None:
    a1, a2 = ARTICLES
    with AnnotationStore(tmp_path / "one.json", annotator="ana") as store:
        claim = store.add(a1, T1.index("growth"), T1.index(" was 3%") + 7, "claim", note="n1")
        rebut = store.add(a1, 34, 49, "rebuttal")
        far = store.add(a2, 0, 17, "rebuttal")
        store.link(rebut.id, claim.id)
        store.link(far.id, claim.id)  # across articles
        orphan = store.add(a2, 18, 47, "claim")
        changed = article("a2", T2.replace("It claims the moon is cheese.", "Changed."))
        store.reanchor(changed)  # the text of a2 changed: one annotation is orphaned
        assert store.get(orphan.id).orphaned
        first = store.all()
    corpus = [a1, changed]
    export_jsonl(tmp_path / "one.jsonl", first, {a.id: a for a in corpus}, nlp)
    result = parse_jsonl((tmp_path / "one.jsonl").read_bytes().split(b"\n"), corpus, LABELS, "someone")
    assert result.errors == []
    with AnnotationStore(tmp_path / "two.json") as store:
        added, skipped = store.import_annotations(result.annotations)
        assert (len(added), skipped) == (4, 0)
        second = store.all()
        again = parse_jsonl((tmp_path / "one.jsonl").read_bytes().split(b"\n"), corpus, LABELS, "x")
        assert store.import_annotations(again.annotations) == ([], 4)  # twice: nothing added
    assert second == first  # every field, orphan flag and links included
    export_jsonl(tmp_path / "two.jsonl", second, {a.id: a for a in corpus}, nlp)
    assert (tmp_path / "two.jsonl").read_bytes() == (tmp_path / "one.jsonl").read_bytes()


def test_prodigy_and_doccano_lines() -> None:
    prodigy = {"text": T1, "spans": [{**span(T1, "growth was 3%", "CLAIM"), "token_start": 4, "token_end": 6},
                                     span(T1, "That is false", "REBUTTAL")],
               "relations": [{"head": 0, "child": 0, "label": "REBUTS", "head_span": span(T1, "That is false", "REBUTTAL"),
                              "child_span": span(T1, "growth was 3%", "CLAIM")}], "answer": "accept"}  # fmt: skip
    doccano = {"text": T2, "label": [[18, 47, "claim"], [49, 63, "rebuttal"]]}
    rejected = {"text": T2, "spans": [span(T2, "Nobody", "claim")], "answer": "reject"}
    result = parse_jsonl(lines(prodigy, doccano, rejected), ARTICLES, LABELS, "importer")
    assert result.errors == []
    got = {(a.article_id, a.text, a.label) for a in result.annotations}
    assert got == {("a1", "growth was 3%", "claim"), ("a1", "That is false", "rebuttal"),
                   ("a2", "It claims the moon is cheese.", "claim"), ("a2", "Nobody agrees.", "rebuttal")}  # fmt: skip
    by_text = {a.text: a for a in result.annotations}
    assert by_text["That is false"].links == (by_text["growth was 3%"].id,)
    assert all(a.annotator == "importer" and not a.orphaned for a in result.annotations)


def test_crlf_and_bom_texts_map_offsets() -> None:
    crlf = "\ufeff" + T2.replace("\n", "\r\n")
    start = crlf.index("Nobody")
    result = parse_jsonl(lines({"text": crlf, "label": [[start, start + 14, "rebuttal"]]}), ARTICLES, LABELS, "x")
    (ann,) = result.annotations
    assert ann.text == "Nobody agrees." and T2[ann.start : ann.end] == "Nobody agrees."


def test_bad_lines_are_reported_by_number_and_the_rest_imports(tmp_path: Path) -> None:
    good = {"text": T1, "spans": [span(T1, "growth was 3%", "claim")]}
    data = lines(
        good,                                                    # 1 ok
        b"{not json",                                            # 2
        {"spans": []},                                           # 3 no text
        {"text": T1, "spans": [span(T1, "Prices rose.", "opinion")]},  # 4 unknown label
        {"text": T1, "spans": [{"start": 5, "end": 5000, "label": "claim"}]},  # 5 outside
        {"text": "A text that is in no article.", "label": [[0, 6, "claim"]]},  # 6 no article
        {"text": T1, "spans": [{"start": "0", "end": 4, "label": "claim"}]},  # 7 bad types
        {"text": T1, "spans": [{**span(T1, "Prices rose.", "claim"), "text": "Other"}]},  # 8 text mismatch
        {"text": T1, "entities": "nope"},                        # 9 no spans
        b"",
        b"[1, 2]",                                               # 11 not an object
    )  # fmt: skip
    result = parse_jsonl(data, ARTICLES, LABELS, "x")
    numbers = [n for n, _ in result.errors]
    assert numbers == [2, 3, 4, 5, 6, 7, 8, 9, 11]
    messages = dict(result.errors)
    assert "not valid JSON" in messages[2]
    assert "unknown label 'opinion' (known: claim, rebuttal)" in messages[4]
    assert "outside the text" in messages[5]
    assert "matches no article" in messages[6] and "1 annotation(s)" in messages[6]
    assert "is not the text" in messages[8]
    assert [a.text for a in result.annotations] == ["growth was 3%"]
    with AnnotationStore(tmp_path / "db.json") as store:
        assert len(store.import_annotations(result.annotations)[0]) == 1
        # the same file again adds nothing (no ids in it: matched on article, offsets, label)
        again = parse_jsonl(data, ARTICLES, LABELS, "x")
        assert store.import_annotations(again.annotations) == ([], 1)
        assert len(store.all()) == 1
