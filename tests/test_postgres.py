"""The same index, lookups and exactly-once claims on PostgreSQL (the engine for several replicas).

The server is the one `.ci/run` starts (BRIEFINGS_TEST_POSTGRES_URL, see tests/engines.py); each module
works in a database of its own, dropped at the end.
"""

from __future__ import annotations

import shutil

import pytest
from sqlalchemy.exc import IntegrityError

from briefings.service import build_briefings
from briefings.store import DigestPostRow
from tests.conftest import SEEDS
from tests.engines import create_postgres_database, drop_postgres_database, require


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
    assert core.stats()["articles"] == 5
    assert core.who("Kirby").person.name == "John Kirby"
    assert core.event("Jakarta").event.date == "2023-10-17"
    assert core.index().unchanged  # a second run changes nothing


def test_one_claim_per_channel_and_day_on_postgres(core):
    with core.db.session() as s, s.begin():
        s.add(DigestPostRow(channel="C1", digest_key="2024-05-16", status="claimed", claimed_by="a"))
    with pytest.raises(IntegrityError), core.db.session() as s, s.begin():
        s.add(DigestPostRow(channel="C1", digest_key="2024-05-16", status="claimed", claimed_by="b"))
    assert core.db.first_time(["ev-1"]) and not core.db.first_time(["ev-1"])
