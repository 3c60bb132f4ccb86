"""Dates as the text states them, resolved against the article's date and the tense."""

from __future__ import annotations

import pytest

from briefings.corpus import parse_article
from briefings.dates import PartialDate, resolve_when

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
