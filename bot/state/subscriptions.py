"""Which channels receive the daily digest (table `subscriptions`), one workspace at a time."""

from __future__ import annotations

from sqlalchemy import delete, select

from bot.state.tables import SubscriptionRow
from bot.subscriptions import Subscription
from briefings.store import Database, upsert, utcnow
from config.settings import Settings

_SEEDED_KEY = "digest_channel_seeded"


class Subscriptions:
    """Read and change the digest subscriptions of one workspace."""

    def __init__(self, db: Database, settings: Settings, *, workspace: str = "slack") -> None:
        # One database may serve the real Slack and the local workspace: each sees only its own channels.
        self.workspace = workspace
        self.db = db
        self.default_days = settings.digest_days
        self.default_time = settings.digest_time
        self.default_zone = settings.timezone
        self.default_channel = settings.digest_channel

    def seed_default(self) -> None:
        """Subscribe the configured digest channel once (a later unsubscribe sticks); race-free across replicas."""
        channel = self.default_channel
        key = f"{_SEEDED_KEY}:{self.workspace}"
        if not channel or self.db.get_meta(key) == channel:
            return
        # Insert-if-absent, never read-then-write: replicas starting together all get here, none fails.
        with self.db.session() as s, s.begin():
            row = {"channel": channel, "workspace": self.workspace, "time": self.default_time, "timezone": self.default_zone}
            row |= {"days": self.default_days, "created_by": "BRIEFINGS_DIGEST_CHANNEL", "created_at": utcnow()}
            upsert(s, SubscriptionRow, row, update=[])
        self.db.set_meta(key, channel)

    def all(self) -> list[Subscription]:
        """Every subscription, by channel."""
        with self.db.session() as s:
            rows = s.scalars(select(SubscriptionRow).where(SubscriptionRow.workspace == self.workspace).order_by(SubscriptionRow.channel))
            return [Subscription(r.channel, r.time, r.timezone, r.days) for r in rows]

    def get(self, channel: str) -> Subscription | None:
        """One channel's subscription."""
        with self.db.session() as s:
            r = s.get(SubscriptionRow, channel)
            return Subscription(r.channel, r.time, r.timezone, r.days) if r and r.workspace == self.workspace else None

    def subscribe(self, channel: str, time: str, zone: str, *, days: str | None = None, created_by: str | None = None) -> Subscription:
        """Create or change a channel's subscription."""
        days = days or self.default_days
        row = SubscriptionRow(channel=channel, workspace=self.workspace, time=time, timezone=zone, days=days, created_by=created_by)
        with self.db.session() as s, s.begin():
            s.merge(row)
        return Subscription(channel, time, zone, days)

    def unsubscribe(self, channel: str) -> bool:
        """Stop a channel's digest; False when it had none."""
        with self.db.session() as s, s.begin():
            gone = delete(SubscriptionRow).where(SubscriptionRow.channel == channel, SubscriptionRow.workspace == self.workspace)
            return s.execute(gone).rowcount > 0
