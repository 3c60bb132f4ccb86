"""Calendar dates as news text states them: explicit, partial (no year) and relative."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
    "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}  # fmt: skip
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December")  # fmt: skip

MONTH_RE = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
# "Nov. 9, 2023", "Sept. 20", "17 October 2023"
MONTH_DAY_RE = re.compile(rf"\b(?P<month>{MONTH_RE})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>(?:19|20)\d\d)\b)?")
DAY_MONTH_RE = re.compile(rf"\b(?P<day>\d{{1,2}})\s+(?P<month>{MONTH_RE})(?:,?\s+(?P<year>(?:19|20)\d\d)\b)?")
MONTH_YEAR_RE = re.compile(rf"\b(?P<month>{MONTH_RE})\s+(?P<year>(?:19|20)\d\d)\b")
ISO_RE = re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>\d\d)-(?P<day>\d\d)\b")


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


def find_explicit_dates(text: str) -> list[tuple[int, int, PartialDate]]:
    """Every explicit calendar date in the text as (start, end, date), in order."""
    found: list[tuple[int, int, PartialDate]] = []
    taken: list[range] = []
    for pattern in (ISO_RE, MONTH_DAY_RE, DAY_MONTH_RE, MONTH_YEAR_RE):
        for m in pattern.finditer(text):
            if any(m.start() in r or m.end() - 1 in r for r in taken):
                continue
            month = int(m["month"]) if m["month"].isdigit() else month_number(m["month"])
            day = int(m["day"]) if "day" in m.groupdict() and m["day"] else None
            year = int(m["year"]) if m["year"] else None
            if not month or (day is not None and not 1 <= day <= 31):
                continue
            found.append((m.start(), m.end(), PartialDate(year, month, day)))
            taken.append(range(m.start(), m.end()))
    return sorted(found, key=lambda item: item[0])


def parse_date(text: str) -> PartialDate | None:
    """The first explicit date in a short text (`Nov. 9, 2023`, `2023-11-09`, `Sept. 20`)."""
    dates = find_explicit_dates(text)
    return dates[0][2] if dates else None


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
