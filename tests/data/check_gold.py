"""Checks the hand-made quotation gold files against the article texts.

    .venv/bin/python tests/data/check_gold.py

For every line of tests/data/gold_quotes.jsonl (articles in articles/),
tests/data/heldout_gold_quotes.jsonl (tests/data/heldout/), tests/data/blind_gold_quotes.jsonl
(tests/data/blind/) and tests/data/blind2_gold_quotes.jsonl (tests/data/blind2/):

* the record has the right fields and types; `article` names an existing article;
* text[start:end] == "text", with text as `reader.core.corpus.load_article(path).text`
  (for .md files that is the body after the front matter);
* the span is non-empty, holds no newline, and neither its first nor its last character is
  a quotation mark; the character just before it is an opening mark and the character just
  after it a closing mark (or, for a paragraph of a multi-paragraph quotation marked
  "open_ended": true, the end of the paragraph);
* spans do not overlap;
* completeness: every double quotation mark in each article, and every single quotation mark
  that is not an apostrophe inside a word, is the boundary of some gold span, or is listed in
  NOT_QUOTES below with a reason.

Exits non-zero and lists the problems if anything fails. Reads only the article loader from
the reader package (no quote-detection code).
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT))

from reader.core.corpus import ARTICLE_SUFFIXES, load_article  # noqa: E402

SETS = [
    (HERE / "gold_quotes.jsonl", ROOT / "articles"),
    (HERE / "heldout_gold_quotes.jsonl", HERE / "heldout"),
    (HERE / "blind_gold_quotes.jsonl", HERE / "blind"),
    (HERE / "blind2_gold_quotes.jsonl", HERE / "blind2"),
]
# Later sets register themselves by files alone: tests/data/<name>_gold_quotes.jsonl for the
# articles in tests/data/<name>/, with optional tests/data/<name>_not_quotes.jsonl holding
# {"article", "offset", "char", "reason"} records (same meaning as NOT_QUOTES below).
_KNOWN = {g.name for g, _ in SETS}
for _gold in sorted(HERE.glob("*_gold_quotes.jsonl")):
    if _gold.name not in _KNOWN:
        SETS.append((_gold, HERE / _gold.name.removesuffix("_gold_quotes.jsonl")))

OPENERS = {"“", '"', "‘", "'", "„", "«"}
CLOSERS = {"”", '"', "’", "'", "“", "»"}
DOUBLE = {"“", "”", '"', "„", "«", "»"}
SINGLE = {"‘", "’", "'"}
ALL_MARKS = DOUBLE | SINGLE

REQUIRED = {"article": str, "start": int, "end": int, "text": str}
NULLABLE = {"speaker": str, "cue": str}
OPTIONAL = {"speaker_alt": list, "cue_alt": list, "kind": str, "note": str, "open_ended": bool}
KINDS = {"quote", "fragment", "term"}

# Quotation-mark characters that are deliberately not part of any gold quotation:
# (article, offset, character, reason)
NOT_QUOTES: list[tuple[str, int, str, str]] = [
    ("003_d82cff8d16d34e17", 678, "”", "scraper junk [time-brightcove not-tgx=”true”]"),
    ("003_d82cff8d16d34e17", 683, "”", "scraper junk [time-brightcove not-tgx=”true”]"),
    ("001_1d6916144dc53bee", 4067, "’", "plural possessive apostrophe: armed forces’ medical"),
    # held-out set (tests/data/heldout)
    ("h01_council_budget", 2576, "'", "plural possessive apostrophe: the libraries' evening hours"),
    ("h02_court_ruling", 49, "’", "plural possessive apostrophe in the heading: landlords’ challenge"),
    ("h02_court_ruling", 205, "’", "plural possessive apostrophe: a property owners’ group’s"),
    ("h02_court_ruling", 1984, '"', 'title of a report, nobody\'s words: "Priced Out,"'),
    ("h02_court_ruling", 1996, '"', 'title of a report, nobody\'s words: "Priced Out,"'),
    ("h02_court_ruling", 2622, "’", "plural possessive apostrophe: The landlords’ appeal"),
    ("h03_tech_layoffs", 2831, "'", "plural possessive apostrophe inside a quotation: Sixty days' notice"),
    ("h04_climate_summit", 1009, "'", "elision apostrophe: the early '90s"),
    ("h04_climate_summit", 1521, "'", "plural possessive apostrophe: the talks' chair"),
    ("h04_climate_summit", 1947, '"', 'stray unbalanced mark: The so-called "loss and damage fund, ... (never closed)'),
    ("h06_health_recall", 2733, "'", "plural possessive apostrophe: parents' questions"),
    # blind set (tests/data/blind)
    ("b01_transit_strike", 433, "'", "elision apostrophe: the late '90s"),
    ("b01_transit_strike", 2726, "'", "plural possessive apostrophe: drivers' average base pay"),
    ("b01_transit_strike", 3052, "'", "plural possessive apostrophe: Riders' advocates"),
    ("b02_hurricane_evacuation", 1513, "’", "elision apostrophe inside a quotation: a lot from ’17"),
    ("b04_admissions_scandal", 1726, "’", "plural possessive apostrophe: Students’ reactions"),
    ("b05_wildfire", 331, '"', 'stray unbalanced mark in a photo caption: near the "Hogback Grade (never closed)'),
    ("b06_drug_trial", 2522, "’", "plural possessive apostrophe inside a quotation: our grandkids’ names"),
    ("b07_rate_decision", 1791, "'", "plural possessive apostrophe: policymakers' next meeting"),
    ("b08_museum_repatriation", 371, "“", "gallery name in a photo caption, nobody's words: “Kingdoms of the River”"),
    ("b08_museum_repatriation", 393, "”", "gallery name in a photo caption, nobody's words: “Kingdoms of the River”"),
    ("b08_museum_repatriation", 889, "’", "plural possessive apostrophe: the bronzes’ history"),
    ("b08_museum_repatriation", 3054, "’", "plural possessive apostrophe inside a quotation: our grandparents’ gods"),
    # second blind set (tests/data/blind2)
    ("c01_canal_blockage", 2064, "'", "plural possessive apostrophe: Insurers' early estimates"),
    ("c01_canal_blockage", 2636, "'", "plural possessive apostrophe: shippers' fuel bills"),
    ("c02_book_vote", 3483, "»", "guillemet used as a link arrow in a newsletter sign-up, not a quotation mark: Sign up »"),
    ("c02_book_vote", 3505, "“", "campaign name in a related link, nobody's words: “Banned Books Week”"),
    ("c02_book_vote", 3523, "”", "campaign name in a related link, nobody's words: “Banned Books Week”"),
    ("c04_minimum_wage", 1282, "'", "plural possessive apostrophe: workers' pay"),
    ("c04_minimum_wage", 2075, '"', 'stray unbalanced mark: under the banner "Keep Calder Open, (never closed)'),
    ("c05_club_takeover", 546, "'", "plural possessive apostrophe: owners' and directors' test"),
    ("c05_club_takeover", 561, "'", "plural possessive apostrophe: owners' and directors' test"),
    ("c05_club_takeover", 1287, "'", "plural possessive apostrophe: Supporters' Trust"),
    ("c08_teachers_pay", 19, "’", "plural possessive apostrophe in the headline: Teachers’ pay deal"),
    ("c08_teachers_pay", 748, "’", "plural possessive apostrophe inside a quotation: teachers’ pockets"),
    ("c08_teachers_pay", 1485, "’", "plural possessive apostrophe in a name: National Teachers’ Federation"),
]


for _extra in sorted(HERE.glob("*_not_quotes.jsonl")):
    for _line in _extra.read_text(encoding="utf-8").splitlines():
        if _line.strip():
            _r = json.loads(_line)
            NOT_QUOTES.append((_r["article"], _r["offset"], _r["char"], _r["reason"]))


def is_apostrophe(text: str, i: int) -> bool:
    """A ’ or ' between two letters/digits (don’t, Russia's, O'Neill)."""
    return (
        text[i] in {"’", "'"}
        and 0 < i < len(text) - 1
        and text[i - 1].isalnum()
        and text[i + 1].isalnum()
    )


