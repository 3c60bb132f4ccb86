"""An event's dates: whether pieces of evidence agree, and the date they settle on."""

from __future__ import annotations

from datetime import date

from briefings.dates import DateRange, PartialDate
from briefings.event_types import DateEvidence


def dates_compatible(a: list[DateEvidence], b: list[DateEvidence]) -> bool:
    """Whether two sets of date evidence can describe one occasion (an article's default date never decides)."""
    a = [d for d in a if not d.default]
    b = [d for d in b if not d.default]
    if not a or not b:
        return True
    return solve([d.range() for d in a + b])[0] is not None


def solve(ranges: list[DateRange]) -> tuple[list[date] | None, list[DateRange]]:
    """Days that satisfy every range; (None, ranges) when they contradict each other."""
    full = [r for r in ranges if r.year_known]
    partial = [r for r in ranges if not r.year_known]
    if full:
        days: set[date] | None = None
        for r in full:
            ds = set(r.days())
            days = ds if days is None else days & ds
        for r in partial:
            days = {d for d in days if _in_partial(d, r)}
        return (sorted(days), []) if days else (None, ranges)
    # No year anywhere: keep month/day ranges; their intersection tells at most month and day.
    candidates = None
    for r in partial:
        ds = (
            {(d.month, d.day) for d in DateRange((2001, *r.lo[1:]), (2001, *r.hi[1:]), None).days() or []}
            if r.lo[1:] != (1, 1) or r.hi[1:] != (12, 31)
            else None
        )
        if ds is None:
            continue
        candidates = ds if candidates is None else candidates & ds
    if candidates is None:
        return [], []
    return ([date(2001, m, d) for m, d in sorted(candidates)], []) if candidates else (None, ranges)


def _in_partial(day: date, r: DateRange) -> bool:
    if r.weekday is not None and day.weekday() != r.weekday:
        return False
    if r.lo[1:] == (1, 1) and r.hi[1:] == (12, 31):
        return True
    lo, hi = r.lo[1:], r.hi[1:]
    key = (day.month, day.day)
    return lo <= key <= hi if lo <= hi else key >= lo or key <= hi


def settle_date(evidence: list[tuple[DateRange, str, int]]) -> tuple[PartialDate | None, str | None, list[str]]:
    """The date all consistent evidence allows, its precision, and notes on evidence that disagreed.

    evidence: (range, article id, strength) with strength 3 = explicit date, 2 = relative to a firm
    article date, 1 = relative to a partial date or a bare weekday.
    """
    if not evidence:
        return None, None, []
    ordered = sorted(evidence, key=lambda e: -e[2])
    kept: list[DateRange] = []
    notes: list[str] = []
    for r, article_id, strength in ordered:
        trial = [*kept, r]
        days, _ = solve(trial)
        if days is None:
            if strength > 0:  # an article's own date, set aside, is no disagreement worth showing
                notes.append(f"{article_id}: '{r.text}' does not fit the other reports")
            continue
        kept = trial
    days, _ = solve(kept)
    if not days:
        return None, None, notes
    has_year = any(r.year_known for r in kept)
    if not has_year:
        if len(days) == 1:
            return PartialDate(None, days[0].month, days[0].day), "day-no-year", notes
        if len({d.month for d in days}) == 1:
            return PartialDate(None, days[0].month), "month-no-year", notes
        return None, None, notes
    if len(days) == 1:
        return PartialDate.of(days[0]), "day", notes
    if len({(d.year, d.month) for d in days}) == 1:
        return PartialDate(days[0].year, days[0].month), "month", notes
    if len({d.year for d in days}) == 1:
        return PartialDate(days[0].year, None), "year", notes
    return None, None, notes
