"""Slash commands and buttons, end to end: signed requests over HTTP to the running bot, answers in the workspace."""

from __future__ import annotations

import time

from sqlalchemy import select

from bot.state.tables import SubscriptionRow
from tests.bot.helpers import bot_ephemerals, bot_messages, button_for, buttons, dump, header, next_ephemeral
from tests.bot.test_blocks import assert_inert


def test_who_kirby_is_answered_with_john_kirbys_card_well_within_3_seconds(bot):
    ws = bot.ws
    started = time.perf_counter()
    delivery = ws.send_command("/who", "Kirby")
    card = next_ephemeral(ws, 0)
    elapsed = time.perf_counter() - started
    assert delivery.status == 200 and delivery.elapsed_ms < 500  # the ack
    assert elapsed < 1.5, f"answered after {elapsed:.2f} s"
    assert header(card) == "John Kirby"
    text = dump(card)
    assert "What they said" in text and "Sources" in text and "article" in text
    assert card["visible_to"] == ws.user_id and card["text"].startswith("John Kirby")
    assert [b["text"]["text"] for b in buttons(card)] == ["Share in channel"]
    assert bot_messages(ws, ws.general) == []  # nothing public


def test_event_jakarta_is_answered_with_the_event_card(bot):
    ws = bot.ws
    ws.send_command("/event", "Jakarta")
    card = next_ephemeral(ws, 0)
    assert "Jakarta" in header(card)
    text = dump(card)
    assert "*When*" in text and "*Where*" in text and "Who took part" in text


def test_an_ambiguous_name_offers_choices_and_a_click_replaces_the_message_with_that_person(bot):
    ws = bot.ws
    ws.send_command("/who", "Kim")
    choice = next_ephemeral(ws, 0)
    assert "“Kim” could mean several people" in dump(choice)
    assert len(buttons(choice)) >= 2
    delivery = ws.click(choice, button_for(choice, "Kim Jong-un")["action_id"])
    assert delivery.status == 200
    card = ws.wait_for(
        lambda w: header(w.find_message(choice["channel"], choice["ts"]) or {}) and w.find_message(choice["channel"], choice["ts"])
    )
    assert header(card) == "Kim Jong-un"
    assert len(bot_ephemerals(ws)) == 1  # replaced, not added
    assert "Share in channel" in dump(card)


def test_not_found_gives_suggestions_and_a_hint(bot):
    ws = bot.ws
    ws.send_command("/who", "Zelensky")
    answer = next_ephemeral(ws, 0)
    assert "Nobody called “Zelensky” in the articles." in dump(answer)
    assert "/event" in dump(answer)  # the hint
    ws.send_command("/event", "Zelensky")
    answer = next_ephemeral(ws, 1)
    assert "No event matching “Zelensky”" in dump(answer) and "Closest events" in dump(answer)
    assert buttons(answer)


def test_an_empty_query_shows_the_usage_line(bot):
    ws = bot.ws
    ws.send_command("/who", "")
    assert "Usage: `/who" in next_ephemeral(ws, 0)["text"]
    ws.send_command("/event", "   ")
    assert "Usage: `/event" in next_ephemeral(ws, 1)["text"]


def test_share_in_channel_posts_the_card_publicly_and_removes_the_ephemeral(bot):
    ws = bot.ws
    ws.send_command("/who", "Kirby")
    card = next_ephemeral(ws, 0)
    ws.click(card, "share")
    public = ws.wait_for(lambda w: bot_messages(w, w.general))
    assert header(public[0]) == "John Kirby"
    assert f"Shared by <@{ws.user_id}>" in dump(public[0])
    assert "Share in channel" not in dump(public[0])
    ws.wait_for(lambda w: not bot_ephemerals(w))


def test_queries_come_back_inert(bot):
    ws = bot.ws
    for n, query in enumerate(["<!channel>", "<@U123> & <https://evil.example|click>"]):
        ws.send_command("/who", query)
        answer = next_ephemeral(ws, n)
        assert_inert(answer["blocks"], answer["text"])
        echo = answer["blocks"][0]["text"]
        assert echo["type"] == "plain_text" and query.split()[0] in echo["text"]


def test_briefing_help_digest_subscribe_status_unsubscribe(bot):
    ws = bot.ws
    seen = 0

    def briefing(text: str) -> dict:
        nonlocal seen
        ws.send_command("/briefing", text)
        seen += 1
        return next_ephemeral(ws, seen - 1)

    assert "/who <name>" in briefing("help")["blocks"][0]["text"]["text"].replace("&lt;", "<").replace("&gt;", ">")
    preview = briefing("digest")
    assert header(preview).startswith("Briefing for") and "only you see it" in dump(preview)
    assert "09:30 Asia/Seoul" in briefing("subscribe 9:30 Asia/Seoul")["text"]
    with bot.core.db.session() as s:
        row = s.scalar(select(SubscriptionRow).where(SubscriptionRow.channel == ws.general))
        assert (row.time, row.timezone, row.days, row.created_by) == ("09:30", "Asia/Seoul", "mon-fri", ws.user_id)
    assert "09:30 Asia/Seoul, mon-fri" in briefing("status")["text"]
    assert "IANA" in briefing("subscribe 08:00 KST")["text"]
    assert "no longer" in briefing("unsubscribe")["text"]
    assert "not subscribed" in briefing("status")["text"]
    assert "/briefing help" in briefing("frobnicate")["text"]
    assert bot_messages(ws, ws.general) == []


def test_subscribe_defaults_come_from_the_settings(bot):
    ws = bot.ws
    ws.send_command("/briefing", "subscribe")
    assert "08:00 UTC, mon-fri" in next_ephemeral(ws, 0)["text"]
