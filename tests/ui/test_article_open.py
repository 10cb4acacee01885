"""How the article screen opens and repaints: the first frame already shows the article
(no "loading…" frame), what that frame does not need comes after it (the side panel's
Tree, the search bar, the wrap of the rest of a long article), and a cursor move repaints
only the lines it changes, with the status line in the same frame."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path
from typing import Any

from reader.ui.screens.article import ArticleScreen
from reader.ui.widgets import article_view
from reader.ui.widgets.annotation_panel import AnnotationPanel
from reader.ui.widgets.article_list import ArticleList
from reader.ui.widgets.article_view import ArticleView

from test_article import ARTICLE_CORPUS, SIZE, cursor_text, idle, open_article, screen_text


def long_corpus(tmp_path: Path) -> tuple[Path, str]:
    """One article of ~170 KB: well past what is wrapped (and made safe to show) at once;
    an escape sequence near its end."""
    paras = [f"Paragraph {i}. The Harbour Authority in Northfield reviewed the ferry budget." for i in range(2200)]
    paras[-2] += " A stray \x1b[31m escape here."
    text = "Long article\n\n" + "\n\n".join(paras)
    corpus = tmp_path / "long-corpus"
    corpus.mkdir()
    (corpus / "long.txt").write_text(text, encoding="utf-8")
    return corpus, text


async def until(pilot: Any, check: Any, tries: int = 200) -> None:
    for _ in range(tries):
        if check():
            return
        await pilot.pause(0.01)
    raise AssertionError("timed out")


async def test_first_frame_shows_the_article_and_the_panel_comes_after(app_factory, settled, monkeypatch):
    seen: list[tuple[bool, str, bool]] = []
    render_line = ArticleView.render_line

    def first_render(view: ArticleView, y: int) -> Any:
        if not seen:
            screen = view.screen
            status = str(screen.query_one("#article-status").render())
            seen.append((bool(view.text) and len(view.entities) > 0, status, screen.panel.is_built))
        return render_line(view, y)

    monkeypatch.setattr(ArticleView, "render_line", first_render)
    app = app_factory(ARTICLE_CORPUS)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        view = await open_article(pilot, "alpha")
        has_article, status, panel_built = seen[0]
        assert has_article  # the analysed text, not an empty "loading…" view
        assert "loading" not in status and "sentence 1/" in status
        assert not panel_built  # the Tree is made after that frame
        panel = app.screen.panel
        await until(pilot, lambda: panel.is_built)
        await pilot.press("j", "j", "c")
        await idle(pilot)
        panel.flush()
        labels = [str(node.label) for node in panel.query_one("#panel-tree").root.children]
        assert labels[0] == "Annotations (1)"
        assert "The Harbour Authority in Northfield" in str(panel.query_one("#panel-tree").root.children[0].children[0].label)
        assert any("Harbour Authority" in r for r in screen_text(view))


async def test_narrow_terminal_wraps_once_with_the_panel_folded_away(app_factory, settled, monkeypatch):
    widths: list[int] = []
    wrap = ArticleView._wrap

    def counted(view: ArticleView) -> None:
        widths.append(view.text_width)
        wrap(view)

    monkeypatch.setattr(ArticleView, "_wrap", counted)
    app = app_factory(ARTICLE_CORPUS)
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        await open_article(pilot, "alpha")
        assert app.screen.panel.has_class("-hidden")
        assert not app.screen.panel.is_built  # hidden: no Tree until it is shown
        assert len(widths) == 1  # laid out once, at the width it keeps
        await pilot.press("p")
        assert app.screen.panel.is_built and not app.screen.panel.has_class("-hidden")


async def test_long_article_paints_before_the_rest_is_wrapped(app_factory, settled, monkeypatch, tmp_path):
    corpus, text = long_corpus(tmp_path)
    gate = threading.Event()
    finish = article_view._finish

    def held(*args: Any, **kwargs: Any) -> Any:
        gate.wait(10)  # the background wrap waits until the test has looked
        return finish(*args, **kwargs)

    monkeypatch.setattr(article_view, "_finish", held)
    app = app_factory(corpus)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        app.open_article("long")
        await until(pilot, lambda: isinstance(app.screen, ArticleScreen) and app.screen.analysis is not None)
        view = app.screen.view
        await until(pilot, lambda: len(view.wrapped) > 0)
        rows = screen_text(view)
        assert rows[0].startswith("▶") and "Long article" in rows[0]
        assert any("Paragraph 0. The Harbour Authority" in r for r in rows)
        short = len(view.wrapped)
        assert view.wrapped.ends[-1] < len(text) // 2  # only the head is laid out yet
        assert view.virtual_size.height > short  # the scrollbar already spans the whole article
        await pilot.press("j")
        assert cursor_text(view) == "Paragraph 0."
        gate.set()
        await until(pilot, lambda: len(view.wrapped) > short)
        assert view.wrapped.ends[-1] == len(text)
        assert [r[4:] for r in screen_text(view)] == [r[4:] for r in rows]  # the same lines, text for text
        assert cursor_text(view) == "Paragraph 0."
        await pilot.press("G")
        shown = "".join(screen_text(view))
        assert "\x1b" not in shown and "␛[31m escape" in shown
        assert "Paragraph 2199." in shown


async def test_a_cursor_move_repaints_only_its_lines_and_the_status_in_the_same_step(app_factory, settled, monkeypatch):
    app = app_factory(ARTICLE_CORPUS)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        view = await open_article(pilot, "alpha")
        await pilot.press("j", "j")
        await pilot.pause()
        refreshed: list[tuple[int, int]] = []
        monkeypatch.setattr(view, "refresh_lines", lambda y, n=1: refreshed.append((y, n)))
        old = view.wrapped.line_span(view.cursor_span.start, view.cursor_span.end)
        screen = app.screen
        screen.action_move(1)  # what j runs
        new = view.wrapped.line_span(view.cursor_span.start, view.cursor_span.end)
        assert refreshed == [(old[0], old[1] - old[0] + 1), (new[0], new[1] - new[0] + 1)]
        # the status line changed in the same call, so it is painted in the same frame
        assert str(screen.query_one("#article-status").render()).startswith("sentence 4/")


async def test_search_bar_is_made_on_first_use(app_factory, settled):
    app = app_factory(ARTICLE_CORPUS)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        await open_article(pilot, "alpha")
        screen = app.screen
        assert screen.search_bar is None
        await pilot.press("slash")
        await pilot.pause()
        assert screen.search_bar is not None and screen.search_bar.is_open
        await pilot.press(*"ferry")
        assert "2 matches" in str(screen.query_one("#search-count").render())
        await pilot.press("escape")
        assert not screen.search_bar.is_open and isinstance(app.screen, ArticleScreen)


def test_panel_keeps_what_it_is_given_until_it_is_built():
    panel = AnnotationPanel()
    panel.show_annotations([], "text")
    assert not panel.is_built and panel._pending == ([], "text")


async def test_an_article_slower_than_the_first_frame_arrives_by_message(app_factory, settled, monkeypatch):
    """Past FIRST_FRAME_WAIT the screen paints "loading…" and the article follows."""
    from reader.ui.screens import article_load

    read = article_load.ArticleLoading._read_article
    gate = threading.Event()

    def slow(screen: Any, info: Any) -> Any:
        gate.wait(10)
        return read(screen, info)

    monkeypatch.setattr(article_load, "FIRST_FRAME_WAIT", 0.01)
    monkeypatch.setattr(article_load.ArticleLoading, "_read_article", slow)
    app = app_factory(ARTICLE_CORPUS)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        app.open_article("alpha")
        await until(pilot, lambda: isinstance(app.screen, ArticleScreen) and app.screen.is_mounted)
        await pilot.pause(0.05)
        assert str(app.screen.query_one("#article-status").render()) == "loading…"
        gate.set()
        await until(pilot, lambda: app.screen.article is not None and app.screen.analysis is not None)
        await pilot.pause()
        assert any("The Harbour Authority in Northfield" in r for r in screen_text(app.screen.view))


async def test_next_article_reuses_the_screen_and_starts_afresh(app_factory, settled):
    """] and [ load the other article into the same screen; nothing of the last one stays:
    cursor, selection, fold, hidden entities, search, scroll, annotations, panel."""
    app = app_factory(ARTICLE_CORPUS)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        assert app.article_ids_in_order()[:2] == ["alpha", "beta"]
        view = await open_article(pilot, "alpha")
        screen = app.screen
        await pilot.press("j", "j", "c", "b", "shift+down")
        await idle(pilot)
        view.set_hidden_entities({"PERSON"})
        await pilot.press("slash", *"ferry", "enter")
        view.focus()
        assert view.folded and view.selection is None and len(view.matches) and view.hidden_entities
        await pilot.press("shift+down")
        assert view.selection is not None
        await pilot.press("c", "right_square_bracket")  # a tag in flight, then the next article
        await idle(pilot)
        assert app.screen is screen and screen.info.id == "beta"
        assert view.text.startswith("Northfield council promises cheaper ferries")
        assert str(screen.query_one("#article-title").render()).startswith("Northfield council promises")
        assert (view.cursor, view.selection, view.folded, view.hidden_entities) == (0, None, False, set())
        assert len(view.matches) == 0 and not screen.search_bar.is_open and view.scroll_offset.y == 0
        assert len(view.annotations) == 0  # alpha's tags stay with alpha
        assert sorted(a.article_id for a in app.store.all()) == ["alpha", "alpha"]
        assert screen.analysis is not None and screen.query_one("#legend")._hidden == set()  # nothing struck out
        await until(pilot, lambda: screen.panel.is_built)
        screen.panel.flush()
        tree = screen.panel.query_one("#panel-tree")
        assert [str(n.label) for n in tree.root.children][0] == "Annotations (0)"
        assert not any(n.is_expanded for n in tree.root.children[1:])
        assert rows_start(view, "▶")
        await pilot.press("left_square_bracket")
        await idle(pilot)
        assert screen.info.id == "alpha" and len(view.annotations) == 2 and view.cursor == 0
        await pilot.press("escape")
        assert app.screen is app.library


def rows_start(view: ArticleView, mark: str) -> bool:
    return screen_text(view)[0].startswith(mark)


async def test_library_opens_every_article_in_one_screen_made_once(app_factory, settled):
    """Enter on the library shows the article screen again, made on the first open:
    nothing of the last article stays (fold, search, selection, annotations, panel)."""
    app = app_factory(ARTICLE_CORPUS)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        view = await open_article(pilot, "alpha")
        screen = app.screen
        await pilot.press("j", "c", "j", "c", "b", "slash", *"ferry", "enter")
        view.focus()
        await pilot.press("shift+down")
        await idle(pilot)
        assert view.folded and len(view.matches) and view.selection is not None
        await pilot.press("escape", "escape", "escape")  # search, selection, then back
        await idle(pilot)
        assert app.screen is app.library
        view = await open_article(pilot, "beta")
        assert app.screen is screen and screen.info.id == "beta" and view is screen.view
        assert view.text.startswith("Northfield council promises cheaper ferries")
        assert str(screen.query_one("#article-title").render()).startswith("Northfield council promises")
        assert (view.cursor, view.selection, view.folded, len(view.matches)) == (0, None, False, 0)
        assert len(view.annotations) == 0 and rows_start(view, "▶")
        await until(pilot, lambda: screen.panel.is_built)
        screen.panel.flush()
        tree = screen.panel.query_one("#panel-tree")
        assert str(tree.root.children[0].label) == "Annotations (0)"
        await pilot.press("escape")
        await idle(pilot)
        view = await open_article(pilot, "alpha")
        assert app.screen is screen and len(view.annotations) == 2


async def test_a_reopened_screen_never_shows_the_last_article_while_reading(app_factory, settled, monkeypatch):
    """Past FIRST_FRAME_WAIT a reopened screen says "loading…" (not the last article's
    text), and the new article follows by message; a read overtaken by a later one is dropped."""
    from reader.ui.screens import article_load

    read = article_load.ArticleLoading._read_article
    gate = threading.Event()

    def slow(screen: Any, info: Any) -> Any:
        if info.id == "beta":
            gate.wait(10)
        return read(screen, info)

    app = app_factory(ARTICLE_CORPUS)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        view = await open_article(pilot, "alpha")
        screen, alpha = app.screen, view.text[:40]
        await pilot.press("escape")
        await idle(pilot)
        monkeypatch.setattr(article_load, "FIRST_FRAME_WAIT", 0.01)
        monkeypatch.setattr(article_load.ArticleLoading, "_read_article", slow)
        app.open_article("beta")
        await until(pilot, lambda: app.screen is screen)
        await pilot.pause(0.05)
        assert str(screen.query_one("#article-status").render()) == "loading…"
        assert view.text == "" and not any(r.strip() for r in screen_text(view))
        await pilot.press("escape")  # back before beta arrives, and open alpha instead
        await until(pilot, lambda: app.screen is app.library)
        app.open_article("alpha")
        await until(pilot, lambda: screen.article is not None and screen.article.id == "alpha")
        gate.set()  # beta's read ends now: too late, it is dropped
        await pilot.pause(0.1)
        await idle(pilot)
        assert screen.info.id == "alpha" and screen.article.id == "alpha" and view.text.startswith(alpha)


async def test_a_theme_changed_in_the_library_reaches_the_reopened_screen(app_factory, settled):
    """The kept screen is restyled on its return only when the CSS changed meanwhile:
    a theme picked in the library shows in the next article as in a new screen."""
    app = app_factory(ARTICLE_CORPUS)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        view = await open_article(pilot, "alpha")
        before = view.styles.background, view.get_component_rich_style("article-view--entity-person")
        await pilot.press("escape")
        await idle(pilot)
        await pilot.press("t")  # the next theme, chosen in the library
        await idle(pilot)
        view = await open_article(pilot, "beta")
        after = view.styles.background, view.get_component_rich_style("article-view--entity-person")
        assert after != before
        assert view.styles.background == app.library.query_one(ArticleList).styles.background  # both $background


async def test_a_reopened_screen_paints_the_whole_terminal_in_one_frame(app_factory, settled, monkeypatch):
    """Shown again, the kept screen's first frame is one full repaint (not the layout's
    changes and then a second, full frame), its footer keeps its key widgets (the same
    keys: not remade), and no automatic garbage collection runs until that frame."""
    import gc

    from textual._compositor import CompositorUpdate, LayoutUpdate
    from textual.widgets._footer import FooterKey

    from reader.ui.frames import FrameTimer

    app = app_factory(ARTICLE_CORPUS)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        await open_article(pilot, "alpha")
        screen = app.screen
        keys = list(screen.query(FooterKey))
        assert keys
        await pilot.press("escape")
        await idle(pilot)
        frames: list[tuple[Any, bool, int]] = []  # (update, collecting, the loop step painting it)
        display, step = app._display, [0]

        def noted(target: Any, update: Any) -> None:
            if isinstance(update, CompositorUpdate) and target is screen:
                frames.append((update, gc.isenabled(), step[0]))
                asyncio.get_running_loop().call_soon(lambda: step.__setitem__(0, step[0] + 1))
            display(target, update)

        monkeypatch.setattr(app, "_display", noted)
        app.open_article("beta")
        await until(pilot, lambda: bool(frames))
        await pilot.pause()
        first, collecting, first_step = frames[0]
        assert isinstance(first, LayoutUpdate) and first.region == screen.region  # the whole screen
        assert [f for f in frames if f[2] == first_step] == frames[:1]  # and no second frame with it
        assert not collecting  # held for that frame
        await idle(pilot)
        assert gc.isenabled()  # and on again after it
        assert list(screen.query(FooterKey)) == keys
        assert screen.view.text.startswith("Northfield council promises cheaper ferries")
        assert isinstance(screen._update_timer, FrameTimer)  # frames when asked (reader.ui.frames)


async def test_the_scroll_bar_is_redrawn_only_when_it_looks_different(app_factory, settled, tmp_path):
    """KeptScrollBar reuses its rows while the thumb stays in the same eighth of a cell,
    and they are what Textual's ScrollBar would draw."""
    from textual.geometry import Region
    from textual.scrollbar import ScrollBar

    from reader.ui.widgets.scrollbar import KeptScrollBar

    corpus, _ = long_corpus(tmp_path)
    app = app_factory(corpus)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        view = await open_article(pilot, "long")
        await until(pilot, lambda: len(view.wrapped) > 2000)  # the whole article is laid out
        bar = view.vertical_scrollbar
        assert isinstance(bar, KeptScrollBar)
        crop = Region(0, 0, *bar.size)

        def drawn() -> list[tuple[str, object]]:
            return [(s.text, tuple(seg.style for seg in s)) for s in bar.render_lines(crop)]

        def textual() -> list[tuple[str, object]]:
            return [(s.text, tuple(seg.style for seg in s)) for s in ScrollBar.render_lines(bar, crop)]

        view.scroll_to(y=1000, animate=False, immediate=True)
        await idle(pilot)
        first = bar.render_lines(crop)
        view.scroll_to(y=1001, animate=False, immediate=True)  # the thumb does not move a visible step
        await idle(pilot)
        assert bar.render_lines(crop) == first and drawn() == textual()
        view.scroll_to(y=1800, animate=False, immediate=True)
        await idle(pilot)
        assert bar.render_lines(crop) != first and drawn() == textual()
