"""The digest posts: one row per channel and digest key, claimed before posting so each digest goes out once."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Literal

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from bot.state.tables import DigestPostRow
from briefings.store import Database

DONE = ("sent", "skipped")
PostStatus = Literal["claimed", "sent", "skipped", "failed"]


@dataclass(frozen=True)
class Claim:
    """This process holds a digest post: its row, which attempt this is, and what an earlier attempt saved."""

    id: int
    attempts: int
    payload: dict | None


@dataclass(frozen=True)
class Refusal:
    """Why a digest post was not claimed: `busy` (another holds it), `done` (posted), `failed` (given up)."""

    status: Literal["busy", "done", "failed"]
    message_ts: str | None = None
    error: str | None = None


@dataclass(frozen=True)
class DigestPost:
    """One digest post as `/briefing status` shows it."""

    channel: str
    digest_key: str
    status: str
    claimed_at: datetime
    message_ts: str | None
    error: str | None


class DigestPosts:
    """Claim, record and read the digest posts (table `digest_posts`), safely among replicas."""

    def __init__(self, db: Database, *, stale_after: timedelta = timedelta(minutes=10), max_attempts: int = 5) -> None:
        self.db = db
        self.stale_after = stale_after
        self.max_attempts = max_attempts

    def claim(self, channel: str, key: str, *, by: str, now: datetime) -> Claim | Refusal:
        """Claim (channel, key) for `by`: a new row, or a failed or abandoned attempt taken over."""
        with self.db.session() as s:
            try:
                with s.begin():
                    row = DigestPostRow(channel=channel, digest_key=key, status="claimed", claimed_by=by, claimed_at=now, attempts=1)
                    s.add(row)
                    s.flush()
                    return Claim(row.id, 1, None)
            except IntegrityError:
                pass
        with self.db.session() as s, s.begin():
            row = s.scalar(select(DigestPostRow).where(DigestPostRow.channel == channel, DigestPostRow.digest_key == key))
            if row is None:  # the other claimant rolled back; try again next time
                return Refusal("busy")
            if row.status in DONE:
                return Refusal("done", row.message_ts)
            claimed_at = row.claimed_at if row.claimed_at.tzinfo else row.claimed_at.replace(tzinfo=UTC)
            if row.status == "claimed" and now - claimed_at < self.stale_after:
                return Refusal("busy")
            if row.attempts >= self.max_attempts:
                return Refusal("failed", error=f"gave up after {row.attempts} attempts: {row.error}")
            # take over a failed (or abandoned) attempt, unless another process just did
            taken = s.execute(
                update(DigestPostRow)
                .where(DigestPostRow.id == row.id, DigestPostRow.attempts == row.attempts, DigestPostRow.status == row.status)
                .values(status="claimed", claimed_by=by, claimed_at=now, attempts=row.attempts + 1)
            ).rowcount
            if not taken:
                return Refusal("busy")
            return Claim(row.id, row.attempts + 1, row.payload)

    def save(self, claim: Claim, payload: dict) -> None:
        """Record an attempt's progress (what is posted so far), so the next attempt resumes there."""
        with self.db.session() as s, s.begin():
            s.execute(update(DigestPostRow).where(DigestPostRow.id == claim.id).values(payload=payload))

    def finish(self, claim: Claim, status: PostStatus, payload: dict | None, *, ts: str | None = None, error: str | None = None) -> None:
        """End an attempt: sent, skipped or failed (a None payload keeps the one saved)."""
        values: dict = {"status": status, "error": error}
        if payload is not None:
            values |= {"payload": payload, "message_ts": ts or payload.get("ts")}
        with self.db.session() as s, s.begin():
            s.execute(update(DigestPostRow).where(DigestPostRow.id == claim.id).values(**values))

    def history(self, channel: str, limit: int = 1) -> list[DigestPost]:
        """The latest digest posts for a channel, newest first."""
        with self.db.session() as s:
            query = select(DigestPostRow).where(DigestPostRow.channel == channel).order_by(DigestPostRow.claimed_at.desc()).limit(limit)
            return [DigestPost(r.channel, r.digest_key, r.status, r.claimed_at, r.message_ts, r.error) for r in s.scalars(query)]
