"""Who said it when the sentence around a quote is harder: pronouns after a speaker, participles cut off by a
quotation, misparsed subjects, names the model tags as something else. Small articles in several outlets' styles."""

from __future__ import annotations

import pytest

from tests.briefings.conftest import index_articles
from tests.briefings.conftest import quote_in as said

NYT_FEATURE = """\
Old loyalties fray in Detroit as the primary nears

By Staff Reporter

Tom Becker, a longtime party organiser, said he saw the shift in attitude in his own family, most of whom believed Senator Paul Drummond had no chance with suburban voters. "It is challenging what this city assumed about its own neighbours," he said.

A union steward at the plant, who asked not to be named, said most of his shift believed Drummond had no chance at all. "Nobody on the line wants to talk about this election," he said.

Ellen Varga, who runs a food bank on the east side, said the mood had changed since spring. Drummond visited the food bank in May. "People stopped asking whether he could win and started asking what he would do," she said.
"""

WAPO_SUNDAY_SHOWS = """\
Governor defends budget on Sunday shows

Gov. Dan Ortiz (D-N.M.) went on ABC's "This Week" to defend his budget and his deputy, Lena Marsh, saying "no school in this state will lose a single teacher" under the plan.

Ortiz later told KOB-TV that the cuts to highways were "painful but temporary, and we will restore them next year."
"""

POLITICO_ANALYSIS = """\
The slogan that keeps working

Joan Pratt has run on the mills all year. Her promise to "bring the mills back" appeals to older voters who remember when a factory job could carry a family through a whole working life, said Maya Lindqvist, a historian at Carleton College. "He is speaking to a sense of loss that nobody else in the race has named," she said.
"""

BREITBART_CAMPAIGN = """\
Trump Rips Governor Over Border Plan

The Republican front-runner spent the week in Ohio. Trump said he would win the state by ten points.

To wit, Trump told Newsmax that the governor "had a crazy plan which was maniacal and everybody knew it."
"""

AP_RANCH = """\
Rancher sells rifle after auction site balks

BILLINGS, Mont. (AP) — Rancher Dale Whitcomb told the Billings Gazette that the first site was not ready for the attention the sale drew.

"It has now been placed with another auction house, and the bidding opens Friday."

A spokesman for the county sheriff told reporters that the road to the ranch would stay closed.

"We will not reopen it until the engineers have looked at every span of that bridge."

"Go back to your studio and stop bothering my family," Whitcomb barked at a television crew on Saturday.
"""

GUARDIAN_COUNCIL = """\
Council votes to close the old library

The council voted on Tuesday night to close the Victorian library on the high street, ending a two-year campaign by residents who had packed the chamber for every meeting since the plan was first floated.

Councillors said the building needed repairs the authority could no longer afford, and that its books would move to the leisure centre on the ring road by the end of the year.

"They took the heart out of this town and handed it to a car park," Oliver barked as the meeting broke up.

"We will review the decision and respond in due course," the President said in a short note to members.
"""

WAPO_TRANSCRIPT = """\
The e-mail hearing, in the witnesses' own words

Lawmakers questioned the former secretary for eleven hours on Thursday. Excerpts from the exchange follow.

Rep. Mark Ellison (R-Ohio): "Who told you that nine in ten of your e-mails were already on the department's system?"

Former secretary of state Joan Harlow: "We learned that from the department and from its own analysis of the e-mails."

"The candidates left just don't understand what a deployment does to a family," said Army Capt. Maria Delgado, who served two tours in Iraq.
"""

NYT_DEVELOPERS = """\
Visa program for investors faces renewal fight

Angela Brook, a developer and spokeswoman for the Harbor Investment Coalition, which is made up of investors and builders, said many of the projects that critics point to failed to note that the program had transformed the docks.

"People look at what an area looks like after the investment, not before it," she said.
"""

USA_TODAY_POLL = """\
Governor's slide in the polls may not last, strategists say

Pollster Sam Reed said Governor Ann Hale had more room to recover than her rivals believed. Her campaign manager, Tom Bly, said the governor had come back before and would do so again. "I don't think there's the same degree of freedom [as she had in her first race], but there's room to improve," he said. "Voters have short memories."
"""


