"""People in one article: mentions resolved to people, their roles, and what they said.

Works on spaCy docs of the clean paragraphs and captions (see `briefings.nlp`). The rules
follow news-writing conventions rather than any one outlet:

- a person is introduced by full name, then referred to by family name (`Kirby`, `Mr.
  Putin`); a short mention goes to the earlier full name it fits, in either name order
  (`Sung Kim`, `Kim Gunn`). When several fit, a full name re-introduced in the last two
  paragraphs wins (writers re-introduce a name when they switch between namesakes), then
  the person the article has made its subject most;
- a role is a title before the name (`South Korean Foreign Minister Park Jin`), an
  apposition after it (`Sung Kim, the U.S. special representative for North Korea,`), one
  before it (`Seoul's top nuclear envoy, Kim Gunn,`), or a `who is` clause;
- what each person said (direct quotes and reported speech) is read by
  `briefings.attribution` from the sentences around it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.attrs import LOWER
from spacy.tokens import Doc, Span

from briefings.attribution import Said, attribute_quotes, unnamed_speakers
from briefings.given_names import gender_by_name
from briefings.name_forms import APOSTROPHES, LETTER_FOLD, PARTICLES
from briefings.name_spans import honorific_sex, name_tag, name_words, trim_name
from briefings.name_words import HONORIFICS, ROLE_HEADS
from briefings.names import NameHints, recover_in_article
from briefings.nlp import clean_name
from briefings.person_types import ExtractedMention, ExtractedPerson, ExtractedRole, MentionKind
from briefings.quotes import find_quotes

ROLE_MODIFIERS = {
    "top", "chief", "special", "senior", "deputy", "vice", "acting", "former", "first", "nuclear", "foreign",
    "defense", "defence", "prime", "security", "national", "state", "strategic", "communications", "general",
    "executive", "press", "military", "political", "economic", "trade", "finance", "interior", "justice", "unification",
    "de", "facto", "supreme", "assistant", "associate", "principal", "lead", "ruling", "party", "opposition",
}  # fmt: skip
LEADING_NOISE = {"the", "a", "an", "new", "its", "his", "her", "their"}


@dataclass
class Mention:
    """One place the text names a person."""

    text: str
    tokens: list[str]
    para: int
    kind: MentionKind
    start: int  # character offsets in the paragraph
    end: int
    subject: bool  # the name is the subject of its clause (a speaker or actor)
    in_quote: bool
    person: int | None = None
    sex: str | None = None  # `m` after Mr., `f` after Mrs./Ms./Miss: which of two namesakes a family name is


@dataclass
class LocalPerson:
    """A person as one article knows them."""

    name: str
    forms: set[str] = field(default_factory=set)
    mentions: int = 0
    subject_mentions: int = 0
    last_full_para: int = -1
    roles: list[dict] = field(default_factory=list)
    sex: str | None = None  # as a Mr./Ms. before one of their mentions shows it

    @property
    def parts(self) -> list[str]:
        return name_tokens(self.name)


def name_tokens(name: str) -> list[str]:
    """Lower-case name parts without honorifics: `Mr. Kim Jong-un` -> [kim, jong-un]."""
    return list(_name_tokens(name))


@lru_cache(maxsize=65536)
def _name_tokens(name: str) -> tuple[str, ...]:
    parts = [p for p in re.split(r"\s+", clean_name(name)) if p]
    return tuple(p.lower() for p in parts if p.lower() not in HONORIFICS)


def is_short(parts: list[str]) -> bool:
    """One name word, with any particles before it: `Kirby`, `Van Dijkstra`, `al-Assad` is a family name alone."""
    return len([p for p in parts if p not in PARTICLES]) <= 1 and len(parts) <= 3


_BARE_HONORIFICS = frozenset(h.strip(".") for h in HONORIFICS)
_NON_KEY = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=65536)
def person_key(name: str) -> str:
    """A spelling-insensitive key: `Kim Jong-un`, `Kim Jong Un` and `kim jong un` share one (`Støre` = `Store`,
    `O’Malley` = `O'Malley`)."""
    text = (
        unicodedata.normalize("NFKD", clean_name(name).translate(LETTER_FOLD).translate(APOSTROPHES))
        .encode("ascii", "ignore")
        .decode()
        .lower()
    )
    return " ".join(w for w in _NON_KEY.split(text) if w and w not in _BARE_HONORIFICS)


def extract_people(
    body_docs: list[Doc], caption_docs: list[Doc], known_elsewhere: frozenset[str] = frozenset(), hints: NameHints | None = None
) -> dict:
    """People, their roles and quotes, from one article's paragraphs and captions.

    `known_elsewhere`: family names other articles give in full, so a bare `Borrell` that the
    model misses is still found (and joined to Josep Borrell across articles); `hints`: given
    names the batch uses (see `briefings.names.name_hints`).
    """
    recover_in_article([*body_docs, *caption_docs], hints)
    people: list[LocalPerson] = []
    mentions: list[Mention] = []
    quote_spans = [find_quotes(doc.text) for doc in body_docs]
    # Names given in full anywhere in the article, so a family name before the full one is still found.
    known = known_elsewhere | full_name_parts([*body_docs, *caption_docs])
    words = name_words([*body_docs, *caption_docs])
    for para, doc in enumerate(body_docs):
        for ent in _person_ents(doc, people, known, words):
            mention = _mention(ent, para, "body", quote_spans[para])
            _resolve(mention, people)
            mentions.append(mention)
            if mention.person is not None:
                _collect_roles(ent, doc, people[mention.person], "body")
    for para, doc in enumerate(caption_docs):
        for ent in _person_ents(doc, people, known, words):
            mention = _mention(ent, para, "caption", [])
            _resolve_caption(mention, people)
            if mention.person is not None:
                mentions.append(mention)
                _collect_roles(ent, doc, people[mention.person], "caption")
    said = attribute_quotes(body_docs, quote_spans, mentions, people)
    quotes = [q for q in said if q.kind == "direct"]
    kept = {i for i, p in enumerate(people) if _worth_keeping(p, i, quotes) or (len(p.parts) == 1 and p.parts[0] in known_elsewhere)}
    mentions = [m for m in mentions if m.person is not None]
    index_map = {old: new for new, old in enumerate(sorted(kept))}
    for q in said:
        if q.speaker is not None and q.speaker not in index_map:
            q.speaker, q.attribution = None, None
    return _document(people, sorted(kept), said, quotes, mentions)


def _document(people: list[LocalPerson], kept: list[int], said: list[Said], quotes: list[Said], mentions: list[Mention]) -> dict:
    """The extraction document of the people kept: typed entries (`briefings.person_types`), JSON only when stored."""
    return {
        "people": [
            ExtractedPerson(
                people[i].name,
                sorted(people[i].forms),
                [ExtractedRole.from_json(r) for r in people[i].roles],
                people[i].mentions,
                people[i].subject_mentions,
            )
            for i in kept
        ],
        "quotes": [q.extracted(people[q.speaker].name if q.speaker is not None else None) for q in quotes],
        "reported": [q.extracted(people[q.speaker].name) for q in said if q.kind == "reported" and q.speaker is not None],
        "mentions": [
            ExtractedMention(people[m.person].name, m.para, m.kind, m.start, m.end, m.subject, m.in_quote)
            for m in mentions
            if m.person in kept
        ],
    }


def _worth_keeping(person: LocalPerson, index: int, quotes: list[Said]) -> bool:
    # A lone word never introduced by a full name, with no role and no quote, is too weak to call a person.
    if len(person.parts) >= 2 or person.roles:
        return True
    return any(q.speaker == index for q in quotes) or person.subject_mentions >= 2


def full_name_parts(docs: list[Doc]) -> set[str]:
    """First and last parts of every full name (two words or more) the docs' model tagged as a person."""
    return {part for doc in docs for e in doc.ents if e.label_ == "PERSON" for part in _ends(name_tokens(e.text))}


