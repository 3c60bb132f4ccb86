"""Follows and alerts: who follows what, and the alerts sent for new articles, exactly once per follower and article.

A follow belongs to a user (alerts by DM) or a channel (alerts to the channel). After each
index run the bot looks at the articles indexed since its last look, matches them against
every follow at once, and sends each follower one message listing their new articles. Every
(follower, article) pair is claimed in the database before the message goes out, so two
replicas, a restart or a retry never alert twice; a failed post releases its claims and is
tried again on the next run. A re-filed version of an article already alerted is claimed
quietly and not shown again.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.state.follows import Alerts, Follows
from briefings.follow import FollowHit, refiled
from briefings.models import Article
from briefings.service import Briefings

log = logging.getLogger(__name__)

OVERLAP = timedelta(minutes=10)  # look back this far past the last run: an article indexed by another replica meanwhile
FOLLOWS_PER_FOLLOWER = 50
PERMANENT = {"channel_not_found", "not_in_channel", "is_archived", "user_not_found", "account_inactive", "cannot_dm_bot"}


@dataclass
class AlertOutcome:
    """What one alert run did."""

    sent: dict[str, int]  # follower -> articles alerted
    quiet: int = 0
    failed: dict[str, str] | None = None


@dataclass
class AlertSender:
    """Match new articles against the follows and send each follower one message, exactly once."""

    core: Briefings
    client: WebClient
    follows: Follows
    alerts: Alerts
    render: Callable[[list[FollowHit]], dict]
    now: Callable[[], datetime] = field(default=lambda: datetime.now(UTC))

    @property
    def workspace(self) -> str:
        """The workspace whose follows this sender alerts."""
        return self.follows.workspace

    @property
    def _key(self) -> str:
        return f"alerts_checked_until:{self.workspace}"

    def run(self) -> AlertOutcome:
        """One pass: the articles indexed since the last pass, matched, claimed, sent."""
        outcome = AlertOutcome(sent={}, failed={})
        follows = self.follows.all()
        if not follows:
            return outcome
        started = self.now()
        last = self.core.db.get_meta(self._key)
        since = min(f.created_at for f in follows)
        if last:
            since = max(since, datetime.fromisoformat(last) - OVERLAP)
        articles = self.core.articles_indexed_since(since)
        if articles:
            retry = self._deliver(follows, articles, outcome)
            if not retry:
                self.core.db.set_meta(self._key, max(started, max(t for _, t in articles)).isoformat())
        return outcome

    def _deliver(self, follows: list, articles: list[tuple[Article, datetime]], outcome: AlertOutcome) -> bool:
        """Send every follower their hits; True when some post failed for a reason worth retrying."""
        by_id = {a.id: (a, t) for a, t in articles}
        matched = self.core.match_follows([f.target for f in follows], [a for a, _ in articles])
        per_follower: dict[str, dict[str, list[FollowHit]]] = defaultdict(lambda: defaultdict(list))
        for f in follows:
            for hit in matched.get(f.target, []):
                if by_id[hit.article.id][1] > f.created_at:
                    per_follower[f.follower][hit.article.id].append(hit)
        retry = False
        for follower, hits in per_follower.items():
            retry |= self._alert(follower, hits, by_id, outcome)
        return retry

    def _alert(self, follower: str, hits: dict[str, list[FollowHit]], by_id: dict, outcome: AlertOutcome) -> bool:
        done = self.alerts.already(follower, list(hits))
        fresh = [aid for aid in hits if aid not in done]
        if not fresh:
            return False
        earlier = self._alerted_articles(follower)
        quiet = [aid for aid in fresh if any(refiled(by_id[aid][0], e) for e in earlier)]
        shown = [aid for aid in fresh if aid not in quiet]
        if not self.alerts.claim(follower, shown, quiet):
            return False  # another replica claimed them first
        outcome.quiet += len(quiet)
        if not shown:
            return False
        message = self.render([h for aid in shown for h in hits[aid]])
        try:
            response = self.client.chat_postMessage(channel=follower, unfurl_links=False, unfurl_media=False, **message)
        except SlackApiError as error:
            reason = str(error.response.get("error") or "error")
            outcome.failed[follower] = reason  # type: ignore[index]
            log.warning("alert to %s failed: %s", follower, reason)
            return self._release(follower, shown, permanent=reason in PERMANENT)
        except Exception as error:  # network: try again next run
            outcome.failed[follower] = type(error).__name__  # type: ignore[index]
            log.warning("alert to %s failed: %s", follower, type(error).__name__)
            return self._release(follower, shown, permanent=False)
        self.alerts.mark(follower, shown, "sent", response.get("ts"))
        outcome.sent[follower] = len(shown)
        return False

    def _alerted_articles(self, follower: str) -> list[Article]:
        return [a for a in (self.core.article(i) for i in self.alerts.sent(follower)) if a is not None]

    def _release(self, follower: str, article_ids: list[str], *, permanent: bool) -> bool:
        if permanent:  # the follower is gone or we may not post there: never try these again
            self.alerts.mark(follower, article_ids, "failed")
            return False
        self.alerts.release(follower, article_ids)
        return True
