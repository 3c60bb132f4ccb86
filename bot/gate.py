"""The door of /slack/events: what is not a well-formed, signed, fresh request from Slack is refused before Bolt sees it.

Each refusal is a 4xx with a one-line reason in the body and one line in the log (never a
traceback, never a secret):

- not POST: 405; no Content-Length: 411; a body over `max_body` bytes: 413, refused before it is read;
- `X-Slack-Request-Timestamp` not a number: 400; more than 5 minutes away: 401; a bad signature: 401;
- a body that is not what Slack sends (JSON that is not an object, a form that is not UTF-8, a
  `payload` that is not a JSON object, a slash command without its fields, an event without the
  fields its listener reads, `url_verification` without a challenge): 400;
- the very same signed request a second time (a replay: Slack never sends one request twice with
  one signature; its retries carry a new timestamp): answered 200 with nothing done.
"""

from __future__ import annotations

import hashlib
import hmac
import io
import json
import logging
import re
import time
import urllib.parse
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Protocol

log = logging.getLogger(__name__)

WSGIApp = Callable[[dict, Callable], Iterable[bytes]]
MAX_BODY_BYTES = 256 * 1024  # Slack's largest payloads (a block action carrying its whole message) are far smaller
MAX_AGE_SECONDS = 300
_SIGNATURE = re.compile(r"^v0=[0-9a-f]{64}$")
_DIGITS = re.compile(r"^[0-9]{1,12}$")
COMMAND_FIELDS = ("command", "user_id", "channel_id", "response_url")
# What each listener reads from its event; an event without it is refused rather than half-answered.
EVENT_FIELDS = {"message": ("channel",), "app_mention": ("channel", "user", "ts"), "app_home_opened": ("user",)}


class Seen(Protocol):
    """Remembers keys across requests (and replicas): `bot.state.seen.SeenEvents`."""

    def first_time(self, *keys: str | None) -> bool:
        """True the first time a key is offered."""


class Refused(Exception):
    """A request the gate does not pass on: the HTTP status and a one-line reason."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason


@dataclass
class SlackGate:
    """WSGI middleware in front of Bolt's handler: checks size, signature, freshness, shape and replays."""

    inner: WSGIApp
    signing_secret: str
    seen: Seen | None = None
    max_body: int = MAX_BODY_BYTES
    clock: Callable[[], float] = time.time

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        try:
            body = self.check(environ)
        except Refused as refused:
            log.warning("refused a request to %s: %s (HTTP %d)", environ.get("PATH_INFO"), refused.reason, refused.status)
            return _answer(start_response, refused.status, refused.reason)
        if self.seen is not None and not self.seen.first_time(f"sig:{environ['HTTP_X_SLACK_SIGNATURE']}"):
            log.warning("ignored a replayed request to %s (same signature as one already answered)", environ.get("PATH_INFO"))
            return _answer(start_response, 200, "")
        environ["wsgi.input"] = io.BytesIO(body)
        environ["CONTENT_LENGTH"] = str(len(body))
        return self.inner(environ, start_response)

    def check(self, environ: dict) -> bytes:
        """The request's body if it may go on to Bolt; Refused otherwise."""
        if environ.get("REQUEST_METHOD") != "POST":
            raise Refused(405, "Slack posts to this address; other methods are not served")
        body = self._read(environ)
        self._verify(environ, body)
        check_shape(body, environ.get("CONTENT_TYPE") or "")
        return body

    def _read(self, environ: dict) -> bytes:
        length = environ.get("CONTENT_LENGTH") or ""
        if not length:
            raise Refused(411, "a Content-Length is required")
        if not length.isdigit():
            raise Refused(400, "Content-Length is not a number")
        if int(length) > self.max_body:
            raise Refused(413, f"body of {int(length):,} bytes; the limit is {self.max_body:,}")
        body = environ["wsgi.input"].read(int(length))
        if len(body) != int(length):
            raise Refused(400, "the body is shorter than its Content-Length")
        return body

    def _verify(self, environ: dict, body: bytes) -> None:
        timestamp = environ.get("HTTP_X_SLACK_REQUEST_TIMESTAMP") or ""
        signature = environ.get("HTTP_X_SLACK_SIGNATURE") or ""
        if not _DIGITS.match(timestamp):
            raise Refused(400, "X-Slack-Request-Timestamp is missing or not a number")
        if abs(self.clock() - int(timestamp)) > MAX_AGE_SECONDS:
            raise Refused(401, "X-Slack-Request-Timestamp is more than 5 minutes away (a replay, or a wrong clock)")
        expected = "v0=" + hmac.new(self.signing_secret.encode(), b"v0:" + timestamp.encode() + b":" + body, hashlib.sha256).hexdigest()
        if not _SIGNATURE.match(signature) or not hmac.compare_digest(signature, expected):
            raise Refused(401, "invalid or missing X-Slack-Signature")


def check_shape(body: bytes, content_type: str) -> None:
    """Refuse a body that is not one of the shapes Slack sends (and our listeners read)."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise Refused(400, "the body is not UTF-8") from None
    if content_type.split(";")[0].strip().lower() == "application/json":
        _check_json(_json_object(text, "the JSON body"))
        return
    try:
        form = dict(urllib.parse.parse_qsl(text, keep_blank_values=True, strict_parsing=bool(text), errors="strict"))
    except (ValueError, UnicodeDecodeError):
        raise Refused(400, "the form body cannot be parsed") from None
    if "payload" in form:
        payload = _json_object(form["payload"], "the payload")
        if not isinstance(payload.get("type"), str):
            raise Refused(400, "the payload has no type")
        if payload["type"] == "block_actions" and not (_has(payload, "user", "id") and isinstance(payload.get("actions"), list)):
            raise Refused(400, "a block action without its user or actions")
        return
    if "ssl_check" in form:
        return
    missing = [name for name in COMMAND_FIELDS if not form.get(name)]
    if missing:
        raise Refused(400, f"a slash command without {', '.join(missing)}")


def _check_json(body: dict) -> None:
    kind = body.get("type")
    if kind == "url_verification":
        if not isinstance(body.get("challenge"), str) or not body["challenge"]:
            raise Refused(400, "url_verification without a challenge")
    elif kind == "event_callback":
        event = body.get("event")
        if not isinstance(event, dict) or not isinstance(event.get("type"), str):
            raise Refused(400, "event_callback without an event")
        missing = [name for name in EVENT_FIELDS.get(event["type"], ()) if not isinstance(event.get(name), str) or not event[name]]
        if missing:
            raise Refused(400, f"a {event['type']} event without {', '.join(missing)}")
    elif not isinstance(kind, str):
        raise Refused(400, "the JSON body has no type")


def _json_object(text: str, what: str) -> dict:
    try:
        value = json.loads(text)
    except ValueError:
        raise Refused(400, f"{what} is not JSON") from None
    if not isinstance(value, dict):
        raise Refused(400, f"{what} is not a JSON object")
    return value


def _has(payload: dict, key: str, field: str) -> bool:
    inner = payload.get(key)
    return isinstance(inner, dict) and isinstance(inner.get(field), str) and bool(inner[field])


def _answer(start_response: Callable, status: int, text: str) -> list[bytes]:
    body = text.encode()
    phrase = {
        200: "OK",
        400: "Bad Request",
        401: "Unauthorized",
        405: "Method Not Allowed",
        411: "Length Required",
        413: "Content Too Large",
    }
    headers = [("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", str(len(body)))]
    if status == 405:
        headers.append(("Allow", "POST"))
    start_response(f"{status} {phrase[status]}", headers)
    return [body]
