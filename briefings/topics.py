"""Topic words and their forms: what "about Iran", "follow sanctions" or "China" match in a text.

A topic is a few words a person typed. A text is about it when each of its content words
appears in some form: the same word (`sanction` / `sanctions`, `China` / `China's`), its
adjective of nationality (`China` / `Chinese`), or, for longer words, a close spelling
(`Pyongyang` / `Pyong-yang`). Stop words and question words never count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

STOP = {
    "a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "with", "by", "from", "as", "is", "are", "was",
    "were", "be", "been", "it", "its", "this", "that", "these", "those", "about", "what", "did", "does", "do", "say",
    "said", "says", "saying", "tell", "me", "regarding", "concerning", "re", "any", "some", "his", "her",
    "their", "he", "she", "they", "we", "i", "you", "there", "has", "have", "had", "not", "no", "than", "then",
}  # fmt: skip
_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*", re.UNICODE)
# Nationality adjectives whose stem is not the country's name plus a suffix.
_DEMONYMS = {
    "chinese": "china", "french": "france", "dutch": "netherlands", "british": "britain", "swiss": "switzerland",
    "greek": "greece", "thai": "thailand", "danish": "denmark", "swedish": "sweden", "finnish": "finland",
    "polish": "poland", "spanish": "spain", "turkish": "turkey", "irish": "ireland", "welsh": "wales",
    "scottish": "scotland", "japanese": "japan", "vietnamese": "vietnam", "portuguese": "portugal",
    "lebanese": "lebanon", "sudanese": "sudan", "israeli": "israel", "iraqi": "iraq", "pakistani": "pakistan",
    "afghan": "afghanistan", "filipino": "philippines", "norwegian": "norway", "peruvian": "peru",
}  # fmt: skip


def words(text: str) -> list[str]:
    """The words of a text, lower-cased, possessives and hyphen-free forms kept as one word."""
    return _WORD.findall((text or "").lower().replace("’", "'"))


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A crude, predictable stem: possessive and plural off, nationality to country (`Chinese` -> `china`)."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    w = w.rstrip("'")
    if w in _DEMONYMS:
        return _DEMONYMS[w]
    if len(w) > 4:
        if w.endswith("ies"):
            return w[:-3] + "y"
        if w.endswith("sses"):
            return w[:-2]
        if w.endswith("s") and not w.endswith(("ss", "us", "is")):
            return w[:-1]
    return w


@lru_cache(maxsize=65536)
def forms(word_stem: str) -> frozenset[str]:
    """The written forms a stem stands for: itself, plural, possessive, and nationality words (`china` -> `chinese`)."""
    out = {word_stem, word_stem + "s", word_stem + "es", word_stem + "'s", word_stem + "s'"}
    if word_stem.endswith("y"):
        out.add(word_stem[:-1] + "ies")
    out |= {adj for adj, country in _DEMONYMS.items() if country == word_stem}
    out |= {word_stem + suffix for suffix in ("n", "an", "ian", "ians", "ns")} if len(word_stem) >= 4 else set()
    return frozenset(out | {f + "'s" for f in out if not f.endswith("'s")})


def same_word(a: str, b: str) -> float:
    """1.0 for one stem, 0.9 for a stem and its derivation (`korea`/`korean`, `iran`/`iranian`), 0.8 for a near spelling."""
    if a == b:
        return 1.0
    short, long_ = sorted((a, b), key=len)
    if len(short) >= 4 and long_.startswith(short) and len(long_) - len(short) <= 3:
        return 0.9
    if len(short) >= 6 and fuzz.ratio(a, b) >= 88:
        return 0.8
    return 0.0


def topic_words(text: str) -> list[str]:
    """The content words of a topic or query, in order, without stop words."""
    return [w for w in words(text) if w not in STOP and len(w) > 1]


@dataclass(frozen=True)
class Topic:
    """A typed topic, ready to score texts against."""

    text: str
    terms: tuple[str, ...]  # content words as typed (lower case)
    stems: tuple[str, ...]

    @classmethod
    def of(cls, text: str) -> Topic:
        terms = tuple(dict.fromkeys(topic_words(text)))
        return cls(text, terms, tuple(stem(t) for t in terms))

    @property
    def empty(self) -> bool:
        return not self.terms

    def score(self, text: str) -> float:
        """How well a text is about the topic: the share of its terms found (1.0 = all), 0 when none."""
        if self.empty:
            return 0.0
        found = {stem(w) for w in words(text)}
        total = 0.0
        for st in self.stems:
            total += 1.0 if st in found else max((same_word(st, f) for f in found), default=0.0)
        return total / len(self.terms)

    def in_text(self, text: str) -> bool:
        """Every term of the topic is in the text, in one of its forms."""
        return not self.empty and self.score(text) >= 0.8 - 1e-9
