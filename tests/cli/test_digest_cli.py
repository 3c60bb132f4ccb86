"""`briefings digest`: the next digest printed as it would be posted, plain or JSON, nothing marked sent."""

from __future__ import annotations

import json

import pytest

from briefings.digest import build_digest, mark_sent
from briefings.store import Database
from cli.main import main
from tests.conftest import write_corpus


@pytest.fixture
def env(monkeypatch, tmp_path, seeds_copy):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("BRIEFINGS_CORPUS_DIR", str(seeds_copy))
    monkeypatch.setenv("BRIEFINGS_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    monkeypatch.delenv("BRIEFINGS_DIGEST_CHANNEL", raising=False)
    return tmp_path / "cli.db"


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_digest_json_has_exactly_the_documented_shape(env, capsys):
    run(capsys, "index")
    code, out, _ = run(capsys, "digest", "--json", "--all")
    digest = json.loads(out)
    assert code == 0 and set(digest) == {"date", "stories"}
    assert len(digest["stories"]) == 3  # the summit and its aftermath told once, with three sources
    assert [len(s["sources"]) for s in digest["stories"]] == [3, 1, 1]
    for story in digest["stories"]:
        assert set(story) == {"headline", "summary", "sentences", "people", "quote", "date", "sources"}
        assert story["summary"] and isinstance(story["summary"], str)
        for source in story["sources"]:
            assert set(source) == {"article_id", "outlet", "date", "headline", "superseded_by"}
            assert source["superseded_by"] is None  # the seeds hold no re-filed versions
        # Every sentence of the summary says which article (and outlet) it comes from.
        assert " ".join(s["text"] for s in story["sentences"]) == story["summary"]
        ids = {s["article_id"]: s["outlet"] for s in story["sources"]}
        assert all(ids[s["article_id"]] == s["outlet"] for s in story["sentences"])


def test_digest_prints_plainly_and_marks_nothing_sent(env, capsys):
    run(capsys, "index")
    code, out, _ = run(capsys, "digest")
    assert code == 0 and "3 stories" in out and "Korea Bizwire" in out and "date unknown" in out
    code, again, _ = run(capsys, "digest")
    assert again == out  # printing is not sending
    # A story told from several outlets says which outlet each part of its summary comes from.
    _, document, _ = run(capsys, "digest", "--json")
    story = next(s for s in json.loads(document)["stories"] if len(s["sources"]) > 1)
    flat = " ".join(out.split())
    assert all(f"({sentence['outlet']})" in flat for sentence in story["sentences"])


def test_digest_after_everything_was_sent_says_so_in_one_line(env, capsys):
    run(capsys, "index")
    db = Database(f"sqlite:///{env}")
    mark_sent(db, build_digest(db, channel="#news"), "#news", "today")
    db.close()
    code, out, _ = run(capsys, "digest", "--channel", "#news")
    assert code == 0 and out.strip() == "Nothing new since the last digest."
    code, out, _ = run(capsys, "digest", "--channel", "#news", "--all", "--json")
    assert len(json.loads(out)["stories"]) == 3


def test_digest_since_filters_by_date_and_rejects_a_bad_one(env, capsys):
    run(capsys, "index")
    code, out, _ = run(capsys, "digest", "--json", "--since", "2023-10-01")
    headlines = [s["headline"] for s in json.loads(out)["stories"]]
    assert (
        code == 0 and any(h.startswith("Blinken says") for h in headlines) and any(h.startswith("Top U.S. nuke envoy") for h in headlines)
    )
    assert not any(h.startswith("US concerned") for h in headlines)
    code, _, err = run(capsys, "digest", "--since", "last tuesday")
    assert code == 2 and "YYYY-MM-DD" in err


FIRST_TAKE = """N. Korea fires ballistic missile into East Sea: JCS
SEOUL, Aug. 24, 2023 (Yonhap) -- North Korea fired a ballistic missile into the East Sea early Thursday, South Korea's Joint Chiefs of Staff said.
The missile was launched from the Sunan area of Pyongyang at around 6:45 a.m. and flew about 600 kilometers, the JCS said.
(END)
"""
SECOND_TAKE = """(2nd LD) N. Korea fires ballistic missile into East Sea: JCS
SEOUL, Aug. 24, 2023 (Yonhap) -- North Korea fired a ballistic missile into the East Sea early Thursday, South Korea's Joint Chiefs of Staff said.
The missile was launched from the Sunan area of Pyongyang at around 6:45 a.m. and flew about 600 kilometers, the JCS said.
Japan's Defense Ministry said the missile appeared to have landed outside its exclusive economic zone.
(END)
"""


def test_digest_json_lists_a_folded_version_with_the_version_that_superseded_it(monkeypatch, tmp_path, capsys):
    corpus = write_corpus(tmp_path / "corpus", {"take1.txt": FIRST_TAKE, "take2.txt": SECOND_TAKE})
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("BRIEFINGS_CORPUS_DIR", str(corpus))
    monkeypatch.setenv("BRIEFINGS_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    monkeypatch.delenv("BRIEFINGS_DIGEST_CHANNEL", raising=False)
    run(capsys, "index")
    _, out, _ = run(capsys, "digest", "--json", "--all")
    (story,) = json.loads(out)["stories"]
    by_id = {s["article_id"]: s for s in story["sources"]}
    assert len(by_id) == 2
    newest = next(s for s in by_id.values() if s["superseded_by"] is None)
    older = next(s for s in by_id.values() if s["superseded_by"] is not None)
    assert newest["headline"] == older["headline"] == "N. Korea fires ballistic missile into East Sea: JCS"
    assert older["superseded_by"] == newest["article_id"]
    assert "Japan" in story["summary"]  # told from the newer version
