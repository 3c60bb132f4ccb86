"""The local workspace's web page: static files at `/` and the JSON endpoints under `/local/` it talks to.

Every action on the page becomes what Slack would send the bot (a signed slash command, event or
`block_actions`), through `Workspace.send_*`; the page never calls the bot's code directly.
"""

from __future__ import annotations

import json
import logging
import re
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bot.local.senders import BotUnreachable
from bot.local.serving import read_body
from bot.local.state import SlackError
from bot.local.workspace import Workspace

log = logging.getLogger(__name__)

STATIC = Path(__file__).resolve().parent / "static"
_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".svg": "image/svg+xml",
}
DEFAULT_COMMANDS = ("/who", "/event", "/briefing")
LONG_POLL_SECONDS = 20.0
_SECURITY_HEADERS = [
    (
        "Content-Security-Policy",
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'",
    ),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),
    ("Cache-Control", "no-store"),
]


def known_commands(manifest: Path | None = None) -> tuple[str, ...]:
    """The slash commands the app declares in its manifest (Slack refuses the others), or the defaults."""
    path = manifest or Path(__file__).resolve().parents[2] / "config" / "manifest.yml"
    try:
        found = re.findall(r"command:\s*[\"']?(/[\w-]+)", path.read_text(encoding="utf-8"))
    except OSError:
        found = []
    return tuple(dict.fromkeys(found)) or DEFAULT_COMMANDS


def page_state(ws: Workspace) -> dict[str, Any]:
    """Everything the page shows, as the person sees it: channels, DM, threads, ephemerals, App Home."""
    me = ws.user_id
    with ws._lock:
        channels = []
        for ch in ws.channels():
            messages = ws.messages(ch["id"], for_user=me)
            for m in messages:
                if m.get("reply_count") or m.get("thread_ts") == m["ts"]:
                    m["replies"] = ws.thread(ch["id"], m["ts"], for_user=me)
            channels.append({"id": ch["id"], "name": ch["name"], "is_im": ch["is_im"], "messages": messages})
        return {
            "version": ws.version,
            "team": {"id": ws.team_id, "name": "Local workspace"},
            "me": ws.users[me],
            "bot": {**ws.users[ws.bot_user_id], "reachable": ws.bot_reachable, "error": ws.last_error},
            "users": {uid: {"name": u["name"], "real_name": u["real_name"], "is_bot": u["is_bot"]} for uid, u in ws.users.items()},
            "channels": channels,
            "home": ws.home(me),
            "digest_available": ws.post_digest is not None,
        }


def page_wsgi(ws: Workspace, *, commands: tuple[str, ...] | None = None) -> Callable:
    """The WSGI app of the page, for one workspace."""
    declared = commands or known_commands()

    def app(environ: dict[str, Any], start_response: Callable) -> list[bytes]:
        path = environ.get("PATH_INFO") or "/"
        method = environ.get("REQUEST_METHOD", "GET")
        if path in ("/", "/index.html") and method == "GET":
            return _static(start_response, "index.html")
        if path.startswith("/static/") and method == "GET":
            return _static(start_response, path[len("/static/") :])
        if path == "/local/state" and method == "GET":
            query = dict(p.split("=", 1) for p in (environ.get("QUERY_STRING") or "").split("&") if "=" in p)
            since = _int(query.get("since"), -1)
            wait = min(max(_float(query.get("wait"), 0.0), 0.0), LONG_POLL_SECONDS)
            if wait and since >= 0:
                ws.wait_for_change(since, wait)
            if ws.closed:
                return _json(start_response, 503, {"ok": False, "error": "the local server is stopping"})
            return _json(start_response, 200, page_state(ws))
        if path.startswith("/local/") and method == "POST":
            if not _same_origin(environ):
                return _json(start_response, 403, {"ok": False, "error": "cross-origin requests are refused"})
            if "json" not in (environ.get("CONTENT_TYPE") or ""):
                return _json(start_response, 415, {"ok": False, "error": "send JSON"})
            try:
                body = json.loads(read_body(environ) or b"{}")
                if not isinstance(body, dict):
                    raise ValueError
            except (ValueError, UnicodeDecodeError):
                return _json(start_response, 400, {"ok": False, "error": "the body is not a JSON object"})
            action = ACTIONS.get(path[len("/local/") :])
            if action is None:
                return _json(start_response, 404, {"ok": False, "error": "no such action"})
            try:
                status, answer = action(ws, body, declared)
            except BotUnreachable as error:
                return _json(start_response, 502, {"ok": False, "error": str(error), "unreachable": True})
            except (SlackError, ValueError, KeyError) as error:
                return _json(start_response, 400, {"ok": False, "error": str(error)})
            return _json(start_response, status, answer)
        return _json(start_response, 404, {"ok": False, "error": "not found"})

    return app


