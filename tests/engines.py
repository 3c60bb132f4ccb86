"""Databases for tests on both engines: a SQLite file, or a fresh database on the PostgreSQL server the CI starts.

`BRIEFINGS_TEST_POSTGRES_URL` names a database on that server we may create databases from (`.ci/run`
starts a throwaway cluster and sets it). Without it the PostgreSQL half of each database test is skipped
and says why; `.ci/run` always sets it, so nothing is skipped there.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

ENGINES = ("sqlite", "postgresql")
POSTGRES_URL = os.environ.get("BRIEFINGS_TEST_POSTGRES_URL")
NO_POSTGRES = "PostgreSQL half: set BRIEFINGS_TEST_POSTGRES_URL (`.ci/run` starts a throwaway server and sets it)"


def require(engine: str) -> None:
    """Skip the test (saying why) when its engine is PostgreSQL and no server is configured."""
    if engine == "postgresql" and not POSTGRES_URL:
        pytest.skip(NO_POSTGRES)


def _admin(statement: str) -> None:
    engine = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(text(statement))
    finally:
        engine.dispose()


def create_postgres_database(*, template: str | None = None, name: str | None = None) -> str:
    """A new, empty (or copied from `template`, a database name) PostgreSQL database; returns its URL."""
    name = name or f"briefings_test_{uuid.uuid4().hex[:12]}"
    _admin(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
    return make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)


def drop_postgres_database(url: str) -> None:
    """Drop a database made by `create_postgres_database` (closing what still holds it)."""
    _admin(f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)')


def new_database_url(engine: str, folder: Path, name: str = "test") -> str:
    """A URL of a new empty database on the engine (the caller drops a PostgreSQL one with `drop_database`)."""
    require(engine)
    if engine == "sqlite":
        return f"sqlite:///{folder / f'{name}.db'}"
    return create_postgres_database()


def drop_database(url: str) -> None:
    """Forget a database made by `new_database_url` (a SQLite file goes with its temporary folder)."""
    if url.startswith("postgresql"):
        drop_postgres_database(url)
