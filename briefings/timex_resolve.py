"""How calendar time expressions resolve: the value of a matched date, month, year, weekday or holiday,
given the article's date and the tense of the governing verb (which year an undated day falls in).

The resolution `Context` is defined here; the relative expressions (`yesterday`, `two weeks
earlier`, `the day before`) resolve in `timex_relative`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from briefings.daterange import (
    WEEKDAYS,
    DateRange,
    PartialDate,
    TimexKind,
    day_range,
    month_number,
    month_range,
    weekday_after,
    weekday_before,
    year_range,
)
from briefings.tense import Tense, tense_at

ORDINALS = [  # spelled days of the month
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
    "twentieth",
]
_UNITS = "one|two|three|four|five|six|seven|eight|nine"
_TEENS = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_TWO_DIGITS = rf"(?:(?:{_TENS})(?:[-\s](?:{_UNITS}))?|{_TEENS})"
# Years as broadcasts say them: `nineteen ninety-six`, `two thousand one`, `twenty twenty-three`.
SPOKEN_YEAR = (
    rf"(?:(?:nineteen|twenty)\s+{_TWO_DIGITS}|two\s+thousand(?:\s+(?:and\s+)?(?:{_TWO_DIGITS}|{_UNITS}))?|twenty\s+o[h]?\s+(?:{_UNITS}))"
)
# Counted things that a bare four-digit number is more likely to count than a year to name.
NOT_A_YEAR_AFTER = re.compile(
    r"\s*(?:%|percent|per\s+cent|GMT|UTC|hours?\b|hrs\b|local\s+time|[ap]\.?m\b|people|persons|troops|soldiers|men|women|children|"
    r"workers|students|points|meters|metres|feet|miles|kilomet|km|tons|tonnes|dollars|yuan|yen|euros|won|barrels|units|"
    r"cars|shares|votes|members|residents|cases|deaths|times|pounds|kg|acres|hectares|rooms|jobs)\b",
    re.I,
)

PAST_SLACK = 2  # months
FUTURE_SLACK = 0.25


@dataclass(frozen=True)
class Context:
    """What resolution needs besides the words: the anchor and the tense reader."""

    anchor: PartialDate | None
    text: str
    future: bool | None
    ref: PartialDate | None = None  # the date the text named last, for `the following year`
    ref_kind: TimexKind = ""  # the kind of expression that named it (`weekday`, `explicit`...)
    ref_end: int = -1  # where its words end, for a phrase in apposition (`Oct. 12, the day before`)
    probing: bool = False  # the first pass, which asks only whether a match could stand

    @property
    def day(self) -> date | None:
        return self.anchor.to_date() if self.anchor else None

    @property
    def year(self) -> int | None:
        return self.anchor.year if self.anchor else None

    def tense(self, m: re.Match) -> Tense | None:
        """The tense governing the match (the caller's `future` wins when given)."""
        if self.future is not None:
            return "future" if self.future else "past"
        return tense_at(self.text, m.start(), m.end())


Resolver = Callable[[re.Match, Context], DateRange | None]


# --- which year an undated day or month falls in ----------------------------------------------------


def year_for(ctx: Context, m: re.Match, month: int, day: int | None, lead: str | None) -> int | None:
    """The year of a month (and day) the text gives without one: by `last`/`next`, else by tense.

    News omits the year of dates in the current year, so the article's year is the default; a
    past-tense date more than `PAST_SLACK` months after the article's is the year before (the
    slack absorbs misread tenses: `extended to Nov. 20` in a Nov. 2 article is still ahead),
    a future-tense one before it the year after, and with no tense the nearest within half a year.
    """
    a = ctx.anchor
    if not a or not a.year:
        return None
    if not a.month:
        return a.year
    ahead = month - a.month + ((day - (a.day or 15)) / 31 if day else 0)
    lead = re.sub(r"\s+", " ", (lead or "").lower())
    if lead in ("last", "past", "this past", "the previous", "previous"):
        # `last Oct. 23`: the latest before the article; `last February` in March: not last month's.
        return a.year if (ahead < 0 if day else ahead <= -2) else a.year - 1
    if lead in ("next", "the following", "following", "this coming", "coming"):
        return a.year if ahead > 0 else a.year + 1
    if lead == "this":
        return a.year
    tense = ctx.tense(m)
    if tense == "past":
        return a.year if ahead <= (PAST_SLACK if day else PAST_SLACK - 1) else a.year - 1
    if tense == "future":
        return a.year if ahead >= -FUTURE_SLACK else a.year + 1
    return a.year - 1 if ahead > 6 else a.year + 1 if ahead < -6 else a.year


# --- resolvers ---------------------------------------------------------------------------------------


def holiday(m: re.Match, ctx: Context) -> DateRange | None:
    """`Christmas`, `New Year's Eve`, `Easter`, `Thanksgiving`: a day, in the year the text or tense gives."""
    name = re.sub(r"[\s'’]+", " ", m["hol"].lower()).replace(" day", "").strip()
    if m["y"]:
        year = int(m["y"])
    else:
        probe = _holiday(name, ctx.year) if ctx.year else None
        year = year_for(ctx, m, probe.month, probe.day, m["lead"]) if probe else None
    found = _holiday(name, year) if year else None
    return day_range(found) if found else None


def _holiday(name: str, year: int) -> date | None:
    fixed = {"christmas": (12, 25), "christmas eve": (12, 24), "boxing": (12, 26), "new year s": (1, 1), "new year s eve": (12, 31)}
    fixed |= {"valentine s": (2, 14), "halloween": (10, 31), "bastille": (7, 14)}
    if name in fixed:
        return date(year, *fixed[name])
    if name in ("easter", "easter sunday", "good friday"):
        return _easter(year) - timedelta(days=2 if name == "good friday" else 0)
    if name == "thanksgiving":
        return weekday_after(date(year, 11, 1), 3) + timedelta(days=21)  # the fourth Thursday of November
    return None


def _easter(year: int) -> date:
    """Western Easter Sunday (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return date(year, month, day + 1)


def explicit(m: re.Match, ctx: Context) -> DateRange | None:
    month = month_number(m["m1"] or m["m2"])
    day = _day_number(m["d1"] or m["d2"])
    if not month or not day or not _month_word_ok(m, m["m1"] or m["m2"]):
        return None
    year = int(m["y"] or m["y2"]) if m["y"] or m["y2"] else None  # `Sept. 14 and 18, 2010`: the span's year
    if m["rel"] and ctx.year:
        year = ctx.year + {"last": -1, "next": 1}.get(m["rel"].lower(), 0)  # `Aug. 1 this year`
    wd = _weekday_number(m["wd"]) if m["wd"] else None
    if year is None:
        year = year_for(ctx, m, month, day, m["lead"])
        if wd is not None and year is not None:
            # `Friday, Oct. 23`: the weekday tells the year when the anchor's neighbours disagree.
            fits = [y for y in (year, year - 1, year + 1) if _valid(y, month, day) and date(y, month, day).weekday() == wd]
            year = fits[0] if fits else year
    if year is not None and not _valid(year, month, day):
        return None
    if wd is not None and year is not None and date(year, month, day).weekday() != wd:
        wd = None  # a weekday that does not fit the date: the date is the firmer statement
    return DateRange((year, month, day), (year, month, day), wd)


def numeric(m: re.Match, ctx: Context) -> DateRange | None:
    """`9/26/1999`, `10/29/99`: month first, as American papers write it, unless the first number cannot be a month."""
    a, b, y = int(m["a"]), int(m["b"]), int(m["y"])
    month, day = (b, a) if a > 12 else (a, b)
    if y < 100:
        if not ctx.year:
            return None
        y += ctx.year // 100 * 100 - (100 if y > ctx.year % 100 + 10 else 0)
    return DateRange((y, month, day), (y, month, day)) if _valid(y, month, day) else None


def iso(m: re.Match, ctx: Context) -> DateRange | None:
    y, mo, d = int(m["y"]), int(m["mo"]), int(m["d"])
    return DateRange((y, mo, d), (y, mo, d)) if _valid(y, mo, d) else None


def month(m: re.Match, ctx: Context) -> DateRange | None:
    month = month_number(m["m"])
    if not month or not _month_word_ok(m, m["m"]):
        return None
    if m["y"] or m["sy"] or m["y2"]:
        year = int(m["y"] or m["y2"]) if m["y"] or m["y2"] else spoken_year(m["sy"])
    elif m["rel"]:
        year = ctx.year + {"last": -1, "next": 1}.get(m["rel"].lower(), 0) if ctx.year else None
    else:
        year = year_for(ctx, m, month, None, m["lead"])
    return month_range(year, month)


def year(m: re.Match, ctx: Context) -> DateRange | None:
    if m["yy"]:
        if not ctx.year:
            return None
        yy = int(m["yy"])
        century = ctx.year // 100 * 100
        year = century + yy if century + yy <= ctx.year + 10 else century - 100 + yy
        return year_range(year)
    start, end = m.start("y"), m.end("y")
    before, after = ctx.text[max(0, start - 4) : start], ctx.text[end : end + 40]
    if re.search(r"(?:[$£€#¥]|No\.\s?|\d[,.]?|[A-Za-z])$", before) or re.match(r"\d|[,.]\d|s\b", after):
        return None
    if (
        re.match(r"['’]s\b", after)
        and m["y"].endswith("0")
        and re.search(r"\b(?:the|early|mid|late)[\s-]+$", ctx.text[: m.start("y")], re.I)
    ):
        return None  # `the 1990's`: a decade; `1998's first quarter` is the year
    if not m["part"] and not m["fiscal"] and NOT_A_YEAR_AFTER.match(after):
        return None
    return year_range(int(m["y"]))


def weekday(m: re.Match, ctx: Context) -> DateRange | None:
    wd = _weekday_number(m["wd"])
    if wd is None or m["wd"][0].islower() or _named_after_a_day(m):
        return None
    lead = (m["lead"] or "").lower()
    a = ctx.day
    if a is None:
        return _weekday_without_year(ctx.anchor, wd, ahead=lead in ("next", "this coming", "coming") or ctx.tense(m) == "future")
    if lead in ("last", "past", "this past", "the previous", "previous"):
        return day_range(weekday_before(a, wd, include_same_day=False), weekday=wd)
    if lead in ("next", "the following", "following", "this coming", "coming"):
        return day_range(weekday_after(a, wd, include_same_day=False), weekday=wd)
    if ctx.tense(m) == "future" or lead == "this":
        return day_range(weekday_after(a, wd), weekday=wd)
    return day_range(weekday_before(a, wd), weekday=wd)


def _named_after_a_day(m: re.Match) -> bool:
    """`The Sunday Times`, `Bloody Sunday`, `Super Tuesday`: names, not days."""
    before, after = m.string[max(0, m.start("wd") - 12) : m.start("wd")], m.string[m.end("wd") : m.end("wd") + 14]
    if re.search(r"\b(?:Bloody|Black|Super|Ash|Palm|Holy|Maundy|Cyber|Giving|Easter|Whit|Low)\s+$", before):
        return True
    return bool(
        re.match(
            r"\s+(?:Times|Telegraph|Express|Mirror|Herald|Post|Mail|Tribune|Independent|Observer|Star|Sport|People|School|Club)\b", after
        )
    )


def _weekday_without_year(anchor: PartialDate | None, wd: int, *, ahead: bool) -> DateRange:
    if anchor and anchor.month and anchor.day:
        # No year: the weekday cannot be placed, but it lies within the week before (or after) the anchor.
        base = date(2001, anchor.month, anchor.day)
        lo, hi = (base, base + timedelta(days=6)) if ahead else (base - timedelta(days=6), base)
        return DateRange((None, lo.month, lo.day), (None, hi.month, hi.day), wd)
    return DateRange((None, 1, 1), (None, 12, 31), wd)


# --- helpers -----------------------------------------------------------------------------------------


def spoken(m: re.Match, ctx: Context) -> DateRange | None:
    after = ctx.text[m.end() : m.end() + 40]
    if NOT_A_YEAR_AFTER.match(after) or re.match(r"\s+(?!(?:was|is|has|as|this|its|his|thus|plus)\b)[a-z]+s\b", after):
        return None  # `two thousand refugees`
    return year_range(spoken_year(m["sy"]))


def spoken_year(text: str) -> int:
    """`nineteen ninety-six` -> 1996, `two thousand and one` -> 2001, `twenty oh five` -> 2005."""
    words = re.findall(r"[a-z]+", text.lower())
    if words[:2] == ["two", "thousand"]:
        return 2000 + _words_number([w for w in words[2:] if w != "and"])
    century = 19 if words[0] == "nineteen" else 20
    return century * 100 + _words_number([w for w in words[1:] if w not in ("oh", "o")])


def _words_number(words: list[str]) -> int:
    names = [*_UNITS.split("|"), *_TEENS.split("|")]
    tens = _TENS.split("|")
    total = 0
    for w in words:
        if w in tens:
            total += 10 * (tens.index(w) + 2)
        elif w in names:
            total += names.index(w) + 1
    return total


def _valid(y: int, mo: int, d: int) -> bool:
    try:
        date(y, mo, d)
    except ValueError:
        return False
    return True


def _day_number(text: str | None) -> int | None:
    if not text:
        return None
    word = text.lower()
    if word in ORDINALS:
        return ORDINALS.index(word) + 1
    digits = re.match(r"\d+", word)
    return int(digits[0]) if digits else None


def _weekday_number(text: str) -> int | None:
    key = text.lower().rstrip(".")[:3]
    return next((i for i, name in enumerate(WEEKDAYS) if name.startswith(key)), None)


def _month_word_ok(m: re.Match, word: str) -> bool:
    """`May` the month, not the verb; `march` the verb, not the month: months are capitalised."""
    if not word[0].isupper():
        return False
    if word.lower().rstrip(".") != "may":
        return True
    rest = m.group(0)
    return bool(re.search(r"\d|\b(?:last|this|next|early|mid|late|of|in)\b", rest, re.I)) or _after_preposition(m)


def _after_preposition(m: re.Match) -> bool:
    before = m.string[max(0, m.start() - 12) : m.start()]
    return bool(re.search(r"\b(?:in|since|until|till|through|by|from|to|during|before|after|early|mid|late|of)\s*-?$", before, re.I))
