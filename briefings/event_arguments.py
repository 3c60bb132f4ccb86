"""An event's arguments and standing: the place the clause ties to it, who took part (and in what role), passing mentions.

Places: every GPE, LOC and FAC of the event's clause, the most specific first: a facility,
then a place named as a province, city or village, then the rest; in `Indonesia's West Java
province` the possessor (`Indonesia`) is the container and comes last. People: the person
the event happens to (`patient`: arrested, victim, fired, winner) and the one who does it
(`agent`), read from where they stand around the trigger (`X was arrested`, `the arrest of
X`, `X fired Y`, `shot by X`). Passing mentions: a hypothetical (`ready to vote`, `declined
a request for an interview`), a circumstance (`during a council session`) or a sports
fixture (`their second meeting with the Rangers`) is not the news. The trigger's own phrase:
its label (`annual bilateral security talks`), modifier, the places of a diplomatic event (from
`in`/`at` near the trigger), the organisations it was held with, who launched or voted.
"""

from __future__ import annotations

import re
from typing import Literal

from briefings.event_kinds import EventType, unique
from briefings.event_types import EventPlace, NamedPerson

PLACE_LABELS = ("GPE", "LOC", "FAC")
VENUE_LABELS = ("FAC", "ORG")
ADMIN = re.compile(
    r"^\s*(?:province|state|county|district|region|prefecture|city|town|village|island|municipality|governorate|oblast|regency|township)\b",
    re.I,
)
# `Al Haouz province`, `Balasore district`: a place its admin noun names, where the model saw none.
ADMIN_NAMED = re.compile(
    r"\b((?-i:[A-Z])[\w'’-]+(?:\s+(?-i:[A-Z])[\w'’-]+){0,2})\s+(?:province|district|county|prefecture|regency|governorate|oblast)\b", re.I
)
WAR_BEFORE = re.compile(
    r"\b(?:war|conflict|aggression|fighting|invasion|crisis|situation|security)\s+(?:in|on|against|with)\s+(?:the\s+)?$", re.I
)
HYPOTHETICAL = re.compile(
    r"(?:\b(?:ready|willing|prepared|poised|refused|declined|threatened|threatening|vowed|wants?|hopes?)\s+to"
    r"|\b(?:would|could|might|may|should|if|whether|unless))\s+(?:[\w-]+\s+){0,3}$"
    r"|\b(?:requests?|calls?|appeals?|demands?)\s+for\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+)?$|\bdeclined\s+(?:an?\s+)?$|\brisk\s+of\s+(?:an?\s+)?$",
    re.I,
)
BACKGROUND = re.compile(
    r"\b(?:during|amid|ahead\s+of|since|after|before|following|like|than|awaiting|await|facing|faces|pending|serving|on\s+the\s+sidelines\s+of|in\s+the\s+wake\s+of|anniversary\s+of)\s+(?:[\w'’-]+\s+){0,4}$",
    re.I,
)
SPORTS = re.compile(
    r"\b(?:game|games|season|innings?|playoffs?|touchdowns?|quarterback|league|tournament|championship|home\s+runs?|pitcher|striker|goalkeeper)\b",
    re.I,
)
ATTRIBUTE = re.compile(r"\b(?:a|an|the|his|her|their|its)\s+(?:[\w-]+ly\s+)?$", re.I)
# `said on Monday he would leave politics`: a plan reported, not a possibility.
REPORTED_PLAN = re.compile(
    r"\b(?:said|says|announced|declared|confirmed)\s+(?:on\s+\w+\s+)?(?:that\s+)?(?:he|she|it|they|we)?\s*would\s+(?:[\w-]+\s+){0,2}$", re.I
)
AUX = re.compile(r"\b(?:was|were|is|are|been|being|be|got|get|gets)\s+(?:[\w-]+ly\s+)?$", re.I)

Standing = Literal["news", "background", "hypothetical"]


def standing(clause: str, t_lo: int, etype: EventType) -> Standing:
    """Whether the trigger at `t_lo` reports news, names a circumstance, or is only a possibility."""
    before = clause[max(0, t_lo - 80) : t_lo]
    if HYPOTHETICAL.search(before) and not REPORTED_PLAN.search(before):
        return "hypothetical"
    if etype.family == "contact" and SPORTS.search(clause):
        return "hypothetical"  # a fixture between teams, not a meeting
    if BACKGROUND.search(before):
        return "background"
    if ATTRIBUTE.search(before) and re.match(r"\w+ed\b", clause[t_lo:], re.I):
        return "background"  # `a convicted murderer`, `the ousted chief`: a description, not the news
    return "news"


