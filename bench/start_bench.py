"""Benchmark: start-to-healthy time of `briefings serve` on a database of 100,000 indexed articles (no NLP at start).

Run `.venv/bin/python bench/start_bench.py [--articles 100000] [--people 100000] [--events 50000]
[--database-url URL] [--runs 3]`. The database is made from the seeds indexed once (with NLP), their
article rows cloned to the given count, and people and events cloned under new names (each with its
aliases, roles, quotes and sources), the way a large real index would hold them. Then the bot starts
as a process (`python -m bot`, HTTP mode against a loopback Slack fake) and the script times it from
launch to the first 200 on /healthz; it also reports whether spaCy was loaded (it must not be) and
the resident memory once healthy. Default database: a SQLite file in a temporary folder; give a
PostgreSQL URL of an empty database to measure that engine.
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import insert, select

from bot.local.workspace import Workspace, serve_workspace
from briefings.service import build_briefings
from briefings.snapshot import read_events, read_people, save_snapshot
from briefings.store import ArticleRow, Database, EventRow, PersonRow
from tests.replicas import Replica

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
BATCH = 5_000
SYLLABLES = ["ka", "ro", "mi", "tan", "vel", "shu", "dor", "bel", "nik", "sa", "lo", "gra", "pen", "zu", "ther", "mon"]


def _word(i: int) -> str:
    out = []
    for _ in range(4):
        out.append(SYLLABLES[i % len(SYLLABLES)])
        i //= len(SYLLABLES)
    return "".join(out).title()


def _rows(db: Database, table: type) -> list[dict]:
    with db.session() as s:
        return [{c.name: getattr(r, c.key) for c in table.__table__.columns} for r in s.scalars(select(table))]


def _insert(db: Database, table: type, rows) -> None:
    batch: list[dict] = []
    with db.engine.begin() as conn:
        for row in rows:
            batch.append(row)
            if len(batch) == BATCH:
                conn.execute(insert(table.__table__), batch)
                batch = []
        if batch:
            conn.execute(insert(table.__table__), batch)


def build(url: str, work: Path, articles: int, people: int, events: int) -> None:
    """Fill the database at `url` with clones of the indexed seeds."""
    corpus = work / "seeds"
    shutil.copytree(SEEDS, corpus)
    seeded = build_briefings(database_url=f"sqlite:///{work / 'seeds.db'}", corpus_dir=corpus)
    seeded.index()
    seed_articles, seed_people, seed_events = (_rows(seeded.db, t) for t in (ArticleRow, PersonRow, EventRow))
    seeded.db.close()
    db = Database(url)

    def article(i: int) -> dict:
        row = dict(seed_articles[i % len(seed_articles)])
        digest = hashlib.sha256(f"bench-{i}".encode()).hexdigest()
        return row | {"id": digest[:16], "content_hash": digest, "file": f"bench/{i:06d}.txt", "headline": f"{row['headline']} ({i})"}

    def person(i: int) -> dict:
        row = seed_people[i % len(seed_people)]
        data = copy.deepcopy(row["data"])
        name = f"{data['name']} {_word(i)}"
        data |= {"id": i + 1, "name": name, "aliases": [f"{a} {_word(i)}" for a in data["aliases"]] or [name]}
        return {"id": i + 1, "name": name[:200], "data": data}

    def event(i: int) -> dict:
        row = seed_events[i % len(seed_events)]
        data = copy.deepcopy(row["data"]) | {"id": i + 1, "title": f"{row['title']} {_word(i)}"}
        return {"id": i + 1, "title": data["title"], "date": row["date"], "data": data}

    _insert(db, ArticleRow, (article(i) for i in range(articles)))
    _insert(db, PersonRow, (person(i) for i in range(people)))
    _insert(db, EventRow, (event(i) for i in range(events)))
    with db.session() as s, s.begin():  # what an index run writes last: the lookup index's snapshot
        save_snapshot(s, read_people(db), read_events(db))
    db.close()


def spacy_loaded(pid: int) -> bool:
    """Whether the process mapped spaCy's (or thinc's) compiled modules: it imported the NLP stack."""
    maps = Path(f"/proc/{pid}/maps").read_text()
    return "/spacy/" in maps or "/thinc/" in maps


def rss_mb(pid: int) -> float:
    """Resident memory of a process, in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--events", type=int, default=50_000)
    parser.add_argument("--database-url", help="an empty database to fill (default: a temporary SQLite file)")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        url = args.database_url or f"sqlite:///{work / 'big.db'}"
        build(url, work, args.articles, args.people, args.events)
        print(f"database: {args.articles:,} articles, {args.people:,} people, {args.events:,} events ({url.split('@')[-1].split(':')[0]})")
        ws = Workspace()
        slack = serve_workspace(ws, page=False)
        times = []
        try:
            for run in range(args.runs):
                replica = Replica(ws, url, work / "seeds", work / f"serve-{run}.log")
                try:
                    seconds = replica.wait_healthy(timeout=300)
                    times.append(seconds)
                    pid = replica.process.pid
                    print(f"run {run + 1}: healthy after {seconds:.2f} s; spaCy loaded: {spacy_loaded(pid)}; RSS {rss_mb(pid):.0f} MB")
                finally:
                    replica.stop()
        finally:
            slack.stop()
        print(f"start-to-healthy: median {statistics.median(times):.2f} s, max {max(times):.2f} s (goal <= 5 s)")


if __name__ == "__main__":
    main()
