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
DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\d:])"
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
    r"cars|shares|votes|members|residents|cases|deaths|times|pounds|kg|acres|hectares|rooms|jobs|[a-z]+s\s+(?:of|were|are|have)\b)",
    re.I,
)

BOUND = re.compile(r"\b(since|until|till|through|throughout|by|before|after|from)\s+$", re.I)


@dataclass(frozen=True)
class Context:
    """What resolution needs besides the words: the anchor and the tense reader."""

    anchor: PartialDate | None
    text: str
    future: bool | None

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
    """Every time expression in `text`, resolved; overlapping matches are settled longest first."""
    matches: list[tuple[re.Match, Rule]] = []
    for rule in RULES:
        matches += [(m, rule) for m in rule.pattern.finditer(text) if m.group(0).strip()]
    matches.sort(key=lambda mr: (-(mr[0].end() - mr[0].start()), RULES.index(mr[1])))
    taken: list[tuple[int, int]] = []
    ctx = Context(anchor, text, future)
    found: list[DateRange] = []
    for m, rule in matches:
        if any(m.start() < b and a < m.end() for a, b in taken):
            continue
        got = rule.resolve(m, ctx)
        if got is None:
            continue
        taken.append((m.start(), m.end()))
        bound = BOUND.search(text, 0, m.start())
        found.append(replace(got, text=m.group(0), pos=m.start(), kind=rule.kind, bound=bound[1].lower() if bound else ""))
    return sorted(found, key=lambda r: r.pos)


# --- which year an undated day or month falls in ----------------------------------------------------


def year_for(ctx: Context, m: re.Match, month: int, day: int | None, lead: str | None) -> int | None:
    """The year of a month (and day) the text gives without one: by `last`/`next`, else by tense."""
    a = ctx.anchor
    if not a or not a.year:
        return None
    if not a.month:
        return a.year
    here = (a.month, a.day or (1 if day else 0))
    there = (month, day or 0) if day else (month, 0)
    if day is None:
        here = (a.month, 0)
    lead = (lead or "").lower()
    if lead in ("last", "past", "the previous", "previous"):
        return a.year if there < here else a.year - 1
    if lead in ("next", "the following", "following"):
        return a.year if there > here else a.year + 1
    if lead in ("this", "this coming", "coming"):
        return a.year if lead == "this" or there >= here else a.year + 1
    tense = ctx.tense(m)
    if tense == "past":
        return a.year if there <= here else a.year - 1
    if tense == "future":
        return a.year if there >= here else a.year + 1
    # No tense: the nearest, within half a year either way.
    distance = (month - a.month) + ((day or 15) - (a.day or 15)) / 31
    if distance > 6:
        return a.year - 1
    if distance < -6:
        return a.year + 1
    return a.year


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
    if not m["part"] and NOT_A_YEAR_AFTER.match(after):
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
    direction = (m["dir"] or "").lower()
    sign = 1 if direction in ("later", "after", "from now", "hence") else -1
    return _shifted(ctx.anchor, unit, sign * n)


def _shifted(anchor: PartialDate | None, unit: str, by: int) -> DateRange | None:
    """The anchor moved by `by` units, at the unit's precision (days and weeks give a day)."""
    if not anchor or not anchor.year:
        return None
    if unit in ("day", "week"):
        a = anchor.to_date()
        return day_range(a + timedelta(days=by * (7 if unit == "week" else 1))) if a else None
    if unit == "month":
        return month_range(*shift_month(anchor.year, anchor.month, by)) if anchor.month else None
    if unit in ("year", "decade"):
        return year_range(anchor.year + by * (10 if unit == "decade" else 1))
    return None


def _anaphoric_year(m: re.Match, ctx: Context) -> DateRange | None:
    if not ctx.year:
        return None
    back = m["ago"] is not None
    return year_range(ctx.year - back)


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
            rf"(?:\b{PART}(?:(?:fiscal|calendar|financial|model)\s+(?:year\s+)?)?|\b)(?P<y>{YEAR})\b|(?<![\w'’])['’](?P<yy>\d\d)\b", FLAGS
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
            r"\b(?:(?:the\s+)?(?:end|close)\s+of\s+the\s+year|(?:the\s+)?(?:current\s+|full\s+|fiscal\s+|current\s+fiscal\s+|calendar\s+)?year(?:-end|\s+end|['’]s\s+end)"
            r"|the\s+(?:current\s+|full\s+|fiscal\s+|current\s+fiscal\s+|calendar\s+)?year(?![\w-])(?!\s+(?:before|after|earlier|later|ago))"
            r"|year-(?P<ago>ago|earlier))\b",
            FLAGS,
        ),
        _anaphoric_year,
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
    return _shifted(ctx.anchor, unit, sign)


def _ends_clause(m: re.Match) -> bool:
    return bool(re.match(r"\s*(?:[,.;:)\"”—–]|$|and\b|but\b|when\b|as\b|while\b)", m.string[m.end() :]))
