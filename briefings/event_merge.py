"""Events across articles: one event however many articles report it, dated by all their evidence, titled."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from briefings.dates import DateRange, PartialDate
from briefings.event_dates import settle_date, solve
from briefings.event_kinds import BY_KIND, GROUPS, KIND_WORDS, EventKind, unique
from briefings.event_types import DateEvidence, EventCandidate, EventPlace
from briefings.models import ArticleRef, Event, Participant, Person, Quote
from briefings.people import person_key
from briefings.resolve import canonical_key

SPECIFIC = {
    k: i for i, k in enumerate(["summit", "talks", "press conference", "meeting", "briefing", "interview", "visit", "launch", "vote"])
}


Evidence = tuple[DateRange, str, int]  # a date range, the article that gives it, its strength (see `settle_date`)
NameWords = dict[str, list[Person]]  # a word of a name's person key -> the people whose names have it


@dataclass
class _Merged:
    """One event of the corpus while articles' candidates join it."""

    kind: EventKind
    also: set[str] = field(default_factory=set)
    modifier: str | None = None
    participants: list[str] = field(default_factory=list)  # canonical keys
    places: list[EventPlace] = field(default_factory=list)
    orgs: list[str] = field(default_factory=list)
    objects: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    sentences: list[tuple[str, str]] = field(default_factory=list)  # (article id, sentence)
    quotes: list[tuple[str, str]] = field(default_factory=list)  # (article id, quote text)
    refs: dict[str, ArticleRef] = field(default_factory=dict)
    future: bool = True
    caption: bool = False
    labels: Counter = field(default_factory=Counter)
    venues: set[str] = field(default_factory=set)
    main_sentences: set[str] = field(default_factory=set)
    actors: list[str] = field(default_factory=list)
    roles: dict[str, str] = field(default_factory=dict)  # canonical key -> part in the event
    salience: float = 0.0


def resolve_events(articles: list[tuple[ArticleRef, dict]], people: list[Person]) -> list[Event]:
    """Merge every article's events into events of the corpus, dated by all their evidence.

    `articles`: each article with its stored extraction, whose `events` are read back here as `EventCandidate`s.
    """
    by_key = {canonical_key(alias): p for p in people for alias in [p.name, *p.aliases]}
    merged: list[_Merged] = []
    strength_of = {ref.id: _anchor_strength(ref) for ref, _ in articles}
    for ref, extraction in articles:
        for ev in map(EventCandidate.from_json, extraction.get("events", [])):
            # Participants as the people of the corpus (`Borrell` here and `Josep Borrell` there are one).
            key_of = {n: canonical_key(by_key[canonical_key(n)].name) for n in ev.participants if canonical_key(n) in by_key}
            keys = unique(list(key_of.values()))
            evidence = [(d.range(), ref.id, _strength(d, strength_of[ref.id])) for d in ev.dates]
            target = _find_match(merged, ev, keys, evidence, ref.id)
            if target is None:
                target = _Merged(kind=ev.kind)
                merged.append(target)
            _add(target, ev, keys, evidence, ref)
            target.roles |= {key_of[n]: role for n, role in ev.roles.items() if n in key_of and key_of[n] not in target.roles}
    _complete_years(merged)
    words = name_words(people)
    events = [_to_event(m, by_key, words) for m in merged]
    events = [
        e
        for e in events
        if e.participants
        or e.place
        or (e.kind == "launch" and (e.date or m_actor(e)))
        or (e.kind in ("session", "vote") and e.date)
        or (BY_KIND[e.kind].news and e.salience >= 2.5)
    ]
    events.sort(key=lambda e: (e.date is None, _sortable(e.date), e.title))
    for i, event in enumerate(events, 1):
        event.id = i
    return events


def m_actor(event: Event) -> bool:
    """A launch whose title names who launched."""
    return not event.title.lower().startswith(("spy", "military", "ballistic", "satellite", "missile", "rocket"))


def _strength(d: DateEvidence, anchor_strength: int) -> int:
    """3 for an explicit date, the article's anchor strength for a relative one, 0 for the article's own date."""
    if d.default:
        return 0
    return 3 if re.search(r"\d", d.text) else anchor_strength


def _anchor_strength(ref: ArticleRef) -> int:
    d = PartialDate.from_iso(ref.date)
    return 2 if d and d.year else 1


