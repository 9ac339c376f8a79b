"""Shared fixtures. GUI tests run headless: the offscreen Qt platform is set before Qt loads."""

from __future__ import annotations

import itertools
import os
import shutil
import tempfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# One cache folder for the whole run (and the commands it starts): the gazetteer index is built
# once, and the user's own cache is never touched.
os.environ["ECOVISIT_CACHE_DIR"] = tempfile.mkdtemp(prefix="ecovisit-test-cache-")

import psycopg
from sqlalchemy import make_url

from planner.demo import write_demo
from planner.store import TourStore
from tests.postgres import postgres_server

#: A fixed Monday, so that the demo's dates are the same in every run.
DEMO_START = date(2027, 5, 10)
#: A demo start whose ten days hold no public holiday anywhere on the route.
CLEAN_START = date(2027, 6, 7)


@pytest.fixture(autouse=True)
def _private_data_dir(tmp_path_factory: pytest.TempPathFactory,
                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Never touch the real user's data folder."""
    monkeypatch.setenv("ECOVISIT_DATA_DIR", str(tmp_path_factory.mktemp("data")))


def _master(factory: pytest.TempPathFactory, start: date) -> Path:
    path = factory.mktemp("master") / "demo.ecovisit"
    write_demo(path, start)
    return path


def _copy(master: Path, folder: Path, name: str) -> Path:
    path = folder / name
    shutil.copyfile(master, path)
    return path


@pytest.fixture(scope="session")
def demo_master(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo tour, written once per session; tests get copies (see ``demo_path``)."""
    return _master(tmp_path_factory, DEMO_START)


@pytest.fixture
def demo_path(demo_master: Path, tmp_path: Path) -> Path:
    """A private copy of the demo tour file that the test may change."""
    return _copy(demo_master, tmp_path, "demo.ecovisit")


@pytest.fixture(scope="session")
def clean_master(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo tour on holiday-free dates, written once per session."""
    return _master(tmp_path_factory, CLEAN_START)


@pytest.fixture
def clean_demo(clean_master: Path, tmp_path: Path) -> Path:
    """A private copy of the holiday-free demo tour that the test may change."""
    return _copy(clean_master, tmp_path, "clean-demo.ecovisit")


@pytest.fixture
def demo_store(demo_path: Path) -> Iterator[TourStore]:
    """The demo tour, open."""
    store = TourStore.open(demo_path)
    yield store
    store.close()


@pytest.fixture(scope="session")
def postgres_admin_url() -> Iterator[str]:
    """A real PostgreSQL server on loopback for this test session."""
    with postgres_server() as url:
        yield url


@pytest.fixture
def postgres_url(postgres_admin_url: str) -> Iterator[str]:
    """The URL of a new, empty database on the test server (dropped afterwards)."""
    name = f"tour_{os.getpid()}_{next(_database_numbers)}"
    admin = make_url(postgres_admin_url)
    dsn = admin.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(dsn, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    yield admin.set(database=name).render_as_string(hide_password=False)
    with psycopg.connect(dsn, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


_database_numbers = itertools.count()
