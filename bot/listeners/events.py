"""Events: direct messages, @mentions (answered in the thread), and the App Home."""

from __future__ import annotations

import logging
import re

from slack_bolt import App, BoltContext, Say
from slack_sdk import WebClient

from bot import blocks
from bot.follow_blocks import home_follows, quotes_message
from bot.listeners import lazy
from bot.listeners.commands import follow_command
from bot.services import Services
from bot.text import unescape
from briefings.ask import ask

log = logging.getLogger(__name__)

_MENTION = re.compile(r"<@[A-Z0-9]+(?:\|[^>]*)?>")
_FOLLOW = re.compile(r"^/?(?P<action>follow|following|unfollow)\b\s*(?P<rest>.*)$", re.I | re.S)


def register(app: App, services: Services) -> None:
    """Register the event handlers."""
    app.event("message")(**lazy(handle_message, services))
    app.event("app_mention")(**lazy(handle_mention, services))
    app.event("app_home_opened")(**lazy(handle_home_opened, services))


def _from_a_person(event: dict) -> bool:
    """Not a bot (ours included), not an edit, deletion, join or any other subtype."""
    return not event.get("subtype") and not event.get("bot_id") and not event.get("bot_profile") and bool(event.get("user"))


def _first_time(services: Services, body: dict, event: dict) -> bool:
    # Slack retries an event with the same event_id; a mention may also arrive as a channel message (same channel+ts)
    return services.seen.first_time(body.get("event_id"), f"{event.get('channel')}:{event.get('ts')}")


def handle_message(event: dict, body: dict, say: Say, *, services: Services) -> None:
    """A direct message to the bot: interpret it and answer in the conversation."""
    if event.get("channel_type") != "im" or not _from_a_person(event) or not _first_time(services, body, event):
        return
    text = unescape(_MENTION.sub(" ", event.get("text") or ""))
    say(**_reply(services, text, follower=event.get("user", ""), user=event.get("user")).as_kwargs(), thread_ts=event.get("thread_ts"))


def handle_mention(event: dict, body: dict, say: Say, *, services: Services) -> None:
    """An @mention in a channel or thread: answer in its thread."""
    if not _from_a_person(event) or not _first_time(services, body, event):
        return
    text = unescape(_MENTION.sub(" ", event.get("text") or ""))
    message = _reply(services, text, follower=event.get("channel", ""), user=event.get("user"))
    say(**message.as_kwargs(), thread_ts=event.get("thread_ts") or event.get("ts"))


def _reply(services: Services, text: str, *, follower: str, user: str | None) -> blocks.Message:
    """The answer to a DM or mention: a follow command, what someone said, or a lookup."""
    if m := _FOLLOW.match(text.strip()):
        return follow_command(services, m["action"].lower(), m["rest"] or "", follower, user)
    if busy := services.loading_message():
        return blocks.Message(text=busy)
    answer = ask(services.core, text)
    if answer.intent == "quotes" and answer.quotes is not None:
        return quotes_message(answer.quotes)
    return blocks.answer_message(answer)


def handle_home_opened(event: dict, client: WebClient, context: BoltContext, *, services: Services) -> None:
    """The App Home tab: what the user follows, the latest digest, the corpus at a glance, help."""
    if event.get("tab", "home") != "home":
        return
    publish_home(client, event["user"], services)


def publish_home(client: WebClient, user: str, services: Services) -> None:
    """Publish a user's App Home."""
    digest = services.core.digest(include_sent=True)
    view = blocks.home_view(digest, services.core.stats())
    view["blocks"][1:1] = [b.to_dict() for b in home_follows(services.follows.of(user))]
    view["blocks"] = view["blocks"][: blocks.MAX_HOME_BLOCKS]
    client.views_publish(user_id=user, view=view)
