"""The local workspace as Slack: its Web API through a real WebClient, and its signed requests through a real Bolt app."""

from __future__ import annotations

import json
import time
import urllib.request

import pytest
from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler, ServerErrorRetryHandler
from slack_sdk.signature import SignatureVerifier
from slack_sdk.webhook import WebhookClient

from bot.local.workspace import BotUnreachable, LocalServer, Workspace, serve_workspace, sign


@pytest.fixture
def ws():
    workspace = Workspace(bot_token="xoxb-test-token", signing_secret="test-secret")
    server = serve_workspace(workspace)
    yield workspace
    server.stop()


def make_client(ws: Workspace, **kwargs) -> WebClient:
    return WebClient(token=ws.bot_token, base_url=ws.api_url, **kwargs)


def section(text: str, **extra) -> dict:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}, **extra}


def button(label: str, action_id: str, value: str = "") -> dict:
    return {"type": "button", "text": {"type": "plain_text", "text": label}, "action_id": action_id, "value": value}


# ----- the Web API -----


def test_auth_test_names_the_bot(ws):
    answer = make_client(ws).auth_test()
    assert answer["user_id"] == ws.bot_user_id and answer["team_id"] == ws.team_id and answer["bot_id"] == ws.bot_id


def test_a_wrong_token_is_refused(ws):
    with pytest.raises(SlackApiError) as caught:
        WebClient(token="xoxb-wrong", base_url=ws.api_url).auth_test()
    assert caught.value.response["error"] == "invalid_auth"
    assert ws.calls[-1].error == "invalid_auth"


def test_post_message_with_blocks_and_a_thread_reply(ws):
    client = make_client(ws)
    parent = client.chat_postMessage(channel="#general", text="Digest", blocks=[section("*Today*")])
    reply = client.chat_postMessage(channel=ws.general, text="story one", thread_ts=parent["ts"])
    top = ws.messages("general")
    assert [m["text"] for m in top] == ["Digest"]
    assert top[0]["blocks"][0]["text"]["text"] == "*Today*"
    assert top[0]["reply_count"] == 1
    assert [m["ts"] for m in ws.thread("general", parent["ts"])] == [reply["ts"]]
    assert ws.calls_to("chat.postMessage")[1]["thread_ts"] == parent["ts"]


def test_form_encoded_calls_are_understood(ws):
    # slack_sdk sends `params=` form-encoded, with blocks as a JSON string.
    client = make_client(ws)
    client.api_call("chat.postMessage", params={"channel": ws.general, "text": "hi", "blocks": json.dumps([section("hi")])})
    assert ws.messages()[-1]["blocks"][0]["type"] == "section"


def test_ephemeral_update_delete_and_dm(ws):
    client = make_client(ws)
    eph = client.chat_postEphemeral(channel=ws.general, user=ws.user_id, text="only you")
    assert ws.messages("general") == []
    assert ws.messages("general", for_user=ws.user_id)[0]["ts"] == eph["message_ts"]
    dm = client.conversations_open(users=ws.user_id)["channel"]["id"]
    assert dm == ws.dm
    posted = client.chat_postMessage(channel=dm, text="first")
    client.chat_update(channel=dm, ts=posted["ts"], text="second", blocks=[section("second")])
    assert ws.find_message(dm, posted["ts"])["text"] == "second"
    client.chat_delete(channel=dm, ts=posted["ts"])
    assert ws.messages(dm) == []
    with pytest.raises(SlackApiError) as caught:
        client.chat_postMessage(channel="#nowhere", text="x")
    assert caught.value.response["error"] == "channel_not_found"


def test_views_publish_keeps_the_home_per_user(ws):
    client = make_client(ws)
    client.views_publish(user_id=ws.user_id, view={"type": "home", "blocks": [section("Welcome")]})
    assert ws.home()["blocks"][0]["text"]["text"] == "Welcome"


def test_blocks_over_slacks_limits_are_refused(ws):
    client = make_client(ws)
    with pytest.raises(SlackApiError) as caught:
        client.chat_postMessage(channel=ws.general, text="x", blocks=[section("x")] * 51)
    assert caught.value.response["error"] == "invalid_blocks"
    same_ids = [{"type": "actions", "elements": [button("A", "pick"), button("B", "pick")]}]
    with pytest.raises(SlackApiError):
        client.chat_postMessage(channel=ws.general, text="x", blocks=same_ids)
    with pytest.raises(SlackApiError):
        client.chat_postMessage(
            channel=ws.general, text="x", blocks=[{"type": "header", "text": {"type": "plain_text", "text": "h" * 151}}]
        )


