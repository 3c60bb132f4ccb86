"""The HTTP side: Slack's signature and replay checks, the health check, URL verification, routing."""

from __future__ import annotations

import json
import threading
import time
import urllib.error
import urllib.request

from bot.local.workspace import sign
from bot.server import HttpServer, Router


def _from_bot(messages: list[dict], ws) -> list[dict]:
    return [m for m in messages if m.get("user") == ws.bot_user_id]


def _get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def test_forged_signature_is_refused_with_401_and_answered_by_nobody(bot):
    delivery = bot.ws.send_command("/who", "Kirby", secret="not-the-signing-secret")
    assert delivery.status == 401
    time.sleep(0.3)
    assert _from_bot(bot.ws.ephemerals(), bot.ws) == []


def test_stale_timestamp_is_refused_with_401(bot):
    six_minutes_ago = str(int(time.time()) - 6 * 60)
    assert bot.ws.send_command("/who", "Kirby", timestamp=six_minutes_ago).status == 401
    assert bot.ws.send_message("who is Kirby?", timestamp=six_minutes_ago).status == 401
    time.sleep(0.3)
    assert _from_bot(bot.ws.ephemerals(), bot.ws) == [] and _from_bot(bot.ws.messages(bot.ws.dm), bot.ws) == []


def test_url_verification_echoes_the_challenge(bot):
    body = json.dumps({"type": "url_verification", "challenge": "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", "token": "x"})
    ts = str(int(time.time()))
    request = urllib.request.Request(
        bot.ws.events_url,
        data=body.encode(),
        headers={
            "Content-Type": "application/json",
            "X-Slack-Request-Timestamp": ts,
            "X-Slack-Signature": sign(bot.ws.signing_secret, ts, body),
        },
    )
    with urllib.request.urlopen(request, timeout=5) as response:
        assert json.loads(response.read())["challenge"].startswith("3eZbrw")


def test_healthz_is_503_until_the_index_is_loaded_then_200():
    ready = threading.Event()
    server = HttpServer(Router(None, ready), "127.0.0.1", 0).start()
    try:
        status, body = _get(server.url + "/healthz")
        assert status == 503 and b"loading" in body
        ready.set()
        assert _get(server.url + "/healthz")[0] == 200
        assert _get(server.url + "/nothing-here")[0] == 404
    finally:
        server.close()


def test_mounted_apps_get_their_prefix_and_slack_keeps_its_path(bot):
    def hello(environ, start_response):
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [environ["PATH_INFO"].encode()]

    server = HttpServer(Router(None, bot.services.ready, {"/local/": hello}), "127.0.0.1", 0).start()
    try:
        assert _get(server.url + "/local/page.js") == (200, b"/local/page.js")
        assert _get(server.url + "/healthz")[0] == 200
        assert _get(server.url + "/other")[0] == 404
    finally:
        server.close()
