"""The pipeline's name repairs: what the small model alone gets wrong in news text."""

from __future__ import annotations

import pytest

from briefings.nlp import MODEL_PIECE_CHARS, load_nlp, pipe


def people(text: str) -> list[str]:
    return [e.text for e in load_nlp()(text).ents if e.label_ == "PERSON"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Prime Minister Han Duck-soo met Lee Jae-myung in Seoul.", ["Han Duck-soo", "Lee Jae-myung"]),  # not `Han Duck`
        ("Marshal Ri Pyong-chol inspected the site on Monday.", ["Ri Pyong-chol"]),  # missed entirely by the model
        ("Korean People's Army Marshal Ri Pyong Chol was there.", ["Ri Pyong Chol"]),  # not just `Chol`
        ("Secretary of Defense (Lloyd) Austin will visit Seoul.", ["(Lloyd) Austin"]),  # an editor's bracketed given name
        ("Kim will go to Vladivostok on Friday.", ["Kim"]),  # a city after `to` is not a person
    ],
)
def test_news_names_are_repaired(text, expected):
    assert people(text) == expected


def test_pipeline_is_loaded_once_and_without_the_parser():
    nlp = load_nlp()
    assert nlp is load_nlp()
    assert "parser" not in nlp.pipe_names and "news_names" in nlp.pipe_names and "senter" in nlp.pipe_names


def test_many_paragraphs_and_a_long_one_come_back_in_order_as_they_read_alone():
    # Batches of the model are bounded by pieces and by characters; a long paragraph's pieces may span two
    # batches: each text still comes back whole, in order, read as it is read on its own.
    short = [f"Minister Anna Lindqvist met Kwame Okonkwo in Oslo on day {i}." for i in range(40)]
    long = " ".join(f"Tomasz Wojcikowski told reporters in Geneva that talks would resume, number {i}." for i in range(120))
    assert len(long) > 4 * MODEL_PIECE_CHARS
    texts = [*short[:20], long, *short[20:]]
    together = list(pipe(texts, batch_size=7))
    assert [d.text for d in together] == texts
    for text, doc in zip(texts, together, strict=True):
        alone = next(pipe([text]))
        assert [(e.text, e.label_) for e in doc.ents] == [(e.text, e.label_) for e in alone.ents]
