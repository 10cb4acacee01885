"""The vocabulary of attribution: speech verbs and their lemmas, nouns that describe
speakers ("official", "spokeswoman", "people familiar with ..."), titles, and the patterns
built from them. Used by `reader.core.speakers`."""

from __future__ import annotations

import re

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
    "label": "labelled labeled", "term": "termed terms", "praise": "praised praises", "thank": "thanked",
    "report": "reported reports", "post": "posted", "exclaim": "exclaimed", "shout": "shouted",
    "whisper": "whispered", "hint": "hinted", "signal": "signalled signaled",
    "designate": "designated designates", "dub": "dubbed dubs", "deem": "deemed deems",
    "estimate": "estimated estimates", "certify": "certified certifies", "allege": "alleged alleges",
    "lament": "lamented laments", "boast": "boasted boasts", "recount": "recounted recounts",
    "demand": "demanded demands", "hail": "hailed hails", "characterize": "characterized characterised",
    "laugh": "laughed", "chant": "chanted chants chanting", "cite": "cited cites citing", "style": "styled styles", "judge": "judged", "sigh": "sighed", "mutter": "muttered", "murmur": "murmured", "scoff": "scoffed", "find": "found finds", "classify": "classified classifies", "welcome": "welcomed welcomes", "slam": "slammed slams",
    "blast": "blasted blasts", "criticise": "criticised criticized criticises criticizes", "condemn": "condemned condemns",
    "decry": "decried decries", "defend": "defended defends",
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
_SENT_END = re.compile(r"[.!?…](?=[\"”’']?\s+[A-Z“\"‘'(])")
_ORG_NOUNS = {
    "county", "city", "state", "country", "province", "government", "administration", "police", "ministry",
    "university", "college", "school", "museum", "hospital", "utility", "club", "league", "federation", "association",
    "company", "firm", "agency", "union", "court", "ministry", "organization", "organisation", "group", "coalition",
    "council", "board", "committee", "department", "unit", "body", "bank", "airline", "regulator", "network",
    "panel", "tribunal", "commission", "inquiry",
}
# "KYIV (Reuters) -", "LONDON (Castwire) —": a place, the agency in brackets, a dash.
_DATELINE = r"[A-Z][\w .,’'\-]{0,40}\((?:AP|AFP|Reuters|dpa|ANSA|Xinhua|Bloomberg|[A-Z][\w.]{1,15}(?: [A-Z][\w.]{1,15})?)\)\s*[-—–]+\s*"
_INTRO_CLAUSE = r"(?:In|On|At|After|Before|During|Outside|Inside|With|Earlier|Later|Speaking|Asked)\b[^,“”\"]{0,100},\s*"
_LINK_LABEL = r"(?:READ MORE|Read more|READ NEXT|Read next|RELATED|Related|SEE ALSO|See also|WATCH|Watch|LISTEN|Listen)\s*:\s*"
_INTRO = re.compile(rf"^\s*(?:{_DATELINE}(?:{_INTRO_CLAUSE})?|{_INTRO_CLAUSE}|{_LINK_LABEL})")
_NAME_CANDIDATE = re.compile(r"(?<![\w’'])((?:(?:Dr|Mr|Mrs|Ms|Prof|Gen|Sen|Rep|Gov)\.\s+)?[A-Z][a-z’'\-]+(?:\s+(?:[A-Z]\.\s+)?[A-Z][\w’'\-]+){1,4})")
_NOT_NAME_START = {
    "the", "a", "an", "in", "on", "at", "but", "and", "while", "as", "after", "before", "this", "that", "these",
    "those", "his", "her", "their", "its", "our", "not", "some", "many", "when", "if", "it", "he", "she", "they",
    "we", "i", "you", "one", "another", "anti", "more", "most",
}
ROLE_NOUNS = (
    "(?:people|person|sources?|officials?) (?:familiar with|with knowledge of|close to|briefed on) "
    "(?:(?!(?:said|says|told|say|tell|added|and|who|but)\\b)[\\w’'\\-]+(?:\\s+(?=\\w)|(?=\\W))){1,4}|"
    "person|official|officials|opposition|[0-9]{1,3}-year-old|spokesman|spokeswoman|spokesperson|minister|diplomat|diplomats|source|sources|officer|"
    "analyst|analysts|expert|experts|resident|residents|commander|aide|aides|lawmaker|lawmakers|adviser|advisor|"
    "secretary|ambassador|envoy|president|chief|director|head|leader|leaders|representative|ministry|"
    "administration|government|agency|council|witness|witnesses|executive|employee|worker|workers|member|members|"
    "doctor|lawyer|attorney|prosecutor|prosecutors|judge|police|officers|soldier|soldiers|woman|man|people|"
    "researcher|researchers|scientist|scientists|economist|economists|observer|observers|activist|activists|"
    "campaigners?|critic|critics|supporter|supporters|organi[sz]ers?|managers?|boss|coach|player|teacher|student|"
    "parent|mother|father|neighbor|neighbour|owner|farmer|voter|voters|customer|patient|nurse|engineer|founder|"
    "negotiator|negotiators|delegate|delegates|protester|protesters|fan|fans|scientist|"
    "chairman|chairwoman|chair|mayor|governor|senator|congressman|congresswoman|"
    "authorities|authority|officials|spokespeople|people familiar with [\\w ]{1,30}|person familiar with [\\w ]{1,30}|"
    "insiders|sources close to [\\w ]{1,30}|company|firm|group|team|office|department|committee|board|union|"
    "party|campaign|court|prosecutor's office|police department|regulators|regulator|bank|university|college|"
    "school|museum|hospital|airline|utility|city|county|ministry|agency|club|league|federation|association|"
    "statement|firefighter|firefighters|paramedic|paramedics|pilot|pilots|trader|traders|investor|investors|"
    "commuter|commuters|driver|drivers|passenger|passengers|shopper|shoppers|owners|landlord|landlords|tenant|"
    "tenants|nurses|doctors|teachers|students|parents|fans|players|economists|executives|insurers|shippers|"
    "figure|figures|insider|aide|aides|advisers?|advisors?|staffer|staffers|residents?|colleagues?|relatives?|"
    "friends?|veterans?|volunteers?|guards?|attendants?|clerks?|operators?|technicians?|riders?|cyclists?|"
    "runners?|boxers?|golfers?|swimmers?|jockeys?|strikers?|midfielders?|goalkeepers?|pensioners?|gran|"
    "inspectors?|locals|stewards?|marshals?|referees?|umpires?|trainers?|councill?ors?|politicians?|"
    "daughters?|sons|wife|husband|sisters?|brothers?|partner|widow|widower|grandson|granddaughter|aunt|uncle|niece|nephew|"
    "girlfriend|boyfriend|fianc[ée]e?"
)
_DESCRIPTION = re.compile(
    r"\b((?:an?|the|one|two|three|four|several|some|many|another|other|his|her|their|its)\s+"
    r"(?:(?:for|of|and)\s+(?=[A-Z])|(?!(?:that|who|which|what|and|or|but|said|says|told|with|to|in|on|at|for|from|of|than|the|a|an)\b)(?:[\w’'\-]+|(?:[A-Z]\.)+)\s+){0,6}(?:"
    + ROLE_NOUNS
    + r")(?:\s+from\s+(?:an?|the)\s+[\w’'\-]+(?:\s+(?:country|nation|state|government|agency|company|firm))?)?)\b",
    re.I,
)
# "Russian officials", "Western diplomats": a capitalised adjective and a role noun.
_BARE_DESCRIPTION = re.compile(
    r"\b(?!(?:But|And|Yet|So|Or|Now|Then|Still|Also|Meanwhile|Instead|Later|Earlier)\b)((?:[A-Z][\w’'\-]+\s+(?:(?:for|of|and)\s+(?=[A-Z]))?){1,3}(?:(?!(?:on|in|of|at|for|to|with|from|by|and|or)\b)[a-z]+\s+){0,2}(?:"
    + ROLE_NOUNS
    + r")(?:s|es)?)\b"
)
# Words that open a subordinate clause ("after the university announced its inquiry").
SUBORDINATORS = "after|before|when|while|since|once|until|because|although|though|if"
_MASKS = re.compile(
    r",\s+(?:who|which|whose|whom)\b[^,;:“”\"]{0,160}(?=,|\s*$)"  # relative clauses
    r"|,\s+(?:speaking|citing|writing|asked|according)\b[^,;“”\"]{0,160}(?=,|\s*$)"  # participial asides
    r"|,\s+(?:seen|obtained|reviewed|verified)\s+by\s[^,;“”\"]{1,60}(?=,)"  # ", seen by the Courier,"
    r"|,\s+(?:" + SUBORDINATORS + r")\s[^,;:“”\"]{0,120}(?=,)"  # ", after the university announced its inquiry,"
    r"|,\s+(?:a|an|the)\s+[^,;“”\"]{1,120}(?=,)"  # appositions: ", a former training partner of X,"
    r"|,\s+(?![^,]*[A-Z][a-z]+\s+[A-Z][a-z]+)(?:[a-z][\w’'\-]*\s+){0,3}(?:" + ROLE_NOUNS + r")\b[^,;“”\"]{0,100}(?=,)"  # ", director of the FDA's device center,"
    r"|,\s+\d{1,3}(?=,)"  # ages: ", 19,"
    r"|,\s+(?:[a-z][\w’'\-]*\s+){0,3}(?:" + ROLE_NOUNS + r")\s+(?:of|at|for)\s+[^,;“”\"]{1,80}(?=,)"  # ", chief executive of the Warm Homes Trust,"
    r"|,\s+of\s+[^,;“”\"]{1,80}(?=,)"  # ", of mortgage broker Hollis & Dunn,"
    r"|,\s+from\s+[^,;“”\"]{1,60}(?=,)"  # ", 63, from Aldwick Green,"
    r"|,\s+(?:in|on|at|during|after|before|with|through|via)\s[^,;“”\"]{0,100}(?=,)"  # ", in a statement read by ...,"
    r"|\([^()]{0,120}\)"
)
_TITLE_WORDS = {
    "president", "prime", "minister", "secretary", "general", "secretary-general", "dr.", "dr", "mr.", "mrs.",
    "ms.", "mr", "mrs", "ms", "gen.", "sen.", "rep.", "gov.", "chancellor", "ambassador", "king", "queen",
    "prince", "pope", "judge", "mayor", "governor", "senator", "professor", "prof.", "chief", "foreign",
    "defense", "defence", "deputy", "vice", "spokesman", "spokeswoman", "democrat", "republican", "democratic",
    "conservative", "labour", "liberal", "independent", "dame", "sir", "lord", "lady", "baroness", "baron",
    "rev.", "rev", "reverend", "councillor", "councilman", "councilwoman", "commissioner", "detective",
    "sergeant", "inspector", "superintendent", "coach", "manager", "director", "constable", "captain", "capt.",
    "lieutenant", "lt.", "colonel", "col.", "sheriff", "sgt.", "sgt", "supt.", "supt", "insp.", "cllr", "cllr.",
    "councilmember", "councilor", "alderman", "alderwoman", "alderperson", "assemblymember", "assemblyman",
    "assemblywoman", "supervisor", "trustee", "delegate", "selectman", "selectwoman", "treasurer", "comptroller",
    "controller", "auditor", "marshal", "admiral", "major", "corporal", "private", "officer", "agent", "bishop",
    "rabbi", "imam", "father", "sister", "brother", "pastor", "chairman", "chairwoman", "chair", "ceo", "coroner",
}
# Singular roles that name one person ("the manager said").
_PERSON_ROLES = {
    "minister", "secretary", "manager", "coach", "chemist", "scientist", "researcher", "economist", "analyst",
    "governor", "mayor", "senator", "president", "chairman", "chairwoman", "chair", "director", "executive",
    "judge", "prosecutor", "lawyer", "attorney", "officer", "spokesman", "spokeswoman", "spokesperson",
    "ambassador", "envoy", "commander", "founder", "owner", "teacher", "principal", "headteacher", "doctor",
    "physician", "surgeon", "nurse", "professor", "veterinarian", "vet", "pilot", "captain", "driver", "farmer",
    "chancellor", "premier", "leader", "activist", "campaigner", "engineer", "inspector", "detective", "chief",
    "boss", "councillor", "councilor", "councilman", "councilwoman", "councilmember", "superintendent", "sheriff",
}
_ROLE_ABBREVIATIONS = {
    "governor": "Gov", "senator": "Sen", "representative": "Rep", "general": "Gen", "professor": "Prof",
    "doctor": "Dr", "president": "Pres", "lieutenant": "Lt", "colonel": "Col", "captain": "Capt",
    "sergeant": "Sgt", "detective": "Det", "superintendent": "Supt", "inspector": "Insp", "reverend": "Rev",
}
# A role the same person is given under another name: "Dunmore boss Gary Pollock" ...
# "the Dunmore manager said".
_ROLE_SYNONYMS = {"manager": "boss", "boss": "manager", "coach": "boss"}
_SPEAKER_LABELS = ("PERSON", "ORG", "GPE", "NORP")
_FILLER = re.compile(
    r"(?:\s+(?:also|later|then|again|previously|earlier|further|has|have|had|was|were|is|would|will|"
    r"recently|repeatedly|publicly|once|both|too|\w+ly|on \w+day|\w+day|in a statement))+\s*$"
)
_CLAUSE_BREAK = re.compile(r",\s+(?:and|but|while|whereas|yet)\s+|;\s+|,\s+(?:which|as|what|where)\s+(?=[A-Z])")
_SUBORDINATE = re.compile(r"\b(?:that|what|which|who|whom|following|while|when|if|because|as|after|before|since|and|but|or)\b")
_SPLIT_ATTRIBUTION = re.compile(
    r"[\s,]*(?:(?:[A-Z][a-z]{0,3}\.|(?:[A-Z]\.)+|[\w’'\-]+)\s+){0,8}?(?:" + "|".join(sorted(CUE_LEMMA, key=len, reverse=True)) + r")\b[^.!?“”\"]{0,60}?[,:—–-]\s*"
)
_SUBJECT_LIKE = re.compile(r"^(?:he|she|they|[A-Z][\w’'\-\.]*(?:\s+[A-Z][\w’'\-\.]*){0,4})$")

# Nouns that tell a person's gender: "His daughter told ...", "a woman who attended".
NOUN_GENDER = {
    **dict.fromkeys(
        ("daughter", "wife", "mother", "sister", "widow", "woman", "girl", "grandmother", "aunt", "niece", "actress",
         "spokeswoman", "chairwoman", "girlfriend"),
        "f",
    ),
    **dict.fromkeys(
        ("son", "husband", "father", "brother", "widower", "man", "boy", "grandfather", "uncle", "nephew", "actor",
         "spokesman", "chairman", "boyfriend"),
        "m",
    ),
}
