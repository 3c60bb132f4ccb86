"""Serving the local workspace: its WSGI app (`/api/`, `/response/`, the page) on the bot's own HTTP server."""

from __future__ import annotations

import base64
import hmac
import json
import time
import urllib.parse
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bot.local.workspace import Workspace


def read_body(environ: dict[str, Any]) -> bytes:
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
    page_app = None
    if page:
        from bot.local.page import page_wsgi

        page_app = page_wsgi(workspace)

    def app(environ: dict[str, Any], start_response: Callable) -> list[bytes]:
        path = environ.get("PATH_INFO") or "/"
        if path.startswith("/api/"):
            return _web_api(environ, start_response, path[len("/api/") :], everyone)
        if path.startswith("/response/"):
            return _response_url(environ, start_response, path[len("/response/") :], everyone)
        if page_app is not None:
            return page_app(environ, start_response)
        return _respond(start_response, 404, b"not found", "text/plain")

    return app


def _web_api(environ: dict[str, Any], start_response: Callable, method: str, everyone: list[Workspace]) -> list[bytes]:
    """A Web API call, answered by the workspace whose token (or install code) it carries."""
    try:
        params = parse_body(environ, read_body(environ))
    except (ValueError, UnicodeDecodeError):
        return _respond(start_response, 200, b'{"ok":false,"error":"invalid_json"}', "application/json; charset=utf-8")
    auth = environ.get("HTTP_AUTHORIZATION") or ""
    token = auth[7:].strip() if auth.lower().startswith("bearer ") else params.pop("token", None)
    params.pop("token", None)
    if auth.lower().startswith("basic "):  # oauth.v2.access sends the app's credentials this way
        client_id, _, client_secret = base64.b64decode(auth[6:].strip()).decode("utf-8", "replace").partition(":")
        params |= {"client_id": client_id, "client_secret": client_secret}
    if method == "oauth.v2.access":
        served = next((w for w in everyone if w.holds_code(params.get("code") or "")), everyone[0])
    else:
        served = next((w for w in everyone if token and hmac.compare_digest(token, w.bot_token)), everyone[0])
    status, headers, body = served.handle_api(method, params, token)
    lost, late = served.take_lost_reply(method) if body.get("ok") else (False, None)
    answer = json.dumps(body).encode("utf-8")
    if lost and late is None:
        # Done, but the connection drops before the answer is complete (as when Slack's reply is lost).
        start_response("200 OK", [("Content-Type", "application/json; charset=utf-8"), ("Content-Length", str(len(answer)))])
        return [answer[: len(answer) // 2]]
    if lost:
        time.sleep(late)
    return _respond(start_response, status, answer, "application/json; charset=utf-8", headers)


def _response_url(environ: dict[str, Any], start_response: Callable, rid: str, everyone: list[Workspace]) -> list[bytes]:
    """A POST to a response_url, answered by the workspace that issued it."""
    if environ.get("REQUEST_METHOD", "GET") != "POST":
        return _respond(start_response, 405, b"method_not_allowed", "text/plain")
    try:
        body = parse_body(environ, read_body(environ))
        if "payload" in body and isinstance(body["payload"], str):
            body = json.loads(body["payload"])
    except (ValueError, UnicodeDecodeError):
        return _respond(start_response, 400, b"invalid_payload", "text/plain")
    issuer = next((w for w in everyone if w.issued_response_url(rid)), everyone[0])
    status, headers, text = issuer.handle_response(rid, body)
    return _respond(start_response, status, text.encode("utf-8"), "text/html", headers)


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
