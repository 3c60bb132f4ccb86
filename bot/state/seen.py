"""Events already answered: Slack retries an event and sends one mention twice; the bot answers each once."""

from __future__ import annotations

import secrets
import threading
import time
from collections import OrderedDict
from datetime import timedelta

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from bot.state.tables import SeenEventRow
from briefings.store import Database, utcnow


class SeenEventLog:
    """The database's record of answered events, shared by every replica (table `seen_events`)."""

    def __init__(self, db: Database, *, keep: timedelta = timedelta(days=1)) -> None:
        self.db = db
        self.keep = keep

    def first_time(self, keys: list[str]) -> bool:
        """Record event keys; True only if none was recorded before (by this process or another)."""
        with self.db.session() as s:
            try:
                with s.begin():
                    if s.scalar(select(SeenEventRow.key).where(SeenEventRow.key.in_(keys)).limit(1)) is not None:
                        return False
                    s.add_all(SeenEventRow(key=k) for k in keys)
            except IntegrityError:
                return False  # another replica took it between our read and our write
        if secrets.randbelow(200) == 0:  # now and then, forget what Slack will no longer retry
            with self.db.session() as s, s.begin():
                s.execute(delete(SeenEventRow).where(SeenEventRow.seen_at < utcnow() - self.keep))
        return True


class SeenEvents:
    """Remember event keys so a retried or doubled event is answered once, by one replica of many.

    A memory of recent keys answers the common case fast; the database log (when given) makes it
    hold across replicas and restarts.
    """

    def __init__(self, log: SeenEventLog | None = None, ttl_seconds: float = 3600, max_size: int = 50_000) -> None:
        self.log = log
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
        return self.log.first_time(keys_) if self.log is not None and keys_ else True
