"""Time from a signed /who request to its ack over HTTP, with concurrent clients: p50, p99, max.

The bot runs in its own process (the real Bolt app on waitress, as `briefings serve` runs it); this process
plays Slack: the local workspace signs each /who as Slack does, sends it over HTTP, and hosts the
response_url the bot answers on. Usage:

    .venv/bin/python bench/ack_bench.py [--clients 16] [--requests 40] [--query Kirby]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def run_bot(options: dict, ready: multiprocessing.Queue, stop: multiprocessing.Event) -> None:
    """The bot's process: build it from settings as `briefings serve` does, serve until told to stop."""
    from bot.app import build_app
    from bot.server import HttpServer, Router
    from bot.services import build_services
    from config.settings import Settings

    settings = Settings(_env_file=None, **options)
    services = build_services(settings)
    services.core.reload()
    services.core.person(0)
    services.ready.set()
    server = HttpServer(Router(build_app(settings, services), services.ready), "127.0.0.1", 0).start()
    ready.put(server.url + "/slack/events")
    stop.wait()
    server.close()


def percentile(values: list[float], p: float) -> float:
    """The p-th percentile (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--requests", type=int, default=40, help="requests per client")
    parser.add_argument("--query", default="Kirby")
    args = parser.parse_args()

    from bot.local.workspace import Workspace, serve_workspace
    from briefings.service import build_briefings

    work = Path(tempfile.mkdtemp(prefix="ack-bench-"))
    corpus = work / "corpus"
    shutil.copytree(ROOT / "seeds", corpus)
    database_url = f"sqlite:///{work / 'bench.db'}"
    started = time.perf_counter()
    core = build_briefings(database_url=database_url, corpus_dir=corpus)
    core.index()
    core.db.close()
    print(f"indexed the seeds in {time.perf_counter() - started:.1f} s", file=sys.stderr)

    ws = Workspace()
    workspace_server = serve_workspace(ws, page=False)
    options = {
        "SLACK_BOT_TOKEN": ws.bot_token,
        "SLACK_SIGNING_SECRET": ws.signing_secret,
        "SLACK_API_URL": ws.api_url,
        "BRIEFINGS_DATABASE_URL": database_url,
        "BRIEFINGS_CORPUS_DIR": str(corpus),
        "BRIEFINGS_RESCAN_MINUTES": 0,
        "BRIEFINGS_LOG_LEVEL": "WARNING",
    }
    context = multiprocessing.get_context("spawn")
    ready, stop = context.Queue(), context.Event()
    bot = context.Process(target=run_bot, args=(options, ready, stop), daemon=True)
    bot.start()
    try:
        ws.events_url = ready.get(timeout=120)
        for _ in range(20):  # warm up: imports, connection pools, the lookup index
            ws.send_command("/who", args.query)
        ws.wait_for(lambda w: len(w.ephemerals()) >= 20, timeout=30)

        times: list[float] = []
        failures: list[int] = []
        lock = threading.Lock()
        gate = threading.Barrier(args.clients)

        def client() -> None:
            gate.wait()
            for _ in range(args.requests):
                delivery = ws.send_command("/who", args.query)
                with lock:
                    times.append(delivery.elapsed_ms)
                    if delivery.status != 200:
                        failures.append(delivery.status)

        threads = [threading.Thread(target=client) for _ in range(args.clients)]
        wall = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.perf_counter() - wall
        total = args.clients * args.requests
        answered = ws.wait_for(lambda w: len(w.ephemerals()) >= 20 + total and len(w.ephemerals()), timeout=60)
        result = {
            "clients": args.clients,
            "requests": total,
            "non_200": len(failures),
            "ack_ms_p50": round(statistics.median(times), 2),
            "ack_ms_p99": round(percentile(times, 99), 2),
            "ack_ms_max": round(max(times), 2),
            "throughput_rps": round(total / wall, 1),
            "answers_received": answered - 20,
        }
        print(json.dumps(result, indent=2))
        out = ROOT / "bench" / "results"
        out.mkdir(exist_ok=True)
        (out / "ack_bench.json").write_text(json.dumps(result, indent=2) + "\n")
        return 0 if not failures else 1
    finally:
        stop.set()
        bot.join(10)
        workspace_server.stop()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
