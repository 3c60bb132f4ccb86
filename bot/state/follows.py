"""Follows and the alerts sent for them: who follows what (table `follows`), which article went to whom (`alerts`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError

from bot.state.tables import AlertRow, FollowRow
from briefings.follow import FollowTarget
from briefings.store import Database

AlertStatus = Literal["claimed", "sent", "quiet", "failed"]


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
        row = FollowRow(
            workspace=self.workspace,
            follower=follower,
            kind=target.kind,
            target_key=target.key[:200],
            label=target.label[:200],
            created_by=created_by,
        )
        with self.db.session() as s:
            try:
                with s.begin():
                    s.add(row)
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


class Alerts:
    """The exactly-once record of alerts in one workspace: each (follower, article) claimed before it is sent."""

    def __init__(self, db: Database, *, workspace: str = "slack") -> None:
        self.db = db
        self.workspace = workspace

    def already(self, follower: str, article_ids: list[str]) -> set[str]:
        """Which of these articles the follower was alerted to (or is being, or was skipped quietly)."""
        with self.db.session() as s:
            return set(s.scalars(select(AlertRow.article_id).where(self._of(follower), AlertRow.article_id.in_(article_ids))))

    def sent(self, follower: str, limit: int = 200) -> list[str]:
        """The ids of the articles last sent to the follower, newest first."""
        with self.db.session() as s:
            query = select(AlertRow.article_id).where(self._of(follower), AlertRow.status == "sent")
            return list(s.scalars(query.order_by(AlertRow.id.desc()).limit(limit)))

    def claim(self, follower: str, shown: list[str], quiet: list[str]) -> bool:
        """Claim the articles to show and those to skip quietly; False when another replica claimed one first."""
        with self.db.session() as s:
            try:
                with s.begin():
                    s.add_all(AlertRow(workspace=self.workspace, follower=follower, article_id=a, status="claimed") for a in shown)
                    s.add_all(AlertRow(workspace=self.workspace, follower=follower, article_id=a, status="quiet") for a in quiet)
            except IntegrityError:
                return False
        return True

    def mark(self, follower: str, article_ids: list[str], status: AlertStatus, ts: str | None = None) -> None:
        """Record how the alert of these articles went."""
        with self.db.session() as s, s.begin():
            where = (self._of(follower), AlertRow.article_id.in_(article_ids))
            s.execute(update(AlertRow).where(*where).values(status=status, message_ts=ts))

    def release(self, follower: str, article_ids: list[str]) -> None:
        """Give up the claims of a failed post, so the next run tries again."""
        with self.db.session() as s, s.begin():
            s.execute(delete(AlertRow).where(self._of(follower), AlertRow.article_id.in_(article_ids)))

    def _of(self, follower: str):
        return (AlertRow.workspace == self.workspace) & (AlertRow.follower == follower)


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
