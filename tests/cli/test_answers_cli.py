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


def test_timeline_shows_each_kind_in_plain_words_and_marks_planned_events(env, capsys):
    capsys.readouterr()
    assert main(["timeline"]) == 0
    out = capsys.readouterr().out
    assert "Kim Jong-un visit to Vladivostok [visit (planned)]" in out
    assert "[summit]" in out
    code, events = run_json(capsys, "timeline", "--json")
    assert code == 0
    planned = [e for e in events if e["status"] == "planned"]
    assert {"Vladivostok", "Komsomolsk-on-Amur"} <= {e["place"] for e in planned}
    assert all("event_role" in p for e in events for p in e["participants"])


def test_who_batch_answers_each_line_as_the_single_query_would(env, capsys, tmp_path):
    queries = ["Kirby", "Kim", "Kim Jong-il", "who is Blinken?"]
    batch = tmp_path / "names.txt"
    batch.write_text("\n".join(queries[:2]) + "\n\n" + "\n".join(queries[2:]) + "\n", encoding="utf-8")
    capsys.readouterr()
    code = main(["who", "--batch", str(batch), "--json"])
    lines = capsys.readouterr().out.splitlines()
    assert code == 1  # one of them is not found
    assert [json.loads(line) for line in lines] == [run_json(capsys, "who", q, "--json")[1] for q in queries]


def test_who_batch_reads_stdin(env, capsys, monkeypatch):
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"Kirby\nBlinken\n")))
    capsys.readouterr()
    assert main(["who", "--batch", "-", "--json"]) == 0
    docs = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(d["query"], d["status"], d["person"]["name"]) for d in docs] == [
        ("Kirby", "found", "John Kirby"),
        ("Blinken", "found", "Antony Blinken"),
    ]


def test_who_batch_bad_file_is_one_line_and_answers_nothing(env, capsys, tmp_path):
    binary = tmp_path / "names.bin"
    binary.write_bytes(b"Kirby\n\xff\xfe\x00bad\n")
    capsys.readouterr()
    assert main(["who", "--batch", str(binary), "--json"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and "not UTF-8" in err
    assert main(["who", "--batch", str(tmp_path / "missing.txt")]) == 2
    assert "cannot read the batch file" in capsys.readouterr().err
