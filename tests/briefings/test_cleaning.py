"""The plain-text cleaner on pages as scrapers save them: menus, link lists, comments, short-line stories.

Each page is written here in one outlet's house style; the rules under test are general (shapes of
lines), never these strings.
"""

from __future__ import annotations

from briefings.corpus import parse_article

STORY = [
    "Container traffic through the harbour rose 12 percent in the first quarter, the fastest growth since the pandemic, the port authority said on Tuesday.",
    "Officials credited a new customs system that cut the average clearance time for a container from three days to under eight hours.",
    "\u201cCarriers are coming back because the port works again,\u201d said Maria Okafor, the authority's chief executive.",
    "Unions welcomed the figures but said dock workers had not seen their pay rise with the traffic, and talks on a new contract resume next week.",
]
MENU = ["Skip to content", "Harbour Times - Back to home", "Sections", "Home", "News", "Business", "Sport", "Search", "Subscribe"]


def clean(*lines: str):
    return parse_article("\n".join(lines).encode(), file="page.txt")


def test_headline_is_never_a_menu_or_accessibility_line_and_the_site_is_the_outlet():
    a = clean(
        *MENU,
        "Port traffic rebounds as customs wait falls",
        "By Jane Doe",
        "March 5, 2024",
        *STORY,
        "© 2024 Coastal Media Group Inc. All rights reserved.",
    )
    assert a.headline == "Port traffic rebounds as customs wait falls"
    assert a.outlet == "Harbour Times"  # the site, not the copyright holder's company
    assert a.body == STORY and a.authors == ["Jane Doe"]


def test_a_link_list_heading_ends_only_the_list_under_it():
    a = clean(
        "Port traffic rebounds as customs wait falls",
        STORY[0],
        STORY[1],
        "More On:",
        "Rail fares to rise in spring",
        "Ferry operator cuts winter sailings",
        STORY[2],
        STORY[3],
    )
    assert a.body == STORY


def test_a_latest_heading_above_the_article_itself_keeps_the_article():
    a = clean(*MENU, "Latest", "Port traffic rebounds as customs wait falls", "By Jane Doe", *STORY)
    assert a.headline == "Port traffic rebounds as customs wait falls" and a.body == STORY


def test_comment_sections_share_prompts_and_sponsored_blocks_are_furniture():
    a = clean(
        "Port traffic rebounds as customs wait falls",
        *STORY,
        "Click to share on Twitter (Opens in new window)",
        "Click to share on Facebook (Opens in new window)",
        "We Recommend",
        "Ten things you never knew about cargo ships",
        "This one trick cuts your energy bill in half",
        "Around The Web",
        "Doctors stunned by this simple morning habit",
        "Why retirees are flocking to this small town",
        "14 Comments",
        "harbourwatcher · 2 hours ago",
        "I have worked on these docks for thirty years and I have never seen the place this busy, good news for everyone.",
        "Reply",
        "shipfan · 1 hour ago",
        "Pay the workers more then, the figures show the port can afford it and the unions are right to push for it.",
        "Reply",
    )
    assert a.body == STORY


def test_copyright_inside_a_sentence_is_prose():
    sentence = "The musicians sued the label for copyright infringement, saying the chorus had been copied from a 1998 recording."
    a = clean("Band sues label over chorus", STORY[0], sentence, STORY[1], "Copyright 2024 The Harbour Times")
    assert sentence in a.body and not any("Copyright 2024" in p for p in a.body)


def test_results_table_of_short_lines_keeps_its_body():
    lines = [
        "Soccer-English Premier League results",
        "Jan 14 (Reuters) - English Premier League results on Sunday",
        "Arsenal 2 Chelsea 1",
        "Everton 0 Liverpool 3",
        "Fulham 1 Brentford 1",
        "Tottenham 4 Burnley 0",
        "Played on Saturday",
        "Wolves 2 Newcastle 2",
    ]
    a = clean(*lines)
    assert a.headline == "Soccer-English Premier League results"
    assert "Arsenal 2 Chelsea 1" in a.body and "Wolves 2 Newcastle 2" in a.body and len(a.body) >= 6


