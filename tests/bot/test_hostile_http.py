"""Hostile and broken requests to /slack/events over real HTTP: each gets a 4xx and one log line, never a 500 or a traceback."""

from __future__ import annotations

import http.client
import json
import logging
import socket
import time
import urllib.parse

import pytest

from bot.local.workspace import sign
from tests.bot.helpers import bot_ephemerals, next_ephemeral

FORM = "application/x-www-form-urlencoded"


def post(bot, body: bytes, content_type: str, *, signed: bool = True, headers: dict | None = None) -> tuple[int, bytes]:
    """POST raw bytes to the bot's /slack/events, signed as Slack signs them unless told otherwise."""
    url = urllib.parse.urlsplit(bot.ws.events_url)
    ts = str(int(time.time()))
    sent = {"Content-Type": content_type}
    if signed:
        sent |= {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": sign(bot.ws.signing_secret, ts, body)}
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=10)
    try:
        connection.request("POST", url.path, body=body, headers=sent | (headers or {}))
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def command_form(bot, **fields: str) -> bytes:
    form = {"command": "/who", "text": "Kirby", "user_id": bot.ws.user_id, "channel_id": bot.ws.general, "team_id": bot.ws.team_id}
    form |= {"trigger_id": "1.2.3", "response_url": f"{bot.ws.base_url}/response/none"} | fields
    return urllib.parse.urlencode({k: v for k, v in form.items() if v is not None}).encode()


def event_body(bot, event: dict) -> bytes:
    return json.dumps({"type": "event_callback", "team_id": bot.ws.team_id, "event_id": "Ev0BAD", "event": event}).encode()


HOSTILE = {
    "json null": (b"null", "application/json"),
    "json list": (b"[]", "application/json"),
    "not json": (b"{not json", "application/json"),
    "form not utf-8": (b"command=%2Fwho&text=\xff\xfe", FORM),
    "bad payload": (b"payload={bad", FORM),
    "payload a list": (b"payload=%5B%5D", FORM),
    "empty": (b"", FORM),
}


@pytest.mark.parametrize("signed", [False, True], ids=["unsigned", "signed"])
@pytest.mark.parametrize("name", list(HOSTILE))
def test_a_malformed_body_gets_a_4xx_and_one_log_line(bot, caplog, name, signed):
    body, content_type = HOSTILE[name]
    with caplog.at_level(logging.INFO):
        status, _ = post(bot, body, content_type, signed=signed)
    assert 400 <= status < 500
    assert [r for r in caplog.records if r.exc_info or r.levelno >= logging.ERROR] == []
    assert len([r for r in caplog.records if r.name == "bot.gate"]) == 1


def test_a_timestamp_that_is_not_a_number_is_a_400(bot, caplog):
    body = command_form(bot)
    status, _ = post(bot, body, FORM, signed=False, headers={"X-Slack-Request-Timestamp": "abc", "X-Slack-Signature": "v0=00"})
    assert status == 400 and not [r for r in caplog.records if r.exc_info]


def test_signed_requests_missing_what_the_listener_needs_are_refused(bot, caplog):
    assert post(bot, command_form(bot, response_url=None), FORM)[0] == 400
    assert post(bot, event_body(bot, {"type": "app_home_opened", "tab": "home"}), "application/json")[0] == 400
    assert post(bot, event_body(bot, {"type": "app_mention", "text": "<@U0BOT> help"}), "application/json")[0] == 400
    assert post(bot, json.dumps({"type": "event_callback", "event": "x"}).encode(), "application/json")[0] == 400
    status, answer = post(bot, json.dumps({"type": "url_verification", "token": "x"}).encode(), "application/json")
    assert status == 400 and b"challenge" in answer
    assert not [r for r in caplog.records if r.exc_info or r.levelno >= logging.ERROR]
    time.sleep(0.3)
    assert bot_ephemerals(bot.ws) == []


def test_a_body_over_the_limit_is_refused_before_it_is_parsed(bot):
    big = command_form(bot, text="Kirby " + "x" * 1_000_000)
    assert post(bot, big, FORM)[0] == 413
    assert bot_ephemerals(bot.ws) == []


def test_a_replayed_slash_command_is_answered_once(bot):
    first = bot.ws.send_command("/who", "Kirby")
    assert first.status == 200
    next_ephemeral(bot.ws, 0)
    replayed = bot.ws.replay(first)  # the same bytes, timestamp and signature, within the 5 minutes
    assert replayed.status == 200
    time.sleep(1.0)
    assert len(bot_ephemerals(bot.ws)) == 1


def test_stalled_connections_do_not_lock_slack_out(bot):
    url = urllib.parse.urlsplit(bot.ws.events_url)
    stalled = []
    try:
        for _ in range(150):  # more than waitress's default limit of 100 connections
            s = socket.create_connection((url.hostname, url.port), timeout=5)
            s.sendall(b"POST /slack/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 400\r\n\r\n{")
            stalled.append(s)
        delivery = bot.ws.send_command("/who", "Kirby")  # the workspace gives up after 10 s, as Slack does after 3
        assert delivery.status == 200
        assert "Kirby" in json.dumps(next_ephemeral(bot.ws, 0))
    finally:
        for s in stalled:
            s.close()
