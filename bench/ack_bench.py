"""Time from a signed /who request to its ack over HTTP, with concurrent clients: p50, p99, max.

Three processes, so that neither side's work is timed as the other's: the bot (the real Bolt app on
waitress, built as `briefings serve` builds it), Slack's sending side (16 client threads signing each /who
as Slack does and POSTing it over a fresh HTTP connection), and this one, which serves the Web API the bot
calls at start and the response_url its answers go to (counting those that show the expected person). Usage:

    .venv/bin/python bench/ack_bench.py [--clients 16] [--requests 40] [--query Kirby]
"""

from __future__ import annotations

import argparse
import http.client
import json
import multiprocessing
import shutil
import statistics
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def run_bot(options: dict, ready: multiprocessing.Queue, stop: multiprocessing.Event) -> None:
    """The bot's process: build it from settings as `briefings serve` does, serve until told to stop."""
    from bot.bootstrap import bootstrap
    from bot.server import HttpServer
    from config.settings import Settings

    bot = bootstrap(Settings(_env_file=None, **options), scheduler=False, wait=True)  # as `briefings serve` builds it
    server = HttpServer(bot.router(), "127.0.0.1", 0).start()
    ready.put(server.url + "/slack/events")
    stop.wait()
    server.close()


def index_seeds(work: Path) -> tuple[str, Path]:
    """The seeds copied into `work` and indexed (NLP included): (database URL, corpus folder)."""
    from briefings.service import build_briefings

    corpus = work / "corpus"
    shutil.copytree(ROOT / "seeds", corpus)
    database_url = f"sqlite:///{work / 'bench.db'}"
    core = build_briefings(database_url=database_url, corpus_dir=corpus)
    core.index()
    core.db.close()
    return database_url, corpus


def bot_options(ws, database_url: str, corpus: Path, log_level: str) -> dict:
    """The settings of the bot under test: wired to the workspace, on the indexed seeds, no rescans."""
    return ws.slack_variables() | {
        "BRIEFINGS_DATABASE_URL": database_url,
        "BRIEFINGS_CORPUS_DIR": str(corpus),
        "BRIEFINGS_RESCAN_MINUTES": 0,
        "BRIEFINGS_LOG_LEVEL": log_level,
    }


def start_bot(context, options: dict, ready, stop):
    """The bot's process, started (`ready` gets its events URL; it serves until `stop` is set)."""
    bot = context.Process(target=run_bot, args=(options, ready, stop), daemon=True)
    bot.start()
    return bot


def percentile(values: list[float], p: float) -> float:
    """The p-th percentile (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))]


def command_form(query: str, response_url: str, n: int) -> str:
    """A /who slash command, form-encoded as Slack sends it."""
    return urllib.parse.urlencode(
        {
            "token": "bench",
            "team_id": "T0LOCAL01",
            "team_domain": "local",
            "channel_id": "C0GENERAL",
            "channel_name": "general",
            "user_id": "U0HUMAN01",
            "user_name": "you",
            "command": "/who",
            "text": query,
            "api_app_id": "A0LOCAL01",
            "is_enterprise_install": "false",
            "response_url": f"{response_url}/{n}",
            "trigger_id": f"{n}.T0LOCAL01.bench",
        }
    )


def run_clients(events_url: str, secret: str, forms: list[list[str]], results: multiprocessing.Queue) -> None:
    """Slack's side of the wire, in its own process: each client thread signs and POSTs its commands, timing the ack."""
    from bot.local.workspace import sign

    target = urllib.parse.urlsplit(events_url)
    times: list[float] = []
    statuses: list[int] = []
    lock = threading.Lock()
    gate = threading.Barrier(len(forms))

    def client(bodies: list[str]) -> None:
        gate.wait()
        for body in bodies:
            ts = str(int(time.time()))
            headers = {
                "Content-Type": "application/x-www-form-urlencoded",
                "X-Slack-Request-Timestamp": ts,
                "X-Slack-Signature": sign(secret, ts, body),
            }
            started = time.perf_counter()
            connection = http.client.HTTPConnection(target.hostname, target.port, timeout=10)
            connection.request("POST", target.path, body=body.encode(), headers=headers)
            response = connection.getresponse()
            response.read()
            elapsed = (time.perf_counter() - started) * 1000
            connection.close()
            with lock:
                times.append(elapsed)
                statuses.append(response.status)

    threads = [threading.Thread(target=client, args=(bodies,)) for bodies in forms]
    wall = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    results.put((times, statuses, time.perf_counter() - wall))


