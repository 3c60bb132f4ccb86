"""Benchmark: exactly-once digests with two bot replicas on one PostgreSQL database, over N scheduled digests.

Run `.venv/bin/python bench/replicas_bench.py POSTGRES_URL [--digests 20] [--per-minute 5]`, where
POSTGRES_URL names a database on a server where the script may create (and drops again) its own
database, e.g. the one `.ci/run` starts. The seeds are indexed into it (text only, no NLP), N channels
of a loopback Slack fake are subscribed at scheduled minutes (`--per-minute` channels each minute,
from two minutes ahead), and two `briefings serve` processes run against it. Midway one replica is
killed (SIGKILL, no clean shutdown) and started again. When every digest's minute has passed and a
sweep has run, the script counts each channel's digest posts and prints doubles, misses and how late
each went out after its minute.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.local.workspace import Workspace, serve_workspace
from bot.state.subscriptions import Subscriptions
from briefings.service import build_briefings
from config.settings import Settings
from tests.engines import create_postgres_database, drop_postgres_database
from tests.replicas import Replica

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("postgres_url", help="a database on the server; the script creates its own next to it")
    parser.add_argument("--digests", type=int, default=20)
    parser.add_argument("--per-minute", type=int, default=5)
    args = parser.parse_args()

    import tests.engines as engines

    engines.POSTGRES_URL = args.postgres_url
    url = create_postgres_database()
    ws = Workspace()
    slack = serve_workspace(ws, page=False)
    replicas: list[Replica] = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        try:
            corpus = work / "corpus"
            shutil.copytree(SEEDS, corpus)
            core = build_briefings(database_url=url, corpus_dir=corpus, nlp=False)
            core.index()
            first = (datetime.now(UTC) + timedelta(minutes=2)).replace(second=0, microsecond=0)
            due: dict[str, datetime] = {}
            subs = Subscriptions(core.db, Settings(_env_file=None))
            for i in range(args.digests):
                channel = ws.add_channel(f"digest-{i:02d}")
                due[channel] = first + timedelta(minutes=i // args.per_minute)
                subs.subscribe(channel, f"{due[channel]:%H:%M}", "UTC", days="daily")
            core.db.close()
            replicas = [Replica(ws, url, corpus, work / f"replica-{i}.log") for i in range(2)]
            for replica in replicas:
                replica.wait_healthy()
            last = max(due.values())
            middle = first + (last - first) / 2 + timedelta(seconds=20)
            print(f"{args.digests} digests from {first:%H:%M} to {last:%H:%M} UTC, 2 replicas; replica 1 killed at ~{middle:%H:%M:%S}")
            _sleep_until(middle)
            replicas[1].kill()
            replicas[1] = Replica(ws, url, corpus, work / "replica-1b.log")
            replicas[1].wait_healthy()
            _sleep_until(last + timedelta(seconds=75))  # past the last minute and one sweep
            _report(ws, due)
        finally:
            for replica in replicas:
                replica.stop()
            slack.stop()
            drop_postgres_database(url)


def _sleep_until(moment: datetime) -> None:
    time.sleep(max(0.0, (moment - datetime.now(UTC)).total_seconds()))


def _report(ws: Workspace, due: dict[str, datetime]) -> None:
    counts, lateness = {}, []
    for channel, when in due.items():
        posts = [m for m in ws.messages(channel) if m.get("user") == ws.bot_user_id]
        counts[channel] = len(posts)
        lateness += [float(p["ts"]) - when.timestamp() for p in posts[:1]]
    doubles = sum(n - 1 for n in counts.values() if n > 1)
    misses = sum(1 for n in counts.values() if n == 0)
    print(f"scheduled digests: {len(due)}; posted: {sum(1 for n in counts.values() if n)}; doubles: {doubles}; misses: {misses}")
    if lateness:
        print(f"seconds after the scheduled minute: median {statistics.median(lateness):.1f}, max {max(lateness):.1f}")


if __name__ == "__main__":
    main()
