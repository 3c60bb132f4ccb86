"""News events of every kind: quakes, arrests, deaths, firings, shootings, sentencings; one event however many outlets report it."""

from __future__ import annotations

import pytest

from briefings.models import Event
from tests.briefings.conftest import index_articles

QUAKE_REUTERS = """\
Strong quake kills at least 12 in Indonesia's West Java

JAKARTA, Nov 21, 2022 (Reuters) - A magnitude 5.6 earthquake struck Indonesia's West Java province on Monday, killing at least 12 people and damaging hundreds of buildings, the disaster mitigation agency said.

The quake's epicentre was near the town of Cianjur, the agency said. Residents in Jakarta felt the tremor and some office buildings were evacuated.

"Many houses collapsed," said Herman Suherman, head of the Cianjur administration.
"""

QUAKE_AP = """\
Indonesia quake death toll rises as rescuers dig through rubble

By Edna Tarigan

CIANJUR, Indonesia (AP) — Rescuers on Tuesday dug through the rubble of homes flattened by an earthquake that struck Cianjur on Monday, as the death toll rose to 162.

Herman Suherman, the local administration chief, said many of the dead were children at school.

Tuesday, Nov. 22, 2022
"""

QUAKE_2009 = """\
Deadly earthquake hits West Java

JAKARTA, Sept. 2, 2009 (AFP) - A powerful earthquake struck off the coast of West Java on Wednesday, killing at least 32 people and sending panicked residents fleeing their homes, officials said.

The magnitude 7.0 quake was centred in the Indian Ocean south of Tasikmalaya, the meteorology agency said.
"""

DUI_LOCAL = """\
Bengals receiver arrested on DUI charge

By Kate Miller, The Cincinnati Enquirer

Published Oct. 3, 2023

Cincinnati Bengals wide receiver Trenton Irwin was arrested early Sunday in Covington on a charge of driving under the influence, according to Kenton County jail records.

Irwin, 27, was released later Sunday. The team said it was aware of the arrest and was gathering information.
"""

DUI_ESPN = """\
Bengals WR Trenton Irwin charged with OWI after traffic stop

COVINGTON, Ky. (ESPN) -- Cincinnati Bengals receiver Trenton Irwin was arrested Sunday morning and charged with operating a vehicle while intoxicated, police said.

Police stopped Irwin's car on Interstate 71 in Covington shortly after 2 a.m., according to the arrest report.

Published Oct. 2, 2023
"""

FIRED_NYT = """\
Harvard Fires Its Football Coach After Losing Season

By Alan Blinder

Nov. 28, 2023

Harvard University fired its football coach, Tim Murphy, on Monday after a 4-6 season, the university said in a statement.

Murphy, 67, had led the Crimson for 30 seasons. The athletic director, Erin McDermott, said the decision had been difficult.
"""

FIRED_GLOBE = """\
Tim Murphy dismissed as Harvard coach

BOSTON, Nov. 28, 2023 — Harvard dismissed longtime football coach Tim Murphy on Monday, ending a 30-year tenure.

Athletic director Erin McDermott announced the decision in a letter to players. Their second meeting with Yale this year ended in a loss.
"""

SHOOTING_AP = """\
Gunman kills 3 at Nashville grocery store, police say

NASHVILLE, Tenn. (AP) — A gunman opened fire inside a grocery store in Nashville on Saturday, killing three people before he was shot dead by officers, police said.

The victims included store manager Dana Ruiz, 44, police spokesman Don Aaron said. Paramedics arrived minutes later.

Published April 15, 2023
"""

SENTENCE_BBC = """\
Former mayor jailed for fraud

12 June 2023

A former mayor of Doncaster has been jailed for eight years for fraud.

Peter Davies, 70, was sentenced at Sheffield Crown Court on Friday after a jury convicted him of stealing council funds. Jurors had earlier said they were ready to vote for conviction on every count.

Mr Davies declined a request for an interview.
"""

