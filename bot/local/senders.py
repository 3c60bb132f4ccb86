"""What Slack sends the bot, signed as Slack signs it and sent over real HTTP: slash commands, events, button clicks.

Each sender returns a `Delivery` (the request and the bot's answer) and raises `BotUnreachable`
when nothing answers; every sender takes `timestamp=` and `secret=` to forge a stale or badly
signed request.
"""

from __future__ import annotations

import copy
import hashlib
import hmac
import json
import secrets
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from bot.local.state import ACK_DEADLINE_SECONDS, SLACKBOT, SlackError, public_message
from bot.local.webapi import WebApi, message_content


class BotUnreachable(Exception):
    """Nothing answered at the bot's events URL (connection refused, timeout)."""


@dataclass
class Delivery:
    """One request sent to the bot, and its answer."""

    kind: str
    status: int
    body: bytes
    headers: dict[str, str]
    elapsed_ms: float
    payload: Any
    raw: bytes = b""
    content_type: str = ""
    extra_headers: dict[str, str] = field(default_factory=dict)
    timestamp: str = ""  # X-Slack-Request-Timestamp as sent
    signature: str = ""  # X-Slack-Signature as sent

    @property
    def text(self) -> str:
        """The answer's body as text."""
        return self.body.decode("utf-8", "replace")

    def json(self) -> Any:
        """The answer's body parsed as JSON."""
        return json.loads(self.body or b"null")


def sign(secret: str, timestamp: str, body: str | bytes) -> str:
    """The `X-Slack-Signature` Slack computes for a body: v0= hex HMAC-SHA256 of `v0:{ts}:{body}`."""
    raw = body.encode("utf-8") if isinstance(body, str) else body
    base = b"v0:" + timestamp.encode("ascii") + b":" + raw
    return "v0=" + hmac.new(secret.encode("utf-8"), base, hashlib.sha256).hexdigest()


