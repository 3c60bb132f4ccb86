"""People across articles: one person per real person, however each article wrote the name."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace

from rapidfuzz import fuzz

from briefings.given_names import gender_by_name
from briefings.models import ArticleRef, Person, Quote, Role
from briefings.name_spans import title_sex
from briefings.people import is_short, name_tokens, person_key
from briefings.person_types import ExtractedPerson, stored_people
from briefings.quotes import quote_from_extraction, stored_quotes

# Romanisations of one Korean family name (Jo/Cho, Ri/Lee/Yi, Choe/Choi, Pak/Park, Rim/Lim ...).
FAMILY_VARIANTS = [
    {"jo", "cho", "joe", "zho"}, {"ri", "lee", "yi", "rhee", "rhie", "i"}, {"choe", "choi", "choy"},
    {"pak", "park", "bak", "bahk"}, {"rim", "lim", "im", "yim"}, {"ryu", "yoo", "yu", "you"},
    {"jong", "jeong", "chung", "jung"}, {"kang", "gang"}, {"kim", "gim"}, {"ro", "roh", "noh", "no"},
    {"ryang", "yang"}, {"o", "oh"}, {"u", "woo", "wu"}, {"son", "sohn"}, {"sin", "shin"},
]  # fmt: skip
_CANON = {name: sorted(group)[0] for group in FAMILY_VARIANTS for name in group}


def canonical_key(name: str) -> str:
    """person_key with Korean family-name romanisations folded together (`Jo Chun Yong` = `Cho Chun-yong`)."""
    words = person_key(name).split()
    if len(words) >= 2:
        if words[0] in _CANON:
            words[0] = _CANON[words[0]]
        elif words[-1] in _CANON and len(words) == 2:
            words[-1] = _CANON[words[-1]]
    return " ".join(words)


@dataclass
class _Group:
    forms: Counter = field(default_factory=Counter)
    roles: list[Role] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    reported: list[Quote] = field(default_factory=list)
    articles: dict[str, ArticleRef] = field(default_factory=dict)
    mentions: int = 0
    article_mentions: Counter = field(default_factory=Counter)


def resolve_people(articles: list[tuple[ArticleRef, dict]]) -> list[Person]:
    """Merge each article's people into people of the corpus, with roles and de-duplicated quotes."""
    groups: dict[str, _Group] = defaultdict(_Group)
    singles: list[tuple[ArticleRef, ExtractedPerson, dict]] = []
    named_in: dict[str, set[str]] = defaultdict(set)  # article id -> the family names of the people it names
    for ref, extraction in articles:
        for p in stored_people(extraction):
            named_in[ref.id].add(canonical_key(p.name).rsplit(" ", 1)[-1])
            if is_short(name_tokens(p.name)):
                singles.append((ref, p, extraction))
                continue
            _add(groups[canonical_key(p.name)], ref, p, extraction)
    by_part = _keys_by_part(list(groups))
    for ref, p, extraction in singles:
        # A person an article only names by one word joins a full name only on the corpus's evidence.
        word = canonical_key(p.name)
        fits = [k for k in by_part.get(word, ()) if _evidence(groups[k], ref, p, named_in, k)]
        _add(groups[fits[0] if len(fits) == 1 else word], ref, p, extraction)
    people = []
    for key, group in groups.items():
        del key
        name = _best_name(group.forms)
        people.append(
            Person(
                id=0,
                name=name,
                aliases=sorted(group.forms, key=lambda f: (-group.forms[f], f)),
                roles=_order_roles(group.roles),
                quotes=[replace(q, speaker=name) for q in _merge_quotes(group.quotes)],  # the corpus's name, not one article's spelling
                articles=sorted(group.articles.values(), key=lambda a: a.date or "", reverse=True),
                mentions=group.mentions,
                article_mentions=dict(group.article_mentions),
                reported=[replace(q, speaker=name) for q in _merge_quotes(group.reported)],
            )
        )
    people.sort(key=lambda p: (-p.mentions, p.name))
    for i, person in enumerate(people, 1):
        person.id = i
    return people


def _keys_by_part(keys: list[str]) -> dict[str, list[str]]:
    """The full names each short form may stand for, in order: `kirby` and `john` for John Kirby, `van dijkstra` for Pieter van Dijkstra.

    A short form is a key's given name, its family name, or its last words (a family name with its particles).
    """
    by_part: dict[str, list[str]] = defaultdict(list)
    for key in keys:
        parts = key.split()
        forms = {parts[0], *(" ".join(parts[-n:]) for n in range(1, len(parts)))}
        for form in forms:
            by_part[form].append(key)
    return by_part


