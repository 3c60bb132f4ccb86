"""Who is who across articles: particles are name parts, a bare family name joins a full name only on evidence."""

from __future__ import annotations

import pytest

from tests.briefings.conftest import index_articles

LOCAL_PAPER = """\
Riverside council passes budget after long night

RIVERSIDE, May 2, 2024 -- The town council approved next year's budget early on Thursday after a nine-hour session.

"We balanced the books without closing a single library," town clerk Ortiz said after the vote.

Ortiz said property taxes would rise by less than 2 percent.
"""

AP_SENATE = """\
Senators press Pentagon on shipyard delays

WASHINGTON (AP) -- Sen. Maria Ortiz, a Democrat from New Mexico, pressed Navy officials on Tuesday over delays at the nation's shipyards.

"The delays are costing taxpayers billions," Ortiz said at a hearing of the Armed Services Committee.
"""

AFP_BANK = """\
Dutch central bank warns on house prices

AMSTERDAM, May 7, 2024 (AFP) - The Dutch central bank warned on Tuesday that house prices could fall sharply, its president Pieter van Dijkstra said.

"The risks have grown," Van Dijkstra told reporters in Amsterdam. Van Dijkstra added that banks were well prepared.
"""

REUTERS_TALKS = """\
Nordic ministers meet on energy links

HELSINKI, May 8, 2024 (Reuters) - Finnish Energy Minister Aino Lehtola met her Estonian counterpart Kadri Rebane in Helsinki on Wednesday to discuss a new power cable.

"The cable is a priority for both countries," Lehtola said.

Jean-Luc Marchetti, a cable engineer, said work could start in the spring.
"""

REUTERS_FOLLOW = """\
Baltic cable deal close, ministers say

TALLINN, May 10, 2024 (Reuters) - Estonia and Finland are close to a deal on a new power cable, Energy Minister Rebane said on Friday after talks with Lehtola.

"We expect to sign within weeks," Rebane said.
"""


@pytest.fixture(scope="module")
def core(tmp_path_factory):
    articles = {
        "local.txt": LOCAL_PAPER,
        "ap.txt": AP_SENATE,
        "afp.txt": AFP_BANK,
        "talks.txt": REUTERS_TALKS,
        "follow.txt": REUTERS_FOLLOW,
    }
    return index_articles(tmp_path_factory.mktemp("identity"), articles)


def test_a_bare_family_name_in_an_unrelated_story_is_not_the_only_full_name_that_fits(core):
    senator = core.who("Maria Ortiz")
    assert senator.status == "found"
    assert [a.headline for a in senator.person.articles] == ["Senators press Pentagon on shipyard delays"]
    assert core.who("Ortiz").status == "ambiguous"


def test_a_bare_family_name_joins_the_full_name_named_with_the_same_people(core):
    rebane = core.who("Kadri Rebane")
    assert rebane.status == "found"
    assert len(rebane.person.articles) == 2
    assert core.who("Rebane").person == rebane.person


def test_a_particle_family_name_is_the_same_person_as_the_full_name(core):
    match = core.who("Van Dijkstra")
    assert match.status == "found" and match.person.name == "Pieter van Dijkstra"
    assert core.who("Pieter van Dijkstra").person == match.person
    assert [p.name for p in core.people() if "Dijkstra" in p.name] == ["Pieter van Dijkstra"]


@pytest.mark.parametrize(
    "query", ["Abu Ortiz", "Al Lehtola", "Prince Pieter", "Dr. Aino", "Van Ortiz", "Maria Lehtola", "Minister Jean-Luc"]
)
def test_a_particle_or_title_with_someone_elses_word_is_not_found(core, query):
    assert core.who(query).status == "not_found"


def test_a_title_before_a_family_name_or_the_persons_own_title_finds_them(core):
    assert core.who("Dr. Lehtola").person.name == "Aino Lehtola"
    assert core.who("Minister Aino").person.name == "Aino Lehtola"
    assert core.who("Senator Ortiz").status == "ambiguous"


NYT_HER = """\
Oslo Weighs a Tax on Salmon Exports

OSLO — Ingrid Halvorsen, Norway's fisheries minister, said on Monday that the government would consider a levy on salmon exports, a step the prime minister, Tomas Berg, has long opposed.

"Nothing is decided, but everything is on the table," Ms. Halvorsen said in an interview.
"""

NYT_HIM = """\
Salmon Farmers Push Back on Export Levy

BERGEN, Norway — The country's largest salmon farmer said on Tuesday that a levy would cost thousands of jobs, as Prime Minister Tomas Berg tried to calm the industry.

"A levy like this would empty the coast of its young people," Mr. Halvorsen, the company's chief executive, said at a meeting with growers.
"""

NYT_HER_AGAIN = """\
Norway Shelves Salmon Levy for Now

OSLO — The government shelved plans for a salmon export levy on Friday after Prime Minister Tomas Berg met industry leaders.

"We listened, and we will come back to it after the election," Ms. Halvorsen told reporters in Oslo.
"""


@pytest.fixture(scope="module")
def titled(tmp_path_factory):
    articles = {"her.txt": NYT_HER, "him.txt": NYT_HIM, "again.txt": NYT_HER_AGAIN}
    return index_articles(tmp_path_factory.mktemp("titled"), articles)


def test_mr_with_a_family_name_never_joins_a_woman_of_that_name(titled):
    minister = titled.who("Ingrid Halvorsen").person
    assert "Salmon Farmers Push Back on Export Levy" not in [a.headline for a in minister.articles]
    assert not any("young people" in q.text for q in minister.quotes)


def test_ms_with_a_family_name_joins_her_full_name_named_with_the_same_people(titled):
    minister = titled.who("Ingrid Halvorsen").person
    assert "Norway Shelves Salmon Levy for Now" in [a.headline for a in minister.articles]
    assert any("after the election" in q.text for q in minister.quotes)
