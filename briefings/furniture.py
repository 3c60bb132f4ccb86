"""Page furniture: the lines around a story that are not the story (share buttons, menus, breadcrumbs,
copyright lines, photo credits and captions, link lists, comment sections), told by their shapes so the
rules hold for outlets never seen. `mark_furniture`, `mark_tail` and `mark_repeats` are the cleaner's
first passes over a `Page`.
"""

from __future__ import annotations

import itertools
import re

from briefings.dates import MONTH_RE
from briefings.headers import BYLINE, SITE_SUFFIX, is_header_line, unsigned_names
from briefings.layout import DENSE_SCRIPT, comments_head, is_prose, link_list_head, link_list_items
from briefings.outlets import POSITION_MARK, TRAILING_CREDIT, without_company_suffix
from briefings.rows import is_filler, is_heading, is_row
from briefings.scraped import Page, line_key

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
MENU_WORDS = {
    "home", "news", "sections", "section", "search", "skip", "to", "content", "main", "menu", "navigation", "sport",
    "sports", "business", "world", "opinion", "politics", "culture", "lifestyle", "travel", "video", "videos", "podcasts",
    "subscribe", "sign", "in", "log", "login", "account", "newsletters", "back", "more", "latest", "weather", "tech",
    "science", "health", "entertainment", "local", "us", "uk", "jobs", "obituaries", "games", "puzzles", "shop", "e-edition",
}  # fmt: skip
SEPARATOR = re.compile(r"^\s*([_\-=*~•·]\s*){3,}$")
SOURCE_LINE = re.compile(r"^(source|sources|via|courtesy of)\s*:\s*(?P<outlet>.+)$", re.I)
EDITOR_NOTE = re.compile(
    r"^\(\s*(attn|editor'?s note|eds?|corrects?|updates?|adds?|recasts?|new throughout)\b[^)]*\)$",
    re.I,
)
CAPTION_MARK = re.compile(r"^\s*(▲|△|■|□|▶|►|photo\s*:|image\s*:|pictured\s*:|caption\s*:|(?:image|photo|video)\s+caption\s*[,:])\s*", re.I)
PHOTO_CREDIT = re.compile(r"^(?:image|photo|picture|video)\s+(?:source|credit)s?\s*[,:]|^(?:photo|credit)\s*:\s*\S+(?:\s\S+){0,4}$", re.I)
PHOTO_WORDS = re.compile(
    r"\b(is seen|are seen|in this (file )?(photo|image|picture|captured image|handout)|captured image|"
    r"file photo|pool photo|photo (taken|released|provided)|pictured|poses?\b|shakes? hands|"
    r"speaks during|stands? (in|at|during)|waves?\b|arrives? (at|in)|handout photo|(ap|afp|reuters|getty) photo)",
    re.I,
)
CAPTION_DATE_END = re.compile(rf"\bon\s+(?:{MONTH_RE}\s+\d{{1,2}},\s*\d{{4}}|\w+day)\.\s*(\([^)]*\)\s*)*$")


def bullet(text: str) -> str | None:
    m = re.match(r"^\s*(?:[•·▪◦*]|-(?=\s))\s*(.+)$", text)
    return m[1].strip() if m else None


# Furniture that can be told from one line alone.
def mark_furniture(page: Page) -> None:
    lines = page.lines
    for line in lines:
        t = line.text
        if line.kind != "text":
            continue
        if m := SITE_LINK.match(t):
            page.outlet_evidence.append(("site link", m["site"].strip()))
            line.kind = "furniture"
        elif is_furniture_line(t):
            line.kind = "furniture"
        elif is_copyright_line(t):
            _credit_from_copyright(page, t)
            line.kind = "furniture"
        elif BREADCRUMB.search(t) and len(t) < 300 and not is_quote_like(t):
            _site_from_title(page, t)
            line.kind = "furniture"
        elif REACTION.match(t) or PHOTO_CREDIT.match(t):
            line.kind = "furniture"
        elif (m := SOURCE_LINE.match(t)) and len(t) < 100:
            page.outlet_evidence.append(("source line", m["outlet"].strip(" .")))
            line.kind = "furniture"
        elif EDITOR_NOTE.match(t):
            page.notes.append(t)
            line.kind = "note"
        elif CAPTION_MARK.match(t) or looks_like_caption(t):
            page.captions.append(caption_text(t))
            line.kind = "caption"
    # Three or more one- or two-word lines in a row (`Home`, `News`, `Sport`) are a site's menu.
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and lines[j].kind == "text" and menu_item(lines[j].text):
            j += 1
        if j - i >= 3:
            for k in range(i, j):
                lines[k].kind = "furniture"
            page.menu_lines.update(range(i, j))
        i = max(j, i + 1)
    # A run of two or more short bullet items is a share bar or a menu.
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and lines[j].kind in ("text", "furniture") and (b := bullet(lines[j].text)) and len(b.split()) <= 3:
            j += 1
        if j - i >= 2:
            for k in range(i, j):
                lines[k].kind = "furniture"
        i = max(j, i + 1)


