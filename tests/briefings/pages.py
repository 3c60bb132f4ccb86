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
