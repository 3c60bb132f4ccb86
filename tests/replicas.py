"""Bot replicas as real processes (`python -m bot`, what `briefings serve` runs), for the replica tests and bench/."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from bot.local.workspace import Workspace

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    """A free loopback port."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Replica:
    """One `briefings serve` process in HTTP mode against the workspace fake, its log in a file."""

    def __init__(self, ws: Workspace, database_url: str, corpus: Path, log: Path, **env: str) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log
        variables = (
            ws.slack_variables()
            | {
                "BRIEFINGS_DATABASE_URL": database_url,
                "BRIEFINGS_CORPUS_DIR": str(corpus),
                "BRIEFINGS_PORT": str(self.port),
                "BRIEFINGS_HOST": "127.0.0.1",
                "BRIEFINGS_RESCAN_MINUTES": "0",
            }
            | env
        )
        clean = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "BRIEFINGS_"))}
        with open(log, "ab") as out:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "bot"], cwd=ROOT, env=clean | variables, stdout=out, stderr=subprocess.STDOUT
            )
        self.started = time.monotonic()

    def health(self) -> tuple[int, dict] | None:
        """GET /healthz: (status, body), or None when nothing answers yet."""
        try:
            with urllib.request.urlopen(self.url + "/healthz", timeout=2) as response:
                return response.status, json.loads(response.read())
        except urllib.error.HTTPError as error:
            try:
                return error.code, json.loads(error.read() or b"{}")
            except (OSError, ValueError):  # a replica busy loading may answer the status and stall on the body
                return error.code, {}
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            return None

    def wait_healthy(self, timeout: float = 120) -> float:
        """Wait for /healthz 200; the seconds since the process started."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"replica exited with {self.process.returncode}: {self.log.read_text()[-3000:]}")
            answer = self.health()
            if answer is not None and answer[0] == 200:
                return time.monotonic() - self.started
            time.sleep(0.05)
        raise TimeoutError(f"replica not healthy within {timeout}s: {self.log.read_text()[-3000:]}")

    def stop(self) -> None:
        """SIGTERM (a container's stop), then wait."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.kill()

    def kill(self) -> None:
        """SIGKILL: the replica dies on the spot."""
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(20)
