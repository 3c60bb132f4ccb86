"""ask(): free text from a conversation becomes one lookup (person, event, both, digest, help)."""

from __future__ import annotations

import pytest

from briefings.ask import Answer, ask, clean
from briefings.models import Candidate, Digest, Event, Match, Person

KIRBY = Person(1, "John Kirby", [], [], [], [])
JAKARTA = Event(7, "Talks in Jakarta", "talks", "2023-09-06", "day", "Jakarta", [], [], [], [])


class FakeCore:
    """Answers who/event from small tables and records what was asked."""

    def __init__(self, people: dict[str, Match] | None = None, events: dict[str, Match] | None = None) -> None:
        self.people = people or {}
        self.events = events or {}
        self.asked: list[tuple[str, str]] = []

    def who(self, query: str) -> Match:
        self.asked.append(("who", query))
        return self.people.get(query.lower(), Match(query, "not_found"))

    def event(self, query: str) -> Match:
        self.asked.append(("event", query))
        return self.events.get(query.lower(), Match(query, "not_found"))

    def digest(self, channel=None, since=None, include_sent=False) -> Digest:
        self.asked.append(("digest", str(include_sent)))
        return Digest("2023-11-09", channel, [])


def core() -> FakeCore:
    return FakeCore(
        people={
            "kirby": Match("kirby", "found", person=KIRBY),
            "kim": Match("kim", "ambiguous", candidates=[Candidate(2, "Kim Jong Un", None, 90), Candidate(3, "Kim Yo Jong", None, 85)]),
            "jakarta": Match("jakarta", "not_found"),
        },
        events={
            "jakarta": Match("jakarta", "found", event=JAKARTA),
            "vostochny": Match("vostochny", "found", event=JAKARTA),
            "kirby": Match("kirby", "found", event=JAKARTA),
        },
    )


@pytest.mark.parametrize(
    ("text", "intent", "query"),
    [
        ("who is Kirby?", "person", "Kirby"),
        ("Who's Kirby", "person", "Kirby"),
        ("/who Kirby", "person", "Kirby"),
        ("tell me about Kim", "person", "Kim"),
        ("what happened in Jakarta", "event", "Jakarta"),
        ("What happened at Vostochny?", "event", "Vostochny"),
        ("event Vostochny", "event", "Vostochny"),
        ("when was the launch", "event", "the launch"),
    ],
)
def test_a_question_names_its_kind(text, intent, query):
    answer = ask(core(), text)
    assert (answer.intent, answer.query) == (intent, query)
    assert answer.match is not None and answer.match.query.lower() == query.lower()


def test_a_plain_name_that_only_names_a_person_is_a_person():
    answer = ask(core(), "Kim")
    assert answer.intent == "person" and answer.match.status == "ambiguous"


def test_a_plain_place_that_only_names_an_event_is_an_event():
    answer = ask(core(), "Jakarta")
    assert answer.intent == "event" and answer.match.event is JAKARTA


def test_when_both_fit_the_answer_says_so_person_first():
    answer = ask(core(), "Kirby")
    assert answer.intent == "both"
    assert answer.match.person is KIRBY and answer.also.event is JAKARTA


def test_nothing_found_offers_both_kinds_of_suggestions():
    fake = FakeCore(events={"zelensky": Match("zelensky", "not_found", candidates=[Candidate(9, "Summit", None, 40)])})
    answer = ask(fake, "Zelensky")
    assert answer.intent == "person" and answer.match.status == "not_found"
    assert answer.also is not None and answer.also.candidates[0].label == "Summit"


@pytest.mark.parametrize("text", ["help", "Help!", "?", "", "   ", "hello"])
def test_help(text):
    fake = core()
    assert ask(fake, text) == Answer("help", clean(text))
    assert fake.asked == []


@pytest.mark.parametrize("text", ["digest", "Digest?", "what's new", "news"])
def test_digest(text):
    fake = core()
    answer = ask(fake, text)
    assert answer.intent == "digest" and answer.digest is not None
    assert fake.asked == [("digest", "True")]


def test_clean_strips_punctuation_quotes_and_spaces():
    assert clean('  "who   is Kirby?"  ') == "who is Kirby"


def test_event_in_a_place():
    assert ask(core(), "event in Jakarta").query == "Jakarta"
