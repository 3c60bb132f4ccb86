"""The scheduled digest: at its time in each zone, exactly once across replicas, retried after 429/500/failure."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta

from slack_sdk import WebClient
from sqlalchemy import select

from bot.blocks import MAX_BLOCKS, MAX_TEXT_CHARS, text_chars
from bot.digests import DigestPoster
from bot.local.workspace import block_problems
from bot.scheduler import DigestScheduler, digest_trigger
from bot.state.tables import DigestPostRow
from bot.subscriptions import Subscription
from briefings.models import ArticleRef, Digest, Participant, Quote, Story
from briefings.store import Database
from cli.main import main
from tests.bot.conftest import Clock, start_bot
from tests.bot.helpers import cli_environment


def _parents(ws, channel):
    return [m for m in ws.messages(channel) if m.get("user") == ws.bot_user_id]


def _rows(db, channel):
    with db.session() as s:
        return list(s.scalars(select(DigestPostRow).where(DigestPostRow.channel == channel)))


def test_digest_goes_out_at_its_local_time_in_two_time_zones(bot):
    ws = bot.ws
    seoul, new_york = ws.add_channel("seoul"), ws.add_channel("new-york")
    bot.services.subscriptions.subscribe(seoul, "08:00", "Asia/Seoul")
    bot.services.subscriptions.subscribe(new_york, "08:00", "America/New_York")
    scheduler = DigestScheduler(bot.services)
    scheduler.sync()

    # APScheduler's own triggers fire at 08:00 local: 23:00 UTC for Seoul, 13:00 UTC for New York (EST)
    thursday_noon = datetime(2023, 11, 9, 12, 0, tzinfo=UTC)
    assert scheduler.scheduler.get_job(f"digest:{seoul}").trigger.get_next_fire_time(None, thursday_noon) == datetime(
        2023, 11, 9, 23, 0, tzinfo=UTC
    )
    assert scheduler.scheduler.get_job(f"digest:{new_york}").trigger.get_next_fire_time(None, thursday_noon) == datetime(
        2023, 11, 9, 13, 0, tzinfo=UTC
    )

    bot.clock.set("2023-11-09T22:59:00+00:00")  # Seoul 07:59 Friday; New York Thursday 17:59, long past its 08:00
    assert scheduler.sweep() == []
    bot.clock.set("2023-11-09T23:00:30+00:00")  # Seoul 08:00 Friday
    [outcome] = scheduler.sweep()
    assert (outcome.status, outcome.channel, outcome.key) == ("sent", seoul, "2023-11-10")
    assert len(_parents(ws, seoul)) == 1 and _parents(ws, new_york) == []
    assert "November 10, 2023" in _parents(ws, seoul)[0]["text"] or "Nov" in _parents(ws, seoul)[0]["text"]

    bot.clock.set("2023-11-10T00:30:00+00:00")
    assert [o.status for o in scheduler.sweep()] == ["done"]  # Seoul's is already out; New York's not due
    bot.clock.set("2023-11-10T12:59:00+00:00")
    assert scheduler.sweep() == []  # Seoul's moment is past the grace period, New York's still ahead
    bot.clock.set("2023-11-10T13:01:00+00:00")  # New York 08:01 Friday
    [outcome] = scheduler.sweep()
    assert (outcome.status, outcome.channel, outcome.key) == ("sent", new_york, "2023-11-10")
    assert len(_parents(ws, seoul)) == 1 and len(_parents(ws, new_york)) == 1

    bot.clock.set("2023-11-11T23:30:00+00:00")  # Seoul Sunday 08:30: mon-fri only
    assert {o.channel for o in scheduler.sweep()} <= {seoul, new_york} and len(_parents(ws, seoul)) == 1


def test_cron_trigger_follows_daylight_saving_time():
    sub = Subscription("C1", "08:00", "America/New_York", "daily")
    summer = digest_trigger(sub).get_next_fire_time(None, datetime(2023, 7, 1, 0, 0, tzinfo=UTC))
    winter = digest_trigger(sub).get_next_fire_time(None, datetime(2023, 12, 1, 0, 0, tzinfo=UTC))
    assert summer.astimezone(UTC).hour == 12 and winter.astimezone(UTC).hour == 13


def test_two_app_instances_on_one_database_post_one_digest(workspace, database_url, indexed_seeds):
    clock = Clock()
    first = start_bot(workspace, database_url, indexed_seeds[0], clock=clock)
    second = start_bot(workspace, database_url, indexed_seeds[0], clock=clock)
    try:
        channel = workspace.add_channel("news")
        first.services.subscriptions.subscribe(channel, "08:00", "Europe/London")
        clock.set("2023-11-09T08:00:05+00:00")
        schedulers = [DigestScheduler(first.services), DigestScheduler(second.services)]
        start = threading.Barrier(2)
        results: list = []

        def run(s):
            start.wait()
            results.extend(s.sweep())

        threads = [threading.Thread(target=run, args=(s,)) for s in schedulers]
        for t in threads:
            t.start()
        for t in threads:
            t.join(30)
        assert sorted(o.status for o in results).count("sent") == 1
        assert len(_parents(workspace, channel)) == 1
        # later sweeps of either replica change nothing
        clock.set("2023-11-09T08:30:00+00:00")
        assert all(o.status == "done" for s in schedulers for o in s.sweep())
        assert len(_parents(workspace, channel)) == 1
        assert [r.status for r in _rows(first.core.db, channel)] == ["sent"]
    finally:
        for b in (first, second):
            b.server.close()
            b.core.db.close()


def test_rate_limited_post_honours_retry_after_then_succeeds(bot):
    ws = bot.ws
    ws.fail_next("chat.postMessage", 429, retry_after=1)
    started = time.monotonic()
    outcome = bot.services.poster.post_now(ws.general)
    assert outcome.status == "sent"
    assert time.monotonic() - started >= 1.0  # waited as Slack asked
    statuses = [c.status for c in ws.calls if c.method == "chat.postMessage"]
    assert statuses == [429, 200]
    assert len(_parents(ws, ws.general)) == 1


def test_server_error_is_retried_with_backoff_then_succeeds(bot):
    ws = bot.ws
    ws.fail_next("chat.postMessage", 500)
    assert bot.services.poster.post_now(ws.general).status == "sent"
    assert [c.status for c in ws.calls if c.method == "chat.postMessage"] == [500, 200]
    assert len(_parents(ws, ws.general)) == 1


def test_failed_post_is_not_marked_sent_and_a_restart_posts_it_once(workspace, database_url, indexed_seeds):
    clock = Clock()
    first = start_bot(workspace, database_url, indexed_seeds[0], clock=clock)
    channel = workspace.add_channel("news")
    first.services.subscriptions.subscribe(channel, "08:00", "Asia/Seoul")
    stories = len(first.core.digest(channel=channel).stories)
    assert stories > 0
    workspace.fail_next("chat.postMessage", 500, times=20)  # more than the client's retries
    clock.set("2023-11-09T23:00:00+00:00")
    [outcome] = DigestScheduler(first.services).sweep()
    assert outcome.status == "failed" and "500" in outcome.error
    assert [r.status for r in _rows(first.core.db, channel)] == ["failed"]
    assert len(first.core.digest(channel=channel).stories) == stories  # nothing marked sent
    assert _parents(workspace, channel) == []
    first.server.close()
    first.core.db.close()
    workspace.fail_next("chat.postMessage", 200, times=0)
    workspace._failures.clear()  # Slack is back

    clock.set("2023-11-10T01:30:00+00:00")  # a new process, 2.5 h later: within the 3 h grace period
    second = start_bot(workspace, database_url, indexed_seeds[0], clock=clock)
    try:
        [outcome] = DigestScheduler(second.services).sweep()
        assert outcome.status == "sent" and outcome.key == "2023-11-10"
        assert len(_parents(workspace, channel)) == 1
        [row] = _rows(second.core.db, channel)
        assert row.status == "sent" and row.attempts == 2
        assert second.core.digest(channel=channel).empty  # marked sent now
        assert [o.status for o in DigestScheduler(second.services).sweep()] == ["done"]
    finally:
        second.server.close()
        second.core.db.close()


def test_missed_digest_is_posted_within_the_grace_period_only(bot):
    ws = bot.ws
    late, too_late = ws.add_channel("late"), ws.add_channel("too-late")
    bot.services.subscriptions.subscribe(late, "10:00", "UTC")
    bot.services.subscriptions.subscribe(too_late, "08:00", "UTC")
    bot.clock.set("2023-11-09T12:30:00+00:00")  # 2.5 h after 10:00, 4.5 h after 08:00; grace is 3 h
    outcomes = DigestScheduler(bot.services).sweep()
    assert [(o.channel, o.status) for o in outcomes] == [(late, "sent")]
    assert _parents(ws, too_late) == []


def test_digest_post_command_posts_now_through_the_same_path(bot, monkeypatch, tmp_path, capsys):
    monkeypatch.chdir(tmp_path)
    cli_environment(monkeypatch, bot)
    assert main(["digest", "--post", "--channel", bot.ws.general]) == 0
    assert "Posted the digest to C0GENERAL" in capsys.readouterr().out
    assert len(_parents(bot.ws, bot.ws.general)) == 1
    assert bot.core.digest(channel=bot.ws.general).empty
    assert main(["digest", "--post"]) == 2  # no channel given or configured
    assert "--channel" in capsys.readouterr().err


class BigDigestCore:
    """A stand-in for the core's digest side: a digest too long for one message, and what was marked sent."""

    def __init__(self, db: Database, stories: int) -> None:
        self.db = db
        self.stories = stories
        self.marked: list[tuple[str, str, int]] = []

    def digest(self, channel=None, since=None, include_sent=False) -> Digest:
        if any(c == channel for c, _, _ in self.marked):
            return Digest("2023-11-09", channel, [])
        return Digest("2023-11-09", channel, [_story(i) for i in range(self.stories)])

    def mark_sent(self, digest: Digest, channel: str, key: str) -> int:
        self.marked.append((channel, key, len(digest.stories)))
        return len(digest.stories)


