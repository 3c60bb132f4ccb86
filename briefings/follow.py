"""Following: what a person or channel follows (a person, a place, words) and which new articles match it.

A target is resolved with the same lookup as `/who`: a name that finds one person follows
that person (the resolved person, not the string: `Mr. Kirby` and `John Kirby` both match);
a place the articles report follows the place; anything else follows its words, and the
answer says so. Matching a batch of new articles against many targets goes through an
inverted index of word stems, so a thousand articles against ten thousand follows cost one
pass over the articles' words, not a million comparisons.
"""

from __future__ import annotations

import gc
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from briefings.models import Article, ArticleRef, Candidate, Person, Quote
from briefings.topics import STOP, forms, stem, topic_words, words

if TYPE_CHECKING:
    from briefings.service import Briefings

_TOKEN = re.compile(r"[^\W_]+(?:'[^\W_]+)?")  # words split at hyphens, possessives kept: `china's`, `kim`, `jong`, `un`
TargetKind = Literal["person", "place", "word"]
ChoiceStatus = Literal["person", "place", "words", "ambiguous", "empty"]
MAX_TARGET = 100


@dataclass(frozen=True)
class FollowTarget:
    """What is followed: a person (by the index's name for them), a place, or words (lower case)."""

    kind: TargetKind
    key: str
    label: str

    def to_dict(self) -> dict:
        return {"kind": self.kind, "key": self.key, "label": self.label}


@dataclass
class FollowChoice:
    """What `follow <text>` resolves to: one target, a choice of people, or nothing usable."""

    status: ChoiceStatus
    target: FollowTarget | None = None
    candidates: list[Candidate] = field(default_factory=list)
    message: str = ""


@dataclass(slots=True)
class FollowHit:
    """A new article that matches a target, with what the followed person said in it."""

    target: FollowTarget
    article: ArticleRef
    quotes: list[Quote] = field(default_factory=list)


def choose_target(core: Briefings, text: str) -> FollowChoice:
    """Resolve what someone asked to follow: a person, a place, or (when neither) the words themselves."""
    query = " ".join((text or "").split())[:MAX_TARGET].strip(" \"'“”‘’?!.")
    if not topic_words(query):
        return FollowChoice("empty", message="Say what to follow: a person, a place or a word, for example `follow Kirby`.")
    match = core.who(query)
    if match.status == "found" and match.person is not None:
        person = match.person
        return FollowChoice("person", FollowTarget("person", person.name, person.name), message=f"You follow {person.name}.")
    if match.status == "ambiguous":
        return FollowChoice("ambiguous", candidates=match.candidates, message=f"Several people match “{query}”: which one?")
    words_key = " ".join(words(query))
    if core.is_place(query):
        return FollowChoice("place", FollowTarget("place", words_key, query), message=f"You follow news from {query}.")
    return FollowChoice(
        "words",
        FollowTarget("word", words_key, query),
        message=f"Nobody called “{query}” is in the articles yet, so you follow the words “{query}” in new articles.",
    )


def person_target(person: Person) -> FollowTarget:
    """The target for following one person (after a choice between namesakes)."""
    return FollowTarget("person", person.name, person.name)