def _evidence(group: _Group, ref: ArticleRef, p: ExtractedPerson, named_in: dict[str, set[str]], key: str) -> bool:
    """The same person, not a namesake: the same article, a role of the same title, or another person in both stories.

    Being the only full name that fits is no evidence: a local official called Ortiz is not Senator Ortiz.
    Nor is anything evidence when the article's title says another sex than the full name's given name
    (`Mr. Obama` is not Michelle Obama, even in her article).
    """
    sex = _title_sex(p)
    if sex is not None and gender_by_name(key.split()[0]) not in (None, sex):
        return False
    if ref.id in group.articles:
        return True
    titles = {_words(r.title) for r in p.roles}
    if titles & {_words(r.title) for r in group.roles}:
        return True
    own = {key.rsplit(" ", 1)[-1]}
    company = {name for a in group.articles for name in named_in[a]} - own
    return bool(company & (named_in[ref.id] - own))


def _title_sex(p: ExtractedPerson) -> str | None:
    """`m` or `f` when the article titles its one-word person `Mr.`, `Mrs.`, `Ms.` or `Miss`, and not both ways."""
    sexes = {title_sex(form.split()[0]) for form in (p.name, *p.aliases) if form.split()} - {None}
    return sexes.pop() if len(sexes) == 1 else None


def _add(group: _Group, ref: ArticleRef, p: ExtractedPerson, extraction: dict) -> None:
    for alias in p.aliases:
        group.forms[alias] += 1
    group.forms[p.name] += 1
    group.mentions += p.mentions
    group.article_mentions[ref.id] += p.mentions
    group.articles[ref.id] = ref
    for r in p.roles:
        group.roles.append(Role(r.title, r.organization, ref.id, ref.date, r.source, r.text))
    for q in stored_quotes(extraction):
        if q.speaker == p.name:
            (group.quotes if q.kind == "direct" else group.reported).append(quote_from_extraction(q, p.name, ref))


def _best_name(forms: Counter) -> str:
    # The fullest form the corpus uses; among equals, the commonest (`Kim Jong-un` over `Kim Jong Un`).
    return max(forms, key=lambda f: (len(re.sub(r"\W", "", f)), forms[f], "-" in f))


def _order_roles(roles: list[Role]) -> list[Role]:
    """Most specific and most recent first; one entry per distinct wording."""
    seen: dict[str, Role] = {}
    for role in sorted(roles, key=lambda r: r.date or "", reverse=True):
        key = re.sub(r"\W+", " ", role.label().lower()).strip()
        if key not in seen:
            seen[key] = role
    return sorted(seen.values(), key=lambda r: (-_specificity(r), _date_rank(r.date)))


def _specificity(role: Role) -> int:
    words = len(role.title.split())
    spelled_out = bool(role.organization and len(role.organization.split()) >= 2)  # `National Security Council`, not `NSC`
    return min(words, 6) + (2 if role.organization else 0) + spelled_out + (1 if "caption" not in role.source else 0)


def _date_rank(date: str | None) -> str:
    # Later dates sort first; undated roles go last.
    if not date or date.startswith("--"):
        return "~"
    return "".join(chr(ord("9") - int(c) + ord("0")) if c.isdigit() else c for c in date)


def _words(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower().replace("’", "'")))


def _merge_quotes(quotes: list[Quote]) -> list[Quote]:
    """The same words reported by two articles are one quote with two sources."""
    merged: list[Quote] = []
    for q in sorted(quotes, key=lambda q: -len(q.text)):
        words = _words(q.text)
        same = next(
            (m for m in merged if words in _words(m.text) or (len(words.split()) >= 6 and fuzz.partial_ratio(words, _words(m.text)) >= 92)),
            None,
        )
        if same is None:
            merged.append(replace(q, sources=list(q.sources)))
            continue
        for src in q.sources:
            if all(s.id != src.id for s in same.sources):
                same.sources.append(src)
        if same.inferred and not q.inferred:
            same.inferred, same.attribution = False, q.attribution
    merged.sort(key=lambda q: (q.inferred, _date_rank(q.date), -len(q.sources)))
    return merged
