"""Organisations in the news (NATO, the U.N. Security Council, a ministry): what they did and said, and their people.

Built from what extraction stores per article: the organisations the model names (with the
acronym an article gives in brackets, `North Atlantic Treaty Organization (NATO)`), the
statements attributed to an organisation, the roles people hold in one, and the events one
takes part in. A query finds an organisation only by its name, an acronym of it, or words
that make up most of its name (`Security Council` for `U.N. Security Council`): never by
typo tolerance, so a person's name is never answered with an organisation.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from briefings.models import ArticleRef, Event, Person, Quote
from briefings.quotes import stored_quotes

if TYPE_CHECKING:  # the bot imports this at start: spaCy loads only when something is extracted
    from spacy.tokens import Doc

_ACRONYM = re.compile(r"^(?P<name>.+?)\s*\((?P<short>[A-Z][A-Za-z.&-]{1,11})\)$")
_LEADING = {"the", "a", "an"}
_HEADS = {
    "council", "organization", "organisation", "party", "ministry", "department", "agency", "committee", "commission", "bank",
    "union", "army", "navy", "court", "office", "association", "corp", "corporation", "inc", "company", "co", "group",
    "university", "college", "school", "federation", "league", "club", "fc", "institute", "service", "services", "police",
    "forces", "force", "assembly", "parliament", "congress", "senate", "house", "fund", "alliance", "coalition", "front",
    "movement", "network", "news", "times", "post", "press", "board", "authority", "bureau", "administration", "government",
    "nations", "foundation", "society", "church", "hospital", "airlines", "airways", "motors", "exchange", "reserve",
    "guard", "brigade", "command", "centre", "center", "watch", "tribunal", "cabinet", "secretariat", "embassy", "consulate",
    "fleet", "team", "united", "city", "ltd", "plc", "sa", "ag", "holdings", "industries", "systems", "technologies",
}  # fmt: skip
_GENERIC = {"government", "ministry", "party", "council", "committee", "agency", "court", "army", "police", "office", "department"}


@dataclass
class OrgPerson:
    """Someone the articles place in the organisation, with the role they hold there."""

    person_id: int
    name: str
    role: str


@dataclass
class Organisation:
    """An organisation across articles."""

    name: str
    aliases: list[str]
    articles: list[ArticleRef]
    mentions: int
    statements: list[Quote] = field(default_factory=list)
    people: list[OrgPerson] = field(default_factory=list)
    events: list[tuple[int, str, str | None]] = field(default_factory=list)  # (event id, title, date)

    def to_dict(self) -> dict:
        return {
            "name": self.name,
            "aliases": self.aliases,
            "mentions": self.mentions,
            "articles": [a.to_dict() for a in self.articles],
            "statements": [q.to_dict() for q in self.statements],
            "people": [{"person_id": p.person_id, "name": p.name, "role": p.role} for p in self.people],
            "events": [{"id": i, "title": t, "date": d} for i, t, d in self.events],
        }


def organisations_in(docs: Iterable[Doc]) -> list[dict]:
    """The organisations one article names: [{name, short, mentions}], most named first."""
    counts: Counter[str] = Counter()
    shorts: dict[str, str] = {}
    for doc in docs:
        for ent in doc.ents:
            if ent.label_ != "ORG":
                continue
            name = _strip(ent.text)
            after = doc[ent.end : ent.end + 3].text
            if m := re.match(r"^\(\s*([A-Z][A-Za-z.&-]{1,11})\s*\)", after):
                shorts[name] = m.group(1)
            if m := _ACRONYM.match(name):
                name, shorts[_strip(m["name"])] = _strip(m["name"]), m["short"]
            if len(name) >= 2 and name.lower() not in _GENERIC:
                counts[name] += 1
    return [{"name": n, "short": shorts.get(n), "mentions": c} for n, c in counts.most_common()]


def key(name: str) -> str:
    """A spelling-free key: `U.N.` = `UN`, `the Security Council` = `security council`."""
    words = re.sub(r"[.’'`]", "", name).lower().replace("&", " and ").split()
    while words and words[0] in _LEADING:
        words = words[1:]
    return " ".join(re.sub(r"[^\w-]", "", w) for w in words).strip()


def acronym(name: str) -> str:
    """The initials of a name of several words (`North Atlantic Treaty Organization` -> `nato`)."""
    words = [w for w in key(name).split() if w not in ("of", "and", "for", "the", "on", "in")]
    return "".join(w[0] for w in words) if len(words) >= 2 else ""


class OrganisationIndex:
    """Organisations by name, acronym and most of their words (an inverted index of name words: no scan per query)."""

    def __init__(self, orgs: list[Organisation]) -> None:
        self.orgs = orgs
        self.by_key: dict[str, list[int]] = defaultdict(list)
        self.by_word: dict[str, list[int]] = defaultdict(list)
        self.words: list[frozenset[str]] = []
        for i, org in enumerate(orgs):
            for form in {org.name, *org.aliases}:
                for k in {key(form), acronym(form)} - {""}:
                    self.by_key[k].append(i)
            self.words.append(frozenset(key(org.name).split()))
            for word in self.words[-1]:
                self.by_word[word].append(i)

    def find(self, query: str) -> list[Organisation]:
        """Organisations the query names, most reported first (empty when none)."""
        q = key(query)
        if not q:
            return []
        hits = set(self.by_key.get(q, []))
        words = set(q.split())
        if not hits and not words <= _GENERIC:
            rarest = min(words, key=lambda w: len(self.by_word.get(w, ())))
            for i in self.by_word.get(rarest, ()):
                if words <= self.words[i] and 2 * len(words) >= len(self.words[i]):
                    hits.add(i)
        return sorted((self.orgs[i] for i in hits), key=lambda o: (-len(o.articles), -o.mentions, o.name))


def build_organisations(
    extractions: Iterable[tuple[ArticleRef, dict]], people: Iterable[Person], events: Iterable[Event]
) -> OrganisationIndex:
    """Organisations of the corpus from stored per-article extractions, people's roles and events."""
    groups: dict[str, dict] = {}
    short_of: dict[str, str] = {}
    for ref, extraction in extractions:
        for o in extraction.get("organisations", []):
            g = groups.setdefault(key(o["name"]), {"names": Counter(), "articles": {}, "mentions": 0, "statements": []})
            g["names"][o["name"]] += o["mentions"]
            g["articles"][ref.id] = ref
            g["mentions"] += o["mentions"]
            if o.get("short"):
                short_of[key(o["short"])] = key(o["name"])
        for q in stored_quotes(extraction):
            source = q.source or q.speaker  # an organisation's statement names it as the source
            if q.kind == "direct" and q.attribution == "organisation" and source and key(source):
                g = groups.setdefault(key(_strip(source)), {"names": Counter(), "articles": {}, "mentions": 0, "statements": []})
                g["names"][_strip(source)] += 1
                g["articles"][ref.id] = ref
                g["statements"].append(Quote(text=q.text, speaker=_strip(source), article_id=ref.id, date=ref.date, sources=[ref]))
    _fold_acronyms(groups, short_of)
    orgs = [o for o in (_organisation(g) for g in groups.values() if g["names"]) if o.statements or organisation_shaped(o.name)]
    _add_people(orgs, people)
    _add_events(orgs, events)
    return OrganisationIndex(orgs)