DEATH_AFP = """\
Former Italian prime minister Silvio Berlusconi dies at 86

MILAN, June 12, 2023 (AFP) - Silvio Berlusconi, the flamboyant billionaire who served as Italy's prime minister three times, died on Monday at San Raffaele hospital in Milan, his spokesman said.

He was 86. Prime Minister Giorgia Meloni said Berlusconi had been "a fighter".
"""

LANDSLIDE = """\
Landslide buries four in Nepal village

KATHMANDU, July 8, 2024 (Xinhua) -- A landslide buried four people in Gorkha district of central Nepal on Sunday during a village council session, police said.

Rescuers recovered two bodies from the debris, district police chief Ram Thapa said.
"""

ESCAPE_GUARDIAN = """\
Manhunt after inmate escapes from Wandsworth prison

Daniel Khalife, a former soldier awaiting trial on terrorism charges, escaped from HMP Wandsworth in south London on Wednesday morning by clinging to the underside of a food delivery van, the Metropolitan police said.

Wed 6 Sep 2023 18.02 BST
"""


@pytest.fixture(scope="module")
def news(tmp_path_factory):
    return index_articles(
        tmp_path_factory.mktemp("news"),
        {
            "quake_reuters.txt": QUAKE_REUTERS,
            "quake_ap.txt": QUAKE_AP,
            "quake_2009.txt": QUAKE_2009,
            "dui_local.txt": DUI_LOCAL,
            "dui_espn.txt": DUI_ESPN,
            "fired_nyt.txt": FIRED_NYT,
            "fired_globe.txt": FIRED_GLOBE,
            "shooting_ap.txt": SHOOTING_AP,
            "sentence_bbc.txt": SENTENCE_BBC,
            "death_afp.txt": DEATH_AFP,
            "landslide.txt": LANDSLIDE,
            "escape_guardian.txt": ESCAPE_GUARDIAN,
        },
    )


def found(core, query) -> Event:
    match = core.event(query)
    assert match.status == "found", (query, match.status, [c.label for c in match.candidates])
    return match.event


def roles(event: Event) -> dict[str, str | None]:
    return {p.name: p.event_role for p in event.participants}


def test_a_quake_two_outlets_report_is_one_earthquake_with_both_sources(news):
    quake = found(news, "Cianjur")
    assert quake.kind == "earthquake"
    assert quake.date == "2022-11-21"  # `on Monday` in both the Reuters report of Monday and AP's of Tuesday
    assert "West Java" in quake.place
    assert len(quake.articles) == 2


def test_two_quakes_in_one_province_years_apart_are_two_events_and_the_place_is_ambiguous(news):
    match = news.event("West Java")
    assert match.status == "ambiguous"
    dates = {news.event_by_id(c.id).date[:4] for c in match.candidates}
    assert dates == {"2009", "2022"}
    assert found(news, "quake Tasikmalaya").date == "2009-09-02"


@pytest.mark.parametrize(
    ("query", "kind"),
    [
        ("Irwin DUI", "arrest"),
        ("Irwin drunk driving", "arrest"),
        ("Irwin arrested", "arrest"),
        ("Covington", "arrest"),
        ("Murphy sacked", "firing"),
        ("Murphy fired", "firing"),
        ("Berlusconi died", "death"),
        ("Berlusconi death", "death"),
        ("tremor Cianjur", "earthquake"),
        ("Nashville shooting", "shooting"),
        ("Davies jailed", "sentencing"),
        ("Khalife escape", "escape"),
        ("Gorkha", "landslide"),
    ],
)
def test_lookup_by_forms_synonyms_people_and_places(news, query, kind):
    assert found(news, query).kind == kind


def test_participants_carry_their_part_in_the_event(news):
    assert roles(found(news, "Irwin arrested"))["Trenton Irwin"] == "arrested"
    assert roles(found(news, "Murphy fired"))["Tim Murphy"] == "fired"
    assert roles(found(news, "Berlusconi died"))["Silvio Berlusconi"] == "died"


def test_the_same_arrest_from_two_outlets_is_one_event(news):
    arrest = found(news, "Irwin arrested")
    assert len(arrest.articles) == 2
    assert arrest.date == "2023-10-01"  # `early Sunday` / `Sunday morning`, not either article's date


