"""The Slack listeners, one module per area, each registered explicitly with `register(app, services)`.

Every listener is split the way Bolt's lazy listeners allow: `ack_now` answers Slack on the request's
own thread at once (no queueing behind slow work), and the handler runs after, on the executor.
"""

from __future__ import annotations

import inspect
import logging
from collections.abc import Callable

from slack_bolt import Ack, App, BoltContext
from slack_sdk.webhook import WebhookClient

from bot.services import Services

log = logging.getLogger(__name__)

SORRY = "Sorry, something went wrong on my side while answering that. Please try again in a moment."


def ack_now(ack: Ack) -> None:
    """Acknowledge at once; the answer follows from the lazy handler."""
    ack()


def bind(func: Callable, services: Services) -> Callable:
    """A lazy listener for Bolt: the handler with `services` supplied, its failures logged and apologised for."""
    wanted = [name for name in inspect.signature(func).parameters if name != "services"]

    def listener(**kwargs: object) -> None:
        try:
            func(**{name: kwargs[name] for name in wanted}, services=for_request(services, kwargs["context"]))
        except Exception:
            body = kwargs.get("body") or {}
            what = body.get("command") or body.get("type") or "request"
            log.exception("%s failed on %s", func.__name__, what)
            _apologise(body)

    listener.__name__, listener.__qualname__, listener.__doc__ = func.__name__, func.__qualname__, func.__doc__
    # Bolt injects arguments by the names it finds here (`body` too, for the apology)
    listener.__signature__ = inspect.Signature(
        [inspect.Parameter(name, inspect.Parameter.POSITIONAL_OR_KEYWORD) for name in dict.fromkeys([*wanted, "body", "context"])]
    )
    return listener


def for_request(services: Services, context: BoltContext) -> Services:
    """The services of the workspace a request comes from: with OAuth, that team's (its client carries its token)."""
    if services.installations is None or not context.team_id:
        return services
    return services.for_team(context.team_id, context.client)


def lazy(func: Callable, services: Services) -> dict:
    """Keyword arguments for `app.command(...)(**lazy(handle_x, services))`: ack now, handle after."""
    return {"ack": ack_now, "lazy": [bind(func, services)]}


def _apologise(body: dict) -> None:
    url = body.get("response_url")
    if not url:
        return
    try:
        WebhookClient(url, timeout=5).send(text=SORRY, response_type="ephemeral", replace_original=False)
    except Exception:  # the person may be gone; the failure is logged already
        log.warning("could not tell the person about the failure")


def register(app: App, services: Services) -> None:
    """Register every listener area."""
    from bot.listeners import actions, commands, events

    commands.register(app, services)
    actions.register(app, services)
    events.register(app, services)
