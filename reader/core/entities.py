"""Named entities, made consistent within one article.

The small model may label the same name differently across one article ("Zelenskyy"
ORG once and PERSON elsewhere). Every mention of one name gets the label most of its
mentions have; a single name that is the last word of a PERSON elsewhere ("Putin" after
"Vladimir Putin") is a PERSON.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from reader.core.models import Span

_POSSESSIVE = re.compile(r"[’']s$")
# Labels that name things (as opposed to dates, numbers and quantities).
NAME_LABELS = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE"}
_PRIORITY = {"PERSON": 0, "GPE": 1, "ORG": 2, "NORP": 3, "LOC": 4, "FAC": 5}


def _key(text: str) -> str:
    return _POSSESSIVE.sub("", text.strip()).strip()


_ORG_SUFFIX = re.compile(
    r"\b(?:Technologies|Technology|Inc|Corp|Corporation|Company|Co|Ltd|LLC|Group|Ministry|Council|Agency|Times|"
    r"News|Press|Institute|University|Bank|Party|Association|Committee|Team|Service|Office|Department|Forces|"
    r"Army|Navy|Command|Commission|Foundation|Fund|Union|Post|Journal|Network|Airlines|Holdings|Partners)\.?$"
)
_PERSON_TITLE = re.compile(
    r"(?:\b(?:chief|minister|spokesman|spokeswoman|spokesperson|president|secretary|official|director|envoy|"
    r"ambassador|commander|adviser|advisor|analyst|expert|Dr|Mr|Mrs|Ms|Sen|Rep|Gov|Gen|Col|Lt|Prof|leader|"
    r"chancellor|governor|mayor|senator|judge|lawyer|professor|chairman|chairwoman|CEO)\.?)\s+$",
    re.I,
)
_PARTY_PREFIX = re.compile(r"^(?:Democrat|Republican|Democratic|Conservative|Labour|Liberal|Independent|Green)\s+")
_NAME_SHAPE = re.compile(r"^[A-Z][a-z’'\-]+(?:\s+[A-Z][a-z’'\-]+){1,2}$")


def repair_labels(text: str, entities: list[Span]) -> list[Span]:
    """Fix two common mistakes of small models: an organisation name (ends in
    "Technologies", "Ministry", ...) labelled PERSON, and a person's name right after a
    title ("council chief Oleksiy Danilov") labelled ORG or GPE."""
    out = []
    for e in entities:
        name = text[e.start : e.end]
        label = e.label
        if label == "PERSON" and _ORG_SUFFIX.search(name):
            label = "ORG"
        elif label in ("ORG", "GPE", "NORP", "FAC") and _NAME_SHAPE.match(name) and not _ORG_SUFFIX.search(name):
            if _PERSON_TITLE.search(text[max(0, e.start - 30) : e.start]):
                label = "PERSON"
            elif _PARTY_PREFIX.match(name) and _NAME_SHAPE.match(_PARTY_PREFIX.sub("", name)):
                label = "PERSON"  # "Democrat Sofia Alvarado"
        out.append(e if label == e.label else Span(e.start, e.end, label, e.attrs))
    return out


_NOT_A_NAME = re.compile(r"^(?:n[’']t|[’'](?:s|re|ll|ve|d|m))$|^\W*$", re.I)


def consistent_labels(text: str, entities: list[Span]) -> list[Span]:
    entities = [e for e in entities if not _NOT_A_NAME.match(text[e.start : e.end].strip())]
    entities = repair_labels(text, entities)
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    person_last: set[str] = set()
    for e in entities:
        if e.label not in NAME_LABELS:
            continue
        k = _key(text[e.start : e.end])
        votes[k][e.label] += 1
        if e.label == "PERSON" and " " in k:
            person_last.add(k.split()[-1])
    chosen: dict[str, str] = {}
    for k, counter in votes.items():
        if " " not in k and k in person_last:
            chosen[k] = "PERSON"
        else:
            best = max(counter.items(), key=lambda kv: (kv[1], -_PRIORITY.get(kv[0], 9)))
            chosen[k] = best[0]
    out = []
    for e in entities:
        label = chosen.get(_key(text[e.start : e.end]), e.label) if e.label in NAME_LABELS else e.label
        out.append(e if label == e.label else Span(e.start, e.end, label, e.attrs))
    return out