def _find_match(merged: list[_Merged], ev: EventCandidate, keys: list[str], evidence: list[Evidence], article_id: str) -> _Merged | None:
    """The event of the corpus an article's event is another report of: its kind's group, shared people or place, dates that fit."""
    if BY_KIND[ev.kind].news:
        return _find_news_match(merged, ev, keys, evidence, article_id)
    group = GROUPS[ev.kind]
    best, best_score = None, 0
    for m in merged:
        if article_id in m.refs:
            continue  # the article itself already decided these are different events
        groups = {GROUPS[m.kind], *(GROUPS[k] for k in m.also)}
        if group not in groups and not ({group} | groups >= {"meet", "press"} and len(set(keys) & set(m.participants)) >= 2):
            continue
        shared = len(set(keys) & set(m.participants))
        same_place = bool({p.name.lower() for p in ev.places} & {p.name.lower() for p in m.places})
        score = shared * 2 + same_place
        similar = same_place and ev.kind == m.kind and any(word_overlap(ev.label, label) >= 0.6 for label in m.labels)
        if shared >= 2 or (shared == 1 and same_place) or (same_place and not keys and not m.participants) or similar:
            days, _ = solve([e[0] for e in m.evidence] + [e[0] for e in evidence])
            if days is None and m.evidence and evidence:
                continue
            if score > best_score:
                best, best_score = m, score
    return best


def _find_news_match(
    merged: list[_Merged], ev: EventCandidate, keys: list[str], evidence: list[Evidence], article_id: str
) -> _Merged | None:
    """The event a news report (a quake, an arrest) is another report of: same kind, a shared person or place, dates that fit."""
    best, best_score = None, 0.0
    for m in merged:
        if article_id in m.refs or m.kind != ev.kind:
            continue
        # `Aleksei A. Navalny` here and `Alexei Navalny` there: the same family name is the same person.
        shared = len({k.split()[-1] for k in keys if k.split()} & {k.split()[-1] for k in m.participants if k.split()})
        # A place the model took for an organisation (`Kouvaras`) is shared all the same.
        same_place = _shared_places(ev.places, m.places) + len(_names(ev.objects) & _names(m.objects))
        # Two reports that both lead with this kind of news, nobody on either side against it, dated alike, tell one story.
        leads = ev.salience >= 3 and m.salience >= 3
        if not (shared or same_place or leads) or (keys and m.participants and not shared):
            continue
        if not _dates_agree(m.evidence, evidence):
            continue
        score = shared * 2 + same_place + m.salience / 10
        if score > best_score:
            best, best_score = m, score
    return best


def _names(objects: list[str]) -> set[str]:
    """The proper names among an event's keywords (organisations, facilities, peoples), not its offences or kinds."""
    return {o.lower() for o in objects if o[:1].isupper()}


def _shared_places(a: list[EventPlace], b: list[EventPlace]) -> int:
    """How many places two reports share, one name within the other counting (`Cianjur` and `Cianjur Regency`)."""
    names_b = [set(p.name.lower().split()) for p in b]
    return sum(any(x <= y or y <= x for y in names_b) for x in {frozenset(p.name.lower().split()) for p in a} if x)


def _dates_agree(a: list[Evidence], b: list[Evidence]) -> bool:
    """Firm evidence must intersect; where a side has only its article's date, the two must lie within ten days."""
    firm_a, firm_b = [r for r, _, s in a if s > 0], [r for r, _, s in b if s > 0]
    if firm_a and firm_b:
        return solve(firm_a + firm_b)[0] is not None
    days_a = solve(firm_a or [r for r, _, _ in a])[0] if a else None
    days_b = solve(firm_b or [r for r, _, _ in b])[0] if b else None
    if not days_a or not days_b or days_a[0].year == 2001 or days_b[0].year == 2001:
        return True  # a side with no usable date: nothing to contradict
    return abs((days_a[0] - days_b[0]).days) <= 10 or abs((days_a[-1] - days_b[-1]).days) <= 10


def _add(m: _Merged, ev: EventCandidate, keys: list[str], evidence: list[Evidence], ref: ArticleRef) -> None:
    """One article's report added to the event of the corpus it tells of."""
    if m.kind == "visit" and GROUPS[ev.kind] == "meet":
        m.also.add("visit")
        m.kind = ev.kind
    elif GROUPS[ev.kind] != GROUPS[m.kind] or ev.kind != m.kind:
        # A summit called a meeting elsewhere stays a summit: the more specific word wins.
        if SPECIFIC.get(ev.kind, 99) < SPECIFIC.get(m.kind, 99) and GROUPS[ev.kind] == GROUPS[m.kind]:
            m.kind = ev.kind
        elif GROUPS[ev.kind] != GROUPS[m.kind]:
            m.also.add(ev.kind)
    m.also.update(ev.also)
    m.also.discard(m.kind)
    m.modifier = m.modifier or ev.modifier
    m.participants = unique(m.participants + keys)
    m.places += [p for p in ev.places if p not in m.places]
    m.venues.update(p.name for p in ev.places if p.venue)
    m.orgs = unique(m.orgs + ev.orgs)
    m.objects = unique(m.objects + ev.objects)
    m.actors = unique(m.actors + ev.actors)
    m.evidence += evidence
    m.sentences += [(ref.id, s) for s in ev.sentences]
    m.main_sentences.update(ev.main_sentences)
    m.quotes += [(ref.id, q) for q in ev.quotes]
    m.refs[ref.id] = ref
    m.labels[ev.label or ev.kind] += 1
    m.future = m.future and ev.future
    m.caption = m.caption or ev.caption
    m.salience = max(m.salience, ev.salience) + (0.5 if len(m.refs) > 1 else 0.0)