def test_429_with_retry_after_then_success(ws):
    ws.fail_next("chat.postMessage", status=429, retry_after=0)
    client = make_client(ws, retry_handlers=[RateLimitErrorRetryHandler(max_retry_count=2)])
    client.chat_postMessage(channel=ws.general, text="after a wait")
    assert [(c.method, c.status) for c in ws.calls] == [("chat.postMessage", 429), ("chat.postMessage", 200)]
    assert len(ws.messages()) == 1


def test_429_carries_retry_after(ws):
    ws.fail_next("auth.test", status=429, retry_after=7)
    request = urllib.request.Request(ws.api_url + "auth.test", data=b"", headers={"Authorization": f"Bearer {ws.bot_token}"})
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(request, timeout=5)
    assert caught.value.code == 429 and caught.value.headers["Retry-After"] == "7"


def test_500_twice_then_success(ws):
    ws.fail_next("chat.postMessage", status=500, times=2)
    client = make_client(ws, retry_handlers=[ServerErrorRetryHandler(max_retry_count=3)])
    client.chat_postMessage(channel=ws.general, text="eventually")
    assert [c.status for c in ws.calls] == [500, 500, 200]


# ----- what Slack sends, through a real Bolt app -----


@pytest.fixture
def bolt(ws):
    """A small real Bolt app wired to the workspace, served over HTTP like the bot."""
    app = App(token=ws.bot_token, signing_secret=ws.signing_secret, client=make_client(ws))
    seen: list[dict] = []

    @app.command("/who")
    def who(ack, respond, command):
        ack()
        seen.append(command)
        respond(
            text=f"card for {command['text']}",
            blocks=[
                section(f"card for {command['text']}"),
                {"type": "actions", "elements": [button("Kim A", "pick_a", "a"), button("Kim B", "pick_b", "b")]},
            ],
        )

    @app.command("/echo")
    def echo(ack, command):
        ack(text=f"echo {command['text']}")

    @app.action("pick_a")
    @app.action("pick_b")
    def pick(ack, body, respond):
        ack()
        seen.append(body)
        respond(text=f"chose {body['actions'][0]['value']}", replace_original=True)

    @app.event("message")
    def message(event, say):
        seen.append(event)
        say(text=f"you said {event['text']}", thread_ts=event.get("thread_ts"))

    @app.event("app_mention")
    def mention(event, say):
        seen.append(event)
        say(text="mentioned", thread_ts=event.get("thread_ts") or event["ts"])

    @app.event("app_home_opened")
    def home(event, client):
        client.views_publish(
            user_id=event["user"], view={"type": "home", "blocks": [section("home"), {"type": "actions", "elements": [button("Go", "go")]}]}
        )

    @app.action("go")
    def go(ack, body):
        ack()
        seen.append(body)

    server = LocalServer(SlackRequestHandler(app)).start()
    ws.events_url = server.url + "/slack/events"
    yield seen
    server.stop()


def test_slash_command_is_signed_form_encoded_with_every_field(ws, bolt):
    delivery = ws.send_command("/who", "Kirby <b>")
    assert delivery.status == 200
    form = dict(urllib.parse.parse_qsl(delivery.raw.decode()))
    wanted = {
        "command",
        "text",
        "user_id",
        "user_name",
        "channel_id",
        "channel_name",
        "team_id",
        "team_domain",
        "api_app_id",
        "response_url",
        "trigger_id",
    }
    assert wanted <= set(form)
    assert form["text"] == "Kirby &lt;b&gt;"
    card = ws.wait_for(lambda w: w.ephemerals())
    assert card[0]["text"] == "card for Kirby &lt;b&gt;"
    assert ws.messages("general") == []


def test_signature_matches_slacks_verifier(ws):
    body, now = "a=b", str(int(time.time()))
    assert SignatureVerifier("test-secret").is_valid(body, now, sign("test-secret", now, body)) is True


