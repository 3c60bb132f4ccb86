"""Saved or fetched web pages to articles: trafilatura for the main text and metadata, our rules on top.

trafilatura (with htmldate for the date) finds the body, title, authors, date, site name and
canonical URL. Our rules then make the metadata trustworthy for a reader: the headline without
the site's name or a section label, authors as names only (agencies become the wire), the body
without a repeated headline, share prompts, comment counts or a dateline's agency credit.
"""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Callable
from urllib.parse import urlsplit

import htmldate
import trafilatura
from trafilatura.settings import Document, set_date_params

from briefings.bylines import drop_site_names, read_byline, wire_name
from briefings.corpus import ArticleError, ParsedArticle, content_hash
from briefings.dates import PartialDate
from briefings.furniture import is_furniture_line
from briefings.headers import dateline_of
from briefings.scraped import Published, normalise_space
from briefings.urls import canonical_url

# Parts of a host name that are not the site's name (`www.bbc.co.uk` -> `bbc`).
HOST_NOISE = {"www", "m", "amp", "edition", "com", "co", "org", "net", "gov", "ac", "edu", "uk", "au", "in", "jp", "kr", "de", "fr", "ca", "io", "news"}  # fmt: skip
EXTRACTION_OPTIONS = {"with_metadata": True, "include_comments": False, "include_tables": True, "include_images": False}
MIN_BODY_CHARS = 80  # less than a sentence: a page of links, not an article
PAGE_SUFFIXES = (".html", ".htm", ".xhtml")
# `Headline - Site`, `Headline | Site`, `Site: Headline`.
TITLE_SEPARATORS = re.compile(r"\s+[|\-–—:»·]\s+")
# `Opinion | Headline`, `ANALYSIS: Headline`: a section label; `Kenya protests: Parliament set on fire` keeps its topic.
SECTION_PREFIX = re.compile(
    r"^(?:(?P<section>[A-Z][\w&'’ ]{1,24}?)\s*\|"
    r"|(?P<label>opinion|analysis|editorial|review|exclusive|watch|live|breaking(?: news)?|explainer|comment|perspective|"
    r"letters?|podcast|video|photos|update|fact check|interview)\s*:)\s+(?=\S)",
    re.I,
)


def looks_like_html(data: bytes) -> bool:
    """True when bytes are an HTML document rather than plain text."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html")):
        return True
    return head.startswith(b"<") and (b"<html" in head or b"<body" in head) and b"<rss" not in head and b"<feed" not in head


def parse_page(data: bytes, *, file: str, url: str | None = None, source_kind: str = "file") -> ParsedArticle:
    """Extract one article from an HTML page's bytes, or raise ArticleError saying why not."""
    doc, text = _main_text(data, url)
    site = _site_name(doc.sitename, (urlsplit(url).hostname if url else None) or doc.hostname, _title_tail(data))
    headline = clean_title(doc.title or "", site, also=doc.sitename)
    byline = read_byline(doc.author or "")
    byline.names = drop_site_names(byline.names, site)
    body = _body(text, headline)
    if sum(len(p) for p in body) < MIN_BODY_CHARS:
        raise ArticleError("no article text found in the page")
    place, dl_date, credit, body[0] = dateline_of(body[0])
    agencies = [*byline.agencies, *([w] if credit and (w := wire_name(credit)) else [])]
    outlet = site or (agencies[0] if agencies else None)
    wire = next((a for a in agencies if a != outlet), None)
    published = _published(doc.date, dl_date, lambda: _guess_date(data, url, text))
    digest = content_hash(data)
    canonical = canonical_url(doc.url) if doc.url and doc.url.startswith("http") else (canonical_url(url) if url else None)
    warnings = [] if headline else ["the page has no title; used the lead's first sentence"]
    return ParsedArticle(
        id=digest[:12],
        file=file,
        content_hash=digest,
        headline=headline or _lead_headline(body[0]),
        headline_source="page" if headline else "lead",
        outlet=outlet,
        outlet_evidence=[f"page: {site}"] if site else [f"credit: {a}" for a in agencies[:1]],
        wire=wire,
        site=site,
        authors=byline.names,
        dateline_place=place,
        dateline_date=dl_date,
        published=published,
        body=body,
        warnings=warnings,
        source_kind=source_kind,
        source=url or file,
        url=canonical,
    )


