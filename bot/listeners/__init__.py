"""The Slack listeners, one module per area, each registered explicitly with `register(app, services)`."""

from __future__ import annotations

import functools
from collections.abc import Callable

from slack_bolt import App

from bot.services import Services


def bind(func: Callable, services: Services) -> Callable:
    """A listener for Bolt: the handler with `services` supplied (Bolt injects the other arguments by name)."""

    @functools.wraps(func)
    def listener(**kwargs: object) -> object:
        return func(**kwargs, services=services)

    return listener


def register(app: App, services: Services) -> None:
    """Register every listener area."""
    from bot.listeners import actions, commands, events

    commands.register(app, services)
    actions.register(app, services)
    events.register(app, services)
