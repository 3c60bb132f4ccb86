"""A workspace removes the app (OAuth mode): forget its installation and everything we keep for it."""

from __future__ import annotations

import logging

from slack_bolt import App, BoltContext

from bot.services import Services

log = logging.getLogger(__name__)


def register(app: App, services: Services) -> None:
    """Register the uninstall and token revocation events (only with an installation store)."""
    app.event("app_uninstalled")(lambda ack, context: _uninstall(ack, context, services))
    app.event("tokens_revoked")(lambda ack, event, context: _revoked(ack, event, context, services))


def _uninstall(ack, context: BoltContext, services: Services) -> None:
    ack()
    handle_uninstalled(context, services=services)


def _revoked(ack, event: dict, context: BoltContext, services: Services) -> None:
    ack()
    handle_tokens_revoked(event, context, services=services)


def handle_uninstalled(context: BoltContext, *, services: Services) -> None:
    """`app_uninstalled`: the workspace removed the app; its data goes."""
    if services.installations is not None and context.team_id:
        services.installations.uninstall(context.team_id, context.enterprise_id)
        services.subscriptions_changed()


def handle_tokens_revoked(event: dict, context: BoltContext, *, services: Services) -> None:
    """`tokens_revoked`: with the bot's token revoked the app can do nothing there, so the workspace's data goes too."""
    if (event.get("tokens") or {}).get("bot"):
        handle_uninstalled(context, services=services)
