"""Article view benchmark: open time and cursor-move repaint on a generated 1 MB article
with entities, quotations, boilerplate and 1,000 annotations.

Pilot-driven (headless). Every figure is printed with a baseline measured in the same
run on the same text: Textual's own TextArea (read-only) for opening and moving the
cursor. Targets: open an analysed article in <= 50 ms, cursor move p95 <= 16 ms.

    .venv/bin/python bench/article_bench.py [--size-mb 1] [--moves 300]
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, replace
from pathlib import Path

from textual.app import App, ComposeResult
from textual.widgets import TextArea

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reader.config import Settings  # noqa: E402
from reader.core.corpus import list_corpus, load_article  # noqa: E402
from reader.core.models import BOILERPLATE, QUOTE, Analysis, Span  # noqa: E402
from reader.core.passages import paragraph_spans, sentence_fallback  # noqa: E402
from reader.ui.layout import wrap_article  # noqa: E402

NAMES = [("Maria Lindqvist", "PERSON"), ("Northfield", "GPE"), ("Harbour Authority", "ORG"), ("Tuesday", "DATE")]
SIZE = (120, 40)


def make_text(size: int, seed: int = 7) -> str:
    rng = random.Random(seed)
    words = "the council said on that it would repair bridge budget review ferry contract cost".split()
    paras, total = [], 0
    while total < size:
        sentences = []
        for _ in range(rng.randint(2, 6)):
            name = rng.choice(NAMES)[0]
            body = " ".join(rng.choice(words) for _ in range(rng.randint(8, 22)))
            if rng.random() < 0.2:
                sentences.append(f"“{body.capitalize()},” said {name}.")
            else:
                sentences.append(f"{name} {body}.")
        para = " ".join(sentences)
        if rng.random() < 0.03:
            para = "Subscribe now"
        paras.append(para)
        total += len(para) + 2
    return "\n\n".join(paras)


def make_analysis(article_id: str, sha: str, text: str) -> Analysis:
    paragraphs = paragraph_spans(text)
    entities = []
    for name, label in NAMES:
        pos = text.find(name)
        while pos != -1:
            entities.append(Span(pos, pos + len(name), label))
            pos = text.find(name, pos + 1)
    entities.sort(key=lambda s: s.start)
    quotes, pos = [], text.find("“")
    while pos != -1:
        end = text.find("”", pos)
        quotes.append(Span(pos + 1, end, QUOTE, {"speaker": "Maria Lindqvist", "cue": "said"}))
        pos = text.find("“", end)
    boiler = [Span(p.start, p.end, BOILERPLATE, {"kind": "appeal"}) for p in paragraphs if text[p.start : p.end] == "Subscribe now"]
    return Analysis(article_id, sha, "bench", entities, quotes, sentence_fallback(text, paragraphs), paragraphs, boiler)


@dataclass(frozen=True)
class FakeAnnotation:
    id: str
    start: int
    end: int
    label: str
    text: str = ""
    note: str = ""
    links: tuple[str, ...] = ()
    orphaned: bool = False
    created: str = ""


def make_annotations(analysis: Analysis, n: int = 1000) -> list[FakeAnnotation]:
    rng = random.Random(3)
    picks = sorted(rng.sample(range(len(analysis.sentences)), min(n, len(analysis.sentences))))
    return [
        FakeAnnotation(f"a{i}", analysis.sentences[k].start, analysis.sentences[k].end, ("claim", "rebuttal", "evidence")[i % 3])
        for i, k in enumerate(picks)
    ]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


class FrameClock:
    """Times the screen's frame work (layout + compositor) by wrapping its methods."""

    def __init__(self, screen: object) -> None:
        self.frames, self.last_end, self.work = 0, 0.0, 0.0
        for name in ("_refresh_layout", "_compositor_refresh"):
            setattr(screen, name, self._timed(getattr(screen, name), count=name == "_compositor_refresh"))

    def _timed(self, method, count: bool):
        def run(*args, **kwargs):
            start = time.perf_counter()
            try:
                return method(*args, **kwargs)
            finally:
                end = time.perf_counter()
                self.work += end - start
                if count:
                    self.frames, self.last_end = self.frames + 1, end

        return run


async def timed_key(app, clock: FrameClock, key: str, changed) -> tuple[float, float]:
    """(latency from key event to the end of the frame that shows it, frame work)."""
    from textual import events

    work0 = clock.work
    start = time.perf_counter()
    app._driver.send_message(events.Key(key, None))
    while True:
        await asyncio.sleep(0)
        if changed() and clock.last_end > start and not app.screen._dirty_widgets:
            break
    return clock.last_end - start, clock.work - work0


