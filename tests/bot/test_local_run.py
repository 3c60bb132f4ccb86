"""`briefings serve --local`: the real bot and the local workspace on one server, driven through the page's endpoints."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

import pytest

from bot.local.run import LocalBot
from tests.bot.conftest import local_settings
from tests.conftest import write_corpus


def call(bot: LocalBot, path: str, body: dict | None = None, *, headers: dict | None = None) -> tuple[int, dict]:
    """GET (no body) or POST JSON to the running server; (status, parsed answer)."""
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(bot.url.rstrip("/") + path, data=data, headers={"Content-Type": "application/json", **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def test_page_and_static_files_are_served_with_a_strict_policy(local):
    with urllib.request.urlopen(local.url, timeout=10) as response:
        page = response.read().decode()
        assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    assert "/static/page.js" in page
    with urllib.request.urlopen(local.url + "static/page.js", timeout=10) as response:
        assert response.headers["Content-Type"].startswith("text/javascript")
    with pytest.raises(urllib.error.HTTPError):
        urllib.request.urlopen(local.url + "static/../workspace.py", timeout=10)


def test_the_bot_is_wired_to_the_workspace(local):
    ws = local.workspace
    assert local.settings.slack_api_url == ws.api_url
    assert local.settings.slack_signing_secret.get_secret_value() == ws.signing_secret
    assert ws.calls_to("auth.test"), "Bolt checks its token against the local workspace"
    with urllib.request.urlopen(local.url + "healthz", timeout=10) as response:
        assert response.status == 200


def test_a_command_from_the_page_is_answered_ephemerally(local):
    status, answer = call(local, "/local/send", {"text": "/briefing help"})
    assert status == 200 and answer["status"] == 200
    ws = local.workspace
    shown = ws.wait_for(lambda w: w.ephemerals())
    assert "/who" in shown[0]["text"]
    state = call(local, "/local/state")[1]
    general = next(c for c in state["channels"] if c["name"] == "general")
    assert general["messages"][0]["is_ephemeral"] is True


def test_a_dm_is_answered_in_the_dm(local):
    ws = local.workspace
    call(local, "/local/send", {"text": "help", "channel": ws.dm})
    ws.wait_for(lambda w: [m for m in w.messages(w.dm) if m.get("bot_id")])


def test_an_undeclared_command_is_refused_like_slack(local):
    call(local, "/local/send", {"text": "/nope now"})
    assert "not a valid command" in local.workspace.ephemerals()[-1]["text"]
    assert local.workspace.deliveries == []


def test_opening_the_home_tab_publishes_it(local):
    call(local, "/local/home", {})
    assert local.workspace.wait_for(lambda w: w.home())["type"] == "home"


def test_post_the_digest_now_posts_in_the_channel(local):
    status, answer = call(local, "/local/digest", {"channel": local.workspace.general})
    assert status == 200 and answer["result"]["status"] in ("sent", "skipped")
    if answer["result"]["status"] == "sent":
        assert local.workspace.messages("general")[0]["user"] == local.workspace.bot_user_id
        assert local.workspace.calls_to("chat.postMessage")


def test_a_typed_script_tag_reaches_the_bot_escaped(local):
    call(local, "/local/send", {"text": "<script>alert(1)</script> <!channel>", "channel": local.workspace.dm})
    event = local.workspace.deliveries[-1].payload["event"]
    assert event["text"] == "&lt;script&gt;alert(1)&lt;/script&gt; &lt;!channel&gt;"


def test_cross_origin_posts_are_refused(local):
    status, _ = call(local, "/local/send", {"text": "/briefing help"}, headers={"Origin": "http://evil.example"})
    assert status == 403


def test_an_unreachable_bot_is_reported(local):
    local.workspace.events_url = "http://127.0.0.1:9/slack/events"
    status, answer = call(local, "/local/send", {"text": "/briefing help"})
    assert status == 502 and answer["unreachable"] is True
    state = call(local, "/local/state")[1]
    assert state["bot"]["reachable"] is False and "not reachable" in state["bot"]["error"]


AFP_RAIL = """Sweden to expand rail freight links, minister says

STOCKHOLM, March 4, 2024 (AFP) - Sweden will spend 12 billion kronor on new rail freight links to Norway,
infrastructure minister Marta Lindqvist said on Monday.

"Freight belongs on rails, not on our roads," Lindqvist told reporters in Stockholm.
"""


def test_the_local_workspace_on_an_empty_database_indexes_the_folder_before_answering(tmp_path):
    # `briefings serve --local` on a new database: the same start-up as every run mode (bot.bootstrap), so the
    # folder is indexed first and the index loaded, even without the scheduler.
    corpus = write_corpus(tmp_path / "corpus", {"afp-rail.txt": AFP_RAIL})
    bot = LocalBot(local_settings(f"sqlite:///{tmp_path / 'new.db'}", corpus), port=0, scheduler=False).start()
    try:
        assert bot.services.ready.wait(120)
        bot.workspace.send_command("/who", "Lindqvist")
        answer = bot.workspace.wait_for(lambda w: w.ephemerals() and w.ephemerals()[-1]["text"], timeout=10)
        assert "Marta Lindqvist" in answer
    finally:
        bot.stop()
        bot.services.core.db.close()
