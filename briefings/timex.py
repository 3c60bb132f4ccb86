"""Time expressions in news text, found by pattern and resolved against the article's date.

Each pattern names one kind of expression (an explicit date, a month, a year, a weekday, a
day word, a unit relative to now, a counted offset, an anaphoric year); overlapping matches
are settled longest first, so `Friday, Oct. 23` and `last Oct. 23` are read once. Resolution
follows TimeML's conventions as HeidelTime implements them: a year is a year, a month a month,
and the tense of the governing verb decides which way an undated weekday or month lies.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace

from briefings.daterange import DateRange, PartialDate, TimexKind
from briefings.timex_relative import (
    anaphoric,
    apposed_day,
    day_word,
    elliptic_last,
    neighbour,
    offset,
    offset_ahead,
    the_day_of,
    time_of_day,
    unit,
)
from briefings.timex_resolve import (
    ORDINALS,
    SPOKEN_YEAR,
    Context,
    Resolver,
    explicit,
    holiday,
    iso,
    month,
    numeric,
    spoken,
    weekday,
    year,
)

MONTH_WORD = r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)(?:\.|(?=\s+\d)))"
WEEKDAY = r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|(?:Mon|Tues?|Wed|Thu(?:rs?)?|Fri|Sat|Sun)\.)"
DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d|:\d)"
YEAR = r"(?:1[6-9]|20)\d\d"
LEAD = r"(?:(?P<lead>last|this\s+past|this|next|this\s+coming|coming|past|the\s+previous|the\s+following|previous|following)\s+)?"
PART = r"(?:(?P<part>early|mid|late|the\s+(?:end|beginning|start|middle|rest|remainder|first\s+half|second\s+half)\s+of)[\s-]*)?"
NUMBER = r"(?<![\d,.])(?P<n>\d{1,3}(?:,\d{3})+|\d+|a\s+couple\s+of|a\s+dozen|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty)"
FLAGS = re.I
ORDINAL_DAY = rf"(?:{'|'.join(ORDINALS)}|\d{{1,3}}(?:st|nd|rd|th))"
BOUND = re.compile(r"\b(since|until|till|through|throughout|by|before|after|from)\s+$", re.I)


@dataclass(frozen=True)
class Rule:
    """One kind of expression: its pattern and how to resolve a match."""

    kind: TimexKind
    pattern: re.Pattern
    resolve: Resolver
    needs: str = ""  # words without which the pattern cannot match: a cheap test that skips it

    def finditer(self, text: str):
        """The pattern's matches, skipped at once when a word it needs is absent."""
        if self.needs and not _compiled(self.needs).search(text):
            return iter(())
        return self.pattern.finditer(text)


@functools.cache
def _compiled(needs: str) -> re.Pattern:
    return re.compile(needs, re.I)


def _resolve(rule: Rule, m: re.Match, ctx: Context) -> DateRange | None:
    try:
        return rule.resolve(m, ctx)
    except (ValueError, OverflowError):
        return None  # arithmetic past the calendar's ends (year 1 or 9999): no date


def find_ranges(text: str, anchor: PartialDate | None, future: bool | None) -> list[DateRange]:
    """Every time expression in `text`, resolved; overlapping matches are settled longest first.

    A first pass settles which matches stand (longest first, then rule order); a second resolves
    them in reading order, so `the following year` and `a year earlier` count from the date the
    text last named (`On May 22, 1995, ... the following year`), or from the anchor when none.
    """
    matches: list[tuple[re.Match, Rule]] = []
    for rule in RULES:
        matches += [(m, rule) for m in rule.finditer(text) if m.group(0).strip()]
    matches.sort(key=lambda mr: (-(mr[0].end() - mr[0].start()), RULES.index(mr[1])))
    ctx = Context(anchor, text, future)
    probe = replace(ctx, ref=anchor, probing=True)  # `that year` stands if some earlier date can give it a value
    standing: list[tuple[re.Match, Rule]] = []
    for m, rule in matches:
        if all(m.end() <= o.start() or o.end() <= m.start() for o, _ in standing) and _resolve(rule, m, probe) is not None:
            standing.append((m, rule))
    found: list[DateRange] = []
    for m, rule in sorted(standing, key=lambda mr: mr[0].start()):
        got = _resolve(rule, m, ctx)
        if got is None:
            continue
        bound = BOUND.search(text, 0, m.start())
        found.append(replace(got, text=m.group(0), pos=m.start(), kind=rule.kind, bound=bound[1].lower() if bound else ""))
        named = got.as_partial()
        if named and named.year and rule.kind != "relative":
            ctx = replace(ctx, ref=named, ref_kind=rule.kind, ref_end=m.end())
    return found


