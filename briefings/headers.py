"""A story's header lines read on their own: bylines, date lines, datelines, and the shapes that tell a
headline from a kicker, a byline, a time or a photo credit. `mark_metadata` is the cleaner's pass that
takes the bylines and date lines out of a `Page`.
"""

from __future__ import annotations

import itertools
import re

from briefings.bylines import read_byline
from briefings.dates import MONTH_RE, PartialDate, find_explicit_dates, parse_date
from briefings.layout import DENSE_SCRIPT
from briefings.outlets import MASTHEAD
from briefings.scraped import Page
from briefings.sentences import split_sentences

TIME_OF_DAY = re.compile(r"\b\d{1,2}[:.]\d\d\s*(?:[ap]\.?m\.?|[A-Z]{2,4}\b)|\b\d{1,2}\s*[ap]\.m\.", re.I)
# `Nov 19 20194:29 AM EST`: a time glued to the year; `Updated an hour ago`.
GLUED_TIME = re.compile(r"\d[:.]\d\d\s*(?:[ap]\.?m\.?|[A-Z]{2,4})\b", re.I)
RELATIVE_TIME = re.compile(r"\b(?:\d+|an?|one)\s*(?:seconds?|minutes?|mins?|hours?|hrs?|days?)\s+ago\b", re.I)
CREDENTIALS = re.compile(r",\s*(?:MS|MD|PhD|RD|RDN|MPH|MBA|CPA|RN)\b")
# A photo credit at the end: `(AFP)`, `Amy Dragoo/AIMMEDIA`, `Getty Images`, `Photo: Reuters`.
CREDIT_TAIL = re.compile(
    r"\.\s*\([^()]{3,80}\)$|\((?:AFP|AP|Reuters|Getty|EPA|Xinhua|Yonhap|Bloomberg|file|pool)[^)]*\)$|\w/[A-Z][A-Z &]{2,}$|\b(?:getty images|shutterstock|images?)$|^media caption",
    re.I,
)
WIRE_SLUG = re.compile(r"^(?:BC|AP|AM|PM)-[A-Z]|--")
BYLINE_ROLE = re.compile(r"\b(correspondent|editor|reporter|writer|columnist|contributor|journalist|staff writer|bureau chief)s?\b", re.I)
BYLINE = re.compile(r"^(?:(?:posted|written|story|words|reported|text)\s+)?by\s+(?P<names>[^\n]{2,160})$", re.I)
# `PLACE, Nov. 9 (Yonhap) --`, `SEOUL, South Korea (AP) —`, `LONDON (Reuters) -`, `PARIS, 3 March (AFP) –`
DATELINE = re.compile(
    rf"^(?P<place>[A-Z][A-Z .'’\-]{{1,40}}(?:,\s*(?!{MONTH_RE}\s*\d)[A-Z][\w .'’\-]{{1,40}}?)?)"
    rf"(?:,\s*(?P<date>(?:{MONTH_RE}\s*\d{{1,2}}|\d{{1,2}}\s+{MONTH_RE})(?:,?\s*\d{{4}})?))?"
    r"\s*(?:\((?P<credit>[^)]{1,40})\))?\s*(?:--|—|–|-|:)\s+",
)
META_LABEL = re.compile(r"^(?P<label>published|posted|updated|date|modified|last updated|first published)\s*:?\s*", re.I)
META_REST = re.compile(
    r"^(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?|\d{1,2}[:.]\d\d(?::\d\d)?|[ap]\.?m\.?|(?:gmt|utc|kst|est|edt|pst|cet|bst|jst)(?:[+-]\d{1,2})?|[-–|,])$",
    re.I,
)
# `General / 김승연 / 2023-11-09 18:29:17`: a section / author / time line.
# `Posted on March 30, 2015 by Admin`, `Published 5 March 2024, 09:00 by Jane Doe`: a date line, then the byline.
DATED_BYLINE = re.compile(r"^(?P<date>.{6,80}?)\s+by\s+(?P<names>[^\n]{2,120})$", re.I)
DATE_LABEL = re.compile(
    r"(?P<label>first published|last updated|last modified|published|posted|updated|modified|created|date)(?:\s+on)?\s*:?", re.I
)
DATE_LINE_WORD = re.compile(
    r"^(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?|\d{1,2}[:.]\d\d(?::\d\d)?(?:\s*[ap]\.?m\.?)?|[ap]\.?m\.?|"
    r"(?:gmt|utc)?[+-]\d{1,2}(?::?\d\d)?|gmt|utc|at|on|[-–—|/·•:;]+)$",
    re.I,
)
GLUED_YEAR = re.compile(r"\b((?:19|20)\d\d)(\d{1,2}[:.]\d\d)")
NUMERIC_DATE = re.compile(
    r"\b(?:(?P<iso>(?P<y1>(?:19|20)\d\d)-(?P<m1>\d\d)-(?P<d1>\d\d))(?:T[\d:.]+(?:Z|[+-]\d\d:?\d\d)?)?"
    r"|(?P<dotted>(?P<d2>\d{1,2})\.(?P<m2>\d{1,2})\.(?P<y2>(?:19|20)\d\d))"
    r"|(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y3>(?:19|20)\d\d|\d\d))(?![\d/])"
)
META_SLASHED = re.compile(r"^[^/]{1,40}(?:\s/\s[^/]{1,40})*\s/\s(?P<date>(?:19|20)\d\d-\d\d-\d\d(?:\s\d\d:\d\d(?::\d\d)?)?)$")
TITLE_SEPARATOR = re.compile(r"\s+[|\-–—:·•»]\s+")
SITE_SUFFIX = re.compile(r"\s+[-|–—]\s*(?P<site>[A-Z][\w&.' ]{2,60})$")


