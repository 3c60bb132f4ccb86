"""Reliability figures: the highest clean rate of signed /who over loopback HTTP, and the peak memory of indexing a 2 MB article.

Rate: the bot in its own process, built as `briefings serve` builds it (see ack_bench.py, whose pieces
this reuses); a client process sends signed /who commands at a fixed rate for a few seconds per step,
rising step by step (25, 50, 100, 200 ... a second) until a step is not clean. A step is clean when
every command is acked 200 within Slack's 3 s, the client kept to the rate, and every answer reached
its response_url showing the expected person. Optionally, during every step, some half-sent
connections stall (`--stalled`) and one request in `--hostile-every` is malformed (it must get a 4xx).
Everything goes to 127.0.0.1 only, bounded by `--max-requests` and the steps' seconds.

Memory: the article given (any plain-text article) is repeated into a file just under the 2 MB file
limit, once as paragraphs and once as a single line, and each is indexed by `briefings index` in a
fresh process; its peak resident memory (ru_maxrss) and time are printed. Usage:

    .venv/bin/python bench/reliability_bench.py [--rates 25,50,100,200,300,400,600] [--seconds 5]
        [--stalled 120] [--hostile-every 10] [--article seeds/001-....txt] [--skip-rate] [--skip-memory]
"""

from __future__ import annotations

import argparse
import http.client
import json
import multiprocessing
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from ack_bench import Sink, bot_options, command_form, index_seeds, percentile, start_bot  # noqa: E402

SLACK_ACK_MS = 3000
FILE_LIMIT = 2_000_000


