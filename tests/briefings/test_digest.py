"""Digests: stories grouped across versions and outlets, summaries drawn from them, per-channel history."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from briefings.digest import build_digest, mark_sent
from briefings.indexer import index_corpus
from briefings.linkage import days_apart
from briefings.models import ArticleRef, Person, Quote, Role
from briefings.service import Briefings
from briefings.store import Database
from briefings.story_versions import headline_key
from tests.conftest import write_corpus

# --- articles in several house styles --------------------------------------------------------

MISSILE_LEAD = """(LEAD) N. Korea fires ballistic missile into East Sea: JCS
Published : Aug. 24, 2023 - 08:12
SEOUL, Aug. 24 (Yonhap) -- North Korea fired a ballistic missile into the East Sea early Thursday, South Korea's Joint Chiefs of Staff (JCS) said, days after leader Kim Jong-un inspected a munitions factory.
The missile was launched from the Sunan area of Pyongyang at around 6:45 a.m. and flew about 600 kilometers before splashing down in waters off the east coast, the JCS said in a text message to reporters.
The launch came as South Korea and the United States were staging their annual Ulchi Freedom Shield summer exercise, which Pyongyang condemns as a rehearsal for invasion.
(END)
"""

MISSILE_2ND_LD = """(2nd LD) N. Korea fires ballistic missile into East Sea: JCS
(ATTN: ADDS Japan's reaction in paras 4-5, details throughout)
By Park Han-na
Published : Aug. 24, 2023 - 11:40
SEOUL, Aug. 24 (Yonhap) -- North Korea fired a ballistic missile into the East Sea early Thursday, South Korea's Joint Chiefs of Staff (JCS) said, days after leader Kim Jong-un inspected a munitions factory.
The missile was launched from the Sunan area of Pyongyang at around 6:45 a.m. and flew about 600 kilometers before splashing down in waters off the east coast, the JCS said in a text message to reporters.
The launch came as South Korea and the United States were staging their annual Ulchi Freedom Shield summer exercise, which Pyongyang condemns as a rehearsal for invasion.
Japan's Defense Ministry said the missile appeared to have landed outside its exclusive economic zone and that there were no reports of damage to ships or aircraft.
Prime Minister Fumio Kishida told reporters in Tokyo that Japan had lodged a strong protest with the North through diplomatic channels in Beijing.
The South's military said it had strengthened surveillance and was sharing information closely with the U.S. and Japan.
(END)
"""

# The same wire story, re-filed later with a new headline: the text says it is the same article.
MISSILE_3RD_LD = (
    MISSILE_2ND_LD.replace(
        "(2nd LD) N. Korea fires ballistic missile into East Sea: JCS",
        "(3rd LD) N. Korea fires missile during allied drills; Japan protests",
    ).replace("Published : Aug. 24, 2023 - 11:40", "Published : Aug. 24, 2023 - 15:05")
    + "The launch was the North's 20th ballistic missile launch this year, according to the JCS tally.\n"
)

SUMMIT_AP = """Kim and Putin meet at Russian spaceport, discuss military cooperation and satellites
VLADIVOSTOK, Russia (AP) — North Korean leader Kim Jong-un and Russian President Vladimir Putin met on Thursday at the Vostochny Cosmodrome, Russia's spaceport in the Far East, for talks that Washington warned could lead to a deal on ammunition for the war in Ukraine.
Putin gave Kim a tour of the launch facilities before the two leaders held talks for more than four hours, Russian state media reported.
Asked whether Russia would help North Korea build satellites, Putin told state television: “That's why we came here. The North Korean leader shows keen interest in rocket technology.”
Kim said relations with Moscow were the “first priority” for Pyongyang and pledged “full and unconditional support” for Russia in Ukraine.
Published Aug. 24, 2023
"""

SUMMIT_GUARDIAN = """Putin hosts Kim Jong-un at Vostochny spaceport as west fears arms deal
Thu 24 Aug 2023 14.30 BST
Vladimir Putin welcomed Kim Jong-un to the Vostochny Cosmodrome on Thursday, promising to help North Korea with its satellite programme at a summit that western governments fear will end with Pyongyang supplying ammunition for Russia's war in Ukraine.
The North Korean leader arrived at the remote spaceport in his armoured train and was shown Russia's newest rocket launch facilities before the leaders sat down for talks.
“That's why we came here. The North Korean leader shows keen interest in rocket technology,” Putin told Russian state television when asked about satellites.
Kim told Putin that Pyongyang would always stand with Moscow in what he called its sacred fight.
"""

RAIL_STRIKE = """Ministers clash over rail strike talks
Sun 12 Mar 2023 09.00 GMT
Talks to end the rail strike collapsed on Saturday after ministers and union leaders failed to agree on pay, leaving commuters facing a third week of disruption.
The RMT union said it would announce new strike dates on Monday.
"""


def index(db: Database, folder: Path, articles: dict[str, str]) -> None:
    write_corpus(folder, articles)
    index_corpus(db, folder)


def ids_by_file(db: Database) -> dict[str, str]:
    return {row.file.split(".")[0]: row.id for row in db.articles()}


def story_of(digest, article_id: str):
    return next(s for s in digest.stories if any(src.id == article_id for src in s.sources))


# --- grouping -------------------------------------------------------------------------------


def test_refiled_versions_collapse_into_the_newest(db, tmp_path):
    index(db, tmp_path / "c", {"m1.txt": MISSILE_LEAD, "m2.txt": MISSILE_2ND_LD, "m3.txt": MISSILE_3RD_LD})
    digest = build_digest(db, include_sent=True)
    ids = ids_by_file(db)
    assert len(digest.stories) == 1
    story = digest.stories[0]
    assert [s.id for s in story.sources] == [ids["m3"]]  # only the newest version is cited
    assert story.headline == "N. Korea fires missile during allied drills; Japan protests"
    assert len(story.article_hashes) == 3  # the older versions go out (and are marked sent) with it


def test_two_outlets_on_one_story_become_one_story_with_two_sources(db, tmp_path):
    index(db, tmp_path / "c", {"ap.txt": SUMMIT_AP, "guardian.txt": SUMMIT_GUARDIAN, "rail.txt": RAIL_STRIKE})
    digest = build_digest(db, include_sent=True)
    ids = ids_by_file(db)
    assert len(digest.stories) == 2
    summit = digest.stories[0]  # more sources lead
    assert {s.id for s in summit.sources} == {ids["ap"], ids["guardian"]}
    assert summit.date == "2023-08-24"
    # The summary draws on both reports and says nothing twice.
    bodies = {row.id: row.body for row in db.articles()}
    used = {src.id for src in summit.sources for sentence in summit.summary if any(sentence in p for p in bodies[src.id])}
    assert used == {ids["ap"], ids["guardian"]}
    assert len(summit.summary) == len(set(summit.summary))


def test_different_stories_that_share_names_stay_apart(db, tmp_path):
    index(db, tmp_path / "c", {"m2.txt": MISSILE_2ND_LD, "ap.txt": SUMMIT_AP, "guardian.txt": SUMMIT_GUARDIAN})
    digest = build_digest(db, include_sent=True)
    ids = ids_by_file(db)
    # Kim Jong-un, Pyongyang, the same day: still a missile launch and a summit.
    assert story_of(digest, ids["m2"]) is not story_of(digest, ids["ap"])
    assert story_of(digest, ids["ap"]) is story_of(digest, ids["guardian"])
    assert len(digest.stories) == 2


def test_headline_keys_and_day_gaps_tolerate_labels_and_missing_years():
    assert headline_key("(4th LD) Blinken says Russia providing technology") == headline_key("Blinken says Russia providing technology")
    assert days_apart("2023-09-14", "--09-20") == 6
    assert days_apart("2023-12-30", "--01-02") == 3
    assert days_apart("2023-09-14", None) is None


# --- people and quotes ------------------------------------------------------------------------


def person(pid: int, name: str, article_ids: list[str], *, mentions: int, role: str | None = None, quotes: list[str] = ()) -> Person:
    roles = [Role(role, None, article_ids[0])] if role else []
    return Person(
        id=pid,
        name=name,
        aliases=[],
        roles=roles,
        quotes=[Quote(text, name, article_ids[0], None) for text in quotes],
        articles=[ArticleRef(a, "", None, None) for a in article_ids],
        mentions=mentions,
    )


def test_story_people_are_those_of_its_articles_ranked_with_one_moderate_quote(db, tmp_path):
    index(db, tmp_path / "c", {"ap.txt": SUMMIT_AP, "guardian.txt": SUMMIT_GUARDIAN, "m2.txt": MISSILE_2ND_LD})
    ids = ids_by_file(db)
    people = [
        person(
            1,
            "Vladimir Putin",
            [ids["ap"], ids["guardian"]],
            mentions=9,
            role="President",
            quotes=["Yes.", "That's why we came here. The North Korean leader shows keen interest in rocket technology."],
        ),
        person(2, "Kim Jong-un", [ids["ap"], ids["guardian"], ids["m2"]], mentions=12, role="leader"),
        person(
            3,
            "Fumio Kishida",
            [ids["m2"]],
            mentions=1,
            role="Prime Minister",
            quotes=["We lodged a strong protest with the North through our embassy channel."],
        ),
    ]
    digest = build_digest(db, include_sent=True, people=people)
    summit = story_of(digest, ids["ap"])
    assert [p.name for p in summit.people] == ["Kim Jong-un", "Vladimir Putin"]
    assert summit.people[1].role == "President"
    assert summit.quote.speaker == "Vladimir Putin" and summit.quote.text.startswith("That's why")
    missile = story_of(digest, ids["m2"])
    assert [p.name for p in missile.people] == ["Kim Jong-un", "Fumio Kishida"]
    assert missile.quote.speaker == "Fumio Kishida"


def test_service_digest_works_without_people_and_uses_them_when_present(db, tmp_path):
    folder = write_corpus(tmp_path / "c", {"ap.txt": SUMMIT_AP})
    core = Briefings(db, folder)
    core.index()
    assert core.digest().stories[0].people == [] and core.digest().stories[0].quote is None

    class WithPeople(Briefings):
        def people_in(self, article_ids: set[str]) -> list[Person]:
            putin = person(1, "Vladimir Putin", [ids_by_file(db)["ap"]], mentions=3, role="President")
            return [putin] if ids_by_file(db)["ap"] in article_ids else []

    assert [p.name for p in WithPeople(db, folder).digest().stories[0].people] == ["Vladimir Putin"]


# --- history --------------------------------------------------------------------------------


def test_marking_sent_leaves_only_what_is_newer_and_other_channels_get_everything(db, tmp_path):
    folder = tmp_path / "c"
    index(db, folder, {"m1.txt": MISSILE_LEAD, "ap.txt": SUMMIT_AP})
    first = build_digest(db, channel="#news")
    assert len(first.stories) == 2
    assert mark_sent(db, first, "#news", "2023-08-24") == 2
    assert mark_sent(db, first, "#news", "2023-08-24") == 0  # twice is harmless
    assert build_digest(db, channel="#news").empty

    index(db, folder, {"guardian.txt": SUMMIT_GUARDIAN, "rail.txt": RAIL_STRIKE})
    again = build_digest(db, channel="#news")
    ids = ids_by_file(db)
    assert sorted(s.id for story in again.stories for s in story.sources) == sorted([ids["guardian"], ids["rail"]])
    everything = build_digest(db, channel="#other")
    assert sum(len(s.sources) for s in everything.stories) == 4
    assert build_digest(db, channel="#news", include_sent=True).stories == everything.stories


def test_an_updated_article_makes_its_story_news_again(db, tmp_path):
    folder = tmp_path / "c"
    index(db, folder, {"m1.txt": MISSILE_LEAD})
    mark_sent(db, build_digest(db, channel="#news"), "#news", "day-1")
    index(db, folder, {"m2.txt": MISSILE_2ND_LD})
    digest = build_digest(db, channel="#news")
    assert [s.id for story in digest.stories for s in story.sources] == [ids_by_file(db)["m2"]]


def test_since_keeps_articles_dated_on_or_after_and_judges_undated_ones_by_when_indexed(db, tmp_path):
    undated = "Council approves new cycle lanes for the city centre\nThe city council approved plans on Tuesday for twelve kilometres of protected cycle lanes across the centre.\n"
    index(db, tmp_path / "c", {"rail.txt": RAIL_STRIKE, "ap.txt": SUMMIT_AP, "lanes.txt": undated})
    digest = build_digest(db, since=date(2023, 8, 1), include_sent=True)
    headlines = {s.headline for s in digest.stories}
    assert "Ministers clash over rail strike talks" not in headlines
    assert SUMMIT_AP.splitlines()[0] in headlines
    assert "Council approves new cycle lanes for the city centre" in headlines  # new to the index today


def test_stories_order_more_sources_first_then_more_recent(db, tmp_path):
    index(db, tmp_path / "c", {"rail.txt": RAIL_STRIKE, "m2.txt": MISSILE_2ND_LD, "ap.txt": SUMMIT_AP, "guardian.txt": SUMMIT_GUARDIAN})
    digest = build_digest(db, include_sent=True, today=date(2023, 8, 25))
    assert digest.date == "2023-08-25"
    assert [len(s.sources) for s in digest.stories] == [2, 1, 1]
    assert digest.stories[1].date == "2023-08-24" and digest.stories[2].date == "2023-03-12"


# --- the seeds --------------------------------------------------------------------------------


def test_seed_digest_tells_the_summit_story_once_and_keeps_other_stories_apart(seeded):
    # Indexed as `briefings index` does it, with the extraction the grouping reads (who, where, when).
    rows = {row.file[:3]: row for row in seeded.articles()}
    digest = seeded.digest(include_sent=True)
    summit = {rows[k].id for k in ("001", "002", "004")}
    groups = [{s.id for s in story.sources} for story in digest.stories]
    assert summit in groups
    assert {rows["000"].id} in groups and {rows["003"].id} in groups
    bodies = {row.id: row for row in rows.values()}
    for story in digest.stories:
        for sentence in story.summary:
            sources = [bodies[s.id] for s in story.sources]
            assert any(sentence in p for src in sources for p in src.body), sentence
            assert not any(sentence in c for src in sources for c in src.captions)
            assert "ATTN" not in sentence and "stands for" not in sentence and not sentence.startswith("By ")
        assert len(story.summary) == len(set(story.summary))
