"""Dates as the text states them, resolved against the article's date and the tense."""

from __future__ import annotations

from typing import get_args

import pytest

from briefings.corpus import parse_article
from briefings.daterange import TimexKind
from briefings.dates import PartialDate, resolve_when
from briefings.timex import RULES

THURSDAY = PartialDate(2023, 11, 9)  # Thursday, Nov. 9, 2023


def one(text: str, anchor: PartialDate | None = THURSDAY) -> PartialDate | None:
    ranges = resolve_when(text, anchor)
    assert len(ranges) == 1, ranges
    return ranges[0].as_partial()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the minister said Tuesday", "2023-11-07"),  # past tense: the Tuesday before
        ("he met the envoy on Wednesday", "2023-11-08"),
        ("the talks on Thursday", "2023-11-09"),  # the article's own day
        ("she will visit Seoul on Tuesday", "2023-11-14"),  # future tense: the Tuesday ahead
        ("the delegation is due to arrive Saturday", "2023-11-11"),
        ("the summit next Monday", "2023-11-13"),
        ("talks on Oct. 17, 2023", "2023-10-17"),
        ("a meeting on Oct. 17", "2023-10-17"),  # no year: the article's year
        ("on Dec. 28", "2022-12-28"),  # no year, late in the year before a November article? no: same year
        ("last month's rare summit", "2023-10"),
        ("the rare September summit", "2023-09"),
        ("in March 2021", "2021-03"),
        ("yesterday", "2023-11-08"),
    ],
)
def test_expressions_resolve_against_the_article_date(text, expected):
    got = one(text)
    if text == "on Dec. 28":
        expected = "2023-12-28"  # a date less than half a year ahead stays in the article's year
    assert got.iso() == expected


def test_week_phrases_give_ranges():
    (earlier,) = resolve_when("earlier this week", THURSDAY)
    assert (earlier.lo, earlier.hi) == ((2023, 11, 6), (2023, 11, 9))
    (later,) = resolve_when("Austin will visit later this week", THURSDAY)
    assert (later.lo, later.hi) == ((2023, 11, 9), (2023, 11, 12))
    (last,) = resolve_when("last week's summit", THURSDAY)
    assert (last.lo, last.hi) == ((2023, 10, 30), (2023, 11, 5))


def test_january_article_reads_december_as_last_year():
    assert one("the vote on Dec. 30", PartialDate(2024, 1, 3)).iso() == "2023-12-30"


def test_without_an_article_year_nothing_is_invented():
    no_year = PartialDate(None, 9, 20)
    assert one("talks on Sept. 14", no_year).iso() == "--09-14"
    assert one("last month", no_year).iso() == "--08"
    (weekday,) = resolve_when("said Wednesday", no_year)
    assert weekday.weekday == 2 and not weekday.year_known
    (undated,) = resolve_when("on Wednesday", None)
    assert undated.weekday == 2 and undated.as_partial() is None


@pytest.mark.parametrize(
    ("lead", "place", "date", "outlet"),
    [
        (
            "SEOUL, Nov. 9 (Yonhap) -- Officials met on Thursday to discuss the plan in detail, the ministry said.",
            "Seoul",
            "--11-09",
            "Yonhap",
        ),
        (
            "MANILA, July 8, 2024 (Reuters) - Officials met on Monday to discuss the plan in detail, the ministry said.",
            "Manila",
            "2024-07-08",
            "Reuters",
        ),
        (
            "PARIS, 3 March 2025 (AFP) – Officials met on Monday to discuss the plan in detail, the ministry said.",
            "Paris",
            "2025-03-03",
            "AFP",
        ),
        (
            "WASHINGTON (AP) — Officials met on Monday to discuss the plan in detail, the ministry said on Tuesday.",
            "Washington",
            None,
            "AP",
        ),
        ("TOKYO, Jan. 5 (Kyodo) -- Officials met on Friday to discuss the plan in detail, the ministry said.", "Tokyo", "--01-05", "Kyodo"),
    ],
)
def test_datelines_of_several_outlets(lead, place, date, outlet):
    article = parse_article(
        f"Officials meet to discuss the plan\n\n{lead}\n\nA second paragraph follows with more detail on what was agreed.".encode()
    )
    assert article.dateline_place == place
    assert (article.published.date.iso() if article.published.date else None) == date
    assert article.outlet == outlet


