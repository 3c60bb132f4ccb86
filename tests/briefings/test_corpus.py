"""Loading and cleaning: the seeds, and articles of our own in other outlets' house styles."""

from __future__ import annotations

import re

import pytest

from briefings.corpus import ArticleError, parse_article
from tests.conftest import SEEDS

FURNITURE_WORDS = re.compile(
    r"^(facebook|twitter|kakao|naver|band|pinterest|link copied|scroll to top|view|related|ranking|recommendation)$"
    r"|all rights reserved|\(end\)|^\(c\)|copyright|veryGood",
    re.I | re.M,
)


def seed(name_prefix: str):
    path = next(SEEDS.glob(f"{name_prefix}*.txt"))
    return parse_article(path.read_bytes(), file=path.name)


def all_seeds():
    return [parse_article(p.read_bytes(), file=p.name) for p in sorted(SEEDS.glob("*.txt"))]


# --- the seeds -------------------------------------------------------------------------------


def test_seed_bodies_hold_no_page_furniture_captions_or_other_stories():
    for article in all_seeds():
        text = "\n".join(article.body)
        assert not FURNITURE_WORDS.search(text), article.file
        for caption in article.captions:
            assert caption not in text, article.file
        # Other stories' headlines from link lists never reach the body.
        assert "Sheryl Sandberg" not in text and "Justin Bieber" not in text
        assert article.headline not in article.body


def test_seed_yonhap_story_metadata_from_dateline_byline_and_page_line():
    a = seed("000")
    assert a.headline.startswith("Blinken says Russia providing technology")
    assert a.update_label == "4th LD"
    assert "Yonhap" in a.outlet
    assert a.authors == ["Kim Seung-yeon", "Yi Wonju"]
    assert a.dateline_place == "Seoul"
    assert a.published.date.iso() == "2023-11-09" and a.published.confidence == "high"
    assert a.editor_notes and a.editor_notes[0].startswith("(ATTN")
    assert len(a.captions) == 3
    assert a.body[0].startswith("Russia is providing")  # dateline stripped from the lead


def test_seed_korea_herald_story_uses_masthead_and_published_line():
    a = seed("001")
    assert a.outlet == "The Korea Herald"
    assert a.wire == "Yonhap"
    assert a.published.date.iso() == "2023-09-14"
    assert len(a.captions) == 1 and a.captions[0].count("(Yonhap)") == 1  # printed twice on the page
    assert a.body[0].startswith("The United States is concerned")
    assert a.body[-1].endswith('"if it\'s appropriate."')  # trailing (Yonhap) credit removed


def test_seed_republished_ap_story_keeps_the_page_date_as_low_confidence_only():
    a = seed("002")
    assert a.outlet == "AP"
    assert a.site == "Thrive Capital Insights"
    assert a.published.date is None
    assert a.page_date.iso() == "2025-04-18"
    assert a.authors == ["Litvinova"]
    assert "Hyung-jin Kim" in a.contributors
    assert a.headline.startswith("South Korea expresses")
    assert not any("reported from" in p for p in a.body)


def test_seed_story_without_dateline_is_dated_from_its_caption():
    a = seed("003")
    assert a.published.date.iso() == "2023-10-17"
    assert a.published.source == "photo caption"
    assert a.update_label == "3rd LD"
    assert "Yonhap" in a.outlet
    assert not any("shakes hands" in p for p in a.body)


def test_seed_dateline_without_year_keeps_the_year_unknown():
    a = seed("004")
    assert a.outlet == "Korea Bizwire"
    assert a.dateline_place == "Washington"
    d = a.published.date
    assert (d.year, d.month, d.day) == (None, 9, 20)
    assert d.iso() == "--09-20"
    assert a.headline_source == "lead"


# --- other house styles ------------------------------------------------------------------------

REUTERS_STYLE = """\
Home > World > Asia Pacific
Japan and Philippines sign troop access pact

By Tim Kelly and Karen Lema
3 minute read
July 8, 2024 6:15 AM GMT+9
Share
Print

MANILA, July 8 (Reuters) - Japan and the Philippines signed a defence pact on Monday that allows \
their troops to be deployed on each other's soil, as the two countries deepen ties amid shared concerns over China.

"This is a landmark agreement," Philippine Defence Secretary Gilberto Teodoro said at the signing ceremony in Manila.

Japanese Foreign Minister Yoko Kamikawa called the deal a milestone for regional security and stability.

Reporting by Tim Kelly; Editing by Ed Davies
Our Standards: The Thomson Reuters Trust Principles.
Most Read
Markets slide as investors await inflation data
Star striker completes record transfer
Read Next
Heatwave grips southern Europe
"""

