"""Settings and calendars that once broke later commands: out-of-range travel settings are refused
(and a stored one is reported, not a crash); a recurring busy event blocks every occurrence."""

from __future__ import annotations

import io
import sqlite3
from pathlib import Path

import pytest

from planner.cli import main
from planner.errors import InputError
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
    numeric = {name for name, value in vars(defaults).items() if isinstance(value, int | float)}
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
