"""A real calendar client (khal) imports our .ics in Tokyo and shows the right local times."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from planner.cli import main
from planner.model import AgendaItem, ItemStatus, ItemTombstone
from planner.store import TourStore, create_tour_file
from planner.tourdoc import import_document
from tests.ics_tours import clock_change_tour

KHAL = shutil.which("khal")
pytestmark = pytest.mark.skipif(KHAL is None, reason="khal is not installed (.ci/run installs it)")

CONFIG = """\
[calendars]
[[tour]]
path = {calendar}
type = calendar

[locale]
local_timezone = Asia/Tokyo
default_timezone = Asia/Tokyo
timeformat = %H:%M
dateformat = %Y-%m-%d
longdateformat = %Y-%m-%d
datetimeformat = %Y-%m-%d %H:%M
longdatetimeformat = %Y-%m-%d %H:%M

[default]
default_calendar = tour
"""


def khal_events(ics: Path, folder: Path, first: str, last: str) -> list[tuple[str, str]]:
    """(start 'YYYY-MM-DD HH:MM' in Tokyo, title) of every event khal lists."""
    calendar = folder / "calendar"
    calendar.mkdir()
    config = folder / "khal.conf"
    config.write_text(CONFIG.format(calendar=calendar))
    env = {**os.environ, "XDG_DATA_HOME": str(folder / "data"), "TZ": "Asia/Tokyo"}
    assert KHAL is not None
    subprocess.run([KHAL, "-c", str(config), "import", "--batch", "-a", "tour", str(ics)],
                   check=True, capture_output=True, env=env, timeout=120)
    listing = subprocess.run(
        [KHAL, "-c", str(config), "list", "--day-format", "", "--format", "{start}|{title}",
         first, last], check=True, capture_output=True, text=True, env=env, timeout=120)
    events = set()
    for line in listing.stdout.splitlines():
        if "|" in line:
            start, title = line.split("|", 1)
            events.add((start.strip(), title.strip()))
    return sorted(events)


def test_khal_shows_the_demo_at_the_right_tokyo_times(demo_path: Path, tmp_path: Path) -> None:
    ics = tmp_path / "tour.ics"
    assert main(["export-ics", str(demo_path), str(ics)], out=io.StringIO()) == 0
    tokyo = ZoneInfo("Asia/Tokyo")
    with TourStore.open(demo_path) as store, store.transaction() as session:
        expected = sorted({(f"{i.start.astimezone(tokyo):%Y-%m-%d %H:%M}", i.title)
                           for i in session.scalars(select(AgendaItem))
                           if i.status is not ItemStatus.IDEA})  # ideas: only when asked for
    shown = khal_events(ics, tmp_path, "2027-05-09", "2027-05-22")
    assert shown == expected


def test_a_berlin_meeting_at_ten_is_six_pm_in_winter_and_five_pm_in_summer(
        tmp_path: Path) -> None:
    document = {"format": "ecovisit-tour", "version": 1,
                "tour": {"title": "Seasons", "start_date": "2027-01-18", "end_date": "2027-07-20"},
                "places": [{"id": 1, "name": "Office", "latitude": 52.5, "longitude": 13.4,
                            "zone": "Europe/Berlin"}],
                "items": [{"id": n, "uid": f"{name}@test", "title": name, "place": 1,
                           "status": "confirmed",
                           "zone": "Europe/Berlin", "start": f"{day}T10:00:00{offset}",
                           "end": f"{day}T11:00:00{offset}"}
                          for n, (name, day, offset) in enumerate(
                              [("Winter", "2027-01-19", "+01:00"),
                               ("Summer", "2027-07-13", "+02:00")], start=1)]}
    tour = tmp_path / "seasons.ecovisit"
    create_tour_file(tour, lambda s: import_document(document, s))
    ics = tmp_path / "seasons.ics"
    assert main(["export-ics", str(tour), str(ics)], out=io.StringIO()) == 0
    shown = khal_events(ics, tmp_path, "2027-01-01", "2027-12-31")
    # computed from the zone rules, not written down by hand:
    expected = [(f"{datetime(2027, m, d, 10, tzinfo=ZoneInfo('Europe/Berlin')).astimezone(ZoneInfo('Asia/Tokyo')):%Y-%m-%d %H:%M}", t)
                for m, d, t in ((1, 19, "Winter"), (7, 13, "Summer"))]
    assert shown == sorted(expected)
    assert [s[0][-5:] for s in sorted(shown, key=lambda s: s[1])] == ["17:00", "18:00"]


def test_khal_shows_both_0230s_of_the_autumn_night_an_hour_apart(tmp_path: Path) -> None:
    """The tour across Berlin's clock changes (tests/ics_tours.py): every event, cancelled and
    deleted ones too, at its own instant in Tokyo; the repeated hour is written in UTC."""
    tour = tmp_path / "clocks.ecovisit"
    clock_change_tour(tour)
    ics = tmp_path / "clocks.ics"
    assert main(["export-ics", str(tour), str(ics), "--include-ideas"], out=io.StringIO()) == 0
    tokyo = ZoneInfo("Asia/Tokyo")
    with TourStore.open(tour) as store, store.transaction() as session:
        expected = sorted({(f"{i.start.astimezone(tokyo):%Y-%m-%d %H:%M}", i.title)
                           for i in [*session.scalars(select(AgendaItem)),
                                     *session.scalars(select(ItemTombstone))]})
    shown = khal_events(ics, tmp_path, "2027-03-01", "2027-11-30")
    assert shown == expected
    assert ("2027-10-31 09:30", "First 02:30 (summer time)") in shown
    assert ("2027-10-31 10:30", "Second 02:30 (winter time)") in shown
