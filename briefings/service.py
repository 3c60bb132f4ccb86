"""The core's front door: one object that indexes, lists and answers, built in one place."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from sqlalchemy import func, select

from briefings.digest import build_digest
from briefings.digest import mark_sent as record_sent
from briefings.fetch import Fetcher
from briefings.follow import FollowChoice, FollowHit, FollowMatcher, FollowTarget, choose_target
from briefings.lookup import Lookup
from briefings.models import Article, ArticleRef, CorpusStats, Digest, Event, Match, Person, Quote
from briefings.organisations import OrganisationIndex, build_organisations
from briefings.quote_search import QuotesAnswer, find_quotes
from briefings.snapshot import GENERATION, Records, load_lookup, read_events, read_people
from briefings.store import ArticleRow, Database, EventRow, PersonRow
from briefings.topics import words

if TYPE_CHECKING:  # the indexer and the sources bring the HTML and feed readers: imported on the first index run, not at start
    from briefings.indexer import Enricher, IndexReport
    from briefings.sources import SourcesReport, SourceStatus

log = logging.getLogger(__name__)


class Briefings:
    """Index a corpus folder into a database and answer questions from it."""

    def __init__(
        self,
        db: Database,
        corpus_dir: Path,
        *,
        max_file_bytes: int = 2_000_000,
        enricher: Enricher | None = None,
        fetcher: Fetcher | None = None,
        feeds: list[str] | None = None,
    ) -> None:
        self.db = db
        self.corpus_dir = corpus_dir
        self.max_file_bytes = max_file_bytes
        self.enricher = enricher
        self.fetcher = fetcher or Fetcher(max_bytes=max_file_bytes)
        self.feeds = list(feeds or [])
        self._lookup: Lookup | None = None
        self._generation: str | None = None
        self._records = Records(db)
        self._organisations: OrganisationIndex | None = None
        self._lock = threading.Lock()

    # --- answers -----------------------------------------------------------------------------

    def reload(self) -> None:
        """Forget the lookup index and cached records; the next question loads the index's snapshot (cheap, no NLP)."""
        with self._lock:
            self._lookup = None
            self._organisations = None
            self._records = Records(self.db)

    def lookup(self) -> Lookup:
        """The lookup index, loaded once from the database's snapshot (names, people's names, events; no full records)."""
        with self._lock:
            if self._lookup is None:
                self._lookup, self._generation = load_lookup(self.db, self._records)
                log.debug("lookup index loaded: %d people, %d events", len(self._lookup.people.ids), len(self._lookup.events))
            return self._lookup

    def stale(self) -> bool:
        """True when people and events were rebuilt (by this process or another replica) since the lookup index was loaded."""
        with self._lock:
            loaded, generation = self._lookup is not None, self._generation
        return loaded and self.db.get_meta(GENERATION) != generation

    def who(self, query: str) -> Match:
        """A person by name: found, ambiguous (with candidates) or not_found (with suggestions).

        A query that names no person but names an organisation (`NATO`, `Security Council`)
        answers with the organisation; a person who fits always comes first.
        """
        match = self.lookup().who(query)
        if match.status != "not_found":
            return match
        orgs = self.organisations().find(query)
        if len(orgs) == 1 or (len(orgs) > 1 and len(orgs[0].articles) >= 2 * len(orgs[1].articles)):
            return Match(query=query, status="found", organisation=orgs[0])
        if orgs:
            names = ", ".join(o.name for o in orgs[:5])
            return replace(match, message=f"Nobody by that name; organisations that match: {names}. Type one in full.")
        return match

    def organisations(self) -> OrganisationIndex:
        """The organisations of the corpus, built on first use from the stored extractions."""
        with self._lock:
            if self._organisations is not None:
                return self._organisations
        with self.db.session() as s:
            rows = s.execute(
                select(ArticleRow.id, ArticleRow.headline, ArticleRow.outlet, ArticleRow.published_date, ArticleRow.extraction)
            )
            pairs = [(ArticleRef(i, h, o, d), x or {}) for i, h, o, d, x in rows]
        index = build_organisations(pairs, self.people(), self.timeline())
        with self._lock:
            self._organisations = index
        return index

    def quotes(self, person: str, topic: str | None = None) -> QuotesAnswer:
        """What a person said about a topic (ranked), or their latest quotes."""
        return find_quotes(self, person, topic)

    def is_place(self, text: str) -> bool:
        """True when an event's place or an article's dateline names this place."""
        wanted = words(text)
        if not wanted:
            return False
        places = [p or "" for p in self.lookup().events.places]
        with self.db.session() as s:
            places += [p for p in s.scalars(select(ArticleRow.dateline_place).distinct()) if p]
        return any(_contains(words(p), wanted) for p in places)

    def follow_choice(self, text: str) -> FollowChoice:
        """What `follow <text>` means: a person, a place, words, or a choice between people."""
        return choose_target(self, text)

    def match_follows(self, targets: list[FollowTarget], articles: list[Article]) -> dict[FollowTarget, list[FollowHit]]:
        """Which of these articles each target matches (people by identity, places and words by their forms)."""

        def resolve(name: str) -> Person | None:
            m = self.lookup().who(name)
            return m.person if m.status == "found" else None

        # The people of these articles, and everyone sharing a name with them or with a followed person: the matcher
        # tells people apart by name, so it sees each name's holders as it would among everyone.
        present = self.people_in({a.id for a in articles})
        names = {p.name for p in present} | {t.key for t in targets if t.kind == "person"}
        people = {p.id: p for p in [*present, *self._records.named(sorted(names))]}
        return FollowMatcher(_by_mentions(people.values()), resolve).match(targets, articles)

    def articles_indexed_since(self, since: datetime) -> list[tuple[Article, datetime]]:
        """Articles indexed after a moment (aware), oldest first, with when each was indexed."""
        with self.db.session() as s:
            rows = s.scalars(select(ArticleRow).where(ArticleRow.indexed_at > since).order_by(ArticleRow.indexed_at))
            return [(Article.from_row(r), _aware(r.indexed_at)) for r in rows]

    def event(self, query: str) -> Match:
        """An event by place, keyword, participant or date: found, ambiguous or not_found."""
        return self.lookup().event(query)

    def person(self, person_id: int) -> Person | None:
        """One person by id (the ids in Match candidates), read from the database once and cached."""
        return self._records.person(person_id)

    def event_by_id(self, event_id: int) -> Event | None:
        """One event by id (the ids in Match candidates), read from the database once and cached."""
        return self._records.event_by_id(event_id)

    def people(self) -> list[Person]:
        """Everyone in the index, most mentioned first (read from the database: every full record)."""
        return _by_mentions(read_people(self.db))

    def people_in(self, article_ids: set[str]) -> list[Person]:
        """The people in these articles (named there or quoted from them), most mentioned first, as `people()` orders them."""
        if self.stale():  # another replica rebuilt people: ids now name others, so look them up in the new index
            self.reload()
        return _by_mentions(self._records.people(self.lookup().people.in_articles(article_ids)))

    def timeline(self) -> list[Event]:
        """Every event in date order (undated last): the story as it unfolded."""
        return sorted(read_events(self.db), key=lambda e: (e.date is None, (e.date or "").replace("--", "0000-"), e.title))

    # --- the corpus ------------------------------------------------------------------------------

    def count_corpus_files(self) -> int:
        """How many files the next index run will look at."""
        from briefings.indexer import corpus_files

        return len(corpus_files(self.corpus_dir))

    def index(self, *, progress: Callable[[str], None] | None = None) -> IndexReport:
        """Bring the index in step with the corpus folder and the remote sources (then answers come from the new index)."""
        from briefings.indexer import index_corpus
        from briefings.sources import linked_page

        try:
            remote = self.refresh_sources(progress=progress, rebuild=False) if self._has_sources() else None
            report = index_corpus(
                self.db,
                self.corpus_dir,
                max_bytes=self.max_file_bytes,
                enricher=self.enricher,
                progress=progress,
                fetch_page=lambda link: linked_page(self.db, self.fetcher, link),
            )
            if remote is not None:  # its articles were marked for the rebuild that index_corpus completes
                _merge(report, remote)
            return report
        finally:
            self.reload()

    def add(self, urls: list[str], *, progress: Callable[[str], None] | None = None) -> SourcesReport:
        """Add pages or feeds by URL and index them now (SourceError for an address we cannot use)."""
        from briefings.sources import add_sources

        added = add_sources(self.db, urls)
        try:
            return self.refresh_sources(only=added, progress=progress, force=True)
        finally:
            self.reload()

    def refresh_sources(
        self,
        *,
        only: list[str] | None = None,
        progress: Callable[[str], None] | None = None,
        rebuild: bool = True,
        force: bool = False,
    ) -> SourcesReport:
        """Fetch the remote sources (BRIEFINGS_FEEDS and added ones) and index what is new; a failing source
        waits out its backoff unless `force`."""
        from briefings.indexer import REBUILD_PENDING
        from briefings.sources import add_sources, index_sources, list_sources

        add_sources(self.db, self.feeds, origin="env")
        if only is None:  # a feed taken out of BRIEFINGS_FEEDS is no longer polled (its articles stay)
            only = [*self.feeds, *(s.url for s in list_sources(self.db) if s.origin == "added")]
        report = index_sources(self.db, self.fetcher, only=only, enricher=self.enricher, progress=progress, force=force)
        if rebuild and self.enricher is not None and self.db.get_meta(REBUILD_PENDING):
            self.enricher.rebuild(self.db)
            self.db.set_meta(REBUILD_PENDING, "")
        return report

    def sources(self) -> list[SourceStatus]:
        """The remote sources with their last fetch, status and article count."""
        from briefings.sources import add_sources, list_sources

        add_sources(self.db, self.feeds, origin="env")
        return list_sources(self.db)

    def _has_sources(self) -> bool:
        from briefings.sources import list_sources

        return bool(self.feeds) or bool(list_sources(self.db))

    def articles(self) -> list[Article]:
        """Every indexed article, newest story first (undated last)."""
        articles = [Article.from_row(r) for r in self.db.articles()]
        return sorted(articles, key=lambda a: (a.published.get("date") or "", a.file), reverse=True)

    def stats(self) -> CorpusStats:
        """The corpus at a glance: articles, people, events, when it was last indexed."""
        with self.db.session() as s:
            return CorpusStats(
                articles=s.scalar(select(func.count()).select_from(ArticleRow)) or 0,
                people=s.scalar(select(func.count()).select_from(PersonRow)) or 0,
                events=s.scalar(select(func.count()).select_from(EventRow)) or 0,
                last_indexed=self.db.get_meta("last_indexed"),
            )

    def article(self, key: str) -> Article | None:
        """One article by id, unique id prefix, or file name."""
        with self.db.session() as s:
            row = s.get(ArticleRow, key) or s.scalar(select(ArticleRow).where(ArticleRow.file == key))
            if row is None and len(key) >= 4:
                rows = list(s.scalars(select(ArticleRow).where(ArticleRow.id.startswith(key)).limit(2)))
                row = rows[0] if len(rows) == 1 else None
            return Article.from_row(row) if row else None

    def article_quotes(self, article_id: str) -> list[Quote]:
        """What one article quotes, in text order, each with its speaker as `/who` names them."""
        with self.db.session() as s:
            row = s.get(ArticleRow, article_id)
            if row is None:
                return []
            ref, extraction = Article.from_row(row).ref(), row.extraction or {}
        from briefings.quotes import article_quotes  # imports spaCy: not at the bot's start, only when asked

        return article_quotes(ref, extraction, self.people_in({article_id}))

    def digest(self, channel: str | None = None, since: date | None = None, include_sent: bool = False) -> Digest:
        """The stories of the articles not yet sent to `channel`, most important first (nothing is marked sent)."""
        return build_digest(self.db, channel=channel, since=since, include_sent=include_sent, people=self.people_in)

    def mark_sent(self, digest: Digest, channel: str | None, key: str) -> int:
        """Record the digest's articles as sent to `channel` under `key`; returns how many were new."""
        return record_sent(self.db, digest, channel, key)


