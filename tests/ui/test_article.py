"""The article screen: reading, moving the passage cursor, selecting, searching,
folding boilerplate, switching articles. Annotation tests are in test_annotate.py."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reader.config import REPO_ROOT
from reader.ui.layout import FOLD
from reader.ui.screens.article import ArticleScreen
from reader.ui.screens.library import LibraryScreen
from reader.ui.widgets.annotation_panel import AnnotationPanel
from reader.ui.widgets.article_view import ArticleView

ARTICLE_CORPUS = REPO_ROOT / "tests" / "data" / "ui_article_corpus"
SIZE = (110, 32)


async def idle(pilot: Any) -> None:
    """Let workers finish and their messages be handled."""
    app = pilot.app
    for _ in range(50):
        await app.workers.wait_for_complete()
        await pilot.pause()
        if not any(w.is_running for w in app.workers):
            return


async def open_article(pilot: Any, article_id: str) -> ArticleView:
    app = pilot.app
    app.open_article(article_id)
    for _ in range(50):
        await idle(pilot)
        screen = app.screen
        if isinstance(screen, ArticleScreen) and screen.analysis is not None and screen.view.text:
            return screen.view
    raise AssertionError("the article did not open")


def screen_text(view: ArticleView) -> list[str]:
    """The view's visible rows as plain text."""
    return ["".join(seg.text for seg in view.render_line(y)) for y in range(view.scrollable_content_region.height)]


def cursor_text(view: ArticleView) -> str:
    span = view.cursor_span
    return view.text[span.start : span.end]


async def test_open_shows_text_entities_quotes_and_gutter(app_factory, settled):
    app = app_factory(ARTICLE_CORPUS)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        view = await open_article(pilot, "alpha")
        rows = screen_text(view)
        assert any("The Harbour Authority in Northfield postponed" in r for r in rows)
        assert rows[0].startswith("▶")  # the cursor is on the first passage
        assert "Harbour Authority delays ferry contract" in cursor_text(view)
        assert {"ORG", "GPE", "PERSON"} <= set(view.entity_labels())
        # the speaker shows at the quotation (Lindqvist is named right after hers; Berg's is "he")
        assert any('budget," — Tomas Berg he said.' in r for r in rows)
        legend = str(app.screen.query_one("#legend").render())
        assert "PERSON" in legend and "claim" in legend


async def test_control_characters_never_reach_the_terminal(app_factory, settled):
    app = app_factory(ARTICLE_CORPUS)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        view = await open_article(pilot, "alpha")
        assert "\x1b" in view.text  # the article really holds an escape sequence
        strips = [view.render_line(y) for y in range(view.scrollable_content_region.height)]
        text = "".join(seg.text for strip in strips for seg in strip)
        assert "\x1b" not in text and "\x07" not in text
        assert "␛[31mALERT␛[0m" in text and "␇" in text


async def test_move_by_sentence_and_paragraph(app_factory, settled):
    app = app_factory(ARTICLE_CORPUS)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        view = await open_article(pilot, "alpha")
        await pilot.press("j", "j")
        assert cursor_text(view).startswith("The Harbour Authority in Northfield")
        await pilot.press("j")
        assert cursor_text(view) == "Officials gave no new date."
        await pilot.press("k")
        assert cursor_text(view).startswith("The Harbour Authority in Northfield")
        await pilot.press("J")
        assert "The contract will be signed" in cursor_text(view)
        await pilot.press("K")
        assert cursor_text(view).startswith("The Harbour Authority in Northfield")
        await pilot.press("j", "K")  # first back to the start of the paragraph
        assert cursor_text(view).startswith("The Harbour Authority in Northfield")
        await pilot.press("G")
        assert cursor_text(view) == "Critics say the review is late."
        assert screen_text(view)[-1].strip() == "" or any("Critics say" in r for r in screen_text(view))


