"""The bot's tables: ORM models of the Slack state, and the whole schema Alembic's revisions must match.

Same names and columns as when they lived in `briefings/store.py` (revisions 0001-0005 create them),
so existing databases keep working; they are declared on their own metadata so the core never sees them.
"""

from __future__ import annotations

from datetime import datetime

from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore
from sqlalchemy import JSON, DateTime, Integer, MetaData, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from briefings.store import Base, utcnow


class StateBase(DeclarativeBase):
    """Declarative base of the bot's tables (a metadata of their own, apart from the core's)."""


class SubscriptionRow(StateBase):
    """A channel that receives the daily digest, at its time and zone."""

    __tablename__ = "subscriptions"

    channel: Mapped[str] = mapped_column(String(100), primary_key=True)
    # Which Slack the channel lives in: the real one, the local workspace (`briefings serve --local`), or (OAuth) a team id.
    workspace: Mapped[str] = mapped_column(String(20), default="slack", server_default="slack")
    time: Mapped[str] = mapped_column(String(5))
    timezone: Mapped[str] = mapped_column(String(64))
    days: Mapped[str] = mapped_column(String(40))
    created_by: Mapped[str | None] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class DigestPostRow(StateBase):
    """One scheduled digest for one channel and day, claimed before posting so it goes out once."""

    __tablename__ = "digest_posts"
    __table_args__ = (UniqueConstraint("channel", "digest_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    channel: Mapped[str] = mapped_column(String(100))
    digest_key: Mapped[str] = mapped_column(String(40))  # the local date, or "manual-<ts>"
    status: Mapped[str] = mapped_column(String(20))  # claimed | sent | skipped | failed
    claimed_by: Mapped[str] = mapped_column(String(100))
    claimed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    attempts: Mapped[int] = mapped_column(Integer, default=1)
    message_ts: Mapped[str | None] = mapped_column(String(40))
    error: Mapped[str | None] = mapped_column(Text)
    payload: Mapped[dict | None] = mapped_column(JSON)


class FollowRow(StateBase):
    """Something a user or channel follows."""

    __tablename__ = "follows"
    __table_args__ = (UniqueConstraint("workspace", "follower", "kind", "target_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workspace: Mapped[str] = mapped_column(String(40), default="slack")
    follower: Mapped[str] = mapped_column(String(40), index=True)  # a user id (alerts by DM) or a channel id
    kind: Mapped[str] = mapped_column(String(10))  # person | place | word
    target_key: Mapped[str] = mapped_column(String(200))
    label: Mapped[str] = mapped_column(String(200))
    created_by: Mapped[str | None] = mapped_column(String(40))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class AlertRow(StateBase):
    """One article alerted (or claimed to be) to one follower: the exactly-once record."""

    __tablename__ = "alerts"
    __table_args__ = (UniqueConstraint("workspace", "follower", "article_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workspace: Mapped[str] = mapped_column(String(40), default="slack")
    follower: Mapped[str] = mapped_column(String(40), index=True)
    article_id: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(10))  # claimed | sent | quiet | failed
    claimed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    message_ts: Mapped[str | None] = mapped_column(String(40))


class SeenEventRow(StateBase):
    """An incoming Slack event already answered (by any replica): Slack retries, doubled mentions."""

    __tablename__ = "seen_events"

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    seen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)


def slack_tables() -> MetaData:
    """The OAuth stores' tables as slack_sdk declares them (Alembic creates them: revision 0005)."""
    metadata = MetaData()
    SQLAlchemyInstallationStore.build_installations_table(metadata, SQLAlchemyInstallationStore.default_installations_table_name)
    SQLAlchemyInstallationStore.build_bots_table(metadata, SQLAlchemyInstallationStore.default_bots_table_name)
    SQLAlchemyOAuthStateStore.build_oauth_states_table(metadata, SQLAlchemyOAuthStateStore.default_table_name)
    return metadata


def schema() -> list[MetaData]:
    """Every table of the database, the core's and the bot's: what Alembic's revisions must produce."""
    return [Base.metadata, StateBase.metadata, slack_tables()]
