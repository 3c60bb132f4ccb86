"""One article's event candidates merged into its events: back-references, repeated mentions, the same people at one time."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from briefings.event_dates import dates_compatible
from briefings.event_kinds import BY_KIND, GROUPS, unique
from briefings.event_types import DateEvidence, EventCandidate, EventPlace

if TYPE_CHECKING:
    from briefings.quotes import ExtractedQuote

MEETS_WITH = ({"meet", "press"}, {"meet", "session"}, {"meet", "visit"})  # kinds of contact one occasion joins


def merge_into(events: list[EventCandidate], cand: EventCandidate) -> None:
    """Within an article: a back-reference joins its event; the same people at the same time are one event."""
    cand_dates = cand.dates + cand.context
    if cand.background and BY_KIND[cand.kind].news and any(e.kind == cand.kind for e in events):
        # `escaped during the floods`: a mention in passing adds nobody to the floods.
        cand = cand.with_nobody()
    target = _referred_to(events, cand, cand_dates) or _same_occasion(events, cand, cand_dates)
    if target is not None:
        _absorb(target, cand)
        return
    cand.first_of_kind = not any(e.kind == cand.kind for e in events)
    events.append(cand)


def _referred_to(events: list[EventCandidate], cand: EventCandidate, cand_dates: list[DateEvidence]) -> EventCandidate | None:
    """The event a mention refers to: `the summit` an earlier one, a named meeting an earlier anonymous one, a news report its kind's."""
    if cand.refers_back:
        same = [e for e in events if GROUPS[e.kind] == GROUPS[cand.kind] and dates_compatible(e.dates, cand_dates)]
        if same:
            return max(same, key=lambda e: _reference_fit(e, cand))
    if cand.participants:
        # An earlier mention with nobody named (`last week's summit between the two regimes`) is this event.
        anonymous = [
            e for e in events if not e.participants and e.refers_back and e.kind == cand.kind and dates_compatible(e.dates, cand_dates)
        ]
        if anonymous:
            return anonymous[-1]
    if BY_KIND[cand.kind].news:
        same = [e for e in events if e.kind == cand.kind and _same_news(e, cand, cand_dates)]
        if same:
            return same[0]
    return None


def _same_occasion(events: list[EventCandidate], cand: EventCandidate, cand_dates: list[DateEvidence]) -> EventCandidate | None:
    """The event with the same people at a compatible time (and a kind of contact that fits), the best fit first."""
    group = GROUPS[cand.kind]
    fits = []
    for n, event in enumerate(events):
        if cand.future and not event.future:
            continue  # `will be joined by Austin for joint talks`: another, later occasion
        shared = set(event.participants) & set(cand.participants)
        groups = {GROUPS[event.kind], *(GROUPS[k] for k in event.also)}
        needed = min(2, len(event.participants), len(cand.participants))
        paired = any(groups | {group} >= pair for pair in MEETS_WITH)
        if not shared or len(shared) < needed or not (group in groups or paired):
            continue
        if cand.kind == "visit" == event.kind and _apart(event.places, cand.places):
            continue  # `visit a plant ... and then go to Vladivostok`: two stops
        if dates_compatible(event.dates, cand_dates):
            same_kind = event.kind == cand.kind or cand.kind in event.also
            dated_alike = bool(cand.dates) and dates_compatible(event.dates, cand.dates) and bool(event.real_dates())
            lead = -min(event.paras, default=50)
            fits.append((len(shared), same_kind, dated_alike, lead, n))
    return events[max(fits)[-1]] if fits else None


def _same_news(event: EventCandidate, cand: EventCandidate, cand_dates: list[DateEvidence]) -> bool:
    """Whether a second mention of a kind in one article (`a quake ... the tremor`) is the same happening."""
    if not dates_compatible(event.dates, cand_dates):
        return False
    people = set(event.participants), set(cand.participants)
    return not (all(people) and not people[0] & people[1])


def _apart(a: list[EventPlace], b: list[EventPlace]) -> bool:
    """Two events named at places with nothing in common."""
    return bool(a and b) and not {p.name.lower() for p in a} & {p.name.lower() for p in b}


def _reference_fit(event: EventCandidate, cand: EventCandidate) -> tuple:
    same_kind = event.kind == cand.kind or cand.kind in event.also
    mods = {event.modifier, cand.modifier} - {None}
    same_mod = len(mods) == 1 or mods <= {"trilateral", "three-way"}
    return (same_kind, same_mod and bool(mods), len(event.paras) + len(event.participants))


def _absorb(event: EventCandidate, cand: EventCandidate) -> None:
    """A mention's evidence added to the event it belongs to."""
    if event.kind == "visit" and GROUPS[cand.kind] == "meet":
        # `visit Warsaw next week for talks`: the talks are the event, the visit how it came about.
        event.also = unique([*event.also, "visit"])
        event.kind, event.label = cand.kind, cand.label
    elif cand.kind != event.kind and cand.kind not in event.also:
        event.also.append(cand.kind)
    event.participants = unique(event.participants + cand.participants)
    event.roles = {**cand.roles, **event.roles}
    event.background = event.background and cand.background
    event.places += [p for p in cand.places if p not in event.places]
    event.refers_back = event.refers_back and cand.refers_back
    event.orgs = unique(event.orgs + cand.orgs)
    event.objects = unique(event.objects + cand.objects)
    if cand.real_dates():
        event.dates = event.real_dates()
    if not (event.dates and all(d.default for d in cand.dates)):
        event.dates += [d for d in cand.dates if d not in event.dates]
    event.paras = sorted(set(event.paras + cand.paras))
    event.sentences += [s for s in cand.sentences if s not in event.sentences]
    event.main_sentences += [s for s in cand.main_sentences if s not in event.main_sentences]
    event.caption = event.caption or cand.caption
    event.modifier = event.modifier or cand.modifier
    if len(cand.label.split()) > len(event.label.split()) and cand.kind == event.kind:
        event.label = cand.label
    event.future = event.future and cand.future
    event.simultaneous += cand.simultaneous


def propagate_simultaneous(events: list[EventCandidate]) -> None:
    """An event with no date of its own takes the date of one its sentence says happened at the same time."""
    # `Kirby told a briefing ... as Kim held a meeting`: an event with no date of its own shares its partner's.
    for event in events:
        if event.real_dates() or not event.simultaneous:
            continue
        for other in events:
            real = other.real_dates()
            if other is not event and other.kind in event.simultaneous and real and set(other.sentences) & set(event.sentences):
                event.dates = [replace(d, text=d.text + " (at the same time)") for d in real]
                break


def tie_quotes(events: list[EventCandidate], quotes: list[ExtractedQuote]) -> None:
    """Each attributed quote joins the event of its speaker reported nearest to it."""
    for q in quotes:
        if not q.speaker:
            continue
        options = [e for e in events if q.speaker in e.participants]
        if not options:
            continue
        best = min(options, key=lambda e: min((abs(q.para - p) + (0 if p <= q.para else 0.5) for p in e.paras), default=99))
        best.quotes.append(q.text)
