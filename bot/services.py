"""Everything the listeners and jobs need, wired once from the settings: the core, the Web API client, the poster."""

from __future__ import annotations

import gc
import os
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta

from slack_sdk import WebClient
from slack_sdk.http_retry import ConnectionErrorRetryHandler, RateLimitErrorRetryHandler
from slack_sdk.http_retry.builtin_handlers import ServerErrorRetryHandler

from bot.digests import DigestPoster
from bot.follow_blocks import alert_message
from bot.follows import AlertSender
from bot.state.follows import Alerts, Follows
from bot.state.installations import Installations
from bot.state.seen import SeenEventLog, SeenEvents
from bot.state.subscriptions import Subscriptions
from briefings.service import Briefings, briefings_from_settings
from config.settings import Settings

SLACK_API_URL = "https://slack.com/api/"


def utc_now() -> datetime:
    """Now, timezone-aware UTC (the default clock; tests inject their own)."""
    return datetime.now(UTC)


@dataclass
class Indexing:
    """The first index of an empty database, while it runs: how many corpus files are done of how many."""

    total: int
    done: int = 0
    running: bool = True

    def tick(self, _name: str) -> None:
        """The indexer's progress callback: one more file read."""
        self.done = min(self.done + 1, self.total)

    def describe(self) -> str:
        """`1,204 of 5,000 files`."""
        return f"{self.done:,} of {self.total:,} {'file' if self.total == 1 else 'files'}"


@dataclass
class Services:
    """The bot's dependencies, built in one place and handed to `build_app` and the scheduler.

    One Services serves one workspace (`workspace`: "slack", "local", or with OAuth a team id);
    with OAuth, the process-wide one hands out a Services per installed team (`for_team`, `teams`),
    sharing the core, the event memory and the readiness.
    """

    settings: Settings
    core: Briefings
    client: WebClient
    workspace: str = "slack"
    instance: str = ""
    now: Callable[[], datetime] = utc_now
    seen: SeenEvents = field(default_factory=SeenEvents)
    ready: threading.Event = field(default_factory=threading.Event)
    on_subscriptions_changed: list[Callable[[], None]] = field(default_factory=list)
    installations: Installations | None = None
    indexing: Indexing | None = None  # set while the first index of an empty database runs
    subscriptions: Subscriptions = field(init=False)
    poster: DigestPoster = field(init=False)
    follows: Follows = field(init=False)
    alerts: AlertSender = field(init=False)

    def __post_init__(self) -> None:
        settings, core = self.settings, self.core
        self.poster = DigestPoster(
            core,
            self.client,
            instance=self.instance or instance_name(),
            now=self.now,
            skip_empty=settings.digest_skip_empty,
            grace=timedelta(minutes=settings.digest_grace_minutes),
            zone=settings.timezone,
        )
        self.subscriptions = Subscriptions(core.db, settings, workspace=self.workspace)
        self.follows = Follows(core.db, workspace=self.workspace)
        self.alerts = AlertSender(core, self.client, self.follows, Alerts(core.db, workspace=self.workspace), alert_message, now=self.now)

    def for_team(self, team_id: str, client: WebClient | None = None) -> Services:
        """The services of one installed workspace (OAuth): its subscriptions, follows and a client with its token."""
        if client is None:
            team = self.installations.team(team_id) if self.installations else None
            client = with_token(self.client, team.bot_token if team else None)
        return replace(self, client=client, workspace=team_id, installations=None)

    def teams(self) -> list[Services]:
        """What the scheduled jobs work through: every installed workspace (OAuth), or this one."""
        if self.installations is None:
            return [self]
        return [self.for_team(t.team_id, with_token(self.client, t.bot_token)) for t in self.installations.teams()]

    def load_index(self) -> None:
        """Load the lookup index from the database (no NLP), then say ready (GET /healthz answers 200)."""
        gc.unfreeze()  # a reload (rescan) replaces the index: what the last one froze must be collectable again
        self.core.reload()
        self.core.lookup()  # load the lookup index now, not on someone's first question
        # What is loaded now lives as long as the process: keep it out of the collector's full passes,
        # which otherwise stall every thread (acks included) for tens of milliseconds now and then.
        gc.collect()
        gc.freeze()
        self.ready.set()

    def needs_first_index(self) -> bool:
        """True for an empty database; then lookups and /healthz report the first index from now on."""
        if self.core.stats().articles:
            return False
        self.indexing = Indexing(total=self.core.count_corpus_files())
        return True

    def first_index(self) -> None:
        """Index the corpus into the empty database, counting the files done for lookups and /healthz."""
        indexing = self.indexing or Indexing(total=self.core.count_corpus_files())
        self.indexing = indexing
        try:
            self.core.index(progress=indexing.tick)
        finally:
            indexing.running = False

    def loading_message(self) -> str | None:
        """What a lookup says before the index is loaded (None once it is): never a "nobody called ..." meanwhile."""
        if self.ready.is_set():
            return None
        if self.indexing is not None and self.indexing.running:
            return f"The articles are being indexed for the first time ({self.indexing.describe()} so far). Ask again in a minute."
        return "The index is loading; ask again in a few seconds."

    def health(self) -> dict:
        """The body of GET /healthz: `ok`, or the loading or indexing state with its progress."""
        if self.ready.is_set():
            return {"status": "ok"}
        if self.indexing is not None and self.indexing.running:
            return {"status": "indexing", "files_done": self.indexing.done, "files_total": self.indexing.total}
        return {"status": "loading the index"}

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


def with_token(client: WebClient, token: str | None) -> WebClient:
    """A client like `client` (base URL, timeout, retries) that calls with another token."""
    other = WebClient(token=token, base_url=client.base_url, timeout=client.timeout)
    other.retry_handlers = list(client.retry_handlers)
    return other


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
    """Wire the core, the Web API client, subscriptions and the digest poster from the settings.

    With SLACK_CLIENT_ID and SLACK_CLIENT_SECRET (OAuth) the result also holds the installations; each
    request and job then works through `for_team(team_id)`, whose client carries that workspace's token.
    """
    core = core or briefings_from_settings(settings)
    client = client or build_client(settings)
    installations = Installations(core.db, settings.slack_client_id) if settings.oauth else None
    services = Services(
        settings=settings,
        core=core,
        client=client,
        workspace=workspace,
        instance=instance or instance_name(),
        now=now,
        seen=SeenEvents(SeenEventLog(core.db)),
        installations=installations,
    )
    if installations is None:
        services.subscriptions.seed_default()
    return services
