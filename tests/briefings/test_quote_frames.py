"""Who said it when no plain `X said` stands beside the quote: titles and possessors after the verb, relative
clauses in an apposition, a name and any verb after a quote, quotes worked into a sentence, a person's quoted
phrase, epithets and places between a speaker and `he said`, given names that tell `she` apart. Small articles
in several outlets' styles."""

from __future__ import annotations

import pytest

from tests.briefings.conftest import index_articles
from tests.briefings.conftest import quote_in as said

AP_PENTAGON = """\
Pentagon sees no change in air campaign after shooting

WASHINGTON (AP) — The Pentagon said on Monday that the shooting would not change the pace of the air campaign. Donald Trump called for more strikes.

"I don't see how this would cause us to change our operations in any way," said Pentagon spokesman Navy Capt. Jeff Davis, who was asked about the campaign.

"That's what he did in 2008 and again in 2012, and he is reprising that role now," said former Pennsylvania Gov. and Democratic National Committee Chairman Ed Rendell.

"We don't discuss internal procedures, but the operation is in good hands," said Trump's campaign manager Corey Lewandowski.
"""

POLITICO_LUNCH = """\
Jewish Republicans give Trump a cool welcome

Eric Levine, a New York attorney, and Ben Carson, the retired surgeon, both addressed the lunch.

"He's funny, and if I went to the Catskills for vacation, I'd love to see him," Levine said of Trump. Of Carson, Levine, who has given money to Marco Rubio, said, "He's flat-out scary, and I think he's a wonderful man."
"""

FOX_INTERVIEW = """\
Trump tells Kelly he has moved on

Donald Trump sat down with Megyn Kelly for an hour on Tuesday night, and Bernie Sanders answered questions from voters in Ohio.

"You know, it happens, right?" Trump went on, as if he had not heard her. "But you gotta get over it."

Sanders replied evenly, "I think my opponent knows that what she says is very disingenuous."
"""

HUFFPOST_GUN_CONTROL = """\
Stars back the president on guns

Michael Moore and Kerry Washington were among the guests at the White House on Tuesday.

Moore thanked the president for "stepping up and taking action when Congress won't."

Donald Trump, in Iowa, was criticized for his "they can shoot anybody they want" remark.

Unions have been plotting against the tax for years. It is the persistent pull of Barack Obama's "if you like your plan, you can keep it" promise.
"""

POLITICO_CLINTON = """\
Clinton wants an intensified fight against the Islamic State

Hillary Clinton says the administration should be taking additional measures against the Islamic State. "We're not winning, but it's too soon to say that," Clinton said on Sunday.

The Democratic front-runner and former secretary of state said the U.S. "clearly" needed a more robust air campaign against the group.

"I think you'll hear that from the president," she said.
"""

USA_TODAY_CLARKSTON = """\
Syrians find a home in a small Georgia city

Luay Sami, 33, the community center's program coordinator, came to Clarkston from Iraq in 2011. He works in Clarkston now.

Soon, he found the area welcoming, and Clarkston became his home.

"The stereotyping is unfortunately still strong here," he said.
"""

GUARDIAN_HEARING = """\
Minister faces questions over school closures

Greta Lindgren, the opposition's education spokesperson, and Tom Ashby, the schools minister, clashed at the committee on Tuesday.

Lindgren asked why the closures had been announced before the consultation ended.

Ashby said the department had written to every school in February. Lindgren disagreed. "The figures were published in March for anyone to read," he said.
"""

HUFFPOST_IOWA = """\
Rubio Sees A Three-Way Race

Marco Rubio finished a strong third in Iowa, and his campaign manager, Alex Conant, said the result changed the race.

The spin is already happening. "This is the moment they told us would never happen," Rubio said Monday night. "They told me we had no chance at all." Conant struck a similar tune. "This is a big night for us," Conant said. "It's probably a three-person race leaving here."
"""

BREITBART_STATEMENT = """\
Clinton Remembers Wallace

George Wallace, the former governor of Alabama, had few friends among Democrats late in his life.

When George Wallace died in 1998, President Bill Clinton released the following statement:

"Hillary and I offer our condolences to the family and friends of George Wallace. I remember working with him in 1983."

Jeb Bush referred to Marco Rubio as "a bright, charismatic leader" but described his leadership skills as a "work in progress."
"""

WAPO_HP = """\
Fiorina pushed ahead at HP and paid a price

Carly Fiorina ran HP for six years. Her husband, Frank Fiorina, a retired AT&T executive, stood by her throughout.

Fiorina spoke at a conference in Boston in 2004. "If you are not leading, you are failing," she said.
"""

