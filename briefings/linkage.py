"""Average-linkage clustering of a sparse similarity graph, under the constraint that a cluster agrees on time.

Two clusters join, best pair first, only while the mean link over all their cross pairs stays at or
above `STORY_LINK` (pairs with no edge count as 0): a cluster is coherent as a whole, and a bridge
article cannot chain two groups together the way single linkage does. Every two dates of a cluster
are at most `WINDOW_DAYS` apart. A cluster with no date joins only on strong evidence: a mean link
of `UNDATED_LINK`, or of `STORY_LINK` and `UNDATED_MARGIN` above its link to any other cluster.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from briefings.dates import PartialDate

STORY_LINK = 0.3
UNDATED_LINK = 0.4
UNDATED_MARGIN = 0.1  # below UNDATED_LINK, an undated cluster must prefer this story by this much
WINDOW_DAYS = 7


def days_apart(a: str | None, b: str | None) -> int | None:
    """Days between two ISO dates as `PartialDate.iso()` writes them; None when either is not a day."""
    da, db_ = PartialDate.from_iso(a) if a else None, PartialDate.from_iso(b) if b else None
    if not da or not db_ or not da.day or not db_.day or not da.month or not db_.month:
        return None
    if da.year and db_.year:
        x, y = da.to_date(), db_.to_date()
        return abs((x - y).days) if x and y else None
    # A date without its year: take the nearest reading (the other's year, or the one before or after).
    known, partial = (da, db_) if da.year else (db_, da)
    base = date(known.year or 2000, known.month, known.day)
    best = None
    for year in (base.year - 1, base.year, base.year + 1):
        try:
            other = date(year, partial.month, partial.day)
        except ValueError:
            continue
        gap = abs((other - base).days)
        best = gap if best is None else min(best, gap)
    return best


@dataclass
class _Cluster:
    size: int
    dates: frozenset[str]  # the distinct dates of its members (a date without a year read at its nearest)
    stamp: int = 0

    def agrees_with(self, other: _Cluster) -> bool:
        """Every pair of dates across the two is at most `WINDOW_DAYS` apart."""
        for x in self.dates:
            for y in other.dates:
                gap = days_apart(x, y)
                if gap is not None and gap > WINDOW_DAYS:
                    return False
        return True


def average_linkage(dates: Sequence[str | None], edges: dict[tuple[int, int], float]) -> list[list[int]]:
    """Clusters of nodes joined by average linkage over `edges`, agreeing on time, undated ones on strong evidence."""
    clusters = {i: _Cluster(1, frozenset([d] if d else [])) for i, d in enumerate(dates)}
    members = {i: [i] for i in range(len(dates))}
    nbr: dict[int, dict[int, float]] = {i: {} for i in range(len(dates))}
    for (a, b), w in edges.items():
        nbr[a][b] = nbr[a].get(b, 0.0) + w
        nbr[b][a] = nbr[b].get(a, 0.0) + w
    heap = [(-w, a, b, 0, 0) for (a, b), w in edges.items()]
    heapq.heapify(heap)
    while heap:
        neg, a, b, sa, sb = heapq.heappop(heap)
        if -neg < STORY_LINK:
            break
        ca, cb = clusters.get(a), clusters.get(b)
        if ca is None or cb is None or ca.stamp != sa or cb.stamp != sb:
            continue  # a stale entry: one side has grown or gone since
        if (not ca.dates or not cb.dates) and not _strong(-neg, a, b, clusters, nbr):
            continue  # an undated cluster joins only on strong evidence
        if not ca.agrees_with(cb):
            continue
        _merge(a, b, clusters, members, nbr)
        for k, total in nbr[a].items():
            ck = clusters[k]
            heapq.heappush(heap, (-total / (clusters[a].size * ck.size), a, k, clusters[a].stamp, ck.stamp))
    return list(members.values())


def _strong(link: float, a: int, b: int, clusters: dict[int, _Cluster], nbr: dict[int, dict[int, float]]) -> bool:
    """Strong evidence for joining an undated cluster: a high link, or a link clearly above its link to any other story."""
    if link >= UNDATED_LINK:
        return True
    for side, other in ((a, b), (b, a)):
        if clusters[side].dates:
            continue
        size = clusters[side].size
        rivals = (total / (size * clusters[k].size) for k, total in nbr[side].items() if k != other)
        if max(rivals, default=0.0) > link - UNDATED_MARGIN:
            return False
    return True


def _merge(a: int, b: int, clusters: dict[int, _Cluster], members: dict[int, list[int]], nbr: dict[int, dict[int, float]]) -> None:
    ca, cb = clusters[a], clusters.pop(b)
    clusters[a] = _Cluster(ca.size + cb.size, ca.dates | cb.dates, ca.stamp + 1)
    members[a] += members.pop(b)
    for k, w in nbr.pop(b).items():
        nbr[k].pop(b, None)
        if k == a:
            continue
        nbr[a][k] = nbr[a].get(k, 0.0) + w
        nbr[k][a] = nbr[k].get(a, 0.0) + w
    nbr[a].pop(b, None)
