"""The scheduler: a cron job per subscribed channel, a sweep that catches up after downtime or failure, the corpus rescan."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.base import BaseScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from bot.digests import Outcome
from bot.services import Services
from bot.subscriptions import Subscription

log = logging.getLogger(__name__)

SWEEP_SECONDS = 60


def digest_trigger(sub: Subscription) -> CronTrigger:
    """Fire at the subscription's local time on its days, in its own zone (DST included)."""
    hour, minute = sub.hour_minute
    return CronTrigger(day_of_week=",".join(sub.weekdays), hour=hour, minute=minute, timezone=ZoneInfo(sub.timezone))


class DigestScheduler:
    """Own the APScheduler jobs; posting itself is idempotent, so every replica may run them."""

    def __init__(self, services: Services, scheduler: BaseScheduler | None = None) -> None:
        self.services = services
        self.scheduler = scheduler or BackgroundScheduler(timezone=UTC, job_defaults={"coalesce": True, "max_instances": 1})
        services.on_subscriptions_changed.append(self.sync)

    def start(self) -> None:
        """Start the jobs: the sweep and the rescan run once at once, then on their intervals."""
        now = datetime.now(UTC)
        self.sync()
        self.scheduler.add_job(self.sweep, IntervalTrigger(seconds=SWEEP_SECONDS), id="sweep", next_run_time=now, replace_existing=True)
        minutes = self.services.settings.rescan_minutes
        if minutes > 0:
            self.scheduler.add_job(self.rescan, IntervalTrigger(minutes=minutes), id="rescan", next_run_time=now, replace_existing=True)
        self.scheduler.start()

    def shutdown(self) -> None:
        """Stop the jobs without waiting for a running one."""
        if self.scheduler.running:
            self.scheduler.shutdown(wait=False)

    def sync(self) -> None:
        """Make the digest jobs match the subscriptions in the database (another replica may have changed them)."""
        # Channel ids are Slack-wide: one job per channel, whichever workspace it lives in.
        subs = {f"digest:{s.channel}": (team.workspace, s) for team in self.services.teams() for s in team.subscriptions.all()}
        for job in self.scheduler.get_jobs():
            if job.id.startswith("digest:") and job.id not in subs:
                job.remove()
        grace = int(self.services.poster.grace.total_seconds()) or 1
        for job_id, (workspace, sub) in subs.items():
            existing = self.scheduler.get_job(job_id)
            if existing is not None and existing.args == (workspace, sub):
                continue
            self.scheduler.add_job(
                self.post_due, digest_trigger(sub), args=(workspace, sub), id=job_id, replace_existing=True, misfire_grace_time=grace
            )

    def post_due(self, workspace: str, sub: Subscription) -> Outcome | None:
        """A digest job: post the subscription's digest through its workspace (with OAuth, that team's token)."""
        team = self.services if self.services.installations is None else self.services.for_team(workspace)
        return team.poster.post_due(sub)

    def sweep(self) -> list[Outcome]:
        """Post every digest that is due and not yet sent: after a restart, a failed post, or a missed job."""
        outcomes = []
        try:
            self.sync()
            for team in self.services.teams():
                for sub in team.subscriptions.all():
                    outcome = team.poster.post_due(sub)
                    if outcome is not None:
                        outcomes.append(outcome)
        except Exception:
            log.exception("digest sweep failed")
        return outcomes

    def rescan(self) -> None:
        """Index what changed in the corpus folder, then reload the lookup index if anything did."""
        core = self.services.core
        try:
            report = core.index()
        except Exception:
            log.exception("corpus rescan of %s failed", core.corpus_dir)
            return
        # `stale`: another replica rebuilt people and events from the same database, so this one's lookup index is old.
        if report.new or report.changed or report.removed or not self.services.ready.is_set() or core.stale():
            self.services.load_index()
            log.info("corpus rescan: %d new, %d changed, %d removed", len(report.new), len(report.changed), len(report.removed))
        self.alert()

    def alert(self) -> None:
        """Tell followers about the articles indexed since the last look (exactly once; a failed post is retried next time)."""
        for team in self.services.teams():
            try:
                outcome = team.alerts.run()
            except Exception:
                log.exception("follow alerts failed in %s", team.workspace)
                continue
            if outcome.sent:
                log.info("alerts: %d followers, %d articles", len(outcome.sent), sum(outcome.sent.values()))
