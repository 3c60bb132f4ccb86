"""Saved web pages: main text and metadata a reader can trust, in several outlets' house styles."""

from __future__ import annotations

import pytest

from briefings.corpus import ArticleError
from briefings.pages import clean_title, parse_page
from tests.briefings.pages import PARAGRAPHS, page

OG_SITE = '<meta property="og:site_name" content="{site}">'


def parse(html: str):
    return parse_page(html.encode("utf-8"), file="page.html")


def test_reuters_style_page_with_json_ld_gives_names_date_outlet_and_wire():
    html = page(
        title="Port traffic rebounds as customs wait falls | Reuters",
        head=OG_SITE.format(site="Reuters") + '<link rel="canonical" href="https://www.reuters.example/world/port-traffic-2024-03-05/">',
        json_ld={
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": "Port traffic rebounds as customs wait falls",
            "datePublished": "2024-03-05T09:30:00Z",
            "dateModified": "2024-03-07T18:02:00Z",
            "author": [{"@type": "Person", "name": "Jane Doe"}, {"@type": "Person", "name": "Sam Lee"}],
            "publisher": {"@type": "Organization", "name": "Reuters"},
        },
        paragraphs=["LAGOS, March 5 (Reuters) - " + PARAGRAPHS[0], *PARAGRAPHS[1:]],
    )
    a = parse(html)
    assert a.headline == "Port traffic rebounds as customs wait falls"
    assert a.outlet == "Reuters" and a.authors == ["Jane Doe", "Sam Lee"]
    assert a.published.date.iso() == "2024-03-05"  # not the modified date
    assert a.dateline_place == "Lagos" and a.body[0].startswith("The port authority said")
    assert a.url == "https://reuters.example/world/port-traffic-2024-03-05"
    assert "Skip to content" not in a.text and "All rights reserved" not in a.text


def test_byline_glued_to_a_date_and_a_handle_gives_the_names_only():
    html = page(
        title="Port traffic rebounds as customs wait falls - Harbour Times",
        head=OG_SITE.format(site="Harbour Times") + '<meta property="article:published_time" content="2024-03-05T09:30:00Z">',
        byline='<p class="byline">By Jane Doe and Sam Lee | March 5, 2024 at 9:30 AM Follow @janedoe</p>',
    )
    a = parse(html)
    assert a.authors == ["Jane Doe", "Sam Lee"]
    assert a.headline == "Port traffic rebounds as customs wait falls" and a.outlet == "Harbour Times"


def test_ap_style_agency_byline_is_the_wire_not_an_author():
    html = page(
        title="Port traffic rebounds as customs wait falls",
        head=OG_SITE.format(site="Springfield Gazette") + '<meta name="author" content="By KIM TONG-HYUNG, Associated Press">'
        '<meta property="article:published_time" content="2024-03-05">',
        paragraphs=["SEOUL, South Korea (AP) — " + PARAGRAPHS[0], *PARAGRAPHS[1:]],
    )
    a = parse(html)
    assert a.authors == ["Kim Tong-hyung"]
    assert a.outlet == "Springfield Gazette" and a.wire == "AP"
    assert a.dateline_place == "Seoul, South Korea"


def test_share_prompts_and_comment_sections_stay_out_of_the_body():
    html = page(
        title="Port traffic rebounds as customs wait falls | The Harbour Times",
        head=OG_SITE.format(site="The Harbour Times") + '<meta property="article:published_time" content="2024-03-05">',
        after='<div class="share"><ul><li><a href="#">Click to share on Twitter (Opens in new window)</a></li>'
        '<li><a href="#">Click to share on Facebook (Opens in new window)</a></li></ul></div>'
        '<section id="comments" class="comments"><h3>12 comments</h3><div class="comment"><p>Great piece, thanks for writing it. Reply</p>'
        "<p>harbourfan · March 6, 2024</p></div></section>",
    )
    a = parse(html)
    assert a.body == PARAGRAPHS
    assert a.headline == "Port traffic rebounds as customs wait falls"


@pytest.mark.parametrize(
    ("title", "site", "headline"),
    [
        ("Port traffic rebounds - BBC News", "BBC News", "Port traffic rebounds"),
        ("Port traffic rebounds | World news | The Guardian", "The Guardian", "Port traffic rebounds"),
        ("Opinion | Republicans are following the leader nowhere", "The New York Times", "Republicans are following the leader nowhere"),
        ("Yonhap News Agency: N. Korea fires missile into East Sea", "Yonhap News Agency", "N. Korea fires missile into East Sea"),
        ("Ceasefire talks resume in Cairo: what we know", "Al Jazeera", "Ceasefire talks resume in Cairo: what we know"),
        ("Storm floods coastal towns - Local - Springfield Gazette", "Springfield Gazette", "Storm floods coastal towns"),
    ],
)
def test_page_titles_lose_the_site_name_and_section_label(title, site, headline):
    assert clean_title(title, site) == headline


