"""Stories: group articles the way an editor would (re-filed versions folded, several outlets' reports joined).

Grouping works in two passes over the articles of one digest.

1. **Versions.** A re-filed or updated article (`(3rd LD)`, `(4th LD)`, a wire story republished by
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

A pair's similarity is the mean of two TF-IDF cosines: over all content words (the headline and lead
count twice; capitalised words and numbers such as `6.1` or `1,200` weigh 1.5) and over the specific
terms only (names, numbers, and the people, places and event kinds the extractor found, those of the
lead weighing most). Its link is that similarity, lifted to `QUOTE_LINK` by a shared quoted passage
of 8+ words, lifted to `EVENT_LINK` when both leads report one event (two of its people, or its kind
and place, at overlapping dates), and lowered by `CONFLICT_PENALTY` when both leads report an event
of the same kind dated within a week at times that do not meet (a second missile launch a week
later). An article with no date of its own is dated by its event's date when that is a week or less.

Candidate pairs come from blocking, not from all pairs: each article's `SIGNATURE` heaviest terms go
into an inverted index (terms held by more than `BLOCK_CAP` articles left out), and two articles are
compared only when they share `BLOCK_SHARED` of them. Measured with `bench/stories_bench.py`.

A sentence-embedding model was measured and not adopted: WordLlama (`l2_supercat`, 256 dims, weights
in its wheel, 33 MB) separates same-story from other pairs of the development sets with AUC 0.993,
these features with 0.996, and their mix with 0.996 (it embedded 50 articles in 0.11 s on this
loaded 2-core machine): a dependency and a model for no measurable gain.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache

import numpy as np

from briefings.dates import PartialDate
from briefings.leads import EVENT_SPAN_DAYS, LEAD_PARAGRAPHS, LeadEvent, lead_events, name_key, share_lead_event
from briefings.linkage import WINDOW_DAYS, average_linkage, days_apart
from briefings.models import ArticleRef
from briefings.sentences import WORD, split_sentences
from briefings.summary import BOILERPLATE

VERSION_JACCARD = 0.5
VERSION_CONTAINMENT = 0.7
VERSION_SAME_OUTLET_COSINE = 0.5
VERSION_SAME_HEADLINE_COSINE = 0.25
VERSION_SHINGLE_COSINE = 0.6  # bodies are compared shingle by shingle only from this cosine up
QUOTE_LINK = 0.5
PAIR_FLOOR = 0.1  # below this a pair counts as unrelated (0) in the averages
EVENT_LINK = 0.35
EVENT_MIN_COSINE = 0.15
CONFLICT_PENALTY = 0.3
STORY_SHARED_QUOTES = 3
QUOTE_MIN_COSINE = 0.15
SHINGLE_PARAGRAPHS = 12  # versions share their top; an update adds paragraphs further down
FEATURE_PARAGRAPHS = 8  # late paragraphs are background many stories share; reading them costs time
SIGNATURE = 20
BLOCK_CAP = 100
BLOCK_SHARED = 2
NAME_WEIGHT = 1.5
NUMBER_WEIGHT = 1.5
ENTITY_WEIGHT = 2.0
LEAD_ENTITY_WEIGHT = 4.0

STOP = set(
    """a an the and or but if of to in on at by for with from as is are was were be been being has have had do does did
    will would can could should may might must shall this that these those it its he she they them his her their we our
    you your i me my us not no nor so than then there here who whom whose which what when where why how all any both each
    few more most other some such only own same too very just also into over after before about against between through
    during out off up down again further once said says say told tell added according while amid since until under one
    two new last next first year years week day days time monday tuesday wednesday thursday friday saturday sunday
    official officials mr ms per cent percent report reported reports""".split()  # noqa: SIM905 - a word list reads better as prose
)
TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[A-Za-z][A-Za-z'’\-]*[A-Za-z]|[A-Za-z]")
QUOTED = re.compile(r"[\"“]([^\"“”]{15,}?)[\"”]")
LD_NUMBER = re.compile(r"(\d+)(?:st|nd|rd|th)\s+(?:LD|LEAD)|(?:UPDATE|WRITETHRU)\s*(\d+)", re.I)
MONTHS = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "january", "february",
          "march", "april", "june", "july", "august", "september", "october", "november", "december"}  # fmt: skip


@dataclass
class StoryDoc:
    """One article as grouping sees it: metadata, body, summary and what the extractor found."""

    row_id: str
    content_hash: str
    headline: str
    headline_text: bool
    outlet: str | None
    date: str | None
    update_label: str | None
    body: list[str]
    summary: list[str]
    indexed_at: datetime | None
    extraction: dict | None = None
    features: dict[str, float] = field(default_factory=dict)
    specific: set[str] = field(default_factory=set)  # the terms that name something: names, places, numbers, kinds

    def ref(self) -> ArticleRef:
        return ArticleRef(self.row_id, self.headline, self.outlet, self.date)


# --- features ---------------------------------------------------------------------------------


def _words(text: str) -> Iterable[tuple[str, float]]:
    """(term, weight) for the text's content words: names and numbers weigh more than common words."""
    for w in TOKEN.findall(text):
        term = _term(w)
        if term:
            yield term


