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

from reader.core.speaker_refs import _NOT_A_SPEAKER, References
from reader.core.speaker_windows import Windows
from reader.core.speech_lexicon import (
    CUE_LEMMA,
    PRONOUNS,
    ROLE_NOUNS,
    _BARE_DESCRIPTION,
    _CUE_RE,
    _DESCRIPTION,
    _FILLER,
    _INTRO,
    _MASKS,
    _NAME_CANDIDATE,
    _NOT_NAME_START,
    _ORG_NOUNS,
    _PERSON_ROLES,
    _PASSIVE_AUX,
    _SENT_END,
    _SPEAKER_LABELS,
    _SPLIT_ATTRIBUTION,
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



def _clean_name(name: str) -> str:
    name = re.sub(r"[’']s?$", "", name.strip()) if re.search(r"[’']s?$", name.strip()) else name.strip()
    words = name.split()
    while len(words) > 1 and (words[0].lower() in _TITLE_WORDS or words[0].lower() in _ORG_NOUNS or _title_shaped(words)):
        words = words[1:]
    out = " ".join(words).strip(" ,;:")
    if out.endswith(".") and out.count(".") == 1:
        out = out[:-1]
    return out


def _title_shaped(words: list[str]) -> bool:
    """An office word the lexicon lacks, before a given name: "Councilmember Lorena Vidal",
    "Assemblyperson Ann Roe" (a word ending -member/-man/-woman/-person, then a known given
    name and a surname)."""
    return (
        len(words) >= 3
        and re.fullmatch(r"[A-Z][a-z]+(?:member|man|woman|person)", words[0]) is not None
        and gender_of_given_name(words[1]) is not None
        and gender_of_given_name(words[0]) is None
    )


def _acronym(name: str) -> str:
    words = [w for w in re.findall(r"[A-Za-z][\w\-]*", name) if w.lower() not in ("and", "of", "the", "for", "&")]
    return "".join(w[0] for w in words).upper()


class SpeakerResolver(References, Windows):
    """Speakers for the quotations of one article."""

    def __init__(
        self, text: str, entities: list[Span], quotes: list[RawQuote], paragraphs: list[Span], furniture: Intervals | None = None
    ):
        self.text = text
        self.quotes = quotes
        self.paragraphs = paragraphs
        self.quoted = Intervals((q.start, q.end) for q in quotes)
        ents = [
            _Ent(e.start, e.end, e.label, _clean_name(text[e.start : e.end]))
            for e in entities
            if e.label in _SPEAKER_LABELS and not self._in_quote(e.start) and not (furniture and e.start in furniture)
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
        self.speech_verbs = self._find_speech_verbs()  # shared by the two passes below
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
        for verb, lo in self.speech_verbs:
            masked = self._mask(self.text[lo:verb])
            cands = [c for c in self._candidates(lo, verb, masked) if c.kind in ("NAME", "GPE", "ORG")]
            if cands and verb - cands[-1].end <= 40:
                raw = _clean_name(self.text[cands[-1].start : cands[-1].end])
                words = raw.split()
                if cands[-1].kind == "NAME" or (
                    len(words) == 2 and all(w[:1].isupper() and w[1:].islower() for w in words)
                    and verb - cands[-1].end <= 12 and "," in self.text[cands[-1].end : verb] + ","
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
        if not cands and not verb_first:
            plural = _BARE_PLURAL.match(masked)
            alone = plural and re.fullmatch(r"(?:\s+(?:have|has|had|also|since|long|now|already|widely|often|repeatedly))*[\s,]*", masked[plural.end(1) :])
            if plural and (alone or re.fullmatch(ROLE_NOUNS, plural.group(1).lower()) or re.fullmatch(ROLE_NOUNS, plural.group(1).lower()[:-1])):
                b = self._extend_description(start + plural.end(1))
                if alone or not masked[b - start :].strip(" ,"):  # "Observers from the regional bloc, the ..., said"
                    return " ".join(self.text[start + plural.start(1) : b].split())
            lone = re.fullmatch(r"\s*([A-Z][a-z][\w’'\-]+)\s*", masked)
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
                if c.kind in ("PERSON", "NAME") and chosen.start - c.end <= 60 and re.match(r"\s*,", masked[c.end - start :]):
                    chosen = c
                    break
        return self._value(chosen)

    def _collect_subjects(self) -> None:
        """People who stand as the subject of a speech verb, in text order."""
        for verb, lo in self.speech_verbs:
            if _PASSIVE_AUX.search(self.text[lo:verb]):
                continue
            subj = self.subject_in(lo, verb)
            if subj and " " in subj and self.persons.get(subj.split()[-1]) == subj:
                self.subjects.append((verb, subj))

    def _find_speech_verbs(self) -> list[tuple[int, int]]:
        """(verb, start of its sentence) for each finite speech verb outside quotations
        whose subject can stand at most 200 characters before it, in text order."""
        out = []
        for para in self.paragraphs:
            for m in _CUE_RE.finditer(self.text, para.start, para.end):
                if self._in_quote(m.start()) or m.group(1).endswith("ing"):
                    continue
                lo = self._sentence_start(m.start(), para.start)
                if m.start() - lo <= 200:
                    out.append((m.start(), lo))
        return out

    # ------------------------------------------------------------ windows

    # ------------------------------------------------------------ all quotes

    def resolve(self) -> list[Span]:
        self._collect_subjects()
        spans: list[Span] = []
        prev: RawQuote | None = None
        prev_speaker: str | None = None
        prev_cue: str | None = None
        weak: set[int] = set()  # speakers read from a colon with no verb: a repeat of the words overrules them
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
            lead = self.text[max(para.start, q.open_mark - 80) : q.open_mark]
            if _SO_CALLED.search(lead):  # a label nobody in the story is quoted as saying
                spans.append(Span(q.start, q.end, QUOTE, {"speaker": None, "cue": None}))
                continue
            words_of_x = _IN_WORDS.search(lead)
            if words_of_x:  # "in Moorcroft’s words, was “perfectly quiet.”"
                found = (self.canonical(next(g for g in words_of_x.groups() if g), "NAME"), None)
            if not found and prev is not None and prev.para == q.para and prev.close_mark is not None and prev_speaker:
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
            if not speaker and opens_sentence and sent_start > para.start and not (prev is not None and prev.para == q.para):
                # "A nurse ..., who asked not to be named, said she had missed her shift.
                # “There were patients waiting for me.”": the one who spoke just before.
                before = self._sentence_start(sent_start - 1, para.start)
                # "Asked whether ..., he smiled. “We had a short conversation.”"
                speaker = self._reported_speaker(before, sent_start) or self._person_of(before, sent_start)
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
            if speaker and not cue and self.text[para.start : q.open_mark].rstrip().endswith(":"):
                weak.add(len(spans))  # "Thousands stranded as IT meltdown grounds X flights: ‘...’"
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
            if sp.attrs["speaker"] and j not in weak:
                for w in words_of[j]:
                    holders.setdefault(w, []).append(j)
        for i, span in enumerate(spans):
            words = words_of[i]
            if (span.attrs["speaker"] and i not in weak) or not words:
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

    def _ends_with_quote(self, q: RawQuote) -> bool:
        """The quotation closes its paragraph: "She added: ‘I would expect ...’"."""
        if q.close_mark is None:
            return False
        return not self.text[q.close_mark + 1 : self.paragraphs[q.para].end].strip(" .,;:!?”’\"'")

    def _para_is_quote(self, pi: int) -> bool:
        para = self.paragraphs[pi]
        return any(q.para == pi for q in self.quotes) and self.text[para.start] in "“\"‘'"


_STOP = r"(?:on|in|at|of|from|with|for|near|to|by|who|which|that|and|or|but|said|says|told|had|has|was|is)"
_INDEFINITE_SUBJECT = re.compile(
    r"\s*((?:A|An|One|Another)\s+(?:(?!" + _STOP + r"\b)[a-z][\w’'\-]*\s+){0,2}(?!" + _STOP + r"\b)([a-z][\w’'\-]+))(?=\s|,|$)"
)
_BARE_PLURAL = re.compile(r"\s*([A-Z][a-z]+s)\b")
_NAMED_AFTER = re.compile(r"\s+((?:[A-Z][\w’'&\-]*[a-z][\w’'&\-]*)(?:\s+(?:of\s+|for\s+|&\s+)?[A-Z][\w’'&\-]*)*)")
_DOCUMENT_OF = re.compile(
    r"\s*(?:([Ii]ts|[Tt]heir)|[Tt]he\s+(\w+)[’']s)\s+(?:own\s+|new\s+|latest\s+|final\s+|internal\s+|[\w\-]*\d[\w\-]*\s+)?"
    r"(?:[a-z\-]+\s+)?(?:report|assessment|study|review|audit|analysis|letter|filing|statement|minutes|survey|memo|"
    r"document|briefing|submission|findings|inquiry|investigation)\b"
)
_SO_CALLED = re.compile(r"\bso[- ]called\s*$", re.I)
_IN_WORDS = re.compile(
    r"\b(?:[Ii]n\s+([A-Z][\w\-]+(?:\s+[A-Z][\w\-]+)?)[’']s?\s+(?:own\s+)?words|[Ii]n\s+the\s+words\s+of\s+"
    r"([A-Z][\w\-]+(?:\s+[A-Z][\w\-]+)?)|[Tt]o\s+quote\s+([A-Z][\w\-]+(?:\s+[A-Z][\w\-]+)?)),?[^.!?;]{0,30}$"
)


def _norm_words(text: str) -> frozenset[str]:
    return frozenset(re.findall(r"\w+", text.casefold()))


# Page furniture whose names never speak nor stand for "he" or "she": a byline's reporter,
# navigation, appeals. Captions stay: they often name the people in the story in full.
_FURNITURE = {"byline", "navigation", "appeal", "rating"}


def attribute(
    text: str, entities: list[Span], quotes: list[RawQuote], paragraphs: list[Span], boilerplate: list[Span] = ()
) -> list[Span]:
    """QUOTE spans (inside the marks) with attrs speaker and cue."""
    furniture = Intervals((b.start, b.end) for b in boilerplate if b.attrs.get("kind") in _FURNITURE)
    return SpeakerResolver(text, entities, quotes, paragraphs, furniture).resolve()
