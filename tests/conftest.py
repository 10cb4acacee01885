"""Fixtures shared by all tests: no test touches the user's real folders; the real
spaCy pipeline is loaded once per session."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from reader.config import REPO_ROOT

ARTICLES = REPO_ROOT / "articles"
DATA = REPO_ROOT / "tests" / "data"


@pytest.fixture(autouse=True)
def _isolated_reader_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    base = tmp_path_factory.mktemp("reader-dirs")
    for name in ("config", "data", "cache"):
        (base / name).mkdir()
        monkeypatch.setenv(f"READER_{name.upper()}_DIR", str(base / name))


@pytest.fixture(scope="session")
def real_analyzer(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The analysis on the installed model, without cache (so tests see fresh results)."""
    from reader.core.analysis import Analyzer

    analyzer = Analyzer(use_cache=False)
    analyzer.load()
    return analyzer
