"""Events: what happened or is announced, where, when, who took part, what was said there.

Per article, a sentence clause that holds an event word (`summit`, `talks`, `press
conference`, `visited`, `launch` ...) becomes a candidate with the people, places and date
expressions of that clause. A candidate with no people of its own (`the summit`, `their
meeting on Wednesday at Russia's spaceport`) refers back to the article's latest event of
that kind and adds its evidence to it. Across articles, candidates merge when they share
kind and people (or kind, place and date). Each piece of date evidence is a range
(`last month`, `last week's`, `on Wednesday`, `Oct. 17, 2023`); an event's date is the
intersection of its evidence, so `the rare September summit`, `last week's summit` and
`the summit on Wednesday` pin Sept. 13 between them. Evidence that contradicts the rest is
left out and kept as a note. A page's low-confidence republish date is never evidence.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span

from briefings.corpus import ParsedArticle
from briefings.dates import DateRange, PartialDate, resolve_when
from briefings.event_arguments import (
    Standing,
    actors_before,
    clause_places,
    diplomatic_participants,
    event_label,
    modifier_of,
    named_before,
    orgs_near,
    people_with_roles,
    places_near,
    standing,
)
from briefings.event_dates import solve
from briefings.event_kinds import ANY_KIND, BY_KIND, CAUSES, CONSEQUENCES, KINDS, LAUNCH_OBJECTS, EventKind, find_offences, unique
from briefings.event_types import DateEvidence, EventCandidate, EventPlace, NamedPerson
from briefings.event_within import merge_into, propagate_simultaneous, tie_quotes
from briefings.person_types import ExtractedMention
from briefings.quotes import find_quotes

CLAUSE_BREAK = re.compile(
    r";|,\s*(?:as|while|after|following|adding|saying|when|which|amid)\b|\s(?:following|amid)\s|\s(?:as|while)\s(?=(?:[A-Z]|the\s|their\s|his\s|her\s|speculation))"
)
DEFINITE = re.compile(
    r"\b(?:the|their|this|that|his|her|its|last\s+\w+['’]s|[A-Z][\w-]*['’]s)\s+(?:(?!(?:for|to|in|at|on|with|of|from|by|after|before)\b)[\w-]+\s+){0,3}$",
    re.I,
)
DECISION_TO = re.compile(r"\b(?:the|their|this|that)\s+(?:decision|plan|agreement|choice|move|invitation)\s+to\s+$", re.I)


# --- per article -------------------------------------------------------------------------------------


def article_anchor(article: ParsedArticle) -> PartialDate | None:
    """The date relative expressions are read against: the story's own date, never a republish date."""
    if article.published.date and article.published.confidence != "none":
        return article.published.date
    return article.dateline_date


def extract_events(article: ParsedArticle, body: list[Doc], captions: list[Doc], extraction: dict) -> list[EventCandidate]:
    """Candidate events of one article, merged within the article (`extraction`: its people's mentions and quotes)."""
    anchor = article_anchor(article)
    mentions = extraction.get("mentions", [])
    known = unique([m.person for m in mentions if " " in m.person])
    events: list[EventCandidate] = []
    for kind_of_text, docs in (("body", body), ("caption", captions)):
        for para, doc in enumerate(docs):
            people_here = _named_in(mentions, kind_of_text, para)
            masked_para = _mask_quotes(doc.text)
            for sent in doc.sents:
                masked = masked_para[sent.start_char : sent.end_char]
                for cand in _candidates(sent, masked, para, kind_of_text, people_here, anchor, known):
                    merge_into(events, cand)
    propagate_simultaneous(events)
    tie_quotes(events, extraction.get("quotes", []))
    headline = _mask_quotes(article.headline or "")
    lead = [p.person for p in _named_in(mentions, "body", 0) if not p.in_quote]
    for event in events:
        event.salience = _salience(event, headline)
        if BY_KIND[event.kind].news and event.salience >= 3:
            _fill_from_headline_and_dateline(event, article, headline, lead)
    return [e for e in events if _worth_keeping(e)]


