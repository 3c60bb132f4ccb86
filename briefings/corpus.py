"""Read article files and separate the article from the page around it.

Scraped news pages carry furniture (share buttons, breadcrumbs, link lists, copyright
lines) around one story. The cleaner's passes recognise the *shapes* of that furniture, so
they hold for outlets we have never seen, and pull out the metadata a reader needs:
headline, outlet, authors, dateline, published date (with where it came from and how
sure we are), body paragraphs and photo captions. The passes live apart: furniture.py
(what is not the story), headers.py (bylines and date lines), headlines.py (where the story
is and its headline), outlets.py (outlet, wire and published date), on a scraped.Page.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from briefings.dates import PartialDate
from briefings.files import FileSkipped, decode_text
from briefings.furniture import mark_furniture, mark_repeats, mark_tail
from briefings.headers import dateline_of, headline_from_lead, mark_metadata
from briefings.headlines import read_story
from briefings.models import ArticleText
from briefings.outlets import choose_outlet, choose_published, strip_trailing_credit
from briefings.scraped import Page, Published, line_key

# Bump when cleaning or metadata rules change: stored articles are read again on the next index run.
CLEANER_VERSION = "c9"


@dataclass(kw_only=True)
class ParsedArticle(ArticleText):
    """One article as read from a file, a feed entry or a page: metadata, clean body and captions apart."""

    content_hash: str
    published: Published
    outlet_evidence: list[str] = field(default_factory=list)
    dateline_date: PartialDate | None = None
    page_date: PartialDate | None = None
    source_kind: str = "file"  # file | feed | url
    source: str = ""  # the file's name, the feed's address or the page's URL
    url: str | None = None  # the canonical URL when the page or feed states one

    @property
    def text(self) -> str:
        """The clean body as one string."""
        return "\n\n".join(self.body)


class ArticleError(Exception):
    """A file that cannot be read as an article; the message says why."""


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
    return clean_text(text, file=file, digest=content_hash(data), warnings=warnings)


def clean_text(raw: str, *, file: str, digest: str, warnings: list[str]) -> ParsedArticle:
    """Clean one article's text: the cleaner's passes over its lines, then the article they found."""
    page = Page.from_text(raw, warnings)
    mark_furniture(page)
    mark_tail(page)
    mark_repeats(page)
    mark_metadata(page)
    headline, headline_source, body = read_story(page)
    if not body:
        raise ArticleError("no article text found after cleaning")
    place, dl_date, credit, body[0] = dateline_of(body[0])
    if credit:
        page.outlet_evidence.append(("dateline", credit))
    body = strip_trailing_credit(page, body)
    outlet, wire = choose_outlet(page)
    published, page_date = choose_published(page, dl_date, outlet)
    if headline_source == "lead":
        page.warnings.append("no headline in the text; used the lead's first sentence")
    return ParsedArticle(
        id=digest[:12],
        file=file,
        content_hash=digest,
        headline=headline or headline_from_lead(body[0]),
        headline_source=headline_source,
        outlet=outlet,
        outlet_evidence=[f"{kind}: {name}" for kind, name in page.outlet_evidence],
        wire=wire,
        site=page.site,
        authors=page.authors,
        contributors=page.contributors,
        dateline_place=place,
        dateline_date=dl_date,
        published=published,
        page_date=page_date,
        update_label=page.update_label,
        editor_notes=page.notes,
        body=body,
        captions=_dedupe(page.captions),
        warnings=page.warnings,
    )


def _dedupe(items: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for item in items:
        if line_key(item) not in seen:
            seen.add(line_key(item))
            out.append(item)
    return out
