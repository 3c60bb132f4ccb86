"""Whatever a person types, what the bot sends Slack is inert text: no control characters, no lone surrogates, no raw `<`."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.bot.helpers import bot_ephemerals, bot_messages, next_ephemeral

# What Slack reads as a control sequence in mrkdwn; any other `<` is unescaped text.
SLACK_SEQUENCE = re.compile(r"<(?:[@#][A-Z0-9]+(?:\|[^<>]*)?|![a-z^][^<>]*|(?:https?://|mailto:)[^<>\s|]+(?:\|[^<>]*)?)>")
QUOTE_MARK = re.compile(r"^>", re.M)  # a block quote, the bot's own markup
UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def sent_texts(ws) -> list[str]:
    """Every text the bot sent Slack: message and fallback text, every mrkdwn and plain_text object."""
    texts: list[str] = []

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            if isinstance(value.get("text"), str):
                texts.append(value["text"])
            for inner in value.values():
                walk(inner)
        elif isinstance(value, list):
            for inner in value:
                walk(inner)

    for call in ws.calls:
        walk(call.params)
    return texts


def problems(ws) -> list[str]:
    found = []
    for text in sent_texts(ws):
        if UNSAFE.search(text):
            found.append(f"control character or lone surrogate in {text!r}")
        bare = QUOTE_MARK.sub("", SLACK_SEQUENCE.sub("", text))
        if "<" in bare or ">" in bare:
            found.append(f"unescaped < or > in {text!r}")
    return found


def test_help_and_usage_texts_are_escaped_mrkdwn(bot):
    ws = bot.ws
    for command, text in (("/briefing", "help"), ("/who", ""), ("/event", "")):
        before = len(bot_ephemerals(ws))
        ws.send_command(command, text)
        next_ephemeral(ws, before)
    ws.send_message("help")
    ws.wait_for(lambda w: bot_messages(w, w.dm))
    assert sent_texts(ws) and problems(ws) == []


@pytest.mark.parametrize(
    "query",
    ["Ki\x00rby", "\x1b[31mKirby\x1b[0m", "Kirby\ud800", "\udfff\x07<!channel>", "Blinken \x1b]0;title\x07 China"],
)
def test_a_hostile_query_reaches_slack_only_as_inert_text(bot, query):
    ws = bot.ws
    ws.send_message(f"who is {query}?")
    ws.wait_for(lambda w: bot_messages(w, w.dm))
    if "\ud800" not in query and "\udfff" not in query:  # a form body cannot carry a lone surrogate; JSON can
        ws.send_command("/who", query)
        next_ephemeral(ws, 0)
    assert sent_texts(ws) and problems(ws) == []