def _named_in(mentions: list[ExtractedMention], where: str, para: int) -> list[NamedPerson]:
    """The people one paragraph (of the body or the captions) names, from the article's mentions."""
    return [NamedPerson(m.person, m.start, m.end, m.subject, m.in_quote) for m in mentions if m.kind == where and m.para == para]


def _fill_from_headline_and_dateline(event: EventCandidate, article: ParsedArticle, headline: str, lead: list[str]) -> None:
    """The article's main event with nobody or nowhere of its own: the lead's people the headline names, the dateline's place."""
    if not event.participants:
        named = [p for p in unique(lead) if p.split()[-1].lower() in headline.lower()]
        event.participants = named[:2]
        patient = BY_KIND[event.kind].patient
        event.roles = {p: patient for p in named[:2] if patient}
    if not event.places and article.dateline_place:
        # Only where the text names no place: a dateline may be where the reporter is, not where it happened.
        place = re.sub(r",.*", "", article.dateline_place).strip().title()
        event.places = [EventPlace(place, "GPE", False, rank=4)]


def _salience(event: EventCandidate, headline: str) -> float:
    """How much the article is about this event: its headline and lead report it, it comes back, it is no aside.

    The headline counts only for the article's first event of that kind, the one its lead reports.
    """
    etype = BY_KIND[event.kind]
    score = 0.0
    if event.first_of_kind and any(BY_KIND[k].pattern.search(headline) for k in [event.kind, *event.also]):
        score += 3
    lead = min(event.paras, default=99)
    score += 2 if lead == 0 else 1 if lead <= 2 else 0
    score += 0.5 * min(len(event.paras), 4)
    if event.background:
        score -= 2
    if event.future:
        score -= 1
    return score - (0 if etype.news or event.participants else 0.5)


def _worth_keeping(event: EventCandidate) -> bool:
    """A diplomatic event needs someone who took part (a launch or session: a place or date); a news event any argument or a lead."""
    real_dates = event.real_dates()
    if BY_KIND[event.kind].news:
        if event.background and event.salience < 3:
            return False  # `since the 2004 quake`: an aside
        return bool(event.participants or event.places or real_dates or event.salience >= 2.5)
    if event.participants:
        return True
    if event.kind in ("launch", "session", "vote"):
        return bool(event.places or event.actors or real_dates)
    return bool(event.places and event.orgs) or event.salience >= 5


def _clauses(text: str) -> list[tuple[int, int]]:
    cuts = [0] + [m.start() for m in CLAUSE_BREAK.finditer(text)] + [len(text)]
    return [(a, b) for a, b in itertools.pairwise(cuts) if b > a]


def _mask_quotes(text: str) -> str:
    """The text with quoted words blanked out: what someone said is not what happened."""
    out = list(text)
    for a, b, _closed in find_quotes(text):
        for i in range(a, b):
            out[i] = " "
    return "".join(out)


SAID_BEFORE = re.compile(r"\b(?:said|says|told|announced|added|reported|stated)\s+(?:on\s+|late\s+|early\s+)?$", re.I)


def _triggers(clause: str) -> list[tuple[str, re.Match, Standing]]:
    """Every event word in a clause, left to right, without overlaps, with how it stands (news or background).

    Possibilities (`ready to vote`, `a request for an interview`) are left out; so is what happened to
    people (`killing 12`, `injured`) in a clause that names the quake, attack or crash that caused it.
    """
    hits: list[tuple[str, re.Match, Standing]] = []
    if not ANY_KIND.search(clause):
        return hits
    for kind, pattern in KINDS:
        for m in pattern.finditer(clause):
            if kind == "launch" and not LAUNCH_OBJECTS.search(clause[max(0, m.start() - 40) : m.end() + 60]):
                continue  # `the launch of the Yoon government` is not a launch
            how = standing(clause, m.start(), BY_KIND[kind])
            if how == "hypothetical":
                continue
            if all(m.end() <= o.start() or m.start() >= o.end() for _, o, _ in hits):
                hits.append((kind, m, how))
    if any(BY_KIND[k].family in CAUSES for k, _, _ in hits):
        hits = [h for h in hits if h[0] not in CONSEQUENCES]
    if any(BY_KIND[k].family == "disaster" for k, _, _ in hits):
        hits = [h for h in hits if h[0] != "collapse"]  # `a quake struck, collapsing houses`: the quake's doing
    hits.sort(key=lambda h: h[1].start())
    # `Floods unleashed by Storm Daniel swept through Derna`: one clause, one disaster (the first named).
    first = {}
    for kind, _m, _ in hits:
        first.setdefault(BY_KIND[kind].family, kind)
    return [h for h in hits if BY_KIND[h[0]].family not in ("disaster", "accident") or first[BY_KIND[h[0]].family] == h[0]]