POLITICO_EMAILS = """\
More Clinton emails released

Hillary Clinton and her aide Cheryl Mills traded messages about a photograph.

Clinton responds to Mills with, "Why now? That was on my way to Libya?" Mills then writes back, "You look great in it, honestly."
"""


@pytest.fixture(scope="module")
def core(tmp_path_factory):
    return index_articles(
        tmp_path_factory.mktemp("frames"),
        {
            "ap.txt": AP_PENTAGON,
            "politico.txt": POLITICO_LUNCH,
            "fox.txt": FOX_INTERVIEW,
            "huffpost.txt": HUFFPOST_GUN_CONTROL,
            "clinton.txt": POLITICO_CLINTON,
            "usatoday.txt": USA_TODAY_CLARKSTON,
            "guardian.txt": GUARDIAN_HEARING,
            "iowa.txt": HUFFPOST_IOWA,
            "statement.txt": BREITBART_STATEMENT,
            "hp.txt": WAPO_HP,
            "emails.txt": POLITICO_EMAILS,
        },
    )


def test_a_title_with_lower_case_role_words_after_the_verb_is_skipped_to_the_name(core):
    assert said(core, "ap.txt", "change our operations").speaker == "Jeff Davis"
    assert said(core, "ap.txt", "reprising that role").speaker == "Ed Rendell"


def test_a_possessor_in_the_title_after_the_verb_is_not_the_speaker(core):
    assert said(core, "ap.txt", "internal procedures").speaker == "Corey Lewandowski"


def test_a_name_inside_a_relative_clause_of_the_apposition_is_not_the_speaker(core):
    assert said(core, "politico.txt", "flat-out scary").speaker == "Eric Levine"


def test_a_name_and_any_verb_after_a_quote_left_open_is_the_speaker(core):
    quote = said(core, "fox.txt", "it happens, right")
    assert (quote.speaker, quote.attribution) == ("Donald Trump", "named")
    # The next quote of the paragraph is his too.
    assert said(core, "fox.txt", "get over it").speaker == "Donald Trump"


def test_a_family_name_opening_a_sentence_speaks_whatever_the_tagger_made_of_it(core):
    assert said(core, "fox.txt", "very disingenuous").speaker == "Bernie Sanders"


def test_a_quote_worked_into_a_sentence_is_its_subjects(core):
    assert said(core, "huffpost.txt", "stepping up and taking action").speaker == "Michael Moore"


def test_a_quote_the_subject_was_criticized_for_is_not_the_subjects(core):
    assert said(core, "huffpost.txt", "shoot anybody").speaker is None


def test_a_persons_quoted_phrase_is_that_persons(core):
    assert said(core, "huffpost.txt", "you can keep it").speaker == "Barack Obama"


def test_she_said_after_an_epithet_for_the_article_s_own_subject_is_that_person(core):
    # `The Democratic front-runner` is Clinton, the last speaker and the one the article is about.
    quote = said(core, "clinton.txt", "hear that from the president")
    assert (quote.speaker, quote.attribution) == ("Hillary Clinton", "inferred")


def test_a_place_the_model_took_for_a_person_is_no_ones_antecedent(core):
    quote = said(core, "usatoday.txt", "stereotyping")
    assert (quote.speaker, quote.attribution) == ("Luay Sami", "inferred")


def test_he_and_she_tell_apart_people_by_a_given_name_of_the_census_list(core):
    # Greta is in no hand list: the census list makes her a woman, so she is no rival for `he` after Ashby spoke.
    quote = said(core, "guardian.txt", "for anyone to read")
    assert (quote.speaker, quote.attribution) == ("Tom Ashby", "inferred")


def test_a_quote_right_after_a_speakers_frame_continues_that_speaker(core):
    assert said(core, "iowa.txt", "no chance at all").speaker == "Marco Rubio"
    assert said(core, "iowa.txt", "three-person race").speaker == "Alex Conant"


def test_a_paragraph_ending_with_a_colon_gives_the_next_quote_its_subject(core):
    quote = said(core, "statement.txt", "offer our condolences")
    assert (quote.speaker, quote.attribution) == ("Bill Clinton", "inferred")


def test_a_speech_verb_naming_no_one_leaves_the_quote_to_its_sentences_subject(core):
    # `described` has no subject of its own here: Bush, who heads the sentence, said it.
    assert said(core, "statement.txt", "charismatic leader").speaker == "Jeb Bush"


def test_a_given_name_outweighs_pronouns_near_a_namesakes_short_form(core):
    # `Fiorina` may be read as Frank Fiorina, but `she` is never Frank.
    assert said(core, "hp.txt", "you are failing").speaker != "Frank Fiorina"


def test_a_question_quote_after_a_verb_and_a_comma_is_that_verbs(core):
    assert said(core, "emails.txt", "on my way to Libya").speaker == "Hillary Clinton"
