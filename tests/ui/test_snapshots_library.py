"""Snapshots of the library and the help screen, small (80x24) and wide (160x48).
Review the report (snapshot_report.html) before `--snapshot-update`."""

from __future__ import annotations

import pytest

from reader.ui.screens.help import HelpScreen

SIZES = {"small": (80, 24), "wide": (160, 48)}


@pytest.mark.parametrize("size", SIZES)
def test_library_snapshot(snap_compare, app_factory, settled, size):
    app = app_factory()

    async def ready(pilot):
        await settled(pilot)

    assert snap_compare(app, terminal_size=SIZES[size], run_before=ready)


@pytest.mark.parametrize("size", SIZES)
def test_library_filtered_and_sorted_snapshot(snap_compare, app_factory, settled, size):
    app = app_factory(theme="light")

    async def ready(pilot):
        await settled(pilot)
        await pilot.press("s", "slash", *"ra")
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZES[size], run_before=ready)


@pytest.mark.parametrize("size", SIZES)
def test_help_snapshot(snap_compare, app_factory, settled, size):
    app = app_factory(theme="high-contrast")

    async def ready(pilot):
        await settled(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(pilot.app.screen, HelpScreen)

    assert snap_compare(app, terminal_size=SIZES[size], run_before=ready)