def test_squad_list_keeps_its_body():
    a = clean(
        "Rugby-Ireland name squad for Six Nations opener",
        "Jan 17 (Reuters) - Ireland squad for the Six Nations match against France in Marseille on Feb. 2:",
        "Forwards: Ronan Kelleher, Dan Sheehan, Andrew Porter, Tadhg Furlong",
        "Backs: Jamison Gibson-Park, Jack Crowley, Bundee Aki, James Lowe",
        "Replacements: Rob Herring, Cian Healy, Finlay Bealham",
    )
    assert len(a.body) == 4 and a.body[-1].startswith("Replacements:")


def test_text_whose_sentences_end_in_cjk_or_devanagari_marks_keeps_its_body():
    ja = [
        "港の取扱量が増加",
        "港湾局によると、第1四半期のコンテナ取扱量は12%増えた。",
        "新しい通関システムで待ち時間が短くなった。",
        "労働組合は賃上げを求めている。",
    ]
    a = clean(*ja)
    assert a.headline == "港の取扱量が増加" and a.body == ja[1:]
    hi = [
        "बंदरगाह पर कंटेनर यातायात बढ़ा",
        "बंदरगाह प्राधिकरण ने कहा कि यातायात बारह प्रतिशत बढ़ा।",
        "नई सीमा शुल्क प्रणाली से समय घटा।",
        "यूनियनों ने वेतन वृद्धि की मांग की।",
    ]
    b = clean(*hi)
    assert b.body == hi[1:]


def test_authors_are_names_only_and_found_without_by():
    a = clean("Port traffic rebounds as customs wait falls", "By Jane Doe March 18 at 3:57 PM Follow @janedoe", *STORY)
    assert a.authors == ["Jane Doe"]
    b = clean(*MENU, "Port traffic rebounds as customs wait falls", "Jane Doe and Sam Lee", *STORY)
    assert b.authors == ["Jane Doe", "Sam Lee"] and b.headline == "Port traffic rebounds as customs wait falls"


def test_a_wire_reporters_sign_off_under_the_story_names_the_author_and_is_not_story():
    a = clean("Port traffic rebounds as customs wait falls", *STORY, "-- Jane Doe, Harbour City Newsroom +44 20 7542 1234")
    assert a.authors == ["Jane Doe"] and a.body == STORY
    b = clean("Port traffic rebounds as customs wait falls", *STORY, "-- Harbour City newsdesk, 312 408-8787")
    assert b.authors == [] and b.body == STORY
    # A sentence that opens with a dash is the story's, whatever it holds.
    c = clean(
        "Port traffic rebounds as customs wait falls",
        *STORY,
        "-- Dock workers, who earn about 1,200 pounds a week, said talks at the desk of the port's chief would resume.",
    )
    assert c.body[-1].startswith("-- Dock workers")


def test_published_date_is_the_articles_own_line_not_an_update_or_another_storys():
    a = clean(
        *MENU,
        "Rail fares to rise in spring",
        "January 30, 2024",
        "Port traffic rebounds as customs wait falls",
        "Last updated: March 7, 2024",
        "March 5, 2024",
        *STORY,
        "Related",
        "Ferry operator cuts winter sailings",
        "February 2, 2024",
    )
    assert a.published.date.iso() == "2024-03-05"


def test_headline_is_not_a_byline_time_share_row_or_photo_credit_between_it_and_the_story():
    a = clean(
        *MENU,
        "Port traffic rebounds as customs wait falls",
        "Tom Krisher, AP Auto Writer",
        "Updated",
        "1:39 am EST, Wednesday, March 6, 2024",
        "Share on: Facebook Twitter Reddit",
        "Cranes unload a container ship at dawn. (Harbour Authority)",
        "Catherine Shu @catherineshu / 2 days",
        *STORY,
    )
    assert a.headline == "Port traffic rebounds as customs wait falls"
    assert a.body == STORY


def test_a_navigation_row_on_one_line_is_not_the_headline():
    a = clean("Sections Home Search Skip to content", "The Harbour Times - Back to home", "Port traffic rebounds", *STORY)
    assert a.headline == "Port traffic rebounds" and a.outlet == "The Harbour Times"


