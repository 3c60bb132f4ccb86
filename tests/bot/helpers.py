"""Small helpers for reading what the bot did in the local workspace."""

from __future__ import annotations

import json


def bot_ephemerals(ws) -> list[dict]:
    """Ephemeral messages the bot showed the person, oldest first."""
    return [m for m in ws.ephemerals() if m.get("user") == ws.bot_user_id]


def next_ephemeral(ws, before: int, timeout: float = 5.0) -> dict:
    """Wait for the bot's next ephemeral message after `before` of them."""
    return ws.wait_for(lambda w: len(bot_ephemerals(w)) > before and bot_ephemerals(w)[-1], timeout)


def bot_messages(ws, channel: str) -> list[dict]:
    """The bot's top-level messages in a channel."""
    return [m for m in ws.messages(channel) if m.get("user") == ws.bot_user_id]


def header(message: dict) -> str | None:
    """The text of the message's header block, if any."""
    for block in message.get("blocks") or []:
        if block.get("type") == "header":
            return block["text"]["text"]
    return None


def dump(message: dict) -> str:
    """Everything in a message as one string, for `in` checks."""
    return json.dumps(message, ensure_ascii=False)


def buttons(message: dict) -> list[dict]:
    """Every button in a message: in actions blocks and as section accessories."""
    found = []
    for block in message.get("blocks") or []:
        if block.get("type") == "actions":
            found += [e for e in block["elements"] if e.get("type") == "button"]
        if (block.get("accessory") or {}).get("type") == "button":
            found.append(block["accessory"])
    return found


def button_for(message: dict, label: str) -> dict:
    """The "Show" button in the section that names `label`."""
    for block in message.get("blocks") or []:
        accessory = block.get("accessory") or {}
        if accessory.get("type") == "button" and label in (block.get("text") or {}).get("text", ""):
            return accessory
    raise AssertionError(f"no button for {label!r} in {dump(message)[:500]}")


def cli_environment(monkeypatch, bot) -> None:
    """Point the `briefings` command at a running test bot's workspace, database and corpus."""
    for name, value in {
        "SLACK_BOT_TOKEN": bot.ws.bot_token,
        "SLACK_API_URL": bot.ws.api_url,
        "BRIEFINGS_DATABASE_URL": bot.settings.database_url,
        "BRIEFINGS_CORPUS_DIR": str(bot.settings.corpus_dir),
    }.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("SLACK_APP_TOKEN", raising=False)
