"""Publishing to a real CalDAV server (Radicale on 127.0.0.1)."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import caldav
import pytest
from sqlalchemy import select

from planner.cli import main
from planner.model import AgendaItem, ItemStatus
from planner.store import TourStore
from tests.radicale_server import radicale_server


@pytest.fixture
def calendar_url(tmp_path: Path) -> Iterator[str]:
    with radicale_server(tmp_path / "radicale") as base:
        client = caldav.DAVClient(url=base, username="coordinator", password="any")
        calendar = client.principal().make_calendar(name="Tour", cal_id="tour")
        yield str(calendar.url)


def publish(tour: Path, url: str, monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:
    monkeypatch.setenv("ECOVISIT_TEST_PASSWORD", "not-a-secret")
    out = io.StringIO()
    assert main(["publish", str(tour), url, "--user", "coordinator", "--password-env",
                 "ECOVISIT_TEST_PASSWORD", "--json"], out=out) == 0
    return json.loads(out.getvalue())


def server_events(url: str) -> dict[str, object]:
    client = caldav.DAVClient(url=url, username="coordinator", password="any")
    events = client.calendar(url=url).events()
    found = {}
    for event in events:
        component = event.icalendar_component
        found[str(component["UID"])] = component
    assert len(found) == len(events)  # no UID twice
    return found


def test_publish_update_cancel_and_publish_again(demo_path: Path, calendar_url: str,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    first = publish(demo_path, calendar_url, monkeypatch)
    assert len(first["created"]) == 30 and first["updated"] == [] and first["removed"] == []
    with TourStore.open(demo_path) as store, store.transaction() as session:
        moved = session.scalars(select(AgendaItem).where(
            AgendaItem.title.startswith("Process mining"))).one()
        moved.start += timedelta(minutes=45)
        moved.end += timedelta(minutes=45)
        cancelled = session.scalars(select(AgendaItem).where(
            AgendaItem.title.startswith("Pitch session"))).one()
        cancelled.status = ItemStatus.CANCELLED
        moved_uid, moved_start = moved.uid, moved.start
        cancelled_uid = cancelled.uid
    second = publish(demo_path, calendar_url, monkeypatch)
    assert second["created"] == []
    # BMW's description names the next item, which moved: it is updated too.
    assert set(second["updated"]) == {"Process mining for manufacturing",
                                      "BMW Startup Garage and the software-defined vehicle"}
    assert second["removed"] == ["Pitch session: Munich mobility startups"]
    assert len(second["unchanged"]) == 27
    events = server_events(calendar_url)
    assert len(events) == 29 and cancelled_uid not in events
    assert events[moved_uid].decoded("DTSTART") == moved_start
    third = publish(demo_path, calendar_url, monkeypatch)  # a rerun changes nothing
    assert third["created"] == third["updated"] == third["removed"] == []


def test_an_unreachable_server_is_reported_and_the_tour_is_untouched(
        demo_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = demo_path.read_bytes()
    assert main(["publish", str(demo_path), "http://127.0.0.1:9/cal/"], out=io.StringIO()) == 1
    err = capsys.readouterr().err
    assert "could not be used" in err and "Traceback" not in err
    assert demo_path.read_bytes() == before


def test_the_password_is_never_taken_from_the_command_line(
        demo_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_SUCH_VARIABLE", raising=False)
    assert main(["publish", str(demo_path), "http://127.0.0.1:9/cal/", "--user", "me",
                 "--password-env", "NO_SUCH_VARIABLE"], out=io.StringIO()) == 2
    assert "NO_SUCH_VARIABLE" in capsys.readouterr().err
    # no --password option, and no abbreviation of --password-env either:
    assert main(["publish", str(demo_path), "http://x/", "--password", "secret"]) == 2
    assert "unrecognized arguments: --password secret" in capsys.readouterr().err
