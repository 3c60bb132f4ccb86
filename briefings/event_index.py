"""The events as the event lookup reads them: columns of ids, weights and token lists, no Event objects.

Each event contributes its places, kinds and words (title, keywords, participants' names) as token ids
into one vocabulary, and its participants' person ids. A query word is scored against every event at
once with numpy (exact place 1.2, kind or word 1.0, a close spelling 0.8 x its similarity, a demonym
0.8), so a query costs the same whether the index holds a hundred events or a hundred thousand, and
the whole index is a few arrays that a snapshot stores and loads without rebuilding anything.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from rapidfuzz import fuzz, process

from briefings.dates import PartialDate
from briefings.event_kinds import BY_KIND, OFFENCE_WORDS, asked_words
from briefings.models import Candidate, Event

STOPWORDS = {
    "the", "a", "an", "in", "at", "on", "of", "to", "and", "with", "what", "happened", "happen", "event", "events",
    "about", "for", "between", "did", "was", "is", "were", "where", "when", "who", "tell", "me", "show", "any",
}  # fmt: skip
_DIPLOMATIC_SYNONYMS = {
    "summit": {"summit"}, "meeting": {"meeting", "talks", "summit"}, "talks": {"talks", "meeting"},
    "press": {"press conference", "briefing"}, "conference": {"press conference"}, "briefing": {"briefing", "press conference"},
    "interview": {"interview"}, "visit": {"visit"}, "trip": {"visit"}, "launch": {"launch"}, "session": {"session", "vote"}, "vote": {"vote"},
}  # fmt: skip
FUZZY_CUTOFF = 84  # a query word of 5+ letters this similar to an event's word or place fits it (at 0.8 x similarity)
DEMONYM_ENDINGS = {"n", "an", "ian", "ean", "ese", "i", "ish", "ns", "ans", "ians"}


def _kind_synonyms() -> dict[str, set[str]]:
    """Each word a query may name a kind with (`quake`, `sacked`, `talks`) -> the kinds it means."""
    out = {word: set(kinds) for word, kinds in _DIPLOMATIC_SYNONYMS.items()}
    for word, kinds in asked_words().items():
        out.setdefault(word, set()).update(kinds)
    return out


KIND_SYNONYMS = _kind_synonyms()
_KIND_WORDS = {
    kind: {word for word, synonyms in KIND_SYNONYMS.items() if kind in synonyms} for kind in {k for s in KIND_SYNONYMS.values() for k in s}
}


def words_of(text: str) -> list[str]:
    """Lower-case words of a query or an event's text, with inner dots, hyphens and apostrophes kept."""
    return [w.strip(".-'’").replace("’", "'") for w in re.split(r"[^\w'’.-]+", text.lower()) if w.strip(".-'’")]


def event_weight(event: Event) -> float:
    """How much the corpus says about an event: sources first, then quotes and people."""
    return 3 * len(event.articles) + len(event.quotes) + len(event.participants) + (1 if event.date else 0) + 2 * max(event.salience, 0)


def demonym(place: str, words: set[str] | list[str]) -> bool:
    """Whether the words hold the people or adjective of a place (`haitian`, `moroccan`, `nepali` for the country)."""
    if len(place) < 4:
        return False
    for word in words:
        stem = place if word.startswith(place) else place[:-1]
        if len(stem) >= 4 and word.startswith(stem) and word[len(stem) :] in DEMONYM_ENDINGS:
            return True
    return False


def event_terms(event: Event) -> tuple[set[str], set[str], set[str], str]:
    """An event's places, kinds and words as queries name them, and its text for suggestions."""
    places = set(words_of(event.place or ""))
    own = {event.kind, *(k for k in event.keywords if k in BY_KIND)}
    kinds = {w for k in own for w in k.split()} | {word for k in own for word in _KIND_WORDS.get(k, ())}
    words = set(words_of(event.title)) | set(words_of(" ".join(event.keywords)))
    words |= {w for offence, forms in OFFENCE_WORDS.items() if offence in event.keywords for w in forms}
    # A quake `killing 14` is found by `killed`, `deaths`, `died`.
    words |= {w for k in event.keywords if k in BY_KIND and k != event.kind for w in BY_KIND[k].asked_as}
    for p in event.participants:
        words |= set(words_of(p.name))
    text = " ".join([event.title, event.place or "", " ".join(event.keywords), " ".join(p.name for p in event.participants)]).lower()
    return places - STOPWORDS, kinds, words - STOPWORDS, text


