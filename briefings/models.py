"""The typed values the core hands out: articles, people, quotes, events, matches, digests."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import TYPE_CHECKING, Literal

from briefings.dates import PartialDate
from briefings.event_kinds import EventKind

if TYPE_CHECKING:
    from briefings.organisations import Organisation


@dataclass
class ArticleRef:
    """An article as a source: enough to cite it."""

    id: str
    headline: str
    outlet: str | None
    date: str | None

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(kw_only=True)
class ArticleText:
    """The fields an article keeps under one name and in one form from parsing, through its row, to the answers.

    `ParsedArticle` (what the cleaner reads) and `Article` (what the core hands out) are both ArticleText, and
    the database row has a column of each name: `text_values` copies them across by name. A new such field is
    declared here, given a column (and a revision), and named in `Article`'s JSON keys if the documents show it.
    """

    id: str
    file: str
    headline: str
    headline_source: str
    outlet: str | None
    wire: str | None = None
    site: str | None = None
    authors: list[str] = field(default_factory=list)
    contributors: list[str] = field(default_factory=list)
    dateline_place: str | None = None
    update_label: str | None = None
    editor_notes: list[str] = field(default_factory=list)
    body: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


TEXT_FIELDS = tuple(f.name for f in fields(ArticleText))
_LIST_FIELDS = frozenset(f.name for f in fields(ArticleText) if f.default_factory is list)


def text_values(source: object) -> dict:
    """The ArticleText fields of an article or a row, by name (a row's missing list is an empty one)."""
    values = {name: getattr(source, name) for name in TEXT_FIELDS}
    return values | {name: list(values[name] or []) for name in _LIST_FIELDS}


# The keys of `articles --json` (and `show --json`, which adds FULL_KEYS), in the documents' order.
SUMMARY_KEYS = ("id", "file", "headline", "headline_source", "outlet", "wire", "site", "authors", "contributors")
SUMMARY_KEYS += ("dateline_place", "dateline_date", "published", "page_date", "update_label", "source", "url")
FULL_KEYS = ("editor_notes", "summary", "body", "captions", "warnings")


@dataclass(kw_only=True)
class Article(ArticleText):
    """An indexed article: metadata, clean body and captions (its dates and source as the JSON documents show them)."""

    dateline_date: str | None = None
    published: dict = field(default_factory=dict)  # {"date", "precision", "source", "confidence"}
    page_date: dict | None = None
    summary: list[str] | None = None
    source: dict = field(default_factory=dict)  # {"kind": "file" | "feed" | "url", "address": ...}
    url: str | None = None  # the canonical URL, when the page or feed states one

    @property
    def date(self) -> PartialDate | None:
        """The story's own date, if the text gives one."""
        return PartialDate.from_iso(self.published.get("date"))

    @property
    def date_text(self) -> str:
        """The date for people: `Nov. 9, 2023`, `September 20 (year not given)`, or `date unknown`."""
        d = self.date
        return d.human() if d else "date unknown"

    def ref(self) -> ArticleRef:
        """This article as a source."""
        return ArticleRef(self.id, self.headline, self.outlet, self.published.get("date"))

    def to_dict(self, *, full: bool = False) -> dict:
        """Plain data for JSON; `full` adds body, captions and notes."""
        return {key: getattr(self, key) for key in (*SUMMARY_KEYS, *(FULL_KEYS if full else ()))}

    @classmethod
    def from_row(cls, row) -> Article:
        """Build from a database row."""
        return cls(
            **text_values(row),
            dateline_date=row.dateline_date,
            published={
                "date": row.published_date,
                "precision": PartialDate.from_iso(row.published_date).precision if row.published_date else None,
                "source": row.published_source,
                "confidence": row.published_confidence,
            },
            page_date={"date": row.page_date, "confidence": "low", "source": "the page's date line"} if row.page_date else None,
            summary=list(row.summary) if row.summary else None,
            source={"kind": row.source_kind or "file", "address": row.source or row.file},
            url=row.url or None,
        )


@dataclass
class Role:
    """A role as an article states it: `Secretary of State`, organisation `U.S.`."""

    title: str
    organization: str | None
    article_id: str
    date: str | None = None
    source: str = "text"  # title | apposition | caption | clause
    text: str | None = None  # the phrase as the article wrote it: `South Korean Foreign Minister`

    def label(self) -> str:
        """The role as the article wrote it, or `title, organisation`."""
        if self.text:
            return self.text
        if self.organization and self.organization.lower() not in self.title.lower():
            return f"{self.title}, {self.organization}"
        return self.title

    def to_dict(self) -> dict:
        return asdict(self)


QuoteKind = Literal["direct", "reported"]
Attribution = Literal["named", "inferred", "organisation"]


@dataclass
class Quote:
    """Something said, with who said it and every article that reports it.

    `kind`: `direct` (verbatim, in quotation marks) or `reported` (`Kirby said the U.S. would ...`:
    the reporter's words). `attribution`: how the text gives the source: `named` next to the
    quote, `inferred` (`he said`, a quote continuing a speaker's paragraph), `organisation`
    (`the campaign said in a statement`: `speaker` is None and `source` names it), or None.
    """

    text: str
    speaker: str | None  # canonical name of a person; None when the text does not say who
    article_id: str
    date: str | None
    inferred: bool = False  # the speaker came from `he said` and the last named speaker
    sources: list[ArticleRef] = field(default_factory=list)
    event_id: int | None = None
    occasion: str | None = None
    kind: QuoteKind = "direct"
    attribution: Attribution | None = None
    source: str | None = None  # an organisation or document that said it, as the text names it

    def to_dict(self) -> dict:
        return {
            "text": self.text,
            "speaker": self.speaker,
            "article_id": self.article_id,
            "date": self.date,
            "inferred": self.inferred,
            "sources": [s.to_dict() for s in self.sources],
            "event_id": self.event_id,
            "occasion": self.occasion,
            "kind": self.kind,
            "attribution": self.attribution,
            "source": self.source,
        }

    def brief(self) -> dict:
        """The quote as `show --json` lists it."""
        return {"text": self.text, "speaker": self.speaker, "attribution": self.attribution, "kind": self.kind, "source": self.source}

    @classmethod
    def from_dict(cls, d: dict) -> Quote:
        """Rebuild from `to_dict()`."""
        return cls(
            text=d["text"],
            speaker=d.get("speaker"),
            article_id=d["article_id"],
            date=d.get("date"),
            inferred=d.get("inferred", False),
            sources=[ArticleRef(**s) for s in d.get("sources", [])],
            event_id=d.get("event_id"),
            occasion=d.get("occasion"),
            kind=d.get("kind", "direct"),
            attribution=d.get("attribution", ("inferred" if d.get("inferred") else "named") if d.get("speaker") else None),
            source=d.get("source"),
        )


@dataclass
class Person:
    """A person in the news, merged across articles."""

    id: int
    name: str
    aliases: list[str]
    roles: list[Role]  # most specific, most recent first
    quotes: list[Quote]
    articles: list[ArticleRef]
    mentions: int = 0
    article_mentions: dict[str, int] = field(default_factory=dict)  # article id -> times named there
    reported: list[Quote] = field(default_factory=list)  # reported speech (`Kirby said the U.S. would ...`)

    @property
    def role(self) -> Role | None:
        """The role to show first."""
        return self.roles[0] if self.roles else None

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "name": self.name,
            "aliases": self.aliases,
            "roles": [r.to_dict() for r in self.roles],
            "quotes": [q.to_dict() for q in self.quotes],
            "articles": [a.to_dict() for a in self.articles],
            "mentions": self.mentions,
            "article_mentions": self.article_mentions,
            "reported": [q.to_dict() for q in self.reported],
        }

    @classmethod
    def from_dict(cls, d: dict) -> Person:
        """Rebuild from `to_dict()`."""
        return cls(
            id=d["id"],
            name=d["name"],
            aliases=list(d["aliases"]),
            roles=[Role(**r) for r in d["roles"]],
            quotes=[Quote.from_dict(q) for q in d["quotes"]],
            articles=[ArticleRef(**a) for a in d["articles"]],
            mentions=d.get("mentions", 0),
            article_mentions=dict(d.get("article_mentions", {})),
            reported=[Quote.from_dict(q) for q in d.get("reported", [])],
        )


