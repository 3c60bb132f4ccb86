"""Slash commands: /who, /event, /briefing. Ack at once, then answer ephemerally through response_url."""

from __future__ import annotations

import logging

from slack_bolt import App, Respond

from bot import blocks
from bot.follow_blocks import follow_choice_message, following_message, quotes_message, unfollow_message
from bot.listeners import lazy
from bot.services import Services
from bot.subscriptions import SubscriptionError, parse_subscribe
from bot.text import md, unescape
from briefings.quote_search import split_person_topic

log = logging.getLogger(__name__)


def register(app: App, services: Services) -> None:
    """Register the slash commands."""
    app.command("/who")(**lazy(handle_who, services))
    app.command("/event")(**lazy(handle_event, services))
    app.command("/briefing")(**lazy(handle_briefing, services))


def handle_who(command: dict, respond: Respond, *, services: Services) -> None:
    """`/who <name> [topic]`: a person's card, a choice, or suggestions; with a topic, what they said about it."""
    if busy := services.loading_message():
        respond(response_type="ephemeral", text=busy)
        return
    query = _query(command)
    match = services.core.who(query)
    if match.status != "found":
        person, topic = split_person_topic(services.core, query)
        if topic:
            respond(response_type="ephemeral", **quotes_message(services.core.quotes(person, topic)).as_kwargs())
            return
    respond(response_type="ephemeral", **blocks.lookup_message("person", match, share=True).as_kwargs())


def handle_event(command: dict, respond: Respond, *, services: Services) -> None:
    """`/event <query>`: an event's card, a choice, or suggestions."""
    if busy := services.loading_message():
        respond(response_type="ephemeral", text=busy)
        return
    match = services.core.event(_query(command))
    respond(response_type="ephemeral", **blocks.lookup_message("event", match, share=True).as_kwargs())


def _query(command: dict) -> str:
    # Only Slack's escaping is undone here; the core cleans and limits every query once (briefings.query).
    return unescape(command.get("text") or "")


def handle_briefing(command: dict, respond: Respond, *, services: Services) -> None:
    """`/briefing [help | digest | subscribe [HH:MM] [zone] | unsubscribe | status]`."""
    words = _query(command).split()
    action = words[0].lower() if words else "help"
    channel = command.get("channel_id", "")
    if action == "digest":
        message = blocks.digest_preview(services.core.digest(channel=channel), note_text="A preview: only you see it.")
    elif action == "subscribe":
        message = _subscribe(services, channel, words[1:], command.get("user_id"))
    elif action in ("unsubscribe", "stop"):
        gone = services.subscriptions.unsubscribe(channel)
        services.subscriptions_changed()
        message = blocks.note("This channel no longer gets the daily digest." if gone else "This channel was not subscribed to the digest.")
    elif action == "status":
        message = _status(services, channel)
    elif action in ("follow", "following", "unfollow"):
        message = follow_command(services, action, " ".join(words[1:]), follower_of(command), command.get("user_id"))
    elif action == "help":
        message = blocks.help_message()
    else:
        message = blocks.note(f"I don't know `{md(action, 50)}`. Try `/briefing help`.")
    respond(response_type="ephemeral", **message.as_kwargs())


def _subscribe(services: Services, channel: str, args: list[str], user: str | None) -> blocks.Message:
    try:
        time, zone = parse_subscribe(args, services.settings)
    except SubscriptionError as error:
        return blocks.note(md(str(error), 2000))
    sub = services.subscriptions.subscribe(channel, time, zone, created_by=user)
    services.subscriptions_changed()
    when = sub.next_due(services.now())
    return blocks.note(f"This channel gets the daily digest at {sub.describe()}. Next one: {when:%a %d %b %H:%M} ({sub.timezone}).")


def _status(services: Services, channel: str) -> blocks.Message:
    sub = services.subscriptions.get(channel)
    lines = [f"*Digest:* {sub.describe()}; next {sub.next_due(services.now()):%a %d %b %H:%M}" if sub else "*Digest:* not subscribed here"]
    last = services.poster.history(channel)
    if last:
        row = last[0]
        lines.append(f"*Last digest:* {row.digest_key} ({row.status}{', ' + md(row.error, 300) if row.error else ''})")
    stats = services.core.stats()
    lines.append(
        f"*Corpus:* {stats.articles} articles, {stats.people} people, {stats.events} events; "
        f"last indexed {md(stats.last_indexed or 'never', 100)}"
    )
    return blocks.note("\n".join(lines))


def follower_of(command: dict) -> str:
    """Who gets the alerts of a follow typed here: the channel, or the person in a DM with the bot."""
    channel = command.get("channel_id", "")
    if command.get("channel_name") == "directmessage" or channel.startswith("D"):
        return command.get("user_id", "")
    return channel


def follow_command(services: Services, action: str, text: str, follower: str, user: str | None) -> blocks.Message:
    """`follow <x>`, `following`, `unfollow <x>` for a user (DM alerts) or a channel."""
    where = "this channel" if follower.startswith(("C", "G")) else "you"
    if action == "following":
        return following_message(services.follows.of(follower), where=where)
    if action == "unfollow":
        if not text.strip():
            return following_message(services.follows.of(follower), where=where)
        gone = services.follows.remove(follower, text)
        return unfollow_message([t.label for t in gone], text, where=where)
    choice = services.core.follow_choice(text)
    if choice.target is None:
        return follow_choice_message(choice, added=False, where=where)
    if services.follows.count(follower) >= MAX_FOLLOWS:
        return blocks.note(
            f"{where.capitalize()} already follow{'s' if where == 'this channel' else ''} {MAX_FOLLOWS} things: unfollow one first."
        )
    added = services.follows.add(follower, choice.target, created_by=user)
    return follow_choice_message(choice, added=added, where=where)


MAX_FOLLOWS = 50