def is_sentence(text: str) -> bool:
    if DENSE_SCRIPT.search(text):
        return len(text) > 20 and bool(re.search(r"[。！？।॥.!?\"”’)]$", text))
    return len(text) > 60 and bool(re.search(r"[.!?\"”’)]$", text))


def mark_metadata(page: Page) -> None:
    """The metadata pass: date lines and bylines (`Posted on March 4, 2024 by Jane Doe` is both) taken out of
    the text, their dates and names kept on the page."""
    for index, line in enumerate(page.lines):
        if line.kind != "text":
            continue
        t = line.text
        dated_byline = DATED_BYLINE.match(t)
        if dates := date_line(t):
            page.meta_dates.extend((label, d, index) for label, d in dates)
            line.kind = "meta"
        elif dated_byline and (dates := date_line(dated_byline["date"])):
            page.meta_dates.extend((label, d, index) for label, d in dates)
            _read_byline(page, f"By {dated_byline['names']}")
            line.kind = "byline"
        elif BYLINE.match(t) and not is_sentence(t):
            _read_byline(page, t)
            line.kind = "byline"


def _read_byline(page: Page, text: str) -> None:
    """A byline's people as authors, its agencies and mastheads as evidence of the outlet."""
    found = read_byline(text)
    m = BYLINE.match(text)
    names = split_names(m["names"]) if m else []
    for n in [*found.agencies, *(n for n in names if MASTHEAD.match(n) and n not in found.names)]:
        page.outlet_evidence.append(("byline", n))
    page.authors.extend(found.names)


def dateline_of(lead: str) -> tuple[str | None, PartialDate | None, str | None, str]:
    """Split a lead's dateline off: (place, date, agency credit, the rest of the lead)."""
    m = DATELINE.match(lead)
    if not m or not (m["date"] or m["credit"]):
        return None, None, None, lead
    place = m["place"].strip()
    place = ", ".join(p.strip().title() if p.strip().isupper() else p.strip() for p in place.split(",")) or None
    when = parse_date(m["date"]) if m["date"] else None
    return place, when, m["credit"], lead[m.end() :].strip()


def title_case(text: str) -> bool:
    """Every word but the small ones capitalised, as a name is (`The Harbour Times`), unlike a headline in sentence case."""
    return all(w[:1].isupper() or w.lower() in ("the", "of", "and", "de", "la", "&") for w in text.split())


def is_header_line(text: str) -> bool:
    """A story's byline or date line, which no list of other stories contains."""
    return bool(text) and bool(BYLINE.match(text) or meta_date(text) or unsigned_names(text))


def dated_line(text: str) -> bool:
    """A short line that dates the story (`Nov 19, 2019, 7:53pm EST`, `LinkNaija October 06, 2018`, `Updated 2 hours ago`)."""
    words = len(text.split())
    if words > 12 or (re.search(r"[.!?]$", text) and not re.search(r"\b[ap]\.m\.$", text, re.I)):
        return False
    if TIME_OF_DAY.search(text) or GLUED_TIME.search(text) or RELATIVE_TIME.search(text):
        return True
    return any(d.year and d.month for _, _, d in find_explicit_dates(text))


def unsigned_names(text: str) -> list[str]:
    """The names of a byline written without `By` (`Jane Doe and Sam Lee`, `Jane Doe in Berlin`), else []."""
    if len(text.split()) > 8 or text.endswith((".", "?", "!")):
        return []
    found = read_byline(re.sub(r"\s+in\s+[A-Z][\w .'-]+$", "", text), strict=True)
    return found.names if any(len(n.split()) >= 2 for n in found.names) else []