def _complete_years(merged: list[_Merged]) -> None:
    """An article with no year learns it from an event it shares with firmly dated articles."""
    years: dict[str, int] = {}
    for m in merged:
        firm = [r for r, _, s in m.evidence if r.year_known and s >= 2]
        partial_articles = {a for r, a, _ in m.evidence if not r.year_known}
        if not firm or not partial_articles:
            continue
        days, _ = solve([r for r, _, _ in m.evidence])
        if days and len({d.year for d in days}) == 1:
            for a in partial_articles:
                years.setdefault(a, days[0].year)
    for m in merged:
        m.evidence = [
            (DateRange((years[a], *r.lo[1:]), (years[a], *r.hi[1:]), r.weekday, r.text + " (year from the corpus)"), a, s)
            if not r.year_known and a in years and not (r.lo[1:] == (1, 1) and r.hi[1:] == (12, 31))
            else (r, a, s)
            for r, a, s in m.evidence
        ]


def _to_event(m: _Merged, by_key: dict[str, Person], words: NameWords) -> Event:
    when, precision, notes = settle_date(m.evidence)
    # Order: who the corpus reports on more, then who the reports name first (`summit between Kim and Putin`).
    unique = list({id(by_key[k]): by_key[k] for k in m.participants if k in by_key}.values())
    persons = sorted(unique, key=lambda p: (-len(p.articles), unique.index(p)))
    roles = {id(by_key[k]): role for k, role in m.roles.items() if k in by_key}
    participants = [Participant(p.name, p.role.label() if p.role else None, p.id, roles.get(id(p))) for p in persons]
    place = _best_place(m.places)
    quotes = []
    for article_id, text in m.quotes:
        for p in persons:
            q = next((q for q in p.quotes if text in q.text or q.text in text), None)
            if q and all(existing.text != q.text for existing in quotes):
                quotes.append(Quote(q.text, p.name, article_id, q.date, q.inferred, q.sources))
    summary = []
    names = [p.name.split()[-1].lower() for p in persons]
    cues = [p.name.lower() for p in m.places] + [r.text.lower().split()[-1].strip("’'s") for r, _, _ in m.evidence if r.text]
    for _article_id, sentence in sorted(m.sentences, key=lambda x: _report_rank(x[1], names, cues, x[1] in m.main_sentences)):
        if all(word_overlap(sentence, s) < 0.6 for s in summary):
            summary.append(sentence)
    title = _title(m, persons, words, place)
    refs = sorted(m.refs.values(), key=lambda r: r.date or "")
    keywords = sorted(
        {m.kind, *m.also, *m.objects, *m.actors, *(p.name for p in m.places), *m.orgs, *((m.modifier and [m.modifier]) or [])}
    )
    return Event(
        id=0,
        title=title,
        kind=m.kind,
        date=when.iso() if when else None,
        date_precision=precision,
        place=place,
        participants=participants,
        quotes=quotes,
        summary=summary[:3],
        articles=refs,
        date_notes=notes,
        keywords=keywords,
        status="planned" if m.future else "happened",
        salience=round(m.salience, 2),
    )


def _best_place(places: list[EventPlace]) -> str | None:
    """The event's place in words: its venue (the most reported), then up to two areas, the most specific first."""
    if not places:
        return None
    names = Counter(p.name for p in places)
    venues = [p.name for p in places if p.venue]
    areas = [p.name for p in places if not p.venue]
    parts: list[str] = []
    if venues:
        parts.append(max(venues, key=lambda v: (names[v], len(v))))
    rank = {p.name: min(2 if q.rank is None else q.rank for q in places if q.name == p.name) for p in places}
    for area in sorted(set(areas), key=lambda a: (rank[a], -names[a], areas.index(a))):
        if all(area.lower() not in p.lower() and p.lower() not in area.lower() for p in parts):
            parts.append(area)
        if len(parts) >= 3:
            break
    return ", ".join(parts)


def name_words(people: list[Person]) -> NameWords:
    """The people by the words of their names, so `short_name` asks only those sharing a word (not the whole corpus)."""
    index: defaultdict[str, list[Person]] = defaultdict(list)
    for p in people:
        for word in set(person_key(p.name).split()):
            index[word].append(p)
    return index