def test_passing_mentions_are_not_events(news):
    kinds = {e.kind for e in news.timeline()}
    # `declined a request for an interview`, `ready to vote`, a ball game's `meeting`, `paramedics arrived`,
    # `during a village council session`
    assert not kinds & {"interview", "vote", "meeting", "visit", "session"}


def test_a_weekday_dates_the_event_not_the_articles_own_date(news):
    assert found(news, "Gorkha").date == "2024-07-07"  # `on Sunday` in Monday's paper


def test_places_in_no_article_are_not_found(news):
    for place in ("Paris", "Tokyo", "Nairobi"):
        assert news.event(place).status == "not_found", place


SELF_CONFLICT = """\
Ex-mayor charged over crash

DENVER, March 5, 2024 (AP) — A former mayor was charged on Tuesday over a crash in Aurora last Oct. 23 that killed two cyclists, prosecutors said.
"""


def test_a_date_read_twice_keeps_the_event_dated(tmp_path):
    core = index_articles(tmp_path, {"conflict.txt": SELF_CONFLICT})
    assert found(core, "crash Aurora").date == "2023-10-23"


YEAR_ONLY = """\
Founder of failed lender charged again

By Maria Lopez

DENVER, March 5, 2024 (AP) — John Reyes, the founder of a failed Denver lender, was charged on Tuesday with wire fraud, prosecutors said.

Reyes was convicted of fraud in 2019 and was released from prison two years ago.
"""


def test_an_event_dated_only_by_a_year_or_an_offset_keeps_that_precision(tmp_path):
    core = index_articles(tmp_path, {"reyes.txt": YEAR_ONLY})
    conviction = found(core, "Reyes convicted")
    assert (conviction.date, conviction.date_precision) == ("2019", "year")
    release = found(core, "Reyes released")
    assert (release.date, release.date_precision) == ("2022", "year")
    charge = found(core, "Reyes charged")
    assert charge.date == "2024-03-05" and charge.status == "happened"


PLANNED = """\
Cameron to visit Kyiv

LONDON, May 2, 2024 (Reuters) - British Foreign Secretary David Cameron will visit Kyiv next week, his office said on Thursday.
"""
HAPPENED = """\
Cameron in Kyiv

KYIV, May 9, 2024 (AP) — British Foreign Secretary David Cameron visited Kyiv on Thursday, his office said.
"""


def test_a_planned_visit_is_planned_until_a_report_says_it_happened(tmp_path):
    planned = found(index_articles(tmp_path / "one", {"plan.txt": PLANNED}), "Cameron Kyiv")
    assert planned.status == "planned" and planned.kind == "visit" and planned.date == "2024-05"
    both = found(index_articles(tmp_path / "two", {"plan.txt": PLANNED, "done.txt": HAPPENED}), "Cameron Kyiv")
    assert both.status == "happened" and len(both.articles) == 2
    assert both.date == "2024-05-09"


def test_seed_planned_visits_are_events_shown_as_planned(seeded):
    for stop in ("Vladivostok", "Komsomolsk-on-Amur"):
        visit = found(seeded, stop)
        assert visit.kind == "visit" and visit.status == "planned", stop
        assert [p.name for p in visit.participants] == ["Kim Jong-un"]
        assert visit.kind_text == "visit (planned)"


SENTENCED = """\
Former adviser jailed for contempt

WASHINGTON, Feb. 8, 2024 (Reuters) - Helen Brandt, a former policy adviser to Senator Tom Hale, was sentenced on Wednesday to six months in prison for contempt of Congress.
"""
PRIZE = """\
Two reporters share press freedom award

GENEVA, Nov. 3, 2023 (AFP) - Mexican reporter Lucia Ortega and Turkish editor Emre Aksoy won the World Press Freedom Prize on Friday, the jury said.
"""
FLOODS = """\
Floods swept away homes in Sylhet

DHAKA, June 20, 2024 (Reuters) - Flash floods triggered by Cyclone Remal swept through villages in Sylhet district on Monday night, killing 14 people, officials said.

Rescuers were still searching for Abdul Karim, a convicted smuggler who escaped from a local jail during the floods.
"""
QUAKE_PROVINCE = """\
Quake shakes mountain towns

KABUL, Oct. 8, 2023 (AP) — A magnitude 6.3 earthquake struck Zindajan district of western Herat province on Saturday, officials said.
"""


