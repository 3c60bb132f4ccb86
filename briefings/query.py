"""What a typed query becomes before any lookup reads it: one normalisation and one length limit for every door.

A `/who` from Slack, a DM, `briefings who` and a follow all reach the core as typed text; the core
cleans it here once (the bot only undoes Slack's `&amp;` escaping, which is transport, not meaning).
"""

from __future__ import annotations

import re

MAX_QUERY_CHARS = 100  # no name, place or keyword is longer; the fuzzy search's cost stays bounded
_MARKUP = re.compile(r"[<>@#!*_`~|]")  # Slack and Markdown markup, never part of a name


def clean_query(text: str | None) -> str:
    """A query as the lookups read it: its first MAX_QUERY_CHARS characters, markup symbols as spaces, spaces collapsed."""
    cut = (text or "")[:MAX_QUERY_CHARS]
    return " ".join(_MARKUP.sub(" ", cut).split())
