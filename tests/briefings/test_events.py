"""Events: extraction, one event across articles, dates from all the evidence, and the lookup."""

from __future__ import annotations

import json
from typing import get_args

import pytest

from briefings.corpus import load_article
from briefings.event_kinds import BY_KIND, EventFamily, EventKind
from briefings.event_types import EventCandidate
from briefings.extract import extract_articles
from tests.briefings.conftest import index_articles

# An AFP report, a Reuters follow-up whose dateline has no year, and a republished AP page
# whose page date (2026) is the republisher's, not the story's.
A = """\
EU and Ukraine ministers meet in Brussels

By Claire Dupont

BRUSSELS, May 16, 2024 (AFP) -- EU foreign policy chief Josep Borrell and Ukrainian Foreign Minister Dmytro Kuleba met at the Europa Building in Brussels on Tuesday to discuss air defence, officials said.

"We need more Patriots, and we need them now," Kuleba told reporters after the meeting.

Borrell said the bloc would send more help. "Europe will not look away," he said.

Kuleba will visit Warsaw next week for talks with Polish Foreign Minister Radoslaw Sikorski.
"""

B = """\
KYIV, May 17 (Reuters) - Ukraine's foreign minister said on Friday that Tuesday's meeting between Dmytro Kuleba and Josep Borrell in Brussels had produced firm promises of air defence.

"We need more Patriots, and we need them now," Kuleba said, repeating his appeal.

Separately, Ukrainian President Volodymyr Zelenskiy held a news conference in Kyiv on Friday.
"""

C = """\
Current:Home > World Kuleba presses EU for air defence -Daily Market Digest
Kuleba presses EU for air defence
Date:2026-01-02 10:00:00
BRUSSELS (AP) — The meeting between Kuleba and Borrell on Tuesday focused on air defence, diplomats said.
Foreign Minister Dmytro Kuleba of Ukraine said he had asked for seven more Patriot systems.
"""


@pytest.fixture(scope="module")
def own(tmp_path_factory):
    return index_articles(tmp_path_factory.mktemp("events"), {"afp.txt": A, "reuters.txt": B, "ap-republished.txt": C})


def found(core, query):
    match = core.event(query)
    assert match.status == "found", (query, match.status, [c.label for c in match.candidates])
    return match.event


def test_one_event_reported_by_three_articles_is_one_event(own):
    meeting = found(own, "Brussels")
    assert meeting.kind == "meeting"
    assert {p.name for p in meeting.participants} == {"Josep Borrell", "Dmytro Kuleba"}
    assert len(meeting.articles) == 3
    assert "Brussels" in meeting.place and "Europa Building" in meeting.place


def test_weekday_in_the_past_tense_resolves_against_the_dateline(own):
    meeting = found(own, "Brussels")
    assert meeting.date == "2024-05-14"  # `on Tuesday` in an article of Thursday, May 16, 2024
    assert meeting.date_precision == "day"
    assert meeting.date_notes == []  # the republished page's 2026 date is no evidence at all


def test_future_event_is_dated_ahead(own):
    talks = found(own, "Warsaw")
    assert talks.date == "2024-05"  # `next week` from May 16, 2024: May 20-26
    assert "Sikorski" in talks.title


def test_event_quotes_and_roles(own):
    meeting = found(own, "Kuleba Borrell")
    assert any(q.text.startswith("We need more Patriots") and q.speaker == "Dmytro Kuleba" for q in meeting.quotes)
    roles = {p.name: p.role for p in meeting.participants}
    assert "Foreign Minister" in roles["Dmytro Kuleba"]


def test_lookup_by_participant_date_and_keyword(own):
    assert found(own, "Borrell").title == found(own, "Brussels").title
    assert found(own, "May 14").title == found(own, "Brussels").title
    assert found(own, "press conference").place == "Kyiv"


def test_place_in_no_event_is_not_found_with_suggestions(own):
    match = own.event("Paris")
    assert match.status == "not_found" and match.event is None
    assert match.candidates  # something to try instead
    assert own.event("").status == "empty"


# --- the seeds ------------------------------------------------------------------------------------