def _ends(parts: list[str]) -> tuple[str, ...]:
    words = [p for p in parts if p not in PARTICLES]
    return (words[0], words[-1]) if len(words) >= 2 else ()


def _person_ents(doc: Doc, people: list[LocalPerson], known_in_article: set[str], words: set[str] = frozenset()) -> list[Span]:
    """PERSON entities (trimmed of what cannot be a name's), plus a known person's family name the model missed
    (`Park concurred`)."""
    ents = [e for e in doc.ents if e.label_ == "PERSON" and any(c.isalpha() for c in e.text)]
    ents = [t for e in ents for t in trim_name(e, words)]
    ents += unnamed_speakers(doc, find_quotes(doc.text))  # `"...," Hale said` with `Hale` untagged
    known_here = {part for p in people for part in _ends(p.parts)}
    if not known_in_article and not known_here:
        return sorted(ents, key=lambda e: e.start)
    covered = {i for e in ents for i in range(e.start, e.end)}
    # The words are screened as strings first: a Token is built only for a word a known name has.
    strings = doc.vocab.strings
    lower = [strings[h] for h in doc.to_array(LOWER).tolist()]
    for i, low in enumerate(lower):
        if i in covered or (low not in known_in_article and low not in known_here):
            continue
        tok = doc[i]
        if not tok.text[:1].isupper() or not name_tag(tok):
            continue
        if tok.ent_type_ and (tok.ent_iob_ != "B" or (tok.i + 1 < len(doc) and doc[tok.i + 1].ent_iob_ == "I")):
            continue  # part of a longer entity: `Park Geun-hye`, `Central Park`
        if tok.i + 1 < len(doc) and doc[tok.i + 1].text[:1].isupper() and doc[tok.i + 1].is_alpha:
            continue
        ents.append(Span(doc, tok.i, tok.i + 1, label="PERSON"))
    return sorted(ents, key=lambda e: e.start)


