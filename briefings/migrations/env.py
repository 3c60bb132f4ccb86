"""Alembic's environment: migrate the connection `briefings.migrate` hands over, or (the `alembic` command) the configured database."""

from __future__ import annotations

import os

from alembic import context
from sqlalchemy import create_engine

from briefings.store import Base


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters a table by copying it
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = context.config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:  # `alembic -c alembic.ini revision --autogenerate`: compare the models with BRIEFINGS_DATABASE_URL's database
    url = os.environ.get("BRIEFINGS_DATABASE_URL", "sqlite:///data/briefings.db")
    with create_engine(url).begin() as conn:
        _run(conn)