@lru_cache(maxsize=200_000)
def _term(w: str) -> tuple[str, float] | None:
    if w[0].isdigit():
        if len(w) >= 2 and not (len(w) == 4 and w[:2] in ("19", "20")):
            return w.replace(",", ""), NUMBER_WEIGHT  # a count, a magnitude, a toll (a year tells little)
        return None
    low = w.lower().replace("’", "'")
    if low in STOP or low in MONTHS or len(low) < 2:
        return None
    if len(low) > 4 and low.endswith("s") and not low.endswith("ss"):
        low = low[:-1]  # a crude plural fold: `missiles`/`missile`, enough for overlap
    return low, NAME_WEIGHT if w[0].isupper() else 1.0


def tokens(text: str) -> list[str]:
    """The content words of a text, lower-cased (what sentence comparisons use)."""
    return [t for t, _ in _words(text)]


def features(doc: StoryDoc) -> dict[str, float]:
    """Weighted term counts of an article: headline and lead twice, then names, places and kinds from the extraction."""
    if doc.features:
        return doc.features
    counts: dict[str, float] = {}
    lead = " ".join([doc.headline, *doc.body[:LEAD_PARAGRAPHS]])
    rest = " ".join(doc.body[LEAD_PARAGRAPHS:FEATURE_PARAGRAPHS])
    for text, weight in ((lead, 2.0), (rest, 1.0)):
        for w, n in Counter(TOKEN.findall(text)).items():
            term = _term(w)
            if term:
                counts[term[0]] = counts.get(term[0], 0.0) + weight * term[1] * n
                if term[1] > 1.0:
                    doc.specific.add(term[0])
    for term, weight in _entity_terms(doc.extraction or {}):
        counts[term] = counts.get(term, 0.0) + weight
        doc.specific.add(term)
    doc.features = counts
    return counts


def _entity_terms(extraction: dict) -> list[tuple[str, float]]:
    """Who, where and what kind, as terms of their own (`@kimjongun`, `#seoul`, `!summit`); the lead's weigh most."""
    weights: dict[str, float] = {}

    def add(term: str, weight: float) -> None:
        weights[term] = max(weights.get(term, 0.0), weight)

    lead_people = {
        m.get("person") for m in extraction.get("mentions", []) if isinstance(m, dict) and (m.get("para") or 0) < LEAD_PARAGRAPHS
    }
    for p in extraction.get("people", []):
        if isinstance(p, dict) and p.get("name"):
            add(f"@{name_key(p['name'])}", LEAD_ENTITY_WEIGHT if p["name"] in lead_people else ENTITY_WEIGHT)
    for event in extraction.get("events", []):
        if not isinstance(event, dict):
            continue
        lead = min(event.get("paras") or [99]) < LEAD_PARAGRAPHS
        weight = LEAD_ENTITY_WEIGHT if lead else 1.0
        if event.get("kind"):
            add(f"!{str(event['kind']).lower()}", weight)
        for place in event.get("places", []):
            name = place.get("name") if isinstance(place, dict) else place
            if name:
                add(f"#{name_key(str(name))}", weight)
        if lead:
            for name in event.get("participants", []):
                add(f"@{name_key(str(name))}", LEAD_ENTITY_WEIGHT)
    return list(weights.items())


