"""Answering `who` and `event` questions from the people and events in the index.

Both lookups say `found` only when the corpus supports one answer; otherwise `ambiguous`
with a ranked list, or `not_found` with suggestions. Names go through the fuzzy
`NameIndex` (typos, romanisations, word order, titles). Event queries are read word by
word: every word must be accounted for by a participant, a place, a kind or keyword of
the event, or its date; `Paris` matches no event's place, so it is not found.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from briefings.dates import MONTH_RE, PartialDate, find_explicit_dates, month_number
from briefings.event_kinds import BY_KIND, OFFENCE_WORDS, asked_words
from briefings.fuzzy import NameIndex
from briefings.models import Candidate, Event, Match, Person
from briefings.name_forms import name_key, query_titles
from briefings.query import clean_query

STOPWORDS = {
    "the", "a", "an", "in", "at", "on", "of", "to", "and", "with", "what", "happened", "happen", "event", "events",
    "about", "for", "between", "did", "was", "is", "were", "where", "when", "who", "tell", "me", "show", "any",
}  # fmt: skip
_DIPLOMATIC_SYNONYMS = {
    "summit": {"summit"}, "meeting": {"meeting", "talks", "summit"}, "talks": {"talks", "meeting"},
    "press": {"press conference", "briefing"}, "conference": {"press conference"}, "briefing": {"briefing", "press conference"},
    "interview": {"interview"}, "visit": {"visit"}, "trip": {"visit"}, "launch": {"launch"}, "session": {"session", "vote"}, "vote": {"vote"},
}  # fmt: skip


def _kind_synonyms() -> dict[str, set[str]]:
    """Each word a query may name a kind with (`quake`, `sacked`, `talks`) -> the kinds it means."""
    out = {word: set(kinds) for word, kinds in _DIPLOMATIC_SYNONYMS.items()}
    for word, kinds in asked_words().items():
        out.setdefault(word, set()).update(kinds)
    return out


KIND_SYNONYMS = _kind_synonyms()
KIND_WORDS_ALL = set(BY_KIND)
GIVEN_NAME_HONORIFICS = {"sir", "dame", "lord", "lady"}
QUESTION = re.compile(r"^\s*(?:who\s+is|who's|whos|who\s+was|tell\s+me\s+about)\s+", re.I)
DOMINANCE = 2.0  # a place or keyword query names one event when it outweighs the next by this much


def person_weight(person: Person) -> float:
    """How much the corpus says about a person: ranks ambiguous candidates."""
    return person.mentions + 3 * len(person.quotes) + 2 * len(person.articles) + len(person.roles)


def event_weight(event: Event) -> float:
    """How much the corpus says about an event: sources first, then quotes and people."""
    return 3 * len(event.articles) + len(event.quotes) + len(event.participants) + (1 if event.date else 0) + 2 * max(event.salience, 0)


@dataclass
class _EventDoc:
    event: Event
    words: set[str]
    places: set[str]
    kinds: set[str]
    text: str


class Lookup:
    """In-memory lookups over the people and events loaded from the database (no NLP)."""

    def __init__(self, people: list[Person], events: list[Event]) -> None:
        self.people = {p.id: p for p in people}
        self.events = {e.id: e for e in events}
        weights = {p.id: person_weight(p) for p in people}
        self.names = NameIndex((p.id, alias, weights[p.id]) for p in people for alias in {p.name, *p.aliases})
        self._docs = [self._doc(e) for e in events]

    # --- people ----------------------------------------------------------------------------

    def who(self, query: str) -> Match:
        """A person by name, forgiving but honest."""
        text = QUESTION.sub("", clean_query(query)).strip(" ?")
        if not name_key(text):
            return Match(query=query, status="empty", message="Type a name, for example: Kirby")
        search = self.names.search(text, limit=8)
        candidates = [self._person_candidate(h.key, h.score) for h in search.hits if h.key in self.people]
        if search.status in ("found", "ambiguous") and len(candidates) == 1:
            person = self.people[candidates[0].id]
            if not _title_fits(text, person):
                return Match(query=query, status="not_found", candidates=candidates[:1], message="Nobody by that name is in the articles.")
            return Match(query=query, status="found", person=person)
        if search.status == "ambiguous":
            return Match(query=query, status="ambiguous", candidates=candidates, message=f"{len(candidates)} people match; which one?")
        return Match(query=query, status="not_found", candidates=candidates[:5], message="Nobody by that name is in the articles.")

    def _person_candidate(self, key: int, score: float) -> Candidate:
        person = self.people[key]
        return Candidate(person.id, person.name, person.role.label() if person.role else None, score)

    # --- events -------------------------------------------------------------------------------

    def event(self, query: str) -> Match:
        """An event by place, kind or keyword, participant, or date."""
        text = clean_query(query)
        words = [w for w in _words(text) if w not in STOPWORDS]
        if not words:
            return Match(query=query, status="empty", message="Type a place, a keyword, a name or a date, for example: Jakarta")
        when, words = _date_in(text, words)
        people, words, unknown_names = self._people_in(words)
        matches: list[tuple[float, Event]] = []
        for doc in self._docs:
            quality = self._fits(doc, words, people, when)
            if quality is not None:
                matches.append((quality, doc.event))
        if not matches or unknown_names:
            return Match(query=query, status="not_found", candidates=self._suggest(text), message=_not_found_message(unknown_names))
        matches.sort(key=lambda m: (-m[0], -event_weight(m[1]), m[1].date or ""))
        best_quality = matches[0][0]
        top = [e for q, e in matches if q >= best_quality - 1e-9]
        top.sort(key=lambda e: -event_weight(e))
        others = [e for _, e in matches if e not in top]
        ranked = top + others
        dominant = (
            len(top) == 1
            or (when is None and event_weight(top[0]) >= DOMINANCE * event_weight(top[1]))
            or (when is None and _one_story(top))
        )
        if dominant:
            return Match(query=query, status="found", event=top[0], candidates=[self._event_candidate(e, 0) for e in ranked[1:6]])
        return Match(
            query=query,
            status="ambiguous",
            candidates=[self._event_candidate(e, 100 * q) for q, e in sorted(matches, key=lambda m: (-m[0], -event_weight(m[1])))][:10],
            message=f"{len(matches)} events match; which one?",
        )

    def _event_candidate(self, event: Event, score: float) -> Candidate:
        detail = " · ".join(x for x in (event.date_text if event.date else None, event.place) if x)
        return Candidate(event.id, event.title, detail or None, score)

    def _people_in(self, words: list[str]) -> tuple[list[set[int]], list[str], list[str]]:
        """Query words that name people (each a set of person ids it may mean), and the rest.

        Two adjacent words that make one name (`Kim Gunn`, `Sung Kim`) are read as that name first.
        """
        people: list[set[int]] = []
        rest: list[str] = []
        unknown: list[str] = []
        i = 0
        while i < len(words):
            if i + 1 < len(words):
                pair = self.names.search(f"{words[i]} {words[i + 1]}")
                # `Al Haouz`, a province the model once took for a person, is a place where an event's place names it.
                place_pair = self._is_place_or_kind(words[i]) and self._is_place_or_kind(words[i + 1])
                if pair.status == "found" and pair.hits[0].tier in ("exact", "tokens", "romanisation") and not place_pair:
                    people.append({pair.hits[0].key})
                    i += 2
                    continue
            word = words[i]
            search = self.names.search(word)
            if search.status == "found" and not self._is_place_or_kind(word):
                people.append({search.hits[0].key})
            elif search.status == "ambiguous" and not self._is_place_or_kind(word):
                people.append({h.key for h in search.hits})
            else:
                rest.append(word)
            i += 1
        return people, rest, unknown

    def _is_place_or_kind(self, word: str) -> bool:
        return any(word in d.places or word in d.kinds for d in self._docs)

    def _fits(self, doc: _EventDoc, words: list[str], people: list[set[int]], when: PartialDate | None) -> float | None:
        """How well an event answers the query (1.0 = every word), or None if some word does not fit."""
        ids = {p.person_id for p in doc.event.participants}
        if any(not (group & ids) for group in people):
            return None
        if when is not None and not _same_date(doc.event.date, when):
            return None
        score = 0.0
        for word in words:
            if word in doc.places:
                score += 1.2
            elif word in doc.kinds or word in doc.words:
                score += 1.0
            elif len(word) >= 5 and (best := process.extractOne(word, doc.words | doc.places, scorer=fuzz.ratio, score_cutoff=84)):
                score += 0.8 * best[1] / 100
            elif _demonym(word, doc.words):
                score += 0.8  # `Haiti` for an event the articles call `Haitian`
            else:
                return None
        total = len(words) + len(people) + (when is not None)
        return (score + len(people) + (when is not None)) / max(total, 1)

    def _suggest(self, text: str) -> list[Candidate]:
        scored = [(fuzz.partial_token_set_ratio(text.lower(), d.text), d.event) for d in self._docs]
        scored = [(s, e) for s, e in scored if s >= 60]
        scored.sort(key=lambda x: (-x[0], -event_weight(x[1])))
        if not scored:
            scored = sorted(((0.0, d.event) for d in self._docs), key=lambda x: -event_weight(x[1]))
        return [self._event_candidate(e, s) for s, e in scored[:3]]

    def _doc(self, event: Event) -> _EventDoc:
        places = set(_words(event.place or ""))
        own = {event.kind, *(k for k in event.keywords if k in KIND_WORDS_ALL)}
        kinds = {w for k in own for w in k.split()} | {word for word, synonyms in KIND_SYNONYMS.items() if own & synonyms}
        words = set(_words(event.title)) | set(_words(" ".join(event.keywords)))
        words |= {w for offence, forms in OFFENCE_WORDS.items() if offence in event.keywords for w in forms}
        # A quake `killing 14` is found by `killed`, `deaths`, `died`.
        words |= {w for k in event.keywords if k in BY_KIND and k != event.kind for w in BY_KIND[k].asked_as}
        for p in event.participants:
            words |= set(_words(p.name))
        text = " ".join([event.title, event.place or "", " ".join(event.keywords), " ".join(p.name for p in event.participants)]).lower()
        return _EventDoc(event, words - STOPWORDS, places - STOPWORDS, kinds, text)


def _title_fits(text: str, person: Person) -> bool:
    """A title before a given name must be this person's (`Prince Faisal` is no banker called Faisal Nasser).

    Before a family name any title goes (`President Clinton`, `Mr. Kirby`): writers vary titles, not surnames.
    `Mr.`, `Dr.` go with family names only; `Sir`, `Dame` with given names.
    """
    titles, words, name = query_titles(text), name_key(text).split(), name_key(person.name).split()
    given_only = len(words) < len(name) and words == name[: len(words)] and words != name[-len(words) :]
    if not titles or not given_only:
        return True
    if set(titles) <= GIVEN_NAME_HONORIFICS:
        return True
    held = {w for r in person.roles for w in _words(r.label())} | {w for a in person.aliases for w in _words(a)}
    return bool(set(titles) & held)


DEMONYM_ENDINGS = {"n", "an", "ian", "ean", "ese", "i", "ish", "ns", "ans", "ians"}


def _demonym(place: str, words: set[str]) -> bool:
    """Whether the words hold the people or adjective of a place (`haitian`, `moroccan`, `nepali` for the country)."""
    if len(place) < 4:
        return False
    for word in words:
        stem = place if word.startswith(place) else place[:-1]
        if len(stem) >= 4 and word.startswith(stem) and word[len(stem) :] in DEMONYM_ENDINGS:
            return True
    return False


def _one_story(events: list[Event]) -> bool:
    """Whether the events are parts of one story (`arrested` and then `charged`), the first its main event.

    Every other event is reported only by articles that report the first, and ranks no higher.
    """
    first, rest = events[0], events[1:]
    ids = {a.id for a in first.articles}
    return all({a.id for a in e.articles} <= ids and e.salience <= first.salience for e in rest)


def _words(text: str) -> list[str]:
    return [w.strip(".-'’").replace("’", "'") for w in re.split(r"[^\w'’.-]+", text.lower()) if w.strip(".-'’")]


def _date_in(text: str, words: list[str]) -> tuple[PartialDate | None, list[str]]:
    """A date in the query (`Oct 17`, `September 2023`, `2023-10-17`) and the words left."""
    dates = find_explicit_dates(text)
    used: set[str] = set()
    when = None
    if dates:
        start, end, when = dates[0]
        used = set(_words(text[start:end]))
    else:
        m = re.search(rf"\b({MONTH_RE})\b", text, re.I)
        if m and month_number(m.group(1)) and (len(m.group(1)) > 3 or m.group(1).endswith(".")) and m.group(1).lower() != "may":
            when = PartialDate(None, month_number(m.group(1)))
            used = set(_words(m.group(0)))
        elif m2 := re.fullmatch(r"\s*((?:19|20)\d\d)\s*", text):
            when = PartialDate(int(m2.group(1)), None)
            used = {m2.group(1)}
    return when, [w for w in words if w not in used and w.rstrip(",") not in used]


def _same_date(event_date: str | None, when: PartialDate) -> bool:
    d = PartialDate.from_iso(event_date)
    if d is None:
        return False
    if when.year is not None and d.year is not None and when.year != d.year:
        return False
    if when.year is not None and d.year is None:
        return False
    if when.month is not None and d.month != when.month:
        return False
    return when.day is None or d.day == when.day


def _not_found_message(unknown: list[str]) -> str:
    return "No event in the articles matches that." if not unknown else f"Nobody called {', '.join(unknown)} is in the articles."
