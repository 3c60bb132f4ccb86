"""What did X say about Y: a person's quotes ranked by how well they fit a topic, newest first among equals."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from briefings.models import Match, Quote
from briefings.topics import Topic, topic_words

if TYPE_CHECKING:
    from briefings.models import Person
    from briefings.service import Briefings

QuotesStatus = Literal["found", "nothing_on_topic", "no_quotes", "ambiguous", "not_found", "empty"]
MIN_FIT = 0.5  # at least half the topic's words in some form
LIMIT = 10

# `what did Kirby say about Iran?`, `what has Blinken said on China`, `Kirby on Iran`, `quotes Kirby Iran`
QUESTION = re.compile(
    r"^(?:what\s+(?:did|does|has|have|had)\s+(?P<p1>.+?)\s+(?:say|said|tell|told|think|thinks)"
    r"(?:\s+(?:about|on|regarding|concerning|of)\s+(?P<t1>.+))?"
    r"|(?:quotes?|said)\s+(?:by|from|of)?\s*(?P<p2>.+?)(?:\s+(?:about|on|regarding)\s+(?P<t2>.+))?)$",
    re.I,
)


@dataclass
class QuotesAnswer:
    """A person's quotes about a topic (or their latest), or why there are none."""

    query: str
    topic: str | None
    status: QuotesStatus
    match: Match
    quotes: list[Quote] = field(default_factory=list)
    latest: list[Quote] = field(default_factory=list)  # offered when nothing fits the topic
    message: str | None = None

    def to_dict(self) -> dict:
        person = self.match.person
        return {
            "query": self.query,
            "topic": self.topic,
            "status": self.status,
            "person": {"id": person.id, "name": person.name} if person else None,
            "quotes": [q.to_dict() for q in self.quotes],
            "latest": [q.to_dict() for q in self.latest],
            "candidates": [c.to_dict() for c in self.match.candidates],
            "message": self.message,
        }


def parse_question(text: str) -> tuple[str, str | None] | None:
    """(person, topic) from `what did Kirby say about Iran?`; None when the text is not such a question."""
    m = QUESTION.match(" ".join(text.split()).strip(" ?!."))
    if not m:
        return None
    person = (m["p1"] or m["p2"] or "").strip(" ,")
    topic = (m["t1"] or m["t2"] or "").strip(" ,") or None
    return (person, topic) if person else None


def rank_quotes(person: Person, topic: str | None, limit: int = LIMIT) -> list[Quote]:
    """The person's quotes and reported speech that fit the topic, best fit first, newest first among equals.

    With no topic, the latest. Verbatim quotes come before reported speech of the same fit and date.
    """
    quotes = _newest_first(_unique([*person.quotes, *person.reported]))
    if not topic or Topic.of(topic).empty:
        return quotes[:limit]
    wanted = Topic.of(topic)
    scored = [(wanted.score(_said_text(q)), q) for q in quotes]
    fitting = sorted(((s, q) for s, q in scored if s >= MIN_FIT), key=lambda sq: -round(sq[0], 2))  # stable: newest first among equals
    return [q for _, q in fitting[:limit]]


def find_quotes(core: Briefings, person_query: str, topic: str | None = None) -> QuotesAnswer:
    """A person (same lookup as /who) and their quotes about the topic."""
    query = " ".join((person_query or "").split())
    topic = " ".join((topic or "").split())[:200] or None
    match = core.who(query)
    if match.status == "ambiguous" and topic:
        match = _narrow(core, match, topic)
    if match.status != "found" or match.person is None:
        status: QuotesStatus = match.status if match.status in ("ambiguous", "not_found", "empty") else "not_found"  # type: ignore[assignment]
        return QuotesAnswer(query, topic, status, match, message=match.message)
    person = match.person
    if not person.quotes and not person.reported:
        return QuotesAnswer(query, topic, "no_quotes", match, message=f"The articles quote nothing from {person.name}.")
    quotes = rank_quotes(person, topic)
    if quotes:
        return QuotesAnswer(query, topic, "found", match, quotes=quotes)
    return QuotesAnswer(
        query,
        topic,
        "nothing_on_topic",
        match,
        latest=rank_quotes(person, None, limit=3),
        message=f"{person.name} said nothing about {topic} in the articles. Their latest quotes:",
    )


def split_person_topic(core: Briefings, text: str) -> tuple[str, str | None]:
    """`Kirby Iran` -> (`Kirby`, `Iran`): the longest leading words that name one person, the rest the topic."""
    words = text.split()
    if len(words) < 2 or core.who(text).status == "found":
        return text, None
    for cut in range(len(words) - 1, 0, -1):
        head = " ".join(words[:cut])
        if core.who(head).status in ("found", "ambiguous") and topic_words(" ".join(words[cut:])):
            return head, " ".join(words[cut:])
    return text, None


def _narrow(core: Briefings, match: Match, topic: str) -> Match:
    # Of several namesakes, the one person who said something about the topic is the one meant.
    fitting = [c for c in match.candidates if (p := core.person(c.id)) is not None and rank_quotes(p, topic, limit=1)]
    if len(fitting) == 1:
        return Match(query=match.query, status="found", person=core.person(fitting[0].id))
    return match


def _said_text(quote: Quote) -> str:
    return quote.text + (" " + quote.occasion if quote.occasion else "")


def _newest_first(quotes: list[Quote]) -> list[Quote]:
    # ISO dates sort as text; a date without a year (`--09-20`) after dated ones, undated last.
    dated = sorted((q for q in quotes if q.date and not q.date.startswith("--")), key=lambda q: q.date or "", reverse=True)
    return dated + [q for q in quotes if q.date and q.date.startswith("--")] + [q for q in quotes if not q.date]


def _unique(quotes: list[Quote]) -> list[Quote]:
    seen: set[str] = set()
    out = []
    for q in quotes:
        key = " ".join(q.text.lower().split())
        if key not in seen:
            seen.add(key)
            out.append(q)
    return out