async def test_extend_selection_by_sentence_and_by_word(app_factory, settled):
    app = app_factory(ARTICLE_CORPUS)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        view = await open_article(pilot, "alpha")
        await pilot.press("j", "j")
        await pilot.press("shift+down")
        start, end = view.selection
        assert view.text[start:end] == "The Harbour Authority in Northfield postponed the ferry contract on Monday. Officials gave no new date."
        await pilot.press("shift+down", "shift+up")
        assert view.text[slice(*view.selection)].endswith("no new date.")
        await pilot.press("shift+left", "shift+left")  # two words fewer
        assert view.text[slice(*view.selection)].endswith("Officials gave no")
        await pilot.press("shift+right")
        assert view.text[slice(*view.selection)].endswith("Officials gave no new")
        await pilot.press("escape")
        assert view.selection is None
        assert isinstance(app.screen, ArticleScreen)  # escape cleared first; did not leave
        await pilot.press("shift+right", "shift+right")
        assert view.text[slice(*view.selection)] == "Officials gave"  # from the passage under the cursor


async def test_mouse_drag_selects_whole_words(app_factory, settled):
    app = app_factory(ARTICLE_CORPUS)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        view = await open_article(pilot, "alpha")
        row = next(i for i, r in enumerate(screen_text(view)) if "The Harbour Authority in" in r)
        line = screen_text(view)[row]
        x0 = line.index("arbour")  # inside "Harbour"
        x1 = line.index("Northfield") + 3  # inside "Northfield"
        start, end = view.offset_at(x0, row), view.offset_at(x1, row)
        view.select_range(start, end + 1)
        assert view.text[slice(*view.selection)] == "Harbour Authority in Northfield"
        await pilot.click(ArticleView, offset=(x0, row))  # a click moves the cursor there
        assert cursor_text(view).startswith("The Harbour Authority in Northfield")


async def test_search_highlights_and_steps_through_matches(app_factory, settled):
    app = app_factory(ARTICLE_CORPUS)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        view = await open_article(pilot, "alpha")
        await pilot.press("slash", *"review")
        assert len(view.matches) == 3
        assert "3 matches" in str(app.screen.query_one("#search-count").render())
        await pilot.press("enter")
        assert "review" in cursor_text(view)
        first = view.cursor_span
        await pilot.press("enter")
        assert view.cursor_span != first and "review" in cursor_text(view)
        await pilot.press("up")
        assert view.cursor_span == first
        await pilot.press("escape")
        assert len(view.matches) == 0
        assert isinstance(app.screen, ArticleScreen)
        assert app.focused is view


async def test_boilerplate_folds_to_one_line(app_factory, settled):
    app = app_factory(ARTICLE_CORPUS)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        view = await open_article(pilot, "alpha")
        assert any("Subscribe now" in r for r in screen_text(view))
        await pilot.press("b")
        rows = screen_text(view)
        assert not any("Subscribe now" in r or "Share this article" in r for r in rows)
        assert any("⋯ boilerplate (2 lines) ⋯" in r for r in rows)
        assert any(ln.kind == FOLD for ln in view.wrapped.lines)
        # folded passages are skipped by the cursor
        for _ in range(30):
            await pilot.press("j")
            assert "Subscribe" not in cursor_text(view)
        await pilot.press("b")
        assert any("Subscribe now" in r for r in screen_text(view))


async def test_next_and_previous_article_and_back(app_factory, settled):
    app = app_factory(ARTICLE_CORPUS)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        order = app.article_ids_in_order()
        await open_article(pilot, order[0])
        await pilot.press("right_square_bracket")
        await idle(pilot)
        assert app.screen.info.id == order[1]
        await pilot.press("right_square_bracket")  # the last one: stays
        await idle(pilot)
        assert app.screen.info.id == order[1]
        await pilot.press("left_square_bracket")
        await idle(pilot)
        assert app.screen.info.id == order[0]
        await pilot.press("escape")
        assert isinstance(app.screen, LibraryScreen)


async def test_side_panel_jumps_and_folds_away_when_narrow(app_factory, settled):
    app = app_factory(ARTICLE_CORPUS)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        view = await open_article(pilot, "alpha")
        panel = app.screen.query_one(AnnotationPanel)
        assert panel.display and not panel.has_class("-hidden")
        offsets = sorted(e.start for e in view.entities if view.text[e.start : e.end] == "Tomas Berg")
        panel.post_message(AnnotationPanel.Jump(offsets))
        await pilot.pause()
        assert "Tomas Berg" in cursor_text(view)
        await pilot.press("p")
        assert panel.has_class("-hidden")
        await pilot.press("p")
        assert not panel.has_class("-hidden")
    narrow = app_factory(ARTICLE_CORPUS)
    async with narrow.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        await open_article(pilot, "alpha")
        assert narrow.screen.query_one(AnnotationPanel).has_class("-hidden")