def test_seed_jakarta_trilateral_meeting(seeded):
    event = found(seeded, "Jakarta")
    assert event.date == "2023-10-17"
    assert event.place == "U.S. Embassy, Jakarta, Indonesia"
    roles = {p.name: p.role for p in event.participants}
    assert set(roles) == {"Sung Kim", "Kim Gunn", "Hiroyuki Namazu"}
    assert all(roles.values())
    speakers = {q.speaker for q in event.quotes}
    assert {"Sung Kim", "Kim Gunn"} <= speakers
    # The quote, looked up through the person, knows where it was said.
    sung = seeded.who("Sung Kim").person
    assert any(q.occasion == event.title for q in sung.quotes if q.text.startswith("These weapons deliveries"))


def test_seed_vostochny_summit_is_one_event_dated_by_the_corpus_not_the_republish_date(seeded):
    summit = found(seeded, "Vostochny")
    assert summit.kind == "summit"
    assert summit.date == "2023-09-13"
    assert {p.name for p in summit.participants} == {"Kim Jong-un", "Vladimir Putin"}
    assert len(summit.articles) == 5  # every seed reports or refers to it
    assert "Vostochny Cosmodrome" in summit.place
    assert not summit.date.startswith("2025")


def test_seed_seoul_and_blinken_park_find_the_talks(seeded):
    for query in ("Seoul", "Blinken Park"):
        talks = found(seeded, query)
        assert talks.date == "2023-11-09", query
        assert {p.name for p in talks.participants} >= {"Antony Blinken", "Park Jin"}
        assert "press conference" in talks.title


def test_seed_timeline_is_in_date_order(seeded):
    dated = [e.date for e in seeded.timeline() if e.date and not e.date.startswith("--")]
    assert dated == sorted(dated)
    titles = [e.title for e in seeded.timeline()]
    assert (
        titles.index(found(seeded, "Vostochny").title)
        < titles.index(found(seeded, "Jakarta").title)
        < titles.index(found(seeded, "Seoul").title)
    )


UN_VOTE = """\
Security Council fails to pass ceasefire resolution

UNITED NATIONS, Dec. 8, 2023 (Reuters) - The U.N. Security Council voted on Friday on a resolution demanding an immediate ceasefire, but U.S. Ambassador Robert Wood vetoed it in the council chamber in New York.

"We do not support this resolution," Wood told the council after the vote.
"""


def test_a_vote_of_a_body_is_an_event(tmp_path):
    core = index_articles(tmp_path, {"vote.txt": UN_VOTE})
    vote = found(core, "vote")
    assert vote.kind == "vote" and vote.date == "2023-12-08"
    assert vote.title == "U.N. Security Council vote"


def test_every_kind_the_taxonomy_recognises_is_a_typed_kind():
    # A kind added to the taxonomy but not to the `EventKind` type (or the other way) would reach
    # users untyped: the two must list the same kinds and families.
    assert set(get_args(EventKind)) == set(BY_KIND)
    assert set(get_args(EventFamily)) == {t.family for t in BY_KIND.values()}


PYONGYANG_LAUNCH = """\
N. Korea fires ballistic missile toward East Sea

SEOUL, March 14, 2024 (Yonhap) -- North Korea fired a short-range ballistic missile toward the East Sea on Thursday, the Joint Chiefs of Staff (JCS) said.

The launch came a day after South Korean Defense Minister Shin Won-sik met U.S. Forces Korea Commander Paul LaCamera at the JCS building in Seoul.
"""


def test_event_candidates_are_stored_as_json_and_read_back_unchanged(tmp_path):
    # Extraction hands events on as typed candidates; the index stores them as JSON and a rebuild
    # reads them back: nothing may be lost or altered on the way.
    path = tmp_path / "yonhap.txt"
    path.write_text(PYONGYANG_LAUNCH, encoding="utf-8")
    (extraction,) = extract_articles([load_article(path)])
    stored = json.loads(json.dumps(extraction["events"]))
    assert {e["kind"] for e in stored} >= {"launch", "meeting"}
    assert [EventCandidate.from_json(e).to_json() for e in stored] == stored
