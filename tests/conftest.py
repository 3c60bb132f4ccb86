"""Shared test helpers: small corpora written in the tests, the seeds, a database per test on each engine."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from briefings.store import Database
from tests.engines import ENGINES, drop_database, new_database_url, require

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def write_corpus(folder: Path, articles: dict[str, str | bytes]) -> Path:
    """Write articles (file name -> text or bytes) into a folder and return it."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in articles.items():
        path = folder / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return folder


@pytest.fixture(params=ENGINES)
def engine(request: pytest.FixtureRequest) -> str:
    """Each database test runs on SQLite and on PostgreSQL (see tests/engines.py)."""
    require(request.param)
    return request.param


@pytest.fixture
def database_url_on(engine: str, tmp_path: Path) -> Iterator[str]:
    """The URL of a new empty database on the test's engine."""
    url = new_database_url(engine, tmp_path)
    yield url
    drop_database(url)


@pytest.fixture
def db(database_url_on: str) -> Iterator[Database]:
    """A new database with the newest schema, on each engine."""
    database = Database(database_url_on)
    yield database
    database.close()


@pytest.fixture
def seeds_copy(tmp_path: Path) -> Path:
    """A private copy of the seeds, safe to change."""
    target = tmp_path / "corpus"
    shutil.copytree(SEEDS, target)
    return target


@pytest.fixture
def site():
    """A loopback web server with pages and feeds written in the test (see tests/webserver.py)."""
    from tests.webserver import Site, serve

    served = Site()
    server, thread = serve(served)
    yield served
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)
