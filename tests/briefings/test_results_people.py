"""People named only in results, squad lists, leaderboards and election tables are found by `/who`,
through the real cleaning and indexing path; the page furniture around such stories is still dropped.

Each page is written here in one outlet's house style; the rules under test are the shapes of data
rows and of section headings repeated inside a story, never these strings.
"""

from __future__ import annotations

import pytest

from briefings.corpus import parse_article
from tests.briefings.conftest import index_articles

# Reuters style: round headings repeat as results come in, the seed before the name.
TENNIS = """\
Skip to content
Home
Sport
Tennis
Live scores

TENNIS-Results from the Harbour Open on Friday

HARBOUR CITY, June 7 (Reuters) - Results from the Harbour Open tennis championships on Friday (prefix number denotes seeding):

Women's singles, quarter-finals

3 - Ilse Vandermeer (Netherlands) beat Paola Ricciardone (Italy) 6-4 3-6 7-5

Nadia Szabolcsi (Hungary) beat 6 - Corinne Aubertin (France) 6-2 6-1

Men's singles, third round

1 - Tomas Halvorsen (Norway) beat Joaquin Echeverry (Argentina) 7-6 (7-4) 6-3

Dragan Petrovski (Serbia) beat Kenji Watanabe (Japan) 4-6 6-3 6-4

Women's singles, quarter-finals

Marisol Quintero (Spain) beat 2 - Agnieszka Wrobel (Poland) 6-3 6-7 (5-7) 6-2

Men's singles, third round

Lukas Brandstetter (Austria) beat 5 - Oren Shapira (Israel) 6-1 6-4

Related stories

Halvorsen eyes third Harbour title

Rain delays start of qualifying

Live scores

Copyright 2024 Harbour Sport. All rights reserved.
"""

# A BBC-style squad story: a few paragraphs, then the squad by position.
SQUAD = """\
Wales name uncapped pair for Nations League games

By Gwen Pritchard, BBC Sport Wales

Wales manager Rhodri Penhallow has named two uncapped players in his squad for next month's Nations League matches against Iceland and Montenegro.

Midfielder Cai Llewellyn and defender Osian Bevan-Price are included after impressing in the Championship this season.

"Both have earned their chance," Penhallow said.

Goalkeepers: Dafydd Morgannwg, Emyr Tregaron, Huw Bracegirdle

Defenders: Osian Bevan-Price, Geraint Abergele, Iolo Maenclochog, Tomos Rhydderch

Midfielders: Cai Llewellyn, Aled Pumlumon, Bryn Cwmafon, Steffan Llanelwy

Forwards: Ieuan Penrhiwceiber, Macsen Ystradgynlais

Share this page

Facebook

Twitter

Email
"""

# AP style: the story, then the leaderboard, scores to par first.
GOLF = """\
Lindqvist leads by two at Lakeside Classic

LAKESIDE, Minn. (AP) -- Henrik Lindqvist birdied four of the last six holes for a 4-under 68 on Saturday and took a two-stroke lead into the final round of the Lakeside Classic.

The Swede, who has never won on tour, made a 30-foot putt on the 17th and saved par from a bunker on the last.

"I just tried to stay patient out there," Lindqvist said. "The greens were firm and fast all afternoon."

Leading third-round scores:

-14 Henrik Lindqvist 66-68-68
-12 Matteo Scarbolo 67-69-68
-11 Kwame Asantewaa 70-65-70
-10 Tobias Kirchhoefer 68-70-68
-9 Ravi Chandrashekar 69-69-69
-9 Bruno Vasconcelos 71-67-69

Most Popular

Storm closes roads across the state
"""

# A local paper's election results: wards, candidates, parties and votes; the ward headings repeat
# as the count goes on.
ELECTION = """\
Millbrook Gazette

Council election: full results

By Staff Reporter

Votes were counted overnight at the Millbrook leisure centre. Turnout was 31 per cent, down from 36 per cent four years ago, the returning officer said.

Castle ward

Margaret Ellingham (Liberal Democrat) 1,482 - elected

Desmond Okonjo (Labour) 1,217

Priya Venkataraman (Conservative) 640

Riverside ward

Harold Finchley-Burke (Conservative) 1,104 - elected

Yasmin Achterberg (Green) 998

Castle ward

Recount: Margaret Ellingham (Liberal Democrat) 1,479 - elected, Desmond Okonjo (Labour) 1,219

Share this article

Copyright Millbrook Gazette 2024
"""


