"""Time expressions in news text, found by pattern and resolved against the article's date.

Each pattern names one kind of expression (an explicit date, a month, a year, a weekday, a
day word, a unit relative to now, a counted offset, an anaphoric year); overlapping matches
are settled longest first, so `Friday, Oct. 23` and `last Oct. 23` are read once. Resolution
follows TimeML's conventions as HeidelTime implements them: a year is a year, a month a month,
and the tense of the governing verb decides which way an undated weekday or month lies.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta

from briefings.daterange import (
    WEEKDAYS,
    DateRange,
    PartialDate,
    day_range,
    month_number,
    month_range,
    shift_month,
    span,
    weekday_after,
    weekday_before,
    year_range,
)
from briefings.tense import Tense, tense_at

MONTH = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
WEEKDAY = r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|(?:Mon|Tues?|Wed|Thu(?:rs?)?|Fri|Sat|Sun)\.)"
ORDINALS = [
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
DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d|:\d)"
YEAR = r"(?:1[6-9]|20)\d\d"
LEAD = r"(?:(?P<lead>last|this|next|this\s+coming|coming|past|the\s+previous|the\s+following|previous|following)\s+)?"
PART = r"(?:(?P<part>early|mid|late|the\s+(?:end|beginning|start|middle|rest|remainder|first\s+half|second\s+half)\s+of)[\s-]*)?"
NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "a couple of": 2, "a dozen": 12,
}  # fmt: skip
NUMBER = r"(?P<n>\d+|a\s+couple\s+of|a\s+dozen|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty)"
# Counted things that a bare four-digit number is more likely to count than a year to name.
NOT_A_YEAR_AFTER = re.compile(
    r"\s*(?:%|percent|per\s+cent|GMT|UTC|hours?\b|hrs\b|local\s+time|[ap]\.?m\b|people|persons|troops|soldiers|men|women|children|"
    r"workers|students|points|meters|metres|feet|miles|kilomet|km|tons|tonnes|dollars|yuan|yen|euros|won|barrels|units|"
    r"cars|shares|votes|members|residents|cases|deaths|times|pounds|kg|acres|hectares|rooms|jobs)\b",
    re.I,
)

BOUND = re.compile(r"\b(since|until|till|through|throughout|by|before|after|from)\s+$", re.I)
PAST_SLACK = 2  # months
FUTURE_SLACK = 0.25


@dataclass(frozen=True)
class Context:
    """What resolution needs besides the words: the anchor and the tense reader."""

    anchor: PartialDate | None
    text: str
    future: bool | None
    ref: PartialDate | None = None  # the date the text named last, for `the following year`

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


@dataclass(frozen=True)
class Rule:
    """One kind of expression: its pattern and how to resolve a match."""

    kind: str
    pattern: re.Pattern
    resolve: Resolver


def find_ranges(text: str, anchor: PartialDate | None, future: bool | None) -> list[DateRange]:
    """Every time expression in `text`, resolved; overlapping matches are settled longest first.

    A first pass settles which matches stand (longest first, then rule order); a second resolves
    them in reading order, so `the following year` and `a year earlier` count from the date the
    text last named (`On May 22, 1995, ... the following year`), or from the anchor when none.
    """
    matches: list[tuple[re.Match, Rule]] = []
    for rule in RULES:
        matches += [(m, rule) for m in rule.pattern.finditer(text) if m.group(0).strip()]
    matches.sort(key=lambda mr: (-(mr[0].end() - mr[0].start()), RULES.index(mr[1])))
    ctx = Context(anchor, text, future)
    probe = replace(ctx, ref=anchor)  # `that year` stands if some earlier date can give it a value
    standing: list[tuple[re.Match, Rule]] = []
    for m, rule in matches:
        if all(m.end() <= o.start() or o.end() <= m.start() for o, _ in standing) and rule.resolve(m, probe) is not None:
            standing.append((m, rule))
    found: list[DateRange] = []
    for m, rule in sorted(standing, key=lambda mr: mr[0].start()):
        got = rule.resolve(m, ctx)
        if got is None:
            continue
        bound = BOUND.search(text, 0, m.start())
        found.append(replace(got, text=m.group(0), pos=m.start(), kind=rule.kind, bound=bound[1].lower() if bound else ""))
        named = got.as_partial()
        if named and named.year and rule.kind != "relative":
            ctx = replace(ctx, ref=named)
    return found


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
    if lead in ("last", "past", "the previous", "previous"):
        # `last Oct. 23`: the latest before the article; `last February` in March: not last month's.
        return a.year if (ahead < 0 if day else ahead <= -2) else a.year - 1
    if lead in ("next", "the following", "following", "this coming", "coming"):
        return a.year if ahead > 0 else a.year + 1
    if lead == "this":
        return a.year
    tense = ctx.tense(m)
    if tense == "past":
        return a.year if ahead <= PAST_SLACK else a.year - 1
    if tense == "future":
        return a.year if ahead >= -FUTURE_SLACK else a.year + 1
    return a.year - 1 if ahead > 6 else a.year + 1 if ahead < -6 else a.year


# --- resolvers ---------------------------------------------------------------------------------------


def _explicit(m: re.Match, ctx: Context) -> DateRange | None:
    month = month_number(m["m1"] or m["m2"])
    day = _day_number(m["d1"] or m["d2"])
    if not month or not day or not _month_word_ok(m, m["m1"] or m["m2"]):
        return None
    year = int(m["y"]) if m["y"] else None
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


def _iso(m: re.Match, ctx: Context) -> DateRange | None:
    y, mo, d = int(m["y"]), int(m["mo"]), int(m["d"])
    return DateRange((y, mo, d), (y, mo, d)) if _valid(y, mo, d) else None


def _month(m: re.Match, ctx: Context) -> DateRange | None:
    month = month_number(m["m"])
    if not month or not _month_word_ok(m, m["m"]):
        return None
    if m["y"]:
        year = int(m["y"])
    elif m["rel"]:
        year = ctx.year + {"last": -1, "next": 1}.get(m["rel"].lower(), 0) if ctx.year else None
    else:
        year = year_for(ctx, m, month, None, m["lead"])
    return month_range(year, month)


def _year(m: re.Match, ctx: Context) -> DateRange | None:
    if m["yy"]:
        if not ctx.year:
            return None
        yy = int(m["yy"])
        century = ctx.year // 100 * 100
        year = century + yy if century + yy <= ctx.year + 10 else century - 100 + yy
        return year_range(year)
    start, end = m.start("y"), m.end("y")
    before, after = ctx.text[max(0, start - 4) : start], ctx.text[end : end + 40]
    if re.search(r"(?:[$£€#¥]|No\.\s?|\d[,.]?|[A-Za-z])$", before) or re.match(r"\d|[,.]\d|s\b|['’]s\b", after):
        return None
    if not m["part"] and not m["fiscal"] and NOT_A_YEAR_AFTER.match(after):
        return None
    return year_range(int(m["y"]))


def _weekday(m: re.Match, ctx: Context) -> DateRange | None:
    wd = _weekday_number(m["wd"])
    if wd is None or m["wd"][0].islower():
        return None
    lead = (m["lead"] or "").lower()
    a = ctx.day
    if a is None:
        return _weekday_without_year(ctx.anchor, wd, ahead=lead in ("next", "this coming", "coming") or ctx.tense(m) == "future")
    if lead in ("last", "past", "the previous", "previous"):
        return day_range(weekday_before(a, wd, include_same_day=False), weekday=wd)
    if lead in ("next", "the following", "following", "this coming", "coming"):
        return day_range(weekday_after(a, wd, include_same_day=False), weekday=wd)
    if ctx.tense(m) == "future" or lead == "this":
        return day_range(weekday_after(a, wd), weekday=wd)
    return day_range(weekday_before(a, wd), weekday=wd)


def _weekday_without_year(anchor: PartialDate | None, wd: int, *, ahead: bool) -> DateRange:
    if anchor and anchor.month and anchor.day:
        # No year: the weekday cannot be placed, but it lies within the week before (or after) the anchor.
        base = date(2001, anchor.month, anchor.day)
        lo, hi = (base, base + timedelta(days=6)) if ahead else (base - timedelta(days=6), base)
        return DateRange((None, lo.month, lo.day), (None, hi.month, hi.day), wd)
    return DateRange((None, 1, 1), (None, 12, 31), wd)


def _day_word(m: re.Match, ctx: Context) -> DateRange | None:
    a = ctx.day
    if a is None:
        return None
    word = m["dw"].lower()
    shift = -1 if word in ("yesterday", "last night") else 1 if word == "tomorrow" else 0
    return day_range(a + timedelta(days=shift))


def _unit(m: re.Match, ctx: Context) -> DateRange | None:
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


def _offset(m: re.Match, ctx: Context) -> DateRange | None:
    n = _count(m["n"])
    if n is None:
        return None
    unit = m["unit"].lower().rstrip("s")
    direction = re.sub(r"\s+", " ", m["dir"].lower())
    sign = 1 if direction in ("later", "after", "from now", "hence", "in") else -1
    if direction in ("ago", "from now", "hence", "back", "in") or ctx.ref is None:
        return _shifted(ctx.anchor, unit, sign * n)
    return _shifted(ctx.ref, unit, sign * n, keep_precision=True)  # `a year earlier` than the date just named


def _shifted(base: PartialDate | None, unit: str, by: int, *, keep_precision: bool = False) -> DateRange | None:
    """`base` moved by `by` units, at the unit's precision (days and weeks give a day), or at the
    base's own when `keep_precision` and it is finer (`a year earlier` than Sept. 30 is a day)."""
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
        return year_range(base.year + by * (10 if unit == "decade" else 1))
    return None


