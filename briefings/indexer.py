"""Keep the database in step with the corpus folder, one article per transaction."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from functools import partial
from pathlib import Path
from typing import Literal, Protocol

from sqlalchemy import delete, select

from briefings.corpus import CLEANER_VERSION, ArticleError, ParsedArticle, content_hash
from briefings.documents import parse_document
from briefings.feeds import PageFetcher, feed_file_articles, is_feed_file
from briefings.files import Entry, FileSkipped, non_prose_reason, read_file, scan
from briefings.models import text_values
from briefings.person_types import people_to_json
from briefings.quotes import quotes_to_json
from briefings.store import ArticleRow, Database, utcnow
from briefings.summary import summarize

log = logging.getLogger(__name__)

# Set when articles change, cleared once people and events are rebuilt from them: a run killed in
# between leaves it set, and the next run completes the rebuild even if no file changed.
REBUILD_PENDING = "rebuild_pending"


class Enricher(Protocol):
    """What the indexer asks of the NLP side: per-article extraction and a cross-article rebuild."""

    version: str

    def extract(self, articles: Sequence[ParsedArticle]) -> list[dict]:
        """One extraction document per article, in order."""

    def submit(self, articles: Sequence[ParsedArticle]) -> Callable[[], list[dict]]:
        """Start extracting a batch; the function returned waits for it and gives what `extract` would.

        The indexer cleans the next batch and writes the previous one while this one is extracted.
        """

    def rebuild(self, db: Database) -> None:
        """Recompute what spans articles (people, events) from the stored extractions."""


Change = Literal["new", "changed", "reextract"]  # why an article is (re)written: a new file, a changed one, a new extractor


class CorpusError(Exception):
    """The corpus folder cannot be used; the message says what to do."""


@dataclass
class IndexReport:
    """What one indexing run did, file by file."""

    new: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    reextracted: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)

    @property
    def indexed(self) -> int:
        """Articles in the index after the run that came from readable files."""
        return len(self.new) + len(self.changed) + len(self.unchanged) + len(self.reextracted)

    def to_dict(self) -> dict:
        """The report as `index --json` prints it (skips and warnings as objects)."""
        return asdict(self) | {
            "skipped": [{"file": f, "reason": r} for f, r in self.skipped],
            "warnings": [{"file": f, "warning": w} for f, w in self.warnings],
        }


def corpus_files(corpus_dir: Path) -> list[Entry]:
    """The entries of a corpus folder that could be articles, in name order (hidden files left out), each with a skip reason or None."""
    if not corpus_dir.exists():
        raise CorpusError(f"corpus folder {corpus_dir} does not exist; set BRIEFINGS_CORPUS_DIR to a folder of article files")
    if not corpus_dir.is_dir():
        raise CorpusError(f"corpus path {corpus_dir} is not a folder; set BRIEFINGS_CORPUS_DIR to a folder of article files")
    return scan(corpus_dir)


def index_corpus(
    db: Database,
    corpus_dir: Path,
    *,
    max_bytes: int = 2_000_000,
    enricher: Enricher | None = None,
    progress: Callable[[str], None] | None = None,
    batch_size: int = 64,
    fetch_page: PageFetcher | None = None,
) -> IndexReport:
    """Bring the index in line with the folder: add new files, redo changed ones, drop deleted ones.

    A feed file gives one article per entry (`feed.xml#<entry>`); `fetch_page` reads an entry's
    linked page when the feed carries only a summary.
    """
    entries = corpus_files(corpus_dir)
    run = _Run(db, enricher, progress, batch_size, fetch_page, known=_known_files(db))
    for entry in entries:
        run.take(entry, max_bytes)
    run.flush()
    run.land()
    _drop_gone(run)
    _finish_rebuild(db, enricher)
    db.set_meta("last_indexed", utcnow().isoformat(timespec="seconds"))
    return run.report


def _known_files(db: Database) -> dict[str, tuple[str, str | None]]:
    """The folder's articles the index holds: file -> (content hash, index version)."""
    with db.session() as s:
        return {
            row.file: (row.content_hash, row.extractor_version)
            for row in s.execute(
                # Articles from remote sources are not the folder's: a rescan leaves them alone.
                select(ArticleRow.file, ArticleRow.content_hash, ArticleRow.extractor_version).where(
                    ~(ArticleRow.source.startswith("http://") | ArticleRow.source.startswith("https://"))
                )
            )
        }


