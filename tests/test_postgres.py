"""The same index, lookups and exactly-once claims on PostgreSQL (the engine for several replicas).

Opt-in: set BRIEFINGS_TEST_POSTGRES_URL to an empty database you can drop tables in, e.g.
`postgresql+psycopg://postgres@127.0.0.1:5432/briefings_test`. Without it the tests are skipped.
"""

from __future__ import annotations

import os
import shutil

import pytest
from sqlalchemy.exc import IntegrityError

from briefings.service import build_briefings
from briefings.store import Base, DigestPostRow
from tests.conftest import SEEDS

URL = os.environ.get("BRIEFINGS_TEST_POSTGRES_URL")
pytestmark = pytest.mark.skipif(not URL, reason="set BRIEFINGS_TEST_POSTGRES_URL to run the PostgreSQL tests")


@pytest.fixture(scope="module")
def core(tmp_path_factory):
    corpus = tmp_path_factory.mktemp("pg") / "corpus"
    shutil.copytree(SEEDS, corpus)
    core = build_briefings(database_url=URL, corpus_dir=corpus)
    Base.metadata.drop_all(core.db.engine)
    Base.metadata.create_all(core.db.engine)
    core.index()
    yield core
    Base.metadata.drop_all(core.db.engine)
    core.db.close()


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
