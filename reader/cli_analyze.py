"""`reader analyze PATH...`: a Rich summary per article, or JSON Lines with --json."""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from typing import Any

import orjson

from reader.config import cache_dir
from reader.core.corpus import ArticleError, discover, list_article, load_article
from reader.core.models import Analysis, Article, Problem
from reader.core.nlp import ModelError
from reader.core.text import display_safe, one_line


def analysis_json(article: Article, analysis: Analysis) -> dict[str, Any]:
    text = article.text
    return {
        "path": str(article.info.path),
        "id": article.id,
        "title": article.title,
        "sha256": article.sha256,
        "entities": [{"start": e.start, "end": e.end, "label": e.label, "text": text[e.start : e.end]} for e in analysis.entities],
        "quotes": [
            {
                "start": q.start,
                "end": q.end,
                "text": text[q.start : q.end],
                "speaker": q.attrs.get("speaker"),
                "cue": q.attrs.get("cue"),
            }
            for q in analysis.quotes
        ],
        "sentences": [{"start": s.start, "end": s.end} for s in analysis.sentences],
        "boilerplate": [{"start": b.start, "end": b.end, "kind": b.attrs.get("kind")} for b in analysis.boilerplate],
    }


def _print_summary(console: Any, article: Article, analysis: Analysis) -> None:
    from rich.table import Table
    from rich.text import Text

    text = article.text
    console.rule(Text(one_line(article.title, 100), style="bold"))
    meta = f"{article.info.path}  ·  {article.info.words} words  ·  source: {article.info.source or 'unknown'}"
    console.print(Text(display_safe(meta), style="dim"))
    for warning in article.info.warnings:
        console.print(Text(f"warning: {warning}", style="yellow"))
    by_label: dict[str, Counter[str]] = defaultdict(Counter)
    for e in analysis.entities:
        by_label[e.label][" ".join(text[e.start : e.end].split())] += 1
    if by_label:
        table = Table(title="Entities", show_header=True, header_style="bold", expand=False)
        table.add_column("label")
        table.add_column("mentions (count)")
        for label in sorted(by_label, key=lambda l: -sum(by_label[l].values())):
            names = ", ".join(f"{display_safe(n)} ({c})" if c > 1 else display_safe(n) for n, c in by_label[label].most_common())
            table.add_row(label, names)
        console.print(table)
    if analysis.quotes:
        table = Table(title=f"Quotations ({len(analysis.quotes)})", show_header=True, header_style="bold")
        table.add_column("speaker", style="cyan", no_wrap=False, max_width=30)
        table.add_column("cue", style="dim")
        table.add_column("quotation")
        for q in analysis.quotes:
            quote = one_line(text[q.start : q.end], 160)
            table.add_row(display_safe(q.attrs.get("speaker") or "—"), q.attrs.get("cue") or "", f"“{quote}”")
        console.print(table)
    else:
        console.print(Text("No quotations found.", style="dim"))
    if analysis.boilerplate:
        console.print(Text(f"Boilerplate ({len(analysis.boilerplate)}):", style="bold"))
        for b in analysis.boilerplate:
            console.print(Text(f"  {b.attrs.get('kind', ''):<11} {one_line(text[b.start:b.end], 90)}", style="dim"))
    console.print()


def run_analyze(args: argparse.Namespace) -> int:
    from rich.console import Console

    from reader.core.analysis import Analyzer

    out = Console(highlight=False, soft_wrap=False)

    def err_print(message: str) -> None:  # plain lines: file names must not be wrapped
        print(message, file=sys.stderr, flush=True)

    files, problems = discover(args.paths)
    for p in problems:
        err_print(f"error: {display_safe(str(p.path))}: {display_safe(p.message)}")
    if not files:
        if not problems:
            err_print("error: no articles given")
        return 1
    try:
        analyzer = Analyzer(
            model=args.model,
            cache_dir=args.cache_dir or cache_dir(),
            use_cache=not args.no_cache,
        )
        analyzer.load()
    except ModelError as exc:
        err_print(f"error: {display_safe(str(exc))}")
        return 2
    failures = len(problems)
    for path, root in files:
        listed = list_article(path, root)
        if isinstance(listed, Problem):
            err_print(f"error: {display_safe(str(listed.path))}: {display_safe(listed.message)}")
            failures += 1
            continue
        try:
            article = load_article(listed)
        except ArticleError as exc:
            err_print(f"error: {display_safe(str(exc.path))}: {display_safe(exc.message)}")
            failures += 1
            continue
        for warning in article.info.warnings:
            err_print(f"warning: {display_safe(str(path))}: {display_safe(warning)}")
        try:
            analysis = analyzer.analyse(article)
        except Exception as exc:  # one article's fault must not stop the rest
            err_print(f"error: {display_safe(str(path))}: analysis failed ({type(exc).__name__}: {display_safe(str(exc))}); skipped")
            failures += 1
            continue
        if args.json:
            sys.stdout.buffer.write(orjson.dumps(analysis_json(article, analysis)) + b"\n")
            sys.stdout.buffer.flush()
        else:
            _print_summary(out, article, analysis)
    return 1 if failures and failures >= len(files) + len(problems) else 0
