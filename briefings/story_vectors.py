"""Articles as grouping sees them (`StoryDoc`), their weighted terms, TF-IDF vectors, and the blocking that picks pairs.

An article's terms are its content words (the headline and lead count twice; capitalised words and
numbers such as `6.1` or `1,200` weigh 1.5) plus the people, places and event kinds the extractor
found, those of the lead weighing most. Candidate pairs come from blocking, not from all pairs: each
article's `SIGNATURE` heaviest terms go into an inverted index (terms held by more than `BLOCK_CAP`
articles left out), and two articles are compared only when they share `BLOCK_SHARED` of them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache

import numpy as np

from briefings.leads import LEAD_PARAGRAPHS, name_key
from briefings.models import ArticleRef

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
