"""The extraction step: shared among worker processes, it gives exactly what one process gives."""

from __future__ import annotations

from briefings.corpus import load_article
from briefings.extract import NlpEnricher, extract_articles
from tests.conftest import SEEDS


def test_workers_give_the_same_extractions_in_the_same_order():
    articles = [load_article(p) for p in sorted(SEEDS.glob("*.txt"))]
    shared = NlpEnricher(n_process=2)
    try:
        in_workers = shared.extract(articles)
        again = shared.extract(articles[::-1])  # the same workers serve the next batch
    finally:
        shared.close()
    alone = [extract_articles([a])[0] for a in articles]
    assert [[p.name for p in e["people"]] for e in in_workers] == [[p.name for p in e["people"]] for e in alone]
    assert in_workers[0]["quotes"] == alone[0]["quotes"]
    assert again == in_workers[::-1]
