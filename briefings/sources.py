"""Remote sources (feeds and pages from BRIEFINGS_FEEDS or `briefings add`): fetch, store, index.

Each source is fetched with a conditional GET; its last good copy is kept in the database, so a
restart or an unchanged feed (304) costs one small request and no parsing. A feed entry already
indexed is never fetched again. A failing source is recorded with its error and how many times in a
row it failed; it never stops the others, and it is tried again later, after a wait that doubles with
each failure (2 minutes, 4, 8, ... at most 6 hours), so a dead feed is not hammered on every rescan.
`briefings add` fetches at once whatever the wait.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Literal

from sqlalchemy import func, select

from briefings.corpus import ArticleError, ParsedArticle
from briefings.feeds import Feed, entry_article, looks_like_feed, read_feed
from briefings.fetch import Fetcher, FetchError, check_url
from briefings.indexer import Change, Enricher, IndexReport, _write, index_version
from briefings.pages import parse_page
from briefings.store import ArticleRow, Database, FetchedRow, SourceRow, utcnow

log = logging.getLogger(__name__)

MAX_KEY = 480  # longest address kept as an article's key; longer ones are hashed
FIRST_RETRY = timedelta(minutes=2)  # the wait after one failure; it doubles with each failure in a row
LONGEST_WAIT = timedelta(hours=6)


class SourceError(Exception):
    """A source address we cannot use; the message says what to do."""


Origin = Literal["env", "added"]  # from BRIEFINGS_FEEDS, or from `briefings add`
SourceKind = Literal["feed", "page"]
FetchStatus = Literal["never fetched", "ok", "not modified", "error"]


@dataclass
class SourceStatus:
    """A source as `briefings sources` shows it."""

    url: str
    origin: Origin
    kind: SourceKind | None  # None until the first fetch tells
    title: str | None
    last_fetch: datetime | None
    status: FetchStatus
    error: str | None
    articles: int
    failures: int = 0  # failed fetches in a row
    retry_after: datetime | None = None  # a failing source is not fetched before this (`briefings add` does at once)

    def to_dict(self) -> dict:
        """The source as `sources --json` prints it."""
        return asdict(self) | {"last_fetch": _iso(self.last_fetch), "retry_after": _iso(self.retry_after)}


def retry_after(last_fetch: datetime | None, failures: int) -> datetime | None:
    """When a source that failed `failures` times in a row may be fetched again (None: whenever)."""
    if not failures or last_fetch is None:
        return None
    return last_fetch + min(FIRST_RETRY * 2 ** min(failures - 1, 20), LONGEST_WAIT)  # in last_fetch's own form


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat(timespec="seconds") if moment else None


@dataclass
class SourcesReport:
    """What one pass over the remote sources did."""

    fetched: list[str] = field(default_factory=list)
    not_modified: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    waiting: list[tuple[str, datetime]] = field(default_factory=list)  # failing sources left until their retry time
    articles: IndexReport = field(default_factory=IndexReport)

    @property
    def changed(self) -> bool:
        """True when articles were written, so what spans articles must be rebuilt."""
        a = self.articles
        return bool(a.new or a.changed or a.reextracted)

    def to_dict(self) -> dict:
        return {
            "fetched": self.fetched,
            "not_modified": self.not_modified,
            "failed": [{"url": u, "reason": r} for u, r in self.failed],
            "waiting": [{"url": u, "retry_after": _iso(t)} for u, t in self.waiting],
            **self.articles.to_dict(),
        }


def validate_url(url: str) -> str:
    """An address as a source, or SourceError: http(s) with a host."""
    url = url.strip()
    try:
        check_url(url, allow_private=True)
    except FetchError as error:
        raise SourceError(f"{url!r}: {error}") from None
    return url


def add_sources(db: Database, urls: Iterable[str], *, origin: Origin = "added") -> list[str]:
    """Record sources (validated); the ones already known keep their history. Returns the addresses."""
    clean = [validate_url(u) for u in urls]
    with db.session() as s, s.begin():
        for url in clean:
            row = s.get(SourceRow, url)
            if row is None:
                s.add(SourceRow(url=url, origin=origin, status="never fetched", failures=0))
            elif origin == "added" and row.origin == "env":
                row.origin = "added"
    return clean


def list_sources(db: Database) -> list[SourceStatus]:
    """Every remote source with its last fetch, status and article count."""
    with db.session() as s:
        counts = dict(s.execute(select(ArticleRow.source, func.count()).group_by(ArticleRow.source)).all())
        rows = list(s.scalars(select(SourceRow).order_by(SourceRow.added_at, SourceRow.url)))
    return [
        SourceStatus(
            r.url, r.origin, r.kind, r.title, r.last_fetch, r.status, r.error, counts.get(r.url, 0),
            r.failures or 0, retry_after(r.last_fetch, r.failures or 0),
        )
        for r in rows
    ]  # fmt: skip


def index_sources(
    db: Database,
    fetcher: Fetcher,
    *,
    only: Iterable[str] | None = None,
    enricher: Enricher | None = None,
    progress: Callable[[str], None] | None = None,
    force: bool = False,
) -> SourcesReport:
    """Fetch every source (or `only` these) and index what is new; failures are recorded, not raised. A failing
    source waits out its backoff (listed in `waiting`) unless `force`."""
    report = SourcesReport()
    with db.session() as s:
        rows = [
            (r.url, retry_after(r.last_fetch, r.failures or 0))
            for r in s.scalars(select(SourceRow).order_by(SourceRow.added_at, SourceRow.url))
        ]
    wanted = set(only) if only is not None else None
    now = utcnow()
    for url, not_before in rows:
        if wanted is not None and url not in wanted:
            continue
        if not force and not_before is not None and _aware(now) < _aware(not_before):
            report.waiting.append((url, not_before))
            continue
        try:
            content, changed = _fetch_source(db, fetcher, url)
        except FetchError as error:
            _record(db, url, status="error", error=str(error))
            report.failed.append((url, str(error)))
            log.warning("source %s failed: %s", url, error)
            continue
        (report.fetched if changed else report.not_modified).append(url)
        try:
            pending, kind, title = _articles(db, fetcher, url, content, enricher, report.articles, changed)
        except ArticleError as error:
            _record(db, url, status="error", error=str(error))
            report.failed.append((url, str(error)))
            continue
        if pending:
            _write(db, pending, enricher, report.articles, progress)
        _record(db, url, status="ok" if changed else "not modified", kind=kind, title=title)
    return report


def _fetch_source(db: Database, fetcher: Fetcher, url: str) -> tuple[bytes, bool]:
    """The source's content and whether it changed since the stored copy (conditional GET)."""
    with db.session() as s:
        cached = s.get(FetchedRow, url)
    got = fetcher.get(url, etag=cached.etag if cached else None, last_modified=cached.last_modified if cached else None)
    if got.status == "not_modified" and cached is not None:
        return cached.content, False
    assert got.content is not None
    _store(db, url, got.content, got.etag, got.last_modified, got.content_type)
    return got.content, True


