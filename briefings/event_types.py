"""The event extraction contract: an article's event candidates as typed values, and their stored JSON form.

`extract_events` (events.py) builds `EventCandidate`s from a sentence's clauses, `event_within`
merges one article's into its events, and `event_merge` merges every article's into the events of
the corpus. They travel as these dataclasses; `to_json` / `from_json` convert them only where an
article's extraction is stored and read back (the JSON keeps the shape it always had).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Literal

from briefings.dates import DateRange, PartialDate
from briefings.event_kinds import EventKind

PlaceLabel = Literal["GPE", "LOC", "FAC", "ORG"]


@dataclass(frozen=True)
class NamedPerson:
    """A person the text names: who (as the article resolved them), where the name stands, and how.

    `start` and `end` are offsets in the text being read (a paragraph, or one sentence of it).
    """

    person: str
    start: int
    end: int
    subject: bool = False  # the name is its clause's subject
    in_quote: bool = False  # the name stands inside a quotation


@dataclass
class EventPlace:
    """Where an event happened, as the text names it (`Europa Building`, `Cianjur`), with the model's label."""

    name: str
    label: PlaceLabel
    venue: bool  # a building or facility (`at the U.S. Embassy`), not an area
    rank: int | None = None  # how specific: 0 a facility, 1 a named province or city ... 3 a container; 4 the dateline's

    def to_json(self) -> dict:
        """The place as stored."""
        return {"name": self.name, "label": self.label, "venue": self.venue} | ({} if self.rank is None else {"rank": self.rank})

    @classmethod
    def from_json(cls, d: dict) -> EventPlace:
        """A stored place back."""
        return cls(d["name"], d["label"], d["venue"], d.get("rank"))


@dataclass
class DateEvidence:
    """One piece of evidence for an event's date: a range a date phrase names, or the article's own date (`default`)."""

    lo: tuple[int | None, int, int]
    hi: tuple[int | None, int, int]
    weekday: int | None
    text: str
    default: bool = False  # the article's own date: soft evidence for its news of the day, never decisive

    @classmethod
    def of(cls, r: DateRange) -> DateEvidence:
        """The evidence a resolved date phrase gives."""
        return cls(tuple(r.lo), tuple(r.hi), r.weekday, r.text)

    @classmethod
    def article_date(cls, anchor: PartialDate) -> DateEvidence:
        """The article's own date, as soft evidence for its news of the day."""
        day = (anchor.year, anchor.month, anchor.day)
        return cls(day, day, None, "the article's date", default=True)

    def range(self) -> DateRange:
        """The evidence as a `DateRange`."""
        return DateRange(self.lo, self.hi, self.weekday, self.text)

    def to_json(self) -> dict:
        """The evidence as stored."""
        stored = {"lo": list(self.lo), "hi": list(self.hi), "weekday": self.weekday, "text": self.text}
        return stored | ({"default": True} if self.default else {})

    @classmethod
    def from_json(cls, d: dict) -> DateEvidence:
        """Stored evidence back."""
        return cls(tuple(d["lo"]), tuple(d["hi"]), d.get("weekday"), d.get("text", ""), bool(d.get("default")))


