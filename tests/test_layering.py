"""reader.core is pure: importing any of its modules loads neither Textual nor reader.ui
(checked in a fresh interpreter, as harlequin does), and import-linter agrees."""

from __future__ import annotations

import pkgutil
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import reader.core

REPO = Path(__file__).resolve().parent.parent


def core_modules() -> list[str]:
    return sorted(f"reader.core.{m.name}" for m in pkgutil.iter_modules(reader.core.__path__))


def test_core_has_modules():
    assert "reader.core.corpus" in core_modules() and "reader.core.themes" in core_modules()


def test_importing_core_does_not_load_textual():
    code = (
        "import importlib, sys\n"
        f"for name in {core_modules()!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith(('textual.', 'reader.ui')))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "", f"reader.core loaded: {out.stdout.strip()}"


def test_cli_help_loads_neither_textual_nor_spacy():
    code = (
        "import sys, contextlib, io\n"
        "from reader.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    try:\n        main(['--help'])\n    except SystemExit:\n        pass\n"
        "print(','.join(sorted(m for m in ('textual', 'spacy') if m in sys.modules)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == ""


@pytest.mark.slow
def test_import_linter_contract(tmp_path):
    """The contract from pyproject.toml. import-linter needs include_external_packages
    for a forbidden external module (textual); add it if pyproject lacks it."""
    lint = shutil.which("lint-imports") or str(Path(sys.executable).parent / "lint-imports")
    if not Path(lint).exists():
        pytest.skip("import-linter is not installed")
    text = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    config = text[text.index("[tool.importlinter]") :]
    if "include_external_packages" not in config:
        config = config.replace("[tool.importlinter]", "[tool.importlinter]\ninclude_external_packages = true", 1)
    (tmp_path / "importlinter.toml").write_text(config, encoding="utf-8")
    out = subprocess.run(
        [lint, "--config", str(tmp_path / "importlinter.toml")], capture_output=True, text=True, cwd=REPO, timeout=120
    )
    assert out.returncode == 0, out.stdout + out.stderr
    assert "core is pure KEPT" in out.stdout