def _main_text(data: bytes, url: str | None) -> tuple[Document, str]:
    """trafilatura's reading of the page (metadata and main text), or ArticleError when it has no text."""
    if not data.strip():
        raise ArticleError("empty file")
    # Dates the page states in its markup; a guess from the whole page is weighed apart (_published).
    dates = set_date_params(extensive=False)
    doc = trafilatura.bare_extraction(data, url=url, date_extraction_params=dates, **EXTRACTION_OPTIONS)
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not text.strip():
        raise ArticleError("no article text found in the page")
    return doc, text


def clean_title(title: str, site: str | None, *, also: str | None = None) -> str:
    """The headline from a page title: no `| Site` tail, no `Site:` head, no `Opinion |` label.

    `also`: another form of the site's name (`LinkNaija | Nigeria's news platform`) to cut as a whole.
    """
    title = normalise_space(title)
    tail_cut = False
    for form in (also, site):
        if form and len(_key(form)) >= 3 and (cut := _without_affix(title, normalise_space(form))) != title:
            tail_cut, title = title.startswith(cut), cut
            break
    parts = TITLE_SEPARATORS.split(title)
    seps = TITLE_SEPARATORS.findall(title)
    site_key = _key(site or "")
    while tail_cut and len(parts) > 1 and len(parts[-1].split()) <= 3 and seps[-1].strip() in "|-–—":
        parts, seps = parts[:-1], seps[:-1]  # `Headline | Section`, once the site is cut off
    if len(parts) > 1 and site_key and _is_site_like(parts[-1], site_key):
        # `Headline | Section | Site`: the site goes, and the short section labels before it.
        parts, seps = parts[:-1], seps[:-1]
        while len(parts) > 1 and len(parts[-1].split()) <= 3 and seps[-1].strip() in "|-–—":
            parts, seps = parts[:-1], seps[:-1]
    elif len(parts) > 1 and site_key and _is_site_like(parts[0], site_key):
        parts, seps = parts[1:], seps[1:]
    elif len(parts) > 1 and seps[-1].strip() in "|-–—" and _label_like(parts[-1]) and len(parts[0].split()) >= 5:
        parts, seps = parts[:-1], seps[:-1]  # `Headline - Auto News`: a section or a site we do not know by name
    title = parts[0] + "".join(sep + part for sep, part in zip(seps, parts[1:], strict=True))
    if site_key and (m := re.match(r"^(?P<site>[^:|]{2,60}):\s*(?=\S)", title)) and _is_site_like(m["site"], site_key):
        title = title[m.end() :]
    if (m := SECTION_PREFIX.match(title)) and len((m["section"] or "x").split()) <= 2 and len(title[m.end() :].split()) >= 3:
        title = title[m.end() :]
    return title.strip()


def _without_affix(title: str, form: str) -> str:
    """The title without `form` (the site's full name) at its start or end, with the separator between."""
    sep = r"\s*[|\-–—:»·]\s*"
    m = re.match(rf"^{re.escape(form)}{sep}(?=\S)", title, re.I) or re.search(rf"(?<=\S){sep}{re.escape(form)}$", title, re.I)
    if not m:
        return title
    return (title[m.end() :] if m.start() == 0 else title[: m.start()]).strip()


def _label_like(part: str) -> bool:
    words = part.split()
    return 1 <= len(words) <= 3 and all(w[:1].isupper() or not w[:1].isalpha() for w in words)


def _is_site_like(part: str, site_key: str) -> bool:
    key = _key(part)
    return bool(key) and (key in site_key or site_key in key) and len(key) >= 3


def _key(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.lower().removeprefix("the ").removeprefix("www."))


