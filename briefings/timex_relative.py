"""How relative time expressions resolve: counted from the article's date or from the date the text named last.

`yesterday`, `last week`, `next month`, `four years ago`, `two weeks earlier` (than the date just
named), `that year`, `the day before`, `Oct. 12, the day before the plunge`, a clock time (valued
by its day). The calendar expressions (a date, a month, a year, a weekday) are in `timex_resolve`.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from briefings.daterange import WEEKDAYS, DateRange, PartialDate, day_range, month_range, shift_month, span, year_range
from briefings.timex_resolve import Context

NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "a couple of": 2, "a dozen": 12,
}  # fmt: skip


def day_word(m: re.Match, ctx: Context) -> DateRange | None:
    """`today`, `yesterday`, `last night`, `tomorrow morning`, `this afternoon`."""
    a = ctx.day
    if a is None:
        return None
    word = (m["dw"] or "today").lower()
    shift = -1 if word in ("yesterday", "last night") else 1 if word == "tomorrow" else 0
    return day_range(a + timedelta(days=shift))


def unit(m: re.Match, ctx: Context) -> DateRange | None:
    rel = re.sub(r"\s+", " ", (m["rel"] or "this").lower())
    unit = m["unit"].lower()
    by = -1 if rel in ("last", "past", "the past", "the last", "previous", "the previous", "late last", "early last") else 0
    by = 1 if rel in ("next", "the next", "coming", "the coming", "early next", "late next") else by
    return _unit_range(ctx, unit, by, rel)


def _unit_range(ctx: Context, unit: str, by: int, rel: str = "") -> DateRange | None:
    a = ctx.anchor
    if unit in ("year", "years"):
        return year_range(a.year + by) if a and a.year else None
    if unit in ("month", "months"):
        if not a or not a.month:
            return None
        if a.year:
            return month_range(*shift_month(a.year, a.month, by))
        return month_range(None, (a.month - 1 + by) % 12 + 1)
    if unit in ("week", "weekend"):
        return _week(ctx.anchor, rel, unit, by)
    return None


def _week(anchor: PartialDate | None, rel: str, unit: str, by: int) -> DateRange | None:
    a = anchor.to_date() if anchor else None
    if a is None:
        if anchor and anchor.month and anchor.day:
            # Without a year we cannot find the week's Monday; allow a week either side in month/day terms.
            base = date(2001, anchor.month, anchor.day)  # a non-leap reference year for month/day arithmetic only
            lo, hi = (base - timedelta(days=13), base - timedelta(days=1)) if by < 0 else _week_bounds(base, rel, unit, by)
            return DateRange((None, lo.month, lo.day), (None, hi.month, hi.day))
        return None
    return span(*_week_bounds(a, rel, unit, by))


def _week_bounds(a: date, rel: str, unit: str, by: int) -> tuple[date, date]:
    monday = a - timedelta(days=a.weekday()) + timedelta(days=7 * by)
    if unit == "weekend":
        return monday + timedelta(days=5), monday + timedelta(days=6)
    if rel in ("earlier this", "early this"):
        return monday, a
    if rel == "later this":
        return a, monday + timedelta(days=6)
    return monday, monday + timedelta(days=6)


def offset(m: re.Match, ctx: Context) -> DateRange | None:
    """`four years ago`, `two weeks earlier` (than the date just named, else the article's)."""
    if m["dir"].lower() in ("before", "after") and not ends_clause(m):
        return None  # `two days before the vote` counts from the vote
    n = _count(m["n"])
    if n is None:
        return None
    unit = m["unit"].lower().rstrip("s")
    direction = re.sub(r"\s+", " ", m["dir"].lower())
    sign = 1 if direction in ("later", "after", "from now", "hence", "in") else -1
    if direction in ("ago", "from now", "hence", "back", "in") or ctx.ref is None:
        return _shifted(ctx.anchor, unit, sign * n)
    if ctx.ref_kind == "weekday" and unit in ("month", "year", "decade"):
        # `said Friday that ... a year earlier`: a weekday dates the telling, near the article's date;
        # a year before it is counted from the article's date at the unit's precision.
        return _shifted(ctx.anchor, unit, sign * n)
    return _shifted(ctx.ref, unit, sign * n, keep_precision=True)  # `a year earlier` than the date just named


def offset_ahead(m: re.Match, ctx: Context) -> DateRange | None:
    """`in five years`, when the governing verb looks ahead (else it is a duration)."""
    return offset(m, ctx) if ctx.tense(m) == "future" else None


def _shifted(base: PartialDate | None, unit: str, by: int, *, keep_precision: bool = False) -> DateRange | None:
    """`base` moved by `by` units, at the unit's precision (days and weeks give a day), or at the
    base's own when `keep_precision` and it is finer (`a year earlier` than Sept. 30 is a day)."""
    try:
        return _shift(base, unit, by, keep_precision=keep_precision)
    except (ValueError, OverflowError):
        return None  # `4,000 years ago`, `100,000 days ago`: outside the calendar


def _shift(base: PartialDate | None, unit: str, by: int, *, keep_precision: bool) -> DateRange | None:
    if not base or not base.year:
        return None
    if keep_precision and unit in ("month", "year", "decade") and base.day:
        y, mo = shift_month(base.year, base.month, by * {"month": 1, "year": 12, "decade": 120}[unit])
        return day_range(date(y, mo, min(base.day, _month_days(y, mo))))
    if keep_precision and unit in ("year", "decade") and base.month:
        return month_range(base.year + by * (10 if unit == "decade" else 1), base.month)
    if unit in ("day", "week"):
        d = base.to_date()
        return day_range(d + timedelta(days=by * (7 if unit == "week" else 1))) if d else None
    if unit == "month":
        return month_range(*shift_month(base.year, base.month, by)) if base.month else None
    if unit in ("year", "decade"):
        year = base.year + by * (10 if unit == "decade" else 1)
        return year_range(year) if 1 <= year <= 9999 else None
    return None


def anaphoric(m: re.Match, ctx: Context) -> DateRange | None:
    """`the year`, `year-end`, `the year-ago period`; `that year`, `the same day`, `later in the day`."""
    unit = (m["aunit"] or m["aunit2"] or m["aunit3"] or "year").lower()
    base = ctx.ref if m["that"] else (ctx.ref or ctx.anchor) if m["inthe"] else ctx.anchor
    if not base or not base.year:
        return None
    if unit in ("day", "night", "morning", "afternoon", "evening"):
        d = base.to_date()
        return day_range(d) if d else None
    if unit == "month":
        return month_range(base.year, base.month) if base.month else None
    return year_range(base.year - (m["ago"] is not None))


def _month_days(year: int, month: int) -> int:
    return month_range(year, month).hi[2]


def _count(text: str) -> int | None:
    text = re.sub(r"\s+", " ", text.lower()).replace(",", "")
    return int(text) if text.isdigit() else NUMBERS.get(text)


def neighbour(m: re.Match, ctx: Context) -> DateRange | None:
    """`the day before`, `the previous year`, `the following week` (relative to the article's date)."""
    unit = (m["unit"] or m["unit2"]).lower()
    direction = (m["dir"] or m["dir2"]).lower()
    if m["dir2"] and direction in ("before", "after") and not ends_clause(m):
        return None  # `the day before the vote` counts from the vote
    sign = 1 if direction in ("following", "next", "after", "later") else -1
    if unit == "week":
        return _week(ctx.anchor, "", "week", sign)
    return _shifted(ctx.ref or ctx.anchor, unit, sign)


def ends_clause(m: re.Match) -> bool:
    return bool(re.match(r"\s*(?:[,.;:)\"”—–]|$|and\b|but\b|when\b|as\b|while\b)", m.string[m.end() :]))


def the_day_of(m: re.Match, ctx: Context) -> DateRange | None:
    """`Today is the eighth day of the strike`, `It's the second day of the offensive`: the article's day.

    Only under a present-tense copula (`is`, `'s`, `marks`): `the third day of talks was` is
    some other day the text does not give.
    """
    before = ctx.text[max(0, m.start() - 40) : m.start()]
    if not re.search(r"\b(?:today|it|this|tonight)\s*(?:is|['’]s|marks)\s+$", before, re.I):
        return None
    return day_range(ctx.day) if ctx.day else None


def apposed_day(m: re.Match, ctx: Context) -> DateRange | None:
    """`Oct. 12, the day before the plunge`: `the day` set beside a date just named is that date."""
    ref = ctx.ref
    if ctx.probing:  # which date stands before it is settled in the second pass
        return day_range(ctx.day) if ctx.day and re.search(r"\S\s*,\s*$", ctx.text[: m.start()]) else None
    if ref is None or ctx.ref_end < 0 or not re.fullmatch(r"\s*,\s*", ctx.text[ctx.ref_end : m.start()]):
        return None
    d = ref.to_date()
    return day_range(d) if d else None


def elliptic_last(m: re.Match, ctx: Context) -> DateRange | None:
    """`this year as last`, `higher this month than last`: the unit before, left unsaid."""
    unit = re.search(r"(week|month|year)\s+\S+\s+$", ctx.text[max(0, m.start() - 20) : m.start()], re.I)
    return _unit_range(ctx, unit[1].lower(), -1) if unit else None


def time_of_day(m: re.Match, ctx: Context) -> DateRange | None:
    """`around 7:15 p.m.`, `by mid afternoon`: a clock time is valued by its day (as TimeML does),
    the day the text named last, else the article's; none when a day word follows (`7 p.m. Friday`)."""
    after = ctx.text[m.end() : m.end() + 40]
    if re.match(
        rf"\s*(?:(?-i:[A-Z]{{2,4}})\b|local\s+time|\(\d+\s*GMT\))?\s*(?:,\s*)?(?:on\s+)?(?:the\s+)?(?:{'|'.join(WEEKDAYS)}|\d{{1,2}}\s+[A-Z]|today|tonight|yesterday|tomorrow|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*\.?\s+\d)",
        after,
        re.I,
    ):
        return None
    base = ctx.ref if ctx.ref and ctx.ref.day else ctx.anchor
    d = base.to_date() if base else None
    return day_range(d) if d else None
