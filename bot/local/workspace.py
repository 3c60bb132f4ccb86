"""An in-memory Slack workspace: the Web API the bot calls, and the signed requests Slack sends the bot.

This is the one fake of Slack in the project: the tests use it, and `briefings serve --local` runs the
real bot against it behind a web page. Its public names are stable:

- `Workspace(bot_token=..., signing_secret=..., events_url=None)`: the state of one workspace
  (team `T0LOCAL01`, the bot user `ws.bot_user_id`, one human `ws.user_id`, `#general` as
  `ws.general`, the human's DM with the bot `ws.dm`), threads, messages, ephemerals, App Home views.
  - Web API (served at `/api/<method>`, form-encoded or JSON, `Authorization: Bearer <bot_token>`):
    `auth.test`, `chat.postMessage`, `chat.postEphemeral`, `chat.update`, `chat.delete`,
    `views.publish`, `conversations.open`, `conversations.info`, `users.info`. Blocks are checked
    against Block Kit's limits and a bad message gets `invalid_blocks`, as Slack answers.
  - `response_url`s (served at `/response/<id>`): `replace_original`, `delete_original`,
    `response_type` `ephemeral`/`in_channel`, `thread_ts`; 5 uses each, 30 minutes. For a
    button's `response_url`, a response without `replace_original` replaces the original unless it
    is `in_channel` (Slack's behaviour for ephemeral originals); a command's `response_url` has no
    original, so it always posts.
  - `ws.calls` (list of `ApiCall(method, params, status)`), `ws.calls_to("chat.postMessage")`.
  - `ws.fail_next(method, status=429, retry_after=1, times=1)`: the next call(s) of `method`
    (or `"response_url"`) answer 429 with `Retry-After`, or 500 / any status.
  - reading state: `ws.messages(channel)` (top level, ephemerals included only with
    `for_user`), `ws.thread(channel, ts)`, `ws.ephemerals(user=None)`, `ws.home(user=None)`,
    `ws.find_message(channel, ts)`, and `ws.wait_for(predicate, timeout=5)` which waits until
    `predicate(ws)` is truthy (the bot answers after its ack) and returns that value.
- Sending what Slack sends, signed as Slack signs, over real HTTP to `events_url`; each returns a
  `Delivery(status, body, headers, elapsed_ms, payload, ...)` and raises `BotUnreachable` when
  nothing answers:
  `ws.send_command("/who", "Kirby", user=None, channel=None)`,
  `ws.send_message("who is Kirby?", channel=None, thread_ts=None, user=None, bot_id=None, subtype=None)`
  (a DM by default; a DM is `channel_type: "im"`; `<@bot>` in a channel sends `app_mention`),
  `ws.click(message, action_id, value=None, user=None)` (a message dict from `ws.messages()`, or a
  home view from `ws.home()`), `ws.open_home(user=None)`, `ws.resend(delivery, retry_num=1)`.
  Every sender takes `timestamp=` and `secret=` to forge a stale or badly signed request.
- `workspace_wsgi(ws)`: the WSGI app serving `/api/`, `/response/` and the page (`/`, `/local/*`).
  `serve_workspace(ws, port=0)` runs it on loopback in a thread (a context manager with `.url`);
  it sets `ws.base_url`, so `ws.api_url` is the `base_url` to give `WebClient`. `ws.close()` releases
  the page's long-polls before a server stops.
- Installing the app (OAuth): set `ws.oauth_client = (client_id, client_secret)`; `ws.approve_install(
  client_id, scope)` is the person clicking Allow (a one-time code for the app's redirect);
  `oauth.v2.access` (Basic auth, as slack_sdk sends it) exchanges the code for a new `ws.bot_token`.
  `Workspace(team_id=..., team_domain=...)` makes another workspace; `serve_workspace(ws,
  others=[ws2])` serves both on one Slack. `ws.uninstall()` revokes the token and sends `app_uninstalled`.
- `sign(secret, timestamp, body)`: the `X-Slack-Signature` value.
"""

from __future__ import annotations

import base64
import copy
import hashlib
import hmac
import json
import logging
import secrets
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

log = logging.getLogger(__name__)

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


