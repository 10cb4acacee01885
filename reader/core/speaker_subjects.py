"""Who is the subject of a clause: the candidates in a stretch of text (entities, names
the model missed, descriptions, pronouns) and the one that speaks."""

from __future__ import annotations

import re
from bisect import bisect_right, insort
from dataclasses import dataclass

from reader.core.speaker_refs import _EPITHETS, _NOT_A_SPEAKER
from reader.core.speech_lexicon import (
    CUE_LEMMA,
    PRONOUNS,
    ROLE_NOUNS,
    _BARE_DESCRIPTION,
    _DESCRIPTION,
    _FILLER,
    _INTRO,
    _MASKS,
    _NAME_CANDIDATE,
    _NOT_NAME_START,
    _ORG_NOUNS,
    _PERSON_ROLES,
    _TITLE_WORDS,
)


@dataclass(slots=True)
class _Ent:
    start: int
    end: int
    label: str
    text: str


@dataclass(slots=True)
class _Cand:
    start: int
    end: int
    kind: str  # PERSON ORG GPE NORP NAME DESC PRON
    value: str | None


_BARE_ROLE = re.compile(
    r"\b((?:(?!(?:the|a|an|of|to|for|with|what|which|that|who|whom|and|or|but|as|by|from|on|in|at|where|when|while|whereas|if|because|after|before|since|though|although|once|until)\b)[a-z]+\s+)?"
    r"(?:" + ROLE_NOUNS + r"))\s*$"
)
_STOP = r"(?:on|in|at|of|from|with|for|near|to|by|who|which|that|and|or|but|said|says|told|had|has|was|is)"
_INDEFINITE_SUBJECT = re.compile(
    r"\s*((?:A|An|One|Another)\s+(?:(?!" + _STOP + r"\b)[a-z][\w’'\-]*\s+){0,2}(?!" + _STOP + r"\b)([a-z][\w’'\-]+))(?=\s|,|$)"
)
_BARE_PLURAL = re.compile(r"\s*([A-Z][a-z]+s)\b")
# People named by where they work: "Analysts at Bremner Securities".
_EMPLOYED = re.compile(r"\s*([A-Z][a-z]+s)\s+(?:at|from|with)\s+(?:the\s+)?(?:[A-Z][\w&’'\-]*\s+){0,3}[A-Z][\w&’'\-]*\s*")
_NAMED_AFTER = re.compile(r"\s+((?:[A-Z][\w’'&\-]*[a-z][\w’'&\-]*)(?:\s+(?:of\s+|for\s+|&\s+)?[A-Z][\w’'&\-]*)*)")
_DOCUMENT_OF = re.compile(
    r"\s*(?:([Ii]ts|[Tt]heir)|[Tt]he\s+(\w+)[’']s)\s+(?:own\s+|new\s+|latest\s+|final\s+|internal\s+|[\w\-]*\d[\w\-]*\s+)?"
    r"(?:[a-z\-]+\s+)?(?:report|assessment|study|review|audit|analysis|letter|filing|statement|minutes|survey|memo|"
    r"document|briefing|submission|findings|inquiry|investigation)\b"
)

# Nouns for what an organisation or person puts out; as the subject of a speech verb they
# speak for their owner ("Its report found", "The club’s statement read").
_DOCUMENT_NOUNS = {
    "statement", "letter", "report", "paper", "document", "email", "e-mail", "post", "memo", "filing", "notice",
    "advisory", "ruling", "judgment", "judgement", "survey", "study", "review", "audit", "analysis", "briefing",
    "submission", "findings", "release", "message", "note", "assessment", "complaint", "petition", "website",
    "newsletter", "bulletin", "update", "minutes", "circular", "guidance", "order",
}

