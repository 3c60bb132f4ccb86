"""Names the small model misses, cuts or pads, found from how news copy is written (no outlet's strings)."""

from __future__ import annotations

import pytest

from briefings.names import name_hints, recover_in_article
from briefings.nlp import pipe
from tests.briefings.conftest import index_articles


def people_in(*paragraphs: str) -> list[list[str]]:
    """PERSON spans of each paragraph, after the article-wide recovery."""
    docs = list(pipe(paragraphs))
    recover_in_article(docs)
    return [[e.text for e in d.ents if e.label_ == "PERSON"] for d in docs]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Chilean Marta Rivas finished ninth, ahead of Li Wen.", ["Marta Rivas", "Li Wen"]),  # nationality, ordinal
        ("Centre Tom Hale scored twice before half-time.", ["Tom Hale"]),  # position
        ("Burmese opposition leader Aung San Suu Kyi spoke to reporters on Friday.", ["Aung San Suu Kyi"]),  # four words
        ("He will be replaced by his Newcastle team mate Les Ferdinand.", ["Les Ferdinand"]),  # taken for a place
        ("The shares fell 3 percent, said Mihai Tararache.", ["Mihai Tararache"]),  # after `said`
        ("Tunisian President Zine al-Abidine Ben Ali received the envoy.", ["Zine al-Abidine Ben Ali"]),  # particle, hyphen
        ("South Africa's captain Joost van der Westhuizen was injured.", ["Joost van der Westhuizen"]),  # two particles
        ("Lindsay Davenport (U.S.) beat Gabriela Sabatini (Argentina) 6-3 6-4", ["Lindsay Davenport", "Gabriela Sabatini"]),
        ("Frenchman Jean-Philippe Fleurian beat Dutchman Richard Wisinga.", ["Jean-Philippe Fleurian", "Richard Wisinga"]),
        ("Saudi Crown Prince Abdullah arrived in Cairo on Monday.", ["Abdullah"]),  # a title inside the model's span
    ],
)
def test_a_person_is_found_whatever_the_model_first_said(text, expected):
    assert people_in(text) == [expected]


def test_countries_that_speak_and_named_occasions_stay_what_they_are():
    assert people_in("Park also said South Korea is closely watching the talks.", "South Korea said on Tuesday it would respond.") == [
        [],
        [],
    ]
    assert people_in("Celebrations for the Chinese New Year began.", "He played in the French Open and the Italian Open.") == [[], []]


def test_list_rows_are_read_like_their_siblings():
    rows = people_in(
        "Golf scores after the third round on Saturday:",
        "203 Peter Lund 68 64 71",
        "205 Ian Woosnam 70 64 71",
        "206 Bob Estes 70 65 71",
        "Belgium - 1 - Filip De Wilde, 2 - Bertrand Crasson, 3 - Dirk Medved, 16 - Geoffrey Claeys.",
    )
    assert rows[1:4] == [["Peter Lund"], ["Ian Woosnam"], ["Bob Estes"]]
    assert rows[4] == ["Filip De Wilde", "Bertrand Crasson", "Dirk Medved", "Geoffrey Claeys"]


def test_scorers_with_their_minutes_are_people():
    assert people_in("Romania - Cosmin Contra (31st), Mihai Tararache (75th)") == [["Cosmin Contra", "Mihai Tararache"]]


AFP_RESULTS = """\
Tennis: results from the Canadian Open

TORONTO, Aug 2, 2024 (AFP) - Results on Friday from the Canadian Open tennis tournament:

Men's singles, third round:

Peter Lund (Denmark) beat Tomas Marek (Czech Republic) 6-4 7-5

Kenji Shimada (Japan) beat Diego Arroyo (Argentina) 6-2 3-6 7-6

Shimada's win sets up a quarter-final with the top seed.
"""


def test_names_in_results_tables_are_people_with_clean_names(tmp_path):
    core = index_articles(tmp_path, {"results.txt": AFP_RESULTS})
    for name in ("Peter Lund", "Tomas Marek", "Kenji Shimada", "Diego Arroyo"):
        match = core.who(name)
        assert match.status == "found" and match.person.name == name
    assert all(not any(c.isdigit() for c in a) and "'s" not in a for p in core.people() for a in [p.name, *p.aliases])
    assert core.who("Shimada").person.name == "Kenji Shimada"