class BotUnreachable(Exception):
    """Nothing answered at the bot's events URL (connection refused, timeout)."""


@dataclass
class ApiCall:
    """One Web API call the workspace received."""

    method: str
    params: dict[str, Any]
    status: int = 200
    error: str | None = None


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


class SlackError(Exception):
    """A Web API error answered as `{"ok": false, "error": ...}`."""

    def __init__(self, error: str, messages: list[str] | None = None) -> None:
        super().__init__(error)
        self.error = error
        self.messages = messages or []


class Workspace:
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

    # ----- the Web API -----

    def handle_api(self, method: str, params: dict[str, Any], token: str | None) -> tuple[int, dict[str, str], dict[str, Any]]:
        """Answer one Web API call: (status, headers, JSON body), recorded in `calls`."""
        with self._lock:
            queued = self._failures.get(method)
            if queued:
                status, retry_after = queued.pop(0)
                self.calls.append(ApiCall(method, params, status, "ratelimited" if status == 429 else "server_error"))
                headers = (
                    {"Retry-After": str(int(retry_after) if float(retry_after).is_integer() else retry_after)}
                    if retry_after is not None
                    else {}
                )
                return status, headers, {"ok": False, "error": "ratelimited" if status == 429 else "internal_error"}
            if method == "oauth.v2.access":
                return self._oauth_access(params)
            if not token:
                self.calls.append(ApiCall(method, params, 200, "not_authed"))
                return 200, {}, {"ok": False, "error": "not_authed"}
            if not hmac.compare_digest(token, self.bot_token):
                self.calls.append(ApiCall(method, params, 200, "invalid_auth"))
                return 200, {}, {"ok": False, "error": "invalid_auth"}
            handler = _API.get(method)
            try:
                if handler is None:
                    raise SlackError("unknown_method")
                body = {"ok": True, **handler(self, params)}
                self.calls.append(ApiCall(method, params))
                return 200, {}, body
            except SlackError as error:
                self.calls.append(ApiCall(method, params, 200, error.error))
                body = {"ok": False, "error": error.error}
                if error.messages:
                    body["response_metadata"] = {"messages": error.messages}
                return 200, {}, body

    # ----- installing the app (OAuth) -----

    def approve_install(self, client_id: str, scope: str) -> str:
        """The person clicks Allow on Slack's authorize page for this workspace: a one-time code for the redirect."""
        with self._lock:
            if self.oauth_client is None or client_id != self.oauth_client[0]:
                raise SlackError("invalid_client_id")
            code = f"{self.team_id}.{secrets.token_hex(12)}"
            self._codes[code] = scope
            return code

    def holds_code(self, code: str) -> bool:
        """Whether this workspace issued an unused install code (routing of `oauth.v2.access`)."""
        return code in self._codes

    def _oauth_access(self, params: dict[str, Any]) -> tuple[int, dict[str, str], dict[str, Any]]:
        """`oauth.v2.access`: exchange a code for this workspace's new bot token (client id and secret by Basic auth)."""
        credentials = (params.get("client_id"), params.get("client_secret"))
        scope = self._codes.pop(params.get("code") or "", None)
        if self.oauth_client is None or credentials != self.oauth_client:
            error = "invalid_client_id" if credentials[0] != (self.oauth_client or ("",))[0] else "bad_client_secret"
        elif scope is None:
            error = "invalid_code"
        else:
            error = None
        safe = {k: v for k, v in params.items() if k != "client_secret"}
        self.calls.append(ApiCall("oauth.v2.access", safe, 200, error))
        if error:
            return 200, {}, {"ok": False, "error": error}
        self.bot_token = f"xoxb-{self.team_id}-{secrets.token_hex(12)}"
        body = {
            "ok": True,
            "access_token": self.bot_token,
            "token_type": "bot",
            "scope": scope,
            "bot_user_id": self.bot_user_id,
            "app_id": self.app_id,
            "team": {"id": self.team_id, "name": self.team_domain.title()},
            "enterprise": None,
            "is_enterprise_install": False,
            "authed_user": {"id": self.user_id},
        }
        return 200, {}, body

    def uninstall(self, *, timestamp: str | None = None) -> Delivery:
        """The workspace removes the app: its token stops working and Slack sends `app_uninstalled`."""
        with self._lock:
            self.bot_token = "xoxb-revoked-" + secrets.token_hex(12)
        return self._send_event({"type": "app_uninstalled"}, timestamp=timestamp)

    def _auth_test(self, params: dict[str, Any]) -> dict[str, Any]:
        return {
            "url": (self.base_url or "http://localhost") + "/",
            "team": "Local workspace" if self.team_id == TEAM_ID else self.team_domain.title(),
            "user": self.users[self.bot_user_id]["name"],
            "team_id": self.team_id,
            "user_id": self.bot_user_id,
            "bot_id": self.bot_id,
            "is_enterprise_install": False,
        }

    def _post_message(self, params: dict[str, Any]) -> dict[str, Any]:
        cid = self.resolve_channel(_required(params, "channel"))
        text, blocks = _message_content(params, limit=50)
        msg = self._store(cid, user=self.bot_user_id, text=text, blocks=blocks, thread_ts=params.get("thread_ts"))
        metadata = _json_param(params, "metadata")
        if metadata is not None:
            if not isinstance(metadata, dict) or not isinstance(metadata.get("event_type"), str):
                raise SlackError("invalid_metadata_format")
            msg["metadata"] = metadata
        return {"channel": cid, "ts": msg["ts"], "message": _public(msg)}

    def _conversations_history(self, params: dict[str, Any]) -> dict[str, Any]:
        """Top-level messages newest first, between `oldest` and `latest` (exclusive unless `inclusive`)."""
        cid = self.resolve_channel(_required(params, "channel"))
        top = [m for m in self._messages[cid] if not m.get("is_ephemeral") and (not m.get("thread_ts") or m["thread_ts"] == m["ts"])]
        return {"messages": self._page(top[::-1], params), "has_more": False, "pin_count": 0}

    def _conversations_replies(self, params: dict[str, Any]) -> dict[str, Any]:
        """A thread: its parent first, then the replies oldest first."""
        cid = self.resolve_channel(_required(params, "channel"))
        ts = _required(params, "ts")
        parent = self._find(cid, ts)
        if parent is None:
            raise SlackError("thread_not_found")
        root = parent.get("thread_ts") or parent["ts"]
        thread = [m for m in self._messages[cid] if not m.get("is_ephemeral") and (m["ts"] == root or m.get("thread_ts") == root)]
        return {"messages": self._page(thread, params), "has_more": False}

    def _page(self, messages: list[dict[str, Any]], params: dict[str, Any]) -> list[dict[str, Any]]:
        inclusive = _truthy(params.get("inclusive"))
        oldest, latest = float(params.get("oldest") or 0), float(params.get("latest") or "inf")
        chosen = [
            m
            for m in messages
            if (oldest <= float(m["ts"]) <= latest if inclusive else oldest < float(m["ts"]) < latest) or m["ts"] == params.get("ts")
        ]
        limit = int(params.get("limit") or 100)
        with_metadata = _truthy(params.get("include_all_metadata"))
        return [{k: v for k, v in _public(m).items() if with_metadata or k != "metadata"} for m in chosen[:limit]]

    def _post_ephemeral(self, params: dict[str, Any]) -> dict[str, Any]:
        cid = self.resolve_channel(_required(params, "channel"))
        user = _required(params, "user")
        if user not in self.users or self.users[user]["is_bot"]:
            raise SlackError("user_not_found")
        if self._channels[cid]["is_im"] and self._channels[cid]["user"] != user:
            raise SlackError("user_not_in_channel")
        text, blocks = _message_content(params, limit=50)
        msg = self._store(cid, user=self.bot_user_id, text=text, blocks=blocks, thread_ts=params.get("thread_ts"), visible_to=user)
        return {"message_ts": msg["ts"]}

    def _update(self, params: dict[str, Any]) -> dict[str, Any]:
        cid = self.resolve_channel(_required(params, "channel"))
        msg = self._find(cid, _required(params, "ts"))
        if msg is None or msg.get("is_ephemeral"):
            raise SlackError("message_not_found")
        if msg.get("user") != self.bot_user_id:
            raise SlackError("cant_update_message")
        text, blocks = _message_content(params, limit=50, allow_empty="blocks" in params)
        msg["text"] = text if text is not None else msg.get("text", "")
        if "blocks" in params:
            msg["blocks"] = blocks or []
        msg["edited"] = {"user": self.bot_user_id, "ts": self._new_ts()}
        self._touch()
        return {"channel": cid, "ts": msg["ts"], "text": msg["text"], "message": _public(msg)}

    def _delete(self, params: dict[str, Any]) -> dict[str, Any]:
        cid = self.resolve_channel(_required(params, "channel"))
        ts = _required(params, "ts")
        msg = self._find(cid, ts)
        if msg is None or msg.get("is_ephemeral"):
            raise SlackError("message_not_found")
        if msg.get("user") != self.bot_user_id:
            raise SlackError("cant_delete_message")
        self._remove(cid, msg)
        return {"channel": cid, "ts": ts}

    def _views_publish(self, params: dict[str, Any]) -> dict[str, Any]:
        user = _required(params, "user_id")
        if user not in self.users:
            raise SlackError("user_not_found")
        view = _json_param(params, "view")
        if not isinstance(view, dict):
            raise SlackError("invalid_arguments")
        if view.get("type") != "home":
            raise SlackError("invalid_arguments", ["[ERROR] views.publish takes a view of type home"])
        problems = block_problems(view.get("blocks") or [], limit=100)
        if problems:
            raise SlackError("invalid_blocks", problems)
        old = self._views.get(user)
        if params.get("hash") and old and params["hash"] != old["hash"]:
            raise SlackError("hash_conflict")
        published = {
            **view,
            "id": old["id"] if old else self._new_id("V"),
            "hash": secrets.token_hex(8),
            "team_id": self.team_id,
            "app_id": self.app_id,
        }
        self._views[user] = published
        self._touch()
        return {"view": copy.deepcopy(published)}

    def _conversations_open(self, params: dict[str, Any]) -> dict[str, Any]:
        users = [u.strip() for u in str(params.get("users") or "").split(",") if u.strip()]
        if params.get("channel"):
            return {"channel": {"id": self.resolve_channel(params["channel"])}}
        if len(users) != 1:
            raise SlackError("users_list_not_supplied" if not users else "not_implemented")
        if users[0] not in self.users or users[0] == self.bot_user_id:
            raise SlackError("user_not_found")
        cid = self._open_dm(users[0])
        return {"channel": {"id": cid}, "no_op": True, "already_open": True}

    def _conversations_info(self, params: dict[str, Any]) -> dict[str, Any]:
        return {"channel": copy.deepcopy(self._channels[self.resolve_channel(_required(params, "channel"))])}

    def _users_info(self, params: dict[str, Any]) -> dict[str, Any]:
        user = self.users.get(_required(params, "user"))
        if user is None:
            raise SlackError("user_not_found")
        return {"user": {**copy.deepcopy(user), "team_id": self.team_id, "tz": "UTC"}}

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

    # ----- response_url -----

    def _new_response_url(self, *, channel: str, user: str, original: tuple[str, str] | None, thread_ts: str | None = None) -> str:
        rid = secrets.token_urlsafe(12)
        self._responses[rid] = {
            "channel": channel,
            "user": user,
            "original": original,
            "uses": 0,
            "created": time.time(),
            "thread_ts": thread_ts,
        }
        return f"{self.base_url or 'http://localhost'}/response/{rid}"

    def issued_response_url(self, rid: str) -> bool:
        """Whether a response_url id is this workspace's."""
        return rid in self._responses

    def handle_response(self, rid: str, body: dict[str, Any]) -> tuple[int, dict[str, str], str]:
        """Answer a POST to a response_url: (status, headers, text body)."""
        with self._lock:
            queued = self._failures.get("response_url")
            if queued:
                status, retry_after = queued.pop(0)
                self.calls.append(ApiCall("response_url", body, status, "failed"))
                return (
                    status,
                    ({"Retry-After": str(retry_after)} if retry_after is not None else {}),
                    "rate_limited" if status == 429 else "internal_error",
                )
            ctx = self._responses.get(rid)
            if ctx is None:
                return self._response_error(body, 404, "no_service")
            if time.time() - ctx["created"] > RESPONSE_URL_SECONDS:
                return self._response_error(body, 404, "expired_url")
            if ctx["uses"] >= RESPONSE_URL_USES:
                return self._response_error(body, 404, "used_url")
            ctx["uses"] += 1
            cid, user, original = ctx["channel"], ctx["user"], ctx["original"]
            target = self._find(cid, original[1]) if original else None
            replace = body.get("replace_original")
            in_channel = body.get("response_type") == "in_channel"
            if _truthy(body.get("delete_original")):
                if target is not None:
                    self._remove(cid, target)
                self.calls.append(ApiCall("response_url", body))
                return 200, {}, "ok"
            if replace is None:
                replace = original is not None and not in_channel
            try:
                text, blocks = _message_content(body, limit=50)
            except SlackError as error:
                self.calls.append(ApiCall("response_url", body, 400, error.error))
                return 400, {}, error.error
            if _truthy(replace) and target is not None:
                target["text"] = text or ""
                target["blocks"] = blocks or []
                self._touch()
            else:
                thread_ts = body.get("thread_ts") or ctx["thread_ts"]
                self._store(
                    cid, user=self.bot_user_id, text=text, blocks=blocks, thread_ts=thread_ts, visible_to=None if in_channel else user
                )
            self.calls.append(ApiCall("response_url", body))
            return 200, {}, "ok"

    def _response_error(self, body: dict[str, Any], status: int, error: str) -> tuple[int, dict[str, str], str]:
        self.calls.append(ApiCall("response_url", body, status, error))
        return status, {}, error

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
                text, blocks = _message_content(answer, limit=50)
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
            event: dict[str, Any] = {
                "type": "message",
                "text": msg["text"],
                "user": user,
                "ts": msg["ts"],
                "team": self.team_id,
                "channel": cid,
                "event_ts": msg["ts"],
                "channel_type": "im" if ch["is_im"] else "channel",
            }
            if subtype:
                event["subtype"] = subtype
            if bot_id:
                event["bot_id"] = bot_id
            else:
                event["client_msg_id"] = secrets.token_hex(16)
            if msg.get("thread_ts"):
                event["thread_ts"] = msg["thread_ts"]
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
            if message.get("type") == "home":
                view = self._views.get(user)
                if view is None or view["id"] != message.get("id"):
                    raise ValueError("that view is not the one published for this user")
                payload["container"] = {"type": "view", "view_id": view["id"]}
                payload["view"] = copy.deepcopy(view)
            else:
                cid = message["channel"]
                current = self._find(cid, message["ts"])
                if current is None:
                    raise ValueError("that message is no longer in the channel")
                ch = self._channels[cid]
                ephemeral = bool(current.get("is_ephemeral"))
                payload["container"] = {"type": "message", "message_ts": current["ts"], "channel_id": cid, "is_ephemeral": ephemeral}
                if current.get("thread_ts"):
                    payload["container"]["thread_ts"] = current["thread_ts"]
                payload["channel"] = {"id": cid, "name": "directmessage" if ch["is_im"] else ch["name"]}
                # Slack leaves the message out of the payload when it is ephemeral: handlers must not rely on it.
                if not ephemeral:
                    payload["message"] = _public(current)
                payload["response_url"] = self._new_response_url(
                    channel=cid, user=user, original=(cid, current["ts"]), thread_ts=current.get("thread_ts")
                )
        body = urllib.parse.urlencode({"payload": json.dumps(payload)})
        return self._deliver("block_actions", body, "application/x-www-form-urlencoded", payload, timestamp=timestamp, secret=secret)

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
        with self._lock:
            self.deliveries.append(delivery)
            changed = self.bot_reachable is not True or self.last_error is not None
            self.bot_reachable = True
            self.last_error = None if status < 500 else f"the bot answered HTTP {status}"
            if changed or status >= 500:
                self._touch()
        return delivery


