"""Snapshots of the library and the help screen, small (80x24) and wide (160x48), one
theme each. Review the report (snapshot_report.html) before `--snapshot-update`."""

from __future__ import annotations

import pytest

SIZES = {"small": (80, 24), "wide": (160, 48)}
# scenario -> (theme, keys pressed once the app has settled)
SCENARIOS = {
    "library": ("dark", ()),
    "library-sorted-filtered": ("light", ("s", "slash", "r", "a")),
    "help": ("high-contrast", ("question_mark",)),
}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("scenario", SCENARIOS)
def test_snapshot(snap_compare, app_factory, settled, scenario, size):
    theme, keys = SCENARIOS[scenario]
    app = app_factory(theme=theme)

    async def ready(pilot):
        await settled(pilot)
        await pilot.press(*keys)
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZES[size], run_before=ready)
