"""Scoring quotations and speakers against a hand-made gold set (see tests/data/GOLD_README.md)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from reader.core.models import Span

_EDGE = " \t\n.,;:!?…—–-\u00a0"
_DET = re.compile(r"^(?:an?|the)\s+", re.I)


def load_gold(path: Path) -> dict[str, list[dict[str, Any]]]:
    by_article: dict[str, list[dict[str, Any]]] = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            by_article.setdefault(row["article"], []).append(row)
    return by_article


def _core(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    return start, end


def norm_speaker(name: str | None) -> str | None:
    if not name:
        return None
    name = re.sub(r"[’']s\b", "", name.strip())
    name = _DET.sub("", " ".join(name.split())).casefold()
    return name.strip(" .,")


def speaker_ok(predicted: str | None, gold: dict[str, Any]) -> bool:
    p = norm_speaker(predicted)
    options = {norm_speaker(gold.get("speaker"))} | {norm_speaker(s) for s in gold.get("speaker_alt", [])}
    return p in options


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    speaker_right: int = 0
    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)
    wrong_speakers: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def speaker_accuracy(self) -> float:
        return self.speaker_right / self.tp if self.tp else 1.0

    def add(self, other: "Score") -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.speaker_right += other.speaker_right
        self.misses += other.misses
        self.extras += other.extras
        self.wrong_speakers += other.wrong_speakers


def score_article(text: str, predicted: Iterable[Span], gold: list[dict[str, Any]], article: str = "") -> Score:
    """A predicted quote matches a gold one when their cores (without edge punctuation
    and white space) are the same, or overlap by 90% of the longer one."""
    score = Score()
    preds = list(predicted)
    used: set[int] = set()
    for g in gold:
        gs, ge = _core(text, g["start"], g["end"])
        match = None
        for i, p in enumerate(preds):
            if i in used:
                continue
            ps, pe = _core(text, p.start, p.end)
            overlap = min(ge, pe) - max(gs, ps)
            if (ps, pe) == (gs, ge) or (overlap > 0 and overlap >= 0.9 * max(ge - gs, pe - ps)):
                match = i
                break
        if match is None:
            score.fn += 1
            score.misses.append(f"{article}: {g['text'][:60]!r}")
            continue
        used.add(match)
        score.tp += 1
        speaker = preds[match].attrs.get("speaker")
        if speaker_ok(speaker, g):
            score.speaker_right += 1
        else:
            score.wrong_speakers.append(f"{article}: {g['text'][:40]!r} gold={g.get('speaker')!r} got={speaker!r}")
    for i, p in enumerate(preds):
        if i not in used:
            score.fp += 1
            score.extras.append(f"{article}: {text[p.start:p.end][:60]!r}")
    return score
