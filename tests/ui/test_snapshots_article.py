"""Snapshots of the article screen: entities, a quotation with its speaker, boilerplate
(dimmed, then folded), claim and rebuttal annotations with gutter marks, a selection.
Small (80x24) and wide (160x48). Review snapshot_report.html before `--snapshot-update`."""

from __future__ import annotations

import pytest

from test_article import ARTICLE_CORPUS, idle, open_article

SIZES = {"small": (80, 24), "wide": (160, 48)}


@pytest.mark.parametrize("size", SIZES)
def test_article_snapshot(snap_compare, app_factory, settled, size):
    app = app_factory(ARTICLE_CORPUS)

    async def ready(pilot):
        await settled(pilot)
        await open_article(pilot, "alpha")
        await pilot.press("j", "j", "c", "j", "shift+down", "r", "j", "j", "shift+right", "shift+right")
        await idle(pilot)
        pilot.app.screen.panel.flush()
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZES[size], run_before=ready)


@pytest.mark.parametrize("size", SIZES)
def test_article_folded_light_snapshot(snap_compare, app_factory, settled, size):
    app = app_factory(ARTICLE_CORPUS, theme="light")

    async def ready(pilot):
        await settled(pilot)
        await open_article(pilot, "alpha")
        await pilot.press("b", "J", "J", "J", "c")
        await idle(pilot)
        pilot.app.screen.panel.flush()
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZES[size], run_before=ready)
