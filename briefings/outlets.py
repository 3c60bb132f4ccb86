"""Who published the story and when: the outlet from the page's own evidence (masthead, the site's link,
dateline credit, copyright line, source line, byline agency), the wire it came from, and the published
date with where it was read and how sure we are.
"""

from __future__ import annotations

import re

from briefings.dates import PartialDate, find_explicit_dates
from briefings.scraped import Page, Published

TRAILING_CREDIT = re.compile(r"\s*\((?P<credit>[A-Z][\w .&'\-/]{1,40})\)\s*$")
POSITION_MARK = re.compile(r"\((?:L|R|C|center|centre|left|right|top|bottom|front|\d+(?:st|nd|rd|th)? from [LR](?:eft|ight)?)\)", re.I)
COMPANY_WORDS = {
    "inc", "llc", "ltd", "limited", "plc", "corp", "corporation", "company", "co", "gmbh", "ag", "sa", "media", "group",
    "network", "networks", "interactive", "digital", "holdings", "publishing", "publications", "communications",
    "enterprises", "partners", "and", "&",
}  # fmt: skip
MASTHEAD = re.compile(
    r"^(the\s+)?[A-Z][\w&.'\- ]{0,40}\b(herald|times|post|news|journal|tribune|daily|gazette|guardian|"
    r"telegraph|observer|chronicle|independent|examiner|standard|express|mail|star|sun|globe|"
    r"review|report|press|insider|monitor|today|weekly|agency|wire|bizwire|economist|ilbo|shimbun|"
    r"sinmun|inquirer|dispatch|bulletin|courier|record|register|sentinel|mirror|week|asia)$",
    re.I,
)
WIRE_NAMES = {
    "ap": "AP", "associated press": "AP", "the associated press": "AP", "reuters": "Reuters",
    "afp": "AFP", "agence france-presse": "AFP", "upi": "UPI", "yonhap": "Yonhap",
    "yonhap news agency": "Yonhap", "kyodo": "Kyodo", "kyodo news": "Kyodo", "xinhua": "Xinhua",
    "tass": "TASS", "dpa": "dpa", "bloomberg": "Bloomberg", "ani": "ANI", "pti": "PTI",
}  # fmt: skip


def strip_trailing_credit(page: Page, body: list[str]) -> list[str]:
    while body:
        last = body[-1]
        m = TRAILING_CREDIT.search(last)
        if not m or not is_agency(m["credit"]):
            break
        page.outlet_evidence.append(("credit", m["credit"].strip()))
        rest = last[: m.start()].rstrip()
        if rest:
            body[-1] = rest
            break
        body.pop()
    return body


def choose_outlet(page: Page) -> tuple[str | None, str | None]:
    order = ("masthead", "site link", "dateline", "copyright", "source line", "credit", "byline")
    by_kind = {kind: name for kind, name in reversed(page.outlet_evidence)}
    outlet = next((by_kind[k] for k in order if k in by_kind), None)
    if outlet is None:
        return None, None
    outlet = _fullest(page, outlet)
    wires = {wire_key(name) for _, name in page.outlet_evidence if wire_key(name)}
    wires.discard(wire_key(outlet))
    wire = sorted(wires)[0] if wires else None
    return outlet, wire


def _fullest(page: Page, name: str) -> str:
    # "Yonhap" in a dateline and "Yonhap News Agency" in the copyright line are one outlet.
    forms = [n for _, n in page.outlet_evidence if n.lower().startswith(name.lower()) or (wire_key(n) == wire_key(name) and wire_key(name))]
    return max(forms, key=len) if forms else name


def choose_published(page: Page, dl_date: PartialDate | None, outlet: str | None) -> tuple[Published, PartialDate | None]:
    dates = sorted(page.meta_dates, key=lambda item: _date_rank(page, item))
    labelled = [(label, d) for label, d, _ in dates if label in ("published", "posted", "first published")]
    other = [(label, d) for label, d, _ in dates if (label, d) not in labelled]
    republished = bool(page.site and outlet and wire_key(page.site) != wire_key(outlet) and page.site.lower() not in outlet.lower())
    page_date = None
    if labelled:
        return Published(labelled[0][1], f"'{labelled[0][0]}' line", "high"), None
    if dl_date and dl_date.year is None:
        # The dateline gives month and day: a metadata line of the same day supplies the year.
        same = [d for _, d in other if d.month == dl_date.month and d.day == dl_date.day]
        if same:
            return Published(same[0], "dateline, year from the page's date line", "high"), None
    if other and not republished:
        _label, d = other[0]
        return Published(d, "page date line", "medium"), None
    if other:
        page_date = other[0][1]
        page.warnings.append(
            f"page date {page_date.iso()} is the republishing site's ({page.site}), not the story's; kept as low confidence"
        )
    if dl_date:
        return Published(dl_date, "dateline", "medium" if dl_date.year is None else "high"), page_date
    caption_dates = [d for c in page.captions for _, _, d in find_explicit_dates(c) if d.year and d.day]
    if caption_dates:
        return Published(max(caption_dates), "photo caption", "medium"), page_date
    if page_date:
        return Published(None, "not stated in the story; the page's date is a republish date", "none"), page_date
    return Published(None, "not stated", "none"), None


def _date_rank(page: Page, item: tuple[str, PartialDate, int]) -> tuple[bool, int, int]:
    """The story's own date line first: not an update; under its headline, else next to it or the story's end; nearest."""
    label, _date, index = item
    update = label in ("updated", "modified", "last updated")
    if page.story_span is None:
        return update, 0, index
    head, start, end = page.story_span
    if head <= index <= start + 2:
        place = 0
    elif head - 8 <= index < head or end <= index <= end + 4:
        place = 1
    else:
        place = 2
    return update, place, abs(index - head)


def without_company_suffix(name: str) -> str:
    """`Al Jazeera Media Network` -> `Al Jazeera`, `Example Media Group Inc.` -> `Example`: the brand, not the company."""
    words = name.replace(",", " ").split()
    while len(words) > 1 and words[-1].strip(".").lower() in COMPANY_WORDS:
        words.pop()
    return " ".join(words)


def is_agency(credit: str) -> bool:
    c = credit.strip()
    return bool(wire_key(c) or MASTHEAD.match(c) or (c[:1].isupper() and len(c.split()) <= 4 and not POSITION_MARK.fullmatch(f"({c})")))


def wire_key(name: str) -> str | None:
    return WIRE_NAMES.get(name.strip().lower().removeprefix("the ").strip()) or WIRE_NAMES.get(name.strip().lower())
