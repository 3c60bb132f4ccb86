"""Follows and the alerts sent for them.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01 19:05:00

A database made just before Alembic took over may have these tables already (the follows module
created them on start): each is created only when missing.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this revision."""
    have = set(sa.inspect(op.get_bind()).get_table_names())
    if "alerts" not in have:
        op.create_table(
            "alerts",
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("workspace", sa.String(length=40), nullable=False),
            sa.Column("follower", sa.String(length=40), nullable=False),
            sa.Column("article_id", sa.String(length=16), nullable=False),
            sa.Column("status", sa.String(length=10), nullable=False),
            sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=False),
            sa.Column("message_ts", sa.String(length=40), nullable=True),
            sa.PrimaryKeyConstraint("id"),
            sa.UniqueConstraint("workspace", "follower", "article_id"),
        )
        op.create_index("ix_alerts_follower", "alerts", ["follower"], unique=False)
    if "follows" not in have:
        op.create_table(
            "follows",
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("workspace", sa.String(length=40), nullable=False),
            sa.Column("follower", sa.String(length=40), nullable=False),
            sa.Column("kind", sa.String(length=10), nullable=False),
            sa.Column("target_key", sa.String(length=200), nullable=False),
            sa.Column("label", sa.String(length=200), nullable=False),
            sa.Column("created_by", sa.String(length=40), nullable=True),
            sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
            sa.PrimaryKeyConstraint("id"),
            sa.UniqueConstraint("workspace", "follower", "kind", "target_key"),
        )
        op.create_index("ix_follows_follower", "follows", ["follower"], unique=False)


def downgrade() -> None:
    """Undo this revision."""
    op.drop_index("ix_follows_follower", table_name="follows")
    op.drop_table("follows")
    op.drop_index("ix_alerts_follower", table_name="alerts")
    op.drop_table("alerts")
