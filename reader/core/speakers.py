"""Who said it: speakers and cue verbs for quotations, by rules over text and entities.

The speaker is the canonical name as the article gives it in its fullest form ("he" and
"Stoltenberg" both become "Jens Stoltenberg"), a description for unnamed sources ("a
Ukrainian military official"), an organisation where an organisation speaks, or None.
"""

from __future__ import annotations

import logging
import re
from bisect import insort

from reader.core.boilerplate import CREDIT_TAIL
from reader.core.entities import _DESCRIBING_WORDS, org_like
from reader.core.given_names import gender_of_given_name
from reader.core.models import QUOTE, Span
from reader.core.parse import Parse
from reader.core.passages import is_abbreviation
from reader.core.quotes import Intervals, RawQuote
from reader.core.speaker_refs import References
from reader.core.speaker_subjects import Subjects, _Ent
from reader.core.speaker_windows import Windows
from reader.core.speech_lexicon import (
    CUE_LEMMA,
    NOUN_GENDER,
    _CUE_RE,
    _NOT_NAME_START,
    _ORG_NOUNS,
    _PASSIVE_AUX,
    _PERSON_ROLES,
    _SENT_END,
    _SPEAKER_LABELS,
    _SPLIT_ATTRIBUTION,
    _TITLE_WORDS,
)


# Title words that also open organisations' names ("Independent Cycling Anti-Doping Unit",
# "Labour Party"): kept when the name is an organisation's.
_ORG_OPENERS = {"independent", "democratic", "republican", "conservative", "labour", "liberal", "green", "royal", "national"}


_KIN_SUBJECT = re.compile(r"(?:[Hh]is|[Hh]er|[Tt]heir)\s+(?:[a-z\-]+\s+)?(?:" + "|".join(sorted(NOUN_GENDER)) + r"|partner)")


def _clean_name(name: str, label: str = "PERSON") -> str:
    name = re.sub(r"[’']s?$", "", name.strip()) if re.search(r"[’']s?$", name.strip()) else name.strip()
    words = name.split()
    while len(words) > 1 and (
        words[0].lower() in _TITLE_WORDS
        or words[0].lower() in _ORG_NOUNS
        or _title_shaped(words)
        or (len(words) >= 3 and label != "ORG" and words[0].lower() in _DESCRIBING_WORDS)  # "Tenant Chantelle Dawes"
    ):
        if label == "ORG" and words[0].lower() in _ORG_OPENERS:
            break
        words = words[1:]
    if label != "ORG":
        # "Pine Hollow Superintendent Renee Castillo": a place and an office before the name.
        inner = [k for k, w in enumerate(words[:-1]) if k and w.lower() in _TITLE_WORDS and w[:1].isupper()]
        if inner and len(words) - inner[-1] - 1 >= 2:
            words = words[inner[-1] + 1 :]
        elif len(words) >= 4 and gender_of_given_name(words[-2]) and not any(gender_of_given_name(w) for w in words[:-2]):
            words = words[-2:]  # "Kettering Bay Harbourmaster Agnes Morrow"
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


_ORG_HEADS = {
    "observatory", "commission", "inspectorate", "authority", "agency", "regulator", "council", "ministry",
    "institute", "foundation", "trust", "union", "federation", "association", "society", "board", "bureau",
}


def _acronym(name: str) -> str:
    words = [w for w in re.findall(r"[A-Za-z][\w\-]*", name) if w.lower() not in ("and", "of", "the", "for", "&")]
    return "".join(w[0] for w in words).upper()