# Reuters style: a short report, then the scorers by team, each with a count.
RUGBY = """\
RUGBY UNION-Fiji beat Samoa 27-20 in Pacific Nations Cup

SUVA, July 13 (Reuters) - Fiji beat Samoa 27-20 (halftime 13-6) in the Pacific Nations Cup on Saturday.

Samoa led early through a penalty but Fiji scored two tries in the last ten minutes of the first half and never gave up the lead.

Scorers:

Fiji - Tries: Semi Radrodro (2), Josua Vakaloloma. Conversions: Caleb Muntz (3). Penalty: Muntz.

Samoa - Tries: Alapati Leiua, Tumua Manu. Conversions: Christian Leali'ifano (2). Penalty: Leali'ifano (2).

Fiji lead the standings on points difference.
"""

# AFP style: a stage's placings after the story, with `same time` and `at 12sec` in the rows.
CYCLING = """\
Ostergaard takes fourth stage of Tour of Jutland

AARHUS, Denmark, Aug 29 (AFP) - Danish rider Mikkel Ostergaard won the fourth stage of the Tour of Jutland on Thursday in a sprint finish.

The 24-year-old, riding in his first season as a professional, also took the overall lead by four seconds.

Stage placings:

1. Mikkel Ostergaard (DEN/Skive) 4hr 12min 10sec
2. Wouter Vandepitte (BEL/Lotto) same time
3. Gianmarco Ferraresi (ITA/Aki) at 2sec
4. Jasper Oudeman (NED/Rabo) same time
"""


# PA style: a squad by position, each player with his club, the story's sentences above it.
PA_SQUAD = """\
Northland recall veteran keeper for qualifiers

Northland manager Ines Albrecht has recalled goalkeeper Kasper Nyborg, 36, for next month's World Cup qualifiers.

Nyborg last played for his country two years ago but has kept 14 clean sheets for Aalstad this season.

"Kasper has earned it with the way he has played," Albrecht told reporters at the team hotel on Thursday.

Goalkeepers: Kasper Nyborg (Aalstad), Villem Tamm (Rosendal)

Defenders: Jorund Eikeland (Vestby), Sander Kvalheim (Aalstad), Teodor Brekke (Lindholm)

Forwards: Mikael Rognstad (Hafslo), Eirik Tveitan (Vestby)
"""


@pytest.fixture(scope="module")
def core(tmp_path_factory):
    articles = {"tennis.txt": TENNIS, "squad.txt": SQUAD, "golf.txt": GOLF, "election.txt": ELECTION, "rugby.txt": RUGBY}
    articles["cycling.txt"] = CYCLING
    articles["pa_squad.txt"] = PA_SQUAD
    return index_articles(tmp_path_factory.mktemp("results"), articles)


@pytest.mark.parametrize(
    "name",
    [
        "Ilse Vandermeer",
        "Paola Ricciardone",
        "Nadia Szabolcsi",
        "Joaquin Echeverry",
        "Kenji Watanabe",
        "Agnieszka Wrobel",
        "Lukas Brandstetter",
        "Oren Shapira",
        "Dafydd Morgannwg",
        "Tomos Rhydderch",
        "Macsen Ystradgynlais",
        "Matteo Scarbolo",
        "Kwame Asantewaa",
        "Bruno Vasconcelos",
        "Margaret Ellingham",
        "Desmond Okonjo",
        "Yasmin Achterberg",
        "Semi Radrodro",
        "Caleb Muntz",
        "Tumua Manu",
        "Wouter Vandepitte",
        "Jasper Oudeman",
        "Villem Tamm",
        "Teodor Brekke",
        "Eirik Tveitan",
    ],
)
def test_people_named_only_in_rows_are_found(core, name):
    match = core.who(name)
    assert match.status == "found" and match.person is not None, (name, match.status, [c.label for c in match.candidates])
    assert set(name.split()) <= set(match.person.name.split())


def test_a_round_heading_repeated_inside_the_results_keeps_every_batch_and_the_headline():
    a = parse_article(TENNIS.encode(), file="tennis.txt")
    assert a.headline == "TENNIS-Results from the Harbour Open on Friday"
    body = "\n".join(a.body)
    for name in ("Ilse Vandermeer", "Tomas Halvorsen", "Marisol Quintero", "Lukas Brandstetter"):
        assert name in body
    assert body.count("Men's singles, third round") == 2
    # The menu, the link list and the footer, one of whose entries repeats, are not the story.
    for furniture in ("Live scores", "Related stories", "Rain delays start of qualifying", "Copyright", "Skip to content"):
        assert furniture not in body