def _store(db: Database, url: str, content: bytes, etag: str | None, last_modified: str | None, content_type: str | None) -> None:
    with db.session() as s, s.begin():
        s.merge(
            FetchedRow(url=url, content=content, etag=etag, last_modified=last_modified, content_type=content_type, fetched_at=utcnow())
        )


def _articles(
    db: Database, fetcher: Fetcher, url: str, content: bytes, enricher: Enricher | None, report: IndexReport, changed: bool
) -> tuple[list[tuple[ParsedArticle, Change]], SourceKind, str | None]:
    """The articles of a source that need writing, its kind (feed | page) and its title."""
    version = index_version(enricher)
    with db.session() as s:
        known = {row.file: row.extractor_version for row in s.execute(select(ArticleRow.file, ArticleRow.extractor_version))}
    if looks_like_feed(content):
        feed = read_feed(content)
        pending = []
        for entry in feed.entries:
            key = _key(entry.link or f"{url}#{entry.key}")
            if known.get(key) == version:
                report.unchanged.append(key)
                continue
            article = _entry(db, fetcher, feed, entry, key, url, report)
            if article is not None:
                pending.append((article, "reextract" if key in known else "new"))
        return _unique(db, pending, report), "feed", feed.title
    key = _key(url)
    if key in known and known[key] == version and not changed:
        report.unchanged.append(key)
        return [], "page", None
    article = parse_page(content, file=key, url=url, source_kind="url")
    return _unique(db, [(article, "changed" if key in known else "new")], report), "page", article.headline


def _entry(db: Database, fetcher: Fetcher, feed: Feed, entry, key: str, url: str, report: IndexReport) -> ParsedArticle | None:
    try:
        return entry_article(entry, feed, file=key, source=url, fetch_page=lambda link: linked_page(db, fetcher, link, report))
    except ArticleError as error:
        report.skipped.append((key, str(error)))
        return None


def linked_page(db: Database, fetcher: Fetcher, link: str, report: IndexReport | None = None) -> bytes | None:
    """A feed entry's page: the stored copy if we have one, else fetched once; None if it cannot be had."""
    with db.session() as s:
        cached = s.get(FetchedRow, link)
    if cached is not None:
        return cached.content
    try:
        got = fetcher.get(link)
    except FetchError as error:
        if report is not None:
            report.warnings.append((link, f"linked page not fetched ({error}); the feed's own text is used"))
        return None
    if got.content:
        _store(db, link, got.content, got.etag, got.last_modified, got.content_type)
    return got.content


def _unique(db: Database, pending: list[tuple[ParsedArticle, Change]], report: IndexReport) -> list[tuple[ParsedArticle, Change]]:
    """Drop articles whose canonical URL another article already has (one story reached twice)."""
    out, seen = [], {}
    for article, kind in pending:
        if article.url:
            with db.session() as s:
                other = s.scalar(select(ArticleRow.file).where(ArticleRow.url == article.url, ArticleRow.file != article.file).limit(1))
            other = other or seen.get(article.url)
            if other:
                report.skipped.append((article.file, f"same story as {other} (both are {article.url})"))
                continue
            seen[article.url] = article.file
        out.append((article, kind))
    return out


def _record(
    db: Database, url: str, *, status: FetchStatus, error: str | None = None, kind: SourceKind | None = None, title: str | None = None
) -> None:
    with db.session() as s, s.begin():
        row = s.get(SourceRow, url)
        if row is None:
            return
        row.last_fetch, row.status, row.error = utcnow(), status, error
        row.failures = (row.failures or 0) + 1 if status == "error" else 0
        row.kind = kind or row.kind
        row.title = title or row.title


def _key(address: str) -> str:
    """An address as an article's key (the `file` column), hashed when too long to store."""
    if len(address) <= MAX_KEY:
        return address
    return address[:400] + "#" + hashlib.sha256(address.encode()).hexdigest()[:16]