def _mention(ent: Span, para: int, kind: str, quotes: list[tuple[int, int, bool]]) -> Mention:
    text = clean_name(ent.text)
    start, end = ent.start_char, ent.end_char
    return Mention(
        text=text,
        tokens=name_tokens(text),
        para=para,
        kind=kind,
        start=start,
        end=end,
        subject=_is_subject(ent),
        in_quote=any(a <= start < b for a, b, _ in quotes),
        sex=honorific_sex(ent),
    )


def _is_subject(ent: Span) -> bool:
    """Approximate subjecthood without a parser: a verb follows the name (past an apposition)."""
    doc = ent.doc
    i = ent.end
    if i < len(doc) and doc[i].text == "(":  # `Sung Kim (C),`
        while i < len(doc) and doc[i].text != ")":
            i += 1
        i += 1
    if i < len(doc) and doc[i].text == ",":
        j = i + 1
        while j < len(doc) and j - i < 25 and doc[j].text not in (",", ".", ";"):
            j += 1
        if j < len(doc) and doc[j].text == "," and j + 1 < len(doc):
            i = j + 1
        else:
            i += 1
    while i < len(doc) and doc[i].tag_ in ("RB", "RBR"):
        i += 1
    if i + 1 < len(doc) and doc[i].lower_ == "and":
        # `Kim Min-seok, the floor leader, and Andy Kim, a senator, met`, `Borrell and Foreign Minister Kuleba met`.
        j = i + 1
        while j < len(doc) and j - i <= 5 and doc[j].ent_type_ != "PERSON" and (doc[j].text[:1].isupper() or doc[j].lower_ in ROLE_HEADS):
            j += 1
        partner = next((e for e in doc.ents if e.start == j and e.label_ == "PERSON"), None)
        return partner is not None and _is_subject(partner)
    return i < len(doc) and (doc[i].tag_.startswith("VB") or doc[i].tag_ == "MD") and doc[i].tag_ != "VBG"


def _fits(short: str, person: LocalPerson) -> bool:
    """A short form (`Kirby`, `Van Dijkstra`) is this person's given or family name."""
    parts, words = person.parts, short.split()
    if len(parts) <= len(words):
        return parts == words
    if len(words) > 1:
        return parts[-len(words) :] == words
    return short in (parts[0], parts[-1]) or short in (p.split("-")[0] for p in parts[-1:])


