"""Theme files: parse and validate `themes/*.toml` into plain data.

A theme file names the base colours Textual builds a palette from, plus a `[variables]`
table of extra colours (ours: entity-person, claim, ...; or Textual's own). Nothing here
knows Textual: `reader.ui.theming` turns a `ThemeSpec` into a `textual.theme.Theme` and
checks colour values with Textual's own parser.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping

BASE_COLOURS: tuple[str, ...] = (
    "primary",
    "secondary",
    "accent",
    "foreground",
    "background",
    "surface",
    "panel",
    "boost",
    "warning",
    "error",
    "success",
)

# The variables our stylesheets use (see .brief/ui_contract.md); every theme may set them,
# and the app supplies defaults for the themes that do not.
CONTRACT_VARIABLES: tuple[str, ...] = (
    "entity-person",
    "entity-org",
    "entity-gpe",
    "entity-loc",
    "entity-norp",
    "entity-date",
    "entity-misc",
    "quote",
    "speaker",
    "boilerplate",
    "claim",
    "rebuttal",
    "label-other",
    "cursor",
    "selection",
    "search-match",
    "gutter",
)

OTHER_KEYS = ("name", "dark", "luminosity_spread", "text_alpha", "ansi", "variables")
MAX_THEME_BYTES = 256 * 1024

_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,47}$")
_VARIABLE_NAME = re.compile(r"^[a-z][a-z0-9-]{0,63}$")
# Colour syntax: #rgb, #rgba, #rrggbb, #rrggbbaa, rgb()/rgba()/hsl()/hsla(), or a colour
# name. Names are checked by the UI with Textual's parser; here we only reject garbage.
_COLOUR = re.compile(
    r"^(#(?:[0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})"
    r"|(?:rgb|rgba|hsl|hsla)\(\s*[0-9.%]+\s*(?:,\s*[0-9.%]+\s*){2,3}\)"
    r"|[a-z][a-z0-9_]*)$"
)
_ALPHA_SUFFIX = re.compile(r"\s+(?:100|[1-9]?[0-9])%$")


@dataclass(frozen=True, slots=True)
class ThemeSpec:
    """A validated theme file, as plain data."""

    name: str
    path: Path
    dark: bool
    colours: Mapping[str, str]  # base colour name -> colour
    variables: Mapping[str, str] = field(default_factory=dict)
    luminosity_spread: float | None = None
    text_alpha: float | None = None
    ansi: bool = False


@dataclass(frozen=True, slots=True)
class ThemeProblem:
    """A theme file that could not be used; `message` is fit for a user."""

    path: Path
    message: str

    def __str__(self) -> str:
        return f"{self.path.name}: {self.message}"


class ThemeError(Exception):
    """A theme file that cannot be used."""


def is_colour(value: str, *, allow_alpha: bool = False) -> bool:
    value = value.strip()
    if allow_alpha:
        value = _ALPHA_SUFFIX.sub("", value)
    return bool(_COLOUR.match(value))


def _number(data: Mapping[str, Any], key: str, low: float, high: float) -> float | None:
    if key not in data:
        return None
    value = data[key]
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not low <= value <= high:
        raise ThemeError(f"{key} must be a number from {low} to {high}")
    return float(value)


def _variables(raw: Any, known: frozenset[str] | None) -> dict[str, str]:
    if not isinstance(raw, dict):
        raise ThemeError("[variables] must be a table of name = \"colour\"")
    out: dict[str, str] = {}
    for name, value in raw.items():
        if not _VARIABLE_NAME.match(name):
            raise ThemeError(f"variable {name!r}: names are lower-case letters, digits and -")
        if known is not None and name not in known:
            close = [k for k in sorted(known) if k.split("-")[0] == name.split("-")[0]][:3]
            hint = f" (did you mean {', '.join(close)}?)" if close else ""
            raise ThemeError(f"unknown variable {name!r}{hint}")
        if not isinstance(value, str) or not value.strip():
            raise ThemeError(f"variable {name!r} must be a non-empty string")
        if any(c in value for c in ";{}\n"):
            raise ThemeError(f"variable {name!r}: {value!r} is not a CSS value")
        if name in CONTRACT_VARIABLES and not is_colour(value, allow_alpha=True):
            raise ThemeError(f"variable {name!r}: {value!r} is not a colour")
        out[name] = value.strip()
    return out


def parse_theme(text: str, path: Path, known_variables: Iterable[str] | None = None) -> ThemeSpec:
    """Validate one theme file's text. Raises ThemeError with a message for the user."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ThemeError(f"not valid TOML: {exc}") from exc
    unknown = sorted(set(data) - set(BASE_COLOURS) - set(OTHER_KEYS))
    if unknown:
        raise ThemeError(f"unknown key(s) {', '.join(unknown)}; colours are {', '.join(BASE_COLOURS)}")
    name = data.get("name", path.stem)
    if not isinstance(name, str) or not _NAME.match(name):
        raise ThemeError(f"name {name!r} must be lower-case letters, digits, - or _ (at most 48)")
    dark = data.get("dark", True)
    if not isinstance(dark, bool):
        raise ThemeError("dark must be true or false")
    if "primary" not in data:
        raise ThemeError("primary colour is missing")
    colours: dict[str, str] = {}
    for key in BASE_COLOURS:
        if key in data:
            value = data[key]
            if not isinstance(value, str) or not is_colour(value):
                raise ThemeError(f"{key} = {value!r} is not a colour (use \"#rrggbb\")")
            colours[key] = value.strip()
    ansi = data.get("ansi", False)
    if not isinstance(ansi, bool):
        raise ThemeError("ansi must be true or false")
    known = frozenset(known_variables) | frozenset(CONTRACT_VARIABLES) if known_variables is not None else None
    return ThemeSpec(
        name=name,
        path=path,
        dark=dark,
        colours=colours,
        variables=_variables(data.get("variables", {}), known),
        luminosity_spread=_number(data, "luminosity_spread", 0.0, 1.0),
        text_alpha=_number(data, "text_alpha", 0.0, 1.0),
        ansi=ansi,
    )


def load_theme_file(path: Path, known_variables: Iterable[str] | None = None) -> ThemeSpec:
    try:
        if path.stat().st_size > MAX_THEME_BYTES:
            raise ThemeError(f"too large for a theme file (over {MAX_THEME_BYTES // 1024} KiB)")
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ThemeError(f"cannot read: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise ThemeError("not UTF-8 text") from exc
    return parse_theme(text, path, known_variables)


def load_themes(
    dirs: Iterable[Path], known_variables: Iterable[str] | None = None
) -> tuple[list[ThemeSpec], list[ThemeProblem]]:
    """Every `*.toml` in `dirs` (missing folders are skipped). A later folder's theme
    replaces an earlier one of the same name, so user themes override bundled ones."""
    known = tuple(known_variables) if known_variables is not None else None
    by_name: dict[str, ThemeSpec] = {}
    failed: list[ThemeProblem] = []
    for folder in dirs:
        try:
            files = sorted(p for p in Path(folder).glob("*.toml") if p.is_file())
        except OSError:
            continue
        for path in files:
            try:
                spec = load_theme_file(path, known)
            except ThemeError as exc:
                failed.append(ThemeProblem(path, str(exc)))
                continue
            by_name[spec.name] = spec
    return list(by_name.values()), failed
