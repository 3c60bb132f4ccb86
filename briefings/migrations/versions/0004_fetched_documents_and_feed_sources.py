"""Fetched documents (conditional GET cache) and the feed and URL sources.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 19:08:00

A database made just before Alembic took over may have these tables already: each is created only
when missing.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this revision."""
    have = set(sa.inspect(op.get_bind()).get_table_names())
    if "fetched" not in have:
        op.create_table(
            "fetched",
            sa.Column("url", sa.String(length=1000), nullable=False),
            sa.Column("etag", sa.String(length=500), nullable=True),
            sa.Column("last_modified", sa.String(length=100), nullable=True),
            sa.Column("content_type", sa.String(length=200), nullable=True),
            sa.Column("content", sa.LargeBinary(), nullable=False),
            sa.Column("fetched_at", sa.DateTime(timezone=True), nullable=False),
            sa.PrimaryKeyConstraint("url"),
        )
    if "sources" not in have:
        op.create_table(
            "sources",
            sa.Column("url", sa.String(length=1000), nullable=False),
            sa.Column("origin", sa.String(length=10), nullable=False),
            sa.Column("kind", sa.String(length=10), nullable=True),
            sa.Column("title", sa.String(length=500), nullable=True),
            sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
            sa.Column("last_fetch", sa.DateTime(timezone=True), nullable=True),
            sa.Column("status", sa.String(length=20), nullable=False),
            sa.Column("error", sa.Text(), nullable=True),
            sa.Column("failures", sa.Integer(), nullable=False),
            sa.PrimaryKeyConstraint("url"),
        )


def downgrade() -> None:
    """Undo this revision."""
    op.drop_table("sources")
    op.drop_table("fetched")
