"""NameIndex: forgiving about how a name is written, honest about whom it fits."""

from __future__ import annotations

import time

import pytest

from briefings.fuzzy import NameIndex, Search
from briefings.name_forms import name_key

# key: (weight, aliases as a corpus would record them)
PEOPLE: dict[int, tuple[float, list[str]]] = {
    1: (50, ["Kim Jong-un", "Kim Jong Un", "Kim", "Chairman Kim"]),
    2: (30, ["Sung Kim", "Kim"]),
    3: (20, ["Kim Gunn"]),
    4: (10, ["Kim Yung-ho", "Kim"]),
    5: (40, ["John Kirby", "Kirby", "Mr. Kirby"]),
    6: (35, ["Antony Blinken", "Blinken", "Secretary of State Antony Blinken"]),
    7: (25, ["Park Jin", "Park"]),
    8: (5, ["Jo Chun Yong"]),
    9: (5, ["Ri Pyong Chol", "Ri"]),
    10: (60, ["Vladimir Putin", "Putin", "President Putin"]),
    11: (3, ["Bashar al-Assad", "Assad"]),
    12: (8, ["Ngozi Okonjo-Iweala", "Okonjo-Iweala"]),
    13: (4, ["Nirmala Sitharaman", "Sitharaman"]),
    14: (6, ["Choe Son-hui", "Choe"]),
    15: (7, ["Mario Lopez"]),
    16: (2, ["Park Jin-woo"]),
    17: (9, ["Søren Müller-Østergaard"]),
    18: (1, ["Ama Mensah"]),
    19: (12, ["Ama Mensah"]),
}


def make_index(people: dict[int, tuple[float, list[str]]] = PEOPLE) -> NameIndex:
    """An index over people given as key -> (weight, aliases)."""
    return NameIndex((key, alias, weight) for key, (weight, aliases) in people.items() for alias in aliases)


@pytest.fixture(scope="module")
def index() -> NameIndex:
    return make_index()


def found_key(result: Search) -> int:
    """The one person a found result names (fails the test otherwise)."""
    assert result.status == "found", result
    assert len(result.hits) == 1
    return result.hits[0].key


def keys(result: Search) -> list[int]:
    return [hit.key for hit in result.hits]


# ---- the key ----------------------------------------------------------------------------------------------------


def test_name_key_ignores_case_hyphens_and_spacing():
    assert name_key("Kim Jong-un") == name_key("Kim Jong Un") == name_key("kim  jong un") == name_key("KIM JONG-UN") == "kim jong un"


def test_name_key_strips_titles_and_honorifics():
    assert name_key("Mr. Kirby") == "kirby"
    assert name_key("Secretary of State Antony Blinken") == "antony blinken"
    assert name_key("Prime Minister Fumio Kishida") == "fumio kishida"
    assert name_key("Supreme Leader Kim Jong Un") == "kim jong un"
    assert name_key("Sen. Warnock") == name_key("Rep. Warnock") == "warnock"


def test_name_key_strips_diacritics_apostrophes_and_possessives():
    assert name_key("José Martínez") == "jose martinez"
    assert name_key("Seán O’Brien") == name_key("Sean O'Brien") == "sean obrien"
    assert name_key("Kirby's") == "kirby"


def test_name_key_keeps_a_lone_title_that_may_be_a_name_but_not_a_lone_honorific():
    assert name_key("King") == "king"
    assert name_key("Mr.") == ""
    assert name_key(" -- ") == ""


# ---- forgiving ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["Kim Jong-un", "kim jong un", "KIM JONG-UN", "Kim Jong Un.", "Supreme Leader Kim Jong-un", "Kim Jongun"])
def test_spelling_of_a_full_name_does_not_matter(index, query):
    assert found_key(index.search(query)) == 1


@pytest.mark.parametrize(("query", "key"), [("jin park", 7), ("Park Jin", 7), ("Un Jong Kim", 1), ("Sitharaman Nirmala", 13)])
def test_word_order_does_not_matter(index, query, key):
    result = index.search(query)
    assert found_key(result) == key
    assert result.hits[0].score == 100


