"""Alembic's environment: migrate the connection `briefings.migrate` hands over, or (the `alembic` command) the configured database.

Running revisions needs no models: they are plain `op.*` calls. Comparing models with a database
(`alembic revision --autogenerate`) needs every table, the bot's too, and the core does not know
the bot: the caller names the schema, as `attributes["target_metadata"]` or as alembic.ini's
`target_metadata = module:function` (`bot.state.tables:schema`, which returns the core's and the bot's).
"""

from __future__ import annotations

import importlib
import os

from alembic import context
from sqlalchemy import MetaData, create_engine


def _target_metadata() -> list[MetaData] | None:
    given = context.config.attributes.get("target_metadata")
    if given is not None:
        return given
    named = context.config.get_main_option("target_metadata")
    if not named:
        return None
    module, _, function = named.partition(":")
    return getattr(importlib.import_module(module), function)()


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=_target_metadata(),
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
