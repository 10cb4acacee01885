"""The spaCy export is a real training set: on the bundled articles, analysed with the
installed model and annotated on real sentences, `spacy debug data` passes and a
one-epoch `spacy train` with the shipped textcat config produces a model."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader.config import BUNDLED_ARTICLES
from reader.core.corpus import list_corpus, load_article
from reader.core.export_spacy import export_spacy
from reader.core.store import AnnotationStore

DATA = Path(__file__).resolve().parents[2] / "reader" / "data"


@pytest.fixture(scope="session")
def real_analyzer(tmp_path_factory: pytest.TempPathFactory):
    from reader.core.analysis import Analyzer

    return Analyzer(cache_dir=tmp_path_factory.mktemp("cache"), use_cache=False)


def _spacy(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    return subprocess.run([sys.executable, "-m", "spacy", *args], capture_output=True, text=True, cwd=cwd, timeout=120, env=env)


@pytest.mark.slow
def test_export_trains_with_shipped_textcat_config(tmp_path: Path, real_analyzer) -> None:
    articles = {a.id: a for a in (load_article(i) for i in list_corpus(BUNDLED_ARTICLES).articles)}
    analyses = {k: real_analyzer.analyse(a) for k, a in articles.items()}
    with AnnotationStore(tmp_path / "db.json") as store:
        for article_id, article in articles.items():
            for i, sent in enumerate(analyses[article_id].sentences):
                if i % 3 == 0:
                    store.add(article, sent.start, sent.end, "claim")
                elif i % 4 == 1:
                    store.add(article, sent.start + 3, sent.end - 1, "rebuttal")  # not on token boundaries
        annotations = store.all()
    out = tmp_path / "corpus"
    report = export_spacy(out, annotations, articles, analyses, real_analyzer.nlp, labels=("claim", "rebuttal"))
    assert report.snapped > 0 and report.articles == len(articles)
    assert report.extra["articles in train/dev"] == f"{len(articles) - 1}/1"
    paths = ["--paths.train", str(out / "train.spacy"), "--paths.dev", str(out / "dev.spacy")]
    debug = _spacy("debug", "data", str(DATA / "textcat.cfg"), *paths, cwd=tmp_path)
    assert debug.returncode == 0, debug.stdout + debug.stderr
    assert "Corpus is loadable" in debug.stdout and "No overlap between training and evaluation data" in debug.stdout
    assert "3 label(s)" in debug.stdout
    train = _spacy("train", str(DATA / "textcat.cfg"), *paths, "--training.max_epochs", "1", "-o", str(tmp_path / "model"), cwd=tmp_path)
    assert train.returncode == 0, train.stdout + train.stderr
    assert (tmp_path / "model" / "model-last" / "textcat").is_dir()


def test_shipped_spancat_config_proposes_long_spans() -> None:
    from thinc.api import Config

    cfg = Config().from_disk(DATA / "spancat.cfg")
    assert cfg["nlp"]["pipeline"] == ["tok2vec", "span_finder", "spancat"]
    assert cfg["components"]["span_finder"]["max_length"] >= 50
    assert cfg["components"]["spancat"]["suggester"]["@misc"] == "spacy.preset_spans_suggester.v1"
    assert cfg["training"]["annotating_components"] == ["span_finder"]
