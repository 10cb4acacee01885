"""The hand-made gold files stay consistent with their article texts (offsets, marks,
every quotation mark accounted for): tests/data/check_gold.py."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import DATA


def test_gold_files_check_out() -> None:
    proc = subprocess.run([sys.executable, str(DATA / "check_gold.py")], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.strip().endswith("OK")
    for name in ("gold_quotes.jsonl", "heldout_gold_quotes.jsonl", "blind_gold_quotes.jsonl", "blind2_gold_quotes.jsonl", "blind3_gold_quotes.jsonl", "blind4_gold_quotes.jsonl", "blind5_gold_quotes.jsonl", "blind6_gold_quotes.jsonl", "blind7_gold_quotes.jsonl", "blind8_gold_quotes.jsonl", "blind9_gold_quotes.jsonl", "blind10_gold_quotes.jsonl", "blind11_gold_quotes.jsonl", "blind12_gold_quotes.jsonl", "blind13_gold_quotes.jsonl", "blind14_gold_quotes.jsonl", "blind15_gold_quotes.jsonl", "blind16_gold_quotes.jsonl", "blind17_gold_quotes.jsonl", "blind18_gold_quotes.jsonl", "blind19_gold_quotes.jsonl", "blind20_gold_quotes.jsonl", "blind21_gold_quotes.jsonl", "blind22_gold_quotes.jsonl", "blind23_gold_quotes.jsonl", "blind24_gold_quotes.jsonl", "blind25_gold_quotes.jsonl", "blind26_gold_quotes.jsonl", "blind27_gold_quotes.jsonl", "blind28_gold_quotes.jsonl", "blind29_gold_quotes.jsonl"):
        assert f"{name}: " in proc.stdout
