"""Following, quote search and organisations in the core: what matches, in which forms, and what never does."""

from __future__ import annotations

from briefings.follow import FollowMatcher, FollowTarget, refiled
from briefings.models import Article
from briefings.topics import Topic
from tests.briefings.conftest import index_articles

NATO_STORY = """NATO allies agree to expand air patrols over the Baltic

By Sofia Lindqvist

BRUSSELS, March 4 (Nordic Press) -- The North Atlantic Treaty Organization (NATO) said on Tuesday it would double its air patrols over the Baltic Sea.

"The alliance will defend every inch of allied territory," NATO said in a statement.

NATO Secretary-General Mark Rutte told reporters the decision was unanimous.
"""

SANCTIONS = """EU readies new sanctions on shipping firms

BRUSSELS, March 5 (Nordic Press) -- European Union ministers prepared fresh sanctions against shipping companies on Wednesday.

"These measures will bite," the bloc's foreign policy chief Kaja Kallas said after the meeting in Brussels.
"""

YORK = """Rail union calls strike for next week

YORK, England, March 6 (Rail Gazette) -- A rail union in York said its members in new depots would walk out next week.
"""


def article(id_: str, headline: str, body: list[str], outlet: str = "Wire") -> Article:
    return Article(
        id=id_, file=f"{id_}.txt", headline=headline, headline_source="text", outlet=outlet, wire=None, site=None, authors=[],
        contributors=[], dateline_place=None, dateline_date=None, published={"date": "2024-03-05"}, page_date=None,
        update_label=None, editor_notes=[], body=body, captions=[],
    )  # fmt: skip


def test_words_match_in_their_forms_and_a_place_of_two_words_only_as_those_words(tmp_path):
    core = index_articles(tmp_path, {"nato.txt": NATO_STORY, "sanctions.txt": SANCTIONS, "york.txt": YORK})
    articles = core.articles()
    targets = [
        FollowTarget("word", "sanction", "sanction"),
        FollowTarget("place", "new york", "New York"),
        FollowTarget("word", "baltic sea", "Baltic Sea"),
    ]
    hits = core.match_follows(targets, articles)
    assert [h.article.headline for h in hits[targets[0]]] == ["EU readies new sanctions on shipping firms"]
    assert targets[1] not in hits  # `York` and `new depots` are not New York
    assert [h.article.headline for h in hits[targets[2]]] == ["NATO allies agree to expand air patrols over the Baltic"]


def test_a_followed_person_matches_by_identity_and_carries_their_quotes(seeded):
    kirby = seeded.who("Kirby").person
    target = FollowTarget("person", kirby.name, kirby.name)
    articles = seeded.articles()
    hits = seeded.match_follows([target], articles)[target]
    assert {h.article.id for h in hits} == {a.id for a in kirby.articles}
    assert any("No nation on the planet" in q.text for h in hits for q in h.quotes)
    lavrov = FollowTarget("person", "Sergei Lavrov", "Sergei Lavrov")  # not in the seeds: matches nothing, breaks nothing
    assert lavrov not in seeded.match_follows([lavrov], articles)


def test_choosing_what_to_follow_is_a_person_a_place_or_words_and_says_which(seeded):
    assert seeded.follow_choice("Mr. Kirby").target.key == "John Kirby"
    assert seeded.follow_choice("Kim").status == "ambiguous"
    assert seeded.follow_choice("Vostochny").status == "place"
    words = seeded.follow_choice("semiconductor tariffs")
    assert words.status == "words" and "Nobody called" in words.message
    assert seeded.follow_choice("  ?? ").status == "empty"


def test_a_refiled_version_is_recognised_and_a_different_story_is_not():
    first = article(
        "a", "Quake hits coast (2nd LD)", ["A strong earthquake struck the coast on Monday, killing at least 12 people, officials said."]
    )
    update = article("b", "Quake hits coast (3rd LD)", ["A strong earthquake struck the coast on Monday, killing at least 15 people."])
    other = article("c", "Floods close schools", ["Heavy rain closed schools across the province on Tuesday, the ministry said."])
    assert refiled(update, first)
    assert not refiled(other, first)


def test_many_follows_match_many_articles_through_one_index():
    arts = [article(str(i), f"Story {i}", [f"Farmers in valley{i} discuss irrigation{i % 50} and tariffs."]) for i in range(300)]
    targets = [FollowTarget("word", f"irrigation{j}", f"irrigation{j}") for j in range(100)] + [FollowTarget("word", "tariff", "tariff")]
    hits = FollowMatcher([]).match(targets, arts)
    assert len(hits[targets[7]]) == 6 and len(hits[targets[-1]]) == 300


def test_topics_match_word_forms_not_other_words():
    china = Topic.of("about China")
    assert china.score("Chinese support") == 1.0 and china.score("China's influence") == 1.0
    assert Topic.of("Iran").score("Iranian drones") > 0.8
    assert Topic.of("Iraq").score("Iran talks") == 0.0


def test_what_did_blinken_say_about_china_puts_his_china_quote_first_and_unknowns_stay_not_found(seeded):
    answer = seeded.quotes("Blinken", "China")
    assert answer.status == "found" and "China" in answer.quotes[0].text
    assert all("China" in q.text or "Chinese" in q.text for q in answer.quotes)
    nothing = seeded.quotes("Blinken", "bananas")
    assert nothing.status == "nothing_on_topic" and nothing.latest and nothing.quotes == []
    assert seeded.quotes("Zelensky", "war").status == "not_found"
    latest = seeded.quotes("Blinken").quotes
    dated = [q.date for q in latest if q.date and not q.date.startswith("--")]
    assert dated == sorted(dated, reverse=True)


def test_an_organisation_is_found_by_name_and_acronym_with_its_statement_but_never_for_a_persons_name(tmp_path):
    core = index_articles(tmp_path, {"nato.txt": NATO_STORY, "sanctions.txt": SANCTIONS})
    by_acronym = core.who("NATO")
    by_name = core.who("North Atlantic Treaty Organization")
    assert by_acronym.status == by_name.status == "found"
    assert by_acronym.organisation.name == by_name.organisation.name == "North Atlantic Treaty Organization"
    assert [q.text for q in by_acronym.organisation.statements] == ["The alliance will defend every inch of allied territory"]
    assert ("Mark Rutte", "NATO Secretary-General") in [(p.name, p.role) for p in by_acronym.organisation.people]
    assert core.who("Mark Rutte").person is not None  # people first
    assert core.who("Treaty Smith").status == "not_found"
    assert core.who("Atlantic").status == "not_found"  # one word of four is not the organisation


def test_quote_search_finds_reported_speech_too_after_the_verbatim_quotes(tmp_path):
    story = (
        "U.S. weighs new Iran sanctions\n\nWASHINGTON, May 2 (Capitol Wire) -- National Security Council spokesman John Kirby "
        "said on Thursday the United States would impose new sanctions on Iran's drone makers.\n\n"
        '"Sanctions are one tool, and we will use every one of them," Kirby said.\n'
    )
    core = index_articles(tmp_path, {"iran.txt": story})
    answer = core.quotes("Kirby", "sanctions")
    kinds = [q.kind for q in answer.quotes]
    assert answer.status == "found" and kinds[0] == "direct" and "reported" in kinds
    assert any("drone makers" in q.text for q in answer.quotes if q.kind == "reported")
