"""Read article files and separate the article from the page around it.

Scraped news pages carry furniture (share buttons, breadcrumbs, link lists, copyright
lines) around one story. The rules below recognise the *shapes* of that furniture, so
they hold for outlets we have never seen, and pull out the metadata a reader needs:
headline, outlet, authors, dateline, published date (with where it came from and how
sure we are), body paragraphs and photo captions.
"""

from __future__ import annotations

import hashlib
import itertools
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from briefings.bylines import read_byline
from briefings.dates import MONTH_RE, PartialDate, find_explicit_dates, parse_date
from briefings.files import FileSkipped, decode_text
from briefings.layout import (
    DENSE_SCRIPT,
    comments_head,
    find_headline,
    inline_link_runs,
    is_headline_shaped,
    is_prose,
    link_list_head,
    link_list_items,
    main_block,
)
from briefings.sentences import split_sentences

# Bump when cleaning or metadata rules change: stored articles are read again on the next index run.
CLEANER_VERSION = "c6"

# --- page furniture -------------------------------------------------------------------------

SOCIAL = {
    "facebook", "twitter", "x", "kakao", "kakaotalk", "kakaostory", "naver", "band", "pinterest",
    "linkedin", "whatsapp", "telegram", "reddit", "line", "email", "e-mail", "mail", "print",
    "share", "tweet", "copy", "copy link", "sms", "messenger", "weibo", "wechat", "flipboard",
    "tumblr", "threads", "bluesky", "comment", "comments", "save", "bookmark", "font size",
}  # fmt: skip
UI_LINE = re.compile(
    r"^(link copied|copied|scroll to (the )?top|back to top|top|view|view more|more|"
    r"read more|see more|share( this( article| story)?)?|print( this( article| page)?)?|"
    r"font size|text size|close|menu|advertisement|ad|skip to (main )?content|"
    r"sign in|log ?in|subscribe|listen( to this article)?|loading\.*|"
    r"(\d+ )?comments?|zoom|enlarge|photo|video|audio|\d+\s*(min|mins|minutes?)( read| listen)?|reading time.*|"
    r"(updated|published|posted)?\s*\d+\s*(seconds?|minutes?|mins?|hours?|hrs?|days?)\s+ago|"
    r"(show|hide) (more|less)( sharing options)?|toggle navigation|(open|close) (menu|navigation|search)|"
    r"search( for)?:?( search)?|back to home|go to (homepage|home page|main menu)|jump to (main )?(content|navigation)|"
    r"accessibility( help| links)?|sections|navigation|main menu|newsletters?|sign up|log ?out|sign out|my account|"
    r"cookie (settings|policy|preferences)|accept( all)?( cookies)?|privacy policy|terms (of use|of service|and conditions)|"
    r"toggle [\w ]{2,20}|dark mode|light mode|share all sharing options|get (short|shortened) url|sharing is caring!?|"
    r"filed (to|under):?.*|advertise( with [\w ]+)?|click (here|for|to) .*|updated|browse all posts|"
    r"close( share)? panel|copy link.*|you are signed in as.*|follow the topics.*|why you can trust .*|about this rating|"
    r"back to (gallery|article|story)|donate( to us| now)?|something went wrong.*|chevron_\w+.*|"
    r"we use cookies.*|this (site|website) uses cookies.*|these are external links.*|media playback is unsupported.*|"
    r"work with us|contact us|submit a tip.*|"
    r"this (article|story|content) is (more than|over) (a|an|\d+) (years?|months?|weeks?) old)$",
    re.I,
)
# `Click to share on Twitter (Opens in new window)`, `Share on Facebook`, `Email this article`.
SHARE_PROMPT = re.compile(
    r"^(?:click to |tap to )?(?:share|post|tweet|pin|email|e-mail|print|save)(?: this)?(?: (?:article|story|page|link))?"
    r"(?: (?:on|to|via|with) [\w .+]{2,20})?(?:\s*\(opens in (?:a )?new window\))?$|\(opens in (?:a )?new (?:window|tab)\)$",
    re.I,
)
END_MARK = re.compile(r"^[(\[]?\s*(end|the end|-+ ?end ?-+|#{1,3}|\*{3})\s*[)\]]?$", re.I)
COPYRIGHT = re.compile(r"(^\(c\)\s|©|\bcopyright\b|all rights reserved|unauthorized reproduction)", re.I)
BREADCRUMB = re.compile(r"^(current\s*:|you are here\s*:?|home\s*(>|›|»|/))|\s(>|›|»)\s", re.I)
REACTION = re.compile(r"^[\w' ]{1,30}[!?]?\s*\(\d[\d,]*\)$")
# `Harbour Times - Back to home`, `Harbour Times homepage`: the site names itself in a link.
SITE_LINK = re.compile(
    r"^(?P<site>[A-Z][\w&.' ]{1,50}?)\s*(?:[-|–—:]\s*)?(?:back to (?:the )?home(?: ?page)?|home ?page|go to homepage)$", re.I
)
COMPANY_WORDS = {
    "inc", "llc", "ltd", "limited", "plc", "corp", "corporation", "company", "co", "gmbh", "ag", "sa", "media", "group",
    "network", "networks", "interactive", "digital", "holdings", "publishing", "publications", "communications",
    "enterprises", "partners", "and", "&",
}  # fmt: skip
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
MENU_WORDS = {
    "home", "news", "sections", "section", "search", "skip", "to", "content", "main", "menu", "navigation", "sport",
    "sports", "business", "world", "opinion", "politics", "culture", "lifestyle", "travel", "video", "videos", "podcasts",
    "subscribe", "sign", "in", "log", "login", "account", "newsletters", "back", "more", "latest", "weather", "tech",
    "science", "health", "entertainment", "local", "us", "uk", "jobs", "obituaries", "games", "puzzles", "shop", "e-edition",
}  # fmt: skip
BYLINE_ROLE = re.compile(r"\b(correspondent|editor|reporter|writer|columnist|contributor|journalist|staff writer|bureau chief)s?\b", re.I)
SEPARATOR = re.compile(r"^\s*([_\-=*~•·]\s*){3,}$")
SOURCE_LINE = re.compile(r"^(source|sources|via|courtesy of)\s*:\s*(?P<outlet>.+)$", re.I)
EDITOR_NOTE = re.compile(
    r"^\(\s*(attn|editor'?s note|eds?|corrects?|updates?|adds?|recasts?|new throughout)\b[^)]*\)$",
    re.I,
)
UPDATE_LABEL = re.compile(
    r"^\s*[(\[](?P<label>(?:\d+(?:st|nd|rd|th)\s+)?(?:LD|LEAD|URGENT|UPDATE|WRITETHRU|CORRECTED|RECAST)[\w ]*)[)\]]\s*", re.I
)
BYLINE = re.compile(r"^(?:(?:posted|written|story|words|reported|text)\s+)?by\s+(?P<names>[^\n]{2,160})$", re.I)
# `PLACE, Nov. 9 (Yonhap) --`, `SEOUL, South Korea (AP) —`, `LONDON (Reuters) -`, `PARIS, 3 March (AFP) –`
DATELINE = re.compile(
    rf"^(?P<place>[A-Z][A-Z .'’\-]{{1,40}}(?:,\s*(?!{MONTH_RE}\s*\d)[A-Z][\w .'’\-]{{1,40}}?)?)"
    rf"(?:,\s*(?P<date>(?:{MONTH_RE}\s*\d{{1,2}}|\d{{1,2}}\s+{MONTH_RE})(?:,?\s*\d{{4}})?))?"
    r"\s*(?:\((?P<credit>[^)]{1,40})\))?\s*(?:--|—|–|-|:)\s+",
)
TRAILING_CREDIT = re.compile(r"\s*\((?P<credit>[A-Z][\w .&'\-/]{1,40})\)\s*$")
CAPTION_MARK = re.compile(r"^\s*(▲|△|■|□|▶|►|photo\s*:|image\s*:|pictured\s*:|caption\s*:|(?:image|photo|video)\s+caption\s*[,:])\s*", re.I)
PHOTO_CREDIT = re.compile(r"^(?:image|photo|picture|video)\s+(?:source|credit)s?\s*[,:]|^(?:photo|credit)\s*:\s*\S+(?:\s\S+){0,4}$", re.I)
POSITION_MARK = re.compile(r"\((?:L|R|C|center|centre|left|right|top|bottom|front|\d+(?:st|nd|rd|th)? from [LR](?:eft|ight)?)\)", re.I)
PHOTO_WORDS = re.compile(
    r"\b(is seen|are seen|in this (file )?(photo|image|picture|captured image|handout)|captured image|"
    r"file photo|pool photo|photo (taken|released|provided)|pictured|poses?\b|shakes? hands|"
    r"speaks during|stands? (in|at|during)|waves?\b|arrives? (at|in)|handout photo|(ap|afp|reuters|getty) photo)",
    re.I,
)
CAPTION_DATE_END = re.compile(rf"\bon\s+(?:{MONTH_RE}\s+\d{{1,2}},\s*\d{{4}}|\w+day)\.\s*(\([^)]*\)\s*)*$")
MASTHEAD = re.compile(
    r"^(the\s+)?[A-Z][\w&.'\- ]{0,40}\b(herald|times|post|news|journal|tribune|daily|gazette|guardian|"
    r"telegraph|observer|chronicle|independent|examiner|standard|express|mail|star|sun|globe|"
    r"review|report|press|insider|monitor|today|weekly|agency|wire|bizwire|economist|ilbo|shimbun|"
    r"sinmun|inquirer|dispatch|bulletin|courier|record|register|sentinel|mirror|week|asia)$",
    re.I,
)
META_LABEL = re.compile(r"^(?P<label>published|posted|updated|date|modified|last updated|first published)\s*:?\s*", re.I)
META_REST = re.compile(
    r"^(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?|\d{1,2}[:.]\d\d(?::\d\d)?|[ap]\.?m\.?|(?:gmt|utc|kst|est|edt|pst|cet|bst|jst)(?:[+-]\d{1,2})?|[-–|,])$",
    re.I,
)
# `General / 김승연 / 2023-11-09 18:29:17`: a section / author / time line.
META_SLASHED = re.compile(r"^[^/]{1,40}(?:\s/\s[^/]{1,40})*\s/\s(?P<date>(?:19|20)\d\d-\d\d-\d\d(?:\s\d\d:\d\d(?::\d\d)?)?)$")
TITLE_SEPARATOR = re.compile(r"\s+[|\-–—:·•»]\s+")
SITE_SUFFIX = re.compile(r"\s+[-|–—]\s*(?P<site>[A-Z][\w&.' ]{2,60})$")
WIRE_NAMES = {
    "ap": "AP", "associated press": "AP", "the associated press": "AP", "reuters": "Reuters",
    "afp": "AFP", "agence france-presse": "AFP", "upi": "UPI", "yonhap": "Yonhap",
    "yonhap news agency": "Yonhap", "kyodo": "Kyodo", "kyodo news": "Kyodo", "xinhua": "Xinhua",
    "tass": "TASS", "dpa": "dpa", "bloomberg": "Bloomberg", "ani": "ANI", "pti": "PTI",
}  # fmt: skip


