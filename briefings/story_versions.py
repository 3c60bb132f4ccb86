"""Versions of one article: a re-filed or updated report (`(3rd LD)`), or a wire story another site republished.

Two articles are versions of one another when their headlines are the same once update labels and
punctuation are gone (and cosine >= 0.25), or their bodies are near-duplicates (cosine >= 0.6, then
over their first 12 paragraphs word 5-shingle Jaccard >= 0.5, or >= 0.7 of the smaller article's
shingles inside the larger: an update that adds paragraphs), or the same outlet, an update label on
either, and cosine >= 0.5. Shared quoted passages (6-word shingles) are counted here too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from briefings.linkage import WINDOW_DAYS, days_apart
from briefings.sentences import WORD, split_sentences
from briefings.story_vectors import StoryDoc
from briefings.summary import BOILERPLATE

VERSION_JACCARD = 0.5
VERSION_CONTAINMENT = 0.7
VERSION_SAME_OUTLET_COSINE = 0.5
VERSION_SAME_HEADLINE_COSINE = 0.25
VERSION_SHINGLE_COSINE = 0.6  # bodies are compared shingle by shingle only from this cosine up
SHINGLE_PARAGRAPHS = 12  # versions share their top; an update adds paragraphs further down
QUOTED = re.compile(r"[\"“]([^\"“”]{15,}?)[\"”]")
LD_NUMBER = re.compile(r"(\d+)(?:st|nd|rd|th)\s+(?:LD|LEAD)|(?:UPDATE|WRITETHRU)\s*(\d+)", re.I)


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


def version_groups(docs: Sequence[StoryDoc], pairs: Iterable[tuple[int, int]], sims: dict) -> _Groups:
    """The articles joined into version groups (re-filed, updated, republished copies) over the candidate pairs and their cosines."""
    shingles: dict[int, set[int]] = {}

    def body(i: int) -> set[int]:
        if i not in shingles:
            shingles[i] = _body_shingles(docs[i])
        return shingles[i]

    keys = [headline_key(d.headline) for d in docs]
    groups = _Groups(len(docs))
    for i, j in pairs:
        s = sims[(i, j)]
        if s < min(VERSION_SAME_HEADLINE_COSINE, 0.3) or not dates_compatible(docs[i], docs[j]):
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


def dates_compatible(a: StoryDoc, b: StoryDoc) -> bool:
    """Whether two articles are dated close enough to be versions of one another (or one is undated)."""
    gap = days_apart(a.date, b.date)
    return gap is None or gap <= WINDOW_DAYS


def ld_rank(label: str | None) -> int:
    """How late a re-filed version is: `(3rd LD)` is 3, an unnumbered update 1, an original 0."""
    if not label:
        return 0
    m = LD_NUMBER.search(label)
    if m:
        return int(m[1] or m[2])
    return 1 if re.search(r"\b(lead|update|writethru|corrected|recast)\b", label, re.I) else 0
