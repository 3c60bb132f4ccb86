"""Fuzzy, honest lookup of people by name over many aliases: found, ambiguous or not found, in a few milliseconds."""

from __future__ import annotations

from array import array
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations, pairwise

import numpy as np
from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from briefings.models import MatchStatus
from briefings.name_forms import PARTICLES, ROMANISATIONS, name_words
from briefings.query import MAX_QUERY_CHARS

MAX_QUERY_TOKENS = 8
MIN_TYPO_LEN = 5  # shorter tokens ("il", "un", "jong") are too easy to turn into someone else's name
MIN_TYPO_TARGET_LEN = 4
MAX_ALIASES_PER_KEY = 64

EXACT, VARIANT, TYPO, NONE = 0, 1, 2, 9  # how a query token met an alias token, best first
VARIANT_SIMILARITY = 90.0  # "Cho" for "Jo" is another spelling, not a different name: near, not equal
_CHOICE_ORDER = ("exact", "tokens", "romanisation", "partial", "typo")  # which alias of one person answers best


@dataclass
class Hit:
    """One alias that answers a query, with how well and how it matched."""

    key: int
    alias: str
    score: float
    tier: str


@dataclass
class Search:
    """The answer to a name query: found (one hit), ambiguous (candidates) or not_found (suggestions)."""

    status: MatchStatus
    hits: list[Hit]


