"""Stories and digests: group new articles into stories, summarise each once, remember what each channel got.

Grouping works in two passes over the articles of one digest.

1. **Versions.** A re-filed or updated article (`(3rd LD)`, `(4th LD)`, a wire story republished by
   another site) collapses into its newest version; the older ones are not shown but are marked sent
   with the story. Two articles are versions of one another when their headlines are the same once
   update labels and punctuation are gone, or their bodies are near-duplicates: word 5-shingle
   Jaccard >= 0.5, or >= 0.7 of the smaller article's shingles inside the larger (an update that
   adds paragraphs), or the same outlet, an update label on either, and TF-IDF cosine >= 0.5.
2. **Stories.** Different outlets' reports of the same events become one story with several sources.
   Two articles can only share a story when their dates are compatible (both dated: at most 7 days
   apart, a date without a year read in the nearest year; an undated article is compatible with
   any), and every pair of a story's dated articles must stay compatible (complete linkage on
   dates), so a chain of follow-ups does not become one endless story. Within that:
   - strong links, merged in order of strength: TF-IDF cosine >= 0.35, or the same words quoted
     (>= 3 shared word 6-shingles inside quotation marks, i.e. a shared quoted passage of 8+ words;
     acronym boilerplate left out; a passage quoted by more than 10 articles ignored) with cosine >= 0.15;
   - then one loose round: two stories dated at most 7 days apart with cosine >= 0.25 (max linkage)
     join when each is the other's closest such story (mutual nearest neighbours).

The TF-IDF vectors use the headline and the first three paragraphs twice (the lead says what the
story is; late paragraphs are background that many stories share), sublinear tf, smoothed idf over
the digest's own articles, and a stop list of function words and newsroom words.

What was measured (cosine with these vectors):
- seeds: every pair lies between 0.19 and 0.29; all five are about North Korea and Russia, so text
  alone cannot tell them apart and the dates do most of the work. The Korea Herald/White House
  piece (001) and the undated AP (002) quote the same Kirby words (12 shared 6-shingles, cosine
  0.29); 001 (Sept. 14) and the Blinken/NBC piece (004, Sept. 20, no year) are 6 days apart at
  0.27 and each other's closest compatible story: one story, three sources. The Seoul talks (000,
  Nov. 9) and the Jakarta envoys (003, Oct. 17) are weeks from the others; the undated 002 shares no
  quote with them and stays under 0.35 with both (0.20, 0.23).
- the tests' articles: LD versions 0.82-0.96 (5-shingle Jaccard 0.51-0.91, containment 1.0); two
  outlets on one summit 0.54 (and 11 shared quote shingles); the same day's missile launch and
  summit, both naming Kim Jong-un: 0.09-0.12; an unrelated story < 0.05.
- the benchmark's synthetic corpus (1,001 articles, 556 true stories): same-story pairs 0.65-0.99,
  different-story pairs median 0.07, 99th percentile 0.22, maximum 0.39 (templated text shares far
  more than real stories do). Strong links alone give 549 stories, 542 of them pure;
  the loose round is what joins 001 and 004 on the seeds, and on that corpus it over-joins
  (414 stories, 277 pure, none split): it is the weakest rule, kept because a follow-up quoting other people
  a few days later is common news, and held back by the window and the mutual-nearest requirement.

History: a channel's digest holds the articles whose content hash it has not been sent
(`DigestItemRow`), so an updated article (new hash) makes its story news again. `since` keeps
articles dated on or after that day; an article with no full date (none, or no year) is judged by
the day it entered the index, since that is when it became news to us.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime

import numpy as np
from sqlalchemy import select

from briefings.dates import PartialDate
from briefings.models import ArticleRef, Digest, Participant, Person, Quote, Story
from briefings.sentences import WORD, split_sentences
from briefings.store import ArticleRow, Database, DigestItemRow
from briefings.summary import BOILERPLATE, repeats_headline

DEFAULT_CHANNEL = "default"  # the history used when no channel is named (the command line)

VERSION_JACCARD = 0.5
VERSION_CONTAINMENT = 0.7
VERSION_SAME_OUTLET_COSINE = 0.5
STORY_COSINE = 0.35
STORY_SHARED_QUOTES = 3
QUOTE_MIN_COSINE = 0.15
NEAR_DAYS = 7
NEAR_COSINE = 0.25
WINDOW_DAYS = 7
LEAD_PARAGRAPHS = 3

MAX_STORY_SENTENCES = 4
MAX_STORY_WORDS = 130
MAX_PEOPLE = 5
DUPLICATE_SENTENCE = 0.5  # content-word Jaccard above which two sentences say the same thing

STOP = set(
    """a an the and or but if of to in on at by for with from as is are was were be been being has have had do does did
    will would can could should may might must shall this that these those it its he she they them his her their we our
    you your i me my us not no nor so than then there here who whom whose which what when where why how all any both each
    few more most other some such only own same too very just also into over after before about against between through
    during out off up down again further once said says say told tell added according while amid since until under one
    two new last next first year years week day days time monday tuesday wednesday thursday friday saturday sunday
    official officials mr ms per cent percent report reported reports""".split()  # noqa: SIM905 - a word list reads better as prose
)
QUOTED = re.compile(r"[\"“]([^\"“”]{15,}?)[\"”]")
LD_NUMBER = re.compile(r"(\d+)(?:st|nd|rd|th)\s+(?:LD|LEAD)|(?:UPDATE|WRITETHRU)\s*(\d+)", re.I)


@dataclass
class _Doc:
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
    features: dict[str, float] = field(default_factory=dict)

    def ref(self) -> ArticleRef:
        return ArticleRef(self.row_id, self.headline, self.outlet, self.date)


# --- loading --------------------------------------------------------------------------------


def load_candidates(db: Database, *, channel: str | None, since: date | None, include_sent: bool) -> list[_Doc]:
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
        doc = _Doc(
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
        )
        if since is not None and _day_of(doc) < since:
            continue
        docs.append(doc)
    return docs


def _day_of(doc: _Doc) -> date:
    full = _full_date(doc.date)
    if full:
        return full
    return doc.indexed_at.date() if doc.indexed_at else date.max


def _full_date(iso: str | None) -> date | None:
    d = PartialDate.from_iso(iso) if iso else None
    return d.to_date() if d else None


# --- similarity ----------------------------------------------------------------------------


def _tokens(text: str) -> list[str]:
    out = []
    for w in WORD.findall(text.lower().replace("’", "'")):
        if w in STOP or len(w) < 2 or w.isdigit():
            continue
        if len(w) > 4 and w.endswith("s") and not w.endswith("ss"):
            w = w[:-1]  # a crude plural fold: `missiles`/`missile`, enough for overlap
        out.append(w)
    return out


def _features(doc: _Doc) -> dict[str, float]:
    counts: dict[str, float] = {}
    parts = [(doc.headline, 2.0)] + [(p, 2.0 if i < LEAD_PARAGRAPHS else 1.0) for i, p in enumerate(doc.body)]
    for text, weight in parts:
        for t in _tokens(text):
            counts[t] = counts.get(t, 0.0) + weight
    return counts


def cosine_matrix(docs: Sequence[_Doc]) -> np.ndarray:
    """Pairwise TF-IDF cosine of the docs (sublinear tf, smoothed idf over these docs)."""
    n = len(docs)
    df: dict[str, int] = {}
    for d in docs:
        if not d.features:
            d.features = _features(d)
        for t in d.features:
            df[t] = df.get(t, 0) + 1
    # Terms in one document only add to its norm but never to a dot product: no column for them.
    vocab = {t: i for i, t in enumerate(t for t, c in df.items() if c > 1)}
    idf = {t: math.log((1 + n) / (1 + c)) + 1 for t, c in df.items()}
    matrix = np.zeros((n, max(len(vocab), 1)), dtype=np.float32)
    for row, d in enumerate(docs):
        weights = {t: (1 + math.log(c)) * idf[t] for t, c in d.features.items()}
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        for t, w in weights.items():
            col = vocab.get(t)
            if col is not None:
                matrix[row, col] = w / norm
    return matrix @ matrix.T


def _shingles(words: list[str], k: int) -> set[int]:
    return {hash(tuple(words[i : i + k])) for i in range(len(words) - k + 1)}


def _body_shingles(doc: _Doc) -> set[int]:
    return _shingles(WORD.findall(" ".join(doc.body).lower()), 5)


def _quote_shingles(doc: _Doc) -> set[int]:
    out: set[int] = set()
    for paragraph in doc.body:
        for sentence in split_sentences(paragraph):
            if BOILERPLATE.search(sentence):
                continue
            for m in QUOTED.finditer(sentence):
                out |= _shingles(WORD.findall(m[1].lower().replace("’", "")), 6)
    return out


def headline_key(headline: str) -> str:
    """A headline without update labels, case or punctuation: equal keys mean the same article."""
    text = re.sub(r"^\s*[(\[][^)\]]{1,30}[)\]]\s*", "", headline)
    return " ".join(WORD.findall(text.lower()))


def days_apart(a: str | None, b: str | None) -> int | None:
    """Days between two ISO dates as `PartialDate.iso()` writes them; None when either is not a day."""
    da, db_ = PartialDate.from_iso(a) if a else None, PartialDate.from_iso(b) if b else None
    if not da or not db_ or not da.day or not db_.day or not da.month or not db_.month:
        return None
    if da.year and db_.year:
        x, y = da.to_date(), db_.to_date()
        return abs((x - y).days) if x and y else None
    # A date without its year: take the nearest reading (the other's year, or the one before or after).
    anchor = da.year or db_.year or 2000
    known, partial = (da, db_) if da.year else (db_, da)
    base = date(anchor, known.month, known.day) if known.year else date(2000, known.month, known.day)
    best = None
    for year in (base.year - 1, base.year, base.year + 1):
        try:
            other = date(year, partial.month, partial.day)
        except ValueError:
            continue
        gap = abs((other - base).days)
        best = gap if best is None else min(best, gap)
    return best


def _ld_rank(label: str | None) -> int:
    if not label:
        return 0
    m = LD_NUMBER.search(label)
    if m:
        return int(m[1] or m[2])
    return 1 if re.search(r"\b(lead|update|writethru|corrected|recast)\b", label, re.I) else 0


def _sort_date(iso: str | None, default_year: int) -> tuple[int, int, int]:
    d = PartialDate.from_iso(iso) if iso else None
    if not d:
        return (0, 0, 0)
    return (d.year or default_year, d.month or 0, d.day or 0)


# --- grouping ------------------------------------------------------------------------------


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

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[rb] = ra
            self.members[ra] += self.members.pop(rb)


def group_stories(docs: Sequence[_Doc]) -> list[list[list[_Doc]]]:
    """Stories as lists of version groups (each a list of versions, newest first)."""
    n = len(docs)
    if n == 0:
        return []
    sim = cosine_matrix(docs)
    keys = [headline_key(d.headline) for d in docs]
    default_year = max((int(d.date[:4]) for d in docs if d.date and d.date[:1].isdigit()), default=date.today().year)

    def compatible(i: int, j: int) -> bool:
        gap = days_apart(docs[i].date, docs[j].date)
        return gap is None or gap <= WINDOW_DAYS

    # Candidate pairs: anything that could meet one of the rules.
    low = min(NEAR_COSINE, STORY_COSINE, VERSION_SAME_OUTLET_COSINE)
    ii, jj = np.nonzero(np.triu(sim >= low, k=1))
    pairs = set(zip(ii.tolist(), jj.tolist(), strict=True))
    by_key: dict[str, list[int]] = {}
    for i, k in enumerate(keys):
        by_key.setdefault(k, []).append(i)
    for members in by_key.values():
        pairs.update((a, b) for x, a in enumerate(members) for b in members[x + 1 :])
    quote_pairs = _shared_quote_pairs(docs)
    pairs |= set(quote_pairs)

    body_shingles: dict[int, set[int]] = {}

    def shingles(i: int) -> set[int]:
        if i not in body_shingles:
            body_shingles[i] = _body_shingles(docs[i])
        return body_shingles[i]

    versions = _Groups(n)
    links: list[tuple[float, int, int]] = []
    near: list[tuple[float, int, int]] = []
    for i, j in sorted(pairs):
        if not compatible(i, j):
            continue
        s = float(sim[i, j])
        if _is_version(
            docs[i],
            docs[j],
            keys[i] == keys[j] and bool(keys[i]),
            s,
            shingles(i) if s >= 0.3 else set(),
            shingles(j) if s >= 0.3 else set(),
        ):
            versions.union(i, j)
            continue
        gap = days_apart(docs[i].date, docs[j].date)
        shared_quotes = quote_pairs.get((i, j), 0)
        if s >= STORY_COSINE or (shared_quotes >= STORY_SHARED_QUOTES and s >= QUOTE_MIN_COSINE):
            links.append((s + shared_quotes, i, j))
        elif gap is not None and gap <= NEAR_DAYS and s >= NEAR_COSINE:
            near.append((s, i, j))

    stories = _Groups(n)
    for members in versions.members.values():
        for m in members[1:]:
            stories.union(members[0], m)
    for _strength, i, j in sorted(links, reverse=True):
        ri, rj = stories.find(i), stories.find(j)
        if ri == rj:
            continue
        if all(compatible(a, b) for a in stories.members[ri] for b in stories.members[rj]):
            stories.union(ri, rj)
    # The loose rule joins two stories only when each is the other's closest (max linkage), once.
    best: dict[int, tuple[float, int]] = {}
    for sim_ij, i, j in near:
        ri, rj = stories.find(i), stories.find(j)
        if ri == rj or not all(compatible(a, b) for a in stories.members[ri] for b in stories.members[rj]):
            continue
        for a, b in ((ri, rj), (rj, ri)):
            if sim_ij > best.get(a, (-1.0, -1))[0]:
                best[a] = (sim_ij, b)
    for a, (_s, b) in list(best.items()):
        if a < b and best.get(b, (0, -1))[1] == a:
            stories.union(a, b)

    def newest(i: int) -> tuple:
        d = docs[i]
        return (_sort_date(d.date, default_year), _ld_rank(d.update_label), d.indexed_at or datetime.min, d.row_id)

    out = []
    for members in stories.members.values():
        groups: dict[int, list[int]] = {}
        for m in members:
            groups.setdefault(versions.find(m), []).append(m)
        out.append([[docs[m] for m in sorted(g, key=newest, reverse=True)] for g in groups.values()])
    return out


def _is_version(a: _Doc, b: _Doc, same_headline: bool, cosine: float, sa: set[int], sb: set[int]) -> bool:
    if same_headline and cosine >= NEAR_COSINE:
        return True
    if a.outlet and a.outlet == b.outlet and (a.update_label or b.update_label) and cosine >= VERSION_SAME_OUTLET_COSINE:
        return True
    if not sa or not sb:
        return False
    inter = len(sa & sb)
    return inter / len(sa | sb) >= VERSION_JACCARD or inter / min(len(sa), len(sb)) >= VERSION_CONTAINMENT


def _shared_quote_pairs(docs: Sequence[_Doc]) -> dict[tuple[int, int], int]:
    index: dict[int, list[int]] = {}
    for i, d in enumerate(docs):
        for sh in _quote_shingles(d):
            index.setdefault(sh, []).append(i)
    counts: dict[tuple[int, int], int] = {}
    for holders in index.values():
        # A passage quoted by very many articles is a slogan or boilerplate, not one story's statement.
        if 1 < len(holders) <= 10:
            for x, a in enumerate(holders):
                for b in holders[x + 1 :]:
                    counts[(a, b)] = counts.get((a, b), 0) + 1
    return counts


# --- stories -------------------------------------------------------------------------------


def build_story(versions: list[list[_Doc]], people: Sequence[Person] = ()) -> Story:
    """One story from its version groups: headline, merged summary, people, a quote, date and sources."""
    sources = [g[0] for g in versions]
    # The lead is the report closest to all the others, with a headline of its own (not one cut from its lead).
    central = cosine_matrix(sources).sum(axis=1) if len(sources) > 1 else [0.0]
    order = sorted(range(len(sources)), key=lambda i: (sources[i].headline_text, bool(sources[i].summary), float(central[i])), reverse=True)
    lead = sources[order[0]]
    default_year = max((int(d.date[:4]) for d in sources if d.date and d.date[:1].isdigit()), default=date.today().year)
    rest = sorted((d for d in sources if d is not lead), key=lambda d: _sort_date(d.date, default_year), reverse=True)
    sources = [lead, *rest]
    all_ids = {d.row_id for g in versions for d in g}
    ranked = _rank_people(people, all_ids)
    return Story(
        headline=lead.headline,
        summary=merge_summaries([d.summary for d in sources], headline=lead.headline),
        people=[_participant(p, all_ids) for p in ranked[:MAX_PEOPLE]],
        quote=_pick_quote(ranked, all_ids),
        date=max((d.date for d in sources if d.date), key=lambda iso: _sort_date(iso, default_year), default=None),
        sources=[d.ref() for d in sources],
        article_hashes=[d.content_hash for g in versions for d in g],
    )


def merge_summaries(summaries: Sequence[Sequence[str]], *, headline: str | None = None) -> list[str]:
    """Sentences from each source's summary in turn, lead first, leaving out any that repeat one already taken."""
    if len(summaries) == 1:
        return list(summaries[0])
    taken: list[tuple[int, int, str, set[str]]] = []  # (source, position, sentence, words)
    words = 0
    depth = max((len(s) for s in summaries), default=0)
    for position in range(depth):
        for source, summary in enumerate(summaries):
            if position >= len(summary) or len(taken) >= MAX_STORY_SENTENCES:
                continue
            # A source's later sentence may lean on its earlier one: only follow on if that one was taken.
            if position and not any(t[0] == source and t[1] == position - 1 for t in taken):
                continue
            sentence = summary[position]
            content = set(_tokens(sentence))
            if any(_jaccard(content, t[3]) >= DUPLICATE_SENTENCE for t in taken):
                continue
            if source and headline and repeats_headline(sentence, headline):
                continue
            count = len(sentence.split())
            if taken and words + count > MAX_STORY_WORDS:
                continue
            taken.append((source, position, sentence, content))
            words += count
    taken.sort(key=lambda t: (t[0], t[1]))
    return [t[2] for t in taken]


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


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
    people: Sequence[Person] = (),
    today: date | None = None,
) -> Digest:
    """The stories of the articles not yet sent to `channel` (all of them with `include_sent`), most important first."""
    docs = load_candidates(db, channel=channel, since=since, include_sent=include_sent)
    stories = [build_story(versions, people=people) for versions in group_stories(docs)]
    default_year = max((int(d.date[:4]) for d in docs if d.date and d.date[:1].isdigit()), default=(today or date.today()).year)
    stories.sort(key=lambda s: (len(s.sources), _sort_date(s.date, default_year), s.headline), reverse=True)
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
