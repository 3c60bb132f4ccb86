"""Everything the listeners and jobs need, wired once from the settings: the core, the Web API client, the poster."""

from __future__ import annotations

import gc
import os
import socket
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from slack_sdk import WebClient
from slack_sdk.http_retry import ConnectionErrorRetryHandler, RateLimitErrorRetryHandler
from slack_sdk.http_retry.builtin_handlers import ServerErrorRetryHandler

from bot.digests import DigestPoster
from bot.follow_blocks import alert_message
from bot.follows import AlertSender, Follows
from bot.subscriptions import Subscriptions
from briefings.service import Briefings, briefings_from_settings
from briefings.store import Database
from config.settings import Settings

SLACK_API_URL = "https://slack.com/api/"


def utc_now() -> datetime:
    """Now, timezone-aware UTC (the default clock; tests inject their own)."""
    return datetime.now(UTC)


class SeenEvents:
    """Remember event keys so a retried or doubled event is answered once, by one replica of many.

    A memory of recent keys answers the common case fast; the database (when given) makes it
    hold across replicas and restarts.
    """

    def __init__(self, db: Database | None = None, ttl_seconds: float = 3600, max_size: int = 50_000) -> None:
        self.db = db
        self.ttl = ttl_seconds
        self.max_size = max_size
        self._seen: OrderedDict[str, float] = OrderedDict()
        self._lock = threading.Lock()

    def first_time(self, *keys: str | None) -> bool:
        """True the first time any of these keys is offered; records them all."""
        keys_ = [k for k in keys if k]
        now = time.monotonic()
        with self._lock:
            while self._seen and (len(self._seen) > self.max_size or next(iter(self._seen.values())) < now - self.ttl):
                self._seen.popitem(last=False)
            if any(k in self._seen for k in keys_):
                return False
            for k in keys_:
                self._seen[k] = now
        return self.db.first_time(keys_) if self.db is not None and keys_ else True


@dataclass
class Services:
    """The bot's dependencies, built in one place and handed to `build_app` and the scheduler."""

    settings: Settings
    core: Briefings
    client: WebClient
    subscriptions: Subscriptions
    poster: DigestPoster
    follows: Follows
    alerts: AlertSender
    now: Callable[[], datetime] = utc_now
    seen: SeenEvents = field(default_factory=SeenEvents)
    ready: threading.Event = field(default_factory=threading.Event)
    on_subscriptions_changed: list[Callable[[], None]] = field(default_factory=list)

    def load_index(self) -> None:
        """Load the lookup index from the database (no NLP), then say ready (GET /healthz answers 200)."""
        self.core.reload()
        self.core.person(0)  # load it now, not on someone's first question
        # What is loaded now lives as long as the process: keep it out of the collector's full passes,
        # which otherwise stall every thread (acks included) for tens of milliseconds now and then.
        gc.collect()
        gc.freeze()
        self.ready.set()

    def subscriptions_changed(self) -> None:
        """Tell the scheduler (if one runs) that a channel subscribed or left."""
        for callback in self.on_subscriptions_changed:
            callback()


def build_client(settings: Settings, *, max_retries: int = 3) -> WebClient:
    """A Web API client for SLACK_API_URL (or Slack's), retrying 429 after Retry-After and 5xx with backoff."""
    token = settings.slack_bot_token.get_secret_value() if settings.slack_bot_token else None
    base_url = settings.slack_api_url or SLACK_API_URL
    if not base_url.endswith("/"):
        base_url += "/"
    client = WebClient(token=token, base_url=base_url, timeout=10)
    client.retry_handlers = [
        ConnectionErrorRetryHandler(max_retry_count=2),
        RateLimitErrorRetryHandler(max_retry_count=max_retries),
        ServerErrorRetryHandler(max_retry_count=max_retries),
    ]
    return client


def instance_name() -> str:
    """Who claims a digest: host and process, for the digest history."""
    return f"{socket.gethostname()}:{os.getpid()}"[:100]


def build_services(
    settings: Settings,
    *,
    core: Briefings | None = None,
    client: WebClient | None = None,
    now: Callable[[], datetime] = utc_now,
    instance: str | None = None,
    workspace: str = "slack",
) -> Services:
    """Wire the core, the Web API client, subscriptions and the digest poster from the settings."""
    core = core or briefings_from_settings(settings)
    client = client or build_client(settings)
    poster = DigestPoster(
        core,
        client,
        instance=instance or instance_name(),
        now=now,
        skip_empty=settings.digest_skip_empty,
        grace=timedelta(minutes=settings.digest_grace_minutes),
        zone=settings.timezone,
    )
    subscriptions = Subscriptions(core.db, settings, workspace=workspace)
    subscriptions.seed_default()
    follows = Follows(core.db, workspace=workspace)
    alerts = AlertSender(core, client, follows, alert_message, now=now)
    return Services(
        settings=settings,
        core=core,
        client=client,
        subscriptions=subscriptions,
        poster=poster,
        follows=follows,
        alerts=alerts,
        now=now,
        seen=SeenEvents(core.db),
    )
