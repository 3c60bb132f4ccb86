"""Start the bot in the mode the settings call for: Socket Mode, HTTP mode, or (no tokens) the local workspace."""

from __future__ import annotations

import argparse
import logging
import signal
import sys
import threading
from collections.abc import Callable

from slack_bolt.adapter.socket_mode import SocketModeHandler

from bot.bootstrap import bootstrap
from bot.digests import Outcome
from bot.server import HttpServer, Router
from bot.services import build_services
from briefings.service import Briefings
from config.settings import Settings, configure_logging, settings_or_complaint

log = logging.getLogger(__name__)

NO_TOKENS = (
    "No Slack credentials are set. To run in Slack, set either\n"
    "  SLACK_APP_TOKEN (xapp-..., Socket Mode, no public URL needed) and SLACK_BOT_TOKEN (xoxb-...), or\n"
    "  SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (HTTP mode; Slack posts to https://<your host>/slack/events).\n"
    "See config/manifest.yml and the README section 'Running in Slack'."
)


class ConfigurationError(Exception):
    """The settings do not allow any run mode; the message says what to set."""


def mode(settings: Settings) -> str:
    """Which run mode the settings select: `socket`, `http` or `local`."""
    if settings.slack_app_token:
        return "socket"
    if (settings.slack_bot_token or settings.oauth) and settings.slack_signing_secret:
        return "http"
    return "local"


def serve(settings: Settings, core: Briefings | None = None, *, local: bool = False) -> int:
    """`briefings serve`: run until interrupted (`local`: the local workspace whatever the tokens)."""
    chosen = "local" if local else mode(settings)
    if not local and (settings.slack_client_id or settings.slack_client_secret):
        _check_oauth(settings, chosen)
    if chosen == "socket":
        if not settings.slack_bot_token:
            raise ConfigurationError("Socket Mode needs SLACK_BOT_TOKEN (xoxb-...) as well as SLACK_APP_TOKEN")
        return run_socket_mode(settings, core)
    if chosen == "http":
        return run_http(settings, core)
    if not local and (settings.slack_bot_token or settings.slack_signing_secret):
        # Half a configuration is a mistake worth saying out loud, not a reason to guess.
        have = "SLACK_BOT_TOKEN" if settings.slack_bot_token else "SLACK_SIGNING_SECRET"
        raise ConfigurationError(
            f"{have} is set, but Slack needs SLACK_BOT_TOKEN with SLACK_SIGNING_SECRET (HTTP mode) or with SLACK_APP_TOKEN "
            "(Socket Mode); unset it to run the local workspace, or use `briefings serve --local`"
        )
    return run_local(settings, core)


def _check_oauth(settings: Settings, chosen: str) -> None:
    """Installing to many workspaces needs both credentials, HTTP mode and no fixed token."""
    if not settings.oauth:
        have = "SLACK_CLIENT_ID" if settings.slack_client_id else "SLACK_CLIENT_SECRET"
        raise ConfigurationError(f"{have} is set: installing to many workspaces needs both SLACK_CLIENT_ID and SLACK_CLIENT_SECRET")
    if chosen != "http":
        raise ConfigurationError(
            "installing to many workspaces (SLACK_CLIENT_ID, SLACK_CLIENT_SECRET) runs in HTTP mode: set SLACK_SIGNING_SECRET "
            "and unset SLACK_APP_TOKEN"
        )
    if settings.slack_bot_token:
        raise ConfigurationError(
            "SLACK_BOT_TOKEN is one workspace's token; with SLACK_CLIENT_ID and SLACK_CLIENT_SECRET each workspace's token "
            "comes from its install: unset SLACK_BOT_TOKEN"
        )


def run_http(settings: Settings, core: Briefings | None = None, *, mounts: dict | None = None) -> int:
    """HTTP mode: Slack posts to /slack/events on a waitress server; /healthz answers once the index is loaded."""
    bot = bootstrap(settings, services=build_services(settings, core=core))
    server = HttpServer(bot.router(mounts), settings.host, settings.port)
    log.info("serving Slack at %s/slack/events (health: /healthz)", server.url)
    if bot.services.installations is not None:
        log.info("installing to any workspace: %s/slack/install (Slack redirects to /slack/oauth_redirect)", server.url)
    return _run_until_stopped(server.serve_forever, bot.stop, server.close)


def run_socket_mode(settings: Settings, core: Briefings | None = None) -> int:
    """Socket Mode: a WebSocket to Slack, no public URL; /healthz still served for the container's health check."""
    bot = bootstrap(settings, services=build_services(settings, core=core), socket_mode=True)
    services = bot.services
    health = HttpServer(Router(None, services.ready, health=services.health), settings.host, settings.port, threads=2).start()
    handler = SocketModeHandler(bot.app, settings.slack_app_token.get_secret_value())
    log.info("connecting to Slack over Socket Mode (health: %s/healthz)", health.url)
    return _run_until_stopped(handler.start, bot.stop, handler.close, health.close)


def run_local(settings: Settings, core: Briefings | None = None) -> int:
    """No Slack tokens (or --local): the real bot in HTTP mode against a local workspace and its web page."""
    from bot.local.run import run_local as run_with_local_workspace

    return run_with_local_workspace(settings, core)


def _run_until_stopped(run: Callable[[], object], *closers: Callable[[], object]) -> int:
    """Run the transport until Ctrl-C or SIGTERM, then close everything in order; the exit status."""
    try:
        _stop_on_sigterm()
        run()
    except KeyboardInterrupt:
        pass
    finally:
        for close in closers:
            close()
    return 0


def _stop_on_sigterm() -> None:
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _interrupt)


def _interrupt(*_: object) -> None:
    raise KeyboardInterrupt  # a container's stop ends the server like Ctrl-C


def post_digest_now(settings: Settings, core: Briefings, channel: str) -> Outcome:
    """`briefings digest --post`: post a channel's digest now through the same claim-post-mark path as the schedule."""
    if settings.oauth:
        services = build_services(settings, core=core)
        team = next((t for t in services.teams() if t.subscriptions.get(channel)), None)
        if team is None:
            raise ConfigurationError(f"no installed workspace has {channel} subscribed; subscribe it with /briefing subscribe there first")
        return team.poster.post_now(channel)
    if not settings.slack_bot_token:
        raise ConfigurationError("posting needs SLACK_BOT_TOKEN (xoxb-...); SLACK_API_URL too if not posting to Slack itself")
    services = build_services(settings, core=core)
    return services.poster.post_now(channel)


def main(argv: list[str]) -> int:
    """`python -m bot [--local]`: read the settings, log as the command line does, serve until interrupted."""
    parser = argparse.ArgumentParser(prog="python -m bot", description="Run the Slack bot (the same as `briefings serve`).")
    parser.add_argument("--local", action="store_true", help="run against a local workspace with a web page, even if Slack tokens are set")
    args = parser.parse_args(argv)
    settings = settings_or_complaint()
    if settings is None:
        return 2
    configure_logging(settings)
    return serve_command(settings, local=args.local)


def serve_command(settings: Settings, core: Briefings | None = None, *, local: bool = False) -> int:
    """`briefings serve` and `python -m bot`: serve, or print what the settings lack and exit 2."""
    try:
        return serve(settings, core, local=local)
    except ConfigurationError as error:
        print(f"briefings: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("briefings: interrupted; what was written so far is kept", file=sys.stderr)
        return 130
