"""The core's front door: one object that indexes, lists and answers, built in one place."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from pathlib import Path

from sqlalchemy import func, select

from briefings.digest import build_digest
from briefings.digest import mark_sent as record_sent
from briefings.indexer import Enricher, IndexReport, corpus_files, index_corpus
from briefings.models import Article, Digest
from briefings.store import ArticleRow, Database, EventRow, PersonRow


class Briefings:
    """Index a corpus folder into a database and answer questions from it."""

    def __init__(self, db: Database, corpus_dir: Path, *, max_file_bytes: int = 2_000_000, enricher: Enricher | None = None) -> None:
        self.db = db
        self.corpus_dir = corpus_dir
        self.max_file_bytes = max_file_bytes
        self.enricher = enricher

    def count_corpus_files(self) -> int:
        """How many files the next index run will look at."""
        return len(corpus_files(self.corpus_dir))

    def index(self, *, progress: Callable[[str], None] | None = None) -> IndexReport:
        """Bring the index in step with the corpus folder."""
        return index_corpus(self.db, self.corpus_dir, max_bytes=self.max_file_bytes, enricher=self.enricher, progress=progress)

    def articles(self) -> list[Article]:
        """Every indexed article, newest story first (undated last)."""
        articles = [Article.from_row(r) for r in self.db.articles()]
        return sorted(articles, key=lambda a: (a.published.get("date") or "", a.file), reverse=True)

    def stats(self) -> dict:
        """The corpus at a glance: articles, people, events, when it was last indexed."""
        with self.db.session() as s:
            return {
                "articles": s.scalar(select(func.count()).select_from(ArticleRow)) or 0,
                "people": s.scalar(select(func.count()).select_from(PersonRow)) or 0,
                "events": s.scalar(select(func.count()).select_from(EventRow)) or 0,
                "last_indexed": self.db.get_meta("last_indexed"),
            }

    def article(self, key: str) -> Article | None:
        """One article by id, unique id prefix, or file name."""
        with self.db.session() as s:
            row = s.get(ArticleRow, key) or s.scalar(select(ArticleRow).where(ArticleRow.file == key))
            if row is None and len(key) >= 4:
                rows = list(s.scalars(select(ArticleRow).where(ArticleRow.id.startswith(key)).limit(2)))
                row = rows[0] if len(rows) == 1 else None
            return Article.from_row(row) if row else None

    def digest(self, channel: str | None = None, since: date | None = None, include_sent: bool = False) -> Digest:
        """The stories of the articles not yet sent to `channel`, most important first (nothing is marked sent)."""
        people = []
        lookup = getattr(self, "people", None)
        if callable(lookup):
            try:
                people = list(lookup() or [])
            except Exception:  # a digest without people beats no digest
                logging.getLogger(__name__).exception("digest: people unavailable; stories go out without them")
        return build_digest(self.db, channel=channel, since=since, include_sent=include_sent, people=people)

    def mark_sent(self, digest: Digest, channel: str | None, key: str) -> int:
        """Record the digest's articles as sent to `channel` under `key`; returns how many were new."""
        return record_sent(self.db, digest, channel, key)


def build_briefings(*, database_url: str, corpus_dir: Path, max_file_bytes: int = 2_000_000, enricher: Enricher | None = None, nlp: bool = True) -> Briefings:
    """Wire the core from plain values (the entry points read the settings).

    The NLP enricher is the default; `nlp=False` indexes text and metadata only (used by
    tests and benchmarks that do not need people and events). spaCy loads only when an
    article actually needs extracting.
    """
    if enricher is None and nlp:
        from briefings.extract import NlpEnricher

        enricher = NlpEnricher()
    return Briefings(Database(database_url), Path(corpus_dir), max_file_bytes=max_file_bytes, enricher=enricher)
