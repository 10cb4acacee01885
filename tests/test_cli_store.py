"""`reader export`, `reader import`, `reader stats` through reader.cli.main: results,
exit codes and messages (stderr, no traceback) for bad input."""

from __future__ import annotations

import shutil
from pathlib import Path

import orjson
import pytest

from reader.cli import main
from reader.config import BUNDLED_ARTICLES
from reader.core.corpus import list_corpus, load_article
from reader.core.store import AnnotationStore


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for var, sub in (("READER_DATA_DIR", "data"), ("READER_CONFIG_DIR", "config"), ("READER_CACHE_DIR", "cache")):
        monkeypatch.setenv(var, str(tmp_path / sub))
    for var in ("READER_DB", "READER_CORPUS", "READER_MODEL"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.chdir(tmp_path)
    corpus = tmp_path / "corpus"
    shutil.copytree(BUNDLED_ARTICLES, corpus)
    return corpus


def annotate(db: Path, corpus: Path, n: int = 3) -> None:
    with AnnotationStore(db, annotator="ana") as store:
        for info in list_corpus(corpus).articles[:n]:
            article = load_article(info)
            first = store.add(article, 0, 40, "claim", note="=cmd")
            second = store.add(article, 60, 120, "rebuttal")
            store.link(second.id, first.id)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


@pytest.mark.slow
def test_jsonl_round_trip_and_stats(env: Path, tmp_path: Path, capsys) -> None:
    db, db2 = tmp_path / "one.json", tmp_path / "two.json"
    annotate(db, env)
    code, out, _ = run(capsys, "export", "--corpus", str(env), "--db", str(db), "-f", "jsonl", "-o", "one.jsonl")
    assert code == 0 and "6 annotations from 3 articles" in out
    code, out, _ = run(capsys, "import", "--corpus", str(env), "--db", str(db2), "one.jsonl")
    assert code == 0 and "Imported 6 annotations" in out
    code, out, _ = run(capsys, "import", "--corpus", str(env), "--db", str(db2), "one.jsonl")
    assert code == 0 and "Imported 0 annotations" in out and "6 already present" in out
    assert run(capsys, "export", "--corpus", str(env), "--db", str(db2), "-f", "jsonl", "-o", "two.jsonl")[0] == 0
    assert (tmp_path / "one.jsonl").read_bytes() == (tmp_path / "two.jsonl").read_bytes()
    code, out, _ = run(capsys, "stats", "--corpus", str(env), "--db", str(db2), "--json")
    stats = orjson.loads(out)
    assert code == 0 and stats["total"] == 6 and stats["per_label"] == {"claim": 3, "rebuttal": 3}
    assert stats["per_annotator"] == {"ana": 6} and len(stats["articles_without_annotations"]) == 2
    code, out, _ = run(capsys, "stats", "--corpus", str(env), "--db", str(db2))
    assert code == 0 and "Per annotator" in out and "Articles with no annotations" in out


def test_export_to_a_name_too_long_is_a_clear_error(env: Path, tmp_path: Path, capsys) -> None:
    db = tmp_path / "one.json"
    annotate(db, env, n=1)
    code, out, err = run(capsys, "export", "--corpus", str(env), "--db", str(db), "-f", "csv", "-o", "x" * 300 + ".csv")
    assert code != 0 and "cannot use this path" in err and "File name too long" in err
    assert db.exists() and not list(tmp_path.glob("x*"))


@pytest.mark.slow
def test_csv_and_spacy_exports_with_filters(env: Path, tmp_path: Path, capsys) -> None:
    db = tmp_path / "one.json"
    annotate(db, env)
    code, out, _ = run(capsys, "export", "--corpus", str(env), "--db", str(db), "-f", "csv", "-o", "x.csv", "--label", "claim")
    assert code == 0 and "3 annotations" in out
    text = (tmp_path / "x.csv").read_bytes().decode("utf-8-sig")
    assert text.count("\r\n") == 4 and "'=cmd" in text and ",rebuttal," not in text
    code, out, _ = run(capsys, "export", "--corpus", str(env), "--db", str(db), "-f", "spacy", "-o", "sp", "--dev-ratio", "0.4", "--seed", "1")
    assert code == 0 and (tmp_path / "sp" / "train.spacy").is_file() and (tmp_path / "sp" / "dev.spacy").is_file()
    assert "articles in train/dev: 2/1" in out


def test_default_database_is_per_corpus_in_the_data_folder(env: Path, tmp_path: Path, capsys) -> None:
    line = orjson.dumps({"text": load_article(list_corpus(env).articles[0]).text, "label": [[0, 10, "claim"]]})
    (tmp_path / "in.jsonl").write_bytes(line + b"\n")
    code, out, _ = run(capsys, "import", "--corpus", str(env), "in.jsonl")
    assert code == 0 and "Imported 1 annotations" in out
    (db,) = (tmp_path / "data" / "corpora").glob("corpus-*/annotations.json")
    assert str(db) in out


def test_import_reports_bad_lines_and_imports_the_rest(env: Path, tmp_path: Path, capsys) -> None:
    text = load_article(list_corpus(env).articles[0]).text
    rows = [orjson.dumps({"text": text, "label": [[0, 10, "claim"]]}), b"{oops", orjson.dumps({"text": text, "label": [[0, 10, "opinion"]]}),
            orjson.dumps({"text": text, "label": [[0, 10**6, "claim"]]}), orjson.dumps({"text": "not an article", "label": [[0, 3, "claim"]]})]  # fmt: skip
    (tmp_path / "in.jsonl").write_bytes(b"\n".join(rows))
    code, out, err = run(capsys, "import", "--corpus", str(env), "--db", "db.json", "in.jsonl")
    assert code == 1 and "Imported 1 annotations" in out
    for n, words in ((2, "not valid JSON"), (3, "unknown label"), (4, "outside the text"), (5, "matches no article")):
        assert f"in.jsonl, line {n}: " in err and words in err


def test_bad_inputs_get_messages_not_tracebacks(env: Path, tmp_path: Path, capsys) -> None:
    db = tmp_path / "db.json"
    annotate(db, env, n=1)
    code, _, err = run(capsys, "export", "--corpus", str(env), "--db", str(db), "-f", "csv", "-o", "nowhere/x.csv")
    assert code == 1 and "does not exist" in err and not (tmp_path / "nowhere").exists()
    code, _, err = run(capsys, "import", "--corpus", str(env), "--db", str(db), "missing.jsonl")
    assert code == 2 and "missing.jsonl: cannot read" in err
    code, _, err = run(capsys, "stats", "--corpus", str(tmp_path / "nope"), "--db", str(db))
    assert code == 2 and "no such corpus folder" in err
    with AnnotationStore(db):  # another writer holds it
        (tmp_path / "in.jsonl").write_bytes(b"")
        code, _, err = run(capsys, "import", "--corpus", str(env), "--db", str(db), "in.jsonl")
        assert code == 1 and "in use by another reader" in err
        assert run(capsys, "stats", "--corpus", str(env), "--db", str(db))[0] == 0  # read-only is fine
    db.write_bytes(b'{"annotations": ')  # truncated
    for cmd in (["stats"], ["export", "-f", "csv", "-o", "x.csv"], ["import", "in.jsonl"]):
        code, _, err = run(capsys, cmd[0], "--corpus", str(env), "--db", str(db), *cmd[1:])
        assert code == 1 and str(db) in err and "not valid JSON" in err and "untouched copy" in err
    assert db.read_bytes() == b'{"annotations": '
