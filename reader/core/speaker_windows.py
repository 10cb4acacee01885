"""Where the attribution of a quotation stands: after it ("“...,” he said"), before it
("X said: “...”", "according to X") or around it ("what pilots call “...”"). A mixin of
`reader.core.speakers.SpeakerResolver`."""

from __future__ import annotations

import re
from bisect import bisect_left

from reader.core.passages import hide_abbreviation_dots
from reader.core.quotes import RawQuote
from reader.core.speech_lexicon import (
    SUBORDINATORS,
    CUE_LEMMA,
    PRONOUNS,
    _ACCORDING,
    _CLAUSE_BREAK,
    _CUE_RE,
    _DESCRIPTION,
    _FILLER,
    _MASKS,
    _NOT_NAME_START,
    _PASSIVE_AUX,
    _SUBJECT_LIKE,
    _SUBORDINATE,
)

_IT_BODY = re.compile(
    r"\b((?:[Aa]n?|[Tt]he)\s+(?:[a-z\-]+\s+){0,2}(?:panel|board|committee|tribunal|court|inquiry|council|commission|"
    r"company|firm|club|union|authority|regulator|agency|ministry|department|government|trust|county|city|district|force))\b"
)
_CALLED = re.compile(
    r"\b(what|which|as|whom|that|its|their|his|her)\s+((?:the\s+)?(?:(?!(?:is|are|was|were|has|have|had|the|a|an)\b)[\w’'\-]+\s+){0,3}?[\w’'\-]+)\s+"
    r"(?:(?:\w+ly|have|has|had|would|often|sometimes|now|once|later|since|long|like\s+to|love\s+to|prefer\s+to|tend\s+to|used\s+to)\s+){0,2}"
    r"(called|calls|call|described|describes|describe|dubbed|dubs|termed|terms|labelled|labeled|branded|brands|styled|styles)"
    r"(?:\s+(?:as|it|them|him|her|this|that|the|an?|its|their))*\s*$"
)


_SUBORDINATE_OPENING = re.compile(r"\s*(?:" + SUBORDINATORS + r")\b", re.I)
# A labelling verb right before the quotation with no object between: a zero relative
# ("a measure supporters called") or a reduced passive ("big cat dubbed").
_LABELLED = re.compile(
    r"(?:\b(?:an?|the)\s+[a-z\-]+\s+([a-z]+s)|\b[\w’'\-]+)\s+(called|dubbed|termed|labelled|labeled|branded|nicknamed)\s+$"
)
# Verbs whose object stands between them and the quotation: "called the disclosure “late”".
_LABELLING = {"call", "style", "describe", "dub", "term", "label", "brand", "characterize", "deem", "judge", "hail", "dismiss", "praise", "mock", "accuse", "urge", "thank"}