_API: dict[str, Callable[[Workspace, dict[str, Any]], dict[str, Any]]] = {
    "auth.test": Workspace._auth_test,
    "chat.postMessage": Workspace._post_message,
    "chat.postEphemeral": Workspace._post_ephemeral,
    "chat.update": Workspace._update,
    "chat.delete": Workspace._delete,
    "views.publish": Workspace._views_publish,
    "conversations.open": Workspace._conversations_open,
    "conversations.info": Workspace._conversations_info,
    "conversations.history": Workspace._conversations_history,
    "conversations.replies": Workspace._conversations_replies,
    "users.info": Workspace._users_info,
}


# ----- helpers -----


def _truthy(value: Any) -> bool:
    return value is True or (isinstance(value, str) and value.lower() in ("true", "1"))


def _required(params: dict[str, Any], name: str) -> str:
    value = params.get(name)
    if value in (None, ""):
        raise SlackError(
            {"channel": "channel_not_found", "user": "user_not_found", "ts": "message_not_found"}.get(name, "invalid_arguments")
        )
    return str(value)


def _json_param(params: dict[str, Any], name: str) -> Any:
    value = params.get(name)
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            raise SlackError(f"invalid_{name}") from None
    return value


def _message_content(params: dict[str, Any], *, limit: int, allow_empty: bool = False) -> tuple[str | None, list | None]:
    """The text and blocks of a message, checked as Slack checks them."""
    blocks = _json_param(params, "blocks")
    if blocks is not None and not isinstance(blocks, list):
        raise SlackError("invalid_blocks_format")
    text = params.get("text")
    if not text and not blocks and not allow_empty and not params.get("attachments"):
        raise SlackError("no_text")
    if blocks:
        problems = block_problems(blocks, limit=limit)
        if problems:
            raise SlackError("invalid_blocks", problems)
    if text is not None and len(str(text)) > 40_000:
        raise SlackError("msg_too_long")
    return (str(text) if text is not None else None), blocks


