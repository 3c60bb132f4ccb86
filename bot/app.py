"""The Bolt app, built in one place from the settings and the services."""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor

from slack_bolt import App

from bot import listeners
from bot.services import Services
from config.settings import Settings

log = logging.getLogger(__name__)

SORRY = "Sorry, something went wrong on my side while answering that. Please try again in a moment."


def build_app(settings: Settings, services: Services, *, socket_mode: bool = False) -> App:
    """A Bolt app with every listener registered; checks request signatures unless it runs over Socket Mode."""
    secret = settings.slack_signing_secret.get_secret_value() if settings.slack_signing_secret else ""
    if not socket_mode and not secret:
        raise ValueError("HTTP mode needs SLACK_SIGNING_SECRET to check that requests come from Slack")
    app = App(
        name="briefings",
        client=services.client,
        signing_secret=secret,
        request_verification_enabled=not socket_mode,
        process_before_response=False,  # ack at once; listeners finish on the executor
        listener_executor=ThreadPoolExecutor(max_workers=8, thread_name_prefix="listener"),
        logger=logging.getLogger("bot.bolt"),
    )
    listeners.register(app, services)
    app.error(handle_error)
    return app


def handle_error(error: Exception, body: dict, respond, logger: logging.Logger) -> None:
    """Log a listener's failure with its context and tell the user, without leaking details."""
    kind = body.get("command") or body.get("type") or "request"
    logger.error("listener failed on %s: %s", kind, error, exc_info=error)
    if body.get("response_url"):
        try:
            respond(response_type="ephemeral", replace_original=False, text=SORRY)
        except Exception:  # the user may already be gone; nothing else to tell
            logger.warning("could not tell the user about the failure on %s", kind)