# Around the story: link lists (a heading owns only the list under it), comment sections, taglines.
def mark_tail(page: Page) -> None:
    lines = page.lines
    readable = page.readable()
    for i, line in enumerate(lines):
        if line.kind not in ("text", "furniture"):
            continue
        if comments_head(line.text):
            line.kind = "furniture"
            page.hard_breaks.add(i)
        elif link_list_head(line.text) and not {i, i + 1} <= page.menu_lines:  # `Home`, `Latest`, `Politics`: a menu
            items = link_list_items(readable, i, stop=is_header_line)
            after = next((t for t in readable[items[-1] + 1 :] if t), "") if items else ""
            if items and (is_header_line(after) or is_prose(after)) and not _prose_before(readable, i):
                # The list runs into a story: its last line (printed once or twice) is that story's headline.
                last = line_key(lines[items.pop()].text)
                while items and line_key(lines[items[-1]].text) == last:
                    items.pop()
            # One story printed twice under the heading is this story's own headline, not a list.
            if len({line_key(lines[k].text) for k in items}) >= 2 or (items and line.kind == "furniture"):
                for k in (i, *items):
                    lines[k].kind = "furniture"
                    readable[k] = None
    for line in lines:
        if line.kind == "text" and is_tagline(line.text):
            _tagline(page, line.text)
            line.kind = "tail"
        elif line.kind == "text" and (names := sign_off(line.text)) is not None:
            page.authors.extend(n for n in names if n not in page.authors)
            line.kind = "tail"


# A wire reporter's sign-off under the story: `-- Jane Doe, Oslo Newsroom +47 22 93 69 00`, `-- Chicago newsdesk, 312 408-8787`.
SIGN_OFF = re.compile(
    r"^(?:--|—|–)\s*(?P<who>[^,+(\d]{2,60}?)\s*(?:,|(?=[+(\d]))(?=.*(?:\+?\(?\d[\d ()-]{6,}|\b(?:newsroom|news ?desk|desk|bureau)\b))",
    re.I,
)


def sign_off(text: str) -> list[str] | None:
    """The reporters a wire sign-off names ([] for a desk's), or None when the line is not a sign-off (a sentence
    that opens with a dash)."""
    if len(text) > 150 or not (m := SIGN_OFF.match(text)):
        return None
    who = m["who"].strip()
    desk = re.search(r"\b(?:newsroom|news ?room|news ?desk|desk|bureau|editorial)\b", who, re.I)
    names = [] if desk else unsigned_names(who)
    contact = re.sub(r"\S+@\S+|\be-?mail\b", " ", text[m.end("who") :], flags=re.I)  # `e-mail: jane.doe@wire.com`
    lower = [w for w in re.findall(r"[^\W\d_]+", contact) if w.islower() and len(w) > 2]
    if len(lower) > 3 or not (names or desk):
        return None
    return names


def _prose_before(readable: list[str | None], index: int) -> bool:
    """A story runs right above this line (two readable lines up, at most)."""
    above = [t for t in readable[max(index - 6, 0) : index] if t][-2:]
    return any(is_prose(t) for t in above)


def mark_repeats(page: Page) -> None:
    seen: dict[str, list[int]] = {}
    for i, line in enumerate(page.lines):
        if line.kind in ("text", "caption") and len(line.text) < 200:
            seen.setdefault(line_key(line.text), []).append(i)
    for key, places in seen.items():
        if len(places) > 1 and key and not _section_heading(page, places):
            for before, i in itertools.pairwise(places):
                page.lines[i].kind = "furniture"
                page.repeats[i] = before
            # A short non-sentence line shown twice is a gallery or section title.
            first = page.lines[places[0]]
            if (
                first.kind == "text"
                and len(first.text.split()) <= 3
                and not re.search(r"[.!?\"”]$", first.text)
                and places[0] > 0
                and not page.is_first_text(places[0])
            ):
                first.kind = "furniture"


def _section_heading(page: Page, places: list[int]) -> bool:
    """A heading repeated inside the story's own rows (`Men's singles, second round` over each batch of
    results): every time it is printed, rows of data follow it. Furniture that repeats (a menu, a footer,
    a teaser's headline) is followed by more furniture or by prose. A row's broken-off figures (`6-1 7-5`)
    repeat too, each time under a row."""
    if is_filler(page.lines[places[0]].text) and re.search(r"\d", page.lines[places[0]].text):
        return all(_row_at(page, page.previous(i)) for i in places)
    return all(is_heading(page.lines[i].text) and _row_at(page, _next(page, i)) for i in places)