def meta_date(text: str) -> tuple[str, PartialDate] | None:
    """A page's date line (`Published : Sept. 14, 2023 - 09:17`, `Sunday 14 March 2021 11:42, UK`) as
    (label, date): the first of `date_line`'s dates."""
    found = date_line(text)
    return found[0] if found else None


def date_line(text: str) -> list[tuple[str, PartialDate]]:
    """The dates of a line that is nothing but dates, each with its label (`published`, `updated`, ...;
    `metadata` when unlabelled): `February 23, 2023 at 10:14 AM GMT+9`, `On 11/13/19 at 4:00 PM EST`,
    `21:17 18.11.2019`, `2023-02-23T10:14:00+09:00`, `Nov 19, 2019 | 4:20am | Updated Nov 20, 2019 | 9:32pm`.
    Any other word (a name, `by Admin`, a sentence) makes it not a date line: []."""
    if len(text) > 100:
        return []
    if m := META_SLASHED.match(text):
        d = parse_date(m["date"])
        return [("metadata", d)] if d else []
    text = GLUED_YEAR.sub(r"\1 \2", text)  # `Nov 19 20197:05 AM`: a time glued to the year
    cuts = [m for m in DATE_LABEL.finditer(text) if m.start() == 0 or not text[m.start() - 1].isalnum()]
    bounds = [0, *(m.start() for m in cuts), len(text)]
    found: list[tuple[str, PartialDate]] = []
    for k, (lo, hi) in enumerate(itertools.pairwise(bounds)):
        label = (" ".join(cuts[k - 1]["label"].lower().split()) if k else "metadata").replace("modified", "updated")
        segment = text[lo:hi]
        if k:
            segment = segment[cuts[k - 1].end() - lo :]
        dates = _dates_in(segment)
        rest = segment
        for start, end, _d in sorted(dates, reverse=True):
            rest = rest[:start] + " " + rest[end:]
        if not all(_date_line_word(word) for word in rest.replace(",", " ").split()):
            return []
        if any(d.year is None or d.day is None for _, _, d in dates):
            return []
        found += [(label, d) for _, _, d in dates[:1]]
    return found


def _dates_in(text: str) -> list[tuple[int, int, PartialDate]]:
    """Calendar dates in words (dates.py) and in figures when the order is unmistakable (ISO, day.month.year,
    and month/day/year or day/month/year when one of the two cannot be a month)."""
    found = list(find_explicit_dates(text))
    taken = [range(a, b) for a, b, _ in found]
    for m in NUMERIC_DATE.finditer(text):
        if any(m.start() in r for r in taken):
            continue
        if m["iso"]:
            d = PartialDate(int(m["y1"]), int(m["m1"]), int(m["d1"]))
        elif m["dotted"]:
            d = PartialDate(int(m["y2"]), int(m["m2"]), int(m["d2"]))
        else:
            a, b, year = int(m["a"]), int(m["b"]), int(m["y3"])
            year += 2000 if year < 100 else 0
            if (a > 12) == (b > 12):
                continue  # `03/04/2024`: March 4 in one country, 3 April in another
            d = PartialDate(year, b if a > 12 else a, a if a > 12 else b)
        if 1 <= d.month <= 12 and 1 <= (d.day or 0) <= 31:
            found.append((m.start(), m.end(), d))
    return sorted(found, key=lambda item: item[0])


def _date_line_word(word: str) -> bool:
    """A word a date line carries besides its date: a weekday, a time, a time zone or country code, `at`."""
    bare = word.strip("()[]")
    return not bare or bool(DATE_LINE_WORD.match(bare)) or (bare.isupper() and bare.isalpha() and 2 <= len(bare) <= 4)


def split_names(text: str) -> list[str]:
    text = re.sub(r"\s*[|/].*$", "", text)
    parts = re.split(r",\s*(?:and\s+)?|\s+and\s+|\s*&\s*", text)
    return [p.strip(" .") for p in parts if p.strip(" .")]


def headline_from_lead(lead: str) -> str:
    """A headline made from the lead: its first sentence without the attribution tail (`..., X said Wednesday`)."""
    sentence = (split_sentences(lead) or [lead])[0]
    claim = re.match(r"^(?P<claim>.{40,}?)[”\"]?,[”\"]?\s+(?:[^,]{0,60}?\s)?(?:said|says|told|announced)\b", sentence)
    if claim:
        sentence = claim["claim"].rstrip(",") + ("”" if claim["claim"].count("“") > claim["claim"].count("”") else "")
    if len(sentence) <= 140:
        return sentence
    cut = sentence[:140].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"