def test_wordpress_and_forum_comment_sections_never_outweigh_a_short_story():
    comments = []
    for n in range(8):
        comments += [
            f"reader{n} says:",
            "March 5, 2024 at 9:0{n} am",
            f"Comment number {n}: the port has been a mess for years and the figures will not last, mark my words on this one.",
        ]
    a = clean(
        "Port traffic rebounds as customs wait falls", *STORY[:2], "Follow on Twitter", "[ 24 comments ]", "Top Rated Comments", *comments
    )
    assert a.body == STORY[:2]
    b = clean(
        "Port traffic rebounds as customs wait falls", *STORY[:2], "8 responses to “Port traffic rebounds as customs wait falls”", *comments
    )
    assert b.body == STORY[:2]


def test_the_headline_is_the_line_above_that_shares_the_leads_words_not_a_nearer_related_story():
    a = clean(
        *MENU,
        "Port traffic rebounds as customs clearance time falls",
        "By Jane Doe",
        "Related: Ferry operator cuts winter sailings to the islands",
        "We use cookies to improve your experience on our site",
        *STORY,
    )
    assert a.headline == "Port traffic rebounds as customs clearance time falls"


# --- the headline is read from the story's header ---------------------------------------------------


def test_headline_is_the_first_headline_above_the_byline_not_the_standfirst_below_it():
    # A games site: a trending row, the headline, a standfirst in title case, then byline and dates.
    a = clean(
        *MENU,
        "Top Picks This Week",
        "Harbour Deals: Container Cranes, Tug Rentals and Dock Passes Are Cheaper Than Ever",
        "Container Traffic Through the Harbour Rose in the First Quarter, and Prices Fell",
        "By Jane Doe, Harbour Times Staff",
        "Updated: 18 Mar 2024 9:38 pm",
        "Posted: 18 Mar 2024 8:11 pm",
        *STORY,
    )
    assert a.headline == "Harbour Deals: Container Cranes, Tug Rentals and Dock Passes Are Cheaper Than Ever"
    assert a.body == STORY


def test_headline_above_a_names_and_date_line_wins_over_a_caption_that_shares_the_leads_words():
    # A tabloid: a kicker in capitals, the headline, the reporter's name alone, the date, a caption near the story.
    a = clean(
        *MENU,
        "DOCKSIDE DRAMA",
        "Harbour bosses hail record quarter as new customs system slashes waits",
        "Maria Santos",
        "5 Mar 2024, 19:09",
        "Container traffic at the harbour on Tuesday",
        *STORY,
    )
    assert a.headline == "Harbour bosses hail record quarter as new customs system slashes waits"
    assert a.authors == ["Maria Santos"]


def test_a_story_teaser_above_the_date_line_is_not_the_headline_below_it():
    # A business daily: a teaser of another story, the date, then the headline and the author printed twice.
    a = clean(
        "Markets Talk",
        "Harbour container traffic: is the first-quarter growth real?",
        "Wednesday 6 March 2024 9:22 am",
        "Port traffic rebounds as customs wait falls",
        "Anna Lindqvist",
        "Anna Lindqvist",
        "Share",
        *STORY,
    )
    assert a.headline == "Port traffic rebounds as customs wait falls"


def test_a_line_repeated_elsewhere_on_the_page_is_not_the_headline():
    # A newspaper's opinion page: a "continue reading" link printed twice around the section label.
    a = clean(
        "Today's Paper",
        "Opinion | Why the harbour should keep its customs lanes",
        "Continue reading the main story",
        "Opinion",
        "Supported by",
        "Continue reading the main story",
        "Why the harbour should keep its customs lanes",
        "The new system works; cutting its budget now would undo a decade of reform.",
        "By Jane Doe",
        "Opinion Columnist",
        *STORY,
    )
    assert a.headline == "Why the harbour should keep its customs lanes"