def organisation_shaped(name: str) -> bool:
    """An acronym (`NATO`, `U.N.`) or a name with an organisation's head word (`... Council`, `... Ministry`).

    The small model tags many people and places as organisations (`General Anatoly Shkirko`,
    `Komsomolsk`); only names shaped like an organisation's answer a `/who` query as one.
    """
    bare = re.sub(r"[.&-]", "", name)
    if bare.isupper() and 2 <= len(bare) <= 10:
        return True
    return bool(set(key(name).split()) & _HEADS)


def _fold_acronyms(groups: dict[str, dict], short_of: dict[str, str]) -> None:
    # `NATO` and `North Atlantic Treaty Organization` are one organisation when an article says so.
    for short, full in short_of.items():
        if short in groups and full in groups and short != full:
            g, s = groups[full], groups.pop(short)
            g["names"].update({n: 0 for n in s["names"]})
            g["articles"] |= s["articles"]
            g["mentions"] += s["mentions"]
            g["statements"] += s["statements"]


def _organisation(g: dict) -> Organisation:
    names = [n for n, _ in g["names"].most_common()]
    full = max(names, key=lambda n: (g["names"][n] > 0, len(n.split()) > 1, g["names"][n]))
    return Organisation(
        name=full,
        aliases=sorted(set(names) - {full}),
        articles=sorted(g["articles"].values(), key=lambda r: r.date or "", reverse=True),
        mentions=g["mentions"],
        statements=g["statements"],
    )


def _add_people(orgs: list[Organisation], people: Iterable[Person]) -> None:
    keys = _keys(orgs)
    for person in people:
        for role in person.roles:
            for org in _named_in(key(role.text or "") + " " + key(role.organization or ""), keys)[:1]:
                if all(p.person_id != person.id for p in org.people):
                    org.people.append(OrgPerson(person.id, person.name, role.label()))


def _add_events(orgs: list[Organisation], events: Iterable[Event]) -> None:
    keys = _keys(orgs)
    for event in events:
        for org in _named_in(key(" ".join([event.title, *(p.name for p in event.participants)])), keys):
            if (event.id, event.title, event.date) not in org.events:
                org.events.append((event.id, event.title, event.date))


def _keys(orgs: list[Organisation]) -> dict[str, Organisation]:
    return {k: org for org in orgs for form in {org.name, *org.aliases} for k in {key(form), acronym(form)} if len(k) >= 2}


def _named_in(text: str, keys: dict[str, Organisation], longest: int = 8) -> list[Organisation]:
    """The organisations a text names: each run of up to `longest` words looked up once (no scan of every organisation)."""
    words = text.split()
    found: list[Organisation] = []
    for i in range(len(words)):
        for n in range(min(longest, len(words) - i), 0, -1):
            org = keys.get(" ".join(words[i : i + n]))
            if org is not None and org not in found:
                found.append(org)
                break
    return found


def _strip(name: str) -> str:
    name = " ".join(name.split()).strip(" ,.;:\"'“”‘’")
    words = name.split()
    while words and words[0].lower() in _LEADING:
        words = words[1:]
    if words and words[-1] in ("'s", "’s"):
        words = words[:-1]
    return " ".join(words).removesuffix("'s").removesuffix("’s")