def _by_mentions(people: Iterable[Person]) -> list[Person]:
    """Most mentioned first; among equals, in id order."""
    return sorted(sorted(people, key=lambda p: p.id), key=lambda p: -p.mentions)


def _contains(haystack: list[str], needle: list[str]) -> bool:
    n = len(needle)
    return any(haystack[i : i + n] == needle for i in range(len(haystack) - n + 1))


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _merge(report: IndexReport, remote: SourcesReport) -> None:
    """The remote sources' articles and failures in the run's report (a failed source is a skipped one)."""
    a = remote.articles
    report.new += a.new
    report.changed += a.changed
    report.unchanged += a.unchanged
    report.reextracted += a.reextracted
    report.skipped += [*a.skipped, *remote.failed]
    report.warnings += a.warnings
    report.warnings += [(url, f"failing source not fetched until {when:%Y-%m-%d %H:%M} UTC (backoff)") for url, when in remote.waiting]


class CoreSettings(Protocol):
    """What the core needs from the deployer's settings (config.Settings has it; the core does not import config)."""

    database_url: str
    corpus_dir: Path
    max_file_bytes: int
    feed_urls: list[str]
    fetch_timeout: float
    allow_private_urls: bool


def briefings_from_settings(settings: CoreSettings) -> Briefings:
    """The core wired from the settings, as every entry point builds it."""
    return build_briefings(
        database_url=settings.database_url,
        corpus_dir=settings.corpus_dir,
        max_file_bytes=settings.max_file_bytes,
        feeds=settings.feed_urls,
        fetch_timeout=settings.fetch_timeout,
        allow_private_urls=settings.allow_private_urls,
    )