class SpeakerResolver(Subjects, References, Windows):
    """Speakers for the quotations of one article."""

    def __init__(
        self,
        text: str,
        entities: list[Span],
        quotes: list[RawQuote],
        paragraphs: list[Span],
        furniture: Intervals | None = None,
        parse: Parse | None = None,
    ):
        self.text = text
        self.parse = parse
        self.furniture = furniture
        self.quotes = quotes
        self.paragraphs = paragraphs
        self.quoted = Intervals((q.start, q.end) for q in quotes)
        ents = [
            _Ent(e.start, e.end, e.label, _clean_name(text[e.start : e.end], e.label))
            for e in entities
            if e.label in _SPEAKER_LABELS and not self._in_quote(e.start) and not (furniture and e.start in furniture)
        ]
        self.ents = [e for e in ents if e.text]
        self.ent_starts = [e.start for e in self.ents]
        self.persons: dict[str, str] = {}  # a name's forms (full, last word) -> fullest form
        self.long_orgs: dict[str, str] = {}  # acronym -> spelled-out organisation
        self.org_words: dict[str, str] = {}  # one word -> the organisation it names
        self.given: dict[str, str] = {}  # a first name one person in the story has -> that person
        # People found as subjects the model missed: (position, order added, name), sorted.
        self.mentions: list[tuple[int, int, str]] = []
        self._full_cache: dict[str, str | None] = {}
        self._gender: dict[str, str | None] = {}
        self._current_prev_speaker: str | None = None
        self.person_speakers: list[tuple[int, str]] = []  # (quotation start, person), in order
        self.para_starts = [p.start for p in paragraphs]
        self.subjects: list[tuple[int, str]] = []  # (speech verb, the person who is its subject)
        self.subject_asides: list[tuple[int, int]] = []  # relative clauses on the parse's last subject
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
        for form in forms:
            if " " not in form and self.persons.get(form) == form:
                # "Cllr Priya Nandra, ..., said", the model finding only "Nandra".
                full = self._full_form(form)
                if full and " " in full and gender_of_given_name(full):
                    self._add_person(full)
        heads: dict[str, set[str]] = {}
        for e in self.ents:
            if e.label == "ORG" and len(e.text.split()) >= 2:
                self.long_orgs.setdefault(_acronym(e.text), e.text)
                heads.setdefault(e.text.split()[-1], set()).add(self.canonical(e.text, "ORG"))
            elif e.label == "ORG" and re.fullmatch(r"[A-Z][a-z][\w\-]+", e.text) and e.text not in self.persons and not org_like(e.text):
                self.org_words[e.text] = e.text
        # "Observatory raises alert": the one organisation whose name ends so.
        for head, names in heads.items():
            if len(names) == 1 and head[:1].isupper() and head.lower() in _ORG_HEADS:
                self.org_words.setdefault(head, next(iter(names)))

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
                    between = self.text[cands[-1].end : verb]
                    # "the stretch of Harbour Street where, she says, ...": not who speaks
                    if len(words) >= 2 and cands[-1].kind != "ORG" and not org_like(raw) and not re.search(r"\b(?:he|she|they|I|we)\b", between):
                        found.append((cands[-1].start, raw))
                        self._add_person(raw)
        firsts: dict[str, set[str]] = {}
        for full in set(self.persons.values()):
            if len(full.split()) >= 2 and gender_of_given_name(full):
                firsts.setdefault(full.split()[0], set()).add(full)
        # "For Jade, the wedding will go ahead": a first name alone, when one person has it.
        self.given = {first: next(iter(names)) for first, names in firsts.items() if len(names) == 1 and first not in self.persons}
        for m in re.finditer(r"(?<![\w’'])([A-Z][\w’'\-]+)\b", self.text):
            if self.furniture and m.start() in self.furniture:
                continue  # a photographer's credit, a byline: nobody in the story
            if m.group(1) in self.given and not self._in_quote(m.start()) and not re.match(r"[ \u00a0]+[A-Z]", self.text[m.end() : m.end() + 2]):
                found.append((m.start(), self.given[m.group(1)]))
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
        name = _clean_name(name, label)
        if not name:
            return name
        if label == "ORG" or (name.isupper() and 2 <= len(name) <= 6):
            long = self.long_orgs.get(name.replace(".", "")) or (self.org_words.get(name) if label == "ORG" else None)
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
                given = m.group(1).split()
                first = given[0]
                # "Cllr Priya Nandra": the title goes, the given name stays.
                titled = first.lower() in _TITLE_WORDS and len(given) == 2 and given[1].lower() not in _TITLE_WORDS
                if not self._in_quote(m.start()) and first.lower() not in _NOT_NAME_START and (first.lower() not in _TITLE_WORDS or titled) and first.lower() not in CUE_LEMMA:
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

    def _collect_subjects(self) -> None:
        """People who stand as the subject of a speech verb, in text order."""
        for verb, lo in self.speech_verbs:
            if _PASSIVE_AUX.search(self.text[lo:verb]):
                continue
            subj = self.subject_in(lo, verb)
            if subj and " " in subj and self.persons.get(subj.split()[-1]) == subj:
                self.subjects.append((verb, subj))
            elif subj and _KIN_SUBJECT.fullmatch(subj) and re.match(r"\s*(?:His|Her|Their)\s", self.text[lo:verb]):
                # "His daughter told Vale 24 News ...": whom a later "she said" continues.
                self.subjects.append((verb, subj))
            elif subj and re.match(r"(?:[Oo]ne|[Aa]n?)\s+[a-z]", subj) and re.match(r"\s*(?:One|An?)\s+[a-z]", self.text[lo:verb]):
                # "One engineer, who asked not to be named, said ...": an unnamed source
                # whom a later "she said" continues.
                self.subjects.append((verb, subj[0].lower() + subj[1:]))

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
            # The dependency parse, where it ran, names the subject of the speech verb
            # that governs the quotation; it overrules the rules when that subject is a
            # name or "he"/"she", and gives a description only when the rules found none.
            # (Headlines, which the parser reads badly, keep the rules' answer.)
            gov = None if self._headline(para) else self.governed(q.start, q.end)
            if gov and (
                gov[2] != "desc"
                or not found
                or not found[0]
                or self._named_in_asides(found[0])
                or _names_within(found[0], gov[0])
            ):
                found = gov[:2]
            speaker, cue = found if found else (None, None)
            if not speaker:
                speaker = self._label_speaker(para.start) or speaker  # "GR: I told them, “...”"
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
            if not speaker and self._fragment(q) and not self._headline(para):
                # A phrase quoted inside a sentence with no speech verb: the person the
                # clause is about ("Farrow apologised for the “painful” decision"), else
                # whoever's reported speech the sentence goes on with.
                speaker = self.clause_person(q.start, q.end) or self._speech_goes_on(sent_start, q.open_mark, para.start)
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
            elif speaker and self._headline(para) and not self.text[para.start : q.open_mark].strip() and q.close_mark is not None and not self.text[q.close_mark + 1 : para.end].strip():
                weak.add(len(spans))  # a cross-head that is all quotation ("‘HE DID NOTHING’"): whoever said it in the story
            elif (
                speaker
                and speaker.split()[-1].split("-")[-1] in _PERSON_ROLES
                and self._headline(para)
            ):
                weak.add(len(spans))  # a headline's "co-founder calls ... ‘a fire sale’": the one the story names
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

    def _fragment(self, q: RawQuote) -> bool:
        """A few words quoted inside a sentence, not a sentence of their own."""
        words = self.text[q.start : q.end].split()
        return 0 < len(words) <= 8 and self.text[q.start : q.end].rstrip()[-1:] not in ".!?,"

    def _speech_goes_on(self, sent_start: int, mark: int, floor: int) -> str | None:
        """The subject of the reported speech in the sentence before, when the sentence
        up to `mark` has no speech verb and names no one: "Pargeter confirmed that
        Fensome would lead the side. A permanent appointment will be made “over the
        winter”"."""
        if sent_start <= floor or any(e.label == "PERSON" for e in self._ents_in(sent_start, mark)):
            return None
        if any(not self._in_quote(sent_start + m.start()) for m in _CUE_RE.finditer(self.text[sent_start:mark])):
            return None
        return self._reported_speaker(self._sentence_start(sent_start - 1, floor), sent_start)

    def _named_in_asides(self, name: str) -> bool:
        """The rules' speaker is named only in a relative clause describing the parse's
        subject ("Inspectors who visited HMP Greywater ... have described"): the subject
        speaks."""
        last = name.split()[-1] if name.split() else ""
        return bool(last) and any(re.search(rf"\b{re.escape(last)}\b", self.text[a:b]) for a, b in self.subject_asides)

    def _headline(self, para: Span) -> bool:
        """A paragraph that does not end as a sentence does, inside its closing marks or
        not: a headline, a standfirst or a cross-head."""
        return self.text[para.start : para.end].rstrip(" \t”’\"')*")[-1:] not in (".", "!", "?", "…", ":")

    def _label_speaker(self, pos: int) -> str | None:
        """The person a transcript line's label names: "DAHL:" or the initials "GR:"."""
        label = re.match(r"([A-Z][A-Z’'\-]{1,20}):\s", self.text[pos : pos + 24])
        if not label or label.group(1) in ("Q", "A"):
            return None
        word = label.group(1)
        if len(word) <= 3:
            people = {n for n in self.persons.values() if len(n.split()) >= 2 and "".join(w[0] for w in n.split()) == word}
            return people.pop() if len(people) == 1 else None
        full = self.persons.get(word.title())
        return full if full and " " in full else None

    def _ends_with_quote(self, q: RawQuote) -> bool:
        """The quotation closes its paragraph: "She added: ‘I would expect ...’"."""
        if q.close_mark is None:
            return False
        return not self.text[q.close_mark + 1 : self.paragraphs[q.para].end].strip(" .,;:!?”’\"'")

    def _para_is_quote(self, pi: int) -> bool:
        para = self.paragraphs[pi]
        return any(q.para == pi for q in self.quotes) and self.text[para.start] in "“\"‘'"