@pytest.mark.parametrize(
    ("query", "key"),
    [("Mr. Kirby", 5), ("Secretary Blinken", 6), ("President Putin", 10), ("Dr. Sitharaman", 13), ("Ambassador Ama Mensah", None)],
)
def test_titles_and_honorifics_in_a_query_are_ignored(index, query, key):
    result = index.search(query)
    if key is None:
        assert result.status == "ambiguous"  # two people are called Ama Mensah: the title does not pick one
    else:
        assert found_key(result) == key


def test_diacritics_and_hyphens_in_aliases_are_matched_plainly(index):
    assert found_key(index.search("soren muller ostergaard")) == 17
    assert found_key(index.search("Okonjo Iweala")) == 12


@pytest.mark.parametrize(
    ("query", "key"), [("kirbi", 5), ("Blinkin", 6), ("Antony Blinkin", 6), ("Sitaraman", 13), ("Sitaramen", 13), ("Vladimir Putni", 10)]
)
def test_small_typos_in_long_words_are_forgiven(index, query, key):
    hit = index.search(query).hits[0]
    assert found_key(index.search(query)) == key
    assert hit.tier == "typo"
    assert hit.score < 100


@pytest.mark.parametrize("query", ["Kirbyyy", "Blnkn", "Kimm", "Ptin"])
def test_typos_beyond_the_allowance_are_not_guessed(index, query):
    # 2 edits in a 7-letter word or a 5-letter word, any edit in a word under 5 letters.
    assert index.search(query).status == "not_found"


@pytest.mark.parametrize(
    ("query", "key"), [("Cho Chun-yong", 8), ("Lee Pyong-chol", 9), ("Yi Pyong Chol", 9), ("Choi Son-hui", 14), ("Pak Jin", 7)]
)
def test_korean_family_name_romanisations_match(index, query, key):
    result = index.search(query)
    assert found_key(result) == key
    assert result.hits[0].tier == "romanisation"


def test_name_particles_are_optional(index):
    assert found_key(index.search("Bashar Assad")) == 11
    assert found_key(index.search("Bashar al Assad")) == 11


# ---- honest -------------------------------------------------------------------------------------------------------


def test_a_family_name_shared_by_several_people_is_ambiguous_ranked_by_weight(index):
    result = index.search("Kim")
    assert result.status == "ambiguous"
    assert keys(result) == [1, 2, 3, 4]


def test_ambiguous_candidates_are_one_per_person_and_respect_the_limit(index):
    result = index.search("Kim", limit=2)
    assert keys(result) == [1, 2]
    assert len(set(keys(index.search("Kim")))) == len(index.search("Kim").hits)


def test_a_family_name_that_fits_one_person_is_found(index):
    assert found_key(index.search("Kirby")) == 5
    assert found_key(index.search("Sitharaman")) == 13
    assert index.search("Kirby").hits[0].tier == "exact"


def test_a_given_name_that_fits_one_person_is_found(index):
    assert found_key(index.search("Nirmala")) == 13


@pytest.mark.parametrize(("query", "suggested"), [("Kim Jong-il", 1), ("Park Geun-hye", 7)])
def test_an_absent_full_name_is_not_found_even_if_it_shares_words(index, query, suggested):
    result = index.search(query)
    assert result.status == "not_found"
    assert suggested in keys(result)
    assert all(hit.tier == "suggestion" for hit in result.hits)


def test_an_unknown_name_is_not_found(index):
    assert index.search("Zelensky").status == "not_found"


def test_a_word_the_corpus_uses_is_not_corrected_into_another_name(index):
    # "Maria" is a real name; turning it into "Mario" would be a confident wrong answer.
    big = make_index({**PEOPLE, 20: (1.0, ["Maria Chen"])})
    result = big.search("Maria Lopez")
    assert result.status == "not_found"
    assert 15 in keys(result)


def test_a_full_name_beats_a_longer_name_that_contains_it(index):
    assert found_key(index.search("Park Jin")) == 7
    assert index.search("Park").status == "ambiguous"


def test_two_people_with_the_same_name_stay_ambiguous_heaviest_first(index):
    result = index.search("Ama Mensah")
    assert result.status == "ambiguous"
    assert keys(result) == [19, 18]