@dataclass
class Published:
    """When an article was published, where we read it, and how sure we are."""

    date: PartialDate | None
    source: str
    confidence: str  # high | medium | low | none

    def to_dict(self) -> dict:
        return {
            "date": self.date.iso() if self.date else None,
            "precision": self.date.precision if self.date else None,
            "source": self.source,
            "confidence": self.confidence,
        }


@dataclass
class ParsedArticle:
    """One article as read from a file, a feed entry or a page: metadata, clean body and captions apart."""

    id: str
    file: str
    content_hash: str
    headline: str
    headline_source: str
    outlet: str | None
    authors: list[str]
    published: Published
    body: list[str]
    outlet_evidence: list[str] = field(default_factory=list)
    wire: str | None = None
    site: str | None = None
    contributors: list[str] = field(default_factory=list)
    dateline_place: str | None = None
    dateline_date: PartialDate | None = None
    page_date: PartialDate | None = None
    update_label: str | None = None
    editor_notes: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    source_kind: str = "file"  # file | feed | url
    source: str = ""  # the file's name, the feed's address or the page's URL
    url: str | None = None  # the canonical URL when the page or feed states one

    @property
    def text(self) -> str:
        """The clean body as one string."""
        return "\n\n".join(self.body)


class ArticleError(Exception):
    """A file that cannot be read as an article; the message says why."""