def send_step(events_url: str, sink_url: str, secret: str, rate: int, seconds: float, hostile_every: int, first: int, results) -> None:
    """One step at `rate` requests a second, open loop: request i is due at start + i / rate, whatever the answers."""
    from bot.local.workspace import sign

    target = urllib.parse.urlsplit(events_url)
    count = int(rate * seconds)
    start = time.perf_counter() + 0.2
    outcomes: list[tuple[str, int, float, float]] = []  # (kind, status, ack ms, lateness ms)
    lock = threading.Lock()

    def one(i: int) -> None:
        hostile = hostile_every and i % hostile_every == hostile_every - 1
        body = "payload={bad" if hostile else command_form("Kirby", sink_url, first + i)
        due = start + i / rate
        time.sleep(max(0.0, due - time.perf_counter()))
        ts = str(int(time.time()))
        headers = {"Content-Type": "application/x-www-form-urlencoded", "X-Slack-Request-Timestamp": ts}
        headers["X-Slack-Signature"] = sign(secret, ts, body)
        began = time.perf_counter()
        try:
            connection = http.client.HTTPConnection(target.hostname, target.port, timeout=10)
            connection.request("POST", target.path, body=body.encode(), headers=headers)
            response = connection.getresponse()
            response.read()
            status = response.status
            connection.close()
        except OSError:
            status = 0
        with lock:
            outcomes.append(("hostile" if hostile else "who", status, (time.perf_counter() - began) * 1000, (began - due) * 1000))

    with ThreadPoolExecutor(max_workers=min(256, max(16, rate // 2))) as pool:
        list(pool.map(one, range(count)))
    results.put(outcomes)


def stall(events_url: str, count: int) -> list[socket.socket]:
    """Half-sent requests that never finish: what a slow or hostile client leaves open."""
    target = urllib.parse.urlsplit(events_url)
    stalled = []
    for _ in range(count):
        s = socket.create_connection((target.hostname, target.port), timeout=5)
        s.sendall(b"POST /slack/events HTTP/1.1\r\nHost: bench\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{")
        stalled.append(s)
    return stalled


def judge(outcomes: list[tuple[str, int, float, float]], answered: int, rate: int) -> dict:
    """A step's figures and whether it was clean."""
    who = [o for o in outcomes if o[0] == "who"]
    hostile = [o for o in outcomes if o[0] == "hostile"]
    acks = [o[2] for o in who] or [0.0]
    late = [o[3] for o in outcomes] or [0.0]
    figures = {
        "rate": rate,
        "who_sent": len(who),
        "who_not_200": sum(1 for o in who if o[1] != 200),
        "acks_over_3s": sum(1 for a in acks if a > SLACK_ACK_MS),
        "ack_ms_p50": round(percentile(acks, 50), 1),
        "ack_ms_p99": round(percentile(acks, 99), 1),
        "hostile_sent": len(hostile),
        "hostile_not_4xx": sum(1 for o in hostile if not 400 <= o[1] < 500),
        "answers_showing_kirby": answered,
        "client_late_ms_p99": round(percentile(late, 99), 1),
    }
    figures["clean"] = (
        figures["who_not_200"] == 0
        and figures["acks_over_3s"] == 0
        and figures["hostile_not_4xx"] == 0
        and answered == len(who)
        and figures["client_late_ms_p99"] < 1000  # the client kept to the rate (else the figure would flatter)
    )
    return figures


def measure_rate(args: argparse.Namespace) -> dict:
    """Start the bot on the indexed seeds and raise the rate step by step until a step is not clean."""
    from bot.local.workspace import LocalServer, Workspace, serve_workspace

    work = Path(tempfile.mkdtemp(prefix="reliability-bench-"))
    database_url, corpus = index_seeds(work)
    ws = Workspace()
    workspace_server = serve_workspace(ws, page=False)
    sink = Sink("John Kirby")
    sink_server = LocalServer(sink, threads=32).start()
    context = multiprocessing.get_context("spawn")
    ready, stop, results = context.Queue(), context.Event(), context.Queue()
    bot = start_bot(context, bot_options(ws, database_url, corpus, "ERROR"), ready, stop)
    steps, sent, stalled = [], 0, []
    try:
        events_url = ready.get(timeout=180)
        stalled = stall(events_url, args.stalled)
        for rate in args.rates:
            if sent + rate * args.seconds > args.max_requests:
                break
            before = sink.matching
            step_args = (events_url, sink_server.url + "/r", ws.signing_secret, rate, args.seconds, args.hostile_every, sent, results)
            step = context.Process(target=send_step, args=step_args)
            step.start()
            outcomes = results.get(timeout=args.seconds * 20 + 60)
            step.join(10)
            sent += len(outcomes)
            expected = sum(1 for o in outcomes if o[0] == "who")
            deadline = time.monotonic() + 15
            while sink.matching - before < expected and time.monotonic() < deadline:
                time.sleep(0.05)
            steps.append(judge(outcomes, sink.matching - before, rate))
            print(json.dumps(steps[-1]), file=sys.stderr)
            if not steps[-1]["clean"]:
                break
    finally:
        for s in stalled:
            s.close()
        stop.set()
        bot.join(10)
        sink_server.stop()
        workspace_server.stop()
        shutil.rmtree(work, ignore_errors=True)
    clean = [s["rate"] for s in steps if s["clean"]]
    return {"highest_clean_rate_per_s": max(clean) if clean else 0, "stalled_connections": args.stalled, "steps": steps}


def two_megabyte_article(source: Path, folder: Path, *, one_line: bool) -> Path:
    """The article's clean body repeated to just under the file limit: as paragraphs, or as one single line."""
    from briefings.corpus import parse_article

    article = parse_article(source.read_bytes(), file=source.name)  # its clean text: no page furniture to repeat
    headline, paragraphs = article.headline, article.body
    joiner = " " if one_line else "\n\n"
    chunk = joiner.join(paragraphs)
    out = headline + "\n\n"
    while len((out + chunk).encode()) < FILE_LIMIT - 10_000:
        out += chunk + joiner
    path = folder / ("one-line.txt" if one_line else "paragraphs.txt")
    path.write_text(out, encoding="utf-8")
    return path


def measure_memory(article: Path) -> list[dict]:
    """Index each 2 MB shape in a fresh `briefings index` process: its peak memory and time."""
    figures = []
    for one_line in (False, True):
        work = Path(tempfile.mkdtemp(prefix="reliability-mem-"))
        corpus = work / "corpus"
        corpus.mkdir()
        path = two_megabyte_article(article, corpus, one_line=one_line)
        env = os.environ | {"PYTHONPATH": str(ROOT), "BRIEFINGS_CORPUS_DIR": str(corpus)}
        env |= {"BRIEFINGS_DATABASE_URL": f"sqlite:///{work / 'mem.db'}", "BRIEFINGS_LOG_LEVEL": "WARNING"}
        started = time.perf_counter()
        process = subprocess.Popen([sys.executable, "-m", "cli.main", "index", "--json"], env=env, stdout=subprocess.PIPE)
        output = process.stdout.read()
        _, status, usage = os.wait4(process.pid, 0)
        report = json.loads(output or b"{}")
        figures.append(
            {
                "shape": "one line" if one_line else "paragraphs",
                "bytes": path.stat().st_size,
                "exit": os.waitstatus_to_exitcode(status),
                "indexed": len(report.get("new", [])),
                "skipped": report.get("skipped", []),
                "peak_rss_mb": round(usage.ru_maxrss / 1024, 1),
                "seconds": round(time.perf_counter() - started, 1),
            }
        )
        print(json.dumps(figures[-1]), file=sys.stderr)
        shutil.rmtree(work, ignore_errors=True)
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rates", type=lambda s: [int(x) for x in s.split(",")], default=[25, 50, 100, 200, 300, 400, 600, 800])
    parser.add_argument("--seconds", type=float, default=5.0, help="length of each step")
    parser.add_argument("--max-requests", type=int, default=20_000, help="stop before sending more than this in all")
    parser.add_argument("--stalled", type=int, default=120, help="half-sent connections held open during the steps")
    parser.add_argument("--hostile-every", type=int, default=10, help="every Nth request is malformed (0: none)")
    parser.add_argument("--article", type=Path, default=next(iter(sorted((ROOT / "seeds").glob("*.txt"))), None))
    parser.add_argument("--skip-rate", action="store_true")
    parser.add_argument("--skip-memory", action="store_true")
    args = parser.parse_args()
    result: dict = {"load_average": os.getloadavg()}
    if not args.skip_rate:
        result["rate"] = measure_rate(args)
    if not args.skip_memory:
        if args.article is None or not args.article.is_file():
            parser.error("--article must name a plain-text article file")
        result["index_2mb_article"] = measure_memory(args.article)
    result["load_average_after"] = os.getloadavg()
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
