"""The lookup index's snapshot: written with each rebuild of people and events, read in one query at start.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 21:45:00

A database upgraded from an earlier revision has none yet: the first load makes it from the full records.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "snapshots",
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column("generation", sa.String(length=40), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("made_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )


def downgrade() -> None:
    """Undo this revision."""
    op.drop_table("snapshots")