def clause_places(sent, c_lo: int, c_hi: int) -> list[tuple[int, EventPlace]]:
    """Every place of the clause with where it stands, the most specific first (`rank` 0 = a facility ... 3 = a container)."""
    found: list[tuple[int, EventPlace]] = []
    ents = [e for e in sent.ents if e.label_ in PLACE_LABELS and c_lo <= e.start_char - sent.start_char < c_hi]
    for n, ent in enumerate(ents):
        start = ent.start_char - sent.start_char
        if WAR_BEFORE.search(sent.text[max(0, start - 40) : start]):
            continue
        name = re.sub(r"^the\s+", "", ent.text.strip(), flags=re.I)
        after = sent.text[ent.end_char - sent.start_char :]
        possessive = bool(re.match(r"['’]s\b", after)) or name.endswith(("'s", "’s"))
        name = re.sub(r"['’]s$", "", name)
        follows = n + 1 < len(ents) and ents[n + 1].start_char - ent.end_char <= 4
        if ent.label_ == "FAC":
            rank = 0
        elif ADMIN.match(after) or ADMIN.search(name):
            rank = 1
        elif possessive and follows:
            rank = 3  # `Indonesia's West Java province`: the country contains the place
        else:
            rank = 2
        found.append((start, EventPlace(name, ent.label_, ent.label_ == "FAC", rank)))
    taken = [(e.start_char - sent.start_char, e.end_char - sent.start_char) for e in sent.ents]
    for m in ADMIN_NAMED.finditer(sent.text[c_lo:c_hi]):
        lo = c_lo + m.start(1)
        if not any(a <= lo < b for a, b in taken if sent.text[a:b] != m.group(1)) and all(p.name != m.group(1) for _, p in found):
            found.append((lo, EventPlace(m.group(1), "GPE", False, 1)))
    return sorted(found, key=lambda x: (x[1].rank, x[0]))


def people_with_roles(text: str, c_lo: int, c_hi: int, t_lo: int, t_hi: int, here: list[NamedPerson], etype: EventType) -> dict[str, str]:
    """Who the event happened to and who did it, with their roles (`{"Jane Doe": "arrested"}`)."""
    roles: dict[str, str] = {}
    patient = etype.patient or "involved"
    agent = etype.agent or "by"
    after = [p for p in here if t_hi <= p.start < min(c_hi, t_hi + 70)]
    before = [p for p in here if c_lo <= p.start and p.end <= t_lo and t_lo - p.end <= 140]
    object_after = None
    for p in after:
        gap = text[t_hi : p.start]
        if re.search(r"[.;]", gap):
            continue
        if re.search(r"\bby\s+(?:[\w.'’-]+\s+){0,4}$", gap):
            roles.setdefault(p.person, agent)
        elif re.fullmatch(
            r"\s*(?:of\s+|on\s+|against\s+|to\s+)?(?:(?:the|a|an|its|his|her|their|former|ex-)\s+)?(?:[\w.'’-]+,?\s+){0,4}", gap
        ):
            roles.setdefault(p.person, patient)
            object_after = object_after or p.person
    if before:
        p = _subject(text, before)
        gap = text[p.end : t_lo]
        # `Silvio Berlusconi, the billionaire who served as prime minister, died`: an apposition may be long.
        if re.search(r"[;]|\.\s", gap) or len(gap) > (140 if gap.lstrip().startswith(",") else 70):
            return roles
        passive = bool(AUX.search(gap)) or "'s" in gap[:3] or "’s" in gap[:3]
        if object_after and not passive:
            roles.setdefault(p.person, agent)
        else:
            roles.setdefault(p.person, patient)
            # `Maria Ressa and Dmitry Muratov won`: both.
            for q in before:
                if q.end <= p.start and re.fullmatch(r"\s*(?:,\s*)?and\s+(?:[\w.'’-]+\s+){0,3}", text[q.end : p.start]):
                    roles.setdefault(q.person, patient)
    return roles