@pytest.fixture(scope="module")
def more(tmp_path_factory):
    articles = {"sentenced.txt": SENTENCED, "prize.txt": PRIZE, "floods.txt": FLOODS, "quake.txt": QUAKE_PROVINCE}
    return index_articles(tmp_path_factory.mktemp("more"), articles)


def test_the_subject_is_the_head_of_an_apposition_not_the_name_inside_it(more):
    sentencing = found(more, "Brandt sentenced")
    assert roles(sentencing) == {"Helen Brandt": "sentenced"}
    assert more.event("Hale sentenced").status == "not_found"


def test_coordinated_winners_both_win(more):
    award = found(more, "Ortega prize")
    assert roles(award) == {"Lucia Ortega": "winner", "Emre Aksoy": "winner"}


def test_one_clause_reports_one_disaster_and_its_deaths_belong_to_it(more):
    flood = found(more, "flood Sylhet")
    assert flood.date == "2024-06-17"  # `on Monday night` in Thursday's report
    assert "death" in flood.keywords and found(more, "killed Sylhet").id == flood.id
    assert roles(flood) == {}  # the escaped smuggler is no victim of the floods
    kinds = [e.kind for e in more.timeline()]
    assert "storm" not in kinds and "death" not in kinds
    assert "conviction" not in kinds  # `a convicted smuggler` describes him


def test_a_district_the_model_missed_is_still_the_place(more):
    quake = found(more, "Zindajan")
    assert quake.kind == "earthquake" and quake.date == "2023-10-07"
    assert found(more, "quake Herat").id == quake.id


FIRE_FIRST = """\
Brush fire destroys hillside village

ATHENS, July 18, 2023 (Reuters) - A wildfire swept through the village of Kouvaras east of Athens on Monday, destroying dozens of homes, firefighters said.
"""
FIRE_TOLL = """\
Greek wildfire toll rises

By Elena Becatoros

July 20, 2023

The death toll from the wildfire that destroyed Kouvaras rose to four on Wednesday, the fire service said.
"""
RESIGNS = """\
Haitian prime minister resigns

PORT-AU-PRINCE, March 12, 2024 (AP) — Haitian Prime Minister Claude Moreau has resigned, regional leaders announced late Monday.

Moreau, who spoke at a campaign rally in Jacmel last year, had faced mounting pressure.
"""
DIES_ONE = """\
Dissident dies in penal colony

By Olga Petrova

Feb. 16, 2024

Aleksandr V. Dorin, the jailed dissident, died on Friday in a remote penal colony, the prison service said.
"""
DIES_TWO = """\
Jailed dissident Alexandr Dorin dies

MOSCOW, Feb 16, 2024 (Reuters) - Alexandr Dorin, the country's best-known dissident, died on Friday at a penal colony in Kharp, the prison service said.
"""


@pytest.fixture(scope="module")
def follow_ups(tmp_path_factory):
    articles = {"fire1.txt": FIRE_FIRST, "fire2.txt": FIRE_TOLL, "resigns.txt": RESIGNS, "dies1.txt": DIES_ONE, "dies2.txt": DIES_TWO}
    return index_articles(tmp_path_factory.mktemp("follow_ups"), articles)


def test_a_later_count_does_not_date_the_disaster(follow_ups):
    fire = found(follow_ups, "Kouvaras")
    assert fire.kind == "fire" and fire.date == "2023-07-17" and len(fire.articles) == 2


def test_a_country_finds_the_event_its_people_are_named_by(follow_ups):
    resignation = found(follow_ups, "Haiti")
    assert resignation.kind == "resignation"
    assert resignation.date == "2024-03-11"  # only the announcement dates it
    assert "protest" not in {e.kind for e in follow_ups.timeline()}  # a campaign rally is no protest


