"""Bylines to names: `By JANE DOE, Reuters | March 18 at 3:57 PM Follow @jdoe` -> ["Jane Doe"].

Pages glue dates, times, handles, job titles and agency names into the byline. A reader wants
the people only; agencies are kept apart (they are the wire, not an author).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from briefings.dates import MONTH_RE

WIRES = {
    "ap": "AP", "associated press": "AP", "the associated press": "AP", "reuters": "Reuters", "thomson reuters": "Reuters",
    "afp": "AFP", "agence france-presse": "AFP", "agence france presse": "AFP", "upi": "UPI", "yonhap": "Yonhap",
    "yonhap news agency": "Yonhap", "yonhap news": "Yonhap", "kyodo": "Kyodo", "kyodo news": "Kyodo", "xinhua": "Xinhua",
    "tass": "TASS", "dpa": "dpa", "bloomberg": "Bloomberg", "bloomberg news": "Bloomberg", "ani": "ANI", "pti": "PTI",
    "efe": "EFE", "ansa": "ANSA", "press association": "PA", "pa": "PA", "pa media": "PA", "aap": "AAP", "cnn": "CNN",
}  # fmt: skip
LEAD_IN = re.compile(
    r"^\s*(?:(?:written|words|story|reporting|reported|text|posted|published|updated|compiled|edited|photos?)\s+)?by\b[:\s]*",
    re.I,
)
HANDLE = re.compile(r"(?:\bfollow(?:\s+(?:on|me|us))?\s*(?:twitter|x)?\s*:?\s*)?@\w+|\S+@\S+\.\w+|https?://\S+", re.I)
TIME = re.compile(
    r"\b\d{1,2}[:.]\d\d(?:\s*[ap]\.?m\.?)?(?:\s*(?:gmt|utc|[ecmp][sd]t|bst|cet|kst|jst|ist))?\b|\b\d{1,2}\s*[ap]\.?m\.?", re.I
)
DATE = re.compile(
    rf"\b(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s*)?(?:{MONTH_RE}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?(?:\s*\d{{4}})?"
    rf"|\d{{1,2}}\s+{MONTH_RE}\.?,?(?:\s*\d{{4}})?|\d{{4}}-\d\d-\d\d(?:T[\d:]+Z?)?|\d{{1,2}}/\d{{1,2}}/\d{{2,4}})"
    r"|\b(?:today|yesterday|\d+\s+(?:minutes?|hours?|days?)\s+ago)\b",
    re.I,
)
NOISE_WORDS = re.compile(
    r"\b(?:updated|published|posted|last|modified|on|at|follow|twitter|email|e-mail|facebook|instagram|linkedin|"
    r"bio|profile|more from|see all|articles?|stories|contact|share|read time|min(?:ute)? read|\d+ min)\b",
    re.I,
)
ROLE_WORDS = re.compile(
    r"\b(?:writer|reporter|correspondent|editor|columnist|contributor|staff|journalist|producer|analyst|"
    r"bureau|chief|desk|photographer|senior|deputy|special|political|business|sports|science|technology|health|"
    r"economics|foreign|diplomatic|investigations?|national|international|news|digital|video|agency|service|"
    r"wire|team|newsroom|opinion|guest|associate|managing|executive|contributing|freelance|intern|in)\b",
    re.I,
)
CALENDAR_WORD = re.compile(
    r"(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?|jan(?:uary)?|feb(?:ruary)?|march|april|june|july|"
    r"aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?",
    re.I,
)
NOT_PEOPLE = re.compile(
    r"admin|\b(?:editorial|sport|desk|newsdesk|webmaster|team|staff|web|online|media|nast|press|news|magazine|"
    r"inc|llc|ltd|group|network|publishing|reporters?)$|^the\s",
    re.I,
)
PARTICLES = {"de", "da", "van", "von", "der", "den", "bin", "ibn", "al", "el", "la", "le", "di", "du", "dos", "del", "y", "ter", "mc"}
NAME_WORD = re.compile(r"^(?:[A-ZÀ-ÖØ-ÞĀ-ſ][\w'’.\-]*|[a-z]{1,3}|[A-Z]\.)$")


@dataclass
class Byline:
    """A byline read: the people, and any agencies it credits."""

    names: list[str] = field(default_factory=list)
    agencies: list[str] = field(default_factory=list)


def wire_name(text: str) -> str | None:
    """`The Associated Press` -> `AP`; None when the text is not a news agency's name."""
    key = re.sub(r"\s+", " ", text.strip(" .,").lower())
    return WIRES.get(key) or WIRES.get(key.removeprefix("the "))


