"""Publishing to a real CalDAV server (Radicale and Xandikos on 127.0.0.1); the collections
per traveller, after every kind of change, are in test_caldav_collections.py."""

from __future__ import annotations

import io
import json
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from planner.cli import main
from planner.model import AgendaItem, ItemStatus
from planner.store import TourStore
from tests.caldav_servers import CalDavServer, read_collection


def publish(tour: Path, url: str, monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:
    monkeypatch.setenv("ECOVISIT_TEST_PASSWORD", "not-a-secret")
    # requests is no dependency of Ecovisit (Radicale brings it into the tests): publishing
    # imported it, and failed where it was not installed
    monkeypatch.setitem(sys.modules, "requests", None)
    out = io.StringIO()
    assert main(["publish", str(tour), url, "--user", "coordinator", "--password-env",
                 "ECOVISIT_TEST_PASSWORD", "--json"], out=out) == 0
    return json.loads(out.getvalue())


def test_publish_update_cancel_and_publish_again(demo_path: Path, caldav_server: CalDavServer,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    calendar_url = caldav_server.new_collection("Tour")
    first = publish(demo_path, calendar_url, monkeypatch)
    # every item but the one idea (ideas are the coordinator's until asked for)
    assert len(first["created"]) == 29 and first["updated"] == [] and first["removed"] == []
    assert "Pitch session: Munich mobility startups" not in first["created"]
    before = read_collection(calendar_url)
    with TourStore.open(demo_path) as store, store.transaction() as session:
        moved = session.scalars(select(AgendaItem).where(
            AgendaItem.title.startswith("Process mining"))).one()
        moved.start += timedelta(minutes=45)
        moved.end += timedelta(minutes=45)
        cancelled = session.scalars(select(AgendaItem).where(
            AgendaItem.title.startswith("Design thinking"))).one()
        cancelled.status = ItemStatus.CANCELLED
        moved_uid, moved_start = moved.uid, moved.start
        cancelled_uid = cancelled.uid
    second = publish(demo_path, calendar_url, monkeypatch)
    assert second["created"] == []
    # BMW's description names the next item, which moved: it is updated too (and so may be
    # other items of the day, whose SEQUENCE the tour raised for what the next item became).
    assert {"Process mining for manufacturing",
            "BMW Startup Garage and the software-defined vehicle"} <= set(second["updated"])
    assert second["removed"] == ["Design thinking for executives"]
    assert len(second["updated"]) + len(second["unchanged"]) == 28
    events = read_collection(calendar_url)
    assert len(events) == 28 and cancelled_uid not in events
    assert events[moved_uid].decoded("DTSTART") == moved_start
    for uid, event in events.items():  # an updated event carries a higher SEQUENCE
        raised = event.decoded("SEQUENCE") > before[uid].decoded("SEQUENCE")
        assert raised == (str(event["SUMMARY"]) in second["updated"]), event["SUMMARY"]
    third = publish(demo_path, calendar_url, monkeypatch)  # a rerun changes nothing
    assert third["created"] == third["updated"] == third["removed"] == []
    assert len(third["unchanged"]) == 28


def test_a_new_reminder_reaches_every_event(demo_path: Path, caldav_server: CalDavServer,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """The alarms are part of what an event shows: published again without a reminder, every
    event is rewritten without its VALARM (before, only the event's own properties were compared
    and the old reminders stayed on the server)."""
    calendar_url = caldav_server.new_collection("Tour")
    publish(demo_path, calendar_url, monkeypatch)
    assert all(e.walk("VALARM") for e in read_collection(calendar_url).values())
    out = io.StringIO()
    assert main(["publish", str(demo_path), calendar_url, "--alarm", "0", "--json"], out=out) == 0
    assert len(json.loads(out.getvalue())["updated"]) == 29
    assert not any(e.walk("VALARM") for e in read_collection(calendar_url).values())


def test_an_address_that_names_no_calendar_is_refused_before_anything_is_written(
        demo_path: Path, caldav_server: CalDavServer,
        capsys: pytest.CaptureFixture[str]) -> None:
    calendar_url = caldav_server.new_collection("Tour")
    home = calendar_url.rstrip("/").rsplit("/", 1)[0] + "/"  # the user's calendars' home
    missing = home + "no-such-calendar/"
    assert main(["publish", str(demo_path), missing], out=io.StringIO()) == 1
    assert capsys.readouterr().err == (f"ecovisit: error: {missing}: the server has no calendar "
                                       "at this address (not found); nothing was published\n")
    for elsewhere in (home, caldav_server.base):
        assert main(["publish", str(demo_path), elsewhere], out=io.StringIO()) == 1
        assert f"{elsewhere}: this is not a calendar on the server" in capsys.readouterr().err
    assert read_collection(calendar_url) == {}


def test_an_unreachable_server_is_reported_and_the_tour_is_untouched(
        demo_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "requests", None)  # see publish()
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
