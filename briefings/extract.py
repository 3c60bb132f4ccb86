"""The indexer's NLP step: extract each article once, then rebuild what spans articles."""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence

from sqlalchemy import delete, select

from briefings.corpus import ParsedArticle
from briefings.event_merge import resolve_events
from briefings.events import extract_events
from briefings.models import Article, Event, Person
from briefings.nlp import pipe
from briefings.organisations import organisations_in
from briefings.people import extract_people, full_name_parts
from briefings.resolve import resolve_people
from briefings.store import ArticleRow, Database, EventRow, PersonRow

log = logging.getLogger(__name__)

# Bump when extraction changes: stored extractions of another version are redone on the next index run.
EXTRACTOR_VERSION = "nlp-10"
PARALLEL_FROM = 400  # paragraphs in one batch before a second process pays for itself


class NlpEnricher:
    """People, quotes, roles and events from articles, with spaCy; the indexer calls it."""

    version = EXTRACTOR_VERSION

    def __init__(self, *, n_process: int | None = None, batch_size: int = 64) -> None:
        # None: one process for small batches, every core for big ones (a process costs ~1 s to start).
        self.n_process = n_process
        self.batch_size = batch_size

    def extract(self, articles: Sequence[ParsedArticle]) -> list[dict]:
        """One extraction document per article: people, quotes, mentions, events."""
        texts: list[str] = []
        for a in articles:
            texts.extend(a.body)
            texts.extend(a.captions)
        n_process = self.n_process or (min(2, os.cpu_count() or 1) if len(texts) >= PARALLEL_FROM else 1)
        docs = iter(pipe(texts, batch_size=self.batch_size, n_process=n_process))
        split = []
        for a in articles:
            body = [next(docs) for _ in a.body]
            captions = [next(docs) for _ in a.captions]
            split.append((a, body, captions))
        # Family names the batch gives in full help each article find the bare ones the model missed.
        known = frozenset(full_name_parts([d for _, body, captions in split for d in (*body, *captions)]))
        results = []
        for a, body, captions in split:
            extraction = extract_people(body, captions, known)
            extraction["events"] = extract_events(a, body, captions, extraction)
            extraction["organisations"] = organisations_in([*body, *captions])
            results.append(extraction)
        return results

    def rebuild(self, db: Database) -> None:
        """Recompute people and events of the whole corpus from the stored extractions."""
        rebuild_people_and_events(db)


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
        s.add_all(PersonRow(id=p.id, name=p.name, data=p.to_dict()) for p in people)
        s.add_all(EventRow(id=e.id, title=e.title, date=e.date, data=e.to_dict(full=True)) for e in events)
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
