"""The local workspace's state: channels, messages, threads, ephemerals, App Home views, and the failures a test asks for.

`Workspace` (bot/local/workspace.py) is this state with the Web API it serves (`bot.local.webapi`) and
the requests it sends the bot (`bot.local.senders`).
"""

from __future__ import annotations

import copy
import secrets
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bot.local.senders import Delivery
    from bot.local.workspace import Workspace

TEAM_ID = "T0LOCAL01"
TEAM_DOMAIN = "local"
APP_ID = "A0LOCAL01"
BOT_USER_ID = "U0BOT0001"
BOT_ID = "B0BOT0001"
HUMAN_USER_ID = "U0HUMAN01"
SLACKBOT = "USLACKBOT"
# What the manifest subscribes to: with these, a plain channel message is not sent to the bot.
DEFAULT_BOT_EVENTS = ("message.im", "app_mention", "app_home_opened")
RESPONSE_URL_USES = 5
RESPONSE_URL_SECONDS = 30 * 60
ACK_DEADLINE_SECONDS = 3.0


@dataclass
class ApiCall:
    """One Web API call the workspace received."""

    method: str
    params: dict[str, Any]
    status: int = 200
    error: str | None = None


class SlackError(Exception):
    """A Web API error answered as `{"ok": false, "error": ...}`."""

    def __init__(self, error: str, messages: list[str] | None = None) -> None:
        super().__init__(error)
        self.error = error
        self.messages = messages or []


def public_message(msg: dict[str, Any]) -> dict[str, Any]:
    """A stored message as Slack shows it to an app (without the workspace's own bookkeeping)."""
    return {k: copy.deepcopy(v) for k, v in msg.items() if k not in ("channel", "visible_to", "is_ephemeral")}