@dataclass
class _Line:
    text: str
    kind: str = "text"  # text | blank | furniture | caption | meta | byline | note | tail


# --- reading files ------------------------------------------------------------------------


def content_hash(data: bytes) -> str:
    """The key of an article: a hash of the file's bytes."""
    return hashlib.sha256(data).hexdigest()


def decode(data: bytes) -> tuple[str, list[str]]:
    """Bytes to text (UTF-8, UTF-16, else Windows-1252/Latin-1 with a warning); ArticleError for binary or empty."""
    try:
        return decode_text(data)
    except FileSkipped as error:
        raise ArticleError(str(error)) from None


def load_article(path: Path, *, root: Path | None = None, max_bytes: int = 2_000_000) -> ParsedArticle:
    """Read and clean one article file, or raise ArticleError saying why it cannot be used."""
    size = path.stat().st_size
    if size > max_bytes:
        raise ArticleError(f"too large ({size:,} bytes; the limit is {max_bytes:,}, BRIEFINGS_MAX_FILE_BYTES)")
    data = path.read_bytes()
    name = str(path.relative_to(root)) if root else path.name
    return parse_article(data, file=name)


def parse_article(data: bytes, *, file: str = "<memory>") -> ParsedArticle:
    """Clean one article's bytes into a ParsedArticle."""
    text, warnings = decode(data)
    return _Cleaner(text, file=file, digest=content_hash(data), warnings=warnings).run()


# --- the cleaner ------------------------------------------------------------------------------


def normalise_space(text: str) -> str:
    """NFC, no zero-width characters, single spaces."""
    text = unicodedata.normalize("NFC", text).replace("\u00a0", " ")
    text = re.sub(r"[\u200b-\u200d\ufeff]", "", text)
    return re.sub(r"[ \t]+", " ", text).strip()


def _key(text: str) -> str:
    text = UPDATE_LABEL.sub("", text)
    return re.sub(r"[\W_]+", " ", text.lower()).strip()


def _bullet(text: str) -> str | None:
    m = re.match(r"^\s*(?:[•·▪◦*]|-(?=\s))\s*(.+)$", text)
    return m[1].strip() if m else None


def _is_sentence(text: str) -> bool:
    if DENSE_SCRIPT.search(text):
        return len(text) > 20 and bool(re.search(r"[。！？।॥.!?\"”’)]$", text))
    return len(text) > 60 and bool(re.search(r"[.!?\"”’)]$", text))


