"""Remote sources through a loopback web server: feeds, pages, conditional GET, safety limits, failures."""

from __future__ import annotations

from datetime import timedelta

import pytest

from briefings.fetch import Fetcher, FetchError
from briefings.service import build_briefings
from briefings.sources import SourceError
from briefings.store import SourceRow
from tests.briefings.pages import PARAGRAPHS, atom, page, rss

RSS = "application/rss+xml"
HTML = "text/html; charset=utf-8"
FULL = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)


def core_for(tmp_path, feeds=(), **kwargs):
    (tmp_path / "corpus").mkdir(exist_ok=True)
    options = {"allow_private_urls": True, "fetch_timeout": 5.0} | kwargs
    return build_briefings(
        database_url=f"sqlite:///{tmp_path / 'db.sqlite'}", corpus_dir=tmp_path / "corpus", nlp=False, feeds=list(feeds), **options
    )


def port_feed(site, *, full: bool) -> bytes:
    items = [
        {
            "title": "Port traffic rebounds as customs wait falls",
            "link": site.url("/news/port"),
            "date": "Tue, 05 Mar 2024 09:30:00 GMT",
            "author": "Jane Doe",
            **({"content": FULL} if full else {"description": "Container traffic rose 12 percent."}),
        },
        {
            "title": "Dock workers to resume pay talks",
            "link": site.url("/news/talks"),
            "date": "Wed, 06 Mar 2024 07:00:00 GMT",
            **({"content": FULL.replace("port authority", "dock union")} if full else {"description": "Talks resume next week."}),
        },
    ]
    return rss("Harbour Times", items).encode()


def test_feed_with_full_content_is_indexed_and_a_second_run_fetches_nothing_new(tmp_path, site):
    site.pages["/feed.xml"] = (port_feed(site, full=True), RSS)
    core = core_for(tmp_path, feeds=[site.url("/feed.xml")])
    report = core.index()
    assert len(report.new) == 2
    articles = {a.headline: a for a in core.articles()}
    port = articles["Port traffic rebounds as customs wait falls"]
    assert port.outlet == "Harbour Times" and port.authors == ["Jane Doe"] and port.published["date"] == "2024-03-05"
    assert port.source == {"kind": "feed", "address": site.url("/feed.xml")} and port.body == PARAGRAPHS
    assert not site.hits("/news/port")  # the feed carried the whole article

    again = core_for(tmp_path, feeds=[site.url("/feed.xml")])  # a restart: a new process on the same database
    report = again.index()
    assert report.new == [] and len(report.unchanged) == 2
    second = site.hits("/feed.xml")[-1]
    assert second.get("if-none-match")  # a conditional GET, answered 304
    assert "briefings" in second["user-agent"]


def test_feed_of_summaries_reads_the_linked_pages_and_marks_a_summary_it_had_to_keep(tmp_path, site):
    site.pages["/feed.xml"] = (port_feed(site, full=False), RSS)
    site.pages["/news/port"] = (
        page(
            title="Port traffic rebounds as customs wait falls | Harbour Times",
            head='<meta property="og:site_name" content="Harbour Times">',
        ).encode(),
        HTML,
    )
    site.pages["/news/talks"] = 500
    core = core_for(tmp_path, feeds=[site.url("/feed.xml")])
    core.index()
    articles = {a.headline: a for a in core.articles()}
    port = articles["Port traffic rebounds as customs wait falls"]
    assert port.body == PARAGRAPHS and port.published["date"] == "2024-03-05"
    talks = articles["Dock workers to resume pay talks"]
    assert talks.body == ["Talks resume next week."] and any(w.startswith("summary only") for w in talks.warnings)
    core.index()
    assert len(site.hits("/news/port")) == 1  # an indexed entry's page is never fetched again


