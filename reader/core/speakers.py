"""Who said it: speakers and cue verbs for quotations, by rules over text and entities.

The speaker is the canonical name as the article gives it in its fullest form ("he" and
"Stoltenberg" both become "Jens Stoltenberg"), a description for unnamed sources ("a
Ukrainian military official"), an organisation where an organisation speaks, or None.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from reader.core.models import QUOTE, Span
from reader.core.quotes import RawQuote

_CUE_FORMS = {
    "say": "say said says saying", "tell": "tell told tells telling", "add": "add added adds adding",
    "note": "noted notes noting", "quip": "quip quipped quips", "write": "wrote writes writing",
    "state": "stated states", "declare": "declare declared declares declaring", "warn": "warn warned warns warning",
    "argue": "argued argues arguing", "insist": "insisted insists insisting", "explain": "explained explains explaining",
    "retort": "retorted retorts", "reply": "replied replies", "ask": "asked asks", "announce": "announced announces",
    "claim": "claimed claims", "stress": "stressed stresses stressing", "tweet": "tweeted tweets",
    "acknowledge": "acknowledged acknowledges", "admit": "admitted admits", "reiterate": "reiterated reiterates",
    "emphasize": "emphasized emphasised emphasizes emphasizing", "promise": "promised promises",
    "respond": "responded responds", "mock": "mocked mocks", "describe": "described describes describing",
    "call": "called calls calling", "urge": "urged urges urging", "deny": "denied denies", "joke": "joked jokes",
    "predict": "predicted predicts", "suggest": "suggested suggests", "conclude": "concluded concludes",
    "caution": "cautioned cautions", "confirm": "confirmed confirms", "recall": "recalled recalls",
    "remark": "remarked remarks", "observe": "observed observes", "complain": "complained complains",
    "vow": "vowed vows", "pledge": "pledged pledges", "continue": "continued", "plead": "pleaded",
    "assert": "asserted asserts", "contend": "contended contends", "maintain": "maintained maintains",
    "testify": "testified testifies", "concede": "conceded concedes", "counter": "countered counters",
    "accuse": "accused accuses accusing", "brand": "branded brands", "dismiss": "dismissed dismisses",
    "label": "labelled labeled", "term": "termed terms", "praise": "praised praises",
    "report": "reported reports", "post": "posted", "exclaim": "exclaimed", "shout": "shouted",
    "whisper": "whispered", "hint": "hinted", "signal": "signalled signaled",
    "designate": "designated designates", "dub": "dubbed dubs", "deem": "deemed deems",
}
_BASE_FORM_OK = (
    "say tell add quip write declare warn argue insist explain retort reply ask announce claim stress tweet "
    "acknowledge admit reiterate emphasize promise respond mock describe urge deny joke predict suggest conclude "
    "caution confirm recall observe complain vow pledge assert contend testify concede accuse dismiss praise "
    "designate deem"
).split()
CUE_LEMMA = {form: lemma for lemma, forms in _CUE_FORMS.items() for form in forms.split()}
CUE_LEMMA.update({lemma: lemma for lemma in _BASE_FORM_OK})
_PASSIVE_AUX = re.compile(r"\b(?:been|was|were|is|are|be|being|get|got)\s+(?:\w+ly\s+)?$")
# Verbs that introduce a quotation themselves ("she said:"), versus those that only
# describe what a quoted fragment was called ("mocked ... as", "praised ... as").
_CUE_RE = re.compile(r"\b(" + "|".join(sorted(CUE_LEMMA, key=len, reverse=True)) + r")\b")
_ACCORDING = re.compile(r"\baccording to\s+", re.I)
PRONOUNS = {"he": "m", "she": "f", "they": "p", "i": "1", "we": "1", "it": "o"}
_SENT_END = re.compile(r"[.!?](?=\s+[A-Z“\"‘])")
ROLE_NOUNS = (
    "official|officials|spokesman|spokeswoman|spokesperson|minister|diplomat|diplomats|source|sources|officer|"
    "analyst|analysts|expert|experts|resident|residents|commander|aide|aides|lawmaker|lawmakers|adviser|advisor|"
    "secretary|ambassador|envoy|president|chief|director|leader|leaders|representative|statement|ministry|"
    "administration|government|agency|council|witness|witnesses|executive|employee|worker|workers|member|members|"
    "doctor|lawyer|attorney|prosecutor|prosecutors|judge|police|officers|soldier|soldiers|woman|man|people|"
    "researcher|researchers|scientist|scientists|economist|economists|observer|observers|activist|activists|"
    "campaigner|critic|critics|supporter|supporters|organizer|organiser|manager|coach|player|teacher|student|"
    "parent|mother|father|neighbor|neighbour|owner|farmer|voter|voters|customer|patient|nurse|engineer|founder|"
    "chairman|chairwoman|chair|mayor|governor|senator|congressman|congresswoman|analysis|report|document|memo|letter|"
    "authorities|authority|officials|spokespeople|people familiar with [\\w ]{1,30}|person familiar with [\\w ]{1,30}|"
    "insiders|sources close to [\\w ]{1,30}|company|firm|group|team|office|department|committee|board|union|"
    "party|campaign|court|prosecutor's office|police department|regulators|regulator"
)
_DESCRIPTION = re.compile(
    r"\b((?:an?|the|one|two|three|four|several|some|many|another|other|his|her|their|its)\s+(?:[\w’'\-\.]+\s+){0,6}?(?:"
    + ROLE_NOUNS
    + r"))\b",
    re.I,
)
# "Russian officials", "Western diplomats": a capitalised adjective and a role noun.
_BARE_DESCRIPTION = re.compile(r"\b((?:[A-Z][\w’'\-]+\s+){1,3}(?:[a-z]+\s+){0,2}(?:" + ROLE_NOUNS + r"))\b")
_TITLE_WORDS = {
    "president", "prime", "minister", "secretary", "general", "secretary-general", "dr.", "dr", "mr.", "mrs.",
    "ms.", "mr", "mrs", "ms", "gen.", "sen.", "rep.", "gov.", "chancellor", "ambassador", "king", "queen",
    "prince", "pope", "judge", "mayor", "governor", "senator", "professor", "prof.", "chief", "foreign",
    "defense", "defence", "deputy", "vice", "spokesman", "spokeswoman",
}
_NAME_RUN = re.compile(r"((?:[A-Z][\w’'\-]*\.?\s+){0,3}[A-Z][\w’'\-]+)\s*$")
_SPEAKER_LABELS = ("PERSON", "ORG", "GPE", "NORP")
_FILLER = re.compile(
    r"(?:\s+(?:also|later|then|again|previously|earlier|further|has|have|had|was|were|is|would|will|"
    r"recently|repeatedly|publicly|once|both|too|\w+ly|on \w+day|\w+day|in a statement))+\s*$"
)
_CLAUSE_BREAK = re.compile(r",\s+(?:and|but|while|whereas|yet)\s+|;\s+|,\s+(?:which|as|what|where)\s+(?=[A-Z])")
_SUBORDINATE = re.compile(r"\b(?:that|what|which|who|whom|following|while|when|if|because|as|after|before|since|and|but|or)\b")
_SUBJECT_LIKE = re.compile(r"^(?:he|she|they|[A-Z][\w’'\-\.]*(?:\s+[A-Z][\w’'\-\.]*){0,4})$")
_NAMEISH = re.compile(r"^[A-Z][\w’'\-\.]*(?:\s+[A-Z][\w’'\-\.]*)*$")


@dataclass(slots=True)
class _Ent:
    start: int
    end: int
    label: str
    text: str


def _clean_name(name: str) -> str:
    name = re.sub(r"[’']s$", "", name.strip())
    words = name.split()
    while len(words) > 1 and words[0].lower() in _TITLE_WORDS:
        words = words[1:]
    out = " ".join(words).strip(" ,;:")
    if out.endswith(".") and out.count(".") == 1:
        out = out[:-1]
    return out


class SpeakerResolver:
    """Speakers for the quotations of one article."""

    def __init__(self, text: str, entities: list[Span], quotes: list[RawQuote], paragraphs: list[Span]):
        self.text = text
        self.quotes = quotes
        self.paragraphs = paragraphs
        self.quote_ranges = [(q.start, q.end) for q in quotes]
        ents = [
            _Ent(e.start, e.end, e.label, _clean_name(text[e.start : e.end]))
            for e in entities
            if e.label in _SPEAKER_LABELS and not self._in_quote(e.start)
        ]
        self.ents = [e for e in ents if e.text]
        self.ent_starts = [e.start for e in self.ents]
        self.persons: dict[str, str] = {}  # last name / any form -> fullest form
        self._build_canonical()

    # ------------------------------------------------------------ names

    def _in_quote(self, pos: int) -> bool:
        return any(a <= pos < b for a, b in self.quote_ranges)

    def _build_canonical(self) -> None:
        forms = sorted({e.text for e in self.ents if e.label == "PERSON"}, key=lambda s: -len(s.split()))
        for form in forms:
            words = form.split()
            for key in (form, words[-1]):
                self.persons.setdefault(key, form)

    def canonical(self, name: str, label: str = "PERSON") -> str:
        name = _clean_name(name)
        if not name:
            return name
        if label == "PERSON" or name in self.persons or name.split()[-1] in self.persons:
            full = self.persons.get(name) or self.persons.get(name.split()[-1])
            if full and set(name.split()) <= set(full.split()):
                return full
        return name

    # ------------------------------------------------------------ subjects

    def _ents_in(self, start: int, end: int) -> list[_Ent]:
        i = bisect_right(self.ent_starts, start - 1)
        out = []
        while i < len(self.ents) and self.ents[i].start < end:
            if self.ents[i].end <= end:
                out.append(self.ents[i])
            i += 1
        return out

    def subject_in(self, start: int, end: int, verb_first: bool = False) -> str | None:
        """The speaker named in text[start:end] (a clause around a cue verb)."""
        chunk = self.text[start:end]
        if not chunk.strip():
            return None
        ents = self._ents_in(start, end)
        persons = [e for e in ents if e.label == "PERSON"]
        words = re.findall(r"[\w’'\-\.]+", chunk)
        lowered = [w.lower() for w in words]
        # A pronoun subject right next to the verb.
        pron_pos = lowered[0] if verb_first and lowered else (lowered[-1] if lowered else "")
        if pron_pos in ("he", "she") and not persons:
            return self.resolve_pronoun(start)
        if persons:
            e = persons[0] if verb_first else persons[-1]
            return self.canonical(e.text)
        desc = list(_DESCRIPTION.finditer(chunk)) or list(_BARE_DESCRIPTION.finditer(chunk))
        orgs = [e for e in ents if e.label in ("ORG", "GPE", "NORP")]
        if desc and not verb_first:
            d = desc[-1]
            # "the Russian Defense Ministry": an organisation named inside a description.
            inside = [e for e in orgs if start + d.start() <= e.start and e.end <= start + d.end() + 1]
            if inside and d.group(1).split()[-1].lower() in ("ministry", "government", "administration", "agency", "council"):
                return self.text[start + d.start() : start + d.end()].split(" ", 1)[-1] if d.group(1).lower().startswith("the ") else d.group(1)
            return _strip_det_junk(d.group(1))
        if desc and verb_first:
            return _strip_det_junk(desc[0].group(1))
        if orgs:
            e = orgs[0] if verb_first else orgs[-1]
            return self.canonical(e.text, e.label)
        # Names the model missed: a run of capitalised words next to the verb.
        bare = _FILLER.sub("", chunk.rstrip(" ,"))
        m = re.match(r"\s*((?:[A-Z][\w’'\-]+\s*){1,4})", chunk) if verb_first else _NAME_RUN.search(bare)
        if m:
            name = _clean_name(m.group(1))
            if name and name.lower() not in PRONOUNS and name.split()[0].lower() not in ("the", "a", "an", "but", "and", "while", "as", "in", "on", "after"):
                return self.canonical(name)
        if pron_pos in ("he", "she"):
            return self.resolve_pronoun(start)
        return None

    def resolve_pronoun(self, pos: int) -> str | None:
        """The most recent person named before `pos`, outside quotations. People are
        introduced by their full names, so a name known only as one word (often a
        place the model took for a person) is the last resort."""
        last = bisect_right(self.ent_starts, pos) - 1
        fallback = None
        for i in range(last, -1, -1):
            e = self.ents[i]
            if e.label == "PERSON" and e.end <= pos:
                name = self.canonical(e.text)
                if " " in name:
                    return name
                fallback = fallback or name
        return fallback

    # ------------------------------------------------------------ windows

    def _sentence_start(self, pos: int, floor: int) -> int:
        best = floor
        for m in _SENT_END.finditer(self.text, floor, pos):
            if not self._in_quote(m.start()):
                best = m.end()
        return best

    def _after(self, q: RawQuote, ceiling: int) -> tuple[str | None, str | None] | None:
        """'..., he said' / '..., said Lavrov' / '... Putin told reporters'."""
        if q.close_mark is None:
            return None
        inner = self.text[q.start : q.end].rstrip()
        pos = q.close_mark + 1
        seg = self.text[pos:ceiling]
        m_end = _SENT_END.search(seg)
        clause = seg[: m_end.start() + 1] if m_end else seg
        clause = clause[:200]
        first_word = re.match(r"[\s,—–-]*([\w’'\-]+)", clause)
        if not first_word:
            return None
        if inner.endswith((".", "…")) and first_word.group(1)[:1].isupper() and first_word.group(1).lower() not in PRONOUNS:
            # The quotation closed a sentence; a capitalised word starts the next one
            # unless it is directly followed by a cue verb ("Putin said.").
            nxt = re.match(r"[\s]*((?:[A-Z][\w’'\-\.]*\s+){1,5})(" + _CUE_RE.pattern[3:-3] + r")\b", clause)
            if not nxt:
                return None
        by = re.match(r"[\s,]*(?:\w+\s+){0,2}?by\s+", clause)
        if by and not inner.endswith(","):  # 'branded a "foreign agent" by the Russian government'
            subj = self.subject_in(pos + by.end(), pos + min(len(clause), by.end() + 60), verb_first=True)
            if subj:
                return subj, None
        acc = _ACCORDING.search(clause)
        if acc and acc.start() < 20:
            return self.subject_in(pos + acc.end(), pos + min(len(clause), acc.end() + 80), verb_first=True), "according to"
        cue = _CUE_RE.search(clause)
        if not cue:
            return None
        before_verb = clause[: cue.start()]
        if len(before_verb.split()) > 12 or re.search(r"[.!?;]", before_verb.strip(" ,")):
            return None
        lemma = CUE_LEMMA[cue.group(1)]
        subject_text = _FILLER.sub("", before_verb.strip(" ,—–-"))
        ends_attribution = inner.endswith((",", "?", "!", "…", "—", "–", "-"))
        if subject_text:
            if _SUBORDINATE.search(subject_text):
                return None
            if not ends_attribution and not _SUBJECT_LIKE.match(subject_text):
                return None
            return self.subject_in(pos, pos + cue.start()), lemma
        if cue.group(1).endswith("ing") or not ends_attribution:
            return None  # "..., accusing Moscow of": a participle has no subject after it
        rest_end = re.search(r"[,.;:“\"]|\bwho\b|\bin\b|\bon\b|\bat\b|\bafter\b", clause[cue.end() :])
        stop = cue.end() + (rest_end.start() if rest_end else min(80, len(clause) - cue.end()))
        return self.subject_in(pos + cue.end(), pos + stop, verb_first=True), lemma

    def _before(self, q: RawQuote, floor: int) -> tuple[str | None, str | None] | None:
        """'X said: “...”', 'Lavrov said possibilities for talks “are far...”',
        'Biden ..., stressing the “deep ties”'. The speaker of reported speech is the
        subject of the first speech verb of the clause that holds the quotation."""
        sent_start = self._sentence_start(q.open_mark, floor)
        seg_start = sent_start
        for m in _CLAUSE_BREAK.finditer(self.text, sent_start, q.open_mark):
            if not self._in_quote(m.start()):
                seg_start = m.end()
        if not any(not self._in_quote(m.start() + seg_start) for m in _CUE_RE.finditer(self.text[seg_start : q.open_mark])):
            seg_start = sent_start  # "He added that ..., but only in conjunction “with ...”"
        seg = self.text[seg_start : q.open_mark]
        acc = [m for m in _ACCORDING.finditer(seg) if not self._in_quote(seg_start + m.start())]
        cues = [m for m in _CUE_RE.finditer(seg) if not self._in_quote(seg_start + m.start())]
        if acc and (not cues or acc[-1].start() > cues[-1].start()):
            a = acc[-1]
            return self.subject_in(seg_start + a.end(), seg_start + min(len(seg), a.end() + 80), verb_first=True), "according to"
        if not cues:
            return None
        finite = [
            c for c in cues if not c.group(1).endswith("ing") and not _PASSIVE_AUX.search(seg[: c.start()])
        ]
        if not finite and any(_PASSIVE_AUX.search(seg[: c.start()]) for c in cues):
            return None  # 'branded as a "foreign agent" by ...': the speaker follows
        prev_end = 0
        for c in finite:
            subj = self.subject_in(seg_start + prev_end, seg_start + c.start())
            if subj:
                return subj, CUE_LEMMA[c.group(1)]
            prev_end = c.end()
        if finite:
            # Inverted: "said Lavrov: “...”"
            last = finite[-1]
            gap = seg[last.end() :]
            if len(gap.split()) <= 5 and "that" not in gap.split():
                subj = self.subject_in(seg_start + last.end(), q.open_mark, verb_first=True)
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
        for e in self._ents_in(start, end):
            if e.label == "PERSON":
                return self.canonical(e.text)
        ents = self._ents_in(start, end)
        if ents:
            return self.canonical(ents[0].text, ents[0].label)
        return self.subject_in(start, end)

    # ------------------------------------------------------------ all quotes

    def resolve(self) -> list[Span]:
        spans: list[Span] = []
        prev: RawQuote | None = None
        prev_speaker: str | None = None
        prev_cue: str | None = None
        for i, q in enumerate(self.quotes):
            para = self.paragraphs[q.para]
            nxt = self.quotes[i + 1] if i + 1 < len(self.quotes) else None
            ceiling = nxt.open_mark if nxt and nxt.para == q.para else para.end
            floor = prev.close_mark + 1 if prev and prev.para == q.para and prev.close_mark is not None else para.start
            # A quotation embedded in reported speech ("Scholz reiterated that X “...,”
            # Putin retorted") belongs to the verb before it; one that opens its sentence
            # takes the attribution after it ("“...,” he said").
            sent_start = self._sentence_start(q.open_mark, para.start)
            opens_sentence = not self.text[sent_start : q.open_mark].strip(" —–-")
            found = None
            if not opens_sentence:
                found = self._before(q, para.start)
            if not found or not found[0]:
                found = self._after(q, ceiling) or found
            if (not found or not found[0]) and opens_sentence:
                found = self._before(q, para.start) or found
            speaker, cue = found if found else (None, None)
            if not speaker and prev is not None and prev_speaker:
                same_para = prev.para == q.para and (opens_sentence or sent_start <= prev.open_mark)
                # A quotation with no attribution of its own continues the previous
                # speaker: in the same paragraph, or when it opens the next paragraph
                # right after a quoted paragraph.
                adjacent = prev.para == q.para - 1 and q.open_mark == para.start and self._para_is_quote(prev.para)
                continued = prev.close_mark is None and prev.para == q.para - 1
                if same_para or adjacent or continued:
                    speaker, cue = prev_speaker, cue or prev_cue
            spans.append(Span(q.start, q.end, QUOTE, {"speaker": speaker, "cue": cue}))
            prev, prev_speaker, prev_cue = q, speaker, cue
        # A quotation repeated elsewhere (a headline quoting a later paragraph) has the
        # speaker of the fuller quotation.
        for i, span in enumerate(spans):
            if span.attrs["speaker"]:
                continue
            words = _norm_words(self.text[span.start : span.end])
            if len(words) < 3:
                continue
            for other in spans:
                if other is not span and other.attrs["speaker"] and words <= _norm_words(self.text[other.start : other.end]):
                    spans[i] = Span(span.start, span.end, QUOTE, {"speaker": other.attrs["speaker"], "cue": None})
                    break
        return spans

    def _para_is_quote(self, pi: int) -> bool:
        para = self.paragraphs[pi]
        return any(q.para == pi for q in self.quotes) and self.text[para.start] in "“\"‘'"


def _norm_words(text: str) -> frozenset[str]:
    return frozenset(re.findall(r"\w+", text.casefold()))


def _strip_det_junk(desc: str) -> str:
    return " ".join(desc.split())


def attribute(text: str, entities: list[Span], quotes: list[RawQuote], paragraphs: list[Span]) -> list[Span]:
    """QUOTE spans (inside the marks) with attrs speaker and cue."""
    return SpeakerResolver(text, entities, quotes, paragraphs).resolve()