class NameIndex:
    """Fuzzy lookup of people by name over many aliases."""

    def __init__(self, entries: Iterable[tuple[int, str, float]]) -> None:
        read = _read_aliases(entries)
        vocab, tok_ids, tok_off, raw_keys, weights = read.vocab, read.tok_ids, read.tok_off, read.keys, read.weights
        dup_keys, dup_weights, text_parts, text_off = read.dup_keys, read.dup_weights, read.text_parts, read.text_off
        del read
        self._text = b"".join(text_parts)
        del text_parts
        self._text_off = np.frombuffer(text_off, dtype=np.int64).copy()
        self._tokens: list[str] = list(vocab)
        self._vocab = vocab
        n_aliases, n_tokens = len(raw_keys), len(vocab)

        keys = np.frombuffer(raw_keys, dtype=np.int64) if n_aliases else np.zeros(0, np.int64)
        all_keys = np.concatenate([keys, np.frombuffer(dup_keys, dtype=np.int64) if dup_keys else np.zeros(0, np.int64)])
        self._key_ids, dense = np.unique(all_keys, return_inverse=True)
        self._alias_key = dense[:n_aliases].astype(np.int32)
        self._key_weight = np.full(len(self._key_ids), -np.inf)
        all_weights = np.concatenate([np.frombuffer(weights, dtype=np.float64), np.frombuffer(dup_weights, dtype=np.float64)])
        np.maximum.at(self._key_weight, dense.ravel(), all_weights)

        # Alias -> its tokens (CSR) and token -> aliases holding it (CSR postings).
        self._tok_ids = np.frombuffer(tok_ids, dtype=np.int32).copy() if tok_ids else np.zeros(0, np.int32)
        self._tok_off = np.frombuffer(tok_off, dtype=np.int64).copy()
        lengths = np.diff(self._tok_off)
        owner = np.repeat(np.arange(n_aliases, dtype=np.int32), lengths)
        self._post_ids = owner[np.argsort(self._tok_ids, kind="stable")]
        del owner
        self._post_off = np.zeros(n_tokens + 1, dtype=np.int64)
        np.cumsum(np.bincount(self._tok_ids, minlength=n_tokens), out=self._post_off[1:])

        self._is_particle = np.array([t in PARTICLES for t in self._tokens], dtype=bool)
        essential = ~self._is_particle[self._tok_ids] if n_aliases else np.zeros(0, bool)
        self._alias_essential = (
            np.add.reduceat(essential, self._tok_off[:-1]).clip(0, 255).astype(np.uint8) if n_aliases else np.zeros(0, np.uint8)
        )
        self._tok_len = np.array([len(t) for t in self._tokens], dtype=np.int16)
        self._variants = {name: group for group in ROMANISATIONS for name in group}
        self._build_gram_index()

    _ARRAYS = (
        "_text_off", "_key_ids", "_alias_key", "_key_weight", "_tok_ids", "_tok_off", "_post_ids", "_post_off",
        "_is_particle", "_alias_essential", "_tok_len", "_gram_tokens", "_gram_off",
    )  # fmt: skip

    def state(self) -> dict[str, np.ndarray | list[str]]:
        """Everything the index is, as arrays and string lists: `from_state` makes it again without re-reading a name."""
        arrays: dict[str, np.ndarray | list[str]] = {name: getattr(self, name) for name in self._ARRAYS}
        return arrays | {"_text": np.frombuffer(self._text, dtype=np.uint8), "_tokens": self._tokens, "_grams": list(self._grams)}

    @classmethod
    def from_state(cls, state: dict) -> NameIndex:
        """The index `state()` describes (arrays may be read-only views of a stored snapshot)."""
        index = cls.__new__(cls)
        for name in cls._ARRAYS:
            setattr(index, name, state[name])
        index._text = bytes(state["_text"])
        index._tokens = list(state["_tokens"])
        index._vocab = {token: i for i, token in enumerate(index._tokens)}
        index._grams = {gram: i for i, gram in enumerate(state["_grams"])}
        index._variants = {name: group for group in ROMANISATIONS for name in group}
        return index

    def __len__(self) -> int:
        """Number of distinct aliases."""
        return len(self._alias_key)

    def _build_gram_index(self) -> None:
        """Padded bigrams of the vocabulary, so typo candidates come from tokens sharing most bigrams, not a scan."""
        grams: dict[str, int] = {}
        gram_col = array("i")
        token_col = array("i")
        for tid, token in enumerate(self._tokens):
            if len(token) < MIN_TYPO_TARGET_LEN:
                continue
            padded = f"^{token}$"
            for gram in {padded[i : i + 2] for i in range(len(padded) - 1)}:
                gid = grams.get(gram)
                if gid is None:
                    gid = grams[gram] = len(grams)
                gram_col.append(gid)
                token_col.append(tid)
        gcol = np.frombuffer(gram_col, dtype=np.int32) if gram_col else np.zeros(0, np.int32)
        tcol = np.frombuffer(token_col, dtype=np.int32) if token_col else np.zeros(0, np.int32)
        self._grams = grams
        self._gram_tokens = tcol[np.argsort(gcol, kind="stable")].copy()
        self._gram_off = np.zeros(len(grams) + 1, dtype=np.int64)
        np.cumsum(np.bincount(gcol, minlength=len(grams)), out=self._gram_off[1:])

    # ---- lookup ---------------------------------------------------------------------------------------------

    def search(self, query: str, limit: int = 8) -> Search:
        """Find the person a name query means: found, ambiguous (candidates by weight) or not_found (suggestions)."""
        words = name_words(query[:MAX_QUERY_CHARS])[:MAX_QUERY_TOKENS]
        if not words or not len(self):
            return Search("not_found", [])
        limit = max(1, limit)
        required = _required(words)
        alts = [self._alternatives(w, typos=False) for w in words]
        match = self._match(alts, required)
        if match is None and (spaced := self._respace(words)) != words:
            spaced_required = _required(spaced)
            spaced_alts = [self._alternatives(w, typos=False) for w in spaced]
            if (match := self._match(spaced_alts, spaced_required)) is not None:
                words, alts, required = spaced, spaced_alts, spaced_required
        if match is None and any(len(words[i]) >= MIN_TYPO_LEN and not alts[i] for i in required):
            alts = [a or self._alternatives(w, typos=True) for w, a in zip(words, alts, strict=True)]
            match = self._typo_on_family_name(self._match(alts, required), alts, len(words))
        if match is not None and len(words) > 1 and words[0] in PARTICLES:
            match = self._particle_leads(match, alts)
        if match is None:
            return Search("not_found", self._suggest(words, alts, required, limit))
        return self._decide(words, alts, required, match, limit)

    def _particle_leads(
        self, match: tuple[np.ndarray, np.ndarray, np.ndarray], alts: list[dict[int, int]]
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
        """`Van Moer` is a `van` right before `moer`, not Paul Van Himst's `van` and someone's `Moer`."""
        cands, quality, complete = match
        keep = np.zeros(len(cands), dtype=bool)
        for n, aid in enumerate(cands.tolist()):
            tokens = self._tok_ids[self._tok_off[aid] : self._tok_off[aid + 1]].tolist()
            keep[n] = any(a in alts[0] and b in alts[1] for a, b in pairwise(tokens))
        return (cands[keep], quality[keep], complete[keep]) if keep.any() else None

    def _respace(self, words: list[str]) -> list[str]:
        """Split a word the index does not know into two it does, when only one split works ("Jongun" -> "jong un")."""
        out: list[str] = []
        for word in words:
            splits = []
            if len(word) >= 4 and word not in self._vocab and word not in self._variants:
                splits = [(word[:i], word[i:]) for i in range(2, len(word) - 1) if word[:i] in self._vocab and word[i:] in self._vocab]
            out.extend(splits[0] if len(splits) == 1 else (word,))
        return out[:MAX_QUERY_TOKENS]

    def _alternatives(self, word: str, *, typos: bool) -> dict[int, int]:
        """Vocabulary tokens a query word may stand for, each with how (exact, romanisation variant, typo)."""
        found: dict[int, int] = {}
        tid = self._vocab.get(word)
        if tid is not None:
            found[tid] = EXACT
        for variant in self._variants.get(word, ()):
            vid = self._vocab.get(variant)
            if vid is not None and vid not in found:
                found[vid] = VARIANT
        # A word the corpus uses as spelled is not a typo: "Maria Lopez" must not turn into "Mario Lopez".
        if typos and not found and len(word) >= MIN_TYPO_LEN and word not in PARTICLES:
            for near in self._near_tokens(word, 1 if len(word) <= 7 else 2):
                found.setdefault(near, TYPO)
        return found

    def _near_tokens(self, word: str, max_dist: int) -> list[int]:
        """Vocabulary tokens within max_dist edits (adjacent swaps count as one) of word."""
        padded = f"^{word}$"
        grams = {padded[i : i + 2] for i in range(len(padded) - 1)}
        gids = [self._grams[g] for g in grams if g in self._grams]
        if not gids:
            return []
        postings = np.concatenate([self._gram_tokens[self._gram_off[g] : self._gram_off[g + 1]] for g in gids])
        # One edit destroys at most 3 distinct padded bigrams (a transposition), so closer tokens share at least this many.
        need = max(1, len(grams) - 3 * max_dist)
        counts = np.bincount(postings)
        ids = np.flatnonzero(counts >= need)
        ids = ids[np.abs(self._tok_len[ids] - len(word)) <= max_dist]
        if not len(ids):
            return []
        choices = {int(i): self._tokens[i] for i in ids}
        hits = process.extract(word, choices, scorer=OSA.distance, score_cutoff=max_dist, limit=None)
        return [tid for _, _, tid in hits if choices[tid] != word]

    def _postings(self, tids: Iterable[int]) -> np.ndarray:
        """Alias ids holding any of these tokens, each once."""
        parts = [self._post_ids[self._post_off[t] : self._post_off[t + 1]] for t in tids]
        if len(parts) == 1:
            return parts[0]
        return np.unique(np.concatenate(parts)) if parts else np.zeros(0, np.int32)

    def _match(self, alts: list[dict[int, int]], required: list[int]) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
        """Aliases that account for every required query word: (alias ids, worst match kind, complete?) or None."""
        if any(not alts[i] for i in required):
            return None
        # Generate candidates from the rarest required word only: the postings of "kim" never get scanned for "kim jong un".
        sizes = {i: sum(int(self._post_off[t + 1] - self._post_off[t]) for t in alts[i]) for i in required}
        seed = min(sizes, key=sizes.__getitem__)
        cands = self._postings(alts[seed])
        if not len(cands):
            return None
        if len(alts) == 1:
            return self._match_single(alts[0], cands)

        starts = self._tok_off[cands]
        lengths = self._tok_off[cands + 1] - starts
        seg = np.zeros(len(cands), dtype=np.int64)
        np.cumsum(lengths[:-1], out=seg[1:])
        flat = self._tok_ids[np.arange(int(lengths.sum())) + np.repeat(starts - seg, lengths)]

        ok = np.ones(len(cands), dtype=bool)
        quality = np.zeros(len(cands), dtype=np.int8)
        matched_any = np.zeros(len(flat), dtype=bool)
        masks: dict[int, np.ndarray] = {}
        for i, alt in enumerate(alts):
            kinds = self._kind_lookup(alt)[flat]
            masks[i] = kinds < NONE
            matched_any |= masks[i]
            if i in required:
                best = np.minimum.reduceat(kinds, seg)
                ok &= best < NONE
                np.maximum(quality, np.where(best < NONE, best, 0), out=quality)
        if self._alternatives_overlap([alts[i] for i in required]):
            # Two query words must not both lean on one alias word ("Kim Kim", "Lee Ri"): Hall's condition on every
            # subset of distinct alternative sets, each counted as many times as query words share it.
            groups: dict[frozenset[int], list[int]] = {}
            for i in required:
                groups.setdefault(frozenset(alts[i]), []).append(i)
            members = list(groups.values())
            for size in range(1, len(members) + 1):
                for subset in combinations(members, size):
                    need = sum(len(m) for m in subset)
                    if need >= 2:
                        union = np.logical_or.reduce([masks[m[0]] for m in subset])
                        ok &= np.add.reduceat(union, seg) >= need
        unexplained = ~matched_any & ~self._is_particle[flat]
        complete = ~np.logical_or.reduceat(unexplained, seg)
        if not ok.any():
            return None
        return cands[ok], quality[ok], complete[ok]

    def _typo_on_family_name(
        self, match: tuple[np.ndarray, np.ndarray, np.ndarray] | None, alts: list[dict[int, int]], n_words: int
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
        """A typo is forgiven in a family name (the alias's last word) of a whole name, never in a given name.

        Given names are few and shared (`Abdul`/`Abdel`, `Maria`/`Mario`): a near miss there is another person.
        """
        if match is None:
            return None
        cands, quality, complete = match
        typo_tokens = [t for alt in alts for t, kind in alt.items() if kind == TYPO]
        lookup = np.zeros(len(self._tokens), dtype=bool)
        lookup[typo_tokens] = True
        starts, ends = self._tok_off[cands], self._tok_off[cands + 1] - 1
        reached = np.concatenate([[0], np.cumsum(lookup[self._tok_ids])])  # alias tokens reached only through a typo
        before_last = reached[ends] - reached[starts]
        keep = (quality != TYPO) | ((before_last == 0) & (complete | (n_words < 2)))
        return (cands[keep], quality[keep], complete[keep]) if keep.any() else None

    def _match_single(self, alt: dict[int, int], cands: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
        """The one-word query: aliases whose given or family name is an alternative; kind taken per alternative.

        A middle word is neither (`Faisal` is not Omar Faisal Nasser, `Prince Faisal` even less).
        """
        if len(alt) == 1:
            quality = np.full(len(cands), next(iter(alt.values())), dtype=np.int8)
        else:
            parts = [(self._post_ids[self._post_off[t] : self._post_off[t + 1]], kind) for t, kind in alt.items()]
            cands = np.concatenate([p for p, _ in parts])
            quality = np.concatenate([np.full(len(p), kind, dtype=np.int8) for p, kind in parts])
        lookup = self._kind_lookup(alt)
        first, last = self._tok_ids[self._tok_off[cands]], self._tok_ids[self._tok_off[cands + 1] - 1]
        at_end = (lookup[first] < NONE) | (lookup[last] < NONE)
        if not at_end.any():
            return None
        cands, quality = cands[at_end], quality[at_end]
        return cands, quality, self._alias_essential[cands] <= 1

    def _kind_lookup(self, alt: dict[int, int]) -> np.ndarray:
        """Token id -> match kind for one query word, as an array to index with many token ids at once."""
        lookup = np.full(len(self._tokens), NONE, dtype=np.int8)
        lookup[list(alt)] = list(alt.values())
        return lookup

    @staticmethod
    def _alternatives_overlap(alts: list[dict[int, int]]) -> bool:
        """True if two query words could match the same alias word."""
        seen: set[int] = set()
        for alt in alts:
            if seen.intersection(alt):
                return True
            seen.update(alt)
        return False

    def _decide(
        self,
        words: list[str],
        alts: list[dict[int, int]],
        required: list[int],
        match: tuple[np.ndarray, np.ndarray, np.ndarray],
        limit: int,
    ) -> Search:
        """Turn matching aliases into found or ambiguous, preferring full names to partial ones for multi-word queries."""
        cands, quality, complete = match
        if len(required) >= 2 and complete.any():
            # "Park Jin" is Park Jin, not also Park Jin-woo; and a full name spelled exactly as typed beats other people's variants.
            keep = complete & (quality == EXACT) if (complete & (quality == EXACT)).any() else complete
            cands, quality, complete = cands[keep], quality[keep], complete[keep]
        keys = self._alias_key[cands]
        if (keys == keys[0]).all():
            return Search("found", [self._best_hit(words, alts, cands, quality, complete)])
        hits = []
        for dense in self._top_keys(keys, limit):
            mine = keys == dense
            hits.append(self._best_hit(words, alts, cands[mine], quality[mine], complete[mine]))
        hits.sort(key=lambda h: (-self._weight_of(h.key), -h.score))
        return Search("ambiguous", hits)

    def _top_keys(self, keys: np.ndarray, limit: int) -> list[int]:
        """The limit heaviest distinct persons among matching aliases, without sorting them all."""
        weights = self._key_weight[keys]
        window = limit * 8
        if len(keys) > window:
            part = np.argpartition(-weights, window)[:window]
            order = part[np.argsort(-weights[part], kind="stable")]
            chosen = list(dict.fromkeys(keys[order].tolist()))[:limit]
            if len(chosen) == limit:
                return chosen
        distinct = np.unique(keys)
        return distinct[np.argsort(-self._key_weight[distinct], kind="stable")][:limit].tolist()

    def _weight_of(self, key: int) -> float:
        """A person's weight by their external key."""
        return float(self._key_weight[np.searchsorted(self._key_ids, key)])

    def _best_hit(self, words: list[str], alts: list[dict[int, int]], cands: np.ndarray, quality: np.ndarray, complete: np.ndarray) -> Hit:
        """The alias of one person that answers best, with its tier and score."""
        order = np.lexsort((~complete, quality))[:MAX_ALIASES_PER_KEY]
        kinds = [{self._tokens[t]: kind for t, kind in alt.items()} for alt in alts]
        best: tuple[int, float] | None = None
        hit: Hit | None = None
        for j in order.tolist():
            aid = int(cands[j])
            alias_words = self._alias_words(aid)
            tier = _tier(words, alias_words, int(quality[j]), bool(complete[j]))
            score = _score(words, alias_words, kinds)
            rank = (_CHOICE_ORDER.index(tier), -score)
            if best is None or rank < best:
                best = rank
                hit = Hit(key=int(self._key_ids[self._alias_key[aid]]), alias=self._alias_text(aid), score=score, tier=tier)
        assert hit is not None
        return hit

    def _alias_words(self, aid: int) -> list[str]:
        """The normalised words of one alias."""
        return [self._tokens[t] for t in self._tok_ids[self._tok_off[aid] : self._tok_off[aid + 1]].tolist()]

    def _alias_text(self, aid: int) -> str:
        """The alias as the corpus wrote it."""
        return self._text[self._text_off[aid] : self._text_off[aid + 1]].decode()

    def _suggest(self, words: list[str], alts: list[dict[int, int]], required: list[int], limit: int) -> list[Hit]:
        """People whose names share the most words with a query that matched nobody, closest first."""
        per_word = [self._postings(alts[i]) for i in required if alts[i]]
        per_word = [p for p in per_word if len(p)]
        if not per_word:
            per_word = [
                self._postings(self._near_tokens(w, 1 if len(w) <= 5 else 2 if len(w) <= 8 else 3))
                for w in (words[i] for i in required)
                if len(w) >= MIN_TYPO_TARGET_LEN
            ]
            per_word = [p for p in per_word if len(p)]
            if not per_word:
                return []
        if len(per_word) == 1:
            pool = per_word[0]
        else:
            ids, counts = np.unique(np.concatenate(per_word), return_counts=True)
            pool = ids[counts == counts.max()]
        window = limit * 8
        if len(pool) > window:
            pool = pool[np.argpartition(-self._key_weight[self._alias_key[pool]], window)[:window]]
        qkey = " ".join(words)
        by_key: dict[int, Hit] = {}
        for aid in pool.tolist():
            score = round(fuzz.token_sort_ratio(qkey, " ".join(self._alias_words(aid))), 1)
            key = int(self._key_ids[self._alias_key[aid]])
            if key not in by_key or score > by_key[key].score:
                by_key[key] = Hit(key=key, alias=self._alias_text(aid), score=score, tier="suggestion")
        return sorted(by_key.values(), key=lambda h: (-h.score, -self._weight_of(h.key)))[:limit]


@dataclass
class _Aliases:
    """The aliases read once, as compact arrays: their words' ids (CSR), keys, weights and surface texts."""

    vocab: dict[str, int] = field(default_factory=dict)
    tok_ids: array = field(default_factory=lambda: array("i"))
    tok_off: array = field(default_factory=lambda: array("q", [0]))
    keys: array = field(default_factory=lambda: array("q"))
    weights: array = field(default_factory=lambda: array("d"))
    text_parts: list[bytes] = field(default_factory=list)
    text_off: array = field(default_factory=lambda: array("q", [0]))
    # Duplicates (same person, same normalised alias) are stored once but their weight still counts.
    dup_keys: array = field(default_factory=lambda: array("q"))
    dup_weights: array = field(default_factory=lambda: array("d"))


def _read_aliases(entries: Iterable[tuple[int, str, float]]) -> _Aliases:
    """(key, alias, weight) entries as compact arrays, each distinct normalised alias of a person once."""
    out = _Aliases()
    seen: set[int] = set()
    position = 0
    for key, alias, weight in entries:
        words = name_words(alias)
        if not words:
            continue
        # A 64-bit fingerprint instead of the tuples themselves keeps the build's transient memory small.
        fingerprint = hash((key, *words))
        if fingerprint in seen:
            out.dup_keys.append(key)
            out.dup_weights.append(weight)
            continue
        seen.add(fingerprint)
        for word in words:
            tid = out.vocab.get(word)
            if tid is None:
                tid = out.vocab[word] = len(out.vocab)
            out.tok_ids.append(tid)
        out.tok_off.append(len(out.tok_ids))
        surface = alias.strip().encode()
        out.text_parts.append(surface)
        position += len(surface)
        out.text_off.append(position)
        out.keys.append(key)
        out.weights.append(weight)
    return out


def _required(words: list[str]) -> list[int]:
    """Query words an alias must account for: all but particles inside a name (`Bashar al Assad` finds Bashar Assad).

    A particle that opens the query is part of the name asked for: `Abu Karim` is not Karim Saleh, `Al Grant`
    is not Susan Grant, `Van Dijkstra` needs a `van`.
    """
    required = [i for i, w in enumerate(words) if w not in PARTICLES or (i == 0 and len(words) > 1)]
    return required or list(range(len(words)))


def _tier(words: list[str], alias_words: list[str], quality: int, complete: bool) -> str:
    """Name how a query met an alias, the weakest link first."""
    if quality == TYPO:
        return "typo"
    if quality == VARIANT:
        return "romanisation"
    if not complete:
        return "partial"
    return "exact" if words == alias_words else "tokens"


def _score(words: list[str], alias_words: list[str], kinds: list[dict[str, int]]) -> float:
    """0..100: how closely the query's words match the alias's words, discounted for alias words the query left out."""
    # Pair each query word with the alias word it matched (by kind, then similarity) and weigh by length:
    # a romanised "cho"/"jo" counts as nearly equal, a typo by its edit similarity.
    used: set[int] = set()
    total = similar = 0.0
    for word, kind_of in zip(words, kinds, strict=True):
        best, best_j = (NONE + 1, 0.0), -1
        for j, alias_word in enumerate(alias_words):
            if j in used:
                continue
            kind = kind_of.get(alias_word, NONE)
            rank = (kind, -(VARIANT_SIMILARITY if kind == VARIANT else fuzz.ratio(word, alias_word)))
            if rank < best:
                best, best_j = rank, j
        total += len(word)
        if best_j >= 0 and best[0] < NONE:
            used.add(best_j)
            similar += len(word) * -best[1]
    similarity = similar / total if total else 0.0
    alias_chars = sum(len(w) for w in alias_words)
    covered = sum(len(w) for j, w in enumerate(alias_words) if j in used or w in PARTICLES)
    coverage = covered / alias_chars if alias_chars else 1.0
    return round(similarity * (0.5 + 0.5 * coverage), 1)
