"""`reader [CORPUS]`: arguments become Settings; a bad config file is a clear message
and exit status 2, before any screen is drawn."""

from __future__ import annotations

from pathlib import Path

from reader.cli import build_parser, main
from reader.ui.launch import settings_from_args


def test_arguments_become_settings(tmp_path):
    args = build_parser().parse_args(
        [str(tmp_path), "--db", str(tmp_path / "x.json"), "--theme", "light", "--annotator", "ann", "--read-only"]
    )
    settings = settings_from_args(args)
    assert settings.corpus == tmp_path
    assert settings.db_path == tmp_path / "x.json"
    assert settings.theme == "light" and settings.annotator == "ann" and settings.read_only


def test_read_only_flag_absent_leaves_default(tmp_path):
    settings = settings_from_args(build_parser().parse_args([str(tmp_path)]))
    assert settings.read_only is False and settings.theme is None


def test_missing_config_file_exits_2_with_a_message(tmp_path, capsys):
    assert main(["--config", str(tmp_path / "nope.toml")]) == 2
    err = capsys.readouterr().err
    assert "nope.toml" in err and "not found" in err


def test_broken_config_file_exits_2(tmp_path, capsys):
    config = tmp_path / "reader.toml"
    config.write_text("corpus = [unclosed")
    assert main(["--config", str(config)]) == 2
    assert "not a valid TOML file" in capsys.readouterr().err


def test_config_keys_reach_the_keymap(tmp_path):
    config = tmp_path / "reader.toml"
    config.write_text('[keys]\n"library.sort" = "o"\n')
    settings = settings_from_args(build_parser().parse_args(["--config", str(config)]))
    assert settings.keymap == {"library.sort": "o"}