def _public(msg: dict[str, Any]) -> dict[str, Any]:
    return {k: copy.deepcopy(v) for k, v in msg.items() if k not in ("channel", "visible_to", "is_ephemeral")}


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


_TEXT_LIMITS = {"header": 150, "section": 3000}


def block_problems(blocks: list[Any], *, limit: int = 50) -> list[str]:
    """What Slack would reject in a list of blocks (counts, lengths, ids), as `[ERROR] ...` lines."""
    problems: list[str] = []
    if len(blocks) > limit:
        problems.append(f"[ERROR] no more than {limit} items allowed [json-pointer:/blocks]")
    block_ids: set[str] = set()
    total = len(json.dumps(blocks))
    if total > 13_000:
        problems.append(f"[ERROR] the blocks are too long ({total} characters) [json-pointer:/blocks]")
    for i, block in enumerate(blocks):
        where = f"/blocks/{i}"
        if not isinstance(block, dict) or "type" not in block:
            problems.append(f"[ERROR] missing required field: type [json-pointer:{where}]")
            continue
        kind = block["type"]
        bid = block.get("block_id")
        if bid is not None:
            if len(bid) > 255:
                problems.append(f"[ERROR] must be less than 256 characters [json-pointer:{where}/block_id]")
            if bid in block_ids:
                problems.append(f"[ERROR] duplicate block_id {bid!r} [json-pointer:{where}/block_id]")
            block_ids.add(bid)
        text = block.get("text")
        if kind == "header":
            if not isinstance(text, dict) or text.get("type") != "plain_text":
                problems.append(f"[ERROR] must be a plain_text object [json-pointer:{where}/text]")
            elif len(text.get("text", "")) > 150:
                problems.append(f"[ERROR] must be less than 151 characters [json-pointer:{where}/text]")
        elif kind == "section":
            fields = block.get("fields") or []
            if not text and not fields:
                problems.append(f"[ERROR] must provide text or fields [json-pointer:{where}]")
            if isinstance(text, dict) and not 1 <= len(text.get("text", "")) <= 3000:
                problems.append(f"[ERROR] must be between 1 and 3000 characters [json-pointer:{where}/text]")
            if len(fields) > 10:
                problems.append(f"[ERROR] no more than 10 items allowed [json-pointer:{where}/fields]")
            for j, f in enumerate(fields):
                if len(f.get("text", "")) > 2000:
                    problems.append(f"[ERROR] must be less than 2001 characters [json-pointer:{where}/fields/{j}]")
            if block.get("accessory"):
                problems += _element_problems(block["accessory"], f"{where}/accessory")
        elif kind == "context":
            elements = block.get("elements") or []
            if not 1 <= len(elements) <= 10:
                problems.append(f"[ERROR] must have between 1 and 10 items [json-pointer:{where}/elements]")
        elif kind == "actions":
            elements = block.get("elements") or []
            if not 1 <= len(elements) <= 25:
                problems.append(f"[ERROR] must have between 1 and 25 items [json-pointer:{where}/elements]")
            action_ids: set[str] = set()
            for j, element in enumerate(elements):
                problems += _element_problems(element, f"{where}/elements/{j}")
                aid = element.get("action_id")
                if aid is not None and aid in action_ids:
                    problems.append(f"[ERROR] duplicate action_id {aid!r} [json-pointer:{where}/elements/{j}/action_id]")
                action_ids.add(aid)
        elif kind not in ("divider", "image", "rich_text", "input", "file", "video", "markdown"):
            problems.append(f"[ERROR] unknown block type {kind!r} [json-pointer:{where}/type]")
    return problems


