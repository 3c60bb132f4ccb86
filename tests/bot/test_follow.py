"""Following and quote search through the real app: signed commands, the rescan, alerts in the workspace, exactly once."""

from __future__ import annotations

import shutil
import threading

import pytest

from bot.scheduler import DigestScheduler
from tests.bot.conftest import start_bot
from tests.bot.helpers import bot_messages, button_for, buttons, dump, header, next_ephemeral

KIRBY_AGAIN = """White House says it is watching Iran drone deliveries closely

By Dana Whitfield

WASHINGTON, Nov. 20 (Capitol Wire) -- The White House on Monday said it was tracking new shipments of Iranian drones.

National Security Council spokesman John Kirby said the administration had shared intelligence about the shipments with European allies.

"We are watching every one of these deliveries, and we will act with our partners to stop them," Kirby said.
"""

UNRELATED = """Harbour authority approves new ferry terminal in Tasmania

HOBART, Nov. 20 (Island Courier) -- The harbour authority on Monday approved plans for a new ferry terminal.

"This will cut waiting times for every commuter on the island," the authority's chair, Megan Doyle, said.
"""


@pytest.fixture
def live(workspace, database_url, indexed_seeds, tmp_path):
    """A bot whose corpus folder the test may add articles to."""
    corpus = tmp_path / "corpus"
    shutil.copytree(indexed_seeds[0], corpus)
    bot = start_bot(workspace, database_url, corpus)
    yield bot, corpus, DigestScheduler(bot.services)
    bot.server.close()
    bot.core.db.close()


def dm_messages(ws) -> list[dict]:
    return bot_messages(ws, ws.dm)


def test_a_followed_person_quoted_in_a_new_article_brings_one_dm_and_a_restart_does_not_repeat_it(live, workspace, database_url):
    bot, corpus, scheduler = live
    ws = bot.ws
    ws.send_command("/briefing", "follow Kirby", channel=ws.dm)
    answer = next_ephemeral(ws, 0)
    assert "now follow *John Kirby*" in dump(answer)
    before = len(dm_messages(ws))
    scheduler.rescan()  # nothing new yet: no alert for what was there before the follow
    assert len(dm_messages(ws)) == before
    (corpus / "kirby-drones.txt").write_text(KIRBY_AGAIN, encoding="utf-8")
    (corpus / "ferry.txt").write_text(UNRELATED, encoding="utf-8")
    scheduler.rescan()
    alerts = ws.wait_for(lambda w: len(dm_messages(w)) > before and dm_messages(w)[before:])
    assert len(alerts) == 1
    text = dump(alerts[0])
    assert "New on John Kirby" in header(alerts[0])
    assert "White House says it is watching Iran drone deliveries closely" in text
    assert "We are watching every one of these deliveries" in text  # his new quote
    assert "ferry" not in text.lower()
    scheduler.rescan()
    scheduler.alert()
    assert len(dm_messages(ws)) == before + 1
    # A restart: a new bot process on the same database and corpus sends nothing again.
    again = start_bot(ws, database_url, corpus)
    try:
        DigestScheduler(again.services).rescan()
        assert len(dm_messages(ws)) == before + 1
    finally:
        again.server.close()
        again.core.db.close()


def test_a_channel_follows_words_and_alerts_go_to_the_channel(live):
    bot, corpus, scheduler = live
    ws = bot.ws
    ws.send_command("/briefing", "follow ferry terminal", channel=ws.general)
    answer = next_ephemeral(ws, 0)
    assert "the words “ferry terminal”" in dump(answer) and "Nobody called" in dump(answer)
    (corpus / "ferry.txt").write_text(UNRELATED, encoding="utf-8")
    scheduler.rescan()
    alert = ws.wait_for(lambda w: bot_messages(w, w.general) and bot_messages(w, w.general)[-1])
    assert "Harbour authority approves new ferry terminal" in dump(alert)
    assert dm_messages(ws) == []


def test_ten_new_articles_make_one_message_and_a_refiled_version_stays_quiet(live):
    bot, corpus, scheduler = live
    ws = bot.ws
    ws.send_message("follow drones")
    ws.wait_for(lambda w: dm_messages(w))
    start = len(dm_messages(ws))
    for i in range(10):
        (corpus / f"drones-{i}.txt").write_text(
            f"Drone maker {i} opens plant in Region {i}\n\nCITY{i}, Nov. 2{i % 9} (Wire) -- A company opened plant number {i} "
            f"to build drones for farmers in region {i}, officials said on Monday. It will hire {100 + i} workers.\n",
            encoding="utf-8",
        )
    scheduler.rescan()
    alerts = ws.wait_for(lambda w: len(dm_messages(w)) > start and dm_messages(w)[start:])
    assert len(alerts) == 1 and "10 new articles" in dump(alerts[0])
    refiled = (corpus / "drones-3.txt").read_text(encoding="utf-8").replace("hire 103 workers", "hire 103 workers (updated)")
    (corpus / "drones-3-update.txt").write_text(refiled, encoding="utf-8")
    scheduler.rescan()
    assert len(dm_messages(ws)) == start + 1


