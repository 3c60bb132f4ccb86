"""`briefings serve` without Slack tokens: the real bot in HTTP mode, wired to a local workspace on loopback."""

from __future__ import annotations

import logging
import re
import signal
import threading
from dataclasses import asdict, is_dataclass
from typing import Any

from pydantic import SecretStr

from bot.local.workspace import Workspace, workspace_wsgi
from briefings.service import Briefings
from config.settings import Settings

log = logging.getLogger(__name__)

_LOOPBACK = ("127.0.0.1", "localhost", "::1")


class LocalBot:
    """One server: the bot at /slack/events and /healthz, the workspace's Web API, response URLs and page at /."""

    def __init__(self, settings: Settings, core: Briefings | None = None, *, port: int | None = None, scheduler: bool = True) -> None:
        from bot.server import HttpServer

        self.workspace = Workspace()
        self._router: Any = None
        # Bind first: the bot's Web API client must know the port (which may be 0, chosen by the system).
        self.server = HttpServer(self._dispatch, settings.host, settings.port if port is None else port)
        internal = f"http://{_internal_host(settings.host)}:{self.server.port}"
        self.workspace.base_url = internal
        self.workspace.events_url = internal + "/slack/events"
        self.settings = settings.model_copy(
            update={
                "slack_bot_token": SecretStr(self.workspace.bot_token),
                "slack_signing_secret": SecretStr(self.workspace.signing_secret),
                "slack_app_token": None,
                "slack_api_url": self.workspace.api_url,
                "port": self.server.port,
            }
        )
        if settings.digest_channel:
            self.workspace.add_channel(_channel_name(settings.digest_channel), channel_id=_channel_id(settings.digest_channel))
        self._workspace_app = workspace_wsgi(self.workspace)
        self._core = core
        self._with_scheduler = scheduler
        self.bot: Any = None
        self.services: Any = None
        self.app: Any = None

    @property
    def url(self) -> str:
        """The address a person opens."""
        host = self.settings.host
        return f"http://{'localhost' if host in ('127.0.0.1', '0.0.0.0', '', '::', '::1') else host}:{self.server.port}/"

    def _dispatch(self, environ: dict, start_response: Any) -> Any:
        # Until the bot is built, only the workspace answers (Bolt calls auth.test on it while being built).
        return (self._router or self._workspace_app)(environ, start_response)

    def _post_digest(self, channel: str) -> dict[str, Any]:
        # The same path as `briefings digest --post`: the bot's poster, claimed in the database, through the Web API.
        outcome = self.services.poster.post_now(channel)
        return asdict(outcome) if is_dataclass(outcome) else {"result": str(outcome)}

    def start(self) -> LocalBot:
        """Serve in the background and load the index (and, unless told otherwise, run the scheduler)."""
        from bot.bootstrap import bootstrap
        from bot.services import build_services

        self.server.start()
        services = build_services(self.settings, core=self._core, workspace="local")
        self.bot = bootstrap(self.settings, services=services, scheduler=self._with_scheduler)
        self.services, self.app = self.bot.services, self.bot.app
        self.workspace.post_digest = self._post_digest
        self._router = self.bot.router({"/": self._workspace_app})
        return self

    def stop(self) -> None:
        """Stop the scheduler and the server."""
        self.workspace.close()
        if self.bot is not None:
            self.bot.stop()
        self.server.close()

    def __enter__(self) -> LocalBot:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def run_local(settings: Settings, core: Briefings | None = None) -> int:
    """Run the bot against a local workspace until interrupted; print the address of the page."""
    bot = LocalBot(settings, core)
    if settings.host not in _LOOPBACK:
        log.warning("the local workspace listens on %s: anyone who can reach it can use the bot as you", settings.host)
    bot.start()
    print(
        f"No Slack tokens set: running the bot against a local workspace.\n"
        f"Open {bot.url} to talk to it (/who Kirby, /event Jakarta, a DM, the App Home). Ctrl-C stops it.",
        flush=True,
    )
    stop = threading.Event()
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, lambda *_: stop.set())
    try:
        while not stop.wait(0.5):
            pass
    except KeyboardInterrupt:
        pass
    finally:
        bot.stop()
    return 0


def _internal_host(host: str) -> str:
    # The bot calls the workspace (and the workspace the bot) over loopback, whatever address is published.
    return "127.0.0.1" if host in ("0.0.0.0", "", "localhost") else ("[::1]" if host in ("::", "::1") else host)


def _channel_id(ref: str) -> str | None:
    return ref if re.fullmatch(r"[CG][A-Z0-9]{6,}", ref) else None


def _channel_name(ref: str) -> str:
    return ref.lower() if _channel_id(ref) else ref.lstrip("#")
