"""Snapshots of dialogs: the export dialog with its filters set (rebuttals left out, only
the highlighted article) at 80x24 over the library, which shows through dimmed.
Review the report (snapshot_report.html) before `--snapshot-update`."""

from __future__ import annotations

from test_article import idle
from test_export_dialog import tag_two


def test_export_dialog_with_filters(snap_compare, app_factory, settled):
    app = app_factory(theme="dark")

    async def ready(pilot):
        await settled(pilot)
        tag_two(pilot.app)
        await pilot.press("e")
        await idle(pilot)
        await pilot.press("tab", "tab", "space", "tab", "right", "space")  # untick rebuttal; this article
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=ready)