def _story(i: int) -> Story:
    ref = ArticleRef(f"a{i}", f"Headline number {i} <!channel> & more " + "x" * 120, "Yonhap", "2023-11-09")
    return Story(
        headline=f"Story {i}: talks in Jakarta <@U123>",
        summary=["A long sentence about what happened in the talks. " * 20],
        people=[Participant(f"Person {j}", "Minister of Something") for j in range(8)],
        quote=Quote("We are deeply concerned " * 30, "John Kirby", f"a{i}", "2023-11-09", sources=[ref]),
        date="2023-11-09",
        sources=[ref] * 6,
        article_hashes=[f"h{i}"],
    )


def test_long_digest_becomes_a_parent_message_with_the_stories_in_its_thread(bot, tmp_path):
    ws = bot.ws
    core = BigDigestCore(Database(f"sqlite:///{tmp_path / 'big.db'}"), stories=40)
    poster = DigestPoster(core, bot.services.client, instance="big", now=bot.clock)
    outcome = poster.post_now(ws.general)
    assert outcome.status == "sent" and outcome.stories == 40
    [parent] = _parents(ws, ws.general)
    replies = ws.thread(ws.general, parent["ts"])
    assert len(replies) >= 2
    for message in [parent, *replies]:
        assert len(message["blocks"]) <= MAX_BLOCKS and text_chars(message["blocks"]) <= MAX_TEXT_CHARS
        assert block_problems(message["blocks"]) == []
        assert message["text"]
    everything = str([parent, *replies])
    assert all(f"Story {i}:" in everything for i in range(40))
    assert "<!channel>" not in everything and "<@U123>" not in everything and "&lt;!channel&gt;" in everything
    assert core.marked == [(ws.general, outcome.key, 40)]


