"""The calendar values a date phrase resolves to: `PartialDate` (a day, month or year, maybe
without its year) and `DateRange` (a span of days, maybe limited to one weekday), with the
calendar arithmetic the resolver needs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
    "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}  # fmt: skip
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December")  # fmt: skip


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date that may lack its year (or day): `Sept. 20` stays month 9, day 20, year unknown."""

    year: int | None
    month: int | None
    day: int | None = None

    @property
    def precision(self) -> str:
        """`day`, `month`, `year`, or `day-no-year` when the text gave no year."""
        if self.year is None:
            return "day-no-year" if self.day else "month-no-year"
        if self.day:
            return "day"
        return "month" if self.month else "year"

    def iso(self) -> str:
        """ISO 8601, with `--MM-DD` for a date whose year is unknown."""
        if self.year is None:
            return f"--{self.month:02d}-{self.day:02d}" if self.day else f"--{self.month:02d}"
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def to_date(self) -> date | None:
        """A real `date` when the day is fully known."""
        if self.year and self.month and self.day:
            try:
                return date(self.year, self.month, self.day)
            except ValueError:
                return None
        return None

    def human(self) -> str:
        """`Nov. 9, 2023`-style text for people, never inventing a missing part."""
        if self.month is None:
            return str(self.year)
        month = MONTH_NAMES[self.month - 1]
        if self.day is None:
            return f"{month} {self.year}" if self.year else month
        return f"{month} {self.day}, {self.year}" if self.year else f"{month} {self.day} (year not given)"

    @classmethod
    def from_iso(cls, text: str | None) -> PartialDate | None:
        """Parse what `iso()` writes."""
        if not text:
            return None
        if text.startswith("--"):
            parts = [int(p) for p in text[2:].split("-")]
            return cls(None, parts[0], parts[1] if len(parts) > 1 else None)
        parts = [int(p) for p in text.split("-")]
        return cls(parts[0], parts[1] if len(parts) > 1 else None, parts[2] if len(parts) > 2 else None)

    @classmethod
    def of(cls, value: date) -> PartialDate:
        """A full date."""
        return cls(value.year, value.month, value.day)


def month_number(text: str) -> int | None:
    """`Sept.` -> 9."""
    return MONTHS.get(text.lower().rstrip("."))


def weekday_before(anchor: date, weekday: int, *, include_same_day: bool = True) -> date:
    """The latest date on or before `anchor` that falls on `weekday` (0 = Monday)."""
    delta = (anchor.weekday() - weekday) % 7
    if delta == 0 and not include_same_day:
        delta = 7
    return anchor - timedelta(days=delta)


def weekday_after(anchor: date, weekday: int, *, include_same_day: bool = True) -> date:
    """The earliest date on or after `anchor` that falls on `weekday`."""
    delta = (weekday - anchor.weekday()) % 7
    if delta == 0 and not include_same_day:
        delta = 7
    return anchor + timedelta(days=delta)


def shift_month(year: int, month: int, by: int) -> tuple[int, int]:
    """(year, month) moved by `by` months."""
    index = year * 12 + (month - 1) + by
    return index // 12, index % 12 + 1


# What a date phrase was (`` for a range no phrase named, such as a day the resolver computed).
TimexKind = Literal["explicit", "month", "year", "weekday", "relative", "offset", "other", ""]


@dataclass(frozen=True)
class DateRange:
    """What a phrase says about when: a span of days, maybe with a weekday, maybe with no year."""

    lo: tuple[int | None, int, int]  # (year or None, month, day)
    hi: tuple[int | None, int, int]
    weekday: int | None = None
    text: str = ""
    pos: int = -1  # where the phrase starts in the text it came from
    kind: TimexKind = ""  # what the phrase was
    bound: str = ""  # `since`, `until`, `by`, `before`, `after`, `from`: the phrase bounds a span, it does not date one

    @property
    def year_known(self) -> bool:
        return self.lo[0] is not None

    def days(self, year: int | None = None) -> list[date]:
        """Every day in the range (a year must be given when the range has none)."""
        y_lo = self.lo[0] if self.lo[0] is not None else year
        y_hi = self.hi[0] if self.hi[0] is not None else year
        if y_lo is None or y_hi is None:
            return []
        try:
            start, stop = date(y_lo, self.lo[1], self.lo[2]), date(y_hi, self.hi[1], self.hi[2])
        except ValueError:
            return []
        if stop < start and self.lo[0] is None:  # a year-less range over New Year
            stop = date(y_hi + 1, self.hi[1], self.hi[2])
        out, day = [], start
        while day <= stop and len(out) < 400:
            if self.weekday is None or day.weekday() == self.weekday:
                out.append(day)
            if day == date.max:
                break
            day += timedelta(days=1)
        return out

    def _contiguous_partial(self) -> PartialDate | None:
        # Every day from lo to hi: what they share, without listing them.
        try:
            start, stop = date(*self.lo), date(*self.hi)  # type: ignore[arg-type]
        except ValueError:
            return None
        if stop < start:
            return None
        if start == stop:
            return PartialDate.of(start)
        if (start.year, start.month) == (stop.year, stop.month):
            return PartialDate(start.year, start.month)
        return PartialDate(start.year, None) if start.year == stop.year else None

    def as_partial(self) -> PartialDate | None:
        """The most precise PartialDate this range pins down on its own."""
        if self.year_known and self.weekday is None:
            return self._contiguous_partial()
        if self.year_known:
            days = self.days()
            if len(days) == 1:
                return PartialDate.of(days[0])
            if days and all((d.year, d.month) == (days[0].year, days[0].month) for d in days):
                return PartialDate(days[0].year, days[0].month)
            if days and all(d.year == days[0].year for d in days):
                return PartialDate(days[0].year, None)
            return None
        if self.lo == self.hi:
            return PartialDate(None, self.lo[1], self.lo[2])
        if self.lo[1] == self.hi[1] and self.lo[2] == 1 and self.hi[2] >= 28:
            return PartialDate(None, self.lo[1])
        return None


def _month_end(year: int, month: int) -> int:
    return (date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)).day


def day_range(d: date, text: str = "", weekday: int | None = None) -> DateRange:
    """One day."""
    return DateRange((d.year, d.month, d.day), (d.year, d.month, d.day), weekday, text)


def span(lo: date, hi: date, text: str = "") -> DateRange:
    """The days from `lo` to `hi`."""
    return DateRange((lo.year, lo.month, lo.day), (hi.year, hi.month, hi.day), None, text)


def month_range(year: int | None, month: int, text: str = "") -> DateRange:
    """A whole month (of an unknown year when `year` is None)."""
    last = 31
    if year is not None:
        last = _month_end(year, month)
    elif month in (4, 6, 9, 11):
        last = 30
    elif month == 2:
        last = 29
    return DateRange((year, month, 1), (year, month, last), None, text)


def year_range(year: int, text: str = "") -> DateRange:
    """A whole year."""
    return DateRange((year, 1, 1), (year, 12, 31), None, text)
