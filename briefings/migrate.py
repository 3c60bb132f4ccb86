"""The schema, owned by Alembic: bring any database to the newest revision, one process at a time.

Revisions live in `briefings/migrations/versions/`. A database made before Alembic took over (it has
the tables but no `alembic_version`) is adopted as the first revision, which is exactly that schema,
then upgraded like any other. Replicas starting together take a lock first (PostgreSQL: an advisory
lock held by the migrating transaction; SQLite: a lock file next to the database), so only one
migrates and the others find the database already at the newest revision.
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
from collections.abc import Iterator
from functools import cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, inspect, text
from sqlalchemy.engine import Engine

SCRIPTS = Path(__file__).resolve().parent / "migrations"
BASELINE = "0001"  # the schema as it was when Alembic took over
log = logging.getLogger(__name__)
logging.getLogger("alembic.runtime.migration").setLevel(logging.WARNING)  # not two lines of Alembic per start

_LOCK_KEY = 7_146_355_002_118_337  # any fixed bigint: the advisory lock that serialises migrations on PostgreSQL


def config(connection: Connection | None = None) -> Config:
    """An Alembic configuration for our revisions, migrating `connection` when given."""
    cfg = Config()
    cfg.set_main_option("script_location", str(SCRIPTS))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


@cache
def head() -> str:
    """The newest revision."""
    heads = ScriptDirectory.from_config(config()).get_heads()
    if len(heads) != 1:
        raise RuntimeError(f"the schema revisions have {len(heads)} heads ({', '.join(heads)}); merge them with `alembic merge`")
    return heads[0]


def current(engine: Engine) -> str | None:
    """The revision a database is at (None: not under Alembic yet, or empty)."""
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine) -> bool:
    """Bring the database to the newest revision; False when it already was (then nothing is locked or written)."""
    if current(engine) == head():
        return False
    with _file_lock(engine), engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _LOCK_KEY})
        cfg = config(conn)
        before = MigrationContext.configure(conn).get_current_revision()
        if before is None and _made_before_alembic(conn):
            command.stamp(cfg, BASELINE)
            before = f"{BASELINE} (adopted: made before Alembic)"
        command.upgrade(cfg, "head")
    if before != head():  # another process may have migrated while we waited for the lock
        log.info("database schema upgraded from revision %s to %s", before or "none (empty)", head())
    return True


def _made_before_alembic(conn: Connection) -> bool:
    tables = set(inspect(conn).get_table_names())
    return "alembic_version" not in tables and "articles" in tables


@contextlib.contextmanager
def _file_lock(engine: Engine) -> Iterator[None]:
    """On a SQLite file, an exclusive lock on `<database>.migrate-lock` (other engines lock in the database)."""
    database = engine.url.database
    if engine.dialect.name != "sqlite" or not database or database == ":memory:":
        yield
        return
    with open(Path(database).with_name(Path(database).name + ".migrate-lock"), "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