def test_thread_replies_resume_after_a_failure_without_posting_the_parent_twice(bot, tmp_path):
    ws = bot.ws

    class SlackFailsAfterTheParent(WebClient):
        """The real client; once the parent is out, the workspace starts failing (beyond the client's retries)."""

        def chat_postMessage(self, **kwargs):
            response = super().chat_postMessage(**kwargs)
            if not kwargs.get("thread_ts"):
                ws.fail_next("chat.postMessage", 500, times=50)
            return response

    client = SlackFailsAfterTheParent(token=ws.bot_token, base_url=ws.api_url)
    core = BigDigestCore(Database(f"sqlite:///{tmp_path / 'big.db'}"), stories=40)
    first = DigestPoster(core, client, instance="one", now=bot.clock).post(ws.general, "2023-11-09")
    assert first.status == "failed" and core.marked == []
    ws._failures.clear()  # Slack is back

    poster = DigestPoster(core, bot.services.client, instance="two", now=bot.clock)
    assert poster.post(ws.general, "2023-11-09").status == "sent"
    [parent] = _parents(ws, ws.general)
    replies = ws.thread(ws.general, parent["ts"])
    assert sum("Story 0:" in str(r["blocks"]) for r in replies) == 1 and "Story 39:" in str(replies)
    assert core.marked == [(ws.general, "2023-11-09", 40)]
    assert poster.post(ws.general, "2023-11-09").status == "done"


def test_scheduled_day_uses_the_zone_of_the_subscription():
    sub = Subscription("C1", "08:00", "Asia/Seoul", "mon-fri")
    due = sub.last_due(datetime(2023, 11, 9, 23, 0, tzinfo=UTC))
    assert due.isoformat() == "2023-11-10T08:00:00+09:00"
    assert sub.next_due(due + timedelta(seconds=1)).isoformat() == "2023-11-13T08:00:00+09:00"  # Monday next


def test_local_workspace_and_slack_keep_their_own_subscriptions(database_url, indexed_seeds):
    # One database can serve `serve --local` and the real Slack: neither posts into the other's channels.
    from bot.state.subscriptions import Subscriptions
    from briefings.store import Database
    from config.settings import Settings

    settings = Settings(_env_file=None, BRIEFINGS_DATABASE_URL=database_url, BRIEFINGS_DIGEST_CHANNEL="C0REAL001")
    db = Database(database_url)
    slack, local = Subscriptions(db, settings), Subscriptions(db, settings, workspace="local")
    slack.seed_default()
    local.subscribe("C0GENERAL", "09:00", "Asia/Seoul")
    assert [s.channel for s in slack.all()] == ["C0REAL001"]
    assert [s.channel for s in local.all()] == ["C0GENERAL"]
    assert local.get("C0REAL001") is None and not local.unsubscribe("C0REAL001")
    assert slack.get("C0REAL001") is not None
    db.close()
