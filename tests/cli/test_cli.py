"""The `briefings` command as a user runs it: index, articles, show, JSON on stdout only."""

from __future__ import annotations

import json

import pytest

from cli.main import main
from tests.conftest import write_corpus


@pytest.fixture
def env(monkeypatch, tmp_path, seeds_copy):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("BRIEFINGS_CORPUS_DIR", str(seeds_copy))
    monkeypatch.setenv("BRIEFINGS_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    return seeds_copy


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_index_then_articles_json_lists_the_seeds(env, capsys):
    code, out, _ = run(capsys, "index")
    assert code == 0 and "5 new" in out
    code, out, _ = run(capsys, "articles", "--json")
    articles = json.loads(out)  # stdout is one JSON document and nothing else
    assert code == 0 and len(articles) == 5
    by_file = {a["file"][:3]: a for a in articles}
    assert by_file["000"]["published"]["date"] == "2023-11-09"
    assert by_file["001"]["published"]["date"] == "2023-09-14" and by_file["001"]["outlet"] == "The Korea Herald"
    assert by_file["002"]["published"]["date"] is None and by_file["002"]["page_date"]["confidence"] == "low"
    assert by_file["003"]["published"]["date"] == "2023-10-17"
    assert by_file["004"]["published"]["date"] == "--09-20" and by_file["004"]["outlet"] == "Korea Bizwire"
    assert by_file["000"]["authors"] == ["Kim Seung-yeon", "Yi Wonju"]


def test_index_json_summary_and_rescan(env, capsys):
    run(capsys, "index")
    (env / "notes.bin").write_bytes(b"\x00\xff" * 50)
    code, out, _ = run(capsys, "index", "--json")
    summary = json.loads(out)
    assert code == 0
    assert len(summary["unchanged"]) == 5
    assert summary["skipped"] == [{"file": "notes.bin", "reason": "binary file, not text"}]


def test_show_prints_clean_body_and_captions(env, capsys):
    run(capsys, "index")
    _, out, _ = run(capsys, "articles", "--json")
    jakarta = next(a for a in json.loads(out) if a["file"].startswith("003"))
    code, out, _ = run(capsys, "show", jakarta["id"], "--json")
    shown = json.loads(out)
    assert code == 0 and shown["captions"] and "U.S. Embassy in Jakarta" in shown["captions"][0]
    code, out, _ = run(capsys, "show", jakarta["id"])
    assert "Photo captions:" in out and "scroll to top" not in out


def test_unknown_article_and_missing_corpus_are_one_line_errors(env, capsys, monkeypatch, tmp_path):
    run(capsys, "index")
    code, _, err = run(capsys, "show", "nosuchid")
    assert code == 2 and "no article" in err and "Traceback" not in err
    monkeypatch.setenv("BRIEFINGS_CORPUS_DIR", str(tmp_path / "missing"))
    code, _, err = run(capsys, "index")
    assert code == 2 and "does not exist" in err


def test_nothing_indexable_exits_non_zero(monkeypatch, tmp_path, capsys):
    corpus = write_corpus(tmp_path / "bad", {"a.txt": "", "b.txt": b"\x00\x01"})
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("BRIEFINGS_CORPUS_DIR", str(corpus))
    monkeypatch.setenv("BRIEFINGS_DATABASE_URL", f"sqlite:///{tmp_path / 'x.db'}")
    code, out, err = run(capsys, "index")
    assert code == 1 and "nothing could be indexed" in err and "skipped" in out


def test_bad_setting_stops_with_one_line(monkeypatch, capsys, env):
    monkeypatch.setenv("BRIEFINGS_DIGEST_TIME", "25:00")
    code, _, err = run(capsys, "articles")
    assert code == 2 and err.strip().count("\n") == 0 and "BRIEFINGS_DIGEST_TIME" in err
