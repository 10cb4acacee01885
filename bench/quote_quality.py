"""Quotation and speaker quality on every hand-made gold set, beside textacy's
`direct_quotations` (the peer named in the issue) when textacy is installed.

    .venv/bin/python bench/quote_quality.py

textacy is not a dependency; to compare, install it into the venv first
(`.venv/bin/pip install textacy`). textacy needs the parser, so it runs the full pipeline.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reader.core.analysis import Analyzer  # noqa: E402
from reader.core.corpus import list_corpus, load_article  # noqa: E402
from reader.core.evaluation import Score, load_gold, score_article  # noqa: E402
from reader.core.models import QUOTE, Span  # noqa: E402
from reader.core.nlp import resolve_model  # noqa: E402

SETS = [
    ("bundled", ROOT / "articles", ROOT / "tests/data/gold_quotes.jsonl"),
    ("heldout (dev)", ROOT / "tests/data/heldout", ROOT / "tests/data/heldout_gold_quotes.jsonl"),
    ("blind (dev)", ROOT / "tests/data/blind", ROOT / "tests/data/blind_gold_quotes.jsonl"),
    ("blind2 (dev)", ROOT / "tests/data/blind2", ROOT / "tests/data/blind2_gold_quotes.jsonl"),
    ("blind3 (dev)", ROOT / "tests/data/blind3", ROOT / "tests/data/blind3_gold_quotes.jsonl"),
    ("blind4 (dev)", ROOT / "tests/data/blind4", ROOT / "tests/data/blind4_gold_quotes.jsonl"),
    ("blind5 (dev)", ROOT / "tests/data/blind5", ROOT / "tests/data/blind5_gold_quotes.jsonl"),
    ("blind6 (dev)", ROOT / "tests/data/blind6", ROOT / "tests/data/blind6_gold_quotes.jsonl"),
    ("blind8 (dev)", ROOT / "tests/data/blind8", ROOT / "tests/data/blind8_gold_quotes.jsonl"),
    ("blind11 (dev)", ROOT / "tests/data/blind11", ROOT / "tests/data/blind11_gold_quotes.jsonl"),
    ("blind14 (dev)", ROOT / "tests/data/blind14", ROOT / "tests/data/blind14_gold_quotes.jsonl"),
    ("blind18 (dev)", ROOT / "tests/data/blind18", ROOT / "tests/data/blind18_gold_quotes.jsonl"),
    ("blind28 (dev)", ROOT / "tests/data/blind28", ROOT / "tests/data/blind28_gold_quotes.jsonl"),
    ("blind29 (dev)", ROOT / "tests/data/blind29", ROOT / "tests/data/blind29_gold_quotes.jsonl"),
    ("blind7 (unseen)", ROOT / "tests/data/blind7", ROOT / "tests/data/blind7_gold_quotes.jsonl"),
    ("blind9 (unseen)", ROOT / "tests/data/blind9", ROOT / "tests/data/blind9_gold_quotes.jsonl"),
    ("blind10 (unseen)", ROOT / "tests/data/blind10", ROOT / "tests/data/blind10_gold_quotes.jsonl"),
    ("blind12 (unseen)", ROOT / "tests/data/blind12", ROOT / "tests/data/blind12_gold_quotes.jsonl"),
    ("blind13 (unseen)", ROOT / "tests/data/blind13", ROOT / "tests/data/blind13_gold_quotes.jsonl"),
    ("blind15 (unseen)", ROOT / "tests/data/blind15", ROOT / "tests/data/blind15_gold_quotes.jsonl"),
    ("blind16 (unseen)", ROOT / "tests/data/blind16", ROOT / "tests/data/blind16_gold_quotes.jsonl"),
    ("blind17 (unseen)", ROOT / "tests/data/blind17", ROOT / "tests/data/blind17_gold_quotes.jsonl"),
    ("blind19 (unseen)", ROOT / "tests/data/blind19", ROOT / "tests/data/blind19_gold_quotes.jsonl"),
    ("blind20 (unseen)", ROOT / "tests/data/blind20", ROOT / "tests/data/blind20_gold_quotes.jsonl"),
    ("blind21 (unseen)", ROOT / "tests/data/blind21", ROOT / "tests/data/blind21_gold_quotes.jsonl"),
    ("blind22 (unseen)", ROOT / "tests/data/blind22", ROOT / "tests/data/blind22_gold_quotes.jsonl"),
    ("blind23 (unseen)", ROOT / "tests/data/blind23", ROOT / "tests/data/blind23_gold_quotes.jsonl"),
    ("blind24 (unseen)", ROOT / "tests/data/blind24", ROOT / "tests/data/blind24_gold_quotes.jsonl"),
    ("blind25 (unseen)", ROOT / "tests/data/blind25", ROOT / "tests/data/blind25_gold_quotes.jsonl"),
    ("blind26 (unseen)", ROOT / "tests/data/blind26", ROOT / "tests/data/blind26_gold_quotes.jsonl"),
    ("blind27 (unseen)", ROOT / "tests/data/blind27", ROOT / "tests/data/blind27_gold_quotes.jsonl"),
]


def textacy_quotes(nlp, text: str) -> list[Span] | None:  # type: ignore[no-untyped-def]
    try:
        from textacy.extract.triples import direct_quotations
    except ImportError:
        return None
    doc = nlp(text)
    out = []
    try:
        for dq in direct_quotations(doc):
            content = dq.content
            start, end = content.start_char, content.end_char
            while start < end and text[start] in "“\"‘'":
                start += 1
            while end > start and text[end - 1] in "”\"’'":
                end -= 1
            speaker = " ".join(t.text for t in dq.speaker) if dq.speaker else None
            out.append(Span(start, end, QUOTE, {"speaker": speaker}))
    except Exception as exc:  # textacy gives up on unbalanced quotes
        print(f"    textacy gave up: {type(exc).__name__}: {str(exc)[:80]}")
        return []
    return out


def main() -> None:
    analyzer = Analyzer(use_cache=False)
    full = None
    unseen = Score()  # every never-studied set, pooled
    for name, corpus, gold_file in SETS:
        if not gold_file.exists():
            continue
        gold = load_gold(gold_file)
        ours, peer = Score(), Score()
        have_peer = True
        for info in list_corpus(corpus).articles:
            if info.id not in gold:
                continue
            article = load_article(info)
            ours.add(score_article(article.text, analyzer.analyse(article).quotes, gold[info.id], info.id))
            if have_peer:
                if full is None:
                    import spacy

                    full = spacy.load(resolve_model(None))
                spans = textacy_quotes(full, article.text)
                if spans is None:
                    have_peer = False
                else:
                    peer.add(score_article(article.text, spans, gold[info.id], info.id))
        n = sum(len(v) for v in gold.values())
        if "(unseen)" in name:
            unseen.tp += ours.tp
            unseen.speaker_right += ours.speaker_right
        print(f"{name:14} {n:4} quotes  reader:  P={ours.precision:.3f} R={ours.recall:.3f} speaker={ours.speaker_accuracy:.3f}"
              f" (right speaker for {ours.speaker_right}/{n} = {ours.speaker_right / n:.3f} of all)")
        if have_peer:
            print(f"{'':14} {'':4}         textacy: P={peer.precision:.3f} R={peer.recall:.3f} speaker={peer.speaker_accuracy:.3f}"
                  f" (right speaker for {peer.speaker_right}/{n} = {peer.speaker_right / n:.3f} of all)")
        else:
            print(f"{'':14} textacy not installed: no comparison")
    if unseen.tp:
        print(f"unseen sets pooled: right speaker for {unseen.speaker_right}/{unseen.tp} found quotations = {unseen.speaker_accuracy:.3f}")


if __name__ == "__main__":
    main()
