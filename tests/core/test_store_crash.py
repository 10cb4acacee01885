"""Kill loop: a child process adds, removes, relabels and links annotations (and now and
then compacts) as fast as it can; we SIGKILL it at a random instant, then check that the
database loads and holds every change the child saw acknowledged.

The child prints "B <op> <id>" before a call and "K <op> <id> <value>" after it returns,
so at most one change is in flight when it dies: that one may or may not be there."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reader.core.store import AnnotationStore

ITERATIONS = int(os.environ.get("READER_KILL_ITERATIONS", "60"))

CHILD = r"""
import random, sys
from pathlib import Path
from reader.core.models import Article, ArticleInfo
from reader.core.store import AnnotationStore
from reader.core.text import sha256_text

text = "".join(f"Sentence {i} says something worth arguing about. " for i in range(60))
info = ArticleInfo("art", Path("art.txt"), "art", None, None, None, 0, sha256_text(text), len(text))
article = Article(info, text)
rng = random.Random(int(sys.argv[2]))
store = AnnotationStore(Path(sys.argv[1]), annotator="kill")
out = sys.stdout
print("READY", flush=True)
while True:
    anns = store.all()
    roll = rng.random()
    if roll < 0.5 or len(anns) < 3:
        start = rng.randrange(0, 1900)
        print("B add -", flush=True)
        a = store.add(article, start, start + rng.randrange(1, 90), rng.choice(["claim", "rebuttal"]), note="n" * rng.randrange(0, 300))
        print("K add", a.id, a.label, flush=True)
    elif roll < 0.65:
        a = rng.choice(anns)
        print("B remove", a.id, flush=True)
        store.remove(a.id)
        print("K remove", a.id, "-", flush=True)
    elif roll < 0.85:
        a = rng.choice(anns)
        label = "claim" if a.label == "rebuttal" else "rebuttal"
        print("B relabel", a.id, flush=True)
        store.relabel(a.id, label)
        print("K relabel", a.id, label, flush=True)
    elif roll < 0.97:
        a, b = rng.sample(anns, 2)
        print("B link", a.id, b.id, flush=True)
        store.link(a.id, b.id)
        print("K link", a.id, b.id, flush=True)
    else:
        print("B compact -", flush=True)
        store.storage.compact()
        print("K compact - -", flush=True)
"""


def _state(store: AnnotationStore) -> dict[str, tuple[str, frozenset[str]]]:
    return {a.id: (a.label, frozenset(a.links)) for a in store.all()}


def _apply(state: dict[str, tuple[str, frozenset[str]]], op: str, ann_id: str, value: str) -> None:
    if op == "add":
        state[ann_id] = (value, frozenset())
    elif op == "remove":
        state.pop(ann_id, None)
        for key, (label, links) in list(state.items()):
            state[key] = (label, links - {ann_id})
    elif op == "relabel":
        state[ann_id] = (value, state[ann_id][1])
    elif op == "link":
        state[ann_id] = (state[ann_id][0], state[ann_id][1] | {value})


@pytest.mark.slow
def test_kill_loop_never_loses_an_acknowledged_change(tmp_path: Path) -> None:
    db = tmp_path / "annotations.json"
    script = tmp_path / "child.py"
    script.write_text(CHILD)
    rng = random.Random(1234)
    expected: dict[str, tuple[str, frozenset[str]]] = {}
    acknowledged = 0
    for iteration in range(ITERATIONS):
        child = subprocess.Popen(
            [sys.executable, str(script), str(db), str(iteration)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert child.stdout is not None
        ready = child.stdout.readline()
        assert ready.strip() == "READY", child.stderr.read() if child.stderr else ""
        time.sleep(rng.uniform(0.0, 0.12))
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        out = child.stdout.read()  # through the buffer readline() used: it may hold lines
        err = child.stderr.read() if child.stderr else ""
        assert child.returncode == -signal.SIGKILL, err
        in_flight: list[str] | None = None
        for line in out.splitlines():
            parts = line.split()
            if len(parts) < 3:
                continue  # a line cut by the kill: its change was not acknowledged
            if parts[0] == "B":
                in_flight = parts
            elif parts[0] == "K" and len(parts) == 4:
                _apply(expected, parts[1], parts[2], parts[3])
                acknowledged += 1
                in_flight = None
        with AnnotationStore(db) as store:  # must load: StoreCorrupt would fail the test
            actual = _state(store)
        touched: set[str] = set()
        if in_flight is not None and in_flight[1] != "compact":
            touched = set(in_flight[2:3])
            if in_flight[1] == "add":
                extra = set(actual) - set(expected)
                assert len(extra) <= 1, f"iteration {iteration}: unexpected annotations {extra}"
                touched |= extra
            if in_flight[1] == "remove":  # a remove also edits links that pointed at it
                touched |= {k for k, (_, links) in expected.items() if in_flight[2] in links}
        for ann_id in set(expected) | set(actual):
            if ann_id not in touched:
                assert actual.get(ann_id) == expected.get(ann_id), (
                    f"iteration {iteration}: {ann_id} differs {actual.get(ann_id)} vs {expected.get(ann_id)}; in flight: {in_flight}; child's last lines: "
                    + "\n".join(out.splitlines()[-6:])
                )
        expected = actual  # the in-flight change, done or not, is now settled
    print(f"{ITERATIONS} kills, {acknowledged} acknowledged changes checked")
    assert acknowledged > ITERATIONS  # the loop did real work
    assert list(tmp_path.glob("*.corrupt-*")) == []
