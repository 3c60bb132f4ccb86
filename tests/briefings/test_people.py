"""People: names, roles, quotes and the honest lookup, on articles of our own and on the seeds."""

from __future__ import annotations

import pytest

from tests.briefings.conftest import index_articles

NORDIC = """\
Nordic leaders sign defence pact in Oslo

By Anna Berg

OSLO, March 4, 2024 (Reuters) - Norwegian Prime Minister Jonas Gahr Støre hosted his Finnish counterpart Petteri Orpo for talks in Oslo on Monday, as the two countries signed a defence pact.

"We stand together in the north," Støre said after the talks. "Nobody should doubt that."

Orpo, who is the leader of the National Coalition Party, said the pact was long overdue.

"It's a historic day for the Nordic countries," he said.

Swedish Defence Minister Pål Jonson told reporters: "Our cooperation will deepen further."

Jean-Pierre Dubois, a French diplomat, called the deal "a model for Europe and for everyone else in the alliance".

"Critics will say we move too slowly," a spokesperson for the ministry said.
"""

SEOUL_ASSEMBLY = """\
Two Kims clash over budget at National Assembly

SEOUL, June 3, 2024 (Korea Times) -- Kim Min-seok, the ruling party's floor leader, and Andy Kim, a visiting U.S. senator, met at the National Assembly on Monday.

"We cannot accept cuts to the defence budget," Kim said at the start of the meeting.

Andy Kim, who is a member of the Senate Foreign Relations Committee, spoke next.

"Our alliance is stronger than any budget line," Kim said. "That will not change."

‘Nobody wants a quarrel over numbers,’ said Lee Jae-myung, the opposition leader.

"The first thing we will do is rebuild the port," Lee added. "Then we will turn to the roads and the schools that the storm destroyed.

"After that, we will look at housing."
"""

FOLLOW_UP = """\
Pact welcomed across the region

STOCKHOLM, March 6, 2024 (TT) -- Prime Minister Jonas Gahr Store of Norway said on Wednesday the new pact "will make every Nordic country safer", two days after it was signed.
"""


@pytest.fixture(scope="module")
def own(tmp_path_factory):
    return index_articles(tmp_path_factory.mktemp("own"), {"nordic.txt": NORDIC, "seoul.txt": SEOUL_ASSEMBLY, "followup.txt": FOLLOW_UP})


def person(core, name):
    match = core.who(name)
    assert match.status == "found", (name, match.status, [c.label for c in match.candidates])
    return match.person


def test_title_before_the_name_gives_role_and_country(own):
    store = person(own, "Store")
    assert any(r.title == "Prime Minister" and r.organization == "Norwegian" for r in store.roles)
    jonson = person(own, "Jonson")
    assert jonson.role.title == "Defence Minister" and jonson.role.organization == "Swedish"


def test_apposition_and_who_is_clause_give_roles(own):
    assert "French diplomat" in person(own, "Dubois").role.label()
    orpo = person(own, "Orpo")
    assert any("leader of the National Coalition Party" in r.label() for r in orpo.roles)
    assert "floor leader" in person(own, "Kim Min-seok").role.label()


def test_spellings_merge_across_articles(own):
    store = person(own, "Jonas Gahr Store")
    assert {"Jonas Gahr Støre", "Jonas Gahr Store"} <= set(store.aliases)
    assert len(store.articles) == 2
    assert own.who("jonas gahr støre").person.id == store.id


def test_quote_styles_are_attributed(own):
    said = {q.text: q for p in own.people() for q in p.quotes}
    assert said["We stand together in the north"].speaker.startswith("Jonas Gahr")
    assert said["Nobody should doubt that."].speaker.startswith("Jonas Gahr")  # second quote of the paragraph
    assert said["Our cooperation will deepen further."].speaker == "Pål Jonson"  # introduced by a colon
    assert said["Nobody wants a quarrel over numbers"].speaker == "Lee Jae-myung"  # single curly quotes, `said X`


def test_he_said_goes_to_the_last_speaker_and_is_marked_inferred(own):
    quote = next(q for q in person(own, "Orpo").quotes if q.text.startswith("It's a historic day"))
    assert quote.inferred is True


def test_quote_without_a_speaker_is_kept_unattributed(own):
    everyone = [q.text for p in own.people() for q in p.quotes]
    assert not any(text.startswith("Critics will say") for text in everyone)


def test_quote_continuing_over_paragraphs_is_one_quote(own):
    quotes = person(own, "Lee Jae-myung").quotes
    roads = next(q for q in quotes if q.text.startswith("Then we will turn to the roads"))
    assert roads.text.endswith("the storm destroyed. After that, we will look at housing.")
    assert roads.speaker == "Lee Jae-myung"