def test_a_failed_alert_is_sent_on_the_next_run_not_lost_and_not_doubled(live):
    bot, corpus, scheduler = live
    ws = bot.ws
    ws.send_command("/briefing", "follow Kirby", channel=ws.dm)
    next_ephemeral(ws, 0)
    (corpus / "kirby-drones.txt").write_text(KIRBY_AGAIN, encoding="utf-8")
    ws.fail_next("chat.postMessage", status=500, times=4)  # the first try and the client's three retries
    scheduler.rescan()
    assert dm_messages(ws) == []
    scheduler.alert()
    assert len(dm_messages(ws)) == 1
    scheduler.alert()
    assert len(dm_messages(ws)) == 1


def test_an_ambiguous_follow_offers_people_and_the_click_follows_the_one_chosen(live):
    bot, _, _ = live
    ws = bot.ws
    ws.send_command("/briefing", "follow Kim", channel=ws.dm)
    choice = next_ephemeral(ws, 0)
    assert "Several people match" in dump(choice) and len(buttons(choice)) >= 2
    ws.click(choice, button_for(choice, "Sung Kim")["action_id"])
    ws.wait_for(lambda w: "now follow" in dump(w.find_message(choice["channel"], choice["ts"]) or {}))
    assert [f.target.label for f in bot.services.follows.of(ws.user_id)] == ["Sung Kim"]


def test_following_lists_and_the_app_home_unfollow_button_stops_a_follow(live):
    bot, _, _ = live
    ws = bot.ws
    ws.send_message("follow Kirby")
    ws.wait_for(lambda w: len(dm_messages(w)) >= 1)  # one at a time: two answers may arrive in either order
    ws.send_message("follow Vostochny")
    ws.wait_for(lambda w: len(dm_messages(w)) >= 2)
    assert "news from *Vostochny*" in dump(dm_messages(ws)[-1])
    ws.send_message("following")
    listing = ws.wait_for(lambda w: len(dm_messages(w)) >= 3 and dm_messages(w)[2])
    assert "John Kirby" in dump(listing) and "Vostochny" in dump(listing)
    ws.open_home()
    home = ws.wait_for(lambda w: w.home())
    assert "You follow" in dump(home) and "John Kirby" in dump(home)
    unfollow = next(b for b in buttons(home) if b["text"]["text"] == "Unfollow" and b["value"] == "John Kirby")
    ws.click(home, unfollow["action_id"], unfollow["value"])
    ws.wait_for(lambda w: [b["value"] for b in buttons(w.home()) if b["text"]["text"] == "Unfollow"] == ["Vostochny"])
    assert [f.target.label for f in bot.services.follows.of(ws.user_id)] == ["Vostochny"]
    ws.send_message("unfollow vostochny")
    ws.wait_for(lambda w: "no longer follow" in dump(dm_messages(w)[-1]))
    assert bot.services.follows.of(ws.user_id) == []


def test_who_with_a_topic_and_a_dm_question_answer_with_quotes_about_it(bot):
    ws = bot.ws
    ws.send_command("/who", "Blinken China")
    answer = next_ephemeral(ws, 0)
    assert header(answer) == "What Antony Blinken said about China"
    first_quote = next(b for b in answer["blocks"] if b["type"] == "section")["text"]["text"]
    assert "China" in first_quote
    ws.send_message("what did Blinken say about China?")
    reply = ws.wait_for(lambda w: bot_messages(w, w.dm) and bot_messages(w, w.dm)[-1])
    assert header(reply) == "What Antony Blinken said about China"
    ws.send_message("what did Kirby say about bananas?")
    reply = ws.wait_for(lambda w: len(bot_messages(w, w.dm)) >= 2 and bot_messages(w, w.dm)[-1])
    assert "said nothing about bananas" in dump(reply) and "latest quotes" in dump(reply)


def test_who_an_organisation_answers_with_what_it_did_instead_of_not_found(bot):
    ws = bot.ws
    ws.send_command("/who", "UN Security Council")
    card = next_ephemeral(ws, 0)
    assert header(card) == "U.N. Security Council"
    assert "Organisation" in dump(card) and "Sources" in dump(card)


def test_a_follow_with_nothing_to_follow_says_how(bot):
    ws = bot.ws
    ws.send_command("/briefing", "follow", channel=ws.dm)
    assert "Say what to follow" in dump(next_ephemeral(ws, 0))


def test_two_replicas_on_one_database_alert_once(live, database_url):
    bot, corpus, scheduler = live
    ws = bot.ws
    ws.send_command("/briefing", "follow Kirby", channel=ws.dm)
    next_ephemeral(ws, 0)
    other = start_bot(ws, database_url, corpus)
    try:
        (corpus / "kirby-drones.txt").write_text(KIRBY_AGAIN, encoding="utf-8")
        scheduler.rescan()
        other.core.reload()
        runs = [threading.Thread(target=s.alert) for s in (scheduler, DigestScheduler(other.services)) for _ in range(2)]
        for t in runs:
            t.start()
        for t in runs:
            t.join()
        assert len(dm_messages(ws)) == 1
    finally:
        other.server.close()
        other.core.db.close()
