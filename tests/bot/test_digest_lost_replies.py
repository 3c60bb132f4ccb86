"""The digest against Slack faults that hide whether a message was stored: a dropped reply, a late one, a failed read-back."""

from __future__ import annotations

from sqlalchemy import select

from bot.scheduler import DigestScheduler
from bot.state.tables import DigestPostRow
from cli.main import main
from tests.bot.conftest import Clock, start_bot
from tests.bot.helpers import cli_environment


def _parents(ws, channel):
    return [m for m in ws.messages(channel) if m.get("user") == ws.bot_user_id]


def _posts(ws) -> list[int]:
    return [c.status for c in ws.calls if c.method == "chat.postMessage"]


def _subscribed_bot(workspace, database_url, indexed_seeds):
    clock = Clock()
    bot = start_bot(workspace, database_url, indexed_seeds[0], clock=clock)
    channel = workspace.add_channel("news")
    bot.services.subscriptions.subscribe(channel, "08:00", "Asia/Seoul")
    clock.set("2023-11-09T23:01:00+00:00")  # 08:01 in Seoul
    return bot, channel


def test_a_dropped_reply_does_not_post_the_digest_twice(workspace, database_url, indexed_seeds):
    bot, channel = _subscribed_bot(workspace, database_url, indexed_seeds)
    try:
        workspace.lose_reply_next("chat.postMessage")  # Slack stores the message, the connection drops before the answer
        [outcome] = DigestScheduler(bot.services).sweep()
        assert outcome.status == "sent"
        assert len(_parents(workspace, channel)) == 1 and _posts(workspace) == [200]
        assert outcome.message_ts == _parents(workspace, channel)[0]["ts"]
        bot.clock.set("2023-11-09T23:02:00+00:00")
        assert [o.status for o in DigestScheduler(bot.services).sweep()] == ["done"]  # the next minute's sweep
        assert len(_parents(workspace, channel)) == 1
    finally:
        bot.server.close()
        bot.core.db.close()


def test_a_post_that_cannot_be_checked_is_not_sent_again_until_it_can(workspace, database_url, indexed_seeds):
    bot, channel = _subscribed_bot(workspace, database_url, indexed_seeds)
    try:
        workspace.lose_reply_next("chat.postMessage")
        workspace.fail_next("conversations.history", 500, times=10)  # and reading the channel back fails too
        [outcome] = DigestScheduler(bot.services).sweep()
        assert outcome.status == "failed" and "cannot read" in outcome.error
        assert len(_parents(workspace, channel)) == 1  # the one that landed; no blind second post
        workspace._failures.clear()
        bot.clock.set("2023-11-09T23:02:00+00:00")
        [outcome] = DigestScheduler(bot.services).sweep()
        assert outcome.status == "sent"
        assert len(_parents(workspace, channel)) == 1 and _posts(workspace) == [200]
        with bot.core.db.session() as s:
            [row] = s.scalars(select(DigestPostRow).where(DigestPostRow.channel == channel)).all()
        assert row.status == "sent" and row.message_ts == _parents(workspace, channel)[0]["ts"]
        assert bot.core.digest(channel=channel).empty  # its stories are marked sent
    finally:
        bot.server.close()
        bot.core.db.close()


def test_a_reply_later_than_the_clients_timeout_still_counts_as_posted(bot, monkeypatch, tmp_path, capsys):
    monkeypatch.chdir(tmp_path)
    cli_environment(monkeypatch, bot)
    bot.ws.lose_reply_next("chat.postMessage", late_seconds=11)  # the client gives up after 10 s
    assert main(["digest", "--post", "--channel", bot.ws.general]) == 0
    assert "Posted the digest to C0GENERAL" in capsys.readouterr().out
    assert len(_parents(bot.ws, bot.ws.general)) == 1 and _posts(bot.ws) == [200]
    assert bot.core.digest(channel=bot.ws.general).empty  # marked sent: the next sweep has nothing to post again
