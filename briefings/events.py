"""Events: what happened or is announced, where, when, who took part, what was said there.

Per article, a sentence clause that holds an event word (`summit`, `talks`, `press
conference`, `visited`, `launch` ...) becomes a candidate with the people, places and date
expressions of that clause. A candidate with no people of its own (`the summit`, `their
meeting on Wednesday at Russia's spaceport`) refers back to the article's latest event of
that kind and adds its evidence to it. Across articles, candidates merge when they share
kind and people (or kind, place and date). Each piece of date evidence is a range
(`last month`, `last week's`, `on Wednesday`, `Oct. 17, 2023`); an event's date is the
intersection of its evidence, so `the rare September summit`, `last week's summit` and
`the summit on Wednesday` pin Sept. 13 between them. Evidence that contradicts the rest is
left out and kept as a note. A page's low-confidence republish date is never evidence.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Doc

from briefings.corpus import ParsedArticle
from briefings.dates import DateRange, PartialDate, resolve_when
from briefings.models import ArticleRef, Event, Participant, Person, Quote
from briefings.people import person_key
from briefings.quotes import find_quotes
from briefings.resolve import canonical_key

KINDS: list[tuple[str, re.Pattern]] = [
    ("press conference", re.compile(r"\b(?:joint\s+)?(?:press|news)\s+conferences?\b", re.I)),
    ("briefing", re.compile(r"\b(?:press\s+|news\s+)?briefings?\b", re.I)),
    ("summit", re.compile(r"\bsummits?\b", re.I)),
    (
        "talks",
        re.compile(
            r"\b(?:(?:bilateral|trilateral|three-way|two-way|security|peace|annual)\s+)*(?:talks|consultations|negotiations)\b", re.I
        ),
    ),
    (
        "meeting",
        re.compile(
            r"\b(?:(?:bilateral|trilateral|three-way|ministerial|open|emergency|rare)\s+)*meeting\b|\bmet\b|\bmeets?\b(?!\s+(?:the\s+)?(?:criteria|standards|demand))",
            re.I,
        ),
    ),
    ("interview", re.compile(r"\binterviews?\b", re.I)),
    ("visit", re.compile(r"\bvisit(?:s|ed|ing)?\b|\btrip\b|\bcourtesy call\b|\barrived\b", re.I)),
    ("launch", re.compile(r"\blaunch(?:es|ed)?\b|\b(?:test-)?fired\b", re.I)),
    ("session", re.compile(r"\b(?:general\s+assembly|plenary\s+session|session)\b", re.I)),
    ("vote", re.compile(r"\b(?:voted|votes?\s+(?:on|to|for|against))\b", re.I)),
]
GROUPS = {"summit": "meet", "talks": "meet", "meeting": "meet", "press conference": "press", "briefing": "press",
          "interview": "interview", "visit": "visit", "launch": "launch", "session": "session", "vote": "session"}  # fmt: skip
CLAUSE_BREAK = re.compile(
    r";|,\s*(?:as|while|after|following|adding|saying|when|which|amid)\b|\s(?:following|amid)\s|\s(?:as|while)\s(?=(?:[A-Z]|the\s|their\s|his\s|her\s|speculation))"
)
DEFINITE = re.compile(
    r"\b(?:the|their|this|that|his|her|its|last\s+\w+['’]s|[A-Z][\w-]*['’]s)\s+(?:(?!(?:for|to|in|at|on|with|of|from|by|after|before)\b)[\w-]+\s+){0,3}$",
    re.I,
)
DECISION_TO = re.compile(r"\b(?:the|their|this|that)\s+(?:decision|plan|agreement|choice|move|invitation)\s+to\s+$", re.I)
VENUE_LABELS = ("FAC", "ORG")
PLACE_LABELS = ("GPE", "LOC", "FAC")
KIND_WORDS = {"press conference": "press conference", "briefing": "press briefing", "summit": "summit", "talks": "talks",
              "meeting": "meeting", "interview": "interview", "visit": "visit", "launch": "launch", "session": "session", "vote": "vote"}  # fmt: skip
LAUNCH_OBJECTS = re.compile(
    r"\b(spy satellite|military satellite|reconnaissance satellite|satellite|ballistic missiles?|missiles?|rocket)\b", re.I
)


# --- per article -------------------------------------------------------------------------------------


def article_anchor(article: ParsedArticle) -> PartialDate | None:
    """The date relative expressions are read against: the story's own date, never a republish date."""
    if article.published.date and article.published.confidence != "none":
        return article.published.date
    return article.dateline_date


def extract_events(article: ParsedArticle, body: list[Doc], captions: list[Doc], extraction: dict) -> list[dict]:
    """Candidate events of one article, merged within the article, as plain data for storage."""
    anchor = article_anchor(article)
    mentions = extraction.get("mentions", [])
    events: list[dict] = []
    for kind_of_text, docs in (("body", body), ("caption", captions)):
        for para, doc in enumerate(docs):
            people_here = [m for m in mentions if m["kind"] == kind_of_text and m["para"] == para]
            masked_para = _mask_quotes(doc.text)
            for sent in doc.sents:
                masked = masked_para[sent.start_char : sent.end_char]
                for cand in _candidates(sent, masked, para, kind_of_text, people_here, anchor):
                    _merge_into(events, cand)
    _propagate_simultaneous(events)
    _tie_quotes(events, extraction.get("quotes", []))
    return [e for e in events if _worth_keeping(e)]


