"""Stories: reports of one event from several outlets grouped as an editor would, other events kept apart."""

from __future__ import annotations

from briefings.linkage import average_linkage
from briefings.stories import StoryDoc, group_stories
from briefings.summary import merge_summaries
from tests.briefings.conftest import index_articles

# Two earthquakes in one country four years apart, each reported by several outlets.
CIANJUR_REUTERS = """Indonesia quake kills at least 162 on Java island, many of them children
By Stanley Widianto
JAKARTA, Nov 21, 2022 (Reuters) - A 5.6-magnitude earthquake struck Indonesia's West Java province on Monday, killing at least 162 people and injuring hundreds as buildings collapsed in the town of Cianjur, officials said.
Many of the dead were students at Islamic schools who were taking extra lessons when their buildings caved in, West Java governor Ridwan Kamil told reporters.
More than 13,000 people had been moved to evacuation centres, the disaster mitigation agency BNPB said.
"""
CIANJUR_AP = """Earthquake on Indonesia's Java island kills at least 162 people
CIANJUR, Indonesia (AP) — A shallow earthquake shook Indonesia's densely populated main island of Java on Monday, killing at least 162 people, many of them children at schools, officials said.
The magnitude 5.6 quake was centered in the Cianjur region in West Java province at a depth of 10 kilometers, the U.S. Geological Survey said.
Panicked residents ran into the streets as houses and a boarding school collapsed in Cianjur.
Published Nov. 21, 2022
"""
CIANJUR_BBC = """Indonesia earthquake: Death toll rises as rescuers search rubble in Cianjur
21 November 2022
Rescuers in Indonesia are searching for survivors after a 5.6 magnitude earthquake in Cianjur, West Java, killed 162 people.
Many of the victims were children who had been attending school, West Java's governor Ridwan Kamil said.
The disaster agency BNPB said more than 13,000 people had been moved to evacuation centres.
"""
PALU_GUARDIAN = """Indonesia tsunami: hundreds dead after earthquake hits Sulawesi
Sat 29 Sep 2018 10.15 BST
At least 384 people have been killed after a 7.5-magnitude earthquake triggered a tsunami that swept through the city of Palu on the Indonesian island of Sulawesi.
Waves as high as six metres struck Palu on Friday evening, destroying homes and a mosque near Talise beach, officials said.
Sutopo Purwo Nugroho, spokesman for Indonesia's disaster mitigation agency BNPB, said rescuers were struggling to reach Donggala.
"""
PALU_AFP = """Indonesia quake-tsunami toll tops 380 in Palu
PALU, Indonesia, Sept. 29, 2018 (AFP) - The death toll from a 7.5-magnitude earthquake and tsunami that struck the Indonesian island of Sulawesi has climbed to 384, officials said Saturday.
The waves swept away buildings along Talise beach in Palu, where hundreds of people had gathered for a festival.
Disaster agency spokesman Sutopo Purwo Nugroho said communications with Donggala remained cut.
"""
# No date anywhere: it joins a story only on strong evidence (Palu, Talise, Donggala, 7.5, 384, Sutopo).
PALU_UNDATED = """Survivors of Sulawesi tsunami search for relatives in Palu
Survivors of the 7.5-magnitude earthquake and tsunami that devastated Palu searched for missing relatives among rows of bodies.
The waves swept away homes near Talise beach, and the death toll of 384 was expected to climb as rescuers reached Donggala.
Sutopo Purwo Nugroho, spokesman for the disaster agency BNPB, said heavy equipment was needed to search collapsed hotels.
"""
# Undated, and about earthquakes in Indonesia in general: not strong evidence for either story.
QUAKE_EXPLAINER = """Why does Indonesia have so many earthquakes?
Indonesia sits on the Pacific Ring of Fire, where several tectonic plates meet, and earthquakes are frequent across the archipelago.
Many buildings in rural areas are not built to withstand strong shaking, officials say.
The disaster mitigation agency has urged local governments to enforce building codes.
"""


def sources_by_story(core) -> list[set[str]]:
    files = {a.id: a.file.split(".")[0] for a in core.articles()}
    return [{files[s.id] for s in story.sources} for story in core.digest(include_sent=True).stories]


def test_two_quakes_in_one_country_years_apart_are_two_stories_and_an_undated_report_joins_on_strong_evidence(tmp_path):
    core = index_articles(
        tmp_path,
        {
            "cianjur_reuters.txt": CIANJUR_REUTERS,
            "cianjur_ap.txt": CIANJUR_AP,
            "cianjur_bbc.txt": CIANJUR_BBC,
            "palu_guardian.txt": PALU_GUARDIAN,
            "palu_afp.txt": PALU_AFP,
            "palu_undated.txt": PALU_UNDATED,
            "explainer.txt": QUAKE_EXPLAINER,
        },
    )
    stories = sources_by_story(core)
    assert {"cianjur_reuters", "cianjur_ap", "cianjur_bbc"} in stories
    assert {"palu_guardian", "palu_afp", "palu_undated"} in stories
    assert {"explainer"} in stories