def _element_problems(element: dict[str, Any], where: str) -> list[str]:
    problems = []
    if element.get("type") == "button":
        label = (element.get("text") or {}).get("text", "")
        if not 1 <= len(label) <= 75:
            problems.append(f"[ERROR] must be between 1 and 75 characters [json-pointer:{where}/text]")
        if len(element.get("value") or "") > 2000:
            problems.append(f"[ERROR] must be less than 2001 characters [json-pointer:{where}/value]")
        if len(element.get("url") or "") > 3000:
            problems.append(f"[ERROR] must be less than 3001 characters [json-pointer:{where}/url]")
    if len(element.get("action_id") or "") > 255:
        problems.append(f"[ERROR] must be less than 256 characters [json-pointer:{where}/action_id]")
    return problems


# ----- serving it -----


def _read_body(environ: dict[str, Any]) -> bytes:
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    return environ["wsgi.input"].read(length) if length > 0 else b""


def parse_body(environ: dict[str, Any], raw: bytes) -> dict[str, Any]:
    """Params of a request, form-encoded or JSON, the way Slack's Web API accepts them."""
    ctype = (environ.get("CONTENT_TYPE") or "").lower()
    params: dict[str, Any] = {}
    if environ.get("QUERY_STRING"):
        params.update(dict(urllib.parse.parse_qsl(environ["QUERY_STRING"], keep_blank_values=True)))
    if not raw:
        return params
    if "json" in ctype:
        value = json.loads(raw.decode("utf-8"))
        if not isinstance(value, dict):
            raise ValueError("a JSON body must be an object")
        params.update(value)
    else:
        params.update(dict(urllib.parse.parse_qsl(raw.decode("utf-8"), keep_blank_values=True)))
    return params


