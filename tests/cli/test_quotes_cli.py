"""Who said it, as `briefings show ID --json` lists an article's quotes (small articles in several house styles)."""

from __future__ import annotations

import json

import pytest

from cli.main import main
from tests.conftest import write_corpus

ARTICLES = {
    "reuters_port.txt": """Port strike enters second week as talks stall

ROTTERDAM, March 3 (Reuters) - Dock workers at Europe's busiest port kept up their strike on Monday.

"We are not going back until the offer is on paper," union leader Marieke Janssen told reporters at the gate.

She said the employers had not called since Friday. "Nobody has picked up the phone," she said.

The port authority said in a statement that "contingency berths remain open to essential cargo ships."
""",
}


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    root = tmp_path_factory.mktemp("quotes")
    write_corpus(root / "corpus", ARTICLES)
    mp = pytest.MonkeyPatch()
    mp.setenv("BRIEFINGS_CORPUS_DIR", str(root / "corpus"))
    mp.setenv("BRIEFINGS_DATABASE_URL", f"sqlite:///{root / 'quotes.db'}")
    mp.chdir(root)
    assert main(["index"]) == 0
    yield root
    mp.undo()


def quotes_of(capsys, file: str) -> list[dict]:
    capsys.readouterr()
    assert main(["show", file, "--json"]) == 0
    return json.loads(capsys.readouterr().out)["quotes"]


def said(quotes: list[dict], words: str) -> dict:
    return next(q for q in quotes if words in q["text"])


def test_show_json_lists_each_quote_with_speaker_attribution_and_kind(env, capsys):
    quotes = quotes_of(capsys, "reuters_port.txt")
    assert all({"text", "speaker", "attribution", "kind"} <= set(q) for q in quotes)
    first = said(quotes, "not going back")
    assert (first["speaker"], first["attribution"], first["kind"]) == ("Marieke Janssen", "named", "direct")
    second = said(quotes, "picked up the phone")
    assert (second["speaker"], second["attribution"]) == ("Marieke Janssen", "inferred")
    port = said(quotes, "contingency berths")
    assert (port["speaker"], port["attribution"]) == (None, "organisation")
    reported = said(quotes, "employers had not called")
    assert (reported["speaker"], reported["kind"]) == ("Marieke Janssen", "reported")


def test_who_prints_verbatim_quotes_and_reported_speech_apart(env, capsys):
    capsys.readouterr()
    assert main(["who", "Janssen"]) == 0
    out = capsys.readouterr().out
    said_part, _, reported_part = out.partition("Reported to have said")
    assert "not going back until the offer is on paper" in said_part
    assert "the employers had not called since Friday" in reported_part
