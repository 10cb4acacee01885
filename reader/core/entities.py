"""Named entities, made consistent within one article.

The small model may label the same name differently across one article ("Zelenskyy"
ORG once and PERSON elsewhere). Every mention of one name gets the label most of its
mentions have; a single name that is the last word of a PERSON elsewhere ("Putin" after
"Vladimir Putin") is a PERSON.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from reader.core.given_names import gender_of_given_name
from reader.core.models import Span
from reader.core.speech_lexicon import _TITLE_WORDS

_POSSESSIVE = re.compile(r"[’']s$")
# Labels that name things (as opposed to dates, numbers and quantities).
NAME_LABELS = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE"}
_PRIORITY = {"PERSON": 0, "GPE": 1, "ORG": 2, "NORP": 3, "LOC": 4, "FAC": 5}


def _key(text: str) -> str:
    return _POSSESSIVE.sub("", text.strip()).strip()


_ORG_SUFFIX = re.compile(
    r"\b(?:Technologies|Technology|Inc|Corp|Corporation|Company|Co|Ltd|LLC|Group|Ministry|Council|Agency|Times|"
    r"News|Press|Institute|University|Bank|Party|Association|Committee|Team|Service|Office|Department|Forces|"
    r"Army|Navy|Command|Commission|Foundation|Fund|Union|Post|Journal|Network|Airlines|Holdings|Partners|"
    r"Aerospace|Airways|Line|Lines|Motors|Energy|Systems|Labs|Pharmaceuticals|Pharma|Capital|Media|Industries|"
    r"Logistics|Shipping|Authority|Trust|Society|Federation|League|Club|Board|Bureau|Hospital|College|School|"
    r"Museum|Farms|Foods|Airport|Railways?|Police|Court|Exchange|Insurance|Securities|Ventures|Studios|"
    r"Softworks|Software|Security|Solutions|Services|Networks|Digital|Health|Healthcare|Therapeutics|Biotech|"
    r"Street|Road|Avenue|Square|Park|Hall|Bridge|Centre|Center|Festival|Fair|Market|Guild|Alliance|Initiative|"
    r"Project|Watch|Network|Review|Gazette|Herald|Courier|Ledger|Tribune|Chronicle|Observer|Daily|Works|"
    r"Bay|Harbour|Harbor|Valley|Falls|Springs|Heights|Hills|Beach|Island|Islands|County|Province|District|"
    r"Raiders|Rovers|United|Athletic|Wanderers|Albion|Rangers|Sport|Sports|FC|Town|City|Metals|Mining|Minerals|"
    r"Resources|Steel|Chemicals|Brewery|Homes|Developments|Construction|Cruises|Telecom|Retail|Stores|Unit)\.?$"
)
_PERSON_TITLE = re.compile(
    r"(?:\b(?:chief|minister|spokesman|spokeswoman|spokesperson|president|secretary|official|director|envoy|"
    r"ambassador|commander|adviser|advisor|analyst|expert|Dr|Mr|Mrs|Ms|Sen|Rep|Gov|Gen|Col|Lt|Prof|leader|"
    r"chancellor|governor|mayor|senator|judge|lawyer|professor|chairman|chairwoman|CEO|Dame|Sir|Lord|Lady|critic|"
    r"Baroness|Rev|Reverend|councillor|commissioner|manager|coach|member|founder|economist|researcher|"
    r"[a-z]+(?:member|man|woman|person))\.?)\s+$",
    re.I,
)
_PERSON_APPOSITION = re.compile(
    r",\s+(?:\d{1,3},\s+)?(?:an?|the|its|their)\s+(?:[\w’'\-]+\s+){0,4}?"
    r"(?:researcher|critic|professor|analyst|economist|scientist|lawyer|attorney|director|founder|executive|"
    r"manager|spokesman|spokeswoman|spokesperson|official|officer|teacher|nurse|doctor|student|resident|owner|"
    r"farmer|worker|member|activist|historian|author|writer|journalist|reporter|editor|expert|consultant|"
    r"engineer|pilot|mother|father|son|daughter|wife|husband|veteran|chairman|chairwoman|president|chief|"
    r"secretary|minister|mayor|councillor|senator|governor|judge|prosecutor|coach|player|captain|fan|filmmaker|"
    r"director|producer|actor|actress|artist|musician|singer|chef|surgeon|physician|pharmacist|trader|broker)s?\b"
)
_PARTY_PREFIX = re.compile(r"^(?:Democrat|Republican|Democratic|Conservative|Labour|Liberal|Independent|Green)\s+")
_NAME_WORD = r"(?:Ma?c|O[’']|D[’'])?[A-Z][a-z’'\-]+"  # "MacRae", "McDonald", "O'Brien"
_NAME_SHAPE = re.compile(rf"^{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,2}}$")
_PLACE_WORD = re.compile(r"(?:Loch|Lough|Lake|Mount|Mt|River|Cape|Isle|Port|Fort)\s+[A-Z]")


def org_like(name: str) -> bool:
    """The name ends like an organisation's or a place's ("Ironbark Labs", "Orchard Street")."""
    return bool(_ORG_SUFFIX.search(name))


def repair_labels(text: str, entities: list[Span]) -> list[Span]:
    """Fix two common mistakes of small models: an organisation name (ends in
    "Technologies", "Ministry", ...) labelled PERSON, and a person's name right after a
    title ("council chief Oleksiy Danilov") labelled ORG or GPE."""
    out = []
    for e in entities:
        name = text[e.start : e.end]
        label = e.label
        if label == "PERSON" and (_ORG_SUFFIX.search(name) or re.match(r"(?:[A-Z]{2,5}|Team|Club)\s+[A-Z]", name)):
            label = "ORG"  # "Ironbark Labs", "RSN Sport", "Team Nordvik"
        elif label == "PERSON" and _PLACE_WORD.match(name):
            label = "LOC"  # "Loch Arran", "Mount Teyra"
        elif label in ("WORK_OF_ART", "PRODUCT", "EVENT", "LAW") and (
            _ORG_SUFFIX.search(name) or re.match(r"\s+\([A-Z]{2,7}\)", text[e.end : e.end + 10])
        ):
            label = "ORG"  # "The Independent Cycling Anti-Doping Unit (ICADU)"
        elif label in ("ORG", "GPE", "NORP", "FAC", "LOC") and _NAME_SHAPE.match(name) and not _ORG_SUFFIX.search(name):
            if _PERSON_TITLE.search(text[max(0, e.start - 30) : e.start]):
                label = "PERSON"
            elif _PARTY_PREFIX.match(name) and _NAME_SHAPE.match(_PARTY_PREFIX.sub("", name)):
                label = "PERSON"  # "Democrat Sofia Alvarado"
            elif " " in name and (re.match(r",\s+\d{1,3}(?:,|\s+said\b)", text[e.end : e.end + 12]) or gender_of_given_name(name)):
                label = "PERSON"  # "Imogen Farraday, 44," / a known given name
            elif _PERSON_APPOSITION.match(text, e.end) and " " in name:
                label = "PERSON"  # "Anand Kulkarni, a researcher at security firm Ironbark Labs"
            elif (
                " " in name
                and re.match(r",\s+who\b", text[e.end : e.end + 8])
                and not re.search(r"\b(?:in|at|to|of|for|from|near|on|by|with)\s+$", text[max(0, e.start - 8) : e.start])
            ):
                label = "PERSON"  # "Lorena Vidal, who sponsored the ordinance" (an organisation is "which")
        start, end = e.start, e.end
        titled = _TITLED_NAME.search(name)
        if titled and (gender_of_given_name(titled.group(2)) or titled.group(1).strip().lower() in _DESCRIBING_WORDS) and (
            (label != "PERSON" and any(w.islower() and w not in ("of", "and", "for", "the", "de", "la", "du") for w in titled.group(1).split()))
            or titled.group(1).strip().lower() in _DESCRIBING_WORDS
            or (label != "PERSON" and any(w.lower() in _TITLE_WORDS for w in titled.group(1).split()))  # "City Councilmember Victor Estrada"
        ):
            # "Union rep Helen Marsh" (ORG), "Pensioner Edna Pike" (PERSON): the person after the role
            start, label = e.start + titled.start(2), "PERSON"
        if label == "PERSON":
            joined = _HYPHENATED.match(text, e.end)
            if joined:  # "Amara Keita-Lefèvre": the model stopped at the hyphen
                end = joined.end()
        out.append(e if label == e.label and (start, end) == (e.start, e.end) else Span(start, end, label, e.attrs))
    return out


# Words a story puts before a name to say who the person is ("Pensioner Edna Pike").
_DESCRIBING_WORDS = {
    "pensioner", "grandmother", "grandfather", "gran", "grandad", "mum", "dad", "mother", "father", "widow",
    "widower", "resident", "shopkeeper", "student", "teenager", "victim", "neighbour", "neighbor", "witness",
    "passenger", "driver", "worker", "parent", "nurse", "teacher", "farmer", "landlord", "tenant", "campaigner",
    "activist", "volunteer", "fan", "survivor", "commuter", "customer", "patient", "owner", "veteran",
}
_TITLED_NAME = re.compile(r"^(.*\s)([A-Z][a-z]+)\s+[A-Z][\w’'\-]+$")


_HYPHENATED = re.compile(r"-[^\W\d_a-z][^\W\d_]+(?![\w\-])")
_GIVEN_NAME = re.compile(r"(?:^|(?<=[,(]\s)|(?<=[.!?:]\s)|(?<=\n))([A-Z][a-z]{1,12}) $")
_NOT_GIVEN = {
    "the", "a", "an", "in", "on", "at", "but", "and", "while", "as", "after", "before", "this", "that", "his", "her",
    "their", "its", "our", "when", "if", "it", "he", "she", "they", "we", "i", "you", "one", "by", "for", "from",
    "to", "of", "with", "said", "says", "told", "mr", "mrs", "ms", "dr", "sir", "lady", "lord", "saint", "san",
    "president", "minister", "judge", "mayor", "governor", "senator", "coach", "chief", "director", "chairman",
    "secretary", "general", "captain", "officer", "professor", "father", "mother", "brother", "sister", "uncle",
    "aunt", "king", "queen", "prince", "princess", "pope", "bishop", "reverend", "detective", "inspector",
    "sergeant", "colonel", "major", "lieutenant", "agent", "doctor", "nurse", "manager", "so", "then", "now",
    "there", "here", "yes", "no", "not", "all", "some", "many", "most", "more", "each", "every", "both", "new",
}


def given_names(text: str, entities: list[Span]) -> list[Span]:
    """A one-word name whose first name the model left out ("Kestrel's chief operating
    officer, Ana Beltrán, told Reuters": only "Beltrán", as ORG) becomes the full name, a
    PERSON, when an apposition or a speech verb follows it."""
    out = []
    for e in entities:
        name = text[e.start : e.end]
        if e.label in NAME_LABELS and " " not in name and name[:1].isupper():
            m = _GIVEN_NAME.search(text[max(0, e.start - 16) : e.start])
            after = text[e.end : e.end + 12]
            if m and m.group(1).lower() not in _NOT_GIVEN and re.match(r"(?:,|\s+(?:said|says|told|added|wrote)\b)", after):
                out.append(Span(e.start - len(m.group(1)) - 1, e.end, "PERSON", e.attrs))
                continue
        out.append(e)
    return out


# Titles before a name ("Prof Gideon Ashby").
_TITLES = "Prof|Dr|Mr|Mrs|Ms|Sir|Dame|Judge|Det|Insp|Supt|Sgt|Cllr|Rev|Capt|Col|Gen|Sen|Rep|Gov"
_FULL_NAME = re.compile(rf"(?<![\w’'\-])(?!(?:{_TITLES})\b)([A-Z][a-z]+)[ \u00a0]+((?:[A-Z][a-z]*[’']?)?[A-Z][a-z]+(?:-[A-Z][a-z]+)?)(?![\w\-])")
# Given names that are as often places or firms ("Victoria Station", "Morgan Stanley").
_PLACE_LIKE_GIVEN = {
    "georgia", "virginia", "florence", "victoria", "regina", "savannah", "adelaide", "madison", "lourdes", "carmel",
    "beverly", "aurora", "eugene", "milan", "lloyd", "grant", "morgan", "stanley", "ross", "jordan", "sydney",
}
_NOT_SURNAME = {
    "Street", "Road", "Station", "Church", "Cathedral", "Day", "Monday", "Tuesday", "Wednesday", "Thursday",
    "Friday", "Saturday", "Sunday", "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December", "The", "And", "Of", "Who", "When", "While",
}


_NAME_TITLE = re.compile(rf"\b(?:{_TITLES})\.?\s+$")


def missed_people(text: str, entities: list[Span]) -> list[Span]:
    """A full name with a known given name that the model did not tag at all ("The first
    thing Agnes Moorcroft noticed was the cold") becomes a PERSON."""
    starts = sorted((e.start, e.end) for e in entities)
    added = []
    i = 0
    for m in _FULL_NAME.finditer(text):
        first, last = m.group(1), m.group(2)
        titled = _NAME_TITLE.search(text, max(0, m.start() - 8), m.start()) is not None
        if first.lower() in _PLACE_LIKE_GIVEN or last in _NOT_SURNAME or not (gender_of_given_name(first) or titled):
            continue  # "Prof Gideon Ashby": a title vouches for a given name the list lacks
        if _ORG_SUFFIX.search(m.group(0)):
            continue
        while i < len(starts) and starts[i][1] <= m.start():
            i += 1
        if i < len(starts) and starts[i][0] < m.end():
            continue  # the model tagged something here
        added.append(Span(m.start(), m.end(), "PERSON"))
    return sorted(entities + added, key=lambda e: (e.start, e.end)) if added else entities


_EXPANSION = re.compile(r"\b((?:[A-Z][\w’'\-]*\s+(?:(?:of|for|and|on)\s+(?:the\s+)?)?){1,7}[A-Z][\w’'\-]*)\s+\(([A-Z]{2,8})\)")


def expanded_acronyms(text: str, entities: list[Span]) -> list[Span]:
    """A name spelt out before its acronym ("The Independent Cycling Anti-Doping Unit
    (ICADU)") is an organisation, whether or not the model tagged it."""
    added = []
    for m in _EXPANSION.finditer(text):
        words = re.split(r"[\s\-]+", m.group(1))
        if words and words[0] == "The":
            words = words[1:]
        initials = "".join(w[0] for w in words if w[:1].isupper())
        if initials != m.group(2) and "".join(w[0] for w in words) != m.group(2):
            continue
        start = m.start(1) + (4 if m.group(1).startswith("The ") else 0)
        if not any(e.label == "ORG" and e.start < m.end(1) and start < e.end for e in entities):
            added.append(Span(start, m.end(1), "ORG"))
    if not added:
        return entities
    kept = [e for e in entities if not any(a.start < e.end and e.start < a.end for a in added)]
    return sorted(kept + added, key=lambda e: (e.start, e.end))


_NOT_A_NAME = re.compile(r"^(?:n[’']t|[’'](?:s|re|ll|ve|d|m))$|^\W*$|^(?-i:ET|EST|EDT|CT|CST|CDT|PT|PST|PDT|GMT|BST|UTC|CET|CEST)$", re.I)


_AUXILIARY = re.compile(r"(?:Would|Could|Should|Will|Can|Did|Does|Do|Is|Was|Are|Were|Has|Have|Had|Shall|Might|Must)\s+(?=[A-Z])")


def _without_auxiliary(text: str, e: Span) -> Span:
    """"Would Zipwell come back?": the name is "Zipwell"."""
    m = _AUXILIARY.match(text, e.start, e.end)
    return Span(m.end(), e.end, e.label, e.attrs) if m else e


_MARKUP = re.compile(r"\]\(|[\[\]<>|{}]|https?:|www\.")


def _without_markup(text: str, e: Span) -> Span | None:
    """"the KESTREL-2 results](https://example.org/...": the words before the link's
    markup; None when nothing is left."""
    m = _MARKUP.search(text, e.start, e.end)
    if not m:
        end = e.end
        while end > e.start and text[end - 1] in " ([{,;:–—-":
            end -= 1  # "the Road Freight Federation (" before "(RFF)"
        return e if end == e.end else (Span(e.start, end, e.label, e.attrs) if end > e.start else None)
    end = m.start()
    while end > e.start and not text[end - 1].isalnum():
        end -= 1
    return Span(e.start, end, e.label, e.attrs) if end > e.start else None


def consistent_labels(text: str, entities: list[Span]) -> list[Span]:
    entities = [
        _without_auxiliary(text, e)
        for e in (_without_markup(text, e) for e in entities)
        if e is not None
        and not _NOT_A_NAME.match(text[e.start : e.end].strip())
        and not (e.label in NAME_LABELS and text[e.start : e.end].islower())  # "the gran" tagged ORG
    ]
    entities = repair_labels(text, missed_people(text, expanded_acronyms(text, given_names(text, entities))))
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    person_last: set[str] = set()
    org_first: set[str] = set()
    for e in entities:
        if e.label not in NAME_LABELS:
            continue
        k = _key(text[e.start : e.end])
        votes[k][e.label] += 1
        if e.label == "PERSON" and " " in k:
            person_last.add(k.split()[-1])
        if e.label == "ORG" and " " in k and not k.lower().startswith("the "):
            org_first.add(k.split()[0])
    chosen: dict[str, str] = {}
    for k, counter in votes.items():
        if " " not in k and k in person_last:
            chosen[k] = "PERSON"
        elif " " not in k and k in org_first:
            chosen[k] = "ORG"  # "Kestrel" after "Kestrel Line"
        else:
            best = max(counter.items(), key=lambda kv: (kv[1], -_PRIORITY.get(kv[0], 9)))
            chosen[k] = best[0]
    out = []
    for e in entities:
        label = chosen.get(_key(text[e.start : e.end]), e.label) if e.label in NAME_LABELS else e.label
        out.append(e if label == e.label else Span(e.start, e.end, label, e.attrs))
    return out
