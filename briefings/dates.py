"""Calendar dates as news text states them: explicit, partial (no year), relative and counted.

The public entry point is `resolve_when(text, anchor, *, future=None)`: every time expression in
a phrase or sentence, resolved against the article's date. The value types live in
`briefings.daterange`, the patterns in `briefings.timex`, the tense reader in `briefings.tense`.
"""

from __future__ import annotations

import re

from briefings.daterange import (
    MONTH_NAMES,
    MONTHS,
    WEEKDAYS,
    DateRange,
    PartialDate,
    month_number,
    shift_month,
    weekday_after,
    weekday_before,
)
from briefings.timex import find_ranges

__all__ = [
    "MONTHS",
    "MONTH_NAMES",
    "MONTH_RE",
    "WEEKDAYS",
    "DateRange",
    "PartialDate",
    "find_explicit_dates",
    "month_number",
    "parse_date",
    "resolve_when",
    "shift_month",
    "weekday_after",
    "weekday_before",
]

MONTH_RE = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
# "Nov. 9, 2023", "Sept. 20", "17 October 2023"
MONTH_DAY_RE = re.compile(rf"\b(?P<month>{MONTH_RE})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>(?:19|20)\d\d)\b)?")
DAY_MONTH_RE = re.compile(rf"\b(?P<day>\d{{1,2}})\s+(?P<month>{MONTH_RE})(?:,?\s+(?P<year>(?:19|20)\d\d)\b)?")
MONTH_YEAR_RE = re.compile(rf"\b(?P<month>{MONTH_RE})\s+(?P<year>(?:19|20)\d\d)\b")
ISO_RE = re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>\d\d)-(?P<day>\d\d)\b")


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


def resolve_when(text: str, anchor: PartialDate | None, *, future: bool | None = None) -> list[DateRange]:
    """Every date a phrase or sentence gives, resolved against the article's date (the anchor).

    `said Tuesday` in an article of Thursday, Nov. 9 is Nov. 7; `will visit Tuesday` is ahead:
    the tense comes from the verb that governs each expression (`future` forces it). Years
    (`in 1953`, `mid-1996`, `'58`), months (`last May`, `this September`), counted offsets
    (`four years ago`, `the day before`) and relative phrases (`last month`, `this year`,
    `earlier this week`) keep their own precision: a year is a year, a month a month. A phrase
    that needs a year the anchor lacks keeps month and day only; one that needs a day the
    anchor lacks (a weekday with no article date) keeps only the weekday. Each range carries
    the words it came from (`text`), where they start (`pos`) and their `kind`.
    """
    return find_ranges(text, anchor, future)
