"""`briefings index` with BRIEFINGS_FEEDS, `add` and `sources`, against a loopback web server."""

from __future__ import annotations

import json

import pytest

from cli.main import main
from tests.briefings.pages import PARAGRAPHS, page, rss

FULL = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)


@pytest.fixture
def env(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "corpus").mkdir()
    monkeypatch.setenv("BRIEFINGS_CORPUS_DIR", str(tmp_path / "corpus"))
    monkeypatch.setenv("BRIEFINGS_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    monkeypatch.setenv("BRIEFINGS_ALLOW_PRIVATE_URLS", "true")
    return tmp_path


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_feeds_setting_indexes_entries_then_fetches_nothing_new_and_who_answers(env, site, monkeypatch, capsys):
    item = {
        "title": "Port traffic rebounds as customs wait falls",
        "link": site.url("/port"),
        "date": "Tue, 05 Mar 2024 09:30:00 GMT",
        "content": FULL,
    }
    site.pages["/feed.xml"] = (rss("Harbour Times", [item]).encode(), "application/rss+xml")
    monkeypatch.setenv("BRIEFINGS_FEEDS", site.url("/feed.xml"))
    code, out, _ = run(capsys, "index")
    assert code == 0 and "1 new" in out
    code, out, _ = run(capsys, "index", "--json")
    summary = json.loads(out)
    assert summary["new"] == [] and summary["unchanged"] == [site.url("/port")]
    assert [h.get("if-none-match") is not None for h in site.hits("/feed.xml")] == [False, True]
    code, out, _ = run(capsys, "who", "Okafor", "--json")
    assert code == 0 and json.loads(out)["person"]["name"] == "Maria Okafor"
    code, out, _ = run(capsys, "articles", "--json")
    (article,) = json.loads(out)
    assert article["source"] == {"kind": "feed", "address": site.url("/feed.xml")}
    assert article["url"] == site.url("/port").replace("http://", "https://")
    code, out, _ = run(capsys, "sources", "--json")
    (source,) = json.loads(out)
    assert source["origin"] == "env" and source["kind"] == "feed" and source["status"] == "not modified" and source["articles"] == 1


def test_add_indexes_a_page_now_and_sources_lists_it(env, site, capsys):
    site.pages["/story"] = (page(title="Port traffic rebounds as customs wait falls").encode(), "text/html")
    site.pages["/gone"] = 404
    code, out, _ = run(capsys, "add", site.url("/story"), site.url("/gone"))
    assert code == 1 and "1 new articles" in out and "HTTP 404" in out
    code, out, _ = run(capsys, "sources")
    assert site.url("/story") in out and "ok · 1 articles" in out and "error: HTTP 404" in out
    assert "failed 1 time in a row, next try after" in out  # the failing source's backoff
    code, out, _ = run(capsys, "sources", "--json")
    gone = next(s for s in json.loads(out) if s["url"] == site.url("/gone"))
    assert gone["failures"] == 1 and gone["retry_after"] > gone["last_fetch"]
    code, out, _ = run(capsys, "show", site.url("/story"), "--json")
    assert json.loads(out)["source"] == {"kind": "url", "address": site.url("/story")}


def test_bad_addresses_and_feed_settings_are_one_line_errors(env, capsys, monkeypatch):
    code, _, err = run(capsys, "add", "javascript:alert(1)")
    assert code == 2 and "only http and https" in err
    monkeypatch.setenv("BRIEFINGS_FEEDS", "feeds.example.org/rss")
    code, _, err = run(capsys, "sources")
    assert code == 2 and "BRIEFINGS_FEEDS" in err and err.count("\n") == 1
