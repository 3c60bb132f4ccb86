"""Which channels receive the daily digest, when, in which zone: stored in the database."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import delete, select

from briefings.store import Database, SubscriptionRow, upsert, utcnow
from config.settings import Settings, parse_days, validate_timezone

_DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_TIME = re.compile(r"^(\d{1,2})[:.h](\d{2})$")
_SEEDED_KEY = "digest_channel_seeded"


class SubscriptionError(ValueError):
    """A subscription request we cannot use; the message says what is allowed."""


@dataclass(frozen=True)
class Subscription:
    """A channel's digest schedule: local time `HH:MM`, IANA zone, days like `mon-fri`."""

    channel: str
    time: str
    timezone: str
    days: str

    @property
    def hour_minute(self) -> tuple[int, int]:
        hour, minute = self.time.split(":")
        return int(hour), int(minute)

    @property
    def weekdays(self) -> list[str]:
        return parse_days(self.days)

    def last_due(self, now: datetime) -> datetime | None:
        """The latest scheduled moment at or before `now` (aware), looking back a week."""
        zone = ZoneInfo(self.timezone)
        local = now.astimezone(zone)
        hour, minute = self.hour_minute
        for back in range(8):
            day: date = local.date() - timedelta(days=back)
            if _DAYS[day.weekday()] not in self.weekdays:
                continue
            moment = datetime(day.year, day.month, day.day, hour, minute, tzinfo=zone)
            if moment <= local:
                return moment
        return None

    def next_due(self, now: datetime) -> datetime:
        """The next scheduled moment after `now`, in the subscription's zone."""
        zone = ZoneInfo(self.timezone)
        local = now.astimezone(zone)
        hour, minute = self.hour_minute
        for ahead in range(8):
            day = local.date() + timedelta(days=ahead)
            moment = datetime(day.year, day.month, day.day, hour, minute, tzinfo=zone)
            if _DAYS[day.weekday()] in self.weekdays and moment > local:
                return moment
        raise AssertionError("a subscription names at least one day")

    def describe(self) -> str:
        """`08:00 Asia/Seoul, mon-fri`."""
        return f"{self.time} {self.timezone}, {self.days}"


def parse_subscribe(args: list[str], settings: Settings) -> tuple[str, str]:
    """Time and zone from `/briefing subscribe [HH:MM] [Area/City]`, defaults from the settings."""
    time, zone = settings.digest_time, settings.timezone
    for arg in args:
        if m := _TIME.match(arg):
            if int(m[1]) > 23 or int(m[2]) > 59:
                raise SubscriptionError(f"{arg} is not a time; use a 24-hour time such as 08:00 or 17:30")
            time = f"{int(m[1]):02d}:{m[2]}"
            continue
        try:
            zone = validate_timezone(arg)
        except ValueError:
            raise SubscriptionError(
                f"{arg} is neither a time (HH:MM) nor an IANA time zone; for example `/briefing subscribe 08:00 Asia/Seoul`"
            ) from None
    return time, zone


class Subscriptions:
    """Read and change the digest subscriptions."""

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
        with self.db.session() as s, s.begin():
            s.merge(
                SubscriptionRow(
                    channel=channel,
                    workspace=self.workspace,
                    time=time,
                    timezone=zone,
                    days=days or self.default_days,
                    created_by=created_by,
                )
            )
        return Subscription(channel, time, zone, days or self.default_days)

    def unsubscribe(self, channel: str) -> bool:
        """Stop a channel's digest; False when it had none."""
        with self.db.session() as s, s.begin():
            gone = delete(SubscriptionRow).where(SubscriptionRow.channel == channel, SubscriptionRow.workspace == self.workspace)
            return s.execute(gone).rowcount > 0