def read_byline(text: str, *, strict: bool = False) -> Byline:
    """The names (and agencies) in a byline, with dates, times, handles and job titles removed.

    `strict` (a line found without `By`) accepts the line only if every part is a name or an agency.
    """
    out = Byline()
    text = LEAD_IN.sub("", text.strip())
    text = HANDLE.sub(" , ", text)
    text = DATE.sub(" , ", text)
    text = TIME.sub(" , ", text)
    for part in re.split(r"\s*(?:[;,|/·•–—]|\s-\s|\band\b|&|\bwith\b|\n)\s*", text):
        part = LEAD_IN.sub("", part).strip(" .:-()[]")
        if not part:
            continue
        if agency := wire_name(part):
            out.agencies.append(agency)
            continue
        name = _name(part, out.agencies)
        if name:
            out.names.append(name)
        elif strict and not _is_noise(part):
            return Byline()
    out.names = _distinct(out.names)
    if any(len(n.split()) > 1 for n in out.names):  # `Victor Tangermann; Futurism`: the one-word part is a brand
        out.names = [n for n in out.names if len(n.split()) > 1]
    out.agencies = list(dict.fromkeys(out.agencies))
    return out


def _distinct(names: list[str]) -> list[str]:
    """Names without repeats, `Troy L Smith` being `Troy Smith` again."""
    out: list[str] = []
    for name in names:
        key = _initials_out(name)
        if all(_initials_out(other) != key for other in out):
            out.append(name)
    return out


def _initials_out(name: str) -> str:
    return " ".join(w for w in name.lower().split() if len(w.strip(".")) > 1)


def drop_site_names(names: list[str], site: str | None) -> list[str]:
    """Byline names that are the site itself (`Beachbody` on The Beachbody Blog) are not authors."""
    key = re.sub(r"[\W_]+", "", (site or "").lower())
    return [n for n in names if not key or re.sub(r"[\W_]+", "", n.lower()) not in key]


def _is_noise(part: str) -> bool:
    rest = ROLE_WORDS.sub(" ", NOISE_WORDS.sub(" ", part))
    return not re.sub(r"[\W\d_]+", "", rest)


def _name(part: str, agencies: list[str]) -> str | None:
    """A person's name from one part of a byline, or None."""
    words = NOISE_WORDS.sub(" ", part).split()
    while words and CALENDAR_WORD.fullmatch(words[-1]):  # `Carrie Arnold November` (a date cut short)
        words.pop()
    # `ERIC TUCKER Associated Press`: the agency after the name.
    for size in (3, 2, 1):
        if len(words) > size + 1 and (agency := wire_name(" ".join(words[-size:]))):
            words = words[:-size]
            agencies.append(agency)
            break
    # `Jane Doe Staff Writer`, `Tom Krisher AP Auto Writer`: a job title after the name.
    if words and ROLE_WORDS.fullmatch(words[-1]):
        first = next(i for i, w in enumerate(words) if ROLE_WORDS.fullmatch(w) or wire_name(w))
        words = words[:first]
    candidate = " ".join(words)
    if not _looks_like_name(candidate):
        return None
    if candidate.isupper() and len(candidate) > 3:
        candidate = " ".join(w.capitalize() if len(w) > 1 and not w.endswith(".") else w for w in candidate.split())
    return candidate


def _looks_like_name(text: str) -> bool:
    words = text.split()
    if NOT_PEOPLE.search(text) or (len(words) == 1 and CALENDAR_WORD.fullmatch(text)):
        return False
    if not 2 <= len(words) <= 5 and not (len(words) == 1 and len(text) > 2 and text[:1].isupper() and text[1:].islower()):
        return False
    if re.search(r"\d|[!?\"“”]", text) or any(ROLE_WORDS.fullmatch(w) for w in words if w.lower() not in PARTICLES):
        return False
    capitals = [w for w in words if w.lower() not in PARTICLES]
    return bool(capitals) and all(NAME_WORD.match(w) and (w[:1].isupper() or w.lower() in PARTICLES) for w in words)
