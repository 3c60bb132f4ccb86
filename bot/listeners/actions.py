"""Buttons: "Share in channel" and the "Did you mean" choices."""

from __future__ import annotations

import logging
import re

from slack_bolt import App, Respond
from slack_sdk import WebClient

from bot import blocks
from bot.follow_blocks import FOLLOW_PERSON_ACTION, UNFOLLOW_ACTION, follow_choice_message, unfollow_message
from bot.listeners import lazy
from bot.listeners.events import publish_home
from bot.services import Services
from briefings.follow import FollowChoice, person_target

log = logging.getLogger(__name__)

_USER_ID = re.compile(r"^[UW][A-Z0-9]{2,20}$")


def register(app: App, services: Services) -> None:
    """Register the button handlers."""
    app.action(blocks.SHARE_ACTION)(**lazy(handle_share, services))
    app.action(re.compile("^" + re.escape(blocks.CHOOSE_PREFIX)))(**lazy(handle_choose, services))
    app.action(re.compile("^" + re.escape(FOLLOW_PERSON_ACTION) + ":"))(**lazy(handle_follow_person, services))
    app.action(re.compile("^" + re.escape(UNFOLLOW_ACTION) + ":"))(**lazy(handle_unfollow, services))


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


def _follower(body: dict) -> str:
    # In a channel the channel follows; in a DM or the App Home, the person does.
    user = body.get("user", {}).get("id", "")
    channel = (body.get("channel") or {}).get("id", "")
    if body.get("view") or not channel or channel.startswith("D"):
        return user
    return channel


def handle_follow_person(body: dict, action: dict, respond: Respond, *, services: Services) -> None:
    """The person chosen among namesakes is followed."""
    value = action.get("value", "")
    person = services.core.person(int(value)) if value.isdigit() else None
    if person is None:
        respond(replace_original=False, response_type="ephemeral", text="That person is no longer in the index; try again.")
        return
    follower = _follower(body)
    added = services.follows.add(follower, person_target(person), created_by=body.get("user", {}).get("id"))
    where = "this channel" if follower.startswith(("C", "G")) else "you"
    message = follow_choice_message(FollowChoice("person", person_target(person)), added=added, where=where)
    respond(replace_original=True, **message.as_kwargs())


def handle_unfollow(body: dict, action: dict, respond: Respond, client: WebClient, *, services: Services) -> None:
    """An Unfollow button, in a list or on the App Home."""
    follower = _follower(body)
    label = action.get("value", "")
    gone = services.follows.remove(follower, label)
    where = "this channel" if follower.startswith(("C", "G")) else "you"
    if body.get("view"):  # the App Home: show it again without the follow
        publish_home(client, follower, services)
        return
    respond(replace_original=False, response_type="ephemeral", **unfollow_message([t.label for t in gone], label, where=where).as_kwargs())
