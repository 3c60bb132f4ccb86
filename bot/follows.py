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
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError

from briefings.follow import FollowHit, FollowTarget, refiled
from briefings.models import Article
from briefings.service import Briefings
from briefings.store import AlertRow, Database, FollowRow

log = logging.getLogger(__name__)

OVERLAP = timedelta(minutes=10)  # look back this far past the last run: an article indexed by another replica meanwhile
FOLLOWS_PER_FOLLOWER = 50
PERMANENT = {"channel_not_found", "not_in_channel", "is_archived", "user_not_found", "account_inactive", "cannot_dm_bot"}


@dataclass(frozen=True)
class Follow:
    """One follow as the bot shows it."""

    follower: str
    target: FollowTarget
    created_at: datetime


class Follows:
    """Read and change follows of one workspace."""

    def __init__(self, db: Database, *, workspace: str = "slack") -> None:
        self.db = db
        self.workspace = workspace

    def add(self, follower: str, target: FollowTarget, *, created_by: str | None = None) -> bool:
        """Follow a target; False when the follower already follows it."""
        with self.db.session() as s:
            try:
                with s.begin():
                    s.add(
                        FollowRow(
                            workspace=self.workspace,
                            follower=follower,
                            kind=target.kind,
                            target_key=target.key[:200],
                            label=target.label[:200],
                            created_by=created_by,
                        )
                    )
            except IntegrityError:
                return False
        return True

    def remove(self, follower: str, text: str) -> list[FollowTarget]:
        """Stop following what `text` names (its label or key, any case); returns what was removed."""
        wanted = " ".join(text.lower().split())
        gone = [f.target for f in self.of(follower) if wanted in (f.target.label.lower(), f.target.key.lower())]
        with self.db.session() as s, s.begin():
            for target in gone:
                s.execute(
                    delete(FollowRow).where(
                        FollowRow.workspace == self.workspace,
                        FollowRow.follower == follower,
                        FollowRow.kind == target.kind,
                        FollowRow.target_key == target.key,
                    )
                )
        return gone

    def of(self, follower: str) -> list[Follow]:
        """What one follower follows, oldest first."""
        return [f for f in self.all() if f.follower == follower]

    def count(self, follower: str) -> int:
        """How many follows a follower has."""
        return len(self.of(follower))

    def all(self) -> list[Follow]:
        """Every follow of the workspace."""
        with self.db.session() as s:
            rows = s.scalars(select(FollowRow).where(FollowRow.workspace == self.workspace).order_by(FollowRow.id))
            return [Follow(r.follower, FollowTarget(r.kind, r.target_key, r.label), _aware(r.created_at)) for r in rows]  # type: ignore[arg-type]


@dataclass
class AlertOutcome:
    """What one alert run did."""

    sent: dict[str, int]  # follower -> articles alerted
    quiet: int = 0
    failed: dict[str, str] | None = None


class AlertSender:
    """Match new articles against the follows and send each follower one message, exactly once."""

    def __init__(
        self,
        core: Briefings,
        client: WebClient,
        follows: Follows,
        render: Callable[[list[FollowHit]], dict],
        *,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.core = core
        self.client = client
        self.follows = follows
        self.render = render
        self.now = now
        self.workspace = follows.workspace
        self._key = f"alerts_checked_until:{self.workspace}"

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
        done = self._already(follower, list(hits))
        fresh = [aid for aid in hits if aid not in done]
        if not fresh:
            return False
        earlier = self._alerted_articles(follower)
        quiet = [aid for aid in fresh if any(refiled(by_id[aid][0], e) for e in earlier)]
        shown = [aid for aid in fresh if aid not in quiet]
        if not self._claim(follower, shown, quiet):
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
        self._mark(follower, shown, "sent", response.get("ts"))
        outcome.sent[follower] = len(shown)
        return False

    def _already(self, follower: str, article_ids: list[str]) -> set[str]:
        with self.core.db.session() as s:
            rows = s.scalars(
                select(AlertRow.article_id).where(
                    AlertRow.workspace == self.workspace, AlertRow.follower == follower, AlertRow.article_id.in_(article_ids)
                )
            )
            return set(rows)

    def _alerted_articles(self, follower: str, limit: int = 200) -> list[Article]:
        with self.core.db.session() as s:
            ids = list(
                s.scalars(
                    select(AlertRow.article_id)
                    .where(AlertRow.workspace == self.workspace, AlertRow.follower == follower, AlertRow.status == "sent")
                    .order_by(AlertRow.id.desc())
                    .limit(limit)
                )
            )
        return [a for a in (self.core.article(i) for i in ids) if a is not None]

    def _claim(self, follower: str, shown: list[str], quiet: list[str]) -> bool:
        with self.core.db.session() as s:
            try:
                with s.begin():
                    s.add_all(AlertRow(workspace=self.workspace, follower=follower, article_id=a, status="claimed") for a in shown)
                    s.add_all(AlertRow(workspace=self.workspace, follower=follower, article_id=a, status="quiet") for a in quiet)
            except IntegrityError:
                return False
        return True

    def _mark(self, follower: str, article_ids: list[str], status: str, ts: str | None = None) -> None:
        with self.core.db.session() as s, s.begin():
            s.execute(
                update(AlertRow)
                .where(AlertRow.workspace == self.workspace, AlertRow.follower == follower, AlertRow.article_id.in_(article_ids))
                .values(status=status, message_ts=ts)
            )

    def _release(self, follower: str, article_ids: list[str], *, permanent: bool) -> bool:
        if permanent:  # the follower is gone or we may not post there: never try these again
            self._mark(follower, article_ids, "failed")
            return False
        with self.core.db.session() as s, s.begin():
            s.execute(
                delete(AlertRow).where(
                    AlertRow.workspace == self.workspace, AlertRow.follower == follower, AlertRow.article_id.in_(article_ids)
                )
            )
        return True


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