@dataclass
class Vectors:
    """L2-normalised TF-IDF vectors of some docs as CSR arrays (row i: `indices[indptr[i]:indptr[i + 1]]`)."""

    indptr: np.ndarray
    indices: np.ndarray
    data: np.ndarray
    df: np.ndarray
    specific: np.ndarray  # per entry: the term names something (a name, place, number or kind)

    def only_specific(self) -> Vectors:
        """The same vectors restricted to their specific terms, normalised again."""
        keep = self.specific
        doc_of = np.repeat(np.arange(len(self.indptr) - 1), np.diff(self.indptr))[keep]
        data = self.data[keep]
        norms = np.sqrt(np.bincount(doc_of, weights=data * data, minlength=len(self.indptr) - 1))
        indptr = np.zeros_like(self.indptr)
        indptr[1:] = np.cumsum(np.bincount(doc_of, minlength=len(self.indptr) - 1))
        return Vectors(indptr, self.indices[keep], data / np.where(norms > 0, norms, 1.0)[doc_of], self.df, keep[keep])

    def cosine(self, i: int, j: int) -> float:
        """The cosine of two docs."""
        return float(self.cosines(np.array([[i, j]], dtype=np.int64))[0])

    def cosines(self, pairs: np.ndarray) -> np.ndarray:
        """The cosines of many (i, j) pairs at once (one scatter per distinct i, one gather for all its j)."""
        out = np.zeros(len(pairs), dtype=np.float64)
        if not len(pairs):
            return out
        order = np.argsort(pairs[:, 0], kind="stable")
        firsts = pairs[order, 0]
        starts = np.flatnonzero(np.r_[True, firsts[1:] != firsts[:-1]])
        ends = np.r_[starts[1:], len(order)]
        lengths = np.diff(self.indptr)
        dense = np.zeros(len(self.df), dtype=np.float64)
        for start, end in zip(starts.tolist(), ends.tolist(), strict=True):
            i = int(firsts[start])
            lo, hi = self.indptr[i], self.indptr[i + 1]
            dense[self.indices[lo:hi]] = self.data[lo:hi]
            js = pairs[order[start:end], 1]
            counts = lengths[js]
            flat = _ranges(self.indptr[js], counts)
            if len(flat):
                sums = np.add.reduceat(dense[self.indices[flat]] * self.data[flat], np.r_[0, np.cumsum(counts)[:-1]])
                out[order[start:end]] = np.where(counts > 0, sums, 0.0)
            dense[self.indices[lo:hi]] = 0.0
        return out

    def heaviest(self, k: int, usable: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(doc, term) of each doc's `k` heaviest terms among the `usable` term ids (a boolean mask)."""
        docs = np.repeat(np.arange(len(self.indptr) - 1), np.diff(self.indptr))
        keep = usable[self.indices]
        docs, terms, weights = docs[keep], self.indices[keep], self.data[keep]
        order = np.lexsort((-weights, docs))
        docs, terms = docs[order], terms[order]
        first = np.r_[0, np.flatnonzero(docs[1:] != docs[:-1]) + 1] if len(docs) else np.zeros(0, dtype=np.int64)
        rank = np.arange(len(docs)) - np.repeat(first, np.diff(np.r_[first, len(docs)]))
        return docs[rank < k], terms[rank < k]


def _ranges(starts: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """The concatenation of range(start, start + count) for each pair, without a Python loop."""
    total = int(counts.sum())
    if not total:
        return np.zeros(0, dtype=np.int64)
    offsets = np.repeat(starts - np.r_[0, np.cumsum(counts)[:-1]], counts)
    return np.arange(total, dtype=np.int64) + offsets


def vectorize(docs: Sequence[StoryDoc]) -> Vectors:
    """TF-IDF vectors of the docs (sublinear tf, smoothed idf over these docs)."""
    ids: dict[str, int] = {}
    terms: list[int] = []
    counts: list[float] = []
    flags: list[bool] = []
    lengths = []
    for d in docs:
        row = features(d)
        terms += [ids.setdefault(t, len(ids)) for t in row]
        counts += row.values()
        flags += [t in d.specific for t in row]
        lengths.append(len(row))
    term_ids = np.asarray(terms, dtype=np.int64)
    df = np.bincount(term_ids, minlength=len(ids))
    idf = np.log((1 + len(docs)) / (1 + df)) + 1
    weights = (1 + np.log(np.maximum(np.asarray(counts, dtype=np.float64), 1.0))) * idf[term_ids]
    doc_of = np.repeat(np.arange(len(docs)), lengths)
    norms = np.sqrt(np.bincount(doc_of, weights=weights * weights, minlength=len(docs)))
    weights = weights / np.where(norms > 0, norms, 1.0)[doc_of]
    indptr = np.zeros(len(docs) + 1, dtype=np.int64)
    indptr[1:] = np.cumsum(lengths)
    return Vectors(indptr, term_ids, weights, df, np.asarray(flags, dtype=bool))


@lru_cache(maxsize=512)
def _pairs_of(n: int) -> tuple[np.ndarray, np.ndarray]:
    """Every (a, b) with a < b < n, as two index arrays (most posting lists are short and of a few sizes)."""
    return np.triu_indices(n, 1)


def candidate_pairs(vectors: Vectors, *, signature: int = SIGNATURE, cap: int = BLOCK_CAP, min_shared: int = BLOCK_SHARED) -> np.ndarray:
    """(i, j) pairs, i < j, that share `min_shared` of their heaviest terms (blocking): the pairs worth a cosine, not all pairs."""
    docs, terms = vectors.heaviest(signature, (vectors.df > 1) & (vectors.df <= cap))
    order = np.argsort(terms, kind="stable")
    docs, terms = docs[order], terms[order]
    n = len(vectors.indptr) - 1
    keys = []
    bounds = np.r_[0, np.flatnonzero(terms[1:] != terms[:-1]) + 1, len(terms)] if len(terms) else np.zeros(1, dtype=np.int64)
    for lo, hi in zip(bounds[:-1].tolist(), bounds[1:].tolist(), strict=True):
        if hi - lo > 1:
            a, b = _pairs_of(hi - lo)
            held = docs[lo:hi]
            keys.append(np.minimum(held[a], held[b]) * n + np.maximum(held[a], held[b]))
    if not keys:
        return np.zeros((0, 2), dtype=np.int64)
    unique, counts = np.unique(np.concatenate(keys), return_counts=True)
    unique = unique[counts >= min_shared]
    return np.stack([unique // n, unique % n], axis=1)


# --- versions -------------------------------------------------------------------------------


def headline_key(headline: str) -> str:
    """A headline without update labels, case or punctuation: equal keys mean the same article."""
    text = re.sub(r"^\s*[(\[][^)\]]{1,30}[)\]]\s*", "", headline)
    return " ".join(WORD.findall(text.lower()))


def _shingles(words: list[str], k: int) -> set[int]:
    return {hash(tuple(words[i : i + k])) for i in range(len(words) - k + 1)}


def _body_shingles(doc: StoryDoc) -> set[int]:
    return _shingles(WORD.findall(" ".join(doc.body[:SHINGLE_PARAGRAPHS]).lower()), 5)


def _quote_shingles(doc: StoryDoc) -> set[int]:
    out: set[int] = set()
    for paragraph in doc.body:
        if "“" not in paragraph and '"' not in paragraph:
            continue
        for sentence in split_sentences(paragraph):
            if BOILERPLATE.search(sentence):
                continue
            for m in QUOTED.finditer(sentence):
                out |= _shingles(WORD.findall(m[1].lower().replace("’", "")), 6)
    return out


def shared_quote_pairs(docs: Sequence[StoryDoc]) -> dict[tuple[int, int], int]:
    """How many quoted 6-word shingles each pair of docs shares (a passage quoted by >10 docs is a slogan: ignored)."""
    index: dict[int, list[int]] = {}
    for i, d in enumerate(docs):
        for sh in _quote_shingles(d):
            index.setdefault(sh, []).append(i)
    counts: dict[tuple[int, int], int] = {}
    for holders in index.values():
        if 1 < len(holders) <= 10:
            for x, a in enumerate(holders):
                for b in holders[x + 1 :]:
                    counts[(a, b)] = counts.get((a, b), 0) + 1
    return counts


def _is_version(a: StoryDoc, b: StoryDoc, same_headline: bool, cosine: float, sa: set[int], sb: set[int]) -> bool:
    if same_headline and cosine >= VERSION_SAME_HEADLINE_COSINE:
        return True
    if a.outlet and a.outlet == b.outlet and (a.update_label or b.update_label) and cosine >= VERSION_SAME_OUTLET_COSINE:
        return True
    if not sa or not sb:
        return False
    inter = len(sa & sb)
    return inter / len(sa | sb) >= VERSION_JACCARD or inter / min(len(sa), len(sb)) >= VERSION_CONTAINMENT


class _Groups:
    """Union-find with members listed per root."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))
        self.members = {i: [i] for i in range(n)}

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> int:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[rb] = ra
            self.members[ra] += self.members.pop(rb)
        return ra


def _version_groups(docs: Sequence[StoryDoc], pairs: Iterable[tuple[int, int]], sims: dict) -> _Groups:
    shingles: dict[int, set[int]] = {}

    def body(i: int) -> set[int]:
        if i not in shingles:
            shingles[i] = _body_shingles(docs[i])
        return shingles[i]

    keys = [headline_key(d.headline) for d in docs]
    groups = _Groups(len(docs))
    for i, j in pairs:
        s = sims[(i, j)]
        if s < min(VERSION_SAME_HEADLINE_COSINE, 0.3) or not _dates_compatible(docs[i], docs[j]):
            continue
        if _is_version(
            docs[i],
            docs[j],
            keys[i] == keys[j] and bool(keys[i]),
            s,
            body(i) if s >= VERSION_SHINGLE_COSINE else set(),
            body(j) if s >= VERSION_SHINGLE_COSINE else set(),
        ):
            groups.union(i, j)
    return groups


# --- dates ----------------------------------------------------------------------------------


def _dates_compatible(a: StoryDoc, b: StoryDoc) -> bool:
    gap = days_apart(a.date, b.date)
    return gap is None or gap <= WINDOW_DAYS


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


def ld_rank(label: str | None) -> int:
    """How late a re-filed version is: `(3rd LD)` is 3, an unnumbered update 1, an original 0."""
    if not label:
        return 0
    m = LD_NUMBER.search(label)
    if m:
        return int(m[1] or m[2])
    return 1 if re.search(r"\b(lead|update|writethru|corrected|recast)\b", label, re.I) else 0


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
    versions = _version_groups(docs, sorted(sims), {p: c for p, (c, _) in sims.items()})
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
