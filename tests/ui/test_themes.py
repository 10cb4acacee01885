"""Themes: bundled files are complete, broken files are reported once, the choice
persists across restarts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.config import BUNDLED_THEMES
from reader.core.themes import BASE_COLOURS, CONTRACT_VARIABLES, load_themes, parse_theme, ThemeError
from reader.ui import theming

SIZE = (100, 32)


def test_bundled_themes_define_every_colour_and_variable():
    specs, problems = load_themes([BUNDLED_THEMES], theming.textual_variables())
    assert problems == []
    names = {s.name for s in specs}
    assert {"dark", "light", "high-contrast"} <= names
    for spec in specs:
        assert set(BASE_COLOURS) <= set(spec.colours), spec.name
        assert set(CONTRACT_VARIABLES) <= set(spec.variables), spec.name
        theming.to_theme(spec)  # Textual accepts every colour


@pytest.mark.parametrize(
    "text, message",
    [
        ("name = 'x'\nprimary = 'nope('\n", "not a colour"),
        ("name = 'x'\n", "primary colour is missing"),
        ("name = 'x'\nprimary = '#fff'\nprimery = '#000'\n", "unknown key"),
        ("name = 'x'\nprimary = '#fff'\n[variables]\nentity-persn = '#000'\n", "unknown variable"),
        ("name = 'x'\nprimary = '#fff'\n[variables]\nclaim = '#12345'\n", "not a colour"),
        ("name = 'Bad Name'\nprimary = '#fff'\n", "name"),
        ("primary = '#fff\n", "not valid TOML"),
        ("name = 'x'\nprimary = '#fff'\ndark = 'yes'\n", "dark must be"),
    ],
)
def test_parse_theme_rejects_with_a_clear_message(text, message):
    with pytest.raises(ThemeError, match=message):
        parse_theme(text, Path("t.toml"), theming.textual_variables())


def test_colour_names_are_checked_with_textuals_parser(tmp_path):
    (tmp_path / "x.toml").write_text("name = 'x'\nprimary = '#fff'\n[variables]\nclaim = 'bold'\n")
    (tmp_path / "y.toml").write_text("name = 'y'\nprimary = 'red'\n[variables]\nclaim = 'blue 50%'\n")
    catalogue = theming.discover([tmp_path])
    assert catalogue.names == ["y"]
    assert "x.toml" in catalogue.problem_message() and "'bold' is not a colour" in catalogue.problem_message()


def test_theme_with_only_primary_gets_defaults():
    spec = parse_theme("name = 'mini'\nprimary = '#336699'\ndark = false\n", Path("mini.toml"))
    theme = theming.to_theme(spec)
    assert theme.name == "mini" and not theme.dark


async def test_theme_switch_persists_across_restart(app_factory, settled, reader_dirs):
    app = app_factory(theme=None)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot, analysis=False)
        assert app.theme == "dark"
        await pilot.press("t")
        second = app.theme
        assert second != "dark" and second in app.themes.names
        await settled(pilot, analysis=False)
    state = json.loads((reader_dirs["config"] / "state.json").read_text())
    assert state["theme"] == second
    again = app_factory(theme=None)
    async with again.run_test(size=SIZE) as pilot:
        await settled(pilot, analysis=False)
        assert again.theme == second


async def test_cli_theme_wins_over_remembered(app_factory, settled, reader_dirs):
    (reader_dirs["config"] / "state.json").write_text('{"theme": "light"}')
    app = app_factory(theme="high-contrast")
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot, analysis=False)
        assert app.theme == "high-contrast"


async def test_broken_theme_file_is_named_once_and_others_still_load(app_factory, settled, reader_dirs):
    user_themes = reader_dirs["config"] / "themes"
    user_themes.mkdir()
    (user_themes / "broken.toml").write_text("name = 'broken'\nprimary = '#12'\n")
    (user_themes / "garbage.toml").write_text("this is [not toml")
    (user_themes / "mine.toml").write_text("name = 'mine'\nprimary = '#aa5500'\n")
    app = app_factory(theme="broken")
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot, analysis=False)
        assert app.theme == "dark"  # fallback to the default
        assert "mine" in app.available_themes and "broken" not in app.available_themes
        theme_notes = [n for n in app._notifications if n.title == "Themes"]
        text = "\n".join(n.message for n in theme_notes)
        assert "broken.toml" in text and "garbage.toml" in text
        assert "No theme named 'broken'" in text
        assert len([n for n in theme_notes if "broken.toml" in n.message]) == 1


async def test_builtin_textual_theme_gets_our_variables(app_factory, settled):
    app = app_factory(theme="textual-light")
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot, analysis=False)
        variables = app.get_css_variables()
        for name in CONTRACT_VARIABLES:
            assert name in variables
        assert variables["claim"] == theming.LIGHT_DEFAULTS["claim"]


def test_state_is_written_atomically(tmp_path):
    path = tmp_path / "sub" / "state.json"
    theming.write_state(path, theme="light")
    theming.write_state(path, other=1)
    assert json.loads(path.read_text()) == {"theme": "light", "other": 1}
    assert list(path.parent.iterdir()) == [path]
    path.write_text("{broken")
    assert theming.read_state(path) == {}
