"""Several replicas of the bot starting at once on one database: none of them fails, the channel is seeded once."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import select

from bot.services import build_services
from bot.state.tables import SubscriptionRow
from briefings.store import Database, MetaRow
from tests.bot.conftest import make_settings
from tests.engines import ENGINES, drop_database, new_database_url

REPLICAS = 6


def _fresh(url: str) -> None:
    db = Database(url)  # the schema exists (the deployment migrated it); the replicas race on their first rows
    with db.session() as s, s.begin():
        for table in (SubscriptionRow, MetaRow):
            s.execute(table.__table__.delete())
    db.close()


def _start_together(settings, count: int) -> list[Exception | None]:
    barrier = threading.Barrier(count)

    def start(i: int) -> Exception | None:
        barrier.wait()
        try:
            services = build_services(settings, instance=f"replica-{i}")
        except Exception as error:  # the test reports what a replica died of
            return error
        services.core.db.close()
        return None

    with ThreadPoolExecutor(count) as pool:
        return list(pool.map(start, range(count)))


@pytest.mark.parametrize("engine", ENGINES)
def test_replicas_starting_together_all_start_and_seed_the_digest_channel_once(engine, workspace, tmp_path, indexed_seeds):
    url = new_database_url(engine, tmp_path, "replicas")
    settings = make_settings(workspace, url, indexed_seeds[0], digest_channel="C0DIGEST")
    for _ in range(5):  # each round a fresh start-up of every replica on an empty state
        _fresh(url)
        assert _start_together(settings, REPLICAS) == [None] * REPLICAS
        db = Database(url)
        with db.session() as s:
            assert s.scalars(select(SubscriptionRow.channel)).all() == ["C0DIGEST"]
            assert s.get(MetaRow, "digest_channel_seeded:slack").value == "C0DIGEST"
        db.close()
    drop_database(url)