def _worth_keeping(event: dict) -> bool:
    """An event needs someone who took part, or (for a launch or a session) a place or a date."""
    if event["participants"]:
        return True
    if event["kind"] in ("launch", "session", "vote"):
        return bool(event["places"] or event.get("actors") or [d for d in event["dates"] if not d.get("default")])
    return bool(event["places"] and event["orgs"])


def _clauses(text: str) -> list[tuple[int, int]]:
    cuts = [0] + [m.start() for m in CLAUSE_BREAK.finditer(text)] + [len(text)]
    return [(a, b) for a, b in itertools.pairwise(cuts) if b > a]


def _mask_quotes(text: str) -> str:
    """The text with quoted words blanked out: what someone said is not what happened."""
    out = list(text)
    for a, b, _closed in find_quotes(text):
        for i in range(a, b):
            out[i] = " "
    return "".join(out)


SAID_BEFORE = re.compile(r"\b(?:said|says|told|announced|added|reported|stated)\s+(?:on\s+|late\s+|early\s+)?$", re.I)


def _triggers(clause: str) -> list[tuple[str, re.Match]]:
    """Every event word in a clause, left to right, without overlaps."""
    hits: list[tuple[str, re.Match]] = []
    for kind, pattern in KINDS:
        for m in pattern.finditer(clause):
            if kind == "launch" and not LAUNCH_OBJECTS.search(clause[max(0, m.start() - 40) : m.end() + 60]):
                continue  # `the launch of the Yoon government` is not a launch
            if all(m.end() <= o.start() or m.start() >= o.end() for _, o in hits):
                hits.append((kind, m))
    hits.sort(key=lambda h: h[1].start())
    # Two words for one event side by side (`talks ... meeting`) stay two only if they are apart.
    return hits


def _candidates(sent, masked: str, para: int, where: str, people_here: list[dict], anchor: PartialDate | None) -> list[dict]:
    """Event candidates of one sentence (quotes already blanked out in `masked`)."""
    text = sent.text
    offset = sent.start_char
    found: list[dict] = []
    for c_start, c_end in _clauses(masked):
        clause = masked[c_start:c_end]
        triggers = _triggers(clause)
        if not triggers:
            continue
        here = [
            {**p, "s": p["start"] - offset, "e": p["end"] - offset}
            for p in people_here
            if offset + c_start <= p["start"] < offset + c_end and not p.get("in_quote")
        ]
        dates = [d for d in resolve_when(clause, anchor) if d.pos >= 0]
        starts = [c_start + m.start() for _, m in triggers]
        for n, (kind, m) in enumerate(triggers):
            t_lo, t_hi = c_start + m.start(), c_start + m.end()
            names = _participants(masked, c_start, c_end, t_lo, t_hi, here, kind)
            if n == 0 and c_start == 0 and re.match(r"^\s*(?:speaking|talking|answering)\b", text, re.I):
                # `Speaking at a news conference ..., Blinken said`: the speaker is the main clause's subject.
                subject = next(
                    (p["person"] for p in people_here if p.get("subject") and not p.get("in_quote") and p["start"] >= offset), None
                )
                names += [subject] if subject and subject not in names else []
            ends = [c_start + mm.end() for _, mm in triggers]
            eventful = [d for d in dates if _dates_event(clause, d, kind)]
            mine = [d for d in eventful if _nearest(c_start + d.pos, starts, ends) == n]
            if len(mine) > 1 and _solve(mine)[0] is None:
                mine = []  # `failed attempts in May and August`: several events, no one date
            future = bool(FUTURE_EVENT.search(clause[max(0, m.start() - 80) : m.start()]) or re.search(r"\bto\s+$", clause[: m.start()]))
            evidence = [_range_to_dict(d) for d in mine]
            if not evidence and where == "body" and para <= 2 and not future and anchor and anchor.day:
                evidence = [_default(anchor)]
            definite = bool(DEFINITE.search(clause[: m.start()]) or DECISION_TO.search(clause[: m.start()]))
            refers_back = definite and not names
            found.append(
                {
                    "kind": kind,
                    "trigger": m.group(0),
                    "label": _label(sent, t_lo, t_hi, m.group(0)),
                    "modifier": _modifier(m.group(0)),
                    "participants": _unique(names),
                    "places": [p for p in _places(sent, t_lo, t_hi, c_start, c_end, kind) if _nearest(p.pop("pos"), starts, ends) == n],
                    "orgs": _orgs_near(sent, t_lo, t_hi, c_start, c_end),
                    "objects": [o.lower() for o in LAUNCH_OBJECTS.findall(clause[max(0, m.start() - 40) : m.end() + 60])]
                    if kind == "launch"
                    else [],
                    "actors": _actors(sent, t_lo, c_start, kind) if kind in ("launch", "vote") else [],
                    "dates": evidence,
                    "context": [_range_to_dict(d) for d in eventful if d not in mine],
                    "paras": [para] if where == "body" else [],
                    "sentences": [text.strip()] if where == "body" else [],
                    # A sentence whose main clause is this event reports it; elsewhere it is background.
                    "main_sentences": [text.strip()] if where == "body" and c_start == 0 and t_lo <= 60 else [],
                    "caption": where == "caption",
                    "refers_back": refers_back,
                    "definite": definite,
                    "future": future,
                    "simultaneous": [],
                    "sentence_id": f"{where}:{para}:{sent.start}",
                    "pos": t_lo,
                }
            )
    _share_linked_dates(found, masked)
    # `X said ... , as Y held a meeting`: clauses joined by `as` happened at the same time.
    joint = re.search(r",\s*as\s|\sas\s+(?=[A-Z]|the\s|their\s|his\s|her\s)", masked)
    if joint:
        for a in found:
            for b in found:
                if a is not b and (a["pos"] < joint.start()) != (b["pos"] < joint.start()):
                    b["simultaneous"].append(a["kind"])
    return found


