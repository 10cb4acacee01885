"""The export dialog: format and path, the export runs in a worker, a notification with
the path and the counts; errors are notifications too."""

from __future__ import annotations

import csv
import json

from reader.core.corpus import load_article
from reader.ui.screens.export_dialog import ExportDialog
from reader.ui.screens.library import LibraryScreen

SIZE = (100, 32)


def notes(app, title):
    return [n.message for n in app._notifications if n.title == title]


def tag_two(app):
    first, second = app.listing.articles[:2]
    a, b = load_article(first), load_article(second)
    app.store.add(a, 0, 7, "claim")
    app.store.add(b, 0, 7, "rebuttal")


async def set_path(pilot, path):
    field = pilot.app.screen.query_one("#export-path")
    field.value = str(path)
    field.focus()
    await pilot.pause()


async def export_via_dialog(pilot, path, fmt=None):
    """Open the dialog (e), maybe pick a format, type the path, Enter, wait."""
    await pilot.press("e")
    if fmt is not None:
        pilot.app.screen.fmt = fmt
    await set_path(pilot, path)
    await pilot.press("enter")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_export_csv_writes_a_file_and_says_where(app_factory, settled, tmp_path):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        tag_two(app)
        target = tmp_path / "out.csv"
        await export_via_dialog(pilot, target)
        assert isinstance(app.screen, LibraryScreen)
        rows = list(csv.reader(target.read_text(encoding="utf-8-sig").splitlines()))
        assert len(rows) == 3  # header + 2
        message = "\n".join(notes(app, "Exported"))
        assert str(target) in message and "2 annotations" in message


async def test_export_jsonl_after_choosing_the_format(app_factory, settled, tmp_path):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        tag_two(app)
        await pilot.press("e")
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        assert dialog.query_one("#export-path").value == "reader-export.csv"  # the default
        dialog.query_one("#export-format").focus()
        await pilot.press("down", "enter")  # move to JSON Lines and choose it
        assert dialog.fmt == "jsonl"
        assert dialog.query_one("#export-path").value == "reader-export.jsonl"
        target = tmp_path / "out.jsonl"
        await set_path(pilot, target)
        await pilot.press("enter")
        await settled(pilot)
        lines = [json.loads(line) for line in target.read_text().splitlines()]
        assert len(lines) == 2


async def test_export_spacy_writes_a_folder(app_factory, settled, tmp_path):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        tag_two(app)
        await export_via_dialog(pilot, tmp_path / "spacy-out", "spacy")
        assert (tmp_path / "spacy-out" / "train.spacy").exists()
        assert notes(app, "Exported")


async def test_export_errors_are_notifications(app_factory, settled, tmp_path):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        await export_via_dialog(pilot, tmp_path / "x.csv")
        assert any("no annotations yet" in n for n in notes(app, "Export failed"))
        tag_two(app)
        await export_via_dialog(pilot, tmp_path / "missing-folder" / "x.csv")
        assert any("does not exist" in n for n in notes(app, "Export failed"))
        assert app.is_running


async def test_escape_cancels(app_factory, settled, tmp_path):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        await pilot.press("e")
        await pilot.press("escape")
        assert isinstance(app.screen, LibraryScreen)
        assert not notes(app, "Exported") and not (tmp_path / "reader-export.csv").exists()