def _resolve(mention: Mention, people: list[LocalPerson]) -> None:
    tokens = mention.tokens
    if not is_short(tokens):
        key = person_key(mention.text)
        found = next((i for i, p in enumerate(people) if person_key(p.name) == key), None)
        if found is None:
            # A short-only person met earlier now gets their full name (`Austin`, then `Lloyd Austin`).
            full = LocalPerson(name=mention.text)
            sex = gender_by_name(full.parts[0])
            found = next(
                (i for i, p in enumerate(people) if is_short(p.parts) and _fits(" ".join(p.parts), full) and p.sex in (None, sex)), None
            )  # not `Mr. Obama`, then `Michelle Obama`
            if found is not None:
                people[found].name = mention.text
        if found is None:
            people.append(LocalPerson(name=mention.text))
            found = len(people) - 1
        person = people[found]
        person.last_full_para = mention.para
        if len(mention.text) > len(person.name):
            person.name = mention.text
    else:
        found = _resolve_short(" ".join(tokens) if tokens else mention.text.lower(), mention, people)
        if found is None:
            return  # namesakes equally likely: better no one than a guess
        person = people[found]
    mention.person = found
    person.sex = person.sex or mention.sex
    person.forms.add(mention.text)
    person.mentions += 1
    person.subject_mentions += mention.subject and not mention.in_quote


def _resolve_short(short: str, mention: Mention, people: list[LocalPerson]) -> int | None:
    candidates = [i for i, p in enumerate(people) if _fits(short, p)]
    full = [i for i in candidates if not is_short(people[i].parts)]
    if mention.sex is not None:  # `Mr. Obama` is not Michelle Obama
        candidates = [i for i in candidates if gender_by_name(people[i].parts[0]) in (None, mention.sex) or len(people[i].parts) < 2]
        full = [i for i in full if i in candidates]
    if len(full) == 1:
        return full[0]
    if len(full) > 1:
        fresh = [i for i in full if people[i].last_full_para >= mention.para - 2]
        if fresh:
            best_para = max(people[i].last_full_para for i in fresh)
            recent = [i for i in fresh if people[i].last_full_para == best_para]
            if len(recent) == 1:
                return recent[0]
            actors = [i for i in recent if people[i].subject_mentions > 0]
            return actors[0] if len(actors) == 1 else None
        return max(full, key=lambda i: (people[i].subject_mentions * 2 + people[i].mentions, people[i].last_full_para))
    if candidates:
        return candidates[0]
    people.append(LocalPerson(name=mention.text))
    return len(people) - 1


def _resolve_caption(mention: Mention, people: list[LocalPerson]) -> None:
    # Captions name people in full; they join the body's people, or add one the body never named in full.
    key = person_key(mention.text)
    found = next((i for i, p in enumerate(people) if person_key(p.name) == key), None)
    if found is None and is_short(mention.tokens):
        fits = [i for i, p in enumerate(people) if _fits(" ".join(mention.tokens), p)]
        found = fits[0] if len(fits) == 1 else None
    if found is None and len(mention.tokens) >= 2:
        people.append(LocalPerson(name=mention.text))
        found = len(people) - 1
    if found is not None:
        mention.person = found
        people[found].forms.add(mention.text)


# --- roles ----------------------------------------------------------------------------------


def _collect_roles(ent: Span, doc: Doc, person: LocalPerson, kind: str) -> None:
    for role in (_title_before(ent, doc), _apposition_after(ent, doc), _apposition_before(ent, doc), _who_is(ent, doc)):
        if role is None:
            continue
        role["source"] = f"{kind} {role['source']}" if kind == "caption" else role["source"]
        if not any(r["text"].lower() == role["text"].lower() for r in person.roles):
            person.roles.append(role)


def _title_before(ent: Span, doc: Doc) -> dict | None:
    start = ent.start
    i = start - 1
    sent_start = ent.sent.start
    while i >= sent_start:
        tok = doc[i]
        low = tok.lower_
        if tok.text in ("'s", "’s", "-", ".") or low in ("of", "for"):
            i -= 1
            continue
        if (
            (tok.text[:1].isupper() and tok.is_alpha)
            or tok.ent_type_ in ("GPE", "NORP", "ORG")
            or low in ROLE_HEADS
            or low in ROLE_MODIFIERS
        ):
            if tok.ent_type_ == "PERSON" or low in HONORIFICS:
                break
            i -= 1
            continue
        break
    first = i + 1
    while first < start and doc[first].lower_ in ("of", "for", "-", "'s", "’s"):
        first += 1
    if first >= start:
        return None
    words = doc[first:start]
    if not any(t.lower_ in ROLE_HEADS for t in words):
        return None
    # The last role word ends the title (`... spokesman John Kirby`).
    last = max(k for k, t in enumerate(words) if t.lower_ in ROLE_HEADS or t.lower_ in ROLE_MODIFIERS or t.text[:1].isupper())
    span = doc[first : first + last + 1]
    return _role_from_span(span, "title")