def test_atom_feed_entries_keep_their_authors_and_dates(tmp_path, site):
    entries = [
        {
            "title": "Storm floods coastal towns",
            "link": site.url("/storm"),
            "date": "2024-02-11T06:00:00Z",
            "author": "By SAM LEE",
            "content": FULL,
        }
    ]
    site.pages["/atom.xml"] = (atom("Coast Courier", entries).encode(), "application/atom+xml")
    core = core_for(tmp_path)
    report = core.add([site.url("/atom.xml")])
    assert report.fetched == [site.url("/atom.xml")] and len(report.articles.new) == 1
    a = core.articles()[0]
    assert a.authors == ["Sam Lee"] and a.published["date"] == "2024-02-11" and a.outlet == "Coast Courier"


def test_added_page_is_indexed_and_listed_with_its_status(tmp_path, site):
    site.pages["/story"] = (page(title="Port traffic rebounds as customs wait falls").encode(), HTML)
    core = core_for(tmp_path)
    core.add([site.url("/story")])
    (source,) = core.sources()
    assert source.kind == "page" and source.status == "ok" and source.articles == 1 and source.last_fetch
    article = core.articles()[0]
    assert article.source == {"kind": "url", "address": site.url("/story")}
    core.index()
    assert [s.status for s in core.sources()] == ["not modified"]


def test_a_failing_source_is_reported_and_retried_later_with_a_growing_wait_without_stopping_the_others(tmp_path, site):
    site.pages["/ok.xml"] = (port_feed(site, full=True), RSS)
    site.pages["/down.xml"] = 503
    down = site.url("/down.xml")
    core = core_for(tmp_path, feeds=[down, site.url("/ok.xml")])
    report = core.index()
    assert len(report.new) == 2 and (down, "HTTP 503 Service Unavailable") in report.skipped
    status = {s.url: s for s in core.sources()}[down]
    assert status.status == "error" and "503" in status.error and status.failures == 1
    assert status.retry_after - status.last_fetch == timedelta(minutes=2)
    # The next rescan leaves it alone until its wait is over, and says so.
    report = core.index()
    assert len(site.hits("/down.xml")) == 1 and any(url == down and "backoff" in why for url, why in report.warnings)
    _age(core, down, minutes=3)
    report = core.index()  # fetched again, fails again: the wait doubles
    status = {s.url: s for s in core.sources()}[down]
    assert len(site.hits("/down.xml")) == 2 and status.failures == 2
    assert status.retry_after - status.last_fetch == timedelta(minutes=4)
    assert status.to_dict()["failures"] == 2 and status.to_dict()["retry_after"].startswith(str(status.retry_after.date()))
    site.pages["/down.xml"] = (
        rss(
            "Other Paper", [{"title": "Bridge reopens", "link": site.url("/b"), "date": "Thu, 07 Mar 2024 08:00:00 GMT", "content": FULL}]
        ).encode(),
        RSS,
    )
    _age(core, down, minutes=5)
    assert len(core.index().new) == 1
    assert {s.status for s in core.sources()} == {"ok", "not modified"}
    assert {(s.failures, s.retry_after) for s in core.sources()} == {(0, None)}


def test_adding_a_failing_source_again_fetches_it_at_once(tmp_path, site):
    site.pages["/gone"] = 404
    core = core_for(tmp_path)
    assert core.add([site.url("/gone")]).failed
    site.pages["/gone"] = (page(title="Port traffic rebounds as customs wait falls").encode(), HTML)
    report = core.add([site.url("/gone")])  # the user asks now: no waiting
    assert not report.failed and len(report.articles.new) == 1


def _age(core, url: str, *, minutes: int) -> None:
    """Time passes for a source: its last fetch moved back in the real database."""
    with core.db.session() as s, s.begin():
        row = s.get(SourceRow, url)
        row.last_fetch = row.last_fetch - timedelta(minutes=minutes)


def test_fetching_refuses_private_addresses_other_schemes_and_oversized_or_slow_answers(tmp_path, site):
    site.pages["/big"] = (b"<html><body>" + b"<p>word</p>" * 1000 + b"</body></html>", HTML)
    with pytest.raises(FetchError, match="BRIEFINGS_ALLOW_PRIVATE_URLS"):
        Fetcher().get(site.url("/big"))
    with pytest.raises(FetchError, match="only http and https"):
        Fetcher(allow_private=True).get("file:///etc/passwd")
    with pytest.raises(FetchError, match="too large"):
        Fetcher(allow_private=True, max_bytes=5000).get(site.url("/big"))
    site.delay = 1.0
    with pytest.raises(FetchError, match="no answer within"):
        Fetcher(allow_private=True, timeout=0.3).get(site.url("/big"))