def test_latest_inside_a_menu_is_a_menu_entry_and_a_glued_breadcrumb_is_not_the_headline():
    # A news portal: "Latest" is one entry of the menu; the breadcrumb runs into the headline; site name and date.
    a = clean(
        "Home",
        "About",
        "Contact",
        "Latest",
        "Politics",
        "World News",
        "Sports",
        "HomeLatest NewsPort Traffic Rebounds As Customs Wait Falls",
        "Port Traffic Rebounds As Customs Wait Falls",
        "HarbourNaija March 06, 2024",
        *STORY,
    )
    assert a.headline == "Port Traffic Rebounds As Customs Wait Falls"
    assert a.body == STORY


def test_an_up_next_list_whose_only_item_is_this_story_keeps_the_headline():
    # A sports site: "Up next:" then the story's own headline, printed twice, a standfirst, byline, handle, time.
    a = clean(
        "Account Settings Log Out",
        "Up next:",
        "Harbour Rowers edge Bay Club in the final seconds: 'We never stopped'",
        "Harbour Rowers edge Bay Club in the final seconds: 'We never stopped'",
        "The visitors led for 1,900 metres before the home crew found a last surge",
        "by Sam Lee",
        "@samlee",
        "Mar 18, 2024 at 9:24 pm ET",
        *STORY,
    )
    assert a.headline == "Harbour Rowers edge Bay Club in the final seconds: 'We never stopped'"


def test_the_pages_title_line_names_the_headline_over_a_promotion_above_it():
    # A scraper that keeps the document's <title>: "Headline – Site" first, then menus, a promotion, the headline.
    a = clean(
        "Port traffic rebounds as customs wait falls – Harbour Times",
        "Click to Skip Ad",
        *MENU,
        "Spring Sale 2024: Grab the Harbour's Best Ferry Deals Here",
        "Port traffic rebounds as customs wait falls",
        "Jane Doe",
        "March 5th, 2024 at 8:40 AM",
        *STORY,
    )
    assert a.headline == "Port traffic rebounds as customs wait falls"
    assert a.site == "Harbour Times" and a.body == STORY


def test_date_lines_with_a_glued_time_or_an_hour_ago_mark_the_header_not_the_headline():
    # A business channel: kicker, headline, "Published ... 20247:05 AM EST" (time glued to the year), "Updated an hour ago".
    a = clean(
        *MENU,
        "Markets",
        "Shipping stocks could surge after the harbour's record quarter",
        "Published Tue, Mar 19 20247:05 AM EST",
        "Updated an hour ago",
        "Keris Lind@kerislind",
        "VIDEO3:4503:45",
        "Port authority says container traffic through the harbour grew fastest since the pandemic",
        "Key Points",
        *STORY,
    )
    assert a.headline == "Shipping stocks could surge after the harbour's record quarter"


# --- the story is the main run of prose, not a tag cloud, a menu or an archive on one line ------------


def test_a_tag_cloud_or_a_menu_on_one_line_is_not_the_story():
    # A city hall's news page: a short story, then the tag cloud and the category menu, each on one long line.
    tags = " ".join(["adoption", "water", "alert", "environment", "friendship", "service", "library", "walk"] * 4)
    menu = "- Menu - " + " ".join(f"News from District {n} Council Meetings Schools Roads" for n in range(1, 5))
    a = clean(
        menu,
        "Harbour clinic reports break-in at its vans",
        "The home-care team of the Harbour clinic found two of its vans broken into on Tuesday morning, the city said.",
        "Nothing of value was taken, and police are reviewing footage from the car park.",
        "Tags",
        tags,
    )
    assert a.headline == "Harbour clinic reports break-in at its vans"
    assert a.body[0].startswith("The home-care team") and tags not in a.body and menu not in a.body


def test_a_monthly_archive_in_a_script_without_spaces_is_not_the_story():
    # A Japanese blog: the post, then an archive selector listing months on one long line.
    post = [
        "キンドルの起動キーを変更する方法",
        "パソコンでキンドルを使うと、起動のショートカットキーが他のソフトと重なってしまうことがあります。",
        "設定画面からは変更できないため、ショートカットのプロパティから変更する手順をまとめました。",
        "再起動すると、元のソフトが同じキーで起動するようになります。",
    ]
    archive = "月別 月を選択 " + " ".join(f"20{y}年{m}月" for y in (17, 18, 19) for m in range(1, 13))
    a = clean(*post, "アーカイブ", archive)
    assert a.headline == post[0] and a.body == post[1:]