def test_forged_signature_and_stale_timestamp_get_401(ws, bolt):
    assert ws.send_command("/who", "Kirby", secret="not-the-secret").status == 401
    assert ws.send_command("/who", "Kirby", timestamp=str(int(time.time()) - 600)).status == 401
    assert bolt == []


def test_ack_body_is_shown_as_an_ephemeral(ws, bolt):
    ws.send_command("/echo", "hello")
    assert ws.ephemerals()[-1]["text"] == "echo hello"


def test_click_replaces_the_original_through_the_response_url(ws, bolt):
    ws.send_command("/who", "Kim")
    card = ws.wait_for(lambda w: w.ephemerals())[0]
    assert ws.click(card, "pick_b", "b").status == 200
    ws.wait_for(lambda w: w.ephemerals()[0]["text"] == "chose b")
    payload = bolt[-1]
    assert payload["container"] == {"type": "message", "message_ts": card["ts"], "channel_id": ws.general, "is_ephemeral": True}
    assert "message" not in payload  # Slack leaves ephemeral messages out of the payload
    assert len(ws.ephemerals()) == 1
    with pytest.raises(ValueError):
        ws.click(card, "no_such_button")


def test_response_url_modes_and_its_five_uses(ws):
    ws.events_url = None
    with ws._lock:
        msg = ws._store(ws.general, user=ws.bot_user_id, text="orig", visible_to=ws.user_id)
        url = ws._new_response_url(channel=ws.general, user=ws.user_id, original=(ws.general, msg["ts"]))
    hook = WebhookClient(url)
    assert hook.send(text="public", response_type="in_channel").status_code == 200
    assert [m["text"] for m in ws.messages()] == ["public"]
    assert hook.send(text="replaced", replace_original=True).status_code == 200
    assert ws.find_message(ws.general, msg["ts"])["text"] == "replaced"
    assert (
        hook.send_dict(
            {"text": "threaded", "thread_ts": ws.messages()[0]["ts"], "response_type": "in_channel", "replace_original": False}
        ).status_code
        == 200
    )
    assert ws.thread(ws.general, ws.messages()[0]["ts"])[0]["text"] == "threaded"
    assert hook.send_dict({"delete_original": True}).status_code == 200
    assert ws.find_message(ws.general, msg["ts"]) is None
    assert hook.send(text="fifth").status_code == 200
    sixth = hook.send(text="sixth")
    assert sixth.status_code == 404 and sixth.body == "used_url"


def test_dm_message_event_is_im_and_answered(ws, bolt):
    delivery = ws.send_message("who is Kirby?")
    event = delivery.payload["event"]
    assert delivery.payload["type"] == "event_callback" and event["channel_type"] == "im" and event["channel"] == ws.dm
    answer = ws.wait_for(lambda w: [m for m in w.messages(w.dm) if m.get("bot_id")])
    assert answer[0]["text"] == "you said who is Kirby?"


def test_mention_in_a_channel_sends_app_mention_only(ws, bolt):
    ws.send_message("@briefings who is Kirby?", channel="#general")
    reply = ws.wait_for(lambda w: w.thread(w.general, w.messages()[0]["ts"]))
    assert reply[0]["text"] == "mentioned"
    assert [e["type"] for e in bolt] == ["app_mention"]
    assert bolt[0]["text"].startswith(f"<@{ws.bot_user_id}>")


def test_resend_carries_the_retry_headers(ws, bolt):
    first = ws.send_message("hello")
    again = ws.resend(first, retry_num=1)
    assert again.status == 200 and again.extra_headers["X-Slack-Retry-Num"] == "1"
    assert json.loads(again.raw)["event_id"] == first.payload["event_id"]


def test_home_opened_publishes_and_its_buttons_click(ws, bolt):
    ws.open_home()
    view = ws.wait_for(lambda w: w.home())
    assert ws.click(view, "go").status == 200
    payload = ws.wait_for(lambda w: bolt and bolt[-1])
    assert payload["container"] == {"type": "view", "view_id": view["id"]}


def test_unreachable_bot_raises_and_is_remembered(ws):
    ws.events_url = "http://127.0.0.1:9/slack/events"
    with pytest.raises(BotUnreachable):
        ws.send_message("hello")
    assert ws.bot_reachable is False and "not reachable" in ws.last_error
