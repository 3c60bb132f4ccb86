"""Who said it: attribution from sentence structure, on small articles in several outlets' house styles."""

from __future__ import annotations

import pytest

from briefings.models import Quote
from briefings.speech import inflections
from tests.briefings.conftest import index_articles

AP_HEARING = """\
Senate panel grills former aide over campaign payments

WASHINGTON (AP) — A Senate committee on Tuesday questioned aides to Sen. Robert Marsh about payments his campaign made last year.

"We will not back down from any of these questions," said Anna Weller, a senior aide to Mr. Marsh.

Tom Reese, general counsel to Marsh's campaign, said the complaint was "dead on arrival and everyone in this room knows it."

"The economy is turning a corner and voters can see it," Vice President Ruth Carver said later at a rally in Ohio.

"We pray for calm in this city and for the truth to come out," said the Rev. Paul Amos, who leads a church in the district.

The payments were "a betrayal of every voter in this district," according to Councilwoman Maria Lopez.

"We reject these claims entirely and will fight them in court," the campaign said in a statement.

THE POLLS - Dana Whitfield: "Voters made up their minds about this race months ago."
"""

LOCAL_COUNCIL = """\
Budget deal reached after late-night session

By Staff Writer

SPRINGFIELD — Governor Sarah Kent met Mayor Tom Briggs at the statehouse on Monday to settle the city's budget.

"We have agreed on the budget for next year, and the schools get what they asked for," she said.

Briggs, who had threatened to veto the plan, sounded relieved. "It took far too long but we got there in the end," he said.

Kent and Treasurer Laura Diaz later met the teachers' union. "Nobody here wanted a strike this autumn," she said.

"Not me," said Joe Hart, the union's president. "I was in Denver that whole week, ask anyone you like."

Kent told reporters: "The teachers will see the money in their March paychecks."

Briggs said the city would hire forty new teachers before the end of the year.
"""

GUARDIAN_HEARING = """\
Ministers pressed on flood defences as rivers rise

Rivers across the north of England were expected to peak on Thursday, the Environment Agency said.

Defences in the valley held overnight, the agency's chief executive, Helen Marsh, said. "We have crews on every embankment and we will stay there until the water drops."

"Nobody in this town has slept since Sunday," said Carl Denby, who runs the bakery on the high street. "The shop is finished if it comes over the wall.

"I have been here thirty years and never seen the river like this," added Priya Natt, a councillor for the ward.
"""


@pytest.fixture(scope="module")
def core(tmp_path_factory):
    return index_articles(
        tmp_path_factory.mktemp("quotes"),
        {"ap_hearing.txt": AP_HEARING, "local_council.txt": LOCAL_COUNCIL, "guardian.txt": GUARDIAN_HEARING},
    )


def quotes(core, file: str) -> list[Quote]:
    article = next(a for a in core.articles() if a.file == file)
    return core.article_quotes(article.id)


def said(core, file: str, words: str) -> Quote:
    return next(q for q in quotes(core, file) if words in q.text)


def test_the_speaker_is_the_subject_not_the_last_name_after_the_verb(core):
    assert said(core, "ap_hearing.txt", "not back down").speaker == "Anna Weller"
    assert said(core, "ap_hearing.txt", "dead on arrival").speaker == "Tom Reese"


def test_titles_between_quote_and_name_are_skipped(core):
    assert said(core, "ap_hearing.txt", "turning a corner").speaker == "Ruth Carver"
    assert said(core, "ap_hearing.txt", "We pray for calm").speaker.endswith("Paul Amos")


def test_according_to_names_the_speaker(core):
    assert said(core, "ap_hearing.txt", "betrayal of every voter").speaker == "Maria Lopez"


def test_an_organisation_keeps_its_quote(core):
    quote = said(core, "ap_hearing.txt", "We reject these claims")
    assert quote.speaker is None and quote.attribution == "organisation" and "campaign" in (quote.source or "")


def test_pronouns_follow_gender_and_stay_open_when_two_fit(core):
    first = said(core, "local_council.txt", "agreed on the budget")
    assert (first.speaker, first.attribution) == ("Sarah Kent", "inferred")
    assert said(core, "local_council.txt", "took far too long").speaker == "Tom Briggs"
    # Kent and Diaz are both women: `she said` could be either.
    assert said(core, "local_council.txt", "wanted a strike").speaker is None


def test_a_short_quote_still_sets_the_speaker_of_the_next(core):
    assert said(core, "local_council.txt", "in Denver that whole week").speaker == "Joe Hart"
    assert not any(q.text.startswith("Not me") for q in quotes(core, "local_council.txt"))


def test_a_quote_after_the_sentence_that_names_its_speaker(core):
    quote = said(core, "guardian.txt", "crews on every embankment")
    assert (quote.speaker, quote.attribution) == ("Helen Marsh", "inferred")


def test_an_open_quote_continues_over_paragraphs_unless_the_next_names_someone_else(core):
    assert said(core, "guardian.txt", "The shop is finished").speaker == "Carl Denby"
    natt = said(core, "guardian.txt", "thirty years")
    assert natt.speaker == "Priya Natt" and "The shop is finished" not in natt.text


def test_colon_introduction(core):
    assert said(core, "local_council.txt", "March paychecks").speaker == "Sarah Kent"
    assert said(core, "ap_hearing.txt", "made up their minds").speaker == "Dana Whitfield"


def test_indirect_speech_is_reported_apart_from_quotes(core):
    reported = said(core, "local_council.txt", "hire forty new teachers")
    assert (reported.kind, reported.speaker) == ("reported", "Tom Briggs")
    briggs = core.who("Tom Briggs").person
    assert any("forty new teachers" in q.text for q in briggs.reported)
    assert not any("forty new teachers" in q.text for q in briggs.quotes)


def test_speech_verbs_by_lemma():
    assert {"implored", "implores", "imploring"} <= inflections("implore")
    assert {"quipped", "quips"} <= inflections("quip")
    assert {"replied", "replies"} <= inflections("reply")
    assert "said" in inflections("say") and "sayed" not in inflections("say")