_ACCORDING_DOCUMENT = re.compile(
    r"\s*(?:an?|the)\s+((?:[\w’'\-]+\s+){0,3}?)(" + "|".join(sorted(_DOCUMENT_NOUNS)) + r")\b(?:\s+(?:by|from)\s+(\S))?"
)
# An unnamed source after "according to": "one councillor", "a councillor who was
# present", "people familiar with the talks", "sources close to the leader".
_ACCORDING_UNNAMED = re.compile(
    r"\s*(?:(?:an?|one)\s+(?=[a-z])|(?=(?:two|three|four|several|some|other|senior|local|[a-z]+\s+)?"
    r"(?:sources|people|officials|insiders|residents|witnesses|analysts|staff|workers|members)\b))"
    r"([a-z][\w’'\-]*(?:[ \u00a0]+[\w’'\-]+){0,9}?)[ \u00a0]*(?=[,.;:!?)]|$)"
)
# Nouns for something said, with the verb they name: "Frost’s warning that fares would
# “price workers off the trains”" is Frost's.
_SPEECH_NOUNS = {
    "claim": "claim", "claims": "claim", "insistence": "insist", "warning": "warn", "warnings": "warn",
    "description": "describe", "call": "call", "calls": "call", "comments": "", "comment": "", "remarks": "",
    "remark": "", "words": "", "accusation": "accuse", "accusations": "accuse", "pledge": "pledge",
    "promise": "promise", "assertion": "assert", "criticism": "criticise", "suggestion": "suggest",
    "admission": "admit", "denial": "deny", "characterisation": "characterize", "characterization": "characterize",
    "complaint": "complain", "demand": "demand", "demands": "demand", "plea": "plead", "vow": "vow",
    "boast": "boast", "threat": "threaten", "verdict": "", "assessment": "", "prediction": "predict",
    "argument": "argue", "arguments": "argue", "apology": "apologise",
}
_READ_BY = {"statement", "letter", "email", "e-mail", "post", "message", "memo", "notice", "advisory", "release", "tweet"}
_GENERIC_ORG = {"company", "firm", "group", "club", "bank", "airline", "utility", "organization", "organisation"}

_PLURAL_CUES = ("said", "say", "told", "described", "reported", "wrote", "posted", "complained", "added")
_KIN_WORDS = r"(family|families|relatives|parents|widow|widower|children|friends|colleagues|teammates|supporters|lawyers?|solicitors?|representatives?)\b"
_KIN = re.compile(r"[’']s\s+" + _KIN_WORDS)
_KIN_AFTER = re.compile(r"\s+" + _KIN_WORDS)