FUTURE_EVENT = re.compile(
    r"\b(will|is due to|are due to|plans? to|is set to|vowed to conduct|readying|attempt|trying to|preparing to|to be joined)\b", re.I
)


def _actors(sent, t_lo: int, c_lo: int, kind: str) -> list[str]:
    """Who launched or voted: the country or body named just before the event word (`North Korea fired`)."""
    labels = ("GPE", "NORP", "ORG") if kind == "vote" else ("GPE", "NORP")
    found = [
        e.text
        for e in sent.ents
        if e.label_ in labels and c_lo <= e.start_char - sent.start_char < t_lo and t_lo - (e.end_char - sent.start_char) <= 40
    ]
    return [re.sub(r"['’]s$", "", found[-1])] if found else []


def _share_linked_dates(found: list[dict], text: str) -> None:
    """`visit Seoul later this week for annual talks`, `met during the General Assembly in September`: one occasion, one date."""
    for a, b in itertools.pairwise(found):
        between = text[a["pos"] + len(a["trigger"]) : b["pos"]]
        if len(between) > 70 or not re.search(r"\b(?:for|during|at|after|on the sidelines of|ahead of)\b", between):
            continue
        real_a = [d for d in a["dates"] if not d.get("default")]
        real_b = [d for d in b["dates"] if not d.get("default")]
        # A definite mention (`mentioning the summit during a meeting`) names an earlier occasion: it takes no date.
        if real_a and not real_b and not b.get("definite"):
            b["dates"] = list(real_a)
        elif real_b and not real_a and not a.get("definite"):
            a["dates"] = list(real_b)


def _nearest(pos: int, starts: list[int], ends: list[int]) -> int:
    """The event word a date or place belongs to: the closest, looking back freely and ahead only a little.

    `on Thursday expressed concern over a meeting` gives the day of expressing, not of meeting.
    """
    best, best_distance = -1, 10**9
    for i, (lo, hi) in enumerate(zip(starts, ends, strict=True)):
        distance = pos - hi if pos >= hi else (lo - pos) * 2 if lo - pos <= 30 else 10**9
        if pos >= lo and pos < hi:
            distance = 0
        if distance < best_distance:
            best, best_distance = i, distance
    return best


def _default(anchor: PartialDate) -> dict:
    """The article's own date, as soft evidence for its news of the day."""
    return {
        "lo": [anchor.year, anchor.month, anchor.day],
        "hi": [anchor.year, anchor.month, anchor.day],
        "weekday": None,
        "text": "the article's date",
        "default": True,
    }


def _dates_event(clause: str, d: DateRange, kind: str) -> bool:
    # `the agency said on Thursday that ... during their meeting`: the day of saying, not of meeting.
    return kind in ("press conference", "briefing", "interview") or not SAID_BEFORE.search(clause[: d.pos])


