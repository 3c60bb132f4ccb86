"""A channel's digest schedule (time, zone, days) and when it is due; the subscriptions are kept by `bot.state.subscriptions`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from config.settings import DAYS, Settings, hour_minute, looks_like_time, parse_days, parse_time, validate_timezone


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
        """The local time as (hour, minute)."""
        return hour_minute(self.time)

    @property
    def weekdays(self) -> list[str]:
        """The days it is posted, as three-letter names in week order."""
        return parse_days(self.days)

    def last_due(self, now: datetime) -> datetime | None:
        """The latest scheduled moment at or before `now` (aware), looking back a week."""
        zone = ZoneInfo(self.timezone)
        local = now.astimezone(zone)
        hour, minute = self.hour_minute
        for back in range(8):
            day: date = local.date() - timedelta(days=back)
            if DAYS[day.weekday()] not in self.weekdays:
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
            if DAYS[day.weekday()] in self.weekdays and moment > local:
                return moment
        raise AssertionError("a subscription names at least one day")

    def describe(self) -> str:
        """`08:00 Asia/Seoul, mon-fri`."""
        return f"{self.time} {self.timezone}, {self.days}"


def parse_subscribe(args: list[str], settings: Settings) -> tuple[str, str]:
    """Time and zone from `/briefing subscribe [HH:MM] [Area/City]`, defaults from the settings."""
    time, zone = settings.digest_time, settings.timezone
    for arg in args:
        if looks_like_time(arg):
            try:
                time = parse_time(arg)
            except ValueError:
                raise SubscriptionError(f"{arg} is not a time; use a 24-hour time such as 08:00 or 17:30") from None
            continue
        try:
            zone = validate_timezone(arg)
        except ValueError:
            raise SubscriptionError(
                f"{arg} is neither a time (HH:MM) nor an IANA time zone; for example `/briefing subscribe 08:00 Asia/Seoul`"
            ) from None
    return time, zone
