"""Fixtures of the planner tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.caldav_servers import SERVERS, CalDavServer, running


@pytest.fixture(scope="module", params=sorted(SERVERS))
def caldav_server(request: pytest.FixtureRequest,
                  tmp_path_factory: pytest.TempPathFactory) -> Iterator[CalDavServer]:
    """A real CalDAV server on 127.0.0.1 (each test using it runs against Radicale and against
    Xandikos), started once per test module; tests make collections of their own on it."""
    name = str(request.param)
    with running(name, tmp_path_factory.mktemp(name)) as server:
        yield server


@pytest.fixture
def calendar_url(caldav_server: CalDavServer) -> str:
    """A new, empty calendar collection on the module's CalDAV server."""
    return caldav_server.new_collection("Tour")