def _participants(text: str, c_lo: int, c_hi: int, t_lo: int, t_hi: int, here: list[dict], kind: str) -> list[str]:
    """Who took part, from the words around the event word, not everyone the sentence names."""
    after = text[t_hi:c_hi]
    # `summit between Kim and Putin`, `the meeting between the two leaders`
    between = re.match(r"^(?:\s+[\w'’.-]+){0,5}?\s+between\s+", after)
    if between:
        lo = t_hi + between.end()
        stop = re.search(r"\band\b", text[lo:c_hi])
        hi = lo + stop.end() + 60 if stop else c_hi
        names = [p["person"] for p in here if lo <= p["s"] < hi]
        names = names[:2] if stop else names
        if names:
            return names
    names: list[str] = []
    # `the Kim-Putin meeting`, `Blinken's talks`, `Blinken and Park met`
    before = [p for p in here if p["e"] <= t_lo]
    if re.search(r"\btheir\s+(?:[\w-]+\s+){0,2}$", text[c_lo:t_lo]) and before:
        return _unique([p["person"] for p in before])  # `X shakes hands with Y ... during their talks`
    if before:
        near = [p for p in before if t_lo - p["e"] <= 45]
        subjects = [p for p in before if p.get("subject")]
        chosen = []
        if near and t_lo - near[-1]["e"] <= 12 and re.fullmatch(r"(?:['’]s)?\s*(?:\w+\s+)?", text[near[-1]["e"] : t_lo]):
            chosen = [near[-1]]  # `Blinken's talks`, `the Kim-Putin meeting`, `Kuleba met`
            if len(near) >= 2 and text[near[-2]["e"] : near[-1]["s"]] in ("-", "–"):
                chosen = near[-2:]
        elif subjects:
            chosen = [subjects[-1]]
        elif near and kind in ("press conference", "briefing", "interview", "visit"):
            chosen = [near[-1]]
        if chosen:
            # `Park and Blinken previously met`, `Borrell and Foreign Minister Kuleba met`: a compound subject.
            head = chosen[0]
            joined = [
                p
                for p in before
                if p not in chosen
                and 0 <= head["s"] - p["e"] <= 60
                and re.match(r"^,?\s*(?:[^,]*,\s*)?and\s", text[p["e"] : head["s"]])
                and not re.search(r"[.;]", text[p["e"] : head["s"]])
            ]
            chosen = joined + chosen
        names += [p["person"] for p in chosen]
    # `talks with Foreign Minister Park Jin`, `met with Cho`, `courtesy call on President Yoon`, `met Kim`
    for p in here:
        if p["s"] < t_hi or p["s"] - t_hi > 90:
            continue
        gap = text[t_hi : p["s"]]
        titled = r"(?:[\w.'’,-]+\s+){0,8}"
        if (
            re.search(rf"\b(?:with|on|and)\s+(?:the\s+|his\s+|her\s+|their\s+)?{titled}$", gap)
            and gap.count(",") <= 2
            and not re.search(r"[.;]", gap)
        ):
            if not re.search(r"\b(?:said|says|paid|held|met|told|will|is|was|were|are)\b", gap):
                names.append(p["person"])
        elif kind == "meeting" and re.fullmatch(r"\s*(?:with\s+)?(?:[A-Z][\w.'’-]*\s+){0,4}", gap):
            names.append(p["person"])  # `met Foreign Minister Park Jin`
    return _unique(names)


def _label(sent, t_lo: int, t_hi: int, trigger: str) -> str:
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


def _modifier(trigger: str) -> str | None:
    m = re.match(r"(?i)(bilateral|trilateral|three-way|two-way|joint|ministerial|annual|rare|emergency|open)\b", trigger)
    return m.group(1).lower() if m else None


def _unique(items: list[str]) -> list[str]:
    out: list[str] = []
    for item in items:
        if item not in out:
            out.append(item)
    return out


def _places(sent, t_lo: int, t_hi: int, c_lo: int, c_hi: int, kind: str) -> list[dict]:
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
        places.append({"name": name, "label": ent.label_, "venue": ent.label_ in VENUE_LABELS, "pos": start})
    return places


def _orgs_near(sent, t_lo: int, t_hi: int, c_lo: int, c_hi: int) -> list[str]:
    out = []
    for ent in sent.ents:
        start = ent.start_char - sent.start_char
        if c_lo <= start < c_hi and ent.label_ == "ORG" and t_hi <= start <= t_hi + 40:
            window = sent.doc[max(ent.start - 3, 0) : ent.start].text.lower()
            if re.search(r"\b(with|by|on)\b", window):
                out.append(ent.text)
    return out


def _range_to_dict(r: DateRange) -> dict:
    return {"lo": list(r.lo), "hi": list(r.hi), "weekday": r.weekday, "text": r.text}


def _range_from_dict(d: dict) -> DateRange:
    return DateRange(tuple(d["lo"]), tuple(d["hi"]), d.get("weekday"), d.get("text", ""))


def _merge_into(events: list[dict], cand: dict) -> None:
    """Within an article: a back-reference joins its event; the same people at the same time are one event."""
    group = GROUPS[cand["kind"]]
    cand_dates = cand["dates"] + cand.get("context", [])
    if cand["refers_back"]:
        same = [e for e in events if GROUPS[e["kind"]] == group and _dates_compatible(e["dates"], cand_dates)]
        if same:
            _absorb(max(same, key=lambda e: _reference_fit(e, cand)), cand)
            return
    if cand["participants"]:
        # An earlier mention with nobody named (`last week's summit between the two regimes`) is this event.
        anonymous = [
            e
            for e in events
            if not e["participants"] and e["refers_back"] and e["kind"] == cand["kind"] and _dates_compatible(e["dates"], cand_dates)
        ]
        if anonymous:
            _absorb(anonymous[-1], cand)
            return
    fits = []
    for n, event in enumerate(events):
        if cand["future"] and not event["future"]:
            continue  # `will be joined by Austin for joint talks`: another, later occasion
        shared = set(event["participants"]) & set(cand["participants"])
        groups = {GROUPS[event["kind"]], *(GROUPS[k] for k in event.get("also", []))}
        needed = min(2, len(event["participants"]), len(cand["participants"]))
        paired = any(groups | {group} >= pair for pair in ({"meet", "press"}, {"meet", "session"}, {"meet", "visit"}))
        if not shared or len(shared) < needed or not (group in groups or paired):
            continue
        if _dates_compatible(event["dates"], cand_dates):
            same_kind = event["kind"] == cand["kind"] or cand["kind"] in event.get("also", [])
            dated_alike = (
                bool(cand["dates"])
                and _dates_compatible(event["dates"], cand["dates"])
                and any(not d.get("default") for d in event["dates"])
            )
            lead = -min(event["paras"], default=50)
            fits.append((len(shared), same_kind, dated_alike, lead, n))
    if fits:
        _absorb(events[max(fits)[-1]], cand)
        return
    events.append(cand)


