"""Buttons: "Share in channel" and the "Did you mean" choices."""

from __future__ import annotations

import logging
import re

from slack_bolt import App, Respond

from bot import blocks
from bot.listeners import lazy
from bot.services import Services

log = logging.getLogger(__name__)

_USER_ID = re.compile(r"^[UW][A-Z0-9]{2,20}$")


def register(app: App, services: Services) -> None:
    """Register the button handlers."""
    app.action(blocks.SHARE_ACTION)(**lazy(handle_share, services))
    app.action(re.compile("^" + re.escape(blocks.CHOOSE_PREFIX)))(**lazy(handle_choose, services))


def _card(services: Services, value: str, *, share: bool = False, shared_by: str | None = None) -> blocks.Message | None:
    target = blocks.decode(value)
    if target is None:
        return None
    kind, id_ = target
    if kind == "person":
        person = services.core.person(id_)
        return blocks.person_card(person, share=share, shared_by=shared_by) if person else None
    event = services.core.event_by_id(id_)
    return blocks.event_card(event, share=share, shared_by=shared_by) if event else None


def handle_share(body: dict, action: dict, respond: Respond, *, services: Services) -> None:
    """Post the card for everyone in the channel and remove the ephemeral one."""
    user = body.get("user", {}).get("id", "")
    card = _card(services, action.get("value", ""), shared_by=user if _USER_ID.match(user) else None)
    if card is None:
        respond(replace_original=False, response_type="ephemeral", text="That is no longer in the index; run the lookup again.")
        return
    respond(response_type="in_channel", replace_original=False, **card.as_kwargs())
    respond(delete_original=True)


def handle_choose(body: dict, action: dict, respond: Respond, *, services: Services) -> None:
    """Replace the choice with the chosen person's or event's card."""
    ephemeral = bool(body.get("container", {}).get("is_ephemeral"))
    card = _card(services, action.get("value", ""), share=ephemeral)
    if card is None:
        respond(replace_original=False, response_type="ephemeral", text="That is no longer in the index; run the lookup again.")
        return
    respond(replace_original=True, **card.as_kwargs())