def _consequences(clause: str) -> list[str]:
    """What a disaster, attack or crash did to people, as the kinds to find it by (`death` for `killing 14`)."""
    return sorted(kind for kind in CONSEQUENCES if BY_KIND[kind].pattern.search(clause))


def _consistent(dates: list[DateRange]) -> list[DateRange]:
    """One event's date phrases, without a phrase read twice (`last Oct. 23`) and, if they still disagree, the explicit ones."""
    dates = [d for d in dates if not any(o is not d and _overlaps(o, d) and _firmer(o, d) for o in dates)]
    if len(dates) <= 1 or solve(dates)[0] is not None:
        return dates
    explicit = [d for d in dates if re.search(r"\d", d.text)]
    if explicit and solve(explicit)[0] is not None:
        return explicit
    return []  # `failed attempts in May and August`: several events, no one date


def _overlaps(a: DateRange, b: DateRange) -> bool:
    return a.pos < b.pos + len(b.text) and b.pos < a.pos + len(a.text)


def _firmer(a: DateRange, b: DateRange) -> bool:
    """Of two readings of the same words, the one with a day number, then the longer, then the first."""
    key = lambda d: (bool(re.search(r"\d", d.text)), len(d.text), -d.pos)  # noqa: E731
    return key(a) > key(b)


def _candidates(
    sent, masked: str, para: int, where: str, people_here: list[NamedPerson], anchor: PartialDate | None, known: list[str]
) -> list[EventCandidate]:
    """Event candidates of one sentence (quotes already blanked out in `masked`)."""
    offset = sent.start_char
    found: list[EventCandidate] = []
    for c_start, c_end in _clauses(masked):
        clause = masked[c_start:c_end]
        triggers = _triggers(clause)
        if not triggers:
            continue
        here = [
            replace(p, start=p.start - offset, end=p.end - offset)
            for p in people_here
            if offset + c_start <= p.start < offset + c_end and not p.in_quote
        ]
        # `testing since 2022`: a bound of a span dates no event.
        dates = [d for d in resolve_when(clause, anchor) if d.pos >= 0 and not d.bound]
        # A news event named only as a circumstance (`who is serving a prison sentence in Tehran`) claims no place or date.
        aside = [how == "background" and BY_KIND[kind].news for kind, _, how in triggers]
        spans = (
            [c_start + m.start() if not a else -(10**6) for (_, m, _), a in zip(triggers, aside, strict=True)],
            [c_start + m.end() if not a else -(10**6) for (_, m, _), a in zip(triggers, aside, strict=True)],
        )
        for n, (kind, m, how) in enumerate(triggers):
            clause_at = _ClauseAt(sent, masked, c_start, c_end, n, spans, here, known, BY_KIND[kind].news)
            cand = _candidate(clause_at, kind, m, dates, anchor, para, where, people_here)
            cand.background = how == "background"
            found.append(cand)
    if any(BY_KIND[c.kind].family in CAUSES for c in found):
        # `after Friday's earthquake, which has killed 2,000`: the deaths are the quake's, not an event of their own.
        found = [c for c in found if c.kind not in CONSEQUENCES or c.participants]
    _share_linked_dates(found, masked)
    _share_places(found)
    _share_subjects(found, masked)
    # `X said ... , as Y held a meeting`: clauses joined by `as` happened at the same time.
    joint = re.search(r",\s*as\s|\sas\s+(?=[A-Z]|the\s|their\s|his\s|her\s)", masked)
    if joint:
        for a in found:
            for b in found:
                if a is not b and (a.pos < joint.start()) != (b.pos < joint.start()):
                    b.simultaneous.append(a.kind)
    return found


