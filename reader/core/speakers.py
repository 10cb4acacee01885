"""Who said it: speakers and cue verbs for quotations, by rules over text and entities.

The speaker is the canonical name as the article gives it in its fullest form ("he" and
"Stoltenberg" both become "Jens Stoltenberg"), a description for unnamed sources ("a
Ukrainian military official"), an organisation where an organisation speaks, or None.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from dataclasses import dataclass

from reader.core.entities import org_like
from reader.core.given_names import gender_of_given_name
from reader.core.models import QUOTE, Span
from reader.core.passages import hide_abbreviation_dots, is_abbreviation
from reader.core.quotes import Intervals, RawQuote

from reader.core.speech_lexicon import (  # noqa: F401
    CUE_LEMMA,
    PRONOUNS,
    ROLE_NOUNS,
    _ACCORDING,
    _BARE_DESCRIPTION,
    _BASE_FORM_OK,
    _CLAUSE_BREAK,
    _CUE_FORMS,
    _CUE_RE,
    _DESCRIPTION,
    _FILLER,
    _INTRO,
    _MASKS,
    _NAME_CANDIDATE,
    _NOT_NAME_START,
    _ORG_NOUNS,
    _PASSIVE_AUX,
    _PERSON_HEADS,
    _PERSON_ROLES,
    _ROLE_ABBREVIATIONS,
    _SENT_END,
    _SPEAKER_LABELS,
    _SPLIT_ATTRIBUTION,
    _SUBJECT_LIKE,
    _SUBORDINATE,
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
    r"\b((?:(?!(?:the|a|an|of|to|for|with|what|which|that|who|whom|and|or|but|as|by|from|on|in|at)\b)[a-z]+\s+)?"
    r"(?:" + ROLE_NOUNS + r"))\s*$"
)


_CALLED = re.compile(
    r"\b(what|which|as|whom|that|its|their|his|her)\s+((?:(?!(?:is|are|was|were|has|have|had|the|a|an)\b)[\w’'\-]+\s+){0,3}?[\w’'\-]+)\s+"
    r"(?:(?:\w+ly|have|has|had|would|often|sometimes|now|once|later|like\s+to|love\s+to|prefer\s+to|tend\s+to|used\s+to)\s+)?"
    r"(called|calls|call|described|describes|describe|dubbed|dubs|termed|terms|labelled|labeled|branded|brands)"
    r"(?:\s+(?:as|it|them|him|her|this|that|the|an?|its|their))*\s*$"
)


_DESCRIPTION_TAIL = re.compile(
    r"((?:\s+in\s+[A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-]+){0,2}|\s+(?:at|of|from|with|for)\s+(?:(?!(?:said|says|told|who|which|that)\b)[\w’'\-&]+\s+){0,7}?"
    r"(?!(?:said|says|told|who|which|that)\b)[\w’'\-&]+))(?=\s*,|\s+(?:said|says|told|who)\b)"
)
_NOT_A_SPEAKER = {"report", "study", "data", "figures", "survey", "poll", "filing", "document", "documents", "minutes", "analysis", "review", "it", "this", "that", "plan", "bill", "law", "rule", "move", "decision", "deal", "agreement", "proposal"}
_DOCUMENTS = {"statement", "letter", "memo", "post", "email", "report", "study", "review", "ruling", "filing", "complaint"}
_ORG_SHAPE = re.compile(r"\b(?:Street|Group|Line|Inc|Ltd|Co|Corp|Union|Association|Party|Council|Board|Campaign|Coalition|Trust)\b")


def _clean_name(name: str) -> str:
    name = re.sub(r"[’']s?$", "", name.strip()) if re.search(r"[’']s?$", name.strip()) else name.strip()
    words = name.split()
    while len(words) > 1 and (words[0].lower() in _TITLE_WORDS or words[0].lower() in _ORG_NOUNS):
        words = words[1:]
    out = " ".join(words).strip(" ,;:")
    if out.endswith(".") and out.count(".") == 1:
        out = out[:-1]
    return out


def _acronym(name: str) -> str:
    words = [w for w in re.findall(r"[A-Za-z][\w\-]*", name) if w.lower() not in ("and", "of", "the", "for", "&")]
    return "".join(w[0] for w in words).upper()


class SpeakerResolver:
    """Speakers for the quotations of one article."""

    def __init__(self, text: str, entities: list[Span], quotes: list[RawQuote], paragraphs: list[Span]):
        self.text = text
        self.quotes = quotes
        self.paragraphs = paragraphs
        self.quoted = Intervals((q.start, q.end) for q in quotes)
        ents = [
            _Ent(e.start, e.end, e.label, _clean_name(text[e.start : e.end]))
            for e in entities
            if e.label in _SPEAKER_LABELS and not self._in_quote(e.start)
        ]
        self.ents = [e for e in ents if e.text]
        self.ent_starts = [e.start for e in self.ents]
        self.persons: dict[str, str] = {}  # a name's forms (full, last word) -> fullest form
        self.long_orgs: dict[str, str] = {}  # acronym -> spelled-out organisation
        # People found as subjects the model missed: (position, order added, name), sorted.
        self.mentions: list[tuple[int, int, str]] = []
        self._full_cache: dict[str, str | None] = {}
        self._gender: dict[str, str | None] = {}
        self._current_prev_speaker: str | None = None
        self.person_speakers: list[tuple[int, str]] = []  # (quotation start, person), in order
        self.para_starts = [p.start for p in paragraphs]
        self.subjects: list[tuple[int, str]] = []  # (speech verb, the person who is its subject)
        self._build_canonical()
        self._find_speaking_subjects()

    # ------------------------------------------------------------ names

    def _in_quote(self, pos: int) -> bool:
        return pos in self.quoted

    def _build_canonical(self) -> None:
        # Fullest forms first; among equally long ones, the one the article names first
        # (a set here would make the choice depend on the process's hash seed).
        forms = sorted(dict.fromkeys(e.text for e in self.ents if e.label == "PERSON"), key=lambda s: -len(s.split()))
        for form in forms:
            self._add_person(form)
        for e in self.ents:
            if e.label == "ORG" and len(e.text.split()) >= 2:
                self.long_orgs.setdefault(_acronym(e.text), e.text)

    def _find_speaking_subjects(self) -> None:
        """Names that stand as the subject of a speech verb anywhere in the text ("A youth
        activist from Kenya, Wanjiru Kamau, 19, said she...") are people, even when the
        model missed them; pronouns later may refer to them."""
        found: list[tuple[int, str]] = []
        for para in self.paragraphs:
            for m in _CUE_RE.finditer(self.text, para.start, para.end):
                if self._in_quote(m.start()) or m.group(1).endswith("ing"):
                    continue
                lo = self._sentence_start(m.start(), para.start)
                if m.start() - lo > 200:
                    continue
                masked = self._mask(self.text[lo : m.start()])
                cands = [c for c in self._candidates(lo, m.start(), masked) if c.kind in ("NAME", "GPE", "ORG")]
                if cands and m.start() - cands[-1].end <= 40:
                    raw = _clean_name(self.text[cands[-1].start : cands[-1].end])
                    words = raw.split()
                    if cands[-1].kind == "NAME" or (
                        len(words) == 2 and all(w[:1].isupper() and w[1:].islower() for w in words)
                        and m.start() - cands[-1].end <= 12 and "," in self.text[cands[-1].end : m.start()] + ","
                    ):
                        if len(words) >= 2 and cands[-1].kind != "ORG":
                            found.append((cands[-1].start, raw))
                            self._add_person(raw)
        for m in re.finditer(r"(?<![\w’'])([A-Z][\w’'\-]+)\b", self.text):
            if m.group(1) in self.persons and not self._in_quote(m.start()):
                full = self.persons[m.group(1)]
                given = re.search(r"([A-Z][\w’'\-]+)[ \u00a0]+$", self.text[max(0, m.start() - 30) : m.start()])
                if given and f"{given.group(1)} {m.group(1)}" in self.persons:
                    continue  # "Lucía Prieto" is not "Mateo Prieto"; her own mention counts
                if " " in full:
                    found.append((m.start(), full))
        self.mentions = [(pos, n, name) for n, (pos, name) in enumerate(sorted(found))]

    def _add_person(self, form: str) -> None:
        if org_like(form):
            return  # "Save Orchard Street, a residents' group, said": not a person
        words = form.split()
        for key in (form, words[-1]):
            current = self.persons.get(key)
            if current is None or len(current.split()) < len(words):
                self.persons[key] = form

    def canonical(self, name: str, label: str = "PERSON") -> str:
        name = _clean_name(name)
        if not name:
            return name
        if label == "ORG" or (name.isupper() and 2 <= len(name) <= 6):
            long = self.long_orgs.get(name.replace(".", ""))
            if long:
                return long
        if label in ("PERSON", "NAME") or name in self.persons or name.split()[-1] in self.persons:
            full = self.persons.get(name) or self.persons.get(name.split()[-1])
            if full and set(name.split()) <= set(full.split()):
                return full
        if label in ("PERSON", "NAME", "GPE", "ORG", "NORP") and " " not in name:
            full = self._full_form(name)
            if full:
                return full
        return name

    def _full_form(self, surname: str) -> str | None:
        """"Alvarado" -> "Sofia Alvarado": the first place the text names them in full."""
        if surname not in self._full_cache:
            found = None
            for m in re.finditer(r"(?<![\w’'])((?:[A-Z][a-z’'\-]+[ \u00a0]+){1,2})" + re.escape(surname) + r"\b", self.text):
                first = m.group(1).split()[0]
                if not self._in_quote(m.start()) and first.lower() not in _NOT_NAME_START and first.lower() not in _TITLE_WORDS and first.lower() not in CUE_LEMMA:
                    found = _clean_name(m.group(0))
                    break
            self._full_cache[surname] = found
        return self._full_cache[surname]

    # ------------------------------------------------------------ sentences

    def sentence_ends(self, lo: int, hi: int) -> list[int]:
        """Offsets just past each sentence end in [lo, hi), outside quotations, not after
        abbreviations ("Dr.", "U.S.") or initials."""
        out = []
        for m in _SENT_END.finditer(self.text, lo, min(len(self.text), hi + 3)):
            if m.start() >= hi:
                break
            if self._in_quote(m.start()) and self.text[m.start() + 1 : m.start() + 2] not in ("”", '"', "’"):
                continue
            if self.text[m.start()] == ".":
                word = re.search(r"([\w.]+)$", self.text[max(lo, m.start() - 12) : m.start()])
                if word and is_abbreviation(word.group(1)):
                    continue
            out.append(m.end())
        return out

    def _sentence_start(self, pos: int, floor: int) -> int:
        ends = self.sentence_ends(floor, pos)
        return ends[-1] if ends else floor

    # ------------------------------------------------------------ subjects

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
            if first in _NOT_NAME_START or any(x < b and a < y for x, y in taken):
                continue
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
        for m in _DESCRIPTION.finditer(masked):
            a, b = start + m.start(1), start + m.end(1)
            b = min(end, self._extend_description(b))  # "One analyst at a large bank in X"
            if any(c.kind == "DESC" and c.start <= a and b <= c.end for c in cands):
                continue  # "a large bank" inside "One analyst at a large bank in X"
            inner = [c for c in cands if a <= c.start and c.end <= b + 1]
            # "the Russian Defense Ministry": an organisation that heads the phrase.
            if any(c.kind == "ORG" and c.start < b and a < c.end and c.end >= b - 1 for c in cands):
                continue
            # A full name inside stays ("the ... of Maria Lopez"); one word ("The Ossara royal
            # court") is an adjective or a place the model took for a person.
            cands = [c for c in cands if c not in inner or (c.kind == "PERSON" and " " in self.text[c.start : c.end].strip())]
            cands.append(_Cand(a, b, "DESC", None))
        if not any(c.kind == "DESC" for c in cands):
            for m in _BARE_DESCRIPTION.finditer(masked):
                a, b = start + m.start(1), start + m.end(1)
                if not any(c.start < b and a < c.end and c.kind in ("PERSON", "NAME", "ORG") and c.end >= b - 1 for c in cands):
                    cands = [c for c in cands if not (a <= c.start and c.end <= b)]
                    cands.append(_Cand(a, b, "DESC", None))
        for m in re.finditer(r"\b(he|she|it)\b", masked, re.I):
            cands.append(_Cand(start + m.start(), start + m.end(), "PRON", m.group(1).lower()))
        for m in re.finditer(r"\bone of them\b", masked, re.I):
            cands.append(_Cand(start + m.start(), start + m.end(), "ONEOF", None))
        # The person spoken to is not the speaker: "told the Courier", "said to Reuters".
        cands = [c for c in cands if not self._spoken_to(c.start)]
        cands.sort(key=lambda c: c.start)
        return cands

    def _value(self, c: _Cand) -> str | None:
        raw = self.text[c.start : c.end]
        if c.kind == "PRON":
            return self.resolve_pronoun(c.start, c.value or "he")
        if c.kind == "ONEOF":
            for m in reversed(list(_DESCRIPTION.finditer(self.text, max(0, c.start - 600), c.start))):
                plural = re.search(r"\b(people|\w+s)\b(?!.*\b(?:people|\w+s)\b)", m.group(1))
                if not plural or self._in_quote(m.start(1)):
                    continue
                # "two former members of the admissions staff ... one of them said"
                desc = self.text[m.start(1) : self._extend_description(m.end(1))]
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

    def _description(self, desc: str, pos: int) -> str | None:
        words = desc.split()
        head = words[-1].lower()
        first = words[0].lower()
        if head == "statement" and first != "the":
            return None  # "in a statement posted ...": not who speaks
        poss = re.match(r"the (\w+)[’']s\b", desc, re.I)
        if poss and poss.group(1).lower() in _ORG_NOUNS:  # "the museum’s board"
            org = self._last_org(pos)
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
        definite = first in ("the", "its", "their")
        if definite and 2 <= len(words) <= 3 and head.isalpha():
            # "the minister" -> "Julio Santamaría"; "the group" -> "Save Orchard Street"
            named = self._role_antecedent(head, pos, org=head in _ORG_NOUNS)
            if named:
                return named
            if len(words) == 2 and first == "the" and head in _ORG_NOUNS:
                owned = None
                for owned in re.finditer(rf"\b([A-Z][\w\-]+[’']s\s+(?:[a-z][\w\-]+\s+){{0,2}}{re.escape(head)})\b", self.text[max(0, pos - 2000) : pos]):
                    pass
                if owned:  # "the ministry" after "Kestria's foreign ministry"
                    return owned.group(1)
            if len(words) == 2 and first == "the" and head not in _DOCUMENTS:
                earlier = self._earlier_description(head, desc, pos)  # "the manager": "a senior manager at ..."
                if earlier:
                    return earlier
            governed = re.search(r"\b(?:from|of|to|by|with|for|at|in|on|about|than)\s+$", self.text[max(0, pos - 12) : pos])
            if len(words) == 2 and first == "the" and head in _PERSON_ROLES and self.person_speakers and not governed:
                # "The manager said" with no manager named before: the person last quoted.
                # Only right after that person's quotation (this paragraph or the one before).
                k = bisect_left(self.person_speakers, (pos,))
                para = bisect_right(self.para_starts, pos) - 1
                if k and self.person_speakers[k - 1][0] >= self.para_starts[max(0, para - 1)]:
                    return self.person_speakers[k - 1][1]
        if len(words) <= 3 and head in _PERSON_ROLES and first in ("its", "their", "a", "an"):
            # "its governor said", "a judge who called": the one the article names later.
            named = self._role_antecedent(head, pos, forward=True)
            if named:
                return named
        if head == "statement" or (len(words) == 2 and head in ("letter", "memo", "post", "email")):
            return self._current_prev_speaker
        if len(words) == 2 and first in ("the", "its") and (head in _ORG_NOUNS or first == "its"):
            org = self._last_org(pos, head if first == "the" else None)
            if org:
                return org if first == "the" else f"{org} {words[-1]}"
        return " ".join(words)

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

    def _role_antecedent(self, head: str, pos: int, org: bool = False, forward: bool = False) -> str | None:
        """The person (or, with `org`, the organisation) the article introduced with this
        role before `pos` (with `forward`, first after it): "Calvera's transport minister,
        Julio Santamaría", "Gov. Raymond Ashdown", "Rafael Quintero-Abbas, an atmospheric
        chemist at ...", "manager Stevie Larkin", "Save Orchard Street, a residents' group"."""
        abbr = _ROLE_ABBREVIATIONS.get(head)
        pattern = re.compile(rf"(?i:\b{re.escape(head)}s?\b)" + (rf"|\b{abbr}\." if abbr else ""))
        if forward:
            matches = list(pattern.finditer(self.text, pos + len(head) + 1))[:12]
        else:
            lo = max(0, pos - 4000)
            matches = list(reversed(list(pattern.finditer(self.text, lo, pos))))
        for m in matches:
            a, b = m.start(), m.end()
            if self._in_quote(a) or re.search(r"\b(?:deputy|vice|former|assistant|shadow|acting|ex)[\s-]+$", self.text[max(0, a - 12) : a], re.I):
                continue  # "deputy governor Rupert Anand" is not "the governor"
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

    def _last_org(self, pos: int, head: str | None = None) -> str | None:
        if head and head not in ("county", "city", "state", "country", "province"):
            for i in range(bisect_right(self.ent_starts, pos) - 1, -1, -1):
                e = self.ents[i]
                if e.label == "ORG" and e.end <= pos and re.search(rf"\b{re.escape(head)}\b", e.text, re.I):
                    return self.canonical(e.text, "ORG")
        for i in range(bisect_right(self.ent_starts, pos) - 1, -1, -1):
            e = self.ents[i]
            if e.end > pos or self._spoken_to(e.start):
                continue
            if head in ("county", "city", "state", "country", "province"):
                if e.label in ("GPE", "ORG") and e.text.lower().endswith(head):
                    return e.text
                continue
            if e.label == "ORG":
                return self.canonical(e.text, "ORG")
        return None

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
        if not cands:
            some = re.fullmatch(
                r"\s*(?:one,\s+)?((?:[Tt]he|[Aa]n?|[Oo]ne|[Aa]nother)\s+(?:[a-z][\w’'\-]*\s+){0,2}[a-z][\w’'\-]+)\s*",
                _FILLER.sub("", masked.rstrip(" ,")) if not verb_first else chunk.rstrip(" ,"),
            )
            if some and some.group(1).split()[-1].lower() not in _NOT_A_SPEAKER:
                return self._description(some.group(1), start + some.start(1))  # "One guard, who ..., said"
        if not cands and not verb_first:
            lone = re.fullmatch(r"\s*([A-Z][a-z][\w’'\-]+)\s*", masked)
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
                if c.kind in ("PERSON", "NAME") and chosen.start - c.end <= 60:
                    chosen = c
                    break
        return self._value(chosen)

    def resolve_pronoun(self, pos: int, pronoun: str = "he") -> str | None:
        """The most recent person (or, for "it", organisation) named before `pos`, outside
        quotations, whose gender (when it can be told) agrees with the pronoun. People are
        introduced by their full names, so a name known only as one word (often a place
        the model took for a person) is the last resort."""
        if pronoun == "it":
            return self._last_org(pos)
        want = {"he": "m", "she": "f"}.get(pronoun)

        def agrees(name: str) -> bool:
            return want is None or self.gender(name) in (None, want)

        last = bisect_right(self.ent_starts, pos) - 1
        best: tuple[int, str] | None = None
        fallback = None
        for i in range(last, -1, -1):
            e = self.ents[i]
            if e.label == "PERSON" and e.end <= pos and not re.match(r"[’']s\b", self.text[e.end : e.end + 2]):
                name = self.canonical(e.text)
                if not agrees(name):
                    continue
                if " " in name:
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
        k = bisect_left(self.subjects, (pos,))
        para = bisect_right(self.para_starts, pos) - 1
        for j in range(k - 1, max(-1, k - 6), -1):
            # The subject of a speech verb (reported speech included) when no one is
            # named after that verb: "Eli Brannigan, 13, an eighth grader at Alder Falls
            # Middle, told the board ... “...,” he said" is Brannigan, not the school.
            spos, sname = self.subjects[j]
            if spos < self.para_starts[max(0, para - 1)] or (best is not None and best[0] >= spos):
                break
            if agrees(sname):
                return sname
        return best[1] if best else fallback

    def gender(self, name: str) -> str | None:
        """'f', 'm' or None: from the given name, a title ("Ms Farraday") or a role
        beside the name ("spokeswoman Tamika Rowe", "His mother, Lucía Prieto,")."""
        if name in self._gender:
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
        self._gender[name] = g
        return g

    def _collect_subjects(self) -> None:
        """People who stand as the subject of a speech verb, in text order."""
        for para in self.paragraphs:
            for m in _CUE_RE.finditer(self.text, para.start, para.end):
                if self._in_quote(m.start()) or m.group(1).endswith("ing"):
                    continue
                lo = self._sentence_start(m.start(), para.start)
                if m.start() - lo > 200 or _PASSIVE_AUX.search(self.text[lo : m.start()]):
                    continue
                subj = self.subject_in(lo, m.start())
                if subj and " " in subj and self.persons.get(subj.split()[-1]) == subj:
                    self.subjects.append((m.start(), subj))

    # ------------------------------------------------------------ windows

    def _after(self, q: RawQuote, ceiling: int) -> tuple[str | None, str | None] | None:
        """'..., he said' / '..., said Lavrov' / '... Putin told reporters'."""
        if q.close_mark is None:
            return None
        inner = self.text[q.start : q.end].rstrip()
        pos = q.close_mark + 1
        ends = self.sentence_ends(pos, ceiling)
        clause_end = ends[0] if ends else ceiling
        clause = self.text[pos : min(clause_end, pos + 240)]
        first_word = re.match(r"[\s,—–-]*([\w’'\-]+)", clause)
        if not first_word:
            return None
        signed = re.match(r"\s*(?:[—–―]|--?)\s*((?:[A-Z][\w’'\-\.]+\s+){0,3}[A-Z][\w’'\-]+)\s*(?:,|\.?$)", clause)
        if signed and signed.group(1).split()[0].lower() not in _NOT_NAME_START:
            return self.canonical(signed.group(1), "NAME"), None  # a pull quote: “...” — Walt Hennessy
        by = re.match(r"[\s,]*(?:\w+\s+){0,2}?by\s+", clause)
        if by and not inner.endswith(","):  # 'branded a "foreign agent" by the Russian government'
            subj = self.subject_in(pos + by.end(), pos + min(len(clause), by.end() + 60), verb_first=True)
            if subj:
                return subj, None
        cue = next((m for m in _CUE_RE.finditer(clause)), None)
        acc = _ACCORDING.search(clause)
        if acc and (cue is None or acc.start() < cue.start()):
            return self.subject_in(pos + acc.end(), pos + len(clause), verb_first=True), "according to"
        if cue is None:
            return None
        before_verb = clause[: cue.start()]
        plain = hide_abbreviation_dots(before_verb)
        if len(before_verb.split()) > 16 or re.search(r"[.!?;]", plain.strip(" ,")):
            return None
        lemma = CUE_LEMMA[cue.group(1)]
        tail = re.search(r",\s*([^,]{1,60})$", before_verb)
        if tail and not inner.endswith(",") and re.fullmatch(r"[\s\.]*", clause[cue.end() :][:2] or " "):
            # "... were “possibly related” to treatment, Halvera said."
            sub = _FILLER.sub("", tail.group(1).strip())
            if _SUBJECT_LIKE.match(sub):
                return self.subject_in(pos + tail.start(1), pos + cue.start()), lemma
        subject_text = _FILLER.sub("", _MASKS.sub("", before_verb).strip(" ,—–-"))
        ends_attribution = inner.endswith((",", "?", "!", "…", "—", "–", "-"))
        if subject_text:
            if _SUBORDINATE.search(_MASKS.sub("", subject_text)) and not _DESCRIPTION.search(subject_text):
                return None
            if not ends_attribution and not _SUBJECT_LIKE.match(subject_text):
                return None
            return self.subject_in(pos, pos + cue.start()), lemma
        if cue.group(1).endswith("ing") or not ends_attribution:
            return None  # "..., accusing Moscow of": a participle has no subject after it
        rest = clause[cue.end() :]
        # Same-length masking: `stop` indexes `rest` itself.
        stop = re.search(
            r"[;:“\"]|[.](?!\w)|\bwho\b|\bin\b|\bon\b|\bat\b|\bafter\b|\bbefore\b", hide_abbreviation_dots(rest)
        )
        span_end = cue.end() + (stop.start() if stop else min(120, len(rest)))
        return self.subject_in(pos + cue.end(), pos + span_end, verb_first=True), lemma

    def _before(self, q: RawQuote, floor: int, mark: int | None = None) -> tuple[str | None, str | None] | None:
        """'X said: “...”', 'Lavrov said possibilities for talks “are far...”',
        'Biden ..., stressing the “deep ties”'. The speaker of reported speech is the
        subject of the first speech verb of the clause that holds the quotation."""
        mark = q.open_mark if mark is None else mark
        called = _CALLED.search(self.text, max(floor, mark - 120), mark)
        if called and mark == q.open_mark and not self._in_quote(called.start()):
            # 'what pilots call "bare steerage"', 'which prosecutors called "..."'
            np = re.sub(r"^(?:one|the|an?|its|their|his|her|some|many|most)\s+", "", called.group(2), flags=re.I)
            if np.lower() in PRONOUNS:
                who = self.resolve_pronoun(called.start(2), np.lower()) if np.lower() in ("he", "she") else None
            elif np[:1].isupper():
                who = self.canonical(np, "NAME")
            else:
                who = np
            if who:
                return who, CUE_LEMMA.get(called.group(3).split()[0], "call")
        sent_start = self._sentence_start(mark, floor)
        seg_start = sent_start
        for m in _CLAUSE_BREAK.finditer(self.text, sent_start, mark):
            if not self._in_quote(m.start()):
                seg_start = m.end()
        if not any(not self._in_quote(m.start() + seg_start) for m in _CUE_RE.finditer(self.text[seg_start:mark])):
            seg_start = sent_start  # "He added that ..., but only in conjunction “with ...”"
        seg = self.text[seg_start:mark]
        acc = [m for m in _ACCORDING.finditer(seg) if not self._in_quote(seg_start + m.start())]
        cues = [m for m in _CUE_RE.finditer(seg) if not self._in_quote(seg_start + m.start())]
        if acc and (not cues or acc[-1].start() > cues[-1].start()):
            a = acc[-1]
            return self.subject_in(seg_start + a.end(), seg_start + min(len(seg), a.end() + 80), verb_first=True), "according to"
        if not cues:
            if seg.rstrip().endswith(":"):  # "Walter Brandt, put it more bluntly: “...”"
                subj = self._first_subject(seg_start, seg_start + len(seg.rstrip()) - 1)
                return (subj, None) if subj else None
            return None
        finite = [
            c
            for c in cues
            if not c.group(1).endswith("ing")
            and not _PASSIVE_AUX.search(seg[: c.start()])
            and not (mark != q.open_mark and re.search(r"\bthat\s+(?:\w+\s+){0,3}$", seg[: c.start()]))
        ]
        if mark != q.open_mark and not finite:
            subj = self._first_subject(seg_start, seg_start + len(seg.rstrip()) - 1)
            return (subj, None) if subj else None
        if not finite and any(_PASSIVE_AUX.search(seg[: c.start()]) for c in cues):
            return None  # 'branded as a "foreign agent" by ...': the speaker follows
        prev_end = 0
        for c in finite:
            rel = re.search(r",\s+(?:which|who)\s+(?:\w+\s+){0,2}$", seg[: c.start()])
            if rel and rel.start() > prev_end:
                # "according to the United Nations refugee agency, which described ...":
                # the relative clause's subject is what stands before the comma.
                lo = max(seg_start + prev_end, seg_start + rel.start() - 120)
                acc_before = list(_ACCORDING.finditer(self.text, lo, seg_start + rel.start()))
                if acc_before:
                    subj = self.subject_in(acc_before[-1].end(), seg_start + rel.start(), verb_first=True)
                else:
                    subj = self.subject_in(lo, seg_start + rel.start())
                if subj:
                    return subj, CUE_LEMMA[c.group(1)]
            subj = self.subject_in(seg_start + prev_end, seg_start + c.start())
            if subj:
                return subj, CUE_LEMMA[c.group(1)]
            prev_end = c.end()
        if finite:
            # Inverted: "said Lavrov: “...”"
            last = finite[-1]
            gap = seg[last.end() :]
            if len(gap.split()) <= 5 and "that" not in gap.split():
                subj = self.subject_in(seg_start + last.end(), mark, verb_first=True)
                if subj:
                    return subj, CUE_LEMMA[last.group(1)]
            return None
        part = cues[0]
        lead = seg[: part.start()].rstrip()
        if lead.endswith(","):
            # ", stressing ...": the participle belongs to the subject of the sentence.
            subj = self._first_subject(seg_start, seg_start + part.start())
        else:
            subj = self.subject_in(seg_start, seg_start + part.start())  # "the mayor urging them"
        return (subj, CUE_LEMMA[part.group(1)]) if subj else None

    def _first_subject(self, start: int, end: int) -> str | None:
        masked = self._mask(self.text[start:end])
        cands = [c for c in self._candidates(start, end, masked) if c.kind != "DESC" and c.value != "it"]
        people = [c for c in cands if c.kind in ("PERSON", "NAME")]
        pick = people[0] if people else (cands[0] if cands else None)
        return self._value(pick) if pick else None

    # ------------------------------------------------------------ all quotes

    def resolve(self) -> list[Span]:
        self._collect_subjects()
        spans: list[Span] = []
        prev: RawQuote | None = None
        prev_speaker: str | None = None
        prev_cue: str | None = None
        for i, q in enumerate(self.quotes):
            para = self.paragraphs[q.para]
            self._current_prev_speaker = prev_speaker if prev is not None and q.para - prev.para <= 2 else None
            nxt = self.quotes[i + 1] if i + 1 < len(self.quotes) else None
            ceiling = nxt.open_mark if nxt and nxt.para == q.para else para.end
            # A quotation embedded in reported speech ("Scholz reiterated that X “...,”
            # Putin retorted") belongs to the verb before it; one that opens its sentence
            # takes the attribution after it ("“...,” he said").
            sent_start = self._sentence_start(q.open_mark, para.start)
            opens_sentence = not self.text[sent_start : q.open_mark].strip(" —–-")
            found = None
            if prev is not None and prev.para == q.para and prev.close_mark is not None and prev_speaker:
                between = self.text[prev.close_mark + 1 : q.open_mark]
                if _SPLIT_ATTRIBUTION.fullmatch(between):  # “A,” Balogun said, “B.”
                    found = (prev_speaker, prev_cue)
            if not found and not opens_sentence:
                found = self._before(q, para.start)
            if not found or not found[0]:
                found = self._after(q, ceiling) or found
            if (not found or not found[0]) and opens_sentence:
                found = self._before(q, para.start) or found
            if (not found or not found[0]) and q.open_mark == para.start and q.para > 0:
                # Introduced at the end of the paragraph before: "Castellanos wrote:"
                prev_para = self.paragraphs[q.para - 1]
                if self.text[prev_para.start : prev_para.end].rstrip().endswith(":"):
                    found = self._before(q, prev_para.start, mark=prev_para.end) or found
            speaker, cue = found if found else (None, None)
            if not speaker and q.open_mark == para.start and q.para > 0 and not self._para_is_quote(q.para - 1):
                # A quoted paragraph with no attribution after one about a person: "Rosa
                # Villaseñor, 47, ... She spoke slowly, choosing each word." / "“People ...”"
                speaker = self._narrated_person(q.para - 1)
            if not speaker and prev is not None and prev_speaker:
                same_para = prev.para == q.para and (opens_sentence or sent_start <= prev.open_mark)
                # A quotation with no attribution of its own continues the previous
                # speaker: in the same paragraph, or when it opens the next paragraph
                # right after a quoted paragraph.
                adjacent = (
                    prev.para == q.para - 1
                    and q.open_mark == para.start
                    and (self._para_is_quote(prev.para) or self._ends_with_quote(prev))
                )
                continued = prev.close_mark is None and prev.para == q.para - 1
                if same_para or adjacent or continued:
                    speaker, cue = prev_speaker, cue or prev_cue
            spans.append(Span(q.start, q.end, QUOTE, {"speaker": speaker, "cue": cue}))
            if speaker and self.persons.get(speaker.split()[-1]) == speaker:
                self.person_speakers.append((q.start, speaker))
            prev, prev_speaker, prev_cue = q, speaker, cue
        # A quotation repeated elsewhere (a headline quoting a later paragraph) has the
        # speaker of the first fuller quotation that holds all its words.
        words_of = [_norm_words(self.text[sp.start : sp.end]) for sp in spans]
        phrase_of = [" " + " ".join(re.findall(r"\w+", self.text[sp.start : sp.end].casefold())) + " " for sp in spans]
        holders: dict[str, list[int]] = {}  # word -> indices of quotations with a speaker, in order
        for j, sp in enumerate(spans):
            if sp.attrs["speaker"]:
                for w in words_of[j]:
                    holders.setdefault(w, []).append(j)
        for i, span in enumerate(spans):
            words = words_of[i]
            if span.attrs["speaker"] or not words:
                continue
            # Any match holds every word, so the rarest word's list has them all.
            rarest = min(words, key=lambda w: len(holders.get(w, ())))
            for j in holders.get(rarest, ()):
                if (len(words) >= 3 and words <= words_of[j]) or phrase_of[i] in phrase_of[j]:
                    spans[i] = Span(span.start, span.end, QUOTE, {"speaker": spans[j].attrs["speaker"], "cue": None})
                    for w in words:
                        insort(holders.setdefault(w, []), i)
                    break
        return spans

    def _narrated_person(self, pi: int) -> str | None:
        """The person the last sentence of paragraph `pi` is about (its first person)."""
        para = self.paragraphs[pi]
        body = self.text[para.start : para.end].rstrip()
        if not body or body[-1] not in ".?!" or self._in_quote(para.start + len(body) - 2):
            return None
        start = self._sentence_start(para.start + len(body) - 1, para.start)
        masked = self._mask(self.text[start : para.start + len(body)])
        cands = self._candidates(start, para.start + len(body), masked)
        people = [c for c in cands if c.kind in ("PERSON", "NAME") or (c.kind == "PRON" and c.value in ("he", "she"))]
        if not people:
            return None
        who = self._value(people[0])
        return who if who and " " in who else None

    def _ends_with_quote(self, q: RawQuote) -> bool:
        """The quotation closes its paragraph: "She added: ‘I would expect ...’"."""
        if q.close_mark is None:
            return False
        return not self.text[q.close_mark + 1 : self.paragraphs[q.para].end].strip(" .,;:!?”’\"'")

    def _para_is_quote(self, pi: int) -> bool:
        para = self.paragraphs[pi]
        return any(q.para == pi for q in self.quotes) and self.text[para.start] in "“\"‘'"


def _norm_words(text: str) -> frozenset[str]:
    return frozenset(re.findall(r"\w+", text.casefold()))


def attribute(text: str, entities: list[Span], quotes: list[RawQuote], paragraphs: list[Span]) -> list[Span]:
    """QUOTE spans (inside the marks) with attrs speaker and cue."""
    return SpeakerResolver(text, entities, quotes, paragraphs).resolve()