@dataclass
class _Run:
    """One indexing run: what the index held, what the folder has shown so far, and the batch waiting to be written."""

    db: Database
    enricher: Enricher | None
    progress: Callable[[str], None] | None
    batch_size: int
    fetch_page: PageFetcher | None
    known: dict[str, tuple[str, str | None]]
    report: IndexReport = field(default_factory=IndexReport)
    seen_files: set[str] = field(default_factory=set)
    pending: list[tuple[ParsedArticle, Change]] = field(default_factory=list)
    seen_hashes: dict[str, str] = field(default_factory=dict)  # content hash -> the file that had it first
    seen_urls: dict[str, str] = field(default_factory=dict)  # canonical URL -> the file that gave it
    flight: _Batch | None = None  # the batch being extracted while the next one is read

    def take(self, entry: Entry, max_bytes: int) -> None:
        """Read one folder entry and queue what it gives (or record why it is skipped or unchanged)."""
        name = entry.name
        self.seen_files.add(name)
        try:
            if entry.skip:
                raise FileSkipped(entry.skip)
            data = read_file(entry.path, max_bytes)
        except FileSkipped as error:
            _skip(self.report, name, str(error), self.progress)
            return
        digest = content_hash(data)
        if digest in self.seen_hashes:
            _skip(self.report, name, f"same content as {self.seen_hashes[digest]}", self.progress)
            return
        self.seen_hashes[digest] = name
        if is_feed_file(name, data):
            version = index_version(self.enricher)
            _feed_file(data, name, self.known, version, self.pending, self.report, self.seen_files, self.fetch_page, self.progress)
            return
        kind = self._change(name, digest)
        if kind is not None:
            self._queue(data, name, kind)

    def _change(self, name: str, digest: str) -> Change | None:
        """`new`, `changed` or `reextract` for a file to (re)index; None (recorded as unchanged) for one to leave."""
        previous = self.known.get(name)
        if not previous or previous[0] != digest:
            return "changed" if previous else "new"
        if previous[1] != index_version(self.enricher):
            return "reextract"
        self.report.unchanged.append(name)
        _tick(self.progress, name)
        return None

    def _queue(self, data: bytes, name: str, kind: Change) -> None:
        """Parse a file into the batch (unless it is no article, or the same story as another), writing a full batch."""
        try:
            article = read_article(data, name)
        except ArticleError as error:
            _skip(self.report, name, str(error), self.progress)
            return
        if article.url and (other := self.seen_urls.get(article.url) or _same_url(self.db, article)):
            _skip(self.report, name, f"same story as {other} (both are {article.url})", self.progress)
            return
        if article.url:
            self.seen_urls[article.url] = name
        self.pending.append((article, kind))
        if len(self.pending) >= self.batch_size:
            self.flush()

    def flush(self) -> None:
        """Send the waiting batch to the enricher, and write the one sent before (extracted meanwhile)."""
        if self.pending:
            batch = _submit(self.pending, self.enricher)
            self.pending = []
            self.land()
            self.flight = batch

    def land(self) -> None:
        """Write the batch in flight, if any, once its extractions are in."""
        if self.flight is not None:
            _store(self.db, self.flight, self.enricher, self.report, self.progress)
            self.flight = None


def _drop_gone(run: _Run) -> None:
    """Remove the articles of deleted files; an unreadable file keeps its last good version (with a warning)."""
    report, db = run.report, run.db
    for name, _reason in report.skipped:
        if name in run.known:
            report.warnings.append((name, "kept the previously indexed version"))
    gone = [f for f in run.known if f not in run.seen_files]
    if gone:
        _mark_rebuild(db, run.enricher)
    for name in gone:
        with db.session() as s, s.begin():
            s.execute(delete(ArticleRow).where(ArticleRow.file == name))
        report.removed.append(name)


def _finish_rebuild(db: Database, enricher: Enricher | None) -> None:
    """Rebuild people and events when articles changed (now or in an interrupted run) or the extractor did."""
    if enricher is not None and (db.get_meta(REBUILD_PENDING) or db.get_meta("rebuilt_version") != enricher.version):
        log.info("rebuilding people and events (pending since %s)", db.get_meta(REBUILD_PENDING) or "a version change")
        enricher.rebuild(db)
        db.set_meta("rebuilt_version", enricher.version)
        db.set_meta(REBUILD_PENDING, "")


def read_article(data: bytes, name: str) -> ParsedArticle:
    """A file's bytes as a clean article, or ArticleError saying why they are none (binary, empty, not prose)."""
    article = parse_document(data, name=name)
    reason = non_prose_reason("\n".join(article.body))
    if reason:
        raise ArticleError(reason)
    return article


def _mark_rebuild(db: Database, enricher: Enricher | None) -> None:
    # Recorded before the first change is written, so an interruption anywhere after it is repaired.
    if enricher is not None and not db.get_meta(REBUILD_PENDING):
        db.set_meta(REBUILD_PENDING, utcnow().isoformat(timespec="seconds"))


@dataclass
class _Batch:
    """Articles sent to the enricher, and the function that waits for their extractions."""

    pending: list[tuple[ParsedArticle, Change]]
    extractions: Callable[[], list[dict | None]]


def _submit(pending: list[tuple[ParsedArticle, Change]], enricher: Enricher | None) -> _Batch:
    if enricher is None:
        return _Batch(pending, lambda: [None] * len(pending))
    try:
        return _Batch(pending, enricher.submit([a for a, _ in pending]))
    except Exception as error:  # a batch extracted here and now that failed: _store retries it article by article
        return _Batch(pending, partial(_raise, error))


def _raise(error: Exception) -> list[dict | None]:
    raise error


def _write(
    db: Database,
    pending: list[tuple[ParsedArticle, Change]],
    enricher: Enricher | None,
    report: IndexReport,
    progress: Callable[[str], None] | None,
) -> None:
    """Extract a batch of articles and store them."""
    _store(db, _submit(pending, enricher), enricher, report, progress)