class Sink:
    """Slack's response_url side: counts the answers the bot posts (and which name they show)."""

    def __init__(self, expect: str) -> None:
        self.expect = expect
        self.answers = 0
        self.matching = 0
        self.lock = threading.Lock()

    def __call__(self, environ: dict, start_response) -> list[bytes]:
        body = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
        with self.lock:
            self.answers += 1
            self.matching += self.expect.encode() in body
        start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", "2")])
        return [b"ok"]


def summarise(args: argparse.Namespace, times: list[float], statuses: list[int], wall: float, sink: Sink, *, warm: int) -> dict:
    """The figures, once the answers have come in (or 30 s have passed); the `warm` first answers not counted."""
    total = args.clients * args.requests
    deadline = time.monotonic() + 30
    while sink.answers < total + warm and time.monotonic() < deadline:
        time.sleep(0.05)
    return {
        "clients": args.clients,
        "requests": total,
        "non_200": sum(1 for s in statuses if s != 200),
        "ack_ms_p50": round(statistics.median(times), 2),
        "ack_ms_p99": round(percentile(times, 99), 2),
        "ack_ms_max": round(max(times), 2),
        "throughput_rps": round(total / wall, 1),
        "answers_received": sink.answers - warm,
        f"answers_showing_{args.expect.replace(' ', '_')}": sink.matching - warm,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--requests", type=int, default=40, help="requests per client")
    parser.add_argument("--query", default="Kirby")
    parser.add_argument("--expect", default="John Kirby", help="the name the answers must show")
    args = parser.parse_args()

    from bot.local.workspace import LocalServer, Workspace, serve_workspace

    work = Path(tempfile.mkdtemp(prefix="ack-bench-"))
    started = time.perf_counter()
    database_url, corpus = index_seeds(work)
    print(f"indexed the seeds in {time.perf_counter() - started:.1f} s", file=sys.stderr)

    ws = Workspace()  # the Web API the bot calls at start (auth.test)
    workspace_server = serve_workspace(ws, page=False)
    sink = Sink(args.expect)
    sink_server = LocalServer(sink, threads=16).start()
    context = multiprocessing.get_context("spawn")
    ready, stop, results = context.Queue(), context.Event(), context.Queue()
    bot = start_bot(context, bot_options(ws, database_url, corpus, "WARNING"), ready, stop)
    try:
        events_url = ready.get(timeout=120)
        warm = [[command_form(args.query, sink_server.url + "/warm", i) for i in range(20)]]
        context.Process(target=run_clients, args=(events_url, ws.signing_secret, warm, results)).start()
        results.get(timeout=60)
        forms = [
            [command_form(args.query, sink_server.url + "/r", c * args.requests + i) for i in range(args.requests)]
            for c in range(args.clients)
        ]
        clients = context.Process(target=run_clients, args=(events_url, ws.signing_secret, forms, results))
        clients.start()
        times, statuses, wall = results.get(timeout=300)
        clients.join(10)
        result = summarise(args, times, statuses, wall, sink, warm=20)
        print(json.dumps(result, indent=2))
        out = ROOT / "bench" / "results"
        out.mkdir(exist_ok=True)
        (out / "ack_bench.json").write_text(json.dumps(result, indent=2) + "\n")
        return 0 if result["non_200"] == 0 else 1
    finally:
        stop.set()
        bot.join(10)
        sink_server.stop()
        workspace_server.stop()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