def _subject(text: str, before: list[NamedPerson]) -> NamedPerson:
    """The person a verb's subject names: the nearest, unless it only ends an apposition (`Navarro, an adviser to Trump, was`)."""
    p = before[-1]
    if not re.match(r"^,\s", text[p.end :]):
        return p
    for q in before[:-1]:
        between = text[q.end : p.start]
        if between.startswith(",") and "," not in between[1:] and not re.search(r"[.;]|\band\b", between):
            return q
    return p


def named_before(text: str, c_lo: int, t_lo: int, known: list[str]) -> str | None:
    """`Reyes was convicted`, when the model missed the bare surname: a person the article names in full, just before."""
    gap = text[c_lo:t_lo]
    for name in known:
        last = re.escape(name.split()[-1])
        if re.search(rf"\b{last}\b(?:,[^,.;]{{0,60}},)?\s+(?:(?:was|were|is|are|has\s+been|had\s+been)\s+)?(?:[\w-]+ly\s+)?$", gap):
            return name
    return None


def diplomatic_participants(text: str, c_lo: int, c_hi: int, t_lo: int, t_hi: int, here: list[NamedPerson], kind: str) -> list[str]:
    """Who took part, from the words around the event word, not everyone the sentence names."""
    between = _between(text, c_hi, t_hi, here)
    if between:
        return between
    # `the Kim-Putin meeting`, `Blinken's talks`, `Blinken and Park met`
    before = [p for p in here if p.end <= t_lo]
    if re.search(r"\btheir\s+(?:[\w-]+\s+){0,2}$", text[c_lo:t_lo]) and before:
        return unique([p.person for p in before])  # `X shakes hands with Y ... during their talks`
    names = [p.person for p in _takers_before(text, t_lo, before, kind)] if before else []
    return unique(names + _takers_after(text, t_hi, here, kind))


def _between(text: str, c_hi: int, t_hi: int, here: list[NamedPerson]) -> list[str]:
    """`summit between Kim and Putin`, `the meeting between the two leaders`: the names after `between`."""
    between = re.match(r"^(?:\s+[\w'’.-]+){0,5}?\s+between\s+", text[t_hi:c_hi])
    if not between:
        return []
    lo = t_hi + between.end()
    stop = re.search(r"\band\b", text[lo:c_hi])
    hi = lo + stop.end() + 60 if stop else c_hi
    names = [p.person for p in here if lo <= p.start < hi]
    return names[:2] if stop else names


def _takers_before(text: str, t_lo: int, before: list[NamedPerson], kind: str) -> list[NamedPerson]:
    """Who the words before the event word make its subject: `Blinken's talks`, `the Kim-Putin meeting`, `Kuleba met`."""
    near = [p for p in before if t_lo - p.end <= 45]
    subjects = [p for p in before if p.subject]
    chosen = []
    if near and t_lo - near[-1].end <= 12 and re.fullmatch(r"(?:['’]s)?\s*(?:\w+\s+)?", text[near[-1].end : t_lo]):
        chosen = [near[-1]]
        if len(near) >= 2 and text[near[-2].end : near[-1].start] in ("-", "–"):
            chosen = near[-2:]
    elif subjects:
        chosen = [subjects[-1]]
    elif near and kind in ("press conference", "briefing", "interview", "visit"):
        chosen = [near[-1]]
    if not chosen:
        return []
    # `Park and Blinken previously met`, `Borrell and Foreign Minister Kuleba met`: a compound subject.
    head = chosen[0]
    joined = [
        p
        for p in before
        if p not in chosen
        and 0 <= head.start - p.end <= 60
        and re.match(r"^,?\s*(?:[^,]*,\s*)?and\s", text[p.end : head.start])
        and not re.search(r"[.;]", text[p.end : head.start])
    ]
    return joined + chosen


def _takers_after(text: str, t_hi: int, here: list[NamedPerson], kind: str) -> list[str]:
    """`talks with Foreign Minister Park Jin`, `met with Cho`, `courtesy call on President Yoon`, `met Kim`."""
    names = []
    for p in here:
        if p.start < t_hi or p.start - t_hi > 90:
            continue
        gap = text[t_hi : p.start]
        titled = r"(?:[\w.'’,-]+\s+){0,8}"
        if (
            re.search(rf"\b(?:with|on|and)\s+(?:the\s+|his\s+|her\s+|their\s+)?{titled}$", gap)
            and gap.count(",") <= 2
            and not re.search(r"[.;]", gap)
        ):
            if not re.search(r"\b(?:said|says|paid|held|met|told|will|is|was|were|are)\b", gap):
                names.append(p.person)
        elif kind == "meeting" and re.fullmatch(r"\s*(?:with\s+)?(?:[A-Z][\w.'’-]*\s+){0,4}", gap):
            names.append(p.person)  # `met Foreign Minister Park Jin`
    return names