def _next(page: Page, i: int) -> int | None:
    return next((k for k in range(i + 1, len(page.lines)) if page.lines[k].kind != "blank"), None)


def _row_at(page: Page, i: int | None) -> bool:
    return i is not None and page.lines[i].kind == "text" and is_row(page.lines[i].text)


def _credit_from_copyright(page: Page, text: str) -> None:
    m = re.search(r"(?:\(c\)|©|copyright)\s*(?:\d{4}\s*)?(?P<name>[A-Z][\w&.' ]{1,60}?)(?:[.,]|\s+all rights|\s*$)", text, re.I)
    if m and (name := without_company_suffix(m["name"].strip())):
        page.outlet_evidence.append(("copyright", name))


def _site_from_title(page: Page, text: str) -> None:
    m = SITE_SUFFIX.search(text)
    if m:
        page.site = m["site"].strip()


def _tagline(page: Page, text: str) -> None:
    for m in re.finditer(r"(?:^|\.\s+)(?P<name>[A-Z][\w'\-]+(?: [A-Z][\w'\-]+){0,3}) reported from", text):
        page.authors.append(m["name"])
    m = re.search(r"journalists? (?P<list>.+?) contributed", text)
    if m:
        for part in re.split(r";|,? and ", m["list"]):
            name = re.sub(r"\s+in\s+.*$", "", part.strip())
            if name:
                page.contributors.append(name)


def is_furniture_line(text: str) -> bool:
    """A line that is page furniture whatever surrounds it: share prompts, UI labels, end marks."""
    item = bullet(text)
    bare = (item or text).lower().strip(" .:")
    return bool(
        bare in SOCIAL
        or UI_LINE.match(bare)
        or END_MARK.match(text)
        or SEPARATOR.match(text)
        or SHARE_PROMPT.search(text)
        or social_row(text)
    )


def is_copyright_line(text: str) -> bool:
    """A copyright notice; "copyright" inside a sentence ("sued for copyright infringement") is prose."""
    if len(text) >= 200 or not COPYRIGHT.search(text):
        return False
    if re.match(r"^\s*(\(c\)|©|copyright\b)", text, re.I) or re.search(r"all rights reserved|unauthori[sz]ed reproduction", text, re.I):
        return True
    return "©" in text and len(text.split()) <= 12


def menu_row(text: str) -> bool:
    """`Sections Home Search Skip to content`: a row of navigation words on one line."""
    words = re.findall(r"[\w']+", text.lower())
    return len(words) >= 2 and sum(w in MENU_WORDS for w in words) >= max(2, len(words) * 0.5)


def social_row(text: str) -> bool:
    """`Share on: Facebook Twitter Reddit`: two or more social networks named in a short line."""
    words = re.findall(r"[\w+]+", text.lower())
    if len(words) <= 5 and words and words[0] in ("follow", "add", "like", "join", "find", "connect") and any(w in SOCIAL for w in words):
        return True  # `Follow on Twitter`, `Add to Facebook`
    return len(words) <= 10 and sum(w in SOCIAL for w in words) >= 2


def menu_item(text: str) -> bool:
    """A navigation entry: one or two words, no sentence punctuation, not a date or a byline."""
    words = text.split()
    if DENSE_SCRIPT.search(text) and len(text) > 6:
        return False
    if not 1 <= len(words) <= 2 or re.search(r"[.,;:!?\"“”()。、]", text) or any(w[:1].isdigit() for w in words):
        return False
    return not BYLINE.match(text) and not END_MARK.match(text)


def is_tagline(text: str) -> bool:
    """`Litvinova reported from Tallinn.`, `... contributed to this report.`: credits, not story."""
    if len(text) > 400 or is_quote_like(text):
        return False
    return bool(
        re.match(r"^[A-Z][\w'\-]+(?: [A-Z][\w'\-]+){0,3} reported from\b", text)
        or re.search(r"\bcontributed( to this report| reporting)?\.?$", text)
    )


def is_quote_like(text: str) -> bool:
    return text.count('"') + text.count("“") >= 2


def looks_like_caption(text: str) -> bool:
    """A photo caption: a credit at the end and at least two other signs of describing a picture."""
    if not TRAILING_CREDIT.search(text) and not re.search(r"\((?:pool )?photo[^)]*\)", text, re.I):
        return False
    signs = bool(POSITION_MARK.search(text)) + bool(CAPTION_DATE_END.search(text))
    signs += min(len(PHOTO_WORDS.findall(text)), 2)
    return signs >= 2


def caption_text(text: str) -> str:
    text = CAPTION_MARK.sub("", text).strip()
    # Some pages print a caption twice in one line.
    half = len(text) // 2
    for cut in range(max(half - 2, 1), min(half + 3, len(text))):
        a, b = text[:cut].strip(), text[cut:].strip()
        if a and a == b:
            return a
    return text