def test_a_given_name_the_batch_uses_opens_a_name_but_an_organisation_read_twice_stays_one():
    docs = list(
        pipe(
            [
                "Yankees manager Joe Torre said Mariano Duncan would start at second base.",
                "Mariano Rivera pitched a scoreless ninth, striking out two.",
                "Analyst Morgan Freeman said the bank would recover, and Morgan Stanley raised its forecast.",
                "Morgan Stanley cut its rating on the bank.",
            ]
        )
    )
    hints = name_hints(docs)
    for doc in docs:
        recover_in_article([doc], hints)
    found = [[e.text for e in d.ents if e.label_ == "PERSON"] for d in docs]
    assert found == [["Joe Torre", "Mariano Duncan"], ["Mariano Rivera"], ["Morgan Freeman"], []]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("8. Ingrid Halvorsen (Norway) 11.37", ["Ingrid Halvorsen"]),  # a list number the sentence splitter ends a sentence at
        ("Tobias Quillfeather, Asanka Rautio, Farid de Montegrano,", ["Tobias Quillfeather", "Farid de Montegrano"]),
        ("8. Maarten den Hollander (Netherlands) TVM 1:33", ["Maarten den Hollander"]),  # a particle before the family name
        ("9. Joost den Haring (Netherlands) Rabobank 1:40", ["Joost den Haring"]),
        ("Wimbledon finalist Kwame Ostrowicz and Marcelo Rios were beaten on Thursday.", ["Kwame Ostrowicz", "Marcelo Rios"]),
        ("Greece - Dmitri Achterberg (21st minute), Oskar Tremonti (65th)", ["Dmitri Achterberg", "Oskar Tremonti"]),
        ("Emeka Okonkwo, an elected member of parliament for the party, died in August.", ["Emeka Okonkwo"]),  # a role apposition
    ],
)
def test_a_name_is_read_whole_from_the_first_word_of_a_row_to_its_role(text, expected):
    found = people_in(text)[0]
    assert all(name in found for name in expected), found
    assert all(not any(c.isdigit() or c in "()" for c in name) for name in found)


def test_a_country_in_brackets_after_a_name_is_no_given_name():
    found = people_in("8. Maarten den Hollander (Netherlands) TVM 1:33")[0]
    assert "Netherlands" not in " ".join(found)


def test_items_of_a_results_row_followed_alike_are_alike():
    rows = people_in(
        "Women's singles, third round",
        "1 - Greta Lindqvist (Germany) beat Natasha Szelenyi (Belarus) 6-4 6-2 16 - Hana Nakashima (Japan) beat Lucia Castellanos (Spain) 6-2 6-1",
    )
    assert {"Greta Lindqvist", "Natasha Szelenyi", "Hana Nakashima", "Lucia Castellanos"} <= set(rows[1])


def test_a_common_given_name_opens_a_name_but_a_firm_named_after_someone_stays_a_firm():
    docs = list(
        pipe(
            [
                "In Detroit, Todd Halvorsen pitched a five-hitter for his first career shutout.",
                "Michael Ancell, banking industry analyst at Edward D. Jones & Co., said rates would rise.",
            ]
        )
    )
    for doc in docs:
        recover_in_article([doc], name_hints(docs))
    found = [[e.text for e in d.ents if e.label_ == "PERSON"] for d in docs]
    assert "Todd Halvorsen" in found[0]
    assert "Michael Ancell" in found[1] and not any("Jones" in name for name in found[1])