ARRAYS = ("ids", "weights", "salience", "place_tok", "place_own", "kind_tok", "kind_own", "word_tok", "word_own")
ARRAYS += ("part_pid", "part_own", "art_idx", "art_own")
LISTS = ("titles", "places", "dates", "texts", "vocab", "art_vocab")


@dataclass
class EventIndex:
    """Every event's lookup terms as columns (see the module's docstring); `columns()` is what a snapshot stores."""

    ids: np.ndarray
    weights: np.ndarray
    salience: np.ndarray
    place_tok: np.ndarray  # (token id, owning event's position) pairs, one pair of arrays per kind of term
    place_own: np.ndarray
    kind_tok: np.ndarray
    kind_own: np.ndarray
    word_tok: np.ndarray
    word_own: np.ndarray
    part_pid: np.ndarray  # participants' person ids (-1: not linked to a person)
    part_own: np.ndarray
    art_idx: np.ndarray  # the articles that report each event, as positions in art_vocab
    art_own: np.ndarray
    titles: list[str]
    places: list[str | None]
    dates: list[str | None]
    texts: list[str]
    vocab: list[str]
    art_vocab: list[str]
    _token: dict[str, int] = field(init=False, repr=False)
    places_and_kinds: frozenset[str] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._token = {t: i for i, t in enumerate(self.vocab)}
        used = np.unique(np.concatenate([self.place_tok, self.kind_tok]))
        self.places_and_kinds = frozenset(self.vocab[i] for i in used.tolist())

    @classmethod
    def build(cls, events: Sequence[Event]) -> EventIndex:
        """The index of these events, in their order."""
        vocab: dict[str, int] = {}
        articles: dict[str, int] = {}
        pairs: dict[str, tuple[list[int], list[int]]] = {k: ([], []) for k in ("place", "kind", "word", "part", "art")}
        texts = []
        for i, event in enumerate(events):
            places, kinds, words, text = event_terms(event)
            texts.append(text)
            for kind, terms in (("place", places), ("kind", kinds), ("word", words)):
                for term in sorted(terms):
                    pairs[kind][0].append(vocab.setdefault(term, len(vocab)))
                    pairs[kind][1].append(i)
            for p in event.participants:
                pairs["part"][0].append(-1 if p.person_id is None else p.person_id)
                pairs["part"][1].append(i)
            for ref in event.articles:
                pairs["art"][0].append(articles.setdefault(ref.id, len(articles)))
                pairs["art"][1].append(i)
        columns: dict = {
            "ids": np.array([e.id for e in events], dtype=np.int64),
            "weights": np.array([event_weight(e) for e in events], dtype=np.float64),
            "salience": np.array([e.salience for e in events], dtype=np.float64),
            **{f"{k}_tok": np.array(pairs[k][0], dtype=np.int32) for k in ("place", "kind", "word")},
            **{f"{k}_own": np.array(pairs[k][1], dtype=np.int32) for k in ("place", "kind", "word", "part", "art")},
            "part_pid": np.array(pairs["part"][0], dtype=np.int64),
            "art_idx": np.array(pairs["art"][0], dtype=np.int32),
        }
        lists = {"titles": [e.title for e in events], "places": [e.place for e in events], "dates": [e.date for e in events]}
        return cls(**columns, **lists, texts=texts, vocab=list(vocab), art_vocab=list(articles))

    def columns(self) -> dict[str, np.ndarray | list]:
        """The index as named arrays and lists (`EventIndex(**columns)` makes it again)."""
        return {name: getattr(self, name) for name in (*ARRAYS, *LISTS)}

    def __len__(self) -> int:
        return len(self.ids)

    # --- matching ------------------------------------------------------------------------------

    def fits(self, words: list[str], people: list[set[int]], when: PartialDate | None) -> list[tuple[float, int]]:
        """(quality, position) of every event the query fits, in index order: 1.0 when every word is its place, kind or word."""
        n = len(self)
        ok = np.ones(n, dtype=bool)
        for group in people:  # each name in the query must be a participant
            ok &= self._mark(np.isin(self.part_pid, np.fromiter(group, dtype=np.int64)), self.part_own)
        score = np.zeros(n)
        for word in words:
            if not ok.any():
                break
            word_score = self._word_score(word, ok)
            ok &= word_score > 0
            score += word_score
        positions = np.flatnonzero(ok).tolist()
        if when is not None:
            positions = [i for i in positions if _same_date(self.dates[i], when)]
        total = max(len(words) + len(people) + (when is not None), 1)
        extra = len(people) + (when is not None)
        return [((float(score[i]) + extra) / total, i) for i in positions]

    def _word_score(self, word: str, ok: np.ndarray) -> np.ndarray:
        """What one query word adds to each event still in the running (0: it fits none of the event's terms)."""
        n = len(self)
        token = self._token.get(word)
        in_place = self._has(token, self.place_tok, self.place_own)
        in_other = self._has(token, self.kind_tok, self.kind_own) | self._has(token, self.word_tok, self.word_own)
        out = np.where(in_place, 1.2, np.where(in_other, 1.0, 0.0))
        rest = ok & (out == 0)
        if len(word) >= 5 and rest.any():
            similar = process.cdist([word], self.vocab, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, dtype=np.float64)[0]
            best = np.zeros(n)
            np.maximum.at(best, self.word_own, similar[self.word_tok])
            np.maximum.at(best, self.place_own, similar[self.place_tok])
            close = rest & (best >= FUZZY_CUTOFF)
            out[close] = 0.8 * best[close] / 100
            rest &= ~close
        if rest.any():
            forms = np.array([i for i, t in enumerate(self.vocab) if demonym(word, (t,))], dtype=np.int64)
            if len(forms):  # `Haiti` for an event the articles call `Haitian`
                out[rest & self._mark(np.isin(self.word_tok, forms), self.word_own)] = 0.8
        return out

    def _has(self, token: int | None, tokens: np.ndarray, owners: np.ndarray) -> np.ndarray:
        if token is None:
            return np.zeros(len(self), dtype=bool)
        return self._mark(tokens == token, owners)

    def _mark(self, selected: np.ndarray, owners: np.ndarray) -> np.ndarray:
        out = np.zeros(len(self), dtype=bool)
        out[owners[selected]] = True
        return out

    def suggest(self, text: str, limit: int = 3) -> list[tuple[float, int]]:
        """(score, position) of the events whose text is closest to an unanswered query; the weightiest when none is close."""
        found = process.extract(text.lower(), self.texts, scorer=fuzz.partial_token_set_ratio, processor=None, score_cutoff=60, limit=None)
        scored = sorted(((float(score), i) for _, score, i in found), key=lambda x: (-x[0], -self.weights[x[1]], x[1]))
        if not scored:
            scored = sorted(((0.0, i) for i in range(len(self))), key=lambda x: (-self.weights[x[1]], x[1]))
        return scored[:limit]

    def one_story(self, positions: list[int]) -> bool:
        """Whether the events are parts of one story (`arrested` and then `charged`), the first its main event.

        Every other event is reported only by articles that report the first, and ranks no higher.
        """
        first, rest = positions[0], positions[1:]
        own = set(self._articles(first))
        return all(set(self._articles(i)) <= own and self.salience[i] <= self.salience[first] for i in rest)

    def _articles(self, position: int) -> list[int]:
        start, end = np.searchsorted(self.art_own, [position, position + 1])  # pairs are stored in event order
        return self.art_idx[start:end].tolist()

    def candidate(self, position: int, score: float) -> Candidate:
        """An event offered as a choice: its title, with `date · place`."""
        date = PartialDate.from_iso(self.dates[position])
        detail = " · ".join(x for x in (date.human() if date else None, self.places[position]) if x)
        return Candidate(int(self.ids[position]), self.titles[position], detail or None, score)


def _same_date(event_date: str | None, when: PartialDate) -> bool:
    d = PartialDate.from_iso(event_date)
    if d is None:
        return False
    if when.year is not None and d.year is not None and when.year != d.year:
        return False
    if when.year is not None and d.year is None:
        return False
    if when.month is not None and d.month != when.month:
        return False
    return when.day is None or d.day == when.day
