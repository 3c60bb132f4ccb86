"""Small web pages written for the tests, in several outlets' house styles (no real page is copied)."""

from __future__ import annotations

import json

PARAGRAPHS = [
    "The port authority said on Tuesday that container traffic through the harbour rose 12 percent in the first quarter, "
    "the fastest growth since the pandemic, as shipping lines returned to routes they had abandoned.",
    "Officials credited a new customs system that cut the average clearance time for a container from three days to "
    "under eight hours, and said more berths would open before the summer.",
    "\u201cWe are seeing carriers come back because the port works again,\u201d said Maria Okafor, the authority's chief "
    "executive, at a news conference in the harbour's new control tower.",
    "Unions welcomed the figures but warned that dock workers had not seen their pay rise with the traffic, and said "
    "talks on a new contract would resume next week with a mediator appointed by the labour ministry.",
]


def menu(*items: str) -> str:
    return "<nav><ul>" + "".join(f'<li><a href="/{i.lower()}">{i}</a></li>' for i in items) + "</ul></nav>"


def page(
    *,
    title: str,
    h1: str | None = None,
    head: str = "",
    byline: str = "",
    before: str = "",
    after: str = "",
    paragraphs: list[str] | None = None,
    json_ld: dict | None = None,
) -> str:
    """A whole HTML document: head metadata, a site header, the article, then the page's other blocks."""
    body = "".join(f"<p>{p}</p>" for p in (paragraphs or PARAGRAPHS))
    ld = f'<script type="application/ld+json">{json.dumps(json_ld)}</script>' if json_ld else ""
    return (
        f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{title}</title>{head}{ld}"
        "<script>window.ads = {slot: 'top'};</script><style>body{font-family:serif}</style></head><body>"
        f"<a class='skip' href='#main'>Skip to content</a><header>{menu('Home', 'World', 'Business', 'Sport', 'Opinion')}</header>"
        f"<main id='main'><article><h1>{h1 or title}</h1>{byline}{before}<div class='article-body'>{body}</div>{after}</article></main>"
        "<footer><p>&copy; 2024 Example Media Group. All rights reserved.</p>"
        f"{menu('About', 'Contact', 'Privacy', 'Terms')}</footer></body></html>"
    )


def rss(title: str, items: list[dict]) -> str:
    """An RSS 2.0 feed; an item has title, link, date (RFC 822), and content (full HTML) or description."""
    out = []
    for it in items:
        content = f"<content:encoded><![CDATA[{it['content']}]]></content:encoded>" if it.get("content") else ""
        desc = f"<description><![CDATA[{it['description']}]]></description>" if it.get("description") else ""
        author = f"<dc:creator>{it['author']}</dc:creator>" if it.get("author") else ""
        out.append(
            f"<item><title>{it['title']}</title><link>{it['link']}</link><guid>{it['link']}</guid>"
            f"<pubDate>{it['date']}</pubDate>{author}{desc}{content}</item>"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        f'xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>{title}</title><link>https://example.org/</link>'
        f"<description>News</description>{''.join(out)}</channel></rss>"
    )


def atom(title: str, entries: list[dict]) -> str:
    """An Atom feed; an entry has title, link, date (ISO), author, and content (HTML) or summary."""
    out = []
    for e in entries:
        body = (
            f'<content type="html"><![CDATA[{e["content"]}]]></content>'
            if e.get("content")
            else f"<summary>{e.get('summary', '')}</summary>"
        )
        out.append(
            f'<entry><title>{e["title"]}</title><link href="{e["link"]}"/><id>{e["link"]}</id><updated>{e["date"]}</updated>'
            f"<published>{e['date']}</published><author><name>{e.get('author', '')}</name></author>{body}</entry>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>{title}</title><id>urn:feed</id><updated>2024-03-05T10:00:00Z</updated>{''.join(out)}</feed>"
    )
