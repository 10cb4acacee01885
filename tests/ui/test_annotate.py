"""Tagging passages on the article screen: checked on the real TinyDB store (store.all())
and on the screen (gutter marks), with undo/redo, remove, notes, links across articles,
read-only stores, store failures, and reopening the app."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest

from reader.config import BUNDLED_ARTICLES
from reader.ui.screens.article import ArticleScreen
from reader.ui.screens.link_dialog import LinkDialog
from reader.ui.screens.note_dialog import NoteDialog

from test_article import ARTICLE_CORPUS, SIZE, cursor_text, idle, open_article, screen_text


def gutter_marks(view) -> dict[str, str]:
    """Marks in the gutter, by the text of the row."""
    return {row[4:].strip(): row[1:3].strip() for row in screen_text(view) if row[1:3].strip()}


def stored(app) -> list[tuple[str, str, str]]:
    return sorted((a.article_id, a.label, a.text) for a in app.store.all())


async def test_tag_claim_and_rebuttal(app_factory, settled):
    app = app_factory(ARTICLE_CORPUS)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        view = await open_article(pilot, "alpha")
        await pilot.press("j", "j", "c")
        # optimistic: the mark is on screen before the store thread has run
        assert gutter_marks(view).get("The Harbour Authority in Northfield postponed the ferry contract on") == "C"
        await idle(pilot)
        assert stored(app) == [("alpha", "claim", "The Harbour Authority in Northfield postponed the ferry contract on Monday.")]
        await pilot.press("j", "shift+down", "r")  # a two-sentence rebuttal
        await idle(pilot)
        assert stored(app)[1] == ("alpha", "rebuttal", "Officials gave no new date. The delay follows a review of costs.")
        marks = gutter_marks(view)
        assert marks["Monday. Officials gave no new date. The delay follows a review of"] == "CR"
        assert marks["costs."] == "R"
        assert view.selection is None  # tagging used up the selection
        status = str(app.screen.query_one("#article-status").render())
        assert "rebuttal" in status


async def test_undo_redo_and_remove(app_factory, settled):
    app = app_factory(ARTICLE_CORPUS)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        view = await open_article(pilot, "alpha")
        await pilot.press("j", "j", "c", "j", "r")
        await idle(pilot)
        assert [a.label for a in app.store.all()] == ["claim", "rebuttal"] or len(app.store.all()) == 2
        await pilot.press("u")
        await idle(pilot)
        assert [a.label for a in app.store.all()] == ["claim"]
        assert len(view.annotations) == 1
        await pilot.press("ctrl+y")
        await idle(pilot)
        assert sorted(a.label for a in app.store.all()) == ["claim", "rebuttal"]
        await pilot.press("x")  # the cursor is on the rebuttal
        await idle(pilot)
        assert [a.label for a in app.store.all()] == ["claim"]
        assert "R" not in "".join(gutter_marks(view).values())
        await pilot.press("x")  # nothing under the cursor now
        await idle(pilot)
        assert len(app.store.all()) == 1


async def test_remove_takes_the_innermost(app_factory, settled):
    app = app_factory(ARTICLE_CORPUS)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        view = await open_article(pilot, "alpha")
        await pilot.press("j", "j", "shift+down", "c")  # claim over two sentences
        await pilot.press("k", "r")  # rebuttal on the first sentence only
        await idle(pilot)
        assert len(app.store.all()) == 2
        await pilot.press("x")
        await idle(pilot)
        assert [a.label for a in app.store.all()] == ["claim"]


async def test_note_is_saved(app_factory, settled):
    app = app_factory(ARTICLE_CORPUS)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        await open_article(pilot, "alpha")
        await pilot.press("n")  # nothing tagged yet: a hint, no dialog
        assert isinstance(app.screen, ArticleScreen)
        await pilot.press("j", "j", "c")
        await idle(pilot)
        await pilot.press("n")
        assert isinstance(app.screen, NoteDialog)
        await pilot.press(*"check the date", "enter")
        await idle(pilot)
        assert app.store.all()[0].note == "check the date"
        assert "note: check the date" in str(app.screen.query_one("#article-status").render())
        await pilot.press("n", "escape")  # cancel keeps the note
        await idle(pilot)
        assert app.store.all()[0].note == "check the date"


async def test_link_rebuttal_to_a_claim_in_another_article(app_factory, settled):
    app = app_factory(ARTICLE_CORPUS)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        view = await open_article(pilot, "beta")
        await pilot.press("j", "j", "c")  # "The Northfield council said ... cost less next year."
        await idle(pilot)
        await pilot.press("escape")
        await open_article(pilot, "alpha")
        await pilot.press("j", "j", "r", "l")
        await idle(pilot)
        assert isinstance(app.screen, LinkDialog)
        await pilot.press(*"cheaper")  # filters on the title of the claim's article
        await pilot.press("enter")
        await idle(pilot)
        claim = next(a for a in app.store.all() if a.label == "claim")
        rebuttal = next(a for a in app.store.all() if a.label == "rebuttal")
        assert claim.article_id == "beta" and rebuttal.links == (claim.id,)
        await pilot.press("l", "enter")  # choosing it again unlinks
        await idle(pilot)
        assert app.store.get(rebuttal.id).links == ()


async def test_read_only_store_says_so(app_factory, settled):
    app = app_factory(ARTICLE_CORPUS, read_only=True)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        view = await open_article(pilot, "alpha")
        await pilot.press("c")
        await idle(pilot)
        assert any("read-only" in n.message for n in app._notifications)
        assert len(view.annotations) == 0


async def test_store_failure_reverts_and_tells(app_factory, settled, monkeypatch):
    app = app_factory(ARTICLE_CORPUS)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        view = await open_article(pilot, "alpha")

        release = threading.Event()

        def broken(*args: Any, **kwargs: Any) -> Any:
            release.wait(5)  # a slow disk: the screen must not wait for it
            raise OSError("No space left on device")

        monkeypatch.setattr(app.store, "add", broken)
        await pilot.press("c")
        assert len(view.annotations) == 1  # shown at once, while the store is still busy
        assert "C" in gutter_marks(view).values()
        release.set()
        await idle(pilot)
        assert len(view.annotations) == 0  # reverted
        assert any("not saved" in n.message and "No space left" in n.message for n in app._notifications)


async def test_quit_and_reopen_shows_the_annotations(app_factory, settled, tmp_path: Path):
    db = tmp_path / "kept.json"
    app = app_factory(ARTICLE_CORPUS, db=db)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        await open_article(pilot, "alpha")
        await pilot.press("j", "j", "c", "j", "r")
        await idle(pilot)
        await pilot.press("q")
    again = app_factory(ARTICLE_CORPUS, db=db)
    async with again.run_test(size=SIZE) as pilot:
        await settled(pilot)
        view = await open_article(pilot, "alpha")
        await idle(pilot)
        assert sorted(a.label for a in view.annotations) == ["claim", "rebuttal"]
        marks = gutter_marks(view)
        assert marks["The Harbour Authority in Northfield postponed the ferry contract on"] == "C"
        assert "CR" in marks.values()


async def test_custom_labels_get_keys_and_marks(app_factory, settled):
    from reader.config import LabelSpec

    labels = (LabelSpec("claim", "c"), LabelSpec("rebuttal", "r"), LabelSpec("evidence", "v"))
    app = app_factory(ARTICLE_CORPUS, labels=labels)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        view = await open_article(pilot, "alpha")
        await pilot.press("j", "j", "v")
        await idle(pilot)
        assert [a.label for a in app.store.all()] == ["evidence"]
        assert "E" in gutter_marks(view).values()


@pytest.mark.slow
async def test_real_model_on_the_bundled_articles(app_factory, settled):
    app = app_factory(BUNDLED_ARTICLES, nlp="real")
    async with app.run_test(size=(160, 48)) as pilot:
        await settled(pilot)
        view = await open_article(pilot, app.article_ids_in_order()[0])
        assert len(view.entities) > 20 and len(view.quotes) > 3
        assert {"PERSON", "GPE"} <= set(view.entity_labels())
        rows = screen_text(view)
        assert any(" — " in r and "”" in r for r in rows)  # a speaker at a quotation
        await pilot.press("J", "c")
        await idle(pilot)
        assert stored(app)[0][1] == "claim"
        assert "C" in gutter_marks(view).values()
