"""Every modal dialog (help, export, link, note, entity labels) looks alike: class
"dialog", one ".dialog-body", and a translucent background, so the article under it
stays visible, dimmed. Checked on the composed screen the terminal would get."""

from __future__ import annotations

import io

import pytest
from rich.console import Console
from textual.screen import ModalScreen

from reader.ui.screens.export_dialog import ExportDialog
from reader.ui.screens.help import HelpScreen
from reader.ui.screens.link_dialog import LinkDialog
from reader.ui.screens.note_dialog import NoteDialog
from reader.ui.widgets.legend import EntityFilterDialog

from test_article import ARTICLE_CORPUS, SIZE, idle, open_article

DIALOGS = {"?": HelpScreen, "e": ExportDialog, "l": LinkDialog, "n": NoteDialog, "E": EntityFilterDialog}


def composed(app) -> list[str]:
    """The whole screen as the terminal shows it (modal and the screens under it)."""
    console = Console(width=app.size.width, height=app.size.height, file=io.StringIO(), record=True,
                      force_terminal=True, color_system="truecolor", legacy_windows=False, safe_box=False)  # fmt: skip
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    return console.export_text().splitlines()


@pytest.mark.parametrize("key", DIALOGS)
async def test_every_modal_shows_the_article_dimmed(app_factory, settled, key):
    app = app_factory(ARTICLE_CORPUS)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        view = await open_article(pilot, "alpha")
        await pilot.press("j", "j", "c", "j", "r")  # a claim, and a rebuttal under the cursor
        await idle(pilot)
        article = app.screen
        under = composed(app)
        await pilot.press(key)
        await idle(pilot)
        dialog = app.screen
        assert isinstance(dialog, DIALOGS[key]) and isinstance(dialog, ModalScreen)
        assert dialog.has_class("dialog") and len(dialog.query(".dialog-body")) == 1
        background = dialog.styles.background
        assert 0 < background.a < 1, background  # translucent: the article shows through
        screen = composed(app)
        body = dialog.query_one(".dialog-body").region
        outside = [(y, line[: body.x]) for y, line in enumerate(screen) if body.y <= y < body.bottom]
        assert any(text.strip() and text == under[y][: body.x] for y, text in outside), "article hidden"
        assert screen[0] == under[0]  # the title row, above every dialog
        await pilot.press("escape")
        await idle(pilot)
        assert app.screen is article and view.text
