"""Posting a message at most once over a connection that can lose Slack's reply.

Slack's `chat.postMessage` has no idempotency key: when the connection drops after Slack stored
the message, or Slack answers after the client gave up, a blind retry posts it twice. So each
message carries a marker of our own in its metadata, no retry goes out before the channel (or
thread) was read back through `conversations.history` / `conversations.replies`, and a message
found there counts as posted. Only answers that prove the message was not stored (Slack's 4xx
and `ok: false`, a 429 retried after `Retry-After`) are taken at their word.
"""

from __future__ import annotations

import copy
import logging
import time
from collections.abc import Callable, Sequence
from http.client import HTTPException

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry import RateLimitErrorRetryHandler

log = logging.getLogger(__name__)

MARKER_EVENT = "briefings_post"
CLOCK_SLACK = 600  # seconds: how far before our own clock's start of the post we read the channel back
RECHECKS = (1.0, 3.0)  # seconds before each read-back (and, if the message is not there, repost)
# What leaves a post's fate unknown: the connection failed or timed out, the answer was cut or garbled, Slack's 5xx.
UNCERTAIN = (OSError, HTTPException, ValueError)


class Unverifiable(Exception):
    """A post may have landed and the channel cannot be read back to tell: it must not be sent again yet."""


def careful_client(client: WebClient, *, max_rate_limited: int = 3) -> WebClient:
    """The same client (token, URL, timeout, subclass) retrying only 429s, the one answer that proves nothing was stored."""
    careful = copy.copy(client)
    careful.retry_handlers = [RateLimitErrorRetryHandler(max_retry_count=max_rate_limited)]
    return careful


class OncePoster:
    """Post messages identified by a marker, so that a retry never duplicates a message Slack already has."""

    def __init__(self, client: WebClient, *, rechecks: Sequence[float] = RECHECKS, sleep: Callable[[float], None] = time.sleep) -> None:
        self.client = careful_client(client)
        self.rechecks = tuple(rechecks)
        self.sleep = sleep

    def post(self, channel: str, marker: str, *, since: float, check_first: bool, thread_ts: str | None = None, **message) -> str:
        """The ts of the message with this marker: found already in Slack, or posted now (reposted only after a read-back).

        `since` is when the first attempt at this message began (our clock); `check_first` says an
        earlier attempt may have landed. Raises SlackApiError when Slack refused it, Unverifiable or
        the last connection error when it cannot be told whether it is there.
        """
        if check_first and (found := self.find(channel, marker, since=since, thread_ts=thread_ts)):
            return found
        metadata = {"event_type": MARKER_EVENT, "event_payload": {"marker": marker}}
        for delay in (*self.rechecks, None):
            try:
                return self.client.chat_postMessage(channel=channel, thread_ts=thread_ts, metadata=metadata, **message)["ts"]
            except SlackApiError as error:
                if _status(error) < 500:
                    raise  # Slack said no: nothing was stored
                if delay is None:
                    raise
                reason = error
            except UNCERTAIN as error:
                if delay is None:
                    raise
                reason = error
            log.warning(
                "post to %s may or may not have landed (%s); reading the channel back in %.0f s", channel, describe_error(reason), delay
            )
            self.sleep(delay)
            if found := self.find(channel, marker, since=since, thread_ts=thread_ts):
                return found
        raise AssertionError("unreachable: the last attempt returns or raises")

    def find(self, channel: str, marker: str, *, since: float, thread_ts: str | None = None) -> str | None:
        """The ts of the message carrying this marker in the channel (or thread), or None; Unverifiable if it cannot be read."""
        try:
            if thread_ts:
                response = self.client.conversations_replies(channel=channel, ts=thread_ts, include_all_metadata=True, limit=200)
            else:
                oldest = f"{since - CLOCK_SLACK:.6f}"
                response = self.client.conversations_history(channel=channel, oldest=oldest, include_all_metadata=True, limit=200)
        except (SlackApiError, *UNCERTAIN) as error:
            raise Unverifiable(f"cannot read {channel} back to see whether the post landed: {describe_error(error)}") from None
        for message in response.get("messages") or []:
            payload = (message.get("metadata") or {}).get("event_payload") or {}
            if message.get("metadata", {}).get("event_type") == MARKER_EVENT and payload.get("marker") == marker:
                log.info("post to %s had landed (found %s); not sending it again", channel, message.get("ts"))
                return message.get("ts")
        return None


def _status(error: SlackApiError) -> int:
    return getattr(error.response, "status_code", 200) or 200


def describe_error(error: Exception) -> str:
    """An error as one line, without anything secret (Slack's error code, or the exception's type)."""
    if isinstance(error, SlackApiError):
        code = error.response.get("error") if hasattr(error.response, "get") else None
        return f"Slack answered HTTP {_status(error)}: {code or 'error'}"
    return f"{type(error).__name__}: {error}"[:200]
