"""Lead events: what an article reports in its first paragraphs (kind, people, places, dates), read from its stored extraction.

Two articles whose leads report one event (two of its people, or its kind and place, at dates that
overlap) are reports of the same thing; two leads that report the same kind of event, each dated
within a week, at times that do not meet, are reports of two different events.
"""

from __future__ import annotations

from dataclasses import dataclass

from briefings.event_kinds import GROUPS
from briefings.sentences import WORD

LEAD_PARAGRAPHS = 3
EVENT_SPAN_DAYS = 7


def name_key(name: str) -> str:
    """A name reduced to its letters and digits: `Kim Jong Un` and `Kim Jong-un` are one name."""
    return "".join(WORD.findall(name.lower()))


@dataclass(frozen=True)
class LeadEvent:
    """An event an article reports in its lead: who took part, where, what kind, and when (partial dates)."""

    kind: str
    people: frozenset[str]
    places: frozenset[str]
    lo: tuple[int | None, int, int] | None
    hi: tuple[int | None, int, int] | None

    def same_as(self, other: LeadEvent) -> bool:
        """Two reports of one event: two of the same people, or the same kind (a summit is a meeting) in the same place, at overlapping times."""
        who = len(self.people & other.people) >= 2
        where = GROUPS.get(self.kind, self.kind) == GROUPS.get(other.kind, other.kind) and bool(self.places & other.places)
        return (who or where) and _overlap(self, other)

    def conflicts(self, other: LeadEvent) -> bool:
        """The same kind of event, each dated within a week, at times that do not meet: two different events."""
        narrow = _span_width((self.lo, self.hi)) <= EVENT_SPAN_DAYS and _span_width((other.lo, other.hi)) <= EVENT_SPAN_DAYS
        return bool(self.kind) and self.kind == other.kind and narrow and not _overlap(self, other)


def _overlap(a: LeadEvent, b: LeadEvent) -> bool:
    if not (a.lo and a.hi and b.lo and b.hi):
        return True  # no date to disagree with
    if a.lo[0] is None or b.lo[0] is None:  # a year missing on one side: compare within the year
        return a.lo[1:] <= b.hi[1:] and b.lo[1:] <= a.hi[1:]
    return a.lo <= b.hi and b.lo <= a.hi  # type: ignore[operator]


def lead_events(extraction: dict | None) -> list[LeadEvent]:
    """The events an article reports in its first paragraphs, from the extraction the index stored."""
    out = []
    for event in (extraction or {}).get("events", []):
        if not isinstance(event, dict) or min(event.get("paras") or [99]) >= LEAD_PARAGRAPHS:
            continue
        spans = [(d.get("lo"), d.get("hi")) for d in event.get("dates", []) if isinstance(d, dict)]
        span = min(spans, key=_span_width, default=(None, None))
        places = [p.get("name") if isinstance(p, dict) else p for p in event.get("places", [])]
        out.append(
            LeadEvent(
                str(event.get("kind") or ""),
                frozenset(name_key(str(n)) for n in event.get("participants", [])),
                frozenset(name_key(str(n)) for n in places if n),
                _day_tuple(span[0]),
                _day_tuple(span[1]),
            )
        )
    return out


def _day_tuple(value: object) -> tuple[int | None, int, int] | None:
    if isinstance(value, list | tuple) and len(value) == 3 and value[1] and value[2]:
        return (value[0], int(value[1]), int(value[2]))
    return None


def _span_width(span: tuple) -> int:
    lo, hi = _day_tuple(span[0]), _day_tuple(span[1])
    if not lo or not hi:
        return 10**6
    return (hi[1] - lo[1]) * 31 + hi[2] - lo[2]


def share_lead_event(a: list[LeadEvent], b: list[LeadEvent]) -> bool:
    """True when the two articles' leads report one event."""
    return any(x.same_as(y) for x in a for y in b)
