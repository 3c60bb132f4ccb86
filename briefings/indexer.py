"""Keep the database in step with the corpus folder, one article per transaction."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from sqlalchemy import delete, select

from briefings.corpus import CLEANER_VERSION, ArticleError, ParsedArticle, content_hash
from briefings.documents import parse_document
from briefings.store import ArticleRow, Database, utcnow
from briefings.summary import summarize

log = logging.getLogger(__name__)

IGNORED_NAMES = {"readme", "readme.md", "readme.txt", "license", "license.txt"}


class Enricher(Protocol):
    """What the indexer asks of the NLP side: per-article extraction and a cross-article rebuild."""

    version: str

    def extract(self, articles: Sequence[ParsedArticle]) -> list[dict]:
        """One extraction document per article, in order."""

    def rebuild(self, db: Database) -> None:
        """Recompute what spans articles (people, events) from the stored extractions."""


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
        return {
            "new": self.new,
            "changed": self.changed,
            "unchanged": self.unchanged,
            "removed": self.removed,
            "reextracted": self.reextracted,
            "skipped": [{"file": f, "reason": r} for f, r in self.skipped],
            "warnings": [{"file": f, "warning": w} for f, w in self.warnings],
        }


def corpus_files(corpus_dir: Path) -> list[Path]:
    """The files of a corpus folder that could be articles, in name order (hidden files left out)."""
    if not corpus_dir.exists():
        raise CorpusError(f"corpus folder {corpus_dir} does not exist; set BRIEFINGS_CORPUS_DIR to a folder of article files")
    if not corpus_dir.is_dir():
        raise CorpusError(f"corpus path {corpus_dir} is not a folder; set BRIEFINGS_CORPUS_DIR to a folder of article files")
    files = []
    for path in sorted(corpus_dir.rglob("*")):
        rel = path.relative_to(corpus_dir)
        if any(part.startswith(".") for part in rel.parts) or not path.is_file():
            continue
        if path.name.lower() in IGNORED_NAMES:
            continue
        files.append(path)
    return files


def index_corpus(
    db: Database,
    corpus_dir: Path,
    *,
    max_bytes: int = 2_000_000,
    enricher: Enricher | None = None,
    progress: Callable[[str], None] | None = None,
    batch_size: int = 64,
) -> IndexReport:
    """Bring the index in line with the folder: add new files, redo changed ones, drop deleted ones."""
    files = corpus_files(corpus_dir)
    report = IndexReport()
    with db.session() as s:
        known = {
            row.file: (row.content_hash, row.extractor_version)
            for row in s.execute(select(ArticleRow.file, ArticleRow.content_hash, ArticleRow.extractor_version))
        }
    seen_files: set[str] = set()
    pending: list[tuple[ParsedArticle, str]] = []  # (article, "new" | "changed" | "reextract")
    seen_hashes: dict[str, str] = {}
    seen_urls: dict[str, str] = {}  # canonical URL -> the file that gave it

    for path in files:
        name = str(path.relative_to(corpus_dir))
        seen_files.add(name)
        try:
            size = path.stat().st_size
            if size > max_bytes:
                raise ArticleError(f"too large ({size:,} bytes; the limit is {max_bytes:,}, BRIEFINGS_MAX_FILE_BYTES)")
            data = path.read_bytes()
        except (OSError, ArticleError) as error:
            _skip(report, name, str(error), progress)
            continue
        digest = content_hash(data)
        if digest in seen_hashes:
            _skip(report, name, f"same content as {seen_hashes[digest]}", progress)
            continue
        seen_hashes[digest] = name
        previous = known.get(name)
        if previous and previous[0] == digest:
            if previous[1] != index_version(enricher):
                kind = "reextract"
            else:
                report.unchanged.append(name)
                _tick(progress, name)
                continue
        else:
            kind = "changed" if previous else "new"
        try:
            article = parse_document(data, name=name)
        except ArticleError as error:
            _skip(report, name, str(error), progress)
            continue
        if article.url and (other := seen_urls.get(article.url) or _same_url(db, article)):
            _skip(report, name, f"same story as {other} (both are {article.url})", progress)
            continue
        if article.url:
            seen_urls[article.url] = name
        pending.append((article, kind))
        if len(pending) >= batch_size:
            _write(db, pending, enricher, report, progress)
            pending = []
    if pending:
        _write(db, pending, enricher, report, progress)

    # A file that became unreadable keeps its last good version in the index (nothing is lost).
    for name, _reason in report.skipped:
        if name in known:
            report.warnings.append((name, "kept the previously indexed version"))
    gone = [f for f in known if f not in seen_files]
    for name in gone:
        with db.session() as s, s.begin():
            s.execute(delete(ArticleRow).where(ArticleRow.file == name))
        report.removed.append(name)
    if (enricher is not None and (report.new or report.changed or report.removed or report.reextracted)) or (
        enricher is not None and db.get_meta("rebuilt_version") != enricher.version
    ):
        enricher.rebuild(db)
    if enricher is not None:
        db.set_meta("rebuilt_version", enricher.version)
    db.set_meta("last_indexed", utcnow().isoformat(timespec="seconds"))
    return report


def _write(
    db: Database,
    pending: list[tuple[ParsedArticle, str]],
    enricher: Enricher | None,
    report: IndexReport,
    progress: Callable[[str], None] | None,
) -> None:
    extractions: Iterable[dict | None] = enricher.extract([a for a, _ in pending]) if enricher else [None] * len(pending)
    for (article, kind), extraction in zip(pending, extractions, strict=True):
        with db.session() as s, s.begin():
            # One transaction per article: an interrupted run leaves whole articles or none.
            s.execute(delete(ArticleRow).where((ArticleRow.file == article.file) | (ArticleRow.content_hash == article.content_hash)))
            s.add(to_row(article, extraction, index_version(enricher)))
        {"new": report.new, "changed": report.changed, "reextract": report.reextracted}[kind].append(article.file)
        report.warnings.extend((article.file, w) for w in article.warnings)
        _tick(progress, article.file)


def index_version(enricher: Enricher | None) -> str:
    """What produced a stored article: the cleaner's version and the extractor's (redone when either changes)."""
    return f"{CLEANER_VERSION}/{enricher.version if enricher else 'text'}"


def to_row(article: ParsedArticle, extraction: dict | None, version: str | None) -> ArticleRow:
    """The database row for a parsed article."""
    summary = extraction.pop("summary", None) if extraction else None
    if not summary:
        summary = summarize(article)
    return ArticleRow(
        id=article.id,
        content_hash=article.content_hash,
        file=article.file,
        source_kind=article.source_kind,
        source=article.source or article.file,
        url=article.url or "",
        headline=article.headline,
        headline_source=article.headline_source,
        outlet=article.outlet,
        wire=article.wire,
        site=article.site,
        authors=article.authors,
        contributors=article.contributors,
        dateline_place=article.dateline_place,
        dateline_date=article.dateline_date.iso() if article.dateline_date else None,
        published_date=article.published.date.iso() if article.published.date else None,
        published_source=article.published.source,
        published_confidence=article.published.confidence,
        page_date=article.page_date.iso() if article.page_date else None,
        update_label=article.update_label,
        editor_notes=article.editor_notes,
        outlet_evidence=article.outlet_evidence,
        warnings=article.warnings,
        body=article.body,
        captions=article.captions,
        summary=summary,
        extraction=extraction,
        extractor_version=version,
        indexed_at=utcnow(),
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