@pytest.mark.parametrize(
    "text", ["Doctor Emeka Okonkwo said the patient was stable.", "Detective Oskar Tremonti told the court he had seen the car."]
)
def test_a_description_opening_the_sentence_stays_out_of_the_name(text):
    found = people_in(text)[0]
    assert found and all(name.split()[0] not in ("Doctor", "Detective") for name in found), found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rancher Dale Whitcomb said he had sold half his cattle.", "Dale Whitcomb"),  # AP feature
        ("Shopkeeper Anwen Pryce-Lloyd said trade had halved since the bridge closed.", "Anwen Pryce-Lloyd"),  # BBC local
        ("Veteran Kofi Mensah-Bonsu, 34, was recalled to the squad.", "Kofi Mensah-Bonsu"),  # sports copy
        ("Spokeswoman Ilse Vandermeer declined to comment.", "Ilse Vandermeer"),
    ],
)
def test_a_common_word_opening_the_sentence_never_joins_a_whole_name(text, expected):
    found = people_in(text)[0]
    assert expected in found, found
    assert all(name.split()[0] == expected.split()[0] for name in found if expected.split()[-1] in name), found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The state will open its hay reserves, Gov. Dan Ortiz said.", "Dan Ortiz"),  # AP
        ("Lt. Gen. Omar Haddad told reporters the offensive was over.", "Omar Haddad"),
        ("The service was led by the Rev. Paul Amos of Grace Church.", "Paul Amos"),
        ("Det. Insp. Claire Moffat said the inquiry was continuing.", "Claire Moffat"),  # British police
    ],
)
def test_an_abbreviated_title_stays_out_of_the_name(text, expected):
    found = people_in(text)[0]
    assert expected in found, found
    assert not any("." in name for name in found), found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Reuters and British papers write ranks without the point, and the model reads rank and name as an organisation
        ("The army commander in the area, Col Anan Phromsiri, told reporters the border was quiet.", "Anan Phromsiri"),
        ("The commander of the interior forces, General Pavel Ostrikov, said the pullout was delayed.", "Pavel Ostrikov"),
        ("Chief Accountant Galina Voskresenskaya said the farm was strapped for cash.", "Galina Voskresenskaya"),
        ("Valmonte mayor Stefano Ruggeri said the festival would go ahead.", "Stefano Ruggeri"),  # a lower-case role
        ("Hollins homered off starter Brant Kessler (11-7) in the fifth.", "Brant Kessler"),  # baseball copy
    ],
)
def test_a_title_before_a_run_names_a_person_whatever_the_model_read(text, expected):
    assert expected in people_in(text)[0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He will meet Minister of Foreign Affairs Ali Suwondo and Minister of Finance Mar'ie Harahap.", ["Ali Suwondo", "Mar'ie Harahap"]),
        ("Minister of Trade and Industry Tungki Wirahadi opened the fair.", ["Tungki Wirahadi"]),  # the model sees no one
        ('"We have no leads," Chief of Judicial Police Manuel Orozco told Reuters.', ["Manuel Orozco"]),
        ("The Minister of State for Foreign Affairs Derek Palethorpe said the talks would resume.", ["Derek Palethorpe"]),
    ],
)
def test_a_department_after_a_role_is_not_part_of_the_name(text, expected):
    assert people_in(text)[0] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Former Oriole Jamie Kessel allowed two hits over eight innings.", "Jamie Kessel"),  # Reuters baseball
        ("Ex-Yankee Randy Velardo hit his 11th homer of the season.", "Randy Velardo"),
        ("The former Beatle Paul Harmsworth played two songs.", "Paul Harmsworth"),
    ],
)
def test_what_a_person_was_is_not_part_of_the_name(text, expected):
    assert people_in(text)[0] == [expected]


def test_a_description_opener_does_not_make_a_team_a_person():
    assert people_in("He played for the former Los Angeles Dodgers farm team.")[0] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nathalie Dubreuil (France) beat Christina Singer (Germany) 6-4 6-0", "Christina Singer"),  # results row
        ("Gary Player and Ann Baker shared the lead after the first round.", "Gary Player"),
        ("Defence lawyer Thomas Banker told the court his client was abroad.", "Thomas Banker"),  # AP court copy
    ],
)
def test_a_word_that_describes_people_is_a_family_name_after_a_given_name(text, expected):
    assert expected in people_in(text)[0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A man stabbed international model Agnieszka Wolanska outside her home in Wroclaw.", "Agnieszka Wolanska"),
        ("Human rights activist Tomasz Wierzbicki was released on Friday.", "Tomasz Wierzbicki"),
    ],
)
def test_an_occupation_before_a_run_names_a_person(text, expected):
    assert people_in(text)[0] == [expected]