class _Cleaner:
    def __init__(self, raw: str, *, file: str, digest: str, warnings: list[str]) -> None:
        self.file = file
        self.digest = digest
        self.warnings = list(warnings)
        self.lines = [_Line(normalise_space(t)) for t in raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
        self.outlet_evidence: list[tuple[str, str]] = []  # (kind, name)
        self.authors: list[str] = []
        self.contributors: list[str] = []
        self.captions: list[str] = []
        self.notes: list[str] = []
        self.meta_dates: list[tuple[str, PartialDate, int]] = []  # (label, date, line index)
        self.story_span: tuple[int, int, int] | None = None  # the story's headline (or lead), first and last paragraph lines
        self.site: str | None = None
        self.update_label: str | None = None
        self.repeats: dict[int, int] = {}  # lines dropped as repeats of an earlier line, and where that line is
        self.hard_breaks: set[int] = set()  # comment-section headings: the story never runs across them
        self.menu_lines: set[int] = set()  # lines of a run of one- or two-word navigation entries

    def run(self) -> ParsedArticle:
        for line in self.lines:
            if not line.text:
                line.kind = "blank"
        self._mark_furniture()
        self._mark_tail()
        self._mark_repeats()
        self._mark_metadata()
        headline, headline_source, body = self._story()
        if not body:
            raise ArticleError("no article text found after cleaning")
        place, dl_date, credit, body[0] = dateline_of(body[0])
        if credit:
            self.outlet_evidence.append(("dateline", credit))
        body = self._strip_trailing_credit(body)
        outlet, wire = self._outlet()
        published, page_date = self._published(dl_date, outlet)
        if headline_source == "lead":
            self.warnings.append("no headline in the text; used the lead's first sentence")
        return ParsedArticle(
            id=self.digest[:12],
            file=self.file,
            content_hash=self.digest,
            headline=headline or _headline_from_lead(body[0]),
            headline_source=headline_source,
            outlet=outlet,
            outlet_evidence=[f"{kind}: {name}" for kind, name in self.outlet_evidence],
            wire=wire,
            site=self.site,
            authors=self.authors,
            contributors=self.contributors,
            dateline_place=place,
            dateline_date=dl_date,
            published=published,
            page_date=page_date,
            update_label=self.update_label,
            editor_notes=self.notes,
            body=body,
            captions=_dedupe(self.captions),
            warnings=self.warnings,
        )

    # Furniture that can be told from one line alone.
    def _mark_furniture(self) -> None:
        lines = self.lines
        for line in lines:
            t = line.text
            if line.kind != "text":
                continue
            if m := SITE_LINK.match(t):
                self.outlet_evidence.append(("site link", m["site"].strip()))
                line.kind = "furniture"
            elif is_furniture_line(t):
                line.kind = "furniture"
            elif _is_copyright_line(t):
                self._credit_from_copyright(t)
                line.kind = "furniture"
            elif BREADCRUMB.search(t) and len(t) < 300 and not _is_quote_like(t):
                self._site_from_title(t)
                line.kind = "furniture"
            elif REACTION.match(t) or PHOTO_CREDIT.match(t):
                line.kind = "furniture"
            elif (m := SOURCE_LINE.match(t)) and len(t) < 100:
                self.outlet_evidence.append(("source line", m["outlet"].strip(" .")))
                line.kind = "furniture"
            elif EDITOR_NOTE.match(t):
                self.notes.append(t)
                line.kind = "note"
            elif CAPTION_MARK.match(t) or _looks_like_caption(t):
                self.captions.append(_caption_text(t))
                line.kind = "caption"
        # Three or more one- or two-word lines in a row (`Home`, `News`, `Sport`) are a site's menu.
        i = 0
        while i < len(lines):
            j = i
            while j < len(lines) and lines[j].kind == "text" and _menu_item(lines[j].text):
                j += 1
            if j - i >= 3:
                for k in range(i, j):
                    lines[k].kind = "furniture"
                self.menu_lines.update(range(i, j))
            i = max(j, i + 1)
        # A run of two or more short bullet items is a share bar or a menu.
        i = 0
        while i < len(lines):
            j = i
            while j < len(lines) and lines[j].kind in ("text", "furniture") and (b := _bullet(lines[j].text)) and len(b.split()) <= 3:
                j += 1
            if j - i >= 2:
                for k in range(i, j):
                    lines[k].kind = "furniture"
            i = max(j, i + 1)

    # Around the story: link lists (a heading owns only the list under it), comment sections, taglines.
    def _mark_tail(self) -> None:
        lines = self.lines
        readable = self._readable()
        for i, line in enumerate(lines):
            if line.kind not in ("text", "furniture"):
                continue
            if comments_head(line.text):
                line.kind = "furniture"
                self.hard_breaks.add(i)
            elif link_list_head(line.text) and not {i, i + 1} <= self.menu_lines:  # `Home`, `Latest`, `Politics`: a menu
                items = link_list_items(readable, i, stop=_is_header_line)
                after = next((t for t in readable[items[-1] + 1 :] if t), "") if items else ""
                if items and (_is_header_line(after) or is_prose(after)) and not self._prose_before(readable, i):
                    # The list runs into a story: its last line (printed once or twice) is that story's headline.
                    last = _key(lines[items.pop()].text)
                    while items and _key(lines[items[-1]].text) == last:
                        items.pop()
                # One story printed twice under the heading is this story's own headline, not a list.
                if len({_key(lines[k].text) for k in items}) >= 2 or (items and line.kind == "furniture"):
                    for k in (i, *items):
                        lines[k].kind = "furniture"
                        readable[k] = None
        for line in lines:
            if line.kind == "text" and _is_tagline(line.text):
                self._tagline(line.text)
                line.kind = "tail"

    @staticmethod
    def _prose_before(readable: list[str | None], index: int) -> bool:
        """A story runs right above this line (two readable lines up, at most)."""
        above = [t for t in readable[max(index - 6, 0) : index] if t][-2:]
        return any(is_prose(t) for t in above)

    def _readable(self) -> list[str | None]:
        """Each line's text if it is still a candidate for the story, else None."""
        return [ln.text if ln.kind == "text" else None for ln in self.lines]

    def _mark_repeats(self) -> None:
        seen: dict[str, list[int]] = {}
        for i, line in enumerate(self.lines):
            if line.kind in ("text", "caption") and len(line.text) < 200:
                seen.setdefault(_key(line.text), []).append(i)
        for key, places in seen.items():
            if len(places) > 1 and key:
                for before, i in itertools.pairwise(places):
                    self.lines[i].kind = "furniture"
                    self.repeats[i] = before
                # A short non-sentence line shown twice is a gallery or section title.
                first = self.lines[places[0]]
                if (
                    first.kind == "text"
                    and len(first.text.split()) <= 3
                    and not re.search(r"[.!?\"”]$", first.text)
                    and places[0] > 0
                    and not self._is_first_text(places[0])
                ):
                    first.kind = "furniture"

    def _is_first_text(self, index: int) -> bool:
        return all(ln.kind != "text" for ln in self.lines[:index])

    def _mark_metadata(self) -> None:
        for index, line in enumerate(self.lines):
            if line.kind != "text":
                continue
            t = line.text
            if meta := _meta_date(t):
                self.meta_dates.append((*meta, index))
                line.kind = "meta"
            elif (m := BYLINE.match(t)) and not _is_sentence(t):
                found = read_byline(t)
                names = _split_names(m["names"])
                agencies = [*found.agencies, *(n for n in names if MASTHEAD.match(n) and n not in found.names)]
                for n in agencies:
                    self.outlet_evidence.append(("byline", n))
                self.authors.extend(found.names)
                line.kind = "byline"

    def _story(self) -> tuple[str | None, str, list[str]]:
        """Headline, where it came from, and body: the main run of prose when the page has one, else the text after the headline."""
        readable = self._readable()
        block = main_block(readable, self.hard_breaks, headed=self._headed)
        prose_lines = sum(1 for t in readable if t and is_prose(t))
        if block is None or (prose_lines < 2 and block.weight < 400):
            headline, source, start = self._find_headline()
            return headline, source, self._collect_body(start, headline)
        self._masthead(readable, block.start)
        # A headline repeated on the page (its title, then above the story) is still the headline.
        visible = [ln.text if ln.kind == "text" or i in self.repeats else None for i, ln in enumerate(self.lines)]
        at = self._title_echo(block.start)
        if at is None:
            at = self._headline_over_byline(visible, block.start)
        if at is None:
            at = find_headline(visible, block.start, skip=_not_a_headline)
        if at is None:  # a short headline ("Harbour reopens") as the page's first line
            first = next((i for i, t in enumerate(readable[: block.start]) if t), None)
            at = first if first is not None and not _is_sentence(readable[first]) and len(readable[first]) <= 160 else None
        headline = self._take_headline(at) if at is not None else None
        self._unsigned_byline(readable, at + 1 if at is not None else max(block.start - 4, 0), block.start)
        skip = set(inline_link_runs(readable, block.start, block.end))
        self.story_span = (at if at is not None else block.start, block.start, block.end)
        hkey = _key(headline) if headline else None
        body = [
            readable[i]
            for i in range(block.start, block.end + 1)
            if readable[i] is not None and i not in skip and not (hkey and _key(readable[i]) == hkey)
        ]
        return headline, "text" if headline else "lead", body

    def _title_echo(self, start: int) -> int | None:
        """The headline as the page's title states it: a title line at the top (`Headline | Site`, `Headline - Site`,
        `Section | Headline`) whose headline is printed again above the story; the title line is then furniture."""
        firsts = [i for i, ln in enumerate(self.lines[: start + 1]) if ln.kind != "blank"][:3]
        for t in firsts:
            parts = TITLE_SEPARATOR.split(self.lines[t].text)
            heads = {_key(" - ".join(parts[:-1])): parts[-1], _key(" - ".join(parts[1:])): None} if len(parts) > 1 else {}
            if t == firsts[0]:
                heads[_key(self.lines[t].text)] = None  # the title alone, as the first line
            for j in range(t + 1, min(start + 3, len(self.lines))):
                line = self.lines[j]
                if (line.kind == "text" or j in self.repeats) and _key(line.text) in heads and _headline_like(line.text):
                    self.lines[t].kind = "furniture"
                    site = heads[_key(line.text)]
                    self.site = self.site or (site.strip() if site and _title_case(site) else None)
                    return j
        return None

    def _headline_over_byline(self, visible: list[str | None], start: int) -> int | None:
        """The headline read from the story's header: above the byline or date line nearest the story's start
        (a kicker, the headline, a standfirst, then `By ...` or the date), the first line shaped like a headline."""
        for anchor in self._header_anchors(start):
            if (at := self._headline_under(anchor, start)) is not None or (at := self._headline_over(anchor, visible)) is not None:
                return at
        return None

    def _headline_under(self, anchor: int, start: int) -> int | None:
        """A date line above the headline (`Wednesday 6 March 2024` / headline / `Anna Lindqvist` / story): the
        headline-shaped line under the date, when the author's name follows it."""
        below = [k for k in range(anchor + 1, min(start + 1, len(self.lines))) if self.lines[k].kind != "blank"][:3]
        if not below or self.lines[below[0]].kind != "text" or not _headline_like(self.lines[below[0]].text):
            return None
        return below[0] if any(self._is_name_line(k) for k in below[1:]) else None

    def _headline_over(self, anchor: int, visible: list[str | None]) -> int | None:
        """The headline in the lines right above a byline or date line (kicker, headline, standfirst), if any."""
        cluster: list[int] = []
        furniture = 0
        for i in range(anchor - 1, max(anchor - 30, -1), -1):
            if self.lines[i].kind == "blank":
                continue
            if self._is_anchor(i):
                if cluster:
                    break  # a date line above the headline: what is above it is not this story's header
                continue
            text = visible[i] if i not in self.repeats or self._twin_beside(i) else None
            if text is None:
                furniture += 1
                if furniture > (8 if not cluster else 1):
                    break
                continue
            furniture = 0
            if len(cluster) == 3 or not (is_headline_shaped(text) or (not cluster and len(text.split()) <= 60)):
                break
            cluster.append(i)
        texts = [visible[i] or "" for i in cluster]
        # `HomeSPORT NEWSHeadline`: a breadcrumb glued to the headline below it is not the headline.
        heads = [i for i, t in zip(cluster, texts, strict=True) if _headline_like(t) and not any(t != u and t.endswith(u) for u in texts)]
        return heads[-1] if heads else None

    def _twin_beside(self, i: int) -> bool:
        """A repeated line printed right after its twin (a headline shown twice), not elsewhere on the page."""
        return self._previous(i) == self.repeats.get(i)

    def _previous(self, i: int) -> int | None:
        return next((k for k in range(i - 1, -1, -1) if self.lines[k].kind != "blank"), None)

    def _header_anchors(self, start: int) -> Iterator[int]:
        """Bylines and date lines from the story's start upwards (its first lines included), nearest first; a name
        alone (`Debbie White`) counts next to a date line."""
        seen = 0
        for i in range(min(start + 3, len(self.lines) - 1), -1, -1):
            if self.lines[i].kind == "blank":
                continue
            seen += i < start
            if seen > 40:
                return
            if self._is_anchor(i):
                yield i

    def _is_anchor(self, i: int) -> bool:
        """A byline or a date line; a name alone next to one."""
        if self._is_dating(i):
            return True
        if not self._is_name_line(i):
            return False
        nxt = next((k for k in range(i + 1, len(self.lines)) if self.lines[k].kind != "blank"), None)
        return any(k is not None and self._is_dating(k) for k in (self._previous(i), nxt))

    def _is_dating(self, i: int) -> bool:
        line = self.lines[i]
        dated = line.kind == "meta" and any(index == i for _, _, index in self.meta_dates)
        return line.kind == "byline" or dated or (line.kind == "text" and _dated_line(line.text))

    def _is_name_line(self, i: int) -> bool:
        line = self.lines[i]
        shown = line.kind == "text" or (i in self.repeats and self._twin_beside(i))
        shouted = line.text.isupper() and len(line.text.split()) > 3  # `FIND YOUR NEXT CAR`, not `JANE DOE`
        return shown and not shouted and bool(_unsigned_names(line.text))

    def _headed(self, i: int) -> bool:
        """A story's header ends right above line i (a byline among the four lines before it, no paragraph
        between), or the line opens with a dateline (`ST. JOSEPH, Mich. (AP) —`)."""
        if dateline_of(self.lines[i].text)[2]:
            return True
        for k in [k for k in range(i - 1, max(i - 12, -1), -1) if self.lines[k].kind != "blank"][:4]:
            if self.lines[k].kind == "byline":
                return True
            if self.lines[k].kind == "text" and is_prose(self.lines[k].text):
                return False  # the story already runs above this line
        return False

    def _unsigned_byline(self, readable: list[str | None], start: int, end: int) -> None:
        """Authors named without `By` on their own line between the headline and the story."""
        if self.authors:
            return
        for i in range(start, end):
            text = readable[i]
            if not text or is_prose(text):
                continue
            if names := _unsigned_names(text):
                self.authors.extend(names)
                self.lines[i].kind = "byline"
                readable[i] = None
                return

    def _masthead(self, readable: list[str | None], start: int) -> None:
        """A site's name standing alone at the top of the page is the outlet."""
        for i, text in enumerate(readable[:start]):
            if text and MASTHEAD.match(text) and len(text.split()) <= 5 and _title_case(text):
                self.outlet_evidence.append(("masthead", text))
                self.lines[i].kind = "meta"
                readable[i] = None
                return

    def _take_headline(self, i: int) -> str:
        headline = self.lines[i].text
        if m := UPDATE_LABEL.match(headline):
            self.update_label = m["label"].strip()
            headline = headline[m.end() :].strip()
        if (m := SITE_SUFFIX.search(headline)) and self.site and m["site"].strip() == self.site:
            headline = headline[: m.start()].strip()
        self.lines[i].kind = "headline"
        return headline

    def _find_headline(self) -> tuple[str | None, str, int]:
        lines = self.lines
        texts = [i for i, ln in enumerate(lines) if ln.kind == "text"]
        for pos, i in enumerate(texts[:4]):
            t = lines[i].text
            if DATELINE.match(t) and _is_sentence(t):
                return None, "lead", i
            if pos == 0 and MASTHEAD.match(t) and len(t.split()) <= 6:
                self.outlet_evidence.append(("masthead", t))
                lines[i].kind = "meta"
                continue
            if (len(t) <= 250 and not _is_sentence(t.rstrip('”"'))) or (len(t) <= 160 and not t.endswith(".")):
                headline = t
                if m := UPDATE_LABEL.match(headline):
                    self.update_label = m["label"].strip()
                    headline = headline[m.end() :].strip()
                if (m := SITE_SUFFIX.search(headline)) and self.site and m["site"].strip() == self.site:
                    headline = headline[: m.start()].strip()
                lines[i].kind = "headline"
                return headline, "text", i + 1
            break
        return None, "lead", texts[0] if texts else len(lines)

    def _collect_body(self, start: int, headline: str | None) -> list[str]:
        body: list[str] = []
        hkey = _key(headline) if headline else None
        for line in self.lines[start:]:
            if line.kind != "text":
                continue
            if hkey and _key(line.text) == hkey:
                continue
            body.append(line.text)
        # Short non-sentences before the first real paragraph are leftovers of the page header;
        # a text with no sentence at all (a results table, a list) is kept whole.
        if any(_is_sentence(t) or DATELINE.match(t) for t in body[:12]):
            while body and not _is_sentence(body[0]) and not DATELINE.match(body[0]) and len(body) > 1:
                body.pop(0)
        return body

    def _strip_trailing_credit(self, body: list[str]) -> list[str]:
        while body:
            last = body[-1]
            m = TRAILING_CREDIT.search(last)
            if not m or not _is_agency(m["credit"]):
                break
            self.outlet_evidence.append(("credit", m["credit"].strip()))
            rest = last[: m.start()].rstrip()
            if rest:
                body[-1] = rest
                break
            body.pop()
        return body

    def _outlet(self) -> tuple[str | None, str | None]:
        order = ("masthead", "site link", "dateline", "copyright", "source line", "credit", "byline")
        by_kind = {kind: name for kind, name in reversed(self.outlet_evidence)}
        outlet = next((by_kind[k] for k in order if k in by_kind), None)
        if outlet is None:
            return None, None
        outlet = self._fullest(outlet)
        wires = {_wire_key(name) for _, name in self.outlet_evidence if _wire_key(name)}
        wires.discard(_wire_key(outlet))
        wire = sorted(wires)[0] if wires else None
        return outlet, wire

    def _fullest(self, name: str) -> str:
        # "Yonhap" in a dateline and "Yonhap News Agency" in the copyright line are one outlet.
        forms = [
            n
            for _, n in self.outlet_evidence
            if n.lower().startswith(name.lower()) or (_wire_key(n) == _wire_key(name) and _wire_key(name))
        ]
        return max(forms, key=len) if forms else name

    def _published(self, dl_date: PartialDate | None, outlet: str | None) -> tuple[Published, PartialDate | None]:
        dates = sorted(self.meta_dates, key=self._date_rank)
        labelled = [(label, d) for label, d, _ in dates if label in ("published", "posted", "first published")]
        other = [(label, d) for label, d, _ in dates if (label, d) not in labelled]
        republished = bool(self.site and outlet and _wire_key(self.site) != _wire_key(outlet) and self.site.lower() not in outlet.lower())
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
            self.warnings.append(
                f"page date {page_date.iso()} is the republishing site's ({self.site}), not the story's; kept as low confidence"
            )
        if dl_date:
            return Published(dl_date, "dateline", "medium" if dl_date.year is None else "high"), page_date
        caption_dates = [d for c in self.captions for _, _, d in find_explicit_dates(c) if d.year and d.day]
        if caption_dates:
            return Published(max(caption_dates), "photo caption", "medium"), page_date
        if page_date:
            return Published(None, "not stated in the story; the page's date is a republish date", "none"), page_date
        return Published(None, "not stated", "none"), None

    def _date_rank(self, item: tuple[str, PartialDate, int]) -> tuple[bool, int, int]:
        """The story's own date line first: not an update; under its headline, else next to it or the story's end; nearest."""
        label, _date, index = item
        update = label in ("updated", "modified", "last updated")
        if self.story_span is None:
            return update, 0, index
        head, start, end = self.story_span
        if head <= index <= start + 2:
            place = 0
        elif head - 8 <= index < head or end <= index <= end + 4:
            place = 1
        else:
            place = 2
        return update, place, abs(index - head)

    def _credit_from_copyright(self, text: str) -> None:
        m = re.search(r"(?:\(c\)|©|copyright)\s*(?:\d{4}\s*)?(?P<name>[A-Z][\w&.' ]{1,60}?)(?:[.,]|\s+all rights|\s*$)", text, re.I)
        if m and (name := _without_company_suffix(m["name"].strip())):
            self.outlet_evidence.append(("copyright", name))

    def _site_from_title(self, text: str) -> None:
        m = SITE_SUFFIX.search(text)
        if m:
            self.site = m["site"].strip()

    def _tagline(self, text: str) -> None:
        for m in re.finditer(r"(?:^|\.\s+)(?P<name>[A-Z][\w'\-]+(?: [A-Z][\w'\-]+){0,3}) reported from", text):
            self.authors.append(m["name"])
        m = re.search(r"journalists? (?P<list>.+?) contributed", text)
        if m:
            for part in re.split(r";|,? and ", m["list"]):
                name = re.sub(r"\s+in\s+.*$", "", part.strip())
                if name:
                    self.contributors.append(name)


def dateline_of(lead: str) -> tuple[str | None, PartialDate | None, str | None, str]:
    """Split a lead's dateline off: (place, date, agency credit, the rest of the lead)."""
    m = DATELINE.match(lead)
    if not m or not (m["date"] or m["credit"]):
        return None, None, None, lead
    place = m["place"].strip()
    place = ", ".join(p.strip().title() if p.strip().isupper() else p.strip() for p in place.split(",")) or None
    when = parse_date(m["date"]) if m["date"] else None
    return place, when, m["credit"], lead[m.end() :].strip()


def is_furniture_line(text: str) -> bool:
    """A line that is page furniture whatever surrounds it: share prompts, UI labels, end marks."""
    item = _bullet(text)
    bare = (item or text).lower().strip(" .:")
    return bool(
        bare in SOCIAL
        or UI_LINE.match(bare)
        or END_MARK.match(text)
        or SEPARATOR.match(text)
        or SHARE_PROMPT.search(text)
        or _social_row(text)
    )


def _title_case(text: str) -> bool:
    """Every word but the small ones capitalised, as a name is (`The Harbour Times`), unlike a headline in sentence case."""
    return all(w[:1].isupper() or w.lower() in ("the", "of", "and", "de", "la", "&") for w in text.split())


def _is_header_line(text: str) -> bool:
    """A story's byline or date line, which no list of other stories contains."""
    return bool(text) and bool(BYLINE.match(text) or _meta_date(text) or _unsigned_names(text))


def _is_copyright_line(text: str) -> bool:
    """A copyright notice; "copyright" inside a sentence ("sued for copyright infringement") is prose."""
    if len(text) >= 200 or not COPYRIGHT.search(text):
        return False
    if re.match(r"^\s*(\(c\)|©|copyright\b)", text, re.I) or re.search(r"all rights reserved|unauthori[sz]ed reproduction", text, re.I):
        return True
    return "©" in text and len(text.split()) <= 12


def _without_company_suffix(name: str) -> str:
    """`Al Jazeera Media Network` -> `Al Jazeera`, `Example Media Group Inc.` -> `Example`: the brand, not the company."""
    words = name.replace(",", " ").split()
    while len(words) > 1 and words[-1].strip(".").lower() in COMPANY_WORDS:
        words.pop()
    return " ".join(words)


def _not_a_headline(text: str) -> bool:
    """Lines near a headline that are not it: a byline or its job title, a date or time line, a photo credit, a wire slug."""
    words = len(text.split())
    if (words <= 10 and BYLINE_ROLE.search(text)) or BYLINE.match(text) or _unsigned_names(text) or CREDENTIALS.search(text):
        return True
    dated = META_LABEL.match(text) or re.match(r"(original|first published)\b", text, re.I)
    if (words <= 14 or (dated and words <= 24)) and (TIME_OF_DAY.search(text) or any(d.year for _, _, d in find_explicit_dates(text))):
        return True
    if words <= 8 and (re.search(r"@\w{2,}", text) or re.search(r":\s*\d", text) or RELATIVE_TIME.search(text)):
        return True  # `Catherine Shu @catherineshu / 2 days`, `Reading time: 2 minutes`
    if _social_row(text) or _menu_row(text) or (words <= 3 and re.search(r"[&|]", text)):
        return True  # a share row, a section label (`Science & Astronomy`)
    return bool(CREDIT_TAIL.search(text) or CAPTION_MARK.match(text) or WIRE_SLUG.match(text))


def _headline_like(text: str | None) -> bool:
    """A headline, not a kicker or a label: headline-shaped, four words or more, none of the lines around a headline."""
    if not text or not is_headline_shaped(text) or _not_a_headline(text):
        return False
    words = text.split()
    if sum(bool(re.search(r"[^\W\d_]", w)) for w in words) < 0.6 * len(words):
        return False  # `Fax +41 41 761 97 25`
    return len(words) >= 4 or bool(DENSE_SCRIPT.search(text))


def _dated_line(text: str) -> bool:
    """A short line that dates the story (`Nov 19, 2019, 7:53pm EST`, `LinkNaija October 06, 2018`, `Updated 2 hours ago`)."""
    words = len(text.split())
    if words > 12 or (re.search(r"[.!?]$", text) and not re.search(r"\b[ap]\.m\.$", text, re.I)):
        return False
    if TIME_OF_DAY.search(text) or GLUED_TIME.search(text) or RELATIVE_TIME.search(text):
        return True
    return any(d.year and d.month for _, _, d in find_explicit_dates(text))


def _menu_row(text: str) -> bool:
    """`Sections Home Search Skip to content`: a row of navigation words on one line."""
    words = re.findall(r"[\w']+", text.lower())
    return len(words) >= 2 and sum(w in MENU_WORDS for w in words) >= max(2, len(words) * 0.5)


def _social_row(text: str) -> bool:
    """`Share on: Facebook Twitter Reddit`: two or more social networks named in a short line."""
    words = re.findall(r"[\w+]+", text.lower())
    if len(words) <= 5 and words and words[0] in ("follow", "add", "like", "join", "find", "connect") and any(w in SOCIAL for w in words):
        return True  # `Follow on Twitter`, `Add to Facebook`
    return len(words) <= 10 and sum(w in SOCIAL for w in words) >= 2


def _unsigned_names(text: str) -> list[str]:
    """The names of a byline written without `By` (`Jane Doe and Sam Lee`, `Jane Doe in Berlin`), else []."""
    if len(text.split()) > 8 or text.endswith((".", "?", "!")):
        return []
    found = read_byline(re.sub(r"\s+in\s+[A-Z][\w .'-]+$", "", text), strict=True)
    return found.names if any(len(n.split()) >= 2 for n in found.names) else []


def _menu_item(text: str) -> bool:
    """A navigation entry: one or two words, no sentence punctuation, not a date or a byline."""
    words = text.split()
    if DENSE_SCRIPT.search(text) and len(text) > 6:
        return False
    if not 1 <= len(words) <= 2 or re.search(r"[.,;:!?\"“”()。、]", text) or any(w[:1].isdigit() for w in words):
        return False
    return not BYLINE.match(text) and not END_MARK.match(text)


def _meta_date(text: str) -> tuple[str, PartialDate] | None:
    """A page's date line (`Published : Sept. 14, 2023 - 09:17`, `Sun 12 Mar 2023 09.00 GMT`) as (label, date)."""
    if len(text) > 80:
        return None
    if m := META_SLASHED.match(text):
        d = parse_date(m["date"])
        return ("metadata", d) if d else None
    label_match = META_LABEL.match(text)
    rest = text[label_match.end() :] if label_match else text
    dates = find_explicit_dates(rest)
    if len(dates) != 1 or dates[0][2].year is None:
        return None
    start, end, d = dates[0]
    leftover = (rest[:start] + " " + rest[end:]).split()
    if not all(META_REST.match(word) for word in leftover):
        return None
    return (label_match["label"].lower() if label_match else "metadata"), d


def _is_tagline(text: str) -> bool:
    """`Litvinova reported from Tallinn.`, `... contributed to this report.`: credits, not story."""
    if len(text) > 400 or _is_quote_like(text):
        return False
    return bool(
        re.match(r"^[A-Z][\w'\-]+(?: [A-Z][\w'\-]+){0,3} reported from\b", text)
        or re.search(r"\bcontributed( to this report| reporting)?\.?$", text)
    )


def _is_quote_like(text: str) -> bool:
    return text.count('"') + text.count("“") >= 2


def _looks_like_caption(text: str) -> bool:
    """A photo caption: a credit at the end and at least two other signs of describing a picture."""
    if not TRAILING_CREDIT.search(text) and not re.search(r"\((?:pool )?photo[^)]*\)", text, re.I):
        return False
    signs = bool(POSITION_MARK.search(text)) + bool(CAPTION_DATE_END.search(text))
    signs += min(len(PHOTO_WORDS.findall(text)), 2)
    return signs >= 2


def _caption_text(text: str) -> str:
    text = CAPTION_MARK.sub("", text).strip()
    # Some pages print a caption twice in one line.
    half = len(text) // 2
    for cut in range(max(half - 2, 1), min(half + 3, len(text))):
        a, b = text[:cut].strip(), text[cut:].strip()
        if a and a == b:
            return a
    return text


def _is_agency(credit: str) -> bool:
    c = credit.strip()
    return bool(_wire_key(c) or MASTHEAD.match(c) or (c[:1].isupper() and len(c.split()) <= 4 and not POSITION_MARK.fullmatch(f"({c})")))


def _wire_key(name: str) -> str | None:
    return WIRE_NAMES.get(name.strip().lower().removeprefix("the ").strip()) or WIRE_NAMES.get(name.strip().lower())


def _split_names(text: str) -> list[str]:
    text = re.sub(r"\s*[|/].*$", "", text)
    parts = re.split(r",\s*(?:and\s+)?|\s+and\s+|\s*&\s*", text)
    return [p.strip(" .") for p in parts if p.strip(" .")]


def _dedupe(items: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for item in items:
        if _key(item) not in seen:
            seen.add(_key(item))
            out.append(item)
    return out


def _headline_from_lead(lead: str) -> str:
    """A headline made from the lead: its first sentence without the attribution tail (`..., X said Wednesday`)."""
    sentence = (split_sentences(lead) or [lead])[0]
    claim = re.match(r"^(?P<claim>.{40,}?)[”\"]?,[”\"]?\s+(?:[^,]{0,60}?\s)?(?:said|says|told|announced)\b", sentence)
    if claim:
        sentence = claim["claim"].rstrip(",") + ("”" if claim["claim"].count("“") > claim["claim"].count("”") else "")
    if len(sentence) <= 140:
        return sentence
    cut = sentence[:140].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"