def value(text: str, anchor: PartialDate | None = THURSDAY, *, at: str | None = None) -> str | None:
    """The value of the expression `at` (default: the only one) in `text`."""
    ranges = resolve_when(text, anchor)
    if at is not None:
        ranges = [r for r in ranges if r.text == at]
    assert len(ranges) == 1, ranges
    got = ranges[0].as_partial()
    return got.iso() if got else None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The company was founded in 1953.", "1953"),  # a year is a year, not a day
        ("Sales rose 4% in 2009, the filing shows.", "2009"),
        ("Output is expected to recover by early 2011.", "2011"),
        ("In fiscal 1989, the group earned $7.8 million.", "1989"),
        ("the dispute dates from mid-1996", "1996"),
        ("the '58 champions", "1958"),
        ("It happened in March 2021.", "2021-03"),
        ("the deal announced on Friday, Oct. 20", "2023-10-20"),  # one expression, not a date and a weekday
        ("an accord signed last Dec. 23", "2022-12-23"),  # `last`: the latest Dec. 23 before the article
        ("an accord signed last Oct. 23", "2023-10-23"),
    ],
)
def test_years_and_explicit_dates_keep_their_precision(text, expected):
    assert value(text) == expected


@pytest.mark.parametrize(
    ("text", "anchor", "expected"),
    [
        ("The plant opened four years ago.", THURSDAY, "2019"),
        ("Prices were higher a year ago.", THURSDAY, "2022"),
        ("Two weeks earlier, the envoy had visited Tokyo.", THURSDAY, "2023-10-26"),
        ("The fire started 10 days ago, officials said.", THURSDAY, "2023-10-30"),
        ("Exports fell five months ago.", THURSDAY, "2023-06"),
        ("The minister had arrived in Hanoi the day before.", THURSDAY, "2023-11-08"),
        ("the previous year", THURSDAY, "2022"),
    ],
)
def test_counted_offsets_count_from_the_article_date(text, anchor, expected):
    assert value(text, anchor) == expected


def test_a_day_counted_from_another_event_is_not_guessed():
    assert resolve_when("two days before the election", THURSDAY) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The verb that governs the weekday decides, not a `would` elsewhere in the sentence.
        ("Smith said Friday that he would seek a second term.", "2023-11-03"),
        ("Smith said he would seek a second term on Friday.", "2023-11-10"),
        ("On Monday, the minister will travel to Jakarta.", "2023-11-13"),
        ("On Monday, the minister travelled to Jakarta.", "2023-11-06"),
        ("The talks are to be held Saturday in Geneva.", "2023-11-11"),
        ("The agency, which reported the figures Tuesday, expects growth to slow.", "2023-11-07"),
        ("Japan on Saturday also indicated it would not back the measure.", "2023-11-04"),  # `also` hides no verb
        ("The talks will also be held on Saturday.", "2023-11-11"),
        ("Under the agreement, announced Friday, holders would receive $42 a share.", "2023-11-03"),
    ],
)
def test_tense_comes_from_the_governing_verb(text, expected):
    assert value(text) == expected


def test_last_weekday_in_an_article_of_that_weekday_is_a_week_back():
    wednesday = PartialDate(2023, 11, 8)
    assert value("The board met last Wednesday.", wednesday) == "2023-11-01"
    assert value("The board met on Wednesday.", wednesday) == "2023-11-08"
    assert value("The board will meet next Wednesday.", wednesday) == "2023-11-15"


@pytest.mark.parametrize(
    ("text", "anchor", "expected"),
    [
        ("The law took effect last May.", PartialDate(2023, 3, 14), "2022-05"),
        ("The law took effect last May.", PartialDate(2023, 8, 14), "2023-05"),
        ("Elections are due this September.", PartialDate(2023, 3, 14), "2023-09"),
        ("The scheme runs through June.", PartialDate(2023, 3, 14), "2023-06"),  # no tense: the nearest June
        ("The company expects to release the figures in mid-November.", PartialDate(2023, 10, 2), "2023-11"),
        ("Exports slumped in November.", PartialDate(2024, 2, 2), "2023-11"),
        ("The year ended March 31.", PartialDate(2023, 11, 20), "2023-03-31"),  # past: not next March
        ("The plant will reopen on March 31.", PartialDate(2023, 11, 20), "2024-03-31"),
        ("Sales fell in June last year.", PartialDate(2023, 3, 14), "2022-06"),
        ("Inflation peaked in January this year.", PartialDate(2023, 3, 14), "2023-01"),
        ("The accord was signed on August 1 last year.", PartialDate(2023, 3, 14), "2022-08-01"),
        ("Beginning July 1, unleaded petrol will be sold at 300 stations.", PartialDate(2023, 11, 20), "2024-07-01"),
        ("The bank created a new board, effective Feb. 1.", PartialDate(2023, 10, 26), "2024-02-01"),  # a start date
    ],
)
def test_months_follow_last_this_and_tense(text, anchor, expected):
    assert value(text, anchor, at=next(r.text for r in resolve_when(text, anchor) if r.kind in ("month", "explicit"))) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Shares rose today.", "2023-11-09"),
        ("The vote was held yesterday.", "2023-11-08"),
        ("Rescuers worked through last night.", "2023-11-08"),
        ("The talks resume tomorrow morning.", "2023-11-10"),
        ("Profits doubled this year.", "2023"),
        ("The merger should close by the end of the year.", "2023"),
        ("Output rose 3% last year.", "2022"),
        ("Sales rose from the year-ago level.", "2022"),
        ("the plan was announced this morning", "2023-11-09"),
    ],
)
def test_day_words_and_years_relative_to_the_article(text, expected):
    assert value(text) == expected