def _share_subjects(found: list[EventCandidate], text: str) -> None:
    """`Reyes was convicted in 2019 and was released two years ago`: a coordinated verb has its neighbour's subject."""
    for prev, cand in itertools.pairwise(found):
        etype = BY_KIND[cand.kind]
        if cand.participants or not etype.news or not etype.patient or not prev.participants:
            continue
        between = text[prev.pos + len(prev.trigger) : cand.pos]
        if len(between) <= 60 and AND_THEN.search(between) and not re.search(r"[.;]", between):
            cand.participants = list(prev.participants)
            cand.roles = {p: etype.patient for p in prev.participants}


def _share_places(found: list[EventCandidate]) -> None:
    """`announced her resignation, telling a press conference at Bute House in Edinburgh`: one sentence, one place."""
    placed = [p for c in found if not c.background for p in c.places]
    for cand in found:
        if not cand.places and BY_KIND[cand.kind].news and not cand.background and placed:
            cand.places = [replace(p) for p in placed]


@dataclass
class _ClauseAt:
    """One trigger's clause: the sentence, its masked text, the clause bounds, every trigger's span, the people in it."""

    sent: Span
    masked: str
    lo: int
    hi: int
    n: int
    spans: tuple[list[int], list[int]]
    here: list[NamedPerson]  # offsets in the sentence
    known: list[str]  # everyone the article names, in full
    news: bool = False  # the trigger is of a news kind (a quake, an arrest), not a diplomatic one

    def mine(self, pos: int) -> bool:
        """Whether a date or place at `pos` belongs to this clause's trigger `n` (what is near no trigger, to the first)."""
        nearest = _nearest(pos, *self.spans)
        first = next((i for i, lo in enumerate(self.spans[0]) if lo >= 0), -1)
        return nearest == self.n or (nearest == -1 and self.n == first and self.news)


def _candidate(
    c: _ClauseAt, kind: EventKind, m: re.Match, dates: list[DateRange], anchor, para: int, where: str, people_here: list[NamedPerson]
) -> EventCandidate:
    """One event candidate: the trigger with its participants, places and date evidence."""
    text, clause = c.sent.text, c.masked[c.lo : c.hi]
    t_lo, t_hi = c.lo + m.start(), c.lo + m.end()
    names, roles, places = _arguments(c, kind, t_lo, t_hi, people_here)
    eventful, mine = _own_dates(c, clause, dates, kind)
    future = bool(FUTURE_EVENT.search(clause[max(0, m.start() - 80) : m.start()]) or re.search(r"\bto\s+$", clause[: m.start()]))
    evidence = [DateEvidence.of(d) for d in mine]
    if not evidence and where == "body" and para <= 2 and not future and anchor and anchor.day:
        evidence = [DateEvidence.article_date(anchor)]
    definite = bool(DEFINITE.search(clause[: m.start()]) or DECISION_TO.search(clause[: m.start()]))
    in_body = where == "body"
    return EventCandidate(
        kind=kind,
        trigger=m.group(0),
        label=kind if BY_KIND[kind].news else event_label(c.sent, t_lo, t_hi, m.group(0)),
        modifier=modifier_of(m.group(0)),
        participants=unique(names),
        roles=roles,
        places=places,
        orgs=orgs_near(c.sent, t_lo, t_hi, c.lo, c.hi),
        objects=_objects(c, kind, m, clause),
        actors=actors_before(c.sent, t_lo, c.lo, kind) if kind in ("launch", "vote", "test") else [],
        dates=evidence,
        context=[DateEvidence.of(d) for d in eventful if d not in mine],
        paras=[para] if in_body else [],
        sentences=[text.strip()] if in_body else [],
        # A sentence whose main clause is this event reports it; elsewhere it is background.
        main_sentences=[text.strip()] if in_body and c.lo == 0 and t_lo <= 60 else [],
        caption=where == "caption",
        refers_back=definite and not names,
        definite=definite,
        future=future,
        simultaneous=[],
        sentence_id=f"{where}:{para}:{c.sent.start}",
        pos=t_lo,
    )


