"""Lookups from the snapshot loaded at start, the full records read on demand: same answers, never someone else's."""

from __future__ import annotations

from briefings.service import build_briefings
from tests.conftest import write_corpus

# A Guardian-style report, and a BBC-style one dated a week earlier that brings other people.
LATER = """\
Lebanese minister warns of fuel shortages

By Nour Haddad in Beirut

Sun 12 Mar 2023 09.00 GMT

Lebanon's energy minister, Walid Fayad, warned on Saturday that the country's power stations could run out of fuel within weeks.

"We are one shipment away from darkness," Fayad told reporters in Beirut.
"""
EARLIER = """\
Cyprus and Greece sign power cable deal

5 March 2023

Greek Prime Minister Kyriakos Mitsotakis and Cypriot President Nikos Christodoulides signed an agreement in Nicosia on Sunday to build an undersea power cable.

"This cable joins our grids and our futures," Mitsotakis said at the signing.
"""


def test_a_replica_with_an_older_lookup_index_reloads_and_never_answers_with_someone_else(tmp_path):
    corpus = write_corpus(tmp_path / "corpus", {"later.txt": LATER})
    url = f"sqlite:///{tmp_path / 'shared.db'}"
    indexer = build_briefings(database_url=url, corpus_dir=corpus)
    indexer.index()
    replica = build_briefings(database_url=url, corpus_dir=corpus)
    replica.lookup()  # loaded at its start
    assert not replica.stale()

    write_corpus(corpus, {"earlier.txt": EARLIER})
    indexer.index()  # the other process rebuilds people and events: the ids now mean other people
    assert replica.stale()
    stale = replica.who("Fayad")  # its brief's id is Mitsotakis's now: it says so rather than show him
    assert (stale.status, stale.person, stale.message) == ("not_found", None, "The index is being updated; ask again in a moment.")

    replica.reload()  # what the bot's rescan does when the database is newer than its index
    assert not replica.stale()
    assert replica.who("Fayad").person.name == "Walid Fayad"
    assert replica.who("Mitsotakis").person.name == "Kyriakos Mitsotakis"