def test_squad_leaderboard_and_election_tables_keep_their_rows_but_not_the_links_or_footer():
    squad = parse_article(SQUAD.encode(), file="squad.txt")
    assert squad.headline == "Wales name uncapped pair for Nations League games"
    assert squad.body[-1].startswith("Forwards:") and any(b.startswith("Goalkeepers:") for b in squad.body)
    assert not {"Share this page", "Facebook", "Twitter", "Email"} & set(squad.body)
    election = parse_article(ELECTION.encode(), file="election.txt")
    assert election.headline == "Council election: full results"
    assert election.body[-1].startswith("Recount:")
    assert "Yasmin Achterberg (Green) 998" in election.body and election.body.count("Castle ward") == 2
    assert not any("Share this" in b or "Copyright" in b for b in election.body)
    golf = parse_article(GOLF.encode(), file="golf.txt")
    assert golf.body[-1] == "-9 Bruno Vasconcelos 71-67-69" and "Leading third-round scores:" in golf.body


def test_a_navigation_line_repeated_at_the_top_and_foot_of_a_story_is_still_furniture():
    a = parse_article(
        "\n".join(
            [
                "Results",
                "Fixtures",
                "Tables",
                "Harbour council approves new ferry terminal",
                "The council voted 9-2 on Tuesday to build a ferry terminal on the north quay, ending a decade of argument over the site.",
                "Work is due to start in the spring and the terminal should open in 2027, the council's planning chief, Aoife Brennan, said.",
                "Opponents said the quay's fishing fleet had not been consulted and vowed to appeal against the decision.",
                "Results",
                "Fixtures",
                "Tables",
            ]
        ).encode(),
        file="council.txt",
    )
    assert a.headline == "Harbour council approves new ferry terminal"
    assert len(a.body) == 3 and not {"Results", "Fixtures", "Tables"} & set(a.body)


def test_a_results_introduction_broken_across_lines_is_not_the_headline():
    a = parse_article(
        "\n".join(
            [
                "ATHLETICS - HARBOUR GRAND PRIX RESULTS.",
                "BERGEN, Norway 2024-06-08",
                "Leading results from the Harbour Grand Prix athletics meeting on",
                "Saturday (Norway unless stated):",
                "Men's 100 metres",
                "1. Kwame Boateng (Ghana) 10.02",
                "2. Henrik Solberg 10.11",
                "3. Dmitri Aksenov (Russia) 10.15",
                "Women's long jump",
                "1. Ingrid Vatne 6.81 metres",
                "2. Lucia Ferrante (Italy) 6.74",
                "Boateng's winning time was the fastest in the world this year and a meeting record, the organisers said after the race.",
                "Vatne, who missed last season with a knee injury, said she was delighted to win in front of her home crowd again.",
            ]
        ).encode(),
        file="athletics.txt",
    )
    assert a.headline == "ATHLETICS - HARBOUR GRAND PRIX RESULTS."
    assert a.body[-1].startswith("Vatne, who missed") and {"1. Kwame Boateng (Ghana) 10.02", "1. Ingrid Vatne 6.81 metres"} <= set(a.body)


def test_the_rows_end_where_the_next_story_on_the_page_begins():
    a = parse_article(
        "\n".join(
            [
                "Harbour Rowers win the Lakeside Regatta eights final",
                "LAKESIDE, June 9 (AP) -- Harbour Rowing Club won the men's eights final at the Lakeside Regatta on Sunday, "
                "beating the defending champions by more than a length in a strong crosswind.",
                "The crew, coached by former Olympian Greta Halvorsen, led from the start and were never caught over the 2,000-metre course.",
                '"They rowed the perfect race, and they deserved every bit of it," Halvorsen said afterwards on the bank.',
                "Men's eights final:",
                "1. Harbour RC (stroke: Emeka Obiora) 5:41.20",
                "2. Lakeside BC (stroke: Tomasz Wielgosz) 5:45.02",
                "3. Northbank RC (stroke: Oskar Lindahl) 5:47.88",
                "4. Castle BC (stroke: Yelena Morozova) 5:49.10",
                "5. Millbrook RC (stroke: Ravi Sundaram) 5:50.31",
                "6. Quayside RC (stroke: Bruno Castellanos) 5:52.64",
                "7. Riverside BC (stroke: Farid Haddad) 5:55.02",
                "8. Old Town RC (stroke: Matteo Ricci) 5:58.76",
                "Ferry fares to rise in the spring",
                "Ferry fares on the harbour routes will rise by 4 percent in April, the operator said on Monday.",
                "The operator blamed higher fuel costs and said season tickets would not change.",
                "Passenger groups called the rise unfair and asked the council to step in before it takes effect.",
            ]
        ).encode(),
        file="regatta.txt",
    )
    assert a.body[-1] == "8. Old Town RC (stroke: Matteo Ricci) 5:58.76"
    assert not any("Ferry" in b or "fares" in b for b in a.body)
