"""Selecting with the mouse on the article screen: a real drag (Pilot's mouse_down, then
mouse_up elsewhere, which moves the pressed mouse there first, as a terminal reports a
drag) selects whole words, and `c` / `r` tag what was dragged over. Checked on the real
TinyDB store and on the screen (selection colours, gutter marks)."""

from __future__ import annotations

from reader.ui.widgets.article_view import ArticleView

from test_annotate import gutter_marks, stored
from test_article import ARTICLE_CORPUS, SIZE, idle, open_article, screen_text

FIRST = "The Harbour Authority in Northfield postponed the ferry contract on"


def find(view: ArticleView, words: str) -> tuple[int, int]:
    """(column, row) of the first visible occurrence of `words` in the view."""
    for row, line in enumerate(screen_text(view)):
        if words in line:
            return line.index(words), row
    raise AssertionError(f"{words!r} is not on screen")


def selected_cells(view: ArticleView, row: int) -> str:
    """The characters of visible row `row` painted with the selection's background."""
    colour = view.get_component_rich_style("article-view--selection", partial=True).bgcolor
    return "".join(s.text for s in view.render_line(row) if s.style is not None and s.style.bgcolor == colour)


async def drag(pilot, view: ArticleView, start: tuple[int, int], end: tuple[int, int]) -> None:
    await pilot.mouse_down(view, offset=start)
    await pilot.mouse_up(view, offset=end)
    await pilot.pause()


async def test_drag_selects_whole_words_and_c_tags_them(app_factory, settled):
    app = app_factory(ARTICLE_CORPUS)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        view = await open_article(pilot, "alpha")
        x, row = find(view, "Harbour Authority in")
        start = (x + 3, row)  # inside "Harbour"
        x, _ = find(view, "Northfield")
        end = (x + 4, row)  # inside "Northfield"
        await drag(pilot, view, start, end)
        assert view.text[slice(*view.selection)] == "Harbour Authority in Northfield"
        assert selected_cells(view, row) == "Harbour Authority in Northfield"
        await pilot.press("c")
        await idle(pilot)
        assert stored(app) == [("alpha", "claim", "Harbour Authority in Northfield")]
        assert view.selection is None
        assert gutter_marks(view)[FIRST] == "C"
        assert selected_cells(view, row) == ""


async def test_drag_backwards_over_two_lines_tags_a_rebuttal(app_factory, settled):
    app = app_factory(ARTICLE_CORPUS)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        view = await open_article(pilot, "alpha")
        x, row = find(view, "ferry contract on")
        end = (x + 2, row)  # inside "ferry", where the drag ends
        x, next_row = find(view, "no new date")
        assert next_row == row + 1
        start = (x + 5, next_row)  # inside "new", where the drag starts
        await drag(pilot, view, start, end)
        expected = "ferry contract on Monday. Officials gave no new"
        assert view.text[slice(*view.selection)] == expected
        assert selected_cells(view, row) + " " + selected_cells(view, next_row) == expected
        await pilot.press("r")
        await idle(pilot)
        assert stored(app) == [("alpha", "rebuttal", expected)]
        marks = gutter_marks(view)
        assert marks[FIRST] == "R"
        assert "R" in marks[screen_text(view)[next_row][4:].strip()]


async def test_click_without_drag_moves_the_cursor_and_selects_nothing(app_factory, settled):
    app = app_factory(ARTICLE_CORPUS)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        view = await open_article(pilot, "alpha")
        x, row = find(view, "Harbour Authority in")
        await pilot.click(view, offset=(x + 3, row))
        assert view.selection is None
        span = view.cursor_span
        assert view.text[span.start : span.end].startswith("The Harbour Authority in Northfield postponed")
        await pilot.press("c")  # no selection: the sentence under the cursor
        await idle(pilot)
        assert stored(app) == [("alpha", "claim", "The Harbour Authority in Northfield postponed the ferry contract on Monday.")]