def test_two_spellings_of_one_family_name_are_one_death(follow_ups):
    death = found(follow_ups, "Dorin died")
    assert len(death.articles) == 2 and death.date == "2024-02-16"


SHOT_AFTER_MEETING = """\
Mayor shot and wounded after council meeting

PLOVDIV, Bulgaria, May 15, 2024 (AFP) - Mayor Ivan Petrov was shot and wounded on Wednesday after a council meeting in the town of Asenovgrad, police said.
"""
BRIDGE = """\
Bridge collapses after barge strikes it

ROUEN, France, March 26, 2024 (AFP) - A river barge rammed a pillar of the Pont Flaubert in Rouen early Tuesday, causing part of the bridge to collapse into the Seine.
"""
TO_QUIT = """\
Belgian premier to quit politics after coalition collapse

BRUSSELS, July 10, 2023 (Reuters) - Belgian Prime Minister Luc Verhoeven said on Monday he would leave politics after the next election, days after his coalition government collapsed.
"""
MARCH = """\
Thousands march in Bucharest

BUCHAREST, June 4, 2023 (Reuters) - Tens of thousands of Romanians marched through Bucharest on Sunday in one of the largest anti-corruption protests in years.
"""


@pytest.fixture(scope="module")
def circumstances(tmp_path_factory):
    articles = {"shot.txt": SHOT_AFTER_MEETING, "bridge.txt": BRIDGE, "quit.txt": TO_QUIT, "march.txt": MARCH}
    return index_articles(tmp_path_factory.mktemp("circumstances"), articles)


def test_the_shooting_not_the_meeting_before_it_is_the_news(circumstances):
    shooting = found(circumstances, "Asenovgrad")
    assert shooting.kind == "shooting" and roles(shooting) == {"Ivan Petrov": "victim"}
    assert found(circumstances, "Petrov").kind == "shooting"  # the meeting before it, if kept, ranks below


def test_a_bridge_collapses_a_government_does_not(circumstances):
    assert found(circumstances, "Rouen").kind in ("collapse", "crash")
    assert found(circumstances, "collapse Rouen").place.startswith(("Pont Flaubert", "Rouen"))
    assert found(circumstances, "Verhoeven").kind == "resignation"


def test_a_reported_plan_is_a_planned_event_not_a_possibility(circumstances):
    resignation = found(circumstances, "Verhoeven resignation")
    assert resignation.status == "planned"


def test_a_place_before_the_event_word_is_still_its_place(circumstances):
    protest = found(circumstances, "Bucharest")
    assert protest.kind == "protest" and protest.date == "2023-06-04"
    assert found(circumstances, "protest Bucharest").id == protest.id


ABDICATES = """\
Norwegian king abdicates, son proclaimed king

OSLO, Jan. 14, 2024 (AP) — King Harald Olsen of Norway abdicated on Sunday, handing the throne to his son, who was proclaimed King Erik Olsen.

Earlier, a powerful quake struck the Lofoten islands, collapsing houses.
"""


def test_kinds_beyond_ace_abdication_and_a_quake_that_collapses_houses(tmp_path):
    core = index_articles(tmp_path, {"abdicates.txt": ABDICATES})
    abdication = found(core, "Harald abdication")
    assert abdication.kind == "abdication" and abdication.date == "2024-01-14"
    assert "collapse" not in {e.kind for e in core.timeline()}  # the quake's doing, not an event of its own


TWO_DAYS_ONE_CLAUSE = """\
Leeds man held over arson

LEEDS, England, Nov. 5, 2024 (Reuters) - Police arrested Mark Jones on Oct. 23 in Leeds and questioned him again on Friday, officials said.
"""


def test_dates_that_disagree_in_one_clause_keep_the_explicit_one(tmp_path):
    core = index_articles(tmp_path, {"leeds.txt": TWO_DAYS_ONE_CLAUSE})
    assert found(core, "Jones arrested").date == "2024-10-23"