def test_a_short_story_under_its_byline_outweighs_a_longer_run_of_teasers_above_it():
    # A local TV site: glued "HeadlineSummary" teasers of other stories, then the wire story with its header.
    teasers = [
        "Ferry Fares Rise In SpringThe island ferry will charge two dollars more for a return ticket from April, the operator said.",
        "Rail Link Delayed AgainThe coastal rail link will open a year late because of a shortage of steel, the council said.",
        "Fishing Fleet Cuts Winter TripsFuel costs have forced the fleet to cut its winter trips by a third, skippers said.",
    ]
    story = STORY[:2]
    a = clean(*MENU, *teasers, "Port traffic rebounds as customs wait falls", "By Jane Doe", "March 5, 2024", *story)
    assert a.headline == "Port traffic rebounds as customs wait falls" and a.body == story


# --- date lines in every house style ----------------------------------------------------------------

DATE_LINES = [
    ("Sunday 14 March 2021 11:42, UK", "2021-03-14"),  # a British broadcaster
    ("February 23, 2023 at 10:14 AM GMT+9", "2023-02-23"),  # a Korean English-language daily
    ("On 11/13/19 at 4:00 PM EST", "2019-11-13"),  # a US weekly, month first (13 cannot be a month)
    ("21:17 18.11.2019", "2019-11-18"),  # a Russian outlet's English site, day.month.year
    ("2023-02-23T10:14:00+09:00", "2023-02-23"),  # a machine timestamp left in the page
    ("Thursday, 23 February 2023, 10:14 KST", "2023-02-23"),
    ("Feb. 23, 2023 10:14 a.m. ET", "2023-02-23"),  # AP style
    ("10:14 AM ET, Thu February 23, 2023", "2023-02-23"),  # time first
    ("Published Tue, Mar 19 20247:05 AM EST", "2024-03-19"),  # a time glued to the year
    ("Last modified on Mon 18 Nov 2019 18.56 GMT", "2019-11-18"),
]


def test_date_lines_in_many_house_styles_give_the_published_date():
    for line, iso in DATE_LINES:
        a = clean(*MENU, "Port traffic rebounds as customs wait falls", "By Jane Doe", line, *STORY)
        assert a.published.date is not None and a.published.date.iso() == iso, line
        assert line not in a.body and a.authors == ["Jane Doe"], line


def test_a_date_line_with_its_update_gives_the_first_date_and_an_ambiguous_figure_date_none():
    a = clean(*MENU, "Port traffic rebounds as customs wait falls", "March 4, 2024 | 4:20am | Updated March 5, 2024 | 9:32pm", *STORY)
    assert a.published.date.iso() == "2024-03-04"
    b = clean(*MENU, "Port traffic rebounds as customs wait falls", "03/04/2024 10:00", *STORY)
    assert b.published.date is None  # March 4 in one country, 3 April in another: not guessed
    c = clean(*MENU, "Port traffic rebounds as customs wait falls", "The port said on March 4, 2024 that traffic rose", *STORY)
    assert c.published.date is None  # a date inside a sentence is not a date line


def test_a_blogs_posted_on_date_by_author_line_gives_both_the_date_and_the_author():
    # A WordPress blog and a regional paper: the date line and the byline on one line.
    a = clean(*MENU, "Port traffic rebounds as customs wait falls", "Posted on March 4, 2024 by Jane Doe", *STORY)
    assert a.published.date.iso() == "2024-03-04" and a.authors == ["Jane Doe"] and a.body == STORY
    b = clean(*MENU, "Port traffic rebounds as customs wait falls", "Published 5 March 2024, 09:00 by Sam Lee and Ana Ruiz", *STORY)
    assert b.published.date.iso() == "2024-03-05" and b.authors == ["Sam Lee", "Ana Ruiz"]
    c = clean(*MENU, "Port traffic rebounds as customs wait falls", "Posted on March 30, 2024 by admin", *STORY)
    assert c.published.date.iso() == "2024-03-30" and c.authors == []  # the site's account is not an author
