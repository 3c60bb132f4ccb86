"""The bot under test: the real Bolt app on a waitress server, talking to the local workspace over loopback HTTP."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from bot.bootstrap import bootstrap
from bot.local.run import LocalBot
from bot.local.workspace import Workspace, serve_workspace
from bot.server import HttpServer
from bot.services import Services, build_services
from briefings.service import Briefings, build_briefings
from config.settings import Settings
from tests.conftest import SEEDS
from tests.engines import ENGINES, create_postgres_database, drop_postgres_database, require


class Clock:
    """A clock the test sets: `clock()` is now, `clock.set(...)` moves it."""

    def __init__(self, now: datetime | None = None) -> None:
        self.now = now or datetime(2023, 11, 9, 12, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def set(self, iso: str) -> None:
        self.now = datetime.fromisoformat(iso).astimezone(UTC)


@dataclass
class Bot:
    """One running bot: its workspace, services, server and clock."""

    ws: Workspace
    services: Services
    server: HttpServer
    clock: Clock
    settings: Settings

    @property
    def core(self) -> Briefings:
        return self.services.core


@pytest.fixture(scope="session")
def indexed_seeds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The seeds indexed once per session (NLP included): (corpus folder, database file) to copy from."""
    root = tmp_path_factory.mktemp("seeds-index")
    corpus = root / "corpus"
    shutil.copytree(SEEDS, corpus)
    db_file = root / "index.db"
    core = build_briefings(database_url=f"sqlite:///{db_file}", corpus_dir=corpus)
    core.index()
    core.db.close()
    return corpus, db_file


@pytest.fixture(scope="session")
def postgres_seeds(indexed_seeds: tuple[Path, Path]) -> Iterator[str]:
    """The seeds indexed once per session into a PostgreSQL database, the template of each test's copy."""
    require("postgresql")
    url = create_postgres_database()
    core = build_briefings(database_url=url, corpus_dir=indexed_seeds[0])
    core.index()
    core.db.close()
    yield make_url(url).database
    drop_postgres_database(url)


@pytest.fixture(params=ENGINES)
def database_url(request: pytest.FixtureRequest, indexed_seeds: tuple[Path, Path], tmp_path: Path) -> Iterator[str]:
    """A private copy of the indexed seeds' database, on each engine (a file copy, or a PostgreSQL template copy)."""
    require(request.param)
    if request.param == "sqlite":
        target = tmp_path / "bot.db"
        shutil.copy(indexed_seeds[1], target)
        yield f"sqlite:///{target}"
        return
    url = create_postgres_database(template=request.getfixturevalue("postgres_seeds"))
    yield url
    drop_postgres_database(url)


@pytest.fixture
def workspace() -> Iterator[Workspace]:
    """The local workspace served on loopback (the Web API fake and response_url host)."""
    ws = Workspace()
    server = serve_workspace(ws, page=False)
    yield ws
    server.stop()


def make_settings(ws: Workspace, database_url: str, corpus: Path, **extra: object) -> Settings:
    """Settings for a bot wired to the workspace, ignoring the environment and any .env file."""
    values = (
        ws.slack_variables()
        | {
            "BRIEFINGS_DATABASE_URL": database_url,
            "BRIEFINGS_CORPUS_DIR": str(corpus),
            "BRIEFINGS_RESCAN_MINUTES": 0,
        }
        | {
            name.upper() if name.upper().startswith(("SLACK_", "BRIEFINGS_")) else f"BRIEFINGS_{name.upper()}": value
            for name, value in extra.items()
        }
    )
    settings = Settings(_env_file=None, **values)
    assert settings.database_url == database_url  # never the developer's own database
    return settings


def start_bot(ws: Workspace, database_url: str, corpus: Path, clock: Clock | None = None, **extra: object) -> Bot:
    """Build and serve one bot instance on a free port; the workspace sends its events there."""
    clock = clock or Clock()
    settings = make_settings(ws, database_url, corpus, **extra)
    services = build_services(settings, now=clock, instance=f"test-{id(clock)}")
    running = bootstrap(settings, services=services, scheduler=False, wait=True)
    server = HttpServer(running.router(), "127.0.0.1", 0).start()
    ws.events_url = server.url + "/slack/events"
    return Bot(ws, running.services, server, clock, settings)


@pytest.fixture
def bot(workspace: Workspace, database_url: str, indexed_seeds: tuple[Path, Path]) -> Iterator[Bot]:
    """The bot on the indexed seeds, talking to the workspace."""
    running = start_bot(workspace, database_url, indexed_seeds[0])
    yield running
    running.server.close()
    running.core.db.close()


def local_settings(database_url: str, corpus: Path, **extra: object) -> Settings:
    """Settings without Slack tokens, ignoring the environment's .env file."""
    values = {"BRIEFINGS_DATABASE_URL": database_url, "BRIEFINGS_CORPUS_DIR": str(corpus), "BRIEFINGS_RESCAN_MINUTES": 0} | extra
    return Settings(_env_file=None, **values)


@pytest.fixture
def local(database_url: str, indexed_seeds: tuple[Path, Path]) -> Iterator[LocalBot]:
    bot = LocalBot(local_settings(database_url, indexed_seeds[0]), port=0, scheduler=False).start()
    bot.services.ready.wait(10)
    yield bot
    bot.stop()
    bot.services.core.db.close()