EventStatus = Literal["planned", "happened"]
DatePrecision = Literal["day", "month", "year", "day-no-year", "month-no-year"]
MatchStatus = Literal["found", "ambiguous", "not_found", "empty"]


@dataclass
class Participant:
    """Someone who took part in an event, linked to the index where we know them."""

    name: str
    role: str | None
    person_id: int | None = None
    event_role: str | None = None  # their part in the event: `arrested`, `victim`, `fired`, `winner`

    def to_dict(self) -> dict:
        return {"name": self.name, "role": self.role, "person_id": self.person_id, "event_role": self.event_role}


@dataclass
class Event:
    """Something that happened, merged across the articles that report it."""

    id: int
    title: str
    kind: EventKind
    date: str | None  # ISO (`2023-09-13`, `2023-09`, `--09-20`) or None
    date_precision: DatePrecision | None
    place: str | None
    participants: list[Participant]
    quotes: list[Quote]
    summary: list[str]  # sentences that report it
    articles: list[ArticleRef]
    date_notes: list[str] = field(default_factory=list)  # disagreements between sources, kept visible
    keywords: list[str] = field(default_factory=list)
    status: EventStatus = "happened"  # `planned` while every report announces it ahead
    salience: float = 0.0  # how much its articles are about it: headline, lead, mentions

    @property
    def kind_text(self) -> str:
        """The kind in plain words, marked when it is only announced: `visit (planned)`."""
        return f"{self.kind} (planned)" if self.status == "planned" else self.kind

    @property
    def date_text(self) -> str:
        """The date for people, never inventing a missing part."""
        d = PartialDate.from_iso(self.date)
        return d.human() if d else "date not given"

    def to_dict(self, *, full: bool = False) -> dict:
        """Plain data; `full` keeps everything needed to rebuild the event."""
        return {
            "id": self.id,
            "title": self.title,
            "kind": self.kind,
            "date": self.date,
            "date_precision": self.date_precision,
            "place": self.place,
            "participants": [p.to_dict() for p in self.participants],
            "quotes": [q.to_dict() if full else {"text": q.text, "speaker": q.speaker, "article_id": q.article_id} for q in self.quotes],
            "summary": self.summary if full else " ".join(self.summary),
            "articles": [a.to_dict() for a in self.articles],
            "date_notes": self.date_notes,
            "status": self.status,
        } | ({"keywords": self.keywords, "salience": self.salience} if full else {})

    @classmethod
    def from_dict(cls, d: dict) -> Event:
        """Rebuild from `to_dict(full=True)`."""
        return cls(
            id=d["id"],
            title=d["title"],
            kind=d["kind"],
            date=d["date"],
            date_precision=d["date_precision"],
            place=d["place"],
            participants=[Participant(**p) for p in d["participants"]],
            quotes=[Quote.from_dict(q) for q in d["quotes"]],
            summary=list(d["summary"]),
            articles=[ArticleRef(**a) for a in d["articles"]],
            date_notes=list(d.get("date_notes", [])),
            keywords=list(d.get("keywords", [])),
            status=d.get("status", "happened"),
            salience=d.get("salience", 0.0),
        )