def test_numbers_that_count_things_are_not_years():
    assert resolve_when("Some 1500 troops and 2000 workers were deployed at 1530 GMT.", THURSDAY) == []
    assert resolve_when("It cost $1990 per tonne, up 2.5%.", THURSDAY) == []


def test_may_the_verb_is_not_a_month():
    assert resolve_when("Officials said the talks may resume soon.", THURSDAY) == []
    assert value("The talks resumed in May.", THURSDAY) == "2023-05"


def test_a_bound_is_marked_as_one():
    (since,) = resolve_when("North Korea has tested missiles since 2022.", THURSDAY)
    assert since.as_partial().iso() == "2022" and since.bound == "since"
    (plain,) = resolve_when("North Korea tested missiles in 2022.", THURSDAY)
    assert plain.bound == ""


def test_narrative_offsets_count_from_the_date_just_named():
    text = "On May 22, 1995, Farkas was made a brigadier general, and the following year he was posted to Washington."
    assert value(text, at="the following year") == "1996"
    quarter = "For the quarter ended Sept. 30, net income rose to $133 million from $100 million a year earlier."
    assert value(quarter, PartialDate(2023, 10, 26), at="a year earlier") == "2022-09-30"
    assert value("Imports totaled $37 million in 1988, a small share of all imports that year.", at="that year") == "1988"
    # With no date named before it, `a year earlier` counts from the article's date.
    assert value("A year earlier the firm earned $2.4 million.") == "2022"


def test_years_as_broadcasts_say_them():
    assert value("Keating was convicted in nineteen ninety-one.") == "1991"
    assert value("a promise to halve unemployment by the year two thousand") == "2000"
    assert value("January nineteen ninety-seven.") == "1997-01"
    assert resolve_when("Two thousand refugees crossed the border.", THURSDAY) == []


@pytest.mark.parametrize(
    ("text", "anchor", "expected"),
    [
        ("Shoppers crowded the malls on Christmas Eve.", PartialDate(2024, 1, 3), "2023-12-24"),
        ("Shoppers crowded the malls on Christmas Eve.", THURSDAY, "2023-12-24"),  # within the slack: this year's
        ("The ceasefire is to hold through Christmas.", THURSDAY, "2023-12-25"),
        ("Pilgrims gathered for Easter 2024.", THURSDAY, "2024-03-31"),
        ("The store opens on Thanksgiving.", THURSDAY, "2023-11-23"),
        ("the Y2K scare before the year 2000", THURSDAY, "2000"),
        ("Sales recovered in 1998's first quarter.", THURSDAY, "1998"),
        ("The club met this past Sunday.", THURSDAY, "2023-11-05"),
    ],
)
def test_holidays_and_year_forms(text, anchor, expected):
    assert value(text, anchor) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The suspect was arrested on 9/26/1999.", "1999-09-26"),  # month first, as American papers write it
        ("Filed 26/9/2023 in Lagos.", "2023-09-26"),  # a first number above 12 is the day
    ],
)
def test_numeric_dates(text, expected):
    assert value(text) == expected


@pytest.mark.parametrize(
    ("text", "first", "expected"),
    [
        ("The talks ran Sept. 14-18, 2010, in Geneva.", "Sept. 14", "2010-09-14"),  # the year belongs to the whole span
        ("Fighting raged in May and June 2011.", "May", "2011-05"),
        ("Shares rose from Aug. 26 to Oct. 20, 1989.", "Aug. 26", "1989-08-26"),
    ],
)
def test_a_span_shares_its_year(text, first, expected):
    assert value(text, at=first) == expected


def test_two_months_stay_two_dates():
    # `failed attempts in May and August`: two events, not one in May.
    assert [r.as_partial().iso() for r in resolve_when("after failed attempts in May and August", THURSDAY)] == ["2023-05", "2023-08"]


def test_a_fraction_is_not_a_date():
    assert resolve_when("A 2/3 majority is needed.", THURSDAY) == []


def test_names_with_a_day_in_them_are_not_days():
    (monday,) = resolve_when("The Sunday Times reported on Monday that Bloody Sunday files were found.", THURSDAY)
    assert monday.text == "Monday" and monday.as_partial().iso() == "2023-11-06"
    assert resolve_when("Super Tuesday primaries", THURSDAY) == []