@pytest.fixture(scope="module")
def core(tmp_path_factory):
    return index_articles(
        tmp_path_factory.mktemp("speakers"),
        {
            "nyt.txt": NYT_FEATURE,
            "wapo.txt": WAPO_SUNDAY_SHOWS,
            "politico.txt": POLITICO_ANALYSIS,
            "breitbart.txt": BREITBART_CAMPAIGN,
            "ap.txt": AP_RANCH,
            "guardian.txt": GUARDIAN_COUNCIL,
            "transcript.txt": WAPO_TRANSCRIPT,
            "developers.txt": NYT_DEVELOPERS,
            "usatoday.txt": USA_TODAY_POLL,
        },
    )


def test_he_said_after_a_speaker_is_that_speaker_not_a_man_named_in_what_he_reported(core):
    quote = said(core, "nyt.txt", "challenging what this city")
    assert (quote.speaker, quote.attribution) == ("Tom Becker", "inferred")


def test_he_said_after_an_unnamed_speaker_goes_to_no_one(core):
    # The steward has no name: `he` is the steward, not Drummond, the one man named in the paragraph.
    assert said(core, "nyt.txt", "Nobody on the line").speaker is None


def test_she_said_skips_a_man_made_subject_after_the_speaker(core):
    assert said(core, "nyt.txt", "stopped asking whether").speaker == "Ellen Varga"


def test_a_participle_cut_off_by_a_quoted_title_takes_the_sentences_subject(core):
    # `saying` follows the deputy's name, but the governor is the one saying it.
    assert said(core, "wapo.txt", "lose a single teacher").speaker.endswith("Dan Ortiz")


def test_a_misparsed_second_subject_does_not_hide_the_named_speaker(core):
    quote = said(core, "politico.txt", "sense of loss")
    assert (quote.speaker, quote.attribution) == ("Maya Lindqvist", "inferred")


def test_a_family_name_the_model_tags_as_an_organisation_is_still_the_person(core):
    quote = said(core, "breitbart.txt", "crazy plan")
    assert (quote.speaker, quote.attribution) == ("Trump", "named")


def test_a_quote_paragraph_continues_the_speech_reported_just_before(core):
    quote = said(core, "ap.txt", "another auction house")
    assert quote.speaker.endswith("Dale Whitcomb") and quote.attribution == "inferred"


def test_a_quote_paragraph_after_an_unnamed_speaker_goes_to_no_one(core):
    assert said(core, "ap.txt", "every span of that bridge").speaker is None


def test_less_common_speech_verbs_are_cues(core):
    assert said(core, "ap.txt", "Go back to your studio").speaker.endswith("Dale Whitcomb")


def test_a_bare_name_the_model_left_untagged_still_speaks(core):
    assert said(core, "guardian.txt", "heart out of this town").speaker == "Oliver"
    # A title is no name: nobody called `President` is made up.
    assert said(core, "guardian.txt", "review the decision").speaker is None


def test_a_paragraph_opening_with_a_name_and_a_colon_is_that_persons(core):
    assert said(core, "transcript.txt", "nine in ten").speaker == "Mark Ellison"
    assert said(core, "transcript.txt", "its own analysis").speaker == "Joan Harlow"


def test_a_title_after_the_verb_is_skipped_to_the_name(core):
    assert said(core, "transcript.txt", "deployment does to a family").speaker == "Maria Delgado"


def test_speech_verbs_inside_what_was_reported_do_not_hide_the_speaker(core):
    # `critics ... failed to note` is part of what Brook said, not a second, unnamed speaker.
    assert said(core, "developers.txt", "after the investment").speaker == "Angela Brook"


def test_he_said_after_a_quote_the_sentence_splitter_cut_at_a_bracket(core):
    # The splitter starts a sentence inside the quotation (`[as she had ...]`): `he said` is still read outside it.
    quote = said(core, "usatoday.txt", "room to improve")
    assert quote.speaker.endswith("Tom Bly") and quote.attribution == "inferred"