def _apposition_after(ent: Span, doc: Doc) -> dict | None:
    i = ent.end
    if i + 2 < len(doc) and doc[i].text == "(" and doc[i + 2].text == ")":
        i += 3
    if i >= len(doc) or doc[i].text != ",":
        return None
    j = i + 1
    while (
        j < len(doc)
        and doc[j].text not in (",", ".", ";", "(", ")")
        and doc[j].lower_ not in ("who", "who's", "which", "where")
        and j - i < 25
    ):
        if doc[j].text in ('"', "“", "”"):
            return None
        j += 1
    if j - i >= 25 or j == i + 1:
        return None
    span = doc[i + 1 : j]
    if span[0].tag_.startswith("VB") or span[0].lower_ in ("and", "or", "but", "respectively"):
        return None
    if any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") or t.ent_type_ == "PERSON" for t in span):
        return None
    if not any(t.lower_ in ROLE_HEADS for t in span):
        return None
    return _role_from_span(span, "apposition")


def _apposition_before(ent: Span, doc: Doc) -> dict | None:
    # `Seoul's top nuclear envoy, Kim Gunn, made it clear ...`
    i = ent.start - 1
    if i < 1 or doc[i].text != "," or ent.end >= len(doc) or doc[ent.end].text != ",":
        return None
    j = i - 1
    while j >= ent.sent.start and doc[j].text not in (",", ";", ":") and i - j < 15:
        j -= 1
    span = doc[j + 1 : i]
    if not span or span[-1].lower_ not in ROLE_HEADS or any(t.tag_.startswith("VB") for t in span):
        return None
    return _role_from_span(span, "apposition")


def _who_is(ent: Span, doc: Doc) -> dict | None:
    rest = doc[ent.end : min(ent.end + 22, len(doc))].text
    m = re.match(r"^,\s*who\s+(?:is|was|serves as|served as)\s+(?:the\s+|a\s+|an\s+)?(?P<role>[^,.;]{3,120})", rest)
    if not m or not any(w.lower() in ROLE_HEADS for w in re.findall(r"[\w.'-]+", m["role"])):
        return None
    start = ent.end_char - ent.sent.start_char + rest.index(m["role"])  # only for text; organisation from entities below
    del start
    orgs = [e.text for e in ent.sent.ents if e.label_ in ("ORG", "GPE", "NORP") and e.text in m["role"]]
    return {"title": m["role"].strip(), "organization": orgs[0] if orgs else None, "text": m["role"].strip(), "source": "clause"}


def _role_from_span(span: Span, source: str) -> dict | None:
    tokens = list(span)
    while tokens and tokens[0].lower_ in LEADING_NOISE:
        tokens = tokens[1:]
    if not tokens:
        return None
    text = span.doc[tokens[0].i : tokens[-1].i + 1].text
    text = re.sub(r"\s*\((?:L|R|C)\)\s*", " ", text).strip()
    # Leading country, organisation or possessive is the organisation; the rest is the title.
    org_end = 0
    for k, tok in enumerate(tokens):
        if (tok.ent_type_ in ("GPE", "NORP", "ORG") and tok.lower_ not in ROLE_HEADS) or (tok.text in ("'s", "’s") and org_end == k):
            org_end = k + 1
        else:
            break
    org = span.doc[tokens[0].i : tokens[0].i + org_end].text if org_end else None
    org = re.sub(r"\s*['’]s$", "", org) if org else None
    title_tokens = tokens[org_end:]
    if not title_tokens:
        return {"title": text, "organization": None, "text": text, "source": source}
    title = span.doc[title_tokens[0].i : title_tokens[-1].i + 1].text
    return {"title": title, "organization": org, "text": text, "source": source}
