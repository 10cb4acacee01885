"""The export dialog: format, path and the filters of `reader export` (labels, this
article or the whole corpus, annotator), a live count, the natural tab order, the export
in a worker with a notification naming the path and the counts, and bad paths that keep
the dialog open with a specific message and every choice. Checked on the files written
and the real TinyDB store."""

from __future__ import annotations

import csv
import json
import os

import pytest
from textual.widgets import Button, Checkbox, Input, RadioSet, Select

from reader.core.corpus import list_corpus, load_article
from reader.core.store import AnnotationStore
from reader.ui.screens.export_dialog import ExportDialog
from reader.ui.screens.library import LibraryScreen

from conftest import UI_CORPUS
from test_article import idle

SIZE = (100, 32)


def notes(app, title):
    return [n.message for n in app._notifications if n.title == title]


def tag_two(app):
    """A claim in the first article, a rebuttal in the second (store calls, as the
    article screen makes them)."""
    first, second = app.listing.articles[:2]
    a, b = load_article(first), load_article(second)
    app.store.add(a, 0, 7, "claim")
    app.store.add(b, 0, 7, "rebuttal")


def tick(dialog: ExportDialog, label: str) -> Checkbox:
    return next(box for box in dialog.query(Checkbox) if box.name == label)


def status(dialog: ExportDialog) -> str:
    return str(dialog.query_one("#export-status").render())


async def open_dialog(pilot) -> ExportDialog:
    await pilot.press("e")
    await idle(pilot)  # the dialog has read the store and counted
    dialog = pilot.app.screen
    assert isinstance(dialog, ExportDialog)
    return dialog


async def set_path(pilot, path):
    field = pilot.app.screen.query_one("#export-path", Input)
    field.value = str(path)
    field.focus()
    await pilot.pause()


async def export_via_dialog(pilot, path, fmt=None):
    """Open the dialog (e), maybe pick a format, type the path, Enter, wait."""
    dialog = await open_dialog(pilot)
    if fmt is not None:
        dialog.query_one("#export-format", RadioSet).focus()
        for _ in range(list(("csv", "jsonl", "spacy")).index(fmt)):
            await pilot.press("right")
        await pilot.press("space")
        assert dialog.fmt == fmt
    await set_path(pilot, path)
    await pilot.press("enter")
    await idle(pilot)
    return dialog


def focus_name(app) -> str:
    widget = app.focused
    return widget.id or widget.name or type(widget).__name__


# ---------------------------------------------------------------- exporting


async def test_export_csv_writes_a_file_and_says_where(app_factory, settled, tmp_path):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        tag_two(app)
        target = tmp_path / "out.csv"
        dialog = await open_dialog(pilot)
        assert status(dialog) == "Exports 2 of 2 annotations, from 2 articles."
        await set_path(pilot, target)
        await pilot.press("enter")
        await idle(pilot)
        assert isinstance(app.screen, LibraryScreen)
        rows = list(csv.reader(target.read_text(encoding="utf-8-sig").splitlines()))
        assert len(rows) == 3  # header + 2
        message = "\n".join(notes(app, "Exported"))
        assert str(target) in message and "2 annotations" in message and "Filters" not in message


async def test_export_jsonl_after_choosing_the_format(app_factory, settled, tmp_path):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        tag_two(app)
        dialog = await open_dialog(pilot)
        assert dialog.query_one("#export-path", Input).value == "reader-export.csv"  # the default
        dialog.query_one("#export-format").focus()
        await pilot.press("down", "enter")  # move to JSON Lines and choose it
        assert dialog.fmt == "jsonl"
        assert dialog.query_one("#export-path", Input).value == "reader-export.jsonl"
        assert "Prodigy" in str(dialog.query_one("#export-format-help").render())
        target = tmp_path / "out.jsonl"
        await set_path(pilot, target)
        await pilot.press("enter")
        await idle(pilot)
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


async def test_escape_cancels(app_factory, settled, tmp_path):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        await pilot.press("e")
        await pilot.press("escape")
        assert isinstance(app.screen, LibraryScreen)
        assert not notes(app, "Exported") and not (tmp_path / "reader-export.csv").exists()


