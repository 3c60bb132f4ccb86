"""Free text from a conversation ("who is Kirby?", "what happened in Jakarta") turned into one lookup."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from briefings.models import Digest, Match
from briefings.quote_search import QuotesAnswer, parse_question

if TYPE_CHECKING:
    from briefings.service import Briefings

HELP_WORDS = {"help", "?", "commands", "usage", "what can you do", "how does this work", "hi", "hello", "hey"}
DIGEST_WORDS = {"digest", "briefing", "the digest", "today's digest", "todays digest", "news", "what's new", "whats new", "what is new"}

_PERSON = re.compile(r"^(?:who\s+is|who's|whos|who\s+was|who\s+are|tell\s+me\s+about|person|profile(?:\s+of)?|/?who)\s+(?P<q>.+)$", re.I)
_EVENT = re.compile(
    r"^(?:events?\s+(?:in|at|on|about)|what\s+happened(?:\s+(?:in|at|on|with|to|during|about))?|what\s+was|when\s+(?:was|is|did)|"
    r"where\s+(?:was|is|did)|what\s+about\s+the|/?event)\s+(?P<q>.+)$",
    re.I,
)
_RANK = {"found": 3, "ambiguous": 2, "not_found": 1, "empty": 0}


@dataclass
class Answer:
    """What to show for a message: a person or event match, both, the digest, or help."""

    intent: str  # person | event | both | digest | help | quotes
    query: str
    match: Match | None = None  # the match to show first (person for `both`)
    also: Match | None = None  # the event that fits too (`both`), or its suggestions when nothing fits
    digest: Digest | None = None
    quotes: QuotesAnswer | None = None  # `what did Kirby say about Iran?`


def clean(text: str) -> str:
    """The question without surrounding punctuation, quotes or extra spaces."""
    text = " ".join(text.split())
    return text.strip(" \t?!.,;:\"'“”‘’`").strip()


def ask(core: Briefings, text: str) -> Answer:
    """Interpret a message and run the one lookup it asks for."""
    question = clean(text)
    lowered = question.lower()
    if not question or lowered in HELP_WORDS:
        return Answer("help", question)
    if lowered in DIGEST_WORDS:
        return Answer("digest", question, digest=core.digest(include_sent=True))
    if said := parse_question(question):
        person, topic = said
        return Answer("quotes", question, quotes=core.quotes(person, topic))
    if m := _PERSON.match(question):
        query = clean(m["q"])
        return Answer("person", query, match=core.who(query))
    if m := _EVENT.match(question):
        query = clean(m["q"])
        return Answer("event", query, match=core.event(query))
    return _either(core, question)


def _either(core: Briefings, query: str) -> Answer:
    """A bare name or keyword: a person if it names one, an event if it names one, both if both fit."""
    person, event = core.who(query), core.event(query)
    if person.status == "found" and event.status == "found":
        return Answer("both", query, match=person, also=event)
    if _RANK[event.status] > _RANK[person.status]:
        return Answer("event", query, match=event)
    if person.status == "not_found" and event.status == "not_found" and event.candidates:
        return Answer("person", query, match=person, also=event)  # neither fits: suggest both kinds
    return Answer("person", query, match=person)