GUARDIAN_STYLE = """\
The Observer
Ministers meet in Berlin over energy crisis
This article is more than 2 years old
Jane Doe in Berlin
Sun 12 Mar 2023 09.00 GMT
  • Facebook
  • Email
  • LinkedIn

European energy ministers met in Berlin on Saturday to discuss a joint plan for gas storage ahead of next winter, \
officials said, as prices remained volatile across the continent.

▲ German economy minister Robert Habeck (C) arrives for the meeting in Berlin on March 11, 2023. Photograph: Reuters

"We must act together," Habeck told reporters after the talks, adding that the plan would be ready by the summer.

© 2023 Guardian News & Media Limited or its affiliated companies. All rights reserved.
Related stories
Gas prices fall to lowest level since 2021
Heat pumps: what you need to know
Back to top
"""

AFP_STYLE = """\
Chile elects new leader in tight run-off
SANTIAGO, Chile (AFP) – Chileans voted on Sunday in a run-off election seen as the closest in decades, \
with both candidates promising to tackle crime and the cost of living.
Polls closed at 6:00 pm and counting began immediately, the electoral service said in a statement.
The winner will take office in March.
Copyright AFP. All rights reserved.
Recommended for you
Floods hit southern Brazil
"""


BBC_STYLE = """\
Skip to content
Home
News
Sport
Kenya protests: Parliament partly set on fire as police open fire

By Anne Soy
BBC Africa senior correspondent, Nairobi
25 June 2024
Share
Save

Image source, Getty Images
Image caption, Protesters stormed parliament in Nairobi on Tuesday
Protesters in Kenya's capital, Nairobi, have stormed parliament and set part of it on fire, as MPs voted to pass controversial tax increases.

Police opened fire on the demonstrators, and at least five people were killed, witnesses said.

"We will not allow this to continue," President William Ruto said in a televised address on Tuesday evening.

More on this story
Why are Kenyans protesting?
Kenya's president under pressure
Related Topics
Kenya
Africa
Top stories
Flights resume after outage
Copyright 2024 BBC. All rights reserved.
"""


def test_bbc_style_menu_photo_credit_and_caption_lines():
    a = parse_article(BBC_STYLE.encode(), file="bbc.txt")
    assert a.headline == "Kenya protests: Parliament partly set on fire as police open fire"  # not the menu's `Home`
    assert a.outlet == "BBC" and a.authors == ["Anne Soy"]
    assert a.published.date.iso() == "2024-06-25"
    assert a.captions == ["Protesters stormed parliament in Nairobi on Tuesday"]
    text = "\n".join(a.body)
    assert text.startswith("Protesters in Kenya's capital")
    assert "Getty Images" not in text and "Why are Kenyans protesting" not in text and "Flights resume" not in text


def test_reuters_style_page_is_cleaned_and_described():
    a = parse_article(REUTERS_STYLE.encode(), file="reuters.txt")
    assert a.headline == "Japan and Philippines sign troop access pact"
    assert a.outlet == "Reuters"
    assert a.authors == ["Tim Kelly", "Karen Lema"]
    assert a.dateline_place == "Manila"
    assert a.published.date.iso() == "2024-07-08"
    text = "\n".join(a.body)
    assert "Share" not in a.body and "Print" not in a.body
    assert "Markets slide" not in text and "Heatwave" not in text
    assert a.body[0].startswith("Japan and the Philippines signed")
    assert "Yoko Kamikawa" in text


def test_guardian_style_page_keeps_caption_apart_and_drops_link_list():
    a = parse_article(GUARDIAN_STYLE.encode(), file="guardian.txt")
    assert a.headline == "Ministers meet in Berlin over energy crisis"
    assert a.outlet == "The Observer"
    text = "\n".join(a.body)
    assert "Habeck (C) arrives" not in text
    assert any("Habeck (C) arrives" in c for c in a.captions)
    assert "Gas prices fall" not in text and "Back to top" not in text
    assert "rights reserved" not in text.lower() and "LinkedIn" not in text
    assert text.startswith("European energy ministers met in Berlin")


def test_afp_style_dateline_credit_gives_place_and_outlet():
    a = parse_article(AFP_STYLE.encode(), file="afp.txt")
    assert a.outlet == "AFP"
    assert a.dateline_place == "Santiago, Chile"
    assert a.published.date is None and a.published.confidence == "none"
    assert a.body[-1] == "The winner will take office in March."
    assert "Floods hit" not in "\n".join(a.body)


# --- bad input ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"   \n\n  ", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary"),
    ],
)
def test_unusable_files_are_refused_with_a_reason(data, reason):
    with pytest.raises(ArticleError, match=reason):
        parse_article(data)


def test_latin1_file_is_read_with_a_warning():
    text = "Caf\xe9 owners protest new tax\n\nPARIS, May 2 (AFP) -- Caf\xe9 owners marched through Paris on Tuesday against a new tax on terraces, the organisers said."
    a = parse_article(text.encode("latin-1"))
    assert "Café" in a.headline
    assert any("not UTF-8" in w for w in a.warnings)


def test_article_without_headline_uses_its_lead_and_says_so():
    a = parse_article(
        b"BERLIN, Jan. 3 (dpa) -- The German government approved a new budget on Wednesday after weeks of talks between the coalition parties."
    )
    assert a.headline_source == "lead"
    assert a.headline.startswith("The German government approved")
    assert any("no headline" in w for w in a.warnings)
