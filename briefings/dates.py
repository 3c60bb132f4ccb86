"""Calendar dates as news text states them: explicit, partial (no year) and relative."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
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


# --- relative expressions ------------------------------------------------------------------------

FUTURE_RE = re.compile(
    r"\b(will|would|is due to|are due to|is set to|are set to|plans? to|is to|are to|is expected to|are expected to|next|upcoming|later this|scheduled)\b",
    re.I,
)


@dataclass(frozen=True)
class DateRange:
    """What a phrase says about when: a span of days, maybe with a weekday, maybe with no year."""

    lo: tuple[int | None, int, int]  # (year or None, month, day)
    hi: tuple[int | None, int, int]
    weekday: int | None = None
    text: str = ""
    pos: int = -1  # where the phrase starts in the text it came from

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
            day += timedelta(days=1)
        return out

    def as_partial(self) -> PartialDate | None:
        """The most precise PartialDate this range pins down on its own."""
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


def _day_range(d: date, text: str, weekday: int | None = None) -> DateRange:
    return DateRange((d.year, d.month, d.day), (d.year, d.month, d.day), weekday, text)


def _span(lo: date, hi: date, text: str, weekday: int | None = None) -> DateRange:
    return DateRange((lo.year, lo.month, lo.day), (hi.year, hi.month, hi.day), weekday, text)


def _month_range(year: int | None, month: int, text: str) -> DateRange:
    last = 31
    if year is not None:
        last = ((date(year + (month == 12), month % 12 + 1, 1)) - timedelta(days=1)).day
    elif month in (4, 6, 9, 11):
        last = 30
    elif month == 2:
        last = 29
    return DateRange((year, month, 1), (year, month, last), None, text)


RELATIVE_RE = re.compile(
    r"\b(?P<phrase>(?:(?:on|last|this|next|early|late|earlier|later)\s+)?(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?:['’]s)?"
    r"|(?P<rel>last|this|next|earlier this|later this|early this|late last|early last|earlier in the|later in the)\s+(?P<unit>week|month|year|weekend)(?:['’]s)?"
    r"|(?P<day>yesterday|today|tomorrow|tonight)(?:['’]s)?"
    rf"|(?:in\s+|last\s+|this\s+|the\s+(?:rare\s+|recent\s+)?)?(?P<month>{MONTH_RE})(?!\s+\d)(?:\s+(?P<myear>(?:19|20)\d\d))?)\b",
    re.I,
)


def resolve_when(text: str, anchor: PartialDate | None, *, future: bool | None = None) -> list[DateRange]:
    """Every date a phrase gives, resolved against the article's date (the anchor) and tense.

    `said Tuesday` in an article of Thursday, Nov. 9 is Nov. 7; `will visit Tuesday` is ahead;
    `last month`, `earlier this week`, `this weekend`, `the rare September summit` likewise.
    A phrase that needs a year the anchor lacks keeps month and day only; one that needs a
    day the anchor lacks (a weekday with no article date) keeps only the weekday.
    """
    found: list[DateRange] = []
    taken: list[tuple[int, int]] = []
    for start, end, d in find_explicit_dates(text):
        taken.append((start, end))
        phrase = text[start:end]
        if d.day is None:
            found.append(replace(_month_range(d.year, d.month, phrase), pos=start))
            continue
        year = d.year
        if year is None and anchor and anchor.year:
            year = _nearest_year(anchor, d.month, d.day, future)
        found.append(DateRange((year, d.month, d.day), (year, d.month, d.day), None, phrase, start))
    is_future = bool(FUTURE_RE.search(text)) if future is None else future
    for m in RELATIVE_RE.finditer(text):
        if any(a <= m.start() < b for a, b in taken):
            continue
        found.extend(replace(r, pos=m.start()) for r in _relative(m, anchor, is_future))
    return found


def _nearest_year(anchor: PartialDate, month: int, day: int, future: bool | None) -> int:
    year = anchor.year
    if not anchor.month:
        return year
    # `Dec. 30` in a January article is last year; `Jan. 3` in a December article is next year.
    if month - anchor.month > 6 and not future:
        return year - 1
    if anchor.month - month > 6:
        return year + 1
    return year


def _relative(m: re.Match, anchor: PartialDate | None, future: bool) -> list[DateRange]:
    phrase = m.group(0)
    lead = phrase.lower().split()[0] if " " in phrase else ""
    a = anchor.to_date() if anchor else None
    if m["weekday"]:
        wd = WEEKDAYS.index(m["weekday"].lower())
        ahead = future or lead == "next"
        if lead == "last":
            ahead = False
        if a is None:
            if anchor and anchor.month and anchor.day:
                # No year: the weekday cannot be placed, but it lies within the week before (or after) the anchor.
                base = date(2001, anchor.month, anchor.day)
                lo, hi = (base, base + timedelta(days=6)) if ahead else (base - timedelta(days=6), base)
                return [DateRange((None, lo.month, lo.day), (None, hi.month, hi.day), wd, phrase)]
            return [DateRange((None, 1, 1), (None, 12, 31), wd, phrase)]
        when = weekday_after(a, wd) if ahead else weekday_before(a, wd)
        if lead == "next":
            when = weekday_after(a, wd, include_same_day=False)
        return [_day_range(when, phrase, wd)]
    if m["day"]:
        if a is None:
            return []
        shift = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}[m["day"].lower()]
        return [_day_range(a + timedelta(days=shift), phrase)]
    if m["unit"]:
        return _relative_unit(m["rel"].lower(), m["unit"].lower(), anchor, a, phrase)
    if m["month"]:
        month = month_number(m["month"])
        if month is None or (m["month"].lower() in ("may",) and not re.match(r"(?i)(in|last|this|the)\s", phrase)):
            return []  # `may` is usually the verb
        if m["myear"]:
            return [_month_range(int(m["myear"]), month, phrase)]
        year = None
        if anchor and anchor.year:
            year = anchor.year if not anchor.month or month <= anchor.month or future else anchor.year - 1
        return [_month_range(year, month, phrase)]
    return []


def _relative_unit(rel: str, unit: str, anchor: PartialDate | None, a: date | None, phrase: str) -> list[DateRange]:
    if unit == "year":
        if not anchor or not anchor.year:
            return []
        year = anchor.year + {"last": -1, "next": 1}.get(rel, 0)
        return [DateRange((year, 1, 1), (year, 12, 31), None, phrase)]
    if unit == "month":
        if not anchor or not anchor.month:
            return []
        by = {"last": -1, "next": 1}.get(rel, 0)
        if anchor.year:
            y, mo = shift_month(anchor.year, anchor.month, by)
            return [_month_range(y, mo, phrase)]
        mo = (anchor.month - 1 + by) % 12 + 1
        return [_month_range(None, mo, phrase)]
    # week / weekend
    if a is None:
        if anchor and anchor.month and anchor.day:
            # Without a year we cannot find the week's Monday; allow a week either side in month/day terms.
            base = date(2001, anchor.month, anchor.day)  # a non-leap reference year for month/day arithmetic only
            lo, hi = _week_bounds(base, rel, unit)
            return [DateRange((None, lo.month, lo.day), (None, hi.month, hi.day), None, phrase)]
        return []
    lo, hi = _week_bounds(a, rel, unit)
    return [_span(lo, hi, phrase)]


def _week_bounds(a: date, rel: str, unit: str) -> tuple[date, date]:
    monday = a - timedelta(days=a.weekday())
    if rel in ("last", "late last", "early last"):
        monday -= timedelta(days=7)
    elif rel == "next":
        monday += timedelta(days=7)
    if a.year == 2001 and rel == "last":
        # Month/day arithmetic only (no year, so no weekday): last week is 7 to 13 days back at most.
        return a - timedelta(days=13), a - timedelta(days=1)
    if unit == "weekend":
        return monday + timedelta(days=5), monday + timedelta(days=6)
    if rel in ("earlier this", "early this"):
        return monday, a
    if rel == "later this":
        return a, monday + timedelta(days=6)
    return monday, monday + timedelta(days=6)