def _arguments(
    c: _ClauseAt, kind: EventKind, t_lo: int, t_hi: int, people_here: list[NamedPerson]
) -> tuple[list[str], dict[str, str], list[EventPlace]]:
    """Who took part (with their roles, for news) and where, as the clause ties them to this trigger."""
    etype = BY_KIND[kind]
    roles: dict[str, str] = {}
    if etype.news:
        roles = people_with_roles(c.masked, c.lo, c.hi, t_lo, t_hi, c.here, etype)
        if not roles and etype.patient and (name := named_before(c.masked, c.lo, t_lo, c.known)):
            roles = {name: etype.patient}
        names = list(roles)
        places = [p for pos, p in clause_places(c.sent, c.lo, c.hi) if c.mine(pos)]
    else:
        names = diplomatic_participants(c.masked, c.lo, c.hi, t_lo, t_hi, c.here, kind)
        places = [p for pos, p in places_near(c.sent, t_lo, t_hi, c.lo, c.hi, kind) if c.mine(pos)]
        if kind == "visit":
            names, places = _visit_arguments(c, t_lo, t_hi, names, places)
    if c.n == 0 and c.lo == 0 and re.match(r"^\s*(?:speaking|talking|answering)\b", c.sent.text, re.I):
        # `Speaking at a news conference ..., Blinken said`: the speaker is the main clause's subject.
        offset = c.sent.start_char
        subject = next((p.person for p in people_here if p.subject and not p.in_quote and p.start >= offset), None)
        names += [subject] if subject and subject not in names else []
    return names, roles, places


def _own_dates(c: _ClauseAt, clause: str, dates: list[DateRange], kind: EventKind) -> tuple[list[DateRange], list[DateRange]]:
    """The clause's dates that date an event (not the saying of it), and of those the ones that date this trigger's."""
    eventful = [d for d in dates if _dates_event(clause, d, kind)]
    mine = _consistent([d for d in eventful if c.mine(c.lo + d.pos)])
    if not mine and BY_KIND[kind].news:
        # `X has resigned, leaders announced late Monday`: the news has no other day than its announcement's.
        said = [d for d in dates if d not in eventful and SAID_BEFORE.search(clause[: d.pos]) and c.mine(c.lo + d.pos)]
        mine = _consistent(said[:1])
    return eventful, mine


def _objects(c: _ClauseAt, kind: EventKind, m: re.Match, clause: str) -> list[str]:
    """What the event concerned, as words to find it by: a launch's rocket; a news event's offences, tolls, organisations."""
    etype = BY_KIND[kind]
    objects = [o.lower() for o in LAUNCH_OBJECTS.findall(clause[max(0, m.start() - 40) : m.end() + 60])] if kind == "launch" else []
    if etype.news:
        objects += find_offences(clause) + _consequences(clause)
        # `rammed the bridge, causing it to collapse`: one accident, found by either word.
        objects += [k for k, p in KINDS if k != kind and BY_KIND[k].family == etype.family and etype.family in CAUSES and p.search(clause)]
        objects += [e.text for e in c.sent.ents if e.label_ in ("ORG", "FAC", "NORP") and c.lo <= e.start_char - c.sent.start_char < c.hi]
    return unique(objects)


AND_THEN = re.compile(r"\band\s+(?:then\s+|later\s+)?(?:(?:was|were|is|are|has\s+been|had\s+been)\s+)?(?:[\w-]+ly\s+)?$", re.I)
DESTINATION = re.compile(r"\s+((?-i:[A-Z])[\w'’-]*(?:\s+(?-i:[A-Z])[\w'’-]*){0,3})", re.I)
WHERE_BEFORE = re.compile(r"((?-i:[A-Z])[\w'’-]*(?:\s+(?-i:[A-Z])[\w'’-]*){0,3}),\s+where\s+(?:[\w'’]+\s+){0,3}$", re.I)
PRONOUN_BEFORE = re.compile(r"\b(?:he|she|they)\s+(?:[\w'’]+\s+){0,2}$|^\s*(?:and\s+)?(?:then\s+)?$", re.I)