# ---------------------------------------------------------------- keys


async def test_tab_goes_format_path_filters_export_cancel(app_factory, settled):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        await open_dialog(pilot)
        assert focus_name(app) == "export-path"  # e then enter exports at once
        await pilot.press("shift+tab")
        assert focus_name(app) == "export-format"
        order = []
        for _ in range(8):
            await pilot.press("tab")
            order.append(focus_name(app))
        assert order == [
            "export-path", "claim", "rebuttal", "export-scope", "export-annotator", "export", "cancel", "export-format",
        ]  # fmt: skip


async def test_ctrl_s_exports_from_any_field(app_factory, settled, tmp_path):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        tag_two(app)
        dialog = await open_dialog(pilot)
        await set_path(pilot, tmp_path / "out.csv")
        dialog.query_one("#export-annotator").focus()
        await pilot.press("ctrl+s")
        await idle(pilot)
        assert (tmp_path / "out.csv").exists()
        assert isinstance(app.screen, LibraryScreen)


# ---------------------------------------------------------------- filters


async def test_only_claims_of_this_article(app_factory, settled, tmp_path):
    """From an article: untick rebuttal, choose this article; the CSV has just its claims."""
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        first, second = app.listing.articles[:2]
        a, b = load_article(first), load_article(second)
        app.store.add(a, 0, 7, "claim")
        app.store.add(a, 10, 20, "rebuttal")
        app.store.add(b, 0, 7, "claim")
        app.open_article(first.id)
        await idle(pilot)
        dialog = await open_dialog(pilot)
        assert status(dialog) == "Exports 3 of 3 annotations, from 2 articles."
        await pilot.press("tab", "tab", "space")  # path -> claim -> rebuttal: untick it
        assert not tick(dialog, "rebuttal").value
        assert status(dialog) == "Exports 2 of 3 annotations, from 2 articles."
        await pilot.press("tab", "right", "space")  # articles: this one
        assert status(dialog) == "Exports 1 of 3 annotations, from 1 article."
        await set_path(pilot, tmp_path / "claims.csv")
        await pilot.press("enter")
        await idle(pilot)
        rows = list(csv.DictReader((tmp_path / "claims.csv").read_text(encoding="utf-8-sig").splitlines()))
        assert [(r["article_id"], r["label"], r["text"]) for r in rows] == [(a.id, "claim", a.text[0:7])]
        message = "\n".join(notes(app, "Exported"))
        assert str(tmp_path / "claims.csv") in message and "1 annotation from 1 article" in message
        assert "Filters: label claim; article “" in message
        # `e` again: the same choices
        dialog = await open_dialog(pilot)
        assert dialog.query_one("#export-path", Input).value == str(tmp_path / "claims.csv")
        assert [c.value for c in dialog.query(Checkbox)] == [True, False]
        assert dialog.query_one("#export-scope", RadioSet).pressed_button.name == "article"


async def test_annotator_filter_lists_who_annotated(app_factory, settled, tmp_path):
    db = tmp_path / "shared.json"
    corpus = {i.id: i for i in list_corpus(UI_CORPUS).articles}
    article = load_article(corpus[sorted(corpus)[0]])
    with AnnotationStore(db, labels=("claim", "rebuttal"), annotator="alice") as store:
        store.add(article, 0, 7, "claim")
        store.add(article, 10, 20, "rebuttal")
    app = app_factory(db=db)  # annotator "tester"
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        app.store.add(article, 30, 40, "claim")
        dialog = await open_dialog(pilot)
        select = dialog.query_one("#export-annotator", Select)
        assert [str(prompt) for prompt, _ in select._options] == ["anyone", "alice", "tester"]
        select.focus()
        await pilot.press("enter", "down", "enter")  # open the list, alice, choose
        await idle(pilot)
        assert select.value == "alice"
        assert status(dialog) == "Exports 2 of 3 annotations, from 1 article."
        await export_via_dialog(pilot, tmp_path / "alice.jsonl", "jsonl")
        line = json.loads((tmp_path / "alice.jsonl").read_text())
        assert sorted((s["annotator"], s["label"]) for s in line["spans"]) == [("alice", "claim"), ("alice", "rebuttal")]
        assert "annotator alice" in "\n".join(notes(app, "Exported"))