def short_name(person: Person, by_word: NameWords) -> str:
    """A person's one-word name when it is theirs alone in the corpus (`Putin`, `Cho`), else the full name.

    `by_word`: the corpus's people by name word (`name_words`)."""
    words = person.name.split()
    # Only a one-word form the articles use, or the family name of `Cho Tae-yong` (a hyphenated given name shows the order).
    family = [words[0]] if len(words) == 2 and "-" in words[-1] else []
    singles = [a for a, _ in Counter(a for a in person.aliases if " " not in a.strip()).most_common()]
    for word in [*singles, *family]:
        key = person_key(word)
        clash = [p for p in by_word.get(key, ()) if p is not person]
        if not clash and key:
            return word
    return person.name


LABEL_NOISE = {"open", "ongoing", "rare", "recent", "new", "first", "annual", "last", "the", "a", "an", "his", "her", "their"}


def _clean_label(label: str) -> str:
    words = label.split()
    while len(words) > 1 and words[0].lower() in LABEL_NOISE:
        words = words[1:]
    text = " ".join(words)
    return text[:1].upper() + text[1:]


def _news_title(m: _Merged, names: list[str], place: str | None) -> str:
    """`Earthquake in Cianjur`, `Arrest of Jane Doe in Ohio`, `Award to Maria Ressa`."""
    word = "to" if m.kind == "award" else "of"
    title = m.kind.capitalize() + (f" {word} {' and '.join(names[:2])}" if names else "")
    first = place.split(", ")[0] if place else None
    return f"{title} in {first}" if first else title


def _title(m: _Merged, persons: list[Person], words: NameWords, place: str | None) -> str:
    names = [short_name(p, words) for p in persons]
    if BY_KIND[m.kind].news:
        patients = [short_name(p, words) for p in persons if m.roles.get(canonical_key(p.name)) == BY_KIND[m.kind].patient]
        return _news_title(m, patients or names[:1], place)
    kind_word = KIND_WORDS[m.kind]
    if m.kind in ("press conference", "briefing") and m.also & {"talks", "meeting"}:
        kind_word = "talks and joint press conference" if "talks" in m.also else "meeting and joint press conference"
    elif "press conference" in m.also and m.kind in ("talks", "meeting"):
        kind_word += " and joint press conference"
    if "courtesy call" in " ".join(m.labels).lower():
        kind_word = "courtesy call"
    label = _clean_label(max(m.labels, key=lambda x: (len(x.split()), m.labels[x]))) if m.labels else kind_word
    city = place.split(", ")[-2] if place and place.count(", ") >= 1 else place
    if m.kind == "session" or (len(names) <= 1 and m.kind in ("meeting", "session") and len(label.split()) >= 3):
        return f"{label} in {city}" if city and city.lower() not in label.lower() else label
    if m.kind == "vote" and m.actors:
        return f"{re.sub(r'^the ', '', m.actors[0], flags=re.I)} vote"
    if m.kind == "launch":
        obj = max(m.objects, key=len) if m.objects else "rocket"
        obj = re.sub(r"s$", "", obj) if obj.endswith("missiles") else obj
        actor = f"{m.actors[0]} " if m.actors else ""
        return f"{actor}{obj} launch"[:1].upper() + f"{actor}{obj} launch"[1:]
    if len(names) >= 3:
        lead = (m.modifier or "").capitalize() + (" " if m.modifier else "")
        title = f"{lead}{kind_word}" if lead else kind_word.capitalize()
        return f"{title} in {city}" if city else f"{title} of {', '.join(names[:-1])} and {names[-1]}"
    if len(names) == 2:
        return f"{names[0]}–{names[1]} {kind_word}"
    if len(names) == 1:
        if m.kind == "interview" and m.orgs:
            return f"{names[0]} interview with {m.orgs[0]}"
        if m.kind == "visit" and city:
            return f"{names[0]} visit to {city}"
        first = place.split(", ")[0] if place else None
        where = f" {'at' if first in m.venues else 'in'} {first}" if first else ""
        return f"{names[0]} {kind_word}{where}"
    return f"{label} in {city}" if city and city.lower() not in label.lower() else label


def _report_rank(sentence: str, names: list[str], cues: list[str], main: bool) -> tuple:
    """Sentences that report the event plainly first: about it (not in passing), with its place or day, not a quote."""
    low = sentence.lower()
    quoted = sentence.lstrip()[:1] in '"“‘'
    named = sum(n in low for n in names)
    placed = any(c and c in low for c in cues)
    return (not (main or placed), quoted, not placed, not main, -min(named, 2), len(sentence) > 320, len(sentence))


def word_overlap(a: str, b: str) -> float:
    """The share of the shorter text's words the other text has."""
    wa, wb = set(a.lower().split()), set(b.lower().split())
    return len(wa & wb) / max(1, min(len(wa), len(wb)))


def _sortable(iso: str | None) -> str:
    return iso.replace("--", "0000-") if iso else ""
