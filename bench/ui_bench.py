"""UI benchmark: first paint, listing 10,000 articles, filtering and scrolling.

Every figure comes with a baseline measured in the same run, on the same machine:

- first paint of the library on the bundled corpus, from process start, against an
  empty Textual app's first paint and a bare `import textual` (target: <= 0.5 s);
- 10,000 generated articles: core listing, then the library list (Line API) against
  Textual's DataTable holding the same rows (target: <= 1 s);
- a filter keystroke and paging through the list (per key press, with the repaint).

Run: .venv/bin/python bench/ui_bench.py [--runs N] [--articles N]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

PAINT_CHILD = r"""
import sys, time
from pathlib import Path
mode = sys.argv[1]
if mode == "import":
    import textual.app
    print("painted", flush=True)
    raise SystemExit(0)
from textual.app import App
if mode == "empty":
    from textual.widgets import Static
    class Empty(App):
        def compose(self):
            yield Static("hello")
        def on_mount(self):
            self.call_after_refresh(self.done)
        def done(self):
            print("painted", flush=True)
            self.exit()
    Empty().run(headless=True, size=(120, 40))
    raise SystemExit(0)
from reader.config import Settings
from reader.ui.app import ReaderApp
from reader.ui.screens.library import LibraryScreen
shown = LibraryScreen.show_listing
def show_listing(self, listing):
    def done():  # queued before the library's own after-paint work (the analysis start)
        import sys as _s
        print("painted", "spacy" in _s.modules, flush=True)
        self.app.exit()
    self.call_after_refresh(done)
    shown(self, listing)