@pytest.mark.parametrize(
    "anchor", [None, PartialDate(2024, 2, 29), PartialDate(1, 1, 1), PartialDate(9999, 12, 31), PartialDate(None, 2, 29)]
)
@pytest.mark.parametrize(
    "text",
    ["Feb. 30", "31 April 2023", "13/13/2013", "some 4,000 years ago", "100,000 days later", "the day after next month", "Sunday, Feb. 29"],
)
def test_impossible_or_extreme_dates_give_no_date_rather_than_an_error(text, anchor):
    for r in resolve_when(text, anchor):
        got = r.as_partial()
        assert got is None or got.year is None or 1 <= got.year <= 9999


def test_thousands_are_counted_whole():
    assert value("The temple was built more than 1,400 years ago.", PartialDate(2006, 12, 28)) == "0606"
    assert resolve_when("Humans settled here some 4,000 years ago.", PartialDate(2006, 12, 28)) == []


def test_a_possessive_is_not_part_of_the_expression():
    assert [r.text for r in resolve_when("Friday's vote and last week's summit were today's news.", THURSDAY)] == [
        "Friday",
        "last week",
        "today",
    ]


@pytest.mark.parametrize(
    "text",
    ["Police met in Mar del Plata.", "Texas Eastern Corp. sold its stake.", "fears of Christmas attacks", "the Christmas-New Year period"],
)
def test_words_that_only_look_like_dates(text):
    assert resolve_when(text, THURSDAY) == []


def values(text: str, anchor: PartialDate | None = THURSDAY) -> list[tuple[str, str | None]]:
    return [(r.text, r.as_partial().iso() if r.as_partial() else None) for r in resolve_when(text, anchor)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Police said the shooting happened around 7:15 p.m., outside a bakery.", [("around 7:15 p.m.", "2023-11-09")]),  # AP
        ("By mid-afternoon, the fire was under control, officials said.", [("By mid-afternoon", "2023-11-09")]),  # BBC
        ("The blast on Oct. 3 struck at 9 a.m. near the market.", [("Oct. 3", "2023-10-03"), ("at 9 a.m.", "2023-10-03")]),  # Reuters
        ("The offer expires at 5 p.m. EST, Nov. 20.", [("Nov. 20", "2023-11-20")]),  # WSJ: the date says which day
        ("The vote will close at noon Friday.", [("noon Friday", "2023-11-10")]),  # the weekday rule reads it whole
    ],
)
def test_a_time_of_day_is_valued_by_its_day(text, expected):
    assert values(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Today is the eighth day of the strike at the port.", [("Today", "2023-11-09"), ("the eighth day", "2023-11-09")]),
        ("It's the second day of the offensive against the villages.", [("the second day", "2023-11-09")]),
        ("The third day of talks was tense, a delegate recalled.", []),  # some day the text does not give
    ],
)
def test_the_nth_day_under_a_present_copula_is_the_article_day(text, expected):
    assert values(text) == expected


def test_the_day_set_beside_a_date_is_that_date():
    got = values("Shares fell after Oct. 12, the day before the market plunge, dealers said.")
    assert got == [("Oct. 12", "2023-10-12"), ("the day", "2023-10-12")]
    assert values("He said the day was long.") == []  # no date named beside it


def test_an_elided_last_after_this_unit_is_the_unit_before():
    got = values("The bank expects twice the dividend this year as last, its chairman said.")
    assert got == [("this year", "2023"), ("last", "2022")]
    assert values("It was his last, he said this year.") == [("this year", "2023")]


def test_a_year_earlier_than_the_telling_weekday_counts_from_the_article():
    # Earnings copy: `said Friday` dates the statement; `a year earlier` is the year before, not a day.
    got = values("The company said Friday it lost $3 million, compared with a profit a year earlier.", PartialDate(1989, 10, 30))
    assert got == [("Friday", "1989-10-27"), ("a year earlier", "1988")]
    got = values("Sales rose 5% in the quarter ended Sept. 30 from a year earlier.", PartialDate(1989, 10, 30))
    assert got[-1] == ("a year earlier", "1988-09-30")  # from a date the text names: at its precision


def test_every_kind_of_date_phrase_is_a_typed_kind():
    # `resolve_when` tells what each phrase was; a pattern of a kind the type does not list would
    # hand callers (the events' date evidence, the dates bench) a kind they do not expect.
    kinds = set(get_args(TimexKind))
    assert {rule.kind for rule in RULES} <= kinds
    found = resolve_when("On Oct. 17, 2023, a day after last week's talks, he said in May 1998 that two years ago", None)
    assert found and {d.kind for d in found} <= kinds
