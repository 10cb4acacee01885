"""Article view benchmark: open time and cursor-move repaint on a generated 1 MB article
with entities, quotations, boilerplate and 1,000 annotations.

Pilot-driven (headless). Every figure is printed with a baseline measured in the same
run on the same text: Textual's own TextArea (read-only) for opening and moving the
cursor. Targets: open an analysed article in <= 50 ms, cursor move p95 <= 16 ms.

What is timed is what a user waits for: from the key (or the action the library's enter
runs) to the end of the first frame that shows its effect (for an open, the first frame
by which the whole terminal shows the article screen), with the frame turned into
terminal output as a real terminal driver would (FrameClock). Cursor keys are sent the
way a held key repeats (key_gaps), not in step with the app's frames; the back-to-back
figures (next key as soon as the last one is painted) show the frame-rate ceiling.

    .venv/bin/python bench/article_bench.py [--size-mb 1] [--moves 300] [--opens 5]
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

from textual import events
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
KEY_GAP = 0.040  # seconds between repeated keys (25 a second)


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
    """Every frame the app puts out, as a terminal would get it.

    Headless, Textual composes each frame but skips turning it into terminal output;
    the clock does that work itself (so a frame costs what it costs on a terminal), then
    notes when the frame ended, whether the watched widget rendered lines for it (and
    had content then), and the watched state at that moment. Frame work is the time in
    the screen's layout and compositor passes, output included. Waiting for a frame is
    a future the frame resolves: nothing polls (a polling loop would slow the app it
    measures).

    A screen push is done when the whole terminal shows the new screen: Textual paints
    a pushed screen as a partial frame (what changed since it was last shown) and then,
    in the same tick, a full repaint. With `whole_screen`, a wait ends at the first
    frame by which every cell has been painted since it began (and the watched widget
    has painted content), not at a partial frame that leaves rows of the last screen.
    """

    def __init__(self, app: App, watched: type, has_content, state) -> None:
        self.app, self.watched, self.has_content, self.state = app, watched, has_content, state
        self.frames: list[tuple[float, bool, object, bool]] = []  # (end, watched painted content, state, screen whole)
        self._unpainted: list[bytearray] | None = None  # cells not painted since expect_screen(), per row
        self.work = 0.0
        self._painted = False
        self._waiting: list[tuple[float, object, asyncio.Future[float]]] = []
        self._undo: list[tuple[object, str, object]] = []

    def __enter__(self) -> "FrameClock":
        from textual._compositor import CompositorUpdate
        from textual.screen import Screen

        clock, app = self, self.app
        display = app._display

        def timed_display(screen, update):
            display(screen, update)
            if isinstance(update, CompositorUpdate):
                update.render_segments(app.console)  # what a terminal driver writes
                end = time.perf_counter()
                clock._cover(update)
                clock._frame(end)

        def timed(method):
            def run(*args, **kwargs):
                start = time.perf_counter()
                try:
                    return method(*args, **kwargs)
                finally:
                    clock.work += time.perf_counter() - start

            return run

        render_line = self.watched.render_line

        def probe(widget, y):
            if widget.app is app and clock.has_content(widget):
                clock._painted = True
            return render_line(widget, y)

        self._patch(app, "_display", timed_display)
        for name in ("_refresh_layout", "_compositor_refresh"):
            self._patch(Screen, name, timed(getattr(Screen, name)))
        self._patch(self.watched, "render_line", probe)
        return self

    def expect_screen(self) -> None:
        """A new screen is coming: from now on, note which cells frames paint."""
        width, height = self.app.size
        self._unpainted = [bytearray(b"\x01" * width) for _ in range(height)]

    def _cover(self, update) -> None:
        rows = self._unpainted
        if rows is None:
            return
        from textual._compositor import ChopsUpdate, LayoutUpdate

        if isinstance(update, LayoutUpdate):
            x, y, width, height = update.region
            spans = [(row, x, x + width) for row in range(y, y + height)]
        elif isinstance(update, ChopsUpdate):
            spans = update.spans
        else:
            spans = []
        for row, x1, x2 in spans:
            if 0 <= row < len(rows):
                line = rows[row]
                x1, x2 = max(0, x1), min(len(line), x2)
                if x2 > x1:
                    line[x1:x2] = bytes(x2 - x1)

    def _whole(self) -> bool:
        rows = self._unpainted
        return rows is None or not any(any(line) for line in rows)

    def _frame(self, end: float) -> None:
        painted, state, whole = self._painted, self.state(), self._whole()
        if whole:
            self._unpainted = None
        self.frames.append((end, painted, state, whole))
        self._painted = False
        for waiter in list(self._waiting):
            since, unlike, whole, future = waiter
            if not future.done() and self._done(since, unlike, whole) is not None:
                future.set_result(end)
                self._waiting.remove(waiter)

    def _done(self, since: float, unlike: object, whole: bool) -> float | None:
        """The end of the first frame after `since` that completes the wait, if one has."""
        content = False
        for end, painted, state, complete in self.frames[-20:]:
            if end <= since:
                continue
            content = content or (painted and (unlike is None or state != unlike))
            if content and (complete or not whole):
                return end
        return None

    def _patch(self, owner, name, value) -> None:
        self._undo.append((owner, name, owner.__dict__.get(name)))
        setattr(owner, name, value)

    def __exit__(self, *exc) -> None:
        for owner, name, old in reversed(self._undo):
            if old is None:
                delattr(owner, name)
            else:
                setattr(owner, name, old)

    def painted(self, since: float, unlike: object = None, whole: bool = False) -> asyncio.Future[float]:
        """The end of the first frame after `since` in which the watched widget rendered
        content (and, with `unlike`, the state differed from it); with `whole`, the end of
        the first frame by which the whole screen has been painted too (see expect_screen)."""
        future: asyncio.Future[float] = asyncio.get_running_loop().create_future()
        end = self._done(since, unlike, whole)
        if end is not None:
            future.set_result(end)
            return future
        self._waiting.append((since, unlike, whole, future))
        return future

    def last_frame(self, since: float, until: float) -> float | None:
        ends = [end for end, _, _, _ in self.frames[-20:] if since < end <= until]
        return ends[-1] if ends else None


async def wait_painted(clock: FrameClock, since: float, unlike: object = None, timeout: float = 10.0, whole: bool = False) -> float:
    try:
        return await asyncio.wait_for(clock.painted(since, unlike, whole), timeout)
    except asyncio.TimeoutError:
        raise RuntimeError("no frame showed the change") from None


def key_gaps(moves: int, seed: int = 11) -> list[float]:
    """Key repeat as a keyboard sends it: 25 keys a second (X's default repeat rate),
    each gap jittered by up to 20 %, so keys land anywhere between two frame ticks."""
    rng = random.Random(seed)
    return [KEY_GAP * rng.uniform(0.8, 1.2) for _ in range(moves)]


async def move_many(app, clock: FrameClock, moves: int, keys: tuple[str, str], gaps: list[float] | None) -> dict[str, list[float]]:
    """`moves` cursor moves, 50 one way then 50 back.

    With `gaps`, keys are sent on that schedule whatever the app is doing (as a
    keyboard does); without, each key is sent as soon as the previous one is painted
    (a closed loop that can go no faster than the frame rate). For each key: key ->
    the end of the first frame showing the move ("painted"), key -> the last frame it
    caused before the next key ("settled": status line included), and frame work."""
    painted, settled, work = [], [], []
    send_at = time.perf_counter()
    for i in range(moves):
        if gaps is not None:
            await asyncio.sleep(max(0.0, send_at - time.perf_counter()))
        before, work0 = clock.state(), clock.work
        start = time.perf_counter()
        app._driver.send_message(events.Key(keys[(i // 50) % 2], None))
        end = await wait_painted(clock, start, unlike=before)
        if gaps is not None:
            send_at = start + gaps[i]
            await asyncio.sleep(max(0.0, send_at - time.perf_counter()))
            settled.append((clock.last_frame(start, time.perf_counter()) or end) - start)
        painted.append(end - start)
        work.append(clock.work - work0)
    return {"painted": painted, "settled": settled, "work": work}


class FakeStore:
    """Enough of AnnotationStore for the screen: 1,000 annotations, read-only calls."""

    read_only = False

    def __init__(self, annotations: list[FakeAnnotation]) -> None:
        self._annotations = annotations

    def for_article(self, article_id: str) -> list[FakeAnnotation]:
        return list(self._annotations)

    def reanchor(self, article: object) -> None:
        return None


async def quiet(pilot, frames: int = 3) -> None:
    """Let workers finish and a few frame ticks pass."""
    await pilot.app.workers.wait_for_complete()
    for _ in range(frames):
        await pilot.pause(0.02)


def make_corpus(text: str, copies: int, prefix: str) -> Path:
    """`copies` files with the same text: each open is of an article not opened before."""
    corpus = Path(tempfile.mkdtemp(prefix=f"reader-bench-{prefix}-"))
    for i in range(copies):
        (corpus / f"{prefix}-{i + 1}.txt").write_text(text, encoding="utf-8")
    return corpus


async def bench_reader(corpus: Path, moves: int) -> dict[str, object]:
    """Open each article of `corpus` in turn (the first open in the process pays for the
    article screen's imports), then move the cursor in the last one."""
    from reader.ui.app import ReaderApp
    from reader.ui.widgets.article_view import ArticleView

    infos = sorted(list_corpus(corpus).articles, key=lambda i: i.id)
    first = load_article(infos[0])
    analysis = make_analysis(first.id, first.sha256, first.text)
    # the copies share one analysis's spans: the heap holds one 1 MB article's analysis,
    # as a session with one such article does (the garbage collector walks all of it)
    analyses = {info.id: replace(analysis, article_id=info.id) for info in infos}
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
        app.analyses.update(analyses)
        await quiet(pilot)

        def complete(view: ArticleView) -> bool:  # the analysed article, with its annotations
            return bool(view.text) and len(view.entities) > 0 and len(view.annotations) > 0

        open_times, flip_times = [], []
        with FrameClock(app, ArticleView, complete, lambda: getattr(getattr(app.screen, "view", None), "article_id", None)) as clock:
            for i, info in enumerate(infos):
                if i:
                    app.pop_screen()
                    await quiet(pilot)
                clock.expect_screen()
                start = time.perf_counter()
                app.open_article(info.id)  # what enter on the library does
                open_times.append(await wait_painted(clock, start, whole=True) - start)
                await quiet(pilot)
            for _ in infos[1:]:  # back through the others with [ (previous article)
                before = app.screen.view.article_id
                start = time.perf_counter()
                app._driver.send_message(events.Key("left_square_bracket", "["))
                flip_times.append(await wait_painted(clock, start, unlike=before) - start)
                await quiet(pilot)
        view = app.screen.view
        wrap_start = time.perf_counter()
        wrap_article(view.shown, view.paragraphs, view.text_width, inserts=view._inserts)
        wrap = time.perf_counter() - wrap_start
        result: dict[str, object] = {"open": open_times, "flip": flip_times, "wrap": wrap, "lines": len(view.wrapped)}
        if moves:
            with FrameClock(app, ArticleView, lambda v: True, lambda: view.cursor) as clock:
                result["repeat"] = await move_many(app, clock, moves, ("j", "k"), key_gaps(moves))
                await quiet(pilot)
                result["burst"] = await move_many(app, clock, moves, ("j", "k"), None)
            await quiet(pilot)
            direct = []
            for i in range(moves):
                t0 = time.perf_counter()
                view.move(1 if (i // 50) % 2 == 0 else -1)
                for y in range(view.scrollable_content_region.height):
                    view.render_line(y)  # what a full repaint would ask for (cached lines are cheap)
                direct.append(time.perf_counter() - t0)
            result["direct"] = direct
        result.update(entities=len(view.entities), annotations=len(view.annotations), chars=len(view.text))
        return result


class AreaApp(App[None]):
    def compose(self) -> ComposeResult:
        yield TextArea("", read_only=True, soft_wrap=True)


async def bench_textarea(text: str, moves: int) -> dict[str, object]:
    app = AreaApp()
    async with app.run_test(size=SIZE, headless=True) as pilot:
        area = app.query_one(TextArea)
        area.focus()
        await quiet(pilot)
        with FrameClock(app, TextArea, lambda a: bool(a.text), lambda: area.cursor_location) as clock:
            start = time.perf_counter()
            area.load_text(text)
            opened = await wait_painted(clock, start) - start
            await quiet(pilot)
            repeat = await move_many(app, clock, moves, ("down", "up"), key_gaps(moves))
            await quiet(pilot)
            burst = await move_many(app, clock, moves, ("down", "up"), None)
        return {"open": [opened], "repeat": repeat, "burst": burst}


def ms(seconds: float) -> str:
    return f"{seconds * 1000:6.1f} ms"


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size-mb", type=float, default=1.0)
    parser.add_argument("--moves", type=int, default=300)
    parser.add_argument("--opens", type=int, default=6, help="articles opened, one after the other (the first pays the imports)")
    args = parser.parse_args()
    text = make_text(int(args.size_mb * 1_000_000))
    ours = await bench_reader(make_corpus(text, args.opens, "big"), args.moves)
    typical = await bench_reader(make_corpus(make_text(8_000), args.opens, "typical"), 0)
    base = await bench_textarea(text, args.moves)

    def p(values: list[float], q: float) -> float:
        return percentile(values, q)

    def again(opens: list[float]) -> float:
        return statistics.median(opens[1:] or opens)

    print(f"article: {ours['chars']:,} chars, {ours['lines']:,} display lines, {ours['entities']:,} entities, "
          f"{ours['annotations']:,} annotations; terminal {SIZE[0]}x{SIZE[1]}; {args.moves} cursor moves each way")  # fmt: skip
    print("open: key to the end of the first frame showing the whole analysed article (entities, annotations);")
    print("move: key to the end of the first frame showing the move; frames are turned into terminal output.")
    print(f"key repeat: keys {KEY_GAP * 1000:.0f} ms +-20% apart, whatever the app does; back to back: next key when the last is painted.")
    print(f"{'':40}{'reader':>10}{'TextArea':>10}{'ratio':>8}   target")
    rows = [
        ("open 1 MB article, first in process", ours["open"][0], base["open"][0], ""),
        ("open another 1 MB article (median)", again(ours["open"]), base["open"][0], "<= 50 ms"),
        ("open a typical 8 KB article (median)", again(typical["open"]), None, "<= 50 ms"),
        ("previous article ([), 1 MB (median)", statistics.median(ours["flip"]), None, "<= 50 ms"),
        ("previous article ([), 8 KB (median)", statistics.median(typical["flip"]), None, "<= 50 ms"),
        ("key repeat: key -> frame p50", p(ours["repeat"]["painted"], 0.5), p(base["repeat"]["painted"], 0.5), ""),
        ("key repeat: key -> frame p95", p(ours["repeat"]["painted"], 0.95), p(base["repeat"]["painted"], 0.95), "<= 16 ms"),
        ("key repeat: key -> settled p95", p(ours["repeat"]["settled"], 0.95), p(base["repeat"]["settled"], 0.95), ""),
        ("key repeat: frame work p50", p(ours["repeat"]["work"], 0.5), p(base["repeat"]["work"], 0.5), ""),
        ("key repeat: frame work p95", p(ours["repeat"]["work"], 0.95), p(base["repeat"]["work"], 0.95), ""),
        ("back to back: key -> frame p50", p(ours["burst"]["painted"], 0.5), p(base["burst"]["painted"], 0.5), "(60 fps cap)"),
        ("back to back: key -> frame p95", p(ours["burst"]["painted"], 0.95), p(base["burst"]["painted"], 0.95), ""),
    ]
    for name, mine, theirs, target in rows:
        if theirs is None:
            print(f"{name:40}{ms(mine):>10}{'':>18}   {target}")
        else:
            print(f"{name:40}{ms(mine):>10}{ms(theirs):>10}{mine / max(theirs, 1e-9):>7.2f}x   {target}")
    print(f"{'re-wrap whole article (resize)':40}{ms(ours['wrap']):>10}")
    print(f"{'move + render viewport, no frame':40}{ms(p(ours['direct'], 0.5)):>10}{ms(p(ours['direct'], 0.95)):>10}  (p50, p95)")
    print(f"{'opens (ms)':40}{' '.join(f'{t * 1000:.0f}' for t in ours['open'])}")


if __name__ == "__main__":
    asyncio.run(main())
