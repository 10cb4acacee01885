"""Boilerplate: what scrapers carry along besides the article.

Donation appeals, navigation and sharing junk, photo captions, markup debris, bylines
and contributor lines, rating widgets. Each is returned as a BOILERPLATE span with a
`kind`, so the reader can dim it and training exports can leave it out.
"""

from __future__ import annotations

import re

from reader.core.models import BOILERPLATE, Span

# Whole paragraphs --------------------------------------------------------------

_NAV = re.compile(
    r"^(share(?: this(?: article| story)?)?:?|in other news|load more|related(?: articles| stories| content)?:?|"
    r"back to top(?: button)?|read more|read next|more from .{1,40}|for more .{1,40} news|previous article|"
    r"next article|advertisement|skip to (?:content|main content)|subscribe(?: now)?|sign up(?: for .{1,60})?|"
    r"follow us(?: on .{1,40})?|facebook|twitter|email|print|comments?|top stories|most read|trending|"
    r"(?:all rights reserved|copyright|©).{0,80}|click here.{0,80}|tags?:.{0,120}|topics?:.{0,120}|"
    r"show comments|hide caption|toggle caption|image source.{0,80}|listen to this article.{0,40})\W*$",
    re.I,
)
_COOKIE = re.compile(r"\bcookies?\b", re.I)
_COOKIE_CONTEXT = re.compile(
    r"\b(?:web)?site\b|\bbrows(?:e|ing|er)\b|\bprivacy\b|\buse of cookies\b|\bcookie (?:policy|settings|preferences)\b", re.I
)


def is_cookie_notice(line: str) -> bool:
    """A site's cookie notice ("We use cookies to give you the best experience on our
    website ..."), not a story about biscuits ("Parents reject cookies at the bake sale")."""
    return bool(_COOKIE.search(line) and _COOKIE_CONTEXT.search(line))


_GLUED_NAV = re.compile(r"^(?:[A-Z][a-z]+){2,}(?:\s+(?:[A-Z][a-z]+){1,})*$")  # "NewsTop StoryWorld"
_APPEAL_START = re.compile(
    r"^(?:…\s*|\.\.\.\s*)?(?:we have a small favou?r to ask|a message from .{2,60}:|dear readers?,?|"
    r"support (?:the )?[A-Z].{1,40}!|before you go|if you value our journalism|"
    r"(?:please )?consider (?:supporting|donating)|become a (?:member|subscriber|supporter))",
    re.I,
)
_APPEAL_WORDS = re.compile(
    r"\b(support us|support (?:the )?[A-Z][\w ]{1,30}!|donat(?:e|ion)s?|contribut(?:e|ion)s?|"
    r"remind me later|not ready to support|payment methods?|paiment methods|subscribe|subscription|"
    r"independent journalism|make a (?:one-time )?(?:gift|donation)|per month|monthly)\b",
    re.I,
)
_CAPTION_CREDIT = re.compile(
    r"\((?:[^()]{0,120}\b(?:AP|Reuters|AFP|Getty Images|EPA|Photo|photo|via [A-Z][\w ]+|Pool)\b[^()]{0,80})\)\s*$"
)
# "The Gatehouse hotel in Easthorpe. Photograph: Daniel Brook/The Courier"
CREDIT_TAIL = re.compile(r"(?:^|[.!?]\s+)(?:Photograph|Photo|Picture|Image|Illustration|Video)(?:\s+credit)?:\s*\S[^.!?]{0,80}$", re.I)
_CAPTION_START = re.compile(r"^(?:in this (?:photo|image|file photo|handout)|file photo|photo:|pictured:)", re.I)
_SLASH_CREDIT = re.compile(r"\s(?:[A-Z][\w.\-]*(?:\s+[A-Z][\w.\-]*){0,5})\s+/\s+[A-Z][\w.\-]+(?:\s+[A-Z][\w.\-]+){0,3}\s*$")
_BYLINE = re.compile(
    # "By Jane Doe and Li Wei, staff writers" / "*By Theodora Vance · 14 min read*" (names are
    # capitalised: "By the time he came back, ..." is a sentence).
    r"^[*_]*(?:—\s*|-\s*)?(?:by\s+(?-i:[A-Z][\w.'’\-]+(?:[\s,]+(?:and\s+)?[A-Z][\w.'’\-]+){0,12})"
    r"(?:,(?:\s+(?:[A-Z][\w.'’\-]*|staff|senior|chief|special|foreign|political|writers?|reporters?|"
    r"correspondents?|editors?|contributors?|columnists?|and|the|for|of|in|at))+)?"
    r"(?:\s*[·|•]\s*[^·|•\n]{1,60}){0,4}[*_]*\s*$|"
    r"[A-Z][\w.'’\-]+(?:\s+[A-Z][\w.'’\-]+){0,3} reported from .{0,400}|"
    r".{0,600}\bcontributed (?:to )?this report\.?|.{0,600}\bcontributed reporting\b.{0,200}|"
    r"this report was contributed by .{0,600}|(?:reporting|writing|editing) by .{0,300})$",
    re.I,
)
_RATING = re.compile(
    r"^(?:rate this(?: article| story)?.{0,40}|was this (?:article|story) (?:helpful|useful)\??.{0,40}|"
    r"[★☆✩✪⭐]{3,}.{0,40}|\(?\d+(?:\.\d+)? (?:out of 5|stars?)\)?.{0,40}|\d+ votes?|"
    r"(?:how|what) (?:did you|do you) (?:think|rate).{0,60})$",
    re.I,
)

