"""`briefings who | event | timeline` as a user runs them, with the contract's JSON."""

from __future__ import annotations

import json

import pytest

from cli.main import main


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    root = tmp_path_factory.mktemp("answers")
    import shutil

    from tests.conftest import SEEDS

    shutil.copytree(SEEDS, root / "corpus")
    mp = pytest.MonkeyPatch()
    mp.setenv("BRIEFINGS_CORPUS_DIR", str(root / "corpus"))
    mp.setenv("BRIEFINGS_DATABASE_URL", f"sqlite:///{root / 'answers.db'}")
    mp.chdir(root)
    assert main(["index"]) == 0
    yield root
    mp.undo()


def run_json(capsys, *argv):
    capsys.readouterr()
    code = main(list(argv))
    return code, json.loads(capsys.readouterr().out)


def test_who_json_has_the_contract_fields(env, capsys):
    code, doc = run_json(capsys, "who", "Kirby", "--json")
    assert code == 0 and doc["status"] == "found" and doc["query"] == "Kirby"
    person = doc["person"]
    assert person["name"] == "John Kirby"
    assert {"name", "aliases", "roles", "quotes", "articles"} <= set(person)
    assert {"title", "organization", "article_id"} <= set(person["roles"][0])
    assert {"text", "article_id", "date", "inferred"} <= set(person["quotes"][0])
    assert {"id", "headline", "outlet", "date"} <= set(person["articles"][0])
    assert doc["candidates"] == []


def test_who_ambiguous_and_not_found(env, capsys):
    code, doc = run_json(capsys, "who", "Kim", "--json")
    assert code == 0 and doc["status"] == "ambiguous" and doc["person"] is None
    assert {"name", "role", "score"} <= set(doc["candidates"][0])
    code, doc = run_json(capsys, "who", "Kim", "Jong-il", "--json")
    assert code == 1 and doc["status"] == "not_found"


def test_event_json_has_the_contract_fields(env, capsys):
    code, doc = run_json(capsys, "event", "Jakarta", "--json")
    event = doc["event"]
    assert code == 0 and doc["status"] == "found"
    assert event["date"] == "2023-10-17" and event["date_precision"] == "day"
    assert {"title", "kind", "date", "date_precision", "place", "participants", "quotes", "summary", "articles"} <= set(event)
    assert {"name", "role"} <= set(event["participants"][0])
    assert {"text", "speaker", "article_id"} <= set(event["quotes"][0])
    code, doc = run_json(capsys, "event", "September", "2023", "--json")
    assert doc["status"] == "ambiguous" and {"title", "date", "place", "score"} <= set(doc["candidates"][0])


def test_plain_answers_read_well(env, capsys):
    capsys.readouterr()
    assert main(["who", "Kirby"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("John Kirby") and "Said:" in out and "In 2 articles" in out
    assert main(["event", "Paris"]) == 1
    assert "No event matching “Paris”" in capsys.readouterr().out


def test_timeline_lists_events_in_order(env, capsys):
    code, events = run_json(capsys, "timeline", "--json")
    dated = [e["date"] for e in events if e["date"] and not e["date"].startswith("--")]
    assert code == 0 and dated == sorted(dated) and len(dated) >= 5