@dataclass
class Candidate:
    """One option offered for an ambiguous or unknown query."""

    id: int
    label: str  # a person's name or an event's title
    detail: str | None  # a role, or `date · place`
    score: float

    def to_dict(self) -> dict:
        return {"id": self.id, "label": self.label, "detail": self.detail, "score": round(self.score, 1)}


@dataclass
class Match:
    """The answer to a lookup: found (with the person or event), ambiguous, or not_found."""

    query: str
    status: MatchStatus
    person: Person | None = None
    event: Event | None = None
    candidates: list[Candidate] = field(default_factory=list)
    message: str | None = None  # a hint for the user, e.g. why nothing was found
    organisation: Organisation | None = None  # a `who` query that names an organisation, not a person

    @property
    def found(self) -> bool:
        return self.status == "found"


@dataclass
class Story:
    """One story of a digest: several articles about the same events, told once."""

    headline: str
    summary: list[str]
    people: list[Participant]
    quote: Quote | None
    date: str | None
    sources: list[ArticleRef]
    article_hashes: list[str] = field(default_factory=list)
    summary_sources: list[ArticleRef] = field(default_factory=list)  # the article each summary sentence comes from
    folded: list[Folded] = field(default_factory=list)  # older versions folded into a source

    def summary_runs(self) -> list[tuple[str, str | None]]:
        """The summary as runs of consecutive sentences from one article, each with its outlet (None: one source only)."""
        if len(self.sources) < 2 or len(self.summary_sources) != len(self.summary):
            return [(" ".join(self.summary), None)] if self.summary else []
        runs: list[tuple[list[str], ArticleRef]] = []
        for sentence, ref in zip(self.summary, self.summary_sources, strict=True):
            if runs and runs[-1][1].id == ref.id:
                runs[-1][0].append(sentence)
            else:
                runs.append(([sentence], ref))
        return [(" ".join(text), ref.outlet or "outlet unknown") for text, ref in runs]

    def to_dict(self) -> dict:
        sources = [_source_dict(s, None) for s in self.sources] + [_source_dict(f.article, f.superseded_by) for f in self.folded]
        return {
            "headline": self.headline,
            "summary": " ".join(self.summary),
            "sentences": [
                {"text": text, "article_id": ref.id, "outlet": ref.outlet}
                for text, ref in zip(self.summary, self.summary_sources, strict=False)
            ],
            "people": [{"name": p.name, "role": p.role} for p in self.people],
            "quote": {"text": self.quote.text, "speaker": self.quote.speaker} if self.quote else None,
            "date": self.date,
            "sources": sources,
        }


@dataclass
class Folded:
    """An older version of an article (an earlier `LD`, a republished copy) folded into its newer version."""

    article: ArticleRef
    superseded_by: str  # the id of the version the story cites instead


def _source_dict(ref: ArticleRef, superseded_by: str | None) -> dict:
    return {"article_id": ref.id, "outlet": ref.outlet, "date": ref.date, "headline": ref.headline, "superseded_by": superseded_by}


@dataclass
class Digest:
    """The stories not yet sent to a channel, most important first."""

    date: str
    channel: str | None
    stories: list[Story]

    @property
    def empty(self) -> bool:
        return not self.stories

    def to_dict(self) -> dict:
        return {"date": self.date, "channel": self.channel, "stories": [s.to_dict() for s in self.stories]}


@dataclass
class CorpusStats:
    """The corpus at a glance: how many articles, people and events, and when it was last indexed."""

    articles: int
    people: int
    events: int
    last_indexed: str | None  # ISO date and time, or None before the first run
