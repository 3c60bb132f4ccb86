"""Alembic owns the schema: new databases, databases made before Alembic, replicas migrating at once (both engines)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import select, text

from bot.state.tables import SubscriptionRow, schema
from briefings.migrate import BASELINE, config, current, head
from briefings.service import build_briefings
from briefings.store import Database, MetaRow, SnapshotRow, make_engine
from cli.main import main
from tests.conftest import ROOT, write_corpus


def test_a_new_database_is_at_the_newest_revision_and_its_schema_is_the_models(db):
    assert current(db.engine) == head()
    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        differences = compare_metadata(context, schema())
    # A model changed without a revision shows up here: write one (README, "Changing the schema"); so does
    # an upgrade of slack_sdk that changes its installation tables.
    assert differences == []


# The newest schema a release made without Alembic (its start-up step had added these revisions' columns and tables).
LAST_BEFORE_ALEMBIC = "0004"


def _release_database(url: str, schema: str = BASELINE) -> None:
    """A database as a release before Alembic made it: the tables of `schema`, no alembic_version, some data.

    The last releases before Alembic added new columns on start: their databases have the baseline's
    tables plus some of the columns later revisions add (`schema` = that revision).
    """
    engine = make_engine(url)
    with engine.begin() as conn:
        command.upgrade(config(conn), schema)
        conn.execute(text("DROP TABLE alembic_version"))
        conn.execute(
            text(
                "INSERT INTO subscriptions (channel, workspace, time, timezone, days, created_at) VALUES ('C9', 'slack', '07:30', 'Asia/Seoul', 'daily', '2024-01-01')"
            )
        )
        conn.execute(text("INSERT INTO meta (key, value) VALUES ('last_indexed', '2024-01-02')"))
    engine.dispose()


@pytest.mark.parametrize("schema", [BASELINE, LAST_BEFORE_ALEMBIC])
def test_a_database_made_before_alembic_is_adopted_and_keeps_its_data(database_url_on, schema):
    _release_database(database_url_on, schema)
    db = Database(database_url_on)
    try:
        assert current(db.engine) == head()
        with db.session() as s:
            sub = s.scalar(select(SubscriptionRow))
            assert (sub.channel, sub.time, sub.timezone) == ("C9", "07:30", "Asia/Seoul")
            assert s.get(MetaRow, "last_indexed").value == "2024-01-02"
    finally:
        db.close()


def test_replicas_starting_together_on_a_new_database_migrate_it_once(database_url_on):
    opener = "import sys; from briefings.store import Database; Database(sys.argv[1]).close()"
    procs = [
        subprocess.Popen([sys.executable, "-c", opener, database_url_on], cwd=ROOT, stderr=subprocess.PIPE, text=True) for _ in range(3)
    ]
    errors = [p.communicate(timeout=120)[1] for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0], errors
    engine = make_engine(database_url_on)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all() == [head()]
    engine.dispose()


def test_briefings_migrate_upgrades_an_old_database_and_then_has_nothing_to_do(database_url_on, monkeypatch, capsys):
    _release_database(database_url_on)
    monkeypatch.setenv("BRIEFINGS_DATABASE_URL", database_url_on)
    assert main(["migrate", "--json"]) == 0
    first = json.loads(capsys.readouterr().out)
    assert first["before"] is None and first["after"] == head() and first["changed"]
    assert main(["migrate"]) == 0
    assert "nothing to do" in capsys.readouterr().out


# A Yonhap report and a local paper's: two people, a place, one event.
YONHAP = """\
Seoul, Jakarta agree to expand defence cooperation

JAKARTA, March 4 (Yonhap) -- South Korean Defence Minister Shin Won-sik and Indonesian Defence Minister Prabowo Subianto held talks in Jakarta on Monday and agreed to expand cooperation on arms production, Shin's office said.

"Our partnership has entered a new stage," Shin told reporters after the talks.
(END)
"""
LOCAL = """\
Minister's Jakarta talks praised

By Dewi Lestari, Harbour Times

Prabowo Subianto welcomed the talks with Shin Won-sik in Jakarta, calling them "a milestone for both navies".
"""


def test_people_and_events_indexed_before_snapshots_get_one_on_first_load_and_answer_the_same(database_url_on, tmp_path):
    corpus = write_corpus(tmp_path / "corpus", {"yonhap.txt": YONHAP, "local.txt": LOCAL})
    core = build_briefings(database_url=database_url_on, corpus_dir=corpus)
    core.index()
    before = [core.who("Shin"), core.who("Prabowo"), core.event("Jakarta talks")]
    assert [m.status for m in before] == ["found", "found", "found"]
    with core.db.engine.begin() as conn:  # the database as the previous revision left it: no snapshot
        command.downgrade(config(conn), "0005")
    core.db.close()

    again = build_briefings(database_url=database_url_on, corpus_dir=corpus)  # opening it upgrades it
    try:
        after = [again.who("Shin"), again.who("Prabowo"), again.event("Jakarta talks")]
        with again.db.session() as s:  # made on that first load, for the next start
            assert s.get(SnapshotRow, "lookup").generation == s.get(MetaRow, "index_generation").value
        assert [(m.status, m.person, m.event) for m in after] == [(m.status, m.person, m.event) for m in before]
    finally:
        again.db.close()
