"""Stories: group articles the way an editor would (re-filed versions folded, several outlets' reports joined).

Grouping works in two passes over the articles of one digest.

1. **Versions** (`story_versions.py`). A re-filed or updated article (`(3rd LD)`, `(4th LD)`, a wire story republished by
   another site) folds into its newest version. Two articles are versions of one another when their
   headlines are the same once update labels and punctuation are gone (and cosine >= 0.25), or their
   bodies are near-duplicates (cosine >= 0.6, then over their first 12 paragraphs word 5-shingle
   Jaccard >= 0.5, or >= 0.7 of the smaller article's shingles inside the larger: an update that adds
   paragraphs), or the same outlet, an update label on either, and cosine >= 0.5.
2. **Stories.** The version groups are clustered by **average linkage** (UPGMA on the sparse graph of
   candidate pairs): two clusters join only while the mean link over *all* their cross pairs stays
   >= `STORY_LINK` (a pair that is not a candidate counts as 0), so one strong pair cannot chain two
   events through a third article. A story must agree on time: every two of its dates at most
   `WINDOW_DAYS` apart (a date without a year read at its nearest). A cluster with no date at all
   joins only on strong evidence: a mean link >= `UNDATED_LINK`, or >= `STORY_LINK` and at least
   `UNDATED_MARGIN` above its link to any other story (two quakes of one country: it must be clearly
   one of them).

A pair's similarity is the mean of two TF-IDF cosines (the vectors: `story_vectors.py`): over all content words (the headline and lead
count twice; capitalised words and numbers such as `6.1` or `1,200` weigh 1.5) and over the specific
terms only (names, numbers, and the people, places and event kinds the extractor found, those of the
lead weighing most). Its link is that similarity, lifted to `QUOTE_LINK` by a shared quoted passage
of 8+ words, lifted to `EVENT_LINK` when both leads report one event (two of its people, or its kind
and place, at overlapping dates), and lowered by `CONFLICT_PENALTY` when both leads report an event
of the same kind dated within a week at times that do not meet (a second missile launch a week
later). An article with no date of its own is dated by its event's date when that is a week or less.

Candidate pairs come from blocking, not from all pairs: each article's `SIGNATURE` heaviest terms go
into an inverted index (terms held by more than `BLOCK_CAP` articles left out), and two articles are
compared only when they share `BLOCK_SHARED` of them (also `story_vectors.py`). Measured with `bench/stories_bench.py`.

A sentence-embedding model was measured and not adopted: WordLlama (`l2_supercat`, 256 dims, weights
in its wheel, 33 MB) separates same-story from other pairs of the development sets with AUC 0.993,
these features with 0.996, and their mix with 0.996 (it embedded 50 articles in 0.11 s on this
loaded 2-core machine): a dependency and a model for no measurable gain.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime

import numpy as np

from briefings.dates import PartialDate
from briefings.leads import EVENT_SPAN_DAYS, LeadEvent, lead_events, share_lead_event
from briefings.linkage import average_linkage
from briefings.story_vectors import StoryDoc, Vectors, candidate_pairs, vectorize
from briefings.story_versions import headline_key, ld_rank, shared_quote_pairs, version_groups

QUOTE_LINK = 0.5
PAIR_FLOOR = 0.1  # below this a pair counts as unrelated (0) in the averages
EVENT_LINK = 0.35
EVENT_MIN_COSINE = 0.15
CONFLICT_PENALTY = 0.3
STORY_SHARED_QUOTES = 3
QUOTE_MIN_COSINE = 0.15


# --- dates ----------------------------------------------------------------------------------


def story_date(doc: StoryDoc) -> str | None:
    """The day an article reports, as a (partial) ISO date: its own date, else that of the event it reports."""
    d = PartialDate.from_iso(doc.date) if doc.date else None
    if d and d.month and d.day:
        return doc.date
    return _event_date(doc.extraction or {})


def _event_date(extraction: dict) -> str | None:
    """The middle of the first event date range that is a week or less and has a year."""
    for event in extraction.get("events", []):
        for span in event.get("dates", []) if isinstance(event, dict) else []:
            try:
                lo, hi = date(*span["lo"]), date(*span["hi"])
            except (KeyError, TypeError, ValueError):
                continue
            if 0 <= (hi - lo).days <= EVENT_SPAN_DAYS:
                return date.fromordinal(lo.toordinal() + (hi - lo).days // 2).isoformat()
    return None


def default_year(docs: Iterable[StoryDoc], fallback: int | None = None) -> int:
    """The latest year the docs are dated in: the year a date without one is read in."""
    return max((int(d.date[:4]) for d in docs if d.date and d.date[:1].isdigit()), default=fallback or date.today().year)


def sort_date(iso: str | None, year: int) -> tuple[int, int, int]:
    """A sortable (year, month, day) of a partial ISO date; a date without a year is read in `year`."""
    d = PartialDate.from_iso(iso) if iso else None
    if not d:
        return (0, 0, 0)
    return (d.year or year, d.month or 0, d.day or 0)


# --- stories ----------------------------------------------------------------------------------


def similar_pairs(
    docs: Sequence[StoryDoc], vectors: Vectors, quotes: dict[tuple[int, int], int]
) -> dict[tuple[int, int], tuple[float, float]]:
    """(cosine, similarity) of every candidate pair (blocked, sharing a quote, or the same headline) from `PAIR_FLOOR` up.

    Similarity is the mean of the cosine over all terms and the cosine over the specific ones (names,
    places, numbers, kinds): two reports of one event share both its words and its particulars.
    """
    extra: set[tuple[int, int]] = set(quotes)
    keys: dict[str, list[int]] = {}
    for i, d in enumerate(docs):
        keys.setdefault(headline_key(d.headline), []).append(i)
    for same in keys.values():
        extra.update((a, b) for x, a in enumerate(same) for b in same[x + 1 :])
    pairs = candidate_pairs(vectors)
    if extra:
        pairs = np.unique(np.concatenate([pairs, np.asarray(sorted(extra), dtype=np.int64).reshape(-1, 2)]), axis=0)
    cosines = vectors.cosines(pairs)
    near = np.flatnonzero(cosines >= PAIR_FLOOR)
    pairs, cosines = pairs[near], cosines[near]
    specific = vectors.only_specific().cosines(pairs)
    scores = (cosines + specific) / 2
    return {(i, j): (c, s) for (i, j), c, s in zip(pairs.tolist(), cosines.tolist(), scores.tolist(), strict=True)}


def group_stories(docs: Sequence[StoryDoc]) -> list[list[list[StoryDoc]]]:
    """Stories as lists of version groups (each a list of versions, newest first)."""
    if not docs:
        return []
    vectors = vectorize(docs)
    quotes = shared_quote_pairs(docs)
    sims = similar_pairs(docs, vectors, quotes)
    versions = version_groups(docs, sorted(sims), {p: c for p, (c, _) in sims.items()})
    year = default_year(docs)

    def newest(i: int) -> tuple:
        d = docs[i]
        return (sort_date(d.date, year), ld_rank(d.update_label), d.indexed_at or datetime.min, d.row_id)

    groups = [sorted(g, key=newest, reverse=True) for g in versions.members.values()]
    node_of = {m: n for n, g in enumerate(groups) for m in g}
    leads = [lead_events(d.extraction) for d in docs]
    edges: dict[tuple[int, int], float] = {}
    for (i, j), (_, s) in sims.items():
        a, b = sorted((node_of[i], node_of[j]))
        if a == b:
            continue
        edges[(a, b)] = max(edges.get((a, b), -1.0), _link(s, quotes.get((i, j), 0), leads[i], leads[j]))
    dates = [next((d for d in (story_date(docs[m]) for m in g) if d), None) for g in groups]
    return [[[docs[m] for m in groups[n]] for n in cluster] for cluster in average_linkage(dates, edges)]


def _link(similarity: float, shared_quotes: int, a: list[LeadEvent], b: list[LeadEvent]) -> float:
    """A pair's link strength: its similarity, lifted by a shared quote or lead event, lowered by a lead event at another time."""
    if shared_quotes >= STORY_SHARED_QUOTES and similarity >= QUOTE_MIN_COSINE:
        return max(similarity, QUOTE_LINK)  # the same words quoted: the same statement reported
    if any(x.conflicts(y) for x in a for y in b) and not share_lead_event(a, b):
        return similarity - CONFLICT_PENALTY  # the same kind of event on other days: another launch, another vote
    if similarity >= EVENT_MIN_COSINE and share_lead_event(a, b):
        return max(similarity, EVENT_LINK)  # the same event in both leads: who, where, when agree
    return similarity
