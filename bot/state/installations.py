"""Installations in many workspaces (OAuth): Bolt's SQLAlchemy installation and state stores on our database.

A workspace installs the app through `/slack/install` and `/slack/oauth_redirect`; Bolt saves its
bot token here and authorises each request by the request's team. The digest and alert jobs, which
run outside any request, ask here for each installed workspace and its token. The tables belong to
Alembic like every other (revision 0005; `bot.state.tables.slack_tables`); the stores only read and write them.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore
from sqlalchemy import delete, select
from sqlalchemy.engine import Engine

from bot.state.digest_posts import DONE
from bot.state.tables import AlertRow, DigestPostRow, FollowRow, SubscriptionRow
from briefings.store import Database

log = logging.getLogger(__name__)

STATE_SECONDS = 600  # an install link works for ten minutes


@dataclass(frozen=True)
class Team:
    """One installed workspace: its id and bot token."""

    team_id: str
    enterprise_id: str | None
    bot_token: str


class Installations:
    """Who installed the app, with which token; and removing a workspace's data when it uninstalls."""

    def __init__(self, db: Database, client_id: str) -> None:
        self.db = db
        engine: Engine = db.engine
        self.store = SQLAlchemyInstallationStore(client_id=client_id, engine=engine, logger=log)
        self.states = SQLAlchemyOAuthStateStore(expiration_seconds=STATE_SECONDS, engine=engine, logger=log)

    def teams(self) -> list[Team]:
        """Every workspace with a bot token, one entry per team (its latest installation)."""
        bots = self.store.bots
        query = select(bots.c.team_id, bots.c.enterprise_id, bots.c.bot_token, bots.c.installed_at).where(
            bots.c.client_id == self.store.client_id, bots.c.bot_token.is_not(None)
        )
        latest: dict[str, Team] = {}
        with self.db.engine.connect() as conn:
            for row in conn.execute(query.order_by(bots.c.installed_at)):
                if row.team_id:
                    latest[row.team_id] = Team(row.team_id, row.enterprise_id, row.bot_token)
        return list(latest.values())

    def team(self, team_id: str) -> Team | None:
        """One installed workspace, or None."""
        return next((t for t in self.teams() if t.team_id == team_id), None)

    def uninstall(self, team_id: str, enterprise_id: str | None = None) -> None:
        """Forget a workspace: its installation and bot, its subscriptions, follows, alerts and pending digests."""
        self.store.delete_installation(enterprise_id=enterprise_id, team_id=team_id)
        self.store.delete_bot(enterprise_id=enterprise_id, team_id=team_id)
        with self.db.session() as s, s.begin():
            channels = list(s.scalars(select(SubscriptionRow.channel).where(SubscriptionRow.workspace == team_id)))
            s.execute(delete(SubscriptionRow).where(SubscriptionRow.workspace == team_id))
            s.execute(delete(FollowRow).where(FollowRow.workspace == team_id))
            s.execute(delete(AlertRow).where(AlertRow.workspace == team_id))
            if channels:  # digests claimed but not sent (sent ones stay as history of what went out)
                s.execute(delete(DigestPostRow).where(DigestPostRow.channel.in_(channels), DigestPostRow.status.not_in(DONE)))
        log.info("workspace %s uninstalled the app: its installation, %d subscriptions and follows removed", team_id, len(channels))