def _respond(start_response: Callable, status: int, body: bytes, content_type: str, headers: dict[str, str] | None = None) -> list[bytes]:
    reason = {
        200: "OK",
        400: "Bad Request",
        404: "Not Found",
        405: "Method Not Allowed",
        429: "Too Many Requests",
        500: "Internal Server Error",
    }
    extra = list((headers or {}).items())
    start_response(f"{status} {reason.get(status, 'Status')}", [("Content-Type", content_type), ("Content-Length", str(len(body))), *extra])
    return [body]


def workspace_wsgi(workspace: Workspace, *, page: bool = True, others: Iterable[Workspace] = ()) -> Callable:
    """The WSGI app of a workspace: `/api/<method>`, `/response/<id>`, and (with `page`) `/` and `/local/*`.

    With `others`, one Slack serves several workspaces (OAuth installs): a Web API call goes to the
    workspace whose token it carries (`oauth.v2.access`: whose code), a response_url to its issuer.
    """
    everyone = [workspace, *others]

    def api_for(method: str, params: dict[str, Any], token: str | None) -> Workspace:
        if method == "oauth.v2.access":
            return next((w for w in everyone if w.holds_code(params.get("code") or "")), workspace)
        return next((w for w in everyone if token and hmac.compare_digest(token, w.bot_token)), workspace)

    page_app = None
    if page:
        from bot.local.page import page_wsgi

        page_app = page_wsgi(workspace)

    def app(environ: dict[str, Any], start_response: Callable) -> list[bytes]:
        path = environ.get("PATH_INFO") or "/"
        method = environ.get("REQUEST_METHOD", "GET")
        if path.startswith("/api/"):
            raw = _read_body(environ)
            try:
                params = parse_body(environ, raw)
            except (ValueError, UnicodeDecodeError):
                return _respond(start_response, 200, b'{"ok":false,"error":"invalid_json"}', "application/json; charset=utf-8")
            auth = environ.get("HTTP_AUTHORIZATION") or ""
            token = auth[7:].strip() if auth.lower().startswith("bearer ") else params.pop("token", None)
            params.pop("token", None)
            if auth.lower().startswith("basic "):  # oauth.v2.access sends the app's credentials this way
                client_id, _, client_secret = base64.b64decode(auth[6:].strip()).decode("utf-8", "replace").partition(":")
                params |= {"client_id": client_id, "client_secret": client_secret}
            method_name = path[len("/api/") :]
            served = api_for(method_name, params, token)
            status, headers, body = served.handle_api(method_name, params, token)
            lost, late = served.take_lost_reply(method_name) if body.get("ok") else (False, None)
            answer = json.dumps(body).encode("utf-8")
            if lost and late is None:
                # Done, but the connection drops before the answer is complete (as when Slack's reply is lost).
                start_response("200 OK", [("Content-Type", "application/json; charset=utf-8"), ("Content-Length", str(len(answer)))])
                return [answer[: len(answer) // 2]]
            if lost:
                time.sleep(late)
            return _respond(start_response, status, answer, "application/json; charset=utf-8", headers)
        if path.startswith("/response/"):
            if method != "POST":
                return _respond(start_response, 405, b"method_not_allowed", "text/plain")
            raw = _read_body(environ)
            try:
                body = parse_body(environ, raw)
                if "payload" in body and isinstance(body["payload"], str):
                    body = json.loads(body["payload"])
            except (ValueError, UnicodeDecodeError):
                return _respond(start_response, 400, b"invalid_payload", "text/plain")
            rid = path[len("/response/") :]
            issuer = next((w for w in everyone if w.issued_response_url(rid)), workspace)
            status, headers, text = issuer.handle_response(rid, body)
            return _respond(start_response, status, text.encode("utf-8"), "text/html", headers)
        if page_app is not None:
            return page_app(environ, start_response)
        return _respond(start_response, 404, b"not found", "text/plain")

    return app


class LocalServer:
    """A WSGI app served on a loopback port in a background thread (the bot's own HttpServer, shut down cleanly)."""

    def __init__(self, app: Callable, *, host: str = "127.0.0.1", port: int = 0, threads: int = 8) -> None:
        from bot.server import HttpServer

        self._http = HttpServer(app, host, port, threads=threads)
        self._started = False
        self.host = host
        self.port = self._http.port
        self.url = f"http://{host}:{self.port}"

    def start(self) -> LocalServer:
        """Start serving in the background."""
        if not self._started:
            self._http.start()
            self._started = True
        return self

    def stop(self) -> None:
        """Stop serving and release the port."""
        self._http.close()

    def __enter__(self) -> LocalServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def serve_workspace(
    workspace: Workspace, *, host: str = "127.0.0.1", port: int = 0, page: bool = True, others: Iterable[Workspace] = ()
) -> LocalServer:
    """Serve a workspace (and `others`, on the same Slack) on loopback in a thread (started); sets their `base_url`."""
    others = list(others)
    server = LocalServer(workspace_wsgi(workspace, page=page, others=others), host=host, port=port)
    for served in (workspace, *others):
        served.base_url = server.url
    return server.start()