_SO_CALLED = re.compile(r"\bso[- ]called\s*$", re.I)
_IN_WORDS = re.compile(
    r"\b(?:[Ii]n\s+([A-Z][\w\-]+(?:\s+[A-Z][\w\-]+)?)[’']s?\s+(?:own\s+)?(?:words|view|opinion|telling)|[Ii]n\s+the\s+words\s+of\s+"
    r"([A-Z][\w\-]+(?:\s+[A-Z][\w\-]+)?)|[Tt]o\s+quote\s+([A-Z][\w\-]+(?:\s+[A-Z][\w\-]+)?)),?[^.!?;]{0,30}$"
)


def _names_within(name: str, desc: str) -> bool:
    """The rules' name is only the object of a preposition in the parse's description
    ("Residents of Low Marston", "an analyst at Brockley Bank"): the description speaks."""
    words = name.split()
    if not words or not name[:1].isupper():
        return False
    return re.search(rf"\b(?:of|at|in|from|near)\s+(?:the\s+)?(?:[A-Z][\w’'\-]*\s+)*{re.escape(words[-1])}(?!\w)", desc) is not None


def _norm_words(text: str) -> frozenset[str]:
    return frozenset(re.findall(r"\w+", text.casefold()))


# Page furniture whose names never speak nor stand for "he" or "she": a byline's reporter,
# navigation, appeals. Captions stay: they often name the people in the story in full.
_FURNITURE = {"byline", "navigation", "appeal", "rating"}


def attribute(
    text: str,
    entities: list[Span],
    quotes: list[RawQuote],
    paragraphs: list[Span],
    boilerplate: list[Span] = (),
    parse: Parse | None = None,
) -> list[Span]:
    """QUOTE spans (inside the marks) with attrs speaker and cue. `parse`, when given,
    holds dependency parses of the paragraphs with quotations."""
    spans = [(b.start, b.end) for b in boilerplate if b.attrs.get("kind") in _FURNITURE]
    for b in boilerplate:
        credit = CREDIT_TAIL.search(text, b.start, b.end) if b.attrs.get("kind") == "caption" else None
        if credit:
            spans.append((credit.start(), credit.end()))  # "Photograph: Daniel Brook/The Courier"
    furniture = Intervals(spans)
    try:
        return SpeakerResolver(text, entities, quotes, paragraphs, furniture, parse).resolve()
    except Exception:  # a fault in the speaker rules must not cost the article its quotations
        logging.getLogger(__name__).exception("speaker attribution failed; quotations kept without speakers")
        return [Span(q.start, q.end, QUOTE, {"speaker": None, "cue": None}) for q in quotes]
