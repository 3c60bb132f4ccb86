"""The one place a running bot is built: settings in, its parts out, the index loaded by one routine.

Every entry point (`briefings serve` in each run mode, the local workspace, `python -m bot`), the
tests and the benchmarks call `bootstrap()`; only the transport (waitress, Socket Mode, the local
workspace's page) differs, and each entry point wraps the parts in its own.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass

from slack_bolt import App

from bot.app import build_app
from bot.scheduler import DigestScheduler
from bot.server import Router, WSGIApp
from bot.services import Services, build_services
from briefings.service import Briefings
from config.settings import Settings

log = logging.getLogger(__name__)


@dataclass
class Bot:
    """A running bot's parts: the settings it runs on, its services, its Bolt app and (when asked for) its scheduler."""

    settings: Settings
    services: Services
    app: App
    scheduler: DigestScheduler | None = None

    @property
    def core(self) -> Briefings:
        """The core the bot answers from."""
        return self.services.core

    def router(self, mounts: dict[str, WSGIApp] | None = None) -> Router:
        """The WSGI app of HTTP mode: Slack at /slack/events behind the gate, /healthz, the OAuth flow, `mounts`."""
        return Router.for_bot(self.app, self.services, mounts)

    def stop(self) -> None:
        """Stop the scheduled jobs (the transport is the entry point's to close)."""
        if self.scheduler is not None:
            self.scheduler.shutdown()


def bootstrap(
    settings: Settings, *, services: Services | None = None, socket_mode: bool = False, scheduler: bool = True, wait: bool = False
) -> Bot:
    """Build the bot from the settings and load its index (`wait`: before returning; else on a thread).

    `services` are the settings' own unless the caller wired them otherwise (`build_services(settings,
    core=..., now=..., workspace="local")`); `scheduler` starts the digest, sweep and rescan jobs once the
    index is loaded.
    """
    services = services or build_services(settings)
    bot = Bot(settings, services, build_app(settings, services, socket_mode=socket_mode))
    if scheduler:
        bot.scheduler = DigestScheduler(services)
        logging.getLogger("apscheduler.executors").setLevel(logging.WARNING)  # not two lines a minute for the sweep
    first = services.needs_first_index()  # before any request can ask: an empty database is indexed first

    def load() -> None:
        try:
            load_index(services, first=first)
        except Exception:
            log.exception("could not load the index from %s", settings.database_url.split("@")[-1])
        if bot.scheduler is not None:
            bot.scheduler.start()

    if wait:
        load()
    else:
        threading.Thread(target=load, name="load-index", daemon=True).start()
    return bot


def load_index(services: Services, *, first: bool = False) -> None:
    """The one index-loading routine: index an empty database first (`first`), then load, warm and say ready."""
    if first:
        services.first_index()
    services.load_index()
