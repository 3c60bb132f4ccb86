"""Digests: the stories of the articles a channel has not been sent, each summarised once from all its sources.

Grouping lives in `briefings.stories` (versions folded, outlets' reports joined by average linkage);
the merged summary in `briefings.summary.merge_summaries`.

History: a channel's digest holds the articles whose content hash it has not been sent
(`DigestItemRow`), so an updated article (new hash) makes its story news again. `since` keeps
articles dated on or after that day; an article with no full date (none, or no year) is judged by
the day it entered the index, since that is when it became news to us.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date

from sqlalchemy import select

from briefings.dates import PartialDate
from briefings.models import Digest, Folded, Participant, Person, Quote, Story
from briefings.store import ArticleRow, Database, DigestItemRow
from briefings.stories import StoryDoc, default_year, group_stories, sort_date
from briefings.story_vectors import vectorize
from briefings.summary import merge_summaries

DEFAULT_CHANNEL = "default"  # the history used when no channel is named (the command line)
MAX_PEOPLE = 5


# --- loading --------------------------------------------------------------------------------


def load_candidates(db: Database, *, channel: str | None, since: date | None, include_sent: bool) -> list[StoryDoc]:
    """The articles a digest for this channel would hold: not yet sent there, and dated on/after `since`."""
    cols = (
        ArticleRow.id,
        ArticleRow.content_hash,
        ArticleRow.headline,
        ArticleRow.headline_source,
        ArticleRow.outlet,
        ArticleRow.published_date,
        ArticleRow.update_label,
        ArticleRow.body,
        ArticleRow.summary,
        ArticleRow.indexed_at,
        ArticleRow.extraction,
    )
    with db.session() as s:
        rows = s.execute(select(*cols).order_by(ArticleRow.file)).all()
        sent = (
            set()
            if include_sent
            else set(s.scalars(select(DigestItemRow.article_hash).where(DigestItemRow.channel == (channel or DEFAULT_CHANNEL))))
        )
    docs = []
    for r in rows:
        if r.content_hash in sent:
            continue
        doc = StoryDoc(
            r.id,
            r.content_hash,
            r.headline,
            r.headline_source == "text",
            r.outlet,
            r.published_date,
            r.update_label,
            list(r.body or []),
            list(r.summary or []),
            r.indexed_at,
            r.extraction if isinstance(r.extraction, dict) else None,
        )
        if since is not None and _day_of(doc) < since:
            continue
        docs.append(doc)
    return docs


def _day_of(doc: StoryDoc) -> date:
    full = _full_date(doc.date)
    if full:
        return full
    return doc.indexed_at.date() if doc.indexed_at else date.max


def _full_date(iso: str | None) -> date | None:
    d = PartialDate.from_iso(iso) if iso else None
    return d.to_date() if d else None


# --- stories -------------------------------------------------------------------------------


def build_story(versions: list[list[StoryDoc]], people: Sequence[Person] = ()) -> Story:
    """One story from its version groups: headline, merged summary, people, a quote, date, sources and folded versions."""
    sources = [g[0] for g in versions]
    # The lead is the report closest to all the others, with a headline of its own (not one cut from its lead).
    vectors = vectorize(sources) if len(sources) > 1 else None
    central = [sum(vectors.cosine(i, j) for j in range(len(sources)) if j != i) if vectors else 0.0 for i in range(len(sources))]
    order = sorted(range(len(sources)), key=lambda i: (sources[i].headline_text, bool(sources[i].summary), central[i]), reverse=True)
    lead = sources[order[0]]
    year = default_year(sources)
    rest = sorted((d for d in sources if d is not lead), key=lambda d: sort_date(d.date, year), reverse=True)
    sources = [lead, *rest]
    all_ids = {d.row_id for g in versions for d in g}
    ranked = _rank_people(people, all_ids)
    merged = merge_summaries([d.summary for d in sources], headline=lead.headline)
    return Story(
        headline=lead.headline,
        summary=[sentence for _, sentence in merged],
        people=[_participant(p, all_ids) for p in ranked[:MAX_PEOPLE]],
        quote=_pick_quote(ranked, all_ids),
        date=max((d.date for d in sources if d.date), key=lambda iso: sort_date(iso, year), default=None),
        sources=[d.ref() for d in sources],
        article_hashes=[d.content_hash for g in versions for d in g],
        summary_sources=[sources[n].ref() for n, _ in merged],
        folded=[Folded(old.ref(), g[0].row_id) for g in versions for old in g[1:]],
    )


def _rank_people(people: Sequence[Person], ids: set[str]) -> list[Person]:
    scored = []
    for p in people:
        hits = sum(1 for a in p.articles if a.id in ids)
        if hits:
            # How often these articles name them (a passing mention of a famous name ranks low).
            here = sum(n for a, n in p.article_mentions.items() if a in ids) if p.article_mentions else p.mentions
            scored.append((hits, here, p))
    scored.sort(key=lambda t: (t[0], t[1]), reverse=True)
    return [p for _, _, p in scored]


def _participant(person: Person, ids: set[str]) -> Participant:
    role = next((r for r in person.roles if r.article_id in ids), None) or person.role
    return Participant(person.name, role.label() if role else None, person.id)


def _pick_quote(ranked: list[Person], ids: set[str]) -> Quote | None:
    """The most important person's quote of moderate length (8-45 words), stated rather than inferred."""
    best: tuple | None = None
    for rank, person in enumerate(ranked):
        for q in person.quotes:
            if q.article_id not in ids or not q.text:
                continue
            n = len(q.text.split())
            score = (not 8 <= n <= 45, q.inferred or not q.speaker, rank, abs(n - 25))
            if best is None or score < best[0]:
                best = (score, q if q.speaker else replace(q, speaker=person.name))
    return best[1] if best else None


# --- the digest ----------------------------------------------------------------------------


def build_digest(
    db: Database,
    *,
    channel: str | None = None,
    since: date | None = None,
    include_sent: bool = False,
    people: Sequence[Person] | Callable[[set[str]], Sequence[Person]] = (),
    today: date | None = None,
) -> Digest:
    """The stories of the articles not yet sent to `channel` (all of them with `include_sent`), most important first.

    `people`: everyone who may appear, or a function giving the people of a set of article ids.
    """
    docs = load_candidates(db, channel=channel, since=since, include_sent=include_sent)
    if callable(people):
        people = people({d.row_id for d in docs})
    stories = [build_story(versions, people=people) for versions in group_stories(docs)]
    year = default_year(docs, (today or date.today()).year)
    stories.sort(key=lambda s: (len(s.sources), sort_date(s.date, year), s.headline), reverse=True)
    return Digest(date=(today or date.today()).isoformat(), channel=channel, stories=stories)


def mark_sent(db: Database, digest: Digest, channel: str | None, key: str) -> int:
    """Record every article of the digest as sent to `channel` under `key`; returns how many were new."""
    channel = channel or DEFAULT_CHANNEL
    hashes = list(dict.fromkeys(h for story in digest.stories for h in story.article_hashes))
    if not hashes:
        return 0
    with db.session() as s, s.begin():
        known = set(
            s.scalars(select(DigestItemRow.article_hash).where(DigestItemRow.channel == channel, DigestItemRow.article_hash.in_(hashes)))
        )
        new = [h for h in hashes if h not in known]
        s.add_all(DigestItemRow(channel=channel, article_hash=h, digest_key=key[:40]) for h in new)
    return len(new)
