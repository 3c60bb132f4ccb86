"""The same index, lookups and exactly-once claims on PostgreSQL (the engine for several replicas).

The server is the one `.ci/run` starts (BRIEFINGS_TEST_POSTGRES_URL, see tests/engines.py); each module
works in a database of its own, dropped at the end.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from bot.local.workspace import Workspace, serve_workspace
from bot.state.seen import SeenEventLog
from bot.state.subscriptions import Subscriptions
from bot.state.tables import DigestPostRow
from briefings.service import build_briefings
from config.settings import Settings
from tests.conftest import SEEDS
from tests.engines import create_postgres_database, drop_postgres_database, require
from tests.replicas import Replica


@pytest.fixture(scope="module")
def core(tmp_path_factory):
    corpus = tmp_path_factory.mktemp("pg") / "corpus"
    shutil.copytree(SEEDS, corpus)
    require("postgresql")
    url = create_postgres_database()
    core = build_briefings(database_url=url, corpus_dir=corpus)
    core.index()
    yield core
    core.db.close()
    drop_postgres_database(url)


def test_index_and_lookups_on_postgres(core):
    assert core.stats().articles == 5
    assert core.who("Kirby").person.name == "John Kirby"
    assert core.event("Jakarta").event.date == "2023-10-17"
    assert core.index().unchanged  # a second run changes nothing


def test_one_claim_per_channel_and_day_on_postgres(core):
    with core.db.session() as s, s.begin():
        s.add(DigestPostRow(channel="C1", digest_key="2024-05-16", status="claimed", claimed_by="a"))
    with pytest.raises(IntegrityError), core.db.session() as s, s.begin():
        s.add(DigestPostRow(channel="C1", digest_key="2024-05-16", status="claimed", claimed_by="b"))
    seen = SeenEventLog(core.db)
    assert seen.first_time(["ev-1"]) and not seen.first_time(["ev-1"])


# --- two bot processes on one PostgreSQL database ---


@pytest.fixture
def slack() -> Iterator[Workspace]:
    ws = Workspace()
    server = serve_workspace(ws, page=False)
    yield ws
    server.stop()


def _bot_posts(ws: Workspace, channel: str) -> list[dict]:
    return [m for m in ws.messages(channel) if m.get("user") == ws.bot_user_id]


def _start(ws: Workspace, core, tmp_path: Path, count: int = 2) -> list[Replica]:
    replicas = [Replica(ws, core.db.url, core.corpus_dir, tmp_path / f"replica-{i}-{time.monotonic_ns()}.log") for i in range(count)]
    for replica in replicas:
        replica.wait_healthy()
    return replicas


def test_two_replicas_post_a_scheduled_digest_once_at_its_minute_and_answer_a_retried_event_once(core, slack, tmp_path):
    channel = slack.add_channel("scheduled")
    now = datetime.now(UTC)
    due = (now + timedelta(minutes=2 if now.second > 30 else 1)).replace(second=0, microsecond=0)
    Subscriptions(core.db, Settings(_env_file=None)).subscribe(channel, f"{due:%H:%M}", "UTC", days="daily")
    replicas = _start(slack, core, tmp_path)
    try:
        slack.events_url = replicas[0].url + "/slack/events"
        first = slack.send_message("who is Kirby?")
        slack.events_url = replicas[1].url + "/slack/events"  # Slack's retry reaches the other replica
        assert slack.resend(first, retry_num=1).status == 200
        replies = slack.wait_for(lambda w: _bot_posts(w, w.dm), timeout=30)
        assert "John Kirby" in str(replies[0])

        [posted] = slack.wait_for(lambda w: _bot_posts(w, channel), timeout=(due - datetime.now(UTC)).total_seconds() + 60)
        assert due.timestamp() <= float(posted["ts"]) < due.timestamp() + 30  # by the cron job, at its minute
        time.sleep(3)  # the other replica's job fired at the same minute: it found the claim
        assert len(_bot_posts(slack, channel)) == 1 and len(_bot_posts(slack, slack.dm)) == 1
    finally:
        for replica in replicas:
            replica.stop()


def test_after_a_restart_and_when_a_replica_died_mid_post_each_digest_goes_out_once(core, slack, tmp_path):
    missed, orphaned = slack.add_channel("missed"), slack.add_channel("orphaned")
    now = datetime.now(UTC)
    earlier = f"{now - timedelta(minutes=5):%H:%M}"  # due while no replica ran, within the grace period
    subs = Subscriptions(core.db, Settings(_env_file=None))
    for channel in (missed, orphaned):
        subs.subscribe(channel, earlier, "UTC", days="daily")
    # A replica claimed `orphaned`'s digest and died before posting it: its claim is left, stale.
    with core.db.session() as s, s.begin():
        key = (now - timedelta(minutes=5)).date().isoformat()
        s.add(
            DigestPostRow(channel=orphaned, digest_key=key, status="claimed", claimed_by="dead:1", claimed_at=now - timedelta(minutes=11))
        )

    replicas = _start(slack, core, tmp_path)  # both start at once: each one's first sweep tries both digests
    try:
        for channel in (missed, orphaned):
            slack.wait_for(lambda w, c=channel: _bot_posts(w, c), timeout=90)
        replicas[0].stop()
        replicas[1].kill()
        replicas = _start(slack, core, tmp_path, count=1)  # a restart sweeps again
        time.sleep(3)
        assert len(_bot_posts(slack, missed)) == 1 and len(_bot_posts(slack, orphaned)) == 1
        with core.db.session() as s:
            row = s.scalar(select(DigestPostRow).where(DigestPostRow.channel == orphaned))
            assert (row.status, row.attempts) == ("sent", 2)  # taken over once from the dead replica
    finally:
        for replica in replicas:
            replica.stop()