def _do_send(ws: Workspace, body: dict[str, Any], commands: tuple[str, ...]) -> tuple[int, dict[str, Any]]:
    """What the person typed in a message box: a slash command, or a message (in a thread when `thread_ts`)."""
    text = str(body.get("text") or "").strip()
    channel = str(body.get("channel") or ws.general)
    thread_ts = body.get("thread_ts") or None
    if not text:
        return 400, {"ok": False, "error": "type something first"}
    if len(text) > 4000:
        return 400, {"ok": False, "error": "a message can be at most 4000 characters"}
    if text.startswith("/"):
        name, _, rest = text.partition(" ")
        if thread_ts:
            return 400, {"ok": False, "error": f"{name} is not supported in threads. Sorry!"}
        if name not in commands:
            with ws._lock:
                ws._store(
                    ws.resolve_channel(channel),
                    user="USLACKBOT",
                    text=f'`{name}` is not a valid command. In Slack, messages that start with "/" are commands.',
                    visible_to=ws.user_id,
                    bot=True,
                )
            return 200, {"ok": True, "shown": "not a command"}
        delivery = ws.send_command(name, rest.strip(), channel=channel)
        return 200, {"ok": True, "status": delivery.status, "ack_ms": round(delivery.elapsed_ms, 1)}
    delivery = ws.send_message(text, channel=channel, thread_ts=thread_ts)
    return 200, {"ok": True, "status": delivery.status if delivery else None}


def _do_click(ws: Workspace, body: dict[str, Any], commands: tuple[str, ...]) -> tuple[int, dict[str, Any]]:
    """A button clicked in a message or in the App Home."""
    action_id, value = str(body["action_id"]), body.get("value")
    if body.get("view"):
        view = ws.home()
        if view is None:
            return 400, {"ok": False, "error": "the App Home has not been published"}
        target: dict[str, Any] = view
    else:
        found = ws.find_message(str(body["channel"]), str(body["ts"]))
        if found is None:
            return 400, {"ok": False, "error": "that message is gone"}
        target = found
    delivery = ws.click(target, action_id, value)
    return 200, {"ok": True, "status": delivery.status}


def _do_home(ws: Workspace, body: dict[str, Any], commands: tuple[str, ...]) -> tuple[int, dict[str, Any]]:
    """The person opened the App Home tab."""
    delivery = ws.open_home()
    return 200, {"ok": True, "status": delivery.status}


def _do_digest(ws: Workspace, body: dict[str, Any], commands: tuple[str, ...]) -> tuple[int, dict[str, Any]]:
    """Post the digest now, through the same path as `briefings digest --post`."""
    if ws.post_digest is None:
        return 501, {"ok": False, "error": "posting the digest is not wired in this workspace"}
    channel = str(body.get("channel") or ws.general)
    outcome: dict[str, Any] = {}

    def post() -> None:
        try:
            outcome["result"] = ws.post_digest(channel)
        except Exception as error:  # the bot's own error: report it on the page instead of losing it
            log.exception("posting the digest to %s failed", channel)
            outcome["error"] = f"{type(error).__name__}: {error}"

    # The post calls the Web API on this same server: run it in its own thread so a slow post
    # cannot hold this request forever.
    worker = threading.Thread(target=post, name="local-digest", daemon=True)
    worker.start()
    worker.join(timeout=30)
    if worker.is_alive():
        return 202, {"ok": True, "pending": True}
    if "error" in outcome:
        return 500, {"ok": False, "error": outcome["error"]}
    # The outcome goes back to the page as JSON; anything that is not plain data becomes its text.
    result = json.loads(json.dumps(outcome.get("result"), default=str))
    return 200, {"ok": True, "result": result}


ACTIONS: dict[str, Callable[[Workspace, dict[str, Any], tuple[str, ...]], tuple[int, dict[str, Any]]]] = {
    "send": _do_send,
    "click": _do_click,
    "home": _do_home,
    "digest": _do_digest,
}


def _same_origin(environ: dict[str, Any]) -> bool:
    # A page on another site may POST to localhost; only our own page (or a non-browser client) may act.
    origin = environ.get("HTTP_ORIGIN")
    if not origin:
        return True
    host = environ.get("HTTP_HOST", "")
    return origin in (f"http://{host}", f"https://{host}")


def _static(start_response: Callable, name: str) -> list[bytes]:
    path = (STATIC / name).resolve()
    if STATIC not in path.parents or not path.is_file() or path.suffix not in _TYPES:
        return _json(start_response, 404, {"ok": False, "error": "not found"})
    body = path.read_bytes()
    start_response("200 OK", [("Content-Type", _TYPES[path.suffix]), ("Content-Length", str(len(body))), *_SECURITY_HEADERS])
    return [body]


def _json(start_response: Callable, status: int, body: dict[str, Any]) -> list[bytes]:
    raw = json.dumps(body).encode("utf-8")
    reasons = {200: "OK", 202: "Accepted", 400: "Bad Request", 403: "Forbidden", 404: "Not Found", 415: "Unsupported Media Type"}
    reasons |= {500: "Internal Server Error", 501: "Not Implemented", 502: "Bad Gateway"}
    start_response(
        f"{status} {reasons.get(status, 'Status')}",
        [("Content-Type", "application/json; charset=utf-8"), ("Content-Length", str(len(raw))), *_SECURITY_HEADERS],
    )
    return [raw]


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _float(value: str | None, default: float) -> float:
    try:
        return float(value) if value is not None else default
    except ValueError:
        return default
