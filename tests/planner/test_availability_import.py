"""Hosts' availability from .ics files: free slots, or busy time inverted within working hours."""

from __future__ import annotations

import io
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from planner.cli import main
from planner.model import Organisation
from planner.store import TourStore

FREE = """\
BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Host//Slots//EN
BEGIN:VFREEBUSY
UID:slots@host
DTSTAMP:20270101T000000Z
FREEBUSY;FBTYPE=FREE:20270511T080000Z/20270511T100000Z,20270512T120000Z/PT2H
END:VFREEBUSY
BEGIN:VEVENT
UID:open@host
DTSTAMP:20270101T000000Z
DTSTART;TZID=Europe/Berlin:20270513T140000
DTEND;TZID=Europe/Berlin:20270513T160000
SUMMARY:Open for visitors
TRANSP:TRANSPARENT
END:VEVENT
END:VCALENDAR
"""

BUSY = """\
BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Host//Busy//EN
BEGIN:VEVENT
UID:busy1@host
DTSTAMP:20270101T000000Z
DTSTART:20270511T090000
DTEND:20270511T170000
SUMMARY:Board meeting (floating time: the host's zone)
END:VEVENT
END:VCALENDAR
"""


def windows_of(path: Path, name: str) -> list[tuple[str, str]]:
    with TourStore.open(path) as store, store.transaction() as session:
        org = session.scalars(select(Organisation).where(Organisation.name == name)).one()
        berlin = ZoneInfo("Europe/Berlin")
        return [(f"{w.start.astimezone(berlin):%d %H:%M}", f"{w.end.astimezone(berlin):%H:%M}")
                for w in org.availability]


def test_free_slots_become_the_windows(demo_path: Path, tmp_path: Path) -> None:
    source = tmp_path / "slots.ics"
    source.write_text(FREE, encoding="utf-8")
    out = io.StringIO()
    assert main(["import-availability", str(demo_path), "celonis", str(source)], out=out) == 0
    assert "3 availability windows from free slots (replacing 1)" in out.getvalue()
    assert windows_of(demo_path, "Celonis") == [("11 10:00", "12:00"), ("12 14:00", "16:00"),
                                                ("13 14:00", "16:00")]


def test_busy_time_is_inverted_within_working_hours(demo_path: Path, tmp_path: Path) -> None:
    source = tmp_path / "busy.ics"
    source.write_text(BUSY, encoding="utf-8")
    out = io.StringIO()
    assert main(["import-availability", str(demo_path), "Celonis", str(source)], out=out) == 0
    windows = windows_of(demo_path, "Celonis")
    assert ("11 08:30", "09:00") in windows and ("11 17:00", "19:00") in windows
    assert ("10 08:30", "19:00") in windows  # a day without busy time: the whole working day
    assert len(windows) == 9  # 8 weekdays in the tour, Tuesday split in two


def test_a_bad_file_changes_nothing(demo_path: Path, tmp_path: Path) -> None:
    source = tmp_path / "bad.ics"
    source.write_text("this is not a calendar", encoding="utf-8")
    before = windows_of(demo_path, "Celonis")
    assert main(["import-availability", str(demo_path), "Celonis", str(source)],
                out=io.StringIO()) == 2
    assert windows_of(demo_path, "Celonis") == before


@pytest.mark.parametrize(("content", "message"), [
    (None, "a folder, not an iCalendar file"),
    (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:x\r\nSUMMARY:no start\r\n"
     b"END:VEVENT\r\nEND:VCALENDAR\r\n", "an event or free/busy entry cannot be read"),
])
def test_an_unreadable_calendar_is_refused_from_the_command_line(
        demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        content: bytes | None, message: str) -> None:
    target = tmp_path / "slots.ics"
    if content is None:
        target.mkdir()
    else:
        target.write_bytes(content)
    assert main(["import-availability", str(demo_path), "Celonis", str(target)]) == 2
    error = capsys.readouterr().err
    assert message in error and "Traceback" not in error and error.count("\n") == 1
