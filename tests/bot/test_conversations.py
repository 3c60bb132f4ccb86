"""Direct messages, @mentions and the App Home, end to end through the running bot."""

from __future__ import annotations

import time

import pytest

from bot.local.workspace import Workspace, serve_workspace
from tests.bot.conftest import start_bot
from tests.bot.helpers import bot_messages, button_for, buttons, dump, header
from tests.bot.test_blocks import assert_inert


def _dm_answer(ws, text: str) -> dict:
    before = len(bot_messages(ws, ws.dm))
    ws.send_message(text)
    return ws.wait_for(lambda w: len(bot_messages(w, w.dm)) > before and bot_messages(w, w.dm)[-1])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("who is Kirby?", "John Kirby"),
        ("Kirby", "John Kirby"),
        ("what happened in Jakarta", "Trilateral meeting in Jakarta"),
        ("event Jakarta", "Trilateral meeting in Jakarta"),
        ("digest", "Briefing for"),
    ],
)
def test_a_direct_message_gets_the_same_answer_as_the_command(bot, text, expected):
    answer = _dm_answer(bot.ws, text)
    assert header(answer).startswith(expected)
    assert "Share in channel" not in dump(answer)  # a DM answer is already the person's own


def test_a_name_that_is_also_an_event_says_so(bot):
    answer = _dm_answer(bot.ws, "Kirby")
    assert header(answer) == "John Kirby" and "also matches an event" in dump(answer)
    bot.ws.click(answer, "choose:also")
    shown = bot.ws.wait_for(lambda w: header(w.find_message(w.dm, answer["ts"])) != "John Kirby" and w.find_message(w.dm, answer["ts"]))
    assert "Kirby" in header(shown) and "*When*" in dump(shown)


def test_help_and_unknowns_in_a_direct_message(bot):
    assert "/who <name>" in _dm_answer(bot.ws, "help")["text"].replace("&lt;", "<").replace("&gt;", ">")
    answer = _dm_answer(bot.ws, "event Vostochny")
    assert "*When*" in dump(answer) and "Putin" in header(answer)  # the summit at the Vostochny cosmodrome
    answer = _dm_answer(bot.ws, "event Atlantis")
    assert "No event matching “Atlantis”" in dump(answer)


def test_did_you_mean_in_a_direct_message_replaces_the_question(bot):
    ws = bot.ws
    choice = _dm_answer(ws, "who is Kim")
    ws.click(choice, button_for(choice, "Sung Kim")["action_id"])
    card = ws.wait_for(lambda w: header(w.find_message(w.dm, choice["ts"]) or {}) and w.find_message(w.dm, choice["ts"]))
    assert header(card) == "Sung Kim" and "Share in channel" not in dump(card)


def test_a_mention_is_answered_in_its_thread(bot):
    ws = bot.ws
    ws.send_message("@briefings who is Kirby?", channel=ws.general)
    [question] = [m for m in ws.messages(ws.general) if m["user"] == ws.user_id]
    reply = ws.wait_for(lambda w: w.thread(w.general, question["ts"]))
    assert len(reply) == 1 and header(reply[0]) == "John Kirby"
    assert bot_messages(ws, ws.general) == []  # not at the top of the channel


def test_a_mention_inside_a_thread_is_answered_in_that_thread(bot):
    ws = bot.ws
    ws.send_message("What do we know about the Jakarta meeting?", channel=ws.general)
    parent = ws.messages(ws.general)[-1]
    ws.send_message("@briefings what happened in Jakarta", channel=ws.general, thread_ts=parent["ts"])
    replies = ws.wait_for(lambda w: [m for m in w.thread(w.general, parent["ts"]) if m["user"] == w.bot_user_id])
    assert len(replies) == 1 and "Jakarta" in header(replies[0])


def test_bot_messages_and_edits_are_not_answered(bot):
    ws = bot.ws
    ws.send_message("who is Kirby?", bot_id="B0OTHER01")
    ws.send_message("who is Kirby?", subtype="message_changed")
    ws.send_message("who is Kirby?", user=ws.bot_user_id, bot_id=ws.bot_id)
    time.sleep(0.5)
    assert [m for m in bot_messages(ws, ws.dm) if m.get("blocks")] == []  # only the bot's own plain message is there


def test_a_retried_event_is_answered_once(bot):
    ws = bot.ws
    delivery = ws.send_message("who is Kirby?")
    ws.wait_for(lambda w: bot_messages(w, w.dm))
    assert ws.resend(delivery, retry_num=1).status == 200
    assert ws.resend(delivery, retry_num=2, reason="http_error").status == 200
    time.sleep(0.5)
    assert len([m for m in bot_messages(ws, ws.dm) if m.get("blocks")]) == 1


def test_one_mention_seen_as_app_mention_and_channel_message_gets_one_reply(database_url, indexed_seeds):
    ws = Workspace(bot_events=("message.im", "message.channels", "app_mention", "app_home_opened"))
    server = serve_workspace(ws, page=False)
    running = start_bot(ws, database_url, indexed_seeds[0])
    try:
        ws.send_message("@briefings Kirby", channel=ws.general)
        question = ws.messages(ws.general)[-1]
        ws.wait_for(lambda w: w.thread(w.general, question["ts"]))
        time.sleep(0.5)
        assert len(ws.thread(ws.general, question["ts"])) == 1
        assert len([d for d in ws.deliveries if d.kind == "event"]) == 2  # Slack did send both
    finally:
        running.server.close()
        running.core.db.close()
        server.stop()


def test_the_app_home_shows_the_digest_the_corpus_and_help(bot):
    ws = bot.ws
    ws.open_home()
    view = ws.wait_for(lambda w: w.home())
    text = dump(view)
    assert view["type"] == "home" and header(view) == "Briefings"
    assert "*Articles*\\n5" in text and "Latest digest" in text and "/who" in text
    assert_inert(view["blocks"])
    assert not buttons(view)


def test_a_retry_that_reaches_another_replica_is_still_answered_once(workspace, database_url, indexed_seeds):
    # Two replicas on one database behind one URL: Slack's retry lands on the second one.
    first = start_bot(workspace, database_url, indexed_seeds[0])
    second = start_bot(workspace, database_url, indexed_seeds[0])
    try:
        workspace.events_url = first.server.url + "/slack/events"
        delivery = workspace.send_message("who is Kirby?")
        workspace.wait_for(lambda w: bot_messages(w, w.dm))
        workspace.events_url = second.server.url + "/slack/events"
        assert workspace.resend(delivery, retry_num=1).status == 200
        time.sleep(0.5)
        assert len([m for m in bot_messages(workspace, workspace.dm) if m.get("blocks")]) == 1
    finally:
        for running in (first, second):
            running.server.close()
            running.core.db.close()
