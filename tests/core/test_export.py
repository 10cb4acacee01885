"""CSV and JSONL exports against expected output, spaCy DocBin export with a blank
pipeline, and the bad output paths."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import orjson
import pytest
import spacy

from reader.core.export import ExportError, ExportFilter, export_csv, export_jsonl, neutralise, write_atomic
from reader.core.export_spacy import export_spacy, split_articles
from reader.core.models import Analysis, Article, ArticleInfo, Span
from reader.core.store import Annotation
from reader.core.text import sha256_text

TEXT = "Menu | Subscribe\n\nThe minister said growth was 3%. 😀 “That is false,” said Ana Ruiz.\nPrices rose."
SHA = sha256_text(TEXT)


def find(quote: str) -> tuple[int, int]:
    start = TEXT.index(quote)
    return start, start + len(quote)


ARTICLE = Article(ArticleInfo("a1", Path("/corpus/a1.txt"), "Growth", None, None, None, 12, SHA, len(TEXT)), TEXT)
SENTS = [Span(*find("Menu | Subscribe"), "SENTENCE"), Span(*find("The minister said growth was 3%."), "SENTENCE"),
         Span(*find("😀 “That is false,” said Ana Ruiz."), "SENTENCE"), Span(*find("Prices rose."), "SENTENCE")]  # fmt: skip
ANALYSIS = Analysis(
    "a1", SHA, "test",
    entities=[Span(*find("Ana Ruiz"), "PERSON"), Span(*find("3%"), "PERCENT")],
    quotes=[Span(*find("“That is false,”"), "QUOTE", {"speaker": "Ana Ruiz", "cue": "said"})],
    sentences=SENTS, paragraphs=[Span(0, 16, "PARAGRAPH"), Span(18, len(TEXT), "PARAGRAPH")],
    boilerplate=[Span(*find("Menu | Subscribe"), "BOILERPLATE", {"kind": "nav"})],
)  # fmt: skip


def ann(ann_id: str, quote: str, label: str, note: str = "", links: tuple[str, ...] = (), orphaned: bool = False,
        annotator: str = "ana", sha: str = SHA) -> Annotation:  # fmt: skip
    start, end = find(quote)
    return Annotation(ann_id, "a1", sha, start, end, label, quote, TEXT[max(0, start - 40) : start], TEXT[end : end + 40],
                      note, links, annotator, "2025-01-02T03:04:05.000Z", "2025-01-02T03:04:06.000Z", orphaned)  # fmt: skip


CLAIM = ann("c" * 32, "growth was 3%", "claim", note="=HYPERLINK(\"x\")")
REBUT = ann("r" * 32, "That is false", "rebuttal", note='says "no", twice\nsecond line', links=("c" * 32,))
BOILER = ann("b" * 32, "Subscribe", "claim", annotator="bob")
ORPHAN = ann("o" * 32, "Prices rose.", "claim", orphaned=True, sha="0" * 64)
ALL = [BOILER, CLAIM, REBUT, ORPHAN]


@pytest.fixture(scope="module")
def nlp():
    return spacy.blank("en")


def test_csv_columns_quoting_and_formula_cells(tmp_path: Path) -> None:
    out = tmp_path / "x.csv"
    report = export_csv(out, [CLAIM, REBUT, ORPHAN], {"a1": ARTICLE}, {"a1": ANALYSIS})
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfid,article_id,path,title,label,start,end,text,sentence,speaker,entities,")
    assert b"\r\n" in raw
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert [r["id"] for r in rows] == ["c" * 32, "r" * 32, "o" * 32]
    claim, rebut, orphan = rows
    assert claim["note"] == "'=HYPERLINK(\"x\")"  # neutralised
    assert claim["sentence"] == "The minister said growth was 3%."
    assert claim["entities"] == "3% (PERCENT)" and claim["speaker"] == ""
    assert claim["path"] == "/corpus/a1.txt" and claim["title"] == "Growth"
    assert (claim["start"], claim["end"]) == tuple(str(x) for x in find("growth was 3%"))
    assert rebut["speaker"] == "Ana Ruiz" and rebut["links"] == "c" * 32
    assert rebut["note"] == 'says "no", twice\nsecond line'  # quotes and newlines survive
    assert orphan["orphaned"] == "true" and orphan["sentence"] == ""  # offsets no longer fit
    assert (report.annotations, report.articles, report.orphaned) == (3, 1, 1)


@pytest.mark.parametrize("cell", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_formula_starts_are_neutralised(cell: str) -> None:
    assert neutralise(cell) == "'" + cell
    assert neutralise("plain") == "plain" and neutralise(5) == 5


def test_jsonl_prodigy_shape(tmp_path: Path, nlp) -> None:
    out = tmp_path / "x.jsonl"
    report = export_jsonl(out, [CLAIM, REBUT, ORPHAN], {"a1": ARTICLE}, nlp)
    (line,) = out.read_bytes().splitlines()
    rec = orjson.loads(line)
    assert rec["text"] == TEXT and rec["meta"] == {"id": "a1", "title": "Growth", "sha256": SHA}
    tokens = rec["tokens"]
    assert all(TEXT[t["start"] : t["end"]] == t["text"] for t in tokens)
    by_label = {s["label"]: s for s in rec["spans"]}
    c = by_label["claim"]
    assert TEXT[c["start"] : c["end"]] == "growth was 3%"
    assert tokens[c["token_start"]]["text"] == "growth" and tokens[c["token_end"]]["text"] == "%"  # inclusive end
    r = by_label["rebuttal"]
    assert r["links"] == ["c" * 32] and r["note"] == REBUT.note
    (rel,) = rec["relations"]
    assert rel["label"] == "REBUTS" and rel["head"] == r["token_end"] and rel["child"] == c["token_end"]
    assert rel["head_span"]["start"] == r["start"] and rel["child_span"]["start"] == c["start"]
    assert [o["id"] for o in rec["orphaned"]] == ["o" * 32]
    assert (report.annotations, report.orphaned, report.snapped) == (3, 1, 0)


def test_jsonl_skips_articles_missing_from_corpus(tmp_path: Path, nlp) -> None:
    report = export_jsonl(tmp_path / "x.jsonl", [CLAIM], {}, nlp)
    assert report.skipped == 1 and "not in the corpus" in report.summary()
    assert (tmp_path / "x.jsonl").read_bytes() == b""


def test_filters() -> None:
    assert ExportFilter.of(labels=["claim"]).apply(ALL) == [BOILER, CLAIM, ORPHAN]
    assert ExportFilter.of(annotators=["bob"]).apply(ALL) == [BOILER]
    assert ExportFilter.of(articles=["zz"]).apply(ALL) == []
    assert ExportFilter.of().apply(ALL) == ALL


def _read_docs(path: Path, nlp) -> list:
    from spacy.tokens import DocBin

    return list(DocBin().from_disk(path).get_docs(nlp.vocab))


def test_spacy_export_per_sentence(tmp_path: Path, nlp) -> None:
    unaligned = ann("u" * 32, "said Ana Ru", "claim")  # ends inside a token
    report = export_spacy(tmp_path / "out", [*ALL, unaligned], {"a1": ARTICLE}, {"a1": ANALYSIS}, nlp,
                          labels=("claim", "rebuttal"), dev_ratio=0.0)  # fmt: skip
    docs = _read_docs(tmp_path / "out" / "train.spacy", nlp)
    assert [d.text for d in docs] == [TEXT[s.start : s.end] for s in SENTS[1:]]  # boilerplate left out
    assert _read_docs(tmp_path / "out" / "dev.spacy", nlp) == []
    first, second, third = docs
    assert [(s.text, s.label_) for s in first.spans["sc"]] == [("growth was 3%", "CLAIM")]
    assert first.cats == {"CLAIM": 1.0, "REBUTTAL": 0.0, "NONE": 0.0}  # wholly inside: counts
    assert [(s.text, s.label_) for s in second.spans["sc"]] == [("That is false", "REBUTTAL"), ("said Ana Ruiz", "CLAIM")]
    assert second.cats == {"CLAIM": 0.0, "REBUTTAL": 1.0, "NONE": 0.0}  # covers more of it than the claim
    assert len(third.spans["sc"]) == 0
    assert third.cats == {"CLAIM": 0.0, "REBUTTAL": 0.0, "NONE": 1.0}  # the orphan is not used
    assert report.snapped == 1 and report.orphaned == 1
    assert report.reasons == {"inside boilerplate (use --include-boilerplate to keep them)": 1}
    assert report.annotations == 3


def test_spacy_export_per_article_with_boilerplate(tmp_path: Path, nlp) -> None:
    report = export_spacy(tmp_path / "out", ALL, {"a1": ARTICLE}, {"a1": ANALYSIS}, nlp, labels=("claim", "rebuttal"),
                          per="article", include_boilerplate=True, dev_ratio=0.0)  # fmt: skip
    (doc,) = _read_docs(tmp_path / "out" / "train.spacy", nlp)
    assert doc.text == TEXT
    assert sorted(s.text for s in doc.spans["sc"]) == ["Subscribe", "That is false", "growth was 3%"]
    assert doc.cats == {"CLAIM": 1.0, "REBUTTAL": 1.0, "NONE": 0.0}
    assert report.skipped == 0


def test_split_is_by_article_and_deterministic() -> None:
    ids = [f"art{i}" for i in range(10)]
    train, dev = split_articles(ids, 0.2, seed=3)
    assert len(dev) == 2 and not set(train) & set(dev) and sorted(train + dev) == ids
    assert split_articles(list(reversed(ids)), 0.2, seed=3) == (train, dev)
    assert split_articles(ids, 0.2, seed=4) != (train, dev)
    assert split_articles(["a", "b"], 0.1, 0)[1] != []  # at least one dev article


def test_export_to_missing_folder_is_refused(tmp_path: Path, nlp) -> None:
    with pytest.raises(ExportError, match="does not exist"):
        export_csv(tmp_path / "no" / "x.csv", [CLAIM], {"a1": ARTICLE}, {})
    with pytest.raises(ExportError, match="does not exist"):
        export_spacy(tmp_path / "no" / "out", [CLAIM], {"a1": ARTICLE}, {}, nlp, labels=("claim",))
    (tmp_path / "file").write_text("x")
    with pytest.raises(ExportError, match="does not exist"):
        export_jsonl(tmp_path / "file" / "x.jsonl", [CLAIM], {"a1": ARTICLE}, nlp)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file"]


def test_a_failed_write_leaves_no_half_file(tmp_path: Path) -> None:
    target = tmp_path / "x.csv"
    target.write_text("old export\n")

    def fail(tmp: Path) -> None:
        tmp.write_text("half")
        raise OSError(28, "No space left on device")

    with pytest.raises(ExportError, match="No space left"):
        write_atomic(target, fail)
    assert target.read_text() == "old export\n"
    assert [p.name for p in tmp_path.iterdir()] == ["x.csv"]
