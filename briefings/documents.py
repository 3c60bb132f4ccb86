"""One raw document to articles: plain text through the cleaner, web pages through trafilatura."""

from __future__ import annotations

from pathlib import PurePosixPath

from briefings.corpus import ParsedArticle, parse_article
from briefings.pages import PAGE_SUFFIXES, looks_like_html, parse_page


def parse_document(data: bytes, *, name: str, url: str | None = None, source_kind: str = "file") -> ParsedArticle:
    """Read one file or fetched page as an article, choosing the reader by its name and its first bytes."""
    suffix = PurePosixPath(name).suffix.lower()
    if suffix in PAGE_SUFFIXES or looks_like_html(data):
        return parse_page(data, file=name, url=url, source_kind=source_kind)
    article = parse_article(data, file=name)
    article.source_kind, article.source = source_kind, url or name
    return article