RULES: list[Rule] = [
    Rule("explicit", re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<mo>[01]\d)-(?P<d>[0-3]\d)\b"), iso, r"\d-\d"),
    Rule("explicit", re.compile(r"(?<![\d/.])(?P<a>[01]?\d|[23]\d)/(?P<b>[0-3]?\d)/(?P<y>(?:19|20)?\d\d)(?![\d/])"), numeric, r"\d/\d"),
    Rule(
        "explicit",
        re.compile(
            rf"\b{LEAD}(?:(?P<wd>{WEEKDAY})\s*,?\s+(?:the\s+)?)?"
            rf"(?:(?P<m1>{MONTH})\s+(?:the\s+)?(?P<d1>{DAY}|{'|'.join(ORDINALS)})\b|(?:the\s+)?(?P<d2>{DAY})(?:\s+of)?\s+(?P<m2>{MONTH}))"
            rf"(?:,?\s+(?P<y>{YEAR})\b|\s+(?:of\s+)?(?P<rel>this|last|next)\s+year\b|(?=\s*(?:-|–|and|or|to|through)\s*(?:{MONTH}\s+)?{DAY},?\s+(?P<y2>{YEAR})\b))?",
            FLAGS,
        ),
        explicit,
        MONTH_WORD,
    ),
    Rule(
        "explicit",
        re.compile(
            rf"\b{LEAD}(?P<hol>Christmas(?:\s+Eve|\s+Day)?|New\s+Year['’]s(?:\s+Eve|\s+Day)?|Valentine['’]s\s+Day|Halloween|Boxing\s+Day"
            rf"|Bastille\s+Day|Easter(?:\s+Sunday)?|Good\s+Friday|Thanksgiving(?:\s+Day)?)\b(?:,?\s+(?P<y>{YEAR})\b)?(?![-–]|\s+(?:Island|Rising|Carols?|trees?|cards?|presents?|gifts?|part(?:y|ies)|holidays?|season|break|weekend|shopping|creches?|lights|decorations|market|message|address|attacks?))",
        ),
        holiday,
        "Christmas|New Year|Valentine|Halloween|Boxing|Bastille|Easter|Good Friday|Thanksgiving",
    ),
    Rule(
        "month",
        re.compile(
            rf"\b{PART}{LEAD}(?P<m>{MONTH})(?![\w-])(?:(?=\s+(?:and|or|to|through|-|–)\s+{MONTH}(?:,|\s+of)?\s+(?P<y2>{YEAR})\b)|(?:,|\s+of)?\s+(?:(?P<y>{YEAR})|(?P<sy>{SPOKEN_YEAR}))\b|\s+(?:of\s+)?(?P<rel>this|last|next)\s+year\b)?",
            FLAGS,
        ),
        month,
        MONTH_WORD,
    ),
    Rule(
        "year",
        re.compile(
            rf"(?:\b{PART}(?P<fiscal>(?:the\s+)?(?:(?:fiscal|calendar|financial|model)\s+(?:year\s+)?|year\s+))?|\b)(?P<y>{YEAR})\b|(?<![\w'’])['’](?P<yy>\d\d)\b",
            FLAGS,
        ),
        year,
        r"\d\d",
    ),
    Rule("year", re.compile(rf"\b(?:the\s+year\s+)?(?P<sy>{SPOKEN_YEAR})\b", FLAGS), spoken, "nineteen|twenty|thousand"),
    Rule(
        "weekday",
        re.compile(
            rf"\b{LEAD}(?:(?:early|late|noon|midnight|dawn|dusk)\s+(?:on\s+)?)?(?P<wd>{WEEKDAY})(?:\s+(?:morning|afternoon|evening|night)\b)?(?!\w)",
            FLAGS,
        ),
        weekday,
        r"day\b|(?:mon|tues?|wed|thu|thurs|fri|sat|sun)\.",
    ),
    Rule(
        "relative",
        re.compile(
            r"\b(?:(?:early|late|earlier|later)\s+)?(?P<dw>today|tonight|yesterday|tomorrow|last\s+night)"
            r"(?:\s+(?:morning|afternoon|evening|night))?\b|\b(?P<dw2>(?:early|late|earlier|later)\s+)?this\s+(?:morning|afternoon|evening)\b",
            FLAGS,
        ),
        day_word,
        "today|tonight|yesterday|tomorrow|night|morning|afternoon|evening",
    ),
    Rule(
        "relative",
        re.compile(
            rf"\b{PART.replace('(?P<part>', '(?:')}(?P<rel>this|last|next|past|coming|current|previous|earlier\s+this|later\s+this|early\s+this|"
            r"late\s+this|early\s+next|late\s+next|early\s+last|late\s+last|earlier\s+in\s+the|later\s+in\s+the|the\s+(?:current|past|previous|coming|next|last))"
            r"\s+(?:fiscal\s+|calendar\s+)?(?P<unit>week|weekend|month|year)\b(?!-)",
            FLAGS,
        ),
        unit,
        "week|month|year",
    ),
    Rule(
        "offset",
        re.compile(
            rf"\b(?:(?:about|nearly|almost|some|roughly|around|more\s+than|less\s+than|over|just|only|barely|exactly)\s+)?{NUMBER}"
            r"(?:\s+and\s+a\s+half)?\s+(?:full\s+|long\s+)?(?P<unit>days?|weeks?|months?|years?|decades?)(?:\s+or\s+so)?"
            r"\s+(?P<dir>ago|earlier|before|previously|back|later|after|from\s+now|hence)(?![\w-])",
            FLAGS,
        ),
        offset,
        r"\b(?:ago|earlier|before|previously|back|later|after|now|hence)\b",
    ),
    Rule(
        "offset",
        re.compile(rf"\b(?P<dir>in)\s+{NUMBER}\s+(?P<unit>days?|weeks?|months?|years?)\b(?!\s+(?:of|time|old)\b)", FLAGS),
        offset_ahead,  # `will be redeemed in five years`
        r"\bin\s",
    ),
    Rule(
        "offset",
        re.compile(
            r"\b(?:the\s+)?(?:(?P<dir>previous|prior|preceding|following|next)\s+(?P<unit>day|week|month|year)"
            r"|(?P<unit2>day|week|month|year)\s+(?P<dir2>before|after|earlier|later))(?![\w-])",
            FLAGS,
        ),
        neighbour,
        "day|week|month|year",
    ),
    Rule(
        "year",
        re.compile(
            r"\b(?:(?:the\s+)?(?:end|close|beginning|start|middle)\s+of\s+the\s+(?P<aunit3>year|month)|(?:the\s+)?(?:current\s+|full\s+|fiscal\s+|current\s+fiscal\s+|calendar\s+)?year(?:-end|\s+end|['’]s\s+end)"
            r"|the\s+(?:current\s+|full\s+|fiscal\s+|current\s+fiscal\s+|calendar\s+)?year(?![\w-])(?!\s+(?:before|after|earlier|later|ago))"
            r"|year-(?P<ago>ago|earlier)"
            r"|(?P<that>that|the\s+same)\s+(?P<aunit>day|month|year|night|morning|afternoon|evening)(?![\w-])"
            r"|(?:earlier|later)\s+(?P<inthe>in\s+the|that)\s+(?P<aunit2>day|year))\b",
            FLAGS,
        ),
        anaphoric,
        "year|day|month|night|morning|afternoon|evening",
    ),
    Rule("relative", re.compile(rf"\b(?:the\s+)?{ORDINAL_DAY}\s+day\b", FLAGS), the_day_of, r"\bday\b"),
    Rule("other", re.compile(r"\bthe\s+day\b", FLAGS), apposed_day, r"\bthe\s+day\b"),
    Rule(
        "relative",
        re.compile(
            "(?:"
            + "|".join(f"(?<=\\b{w} {u} {c} )" for w in ("this", "This") for u in ("week", "month", "year") for c in ("as", "than"))
            + ")"
            + r"last\b(?!\s+(?:week|month|year|night|[A-Z]))"
        ),
        elliptic_last,
        r"\b(?:as|than)\s+last\b",
    ),
    Rule(
        "relative",  # valued by its day, it names no date of its own for `a year earlier` to count from
        re.compile(
            r"\b(?:(?:around|about|at|by|shortly\s+(?:before|after)|just\s+(?:before|after))\s+)?"
            r"(?:\d{1,2}(?::[0-5]\d)?\s*[ap]\.?\s?m\b\.?|noon\b|midnight\b|(?:early|mid|late)[\s-]*(?:morning|afternoon|evening)\b)",
            FLAGS,
        ),
        time_of_day,
        r"\d\s*[ap]\.?\s?m\b|noon|midnight|morning|afternoon|evening",
    ),
]
