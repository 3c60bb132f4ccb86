"""The Bolt app, built in one place from the settings and the services."""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor

from slack_bolt import App
from slack_bolt.oauth.oauth_settings import OAuthSettings

from bot import listeners
from bot.listeners import installs
from bot.services import Services
from config.settings import Settings

log = logging.getLogger(__name__)

LISTENER_THREADS = 8  # the handlers mostly wait on Slack's Web API; more threads only steal the GIL from acks


def build_app(settings: Settings, services: Services, *, socket_mode: bool = False) -> App:
    """A Bolt app with every listener registered; checks request signatures unless it runs over Socket Mode."""
    secret = settings.slack_signing_secret.get_secret_value() if settings.slack_signing_secret else ""
    if not socket_mode and not secret:
        raise ValueError("HTTP mode needs SLACK_SIGNING_SECRET to check that requests come from Slack")
    app = App(
        name="briefings",
        client=services.client,
        oauth_settings=oauth_settings(settings, services),
        signing_secret=secret,
        request_verification_enabled=not socket_mode,
        # Each listener acks on the request's thread and hands its work to a lazy handler on the executor,
        # so an ack never waits behind slow work (and never on Bolt's 10 ms polling of the ack).
        process_before_response=True,
        listener_executor=ThreadPoolExecutor(max_workers=LISTENER_THREADS, thread_name_prefix="listener"),
        logger=logging.getLogger("bot.bolt"),
    )
    listeners.register(app, services)
    if services.installations is not None:
        installs.register(app, services)
    app.error(handle_error)
    return app


def oauth_settings(settings: Settings, services: Services) -> OAuthSettings | None:
    """Bolt's OAuth flow on our database (`/slack/install`, `/slack/oauth_redirect`), or None with a single token."""
    if services.installations is None:
        return None
    return OAuthSettings(
        client_id=settings.slack_client_id,
        client_secret=settings.slack_client_secret.get_secret_value(),
        scopes=settings.scopes,
        installation_store=services.installations.store,
        installation_store_bot_only=True,
        state_store=services.installations.states,
        logger=logging.getLogger("bot.oauth"),
    )


def handle_error(error: Exception, body: dict, logger: logging.Logger) -> None:
    """Log a failure in Bolt's own processing (the handlers log and apologise for theirs)."""
    logger.error("failed on %s: %s", body.get("command") or body.get("type") or "request", error, exc_info=error)