def test_adding_something_that_is_not_a_web_address_is_a_clear_error(tmp_path):
    core = core_for(tmp_path)
    with pytest.raises(SourceError, match="only http and https"):
        core.add(["ftp://example.org/feed.xml"])
    assert core.sources() == []


def test_a_private_address_is_recorded_as_an_error_when_not_allowed(tmp_path, site):
    site.pages["/feed.xml"] = (port_feed(site, full=True), RSS)
    core = core_for(tmp_path, allow_private_urls=False)
    report = core.add([site.url("/feed.xml")])
    assert report.failed and "BRIEFINGS_ALLOW_PRIVATE_URLS" in report.failed[0][1]
    assert not site.requests


def test_feed_files_in_the_corpus_give_one_article_per_entry_and_keep_them_when_unchanged(tmp_path, site):
    from tests.conftest import write_corpus

    site.pages["/news/port"] = (page(title="Port traffic rebounds as customs wait falls").encode(), HTML)
    items = [
        {
            "title": "Port traffic rebounds as customs wait falls",
            "link": site.url("/news/port"),
            "date": "Tue, 05 Mar 2024 09:30:00 GMT",
            "description": "Teaser.",
        },
        {
            "title": "Dock workers to resume pay talks",
            "link": "https://talks.invalid/x",
            "date": "Wed, 06 Mar 2024 07:00:00 GMT",
            "description": "Talks resume next week.",
        },
    ]
    write_corpus(tmp_path / "corpus", {"harbour.rss": rss("Harbour Times", items), "broken.xml": "<rss><channel></channel></rss>"})
    core = core_for(tmp_path)
    report = core.index()
    assert len(report.new) == 2 and all(name.startswith("harbour.rss#") for name in report.new)
    assert "not a feed" in dict(report.skipped)["broken.xml"]
    articles = {a.headline: a for a in core.articles()}
    assert articles["Port traffic rebounds as customs wait falls"].body == PARAGRAPHS  # the linked page, fetched
    assert articles["Dock workers to resume pay talks"].body == ["Talks resume next week."]
    assert articles["Dock workers to resume pay talks"].source == {"kind": "feed", "address": "harbour.rss"}
    again = core.index()
    assert again.new == [] and len(again.unchanged) == 2 and len(site.hits("/news/port")) == 1
    (tmp_path / "corpus" / "harbour.rss").unlink()
    assert len(core.index().removed) == 2


def test_a_story_saved_as_a_file_and_carried_by_a_feed_is_one_article(tmp_path, site):
    from tests.conftest import write_corpus

    site.pages["/feed.xml"] = (port_feed(site, full=True), RSS)
    canonical = f'<link rel="canonical" href="{site.url("/news/port")}?utm_source=rss">'
    write_corpus(tmp_path / "corpus", {"port.html": page(title="Port traffic rebounds as customs wait falls", head=canonical)})
    core = core_for(tmp_path, feeds=[site.url("/feed.xml")])
    report = core.index()
    assert any(name == "port.html" and "same story as" in reason for name, reason in report.skipped)
    headlines = [a.headline for a in core.articles()]
    assert headlines.count("Port traffic rebounds as customs wait falls") == 1


def test_a_feed_taken_out_of_the_setting_is_no_longer_polled(tmp_path, site):
    site.pages["/a.xml"] = (port_feed(site, full=True), RSS)
    site.pages["/b.xml"] = (
        rss(
            "Other Paper", [{"title": "Bridge reopens", "link": site.url("/b"), "date": "Thu, 07 Mar 2024 08:00:00 GMT", "content": FULL}]
        ).encode(),
        RSS,
    )
    core_for(tmp_path, feeds=[site.url("/a.xml"), site.url("/b.xml")]).index()
    core_for(tmp_path, feeds=[site.url("/b.xml")]).index()
    assert len(site.hits("/a.xml")) == 1 and len(site.hits("/b.xml")) == 2