def article_paths(folder: Path) -> dict[str, Path]:
    out: dict[str, Path] = {}
    for p in sorted(folder.iterdir()):
        if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES and p.name != "README.md":
            out[p.stem] = p
    return out


def check_set(gold: Path, folder: Path) -> tuple[list[str], Counter, int]:
    problems: list[str] = []
    counts: Counter = Counter()
    if not folder.exists():
        return [], counts, 0  # set not present in this tree
    if not gold.exists():
        return [f"{gold.name}: missing (but {folder} exists)"], counts, 0
    paths = article_paths(folder)
    texts = {stem: load_article(p).text for stem, p in paths.items()}
    spans: dict[str, list[tuple[int, int, bool]]] = {stem: [] for stem in texts}
    n = 0
    for lineno, line in enumerate(gold.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        n += 1
        where = f"{gold.name}:{lineno}"
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(f"{where}: bad JSON: {exc}")
            continue
        bad = False
        for key, typ in REQUIRED.items():
            if not isinstance(row.get(key), typ) or isinstance(row.get(key), bool):
                problems.append(f"{where}: field {key!r} missing or not {typ.__name__}")
                bad = True
        for key, typ in NULLABLE.items():
            if key not in row or not (row[key] is None or isinstance(row[key], typ)):
                problems.append(f"{where}: field {key!r} missing or not {typ.__name__}/null")
                bad = True
        for key, typ in OPTIONAL.items():
            if key in row and not isinstance(row[key], typ):
                problems.append(f"{where}: field {key!r} not {typ.__name__}")
        for key in row:
            if key not in REQUIRED and key not in NULLABLE and key not in OPTIONAL:
                problems.append(f"{where}: unknown field {key!r}")
        if row.get("kind") not in KINDS:
            problems.append(f"{where}: kind must be one of {sorted(KINDS)}")
        for key in ("speaker_alt", "cue_alt"):
            if key in row and not all(isinstance(v, str) and v for v in row[key]):
                problems.append(f"{where}: {key} must list non-empty strings")
        if isinstance(row.get("cue"), str) and row["cue"] != row["cue"].strip().lower():
            problems.append(f"{where}: cue should be a lower-case lemma")
        if bad:
            continue
        art, s, e, q = row["article"], row["start"], row["end"], row["text"]
        if art not in texts:
            problems.append(f"{where}: no article {art!r} in {folder}")
            continue
        t = texts[art]
        counts[art] += 1
        if not 0 <= s < e <= len(t):
            problems.append(f"{where}: bad offsets {s}..{e} (text length {len(t)})")
            continue
        if t[s:e] != q:
            problems.append(f"{where}: text[{s}:{e}]={t[s:e]!r} != {q!r}")
            continue
        if "\n" in q:
            problems.append(f"{where}: span holds a newline")
        if q[0] in ALL_MARKS or q[-1] in ALL_MARKS:
            if not (q[-1] in {"’", "'"} and is_apostrophe(t, e - 1)):
                problems.append(f"{where}: span starts or ends with a quotation mark: {q!r}")
        if s == 0 or t[s - 1] not in OPENERS:
            problems.append(f"{where}: no opening mark just before the span ({t[max(0, s - 1):s]!r})")
        open_ended = row.get("open_ended", False)
        if open_ended:
            if e < len(t) and t[e] != "\n":
                problems.append(f"{where}: open_ended span does not end at the end of its paragraph")
            if q[-1] in ALL_MARKS:
                problems.append(f"{where}: open_ended span ends with a mark")
        elif e >= len(t) or t[e] not in CLOSERS:
            problems.append(f"{where}: no closing mark just after the span ({t[e:e + 1]!r})")
        spans[art].append((s, e, open_ended))

    for art, lst in spans.items():
        lst.sort()
        for (s1, e1, _), (s2, e2, _) in zip(lst, lst[1:]):
            if s2 < e1 + 1:
                problems.append(f"{art}: spans {s1}..{e1} and {s2}..{e2} overlap")
        boundaries = {s - 1 for s, _, _ in lst} | {e for s, e, oe in lst if not oe}
        allowed = {(a, off): (ch, why) for a, off, ch, why in NOT_QUOTES}
        t = texts[art]
        for i, ch in enumerate(t):
            if ch not in ALL_MARKS:
                continue
            if ch in SINGLE and is_apostrophe(t, i):
                continue
            if i in boundaries:
                if (art, i) in allowed:
                    problems.append(f"{art}:{i}: listed in NOT_QUOTES but is a gold boundary")
                continue
            if (art, i) in allowed:
                if allowed[(art, i)][0] != ch:
                    problems.append(f"{art}:{i}: NOT_QUOTES expects {allowed[(art, i)][0]!r}, found {ch!r}")
                continue
            problems.append(
                f"{art}:{i}: quotation mark {ch!r} not covered by gold: {t[max(0, i - 30):i + 30]!r}"
            )
    for (a, off), (ch, _) in {(a, off): (ch, why) for a, off, ch, why in NOT_QUOTES}.items():
        if a in texts and (off >= len(texts[a]) or texts[a][off] != ch):
            problems.append(f"{a}:{off}: NOT_QUOTES entry does not match the text")
    return problems, counts, n


def main() -> int:
    failed = False
    for gold, folder in SETS:
        problems, counts, n = check_set(gold, folder)
        if not folder.exists():
            print(f"{gold.name}: skipped ({folder} not present)")
            continue
        print(f"{gold.name}: {n} quotations in {len(counts)} articles")
        for art in sorted(article_paths(folder)):
            print(f"  {art}: {counts.get(art, 0)}")
        for p in problems:
            print(f"  PROBLEM {p}")
        failed |= bool(problems)
    print("FAILED" if failed else "OK")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
