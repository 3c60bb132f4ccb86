"""Incremental indexing: unchanged, changed, deleted, interrupted, and bad files."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from briefings.corpus import load_article
from briefings.indexer import CorpusError, index_corpus
from briefings.models import TEXT_FIELDS
from briefings.service import Briefings, build_briefings
from briefings.store import ArticleRow
from tests.conftest import write_corpus

STORY = "{title}\n\nLONDON, March {day}, 2024 (Reuters) - {title} was announced on Monday by officials, who said the plan would take effect next month.\n\nA second paragraph adds detail about the plan and what critics said of it."


def story(title: str, day: int = 4) -> str:
    return STORY.format(title=title, day=day)


def test_second_run_skips_unchanged_files(tmp_path, db):
    corpus = write_corpus(tmp_path / "c", {"a.txt": story("Port strike ends"), "b.txt": story("Rail fares rise")})
    first = index_corpus(db, corpus)
    assert sorted(first.new) == ["a.txt", "b.txt"]
    second = index_corpus(db, corpus)
    assert second.new == [] and second.changed == [] and sorted(second.unchanged) == ["a.txt", "b.txt"]


def test_changed_file_is_reindexed_and_deleted_file_removed(tmp_path, db):
    corpus = write_corpus(tmp_path / "c", {"a.txt": story("Port strike ends"), "b.txt": story("Rail fares rise")})
    index_corpus(db, corpus)
    (corpus / "a.txt").write_text(story("Port strike ends after deal"))
    (corpus / "b.txt").unlink()
    report = index_corpus(db, corpus)
    assert report.changed == ["a.txt"] and report.removed == ["b.txt"]
    rows = db.articles()
    assert [r.file for r in rows] == ["a.txt"]
    assert rows[0].headline == "Port strike ends after deal"


def test_interrupted_run_leaves_whole_articles_and_the_next_run_finishes(tmp_path, db):
    corpus = write_corpus(tmp_path / "c", {f"{i}.txt": story(f"Story number {i} breaks") for i in range(6)})
    seen = []

    def stop_after_three(name: str) -> None:
        seen.append(name)
        if len(seen) == 3:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        index_corpus(db, corpus, progress=stop_after_three, batch_size=1)
    rows = db.articles()
    assert len(rows) == 3 and all(r.body and r.headline for r in rows)
    report = index_corpus(db, corpus)
    assert len(report.unchanged) == 3 and len(report.new) == 3
    assert len(db.articles()) == 6


def test_bad_files_are_skipped_with_reasons_and_nothing_else_is_lost(tmp_path, db):
    corpus = write_corpus(
        tmp_path / "c",
        {
            "good.txt": story("Harbour reopens"),
            "empty.txt": "",
            "image.txt": b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4,
            "latin.txt": "Caf\xe9 tax protest\n\nPARIS, May 2, 2024 (AFP) -- Caf\xe9 owners marched against a new tax, organisers said on Tuesday in Paris.".encode(
                "latin-1"
            ),
            "huge.txt": story("Huge file") + ("x" * 5000),
            "copy.txt": story("Harbour reopens"),
        },
    )
    report = index_corpus(db, corpus, max_bytes=2000)
    skipped = dict(report.skipped)
    assert "empty" in skipped["empty.txt"]
    assert "binary" in skipped["image.txt"]
    assert "too large" in skipped["huge.txt"]
    assert any("same content as" in reason for reason in skipped.values())
    assert sorted(report.new) in (["good.txt", "latin.txt"], ["copy.txt", "latin.txt"])
    assert ("latin.txt", "not UTF-8; read as Windows-1252") in report.warnings


def test_file_that_turns_corrupt_keeps_its_last_good_version(tmp_path, db):
    corpus = write_corpus(tmp_path / "c", {"a.txt": story("Harbour reopens")})
    index_corpus(db, corpus)
    (corpus / "a.txt").write_bytes(b"\x00\x01\x02" * 100)
    report = index_corpus(db, corpus)
    assert report.skipped and report.removed == []
    assert db.articles()[0].headline == "Harbour reopens"


def test_missing_corpus_folder_is_a_clear_error(tmp_path, db):
    with pytest.raises(CorpusError, match="does not exist"):
        index_corpus(db, tmp_path / "nope")


def test_article_lookup_by_id_prefix_and_file(tmp_path, db):
    corpus = write_corpus(tmp_path / "c", {"a.txt": story("Harbour reopens")})
    core = Briefings(db, corpus)
    core.index()
    article = core.articles()[0]
    assert core.article(article.id[:6]).headline == "Harbour reopens"
    assert core.article("a.txt").id == article.id
    assert core.article("zzzzzz") is None


def test_articles_are_read_again_when_the_cleaner_or_extractor_changes(tmp_path, db):
    corpus = write_corpus(tmp_path / "c", {"a.txt": story("Port strike ends")})
    index_corpus(db, corpus)
    with db.session() as s, s.begin():
        row = s.scalars(select(ArticleRow)).one()
        row.headline, row.extractor_version = "stale headline from older rules", "c0/text"
    report = index_corpus(db, corpus)
    assert report.reextracted == ["a.txt"] and report.indexed == 1
    assert db.articles()[0].headline == "Port strike ends"
    assert index_corpus(db, corpus).unchanged == ["a.txt"]


class PickyEnricher:
    """An enricher (the indexer's interface) that cannot take an article mentioning a strike, and counts what it saw."""

    version = "picky-1"

    def __init__(self) -> None:
        self.batches: list[list[str]] = []

    def extract(self, articles):
        self.batches.append([a.file for a in articles])
        if any("strike" in a.headline.lower() for a in articles):
            raise ValueError("cannot read this")
        return [{"people": [], "headline_words": len(a.headline.split())} for a in articles]

    def submit(self, articles):
        done = self.extract(articles)
        return lambda: done

    def rebuild(self, db):
        pass


def test_an_article_the_nlp_cannot_take_is_skipped_and_every_other_one_is_written(tmp_path, db):
    titles = ["Harbour reopens", "Port strike ends", "Rail fares rise", "Bridge toll cut", "Ferry route opens"]
    corpus = write_corpus(tmp_path / "c", {f"{i}.txt": story(t) for i, t in enumerate(titles)})
    enricher = PickyEnricher()
    report = index_corpus(db, corpus, enricher=enricher, batch_size=2)
    assert sorted(report.new) == ["0.txt", "2.txt", "3.txt", "4.txt"]
    assert dict(report.skipped)["1.txt"].startswith("could not be analysed (ValueError)")
    rows = {r.file: r for r in db.articles()}
    assert sorted(rows) == ["0.txt", "2.txt", "3.txt", "4.txt"]
    assert rows["3.txt"].extraction["headline_words"] == 3
    assert enricher.batches[:2] == [["0.txt", "1.txt"], ["2.txt", "3.txt"]]  # batches of two
    assert ["0.txt"] in enricher.batches and ["1.txt"] in enricher.batches  # the failing batch retried article by article


# A Reuters story on a local paper's page, saved in Windows-1252: an update label, a byline of two, an editor's
# note, a dateline, a photo caption and a contributors' tagline, so nearly every article field has a value.
REFILED = """(LEAD) Harbour council approves ferry subsidy - Harbour Times
Harbour Times - Back to home
Published: March 3, 2024
By Mara Quinn and Tom Adeyemi
(ATTN: UPDATES with mayor’s comment in para 4)
PORTSMOUTH, England, March 3 (Reuters) - The harbour council on Sunday approved a subsidy to keep the island ferry running through the winter, the council said.
"The island cannot be cut off," Mayor Ellen Pike told reporters after the vote.
The subsidy will cost 2 million pounds a year, according to council papers.
Photo: Mayor Ellen Pike speaks after the vote in Portsmouth on March 3, 2024. (Reuters)
Reporting by Mara Quinn; journalists Sam Lee and Ana Cruz contributed to this report.
"""


def test_every_field_the_cleaner_reads_comes_back_from_the_database_as_read(tmp_path, database_url_on):
    corpus = write_corpus(tmp_path / "c", {"ferry.txt": REFILED.encode("cp1252")})
    core = build_briefings(database_url=database_url_on, corpus_dir=corpus, nlp=False)
    core.index()
    parsed = load_article(corpus / "ferry.txt", root=corpus)
    stored = core.article("ferry.txt")
    assert {f: getattr(stored, f) for f in TEXT_FIELDS} == {f: getattr(parsed, f) for f in TEXT_FIELDS}
    filled = [f for f in TEXT_FIELDS if getattr(parsed, f)]
    assert len(filled) >= len(TEXT_FIELDS) - 1, set(TEXT_FIELDS) - set(filled)  # the test's article exercises them
    core.db.close()