def _reference_fit(event: dict, cand: dict) -> tuple:
    same_kind = event["kind"] == cand["kind"] or cand["kind"] in event.get("also", [])
    mods = {event.get("modifier"), cand.get("modifier")} - {None}
    same_mod = len(mods) == 1 or mods <= {"trilateral", "three-way"}
    return (same_kind, same_mod and bool(mods), len(event["paras"]) + len(event["participants"]))


def _absorb(event: dict, cand: dict) -> None:
    if event["kind"] == "visit" and GROUPS[cand["kind"]] == "meet":
        # `visit Warsaw next week for talks`: the talks are the event, the visit how it came about.
        event["also"] = _unique([*event.get("also", []), "visit"])
        event["kind"], event["label"] = cand["kind"], cand.get("label", cand["kind"])
    elif cand["kind"] != event["kind"]:
        event.setdefault("also", [])
        if cand["kind"] not in event["also"]:
            event["also"].append(cand["kind"])
    event["participants"] = _unique(event["participants"] + cand["participants"])
    event["places"] += [p for p in cand["places"] if p not in event["places"]]
    event["refers_back"] = event["refers_back"] and cand["refers_back"]
    event["orgs"] = _unique(event["orgs"] + cand["orgs"])
    event["objects"] = _unique(event["objects"] + cand["objects"])
    if any(not d.get("default") for d in cand["dates"]):
        event["dates"] = [d for d in event["dates"] if not d.get("default")]
    if not (event["dates"] and all(d.get("default") for d in cand["dates"])):
        event["dates"] += [d for d in cand["dates"] if d not in event["dates"]]
    event["paras"] = sorted(set(event["paras"] + cand["paras"]))
    event["sentences"] += [s for s in cand["sentences"] if s not in event["sentences"]]
    event.setdefault("main_sentences", [])
    event["main_sentences"] += [s for s in cand.get("main_sentences", []) if s not in event["main_sentences"]]
    event["caption"] = event["caption"] or cand["caption"]
    event["modifier"] = event["modifier"] or cand["modifier"]
    if len(cand.get("label", "").split()) > len(event.get("label", "").split()) and cand["kind"] == event["kind"]:
        event["label"] = cand["label"]
    event["future"] = event["future"] and cand["future"]
    event["simultaneous"] += cand["simultaneous"]


def _propagate_simultaneous(events: list[dict]) -> None:
    # `Kirby told a briefing ... as Kim held a meeting`: an event with no date of its own shares its partner's.
    for event in events:
        if any(not d.get("default") for d in event["dates"]) or not event["simultaneous"]:
            continue
        for other in events:
            real = [d for d in other["dates"] if not d.get("default")]
            if other is not event and other["kind"] in event["simultaneous"] and real and set(other["sentences"]) & set(event["sentences"]):
                event["dates"] = [{**d, "text": d["text"] + " (at the same time)"} for d in real]
                break


def _tie_quotes(events: list[dict], quotes: list[dict]) -> None:
    for q in quotes:
        if not q.get("speaker"):
            continue
        options = [e for e in events if q["speaker"] in e["participants"]]
        if not options:
            continue
        best = min(options, key=lambda e: min((abs(q["para"] - p) + (0 if p <= q["para"] else 0.5) for p in e["paras"]), default=99))
        best.setdefault("quotes", []).append(q["text"])


# --- dates ------------------------------------------------------------------------------------------


def _dates_compatible(a: list[dict], b: list[dict]) -> bool:
    """Whether two sets of date evidence can describe one occasion (an article's default date never decides)."""
    a = [d for d in a if not d.get("default")]
    b = [d for d in b if not d.get("default")]
    if not a or not b:
        return True
    return _solve([_range_from_dict(d) for d in a + b])[0] is not None


def _solve(ranges: list[DateRange]) -> tuple[list[date] | None, list[DateRange]]:
    """Days that satisfy every range; (None, ranges) when they contradict each other."""
    full = [r for r in ranges if r.year_known]
    partial = [r for r in ranges if not r.year_known]
    if full:
        days: set[date] | None = None
        for r in full:
            ds = set(r.days())
            days = ds if days is None else days & ds
        for r in partial:
            days = {d for d in days if _in_partial(d, r)}
        return (sorted(days), []) if days else (None, ranges)
    # No year anywhere: keep month/day ranges; their intersection tells at most month and day.
    candidates = None
    for r in partial:
        ds = (
            {(d.month, d.day) for d in DateRange((2001, *r.lo[1:]), (2001, *r.hi[1:]), None).days() or []}
            if r.lo[1:] != (1, 1) or r.hi[1:] != (12, 31)
            else None
        )
        if ds is None:
            continue
        candidates = ds if candidates is None else candidates & ds
    if candidates is None:
        return [], []
    return ([date(2001, m, d) for m, d in sorted(candidates)], []) if candidates else (None, ranges)


