"""Finding and loading articles.

Listing reads only the head and tail of each file (title, source, a word estimate), so
a corpus of 10,000 articles lists without reading them in full; `load_article` reads one.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Iterable, Iterator

from reader.core.boilerplate import is_cookie_notice
from reader.core.models import Article, ArticleInfo, Problem
from reader.core.text import count_words, decode, looks_binary, one_line, sha256_text

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown")
HEAD_BYTES = 16 * 1024
TAIL_BYTES = 4 * 1024
MAX_ARTICLE_BYTES = 64 * 1024 * 1024


class ArticleError(Exception):
    """An article that cannot be loaded; str() is a message for the user."""

    def __init__(self, path: Path, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message


@dataclass
class Listing:
    root: Path | None
    articles: list[ArticleInfo] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def by_id(self, article_id: str) -> ArticleInfo | None:
        for info in self.articles:
            if info.id == article_id:
                return info
        return None


# ---------------------------------------------------------------- discovery


def iter_article_files(root: Path) -> Iterator[Path]:
    """Article files below `root`, sorted, skipping hidden files and folders."""
    for dirpath, dirnames, filenames in os.walk(root, onerror=None):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith(".") or not name.lower().endswith(ARTICLE_SUFFIXES):
                continue
            yield Path(dirpath) / name


def discover(paths: Iterable[Path]) -> tuple[list[tuple[Path, Path]], list[Problem]]:
    """(file, root) pairs for the given files and folders, and problems with the paths."""
    found: list[tuple[Path, Path]] = []
    problems: list[Problem] = []
    for raw in paths:
        path = Path(raw).expanduser()
        if not path.exists():
            problems.append(Problem(path, "no such file or folder"))
        elif path.is_dir():
            try:
                files = list(iter_article_files(path))
            except OSError as exc:
                problems.append(Problem(path, f"cannot read folder: {exc.strerror or exc}"))
                continue
            if not files:
                problems.append(
                    Problem(path, f"no articles here (looked for {', '.join(ARTICLE_SUFFIXES)} files)")
                )
            found.extend((f, path) for f in files)
        elif path.is_file():
            found.append((path, path.parent))
        else:
            problems.append(Problem(path, "not a regular file or folder"))
    return found, problems


def article_id_for(path: Path, root: Path) -> str:
    """The path relative to its corpus folder, without suffix ("000_4a31...", "2022/feb/x").
    Files found by walking `root` are already below it, so no resolving is needed."""
    try:
        rel = path.relative_to(root)
    except ValueError:
        try:
            rel = path.resolve().relative_to(root.resolve())
        except ValueError:
            rel = Path(path.name)
    return rel.with_suffix("").as_posix()


# ---------------------------------------------------------------- front matter

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_FM_LINE = re.compile(r"^([A-Za-z_][\w-]*)\s*:\s*(.*?)\s*$")


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """A minimal YAML front-matter reader (flat `key: value` pairs, quoted or not)."""
    m = _FRONT_MATTER.match(text)
    if not m:
        return {}, text
    meta: dict[str, str] = {}
    for line in m.group(1).splitlines():
        lm = _FM_LINE.match(line)
        if not lm:
            continue
        key, value = lm.group(1).lower(), lm.group(2)
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        meta[key] = value
    return meta, text[m.end() :]


# ---------------------------------------------------------------- title and source

_JUNK_LINE = re.compile(
    r"^(support|subscribe|donate|sign up|log ?in|menu|share|advertisement|skip to|"
    r"read more|related|home\b|news\b.*\bstory|breaking|watch live|live|published|updated|"
    r"last updated|posted|by\s+[A-Z][\w.’'\-]*)(?!\w)|!\s*$",
    re.I,
)


def _junk(line: str) -> bool:
    """Page furniture, never a headline: "Subscribe", "Posted 16:42", a cookie notice."""
    return bool(_JUNK_LINE.search(line)) or is_cookie_notice(line)
_GLUED = re.compile(r"[a-z][A-Z][a-z]")  # "NewsTop StoryWorld": navigation words run together
_MD_HEADING = re.compile(r"^#{1,6}\s+")


_NAV_SEPARATORS = re.compile(r"\s[|/•·»›>]\s|\s[|]|[|]\s|\S {3,}\S")  # "News   Politics   Business"


_SECTIONS = frozenset(
    "news world business politics sport sports opinion travel markets technology tech health science culture "
    "entertainment courts lifestyle money weather video videos home obituaries puzzles legal climate education arts "
    "books food style local national international us uk europe asia africa americas investigations "
    "sustainability breakingviews showbiz femail podcasts games crosswords environment economy royals".split()
)


def _is_nav(line: str) -> bool:
    """A row of section names: "News Business Travel Sport Opinion Puzzles"."""
    words = re.findall(r"[A-Za-z]+", line)
    return len(words) >= 4 and sum(w.lower() in _SECTIONS for w in words) >= max(3, len(words) // 2)


def _is_headline(line: str) -> bool:
    words = line.split()
    if _is_nav(line):
        return False
    if not 3 <= len(words) <= 25 or len(line) > 200:
        return False
    if _NAV_SEPARATORS.search(line):  # "World | Business | Markets", "World / Americas"
        return False
    letters = [c for c in line if c.isalpha()]
    if len(words) <= 4 and letters and all(c.isupper() for c in letters):  # "CRIME & COURTS"
        return False
    if _junk(line) or (_GLUED.search(line) and (len(words) <= 4 or len(_GLUED.findall(line)) >= 2)):
        return False  # "NewsTop StoryWorld"; one brand name ("SkyMerrow") in a headline is fine
    if line[-1] in ".:;,?" and not line.endswith("U.S."):
        return False
    if re.match(r"(?i)by:?\s", line):
        return False  # a byline: "by: Carla Mendes, Jake Pruitt"
    if line[0] in "\"“‘'(":
        # A quotation in the body, unless the quoted words lead into more headline:
        # "'The whole house was dancing': 5.8 quake rattles Pine Hollow"
        return line[0] != "(" and line[-1] not in "\"”’'" and re.search(r"[\"”’']:?\s+\w", line[1:]) is not None
    return True


def _shorten(sentence: str, limit: int = 90) -> str:
    if len(sentence) <= limit:
        return sentence
    cut = sentence[:limit].rsplit(" ", 1)[0].rstrip(",;:—- ")
    return cut + "…"


_FIRST_SENTENCE = re.compile(r"(.+?[.!?])(?=\s+[A-Z“\"]|\s*$)")


def derive_title(body: str, fallback: str) -> str:
    """The headline: the first headline-like line among the first lines, after junk;
    else the first sentence of the text, shortened; else the file name."""
    lines = [ln.strip() for ln in body[:HEAD_BYTES].split("\n")]
    lines = [ln for ln in lines if ln]
    short: str | None = None  # a 3-4 word line may be a section name or masthead
    for line in lines[:12]:
        if _MD_HEADING.match(line):
            return one_line(_MD_HEADING.sub("", line))
        if _is_headline(line):
            if len(line.split()) >= 5 and "&" not in line:
                return one_line(line)
            short = short or line
        if len(line.split()) > 25 and not _junk(line):  # reached the body text: no headline
            break
    if short:
        return one_line(short)
    for line in lines:
        if len(line.split()) >= 6 and not _junk(line) and not _is_nav(line) and not _NAV_SEPARATORS.search(line):
            m = _FIRST_SENTENCE.match(line)
            return one_line(_shorten(m.group(1) if m else line))
    return one_line(fallback)


# (cheap substring that must be present, pattern, name or None for the matched group)
_SOURCE_PATTERNS: list[tuple[tuple[str, ...], re.Pattern[str], str | None]] = [
    (("Support The",), re.compile(r"Support (The [A-Z][\w]*(?: [A-Z][\w]*){0,3})!"), None),
    (("A Message from",), re.compile(r"A Message from (The [A-Z][\w]*(?: [A-Z][\w]*){0,3}):"), None),
    (("(AP)", "(Reuters)", "(AFP)"), re.compile(r"^[A-Z][A-Z .,]+\((AP|Reuters|AFP)\) —", re.M), None),
    (("Associated Press",), re.compile(r"\bAssociated Press (?:journalists|writers?)\b"), "AP"),
    (("AP Photo", "via AP"), re.compile(r"\(AP Photo\b|via AP\)"), "AP"),
]
_SOURCE_NAMES = {"AP": "AP", "Reuters": "Reuters", "AFP": "AFP"}


def derive_source(head: str, tail: str, meta: dict[str, str]) -> str | None:
    if meta.get("source"):
        return one_line(meta["source"], 80)
    url = meta.get("url") or meta.get("link")
    if url:
        m = re.match(r"^[a-z]+://(?:www\.)?([^/:]+)", url)
        if m:
            return m.group(1)
    for anchors, pattern, name in _SOURCE_PATTERNS:
        for chunk in (head[:6000], tail):
            if not any(a in chunk for a in anchors):
                continue
            m = pattern.search(chunk)
            if m:
                return name or _SOURCE_NAMES.get(m.group(1), m.group(1))
    return None


# ---------------------------------------------------------------- listing and loading


def _read_head_tail(path: Path, size: int) -> tuple[bytes, bytes]:
    with path.open("rb") as fh:
        head = fh.read(HEAD_BYTES)
        if size <= HEAD_BYTES:
            return head, b""
        fh.seek(max(HEAD_BYTES, size - TAIL_BYTES))
        return head, fh.read()


def _safe_decode_part(raw: bytes) -> str:
    # A cut in the middle of a multi-byte character is not an encoding problem.
    return raw.decode("utf-8", errors="ignore").lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def list_article(path: Path, root: Path) -> ArticleInfo | Problem:
    """Cheap metadata for one file; never raises."""
    try:
        size = path.stat().st_size
        if size == 0:
            return Problem(path, "empty file (0 bytes): nothing to read")
        if size > MAX_ARTICLE_BYTES:
            return Problem(path, f"too large ({size // 2**20} MiB; the limit is {MAX_ARTICLE_BYTES // 2**20} MiB)")
        head_raw, tail_raw = _read_head_tail(path, size)
    except OSError as exc:
        return Problem(path, f"cannot read: {exc.strerror or exc}")
    if looks_binary(head_raw[:4096]):
        return Problem(path, "binary data, not text: skipped")
    head = _safe_decode_part(head_raw)
    warnings: tuple[str, ...] = ()
    try:
        head_raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head_raw) - 4:  # not just a character cut at the end
            warnings = (f"not valid UTF-8 (byte {exc.start}); bad bytes will show as \ufffd",)
    meta, body = split_front_matter(head) if path.suffix.lower() != ".txt" else ({}, head)
    if not body.strip() and size <= HEAD_BYTES:
        return Problem(path, "no text (only white space or front matter)")
    tail = _safe_decode_part(tail_raw)
    title = one_line(meta["title"]) if meta.get("title") else derive_title(body, path.stem)
    if size <= HEAD_BYTES:
        words = count_words(body)
    else:  # an estimate until the article is loaded
        words = int(count_words(body) * size / max(1, len(head_raw)))
    return ArticleInfo(
        id=article_id_for(path, root),
        path=path,
        title=title,
        source=derive_source(head, tail, meta),
        url=meta.get("url"),
        date=meta.get("date"),
        words=words,
        sha256="",  # known once loaded
        size=size,
        warnings=warnings,
    )


def list_corpus(paths: Iterable[Path] | Path) -> Listing:
    if isinstance(paths, (str, Path)):
        paths = [Path(paths)]
    paths = list(paths)
    files, problems = discover(paths)
    root = Path(paths[0]) if len(paths) == 1 and Path(paths[0]).is_dir() else None
    listing = Listing(root=root, problems=problems)
    seen: dict[str, int] = {}
    for file, base in files:
        item = list_article(file, base)
        if isinstance(item, Problem):
            listing.problems.append(item)
            continue
        if item.id in seen:  # same stem with another suffix, or the same name twice
            item = replace(item, id=f"{item.id}{file.suffix}")
        seen[item.id] = 1
        listing.articles.append(item)
    return listing


def load_article(info_or_path: ArticleInfo | Path, root: Path | None = None, *, words: bool = True) -> Article:
    """Read one article in full. Raises ArticleError with a message for the user.

    `words=False` keeps the listing's word count (an estimate for a long file) instead
    of counting the words again: the article screen never shows it, and on 1 MB the
    count is most of the read (~14 ms of ~16)."""
    if isinstance(info_or_path, ArticleInfo):
        info = info_or_path
    else:
        path = Path(info_or_path)
        listed = list_article(path, root or path.parent)
        if isinstance(listed, Problem):
            raise ArticleError(listed.path, listed.message)
        info = listed
    path = info.path
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ArticleError(path, f"cannot read: {exc.strerror or exc}") from exc
    if not raw:
        raise ArticleError(path, "empty file (0 bytes): nothing to read")
    if looks_binary(raw[:4096]):
        raise ArticleError(path, "binary data, not text: skipped")
    decoded = decode(raw)
    text = decoded.text
    meta: dict[str, str] = {}
    if path.suffix.lower() != ".txt":
        meta, text = split_front_matter(text)
    if not text.strip():
        raise ArticleError(path, "no text (only white space or front matter)")
    return Article(
        info=replace(
            info,
            words=count_words(text) if words else info.words,
            sha256=sha256_text(text),
            warnings=tuple(dict.fromkeys(info.warnings + decoded.warnings)),
        ),
        text=text,
    )
