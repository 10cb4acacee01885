"""Corpus listing and loading, including every kind of bad input the issue lists."""

from __future__ import annotations

from pathlib import Path

from reader.core.corpus import ArticleError, list_corpus, load_article
from reader.core.models import Problem
from reader.core.text import display_safe, has_controls

from tests.conftest import ARTICLES


def test_bundled_articles_list_with_titles_and_sources() -> None:
    listing = list_corpus(ARTICLES)
    assert not listing.problems
    titles = {a.id: a.title for a in listing.articles}
    assert len(titles) == 5
    # Headlines after junk lines ("NewsTop StoryWorld", "Support The Moscow Times!").
    assert titles["001_1d6916144dc53bee"] == "NATO sees no sign Russia is pulling back from Ukraine"
    assert titles["004_b1c962dd0ec97b19"] == "Russia Says Pulling Back More Troops Despite U.S. Claims"
    assert titles["003_d82cff8d16d34e17"] == "Russia Says Some Forces Pulling Back Amid Ukraine Crisis"
    # No headline at all: the first sentence, shortened.
    assert titles["000_4a3198300a276ecc"].startswith("Russia said Wednesday it was returning more troops")
    assert titles["000_4a3198300a276ecc"].endswith("…")
    sources = {a.id: a.source for a in listing.articles}
    assert sources["004_b1c962dd0ec97b19"] == "The Moscow Times"
    assert sources["001_1d6916144dc53bee"] == "AP"


def test_loading_gives_hash_and_word_count() -> None:
    info = list_corpus(ARTICLES).articles[0]
    article = load_article(info)
    assert len(article.sha256) == 64
    assert article.info.words == len(article.text.split())


def test_loading_without_counting_keeps_the_listed_word_count() -> None:
    info = list_corpus(ARTICLES).articles[0]
    article = load_article(info, words=False)  # the article screen's read
    assert article.info.words == info.words
    assert article.text == load_article(info).text and article.sha256 == load_article(info).sha256


def test_front_matter_title_and_source(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(
        "---\ntitle: \"A headline: with colon\"\nsource: Example Wire\nurl: https://www.example.org/x\ndate: 2022-02-16\n---\nBody text here.\n",
        encoding="utf-8",
    )
    [info] = list_corpus(tmp_path).articles
    assert info.title == "A headline: with colon"
    assert info.source == "Example Wire"
    assert info.date == "2022-02-16"
    article = load_article(info)
    assert article.text == "Body text here.\n"


def test_line_endings_bom_and_offsets(tmp_path: Path) -> None:
    (tmp_path / "crlf.txt").write_bytes("\ufeffTitle line here ok\r\n\r\nSecond “para” 😀 ends.\r\n".encode("utf-8"))
    (tmp_path / "cr.txt").write_bytes(b"Old Mac line here\r\rBody text.\r")
    listing = list_corpus(tmp_path)
    by_id = {a.id: load_article(a) for a in listing.articles}
    crlf = by_id["crlf"].text
    assert "\r" not in crlf and not crlf.startswith("\ufeff")
    assert crlf.index("😀") == crlf.index("”") + 2  # Python character offsets, emoji is one character
    assert by_id["cr"].text == "Old Mac line here\n\nBody text.\n"


def test_bad_files_are_reported_not_raised(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9 society: a headline here\n\nBody \xe9t\xe9.\n".encode("latin-1"))
    (tmp_path / "ok.txt").write_text("A proper headline for this\n\nBody.\n", encoding="utf-8")
    (tmp_path / "notes.csv").write_text("not an article", encoding="utf-8")
    listing = list_corpus(tmp_path)
    problems = {p.path.name: p.message for p in listing.problems}
    assert "empty" in problems["empty.txt"]
    assert "binary" in problems["binary.txt"]
    ids = {a.id for a in listing.articles}
    assert ids == {"latin1", "ok"}
    latin = load_article(next(a for a in listing.articles if a.id == "latin1"))
    assert any("not valid UTF-8" in w for w in latin.info.warnings)
    assert "\ufffd" in latin.text


def test_missing_path_and_empty_folder(tmp_path: Path) -> None:
    listing = list_corpus([tmp_path / "nope", tmp_path])
    messages = [p.message for p in listing.problems]
    assert any("no such file or folder" in m for m in messages)
    assert any("no articles here" in m for m in messages)
    assert listing.articles == []


def test_load_article_error_has_user_message(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    try:
        load_article(path)
    except ArticleError as exc:
        assert "empty" in exc.message
    else:  # pragma: no cover
        raise AssertionError("expected ArticleError")


def test_control_characters_become_visible_same_length() -> None:
    raw = "Evil \x1b[31mred\x1b[0m \x07bell\x9b2J and \u202eRTL\u202c\ttab"
    safe = display_safe(raw)
    assert len(safe) == len(raw)
    assert not has_controls(safe)
    assert "\x1b" not in safe and "␛" in safe


def test_listing_ten_thousand_files_reads_only_heads(tmp_path: Path) -> None:
    body = ("A headline that is long enough\n\n" + "word " * 20000 + "\n").encode()
    for i in range(200):
        (tmp_path / f"a{i:04}.txt").write_bytes(body)
    listing = list_corpus(tmp_path)
    assert len(listing.articles) == 200 and not listing.problems
    info = listing.articles[0]
    assert info.sha256 == ""  # not known until loaded: listing does not read the whole file
    assert 15000 < info.words < 25000  # estimated from the head
    assert isinstance(list_corpus(tmp_path / "a0000.txt").articles[0], type(info))
    assert not isinstance(info, Problem)


def test_titles_skip_section_rows_and_bylines_but_keep_brand_names(tmp_path) -> None:
    from reader.core.corpus import derive_title

    assert derive_title("THE COURIER\nNews   Politics   Business   Opinion   Sports\nLOCAL\nMayor quits after probe widens\n", "x") == "Mayor quits after probe widens"
    assert derive_title("World Business Markets Sustainability Legal Technology\nBank holds rates at 4.5% as inflation eases\n", "x") == "Bank holds rates at 4.5% as inflation eases"
    body = "DAILY ENSIGN\nTravel > Airlines\nThousands stranded as IT meltdown grounds SkyMerrow flights\nBy CALLUM BRANNIGAN, TRAVEL EDITOR\n"
    assert derive_title(body, "x") == "Thousands stranded as IT meltdown grounds SkyMerrow flights"


def test_a_headline_may_open_with_a_quotation_but_a_byline_is_never_the_title() -> None:
    from reader.core.corpus import derive_title

    body = "KVLY NEWS 7 | Home | News | Weather\n\n'The whole house was dancing': quake rattles Pine Hollow\n\nby: Carla Mendes, Jake Pruitt\n"
    assert derive_title(body, "x") == "'The whole house was dancing': quake rattles Pine Hollow"
    body = "KVLY NEWS 7 | Home | News\n\n“We are leaving,” said the mayor of Pine Hollow on Friday.\n\nby: Carla Mendes, Jake Pruitt\n"
    assert derive_title(body, "x") != "by: Carla Mendes, Jake Pruitt"