def _in_partial(day: date, r: DateRange) -> bool:
    if r.weekday is not None and day.weekday() != r.weekday:
        return False
    if r.lo[1:] == (1, 1) and r.hi[1:] == (12, 31):
        return True
    lo, hi = r.lo[1:], r.hi[1:]
    key = (day.month, day.day)
    return lo <= key <= hi if lo <= hi else key >= lo or key <= hi


def settle_date(evidence: list[tuple[DateRange, str, int]]) -> tuple[PartialDate | None, str | None, list[str]]:
    """The date all consistent evidence allows, its precision, and notes on evidence that disagreed.

    evidence: (range, article id, strength) with strength 3 = explicit date, 2 = relative to a firm
    article date, 1 = relative to a partial date or a bare weekday.
    """
    if not evidence:
        return None, None, []
    ordered = sorted(evidence, key=lambda e: -e[2])
    kept: list[DateRange] = []
    notes: list[str] = []
    for r, article_id, _strength in ordered:
        trial = [*kept, r]
        days, _ = _solve(trial)
        if days is None:
            notes.append(f"{article_id}: '{r.text}' does not fit the other reports")
            continue
        kept = trial
    days, _ = _solve(kept)
    if not days:
        return None, None, notes
    has_year = any(r.year_known for r in kept)
    if not has_year:
        if len(days) == 1:
            return PartialDate(None, days[0].month, days[0].day), "day-no-year", notes
        if len({d.month for d in days}) == 1:
            return PartialDate(None, days[0].month), "month-no-year", notes
        return None, None, notes
    if len(days) == 1:
        return PartialDate.of(days[0]), "day", notes
    if len({(d.year, d.month) for d in days}) == 1:
        return PartialDate(days[0].year, days[0].month), "month", notes
    if len({d.year for d in days}) == 1:
        return PartialDate(days[0].year, None), "year", notes
    return None, None, notes


# --- across articles ---------------------------------------------------------------------------------


@dataclass
class _Merged:
    kind: str
    also: set[str] = field(default_factory=set)
    modifier: str | None = None
    participants: list[str] = field(default_factory=list)  # canonical keys
    places: list[dict] = field(default_factory=list)
    orgs: list[str] = field(default_factory=list)
    objects: list[str] = field(default_factory=list)
    evidence: list[tuple[DateRange, str, int]] = field(default_factory=list)
    sentences: list[tuple[str, str]] = field(default_factory=list)  # (article id, sentence)
    quotes: list[tuple[str, str]] = field(default_factory=list)  # (article id, quote text)
    refs: dict[str, ArticleRef] = field(default_factory=dict)
    future: bool = True
    caption: bool = False
    labels: Counter = field(default_factory=Counter)
    venues: set[str] = field(default_factory=set)
    main_sentences: set[str] = field(default_factory=set)
    actors: list[str] = field(default_factory=list)


def resolve_events(articles: list[tuple[ArticleRef, dict]], people: list[Person]) -> list[Event]:
    """Merge every article's events into events of the corpus, dated by all their evidence."""
    by_key = {canonical_key(alias): p for p in people for alias in [p.name, *p.aliases]}
    merged: list[_Merged] = []
    strength_of = {ref.id: _anchor_strength(ref) for ref, _ in articles}
    for ref, extraction in articles:
        for ev in extraction.get("events", []):
            # Participants as the people of the corpus (`Borrell` here and `Josep Borrell` there are one).
            keys = _unique([canonical_key(by_key[canonical_key(n)].name) for n in ev["participants"] if canonical_key(n) in by_key])
            evidence = [
                (_range_from_dict(d), ref.id, 3 if re.search(r"\d", d.get("text", "")) else strength_of[ref.id]) for d in ev["dates"]
            ]
            target = _find_match(merged, ev, keys, evidence, ref.id)
            if target is None:
                target = _Merged(kind=ev["kind"])
                merged.append(target)
            _add(target, ev, keys, evidence, ref)
    _complete_years(merged)
    events = [_to_event(m, by_key, people) for m in merged]
    events = [
        e
        for e in events
        if e.participants or e.place or (e.kind == "launch" and (e.date or m_actor(e))) or (e.kind in ("session", "vote") and e.date)
    ]
    events.sort(key=lambda e: (e.date is None, _sortable(e.date), e.title))
    for i, event in enumerate(events, 1):
        event.id = i
    return events


def m_actor(event: Event) -> bool:
    """A launch whose title names who launched."""
    return not event.title.lower().startswith(("spy", "military", "ballistic", "satellite", "missile", "rocket"))


def _anchor_strength(ref: ArticleRef) -> int:
    d = PartialDate.from_iso(ref.date)
    return 2 if d and d.year else 1


