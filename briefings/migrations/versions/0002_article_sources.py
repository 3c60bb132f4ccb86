"""Articles say where they came from: source_kind (file, feed, url), source (its address), url (canonical).

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01 19:00:00

A database made just before Alembic took over may have these already (the old start-up step added
them): each is added only when missing.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def _columns() -> list[sa.Column]:
    return [
        sa.Column("source_kind", sa.String(length=10), server_default="file", nullable=False),
        sa.Column("source", sa.String(length=1000), server_default="", nullable=False),
        sa.Column("url", sa.String(length=1000), server_default="", nullable=False),
    ]


def upgrade() -> None:
    """Apply this revision."""
    inspector = sa.inspect(op.get_bind())
    have = {c["name"] for c in inspector.get_columns("articles")}
    indexes = {i["name"] for i in inspector.get_indexes("articles")}
    with op.batch_alter_table("articles") as batch:
        for column in _columns():
            if column.name not in have:
                batch.add_column(column)
        if "ix_articles_url" not in indexes:
            batch.create_index("ix_articles_url", ["url"], unique=False)


def downgrade() -> None:
    """Undo this revision."""
    with op.batch_alter_table("articles") as batch:
        batch.drop_index("ix_articles_url")
        for column in reversed(_columns()):
            batch.drop_column(column.name)