def _anaphoric(m: re.Match, ctx: Context) -> DateRange | None:
    """`the year`, `year-end`, `the year-ago period`; `that year`, `the same day`, `later in the day`."""
    unit = (m["aunit"] or m["aunit2"] or m["aunit3"] or "year").lower()
    base = ctx.ref if m["that"] else (ctx.ref or ctx.anchor) if m["inthe"] else ctx.anchor
    if not base or not base.year:
        return None
    if unit == "day":
        d = base.to_date()
        return day_range(d) if d else None
    if unit == "month":
        return month_range(base.year, base.month) if base.month else None
    return year_range(base.year - (m["ago"] is not None))


def _month_days(year: int, month: int) -> int:
    return month_range(year, month).hi[2]


# --- helpers -----------------------------------------------------------------------------------------


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


def _count(text: str) -> int | None:
    text = re.sub(r"\s+", " ", text.lower())
    return int(text) if text.isdigit() else NUMBERS.get(text)


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


FLAGS = re.I
RULES: list[Rule] = [
    Rule("explicit", re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<mo>[01]\d)-(?P<d>[0-3]\d)\b"), _iso),
    Rule(
        "explicit",
        re.compile(
            rf"\b{LEAD}(?:(?P<wd>{WEEKDAY})\s*,?\s+(?:the\s+)?)?"
            rf"(?:(?P<m1>{MONTH})\s+(?:the\s+)?(?P<d1>{DAY}|{'|'.join(ORDINALS)})\b|(?:the\s+)?(?P<d2>{DAY})(?:\s+of)?\s+(?P<m2>{MONTH}))"
            rf"(?:,?\s+(?P<y>{YEAR})\b)?",
            FLAGS,
        ),
        _explicit,
    ),
    Rule(
        "month",
        re.compile(
            rf"\b{PART}{LEAD}(?P<m>{MONTH})(?![\w-])(?:(?:,|\s+of)?\s+(?P<y>{YEAR})\b|\s+(?:of\s+)?(?P<rel>this|last|next)\s+year\b)?",
            FLAGS,
        ),
        _month,
    ),
    Rule(
        "year",
        re.compile(
            rf"(?:\b{PART}(?P<fiscal>(?:fiscal|calendar|financial|model)\s+(?:year\s+)?)?|\b)(?P<y>{YEAR})\b|(?<![\w'’])['’](?P<yy>\d\d)\b",
            FLAGS,
        ),
        _year,
    ),
    Rule(
        "weekday",
        re.compile(
            rf"\b{LEAD}(?:(?:early|late|noon|midnight)\s+)?(?P<wd>{WEEKDAY})(?:['’]s)?(?:\s+(?:morning|afternoon|evening|night)\b)?(?!\w)",
            FLAGS,
        ),
        _weekday,
    ),
    Rule(
        "relative",
        re.compile(
            r"\b(?:(?:early|late|earlier|later)\s+)?(?P<dw>today|tonight|yesterday|tomorrow|last\s+night)(?:['’]s)?"
            r"(?:\s+(?:morning|afternoon|evening|night))?\b|\b(?P<dw2>(?:early|late|earlier|later)\s+)?this\s+(?:morning|afternoon|evening)\b",
            FLAGS,
        ),
        lambda m, ctx: _day_word(m, ctx) if m["dw"] else (day_range(ctx.day) if ctx.day else None),
    ),
    Rule(
        "relative",
        re.compile(
            rf"\b{PART.replace('(?P<part>', '(?:')}(?P<rel>this|last|next|past|coming|current|previous|earlier\s+this|later\s+this|early\s+this|"
            r"late\s+this|early\s+next|late\s+next|early\s+last|late\s+last|earlier\s+in\s+the|later\s+in\s+the|the\s+(?:current|past|previous|coming|next|last))"
            r"\s+(?:fiscal\s+|calendar\s+)?(?P<unit>week|weekend|month|year)(?:['’]s)?\b(?!-)",
            FLAGS,
        ),
        _unit,
    ),
    Rule(
        "offset",
        re.compile(
            rf"\b(?:(?:about|nearly|almost|some|roughly|around|more\s+than|less\s+than|over|just|only|barely|exactly)\s+)?{NUMBER}"
            r"(?:\s+and\s+a\s+half)?\s+(?:full\s+|long\s+)?(?P<unit>days?|weeks?|months?|years?|decades?)(?:\s+or\s+so)?"
            r"\s+(?P<dir>ago|earlier|before|previously|back|later|after|from\s+now|hence)(?![\w-])",
            FLAGS,
        ),
        lambda m, ctx: None if m["dir"].lower() in ("before", "after") and not _ends_clause(m) else _offset(m, ctx),
    ),
    Rule(
        "offset",
        re.compile(rf"\b(?P<dir>in)\s+{NUMBER}\s+(?P<unit>days?|weeks?|months?|years?)\b(?!\s+(?:of|time|old)\b)", FLAGS),
        lambda m, ctx: _offset(m, ctx) if ctx.tense(m) == "future" else None,  # `will be redeemed in five years`
    ),
    Rule(
        "offset",
        re.compile(
            r"\b(?:the\s+)?(?:(?P<dir>previous|prior|preceding|following|next)\s+(?P<unit>day|week|month|year)"
            r"|(?P<unit2>day|week|month|year)\s+(?P<dir2>before|after|earlier|later))(?![\w-])",
            FLAGS,
        ),
        lambda m, ctx: _neighbour(m, ctx),
    ),
    Rule(
        "year",
        re.compile(
            r"\b(?:(?:the\s+)?(?:end|close|beginning|start|middle)\s+of\s+the\s+(?P<aunit3>year|month)|(?:the\s+)?(?:current\s+|full\s+|fiscal\s+|current\s+fiscal\s+|calendar\s+)?year(?:-end|\s+end|['’]s\s+end)"
            r"|the\s+(?:current\s+|full\s+|fiscal\s+|current\s+fiscal\s+|calendar\s+)?year(?![\w-])(?!\s+(?:before|after|earlier|later|ago))"
            r"|year-(?P<ago>ago|earlier)"
            r"|(?P<that>that|the\s+same)\s+(?P<aunit>day|month|year)(?![\w-])"
            r"|(?:earlier|later)\s+(?P<inthe>in\s+the|that)\s+(?P<aunit2>day|year))\b",
            FLAGS,
        ),
        _anaphoric,
    ),
]


def _neighbour(m: re.Match, ctx: Context) -> DateRange | None:
    """`the day before`, `the previous year`, `the following week` (relative to the article's date)."""
    unit = (m["unit"] or m["unit2"]).lower()
    direction = (m["dir"] or m["dir2"]).lower()
    if m["dir2"] and direction in ("before", "after") and not _ends_clause(m):
        return None  # `the day before the vote` counts from the vote
    sign = 1 if direction in ("following", "next", "after", "later") else -1
    if unit == "week":
        return _week(ctx.anchor, "", "week", sign)
    return _shifted(ctx.ref or ctx.anchor, unit, sign)


def _ends_clause(m: re.Match) -> bool:
    return bool(re.match(r"\s*(?:[,.;:)\"”—–]|$|and\b|but\b|when\b|as\b|while\b)", m.string[m.end() :]))
