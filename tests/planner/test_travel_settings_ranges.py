"""Settings and calendars that once broke later commands: out-of-range travel settings are refused
(and a stored one is reported, not a crash); a recurring busy event blocks every occurrence."""

from __future__ import annotations

import io
import sqlite3
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from planner.cli import main
from planner.errors import InputError
from planner.model import Organisation
from planner.store import TourStore
from planner.travel import RANGES, Point, TravelModel, TravelSettings


def stored_settings(tour: Path) -> str:
    with sqlite3.connect(f"file:{tour}?mode=ro", uri=True) as connection:
        (value,) = connection.execute("SELECT travel_settings FROM tour").fetchone()
    connection.close()
    return str(value)


@pytest.mark.parametrize(("setting", "message"), [
    ("walk_speed_kmh=0", "walk_speed_kmh = 0.0 is out of range; it takes 1 to 8 km/h"),
    ("rail_speed_kmh=-5", "rail_speed_kmh = -5.0 is out of range; it takes 1 to 350 km/h"),
    ("flight_speed_kmh=1e999", "flight_speed_kmh = inf is out of range; it takes 100 to 1000"),
    ("road_detour=0.5", "road_detour = 0.5 is out of range; it takes 1 to 3 × the straight"),
    ("max_meetings_per_day=0", "max_meetings_per_day = 0 is out of range; it takes 1 to 20"),
    ("confirm_days=99999999999999999999999", "confirm_days = 99999999999999999999999 is out"),
    ("lunch_min=NaN", "lunch_min = nan is out of range; it takes 0 to 180 min"),
    ("earliest_departure=25:00", "earliest_departure = '25:00': expected a time of day"),
    ("lunch_window=14:30-11:30", "lunch_window = '14:30-11:30': expected two times of day"),
    ("city_mode=bicycle", "city_mode must be 'taxi' or 'transit'"),
])
def test_an_out_of_range_setting_is_refused_and_changes_nothing(
        demo_path: Path, capsys: pytest.CaptureFixture[str], setting: str, message: str) -> None:
    before = stored_settings(demo_path)
    assert main(["travel-settings", str(demo_path), setting], out=io.StringIO()) == 2
    error = capsys.readouterr().err
    assert message in error and error.count("\n") == 1 and "Traceback" not in error
    assert stored_settings(demo_path) == before


def test_the_ends_of_every_range_are_accepted_and_estimate() -> None:
    trips = [(Point(48.14, 11.58), Point(48.15, 11.59)), (Point(48.14, 11.58), Point(52.52, 13.4)),
             (Point(55.68, 12.57), Point(59.33, 18.07)), (Point(54.19, 12.08), Point(55.5, 12.1))]
    for end in ("low", "high"):
        settings = TravelSettings.from_json({name: getattr(allowed, end)
                                             for name, allowed in RANGES.items()})
        for sea_km in (0.0, 300.0):  # land all the way, or open sea between
            model = TravelModel(settings, sea_share=lambda *_, km=sea_km: (100.0, km))
            for start, destination in trips:
                assert model.estimate(start, destination).minutes >= 0


def test_every_numeric_setting_has_a_range_and_the_defaults_are_in_it() -> None:
    defaults = TravelSettings()
    numeric = {name for name, value in vars(defaults).items()
               if isinstance(value, int | float) and not isinstance(value, bool)}
    assert numeric == set(RANGES) == set(TravelSettings.ranges)
    assert all(getattr(defaults, name) in RANGES[name] for name in RANGES)


@pytest.mark.parametrize("stored", ['{"walk_speed_kmh": 0}', '{"lunch_window": "noon"}',
                                    '{"warp_speed": 9}'])
@pytest.mark.parametrize("command", [["check"], ["plan"], ["export-pdf", "--kind", "agenda"]])
def test_a_damaged_stored_setting_is_reported_not_a_crash(
        demo_path: Path, capsys: pytest.CaptureFixture[str], stored: str,
        command: list[str]) -> None:
    with sqlite3.connect(demo_path) as connection:  # as an old or damaged tour holds it
        connection.execute("UPDATE tour SET travel_settings = ?", (stored,))
    connection.close()
    argv = [command[0], str(demo_path), *command[1:]]
    if command[0] == "export-pdf":
        argv.insert(2, str(demo_path.with_suffix(".pdf")))
    assert main(argv, out=io.StringIO()) == 2
    error = capsys.readouterr().err
    assert error.startswith("ecovisit: error: travel settings: ") and error.count("\n") == 1


def test_from_json_refuses_what_the_store_could_hold() -> None:
    with pytest.raises(InputError, match=r"walk_max_km = -1\.0 is out of range"):
        TravelSettings.from_json({"walk_max_km": -1})
    with pytest.raises(InputError, match="expected NAME: VALUE pairs"):
        TravelSettings.from_json([("walk_max_km", 1)])  # type: ignore[arg-type]


WEEKLY = """\
BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Host//Busy//EN
BEGIN:VEVENT
UID:weekly@host
DTSTAMP:20270101T000000Z
DTSTART;TZID=Europe/Berlin:20270406T090000
DTEND;TZID=Europe/Berlin:20270406T170000
RRULE:FREQ=WEEKLY;BYDAY=TU
SUMMARY:Board day, every Tuesday
END:VEVENT
{extra}END:VCALENDAR
"""


