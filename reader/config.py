"""Settings: command line > environment (READER_*) > config file > defaults.

The config file is TOML, found at --config, else ./reader.toml, else
$XDG_CONFIG_HOME/reader/config.toml (platform equivalent elsewhere).
Tests build `Settings` directly; nothing here is read at import time.
"""

from __future__ import annotations

import hashlib
import os
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Mapping

import platformdirs

APP = "reader"
REPO_ROOT = Path(__file__).resolve().parent.parent
BUNDLED_ARTICLES = REPO_ROOT / "articles"
BUNDLED_THEMES = REPO_ROOT / "themes"


@dataclass(frozen=True, slots=True)
class LabelSpec:
    name: str  # "claim"
    key: str  # "c"


DEFAULT_LABELS: tuple[LabelSpec, ...] = (LabelSpec("claim", "c"), LabelSpec("rebuttal", "r"))


class ConfigError(Exception):
    """A config file that cannot be used; str() names the file and the problem."""


def config_dir() -> Path:
    return Path(os.environ.get("READER_CONFIG_DIR") or platformdirs.user_config_dir(APP))


def data_dir() -> Path:
    return Path(os.environ.get("READER_DATA_DIR") or platformdirs.user_data_dir(APP))


def cache_dir() -> Path:
    return Path(os.environ.get("READER_CACHE_DIR") or platformdirs.user_cache_dir(APP))


def default_db_path(corpus: Path) -> Path:
    """One database per corpus folder, in the user's data folder: the corpus folder may be
    read-only or shared, and ids of two corpora must not mix. The name carries the
    folder's name and a hash of its absolute path."""
    corpus = corpus.expanduser().resolve()
    digest = hashlib.sha256(str(corpus).encode()).hexdigest()[:10]
    return data_dir() / "corpora" / f"{corpus.name or 'root'}-{digest}" / "annotations.json"


@dataclass(frozen=True, slots=True)
class Settings:
    corpus: Path = BUNDLED_ARTICLES
    db: Path | None = None  # None: default_db_path(corpus)
    model: str | None = None  # None: best installed English pipeline
    theme: str | None = None  # None: the persisted choice, else the default theme
    annotator: str = field(default_factory=lambda: os.environ.get("USER") or "anonymous")
    cache_dir: Path = field(default_factory=cache_dir)
    config_dir: Path = field(default_factory=config_dir)
    themes_dirs: tuple[Path, ...] = ()
    labels: tuple[LabelSpec, ...] = DEFAULT_LABELS
    keymap: Mapping[str, str] = field(default_factory=dict)  # binding id -> keys
    use_cache: bool = True
    read_only: bool = False

    @property
    def db_path(self) -> Path:
        return self.db if self.db is not None else default_db_path(self.corpus)

    @property
    def all_themes_dirs(self) -> tuple[Path, ...]:
        return (BUNDLED_THEMES, self.config_dir / "themes", *self.themes_dirs)

    @property
    def state_path(self) -> Path:
        return self.config_dir / "state.json"


def find_config_file(explicit: Path | None) -> Path | None:
    if explicit is not None:
        if not explicit.is_file():
            raise ConfigError(f"{explicit}: config file not found")
        return explicit
    for candidate in (Path.cwd() / "reader.toml", config_dir() / "config.toml"):
        if candidate.is_file():
            return candidate
    return None


def _labels_from(raw: Any, path: Path) -> tuple[LabelSpec, ...]:
    if not isinstance(raw, list) or not raw:
        raise ConfigError(f"{path}: [[labels]] must be a non-empty list of tables with name and key")
    labels = []
    for i, item in enumerate(raw, 1):
        if not isinstance(item, dict) or not isinstance(item.get("name"), str) or not isinstance(item.get("key"), str):
            raise ConfigError(f"{path}: label {i} needs a string 'name' and a string 'key'")
        name = item["name"].strip().lower()
        if not name or not name.replace("-", "").replace("_", "").isalnum():
            raise ConfigError(f"{path}: label {i}: name {item['name']!r} must be letters, digits, - or _")
        labels.append(LabelSpec(name, item["key"]))
    if len({l.name for l in labels}) != len(labels):
        raise ConfigError(f"{path}: two labels have the same name")
    return tuple(labels)


def load_settings(
    overrides: Mapping[str, Any] | None = None,
    config_file: Path | None = None,
    environ: Mapping[str, str] | None = None,
) -> Settings:
    """Build Settings from the config file, then READER_* variables, then `overrides`
    (the command line; None values are ignored)."""
    env = os.environ if environ is None else environ
    values: dict[str, Any] = {}
    path = find_config_file(config_file)
    if path is not None:
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"{path}: not a valid TOML file: {exc}") from exc
        for key in ("corpus", "db", "cache_dir"):
            if key in data:
                values[key] = Path(str(data[key])).expanduser()
        for key in ("model", "theme", "annotator"):
            if key in data:
                values[key] = str(data[key])
        if "themes_dirs" in data:
            values["themes_dirs"] = tuple(Path(str(p)).expanduser() for p in data["themes_dirs"])
        if "labels" in data:
            values["labels"] = _labels_from(data["labels"], path)
        if "keys" in data:
            if not isinstance(data["keys"], dict):
                raise ConfigError(f"{path}: [keys] must map binding ids to keys")
            values["keymap"] = {str(k): str(v) for k, v in data["keys"].items()}
    for key, var in (("db", "READER_DB"), ("corpus", "READER_CORPUS")):
        if env.get(var):
            values[key] = Path(env[var]).expanduser()
    for key, var in (("model", "READER_MODEL"), ("theme", "READER_THEME"), ("annotator", "READER_ANNOTATOR")):
        if env.get(var):
            values[key] = env[var]
    for key, value in (overrides or {}).items():
        if value is not None:
            values[key] = value
    return replace(Settings(), **values)