class Subjects:
    """Candidates and subjects; mixed into the speaker resolver."""

    def _ents_in(self, start: int, end: int) -> list[_Ent]:
        i = bisect_right(self.ent_starts, start - 1)
        out = []
        while i < len(self.ents) and self.ents[i].start < end:
            if self.ents[i].end <= end:
                out.append(self.ents[i])
            i += 1
        return out

    def _candidates(self, start: int, end: int, masked: str) -> list[_Cand]:
        cands: list[_Cand] = []
        taken: list[tuple[int, int]] = []
        for e in self._ents_in(start, end):
            if masked[e.start - start] == " " and self.text[e.start] != " ":
                continue  # inside a masked aside
            cands.append(_Cand(e.start, e.end, e.label, None))
            taken.append((e.start, e.end))
        for m in _NAME_CANDIDATE.finditer(masked):
            a, b = start + m.start(1), start + m.end(1)
            first = m.group(1).split()[0].lower().rstrip(".")
            if first in _NOT_NAME_START or any(x < b and a < y for x, y in taken) or self._in_quote(a) or m.group(1).split()[-1].lower() in _TITLE_WORDS:
                continue  # ("Obviously I'd rather ...": quoted words are nobody's name)
            if a == start or re.search(r"[.!?]\s*$", self.text[max(0, a - 3) : a]):
                if first in CUE_LEMMA:
                    continue
            cands.append(_Cand(a, b, "NAME", None))
        for m in re.finditer(r"(?<![\w’'])([A-Z][\w’'\-]+)\b", masked):
            a, b = start + m.start(1), start + m.end(1)
            if m.group(1) in self.persons and not any(x < b and a < y for x, y in taken) and not any(
                c.start <= a < c.end for c in cands
            ):
                cands.append(_Cand(a, b, "NAME", None))  # a surname the model did not tag
            elif m.group(1) in self.org_words and not any(x < b and a < y for x, y in taken) and not any(c.start <= a < c.end for c in cands):
                cands.append(_Cand(a, b, "ORG", None))  # "Vaultline" where the model tagged it elsewhere
        for m in _DESCRIPTION.finditer(masked):
            a, head_end = start + m.start(1), start + m.end(1)
            b = min(end, self._extend_description(head_end))  # "One analyst at a large bank in X"
            if any(c.kind == "DESC" and c.start <= a and b <= c.end for c in cands):
                continue  # "a large bank" inside "One analyst at a large bank in X"
            inner = [c for c in cands if a <= c.start and c.end <= b + 1]
            # "the Russian Defense Ministry": an organisation that heads the phrase.
            if any(c.kind == "ORG" and c.start < head_end and a < c.end and c.end >= head_end - 1 for c in cands):
                continue
            # A full name inside stays ("the ... of Maria Lopez"); one word ("The Ossara royal
            # court") is an adjective or a place the model took for a person.
            cands = [c for c in cands if c not in inner or (c.kind == "PERSON" and " " in self.text[c.start : c.end].strip())]
            named = _NAMED_AFTER.match(masked, b - start)
            if named and m.group(1).split()[-1].lower() in _ORG_NOUNS and not any(c.start < start + named.end(1) and start + named.start(1) < c.end for c in cands):
                # "The consumer group FairBank urged": the name, not the description.
                cands.append(_Cand(start + named.start(1), start + named.end(1), "ORG", None))
                continue
            cands.append(_Cand(a, b, "DESC", None))
        if not any(c.kind == "DESC" for c in cands):
            for m in _BARE_DESCRIPTION.finditer(masked):
                a, b = start + m.start(1), start + m.end(1)
                if not any(c.start < b and a < c.end and c.kind in ("PERSON", "NAME", "ORG") and c.end >= b - 1 for c in cands):
                    cands = [c for c in cands if not (a <= c.start and c.end <= b)]
                    cands.append(_Cand(a, b, "DESC", None))
        if not any(c.kind == "DESC" for c in cands):
            # "A porter on his way to Kelsey General Hospital, who ..., said": an indefinite
            # subject whose noun the lexicon does not know, with its place or employer.
            m = _INDEFINITE_SUBJECT.match(masked)
            if m and m.group(2).lower() not in _NOT_A_SPEAKER and m.group(2).lower() not in CUE_LEMMA:
                a = start + m.start(1)
                b = min(end, self._extend_description(start + m.end(1)))
                if b > start + m.end(1) or not cands:
                    cands = [c for c in cands if not (a <= c.start and c.end <= b + 1)]
                    cands.append(_Cand(a, b, "DESC", None))
        for m in re.finditer(r"\b(he|she|it)\b", masked, re.I):
            cands.append(_Cand(start + m.start(), start + m.end(), "PRON", m.group(1).lower()))
        for m in re.finditer(r"\bone of them\b", masked, re.I):
            cands.append(_Cand(start + m.start(), start + m.end(), "ONEOF", None))
        # The person spoken to is not the speaker: "told the Courier", "said to Reuters".
        cands = [c for c in cands if not self._spoken_to(c.start)]
        cands.sort(key=lambda c: c.start)
        return cands

    def _one_of_those(self, pos: int, word: str) -> str | None:
        """"Neighbours said ... One, who asked not to be named, said": a neighbour;
        "one user wrote ... Another posted": another user."""
        window = self.text[max(0, pos - 600) : pos]
        if word == "Another":
            one = list(re.finditer(r"\b[Oo]ne\s+([a-z]+)\b", window))
            return f"another {one[-1].group(1)}" if one else None
        plural = list(re.finditer(r"(?:^|(?<=[.!?]\s)|(?<=\n))([A-Z][a-z]+s)\s+(?:\w+\s+)?(?:" + "|".join(_PLURAL_CUES) + r")\b", window))
        if not plural:
            return None
        word = plural[-1].group(1).lower()
        return word[:-3] + "y" if word.endswith("ies") else word[:-1]

    def _value(self, c: _Cand) -> str | None:
        raw = self.text[c.start : c.end]
        if c.kind == "PRON":
            return self.resolve_pronoun(c.start, c.value or "he")
        if c.kind == "NORP" and raw.lower() in _EPITHETS and re.search(r"\bthe\s+$", self.text[max(0, c.start - 5) : c.start]):
            return self.resolve_pronoun(c.start, "they")  # "Sen. Mitch Dunaway, R-Idaho, ... the Republican told reporters"
        if c.kind == "ONEOF":
            for m in reversed(list(_DESCRIPTION.finditer(self.text, max(0, c.start - 600), c.start))):
                plural = re.search(r"\b(people|\w+s)\b(?!.*\b(?:people|\w+s)\b)", m.group(1))
                if not plural or self._in_quote(m.start(1)):
                    continue
                # "two former members of the admissions staff ... one of them said"
                desc = self.text[m.start(1) : self._extend_description(m.end(1))].split("\n")[-1]
                desc = re.sub(r"^(?:the\s+)?(?:two|three|four|five|several|some|many|\d+)\s+", "a ", desc, flags=re.I)
                noun = re.search(r"\b(people|(?:[a-z]+?)(?:ies|s))\b", desc)
                if noun:
                    word = noun.group(1)
                    single = "person" if word == "people" else word[:-3] + "y" if word.endswith("ies") else word[:-1]
                    desc = desc[: noun.start(1)] + single + desc[noun.end(1) :]
                return " ".join(desc.split())
            return None
        if c.kind == "DESC":
            return self._description(raw, c.start)
        if c.kind == "NAME":
            name = self.canonical(raw, "NAME")
            if len(name.split()) >= 2:
                insort(self.mentions, (c.start, len(self.mentions) + 1_000_000_000, name))
                self._add_person(name)
            return name
        return self.canonical(raw, c.kind)

    def _spoken_to(self, pos: int) -> bool:
        before = self.text[max(0, pos - 24) : pos]
        return bool(re.search(r"\b(?:told|tells|telling|(?:said|says|spoke|speaking|talked|wrote|writes) to)\s+(?:the\s+)?$", before))

    @staticmethod
    def _mask(chunk: str, intro: bool = True) -> str:
        """The chunk with asides blanked out (same length): an introductory phrase
        ("In a 3-0 decision,"), relative clauses, appositions, ages, parentheses."""
        m = _INTRO.match(chunk) if intro else None
        head = " " * m.end() if m else ""
        rest = chunk[m.end() :] if m else chunk
        return head + _MASKS.sub(lambda x: " " * len(x.group(0)), rest)

    def governed(self, q_start: int, q_end: int) -> tuple[str, str, str] | None:
        """(speaker, cue, kind) from the dependency parse: the first active speech verb
        up the chain of heads from the quoted words ("Julian Ferrabee said the board was
        sorry, but insisted the offer was “...”": insisted, coordinated with said) and
        its subject (or a passive verb's agent); kind is "name", "pron", "agent" (a
        description in a "by" phrase), "owner" (whose document speaks) or "desc". None when the text was not
        parsed or no speech verb with a usable subject governs the quotation."""
        parse = self.parse
        self.subject_asides = []
        if parse is None:
            return None
        i = bisect_right(parse.starts, q_start - 1)
        inside = []
        while i < len(parse.starts) and parse.starts[i] < q_end:
            inside.append(i)
            i += 1
        if not inside:
            return None
        lo, hi = inside[0], inside[-1]
        tops = [t for t in inside if not lo <= parse.heads[t] <= hi or parse.heads[t] == t]
        for top in tops:
            cur = top
            for _ in range(10):
                if parse.heads[cur] == cur:
                    break
                cur = parse.heads[cur]
                word = self.text[parse.starts[cur] : parse.ends[cur]]
                said = _SPEECH_NOUNS.get(word.lower())
                if said is not None and not self._in_quote(parse.starts[cur]):
                    # "Keane’s description of the network as “broken”": the possessor.
                    poss = [c for c in parse.children(cur) if parse.deps[c] == "poss"]
                    if poss:
                        who = self._possessor(poss[0])
                        if who:
                            return who, said or None, "name" if who[:1].isupper() else "owner"
                        return None
                if word in ("read", "reads") and self._document_reads(cur):
                    found = self.by_parse(parse.starts[cur])  # "The club’s statement read: “...”"
                    return (found[0], "read", found[1]) if found and found[0] else None
                if word not in CUE_LEMMA or self._in_quote(parse.starts[cur]) or word.endswith("ing"):
                    continue
                if parse.passive(cur):
                    # "was described as “reckless” by opposition councillors": the agent.
                    agent = parse.agent_of(cur, lambda i: self.text[parse.starts[i] : parse.ends[i]] == "by")
                    if agent is None:
                        continue
                    found = self._parsed_speaker(agent, cur)
                    if found and found[1] == "desc":
                        found = (found[0], "agent")  # named outright: "by opposition councillors"
                else:
                    found = self.by_parse(parse.starts[cur])
                return (found[0], CUE_LEMMA[word], found[1]) if found and found[0] else None
        return None

    def clause_person(self, q_start: int, q_end: int) -> str | None:
        """The named person who is the active subject of the clause a quoted phrase sits
        in, whatever its verb: "Gwen Farrow apologised for the “painful” decision". Only
        the nearest clause's subject counts, and only a person (or "he"/"she")."""
        parse = self.parse
        if parse is None:
            return None
        i = parse.token_at(q_start)
        if i is None:
            return None
        cur = i
        for _ in range(8):
            head = parse.heads[cur]
            if head == cur:
                return None
            cur = head
            if parse.starts[cur] >= q_start and parse.ends[cur] <= q_end:
                continue  # still inside the quotation
            subjects = parse.subjects(cur)
            if not subjects:
                continue
            s = subjects[0]
            if parse.deps[s] != "nsubj" or self._in_quote(parse.starts[s]):
                return None
            found = self._parsed_speaker(s, cur)
            if found and found[0] and found[1] in ("name", "pron") and " " in found[0] and self.persons.get(found[0].split()[-1]) == found[0]:
                return found[0]
            return None
        return None

    def by_parse(self, verb: int) -> tuple[str | None, str] | None:
        """(speaker, kind) for the subject the dependency parse gives the speech verb at
        character `verb`: a named entity (or a description's named apposition), "he" or
        "she" resolved as the rules resolve them, or a description. None when the text
        there was not parsed, the parse names no subject, or the subject is another
        pronoun ("it", "they": left to the rules)."""
        parse = self.parse
        if parse is None:
            return None
        v = parse.token_at(verb)
        if v is None:
            return None
        s = parse.subject_of(
            v,
            lambda i: self.text[parse.starts[i] : parse.ends[i]] in CUE_LEMMA,
            lambda i: self._named_at(parse.starts[i], parse.ends[i]) is not None,
        )
        if s is None:
            return None
        if self.text[parse.starts[s] : parse.ends[s]].lower() in ("who", "which", "that") and parse.deps[v] == "relcl":
            s = parse.heads[v]  # "Ms Eklund-Ruiz, who called it “...”": the noun the clause describes
        return self._parsed_speaker(s, v)

    def _parsed_speaker(self, s: int, v: int) -> tuple[str | None, str] | None:
        """(speaker, kind) for the token `s` that the parse gives as the one speaking
        through the verb `v` (its subject, or a passive verb's agent)."""
        parse = self.parse
        a, b = parse.core(s)
        hs, he = parse.starts[s], parse.ends[s]
        if self._in_quote(hs):
            return None
        if self.text[hs:he].lower() in _DOCUMENT_NOUNS:
            owner = self._document_owner(s)
            if owner:  # "The club’s statement read:", "A ministry briefing document described"
                return owner, "name" if owner[:1].isupper() else "owner"
        e = self._named_at(hs, he)
        if e is not None:
            return (self.canonical(e.text, e.label), "name") if len(e.text.split()) <= 4 else None
        word = self.text[hs:he]
        if word.lower() in ("he", "she"):
            return self.subject_in(hs, he), "pron"
        if word in self.persons and a == hs:
            return self.canonical(word, "NAME"), "name"  # a surname the model did not tag here
        # "Inspectors who visited ... have described": a common noun, capitalised only
        # because it opens the sentence.
        opening = (
            a == hs
            and re.fullmatch(r"[A-Z][a-z]+(?:er|or|ist|ian|ent|ant|ee|ic|ie|ne|ge|ld)s", word) is not None
            and re.search(r"(?:^|\n|[.!?][”’\"']?\s+)$", self.text[max(0, hs - 4) : hs]) is not None
        )
        if (not word[:1].islower() and not opening) or word.lower() in PRONOUNS:
            return None
        # "The orchestra’s music director, the Norwegian conductor Marit Solvang, ...":
        # a description whose apposition names the person.
        for pa, pb in parse.appositions(s):
            for e in self._ents_in(pa, pb):
                if e.label in ("PERSON", "ORG"):
                    return self.canonical(e.text, e.label), "name"
        if re.match(r"(?:Outside|Inside|Earlier|Later|Afterwards|Elsewhere)\b", self.text[a:he]):
            # "Outside court, Vaughan's agent Mel Dyer ... said", the name misread as
            # coordinated with "court": the name speaks, never the opening phrase.
            for c in parse.children(s):
                e = self._named_at(parse.starts[c], parse.ends[c]) if parse.deps[c] == "conj" else None
                if e is not None:
                    return self.canonical(e.text, e.label), "name"
            return None
        comma = self.text.find(",", he, b)
        if comma > 0:
            b = comma  # "One analyst at a large bank, who was not authorised to speak"
        if b - a > 160:
            return None
        desc = " ".join(self.text[a:b].split())
        if re.match(r"(?:the|its|their|his|her)\b", desc, re.I):
            desc = " ".join(self.text[a:he].split())  # "the board" -> the board the story named
        # The relative clauses that describe the subject ("Inspectors who visited HMP
        # Greywater"): a name there is not the one speaking.
        self.subject_asides = [
            span
            for span in (parse.subtree(c) for c in parse.children(s) if parse.deps[c] == "relcl")
            if not re.search(r"\b(?:name|named|names|called|calls|known)\b", self.text[span[0] : span[1]])
        ]
        return self._description(desc, a), "desc"

    def according(self, start: int, end: int) -> str | None:
        """Who is meant by "according to" text[start:end]: the owner of a document ("a
        police statement", "a report by the Authority"), else the subject named there."""
        doc = _ACCORDING_DOCUMENT.match(self.text, start, end)
        if doc:
            if doc.group(3):
                return self.subject_in(doc.start(3), end, verb_first=True)
            for m in reversed(list(re.finditer(r"[\w’'\-]+", doc.group(1)))):
                owner = self._owner_at(doc.start(1) + m.start(), doc.start(1) + m.end())
                if owner:
                    return owner
        unnamed = _ACCORDING_UNNAMED.match(self.text, start, end)
        if unnamed and unnamed.group(1).split()[-1].lower() not in _NOT_A_SPEAKER and not any(
            e.label in ("PERSON", "ORG", "GPE") for e in self._ents_in(unnamed.start(1), unnamed.end(1))
        ):
            # "according to one councillor", "according to people familiar with the talks":
            # the unnamed source as described, whatever follows the noun.
            return " ".join(unnamed.group(1).split())
        return self.subject_in(start, end, verb_first=True)

    def _document_reads(self, verb: int) -> bool:
        """The verb "read" with a statement, letter or the like as its subject (a sign or
        a banner that reads "..." speaks for nobody in particular)."""
        s = self.parse.subject_of(verb)
        return s is not None and self.text[self.parse.starts[s] : self.parse.ends[s]].lower() in _READ_BY

    def _document_owner(self, doc: int) -> str | None:
        """Whose document the parse's noun `doc` is: its possessor ("its report", "the
        club’s statement"), an organisation or person named in the noun phrase ("a
        ministry briefing document", "the Hale report") or its "by"/"from" phrase ("the
        letter from the Fishmongers’ Guild")."""
        parse = self.parse
        for c in parse.children(doc):
            dep = parse.deps[c]
            word = self.text[parse.starts[c] : parse.ends[c]]
            if dep == "poss":
                return self._possessor(c)
            if dep in ("compound", "nmod") and parse.starts[c] < parse.starts[doc]:
                owner = self._token_owner(c)
                if owner:
                    return owner
            if dep == "prep" and word in ("by", "from"):
                for g in parse.children(c):
                    if parse.deps[g] == "pobj":
                        return self._token_owner(g)
        return None

    def _named_at(self, start: int, end: int) -> _Ent | None:
        """The person or organisation entity that holds the word text[start:end]."""
        for e in self._ents_in(max(0, start - 80), end + 80):
            if e.start <= start < e.end and e.label in ("PERSON", "ORG"):
                return e
        return None

    def _possessor(self, c: int) -> str | None:
        """Who the possessive token `c` names: "its"/"their" the organisation in view,
        "his"/"her" the person, else the name or noun ("Keane’s", "the club’s")."""
        word = self.text[self.parse.starts[c] : self.parse.ends[c]].lower()
        if word in ("its", "their"):
            return self._last_org(self.parse.starts[c])
        if word in ("his", "her"):
            return self.resolve_pronoun(self.parse.starts[c], "he" if word == "his" else "she")
        return self._token_owner(c)

    def _token_owner(self, t: int) -> str | None:
        """The organisation or person the token `t` names or stands for: an entity, or a
        noun such as "ministry", "club", "judge" resolved as the rules resolve "the ..."."""
        return self._owner_at(self.parse.starts[t], self.parse.ends[t])

    def _owner_at(self, ts: int, te: int) -> str | None:
        e = self._named_at(ts, te)
        if e is not None:
            return self.canonical(e.text, e.label)
        word = self.text[ts:te].lower()
        if word in _ORG_NOUNS:
            # "the ministry": the organisation so named before, else the one the story is
            # most about ("the company"), else just the noun.
            named = self._org_with(word, ts)
            if named:
                return named
            if word in _GENERIC_ORG:
                named = self.main_company(ts)
                if named:
                    return named
            return word
        if word in _PERSON_ROLES:
            return self._description(f"the {word}", ts)
        return None

    def subject_in(self, start: int, end: int, verb_first: bool = False) -> str | None:
        """The speaker named in text[start:end]: the clause before a cue verb (its subject
        stands last, or first when asides follow it), or after an inverted verb."""
        chunk = self.text[start:end]
        if not chunk.strip():
            return None
        masked = self._mask(chunk, intro=not verb_first)
        cands = self._candidates(start, end, masked)
        if not verb_first and (not cands or cands[-1].end < end - 20):
            the = re.search(r"\b[Tt]he\s+([a-z]{3,})\s*$", _FILLER.sub("", masked.rstrip(" ,")))
            if the:
                named = self._role_antecedent(the.group(1), start + the.start())  # "The chemist added"
                if named:
                    return named
        bare = None if verb_first else _BARE_ROLE.search(_FILLER.sub("", masked.rstrip(" ,")))
        if bare and any(c.start <= start + bare.start(1) < c.end for c in cands):
            bare = None  # part of a longer description: "A state election official, who ..., said"
        if bare and (not cands or cands[-1].end < end - 40 or start + bare.start(1) >= cands[-1].end + 2):
            # "analysts had dubbed", "what pilots call", "blocks Marquand Canal, insurers warn"
            if not re.search(r"\b(?:the|a|an|its|his|her|their)\s+$", masked[: bare.start(1)]):
                return bare.group(1)
        after_as = None if verb_first else re.search(r"\b(?:as|while|after|because|when|where)\s+((?:[a-z]+\s+)?[a-z]{3,}s)\s*$", masked.rstrip(" ,"))
        if after_as and after_as.group(1).split()[-1] not in _NOT_A_SPEAKER and not (cands and cands[-1].end > start + after_as.start(1)):
            # A headline's "shelves bare as hauliers warn of": the plural just before the verb.
            return after_as.group(1)
        owner = None if verb_first else _DOCUMENT_OF.match(masked)
        if owner:  # "The council’s own risk assessment, dated ..., warned": the council
            if owner.group(1):
                return self._last_org(start)
            found = self._description(f"the {owner.group(2)}", start + owner.start(2))
            if found and found.lower() != f"the {owner.group(2)}".lower():
                return found
        if not cands:
            some = re.fullmatch(
                r"\s*(?:one,\s+)?((?:[Tt]he|[Aa]n?|[Oo]ne|[Aa]nother)\s+(?:[a-z][\w’'\-]*\s+){0,2}[a-z][\w’'\-]+)\s*",
                _FILLER.sub("", masked.rstrip(" ,")) if not verb_first else chunk.rstrip(" ,"),
            ) or (
                # "In a letter ..., published on Tuesday, the commission called": the
                # subject after the sentence's opening phrases.
                None if verb_first else re.search(
                    r",\s+((?:the|an?|one|another)\s+(?:[a-z][\w’'\-]*\s+){0,2}[a-z][\w’'\-]+)\s*$",
                    _FILLER.sub("", masked.rstrip(" ,")),
                )
            )
            if some and some.group(1).split()[-1].lower() not in _NOT_A_SPEAKER:
                return self._description(some.group(1), start + some.start(1))  # "One guard, who ..., said"
            if some and re.fullmatch(r"(?:the|its)\s+(?:\w+\s+)?(?:report|study|survey|review|audit|filing|minutes|analysis)", some.group(1), re.I):
                # "The report says": whoever the article said wrote it ("a report by the Authority").
                return self._author_of(some.group(1).split()[-1], start + some.start(1), by_only=True)
            if some and re.fullmatch(r"(?:the|its)\s+(?:\w+\s+)?(?:ruling|judgment|judgement)", some.group(1), re.I):
                # "“...,” the ruling said": the judge or panel who gave it ("Panel chairman
                # Anthony Vale said in a written ruling").
                return self._author_of(some.group(1).split()[-1], start + some.start(1))
        employed = None if verb_first else _EMPLOYED.fullmatch(_FILLER.sub("", chunk.rstrip(" ,")))
        if employed and re.fullmatch(ROLE_NOUNS, employed.group(1).lower()):
            return " ".join(employed.group(0).split())  # "Analysts at Bremner Securities said"
        if not cands and not verb_first:
            plural = _BARE_PLURAL.match(masked)
            alone = plural and re.fullmatch(r"(?:\s+(?:have|has|had|also|since|long|now|already|widely|often|repeatedly))*[\s,]*", masked[plural.end(1) :])
            part_of = plural and re.fullmatch(r"\s+of\s+(?:the\s+)?[a-z][\w’'\- ]{1,40}?\s*", masked[plural.end(1) :])
            if part_of:  # "Sections of the home crowd chanted"
                return " ".join(masked[plural.start(1) :].split())
            if plural and (alone or re.fullmatch(ROLE_NOUNS, plural.group(1).lower()) or re.fullmatch(ROLE_NOUNS, plural.group(1).lower()[:-1])):
                b = self._extend_description(start + plural.end(1))
                if alone or not masked[b - start :].strip(" ,"):  # "Observers from the regional bloc, the ..., said"
                    return " ".join(self.text[start + plural.start(1) : b].split())
            lone = re.fullmatch(r"\s*([A-Z][a-z][\w’'\-]+|[A-Z]{2,6})\s*", masked.rstrip(" ,"))
            if lone and lone.group(1) in ("One", "Another"):
                return self._one_of_those(start, lone.group(1))
            if lone and lone.group(1).lower() in _PERSON_ROLES:
                # A headline's "Judge calls scheme ‘...’": the judge the story names.
                role = lone.group(1).lower()
                named = self._role_antecedent(role, start, forward=True) or self._role_antecedent(role, start)
                if named:
                    return named
            if lone and lone.group(1).lower() not in _NOT_NAME_START and lone.group(1).lower() not in PRONOUNS:
                return self.canonical(lone.group(1), "NAME")  # "Balogun said"
        if not cands:
            return None
        if verb_first:
            first = cands[0]
            if first.kind in ("DESC", "GPE", "NORP", "ORG") and len(cands) > 1:
                nxt = cands[1]
                if nxt.kind in ("PERSON", "NAME") and re.fullmatch(r"[\s,]*(?:[a-z][\w\-]*\s+){0,3}", self.text[first.end : nxt.start]):
                    return self._value(nxt)  # "said Tembara’s culture minister, Folake Adebayo-Reid"
            return self._value(first)
        chosen = cands[-1]
        # Prefer a named speaker to a description standing beside it:
        # "A youth activist from Kenya, Wanjiru Kamau, 19, said".
        if chosen.kind in ("DESC", "GPE", "NORP"):
            for c in reversed(cands[:-1]):
                kinds = ("PERSON", "NAME", "ORG") if chosen.kind == "DESC" else ("PERSON", "NAME")
                if c.kind in kinds and chosen.start - c.end <= 60 and re.match(r"\s*,", masked[c.end - start :]):
                    chosen = c  # "The Southern Crags Bolt Fund, a volunteer group ..., said"
                    break
        if chosen.kind == "DESC":
            # "The orchestra’s music director, the Norwegian conductor Marit Solvang, who ...,":
            # the name in the apposition the mask hid.
            for e in self._ents_in(chosen.end, end):
                if e.label == "PERSON" and " " in e.text and re.fullmatch(r",\s+(?:the|an?)\s+[^,]{0,60}", self.text[chosen.end : e.start].rstrip()):
                    return self.canonical(e.text, "PERSON")
        owned = self.text[chosen.end - 2 : chosen.end] in ("’s", "'s")  # "Tregarth’s" read as one name
        kin = (_KIN_AFTER if owned else _KIN).match(self.text, chosen.end) if chosen.kind in ("PERSON", "NAME") else None
        if kin and not masked[kin.end() - start :].strip(" ,"):
            # "Mr Trethewey’s family said": the family, not the man.
            who = self._value(chosen)
            return f"{who}’s {kin.group(1)}" if who else None
        return self._value(chosen)

