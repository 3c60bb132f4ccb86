"""Honest while loading: during the first index of an empty database, lookups say so (with progress), and so does /healthz."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

from bot.bootstrap import bootstrap
from bot.server import HttpServer
from tests.bot.conftest import make_settings
from tests.conftest import ROOT, SEEDS, write_corpus

TOWNS = ["Daejeon", "Gwangju", "Ulsan", "Suwon", "Changwon", "Jeonju", "Cheongju", "Pohang", "Gimhae", "Andong"]


def _filler(n: int) -> str:
    """A short local-paper report, one of many (distinct town, official and numbers)."""
    town = TOWNS[n % len(TOWNS)]
    return (
        f"Council approves new bus routes in {town}\n\n"
        f"{town.upper()}, March {n % 27 + 1} (Local Gazette) -- The city council of {town} on Tuesday approved "
        f"{n + 3} new bus routes, council chair Park Min-{chr(97 + n % 26)}ho said.\n\n"
        f'"Residents asked for this for {n + 2} years," Park said at a press conference in {town} city hall. '
        f"The routes open in May and will cost {n * 7 + 11} million won a year, the council said.\n"
    )


def _get(url: str) -> tuple[int, dict]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def test_lookups_and_healthz_say_the_articles_are_being_indexed_until_the_first_index_is_done(workspace, tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    write_corpus(corpus, {f"local-{n:03d}.txt": _filler(n) for n in range(40)})
    total = len([p for p in Path(corpus).iterdir() if p.is_file()])
    settings = make_settings(workspace, f"sqlite:///{tmp_path / 'empty.db'}", corpus)
    bot = bootstrap(settings)
    services = bot.services
    server = HttpServer(bot.router(), "127.0.0.1", 0).start()
    workspace.events_url = server.url + "/slack/events"
    try:
        assert workspace.send_command("/who", "Kirby").status == 200
        early = workspace.wait_for(
            lambda w: w.ephemerals() and w.ephemerals()[-1]["text"], timeout=60
        )  # generous: CI may run beside other work
        assert "being indexed" in early and f"of {total} files" in early
        assert "Nobody" not in early and "not found" not in early.lower()
        status, health = _get(server.url + "/healthz")
        assert status == 503 and health["status"] == "indexing" and health["files_total"] == total

        assert services.ready.wait(300)
        assert _get(server.url + "/healthz") == (200, {"status": "ok"})
        before = len(workspace.ephemerals())
        workspace.send_command("/who", "Kirby")
        later = workspace.wait_for(lambda w: len(w.ephemerals()) > before and w.ephemerals()[-1]["text"], timeout=60)
        assert "John Kirby" in later
    finally:
        bot.stop()
        server.close()
        services.core.db.close()


START = """
import sys
from bot.bootstrap import bootstrap
from config.settings import Settings
settings = Settings(_env_file=None, SLACK_BOT_TOKEN=sys.argv[1], SLACK_SIGNING_SECRET=sys.argv[2], SLACK_API_URL=sys.argv[3],
                    BRIEFINGS_DATABASE_URL=sys.argv[4], BRIEFINGS_CORPUS_DIR=sys.argv[5])
bot = bootstrap(settings, scheduler=False, wait=True)
assert bot.services.ready.is_set() and bot.services.indexing is None
print(bot.core.who("Kirby").person.name, "spacy" in sys.modules)
"""


def test_starting_on_an_indexed_database_answers_without_loading_the_nlp_model(workspace, database_url, indexed_seeds):
    # Start-up must stay fast at any size: it reads the stored index only (bench/start_bench.py times it).
    args = [workspace.bot_token, workspace.signing_secret, workspace.api_url, database_url, str(indexed_seeds[0])]
    done = subprocess.run([sys.executable, "-c", START, *args], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split("\n")[0] == "John Kirby False"
