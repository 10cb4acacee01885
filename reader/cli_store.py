"""`reader export`, `reader import FILE` and `reader stats`: the annotation store from the
command line. Messages for bad input go to stderr without a traceback; exit code 2 for
bad arguments or configuration, 1 when the work could not (fully) be done."""

from __future__ import annotations

import argparse
import sys
from typing import Any, Callable, Iterable

import orjson

from reader.config import ConfigError, Settings, load_settings
from reader.core.corpus import ArticleError, list_corpus, load_article
from reader.core.models import Analysis, Article, ArticleInfo
from reader.core.store import AnnotationStore, StoreError

USAGE, FAILED = 2, 1


class _Stop(Exception):
    def __init__(self, message: str, code: int) -> None:
        super().__init__(message)
        self.code = code


def _err(message: str) -> None:
    print(f"reader: {message}", file=sys.stderr)


def _guarded(fn: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    def run(args: argparse.Namespace) -> int:
        from reader.core.export import ExportError
        from reader.core.nlp import ModelError

        try:
            return fn(args)
        except _Stop as exc:
            _err(str(exc))
            return exc.code
        except ConfigError as exc:
            _err(str(exc))
            return USAGE
        except (StoreError, ExportError, ModelError) as exc:
            _err(str(exc))
            return FAILED

    run.__name__ = fn.__name__
    return run


def _settings(args: argparse.Namespace) -> Settings:
    overrides = {"corpus": getattr(args, "corpus", None), "db": getattr(args, "db", None)}
    return load_settings(overrides, config_file=getattr(args, "config", None))


def _listing(settings: Settings) -> list[ArticleInfo]:
    corpus = settings.corpus
    if not corpus.exists():
        raise _Stop(f"{corpus}: no such corpus folder. Pass --corpus DIR with your articles.", USAGE)
    listing = list_corpus(corpus)
    for problem in listing.problems:
        if problem.path == corpus:
            raise _Stop(f"{problem.path}: {problem.message}", USAGE)
    return listing.articles


def _load(infos: Iterable[ArticleInfo]) -> dict[str, Article]:
    articles: dict[str, Article] = {}
    for info in infos:
        try:
            articles[info.id] = load_article(info)
        except ArticleError as exc:
            _err(f"skipping {exc}")
    return articles


def _labels(settings: Settings) -> tuple[str, ...]:
    return tuple(label.name for label in settings.labels)


def _open(settings: Settings, read_only: bool, annotator: str | None = None) -> AnnotationStore:
    return AnnotationStore(settings.db_path, labels=_labels(settings), annotator=annotator or settings.annotator,
                           read_only=read_only)  # fmt: skip


# ---------------------------------------------------------------- export


def _analyses(articles: dict[str, Article], args: argparse.Namespace, settings: Settings) -> tuple[dict[str, Analysis], Any]:
    from reader.core.analysis import Analyzer

    analyzer = Analyzer(model=args.model or settings.model, cache_dir=settings.cache_dir, use_cache=settings.use_cache)
    analyses = dict(zip(articles, analyzer.analyse_many(articles.values())))
    return analyses, analyzer.nlp


@_guarded
def run_export(args: argparse.Namespace) -> int:
    from reader.core.export import ExportFilter, check_target, export_csv, export_jsonl
    from reader.core.export_spacy import export_spacy

    settings = _settings(args)
    check_target(args.output, folder=args.format == "spacy")  # before any slow work
    infos = _listing(settings)
    flt = ExportFilter.of(args.label, args.article, args.annotator)
    with _open(settings, read_only=True) as store:  # read-only: works while the reader is open
        wanted = {a.article_id for a in flt.apply(store.all())}
        articles = _load(i for i in infos if i.id in wanted)
        for article in articles.values():
            store.reanchor(article)  # in memory only: offsets must fit today's text
        annotations = flt.apply(store.all())
    if args.format == "csv":
        analyses, _nlp = _analyses(articles, args, settings) if articles else ({}, None)
        report = export_csv(args.output, annotations, articles, analyses)
    elif args.format == "jsonl":
        from reader.core.nlp import load_pipeline

        nlp = load_pipeline(args.model or settings.model)
        report = export_jsonl(args.output, annotations, articles, nlp)
    else:
        if not articles:
            raise _Stop(f"{settings.db_path}: no annotations on articles of {settings.corpus} match; nothing to export.", FAILED)
        analyses, nlp = _analyses(articles, args, settings)
        report = export_spacy(args.output, annotations, articles, analyses, nlp, labels=_labels(settings),
                              dev_ratio=args.dev_ratio, seed=args.seed, per=args.per,
                              include_boilerplate=args.include_boilerplate)  # fmt: skip
    print(report.summary())
    return 0


# ---------------------------------------------------------------- import


@_guarded
def run_import(args: argparse.Namespace) -> int:
    from reader.core.importer import parse_jsonl, read_import_file

    settings = _settings(args)
    try:
        lines = read_import_file(args.file)
    except OSError as exc:
        raise _Stop(f"{args.file}: cannot read: {exc.strerror or exc}", USAGE) from None
    articles = _load(_listing(settings))
    labels = _labels(settings)
    result = parse_jsonl(lines, list(articles.values()), labels, args.annotator or settings.annotator)
    for number, message in result.errors:
        _err(f"{args.file}, line {number}: {message}")
    with _open(settings, read_only=False, annotator=args.annotator) as store:
        added, skipped = store.import_annotations(result.annotations, desc=f"import {args.file.name}")
    print(
        f"Imported {len(added)} annotations into {settings.db_path} from {result.matched_lines} of "
        f"{result.lines} lines of {args.file}; {skipped} already present; {len(result.errors)} problems."
    )
    return FAILED if result.errors else 0


# ---------------------------------------------------------------- stats


@_guarded
def run_stats(args: argparse.Namespace) -> int:
    from reader.core.stats import compute_stats, format_stats

    settings = _settings(args)
    infos = _listing(settings)
    with _open(settings, read_only=True) as store:
        annotated = set(store.article_ids())
        for article in _load(i for i in infos if i.id in annotated).values():
            store.reanchor(article)  # in memory only, so the orphans are today's
        corpus_ids = [i.id for i in infos]
        stats = compute_stats(store.all(), corpus_ids, _labels(settings))
    if args.json:
        sys.stdout.write(orjson.dumps(stats.to_dict(), option=orjson.OPT_INDENT_2).decode() + "\n")
    else:
        sys.stdout.write(f"Database: {settings.db_path}\nCorpus: {settings.corpus}\n\n" + format_stats(stats, _labels(settings)))
    return 0


__all__ = ["run_export", "run_import", "run_stats"]
