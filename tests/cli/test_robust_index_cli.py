"""`briefings index` against files that used to stop every run: long paragraphs, odd names, odd encodings."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys

import pytest

from briefings.nlp import load_nlp
from briefings.sentences import split_sentences
from cli.main import main
from tests.conftest import ROOT, write_corpus

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


REUTERS_STORY = (
    "Dock strike ends in {city}\n\n"
    "{city}, March 4, 2024 (Reuters) - Harbour workers in {city} returned to work on Monday, "
    "port director {person} said, after a two-week strike over pay.\n\n"
    '"The ships are moving again," {person} told reporters at the terminal.'
)


def test_a_file_name_that_is_not_utf8_does_not_stop_the_run(corpus, capsys):
    (corpus / "daily.txt").write_text(REUTERS_STORY.format(city="Antwerp", person="Hanna Claes"), encoding="utf-8")
    (corpus / os.fsdecode(b"caf\xe9-strike.txt")).write_text(REUTERS_STORY.format(city="Genoa", person="Marco Bellini"), encoding="utf-8")
    code, out, err = run(capsys, "index", "--json")
    assert code == 0, err
    report = json.loads(out)  # valid JSON, so valid UTF-8 names
    assert sorted(report["new"]) == ["caf\\xe9-strike.txt", "daily.txt"]
    for name in ("Hanna Claes", "Marco Bellini"):
        code, out, _ = run(capsys, "who", name, "--json")
        assert json.loads(out)["status"] == "found"
    code, out, _ = run(capsys, "index", "--json")  # the rescan sees the same names: nothing to redo
    assert code == 0 and sorted(json.loads(out)["unchanged"]) == ["caf\\xe9-strike.txt", "daily.txt"]


def test_every_file_that_cannot_be_an_article_is_skipped_with_a_reason(corpus, capsys, tmp_path):
    story = REUTERS_STORY.format(city="Hamburg", person="Jonas Weber")
    (corpus / "utf16-bom.txt").write_bytes(story.encode("utf-16"))
    (corpus / "utf16-le.txt").write_bytes(REUTERS_STORY.format(city="Bremen", person="Lena Vogt").encode("utf-16-le"))
    (corpus / "random.txt").write_bytes(random.Random(7).randbytes(6000))
    (corpus / "random-text.txt").write_bytes(bytes(random.Random(8).choices(range(32, 256), k=6000)))
    (corpus / "one-word.txt").write_text("Headline\n\n" + "a" * 200_000, encoding="utf-8")
    outside = tmp_path / "secret.txt"
    outside.write_text(REUTERS_STORY.format(city="Oslo", person="Ola Nordmann"), encoding="utf-8")
    (corpus / "outside.txt").symlink_to(outside)
    (corpus / "zero.txt").symlink_to("/dev/zero")
    (corpus / "loop-a.txt").symlink_to(corpus / "loop-b.txt")
    (corpus / "loop-b.txt").symlink_to(corpus / "loop-a.txt")
    (corpus / "dangling.txt").symlink_to(corpus / "gone.txt")
    os.mkfifo(corpus / "pipe.txt")
    (corpus / "folder.txt").mkdir()
    code, out, err = run(capsys, "index", "--json")
    report = json.loads(out)
    assert code == 0, err
    assert sorted(report["new"]) == ["utf16-bom.txt", "utf16-le.txt"]
    assert {"file": "utf16-le.txt", "warning": "no byte-order mark; read as UTF-16-LE"} in report["warnings"]
    reasons = {s["file"]: s["reason"] for s in report["skipped"]}
    assert sorted(reasons) == sorted(
        [
            "random.txt",
            "random-text.txt",
            "one-word.txt",
            "outside.txt",
            "zero.txt",
            "loop-a.txt",
            "loop-b.txt",
            "dangling.txt",
            "pipe.txt",
            "folder.txt",
        ]
    )
    assert "binary" in reasons["random.txt"] or "not prose" in reasons["random.txt"]
    assert "not prose" in reasons["random-text.txt"] and "not prose" in reasons["one-word.txt"]
    assert "outside the corpus" in reasons["outside.txt"] and "outside the corpus" in reasons["zero.txt"]
    assert "loops" in reasons["loop-a.txt"] and "to nothing" in reasons["dangling.txt"]
    assert "FIFO" in reasons["pipe.txt"] and "folder" in reasons["folder.txt"]
    code, out, _ = run(capsys, "who", "Ola Nordmann", "--json")
    assert json.loads(out)["status"] == "not_found"  # nothing was read through the link
    code, out, _ = run(capsys, "who", "Lena Vogt", "--json")
    assert json.loads(out)["status"] == "found"


@pytest.mark.nlp
def test_a_run_killed_during_the_rebuild_is_completed_by_the_next_run(corpus, capsys, tmp_path):
    (corpus / "antwerp.txt").write_text(REUTERS_STORY.format(city="Antwerp", person="Hanna Claes"), encoding="utf-8")
    assert run(capsys, "index")[0] == 0
    (corpus / "genoa.txt").write_text(REUTERS_STORY.format(city="Genoa", person="Marco Bellini"), encoding="utf-8")
    index = subprocess.Popen(
        [sys.executable, "-m", "cli.main", "index"],
        cwd=tmp_path,
        env=os.environ | {"PYTHONPATH": str(ROOT)},
        stderr=subprocess.PIPE,
        text=True,
    )
    for line in index.stderr:
        if "rebuilding people and events" in line:
            index.send_signal(signal.SIGKILL)  # kill -9 while people and events are being rebuilt
            break
    assert index.wait(timeout=60) == -signal.SIGKILL
    code, out, _ = run(capsys, "index", "--json")
    assert code == 0 and json.loads(out)["new"] == []  # the article was written before the kill
    code, out, _ = run(capsys, "who", "Marco Bellini", "--json")
    assert json.loads(out)["status"] == "found"
