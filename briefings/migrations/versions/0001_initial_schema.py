"""Initial schema: the tables as they were when Alembic took over (a database made before is adopted at this revision).

Revision ID: 0001
Revises: (none)
Create Date: 2026-12-01 18:45:05.565906
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "articles",
        sa.Column("id", sa.String(length=16), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("file", sa.String(length=500), nullable=False),
        sa.Column("headline", sa.Text(), nullable=False),
        sa.Column("headline_source", sa.String(length=20), nullable=False),
        sa.Column("outlet", sa.String(length=200), nullable=True),
        sa.Column("wire", sa.String(length=200), nullable=True),
        sa.Column("site", sa.String(length=200), nullable=True),
        sa.Column("authors", sa.JSON(), nullable=False),
        sa.Column("contributors", sa.JSON(), nullable=False),
        sa.Column("dateline_place", sa.String(length=200), nullable=True),
        sa.Column("dateline_date", sa.String(length=10), nullable=True),
        sa.Column("published_date", sa.String(length=10), nullable=True),
        sa.Column("published_source", sa.String(length=200), nullable=False),
        sa.Column("published_confidence", sa.String(length=10), nullable=False),
        sa.Column("page_date", sa.String(length=10), nullable=True),
        sa.Column("update_label", sa.String(length=40), nullable=True),
        sa.Column("editor_notes", sa.JSON(), nullable=False),
        sa.Column("outlet_evidence", sa.JSON(), nullable=False),
        sa.Column("warnings", sa.JSON(), nullable=False),
        sa.Column("body", sa.JSON(), nullable=False),
        sa.Column("captions", sa.JSON(), nullable=False),
        sa.Column("summary", sa.JSON(), nullable=True),
        sa.Column("extraction", sa.JSON(), nullable=True),
        sa.Column("extractor_version", sa.String(length=40), nullable=True),
        sa.Column("indexed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("file"),
    )
    op.create_index("ix_articles_content_hash", "articles", ["content_hash"], unique=True)
    op.create_index("ix_articles_published_date", "articles", ["published_date"], unique=False)

    op.create_table(
        "digest_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(length=100), nullable=False),
        sa.Column("article_hash", sa.String(length=64), nullable=False),
        sa.Column("digest_key", sa.String(length=40), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("channel", "article_hash"),
    )
    op.create_index("ix_digest_items_channel", "digest_items", ["channel"], unique=False)

    op.create_table(
        "digest_posts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(length=100), nullable=False),
        sa.Column("digest_key", sa.String(length=40), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("claimed_by", sa.String(length=100), nullable=False),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("message_ts", sa.String(length=40), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("payload", sa.JSON(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("channel", "digest_key"),
    )
    op.create_table(
        "events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("date", sa.String(length=10), nullable=True),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_events_date", "events", ["date"], unique=False)

    op.create_table(
        "people",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_people_name", "people", ["name"], unique=False)

    op.create_table(
        "seen_events",
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )
    op.create_index("ix_seen_events_seen_at", "seen_events", ["seen_at"], unique=False)

    op.create_table(
        "subscriptions",
        sa.Column("channel", sa.String(length=100), nullable=False),
        sa.Column("workspace", sa.String(length=20), server_default="slack", nullable=False),
        sa.Column("time", sa.String(length=5), nullable=False),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("days", sa.String(length=40), nullable=False),
        sa.Column("created_by", sa.String(length=100), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("channel"),
    )
    op.create_table(
        "meta",
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("article_id", sa.String(length=16), nullable=True),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("key"),
    )


def downgrade() -> None:
    """Undo this revision."""
    op.drop_table("meta")
    op.drop_table("subscriptions")
    op.drop_index("ix_seen_events_seen_at", table_name="seen_events")

    op.drop_table("seen_events")
    op.drop_index("ix_people_name", table_name="people")

    op.drop_table("people")
    op.drop_index("ix_events_date", table_name="events")

    op.drop_table("events")
    op.drop_table("digest_posts")
    op.drop_index("ix_digest_items_channel", table_name="digest_items")

    op.drop_table("digest_items")
    op.drop_index("ix_articles_published_date", table_name="articles")
    op.drop_index("ix_articles_content_hash", table_name="articles")

    op.drop_table("articles")