class WorkspaceState:
    """The in-memory state of one Slack workspace, with the bot installed and one person using it."""

    def __init__(
        self,
        *,
        bot_token: str | None = None,
        signing_secret: str | None = None,
        events_url: str | None = None,
        base_url: str | None = None,
        bot_events: Iterable[str] = DEFAULT_BOT_EVENTS,
        bot_name: str = "briefings",
        user_name: str = "you",
        team_id: str = TEAM_ID,
        team_domain: str = TEAM_DOMAIN,
    ) -> None:
        self.bot_token = bot_token or "xoxb-local-" + secrets.token_hex(12)
        self.signing_secret = signing_secret or secrets.token_hex(16)
        self.events_url = events_url
        self.base_url = base_url.rstrip("/") if base_url else None
        self.bot_events = set(bot_events)
        self.team_id, self.team_domain, self.app_id = team_id, team_domain, APP_ID
        # OAuth: the app's credentials as Slack knows them, and the one-time codes of approved installs.
        self.oauth_client: tuple[str, str] | None = None
        self._codes: dict[str, str] = {}
        self.bot_user_id, self.bot_id, self.user_id = BOT_USER_ID, BOT_ID, HUMAN_USER_ID
        self.users: dict[str, dict[str, Any]] = {
            HUMAN_USER_ID: {"id": HUMAN_USER_ID, "name": user_name, "real_name": user_name.title(), "is_bot": False},
            BOT_USER_ID: {"id": BOT_USER_ID, "name": bot_name, "real_name": bot_name.title(), "is_bot": True, "bot_id": BOT_ID},
            SLACKBOT: {"id": SLACKBOT, "name": "slackbot", "real_name": "Slackbot", "is_bot": True},
        }
        self.calls: list[ApiCall] = []
        self.deliveries: list[Delivery] = []
        self.bot_reachable: bool | None = None
        self.last_error: str | None = None
        # The page's "post the digest now" asks this hook (set by the local runner) to post through the bot.
        self.post_digest: Callable[[str], Any] | None = None
        self._lock = threading.RLock()
        self._changed = threading.Condition(self._lock)
        self._version = 0
        self._closed = False
        self._last_us = 0
        self._seq = 0
        self._channels: dict[str, dict[str, Any]] = {}
        self._messages: dict[str, list[dict[str, Any]]] = {}
        self._views: dict[str, dict[str, Any]] = {}
        self._responses: dict[str, dict[str, Any]] = {}
        self._failures: dict[str, list[tuple[int, float | None]]] = {}
        self._lost_replies: dict[str, list[float | None]] = {}
        self.general = self.add_channel("general", channel_id="C0GENERAL")
        self.dm = self._open_dm(HUMAN_USER_ID)

    # ----- identity and housekeeping -----

    def slack_variables(self) -> dict[str, str]:
        """The Slack variables of a bot wired to this workspace (its token, signing secret and Web API URL)."""
        return {"SLACK_BOT_TOKEN": self.bot_token, "SLACK_SIGNING_SECRET": self.signing_secret, "SLACK_API_URL": self.api_url}

    @property
    def api_url(self) -> str:
        """The `base_url` for slack_sdk's WebClient (ends with a slash)."""
        if not self.base_url:
            raise RuntimeError("the workspace is not served yet: use serve_workspace() or set base_url")
        return self.base_url + "/api/"

    @property
    def version(self) -> int:
        """A counter that grows on every change of what a person would see."""
        return self._version

    def _touch(self) -> None:
        self._version += 1
        self._changed.notify_all()

    def _new_ts(self) -> str:
        now = int(time.time() * 1_000_000)
        self._last_us = max(self._last_us + 1, now)
        return f"{self._last_us // 1_000_000}.{self._last_us % 1_000_000:06d}"

    def _new_id(self, prefix: str) -> str:
        self._seq += 1
        return f"{prefix}{self._seq:06d}{secrets.token_hex(2).upper()}"

    def add_channel(self, name: str, *, channel_id: str | None = None) -> str:
        """Create a public channel (the bot and the person are members) and return its id."""
        with self._lock:
            name = name.lstrip("#")
            for ch in self._channels.values():
                if ch["name"] == name and not ch["is_im"]:
                    return ch["id"]
            cid = channel_id or self._new_id("C")
            self._channels[cid] = {"id": cid, "name": name, "is_im": False, "is_channel": True, "created": int(time.time())}
            self._messages[cid] = []
            self._touch()
            return cid

    def _open_dm(self, user: str) -> str:
        for ch in self._channels.values():
            if ch["is_im"] and ch["user"] == user:
                return ch["id"]
        cid = "D0" + user[1:] if user.startswith("U") else self._new_id("D")
        self._channels[cid] = {"id": cid, "name": user, "is_im": True, "is_channel": False, "user": user, "created": int(time.time())}
        self._messages[cid] = []
        return cid

    def channels(self) -> list[dict[str, Any]]:
        """Every conversation, channels first, as Slack's conversation objects."""
        with self._lock:
            return [copy.deepcopy(c) for c in sorted(self._channels.values(), key=lambda c: (c["is_im"], c["name"]))]

    def resolve_channel(self, ref: str) -> str:
        """A channel id from an id, `#name`, `name`, or a user id (their DM with the bot)."""
        with self._lock:
            ref = (ref or "").strip()
            if ref in self._channels:
                return ref
            if ref in self.users and ref not in (self.bot_user_id, SLACKBOT):
                return self._open_dm(ref)
            name = ref.lstrip("#")
            for ch in self._channels.values():
                if not ch["is_im"] and ch["name"] == name:
                    return ch["id"]
            raise SlackError("channel_not_found")

    # ----- reading state (tests and the page) -----

    def messages(self, channel: str | None = None, *, for_user: str | None = None) -> list[dict[str, Any]]:
        """Top-level messages of a channel, oldest first; ephemerals only those shown to `for_user`."""
        with self._lock:
            cid = self.resolve_channel(channel or self.general)
            out = []
            for m in self._messages[cid]:
                if m.get("thread_ts") and m["thread_ts"] != m["ts"]:
                    continue
                if m.get("is_ephemeral") and m.get("visible_to") != for_user:
                    continue
                out.append(copy.deepcopy(m))
            return out

    def thread(self, channel: str, ts: str, *, for_user: str | None = None) -> list[dict[str, Any]]:
        """The replies in a thread, oldest first (the parent not included)."""
        with self._lock:
            cid = self.resolve_channel(channel)
            return [
                copy.deepcopy(m)
                for m in self._messages[cid]
                if m.get("thread_ts") == ts and m["ts"] != ts and (not m.get("is_ephemeral") or m.get("visible_to") == for_user)
            ]

    def ephemerals(self, user: str | None = None) -> list[dict[str, Any]]:
        """Every ephemeral message shown to a person (default: the workspace's human), oldest first."""
        user = user or self.user_id
        with self._lock:
            found = [
                copy.deepcopy(m) for msgs in self._messages.values() for m in msgs if m.get("is_ephemeral") and m.get("visible_to") == user
            ]
            return sorted(found, key=lambda m: m["ts"])

    def all_messages(self) -> list[dict[str, Any]]:
        """Every message in every channel (ephemerals and replies included), oldest first."""
        with self._lock:
            return sorted((copy.deepcopy(m) for msgs in self._messages.values() for m in msgs), key=lambda m: m["ts"])

    def find_message(self, channel: str, ts: str) -> dict[str, Any] | None:
        """One message by channel and ts, or None."""
        with self._lock:
            m = self._find(self.resolve_channel(channel), ts)
            return copy.deepcopy(m) if m else None

    def home(self, user: str | None = None) -> dict[str, Any] | None:
        """The App Home view last published for a person, or None."""
        with self._lock:
            view = self._views.get(user or self.user_id)
            return copy.deepcopy(view) if view else None

    def calls_to(self, method: str) -> list[dict[str, Any]]:
        """The params of every successful call of one Web API method, in order."""
        with self._lock:
            return [copy.deepcopy(c.params) for c in self.calls if c.method == method and c.status == 200 and c.error is None]

    def wait_for(self, predicate: Callable[[Workspace], Any], timeout: float = 5.0) -> Any:
        """Wait until `predicate(ws)` is truthy and return its value; raise TimeoutError after `timeout` seconds."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                value = predicate(self)
                if value:
                    return value
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(f"the workspace did not reach the expected state within {timeout} s")
                self._changed.wait(min(left, 0.25))

    def wait_for_change(self, since: int, timeout: float) -> int:
        """Block until the version passes `since` or `timeout` runs out; return the version."""
        with self._changed:
            self._changed.wait_for(lambda: self._version > since or self._closed, timeout)
            return self._version

    @property
    def closed(self) -> bool:
        """True once `close()` was called."""
        return self._closed

    def close(self) -> None:
        """Release every waiting long-poll at once (the server is stopping)."""
        with self._lock:
            self._closed = True
            self._touch()

    def fail_next(self, method: str, status: int = 429, retry_after: float | None = None, times: int = 1) -> None:
        """Make the next `times` calls of `method` (or "response_url") answer `status` (429 with Retry-After)."""
        if status == 429 and retry_after is None:
            retry_after = 1
        with self._lock:
            self._failures.setdefault(method, []).extend([(status, retry_after)] * times)

    def lose_reply_next(self, method: str, *, late_seconds: float | None = None, times: int = 1) -> None:
        """Carry out the next `times` calls of `method` (the message is stored) but lose the answer.

        Without `late_seconds` the connection drops before the answer is complete; with it the
        answer comes that many seconds late (after a client's timeout, if shorter).
        """
        with self._lock:
            self._lost_replies.setdefault(method, []).extend([late_seconds] * times)

    def take_lost_reply(self, method: str) -> tuple[bool, float | None]:
        """Whether the answer to this call is to be lost, and how (None: dropped; seconds: late)."""
        with self._lock:
            queued = self._lost_replies.get(method)
            return (True, queued.pop(0)) if queued else (False, None)

    def clear(self) -> None:
        """Forget every message, view, call and delivery (channels stay)."""
        with self._lock:
            for msgs in self._messages.values():
                msgs.clear()
            self._views.clear()
            self._responses.clear()
            self.calls.clear()
            self.deliveries.clear()
            self._touch()

    # ----- messages -----

    def _find(self, cid: str, ts: str) -> dict[str, Any] | None:
        return next((m for m in self._messages.get(cid, []) if m["ts"] == ts), None)

    def _store(
        self,
        cid: str,
        *,
        user: str,
        text: str | None,
        blocks: list | None = None,
        thread_ts: str | None = None,
        visible_to: str | None = None,
        bot: bool | None = None,
        subtype: str | None = None,
    ) -> dict[str, Any]:
        msg: dict[str, Any] = {
            "type": "message",
            "ts": self._new_ts(),
            "channel": cid,
            "user": user,
            "text": text or "",
            "team": self.team_id,
        }
        if subtype:
            msg["subtype"] = subtype
        if blocks:
            msg["blocks"] = blocks
        if bot if bot is not None else user == self.bot_user_id:
            msg["bot_id"] = self.bot_id if user == self.bot_user_id else "B0OTHER01"
            msg["app_id"] = self.app_id if user == self.bot_user_id else "A0OTHER01"
        if visible_to:
            msg["is_ephemeral"] = True
            msg["visible_to"] = visible_to
        if thread_ts:
            parent = self._find(cid, thread_ts)
            if parent is not None:
                # A reply to a reply belongs to the same thread, as in Slack.
                root = parent.get("thread_ts") or parent["ts"]
                msg["thread_ts"] = root
                if not visible_to:
                    top = self._find(cid, root)
                    if top is not None:
                        top["thread_ts"] = root
                        top["reply_count"] = top.get("reply_count", 0) + 1
                        top["latest_reply"] = msg["ts"]
                        top.setdefault("reply_users", [])
                        if user not in top["reply_users"]:
                            top["reply_users"].append(user)
        self._messages[cid].append(msg)
        self._touch()
        return msg

    def _remove(self, cid: str, msg: dict[str, Any]) -> None:
        if msg.get("reply_count") and msg.get("thread_ts") == msg["ts"]:
            # A parent with replies leaves a tombstone, as in Slack, so the thread stays readable.
            msg.update({"text": "This message was deleted.", "blocks": [], "subtype": "tombstone", "user": SLACKBOT})
            msg.pop("bot_id", None)
        else:
            self._messages[cid].remove(msg)
            root = msg.get("thread_ts")
            top = self._find(cid, root) if root and root != msg["ts"] and not msg.get("is_ephemeral") else None
            if top is not None:
                top["reply_count"] = max(0, top.get("reply_count", 1) - 1)
        self._touch()