# Inside paragraphs ---------------------------------------------------------------

_MARKUP = re.compile(
    r"\[[a-z][\w\-]*(?:\s+[\w\-]+(?:\s*=\s*[\"'“”‘’][^\]\n]{0,200}?[\"'“”‘’]|\s*=\s*[^\s\]]+)?)*\s*/?\]"  # [shortcode attr="x"]
    r"|</?[a-zA-Z][\w\-]*(?:\s+[^<>\n]{0,300})?/?>"  # <html tags>
    r"|\{\{[^{}\n]{0,300}\}\}|\{%[^%\n]{0,300}%\}"  # {{ templates }}
    r"|&(?:nbsp|amp|quot|lt|gt|#\d{1,6}|#x[0-9a-fA-F]{1,6});"
)


def classify_paragraph(line: str, index: int, title_index: int | None) -> str | None:
    """The boilerplate kind of one paragraph (stripped line), or None for article text."""
    words = line.split()
    if _NAV.match(line):
        return "navigation"
    if index < 3 and len(words) <= 4 and _GLUED_NAV.match(line) and re.search(r"[a-z][A-Z]", line):
        return "navigation"
    if len(words) <= 60 and is_cookie_notice(line):
        return "navigation"  # a cookie notice
    if _RATING.match(line):
        return "rating"
    if _CAPTION_START.match(line) or (len(words) > 4 and _CAPTION_CREDIT.search(line)) or (len(words) <= 60 and CREDIT_TAIL.search(line)):
        return "caption"
    if len(words) > 6 and _SLASH_CREDIT.search(line) and not line.rstrip().endswith((".", "”", '"')):
        return "caption"
    if _BYLINE.match(line):
        return "byline"
    lines = line.split("\n")
    if len(lines) > 1 and _BYLINE.match(lines[0]) and all(len(rest.split()) <= 14 for rest in lines[1:]):
        return "byline"  # "By Dana Whitcombe" / an address / "Published Oct. 4, 2025, 6:00 a.m. ET"
    if _APPEAL_START.match(line) or (len(words) <= 12 and _APPEAL_WORDS.search(line) and "”" not in line):
        return "appeal"
    # A lone short tag line near the top (section names like "NATO" or "World").
    if title_index is not None and index <= title_index + 1 and len(words) <= 2 and index != title_index:
        if not re.search(r"[.!?:;,\"“”]$", line):
            return "navigation"
    return None


def find_boilerplate(text: str, paragraphs: list[Span], title_index: int | None = None) -> list[Span]:
    """BOILERPLATE spans (attrs: kind) over whole paragraphs and markup inside them."""
    kinds: list[str | None] = []
    for i, para in enumerate(paragraphs):
        kinds.append(classify_paragraph(text[para.start : para.end], i, title_index))

    # An appeal opener starts a block that runs to the end of the article, as long as the
    # paragraphs after it keep talking like an appeal (or are short).
    for i, kind in enumerate(kinds):
        para_text = text[paragraphs[i].start : paragraphs[i].end]
        if kind == "appeal" and _APPEAL_START.match(para_text) and len(para_text) > 12:
            rest = paragraphs[i + 1 :]
            appealish = sum(
                1
                for p in rest
                if _APPEAL_WORDS.search(text[p.start : p.end]) or len(text[p.start : p.end].split()) <= 6
            )
            if rest and appealish / len(rest) >= 0.3 and len(rest) <= 20:
                for j in range(i + 1, len(kinds)):
                    kinds[j] = kinds[j] or "appeal"
                break

    # The link title after "Previous Article"/"Next Article" is navigation too.
    for i, kind in enumerate(kinds[:-1]):
        para_text = text[paragraphs[i].start : paragraphs[i].end].lower()
        if kind == "navigation" and para_text.startswith(("previous article", "next article")) and kinds[i + 1] is None:
            kinds[i + 1] = "navigation"

    spans: list[Span] = []
    for para, kind in zip(paragraphs, kinds):
        if kind:
            spans.append(Span(para.start, para.end, BOILERPLATE, {"kind": kind}))
        else:
            for m in _MARKUP.finditer(text, para.start, para.end):
                spans.append(Span(m.start(), m.end(), BOILERPLATE, {"kind": "markup"}))
    return spans