# --- the trigger's own phrase: its label, modifier, places, organisations and actors -----------------


def event_label(sent, t_lo: int, t_hi: int, trigger: str) -> str:
    """The event's own noun phrase: `Group of Seven foreign ministerial meeting`, `annual bilateral security talks`."""
    doc = sent.doc
    tokens = [t for t in sent if t.idx - sent.start_char >= t_lo and t.idx - sent.start_char < t_hi]
    if not tokens or tokens[0].pos_ == "VERB" or tokens[0].tag_.startswith("VB"):
        return trigger.lower()
    i = tokens[0].i
    while (
        i > sent.start
        and (doc[i - 1].tag_ in ("JJ", "NNP", "NNPS", "NN", "HYPH") or doc[i - 1].ent_type_ in ("ORG", "NORP", "GPE"))
        and i - tokens[0].i > -6
    ):
        if doc[i - 1].ent_type_ == "PERSON" or doc[i - 1].tag_ == "POS":
            break
        i -= 1
    return doc[i : tokens[-1].i + 1].text


def modifier_of(trigger: str) -> str | None:
    """The word that qualifies the occasion (`bilateral`, `annual`, `emergency`), if the trigger starts with one."""
    m = re.match(r"(?i)(bilateral|trilateral|three-way|two-way|joint|ministerial|annual|rare|emergency|open)\b", trigger)
    return m.group(1).lower() if m else None


def places_near(sent, t_lo: int, t_hi: int, c_lo: int, c_hi: int, kind: str) -> list[tuple[int, EventPlace]]:
    """Where, from `in`/`at` phrases near the event word (`war in Ukraine` is not where talks were held)."""
    places = []
    for ent in sent.ents:
        start = ent.start_char - sent.start_char
        if not (c_lo <= start < c_hi) or ent.label_ not in PLACE_LABELS + VENUE_LABELS:
            continue
        if not (t_lo - 60 <= start <= t_hi + 90):
            continue
        k = ent.start - 1
        if k >= 0 and sent.doc[k].lower_ == "the":
            k -= 1
        before = sent.doc[k].lower_ if k >= 0 else ""
        prior = sent.doc[max(k - 2, 0) : max(k, 0)].text.lower()
        if re.search(r"\b(war|conflict|aggression|fighting|invasion|crisis|situation|security)$", prior):
            continue
        allowed = {"in", "at"} | ({"to", "visiting", "visit", "visited", "into"} if kind == "visit" else set())
        if before not in allowed and not (ent.label_ == "FAC" and before in ("at", "the", "in")):
            continue
        if ent.label_ == "ORG" and before != "at":
            continue
        name = re.sub(r"^the\s+", "", ent.text.strip(), flags=re.I)
        name = re.sub(r"['’]s$", "", name)
        places.append((start, EventPlace(name, ent.label_, ent.label_ in VENUE_LABELS)))
    return places


def orgs_near(sent, t_lo: int, t_hi: int, c_lo: int, c_hi: int) -> list[str]:
    """Organisations the event was held with or by: named just after the trigger, after `with`, `by` or `on`."""
    out = []
    for ent in sent.ents:
        start = ent.start_char - sent.start_char
        if c_lo <= start < c_hi and ent.label_ == "ORG" and t_hi <= start <= t_hi + 40:
            window = sent.doc[max(ent.start - 3, 0) : ent.start].text.lower()
            if re.search(r"\b(with|by|on)\b", window):
                out.append(ent.text)
    return out


def actors_before(sent, t_lo: int, c_lo: int, kind: str) -> list[str]:
    """Who launched or voted: the country or body named just before the event word (`North Korea fired`)."""
    labels = ("GPE", "NORP", "ORG") if kind == "vote" else ("GPE", "NORP")
    found = [
        e.text
        for e in sent.ents
        if e.label_ in labels and c_lo <= e.start_char - sent.start_char < t_lo and t_lo - (e.end_char - sent.start_char) <= 40
    ]
    return [re.sub(r"['’]s$", "", found[-1])] if found else []