LibraryScreen.show_listing = show_listing
app = ReaderApp(Settings(corpus=Path(sys.argv[2]), db=Path(sys.argv[3])))
app.run(headless=True, size=(120, 40))
"""


def first_paint(mode: str, runs: int, env: dict[str, str], tmp: Path) -> tuple[float, str]:
    times = []
    extra = ""
    for i in range(runs):
        args = [sys.executable, "-c", PAINT_CHILD, mode, str(REPO / "articles"), str(tmp / f"db{i}.json")]
        start = time.perf_counter()
        proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env, cwd=REPO)
        assert proc.stdout is not None
        line = proc.stdout.readline()
        times.append(time.perf_counter() - start)
        proc.wait(timeout=60)
        if not line.startswith("painted"):
            raise SystemExit(f"{mode}: the child did not report a paint (got {line!r})")
        extra = line.split()[1] if len(line.split()) > 1 else extra
    return statistics.median(times), extra


def make_corpus(folder: Path, n: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    words = "council bridge harbour library panda record rainfall election court market".split()
    for i in range(n):
        title = f"{words[i % 10].title()} {words[(i * 7) % 10]} report number {i}"
        (folder / f"a{i:05d}.txt").write_text(f"{title}\n\nBody text of article {i}, with a few words.\n")


async def in_app(corpus: Path, tmp: Path) -> dict[str, float]:
    from reader.config import Settings
    from reader.ui.app import ReaderApp
    from reader.ui.widgets.article_list import ArticleList

    app = ReaderApp(Settings(corpus=corpus, db=tmp / "big.json"))
    app.analyse_all = lambda infos: None  # listing only: the model is not part of this figure
    out: dict[str, float] = {}
    start = time.perf_counter()
    async with app.run_test(size=(120, 40)) as pilot:
        while not app.listed:
            await asyncio.sleep(0.005)
        await pilot.pause()
        out["start to 10k listed and painted"] = time.perf_counter() - start
        articles = app.library.query_one(ArticleList)
        assert len(articles.view) == len(app.listing.articles)
        t = time.perf_counter()
        articles.set_articles(app.listing.articles)
        await pilot.pause()
        out["10k rows into the list + paint"] = time.perf_counter() - t
        await pilot.press("slash")
        t = time.perf_counter()
        await pilot.press("9")
        await pilot.pause()
        out["filter keystroke on 10k (+paint)"] = time.perf_counter() - t
        await pilot.press("escape", "escape")
        await pilot.pause()
        n = 100
        t = time.perf_counter()
        for _ in range(n):
            await pilot.press("f20")  # bound to nothing: what Pilot itself costs per key
        await pilot.pause()
        out["unbound key, per key (Pilot baseline)"] = (time.perf_counter() - t) / n
        t = time.perf_counter()
        for _ in range(n):
            await pilot.press("pagedown")
        await pilot.pause()
        out["page down, per key (+paint)"] = (time.perf_counter() - t) / n
        t = time.perf_counter()
        for _ in range(n):
            await pilot.press("down")
        await pilot.pause()
        out["cursor down, per key (+paint)"] = (time.perf_counter() - t) / n
        t = time.perf_counter()
        for _ in range(n):
            articles.scroll_to(y=articles.scroll_y + 37, animate=False, immediate=True)
            articles._cache.clear()
            for y in range(articles.size.height):
                articles.render_line(y)
        out["render a full screen of rows (cold)"] = (time.perf_counter() - t) / n
    return out


async def datatable_baseline(infos: list) -> dict[str, float]:
    from textual.app import App
    from textual.widgets import DataTable

    class Table(App):
        def compose(self):
            yield DataTable()

    app = Table()
    out: dict[str, float] = {}
    async with app.run_test(size=(120, 40)) as pilot:
        table = app.query_one(DataTable)
        table.add_columns("Title", "Source", "Words", "Claims", "Rebuttals", "Analysis")
        t = time.perf_counter()
        table.add_rows([(i.title, i.source or "", i.words, 0, 0, "pending") for i in infos])
        await pilot.pause()
        out["DataTable: 10k rows + paint"] = time.perf_counter() - t
        n = 100
        t = time.perf_counter()
        for _ in range(n):
            await pilot.press("pagedown")
        await pilot.pause()
        out["DataTable: page down, per key"] = (time.perf_counter() - t) / n
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5, help="first-paint runs per variant (median)")
    parser.add_argument("--articles", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as raw:
        tmp = Path(raw)
        env = {**os.environ}
        for name in ("CONFIG", "DATA", "CACHE"):
            env[f"READER_{name}_DIR"] = str(tmp / name.lower())
            os.environ[f"READER_{name}_DIR"] = str(tmp / name.lower())
        print(f"reader UI bench  (python {sys.version.split()[0]}, {os.cpu_count()} CPUs)\n")
        print("First paint from process start (median of %d runs)" % args.runs)
        bare, _ = first_paint("import", args.runs, env, tmp)
        empty, _ = first_paint("empty", args.runs, env, tmp)
        lib, spacy_loaded = first_paint("library", args.runs, env, tmp)
        print(f"  python -c 'import textual.app'     {bare:7.3f} s")
        print(f"  empty Textual app, first paint      {empty:7.3f} s   (baseline)")
        print(f"  reader library, first paint         {lib:7.3f} s   x{lib / empty:.2f} of baseline   target <= 0.5 s  {'OK' if lib <= 0.5 else 'MISSED'}")
        print(f"  spaCy imported before first paint:  {spacy_loaded}")

        corpus = tmp / "big"
        t = time.perf_counter()
        make_corpus(corpus, args.articles)
        made = time.perf_counter() - t
        from reader.core.corpus import list_corpus

        t = time.perf_counter()
        listing = list_corpus(corpus)
        core = time.perf_counter() - t
        print(f"\n{args.articles:,} generated articles (written in {made:.1f} s)")
        print(f"  core list_corpus                     {core:7.3f} s")
        ours = asyncio.run(in_app(corpus, tmp))
        base = asyncio.run(datatable_baseline(listing.articles))
        for name, value in ours.items():
            unit, scale = ("ms", 1000) if value < 0.1 else ("s", 1)
            print(f"  {name:<36} {value * scale:7.3f} {unit}")
        for name, value in base.items():
            unit, scale = ("ms", 1000) if value < 0.1 else ("s", 1)
            print(f"  {name:<36} {value * scale:7.3f} {unit}   (baseline)")
        listed = ours["10k rows into the list + paint"]
        print(f"\n  list vs DataTable, 10k rows:  x{listed / base['DataTable: 10k rows + paint']:.3f}")
        print(f"  page down vs DataTable:       x{ours['page down, per key (+paint)'] / base['DataTable: page down, per key']:.2f}")
        print(f"  page down vs unbound key:     x{ours['page down, per key (+paint)'] / ours['unbound key, per key (Pilot baseline)']:.2f}")
        total = core + listed
        print(f"  10k listing (core + list):    {total:.3f} s   target <= 1 s  {'OK' if total <= 1 else 'MISSED'}")


if __name__ == "__main__":
    main()
