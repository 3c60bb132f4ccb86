"""A channel's digest schedule (time, zone, days) and when it is due; the subscriptions are kept by `bot.state.subscriptions`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from config.settings import Settings, parse_days, validate_timezone

_DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_TIME = re.compile(r"^(\d{1,2})[:.h](\d{2})$")


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