class LazyNlpEnricher:
    """The NLP enricher, imported when the indexer first needs it: starting the bot on an indexed database never loads spaCy."""

    def __init__(self) -> None:
        self._enricher: Enricher | None = None
        self._lock = threading.Lock()

    def _real(self) -> Enricher:
        with self._lock:
            if self._enricher is None:
                from briefings.extract import NlpEnricher

                self._enricher = NlpEnricher()
            return self._enricher

    def __getattr__(self, name: str):  # version, extract, rebuild: whatever the indexer asks for
        return getattr(self._real(), name)


def build_briefings(
    *,
    database_url: str,
    corpus_dir: Path,
    max_file_bytes: int = 2_000_000,
    enricher: Enricher | None = None,
    nlp: bool = True,
    feeds: list[str] | None = None,
    fetch_timeout: float = 15.0,
    allow_private_urls: bool = False,
) -> Briefings:
    """Wire the core from plain values (the entry points read the settings).

    The NLP enricher is the default; `nlp=False` indexes text and metadata only (used by
    tests and benchmarks that do not need people and events). spaCy loads only when an
    article actually needs extracting.
    """
    if enricher is None and nlp:
        enricher = LazyNlpEnricher()
    fetcher = Fetcher(max_bytes=max_file_bytes, timeout=fetch_timeout, allow_private=allow_private_urls)
    return Briefings(
        Database(database_url), Path(corpus_dir), max_file_bytes=max_file_bytes, enricher=enricher, fetcher=fetcher, feeds=feeds
    )
