"""The one WSGI app of HTTP mode: Slack at /slack/events, /healthz, and mounted extras; served by waitress."""

from __future__ import annotations

import contextlib
import json
import logging
import threading
from collections.abc import Callable, Iterable

from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler
from waitress import wasyncore
from waitress.server import create_server

from bot.gate import Seen, SlackGate
from bot.services import Services

log = logging.getLogger(__name__)

WSGIApp = Callable[[dict, Callable], Iterable[bytes]]
SLACK_PATH = "/slack/events"
OAUTH_PATHS = ("/slack/install", "/slack/oauth_redirect")  # Bolt's OAuth flow, when the app has one

# Waitress's limits, set for Slack's traffic: many short requests, each sent whole at once, that
# must be answered within 3 s. Waitress's defaults (100 connections, 120 s before an idle or
# half-sent connection is dropped, checked every 30 s) let ~100 stalled clients lock Slack out.
LIMITS = {
    "connection_limit": 500,  # open connections before new ones wait; well under select()'s 1,024 descriptors
    "channel_timeout": 10,  # seconds a connection may sit idle or half-sent before it is closed
    "cleanup_interval": 2,  # seconds between sweeps for such connections
    "max_request_body_size": 1024 * 1024,  # refused (413) from the Content-Length, before anything is read
    "max_request_header_size": 64 * 1024,
}


class Router:
    """Route by path: Slack's requests to Bolt, the health check, then the mounted apps by longest prefix."""

    def __init__(
        self,
        app: App | None,
        ready: threading.Event,
        mounts: dict[str, WSGIApp] | None = None,
        *,
        signing_secret: str | None = None,
        seen: Seen | None = None,
        health: Callable[[], dict] | None = None,
    ) -> None:
        handler = SlackRequestHandler(app, path=SLACK_PATH) if app is not None else None
        # With the signing secret, a gate refuses malformed, oversized, unsigned and replayed requests before Bolt parses them.
        self.slack = SlackGate(handler, signing_secret, seen) if handler is not None and signing_secret else handler
        # The OAuth install and redirect are a person's browser, not Slack: unsigned GETs, straight to Bolt's flow.
        self.oauth = handler if app is not None and app.oauth_flow is not None else None
        self.ready = ready
        self.health = health  # the body of /healthz (the loading or indexing state), when the caller knows more
        self.mounts = sorted((mounts or {}).items(), key=lambda item: len(item[0]), reverse=True)

    @classmethod
    def for_bot(cls, app: App, services: Services, mounts: dict[str, WSGIApp] | None = None) -> Router:
        """The router of a running bot: its app behind the gate (signing secret and replay memory from the services)."""
        secret = services.settings.slack_signing_secret
        return cls(
            app,
            services.ready,
            mounts,
            signing_secret=secret.get_secret_value() if secret else None,
            seen=services.seen,
            health=services.health,
        )

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        path = environ.get("PATH_INFO") or "/"
        if path == SLACK_PATH and self.slack is not None:
            return self.slack(environ, start_response)
        if path in OAUTH_PATHS and self.oauth is not None:
            return self.oauth(environ, start_response)
        if path == "/healthz":
            return self._health(start_response)
        for prefix, mounted in self.mounts:
            if path == prefix.rstrip("/") or path.startswith(prefix if prefix.endswith("/") else prefix + "/") or prefix == "/":
                return mounted(environ, start_response)
        start_response("404 Not Found", [("Content-Type", "text/plain; charset=utf-8")])
        return [b"Not Found"]

    def _health(self, start_response: Callable) -> Iterable[bytes]:
        ok = self.ready.is_set()
        state = self.health() if self.health is not None else {"status": "ok" if ok else "loading the index"}
        body = json.dumps(state).encode()
        start_response(
            "200 OK" if ok else "503 Service Unavailable", [("Content-Type", "application/json"), ("Content-Length", str(len(body)))]
        )
        return [body]


class HttpServer:
    """A waitress server on a thread (or the foreground): threads >= 8, since in local mode a listener calls back into it."""

    def __init__(self, wsgi: WSGIApp, host: str, port: int, *, threads: int = 8) -> None:
        self.server = create_server(
            wsgi, host=host, port=port, threads=max(threads, 8), ident="briefings", clear_untrusted_proxy_headers=True, **LIMITS
        )
        self._thread: threading.Thread | None = None
        self._stopping = threading.Event()

    @property
    def port(self) -> int:
        """The bound port (useful with port 0)."""
        return self.server.effective_port

    @property
    def url(self) -> str:
        """Base URL of the server."""
        host = self.server.effective_host
        return f"http://{'127.0.0.1' if host in ('0.0.0.0', '') else host}:{self.port}"

    def serve_forever(self) -> None:
        """Serve in the calling thread until `close()` (or Ctrl-C), then release everything from this same thread."""
        try:
            while not self._stopping.is_set():
                wasyncore.loop(timeout=0.5, map=self.server._map, count=1)
        finally:
            for channel in list(self.server._map.values()):
                channel.close()
            self.server.task_dispatcher.shutdown(timeout=5)

    def start(self) -> HttpServer:
        """Serve on a daemon thread."""
        self._thread = threading.Thread(target=self.serve_forever, name="waitress", daemon=True)
        self._thread.start()
        return self

    def close(self) -> None:
        """Stop serving and release the port."""
        self._stopping.set()
        with contextlib.suppress(OSError, ValueError):  # already closed when serve_forever ended first
            self.server.pull_trigger()
        if self._thread is not None:
            self._thread.join(timeout=5)
