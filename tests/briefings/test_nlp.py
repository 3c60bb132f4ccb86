"""The pipeline's name repairs: what the small model alone gets wrong in news text."""

from __future__ import annotations

import pytest

from briefings.nlp import load_nlp


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
