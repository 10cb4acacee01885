"""Themes for the app: ThemeSpec (plain data from reader.core.themes) -> Textual Theme,
defaults for our own CSS variables, and the remembered theme choice."""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from textual import work
from textual.app import App
from textual.color import Color, ColorParseError
from textual.theme import Theme

from reader.config import Settings
from reader.core.themes import CONTRACT_VARIABLES, ThemeProblem, ThemeSpec, load_themes

DEFAULT_THEME = "dark"
FALLBACK_THEME = "textual-dark"  # built into Textual: always there

# Used by themes that do not set our variables (Textual's built-in themes, user themes
# that set only some). One set for dark backgrounds, one for light ones.
DARK_DEFAULTS: dict[str, str] = {
    "entity-person": "#7DCFFF",
    "entity-org": "#BB9AF7",
    "entity-gpe": "#9ECE6A",
    "entity-loc": "#73DACA",
    "entity-norp": "#FF9E64",
    "entity-date": "#E0AF68",
    "entity-misc": "#C0CAF5",
    "quote": "#E6C384",
    "speaker": "#FF9E64",
    "boilerplate": "#6B7280",
    "claim": "#4FD6BE",
    "rebuttal": "#FF757F",
    "label-other": "#C099FF",
    "cursor": "#2D3F76",
    "selection": "#3D59A1",
    "search-match": "#8C6C3E",
    "gutter": "#6B7280",
}
LIGHT_DEFAULTS: dict[str, str] = {
    "entity-person": "#0550AE",
    "entity-org": "#8250DF",
    "entity-gpe": "#116329",
    "entity-loc": "#0E7490",
    "entity-norp": "#BC4C00",
    "entity-date": "#7D4E00",
    "entity-misc": "#57606A",
    "quote": "#6F4E00",
    "speaker": "#953800",
    "boilerplate": "#8C959F",
    "claim": "#1A7F37",
    "rebuttal": "#B91C1C",
    "label-other": "#7C3AED",
    "cursor": "#DDF4FF",
    "selection": "#B6E3FF",
    "search-match": "#FFE58F",
    "gutter": "#8C959F",
}
assert set(DARK_DEFAULTS) == set(LIGHT_DEFAULTS) == set(CONTRACT_VARIABLES)


def variable_defaults(dark: bool) -> dict[str, str]:
    return dict(DARK_DEFAULTS if dark else LIGHT_DEFAULTS)


@lru_cache(maxsize=1)
def textual_variables() -> frozenset[str]:
    """The variables Textual's own widgets use; a theme may set them too."""
    return frozenset(Theme(name="probe", primary="#000000").to_color_system().generate())


def _check_colour(where: str, value: str) -> None:
    text = value.strip()
    if text.endswith("%"):
        text = text.rsplit(None, 1)[0]
    try:
        Color.parse(text)
    except ColorParseError as exc:
        raise ValueError(f"{where}: {value!r} is not a colour") from exc


def to_theme(spec: ThemeSpec) -> Theme:
    """A Textual theme from a validated spec; raises ValueError for a bad colour."""
    for key, value in spec.colours.items():
        _check_colour(key, value)
    for key, value in spec.variables.items():
        if key in CONTRACT_VARIABLES or key.endswith(("background", "foreground", "color")):
            _check_colour(key, value)
    extra = {}
    if spec.luminosity_spread is not None:
        extra["luminosity_spread"] = spec.luminosity_spread
    if spec.text_alpha is not None:
        extra["text_alpha"] = spec.text_alpha
    return Theme(
        name=spec.name, dark=spec.dark, variables=dict(spec.variables), ansi=spec.ansi, **spec.colours, **extra
    )


@dataclass
class ThemeCatalogue:
    themes: list[Theme] = field(default_factory=list)  # ours, from files, in file order
    problems: list[ThemeProblem] = field(default_factory=list)

    @property
    def names(self) -> list[str]:
        return [t.name for t in self.themes]

    def problem_message(self) -> str | None:
        """One notification for all the broken files."""
        if not self.problems:
            return None
        lines = "\n".join(f"• {p.path}: {p.message}" for p in self.problems[:5])
        more = f"\n… and {len(self.problems) - 5} more" if len(self.problems) > 5 else ""
        return f"Some theme files could not be used and were skipped:\n{lines}{more}"


def discover(dirs: Iterable[Path]) -> ThemeCatalogue:
    specs, problems = load_themes(dirs, known_variables=textual_variables())
    catalogue = ThemeCatalogue(problems=list(problems))
    for spec in specs:
        try:
            catalogue.themes.append(to_theme(spec))
        except ValueError as exc:
            catalogue.problems.append(ThemeProblem(spec.path, str(exc)))
    return catalogue


def choose_theme(wanted: str | None, remembered: str | None, available: Iterable[str]) -> tuple[str, str | None]:
    """(theme to use, warning or None): the asked-for theme, else the remembered one,
    else our default, else Textual's."""
    names = set(available)
    warning = None
    if wanted and wanted not in names:
        warning = f"No theme named {wanted!r}; using the default. Themes: {', '.join(sorted(names))}"
        wanted = None
    for name in (wanted, remembered, DEFAULT_THEME, FALLBACK_THEME):
        if name and name in names:
            return name, warning
    return FALLBACK_THEME, warning


def next_theme(current: str, cycle: list[str]) -> str:
    if not cycle:
        return current
    return cycle[(cycle.index(current) + 1) % len(cycle)] if current in cycle else cycle[0]


# ---------------------------------------------------------------- remembered state


def read_state(path: Path) -> dict:
    """The app's small remembered state (theme name); {} when missing or unreadable."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def write_state(path: Path, **changes: object) -> None:
    """Merge `changes` into the state file atomically (temp file, fsync, rename)."""
    data = {**read_state(path), **changes}
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".state-", suffix=".json", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, indent=2, sort_keys=True)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


# ---------------------------------------------------------------- the app's side


class ThemesMixin(App):
    """ReaderApp's theme handling: register the theme files, pick the theme, supply
    defaults for our variables, cycle with `t`, and remember the choice."""

    themes: ThemeCatalogue
    settings: Settings

    def install_themes(self, settings: Settings) -> None:
        """Call from __init__, before the first paint (no flash of another theme)."""
        self.themes = discover(settings.all_themes_dirs)
        for theme in self.themes.themes:
            self.register_theme(theme)
        remembered = read_state(settings.state_path).get("theme")
        self.theme, self._theme_warning = choose_theme(settings.theme, remembered, self.available_themes)

    def report_theme_problems(self) -> None:
        """One notification for the broken theme files, one for an unknown --theme."""
        for problem in filter(None, (self.themes.problem_message(), self._theme_warning)):
            self.notify(problem, title="Themes", severity="warning", timeout=12)

    def get_theme_variable_defaults(self) -> dict[str, str]:
        theme = self.get_theme(getattr(self, "theme", "") or FALLBACK_THEME)
        return variable_defaults(theme.dark if theme else True)

    def action_next_theme(self) -> None:
        self.theme = next_theme(self.theme, self.themes.names or [FALLBACK_THEME])
        self.notify(f"Theme: {self.theme}", timeout=2)

    def watch_theme(self, old: str, new: str) -> None:
        if self.is_running and old != new:
            self.remember_theme(new)

    @work(thread=True, exclusive=True, group="state", name="Saving the theme", exit_on_error=False)
    def remember_theme(self, name: str) -> None:
        write_state(self.settings.state_path, theme=name)