def _find_match(merged: list[_Merged], ev: dict, keys: list[str], evidence, article_id: str) -> _Merged | None:
    group = GROUPS[ev["kind"]]
    best, best_score = None, 0
    for m in merged:
        if article_id in m.refs:
            continue  # the article itself already decided these are different events
        groups = {GROUPS[m.kind], *(GROUPS[k] for k in m.also)}
        if group not in groups and not ({group} | groups >= {"meet", "press"} and len(set(keys) & set(m.participants)) >= 2):
            continue
        shared = len(set(keys) & set(m.participants))
        same_place = bool({p["name"].lower() for p in ev["places"]} & {p["name"].lower() for p in m.places})
        score = shared * 2 + same_place
        similar = same_place and ev["kind"] == m.kind and any(_overlap(ev.get("label", ""), label) >= 0.6 for label in m.labels)
        if shared >= 2 or (shared == 1 and same_place) or (same_place and not keys and not m.participants) or similar:
            days, _ = _solve([e[0] for e in m.evidence] + [e[0] for e in evidence])
            if days is None and m.evidence and evidence:
                continue
            if score > best_score:
                best, best_score = m, score
    return best


def _add(m: _Merged, ev: dict, keys: list[str], evidence, ref: ArticleRef) -> None:
    if m.kind == "visit" and GROUPS[ev["kind"]] == "meet":
        m.also.add("visit")
        m.kind = ev["kind"]
    elif GROUPS[ev["kind"]] != GROUPS[m.kind] or ev["kind"] != m.kind:
        # A summit called a meeting elsewhere stays a summit: the more specific word wins.
        order = ["summit", "talks", "press conference", "meeting", "briefing", "interview", "visit", "launch", "vote", "session"]
        if order.index(ev["kind"]) < order.index(m.kind) and GROUPS[ev["kind"]] == GROUPS[m.kind]:
            m.kind = ev["kind"]
        elif GROUPS[ev["kind"]] != GROUPS[m.kind]:
            m.also.add(ev["kind"])
    m.also.update(ev.get("also", []))
    m.also.discard(m.kind)
    m.modifier = m.modifier or ev.get("modifier")
    m.participants = _unique(m.participants + keys)
    m.places += [p for p in ev["places"] if p not in m.places]
    m.venues.update(p["name"] for p in ev["places"] if p["venue"])
    m.orgs = _unique(m.orgs + ev.get("orgs", []))
    m.objects = _unique(m.objects + ev.get("objects", []))
    m.actors = _unique(m.actors + ev.get("actors", []))
    m.evidence += evidence
    m.sentences += [(ref.id, s) for s in ev["sentences"]]
    m.main_sentences.update(ev.get("main_sentences", []))
    m.quotes += [(ref.id, q) for q in ev.get("quotes", [])]
    m.refs[ref.id] = ref
    m.labels[ev.get("label") or ev["kind"]] += 1
    m.future = m.future and ev.get("future", False)
    m.caption = m.caption or ev.get("caption", False)


def _complete_years(merged: list[_Merged]) -> None:
    """An article with no year learns it from an event it shares with firmly dated articles."""
    years: dict[str, int] = {}
    for m in merged:
        firm = [r for r, _, s in m.evidence if r.year_known and s >= 2]
        partial_articles = {a for r, a, _ in m.evidence if not r.year_known}
        if not firm or not partial_articles:
            continue
        days, _ = _solve([r for r, _, _ in m.evidence])
        if days and len({d.year for d in days}) == 1:
            for a in partial_articles:
                years.setdefault(a, days[0].year)
    for m in merged:
        m.evidence = [
            (DateRange((years[a], *r.lo[1:]), (years[a], *r.hi[1:]), r.weekday, r.text + " (year from the corpus)"), a, s)
            if not r.year_known and a in years and not (r.lo[1:] == (1, 1) and r.hi[1:] == (12, 31))
            else (r, a, s)
            for r, a, s in m.evidence
        ]


def _to_event(m: _Merged, by_key: dict[str, Person], people: list[Person]) -> Event:
    when, precision, notes = settle_date(m.evidence)
    # Order: who the corpus reports on more, then who the reports name first (`summit between Kim and Putin`).
    unique = list({id(by_key[k]): by_key[k] for k in m.participants if k in by_key}.values())
    persons = sorted(unique, key=lambda p: (-len(p.articles), unique.index(p)))
    participants = [Participant(p.name, p.role.label() if p.role else None, p.id) for p in persons]
    place = _best_place(m.places)
    quotes = []
    for article_id, text in m.quotes:
        for p in persons:
            q = next((q for q in p.quotes if text in q.text or q.text in text), None)
            if q and all(existing.text != q.text for existing in quotes):
                quotes.append(Quote(q.text, p.name, article_id, q.date, q.inferred, q.sources))
    summary = []
    names = [p.name.split()[-1].lower() for p in persons]
    cues = [p["name"].lower() for p in m.places] + [r.text.lower().split()[-1].strip("’'s") for r, _, _ in m.evidence if r.text]
    for _article_id, sentence in sorted(m.sentences, key=lambda x: _report_rank(x[1], names, cues, x[1] in m.main_sentences)):
        if all(_overlap(sentence, s) < 0.6 for s in summary):
            summary.append(sentence)
    title = _title(m, persons, people, place)
    refs = sorted(m.refs.values(), key=lambda r: r.date or "")
    keywords = sorted(
        {m.kind, *m.also, *m.objects, *m.actors, *(p["name"] for p in m.places), *m.orgs, *((m.modifier and [m.modifier]) or [])}
    )
    return Event(
        id=0,
        title=title,
        kind=m.kind,
        date=when.iso() if when else None,
        date_precision=precision,
        place=place,
        participants=participants,
        quotes=quotes,
        summary=summary[:3],
        articles=refs,
        date_notes=notes,
        keywords=keywords,
    )