def _store(db: Database, batch: _Batch, enricher: Enricher | None, report: IndexReport, progress: Callable[[str], None] | None) -> None:
    """Wait for a batch's extractions and write its articles in one transaction (an interrupted run leaves whole articles)."""
    pending, extractions = _extract(batch, enricher, report, progress)
    if pending:
        _mark_rebuild(db, enricher)
    version = index_version(enricher)
    with db.session() as s, s.begin():
        for article, extraction in zip((a for a, _ in pending), extractions, strict=True):
            s.execute(delete(ArticleRow).where((ArticleRow.file == article.file) | (ArticleRow.content_hash == article.content_hash)))
            s.add(to_row(article, extraction, version))
            s.flush()  # the next article's delete must see this one (the same story twice in a batch keeps the later)
    for article, kind in pending:
        {"new": report.new, "changed": report.changed, "reextract": report.reextracted}[kind].append(article.file)
        report.warnings.extend((article.file, w) for w in article.warnings)
        _tick(progress, article.file)


def _extract(
    batch: _Batch,
    enricher: Enricher | None,
    report: IndexReport,
    progress: Callable[[str], None] | None,
) -> tuple[list[tuple[ParsedArticle, Change]], list[dict | None]]:
    """Extractions for a batch; when the batch fails, article by article, skipping (with the reason) those that fail alone."""
    pending = batch.pending
    if enricher is None:
        return pending, [None] * len(pending)
    try:
        return pending, list(batch.extractions())
    except Exception:
        log.warning("extraction of a batch of %d articles failed; trying them one by one", len(pending))
    kept: list[tuple[ParsedArticle, Change]] = []
    extractions: list[dict | None] = []
    for item in pending:
        try:
            extractions.append(enricher.extract([item[0]])[0])
        except Exception as error:  # one article the NLP cannot take must not stop the run
            log.exception("extraction failed for %s", item[0].file)
            _skip(report, item[0].file, f"could not be analysed ({type(error).__name__}); see the log", progress)
            continue
        kept.append(item)
    return kept, extractions


def index_version(enricher: Enricher | None) -> str:
    """What produced a stored article: the cleaner's version and the extractor's (redone when either changes)."""
    return f"{CLEANER_VERSION}/{enricher.version if enricher else 'text'}"


def to_row(article: ParsedArticle, extraction: dict | None, version: str | None) -> ArticleRow:
    """The database row for a parsed article."""
    summary = extraction.pop("summary", None) if extraction else None
    if not summary:
        summary = summarize(article)
    return ArticleRow(
        **text_values(article),
        content_hash=article.content_hash,
        source_kind=article.source_kind,
        source=article.source or article.file,
        url=article.url or "",
        dateline_date=article.dateline_date.iso() if article.dateline_date else None,
        published_date=article.published.date.iso() if article.published.date else None,
        published_source=article.published.source,
        published_confidence=article.published.confidence,
        page_date=article.page_date.iso() if article.page_date else None,
        outlet_evidence=article.outlet_evidence,
        summary=summary,
        # The storage edge: typed quotes, people and mentions become JSON.
        extraction=people_to_json(quotes_to_json(extraction)) if extraction else extraction,
        extractor_version=version,
        indexed_at=utcnow(),
    )


def _feed_file(
    data: bytes,
    name: str,
    known: dict[str, tuple[str, str | None]],
    version: str,
    pending: list[tuple[ParsedArticle, Change]],
    report: IndexReport,
    seen: set[str],
    fetch_page: PageFetcher | None,
    progress: Callable[[str], None] | None,
) -> None:
    """Queue a feed file's new and changed entries; its unchanged entries stay as they are."""
    try:
        articles, same, bad = feed_file_articles(data, name, unchanged=lambda key, h: known.get(key) == (h, version), fetch_page=fetch_page)
    except ArticleError as error:
        seen.update(k for k in known if k.startswith(f"{name}#"))  # an unreadable feed file loses none of its entries
        _skip(report, name, str(error), progress)
        return
    seen.update([*same, *(a.file for a in articles), *(k for k, _ in bad)])
    report.unchanged.extend(same)
    for key, reason in bad:
        _skip(report, key, reason, progress)
    pending.extend(
        (a, "reextract" if a.file in known and known[a.file][0] == a.content_hash else "changed" if a.file in known else "new")
        for a in articles
    )


def _same_url(db: Database, article: ParsedArticle) -> str | None:
    """Another indexed article with the same canonical URL (the same story reached twice), if any."""
    with db.session() as s:
        return s.scalar(select(ArticleRow.file).where(ArticleRow.url == article.url, ArticleRow.file != article.file).limit(1))


def _skip(report: IndexReport, name: str, reason: str, progress: Callable[[str], None] | None) -> None:
    log.warning("skipped %s: %s", name, reason)
    report.skipped.append((name, reason))
    _tick(progress, name)


def _tick(progress: Callable[[str], None] | None, name: str) -> None:
    if progress is not None:
        progress(name)
