"""Block Kit rendering: every limit of SLACK.md on the largest answers, fallback text, inert user and corpus text."""

from __future__ import annotations

import json

import pytest

from bot import blocks
from bot.local.workspace import block_problems
from briefings.ask import Answer
from briefings.models import ArticleRef, Candidate, CorpusStats, Digest, Event, Folded, Match, Participant, Person, Quote, Role, Story

NASTY = "<!channel> <@U123> <https://evil.example|click> & "


def _ref(i: int) -> ArticleRef:
    return ArticleRef(f"a{i}", NASTY + "A headline that goes on " * 20, NASTY + "Outlet", "2023-11-09")


def huge_person() -> Person:
    roles = [Role(NASTY + "Deputy Assistant Secretary " * 20, "Department " * 30, "a1") for _ in range(40)]
    quotes = [Quote(NASTY + "We said a great deal. " * 200, "John Kirby", f"a{i}", "2023-11-09", sources=[_ref(i)]) for i in range(60)]
    reported = [
        Quote(NASTY + "the allies would stay the course " * 80, "John Kirby", f"a{i}", None, kind="reported", sources=[_ref(i)])
        for i in range(30)
    ]
    return Person(
        1, NASTY + "John " * 100, [NASTY + "Kirby"] * 30, roles, quotes, [_ref(i) for i in range(200)], mentions=999, reported=reported
    )


def huge_event() -> Event:
    return Event(
        id=2,
        title=NASTY + "Summit " * 100,
        kind=NASTY + "summit",
        date="2023-09-13",
        date_precision="day",
        place=NASTY + "Vostochny Cosmodrome " * 50,
        participants=[Participant(NASTY + f"Person {i} " * 10, NASTY + "Leader " * 30, i, NASTY + "victim " * 20) for i in range(80)],
        quotes=[Quote(NASTY + "Words " * 500, NASTY + "Speaker", "a1", None, sources=[_ref(1)]) for _ in range(30)],
        summary=[NASTY + "A long sentence about the summit. " * 40 for _ in range(30)],
        articles=[_ref(i) for i in range(100)],
        date_notes=[NASTY + "Yonhap says Wednesday " * 40 for _ in range(20)],
    )


def check(message: blocks.Message, limit: int = blocks.MAX_BLOCKS) -> str:
    """Assert the message is within every limit and inert; return its JSON."""
    assert message.text and len(message.text) <= 3000
    assert len(message.blocks) <= limit
    assert blocks.text_chars(message.blocks) <= blocks.MAX_TEXT_CHARS
    assert block_problems(message.blocks, limit=limit) == []
    assert blocks.size(message.blocks) <= blocks.MAX_JSON_CHARS
    assert_inert(message.blocks, message.text)
    return json.dumps(message.blocks) + json.dumps(message.text)


def assert_inert(items: list[dict], text: str = "") -> None:
    """No mention, broadcast or link survives in anything Slack parses as mrkdwn (plain_text is shown literally)."""
    parsed = [text]
    stack: list = list(items)
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if item.get("type") == "mrkdwn":
                parsed.append(item["text"])
            stack.extend(v for k, v in item.items() if k != "text" or item.get("type") not in ("plain_text", "mrkdwn"))
        elif isinstance(item, list):
            stack.extend(item)
    for live in ("<!channel>", "<@U123>", "<https://evil"):
        assert not any(live in p for p in parsed), live


def test_the_largest_person_card_fits_and_is_inert():
    dumped = check(blocks.person_card(huge_person(), share=True))
    assert "&lt;!channel&gt;" in dumped
    assert "and 57 more quotes" in dumped and "and 195 more" in dumped


def test_reported_speech_is_shown_apart_from_verbatim_quotes():
    said = Quote("We will not back down", "John Kirby", "a1", "2023-11-09", sources=[_ref(1)])
    reported = Quote(
        "the U.S. would keep supplying air defence systems", "John Kirby", "a1", "2023-11-09", kind="reported", sources=[_ref(1)]
    )
    person = Person(1, "John Kirby", ["John Kirby"], [], [said], [_ref(1)], reported=[reported])
    sections = [b["text"]["text"] for b in blocks.person_card(person).blocks if b.get("type") == "section"]
    verbatim = next(t for t in sections if t.startswith("*What they said*"))
    apart = next(t for t in sections if t.startswith("*Reported to have said*"))
    assert "We will not back down" in verbatim and "air defence" not in verbatim
    assert "air defence systems" in apart and "“" not in apart


def test_the_largest_event_card_fits_and_is_inert():
    check(blocks.event_card(huge_event(), share=True))


