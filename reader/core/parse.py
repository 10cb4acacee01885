"""Dependency parses of the paragraphs that hold quotations, as plain arrays with
character offsets into the article text.

The statistical parser is the slowest part of the spaCy pipeline, so analysis runs it
only on the pieces of text where a quotation's attribution can stand (see
`Analyzer`); everywhere else `Parse.token_at` finds nothing and the speaker rules
work from tokens and entities alone. Pure: no spaCy types leave this module.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

_SUBJECTS = ("nsubj", "nsubjpass", "csubj")
# Children that describe a noun phrase's head without being the name a reader would
# give: "the director, Marit Solvang, who was due to conduct" -> "the director".
_ASIDES = ("relcl", "acl", "appos", "punct", "cc", "conj", "advcl", "npadvmod")


@dataclass(slots=True)
class Parse:
    """Tokens (start, end), their heads (token index) and dependency labels."""

    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)
    heads: list[int] = field(default_factory=list)
    deps: list[str] = field(default_factory=list)
    _children: list[list[int]] | None = None

    def add(self, offset: int, doc: Any) -> None:
        """Append a parsed spaCy Doc whose text starts at `offset` in the article."""
        base = len(self.starts)
        for tok in doc:
            self.starts.append(offset + tok.idx)
            self.ends.append(offset + tok.idx + len(tok.text))
            self.heads.append(base + tok.head.i)
            self.deps.append(tok.dep_)
        self._children = None

    def token_at(self, pos: int) -> int | None:
        """The token that starts at character `pos`, if the text there was parsed."""
        i = bisect_right(self.starts, pos) - 1
        return i if i >= 0 and self.starts[i] == pos else None

    def children(self, i: int) -> list[int]:
        if self._children is None:
            kids: list[list[int]] = [[] for _ in self.starts]
            for j, h in enumerate(self.heads):
                if h != j:
                    kids[h].append(j)
            self._children = kids
        return self._children[i]

    def subjects(self, verb: int) -> list[int]:
        """The children of `verb` that are its subjects (active, passive or clausal)."""
        return [c for c in self.children(verb) if self.deps[c] in _SUBJECTS]

    def passive(self, verb: int) -> bool:
        return any(self.deps[c] in ("nsubjpass", "auxpass") for c in self.children(verb))

    def agent_of(self, verb: int, is_by: Callable[[int], bool]) -> int | None:
        """The noun of a passive verb's "by" phrase: "described as ... by residents". The
        small model often hangs the phrase on the words before it ("as “reckless” by"),
        so any "by" below the verb counts, short of a clause of its own."""
        stack = list(self.children(verb))
        while stack:
            c = stack.pop()
            if self.deps[c] in ("ccomp", "advcl", "relcl", "conj", "xcomp", "acl", "parataxis"):
                continue
            if self.deps[c] == "agent" or (self.deps[c] == "prep" and is_by(c)):
                for g in self.children(c):
                    if self.deps[g] == "pobj":
                        return g
            stack.extend(self.children(c))
        return None

    def subject_of(
        self, verb: int, speech: Callable[[int], bool] = lambda i: True, prefer: Callable[[int], bool] = lambda i: False
    ) -> int | None:
        """The subject of the verb token `verb`. A verb coordinated with a speech verb, or
        with the sentence's main verb, shares its subject ("said ..., but insisted"); one
        coordinated with a verb deeper in the sentence does not (the parse of such
        coordinations is unreliable)."""
        for _ in range(4):
            # Two subjects is a misparse ("Outside court, Danny's mum Tracey Marsh
            # clutched"): the first that `prefer` likes (a name), else the first.
            subjects = self.subjects(verb)
            if subjects:
                return next((c for c in subjects if prefer(c)), subjects[0])
            head = self.heads[verb]
            if self.deps[verb] == "conj" and head != verb and (self.heads[head] == head or speech(head)):
                verb = head
                continue
            return None
        return None

    def core(self, head: int) -> tuple[int, int]:
        """(start, end) of the noun phrase headed by `head`, without its asides
        (relative clauses, appositions, coordinated phrases)."""
        keep = [head]
        stack = [c for c in self.children(head) if self.deps[c] not in _ASIDES]
        while stack:
            j = stack.pop()
            keep.append(j)
            stack.extend(self.children(j))
        return self.starts[min(keep)], self.ends[max(keep)]

    def subtree(self, head: int) -> tuple[int, int]:
        """(start, end) of `head` and everything below it."""
        keep = [head]
        stack = list(self.children(head))
        while stack:
            j = stack.pop()
            keep.append(j)
            stack.extend(self.children(j))
        return self.starts[min(keep)], self.ends[max(keep)]

    def appositions(self, head: int) -> list[tuple[int, int]]:
        """(start, end) of each apposition of `head` (its core)."""
        return [self.core(c) for c in self.children(head) if self.deps[c] == "appos"]


def parse_docs(pieces: Iterable[tuple[int, Any]]) -> Parse:
    out = Parse()
    for offset, doc in pieces:
        out.add(offset, doc)
    return out
