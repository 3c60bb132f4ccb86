"""The indexer's NLP step: extract each article once, then rebuild what spans articles."""

from __future__ import annotations

import gc
import logging
import multiprocessing
import os
import weakref
from collections.abc import Callable, Sequence
from multiprocessing.pool import Pool

from sqlalchemy import delete, insert, select

from briefings.corpus import ParsedArticle
from briefings.event_merge import resolve_events
from briefings.events import extract_events
from briefings.models import Article, Event, Person
from briefings.names import name_hints
from briefings.nlp import BATCH_TEXTS, bounded_paragraphs, load_nlp, pipe
from briefings.organisations import organisations_in
from briefings.people import extract_people, full_name_parts
from briefings.resolve import resolve_people
from briefings.snapshot import save_snapshot
from briefings.store import ArticleRow, Database, EventRow, PersonRow

log = logging.getLogger(__name__)

# Bump when extraction changes: stored extractions of another version are redone on the next index run.
EXTRACTOR_VERSION = "nlp-16"
PARALLEL_FROM = 40  # paragraphs in one batch before sharing it with the (already started) workers pays


class NlpEnricher:
    """People, quotes, roles and events from articles, with spaCy; the indexer calls it.

    A big batch is shared among worker processes that each run the whole extraction on their
    share of the articles and send back plain extraction documents (no spaCy Docs cross
    processes). The workers are started once, forked after the model is loaded, and serve
    every batch of the enricher's life; a small batch (one new article) stays in this process.
    """

    version = EXTRACTOR_VERSION

    def __init__(self, *, n_process: int | None = None, batch_size: int = BATCH_TEXTS) -> None:
        # None: one process for small batches, every core (up to two) for big ones.
        self.n_process = n_process
        self.batch_size = batch_size
        self._pool: Pool | None = None

    def extract(self, articles: Sequence[ParsedArticle]) -> list[dict]:
        """One extraction document per article: people, quotes, mentions, events, organisations."""
        return self.submit(articles)()

    def submit(self, articles: Sequence[ParsedArticle]) -> Callable[[], list[dict]]:
        """Start extracting a batch: in the workers when it is big enough (this process goes on meanwhile), else here and now.

        The function returned waits for the batch and gives its documents in order.
        """
        paragraphs = sum(len(a.body) + len(a.captions) for a in articles)
        n_process = self.n_process or (min(2, os.cpu_count() or 1) if paragraphs >= PARALLEL_FROM else 1)
        if n_process <= 1 or len(articles) < 2:
            done = extract_articles(articles, batch_size=self.batch_size)
            return lambda: done
        shares = self._workers(n_process).map_async(extract_articles, _shares(articles, n_process * 2))
        return lambda: [doc for share in shares.get() for doc in share]

    def _workers(self, n_process: int) -> Pool:
        if self._pool is None:
            load_nlp()  # forked workers inherit the loaded model instead of loading it again
            # Frozen, the model's objects (alive as long as the process) are left out of every later garbage
            # collection, here and in the workers, whose pages the collector then never copies either.
            gc.freeze()
            self._pool = multiprocessing.get_context().Pool(n_process)
            weakref.finalize(self, self._pool.terminate)
        return self._pool

    def close(self) -> None:
        """Stop the worker processes, if any were started."""
        if self._pool is not None:
            self._pool.terminate()
            self._pool = None

    def rebuild(self, db: Database) -> None:
        """Recompute people and events of the whole corpus from the stored extractions."""
        rebuild_people_and_events(db)


def extract_articles(articles: Sequence[ParsedArticle], *, batch_size: int = BATCH_TEXTS) -> list[dict]:
    """Extraction documents for articles, computed in this process."""
    # A paragraph longer than the NLP's bound is read as several (cut at sentence ends): the rules
    # below look around each quote and name within its paragraph, which a 1 MB paragraph makes quadratic.
    bodies = [bounded_paragraphs(a.body) for a in articles]
    texts = [t for a, body in zip(articles, bodies, strict=True) for t in (*body, *a.captions)]
    docs = iter(pipe(texts, batch_size=batch_size))
    split = [(a, [next(docs) for _ in body], [next(docs) for _ in a.captions]) for a, body in zip(articles, bodies, strict=True)]
    # Family names these articles give in full help each one find the bare ones the model missed.
    every = [d for _, body, captions in split for d in (*body, *captions)]
    known, hints = frozenset(full_name_parts(every)), name_hints(every)
    results = []
    for a, body, captions in split:
        extraction = extract_people(body, captions, known, hints)
        # Stored as JSON (resolve_events reads them back as EventCandidates).
        extraction["events"] = [e.to_json() for e in extract_events(a, body, captions, extraction)]
        extraction["organisations"] = organisations_in([*body, *captions])
        results.append(extraction)
    return results


def _shares(articles: Sequence[ParsedArticle], n: int) -> list[list[ParsedArticle]]:
    """Articles in n runs of about equal text, in order (so results come back in order)."""
    sizes = [sum(map(len, a.body)) + sum(map(len, a.captions)) for a in articles]
    target = sum(sizes) / n
    shares: list[list[ParsedArticle]] = [[]]
    filled = 0.0
    for article, size in zip(articles, sizes, strict=True):
        if filled >= target and len(shares) < n:
            shares.append([])
            filled = 0.0
        shares[-1].append(article)
        filled += size
    return [s for s in shares if s]


def rebuild_people_and_events(db: Database) -> None:
    """Derived tables from per-article extractions, in one transaction."""
    with db.session() as s:
        rows = list(s.scalars(select(ArticleRow).where(ArticleRow.extraction.is_not(None))))
    # A fixed order (oldest story first) so the same corpus always resolves the same way.
    pairs = sorted(
        ((Article.from_row(r).ref(), r.extraction or {}) for r in rows), key=lambda p: (p[0].date is None, p[0].date or "", p[0].id)
    )
    people = resolve_people(pairs)
    events = resolve_events(pairs, people)
    link_occasions(people, events)
    with db.session() as s, s.begin():
        s.execute(delete(PersonRow))
        s.execute(delete(EventRow))
        # Core inserts of many rows at once: the ORM's unit of work costs more than the rows themselves here.
        if people:
            s.execute(insert(PersonRow), [{"id": p.id, "name": p.name, "data": p.to_dict()} for p in people])
        if events:
            s.execute(insert(EventRow), [{"id": e.id, "title": e.title, "date": e.date, "data": e.to_dict(full=True)} for e in events])
        save_snapshot(s, people, events)  # the lookup index the bot loads, of exactly these rows
    log.info("rebuilt %d people and %d events from %d articles", len(people), len(events), len(rows))


def link_occasions(people: Sequence[Person], events: Sequence[Event]) -> None:
    """Each quote said at an event knows its occasion (`Trilateral meeting in Jakarta`)."""
    by_name = {p.name: p for p in people}
    for event in events:
        for said in event.quotes:
            person = by_name.get(said.speaker or "")
            for quote in person.quotes if person else []:
                if quote.text == said.text and quote.event_id is None:
                    quote.event_id, quote.occasion = event.id, event.title
                    said.event_id, said.occasion = event.id, event.title
