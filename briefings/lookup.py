"""Answering `who` and `event` questions from the people and events in the index.

Both lookups say `found` only when the corpus supports one answer; otherwise `ambiguous`
with a ranked list, or `not_found` with suggestions. Names go through the fuzzy
`NameIndex` (typos, romanisations, word order, titles). Event queries are read word by
word: every word must be accounted for by a participant, a place, a kind or keyword of
the event, or its date; `Paris` matches no event's place, so it is not found.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np

from briefings.dates import MONTH_RE, PartialDate, find_explicit_dates, month_number
from briefings.event_index import STOPWORDS, EventIndex, words_of
from briefings.fuzzy import NameIndex
from briefings.models import Candidate, Event, Match, Person
from briefings.name_forms import name_key, query_titles
from briefings.query import clean_query

GIVEN_NAME_HONORIFICS = {"sir", "dame", "lord", "lady"}
QUESTION = re.compile(r"^\s*(?:who\s+is|who's|whos|who\s+was|tell\s+me\s+about)\s+", re.I)
UPDATING = "The index is being updated; ask again in a moment."
DOMINANCE = 2.0  # a place or keyword query names one event when it outweighs the next by this much


def person_weight(person: Person) -> float:
    """How much the corpus says about a person: ranks ambiguous candidates."""
    return person.mentions + 3 * len(person.quotes) + 2 * len(person.articles) + len(person.roles)


class Source(Protocol):
    """Where the full people and events behind the index are read (the database, cached)."""

    def person(self, person_id: int) -> Person | None: ...

    def event_by_id(self, event_id: int) -> Event | None: ...


@dataclass
class PersonNames:
    """Each person's id, name and first role: what a choice between people shows."""

    ids: np.ndarray  # int64, ascending
    names: list[str]
    roles: list[str | None]
    art_idx: np.ndarray  # the articles each person is in or quoted from, as positions in art_vocab
    art_own: np.ndarray  # the person's position, ascending
    art_vocab: list[str]
    position: dict[int, int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.position = {pid: i for i, pid in enumerate(self.ids.tolist())}

    @classmethod
    def of(cls, people: Sequence[Person]) -> PersonNames:
        """The names of these people (in id order)."""
        people = sorted(people, key=lambda p: p.id)
        vocab: dict[str, int] = {}
        pairs = [(vocab.setdefault(a, len(vocab)), i) for i, p in enumerate(people) for a in sorted(articles_of(p))]
        return cls(
            np.array([p.id for p in people], dtype=np.int64),
            [p.name for p in people],
            [p.role.label() if p.role else None for p in people],
            np.array([a for a, _ in pairs], dtype=np.int32),
            np.array([i for _, i in pairs], dtype=np.int32),
            list(vocab),
        )

    def in_articles(self, article_ids: Iterable[str]) -> list[int]:
        """The ids of the people in any of these articles (named there, or quoted from it), ascending."""
        where = {a: i for i, a in enumerate(self.art_vocab)}
        wanted = np.array([where[a] for a in article_ids if a in where], dtype=np.int32)
        owners = np.unique(self.art_own[np.isin(self.art_idx, wanted)])
        return self.ids[owners].tolist()


def articles_of(person: Person) -> set[str]:
    """The ids of the articles a person is in: those that name them and those their quotes come from."""
    return {a.id for a in person.articles} | {s.id for q in (*person.quotes, *person.reported) for s in q.sources}


def name_index(people: Sequence[Person]) -> NameIndex:
    """The fuzzy name index over everyone's name and aliases, weighted by how much the corpus says about each."""
    return NameIndex((p.id, alias, person_weight(p)) for p in people for alias in {p.name, *p.aliases})


class Lookup:
    """Lookups over the name index, the people's names and the event index (no NLP); full answers are read from `source`."""

    def __init__(self, names: NameIndex, people: PersonNames, events: EventIndex, source: Source) -> None:
        self.names = names
        self.people = people
        self.events = events
        self.source = source

    @classmethod
    def of(cls, people: Sequence[Person], events: Sequence[Event], source: Source) -> Lookup:
        """The lookup over these people and events (what a snapshot stores)."""
        return cls(name_index(people), PersonNames.of(people), EventIndex.build(sorted(events, key=lambda e: e.id)), source)

    # --- people ----------------------------------------------------------------------------

    def who(self, query: str) -> Match:
        """A person by name, forgiving but honest."""
        text = QUESTION.sub("", clean_query(query)).strip(" ?")
        if not name_key(text):
            return Match(query=query, status="empty", message="Type a name, for example: Kirby")
        search = self.names.search(text, limit=8)
        candidates = [self._person_candidate(h.key, h.score) for h in search.hits if h.key in self.people.position]
        if search.status in ("found", "ambiguous") and len(candidates) == 1:
            person = self.source.person(candidates[0].id)
            if person is None or person.name != candidates[0].label:  # rebuilt since this index was loaded: never someone else
                return Match(query=query, status="not_found", message=UPDATING)
            if not _title_fits(text, person):
                return Match(query=query, status="not_found", candidates=candidates[:1], message="Nobody by that name is in the articles.")
            return Match(query=query, status="found", person=person)
        if search.status == "ambiguous":
            return Match(query=query, status="ambiguous", candidates=candidates, message=f"{len(candidates)} people match; which one?")
        return Match(query=query, status="not_found", candidates=candidates[:5], message="Nobody by that name is in the articles.")

    def _person_candidate(self, key: int, score: float) -> Candidate:
        i = self.people.position[key]
        return Candidate(key, self.people.names[i], self.people.roles[i], score)

    # --- events -------------------------------------------------------------------------------

    def event(self, query: str) -> Match:
        """An event by place, kind or keyword, participant, or date."""
        text = clean_query(query)
        words = [w for w in words_of(text) if w not in STOPWORDS]
        if not words:
            return Match(query=query, status="empty", message="Type a place, a keyword, a name or a date, for example: Jakarta")
        when, words = _date_in(text, words)
        people, words, unknown_names = self._people_in(words)
        index = self.events
        matches = index.fits(words, people, when)
        if not matches or unknown_names:
            suggestions = [index.candidate(i, score) for score, i in index.suggest(text)]
            return Match(query=query, status="not_found", candidates=suggestions, message=_not_found_message(unknown_names))
        matches.sort(key=lambda m: (-m[0], -index.weights[m[1]], index.dates[m[1]] or ""))
        best_quality = matches[0][0]
        top = [i for q, i in matches if q >= best_quality - 1e-9]
        top.sort(key=lambda i: -index.weights[i])
        chosen = set(top)
        ranked = top + [i for _, i in matches if i not in chosen]
        dominant = (
            len(top) == 1
            or (when is None and index.weights[top[0]] >= DOMINANCE * index.weights[top[1]])
            or (when is None and index.one_story(top))
        )
        if dominant:
            event = self.source.event_by_id(int(index.ids[top[0]]))
            if event is None or event.title != index.titles[top[0]]:  # rebuilt since this index was loaded: never another event
                return Match(query=query, status="not_found", message=UPDATING)
            return Match(query=query, status="found", event=event, candidates=[index.candidate(i, 0) for i in ranked[1:6]])
        return Match(
            query=query,
            status="ambiguous",
            candidates=[index.candidate(i, 100 * q) for q, i in sorted(matches, key=lambda m: (-m[0], -index.weights[m[1]]))][:10],
            message=f"{len(matches)} events match; which one?",
        )

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
        return word in self.events.places_and_kinds


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
    held = {w for r in person.roles for w in words_of(r.label())} | {w for a in person.aliases for w in words_of(a)}
    return bool(set(titles) & held)


def _date_in(text: str, words: list[str]) -> tuple[PartialDate | None, list[str]]:
    """A date in the query (`Oct 17`, `September 2023`, `2023-10-17`) and the words left."""
    dates = find_explicit_dates(text)
    used: set[str] = set()
    when = None
    if dates:
        start, end, when = dates[0]
        used = set(words_of(text[start:end]))
    else:
        m = re.search(rf"\b({MONTH_RE})\b", text, re.I)
        if m and month_number(m.group(1)) and (len(m.group(1)) > 3 or m.group(1).endswith(".")) and m.group(1).lower() != "may":
            when = PartialDate(None, month_number(m.group(1)))
            used = set(words_of(m.group(0)))
        elif m2 := re.fullmatch(r"\s*((?:19|20)\d\d)\s*", text):
            when = PartialDate(int(m2.group(1)), None)
            used = {m2.group(1)}
    return when, [w for w in words if w not in used and w.rstrip(",") not in used]


def _not_found_message(unknown: list[str]) -> str:
    return "No event in the articles matches that." if not unknown else f"Nobody called {', '.join(unknown)} is in the articles."