class Windows:
    """The attribution windows around one quotation."""

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
            return self.according(pos + acc.end(), pos + len(clause)), "according to"
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
        if called and called.group(1).lower() == "as" and called.end(3) == len(self.text[: mark].rstrip()):
            called = None  # "as big cat dubbed ‘Houdini’ evades capture": "as" is not "as X calls it"
        if called and mark == q.open_mark and not self._in_quote(called.start()):
            # 'what pilots call "bare steerage"', 'which prosecutors called "..."'
            np = re.sub(r"^(?:one|the|an?|its|their|his|her|some|many|most)\s+", "", called.group(2), flags=re.I)
            if np.lower() == "it":
                # "a disciplinary panel found he had ... in what it called a “systematic”
                # scheme": the body that opens the sentence; none named, no answer here.
                body = _IT_BODY.search(self.text, self._sentence_start(called.start(), floor), called.start())
                who = self._description(body.group(1), body.start(1)) if body else None
            elif np.lower() in PRONOUNS:
                who = self.resolve_pronoun(called.start(2), np.lower()) if np.lower() in ("he", "she") else None
            elif np[:1].isupper():
                who = self.canonical(np, "NAME")
            elif called.group(2).lower().startswith("the "):
                who = self._description(called.group(2), called.start(2))  # "what the board called"
            else:
                who = np
            if who:
                return who, CUE_LEMMA.get(called.group(3).split()[0], "call")
        if mark == q.open_mark:
            label = _LABELLED.search(self.text, max(floor, mark - 80), mark)
            if label and not self._in_quote(label.start()) and (label.group(1) or not re.search(
                r"(?<![.!?:]\s)(?<=\s)(?:[A-Z][a-z]|(?:he|she|they|we|I)\b)", self.text[max(floor, label.start() - 40) : label.end()]
            )):
                if label.group(1):  # "a measure supporters called “...”"
                    return label.group(1), CUE_LEMMA.get(label.group(2), "call")
                return None  # "as big cat dubbed ‘Houdini’ evades capture": named, by nobody said
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
        # "Vaultline, the exchange that claims 1.2 million users, ..., citing": a cue in a
        # relative clause describing a noun is not the attribution when another follows.
        cues = [c for k, c in enumerate(cues) if k == len(cues) - 1 or not re.search(r"\b[a-z]+\s+(?:that|which)\s+$", seg[: c.start()])]
        if acc and (not cues or acc[-1].start() > cues[-1].start()):
            a = acc[-1]
            return self.according(seg_start + a.end(), seg_start + min(len(seg), a.end() + 80)), "according to"
        if not cues:
            if seg.rstrip().endswith(":"):  # "Walter Brandt, put it more bluntly: “...”"
                subj = self._first_subject(seg_start, seg_start + len(seg.rstrip()) - 1)
                if not subj and (len(seg.split()) <= 3 or re.match(r"\s*Then,\s+[^.!?]{0,40}:\s*$", seg)) and sent_start > floor:
                    # "MacRae is quiet for a while. Then: “...”": the one just written about.
                    subj = self._person_of(self._sentence_start(sent_start - 1, floor), sent_start)
                return (subj, None) if subj else None
            return None
        headline = self._headline(self.paragraphs[q.para])
        finite = [
            c
            for c in cues
            if not c.group(1).endswith("ing")
            and not _PASSIVE_AUX.search(seg[: c.start()])
            # Headlines drop the auxiliary: "Council accused of ‘gross negligence’".
            and not (c.group(1).endswith("ed") and headline)
            and not re.match(r"\s+not\s+to\s+be\b", seg[c.end() :])  # "who asked not to be named"
            and not (mark != q.open_mark and re.search(r"\bthat\s+(?:\w+\s+){0,3}$", seg[: c.start()]))
            and not self._subordinate(seg, c, cues)
        ]
        if mark != q.open_mark and not finite:
            subj = self._first_subject(seg_start, seg_start + len(seg.rstrip()) - 1)
            return (subj, None) if subj else None
        if not finite and any(_PASSIVE_AUX.search(seg[: c.start()]) or (headline and c.group(1).endswith("ed")) for c in cues):
            return None  # 'branded as a "foreign agent" by ...': the speaker follows
        prev_end = 0
        for c in finite:
            that = re.search(r"\b(?:that|which)\s+(?:\w+\s+)?$", seg[: c.start()]) if acc and acc[-1].end() < c.start() else None
            if that:
                # "according to a report by the Authority that describes the backlog as ‘...’"
                subj = self.subject_in(seg_start + acc[-1].end(), seg_start + that.start(), verb_first=True)
                if subj:
                    return subj, CUE_LEMMA[c.group(1)]
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
            if re.search(r"\S\s+(?:and|but)\s+(?:also\s+|then\s+|later\s+)?$", seg[prev_end : c.start()]):
                # "Families who lost babies welcomed the findings but said": the verb
                # shares the sentence's subject, which the parse reads best; what stands
                # before "but" is the first verb's object.
                parsed = self.by_parse(seg_start + c.start())
                if parsed and parsed[0]:
                    return parsed[0], CUE_LEMMA[c.group(1)]
            subj = self.subject_in(seg_start + prev_end, seg_start + c.start())
            if not prev_end and seg_start + c.start() > sent_start and (
                (not subj and not seg[: c.start()].strip() and seg_start > sent_start)
                # "Observatory raises Mount Teyra alert to orange, says eruption “...”"
                or re.match(r"\s*[A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-]+)*\s+[a-z]+(?:s|ed)\s[^,]{6,},\s*$", seg[: c.start()])
            ):
                # "X said the board was sorry, but insisted the offer was “...”": the
                # coordinated verb shares the sentence's subject.
                subj = self._first_subject(sent_start, seg_start)
            if subj:
                return subj, CUE_LEMMA[c.group(1)]
            prev_end = c.end()
        if finite:
            # Inverted: "said Lavrov: “...”"
            last = finite[-1]
            gap = seg[last.end() :]
            labelling = CUE_LEMMA[last.group(1)] in _LABELLING
            finite_gap = re.search(r"\b(?:was|were|is|are|had|has|have|would|will|could|should|can|must)\b", gap)
            if len(gap.split()) <= 5 and "that" not in gap.split() and not labelling and not finite_gap:
                subj = self.subject_in(seg_start + last.end(), mark, verb_first=True)
                if subj:
                    return subj, CUE_LEMMA[last.group(1)]
            return None
        part = cues[0]
        lead = seg[: part.start()].rstrip()
        if lead.endswith(","):
            # ", stressing ...": the participle belongs to the subject of the sentence.
            subj = self._first_subject(seg_start, seg_start + part.start(), desc_first=True)
        else:
            subj = self.subject_in(seg_start, seg_start + part.start())  # "the mayor urging them"
        return (subj, CUE_LEMMA[part.group(1)]) if subj else None

    @staticmethod
    def _subordinate(seg: str, c: re.Match[str], cues: list[re.Match[str]]) -> bool:
        """The cue is inside an opening subordinate clause and another follows the comma:
        "In January, after the university announced its inquiry, she wrote on X:"."""
        clause = re.split(r"[,;]", seg[: c.start()])[-1]
        return bool(_SUBORDINATE_OPENING.match(clause)) and any(d.start() > c.end() and "," in seg[c.end() : d.start()] for d in cues)

    def _first_subject(self, start: int, end: int, desc_first: bool = False) -> str | None:
        masked = self._mask(self.text[start:end])
        every = self._candidates(start, end, masked)
        if desc_first and every and every[0].kind == "DESC" and not masked[: every[0].start - start].strip():
            return self._value(every[0])  # "Belmaria's opposition on Tuesday rejected ..., saying"
        plural = re.match(r"\s*([A-Z][a-z]+s)\s+(?:have\s+|had\s+|were\s+)?[a-z]+ed\b", masked)
        if plural and not any(c.start == start + plural.start(1) for c in every):
            return plural.group(1)  # "Scientists raised the alert level ..., warning"
        cands = [c for c in every if c.kind != "DESC" and c.value != "it"]
        people = [c for c in cands if c.kind in ("PERSON", "NAME")]
        pick = people[0] if people else (cands[0] if cands else None)
        return self._value(pick) if pick else None

    def _reported_speaker(self, lo: int, hi: int) -> str | None:
        """The subject of the first speech verb in text[lo:hi] (reported speech)."""
        k = bisect_left(self.speech_verbs, (lo,))
        if k < len(self.speech_verbs) and self.speech_verbs[k][0] < hi and not _PASSIVE_AUX.search(self.text[lo : self.speech_verbs[k][0]]):
            return self.subject_in(self.speech_verbs[k][1], self.speech_verbs[k][0])
        return None

    def _narrated_person(self, pi: int) -> str | None:
        """The person the last sentence of paragraph `pi` is about (its first person)."""
        para = self.paragraphs[pi]
        body = self.text[para.start : para.end].rstrip()
        if not body or body[-1] not in ".?!" or self._in_quote(para.start + len(body) - 2):
            return None
        start = self._sentence_start(para.start + len(body) - 1, para.start)
        return self._person_of(start, para.start + len(body))

    def _person_of(self, start: int, end: int) -> str | None:
        """The first person named (or "he"/"she") in the sentence text[start:end]."""
        masked = self._mask(self.text[start:end])
        cands = self._candidates(start, end, masked)
        people = [c for c in cands if c.kind in ("PERSON", "NAME") or (c.kind == "PRON" and c.value in ("he", "she"))]
        if not people:
            return None
        who = self._value(people[0])
        return who if who and " " in who else None