def _visit_arguments(c: _ClauseAt, t_lo: int, t_hi: int, names: list[str], places: list[EventPlace]) -> tuple[list[str], list[EventPlace]]:
    """`flying to Komsomolsk-on-Amur, where he will visit an aircraft plant, and then go to Vladivostok`: each stop, its visitor."""
    text = c.masked
    verb = re.fullmatch(r"(?:visit(?:s|ed|ing)?|\S.*\sto)", text[t_lo:t_hi], re.I)
    dest = DESTINATION.match(text[t_hi : c.hi]) if verb else None
    if dest and any(" " in p.person and p.start == t_hi + dest.start(1) for p in c.here):
        dest = None  # `visited President Biden`: a person, not a place
    if dest and resolve_when(dest.group(1), None):
        dest = None  # `a visit Monday`: a day, not a place
    where = WHERE_BEFORE.search(text[c.lo : t_lo])
    found = dest.group(1) if dest else where.group(1) if where else None
    if found and all(found.lower() != p.name.lower() for p in places):
        places = [EventPlace(found, "GPE", False), *places]
    # `he will visit`, `flying to ...`, `and then go to ...`: the visitor is the last person named before.
    gap_start = max([c.lo] + [e for e in c.spans[1] if e <= t_lo])
    if not names and PRONOUN_BEFORE.search(text[gap_start:t_lo]) and (before := [p for p in c.here if p.end <= t_lo]):
        names = [before[-1].person]
    return names, places


FUTURE_EVENT = re.compile(
    r"\b(will|would|is due to|are due to|plans? to|is set to|vowed to conduct|readying|attempt|trying to|preparing to|to be joined)\b", re.I
)


def _share_linked_dates(found: list[EventCandidate], text: str) -> None:
    """`visit Seoul later this week for annual talks`, `met during the General Assembly in September`: one occasion, one date."""
    for a, b in itertools.pairwise(found):
        between = text[a.pos + len(a.trigger) : b.pos]
        if len(between) > 70 or not re.search(r"\b(?:for|during|at|after|on the sidelines of|ahead of)\b", between):
            continue
        real_a, real_b = a.real_dates(), b.real_dates()
        # A definite mention (`mentioning the summit during a meeting`) names an earlier occasion: it takes no date.
        if real_a and not real_b and not b.definite:
            b.dates = list(real_a)
        elif real_b and not real_a and not a.definite:
            a.dates = list(real_b)


def _nearest(pos: int, starts: list[int], ends: list[int]) -> int:
    """The event word a date or place belongs to: the closest, looking back freely and ahead only a little.

    `on Thursday expressed concern over a meeting` gives the day of expressing, not of meeting.
    """
    best, best_distance = -1, 10**9
    for i, (lo, hi) in enumerate(zip(starts, ends, strict=True)):
        distance = pos - hi if pos >= hi else (lo - pos) * 2 if lo - pos <= 30 else 10**9
        if pos >= lo and pos < hi:
            distance = 0
        if distance < best_distance:
            best, best_distance = i, distance
    return best


UPDATE_BEFORE = re.compile(
    r"\b(?:rose|risen|climbed|reached|jumped|increased|stood|stands|hit)\s+(?:to\s+|at\s+)?(?:[\w,.]+\s+){1,4}(?:on\s+|by\s+)?$", re.I
)


def _dates_event(clause: str, d: DateRange, kind: str) -> bool:
    """Whether a date in the clause dates the event, not the saying of it or a later count.

    `the agency said on Thursday that ... during their meeting` is the day of saying; `the death toll
    from the wildfires rose to 55 on Thursday` is the day of counting.
    """
    if UPDATE_BEFORE.search(clause[: d.pos]):
        return False
    return kind in ("press conference", "briefing", "interview") or not SAID_BEFORE.search(clause[: d.pos])