def tuesdays(tour: Path) -> dict[str, list[str]]:
    """The host's windows on the tour's two Tuesdays (11 and 18 May), Berlin time."""
    berlin = ZoneInfo("Europe/Berlin")
    with TourStore.open(tour) as store, store.transaction() as session:
        org = session.scalars(select(Organisation).where(Organisation.name == "Celonis")).one()
        found: dict[str, list[str]] = {"11": [], "18": []}
        for window in org.availability:
            start, end = window.start.astimezone(berlin), window.end.astimezone(berlin)
            if f"{start:%d}" in found:
                found[f"{start:%d}"].append(f"{start:%H:%M}-{end:%H:%M}")
        return found


@pytest.mark.parametrize(("extra", "expected"), [
    ("", {"11": ["08:30-09:00", "17:00-19:00"], "18": ["08:30-09:00", "17:00-19:00"]}),
    # a moved occurrence (RECURRENCE-ID) and an extra date (RDATE) on another series
    ("BEGIN:VEVENT\nUID:weekly@host\nDTSTAMP:20270101T000000Z\n"
     "RECURRENCE-ID;TZID=Europe/Berlin:20270518T090000\n"
     "DTSTART;TZID=Europe/Berlin:20270518T130000\nDTEND;TZID=Europe/Berlin:20270518T140000\n"
     "END:VEVENT\n",
     {"11": ["08:30-09:00", "17:00-19:00"], "18": ["08:30-13:00", "14:00-19:00"]}),
])
def test_a_recurring_busy_event_blocks_every_occurrence_within_the_tour(
        demo_path: Path, tmp_path: Path, extra: str, expected: dict[str, list[str]]) -> None:
    source = tmp_path / "busy.ics"
    source.write_text(WEEKLY.format(extra=extra), encoding="utf-8")
    assert main(["import-availability", str(demo_path), "Celonis", str(source)],
                out=io.StringIO()) == 0
    assert tuesdays(demo_path) == expected


def test_an_excluded_occurrence_is_free(demo_path: Path, tmp_path: Path) -> None:
    source = tmp_path / "busy.ics"
    source.write_text(WEEKLY.format(extra="").replace(
        "RRULE:FREQ=WEEKLY;BYDAY=TU\n",
        "RRULE:FREQ=WEEKLY;BYDAY=TU\nEXDATE;TZID=Europe/Berlin:20270511T090000\n"),
        encoding="utf-8")
    assert main(["import-availability", str(demo_path), "Celonis", str(source)],
                out=io.StringIO()) == 0
    assert tuesdays(demo_path) == {"11": ["08:30-19:00"], "18": ["08:30-09:00", "17:00-19:00"]}


@pytest.mark.parametrize(("line", "message"), [
    ("RRULE:FREQ=MINUTELY", "a busy time repeats daily at the most often"),
    ("RDATE:99991231T000000Z", "RDATE: 9999-12-31 00:00 is outside the years 2000..2100"),
    ("DURATION:soon", "DURATION"),
])
def test_a_rule_or_date_beyond_reason_is_refused_before_anything_is_written(
        demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], line: str,
        message: str) -> None:
    source = tmp_path / "busy.ics"
    text = WEEKLY.format(extra="").replace("RRULE:FREQ=WEEKLY;BYDAY=TU\n", line + "\n")
    if line.startswith("DURATION"):
        text = text.replace("DTEND;TZID=Europe/Berlin:20270406T170000\n", "")
    source.write_text(text, encoding="utf-8")
    before = tuesdays(demo_path)
    assert main(["import-availability", str(demo_path), "Celonis", str(source)],
                out=io.StringIO()) == 2
    error = capsys.readouterr().err
    assert message in error and error.count("\n") == 1 and "'weekly@host'" in error
    assert tuesdays(demo_path) == before


def test_a_free_period_ending_in_year_9999_is_refused_and_export_still_works(
        demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "free.ics"
    source.write_text("BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:x\nBEGIN:VFREEBUSY\nUID:f\n"
                      "DTSTAMP:20270101T000000Z\n"
                      "FREEBUSY;FBTYPE=FREE:20270511T080000Z/99991231T235959Z\n"
                      "END:VFREEBUSY\nEND:VCALENDAR\n", encoding="utf-8")
    before = tuesdays(demo_path)
    assert main(["import-availability", str(demo_path), "Celonis", str(source)],
                out=io.StringIO()) == 2
    assert "9999-12-31 23:59 is outside the years 2000..2100" in capsys.readouterr().err
    assert tuesdays(demo_path) == before
    assert main(["export-json", str(demo_path), str(tmp_path / "t.json")],
                out=io.StringIO()) == 0


def test_a_damaged_stored_setting_can_be_set_right_from_the_command_line(
        demo_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with sqlite3.connect(demo_path) as connection:  # as an old or damaged tour holds it
        connection.execute("UPDATE tour SET travel_settings = ?", ('{"walk_speed_kmh": 0}',))
    connection.close()
    assert main(["check", str(demo_path)], out=io.StringIO()) == 2
    capsys.readouterr()
    assert main(["travel-settings", str(demo_path), "walk_speed_kmh=4.5"],
                out=io.StringIO()) == 0
    assert '"walk_speed_kmh": 4.5' in stored_settings(demo_path)
    assert main(["check", str(demo_path)], out=io.StringIO()) in (0, 1)
    # a value out of range given here is still refused, and the tour keeps what it had
    assert main(["travel-settings", str(demo_path), "walk_speed_kmh=0"],
                out=io.StringIO()) == 2
    assert '"walk_speed_kmh": 4.5' in stored_settings(demo_path)
