"""The CalDAV servers the publishing tests run against (Radicale and Xandikos), one of each per
test module (:func:`caldav_server` in ``tests/planner/conftest.py``), each test in collections of
its own."""

from __future__ import annotations

import contextlib
import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import caldav
from icalendar import Calendar

from tests.radicale_server import radicale_server
from tests.xandikos_server import xandikos_server

SERVERS: dict[str, Callable[[Path], contextlib.AbstractContextManager[str]]] = {
    "radicale": radicale_server, "xandikos": xandikos_server}
#: Radicale takes any user name and password without authentication; Xandikos ignores them.
USER = "coordinator"


@dataclass
class CalDavServer:
    """A running server: its base URL, and new calendar collections made on it (MKCALENDAR)."""

    name: str
    base: str
    numbers: Iterator[int] = field(default_factory=itertools.count)

    def client(self) -> Any:
        return caldav.DAVClient(url=self.base, username=USER, password="any")

    def new_collection(self, title: str) -> str:
        """A new, empty calendar collection titled *title*; its URL."""
        with self.client() as client:
            made = client.principal().make_calendar(name=title,
                                                    cal_id=f"c{next(self.numbers)}")
            return str(made.url)


@contextlib.contextmanager
def running(name: str, storage: Path) -> Iterator[CalDavServer]:
    with SERVERS[name](storage) as base:
        yield CalDavServer(name, base)


def read_collection(url: str) -> dict[str, Any]:
    """The collection's events by UID, fetched with the caldav library (a calendar-query
    REPORT) and read from the bytes the server sent (the library's own reading drops trailing
    spaces, among other "fixes"); AssertionError if a UID is held by two resources."""
    with caldav.DAVClient(url=url, username=USER, password="any") as client:
        resources = client.calendar(url=url).events()
    events = [next(c for c in Calendar.from_ical(r.raw_data).subcomponents if c.name == "VEVENT")
              for r in resources]
    found = {str(event["UID"]): event for event in events}
    assert len(found) == len(resources), "a UID is held by two resources"
    return found
