"""The local workspace's Web API (`/api/<method>`), its OAuth exchange and its response_urls, answered as Slack answers.

Blocks are checked against Block Kit's limits (`bot.local.blockkit`) and a bad message gets
`invalid_blocks`, as Slack answers.
"""

from __future__ import annotations

import copy
import hmac
import json
import secrets
import time
from collections.abc import Callable
from typing import Any

from bot.local.blockkit import block_problems
from bot.local.state import RESPONSE_URL_SECONDS, RESPONSE_URL_USES, TEAM_ID, ApiCall, SlackError, WorkspaceState, public_message


class WebApi(WorkspaceState):
    """What the bot's Web API calls and response_url posts do to the workspace."""

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
        text, blocks = message_content(params, limit=50)
        msg = self._store(cid, user=self.bot_user_id, text=text, blocks=blocks, thread_ts=params.get("thread_ts"))
        metadata = _json_param(params, "metadata")
        if metadata is not None:
            if not isinstance(metadata, dict) or not isinstance(metadata.get("event_type"), str):
                raise SlackError("invalid_metadata_format")
            msg["metadata"] = metadata
        return {"channel": cid, "ts": msg["ts"], "message": public_message(msg)}

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
        return [{k: v for k, v in public_message(m).items() if with_metadata or k != "metadata"} for m in chosen[:limit]]

    def _post_ephemeral(self, params: dict[str, Any]) -> dict[str, Any]:
        cid = self.resolve_channel(_required(params, "channel"))
        user = _required(params, "user")
        if user not in self.users or self.users[user]["is_bot"]:
            raise SlackError("user_not_found")
        if self._channels[cid]["is_im"] and self._channels[cid]["user"] != user:
            raise SlackError("user_not_in_channel")
        text, blocks = message_content(params, limit=50)
        msg = self._store(cid, user=self.bot_user_id, text=text, blocks=blocks, thread_ts=params.get("thread_ts"), visible_to=user)
        return {"message_ts": msg["ts"]}

    def _update(self, params: dict[str, Any]) -> dict[str, Any]:
        cid = self.resolve_channel(_required(params, "channel"))
        msg = self._find(cid, _required(params, "ts"))
        if msg is None or msg.get("is_ephemeral"):
            raise SlackError("message_not_found")
        if msg.get("user") != self.bot_user_id:
            raise SlackError("cant_update_message")
        text, blocks = message_content(params, limit=50, allow_empty="blocks" in params)
        msg["text"] = text if text is not None else msg.get("text", "")
        if "blocks" in params:
            msg["blocks"] = blocks or []
        msg["edited"] = {"user": self.bot_user_id, "ts": self._new_ts()}
        self._touch()
        return {"channel": cid, "ts": msg["ts"], "text": msg["text"], "message": public_message(msg)}

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
                text, blocks = message_content(body, limit=50)
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


_API: dict[str, Callable[[WebApi, dict[str, Any]], dict[str, Any]]] = {
    "auth.test": WebApi._auth_test,
    "chat.postMessage": WebApi._post_message,
    "chat.postEphemeral": WebApi._post_ephemeral,
    "chat.update": WebApi._update,
    "chat.delete": WebApi._delete,
    "views.publish": WebApi._views_publish,
    "conversations.open": WebApi._conversations_open,
    "conversations.info": WebApi._conversations_info,
    "conversations.history": WebApi._conversations_history,
    "conversations.replies": WebApi._conversations_replies,
    "users.info": WebApi._users_info,
}


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


def message_content(params: dict[str, Any], *, limit: int, allow_empty: bool = False) -> tuple[str | None, list | None]:
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
