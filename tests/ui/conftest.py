"""Fixtures for UI tests: an `app_factory` building ReaderApp on a tmp database and tmp
config/cache/data folders, a fixed theme, and either a blank spaCy pipeline (fast) or
the real model (loaded once per session)."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

import pytest

from reader.config import REPO_ROOT, LabelSpec, Settings

UI_CORPUS = REPO_ROOT / "tests" / "data" / "ui_corpus"
BUNDLED_CORPUS = REPO_ROOT / "articles"
SIZE = (100, 32)


@pytest.fixture(autouse=True)
def reader_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    """Nothing in a test reads or writes the user's real config, data or cache; paths
    shown on screen are relative to the repository (stable snapshots)."""
    dirs = {name: tmp_path / name for name in ("config", "data", "cache")}
    for name, path in dirs.items():
        path.mkdir()
        monkeypatch.setenv(f"READER_{name.upper()}_DIR", str(path))
    for var in ("READER_DB", "READER_CORPUS", "READER_THEME", "READER_MODEL", "READER_ANNOTATOR", "NO_COLOR"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.chdir(REPO_ROOT)
    return dirs


@pytest.fixture(scope="session")
def blank_nlp() -> Any:
    """spaCy's blank English with a sentencizer and a few fixed entity patterns."""
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns(
        [
            {"label": "PERSON", "pattern": name}
            for name in ("Maria Lindqvist", "Tomas Berg", "Anna Okafor", "Daniel Reyes", "Priya Natarajan", "Lena Fischer")
        ]
        + [{"label": "ORG", "pattern": "Harbour Authority"}, {"label": "GPE", "pattern": "Northfield"}]
    )
    return nlp


@pytest.fixture(scope="session")
def real_nlp() -> Any:
    """The installed model, loaded once for the whole session."""
    from reader.core.nlp import load_pipeline

    return load_pipeline(None)


@pytest.fixture
def app_factory(tmp_path: Path, reader_dirs: dict[str, Path], request: pytest.FixtureRequest) -> Callable[..., Any]:
    """Build a ReaderApp. `nlp` is "blank" (default, fast), "real" (the installed model,
    shared by the session) or None (the app loads its model itself)."""

    def make(
        corpus: Path = UI_CORPUS,
        *,
        nlp: str | None = "blank",
        theme: str | None = "dark",
        db: Path | None = None,
        keymap: dict[str, str] | None = None,
        labels: tuple[LabelSpec, ...] | None = None,
        **overrides: Any,
    ) -> Any:
        from reader.ui.app import ReaderApp

        values: dict[str, Any] = dict(
            corpus=Path(corpus),
            db=db or tmp_path / "annotations.json",
            theme=theme,
            annotator="tester",
            cache_dir=reader_dirs["cache"],
            config_dir=reader_dirs["config"],
            keymap=keymap or {},
        )
        if labels is not None:
            values["labels"] = labels
        values.update(overrides)
        loader = None
        if nlp in ("blank", "real"):
            pipeline = request.getfixturevalue(f"{nlp}_nlp")
            loader = lambda: pipeline  # noqa: E731
        app = ReaderApp(Settings(**values), nlp_loader=loader)
        app.animation_level = "none"
        return app

    return make


async def settle(pilot: Any, *, analysis: bool = True) -> None:
    """Wait until start-up work is finished: listing, store, counts and (optionally) the
    background analysis, and the messages they posted are handled."""
    app = pilot.app
    for _ in range(200):
        await app.workers.wait_for_complete()
        await pilot.pause()
        listed = app.listed and app.library.is_mounted
        analysed = not analysis or app.model_error or all(s in ("done", "error") for s in app.analysis_state.values())
        if listed and analysed and not any(w.is_running for w in app.workers):
            await pilot.pause()
            return
    raise AssertionError("the app did not settle")


@pytest.fixture
def settled() -> Callable[..., Any]:
    """`await settled(pilot)`: see settle()."""
    return settle
