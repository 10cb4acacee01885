"""The library screen: listing, filter as you type, sort, problems, empty corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.ui.screens.library import LibraryScreen
from reader.ui.widgets.article_list import ArticleList

SIZE = (100, 32)


def titles(app) -> list[str]:
    return [row.title for row in app.library.query_one(ArticleList).view]


async def test_library_lists_the_corpus(app_factory, settled):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        assert isinstance(app.screen, LibraryScreen)
        assert len(titles(app)) == 4
        assert "Council approves harbour bridge repairs after long delay" in titles(app)
        articles = app.library.query_one(ArticleList)
        assert set(articles.states.values()) == {"done"}
        assert set(app.analyses) == {a.id for a in app.listing.articles}
        assert app.model_ready
        status = str(app.library.query_one("#status").render())
        assert "4 articles" in status and "analysis: done" in status


async def test_filter_as_you_type_and_escape(app_factory, settled):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot, analysis=False)
        await pilot.press("slash")
        assert app.focused.id == "filter"
        await pilot.press(*"panda")
        assert titles(app) == ["Zoo welcomes panda cub, first in its history"]
        await pilot.press("escape")  # clears
        assert len(titles(app)) == 4
        await pilot.press(*"gazette")  # matches the source too
        assert titles(app) == ["Council approves harbour bridge repairs after long delay"]
        await pilot.press("escape", "escape")  # clear, then back to the list
        assert isinstance(app.focused, ArticleList)
        await pilot.press("slash", *"nothing-matches-this")
        assert titles(app) == []
        await pilot.press("enter")  # no article to open: no crash
        assert isinstance(app.screen, LibraryScreen)


async def test_sort_cycles_corpus_title_progress(app_factory, settled):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot, analysis=False)
        corpus_order = titles(app)
        await pilot.press("s")
        assert titles(app) == sorted(corpus_order, key=str.casefold)
        assert app.article_ids_in_order() == [r.id for r in app.library.query_one(ArticleList).view]
        # Progress: least tagged first. Tag the first article in corpus order twice.
        first = app.listing.articles[0]
        from reader.core.corpus import load_article

        article = load_article(first)
        app.store.add(article, 0, 10, "claim")
        app.store.add(article, 20, 30, "rebuttal")
        from reader.ui.messages import AnnotationsChanged

        app.post_message(AnnotationsChanged(first.id))
        await settled(pilot, analysis=False)
        await pilot.press("s")
        assert app.library.query_one(ArticleList).sort == "progress"
        assert titles(app)[-1] == corpus_order[0]
        rendered = app.library.query_one(ArticleList).render_line(4 + 0)  # last row (4 rows + header)
        assert "1" in rendered.text
        await pilot.press("s")
        assert titles(app) == corpus_order


async def test_cursor_keeps_its_article_across_filter_and_sort(app_factory, settled):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot, analysis=False)
        articles = app.library.query_one(ArticleList)
        await pilot.press("down", "down")
        chosen = articles.highlighted
        await pilot.press("s")
        assert articles.highlighted == chosen


async def test_problems_are_reported_once_and_listed(app_factory, settled, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.txt").write_text("A perfectly fine headline for this test\n\nSome words of text here.\n")
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "image.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00binary")
    app = app_factory(corpus)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot, analysis=False)
        skipped = [n for n in app._notifications if n.title == "Some files were skipped"]
        assert len(skipped) == 1
        assert "empty.txt" in skipped[0].message and "image.md" in skipped[0].message
        assert "2 skipped" in str(app.library.query_one("#status").render())
        await pilot.press("i")
        assert type(app.screen).__name__ == "ProblemsScreen"
        await pilot.press("escape")
        assert isinstance(app.screen, LibraryScreen)


async def test_missing_folder_shows_a_message(app_factory, settled, tmp_path):
    app = app_factory(tmp_path / "no-such-folder")
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        message = str(app.library.query_one("#library-empty").render())
        assert "does not exist" in message
        assert app.library.has_class("-empty")
        await pilot.press("enter", "s", "slash")
        assert isinstance(app.screen, LibraryScreen)


async def test_empty_folder_shows_a_message(app_factory, settled, tmp_path):
    (tmp_path / "empty").mkdir()
    app = app_factory(tmp_path / "empty")
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        assert "No articles in" in str(app.library.query_one("#library-empty").render())


async def test_titles_are_display_safe(app_factory, settled, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "evil.md").write_text("---\ntitle: \"Bad \x1b[31mred\x1b[0m title\"\n---\nSome body text for the article.\n")
    app = app_factory(corpus)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot, analysis=False)
        line = app.library.query_one(ArticleList).render_line(1).text
        assert "\x1b" not in line and "Bad" in line


async def test_ten_thousand_articles_list_and_scroll(app_factory, settled, tmp_path):
    corpus = tmp_path / "big"
    corpus.mkdir()
    for i in range(2000):
        (corpus / f"a{i:05d}.txt").write_text(f"Generated headline number {i} for the test\n\nBody text {i}.\n")
    app = app_factory(corpus, nlp=None)
    app.analyse_all = lambda infos: None  # listing only
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot, analysis=False)
        articles = app.library.query_one(ArticleList)
        assert len(articles.view) == 2000
        await pilot.press("end")
        assert articles.highlighted == "a01999"
        assert "number 1999" in articles.render_line(SIZE[1] - 5).text or articles.scroll_y > 0
        await pilot.press("home")
        assert articles.scroll_y == 0


async def test_typing_q_in_the_filter_does_not_quit(app_factory, settled):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot, analysis=False)
        await pilot.press("slash", "q", "t", "e", "s", "question_mark")
        assert app.is_running and isinstance(app.screen, LibraryScreen)
        assert app.library.query_one("#filter").value == "qtes?"


@pytest.mark.slow
async def test_real_model_analyses_the_bundled_corpus(app_factory, settled):
    from reader.config import BUNDLED_ARTICLES

    app = app_factory(BUNDLED_ARTICLES, nlp="real")
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        assert len(app.analyses) == 5 and app.model_ready
        assert all(a.entities for a in app.analyses.values())
        assert any(q.attrs.get("speaker") for a in app.analyses.values() for q in a.quotes)
        assert set(app.library.query_one(ArticleList).states.values()) == {"done"}