class FollowMatcher:
    """Match new articles against many targets at once."""

    def __init__(self, people: Iterable[Person], resolve: Callable[[str], Person | None] | None = None) -> None:
        self.by_name = {p.name: p for p in people}
        self.resolve = resolve  # a name the index no longer spells the same way -> the person, or None
        self.in_article: dict[str, list[Person]] = defaultdict(list)
        for person in self.by_name.values():
            for ref in person.articles:
                self.in_article[ref.id].append(person)

    def match(self, targets: Iterable[FollowTarget], articles: Sequence[Article]) -> dict[FollowTarget, list[FollowHit]]:
        """Each target's hits among the articles (targets with no hit are left out).

        A word or place target is indexed under every form of its rarest-looking word (`sanction`,
        `sanctions`, `sanction's`), so an article costs one tokenisation and one set intersection.
        """
        with _collector_paused():
            return self._match(targets, articles)

    def _match(self, targets: Iterable[FollowTarget], articles: Sequence[Article]) -> dict[FollowTarget, list[FollowHit]]:
        unique = list(dict.fromkeys(targets))
        found: list[list[FollowHit]] = [[] for _ in unique]  # by target position: no hashing of targets per hit
        by_form: dict[str, list[tuple[int, tuple[frozenset[str], ...], str | None]]] = defaultdict(list)
        people: dict[str, list[int]] = defaultdict(list)
        for i, target in enumerate(unique):
            if target.kind == "person":
                person = self._person(target.key)
                if person is not None:
                    people[person.name].append(i)
                continue
            words_ = _TOKEN.findall(target.key.lower())
            needed = tuple(frozenset(forms(stem(w))) for w in words_ if w not in STOP) or tuple(frozenset(forms(stem(w))) for w in words_)
            if needed:
                phrase = target.key if target.kind == "place" and len(target.key.split()) > 1 else None
                for form in max(needed, key=lambda f: max(map(len, f))):
                    by_form[form].append((i, needed, phrase))
        form_set = frozenset(by_form)
        for article in articles:
            ref = article.ref()
            for person in self.in_article.get(article.id, []):
                for i in people.get(person.name, ()):
                    found[i].append(FollowHit(unique[i], ref, _quotes_in(person, article.id)))
            if not form_set:
                continue
            text = _article_text(article).lower().replace("’", "'")
            tokens = set(_TOKEN.findall(text))
            for token in tokens & form_set:  # iterates over the article's words, not over every form followed
                for i, needed, phrase in by_form[token]:
                    if (len(needed) == 1 or all(f & tokens for f in needed)) and (phrase is None or _phrase_in(phrase, text)):
                        found[i].append(FollowHit(unique[i], ref))
        return {unique[i]: hits for i, hits in enumerate(found) if hits}

    def _person(self, name: str) -> Person | None:
        person = self.by_name.get(name)
        if person is None and self.resolve is not None:
            person = self.resolve(name)
        return person


@contextmanager
def _collector_paused() -> Iterator[None]:
    # A batch makes ~10^5 small hit objects at once; the cyclic GC would rescan the whole heap
    # (the loaded index included) many times over while they are made, for nothing to free.
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _quotes_in(person: Person, article_id: str) -> list[Quote]:
    return [q for q in person.quotes if q.article_id == article_id or any(s.id == article_id for s in q.sources)]


def _article_text(article: Article) -> str:
    return " ".join([article.headline, article.dateline_place or "", *article.body])


def _phrase_in(key: str, lowered: str) -> bool:
    # A place of several words must appear as those words together (`New York`, not `new ... York`).
    parts = key.split()
    if len(parts) < 2:
        return True
    return re.search(r"\b" + r"[\s-]+".join(re.escape(p) for p in parts), lowered) is not None


def refiled(article: Article, earlier: Article) -> bool:
    """True when `article` is a re-filed version of `earlier` (same outlet's story again, or the same text)."""
    if _headline_key(article.headline) == _headline_key(earlier.headline) and (article.outlet or "") == (earlier.outlet or ""):
        return True
    a, b = _shingles(article.body), _shingles(earlier.body)
    return bool(a and b) and len(a & b) / min(len(a), len(b)) >= 0.7


def _headline_key(headline: str) -> str:
    text = re.sub(r"\((?:\d+(?:st|nd|rd|th)\s+)?(?:LD|lead|update|urgent|corrected|recast)[^)]*\)", " ", headline or "", flags=re.I)
    return " ".join(words(text))


def _shingles(body: list[str], size: int = 5, limit: int = 400) -> set[int]:
    tokens = words(" ".join(body))[:limit]
    return {hash(tuple(tokens[i : i + size])) for i in range(max(len(tokens) - size + 1, 0))}
