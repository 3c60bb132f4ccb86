"""The database: articles and what is extracted from them, remote sources, the digest history.

The same database holds the bot's Slack state (subscriptions, digest posts, follows, alerts, seen events,
installations); its tables are the bot's (`bot/state/tables.py`), and Alembic's revisions create them all.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import (
    JSON,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    create_engine,
    event,
    select,
)
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker

from briefings.migrate import upgrade


def utcnow() -> datetime:
    """Now, timezone-aware UTC."""
    return datetime.now(UTC)


class Base(DeclarativeBase):
    """Declarative base for every table."""


class ArticleRow(Base):
    """One indexed article: its metadata, clean text and per-article extraction."""

    __tablename__ = "articles"

    id: Mapped[str] = mapped_column(String(16), primary_key=True)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True, index=True)
    file: Mapped[str] = mapped_column(String(500), unique=True)
    # Where it came from: a corpus `file`, a `feed` entry or a `url`, and that address; its canonical URL ('' if none).
    source_kind: Mapped[str] = mapped_column(String(10), default="file", server_default="file")
    source: Mapped[str] = mapped_column(String(1000), default="", server_default="")
    url: Mapped[str] = mapped_column(String(1000), default="", server_default="", index=True)
    headline: Mapped[str] = mapped_column(Text)
    headline_source: Mapped[str] = mapped_column(String(20), default="text")
    outlet: Mapped[str | None] = mapped_column(String(200))
    wire: Mapped[str | None] = mapped_column(String(200))
    site: Mapped[str | None] = mapped_column(String(200))
    authors: Mapped[list] = mapped_column(JSON, default=list)
    contributors: Mapped[list] = mapped_column(JSON, default=list)
    dateline_place: Mapped[str | None] = mapped_column(String(200))
    dateline_date: Mapped[str | None] = mapped_column(String(10))
    published_date: Mapped[str | None] = mapped_column(String(10), index=True)
    published_source: Mapped[str] = mapped_column(String(200), default="not stated")
    published_confidence: Mapped[str] = mapped_column(String(10), default="none")
    page_date: Mapped[str | None] = mapped_column(String(10))
    update_label: Mapped[str | None] = mapped_column(String(40))
    editor_notes: Mapped[list] = mapped_column(JSON, default=list)
    outlet_evidence: Mapped[list] = mapped_column(JSON, default=list)
    warnings: Mapped[list] = mapped_column(JSON, default=list)
    body: Mapped[list] = mapped_column(JSON, default=list)
    captions: Mapped[list] = mapped_column(JSON, default=list)
    summary: Mapped[list | None] = mapped_column(JSON)
    extraction: Mapped[dict | None] = mapped_column(JSON)
    extractor_version: Mapped[str | None] = mapped_column(String(40))
    indexed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class SourceRow(Base):
    """A remote source: a feed or a page from BRIEFINGS_FEEDS or `briefings add`, and how its last fetch went."""

    __tablename__ = "sources"

    url: Mapped[str] = mapped_column(String(1000), primary_key=True)
    origin: Mapped[str] = mapped_column(String(10), default="added")  # env | added
    kind: Mapped[str | None] = mapped_column(String(10))  # feed | page, once fetched
    title: Mapped[str | None] = mapped_column(String(500))
    added_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    last_fetch: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    status: Mapped[str] = mapped_column(String(20), default="never fetched")  # ok | not modified | error | never fetched
    error: Mapped[str | None] = mapped_column(Text)
    failures: Mapped[int] = mapped_column(Integer, default=0)


class FetchedRow(Base):
    """The last good copy of a fetched document, with its validators: a restart re-uses it instead of fetching again."""

    __tablename__ = "fetched"

    url: Mapped[str] = mapped_column(String(1000), primary_key=True)
    etag: Mapped[str | None] = mapped_column(String(500))
    last_modified: Mapped[str | None] = mapped_column(String(100))
    content_type: Mapped[str | None] = mapped_column(String(200))
    content: Mapped[bytes] = mapped_column(LargeBinary)
    fetched_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class PersonRow(Base):
    """A person resolved across articles (derived; rebuilt after each index run)."""

    __tablename__ = "people"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), index=True)
    data: Mapped[dict] = mapped_column(JSON)


class EventRow(Base):
    """An event resolved across articles (derived; rebuilt after each index run)."""

    __tablename__ = "events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(Text)
    date: Mapped[str | None] = mapped_column(String(10), index=True)
    data: Mapped[dict] = mapped_column(JSON)


class SnapshotRow(Base):
    """The lookup index of one generation of people and events, as one blob (briefings.snapshot)."""

    __tablename__ = "snapshots"

    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    generation: Mapped[str] = mapped_column(String(40))
    data: Mapped[bytes] = mapped_column(LargeBinary)
    made_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class DigestItemRow(Base):
    """An article that went out in a channel's digest: the per-channel history."""

    __tablename__ = "digest_items"
    __table_args__ = (UniqueConstraint("channel", "article_hash"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    channel: Mapped[str] = mapped_column(String(100), index=True)
    article_hash: Mapped[str] = mapped_column(String(64))
    digest_key: Mapped[str] = mapped_column(String(40))
    sent_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class MetaRow(Base):
    """Small key/value facts about the index (last indexed, versions)."""

    __tablename__ = "meta"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
    article_id: Mapped[str | None] = mapped_column(ForeignKey("articles.id", ondelete="SET NULL"))


class Database:
    """An engine and a session factory for one database URL; brings its schema to the newest revision on open."""

    def __init__(self, url: str, *, migrate: bool = True) -> None:
        self.url = url
        self.engine: Engine = make_engine(url)
        if migrate:
            upgrade(self.engine)  # Alembic owns the schema: briefings/migrations/
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)

    def session(self) -> Session:
        """A new session; use it as a context manager."""
        return self.sessions()

    def get_meta(self, key: str) -> str | None:
        """A value from the meta table."""
        with self.session() as s:
            row = s.get(MetaRow, key)
            return row.value if row else None

    def set_meta(self, key: str, value: str) -> None:
        """Store a value in the meta table (one statement: safe when replicas write the same key at once)."""
        with self.session() as s, s.begin():
            upsert(s, MetaRow, {"key": key, "value": value}, update=["value"])

    def articles(self) -> list[ArticleRow]:
        """Every article, oldest file name first."""
        with self.session() as s:
            return list(s.scalars(select(ArticleRow).order_by(ArticleRow.file)))

    def close(self) -> None:
        """Release the connections."""
        self.engine.dispose()


def make_engine(url: str) -> Engine:
    """A SQLAlchemy engine for a database URL (a SQLite file's folder is created; WAL and foreign keys on)."""
    if url.startswith("sqlite:///") and not url.startswith("sqlite:///:memory:"):
        Path(url.removeprefix("sqlite:///")).expanduser().parent.mkdir(parents=True, exist_ok=True)
    kwargs: dict = {}
    if url.startswith("sqlite"):
        kwargs["connect_args"] = {"check_same_thread": False, "timeout": 30}
    engine = create_engine(url, **kwargs)
    if url.startswith("sqlite"):
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def upsert(session: Session, model: type[Base], values: dict, *, update: list[str]) -> int:
    """INSERT a row, or on a primary-key conflict update the `update` columns (none: leave it); rows written.

    One statement (`ON CONFLICT`) on SQLite and PostgreSQL, so concurrent writers of one key
    never fail on the unique key the way a read-then-insert (`Session.merge`) does.
    """
    table = model.__table__
    dialect = session.get_bind().dialect.name
    if dialect not in ("sqlite", "postgresql"):
        raise NotImplementedError(f"upsert on {dialect}")
    insert = sqlite_insert if dialect == "sqlite" else postgresql_insert
    statement = insert(table).values(**values)
    keys = [c.name for c in table.primary_key.columns]
    if update:
        statement = statement.on_conflict_do_update(index_elements=keys, set_={c: statement.excluded[c] for c in update})
    else:
        statement = statement.on_conflict_do_nothing(index_elements=keys)
    return session.execute(statement).rowcount


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()