def test_the_event_card_says_the_kind_in_plain_words_and_each_part_in_it():
    arrest = Event(
        id=3,
        title="Arrest of Irwin in Covington",
        kind="arrest",
        date="2023-10-01",
        date_precision="day",
        place="Covington",
        participants=[Participant("Trenton Irwin", "Cincinnati Bengals wide receiver", 1, "arrested")],
        quotes=[],
        summary=["Irwin was arrested early Sunday in Covington."],
        articles=[ArticleRef("a1", "Bengals receiver arrested", "The Cincinnati Enquirer", "2023-10-03")],
    )
    dumped = check(blocks.event_card(arrest))
    assert "*What*\\narrest" in dumped
    assert "*Trenton Irwin* (arrested), Cincinnati Bengals wide receiver" in dumped
    assert "The Cincinnati Enquirer" in dumped
    arrest.status = "planned"
    arrest.kind = "visit"
    assert "*What*\\nvisit (planned)" in check(blocks.event_card(arrest))


def test_choices_for_many_candidates_fit_and_are_inert():
    candidates = [Candidate(i, NASTY + "Kim " * 200, NASTY + "detail " * 400, 50.0) for i in range(100)]
    for status in ("ambiguous", "not_found"):
        for kind in ("person", "event"):
            check(blocks.lookup_message(kind, Match(NASTY + "x" * 5000, status, candidates=candidates, message=NASTY * 300)))


def test_the_echoed_query_is_plain_text():
    message = blocks.lookup_message("person", Match("<!channel>", "not_found"))
    first = message.blocks[0]["text"]
    assert first["type"] == "plain_text" and "“<!channel>”" in first["text"]
    assert "&lt;!channel&gt;" in message.text


def test_empty_query_gets_the_usage_line():
    # mrkdwn: the placeholder's brackets are escaped, or Slack would read `<name>` as markup and drop it
    assert "/who &lt;name&gt;" in json.dumps(blocks.lookup_message("person", Match("", "empty")).blocks)
    assert blocks.lookup_message("event", Match("", "empty")).text.startswith("Usage: `/event")


def test_both_answer_offers_the_event_too():
    answer = Answer("both", "Kirby", match=Match("Kirby", "found", person=huge_person()), also=Match("Kirby", "found", event=huge_event()))
    dumped = check(blocks.answer_message(answer))
    assert "also matches an event" in dumped and "choose:also" in dumped


def test_the_largest_digest_splits_into_messages_that_each_fit():
    stories = [
        Story(
            NASTY + "Headline " * 80,
            [NASTY + "Sentence. " * 300],
            [Participant(NASTY + "P " * 50, NASTY + "R " * 80)] * 20,
            Quote(NASTY + "Q " * 900, NASTY + "S", "a", "2023-11-09", sources=[_ref(1)]),
            "2023-11-09",
            [_ref(i) for i in range(30)],
        )
        for _ in range(60)
    ]
    messages = blocks.digest_messages(Digest("2023-11-09", "C1", stories))
    assert len(messages) > 2
    for message in messages:
        check(message)
    check(blocks.digest_preview(Digest("2023-11-09", "C1", stories)))


@pytest.mark.parametrize("count", [0, 1, 200])
def test_the_home_view_fits_in_100_blocks(count):
    story = Story(NASTY + "Headline", ["Sentence."], [], None, "2023-11-09", [_ref(1)])
    view = blocks.home_view(Digest("2023-11-09", None, [story] * count), CorpusStats(articles=5, people=9, events=4, last_indexed=None))
    assert view["type"] == "home" and len(view["blocks"]) <= blocks.MAX_HOME_BLOCKS
    assert block_problems(view["blocks"], limit=blocks.MAX_HOME_BLOCKS) == []
    assert_inert(view["blocks"])


def test_button_values_round_trip_and_reject_strangers():
    assert blocks.decode(blocks.encode("person", 12)) == ("person", 12)
    assert blocks.decode(blocks.encode("event", 3)) == ("event", 3)
    assert blocks.decode("x:1") is None and blocks.decode("p:abc") is None


def test_a_story_from_several_outlets_names_the_outlet_of_each_part_of_its_summary_and_its_folded_versions():
    refs = [ArticleRef("a1", "Quake kills 162", "Reuters", "2022-11-21"), ArticleRef("a2", "Quake on Java", NASTY + "AP", "2022-11-21")]
    story = Story(
        "Quake kills 162",
        ["A quake struck West Java.", "Many of the dead were children.", "Roads were blocked by landslides."],
        [],
        None,
        "2022-11-21",
        refs,
        summary_sources=[refs[0], refs[0], refs[1]],
        folded=[Folded(ArticleRef("a0", "Quake kills 100", "Reuters", "2022-11-21"), "a1")],
    )
    message = blocks.digest_messages(Digest("2022-11-22", "C1", [story]))[0]
    dumped = check(message)
    assert "A quake struck West Java. Many of the dead were children. _(Reuters)_ Roads were blocked by landslides. _(" in dumped
    assert "1 earlier version folded in" in dumped
    assert_inert(message.blocks)