def test_page_without_site_name_uses_its_host_as_the_outlet():
    html = page(title="Port traffic rebounds as customs wait falls")
    a = parse_page(html.encode(), file="p.html", url="https://news.harbour.example/2024/03/05/port")
    assert a.outlet == "news.harbour.example" and a.source == "https://news.harbour.example/2024/03/05/port"


def test_page_with_no_text_is_refused_with_a_reason():
    with pytest.raises(ArticleError, match="no article text"):
        parse("<html><head><title>Nothing</title></head><body><nav><a>Home</a></nav></body></html>")


def test_saved_pages_in_the_corpus_are_indexed_as_articles_and_one_story_twice_is_one_article(tmp_path):
    from briefings.service import build_briefings
    from tests.conftest import write_corpus

    head = OG_SITE.format(site="Harbour Times") + '<link rel="canonical" href="https://harbourtimes.example/port?utm_source=feed">'
    corpus = write_corpus(
        tmp_path / "corpus",
        {
            "port.html": page(title="Port traffic rebounds as customs wait falls", head=head),
            "port-again.htm": page(title="Port traffic rebounds as customs wait falls", head=head + "<meta name='x' content='copy'>"),
            "notes.txt": "Harbour notes\n\nLAGOS, March 5, 2024 (Reuters) - " + PARAGRAPHS[0],
        },
    )
    core = build_briefings(database_url=f"sqlite:///{tmp_path / 'db.sqlite'}", corpus_dir=corpus, nlp=False)
    report = core.index()
    assert sorted(report.new) == ["notes.txt", "port-again.htm"] or sorted(report.new) == ["notes.txt", "port.html"]
    assert any("same story as" in reason for _, reason in report.skipped)
    by_file = {a.file: a.to_dict(full=True) for a in core.articles()}
    page_doc = by_file.get("port.html") or by_file["port-again.htm"]
    assert page_doc["outlet"] == "Harbour Times" and page_doc["url"] == "https://harbourtimes.example/port"
    assert page_doc["source"]["kind"] == "file" and "<p>" not in " ".join(page_doc["body"])
    assert by_file["notes.txt"]["source"] == {"kind": "file", "address": "notes.txt"} and by_file["notes.txt"]["url"] is None
    assert core.index().unchanged and not core.index().new


def test_a_site_name_given_short_or_with_its_tagline_is_read_as_the_site_names_itself():
    short = page(
        title="Trade war keeps world guessing - The Harbour Times", h1="Trade war keeps world guessing", head=OG_SITE.format(site="HTimes")
    )
    assert parse(short).outlet == "The Harbour Times"
    tagline = page(
        title="Coast Courier | Your news, every day: Storm floods coastal towns",
        h1="Storm floods coastal towns",
        head=OG_SITE.format(site="Coast Courier | Your news, every day"),
    )
    a = parse(tagline)
    assert a.outlet == "Coast Courier"


def test_bylines_of_brands_desks_and_accounts_are_not_authors():
    for author, names in (
        ("Victor Hale; Harbour Times", ["Victor Hale"]),
        ("Telegraph Sport", []),
        ("webadmin", []),
        ("Jane Doe; Coastal Media Group", ["Jane Doe"]),
        ("Carrie Arnold November", ["Carrie Arnold"]),
    ):
        html = page(
            title="Port traffic rebounds as customs wait falls",
            head=OG_SITE.format(site="Harbour Times") + f'<meta name="author" content="{author}">',
        )
        assert parse(html).authors == names, author


@pytest.mark.parametrize(
    ("title", "headline"),
    [
        ("Kenya protests: Parliament partly set on fire", "Kenya protests: Parliament partly set on fire"),
        ("Ukraine war: Russia launches biggest drone attack", "Ukraine war: Russia launches biggest drone attack"),
        ("ANALYSIS: Why the port deal matters", "Why the port deal matters"),
        ("BREAKING NEWS: Chelsea activate release clause", "Chelsea activate release clause"),
    ],
)
def test_a_topic_before_a_colon_is_part_of_the_headline_but_a_section_label_is_not(title, headline):
    assert clean_title(title, "Harbour Times") == headline


def test_without_a_stated_site_name_the_titles_tail_names_the_outlet():
    html = page(title="Port traffic rebounds as customs wait falls - BBC News", h1="Port traffic rebounds as customs wait falls")
    assert parse_page(html.encode(), file="p.html", url="https://www.bbc.co.uk/news/business-1").outlet == "BBC News"
    assert parse(html).outlet == "BBC News"  # a saved file with no address
    other = page(title="Port traffic rebounds as customs wait falls - Auto News")
    assert parse_page(other.encode(), file="p.html", url="https://www.harbour.example/x").outlet == "harbour.example"