MISSILE_1 = """N. Korea fires ICBM into East Sea: JCS
Published : July 12, 2023 - 10:32
SEOUL, July 12 (Yonhap) -- North Korea fired an intercontinental ballistic missile into the East Sea on Wednesday, South Korea's Joint Chiefs of Staff said.
The missile was launched from the Pyongyang area at around 10 a.m. and flew about 1,000 kilometers before splashing into the sea, the JCS said.
"""
MISSILE_1_AP = """North Korea test-fires ICBM after threats over US spy planes
SEOUL, South Korea (AP) — North Korea launched an intercontinental ballistic missile on Wednesday that flew for 74 minutes, its neighbors said.
The missile was launched from near Pyongyang and landed in the sea, South Korea's Joint Chiefs of Staff said.
Published July 12, 2023
"""
MISSILE_2 = """N. Korea fires 2 short-range ballistic missiles into East Sea: JCS
Published : July 19, 2023 - 08:10
SEOUL, July 19 (Yonhap) -- North Korea fired two short-range ballistic missiles into the East Sea from the Pyongyang area on Wednesday, South Korea's Joint Chiefs of Staff said.
The missiles flew about 550 kilometers and 600 kilometers before splashing into the sea, the JCS said.
"""


def test_the_same_kind_of_event_a_week_later_is_another_story(tmp_path):
    core = index_articles(tmp_path, {"m1.txt": MISSILE_1, "m1_ap.txt": MISSILE_1_AP, "m2.txt": MISSILE_2})
    stories = sources_by_story(core)
    assert {"m1", "m1_ap"} in stories and {"m2"} in stories


def doc(n: int, date: str | None = None) -> StoryDoc:
    return StoryDoc(f"a{n}", f"h{n}", f"headline {n}", True, "Outlet", date, None, [], [], None)


def test_average_linkage_does_not_chain_two_stories_through_a_bridge():
    # 0 and 2 share nothing; 1 resembles both. Single link would make one story of all three.
    clusters = average_linkage(["2024-03-01"] * 3, {(0, 1): 0.5, (1, 2): 0.45})
    assert sorted(map(sorted, clusters)) == [[0, 1], [2]]


def test_a_story_agrees_on_time_and_an_undated_cluster_needs_strong_evidence():
    # Dated a month apart: never one story, however alike.
    assert len(average_linkage(["2024-03-01", "2024-04-02"], {(0, 1): 0.9})) == 2
    # A date without a year is read at its nearest: Dec. 30 and Jan. 2 are three days apart.
    assert len(average_linkage(["2023-12-30", "--01-02"], {(0, 1): 0.6})) == 1
    # Undated: a middling link is not enough when another story is nearly as close; a strong or clear one is.
    dated = [None, "2024-03-01", "2024-03-01"]
    assert sorted(map(sorted, average_linkage(dated, {(0, 1): 0.33, (0, 2): 0.28}))) == [[0], [1], [2]]
    assert sorted(map(sorted, average_linkage(dated, {(0, 1): 0.33, (0, 2): 0.12}))) == [[0, 1], [2]]
    assert sorted(map(sorted, average_linkage(dated, {(0, 1): 0.6, (0, 2): 0.55}))) == [[0, 1], [2]]


def test_grouping_an_empty_digest_and_one_article():
    assert group_stories([]) == []
    assert [[[d.row_id for d in g] for g in story] for story in group_stories([doc(1, "2024-03-01")])] == [[["a1"]]]


def test_a_merged_summary_leads_with_the_best_source_then_adds_what_others_say_once():
    lead = [
        "A 5.6-magnitude earthquake struck Indonesia's West Java province on Monday, killing at least 162 people.",
        "Many of the dead were students at Islamic schools, West Java governor Ridwan Kamil said.",
        "More than 13,000 people had been moved to evacuation centres.",
    ]
    other = [
        "A shallow earthquake killed at least 162 people in Indonesia's West Java province on Monday, officials said.",
        "Rescue teams were hampered by power outages and landslides that blocked roads near Cianjur.",
    ]
    third = ["Tremors were felt as far away as the capital, Jakarta, where office workers left high-rise buildings."]
    merged = merge_summaries([lead, other, third])
    assert merged[:2] == [(0, lead[0]), (0, lead[1])]  # the best source's lead first
    assert (1, other[1]) in merged and (2, third[0]) in merged  # what the others add
    assert (1, other[0]) not in merged  # the same fact, said again, is left out
    assert all(sentence in lead + other + third for _, sentence in merged)  # whole sentences of the articles
