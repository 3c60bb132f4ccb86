"""Posting a digest to a channel exactly once: claim a row in the database, post, then mark it sent.

Each message of a digest carries a marker (`bot.posting`): an attempt after one whose fate is
unknown (a lost or late reply, a kill) reads the channel back before posting anything again.
"""

from __future__ import annotations

import logging
import secrets
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from http.client import HTTPException
from zoneinfo import ZoneInfo

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.blocks import Message, digest_messages
from bot.posting import OncePoster, Unverifiable, describe_error
from bot.state.digest_posts import Claim, DigestPost, DigestPosts, Refusal
from bot.subscriptions import Subscription
from briefings.models import ArticleRef, Digest, Participant, Quote, Story
from briefings.service import Briefings

log = logging.getLogger(__name__)


@dataclass
class Outcome:
    """What one attempt to post a digest did."""

    status: str  # sent | skipped | failed | busy | done | late
    channel: str
    key: str
    message_ts: str | None = None
    error: str | None = None
    stories: int = 0


class DigestPoster:
    """Post digests through the Web API, at most once per channel and digest key, whichever process tries."""

    def __init__(
        self,
        core: Briefings,
        client: WebClient,
        *,
        instance: str,
        now: Callable[[], datetime],
        skip_empty: bool = False,
        grace: timedelta = timedelta(hours=3),
        stale_after: timedelta = timedelta(minutes=10),
        max_attempts: int = 5,
        zone: str = "UTC",
        posts: DigestPosts | None = None,
    ) -> None:
        self.core = core
        self.client = client
        self.instance = instance
        self.now = now
        self.skip_empty = skip_empty
        self.grace = grace
        self.posts = posts or DigestPosts(core.db, stale_after=stale_after, max_attempts=max_attempts)
        self.zone = ZoneInfo(zone)
        self.once = OncePoster(client)

    def post_due(self, sub: Subscription) -> Outcome | None:
        """Post the subscription's digest if a scheduled moment has passed within the grace period."""
        now = self.now()
        due = sub.last_due(now)
        if due is None:
            return None
        if now - due > self.grace:
            return None
        return self.post(sub.channel, due.date().isoformat(), day=due.date().isoformat())

    def post_now(self, channel: str) -> Outcome:
        """Post the channel's digest now, outside the schedule (`briefings digest --post`, the local page)."""
        now = self.now()
        return self.post(channel, f"manual-{now.astimezone(UTC):%Y%m%dT%H%M%S.%f}", day=now.astimezone(self.zone).date().isoformat())

    def post(self, channel: str, key: str, *, day: str | None = None) -> Outcome:
        """Claim (channel, key), post the digest (resuming a failed attempt), and mark it sent only when Slack took it all."""
        claim = self.posts.claim(channel, key, by=self.instance, now=self.now())
        if isinstance(claim, Refusal):
            return Outcome(claim.status, channel, key, claim.message_ts, claim.error)
        payload = claim.payload or {}
        try:
            if "messages" not in payload:
                digest = self.core.digest(channel=channel)
                digest.date = day or digest.date  # the day it is for, in the channel's zone
                if digest.empty and self.skip_empty:
                    self.posts.finish(claim, "skipped", payload | {"stories": 0})
                    return Outcome("skipped", channel, key)
                payload = {"digest": _dump(digest), "messages": [m.__dict__ for m in digest_messages(digest)], "posted": 0, "ts": None}
                self.posts.save(claim, payload)
            payload = self._send(claim, channel, payload)
        except (SlackApiError, OSError, HTTPException, ValueError, Unverifiable) as error:
            reason = describe_error(error)
            log.warning("digest for %s (%s) not posted, attempt %d: %s", channel, key, claim.attempts, reason)
            self.posts.finish(claim, "failed", None, error=reason)  # keep the progress _send saved
            return Outcome("failed", channel, key, payload.get("ts"), reason)
        digest = _load(payload["digest"])
        self.core.mark_sent(digest, channel, key)
        self.posts.finish(claim, "sent", payload, ts=payload["ts"])
        log.info("digest for %s (%s) posted: %d stories, %d messages", channel, key, len(digest.stories), len(payload["messages"]))
        return Outcome("sent", channel, key, payload["ts"], stories=len(digest.stories))

    # --- posting ---

    def _send(self, claim: Claim, channel: str, payload: dict) -> dict:
        """Post the messages not yet posted; the first is the parent, the rest go in its thread.

        Before each message the attempt is recorded (`sending`), so the next attempt knows it may
        have landed and reads the channel back before posting it again.
        """
        messages = [Message(**m) for m in payload["messages"]]
        payload = payload if payload.get("nonce") else payload | {"nonce": secrets.token_hex(8)}
        for i in range(payload["posted"], len(messages)):
            unsure = payload.get("sending") == i
            payload = payload | {"sending": i, "sending_at": payload["sending_at"] if unsure else time.time()}
            self.posts.save(claim, payload)
            ts = self.once.post(
                channel,
                f"{payload['nonce']}:{i}",
                since=payload["sending_at"],
                check_first=unsure,
                thread_ts=payload["ts"] if i > 0 else None,
                unfurl_links=False,
                unfurl_media=False,
                **messages[i].as_kwargs(),
            )
            payload = payload | {"posted": i + 1, "ts": payload["ts"] or ts, "sending": None}
            self.posts.save(claim, payload)  # a retry resumes here instead of posting the parent twice
        return payload

    def history(self, channel: str, limit: int = 1) -> list[DigestPost]:
        """The latest digest posts for a channel, newest first."""
        return self.posts.history(channel, limit)


def _dump(digest: Digest) -> dict:
    return asdict(digest)


def _load(data: dict) -> Digest:
    stories = []
    for s in data["stories"]:
        quote = s.get("quote")
        stories.append(
            Story(
                headline=s["headline"],
                summary=list(s["summary"]),
                people=[Participant(**p) for p in s["people"]],
                quote=Quote(**(quote | {"sources": [ArticleRef(**r) for r in quote.get("sources", [])]})) if quote else None,
                date=s["date"],
                sources=[ArticleRef(**r) for r in s["sources"]],
                article_hashes=list(s.get("article_hashes", [])),
            )
        )
    return Digest(date=data["date"], channel=data["channel"], stories=stories)