def escape_typed(text: str) -> str:
    """Escape what a person typed the way Slack does before it reaches an app."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class SlackSenders(WebApi):
    """The requests Slack sends the bot, from this workspace."""

    def uninstall(self, *, timestamp: str | None = None) -> Delivery:
        """The workspace removes the app: its token stops working and Slack sends `app_uninstalled`."""
        with self._lock:
            self.bot_token = "xoxb-revoked-" + secrets.token_hex(12)
        return self._send_event({"type": "app_uninstalled"}, timestamp=timestamp)

    def revoke_tokens(self, *, bot: bool = True, users: Iterable[str] = (), timestamp: str | None = None) -> Delivery:
        """Tokens are revoked (the bot's and/or users'): Slack sends `tokens_revoked` listing whose, by user id."""
        tokens: dict[str, list[str]] = {}
        if users:
            tokens["oauth"] = list(users)
        if bot:
            with self._lock:
                self.bot_token = "xoxb-revoked-" + secrets.token_hex(12)
            tokens["bot"] = [self.bot_user_id]
        return self._send_event({"type": "tokens_revoked", "tokens": tokens, "event_ts": f"{time.time():.6f}"}, timestamp=timestamp)

    # ----- what Slack sends to the bot -----

    def send_command(
        self,
        command: str,
        text: str = "",
        *,
        user: str | None = None,
        channel: str | None = None,
        timestamp: str | None = None,
        secret: str | None = None,
    ) -> Delivery:
        """Send a slash command as Slack does (form-encoded); an answer in the ack's body is shown as Slack shows it."""
        user = user or self.user_id
        with self._lock:
            cid = self.resolve_channel(channel or self.general)
            ch = self._channels[cid]
            response_url = self._new_response_url(channel=cid, user=user, original=None)
        form = {
            "token": "local-verification-token",
            "team_id": self.team_id,
            "team_domain": self.team_domain,
            "channel_id": cid,
            "channel_name": "directmessage" if ch["is_im"] else ch["name"],
            "user_id": user,
            "user_name": self.users.get(user, {}).get("name", user),
            "command": command if command.startswith("/") else "/" + command,
            "text": escape_typed(text),
            "api_app_id": self.app_id,
            "is_enterprise_install": "false",
            "response_url": response_url,
            "trigger_id": f"{self._new_id('')}.{self.team_id}.{secrets.token_hex(16)}",
        }
        body = urllib.parse.urlencode(form)
        delivery = self._deliver("command", body, "application/x-www-form-urlencoded", form, timestamp=timestamp, secret=secret)
        self._show_command_ack(delivery, cid, user, form["command"])
        return delivery

    def _show_command_ack(self, delivery: Delivery, cid: str, user: str, command: str) -> None:
        with self._lock:
            if delivery.status != 200:
                error = "dispatch_failed" if delivery.status >= 500 else "http_service_error"
                self._store(cid, user=SLACKBOT, text=f'{command} failed with the error "{error}"', visible_to=user, bot=True)
                return
            if delivery.elapsed_ms > ACK_DEADLINE_SECONDS * 1000:
                self._store(cid, user=SLACKBOT, text=f'{command} failed with the error "operation_timeout"', visible_to=user, bot=True)
                return
            if not delivery.body.strip():
                return
            try:
                answer = delivery.json() if "json" in delivery.headers.get("content-type", "") else {"text": delivery.text}
            except ValueError:
                answer = {"text": delivery.text}
            if not isinstance(answer, dict) or not (answer.get("text") or answer.get("blocks")):
                return
            in_channel = answer.get("response_type") == "in_channel"
            try:
                text, blocks = message_content(answer, limit=50)
            except SlackError as error:
                self._store(cid, user=SLACKBOT, text=f'{command} failed with the error "{error.error}"', visible_to=user, bot=True)
                return
            self._store(cid, user=self.bot_user_id, text=text, blocks=blocks, visible_to=None if in_channel else user)

    def send_message(
        self,
        text: str,
        *,
        channel: str | None = None,
        thread_ts: str | None = None,
        user: str | None = None,
        bot_id: str | None = None,
        subtype: str | None = None,
        timestamp: str | None = None,
        secret: str | None = None,
    ) -> Delivery | None:
        """Post a message as a person (in the DM with the bot by default) and send the events Slack would send.

        Returns the delivery of the last event sent, or None when the bot is not subscribed to any.
        """
        user = user or self.user_id
        with self._lock:
            cid = self.resolve_channel(channel or self.dm)
            ch = self._channels[cid]
            typed = _mention_markup(escape_typed(text), self.users)
            msg = self._store(cid, user=user, text=typed, thread_ts=thread_ts, bot=bool(bot_id), subtype=subtype)
            if bot_id:
                msg["bot_id"] = bot_id
            event = self._message_event(msg, "im" if ch["is_im"] else "channel", bot_id=bot_id, subtype=subtype)
            mentioned = f"<@{self.bot_user_id}>" in msg["text"]
        delivery = None
        subscription = "message.im" if ch["is_im"] else "message.channels"
        if subscription in self.bot_events:
            delivery = self._send_event(event, timestamp=timestamp, secret=secret)
        if mentioned and not ch["is_im"] and "app_mention" in self.bot_events and not subtype:
            mention = {k: v for k, v in event.items() if k not in ("channel_type", "subtype")}
            mention["type"] = "app_mention"
            delivery = self._send_event(mention, timestamp=timestamp, secret=secret)
        return delivery

    def _message_event(self, msg: dict[str, Any], channel_type: str, *, bot_id: str | None, subtype: str | None) -> dict[str, Any]:
        """The `message` event Slack sends for a stored message."""
        event: dict[str, Any] = {
            "type": "message",
            "text": msg["text"],
            "user": msg["user"],
            "ts": msg["ts"],
            "team": self.team_id,
            "channel": msg["channel"],
            "event_ts": msg["ts"],
            "channel_type": channel_type,
        }
        if subtype:
            event["subtype"] = subtype
        if bot_id:
            event["bot_id"] = bot_id
        else:
            event["client_msg_id"] = secrets.token_hex(16)
        if msg.get("thread_ts"):
            event["thread_ts"] = msg["thread_ts"]
        return event

    def open_home(self, user: str | None = None, *, timestamp: str | None = None, secret: str | None = None) -> Delivery:
        """Send `app_home_opened` for the Home tab, as Slack does when a person opens the app."""
        user = user or self.user_id
        with self._lock:
            event: dict[str, Any] = {
                "type": "app_home_opened",
                "user": user,
                "channel": self._open_dm(user),
                "tab": "home",
                "event_ts": self._new_ts(),
            }
            if user in self._views:
                event["view"] = copy.deepcopy(self._views[user])
        return self._send_event(event, timestamp=timestamp, secret=secret)

    def _send_event(self, event: dict[str, Any], *, timestamp: str | None = None, secret: str | None = None) -> Delivery:
        payload = {
            "token": "local-verification-token",
            "team_id": self.team_id,
            "context_team_id": self.team_id,
            "api_app_id": self.app_id,
            "event": event,
            "type": "event_callback",
            "event_id": self._new_id("Ev"),
            "event_time": int(time.time()),
            "authorizations": [
                {
                    "enterprise_id": None,
                    "team_id": self.team_id,
                    "user_id": self.bot_user_id,
                    "is_bot": True,
                    "is_enterprise_install": False,
                }
            ],
            "is_ext_shared_channel": False,
            "event_context": "4-" + secrets.token_urlsafe(24),
        }
        return self._deliver("event", json.dumps(payload), "application/json", payload, timestamp=timestamp, secret=secret)

    def replay(self, delivery: Delivery) -> Delivery:
        """Send the very same request again, bytes, timestamp and signature (what an eavesdropper could do)."""
        extra = {"X-Slack-Signature": delivery.signature}
        return self._deliver(
            delivery.kind,
            delivery.raw.decode("utf-8"),
            delivery.content_type,
            delivery.payload,
            timestamp=delivery.timestamp,
            extra_headers=extra,
        )

    def resend(self, delivery: Delivery, *, retry_num: int = 1, reason: str = "http_timeout") -> Delivery:
        """Send the same request again as a Slack retry (X-Slack-Retry-Num), freshly signed."""
        extra = {"X-Slack-Retry-Num": str(retry_num), "X-Slack-Retry-Reason": reason}
        return self._deliver(delivery.kind, delivery.raw.decode("utf-8"), delivery.content_type, delivery.payload, extra_headers=extra)

    def click(
        self,
        message: dict[str, Any],
        action_id: str,
        value: str | None = None,
        *,
        user: str | None = None,
        timestamp: str | None = None,
        secret: str | None = None,
    ) -> Delivery:
        """Click a button in a message (or App Home view) as the person: a `block_actions` payload, form-encoded."""
        user = user or self.user_id
        block, button = _find_button(message.get("blocks") or [], action_id, value)
        action = {
            "action_id": button["action_id"],
            "block_id": block.get("block_id") or "",
            "text": button.get("text"),
            "value": button.get("value"),
            "type": button.get("type", "button"),
            "action_ts": f"{time.time():.6f}",
        }
        if button.get("style"):
            action["style"] = button["style"]
        payload: dict[str, Any] = {
            "type": "block_actions",
            "user": {
                "id": user,
                "username": self.users.get(user, {}).get("name", user),
                "name": self.users.get(user, {}).get("name", user),
                "team_id": self.team_id,
            },
            "api_app_id": self.app_id,
            "token": "local-verification-token",
            "trigger_id": f"{self._new_id('')}.{self.team_id}.{secrets.token_hex(16)}",
            "team": {"id": self.team_id, "domain": self.team_domain},
            "enterprise": None,
            "is_enterprise_install": False,
            "state": {"values": {}},
            "actions": [action],
        }
        with self._lock:
            payload |= self._view_context(message, user) if message.get("type") == "home" else self._message_context(message, user)
        body = urllib.parse.urlencode({"payload": json.dumps(payload)})
        return self._deliver("block_actions", body, "application/x-www-form-urlencoded", payload, timestamp=timestamp, secret=secret)

    def _view_context(self, view: dict[str, Any], user: str) -> dict[str, Any]:
        """Where a click in the App Home happened: the view as published for the person."""
        published = self._views.get(user)
        if published is None or published["id"] != view.get("id"):
            raise ValueError("that view is not the one published for this user")
        return {"container": {"type": "view", "view_id": published["id"]}, "view": copy.deepcopy(published)}

    def _message_context(self, message: dict[str, Any], user: str) -> dict[str, Any]:
        """Where a click in a message happened: its container, channel, the message (unless ephemeral), a response_url."""
        cid = message["channel"]
        current = self._find(cid, message["ts"])
        if current is None:
            raise ValueError("that message is no longer in the channel")
        ch = self._channels[cid]
        ephemeral = bool(current.get("is_ephemeral"))
        container = {"type": "message", "message_ts": current["ts"], "channel_id": cid, "is_ephemeral": ephemeral}
        if current.get("thread_ts"):
            container["thread_ts"] = current["thread_ts"]
        context: dict[str, Any] = {"container": container, "channel": {"id": cid, "name": "directmessage" if ch["is_im"] else ch["name"]}}
        # Slack leaves the message out of the payload when it is ephemeral: handlers must not rely on it.
        if not ephemeral:
            context["message"] = public_message(current)
        context["response_url"] = self._new_response_url(
            channel=cid, user=user, original=(cid, current["ts"]), thread_ts=current.get("thread_ts")
        )
        return context

    def _deliver(
        self,
        kind: str,
        body: str,
        content_type: str,
        payload: Any,
        *,
        timestamp: str | None = None,
        secret: str | None = None,
        extra_headers: dict[str, str] | None = None,
    ) -> Delivery:
        if not self.events_url:
            raise BotUnreachable("no events URL: the workspace does not know where the bot listens")
        ts = timestamp or str(int(time.time()))
        raw = body.encode("utf-8")
        headers = {
            "Content-Type": content_type,
            "X-Slack-Request-Timestamp": ts,
            "X-Slack-Signature": sign(secret or self.signing_secret, ts, raw),
            "User-Agent": "Slackbot 1.0 (+https://api.slack.com/robots)",
            **(extra_headers or {}),
        }
        request = urllib.request.Request(self.events_url, data=raw, headers=headers, method="POST")
        started = time.perf_counter()
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                status, answer, answer_headers = response.status, response.read(), response.headers
        except urllib.error.HTTPError as error:
            status, answer, answer_headers = error.code, error.read(), error.headers
        except (urllib.error.URLError, OSError) as error:
            reason = getattr(error, "reason", error)
            with self._lock:
                self.bot_reachable, self.last_error = False, f"the bot is not reachable at {self.events_url}: {reason}"
                self._touch()
            raise BotUnreachable(self.last_error) from error
        elapsed = (time.perf_counter() - started) * 1000
        delivery = Delivery(
            kind=kind,
            status=status,
            body=answer,
            headers={k.lower(): v for k, v in answer_headers.items()},
            elapsed_ms=elapsed,
            payload=payload,
            raw=raw,
            content_type=content_type,
            extra_headers=dict(extra_headers or {}),
            timestamp=ts,
            signature=headers["X-Slack-Signature"],
        )
        self._record(delivery)
        return delivery

    def _record(self, delivery: Delivery) -> None:
        """Keep a delivery, and what it says about the bot (answering; failing with a 5xx) for the page."""
        with self._lock:
            self.deliveries.append(delivery)
            changed = self.bot_reachable is not True or self.last_error is not None
            self.bot_reachable = True
            self.last_error = None if delivery.status < 500 else f"the bot answered HTTP {delivery.status}"
            if changed or delivery.status >= 500:
                self._touch()


def _mention_markup(text: str, users: dict[str, dict[str, Any]]) -> str:
    """Turn a typed `@name` into Slack's `<@U123>` markup, as the Slack client does."""
    for uid, user in users.items():
        for name in {user["name"], user["real_name"]}:
            text = text.replace(f"@{name}", f"<@{uid}>")
    return text


def _find_button(blocks: list[dict[str, Any]], action_id: str, value: str | None) -> tuple[dict[str, Any], dict[str, Any]]:
    for block in blocks:
        candidates = list(block.get("elements") or []) if block.get("type") == "actions" else []
        if block.get("accessory"):
            candidates.append(block["accessory"])
        for element in candidates:
            if element.get("action_id") == action_id and (value is None or element.get("value") == value):
                return block, element
    wanted = f"{action_id!r}" + (f" with value {value!r}" if value is not None else "")
    raise ValueError(f"no button {wanted} in that message")
