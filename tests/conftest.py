"""Shared test helpers: small corpora written in the tests, the seeds, a database per test."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from briefings.store import Database

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


@pytest.fixture
def db(tmp_path: Path) -> Database:
    database = Database(f"sqlite:///{tmp_path / 'test.db'}")
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
