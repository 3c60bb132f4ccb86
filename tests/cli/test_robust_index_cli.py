"""`briefings index` against files that used to stop every run: long paragraphs, odd names, odd encodings."""

from __future__ import annotations

import json

import pytest

from briefings.nlp import load_nlp
from briefings.sentences import split_sentences
from cli.main import main
from tests.conftest import write_corpus

AP_STORY = (
    "Port strike ends after pay deal\n\n"
    "ROTTERDAM, Netherlands (AP) — Dock workers ended a week-long strike on Tuesday, "
    "union leader Marieke Jansen said, after the port operator agreed to a pay rise.\n\n"
    "{long}\n\n"
    "“We have what we asked for,” Jansen told reporters outside the terminal."
)


@pytest.fixture
def corpus(monkeypatch, tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("BRIEFINGS_CORPUS_DIR", str(folder))
    monkeypatch.setenv("BRIEFINGS_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    return folder


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def long_paragraph(chars: int) -> str:
    """One paragraph of ordinary prose, many sentences long, mentioning a person near its end."""
    sentence = "Shipping lines said the backlog of containers would take several days to clear, and more ships waited offshore. "
    body = sentence * (chars // len(sentence))
    return body + "Economy minister Pieter de Vries said on Wednesday that the government welcomed the deal."


@pytest.mark.nlp
def test_a_paragraph_longer_than_the_models_limit_is_indexed(corpus, capsys, monkeypatch):
    # spaCy refuses a text over `max_length` characters (E088): 1,000,000 for the real model. A
    # smaller limit here stands for it, so the test stays quick; the mechanism is the same.
    monkeypatch.setattr(load_nlp(), "max_length", 20_000)
    write_corpus(corpus, {"ap-strike.txt": AP_STORY.format(long=long_paragraph(45_000)), "short.txt": AP_STORY.format(long="")})
    code, out, err = run(capsys, "index", "--json")
    report = json.loads(out)
    assert code == 0, err
    assert report["new"] == ["ap-strike.txt", "short.txt"] and report["skipped"] == []
    code, out, _ = run(capsys, "who", "de Vries", "--json")
    assert code == 0 and json.loads(out)["status"] == "found"
    code, out, _ = run(capsys, "show", "ap-strike.txt", "--json")
    body = json.loads(out)["body"]
    assert max(len(p) for p in body) > 45_000  # the paragraph is stored whole, not cut


def test_a_very_long_line_is_split_into_its_sentences():
    # The old splitter searched everything before each full stop: about 36 minutes for this line.
    line = "The talks went well, the envoy said. " * 52_000 + "Mr. Kim left."
    sentences = split_sentences(line)
    assert len(sentences) == 52_001
    assert sentences[-1] == "Mr. Kim left."
