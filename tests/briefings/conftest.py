"""Fixtures for the NLP tests: the seeds indexed once per session, and small corpora of our own."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from briefings.models import Quote
from briefings.service import Briefings, build_briefings
from tests.conftest import SEEDS, write_corpus


@pytest.fixture(scope="session")
def seeded(tmp_path_factory) -> Briefings:
    """The shipped seeds, indexed with the full NLP pipeline (once for the whole session)."""
    root = tmp_path_factory.mktemp("seeded")
    shutil.copytree(SEEDS, root / "corpus")
    core = build_briefings(database_url=f"sqlite:///{root / 'seeds.db'}", corpus_dir=root / "corpus")
    core.index()
    return core


def index_articles(tmp_path: Path, articles: dict[str, str]) -> Briefings:
    """Index articles written in a test and return the core that answers from them."""
    corpus = write_corpus(tmp_path / "corpus", articles)
    core = build_briefings(database_url=f"sqlite:///{tmp_path / 'own.db'}", corpus_dir=corpus)
    core.index()
    return core


def quote_in(core: Briefings, file: str, words: str) -> Quote:
    """The quote of an indexed article file that holds these words, as `briefings show --json` lists it."""
    article = next(a for a in core.articles() if a.file == file)
    return next(q for q in core.article_quotes(article.id) if words in q.text)
