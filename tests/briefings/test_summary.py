"""Summaries: the article's own sentences from the lead, never furniture, captions or headline repeats."""

from __future__ import annotations

from briefings.corpus import parse_article
from briefings.indexer import index_corpus
from briefings.summary import split_sentences, summarize
from tests.conftest import SEEDS, write_corpus

WIRE_REFILE = """(4th LD) Storm floods Busan port, halts shipping for second day
(ATTN: UPDATES with port reopening plan in paras 5-6)
By Lee Ji-hye
BUSAN, Aug. 3 (Yonhap) -- A storm flooded Busan port and halted shipping for a second day, officials said Thursday.
Storm floods Busan port and halts shipping for a second day.
Port authorities said more than 40 container ships were waiting offshore as of noon, with the backlog expected to take a week to clear.
▲ A crane stands idle at Busan port on Aug. 3, 2023. (Yonhap)
"It is the worst flooding we have seen in a decade."
The Ministry of Oceans and Fisheries said Mr. Park, the port's director, would brief reporters on a reopening plan at 3 p.m. Friday.
(END)
"""

GUARDIAN_STYLE = """Ministers clash over rail strike talks
Sun 12 Mar 2023 09.00 GMT
Talks to end the rail strike collapsed on Saturday after ministers and union leaders failed to agree on pay, leaving commuters facing a third week of disruption.
The RMT union said it would announce new strike dates on Monday.
“We have put a fair offer on the table,” the transport secretary, Mark Harper, told the BBC. “It is now for the union to put it to members.”
He added that the government would not reopen the pay review.
RMT stands for the National Union of Rail, Maritime and Transport Workers.
"""


def test_splitter_keeps_abbreviations_initialisms_and_quotes_whole():
    text = (
        "U.S. Secretary Antony Blinken met Mr. Park in Seoul on Nov. 9 to discuss N. Korea. "
        '"We are seeing a two-way street. That is a concern," Blinken said. '
        "The talks ended at 5 p.m. local time. The two sides met again in Sept. last year at the U.N. General Assembly."
    )
    assert split_sentences(text) == [
        "U.S. Secretary Antony Blinken met Mr. Park in Seoul on Nov. 9 to discuss N. Korea.",
        '"We are seeing a two-way street. That is a concern," Blinken said.',
        "The talks ended at 5 p.m. local time.",
        "The two sides met again in Sept. last year at the U.N. General Assembly.",
    ]


def test_splitter_splits_after_an_initialism_that_ends_a_sentence():
    assert split_sentences("The deal was signed in the U.S. The talks begin next week.") == [
        "The deal was signed in the U.S.",
        "The talks begin next week.",
    ]


def test_summary_sentences_are_the_articles_own_and_skip_furniture():
    article = parse_article(WIRE_REFILE.encode(), file="busan.txt")
    summary = summarize(article)
    assert 1 <= len(summary) <= 3
    for sentence in summary:
        assert any(sentence in paragraph for paragraph in article.body)
    text = " ".join(summary)
    assert "ATTN" not in text and "By Lee" not in text and "crane stands idle" not in text
    assert "worst flooding" not in text  # a bare quote with nobody saying it
    assert "(Yonhap) --" not in text  # the dateline
    assert summary[0].startswith("A storm flooded Busan port")
    assert "Storm floods Busan port and halts shipping" not in text  # the headline said again


def test_summary_skips_headline_repeats_pronoun_leads_and_acronym_boilerplate():
    article = parse_article(GUARDIAN_STYLE.encode(), file="rail.txt")
    summary = summarize(article)
    assert summary[0].startswith("Talks to end the rail strike collapsed")
    assert "The RMT union said it would announce new strike dates on Monday." in summary
    assert not any("stands for" in s for s in summary)
    assert not any(s.startswith("He added") for s in summary)  # its antecedent is a quote the summary leaves out


def test_summary_of_an_article_without_a_headline_keeps_its_lead():
    article = parse_article(
        b"SEOUL, Nov. 9 (Yonhap) -- South Korea and Japan agreed on Thursday to resume their finance dialogue after a seven-year pause, "
        b"the finance ministry said.\n\nThe meeting will take place in Tokyo next month, officials said.\n",
        file="lead.txt",
    )
    assert article.headline_source == "lead"
    assert summarize(article)[0].startswith("South Korea and Japan agreed")


def test_seed_summaries_are_stored_by_the_indexer_and_hold_no_furniture(db, seeds_copy):
    index_corpus(db, seeds_copy)
    rows = db.articles()
    assert len(rows) == len(list(SEEDS.glob("*.txt")))
    for row in rows:
        assert row.summary and 1 <= len(row.summary) <= 3, row.file
        for sentence in row.summary:
            assert any(sentence in paragraph for paragraph in row.body), (row.file, sentence)
            assert sentence not in row.captions
            assert "stands for" not in sentence and "ATTN" not in sentence and "(Yonhap)" not in sentence


def test_summary_is_recomputed_only_when_the_article_changes(db, tmp_path):
    corpus = write_corpus(tmp_path / "c", {"rail.txt": GUARDIAN_STYLE})
    index_corpus(db, corpus)
    first = db.articles()[0].summary
    report = index_corpus(db, corpus)
    assert report.unchanged == ["rail.txt"] and db.articles()[0].summary == first
    write_corpus(
        corpus, {"rail.txt": GUARDIAN_STYLE.replace("Talks to end the rail strike collapsed", "Talks to end the rail strike broke down")}
    )
    index_corpus(db, corpus)
    assert db.articles()[0].summary[0].startswith("Talks to end the rail strike broke down")


def test_furniture_that_leaks_into_a_body_is_never_a_summary_sentence():
    from briefings.summary import is_furniture

    headline = "Storm floods Busan port, halts shipping for second day"
    assert is_furniture("(ATTN: ADDS more details in paras 15-17; TRIMS; RESTRUCTURES)")
    assert is_furniture("By Kim Seung-yeon and Yi Wonju")
    assert is_furniture("U.S. Secretary of State Antony Blinken (L) shakes hands with Park Jin in Seoul on Nov. 9, 2023. (Yonhap)")
    assert is_furniture("DPRK is the acronym for the North's official name, the Democratic People's Republic of Korea.")
    assert is_furniture("Associated Press writer Hyung-jin Kim in Seoul contributed to this report.")
    assert is_furniture('"We will keep working with our partners on this," ')
    assert is_furniture("Storm floods Busan port and halts shipping for a second day.", headline=headline)
    assert not is_furniture('"We will keep working with our partners," the minister said on Thursday.', headline=headline)
