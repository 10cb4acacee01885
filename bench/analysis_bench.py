"""Analysis speed: reader's full analysis against spaCy's full pipeline, same texts, same run.

    .venv/bin/python bench/analysis_bench.py [--words 100000] [--model NAME]

Prints words per second for
  (a) spaCy's full pipeline (`nlp.pipe`, every default component) on the texts,
  (b) reader's analysis without cache (entities, sentences, quotes, speakers, boilerplate),
  (c) reader's analysis with a warm cache,
and the ratios b/a (target >= 1.0) and c/a (target >= 100). The corpus is the bundled
articles repeated until it has at least --words words.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reader.core.analysis import Analyzer  # noqa: E402
from reader.core.corpus import list_corpus, load_article  # noqa: E402
from reader.core.nlp import load_pipeline, resolve_model  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--words", type=int, default=100_000)
    ap.add_argument("--model", default=None)
    args = ap.parse_args()

    base = [load_article(i) for i in list_corpus(ROOT / "articles").articles]
    articles = []
    while sum(a.info.words for a in articles) < args.words:
        for a in base:
            articles.append(replace(a, info=replace(a.info, id=f"{a.id}#{len(articles)}")))
    words = sum(a.info.words for a in articles)
    texts = [a.text for a in articles]
    name = resolve_model(args.model)
    print(f"corpus: {len(articles)} articles, {words:,} words; pipeline {name}")

    import spacy

    full = spacy.load(name)
    list(full.pipe(texts[:5]))  # warm up
    t = time.perf_counter()
    for _ in full.pipe(texts, batch_size=16):
        pass
    a_time = time.perf_counter() - t
    print(f"(a) spaCy full pipeline {full.pipe_names}: {a_time:7.2f} s  {words / a_time:10,.0f} words/s")

    analyzer = Analyzer(model=args.model, use_cache=False, nlp=load_pipeline(args.model))
    list(analyzer.analyse_many(articles[:5]))
    t = time.perf_counter()
    for _ in analyzer.analyse_many(articles):
        pass
    b_time = time.perf_counter() - t
    print(f"(b) reader analysis, no cache ({analyzer.nlp.pipe_names}, the parser on quotation paragraphs, rules): {b_time:7.2f} s  {words / b_time:10,.0f} words/s")

    with tempfile.TemporaryDirectory() as tmp:
        cached = Analyzer(model=args.model, cache_dir=Path(tmp), nlp=load_pipeline(args.model))
        for _ in cached.analyse_many(base):  # fill the cache (the repeats share these texts)
            pass
        t = time.perf_counter()
        for _ in cached.analyse_many(articles):
            pass
        c_time = time.perf_counter() - t
    print(f"(c) reader analysis, warm cache: {c_time:7.3f} s  {words / c_time:10,.0f} words/s")
    print(f"ratio b/a = {a_time / b_time:.2f}  (target >= 1.0)")
    print(f"ratio c/a = {a_time / c_time:.0f}  (target >= 100)")


if __name__ == "__main__":
    main()