# ---------------------------------------------------------------- problems stay in the dialog


async def test_bad_paths_keep_the_dialog_open_with_every_choice(app_factory, settled, tmp_path):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        tag_two(app)
        dialog = await open_dialog(pilot)
        await pilot.press("tab", "tab", "space")  # untick rebuttal: a choice that must survive
        (tmp_path / "a-file").write_text("x")
        cases = [
            (tmp_path / "missing-folder" / "x.csv", "the folder"),
            (tmp_path, "this is a folder; give a file name"),
            (tmp_path / ("x" * 300 + ".csv"), "File name too long"),
            (tmp_path / ("x" * 246 + ".csv"), "cannot write the export"),  # fails while writing
        ]
        for path, message in cases:
            await set_path(pilot, path)
            await pilot.press("enter")
            await idle(pilot)
            assert app.screen is dialog, path
            assert message in status(dialog) and str(path) in status(dialog)
            assert dialog.query_one("#export-status").has_class("-error")
            assert app.focused is dialog.query_one("#export-path")
            assert dialog.query_one("#export-path", Input).value == str(path)
            assert not tick(dialog, "rebuttal").value
        assert not notes(app, "Exported") and not notes(app, "Export failed")
        assert not (tmp_path / "missing-folder").exists()
        assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(("x", ".x"))]  # no file, no temporary
        # spaCy wants a folder: an existing file is refused
        dialog.query_one("#export-format", RadioSet).focus()
        await pilot.press("right", "right", "space")
        await set_path(pilot, tmp_path / "a-file")
        await pilot.press("enter")
        await idle(pilot)
        assert "this is a file; the spaCy export needs a folder" in status(dialog)
        # typing clears the message; a good path exports and closes
        await set_path(pilot, tmp_path / "spacy-out")
        assert not dialog.query_one("#export-status").has_class("-error")
        await pilot.press("enter")
        await idle(pilot)
        assert isinstance(app.screen, LibraryScreen)
        assert (tmp_path / "spacy-out" / "train.spacy").exists()
        assert "Filters: label claim" in "\n".join(notes(app, "Exported"))


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
async def test_unwritable_folder_is_named(app_factory, settled, tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        tag_two(app)
        dialog = await export_via_dialog(pilot, locked / "x.csv")
        assert app.screen is dialog and "permission denied" in status(dialog)


async def test_nothing_to_export_is_said_before_exporting(app_factory, settled, tmp_path):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        dialog = await export_via_dialog(pilot, tmp_path / "x.csv")
        assert app.screen is dialog
        assert "No annotations yet" in status(dialog)
        await pilot.press("escape")
        tag_two(app)
        dialog = await open_dialog(pilot)
        await pilot.press("tab", "space", "tab", "space")  # untick both labels
        assert status(dialog) == "None of the 2 annotations match these filters."
        assert dialog.query_one("#export-status").has_class("-nothing")
        await pilot.press("ctrl+s")
        await idle(pilot)
        assert app.screen is dialog and dialog.query_one("#export-status").has_class("-error")
        assert not (tmp_path / "x.csv").exists() and not notes(app, "Export failed")


async def test_escape_while_exporting_still_notifies(app_factory, settled, tmp_path):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        tag_two(app)
        dialog = await open_dialog(pilot)
        await set_path(pilot, tmp_path / "out.csv")
        with app.store._mutex:  # the export worker waits for the store until the user has left
            await pilot.press("enter")
            for _ in range(100):
                if dialog.exporting is not None:
                    break
                await pilot.pause(0.01)
            assert status(dialog) == "Exporting…" and dialog.query_one("#export", Button).disabled
            await pilot.press("escape")
            assert isinstance(app.screen, LibraryScreen)
            assert not (tmp_path / "out.csv").exists()
        await idle(pilot)
        assert (tmp_path / "out.csv").exists()
        assert any(str(tmp_path / "out.csv") in n for n in notes(app, "Exported"))
