"""A train or flight item's proposed length from its two places
(:func:`planner.journeys.proposed_ride`): the travel model's ride between them, for the kinds
that ride, with the tour's settings; nothing for the other kinds, a missing or the same place."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from sqlalchemy import select

from planner import edits
from planner.journeys import RIDE_MODES, proposed_ride, ride_mode
from planner.model import ItemKind, Place, PlaceKind
from planner.store import TourStore
from planner.travel import Point, TravelModel, TravelSettings


@dataclass(frozen=True)
class Spot:
    """A place as the item editor's catalogue reads it (plain columns, no record)."""

    name: str
    latitude: float
    longitude: float
    exact: bool = True
    kind: PlaceKind | str = PlaceKind.STATION


BERLIN = Spot("Berlin Hbf", 52.5251, 13.3694)
HAMBURG = Spot("Hamburg Hbf", 53.5530, 10.0069, kind="station")  # a kind as its text
BER = Spot("Berlin Brandenburg Airport", 52.3667, 13.5033, kind=PlaceKind.AIRPORT)
MUNICH = Spot("Munich Airport", 48.3538, 11.7861, kind=PlaceKind.AIRPORT)
SETTINGS = TravelSettings()


def test_a_train_is_the_rail_ride_of_the_travel_model() -> None:
    ride = proposed_ride(SETTINGS, ItemKind.TRAIN, BERLIN, HAMBURG)
    assert ride == TravelModel(SETTINGS).ride(Point.of(BERLIN), Point.of(HAMBURG), "rail")
    assert ride is not None and ride.mode == "rail" and ride.minutes > 0 and ride.summary
    assert proposed_ride(SETTINGS, "train", BERLIN, HAMBURG) == ride  # the kind as stored


def test_a_flight_is_the_flight_ride_between_the_airports() -> None:
    ride = proposed_ride(SETTINGS, ItemKind.FLIGHT, BER, MUNICH)
    assert ride == TravelModel(SETTINGS).ride(Point.of(BER), Point.of(MUNICH), "flight")
    assert ride is not None and ride.mode == "flight"


@pytest.mark.parametrize("kind", ["meeting", "meal", "transfer", "free", "other", None,
                                  "lunch"])
def test_kinds_that_do_not_ride_get_no_proposal(kind: str | None) -> None:
    assert proposed_ride(SETTINGS, kind, BERLIN, HAMBURG) is None
    assert ride_mode(kind) is None


def test_a_missing_or_the_same_place_gets_no_proposal() -> None:
    assert proposed_ride(SETTINGS, ItemKind.TRAIN, BERLIN, None) is None
    assert proposed_ride(SETTINGS, ItemKind.TRAIN, None, HAMBURG) is None
    assert proposed_ride(SETTINGS, ItemKind.TRAIN, BERLIN, replace(BERLIN, name="Again")) \
        is None


def test_the_kinds_that_ride_and_their_modes() -> None:
    assert RIDE_MODES[ItemKind.TRAIN] == "rail" and RIDE_MODES[ItemKind.FLIGHT] == "flight"
    assert ItemKind.TRANSFER not in RIDE_MODES  # by road: no timetable
    assert set(RIDE_MODES.values()) <= {"rail", "ferry", "flight"}


def test_the_tours_settings_are_used() -> None:
    """Other settings, another ride: a change of trains priced higher makes a trip that
    needs one longer; the direct ICE Berlin-Hamburg is the timetable's 1 h 43."""
    direct = proposed_ride(SETTINGS, ItemKind.TRAIN, BERLIN, HAMBURG)
    assert direct is not None and (direct.minutes, direct.summary) == (103, "ICE")
    darmstadt = replace(HAMBURG, latitude=49.8725, longitude=8.6294, name="Darmstadt Hbf")
    cologne = replace(HAMBURG, latitude=50.9430, longitude=6.9589, name="Köln Hbf")
    quick, slow = (proposed_ride(replace(SETTINGS, rail_change_min=minutes), ItemKind.TRAIN,
                                 darmstadt, cologne) for minutes in (10.0, 60.0))
    assert quick is not None and slow is not None and slow.minutes > quick.minutes


def test_an_end_known_only_by_its_city_is_a_point_that_says_so() -> None:
    rough = replace(HAMBURG, exact=False)
    assert Point.of(rough) == Point(53.5530, 10.0069, False, PlaceKind.STATION, "Hamburg Hbf")
    assert proposed_ride(SETTINGS, ItemKind.TRAIN, BERLIN, rough) == TravelModel(
        SETTINGS).ride(Point.of(BERLIN), Point.of(rough), "rail")


def test_place_records_are_taken_as_they_are(tmp_path: Path) -> None:
    """The command line passes the tour's Place records."""
    path = tmp_path / "t.ecovisit"
    from datetime import date

    edits.create_tour(path, "T", date(2027, 6, 7), date(2027, 6, 9))
    with TourStore.open(path) as store, store.transaction() as session:
        for spot in (BERLIN, HAMBURG):
            edits.add_record(session, "place", {
                "name": spot.name, "kind": "station", "latitude": spot.latitude,
                "longitude": spot.longitude, "exact": True})
        berlin, hamburg = session.scalars(select(Place).order_by(Place.id)).all()
        assert proposed_ride(SETTINGS, ItemKind.TRAIN, berlin, hamburg) == proposed_ride(
            SETTINGS, ItemKind.TRAIN, BERLIN, HAMBURG)
