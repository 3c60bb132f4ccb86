"""RSS and Atom feeds to articles with feedparser: the full content when the feed carries it,
else the linked page, else the entry's summary, marked as such."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field

import feedparser
import lxml.html

from briefings.bylines import read_byline
from briefings.corpus import ArticleError, ParsedArticle, content_hash
from briefings.dates import PartialDate
from briefings.headers import dateline_of
from briefings.pages import clean_title, parse_page
from briefings.scraped import Published, normalise_space
from briefings.urls import canonical_url

FEED_SUFFIXES = (".xml", ".rss", ".atom")
FULL_CONTENT_CHARS = 600  # less than this in the feed is a teaser, not the article
SUMMARY_WARNING = "summary only: the feed gives a summary and the linked page could not be read"
BLOCK_TAGS = {"p", "div", "li", "h1", "h2", "h3", "h4", "blockquote", "br", "tr", "section", "article", "figcaption"}

PageFetcher = Callable[[str], bytes | None]  # the linked page's bytes, or None when it cannot be had


@dataclass
class Entry:
    """One feed entry, as the feed states it."""

    key: str
    title: str
    link: str | None
    published: PartialDate | None
    authors: list[str]
    content_html: str
    summary_html: str


@dataclass
class Feed:
    """A parsed feed: its title and link (the outlet), and its entries."""

    title: str | None
    link: str | None
    entries: list[Entry] = field(default_factory=list)


def looks_like_feed(data: bytes) -> bool:
    """True when bytes are an RSS, RDF or Atom document."""
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head


def is_feed_file(name: str, data: bytes) -> bool:
    """A corpus file to read as a feed: named .xml/.rss/.atom, or any file that starts like one."""
    return name.lower().endswith(FEED_SUFFIXES) or looks_like_feed(data)


def read_feed(data: bytes) -> Feed:
    """Parse a feed's bytes, or raise ArticleError saying why they are not a feed."""
    parsed = feedparser.parse(data)
    if not parsed.entries:
        problem = getattr(parsed, "bozo_exception", None)
        raise ArticleError(f"not a feed with entries{f' ({problem})' if problem else ''}")
    info = parsed.feed
    entries = [_entry(e) for e in parsed.entries]
    return Feed(title=normalise_space(info.get("title", "")) or None, link=info.get("link"), entries=[e for e in entries if e])


def _entry(raw) -> Entry | None:
    link = raw.get("link")
    ident = raw.get("id") or link or raw.get("title")
    if not ident:
        return None
    when = raw.get("published_parsed") or raw.get("updated_parsed")
    names: list[str] = []
    for author in raw.get("authors") or ([{"name": raw["author"]}] if raw.get("author") else []):
        names.extend(read_byline(author.get("name") or "").names)
    content = "".join(c.get("value", "") for c in raw.get("content") or [])
    return Entry(
        key=hashlib.sha256(ident.encode()).hexdigest()[:16],
        title=normalise_space(raw.get("title", "")),
        link=link,
        published=PartialDate(when.tm_year, when.tm_mon, when.tm_mday) if when else None,
        authors=list(dict.fromkeys(names)),
        content_html=content,
        summary_html=raw.get("summary", "") if raw.get("summary") != content else "",
    )


def html_paragraphs(fragment: str) -> list[str]:
    """The text of an HTML fragment, one paragraph per block."""
    if not fragment.strip():
        return []
    if "<" not in fragment:
        return [p for p in (normalise_space(x) for x in re.split(r"\n\s*\n", fragment)) if p]
    root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    for bad in root.xpath(".//script|.//style|.//iframe"):
        bad.drop_tree()
    out: list[str] = []
    current: list[str] = []

    def flush() -> None:
        if text := normalise_space("".join(current)):
            out.append(text)
        current.clear()

    for event, el in lxml.etree.iterwalk(root, events=("start", "end")):
        block = isinstance(el.tag, str) and el.tag.lower() in BLOCK_TAGS
        if event == "start":
            if block:
                flush()
            current.append(el.text or "")
        else:
            if block:
                flush()
            if el is not root:
                current.append(el.tail or "")
    flush()
    return out


def entry_hash(entry: Entry) -> str:
    """The key of an entry's version: its id, title and text as the feed gives them."""
    return content_hash("\n".join([entry.key, entry.title, entry.content_html, entry.summary_html]).encode())


def entry_article(entry: Entry, feed: Feed, *, file: str, source: str, fetch_page: PageFetcher | None = None) -> ParsedArticle:
    """One entry as an article: its full content, else its linked page, else its summary (with a warning)."""
    digest = entry_hash(entry)
    content = html_paragraphs(entry.content_html)
    if sum(map(len, content)) < FULL_CONTENT_CHARS and entry.link and fetch_page is not None:
        page = fetch_page(entry.link)
        if page:
            try:
                article = parse_page(page, file=file, url=entry.link, source_kind="feed")
            except ArticleError:
                article = None
            if article is not None:
                article.id, article.content_hash = digest[:12], digest
                return _with_entry_metadata(article, entry, feed, source)
    body = content if sum(map(len, content)) >= FULL_CONTENT_CHARS else (content or html_paragraphs(entry.summary_html))
    warnings = [] if body is content and content else [SUMMARY_WARNING]
    body = body or ([entry.title] if entry.title else [])
    if not body:
        raise ArticleError("the feed entry has no text")
    place, dl_date, _credit, body[0] = dateline_of(body[0])
    outlet = feed.title
    return ParsedArticle(
        id=digest[:12],
        file=file,
        content_hash=digest,
        headline=clean_title(entry.title, outlet) or body[0][:140],
        headline_source="feed",
        outlet=outlet,
        outlet_evidence=[f"feed: {outlet}"] if outlet else [],
        site=outlet,
        authors=entry.authors,
        dateline_place=place,
        dateline_date=dl_date,
        published=Published(entry.published, "feed entry", "high") if entry.published else Published(None, "not stated", "none"),
        body=body,
        warnings=warnings,
        source_kind="feed",
        source=source,
        url=canonical_url(entry.link) if entry.link and entry.link.startswith("http") else None,
    )


def feed_file_articles(
    data: bytes, name: str, *, unchanged: Callable[[str, str], bool], fetch_page: PageFetcher | None = None
) -> tuple[list[ParsedArticle], list[str], list[tuple[str, str]]]:
    """A feed file's entries: (articles to write, keys of unchanged entries, (key, reason) of unusable ones)."""
    feed = read_feed(data)
    out, same, bad = [], [], []
    for entry in feed.entries:
        key = f"{name}#{entry.key[:12]}"
        if unchanged(key, entry_hash(entry)):
            same.append(key)
            continue
        try:
            out.append(entry_article(entry, feed, file=key, source=name, fetch_page=fetch_page))
        except ArticleError as error:
            bad.append((key, str(error)))
    return out, same, bad


def _with_entry_metadata(article: ParsedArticle, entry: Entry, feed: Feed, source: str) -> ParsedArticle:
    """A linked page's article, with what the feed states filling what the page does not."""
    if entry.title and article.headline_source != "page":
        article.headline, article.headline_source = clean_title(entry.title, feed.title), "feed"
    if not article.authors:
        article.authors = entry.authors
    if article.published.date is None and entry.published:
        article.published = Published(entry.published, "feed entry", "high")
    if feed.title and (not article.outlet or re.fullmatch(r"[\w.\-]+\.\w+(?::\d+)?", article.outlet)):
        article.outlet = article.site = feed.title  # the page names no site; the feed does
    article.source_kind, article.source = "feed", source
    return article