async def move_many(app, clock: FrameClock, moves: int, keys: tuple[str, str], state) -> tuple[list[float], list[float]]:
    """`moves` cursor moves, 50 one way then 50 back: latencies and frame work."""
    times, work = [], []
    for i in range(moves):
        before = state()
        latency, cost = await timed_key(app, clock, keys[(i // 50) % 2], lambda: state() != before)
        times.append(latency)
        work.append(cost)
    return times, work


class FakeStore:
    """Enough of AnnotationStore for the screen: 1,000 annotations, read-only calls."""

    read_only = False

    def __init__(self, annotations: list[FakeAnnotation]) -> None:
        self._annotations = annotations

    def for_article(self, article_id: str) -> list[FakeAnnotation]:
        return list(self._annotations)

    def reanchor(self, article: object) -> None:
        return None


async def bench_reader(corpus: Path, moves: int) -> dict[str, object]:
    from reader.ui.app import ReaderApp
    from reader.ui.screens.article import ArticleScreen

    info = list_corpus(corpus).articles[0]
    article = load_article(info)
    analysis = make_analysis(article.id, article.sha256, article.text)
    annotations = make_annotations(analysis)
    tmp = Path(tempfile.mkdtemp(prefix="reader-bench-"))
    settings = Settings(corpus=corpus, db=tmp / "db.json", cache_dir=tmp / "cache", config_dir=tmp / "config", theme="dark")
    app = ReaderApp(settings, nlp_loader=lambda: None)
    app.animation_level = "none"
    async with app.run_test(size=SIZE, headless=True) as pilot:
        for _ in range(500):
            await pilot.pause()
            if app.listed and app.store is not None:
                break
        app.workers.cancel_group(app, "analysis")
        while any(w.is_running for w in app.workers):
            await pilot.pause()
        app.store = FakeStore(annotations)
        app.analyses[article.id] = analysis
        start = time.perf_counter()
        app.open_article(info.id)
        screen = app.screen
        clock = FrameClock(screen)
        while True:
            await asyncio.sleep(0)
            ready = isinstance(screen, ArticleScreen) and screen.analysis is not None and len(screen.view.annotations)
            if ready and clock.last_end > start and not screen._dirty_widgets:
                break
        opened = clock.last_end - start
        view = screen.view
        wrap_start = time.perf_counter()
        wrap_article(view.shown, view.paragraphs, view.text_width, inserts=view._inserts)
        wrap = time.perf_counter() - wrap_start
        times, work = await move_many(app, clock, moves, ("j", "k"), lambda: view.cursor)
        await pilot.pause()
        direct = []
        for i in range(moves):
            t0 = time.perf_counter()
            view.move(1 if (i // 50) % 2 == 0 else -1)
            for y in range(view.scrollable_content_region.height):
                view.render_line(y)  # what a full repaint would ask for (cached lines are cheap)
            direct.append(time.perf_counter() - t0)
        return {
            "open": opened, "wrap": wrap, "moves": times, "work": work, "direct": direct, "lines": len(view.wrapped),
            "entities": len(view.entities), "annotations": len(view.annotations), "chars": len(article.text),
        }  # fmt: skip


class AreaApp(App[None]):
    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        yield TextArea("", read_only=True, soft_wrap=True)


async def bench_textarea(text: str, moves: int) -> dict[str, object]:
    app = AreaApp(text)
    async with app.run_test(size=SIZE, headless=True) as pilot:
        area = app.query_one(TextArea)
        area.focus()
        await pilot.pause()
        clock = FrameClock(app.screen)
        start = time.perf_counter()
        area.load_text(text)
        while not (clock.last_end > start and not app.screen._dirty_widgets):
            await asyncio.sleep(0)
        opened = clock.last_end - start
        times, work = await move_many(app, clock, moves, ("down", "up"), lambda: area.cursor_location)
        return {"open": opened, "moves": times, "work": work}


def ms(seconds: float) -> str:
    return f"{seconds * 1000:6.1f} ms"


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size-mb", type=float, default=1.0)
    parser.add_argument("--moves", type=int, default=300)
    args = parser.parse_args()
    text = make_text(int(args.size_mb * 1_000_000))
    corpus = Path(tempfile.mkdtemp(prefix="reader-bench-corpus-"))
    (corpus / "big.txt").write_text(text, encoding="utf-8")

    ours = await bench_reader(corpus, args.moves)
    small_corpus = Path(tempfile.mkdtemp(prefix="reader-bench-small-"))
    (small_corpus / "typical.txt").write_text(make_text(8_000), encoding="utf-8")
    typical = await bench_reader(small_corpus, 0)
    base = await bench_textarea(text, args.moves)
    def p(values: list[float], q: float) -> float:
        return percentile(values, q)

    print(f"article: {ours['chars']:,} chars, {ours['lines']:,} display lines, {ours['entities']:,} entities, "
          f"{ours['annotations']:,} annotations; terminal {SIZE[0]}x{SIZE[1]}; {args.moves} cursor moves each way")  # fmt: skip
    print(f"{'':38}{'reader':>10}{'TextArea':>10}{'ratio':>8}   target")
    print(f"{'open a typical 8 KB article':38}{ms(typical['open']):>10}{'':>18}   <= 50 ms")
    rows = [
        ("open analysed 1 MB article", ours["open"], base["open"], "<= 50 ms"),
        ("cursor move: key -> frame p50", p(ours["moves"], 0.5), p(base["moves"], 0.5), ""),
        ("cursor move: key -> frame p95", p(ours["moves"], 0.95), p(base["moves"], 0.95), "<= 16 ms"),
        ("cursor move: frame work p50", p(ours["work"], 0.5), p(base["work"], 0.5), ""),
        ("cursor move: frame work p95", p(ours["work"], 0.95), p(base["work"], 0.95), ""),
    ]
    for name, mine, theirs, target in rows:
        print(f"{name:38}{ms(mine):>10}{ms(theirs):>10}{mine / max(theirs, 1e-9):>7.2f}x   {target}")
    print(f"{'re-wrap whole article (resize)':38}{ms(ours['wrap']):>10}")
    print(f"{'move + render viewport, no frame':38}{ms(p(ours['direct'], 0.5)):>10}{ms(p(ours['direct'], 0.95)):>10}  (p50, p95)")
    print(f"{'mean key -> frame':38}{ms(statistics.mean(ours['moves'])):>10}{ms(statistics.mean(base['moves'])):>10}")

if __name__ == "__main__":
    asyncio.run(main())