@dataclass
class EventCandidate:
    """An event one article reports: its kind, the words that report it, who, where, the date evidence, and where it stands.

    A sentence's candidate starts with one clause's evidence; merged within the article it gathers
    every mention's (`absorb` in event_within), and `salience` says how much the article is about it.
    """

    kind: EventKind
    trigger: str  # the words that report it: `met`, `trilateral meeting`
    label: str  # its own noun phrase (`Group of Seven foreign ministerial meeting`), the kind for news
    modifier: str | None  # `bilateral`, `trilateral`, `annual`, `emergency` ...
    participants: list[str]  # names as the article writes them
    roles: dict[str, str]  # name -> part in the event (`arrested`, `victim`, `winner`)
    places: list[EventPlace]
    orgs: list[str]  # organisations it was held with or by
    objects: list[str]  # what it concerned: a launch's rocket, an offence, an organisation named in the clause
    actors: list[str]  # who launched or voted (`North Korea`)
    dates: list[DateEvidence]
    context: list[DateEvidence]  # dates in the clause that date something else (the saying, a later count)
    paras: list[int]  # body paragraphs that mention it
    sentences: list[str]
    main_sentences: list[str]  # sentences whose main clause reports it
    caption: bool  # named in a photo caption
    refers_back: bool  # `the summit`, with nobody of its own: an earlier mention's event
    definite: bool
    future: bool  # announced ahead
    simultaneous: list[str]  # kinds its sentence says happened at the same time (`..., as Kim held a meeting`)
    sentence_id: str
    pos: int  # where the trigger starts in its sentence
    background: bool = False  # named as a circumstance (`during the floods`), not reported
    also: list[str] = field(default_factory=list)  # other kinds merged into it (a visit for talks)
    quotes: list[str] = field(default_factory=list)  # what its participants said nearest to it
    first_of_kind: bool = False  # the article's first event of its kind (the one its headline may name)
    salience: float = 0.0  # how much the article is about it: headline, lead, mentions

    def real_dates(self) -> list[DateEvidence]:
        """Its date evidence without the article's own date."""
        return [d for d in self.dates if not d.default]

    def with_nobody(self) -> EventCandidate:
        """The same mention without its people (a mention in passing adds nobody)."""
        return replace(self, participants=[], roles={})

    def to_json(self) -> dict:
        """The candidate as stored in an article's extraction."""
        stored = {
            "kind": self.kind,
            "trigger": self.trigger,
            "label": self.label,
            "modifier": self.modifier,
            "participants": self.participants,
            "roles": self.roles,
            "places": [p.to_json() for p in self.places],
            "orgs": self.orgs,
            "objects": self.objects,
            "actors": self.actors,
            "dates": [d.to_json() for d in self.dates],
            "context": [d.to_json() for d in self.context],
            "paras": self.paras,
            "sentences": self.sentences,
            "main_sentences": self.main_sentences,
            "caption": self.caption,
            "refers_back": self.refers_back,
            "definite": self.definite,
            "future": self.future,
            "simultaneous": self.simultaneous,
            "sentence_id": self.sentence_id,
            "pos": self.pos,
            "background": self.background,
            "first_of_kind": self.first_of_kind,
            "salience": self.salience,
        }
        return stored | ({"also": self.also} if self.also else {}) | ({"quotes": self.quotes} if self.quotes else {})

    @classmethod
    def from_json(cls, d: dict) -> EventCandidate:
        """A stored candidate back (keys an older extraction lacks take their defaults)."""
        return cls(
            kind=d["kind"],
            trigger=d.get("trigger", d["kind"]),
            label=d.get("label", d["kind"]),
            modifier=d.get("modifier"),
            participants=list(d.get("participants", [])),
            roles=dict(d.get("roles", {})),
            places=[EventPlace.from_json(p) for p in d.get("places", [])],
            orgs=list(d.get("orgs", [])),
            objects=list(d.get("objects", [])),
            actors=list(d.get("actors", [])),
            dates=[DateEvidence.from_json(x) for x in d.get("dates", [])],
            context=[DateEvidence.from_json(x) for x in d.get("context", [])],
            paras=list(d.get("paras", [])),
            sentences=list(d.get("sentences", [])),
            main_sentences=list(d.get("main_sentences", [])),
            caption=d.get("caption", False),
            refers_back=d.get("refers_back", False),
            definite=d.get("definite", False),
            future=d.get("future", False),
            simultaneous=list(d.get("simultaneous", [])),
            sentence_id=d.get("sentence_id", ""),
            pos=d.get("pos", 0),
            background=d.get("background", False),
            also=list(d.get("also", [])),
            quotes=list(d.get("quotes", [])),
            first_of_kind=d.get("first_of_kind", False),
            salience=d.get("salience", 0.0),
        )
