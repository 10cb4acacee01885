"""Time from "add an annotation" to "it is durable", at 1,000, 10,000 and 100,000 stored
annotations: reader's AnnotationStore (TinyDB over a snapshot + fsync'ed journal) beside
TinyDB's default JSONStorage (rewrites the whole file on each insert, without fsync, so
its figures are a lower bound of what durability would cost it), in the same run.

    python bench/store_bench.py [--sizes 1000,10000,100000] [--samples 200] [--folder DIR]

Each size starts from a database pre-filled with that many annotations (100 articles),
then times single adds. Compaction (the whole-file rewrite our store does on open, on
close and when the journal outgrows the snapshot, i.e. about once per N adds at N
annotations) is timed separately and reported, since its cost is amortised.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tinydb import TinyDB  # noqa: E402

from reader.core.models import Article, ArticleInfo  # noqa: E402
from reader.core.store import AnnotationStore  # noqa: E402
from reader.core.text import sha256_text  # noqa: E402

WORDS = "the minister said economy grew percent critics disagree figures wrong economist report".split()


def make_articles(n: int, rng: random.Random) -> list[Article]:
    out = []
    for i in range(n):
        text = " ".join(rng.choice(WORDS) for _ in range(900)) + "."
        info = ArticleInfo(f"art{i:04d}", Path(f"art{i:04d}.txt"), f"Article {i}", None, None, None, 900, sha256_text(text), len(text))
        out.append(Article(info, text))
    return out


def make_doc(article: Article, rng: random.Random) -> dict:
    start = rng.randrange(0, len(article.text) - 300)
    end = start + rng.randrange(20, 250)
    t = article.text
    return {
        "id": uuid.uuid4().hex, "article_id": article.id, "article_sha256": article.sha256, "start": start,
        "end": end, "label": rng.choice(["claim", "rebuttal"]), "text": t[start:end],
        "before": t[max(0, start - 40) : start], "after": t[end : end + 40], "note": "", "links": [],
        "annotator": "bench", "created": "2025-01-01T00:00:00.000Z", "updated": "2025-01-01T00:00:00.000Z",
        "orphaned": False, "schema": 1,
    }  # fmt: skip


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(q * (len(values) - 1)))]


def bench_ours(folder: Path, size: int, samples: int, articles: list[Article], rng: random.Random) -> dict:
    db = folder / f"ours-{size}.json"
    store = AnnotationStore(db, annotator="bench")
    with store._mutex, store.storage.transaction():  # pre-fill without history entries
        for _ in range(size):
            store._put(make_doc(rng.choice(articles), rng))
    t0 = time.perf_counter()
    store.storage.compact()
    compact_s = time.perf_counter() - t0
    lat = []
    for _ in range(samples):
        art = rng.choice(articles)
        start = rng.randrange(0, len(art.text) - 300)
        t0 = time.perf_counter()
        store.add(art, start, start + rng.randrange(20, 250), "claim")  # returns once fsync'ed
        lat.append(time.perf_counter() - t0)
    store.close()
    t0 = time.perf_counter()
    with AnnotationStore(db, read_only=True) as ro:
        n = len(ro)
    open_s = time.perf_counter() - t0
    assert n == size + samples
    return {"lat": lat, "compact": compact_s, "open": open_s, "bytes": db.stat().st_size}


def bench_tinydb(folder: Path, size: int, samples: int, articles: list[Article], rng: random.Random) -> dict:
    db = folder / f"tinydb-{size}.json"
    db.write_text(json.dumps({"_default": {str(i + 1): make_doc(rng.choice(articles), rng) for i in range(size)}}))
    tdb = TinyDB(db)
    lat = []
    for _ in range(samples):
        doc = make_doc(rng.choice(articles), rng)
        t0 = time.perf_counter()
        tdb.insert(doc)
        lat.append(time.perf_counter() - t0)
    tdb.close()
    return {"lat": lat}


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--sizes", default="1000,10000,100000")
    p.add_argument("--samples", type=int, default=200, help="timed adds per size for our store")
    p.add_argument("--folder", type=Path, help="where to put the databases (default: a temporary folder on /tmp's disk)")
    args = p.parse_args()
    rng = random.Random(7)
    articles = make_articles(100, rng)
    folder = Path(tempfile.mkdtemp(prefix="store-bench-", dir=args.folder))
    print(f"databases in {folder}; {os.cpu_count()} CPUs; python {sys.version.split()[0]}")
    header = f"{'annotations':>11} | {'ours p50':>9} {'ours p99':>9} {'max':>7} | {'TinyDB p50':>10} {'p99':>8} | {'x p50':>6} {'x p99':>6} | {'compact':>8} {'open':>7} {'file MB':>7}"
    print(header)
    print("-" * len(header))
    try:
        for size in (int(s) for s in args.sizes.split(",")):
            ours = bench_ours(folder, size, args.samples, articles, rng)
            base_samples = max(10, min(args.samples, 2_000_000 // size))
            base = bench_tinydb(folder, size, base_samples, articles, rng)
            o50, o99 = pct(ours["lat"], 0.5) * 1e3, pct(ours["lat"], 0.99) * 1e3
            b50, b99 = pct(base["lat"], 0.5) * 1e3, pct(base["lat"], 0.99) * 1e3
            print(
                f"{size:>11,} | {o50:>7.2f}ms {o99:>7.2f}ms {max(ours['lat']) * 1e3:>5.1f}ms | "
                f"{b50:>8.1f}ms {b99:>6.1f}ms | {b50 / o50:>5.0f}x {b99 / o99:>5.0f}x | "
                f"{ours['compact'] * 1e3:>6.0f}ms {ours['open'] * 1e3:>5.0f}ms {ours['bytes'] / 2**20:>7.1f}"
                f"   (TinyDB: {len(base['lat'])} samples, mean {statistics.mean(base['lat']) * 1e3:.1f}ms)",
                flush=True,
            )
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print("ours: add() returns after the journal append is fdatasync'ed; TinyDB JSONStorage does not fsync.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