def _best_place(places: list[dict]) -> str | None:
    if not places:
        return None
    names = Counter(p["name"] for p in places)
    venues = [p["name"] for p in places if p["venue"]]
    areas = [p["name"] for p in places if not p["venue"]]
    parts: list[str] = []
    if venues:
        parts.append(max(venues, key=lambda v: (names[v], len(v))))
    for area in sorted(set(areas), key=lambda a: (-names[a], areas.index(a))):
        if all(area.lower() not in p.lower() and p.lower() not in area.lower() for p in parts):
            parts.append(area)
        if len(parts) >= 3:
            break
    return ", ".join(parts)


def short_name(person: Person, people: list[Person]) -> str:
    """A person's one-word name when it is theirs alone in the corpus (`Putin`, `Cho`), else the full name."""
    words = person.name.split()
    # Only a one-word form the articles use, or the family name of `Cho Tae-yong` (a hyphenated given name shows the order).
    family = [words[0]] if len(words) == 2 and "-" in words[-1] else []
    singles = [a for a, _ in Counter(a for a in person.aliases if " " not in a.strip()).most_common()]
    for word in [*singles, *family]:
        key = person_key(word)
        clash = [p for p in people if p is not person and key in person_key(p.name).split()]
        if not clash and key:
            return word
    return person.name


LABEL_NOISE = {"open", "ongoing", "rare", "recent", "new", "first", "annual", "last", "the", "a", "an", "his", "her", "their"}


def _clean_label(label: str) -> str:
    words = label.split()
    while len(words) > 1 and words[0].lower() in LABEL_NOISE:
        words = words[1:]
    text = " ".join(words)
    return text[:1].upper() + text[1:]


def _title(m: _Merged, persons: list[Person], people: list[Person], place: str | None) -> str:
    names = [short_name(p, people) for p in persons]
    kind_word = KIND_WORDS[m.kind]
    if m.kind in ("press conference", "briefing") and m.also & {"talks", "meeting"}:
        kind_word = "talks and joint press conference" if "talks" in m.also else "meeting and joint press conference"
    elif "press conference" in m.also and m.kind in ("talks", "meeting"):
        kind_word += " and joint press conference"
    if "courtesy call" in " ".join(m.labels).lower():
        kind_word = "courtesy call"
    label = _clean_label(max(m.labels, key=lambda x: (len(x.split()), m.labels[x]))) if m.labels else kind_word
    city = place.split(", ")[-2] if place and place.count(", ") >= 1 else place
    if m.kind == "session" or (len(names) <= 1 and m.kind in ("meeting", "session") and len(label.split()) >= 3):
        return f"{label} in {city}" if city and city.lower() not in label.lower() else label
    if m.kind == "vote" and m.actors:
        return f"{re.sub(r'^the ', '', m.actors[0], flags=re.I)} vote"
    if m.kind == "launch":
        obj = max(m.objects, key=len) if m.objects else "rocket"
        obj = re.sub(r"s$", "", obj) if obj.endswith("missiles") else obj
        actor = f"{m.actors[0]} " if m.actors else ""
        return f"{actor}{obj} launch"[:1].upper() + f"{actor}{obj} launch"[1:]
    if len(names) >= 3:
        lead = (m.modifier or "").capitalize() + (" " if m.modifier else "")
        title = f"{lead}{kind_word}" if lead else kind_word.capitalize()
        return f"{title} in {city}" if city else f"{title} of {', '.join(names[:-1])} and {names[-1]}"
    if len(names) == 2:
        return f"{names[0]}–{names[1]} {kind_word}"
    if len(names) == 1:
        if m.kind == "interview" and m.orgs:
            return f"{names[0]} interview with {m.orgs[0]}"
        if m.kind == "visit" and city:
            return f"{names[0]} visit to {city}"
        first = place.split(", ")[0] if place else None
        where = f" {'at' if first in m.venues else 'in'} {first}" if first else ""
        return f"{names[0]} {kind_word}{where}"
    return f"{label} in {city}" if city and city.lower() not in label.lower() else label


def _report_rank(sentence: str, names: list[str], cues: list[str], main: bool) -> tuple:
    """Sentences that report the event plainly first: about it (not in passing), with its place or day, not a quote."""
    low = sentence.lower()
    quoted = sentence.lstrip()[:1] in '"“‘'
    named = sum(n in low for n in names)
    placed = any(c and c in low for c in cues)
    return (not (main or placed), quoted, not placed, not main, -min(named, 2), len(sentence) > 320, len(sentence))


def _overlap(a: str, b: str) -> float:
    wa, wb = set(a.lower().split()), set(b.lower().split())
    return len(wa & wb) / max(1, min(len(wa), len(wb)))


def _sortable(iso: str | None) -> str:
    return iso.replace("--", "0000-") if iso else ""
