"""The `briefings` command in a shell pipeline and with arguments that are not valid UTF-8."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT, write_corpus

STORY = (
    "Ferry service resumes\n\n"
    "HELSINKI, June 3, 2024 (AFP) - Ferries between Helsinki and Tallinn sailed again on Monday, "
    "port spokeswoman Aino Virtanen said, after a three-day storm.\n\n"
    '"Every crossing is running on time," Virtanen said.'
)


@pytest.fixture
def env(tmp_path) -> dict[str, str]:
    corpus = write_corpus(tmp_path / "corpus", {f"afp-{n}.txt": STORY.replace("three-day", f"{n}-day") for n in range(3)})
    return os.environ | {
        "PYTHONPATH": str(ROOT),
        "BRIEFINGS_CORPUS_DIR": str(corpus),
        "BRIEFINGS_DATABASE_URL": f"sqlite:///{tmp_path / 'cli.db'}",
    }


def briefings(env: dict[str, str], *args: str | bytes, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "cli.main", *args], env=env, capture_output=True, timeout=120, **kwargs)


def test_a_reader_that_stops_early_gets_no_traceback(env, tmp_path):
    # `briefings articles --json | head -c 0`: the reader is gone before the first write.
    reader = subprocess.Popen(
        [sys.executable, "-m", "cli.main", "articles", "--json"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    reader.stdout.close()
    _, err = reader.communicate(timeout=120)
    assert b"Traceback" not in err and b"BrokenPipeError" not in err
    assert reader.returncode == 141  # 128 + SIGPIPE, like any Unix tool cut off by `head`


def test_an_argument_that_is_not_utf8_never_reaches_the_output_as_raw_bytes(env):
    done = briefings(env, "who", b"Virtanen\xff\xfe", "--json")
    answer = json.loads(done.stdout.decode("utf-8"))  # strict: raw bytes here would raise
    assert answer["query"] == "Virtanen\ufffd\ufffd" and b"\xff" not in done.stdout
    done = briefings(env, "who", b"Virtanen\xff")
    assert done.stdout.decode("utf-8") and b"\xff" not in done.stdout + done.stderr