def test_a_name_spelled_exactly_beats_another_persons_romanisation():
    index = make_index({1: (1.0, ["Kim Jong Un"]), 2: (50.0, ["Kim Jung Un"])})
    assert found_key(index.search("Kim Jong-un")) == 1
    assert found_key(index.search("Kim Jung-un")) == 2


def test_one_alias_word_cannot_answer_two_query_words(index):
    assert index.search("Kim Kim").status == "not_found"
    assert index.search("Ri Lee").status == "not_found"
    assert found_key(make_index({1: (1.0, ["Kim Kim-ok"]), 2: (1.0, ["Kim Jong-un"])}).search("Kim Kim")) == 1


def test_a_partial_match_scores_below_a_complete_one(index):
    partial = index.search("Gunn").hits[0]
    assert partial.tier == "partial"
    assert 0 < partial.score < 100


def test_hits_show_the_alias_as_the_corpus_wrote_it(index):
    assert index.search("kim jong un").hits[0].alias == "Kim Jong-un"


# ---- input edges --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["", "   ", "?!.,-", "Mr."])
def test_an_empty_query_is_not_found_without_suggestions(index, query):
    assert index.search(query) == Search("not_found", [])


def test_an_absurdly_long_query_returns_quickly(index):
    started = time.perf_counter()
    for query in ("x" * 1000, "Kim " * 250, "Blinken-" * 125):
        assert index.search(query).status in ("found", "ambiguous", "not_found")
    assert time.perf_counter() - started < 0.5


def test_an_empty_index_finds_nobody():
    assert NameIndex([]).search("Kim") == Search("not_found", [])


def test_len_counts_distinct_aliases_and_weights_take_the_person_maximum():
    index = NameIndex([(1, "Kim Jong-un", 1.0), (1, "Kim Jong Un", 9.0), (1, "Kim", 1.0), (2, "Sung Kim", 5.0), (2, "", 3.0)])
    assert len(index) == 3
    assert keys(index.search("Kim")) == [1, 2]


# ---- particles, titles and typos never make one person out of another ------------------------------------------------

OTHERS: dict[int, tuple[float, list[str]]] = {
    31: (5, ["Karim Saleh", "Saleh"]),
    32: (5, ["Susan Grant", "Grant"]),
    33: (5, ["Omar Faisal Nasser", "Nasser"]),
    34: (5, ["Samir Abdel-Hadi", "Abdel-Hadi"]),
    35: (5, ["Pieter van Dijkstra", "Van Dijkstra"]),
    36: (5, ["Abu Ammar"]),
    37: (5, ["Samer Ammar Soliman"]),
}


@pytest.mark.parametrize("query", ["Abu Karim", "Al Grant", "Prince Faisal", "Faisal", "Abdul Hadi", "Von Grant", "De Saleh"])
def test_a_particle_or_title_before_someone_elses_word_is_not_them(query):
    assert make_index(OTHERS).search(query).status == "not_found"


@pytest.mark.parametrize(
    ("query", "key"), [("Van Dijkstra", 35), ("Dijkstra", 35), ("Abu Ammar", 36), ("Abdel Hadi", 34), ("Samir Abdel Hadi", 34)]
)
def test_a_particle_that_is_part_of_the_name_finds_its_owner(query, key):
    assert found_key(make_index(OTHERS).search(query)) == key


def test_a_typo_reaches_only_a_whole_name():
    index = make_index(OTHERS)
    assert found_key(index.search("Samir Abdel-Hadii")) == 34
    assert index.search("Samirr Abdel-Hadi").status == "not_found"
    assert index.search("Abdul Hadi").status == "not_found"


def test_a_leading_particle_must_stand_before_the_word_it_names():
    index = make_index({**OTHERS, 38: (5, ["Paul Van Himst"]), 39: (5, ["Wilfried Van Moer", "Van Moer"])})
    assert index.search("Van Paul").status == "not_found"
    assert found_key(index.search("Van Moer")) == 39
    assert found_key(index.search("Van Himst")) == 38
