"""Who a `he` or `she` who speaks is: the last speaker, or the one salient person of that gender.

Gender comes from what the text shows (Mr./Ms., a gendered title, a common given name, a
his/her that can only be one person's) and from pronouns already settled; a pronoun that two
people could be is left to no one, since a wrong speaker is worse than none.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from briefings.given_names import gender_by_name

if TYPE_CHECKING:
    from briefings.people import LocalPerson, Mention

HE, SHE = frozenset({"he", "him", "his", "himself"}), frozenset({"she", "her", "hers", "herself"})
MALE_WORDS = frozenset({"mr", "mr.", "congressman", "spokesman", "chairman", "businessman", "king", "prince", "father", "son"})
FEMALE_WORDS = frozenset(
    {"mrs", "mrs.", "ms", "ms.", "miss", "congresswoman", "spokeswoman", "chairwoman", "businesswoman", "queen", "princess"}
)
WINDOW_PARAS = 2  # a pronoun looks back this many paragraphs before its own


@dataclass
class ArticleSoFar:
    """What the article has shown so far: mentions in order, speakers, genders (attribution adds speakers as it reads)."""

    mentions: list[Mention]
    genders: dict[int, str]
    docs: list[Doc]
    people: list[LocalPerson]
    places: frozenset[int] = frozenset()  # "people" the text shows to be places (`in Clarkston`): no one's antecedent
    speakers: list[tuple[int, int, int]] = field(default_factory=list)  # (para, offset, person)
    unnamed: list[tuple[int, int]] = field(default_factory=list)  # (para, offset) of speakers who are no person we know

    def epithet_referent(self, para: int, offset: int) -> int | None:
        """Who `the Republican incumbent said` names: the last speaker (this paragraph or the one before), when that is
        also the person the article is most about (named at least twice as often as anyone else); else no one."""
        said = [(sp, off, p) for sp, off, p in self.speakers if (sp, off) < (para, offset) and sp >= para - 1]
        if not said:
            return None
        last = max(said)[2]
        counts = Counter(m.person for m in self.mentions if m.person is not None)
        ranked = counts.most_common(2)
        if ranked and ranked[0][0] == last and (len(ranked) == 1 or ranked[0][1] >= 2 * ranked[1][1]):
            return last
        return None


def antecedent(pronoun: Token, article: ArticleSoFar, para: int) -> int | None:
    """The last speaker if the pronoun fits them (see `_recent_speaker`), else the one salient person of the
    pronoun's gender, nearest paragraph first; None when two remain.

    Salient: the subject of a clause or of a speech verb. The pronoun's own paragraph (before it)
    is looked at first, then each paragraph back; the first that has anyone the pronoun fits
    (gender shown or unknown) decides, and it must have exactly one.
    """
    want = "m" if pronoun.lower_ == "he" else "f"
    fits = lambda p: p is not None and p not in article.places and article.genders.get(p) in (None, want)  # noqa: E731
    before = lambda p, off: p < para or off < pronoun.idx  # noqa: E731
    last = _recent_speaker(pronoun, article, para, fits)
    if last is not None:
        return _learn(article, last, want) if last >= 0 else None
    for back in range(WINDOW_PARAS + 1):
        here = para - back
        salient = {m.person for m in article.mentions if m.para == here and m.subject and not m.in_quote and before(m.para, m.start)}
        salient |= {p for sp, off, p in article.speakers if sp == here and before(sp, off)}
        salient = {p for p in salient if fits(p)}
        if len(salient) == 1:
            return _learn(article, salient.pop(), want)
        if salient:
            return None  # two people the pronoun fits: a wrong speaker is worse than none
    others = {m.person for m in article.mentions if para - WINDOW_PARAS <= m.para <= para and not m.in_quote and before(m.para, m.start)}
    others = {p for p in others if fits(p)}
    return _learn(article, others.pop(), want) if len(others) == 1 else None


def _recent_speaker(pronoun: Token, article: ArticleSoFar, para: int, fits: Callable[[int], bool]) -> int | None:
    """`Simmons said ... . "...," he said`: the last speaker, in this paragraph or the one before, if the pronoun fits them
    and nobody else it fits has been the subject of a sentence since the speaker's; -1 (no one) when the last speaker
    is someone we cannot name (`a spokesman said`); None when there is no recent speaker."""
    recent = lambda sp, off: (sp == para and off < pronoun.idx) or sp == para - 1  # noqa: E731
    said = [(sp, off, p) for sp, off, p in article.speakers if recent(sp, off)]
    unnamed = [(sp, off) for sp, off in article.unnamed if recent(sp, off)]
    if unnamed and (not said or max(unnamed) > max(said)[:2]):
        return -1
    if not said:
        return None
    sp, off, person = max(said)
    if not fits(person):
        return None
    since = (sp, next((s.end_char for s in article.docs[sp].sents if s.start_char <= off < s.end_char), off))
    rivals = [
        m
        for m in article.mentions
        if m.subject and not m.in_quote and m.person != person and fits(m.person) and since <= (m.para, m.start) < (para, pronoun.idx)
    ]
    return None if rivals else person


def _learn(article: ArticleSoFar, person: int, gender: str) -> int:
    """A pronoun that could only be this person tells their gender for the pronouns after it."""
    article.genders.setdefault(person, gender)
    return person


LOCATIVE = frozenset({"in", "near", "outside", "inside", "across", "throughout"})
PLACE_LABELS = ("GPE", "LOC", "FAC")
PLACE_ENDINGS = frozenset(
    {"beach", "city", "county", "heights", "springs", "falls", "island", "valley", "avenue", "square", "harbor", "harbour"}
)


def place_like(docs: list[Doc], mentions: list[Mention], people: list[LocalPerson]) -> frozenset[int]:
    """People who are places by the text's own evidence: a name the model tags a place elsewhere in the article
    (`D.C.`), one that ends as places do (`Ponte Vedra Beach`), one that opens a place's or an institution's name
    there and starts with no known given name (`Sandy Hook` of `Sandy Hook Elementary`), or a one-word name
    written right after `in`, `near` ... and not as an owner (`came to Clarkston` ... `in Clarkston`, but not
    `faith in Sanders`: he has a given name; nor `in Trump's campaign`)."""
    places = {_words(e.text) for doc in docs for e in doc.ents if e.label_ in PLACE_LABELS}
    longer = {_words(e.text) for doc in docs for e in doc.ents if e.label_ in (*PLACE_LABELS, "ORG")}
    out = set()
    for i, person in enumerate(people):
        words = _words(person.name)
        opens = " " in words and gender_by_name(words.split()[0]) is None and any(p.startswith(words + " ") for p in longer)
        if words in places or words.rsplit(" ", 1)[-1] in PLACE_ENDINGS or opens:
            out.add(i)
    for m in mentions:
        if m.person is None or m.person in out or len(people[m.person].parts) != 1:
            continue
        text = docs[m.para].text
        before, after = text[: m.start].split(), text[m.end : m.end + 2]
        if before and before[-1].lower() in LOCATIVE and after not in ("'s", "’s") and not after.startswith(("'", "’")):
            out.add(m.person)
    return frozenset(out)


def _words(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def genders(docs: list[Doc], spans, mentions: list[Mention], people: list[LocalPerson]) -> dict[int, str]:
    """A person's gender where the text shows it: Mr./Ms., a gendered title, a common given name, a his/her that can only be theirs."""
    votes: dict[int, list[str]] = {}
    shown: dict[int, set[str]] = {}  # what full names, titles and roles show, apart from pronouns
    for m in mentions:
        doc = docs[m.para]
        before = doc.text[max(0, m.start - 6) : m.start].split()
        words = [w.lower() for w in (before[-1:] + m.text.split()[:1])]
        for w in words:
            if w in MALE_WORDS or w in FEMALE_WORDS:
                votes.setdefault(m.person, []).append("m" if w in MALE_WORDS else "f")
    for i, person in enumerate(people):
        given = next((g for g in map(gender_by_name, person.parts[:-1]) if g), None)
        if given:
            votes.setdefault(i, []).extend([given, given])
            shown.setdefault(i, set()).add(given)
        for role in person.roles:
            for w in re.findall(r"[a-z.]+", role.get("text", "").lower()):
                if w in MALE_WORDS or w in FEMALE_WORDS:
                    votes.setdefault(i, []).append("m" if w in MALE_WORDS else "f")
                    shown.setdefault(i, set()).add("m" if w in MALE_WORDS else "f")
    for para, doc in enumerate(docs):
        for sent in doc.sents:
            named = [m for m in mentions if m.para == para and sent.start_char <= m.start < sent.end_char and not m.in_quote]
            for t in sent:
                if t.lower_ in HE or t.lower_ in SHE:
                    before = {m.person for m in named if m.end <= t.idx}
                    if len(before) == 1 and len({m.person for m in named}) == 1 and not any(a <= t.idx < b for a, b, _ in spans[para]):
                        votes.setdefault(before.pop(), []).append("m" if t.lower_ in HE else "f")
    out = {}
    for person, vs in votes.items():
        m, f = vs.count("m"), vs.count("f")
        if m >= 3 * f and m:
            out[person] = "m"
        elif f >= 3 * m and f:
            out[person] = "f"
    # What the name itself shows (Mr./Ms., a given name, a gendered title) outweighs pronouns near a short form of
    # it, which may belong to a namesake (`Fiorina` read as Frank Fiorina next to Carly's `she`).
    return out | {p: g.pop() for p, g in shown.items() if len(g) == 1}