def _site_name(sitename: str | None, hostname: str | None, title_tail: str | None) -> str | None:
    """The outlet as the site names itself (its tagline cut off); else the name its page titles end with; else its host."""
    name = normalise_space(sitename or "")
    name = TITLE_SEPARATORS.split(name)[0].strip() if name else ""
    host = (hostname or "").lower().removeprefix("www.") or None
    bad = not name or _domain_like(name) or re.search(r"\d{4}|copyright", name, re.I) or len(name.split()) > 6 or name[:1].islower()
    if title_tail and _related(title_tail, name, host, bad):
        return title_tail
    if not bad:
        return name
    return host or (name if name and _domain_like(name) else None)


def _related(tail: str, name: str, host: str | None, bad: bool) -> bool:
    """The title's tail names the site more fully (`NYTimes` -> `The New York Times`, `Nj` -> `NJ.com`)."""
    fuller = len(tail.split()) > len(name.split()) or "." in tail
    if name and not bad:
        return fuller and _abbreviates(name, tail)
    if not host:
        return len(tail.split()) <= 4  # a saved page with no address: its title's tail is all we have
    labels = [label for label in host.split(".") if label not in HOST_NOISE]
    core = _key(max(labels, key=len)) if labels else ""
    return bool(core) and (core in _key(tail) or _abbreviates(tail, core) or _abbreviates(core, tail))


def _domain_like(name: str) -> bool:
    return bool(re.fullmatch(r"(?:https?://)?[\w.\-]+\.[a-z]{2,}/?", name, re.I))


def _abbreviates(short: str, full: str) -> bool:
    """`NYTimes` is short for `The New York Times`, `Nj` for `NJ.com`: its letters appear in order in the fuller name."""
    a, b = _key(short), _key(full)
    if not a or len(b) <= len(a) or a == b:
        return False
    it = iter(b)
    return all(ch in it for ch in a)


def _title_tail(data: bytes) -> str | None:
    """The site's name as the page's <title> ends with it (`Headline | The Harbour Times`), if it does."""
    m = re.search(rb"<title[^>]*>(.*?)</title>", data[:200_000], re.I | re.S)
    if not m:
        return None
    title = normalise_space(html_lib.unescape(m[1].decode("utf-8", "replace")))
    parts = re.split(r"\s+[|\-–—]\s+", title)
    tail = parts[-1].strip() if len(parts) > 1 else ""
    if not tail or len(tail.split()) > 5 or len(tail) > 40 or not (tail[:1].isupper() or tail[:1].isdigit() or _domain_like(tail)):
        return None
    return tail.removeprefix("www.")


def _body(text: str, headline: str) -> list[str]:
    paragraphs = [normalise_space(p) for p in text.split("\n")]
    hkey = _key(headline)
    body = []
    for i, p in enumerate(paragraphs):
        if not p or (i < 3 and hkey and _key(p) == hkey) or is_furniture_line(p):
            continue
        body.append(p)
    return body


def _published(page_date: str | None, dl_date: PartialDate | None, guess: Callable[[], PartialDate | None]) -> Published:
    when = PartialDate.from_iso(page_date) if page_date else None
    if when:
        return Published(when, "page metadata", "high")
    if dl_date:
        return Published(dl_date, "dateline", "medium" if dl_date.year is None else "high")
    if guessed := guess():
        return Published(guessed, "a date in the page's text", "medium")
    return Published(None, "not stated", "none")


def _guess_date(data: bytes, url: str | None, text: str) -> PartialDate | None:
    """htmldate's search of the whole page, without its copyright-year fallback (`© 2024` is not a date)."""
    try:
        found = htmldate.find_date(data, extensive_search=True, original_date=True, url=url, max_date=set_date_params()["max_date"])
    except (ValueError, TypeError):
        return None
    when = PartialDate.from_iso(found) if found else None
    if when and when.month == 1 and when.day == 1 and not re.search(r"\b(?:jan(?:uary|\.)?\s+1(?:st)?\b|1(?:st)?\s+jan)", text, re.I):
        return None
    return when


def _lead_headline(lead: str) -> str:
    sentence = re.split(r"(?<=[.!?])\s+", lead, maxsplit=1)[0]
    return sentence if len(sentence) <= 140 else sentence[:140].rsplit(" ", 1)[0] + "…"