def test_namesakes_stay_apart_and_short_mentions_follow_reintroduction(own):
    min_seok, andy = person(own, "Kim Min-seok"), person(own, "Andy Kim")
    assert min_seok.id != andy.id
    # `Kim said` right after both were introduced together could be either: nobody gets it.
    assert not any(q.text.startswith("We cannot accept cuts") for p in own.people() for q in p.quotes)
    # Once the article re-introduces Andy Kim by full name, `Kim said` is him.
    assert any(q.text.startswith("Our alliance is stronger") for q in andy.quotes)
    assert not any(q.text.startswith("Our alliance") for q in min_seok.quotes)


def test_hyphenated_given_names_are_one_name(own):
    assert person(own, "Lee Jae-myung").name == "Lee Jae-myung"
    assert person(own, "Jean-Pierre Dubois").name == "Jean-Pierre Dubois"


def test_bylines_are_authors_not_people_in_the_news(own):
    assert own.who("Anna Berg").status == "not_found"


def test_lookup_is_forgiving(own):
    store = person(own, "Jonas Gahr Store")
    for query in ("gahr store jonas", "Prime Minister Store", "Mr. Store", "JONAS GAHR STORE", "who is Store?"):
        assert own.who(query).person.id == store.id, query
    assert own.who("Jonsen").person.name == "Pål Jonson"  # a typo in a longer name


def test_lookup_is_honest(own):
    kim = own.who("Kim")
    assert kim.status == "ambiguous" and {"Kim Min-seok", "Andy Kim"} <= {c.label for c in kim.candidates}
    assert own.who("Kim Jong-un").status == "not_found"
    assert own.who("Zelensky").status == "not_found"
    assert own.who("   ").status == "empty"


# --- the seeds ----------------------------------------------------------------------------------


def test_seed_kirby_with_his_role_and_quotes_from_both_articles(seeded):
    kirby = person(seeded, "Kirby")
    assert kirby.name == "John Kirby"
    assert any("National Security Council" in r.label() or "NSC" in r.label() for r in kirby.roles)
    sources = {s.outlet for q in kirby.quotes for s in q.sources}
    assert {"The Korea Herald", "AP"} <= sources
    assert person(seeded, "kirbi").id == kirby.id
    assert person(seeded, "Mr. Kirby").id == kirby.id


def test_seed_same_quote_in_two_articles_is_one_quote_with_two_sources(seeded):
    kirby = person(seeded, "Kirby")
    nobody = [q for q in kirby.quotes if "No nation on the planet" in q.text]
    assert len(nobody) == 1 and len(nobody[0].sources) == 2


def test_seed_jakarta_quotes_go_to_the_envoy_who_said_them(seeded):
    sung, gunn = person(seeded, "Sung Kim"), person(seeded, "Kim Gunn")
    assert any(q.text.startswith("These weapons deliveries") for q in sung.quotes)
    assert not any(q.text.startswith("These weapons deliveries") for q in gunn.quotes)
    assert any(q.text.startswith("It seriously threatens our security") for q in gunn.quotes)
    assert not any(q.text.startswith("It seriously threatens") for q in sung.quotes)


def test_seed_kim_is_ambiguous_and_full_names_are_exact(seeded):
    kim = seeded.who("Kim")
    assert kim.status == "ambiguous"
    labels = {c.label for c in kim.candidates}
    assert {"Kim Jong-un", "Sung Kim", "Kim Gunn", "Kim Yung-ho"} <= labels
    assert all(c.detail for c in kim.candidates if c.label in {"Sung Kim", "Kim Gunn"})
    assert person(seeded, "kim jong un").name == "Kim Jong-un"
    assert seeded.who("Kim Jong-il").status == "not_found"
    assert seeded.who("Park Geun-hye").status == "not_found"
    assert person(seeded, "jin park").name == "Park Jin"
    assert person(seeded, "Cho Chun-yong").name == "Jo Chun Yong"  # a romanisation of the family name


def test_seed_authors_are_not_people(seeded):
    assert seeded.who("Kim Seung-yeon").status == "not_found"
    assert seeded.who("Litvinova").status == "not_found"


def test_a_typographic_and_a_typed_apostrophe_are_one_person(tmp_path):
    core = index_articles(
        tmp_path,
        {
            "ap.txt": "O’Malley stays in race\n\nBy Kate Brennan\n\nDES MOINES, Iowa (AP) — Former Maryland Gov. "
            "Martin O’Malley said on Sunday he would stay in the Democratic race until the caucuses.\n",
            "wire.txt": "O'Malley courts Iowa voters\n\nBy Tom Hale\n\nDAVENPORT, Iowa (Reuters) - Martin O'Malley, "
            "a former governor of Maryland, told voters on Monday that he was the candidate of new ideas.\n",
        },
    )
    omalley = person(core, "Martin O'Malley")
    assert len(omalley.articles) == 2
    assert core.who("Martin O’Malley").person.id == omalley.id
