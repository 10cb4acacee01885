"""Who a description, a role or a pronoun stands for: "the minister" -> the minister the
article named, "its governor" -> the governor it names later, "she" -> the last woman who
spoke. A mixin of `reader.core.speakers.SpeakerResolver`, which holds the text, the
entities, the people and the quotations these methods read."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from reader.core.entities import org_like
from reader.core.given_names import gender_of_given_name
from reader.core.speech_lexicon import (
    NOUN_GENDER,
    _DATELINE,
    _DESCRIPTION,
    _NOT_NAME_START,
    _ORG_NOUNS,
    _PERSON_ROLES,
    _ROLE_ABBREVIATIONS,
    _ROLE_SYNONYMS,
    _TITLE_WORDS,
)

_DESCRIPTION_TAIL = re.compile(
    r"((?:\s+in\s+[A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-]+){0,2}|\s+(?:at|of|from|with|for|near|outside|behind|inside|"
    r"on\s+(?:her|his|their)\s+way\s+(?:to|from|home)|in(?!\s+(?:an?|the|his|her|its|their)\s+(?:statement|interview|email|letter|post|video|press)))\s+(?:(?!(?:said|says|told|who|which|that)\b)[\w’'\-&]+\s+){0,7}?"
    r"(?!(?:said|says|told|who|which|that)\b)[\w’'\-&]+))(?=\s*,|\s+(?:said|says|told|who|shouted|added|asked|wrote)\b)"
)
_NOT_A_SPEAKER = {"ruling", "judgment", "judgement", "report", "study", "data", "figures", "survey", "poll", "filing", "document", "documents", "minutes", "analysis", "review", "it", "this", "that", "plan", "bill", "law", "rule", "move", "decision", "deal", "agreement", "proposal"}
_DOCUMENTS = {"statement", "letter", "memo", "post", "email", "report", "study", "review", "ruling", "filing", "complaint"}
# Words a story uses for a person it has just named ("the teenager", "the striker").
_EPITHETS = {
    "teenager", "youngster", "striker", "midfielder", "defender", "goalkeeper", "forward", "winger", "veteran",
    "star", "singer", "actor", "actress", "author", "novelist", "writer", "boxer", "rider", "cyclist", "runner",
    "swimmer", "champion", "pensioner", "grandmother", "grandfather", "widow", "widower", "survivor", "businessman",
    "businesswoman", "entrepreneur", "billionaire", "tycoon", "comedian", "presenter", "broadcaster", "rapper",
    "musician", "artist", "politician", "academic", "chef", "footballer", "cricketer", "golfer", "athlete",
    "gran", "granny", "grandad", "nan", "mum", "dad", "jockey", "skier", "sprinter", "player", "captain",
    "democrat", "republican", "lawmaker", "legislator", "congressman", "congresswoman",
}
_NOT_SUBJECT_LEAD = {
    "asked", "after", "when", "as", "if", "while", "although", "because", "before", "since", "unlike", "like",
    "with", "despite", "according", "for", "in", "on", "at", "but", "and", "yet", "so", "then", "unless", "until",
    "once", "though", "whether", "to", "by", "from", "of", "during", "without", "against", "under", "over",
}
_PUBLIC_BODY = re.compile(
    r"\b(?:Inspectorate|Authority|Agency|Commission|Ministry|Council|Department|Court|Police|Regulator|Board|"
    r"Government|Parliament|Office|Service|Tribunal|Ombudsman|Executive|Administration|Directorate|Bureau|Observatory)\b"
)
# "Britain's water regulator", "Kestria's foreign ministry".
_OWNED_ORG = re.compile(r"[’']s\s+(?:[a-z\-]+\s+){0,2}?(?:" + "|".join(sorted(_ORG_NOUNS | {"watchdog"})) + r")\b")
_BUSINESS = {"company", "firm", "operator", "airline", "business"}
_ORG_SHAPE = re.compile(r"\b(?:Street|Group|Line|Inc|Ltd|Co|Corp|Union|Association|Party|Council|Board|Campaign|Coalition|Trust)\b")


class References:
    """Descriptions, roles, organisations and pronouns resolved to names."""

    def _description(self, desc: str, pos: int) -> str | None:
        words = desc.split()
        head = words[-1].lower()
        first = words[0].lower()
        sender = re.search(
            r"\b(?:(?:sent|issued|published|released|signed|written|posted|put out)\s+by|(?:report|study|review|survey|"
            r"analysis|audit|investigation|inquiry|letter|memo|statement)\s+(?:by|from))\s+(\S.*)$",
            desc,
        )
        if sender:  # "A fundraising email sent by Dressler’s re-election campaign"
            return sender.group(1)
        if head == "statement" and first != "the":
            return None  # "in a statement posted ...": not who speaks
        poss = re.match(r"the (\w+)[’']s\b", desc, re.I)
        if poss and poss.group(1).lower() in _ORG_NOUNS and head not in _PERSON_ROLES:  # "the museum’s board"
            org = self._last_org(pos, poss.group(1).lower())
            if org:
                return org
        age = re.fullmatch(r"the (\d{1,3})-year-old", desc.strip(), re.I)
        if age:  # "the 31-year-old told reporters": the person given that age
            found = re.search(
                rf"((?:[A-Z][\w’'\-]+\s+){{0,2}}[A-Z][\w’'\-]+),\s+{age.group(1)},|\b{age.group(1)}-year-old\s+((?:[A-Z][\w’'\-]+\s+){{0,2}}[A-Z][\w’'\-]+)",
                self.text[: pos],
            )
            if found:
                raw = found.group(1) or found.group(2)
                name = self._person_name(found.start(1) if found.group(1) else found.start(2), raw)
                if name:
                    return name
            return self.resolve_pronoun(pos, "they")  # the age was never given: the person in view
        definite = first in ("the", "its", "their")
        qualifier = [w for w in words[1:-1] if w[:1].isupper()]
        if first == "the" and qualifier and len(words) <= 4 and head in _PERSON_ROLES:
            # "the Harwick manager", "the Eastfield council leader": the one introduced
            # with that team or place, not the other side's manager named since.
            named = self._role_antecedent(head, pos, qualifier=qualifier)
            if named:
                return named
        if first == "the" and qualifier == words[1:-1] and len(words) <= 4 and head in _EPITHETS:
            named = self.resolve_pronoun(pos, "they")  # "Oskar Dahlgren ... the Team Nordvik rider told reporters"
            if named:
                return named
        if definite and 2 <= len(words) <= 3 and head.isalpha():
            # "the minister" -> "Julio Santamaría"; "the group" -> "Save Orchard Street"
            named = self._role_antecedent(head, pos, org=head in _ORG_NOUNS, qualifier=qualifier)
            if named:
                return named
            if len(words) == 2 and first == "the" and head in _ORG_NOUNS:
                owned = None
                for owned in re.finditer(rf"\b([A-Z][\w\-]+[’']s\s+(?:[a-z][\w\-]+\s+){{0,2}}{re.escape(head)})\b", self.text[max(0, pos - 2000) : pos]):
                    pass
                if owned:  # "the ministry" after "Kestria's foreign ministry"
                    return owned.group(1)
            if len(words) == 2 and first == "the" and head in _ORG_NOUNS:
                org = self._org_with(head, pos)  # "the bank" after "Harbourline Bank"
                if org:
                    return org
                fuller = None
                modified = re.compile(rf"\b[Tt]he\s+((?!(?:same|whole|entire|new|old|full|other|last|first|next)\b)[a-z]+\s+{head})\b")
                for fuller in modified.finditer(self.text, max(0, pos - 3000), pos):
                    pass
                later_org = fuller is not None and any(e.label == "ORG" for e in self._ents_in(fuller.end(), pos))
                if fuller and not later_org and not self._in_quote(fuller.start()):
                    return fuller.group(1)  # "the council" after "divided the city council"
            if len(words) == 2 and first == "the" and head not in _DOCUMENTS:
                earlier = self._earlier_description(head, desc, pos)  # "the manager": "a senior manager at ..."
                if earlier:
                    return earlier
            governed = re.search(r"\b(?:from|of|to|by|with|for|at|in|on|about|than)\s+$", self.text[max(0, pos - 12) : pos])
            if len(words) == 2 and first == "the" and head in _EPITHETS and not governed:
                # "Okafor, 19, was making his third appearance. The teenager said": the
                # person just named, whom the article refers to by an epithet.
                named = self.resolve_pronoun(pos, "they")
                if named:
                    return named
            if len(words) == 2 and first == "the" and head in _PERSON_ROLES and self.person_speakers and not governed:
                # "The manager said" with no manager named before: the person last quoted.
                # Only right after that person's quotation (this paragraph or the one before).
                k = bisect_left(self.person_speakers, (pos,))
                para = bisect_right(self.para_starts, pos) - 1
                if k and self.person_speakers[k - 1][0] >= self.para_starts[max(0, para - 1)]:
                    return self.person_speakers[k - 1][1]
        if first in ("a", "an") and (head in _EPITHETS or head in _PERSON_ROLES or head in ("man", "woman", "mother", "father")):
            # The opening paragraph's "A TV soap actress has told how ...", named in the
            # next: "Kirsty Vaughan, 34, who plays ...".
            named = self._named_after_lede(pos)
            if named:
                return named
        if len(words) <= 3 and head in _PERSON_ROLES and first in ("its", "their", "a", "an"):
            # "its governor said", "a judge who called": the one the article names later.
            named = self._role_antecedent(head, pos, forward=True)
            if named:
                return named
        if head == "statement" or (len(words) == 2 and head in ("letter", "memo", "post", "email")):
            # "X defended the decision in a written statement. “...,” the statement said."
            return self._author_of(head, pos) or self._current_prev_speaker
        if len(words) == 2 and first in ("the", "its") and (head in _ORG_NOUNS or first == "its"):
            org = self._last_org(pos, head if first == "the" else None)
            if org:
                return org if first == "the" else f"{org} {words[-1]}"
        return " ".join(words)

    def _author_of(self, document: str, pos: int, by_only: bool = False) -> str | None:
        """Who put out the document named just before `pos`: "a report by X", else (unless
        `by_only`) the first person or organisation of the sentence that mentions it, in
        this paragraph or the one before."""
        para = bisect_right(self.para_starts, pos) - 1
        lo = self.para_starts[max(0, para - 1)]
        by = None
        pattern = (
            rf"\b{document}\s+(?:by|from)\s+((?:the\s+)?[A-Z][\w’'\-]*(?:\s+(?:of\s+)?[A-Z][\w’'\-]*)*)"
            # "The Coastal Safety Inspectorate’s 84-page report"
            rf"|\b((?:[A-Z][\w\-]*\s+){{0,4}}[A-Z][\w\-]*)[’']s\s+(?:(?:own|new|latest|final|annual|[\w\-]*\d[\w\-]*|[a-z]+-page)\s+){{0,2}}{document}\b"
            # "The bank said in a regulatory filing"
            rf"|(?:^|(?<=[.!?]\s)|(?<=\n))((?:[Tt]he\s+[a-z]+|(?:[A-Z][\w\-]*\s+){{0,4}}[A-Z][\w\-]*))\s+"
            rf"(?:said|says|wrote|announced|disclosed|confirmed)\s+(?:on\s+\w+\s+)?in\s+(?:an?|its|the)\s+(?:[\w\-]+\s+){{0,2}}{document}\b"
        )
        base = max(0, pos - 3000)
        for by in re.finditer(pattern, self.text[base:pos]):
            pass
        if by and by.group(3) and by.group(3).split()[0].lower() == "the":
            return self._description(by.group(3), base + by.start(3))
        if by:
            return self.canonical(by.group(1) or by.group(2) or by.group(3), "ORG")
        if by_only:
            return None
        mentions = [m for m in re.finditer(rf"\b{document}\b", self.text[lo:pos], re.I) if not self._in_quote(lo + m.start())]
        for m in reversed(mentions):
            at = lo + m.start()
            if pos - at < len(document) + 6:
                continue  # the mention being resolved
            start = self._sentence_start(at, self.para_starts[bisect_right(self.para_starts, at) - 1])
            masked = self._mask(self.text[start:at])
            found = self._candidates(start, at, masked)
            cands = [c for c in found if c.kind in ("PERSON", "ORG")] or [c for c in found if c.kind == "NAME"]
            if cands:
                return self._value(cands[0])
        return None

    def _named_after_lede(self, pos: int) -> str | None:
        """The person whose name opens the paragraph after the story's first sentence-like
        paragraph, when `pos` is in that first paragraph."""
        para = bisect_right(self.para_starts, pos) - 1
        if para < 0 or len(self.text[self.para_starts[para] : pos].split()) > 6:
            return None  # not the paragraph's subject: "... sentenced by a judge who called"
        for k in range(para):
            p = self.paragraphs[k]
            body = self.text[p.start : p.end].rstrip()
            if len(body.split()) >= 12 and re.search(r"[.!?…][”’\"']?$", body):
                return None  # the story began before this paragraph
        if para + 1 >= len(self.paragraphs):
            return None
        nxt = self.paragraphs[para + 1]
        opening = re.match(r"((?:[A-Z][\w’'\-]+\s+){1,3}?[A-Z][\w’'\-]+),\s+(?:\d{1,3},|who\b|an?\b|the\b)", self.text[nxt.start : nxt.start + 80])
        if not opening:
            return None
        return self._person_name(nxt.start, opening.group(1))

    def _earlier_description(self, head: str, desc: str, pos: int) -> str | None:
        for m in reversed(list(_DESCRIPTION.finditer(self.text, max(0, pos - 1500), pos))):
            earlier = m.group(1)
            if (
                earlier.lower() != desc.lower()
                and not self._in_quote(m.start(1))
                and re.search(rf"\b{re.escape(head)}s?\b", earlier, re.I)
                and earlier.split()[0].lower() not in ("the", "its", "their", "his", "her")
            ):
                return " ".join(self.text[m.start(1) : self._extend_description(m.end(1))].split())
        return None

    def _extend_description(self, end: int) -> int:
        """The end of a description with its place or employer: "a senior manager | at one
        of the region’s three hospital trusts", "One analyst | at a large bank in X"."""
        m = _DESCRIPTION_TAIL.match(self.text, end)
        return m.end(1) if m else end

    def _role_antecedent(
        self, head: str, pos: int, org: bool = False, forward: bool = False, qualifier: list[str] | None = None
    ) -> str | None:
        """The person (or, with `org`, the organisation) the article introduced with this
        role before `pos` (with `forward`, first after it): "Calvera's transport minister,
        Julio Santamaría", "Gov. Raymond Ashdown", "Rafael Quintero-Abbas, an atmospheric
        chemist at ...", "manager Stevie Larkin", "Save Orchard Street, a residents' group"."""
        abbr = _ROLE_ABBREVIATIONS.get(head)
        heads = "|".join(re.escape(h) for h in (head, _ROLE_SYNONYMS.get(head)) if h)
        pattern = re.compile(rf"(?i:\b(?:{heads})s?\b)" + (rf"|\b{abbr}\." if abbr else ""))
        if forward:
            matches = list(pattern.finditer(self.text, pos + len(head) + 1))[:12]
        else:
            lo = max(0, pos - 4000)
            matches = list(reversed(list(pattern.finditer(self.text, lo, pos))))
        for m in matches:
            a, b = m.start(), m.end()
            if self._in_quote(a) or re.search(r"\b(?:deputy|vice|former|assistant|shadow|acting|ex)[\s-]+$", self.text[max(0, a - 12) : a], re.I):
                continue  # "deputy governor Rupert Anand" is not "the governor"
            if qualifier:
                lead = re.split(r"[.,;:!?\n]", self.text[max(0, a - 50) : a])[-1].split()
                if not set(qualifier) <= set(lead):
                    continue  # "the Harwick manager" is not "Dunmore manager Gary Pollock"
            after = re.match(r",?\s+((?:[A-Z][\w’'\-]+\s+){0,2}[A-Z][\w’'\-]+)", self.text[b : b + 80])
            if after and not org:
                name = self._person_name(b + after.start(1), after.group(1))
                if name:
                    return name
            lo2 = max(0, a - 160)
            before = re.search(
                r"((?:[A-Z][\w’'\-&]+\s+){0,3}[A-Z][\w’'\-]+),\s+(?:\d{1,3},\s+)?(?:an?|the|its|his|her|their)\s+"
                r"(?:[\w’'\-]+\s+){0,5}$",
                self.text[lo2:a],
            )
            if before:
                if org:
                    name = self._org_name(lo2 + before.start(1), before.group(1))
                else:
                    name = self._person_name(lo2 + before.start(1), before.group(1))
                if name:
                    return name
        return None

    def _org_name(self, start: int, raw: str) -> str | None:
        if raw.split()[0].lower() in _NOT_NAME_START:
            return None
        labels = {e.label for e in self._ents_in(start - 1, start + len(raw) + 1)}
        if "PERSON" in labels and not _ORG_SHAPE.search(raw):
            return None
        return self.canonical(raw, "ORG")

    def _person_name(self, start: int, raw: str) -> str | None:
        """`raw` (at `start`) as a person's canonical name, or None when it is not one."""
        words = raw.split()
        while len(words) > 1 and words[0].lower().rstrip(".") in _TITLE_WORDS | {"dr", "mr", "mrs", "ms", "prof"}:
            start = self.text.find(words[1], start + len(words[0]))
            words = words[1:]  # "Dame Helena Strand"
        raw = " ".join(words)
        if words[0].lower() in _NOT_NAME_START or words[0].lower() in _TITLE_WORDS:
            return None
        labels = {e.label for e in self._ents_in(start - 1, start + len(raw) + 1)}
        if "PERSON" in labels or raw in self.persons or words[-1] in self.persons:
            return self.canonical(raw, "PERSON")
        if labels - {"PERSON"} or len(words) < 2:
            return None
        return self.canonical(raw, "NAME")

    def _org_with(self, head: str, pos: int) -> str | None:
        """The last organisation before `pos` whose name holds `head` ("Harbourline Bank")."""
        if head in ("county", "city", "state", "country", "province"):
            return None
        for i in range(bisect_right(self.ent_starts, pos) - 1, -1, -1):
            e = self.ents[i]
            if e.label == "ORG" and e.end <= pos and re.search(rf"\b{re.escape(head)}\b", e.text, re.I):
                return self.canonical(e.text, "ORG")
        return None

    def _last_org(self, pos: int, head: str | None = None) -> str | None:
        named = self._org_with(head, pos) if head else None
        if named:
            return named
        if head in _BUSINESS:
            return self.main_company(pos)
        for i in range(bisect_right(self.ent_starts, pos) - 1, -1, -1):
            e = self.ents[i]
            if e.end > pos or self._newsroom(e.start):
                continue  # "an email seen by Reuters": the newsroom, not the company
            if head in ("county", "city", "state", "country", "province"):
                if e.label in ("GPE", "ORG") and e.text.lower().endswith(head):
                    return e.text
                continue
            if head in ("government", "administration") and not re.search(r"\b(?:Government|Administration|Executive|Cabinet)\b", e.text):
                continue  # "The government said" is not the shop or town named before
            if e.label == "ORG":
                return self.canonical(e.text, "ORG")
        return None

    def _opening_org(self, pos: int) -> str | None:
        """The organisation or country that opens the sentence of `pos` or the one before
        it in the paragraph: "Osterland's foreign ministry summoned Varnia's ambassador. In a
        statement, it called ..." is Osterland's, not Varnia."""
        para = self.para_starts[bisect_right(self.para_starts, pos) - 1]
        start = self._sentence_start(pos, para)
        starts = [start, self._sentence_start(start - 1, para)] if start > para else [start]
        for s in starts:
            s += len(self.text[s:pos]) - len(self.text[s:pos].lstrip())
            dateline = re.match(_DATELINE, self.text[s:pos])
            if dateline:
                s += dateline.end()  # "LONDON (Castwire) - Britain's water regulator ..."
            e = next(iter(self._ents_in(s, s + 40)), None)  # the sentence's first name
            if e is not None and e.start - s <= 4 and e.label in ("ORG", "GPE") and not self._in_quote(e.start):
                owned = _OWNED_ORG.match(self.text, e.end, e.end + 60)
                if owned:
                    # "Britain's water regulator ... for what it called": the regulator.
                    return " ".join(self.text[e.start : owned.end()].split())
                return self.canonical(e.text, "ORG")
        return None

    def _newsroom(self, pos: int) -> bool:
        """The name at `pos` is spoken to or saw a document ("told Reuters", "an email
        seen by Reuters"): the newsroom, not a party to the story."""
        return self._spoken_to(pos) or re.search(r"\b(?:seen|reviewed|obtained|verified)\s+by\s+$", self.text[max(0, pos - 16) : pos]) is not None

    def main_company(self, pos: int) -> str | None:
        """What "the company" or "the firm" means at `pos`: of the organisations named
        before it that are not public bodies (an inspectorate, a council, a court), the
        one the text names most often; on a tie, one whose name ends like a company's
        ("Brightwell Foods, the maker of Crumbly biscuits"), else the latest."""
        names: list[tuple[int, str]] = []
        for e in self.ents:
            if e.end > pos:
                break
            if e.label == "ORG" and not _PUBLIC_BODY.search(e.text) and not self._newsroom(e.start):
                names.append((e.start, self.canonical(e.text, "ORG")))
        if not names:
            return None
        # "Skerry" counts for "Skerry Aerospace": a shorter form counts for the longer name.
        forms = {n for _, n in names if n}
        # (A name may end in a mark, "Smith & Co.": look around it, not for \b.)
        full = {n: max((f for f in forms if f == n or re.search(rf"(?<!\w){re.escape(n)}(?!\w)", f)), key=len) for n in forms}
        count: dict[str, int] = {}
        latest: dict[str, int] = {}
        for start, n in names:
            if n:
                count[full[n]] = count.get(full[n], 0) + 1
                latest[full[n]] = start
        return max(count, key=lambda n: (count[n], org_like(n), latest[n]))

    def resolve_pronoun(self, pos: int, pronoun: str = "he") -> str | None:
        """The most recent person (or, for "it", organisation) named before `pos`, outside
        quotations, whose gender (when it can be told) agrees with the pronoun. People are
        introduced by their full names, so a name known only as one word (often a place
        the model took for a person) is the last resort."""
        if pronoun == "it":
            return self._opening_org(pos) or self._last_org(pos)
        want = {"he": "m", "she": "f"}.get(pronoun)
        if want:
            described = self._described_speaker(pos) or self._indefinite_subject(pos)
            if described and self.gender(described) in (None, want):
                return described

        def agrees(name: str) -> bool:
            return want is None or self.gender(name) in (None, want)

        last = bisect_right(self.ent_starts, pos) - 1
        best: tuple[int, str] | None = None
        fallback = None
        for i in range(last, -1, -1):
            e = self.ents[i]
            if (
                e.label == "PERSON"
                and e.end <= pos
                and not re.match(r"[’']s\b", self.text[e.end : e.end + 2])
                # "grew up four miles from Mill Lane": a place the model took for a person
                and not re.search(r"(?:\b(?:(?:miles|metres|meters|yards|away|far|down|up) from|in|at|near|outside|inside|into|(?:village|town|city|hamlet|county|parish|suburb|island) of)|,\s+from)\s+$", self.text[max(0, e.start - 14) : e.start])
            ):
                name = self.canonical(e.text)
                if not agrees(name):
                    continue
                if " " in name:
                    best = (e.start, name)
                    break
                if fallback is None and want and gender_of_given_name(name) == want and self.gender(name) == want:
                    # "Mr Hartigan's widow, Claire, said ... “...,” she said": a given name
                    # alone, but plainly the one meant.
                    best = (e.start, name)
                    break
                fallback = fallback or name
        k = bisect_left(self.mentions, (pos,))  # mentions before pos: self.mentions[:k]
        for j in range(k - 1, max(-1, k - 40), -1):
            latest, _, name = self.mentions[j]
            if best is not None and latest <= best[0]:
                break
            first = bisect_left(self.mentions, (latest,))  # the first one at that position
            name = self.mentions[first][2]
            if agrees(name):
                best = (latest, name)
                break
        if best is not None:
            best = self._sentence_subject(best, pos, agrees)
        k = bisect_left(self.subjects, (pos,))
        para = bisect_right(self.para_starts, pos) - 1
        for j in range(k - 1, max(-1, k - 6), -1):
            # The subject of a speech verb (reported speech included) when no one is
            # named after that verb: "Eli Brannigan, 13, an eighth grader at Alder Falls
            # Middle, told the board ... “...,” he said" is Brannigan, not the school.
            spos, sname = self.subjects[j]
            # A person named after the verb in the same sentence is what was said about
            # ("Lowe said Cotter had shown ... “...,” he said": Lowe).
            later = best is not None and best[0] >= spos and self.sentence_ends(spos, best[0])
            if spos < self.para_starts[max(0, para - 1)] or later:
                break
            if agrees(sname):
                return sname
        return best[1] if best else fallback

    def _described_speaker(self, pos: int) -> str | None:
        """An unnamed source who spoke in the sentence before, in the same paragraph, with
        no one named since: "A city employee who worked with Hale ... said staff had raised
        concerns. “Nobody wanted to hear it,” she said"."""
        para = bisect_right(self.para_starts, pos) - 1
        if para < 0:
            return None
        here = self._sentence_start(pos, self.para_starts[para])
        k = bisect_left(self.speech_verbs, (here,))
        if not k:
            return None
        verb, lo = self.speech_verbs[k - 1]
        if lo < self.para_starts[para]:
            return None
        opening = _DESCRIPTION.match(self.text, lo + len(self.text[lo:verb]) - len(self.text[lo:verb].lstrip()))
        if not opening or opening.group(1).split()[0].lower() not in ("a", "an", "one"):
            return None
        if any(e.label == "PERSON" and not self._in_quote(e.start) for e in self._ents_in(verb, pos)):
            return None
        end = min(self._extend_description(opening.end(1)), verb)
        while end > opening.end(1) and self.text[end - 1] in " ,":
            end -= 1
        named = re.match(r",\s+", self.text[end : end + 3])
        if named and any(e.label == "PERSON" and e.start == end + named.end() for e in self._ents_in(end, end + 40)):
            return None  # "A youth activist from Kenya, Wanjiru Kamau, 19, said": named
        return " ".join(self.text[opening.start(1) : end].split())

    def _indefinite_subject(self, pos: int) -> str | None:
        """The unnamed person who opens the sentence `pos` is in, with no one named before
        `pos`: "A councillor in Easthorpe has been suspended by his party after he
        described ..." (the one the next paragraph names, when the story does)."""
        para = bisect_right(self.para_starts, pos) - 1
        if para < 0:
            return None
        here = self._sentence_start(pos, self.para_starts[para])
        opening = _DESCRIPTION.match(self.text, here + len(self.text[here:pos]) - len(self.text[here:pos].lstrip()))
        if not opening or opening.group(1).split()[0] not in ("A", "An", "One"):
            return None
        if any(e.label == "PERSON" for e in self._ents_in(here, pos)):
            return None
        end = self._extend_description(opening.end(1))
        if end > pos:
            return None
        return self._description(" ".join(self.text[opening.start(1) : end].split()), opening.start(1))

    def _sentence_subject(self, best: tuple[int, str], pos: int, agrees) -> tuple[int, str]:
        """The person who opens the sentence where `best` was named, when that is an
        earlier sentence than `pos`'s and they agree: "Hughes met Webb on Tuesday. “...,”
        she said" is Hughes, the sentence's subject, not Webb."""
        para = bisect_right(self.para_starts, best[0]) - 1
        start = self._sentence_start(best[0], self.para_starts[max(0, para)])
        if self._sentence_start(pos, start) == start:
            return best  # the same sentence
        opener = re.match(r"\s*(He|She)\s", self.text[start : best[0]])
        if opener:
            # "Helen Marsh said ... She met the chief executive, Sarah Quinlan. “...,” she
            # said": the sentence is about the one "She" continues, not the person she met.
            earlier = self.resolve_pronoun(start, opener.group(1).lower())
            if earlier and earlier != best[1] and agrees(earlier):
                return start, earlier
        for e in self._ents_in(start, best[0]):
            lead = self.text[start : e.start].split()
            if e.label != "PERSON" or " " not in self.canonical(e.text) or len(lead) > 4 or re.match(r"[’']s\b", self.text[e.end : e.end + 2]) or not all(
                (w[:1].isupper() and w.lower() not in _NOT_SUBJECT_LEAD) or w in _PERSON_ROLES or w in ("the", "a", "an")
                for w in lead
            ):
                continue  # not the sentence's subject: "Asked whether Councilmember Janelle Osei ..."
            name = self.canonical(e.text)
            if name != best[1] and agrees(name) and not self._in_quote(e.start):
                return e.start, name
        return best

    def gender(self, name: str) -> str | None:
        """'f', 'm' or None: from the given name, a title ("Ms Farraday") or a role
        beside the name ("spokeswoman Tamika Rowe", "His mother, Lucía Prieto,")."""
        if name in self._gender:
            return self._gender[name]
        kin = re.match(r"(?:his|her|their|the|an?|one)\s+(?:[\w\-]+\s+){0,3}?([a-z]+)(?:\s+(?:of|who|from|in|at|with|on)\b|$)", name, re.I)
        if kin:  # "His daughter", "a woman who attended": the noun tells, or nothing does
            self._gender[name] = NOUN_GENDER.get(kin.group(1).lower())
            return self._gender[name]
        g = gender_of_given_name(name)
        if g is None and name.split():
            surname = re.escape(name.split()[-1])
            if re.search(rf"\b(?:Mr|Sir|Lord|Mister)\.?\s+{surname}\b", self.text):
                g = "m"
            elif re.search(rf"\b(?:Mrs|Ms|Miss|Dame|Lady|Madam)\.?\s+{surname}\b", self.text):
                g = "f"
            else:
                near = re.search(
                    rf"\b(spokes(?:wo)?man|chair(?:wo)?man|(?:business|congress)(?:wo)?man|mother|wife|daughter|"
                    rf"sister|grandmother|actress|father|husband|son|brother|grandfather|actor)\b,?\s+{re.escape(name)}\b"
                    rf"|{re.escape(name)},\s+(?:\d{{1,3}},\s+)?(?:an?|the|his|her)\s+(?:[\w’'\-]+\s+){{0,3}}?"
                    rf"(spokes(?:wo)?man|chair(?:wo)?man|mother|wife|daughter|sister|actress|father|husband|son|brother|actor)\b",
                    self.text,
                    re.I,
                )
                if near:
                    word = (near.group(1) or near.group(2)).lower()
                    female = ("woman", "mother", "wife", "daughter", "sister", "actress")
                    g = "f" if any(w in word for w in female) else "m"
                else:
                    g = self._pronoun_gender(name)
        self._gender[name] = g
        return g

    def _pronoun_gender(self, name: str) -> str | None:
        """The gender the article's own pronouns give a name missing from the lists: "he",
        "his" or "she", "her" later in a sentence that names this person and no one else
        ("Okonkwo-Brandt said her office had ..."), or opening the next sentence of the
        paragraph ("Tavish Quill runs the ferry. He has ...")."""
        surname = name.split()[-1]
        votes = {"m": 0, "f": 0}
        for m in re.finditer(rf"(?<![\w’'])({re.escape(surname)})\b", self.text):
            if self._in_quote(m.start()):
                continue
            para = bisect_right(self.para_starts, m.start()) - 1
            p_end = self.paragraphs[para].end if para >= 0 else len(self.text)
            start = self._sentence_start(m.start(), self.para_starts[para] if para >= 0 else 0)
            ends = self.sentence_ends(m.end(), p_end)
            end = ends[0] if ends else p_end
            after = ends[1] if len(ends) > 1 else p_end
            others = [
                e for e in self._ents_in(start, after)
                if e.label == "PERSON" and self.canonical(e.text) != name
            ]
            if others:
                continue  # someone else is in reach of the pronoun
            tail = re.split(r"[“\"‘]", self.text[m.end() : end], maxsplit=1)[0]  # up to a quotation
            words = re.findall(r"\b(?:he|his|him|himself|she|her|hers|herself)\b", tail.lower())
            opener = re.match(r"\s*(He|She)\s", self.text[end:after]) if end < p_end else None
            if opener:
                words.append(opener.group(1).lower())
            for word in words:
                votes["f" if word.startswith(("she", "her")) else "m"] += 1
        if votes["m"] > 2 * votes["f"]:
            return "m"
        if votes["f"] > 2 * votes["m"]:
            return "f"
        return None
