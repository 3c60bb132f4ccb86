"""Safe text for Slack: mrkdwn escaping, clipping within limits, dates for people."""

from __future__ import annotations

import re

from briefings.dates import PartialDate

_PARTIAL_ENTITY = re.compile(r"&[a-z]{0,3}$")
# Control characters (NUL, ESC, DEL, C1) except tab and newline: never meant to reach a message.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_LONE_SURROGATES = re.compile(r"[\ud800-\udfff]")


def printable(text: object) -> str:
    """Text without control characters, and with a lone surrogate (not valid Unicode text) shown as `�`."""
    return _LONE_SURROGATES.sub("\ufffd", _CONTROLS.sub("", str(text)))


def escape(text: object) -> str:
    """Escape `&`, `<`, `>` so corpus or user text cannot form links, mentions or `<!channel>` (and drop control characters)."""
    return printable(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def clip(text: str, limit: int) -> str:
    """Shorten to at most `limit` characters with an ellipsis, never cutting an escape in half."""
    if len(text) <= limit:
        return text
    cut = _PARTIAL_ENTITY.sub("", text[: max(limit - 1, 0)]).rstrip()
    return cut + "…"


def md(text: object, limit: int = 3000) -> str:
    """Corpus or user text made inert for mrkdwn and clipped to `limit` characters."""
    return clip(escape(text), limit)


def plain(text: object, limit: int = 3000) -> str:
    """Text for a plain_text object (Slack shows it literally), clipped."""
    return clip(" ".join(printable(text).split()), limit)


def human_date(iso: str | None) -> str | None:
    """`Nov. 9, 2023` from an ISO (or partial ISO) date; None when there is none."""
    if not iso:
        return None
    date = PartialDate.from_iso(iso)
    return date.human() if date else iso


def unescape(text: str) -> str:
    """What a person typed: Slack sends `&`, `<`, `>` of typed text as `&amp;`, `&lt;`, `&gt;`."""
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
